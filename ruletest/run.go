package ruletest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/wire"
)

// Result is the outcome of every case run.
type Result struct {
	Cases []CaseResult
}

// Passed is the number of cases that passed.
func (r *Result) Passed() int {
	n := 0
	for i := range r.Cases {
		if r.Cases[i].Passed() {
			n++
		}
	}
	return n
}

// Failed is the number of cases that failed.
func (r *Result) Failed() int { return len(r.Cases) - r.Passed() }

// CaseResult is the outcome of one case.
type CaseResult struct {
	// File, Line and Name locate the case (Case.Line, Case.Name).
	File string
	Line int
	Name string
	// Mismatches lists every expectation the report did not meet, in the order written.
	Mismatches []Mismatch
	// Err is set when the case could not be judged at all (e.g. the profile is invalid or
	// names no region); the case then fails.
	Err error
	// Report is the engine's full answer, nil when Err is set.
	Report *smetier.Report
}

// Passed reports whether the case was judged and met every expectation.
func (c *CaseResult) Passed() bool { return c.Err == nil && len(c.Mismatches) == 0 }

// String is one line: file:line: case "name": what failed, or ok.
func (c *CaseResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: case %q: ", c.File, c.Line, c.Name)
	switch {
	case c.Err != nil:
		b.WriteString(c.Err.Error())
	case len(c.Mismatches) == 0:
		b.WriteString("ok")
	default:
		for i, m := range c.Mismatches {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(m.Message)
		}
	}
	return b.String()
}

// Mismatch is one expectation the report did not meet.
type Mismatch struct {
	// Key is the tier name or program id; Line is where its expectation is written.
	Key  string `json:"key"`
	Line int    `json:"line"`
	// Message says what was wanted and what the engine gave, e.g.
	// `little_giant: want qualified, got not_qualified (failed: [revenue])`.
	Message string `json:"message"`
}

// Run runs every case file (*_test.yaml) under the root of fsys against eng (nil: an engine
// over the built-in catalog), files in path order and cases in file order. A malformed case
// file does not stop the others: its *CaseError is in the returned error (errors.Join of every
// such problem), and the cases of the well-formed files are in the result. The error also
// reports an FS that cannot be read or a context that ended; the result is then partial.
func Run(ctx context.Context, eng *classify.Engine, fsys fs.FS) (*Result, error) {
	if eng == nil {
		var err error
		if eng, err = classify.New(); err != nil {
			return nil, err
		}
	}
	files, errs := parseFS(fsys)
	res := &Result{}
	for _, f := range files {
		rs, err := f.Run(ctx, eng)
		res.Cases = append(res.Cases, rs...)
		if err != nil {
			return res, err
		}
	}
	return res, errors.Join(errs...)
}

// ParseFS parses every case file (*_test.yaml) under the root of fsys, in path order. A
// malformed file does not stop the others: the error joins every file's *CaseError (and any
// error reading fsys), and the well-formed files are returned.
func ParseFS(fsys fs.FS) ([]*File, error) {
	files, errs := parseFS(fsys)
	return files, errors.Join(errs...)
}

// parseFS parses every case file under the root of fsys, in path order.
func parseFS(fsys fs.FS) ([]*File, []error) {
	names, err := caseFiles(fsys)
	if err != nil {
		return nil, []error{err}
	}
	var files []*File
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err == nil {
			var f *File
			if f, err = Parse(name, data); err == nil {
				files = append(files, f)
				continue
			}
		}
		errs = append(errs, err)
	}
	return files, errs
}

// caseFiles lists the case files under the root of fsys, in path order.
func caseFiles(fsys fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && criteria.IsTestFile(p) {
			names = append(names, p)
		}
		return nil
	})
	return names, err
}

// Run judges every case of f with eng. The error is the context's, when it ends; every other
// problem is in the case's result.
func (f *File) Run(ctx context.Context, eng *classify.Engine) ([]CaseResult, error) {
	out := make([]CaseResult, 0, len(f.Cases))
	for _, c := range f.Cases {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		out = append(out, c.run(ctx, eng))
	}
	return out, nil
}

func (c *Case) run(ctx context.Context, eng *classify.Engine) CaseResult {
	r := CaseResult{File: c.file, Line: c.Line, Name: c.Name}
	// A full report, not VerdictsOnly: its per-criterion outcomes are what Coverage counts, and
	// at a few hundred microseconds a case it costs nothing a person would notice.
	opts := []classify.CallOption{classify.AsOf(c.AsOf), classify.Renewal(c.Renewal)}
	if c.Region != "" {
		opts = append(opts, classify.In(c.Region))
	}
	rep, err := eng.Classify(ctx, c.Profile, opts...)
	if err != nil {
		r.Err = c.classifyError(err)
		return r
	}
	r.Report = rep
	for _, e := range c.Expect {
		if msg := check(rep, e); msg != "" {
			r.Mismatches = append(r.Mismatches, Mismatch{Key: e.Key, Line: e.Line, Message: msg})
		}
	}
	return r
}

// classifyError explains why the engine refused a case, naming the line of the first profile
// field at fault.
func (c *Case) classifyError(err error) error {
	if errors.Is(err, classify.ErrNoRegion) {
		return errors.New("no region: set region in the case, or in the profile (defaults)")
	}
	var ve *smetier.ValidationError
	if errors.As(err, &ve) && len(ve.Fields) > 0 {
		msg := wire.Describe(err).Message
		if line := c.profile.lineOf(ve.Fields[0].Path); line != c.Line {
			msg = fmt.Sprintf("%s (line %d)", msg, line)
		}
		return errors.New(msg)
	}
	return errors.New(wire.Describe(err).Message)
}

// verdict finds the verdict for a tier name or program id; nil when there is none here.
func verdict(rep *smetier.Report, key string) *smetier.Verdict {
	for _, v := range rep.Rungs() {
		if v.Key() == key && v.Covered {
			return v
		}
	}
	return nil
}

// present lists the keys that have a verdict in rep.
func present(rep *smetier.Report) []string {
	var keys []string
	for _, v := range rep.Rungs() {
		if v.Covered {
			keys = append(keys, v.Key())
		}
	}
	return keys
}

// check returns what is wrong with rep for expectation e, or "".
func check(rep *smetier.Report, e Expectation) string {
	v := verdict(rep, e.Key)
	if v == nil {
		if e.Status == NoVerdict {
			return ""
		}
		there := "none"
		if keys := present(rep); len(keys) > 0 {
			there = strings.Join(keys, ", ")
		}
		return fmt.Sprintf("%s: want %s, but no verdict for %s here (verdicts here: %s)", e.Key, e.Status, e.Key, there)
	}
	failed := v.Failed
	missing := make([]string, len(v.Missing))
	for i, in := range v.Missing {
		missing[i] = in.Path
	}
	var probs, ctx []string
	if v.Status != e.Status {
		probs = append(probs, fmt.Sprintf("want %s, got %s", e.Status, v.Status))
	}
	// The context says what the verdict rests on, without repeating a list already compared.
	if e.Failed != nil && !sameSet(e.Failed, failed) {
		probs = append(probs, fmt.Sprintf("failed: want %s, got %s", list(e.Failed), list(failed)))
	} else if len(failed) > 0 {
		ctx = append(ctx, "failed: "+short(failed))
	}
	if e.Missing != nil && !sameSet(e.Missing, missing) {
		probs = append(probs, fmt.Sprintf("missing: want %s, got %s", list(e.Missing), list(missing)))
	} else if len(missing) > 0 {
		ctx = append(ctx, "missing: "+short(missing))
	}
	if len(probs) == 0 {
		return ""
	}
	if len(v.Judgement) > 0 {
		ctx = append(ctx, "judgement: "+short(v.Judgement))
	}
	if v.RuleSet != nil {
		ctx = append(ctx, "rule set "+v.RuleSet.ID)
	}
	msg := e.Key + ": " + strings.Join(probs, ", ")
	if len(ctx) > 0 {
		msg += " (" + strings.Join(ctx, ", ") + ")"
	}
	return msg
}

func list(ss []string) string { return "[" + strings.Join(ss, " ") + "]" }

// short is list for context, cut after a few names: a not_qualified verdict on a sparse profile
// can miss dozens of inputs, which would drown the line.
func short(ss []string) string {
	const max = 5
	if len(ss) <= max {
		return list(ss)
	}
	return fmt.Sprintf("[%s … +%d]", strings.Join(ss[:max], " "), len(ss)-max)
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, s := range a {
		if !slices.Contains(b, s) {
			return false
		}
	}
	return true
}
