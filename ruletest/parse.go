package ruletest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/wire"
	"github.com/smetier/smetier/region"
)

// ErrInvalidCase is matched (errors.Is) by every error about a case file's content.
var ErrInvalidCase = errors.New("invalid case file")

// CaseError locates a problem in a case file. It matches ErrInvalidCase.
type CaseError struct {
	File string
	// Line and Column are 1-based positions in File; 0 when unknown.
	Line, Column int
	// Case is the name of the case the problem is in, when known.
	Case string
	Err  error
}

func (e *CaseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Case != "" {
		fmt.Fprintf(&b, "case %q: ", e.Case)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *CaseError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrInvalidCase) true.
func (e *CaseError) Is(target error) bool { return target == ErrInvalidCase }

// NoVerdict is the expected status of a tier or program that has no rule set in force for the
// case's place and date (e.g. a program on the day after its until date).
const NoVerdict smetier.Status = "none"

// File is a parsed case file.
type File struct {
	// Name is the file's name as given to Parse (its path in the FS for Run).
	Name  string
	Cases []*Case
}

// Case is one test case: a profile judged at a place and date, and what the verdicts must be.
type Case struct {
	// Name is the case's name, unique in its file.
	Name string
	// Line is the line of the case in its file.
	Line int
	// AsOf is the date of judgement (classify.AsOf).
	AsOf smetier.Date
	// Region is the jurisdiction to judge in; empty means the profile's region.
	Region string
	// Renewal judges a renewal (复核) application (classify.Renewal).
	Renewal bool
	// Profile is defaults with the case's profile merged over it, decoded strictly.
	Profile *smetier.Profile
	// Expect lists the expected verdicts in the order written.
	Expect []Expectation

	file    string
	profile *value // for the lines of fields a validation error names
}

// Expectation is the expected verdict for one tier or program.
type Expectation struct {
	// Key is a tier name (specialized_sme) or a local program id (sd_gazelle).
	Key string
	// Line is where the expectation is written in the case file.
	Line int
	// Status is one of the four statuses, or NoVerdict.
	Status smetier.Status
	// Failed and Missing, when non-nil, are the exact sets of failed criterion ids and missing
	// input paths ([] means none); nil means not checked.
	Failed, Missing []string
}

var keyRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Parse reads one case file; name is used in errors. The YAML is read strictly: an unknown or
// repeated key, a wrong type, a duplicate case name, an unknown status or a profile field the
// profile decoder rejects is a *CaseError naming the file, line and case.
func Parse(name string, data []byte) (*File, error) {
	fail := func(line, col int, cs, format string, args ...any) error {
		return &CaseError{File: name, Line: line, Column: col, Case: cs, Err: fmt.Errorf(format, args...)}
	}
	at := func(err error, cs string) error {
		var pe *posError
		if errors.As(err, &pe) {
			return &CaseError{File: name, Line: pe.line, Column: pe.col, Case: cs, Err: errors.New(pe.msg)}
		}
		return &CaseError{File: name, Case: cs, Err: err}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail(0, 0, "", "empty file")
		}
		return nil, fail(yamlLine(err), 0, "", "%s", yamlMessage(err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fail(extra.Line, 0, "", "one YAML document per case file (found a second one)")
	}
	if len(doc.Content) == 0 {
		return nil, fail(0, 0, "", "empty file")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fail(root.Line, root.Column, "", "a case file is a mapping with kind, defaults and cases")
	}
	top, err := members(root, "kind", "defaults", "cases")
	if err != nil {
		return nil, at(err, "")
	}
	kind := top["kind"]
	switch {
	case kind == nil:
		return nil, fail(1, 0, "", "kind: cases is missing")
	case kind.Kind != yaml.ScalarNode || kind.Value != "cases":
		return nil, fail(kind.Line, kind.Column, "", "kind %q: a case file has kind: cases", kind.Value)
	}
	var defaults *value
	if n := top["defaults"]; n != nil {
		if n.Kind != yaml.MappingNode {
			return nil, fail(n.Line, n.Column, "", "defaults must be a profile fragment (a mapping)")
		}
		budget := maxValues
		if defaults, err = fromYAML(n, 0, &budget); err != nil {
			return nil, at(err, "")
		}
	}
	list := top["cases"]
	if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		line := 0
		if list != nil {
			line = list.Line
		}
		return nil, fail(line, 0, "", "cases must be a non-empty list")
	}
	f := &File{Name: name}
	seen := map[string]int{}
	for _, n := range list.Content {
		c, err := parseCase(name, n, defaults)
		if err != nil {
			return nil, at(err, caseName(n))
		}
		if prev, dup := seen[c.Name]; dup {
			return nil, fail(c.Line, 0, c.Name, "case name used twice (first at line %d): names must be unique in a file", prev)
		}
		seen[c.Name] = c.Line
		f.Cases = append(f.Cases, c)
	}
	return f, nil
}

// caseName returns the name a malformed case gives itself, for its error.
func caseName(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "name" && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

var caseKeys = []string{"name", "as_of", "region", "renewal", "profile", "expect", "failed", "missing"}

func parseCase(file string, n *yaml.Node, defaults *value) (*Case, error) {
	if n.Kind != yaml.MappingNode {
		return nil, posErrorf(n, "a case is a mapping with %s", strings.Join(caseKeys, ", "))
	}
	m, err := members(n, caseKeys...)
	if err != nil {
		return nil, err
	}
	c := &Case{Line: n.Line, file: file}
	if c.Name, err = str(n, m, "name", true); err != nil {
		return nil, err
	}
	asOf, err := str(n, m, "as_of", true)
	if err != nil {
		return nil, err
	}
	if c.AsOf, err = smetier.ParseDate(asOf); err != nil {
		return nil, posErrorf(m["as_of"], "as_of: %v", err)
	}
	if c.Region, err = str(n, m, "region", false); err != nil {
		return nil, err
	}
	if c.Region != "" {
		if _, err := region.Lookup(c.Region); err != nil {
			return nil, posErrorf(m["region"], "region: %s", strings.TrimPrefix(err.Error(), "region: "))
		}
	}
	if r := m["renewal"]; r != nil {
		if r.Kind != yaml.ScalarNode || r.ShortTag() != "!!bool" {
			return nil, posErrorf(r, "renewal: want true or false")
		}
		_ = r.Decode(&c.Renewal)
	}
	var own *value
	if p := m["profile"]; p != nil {
		if p.Kind != yaml.MappingNode {
			return nil, posErrorf(p, "profile must be a profile fragment (a mapping)")
		}
		budget := maxValues
		if own, err = fromYAML(p, 0, &budget); err != nil {
			return nil, err
		}
	}
	c.profile = merge(defaults, own)
	if c.profile == nil {
		c.profile = &value{line: n.Line, kind: objectValue, fields: map[string]*value{}}
	}
	var js bytes.Buffer
	c.profile.json(&js)
	c.Profile, err = wire.DecodeProfile(js.Bytes())
	if err != nil {
		return nil, c.profileError(err)
	}
	if err := c.parseExpect(n, m); err != nil {
		return nil, err
	}
	return c, nil
}

// profileError turns a profile decoding or validation error into a positioned one: the line of
// the first field it names, and every field's path and message.
func (c *Case) profileError(err error) error {
	var ve *smetier.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) == 0 {
		return &posError{line: c.Line, msg: "profile: " + err.Error()}
	}
	parts := make([]string, len(ve.Fields))
	for i, f := range ve.Fields {
		parts[i] = f.Error()
	}
	return &posError{line: c.profile.lineOf(ve.Fields[0].Path), msg: "profile: " + strings.Join(parts, "; ")}
}

func (c *Case) parseExpect(n *yaml.Node, m map[string]*yaml.Node) error {
	ex := m["expect"]
	if ex == nil {
		return posErrorf(n, "expect is missing: give the expected status of at least one tier or program")
	}
	if ex.Kind != yaml.MappingNode || len(ex.Content) == 0 {
		return posErrorf(ex, "expect must map tier names or program ids to statuses")
	}
	byKey := map[string]*Expectation{}
	for i := 0; i+1 < len(ex.Content); i += 2 {
		k, v := ex.Content[i], ex.Content[i+1]
		if !keyRe.MatchString(k.Value) {
			return posErrorf(k, "expect: %q is not a tier name or program id", k.Value)
		}
		if byKey[k.Value] != nil {
			return posErrorf(k, "expect: %s repeated", k.Value)
		}
		st := smetier.Status(v.Value)
		switch {
		case v.Kind != yaml.ScalarNode:
			return posErrorf(v, "expect: %s: want a status", k.Value)
		case st != smetier.Qualified && st != smetier.NotQualified && st != smetier.NeedsData && st != smetier.NeedsJudgement && st != NoVerdict:
			return posErrorf(v, "expect: %s: unknown status %q (want qualified, not_qualified, needs_data, needs_judgement or none)", k.Value, v.Value)
		}
		c.Expect = append(c.Expect, Expectation{Key: k.Value, Line: k.Line, Status: st})
		byKey[k.Value] = &c.Expect[len(c.Expect)-1]
	}
	// byKey points into c.Expect, which no longer grows.
	for i := range c.Expect {
		byKey[c.Expect[i].Key] = &c.Expect[i]
	}
	for _, field := range []string{"failed", "missing"} {
		sets := m[field]
		if sets == nil {
			continue
		}
		if sets.Kind != yaml.MappingNode {
			return posErrorf(sets, "%s must map tier names or program ids to lists", field)
		}
		for i := 0; i+1 < len(sets.Content); i += 2 {
			k, v := sets.Content[i], sets.Content[i+1]
			e := byKey[k.Value]
			switch {
			case e == nil:
				return posErrorf(k, "%s: %s has no expected status in expect", field, k.Value)
			case e.Status == NoVerdict:
				return posErrorf(k, "%s: %s is expected to have no verdict", field, k.Value)
			case v.Kind != yaml.SequenceNode:
				return posErrorf(v, "%s: %s: want a list ([] for none)", field, k.Value)
			}
			list := []string{}
			for _, it := range v.Content {
				if it.Kind != yaml.ScalarNode || it.Value == "" {
					return posErrorf(it, "%s: %s: want a list of names", field, k.Value)
				}
				if slices.Contains(list, it.Value) {
					return posErrorf(it, "%s: %s: %s listed twice", field, k.Value, it.Value)
				}
				list = append(list, it.Value)
			}
			if field == "failed" {
				if e.Failed != nil {
					return posErrorf(k, "failed: %s repeated", k.Value)
				}
				e.Failed = list
			} else {
				if e.Missing != nil {
					return posErrorf(k, "missing: %s repeated", k.Value)
				}
				e.Missing = list
			}
		}
	}
	return nil
}

// members returns the values of a mapping by key, rejecting keys not in allowed and repeated
// keys.
func members(n *yaml.Node, allowed ...string) (map[string]*yaml.Node, error) {
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(allowed, k.Value) {
			return nil, posErrorf(k, "unknown key %q (want %s)", k.Value, strings.Join(allowed, ", "))
		}
		if out[k.Value] != nil {
			return nil, posErrorf(k, "key %q repeated", k.Value)
		}
		out[k.Value] = n.Content[i+1]
	}
	return out, nil
}

// str returns the scalar under key, or an error when it is required and absent or not a scalar.
func str(parent *yaml.Node, m map[string]*yaml.Node, key string, required bool) (string, error) {
	v := m[key]
	switch {
	case v == nil && required:
		return "", posErrorf(parent, "%s is missing", key)
	case v == nil:
		return "", nil
	case v.Kind != yaml.ScalarNode || v.Value == "":
		return "", posErrorf(v, "%s: want a non-empty string", key)
	}
	return v.Value, nil
}

var yamlLineRe = regexp.MustCompile(`line ([0-9]+): ?`)

// yamlLine returns the first line number a YAML error names, or 0.
func yamlLine(err error) int {
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// yamlMessage is a YAML error without the library's prefix or the line, which the error's
// position already gives.
func yamlMessage(err error) string {
	return yamlLineRe.ReplaceAllString(strings.TrimPrefix(err.Error(), "yaml: "), "")
}
