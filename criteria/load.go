package criteria

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/engine"
	"github.com/smetier/smetier/region"
)

// ErrInvalidRule is matched (errors.Is) by every error about a rule file's content.
var ErrInvalidRule = errors.New("invalid rule file")

// LoadError locates a problem in a rule file. It matches ErrInvalidRule.
type LoadError struct {
	File string
	// Line and Column are 1-based positions in File; 0 when unknown.
	Line, Column int
	// Set and Criterion name what was being loaded, when known.
	Set, Criterion string
	Err            error
}

func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Set != "" {
		fmt.Fprintf(&b, "rule set %q: ", e.Set)
	}
	if e.Criterion != "" {
		fmt.Fprintf(&b, "criterion %q: ", e.Criterion)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *LoadError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrInvalidRule) true.
func (e *LoadError) Is(target error) bool { return target == ErrInvalidRule }

// The YAML shapes of rule files. Strict decoding rejects unknown keys, so a misspelt key is an
// error rather than a silently ignored condition.
type fileHead struct {
	Kind string `yaml:"kind"`
}

type ySet struct {
	Kind         string       `yaml:"kind"`
	ID           string       `yaml:"id"`
	Tier         string       `yaml:"tier"`
	Jurisdiction string       `yaml:"jurisdiction"`
	Title        smetier.Text `yaml:"title"`
	Doc          string       `yaml:"doc"`
	Source       smetier.Text `yaml:"source"`
	URL          string       `yaml:"url"`
	From         yDate        `yaml:"from"`
	Until        *yDate       `yaml:"until"`
	Notes        string       `yaml:"notes"`
	Application  string       `yaml:"application"`
	Extends      string       `yaml:"extends"`
	HeldBy       []string     `yaml:"held_by"`
	Program      *yProgram    `yaml:"program"`
	Score        *struct {
		PassMark int `yaml:"pass_mark"`
		Parts    []struct {
			ID      string       `yaml:"id"`
			Title   smetier.Text `yaml:"title"`
			Minimum int          `yaml:"minimum"`
		} `yaml:"parts"`
	} `yaml:"score"`
	Criteria []yCriterion `yaml:"criteria"`
}

// yProgram is the program block of a local program's rule set.
type yProgram struct {
	ID    string       `yaml:"id"`
	Level string       `yaml:"level"`
	After string       `yaml:"after"`
	Title smetier.Text `yaml:"title"`
}

type yCriterion struct {
	ID       string       `yaml:"id"`
	Kind     string       `yaml:"kind"`
	Title    smetier.Text `yaml:"title"`
	Cite     string       `yaml:"cite"`
	Doc      string       `yaml:"doc"`
	Expr     yExpr        `yaml:"expr"`
	Exempts  string       `yaml:"exempts"`
	Part     string       `yaml:"part"`
	Evidence []string     `yaml:"evidence"`
	// Authority gives a score item's points to the authority: a range instead of bands.
	Authority *struct {
		Min   *int         `yaml:"min"`
		Max   *int         `yaml:"max"`
		Label smetier.Text `yaml:"label"`
	} `yaml:"authority"`
	Bands []struct {
		When   yExpr        `yaml:"when"`
		Points int          `yaml:"points"`
		Label  smetier.Text `yaml:"label"`
	} `yaml:"bands"`
	line int
}

// yExpr is a CEL source with its position in the file, for error messages.
type yExpr struct {
	Src          string
	Line, Column int
	// block is true for |/> scalars, whose text starts on the next line.
	block bool
}

func (e *yExpr) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &lineError{n.Line, errors.New("an expression must be a string")}
	}
	e.Src, e.Line, e.Column = n.Value, n.Line, n.Column
	e.block = n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
	return nil
}

type yDate struct{ smetier.Date }

func (d *yDate) UnmarshalYAML(n *yaml.Node) error {
	v, err := smetier.ParseDate(n.Value)
	if err != nil {
		return &lineError{n.Line, err}
	}
	d.Date = v
	return nil
}

// criterionLines returns the line of each item of the top-level criteria list.
func criterionLines(doc *yaml.Node) []int {
	if len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "criteria" {
			var lines []int
			for _, it := range m.Content[i+1].Content {
				lines = append(lines, it.Line)
			}
			return lines
		}
	}
	return nil
}

// Parse reads and compiles one rule set or size standard from data; name is used in errors.
// It is what Load does for each file, for callers that check a single user file.
// A local program's file may read its own program's title with holds(); the titles of other
// programs are known only when the files are loaded together (Load, New).
func Parse(name string, data []byte, opts ...Option) (*RuleSet, *SizeStandard, error) {
	cfg := newConfig(opts)
	env, err := envOf([]ruleFile{{name, data}}, cfg.maxFileBytes)
	if err != nil {
		return nil, nil, err
	}
	return parse(env, name, data, cfg)
}

func parse(env *engine.Env, name string, data []byte, cfg config) (*RuleSet, *SizeStandard, error) {
	costLimit := cfg.costLimit
	fail := func(line int, set, crit string, format string, args ...any) error {
		return &LoadError{File: name, Line: line, Set: set, Criterion: crit, Err: fmt.Errorf(format, args...)}
	}
	if int64(len(data)) > cfg.maxFileBytes {
		return nil, nil, &LoadError{File: name, Err: fmt.Errorf("%w: more than %d bytes", ErrFileTooLarge, cfg.maxFileBytes)}
	}
	// The text is parsed once into a node tree, which gives the head and the criteria's lines;
	// the strict decode below (unknown keys are errors) reads the text a second time because
	// yaml.Node.Decode cannot reject unknown fields.
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, fail(yamlLine(err), "", "", "%s", yamlMessage(err))
	}
	var head fileHead
	if err := doc.Decode(&head); err != nil {
		return nil, nil, fail(yamlLine(err), "", "", "%s", yamlMessage(err))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if head.Kind == "size-standard" {
		var s struct {
			Kind         string `yaml:"kind"`
			SizeStandard `yaml:",inline"`
			From         yDate  `yaml:"from"`
			Until        *yDate `yaml:"until"`
		}
		if err := dec.Decode(&s); err != nil {
			return nil, nil, fail(yamlLine(err), "", "", "%s", yamlMessage(err))
		}
		std := s.SizeStandard
		std.From = s.From.Date
		if s.Until != nil {
			u := s.Until.Date
			std.Until = &u
		}
		if err := std.validate(); err != nil {
			return nil, nil, fail(0, "", "", "size standard %q: %v", s.ID, err)
		}
		if std.From.IsZero() {
			return nil, nil, fail(0, "", "", "size standard %q needs from", s.ID)
		}
		return nil, &std, nil
	}
	if head.Kind == "cases" {
		// Loading skips *_test.yaml, so a case file here is misnamed (or was named explicitly):
		// run silently as a rule set it would fail obscurely, and skipped it would never run.
		if IsTestFile(name) {
			return nil, nil, fail(keyLine(data, "kind"), "", "", "a case file (kind: cases), not a rule file: run it with package ruletest or 'smetier rules --test'")
		}
		return nil, nil, fail(keyLine(data, "kind"), "", "", "a case file (kind: cases) must be named <rule-file>_test.yaml, beside the rule file it tests, to be run and skipped by the loader; rename %s", path.Base(name))
	}
	if head.Kind != "" && head.Kind != "rule-set" {
		return nil, nil, fail(keyLine(data, "kind"), "", "", "unknown kind %q (want rule-set or size-standard)", head.Kind)
	}
	var y ySet
	if err := dec.Decode(&y); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, fail(0, "", "", "empty file")
		}
		return nil, nil, fail(yamlLine(err), "", "", "%s", yamlMessage(err))
	}
	s := &RuleSet{ID: y.ID, Jurisdiction: y.Jurisdiction, Title: y.Title, Doc: y.Doc, Source: y.Source,
		URL: y.URL, From: y.From.Date, Notes: y.Notes, File: name, Application: y.Application, Extends: y.Extends}
	if y.Until != nil {
		u := y.Until.Date
		s.Until = &u
	}
	switch {
	case s.ID == "":
		return nil, nil, fail(0, "", "", "rule set needs an id")
	case s.Doc == "":
		return nil, nil, fail(0, s.ID, "", "rule set needs doc (the document number it encodes)")
	case s.Title.Zh == "" || s.Title.En == "":
		return nil, nil, fail(0, s.ID, "", "rule set needs a title in zh and en")
	case s.From.IsZero():
		return nil, nil, fail(0, s.ID, "", "rule set needs from (the date it comes into force)")
	case s.Until != nil && s.Until.Before(s.From):
		return nil, nil, fail(keyLine(data, "until"), s.ID, "", "until %v is before from %v", s.Until, s.From)
	case len(y.Criteria) == 0 && s.Extends == "":
		return nil, nil, fail(keyLine(data, "criteria"), s.ID, "", "rule set has no criteria")
	case s.Application != "" && s.Application != "first" && s.Application != "renewal":
		return nil, nil, fail(keyLine(data, "application"), s.ID, "", "application %q: want first or renewal (or leave it out for both)", s.Application)
	}
	own := smetier.TitleKind("") // the title the set's tier or program confers
	switch {
	case y.Program != nil && y.Tier != "":
		return nil, nil, fail(keyLine(data, "program"), s.ID, "", "a rule set has either tier (a national tier) or program (a local program), not both")
	case y.Program != nil:
		prog, line, err := checkProgram(y.Program, &doc)
		if err != nil {
			return nil, nil, fail(line, s.ID, "", "program: %v", err)
		}
		prog.Jurisdiction = s.Jurisdiction
		s.Program, own = prog, smetier.TitleKind(prog.ID)
	case y.Tier == "":
		return nil, nil, fail(0, s.ID, "", "rule set needs tier (one of %v) or a program block (a local program)", smetier.Tiers())
	default:
		tier, err := smetier.ParseTier(y.Tier)
		if err != nil {
			return nil, nil, fail(keyLine(data, "tier"), s.ID, "", "%w", err)
		}
		s.Tier, own = tier, tier.TitleKind()
	}
	for _, k := range y.HeldBy {
		switch kind := smetier.TitleKind(k); kind {
		case smetier.TitleTechSME, smetier.TitleInnovativeSME, smetier.TitleSpecializedSME, smetier.TitleLittleGiant, smetier.TitleChampion:
			if kind == own {
				return nil, nil, fail(keyLine(data, "held_by"), s.ID, "", "held_by: %q is the tier's own title, which always counts", k)
			}
			s.HeldBy = append(s.HeldBy, kind)
		default:
			return nil, nil, fail(keyLine(data, "held_by"), s.ID, "", "held_by: unknown title kind %q", k)
		}
	}
	if s.Jurisdiction != region.National {
		r, err := region.Lookup(s.Jurisdiction)
		if err != nil {
			return nil, nil, fail(keyLine(data, "jurisdiction"), s.ID, "", "jurisdiction: %v", err)
		}
		if s.Program != nil {
			if err := checkProgramPlace(s.Program.Level, r); err != nil {
				return nil, nil, fail(keyLine(data, "jurisdiction"), s.ID, "", "%v", err)
			}
		}
	} else if s.Program != nil {
		return nil, nil, fail(keyLine(data, "jurisdiction"), s.ID, "", "jurisdiction: a local program applies in a province, city or district: give its 6-digit division code, not %s", region.National)
	}
	parts := map[string]bool{}
	if y.Score != nil {
		s.Score = &ScoreSpec{PassMark: y.Score.PassMark}
		for _, p := range y.Score.Parts {
			if p.ID == "" || parts[p.ID] {
				return nil, nil, fail(0, s.ID, "", "score part %q: missing or duplicate id", p.ID)
			}
			parts[p.ID] = true
			s.Score.Parts = append(s.Score.Parts, Part{ID: p.ID, Title: p.Title, Minimum: p.Minimum})
		}
	}
	conditions := len(y.Criteria)
	for _, yc := range y.Criteria {
		conditions += len(yc.Bands)
	}
	if conditions > cfg.maxCriteria {
		return nil, nil, fail(keyLine(data, "criteria"), s.ID, "", "%w: %d criteria and score bands, limit %d", ErrTooManyCriteria, conditions, cfg.maxCriteria)
	}
	lines := criterionLines(&doc)
	for i := range y.Criteria {
		if i < len(lines) {
			y.Criteria[i].line = lines[i]
		}
	}
	ids := map[string]bool{}
	for _, yc := range y.Criteria {
		c := &Criterion{ID: yc.ID, Kind: Kind(yc.Kind), Title: yc.Title, Cite: yc.Cite, Doc: yc.Doc, Expr: yc.Expr.Src,
			Exempts: yc.Exempts, Part: yc.Part, set: s}
		bad := func(format string, args ...any) error { return fail(yc.line, s.ID, c.ID, format, args...) }
		switch {
		case c.ID == "":
			return nil, nil, fail(yc.line, s.ID, "", "criterion needs an id")
		case ids[c.ID]:
			return nil, nil, bad("duplicate id")
		case c.Title.Zh == "" || c.Title.En == "":
			return nil, nil, bad("needs a title in zh and en")
		case c.Cite == "":
			return nil, nil, bad("needs cite (the article or item of %s it encodes)", s.Doc)
		}
		ids[c.ID] = true
		switch c.Kind {
		case Gate, Direct, Exemption:
			if c.Expr == "" {
				return nil, nil, bad("a %s needs expr", c.Kind)
			}
		case Judgement:
		case Score:
			if s.Score == nil && s.Extends == "" {
				return nil, nil, bad("a score item needs the set's score section")
			}
			if !parts[c.Part] && s.Extends == "" {
				return nil, nil, bad("part %q is not declared in score.parts", c.Part)
			}
			switch {
			case c.Expr != "":
				return nil, nil, bad("a score item has bands (or an authority range) and no expr")
			case yc.Authority != nil && len(yc.Bands) > 0:
				return nil, nil, bad("a score item has either bands or an authority range, not both")
			case yc.Authority == nil && len(yc.Bands) == 0:
				return nil, nil, bad("a score item needs bands, or an authority range for points only the authority awards")
			}
			if a := yc.Authority; a != nil {
				switch {
				case a.Min == nil || a.Max == nil:
					return nil, nil, bad("authority needs min and max (the range of points the authority may award)")
				case *a.Min < 0 || *a.Max <= *a.Min:
					return nil, nil, bad("authority range %d..%d: want 0 ≤ min < max", *a.Min, *a.Max)
				case a.Label.Zh == "" || a.Label.En == "":
					return nil, nil, bad("authority needs a label in zh and en (who awards the points, for what)")
				}
				c.Authority = &AuthorityPoints{Min: *a.Min, Max: *a.Max, Label: a.Label}
			}
		default:
			return nil, nil, bad("unknown kind %q (want gate, score, direct, exemption or judgement)", yc.Kind)
		}
		if c.Kind != Score && len(yc.Bands) > 0 {
			return nil, nil, bad("only score items have bands")
		}
		if c.Kind != Score && yc.Authority != nil {
			return nil, nil, bad("only score items have an authority range (a judgement criterion is left to the authority already)")
		}
		if c.Expr != "" {
			prg, err := env.Compile(c.Expr, costLimit)
			if err != nil {
				return nil, nil, exprError(name, yc.Expr, s.ID, c.ID, err)
			}
			c.program = engine.NewProgramHandle(prg)
			c.Facts = append(c.Facts, prg.Facts...)
		}
		for _, yb := range yc.Bands {
			if yb.When.Src == "" {
				return nil, nil, bad("every band needs when")
			}
			prg, err := env.Compile(yb.When.Src, costLimit)
			if err != nil {
				return nil, nil, exprError(name, yb.When, s.ID, c.ID, err)
			}
			c.Bands = append(c.Bands, &Band{When: yb.When.Src, Points: yb.Points, Label: yb.Label, program: engine.NewProgramHandle(prg)})
			c.Facts = append(c.Facts, prg.Facts...)
		}
		for _, ev := range yc.Evidence {
			if !env.HasFact(ev) {
				return nil, nil, bad("evidence %q is not a fact%s", ev, engine.SuggestFact(ev))
			}
			c.Facts = append(c.Facts, ev)
		}
		c.Facts = uniq(c.Facts)
		c.citation = s.Doc + " " + c.Cite
		if c.Doc != "" {
			c.citation = c.Doc + " " + c.Cite
		}
		s.Criteria = append(s.Criteria, c)
	}
	critLines := map[string]int{}
	for i, c := range s.Criteria {
		critLines[c.ID] = y.Criteria[i].line
	}
	if s.Extends != "" {
		return s, nil, nil // checked once the parent is known (resolveExtends)
	}
	if err := checkSet(s, critLines); err != nil {
		return nil, nil, err
	}
	return s, nil, nil
}

// checkSet validates what spans criteria: exemptions name gates of the set, and a score section
// has score items whose parts it declares.
func checkSet(s *RuleSet, lines map[string]int) error {
	fail := func(line int, crit, format string, args ...any) error {
		return &LoadError{File: s.File, Line: line, Set: s.ID, Criterion: crit, Err: fmt.Errorf(format, args...)}
	}
	parts := map[string]bool{}
	if s.Score != nil {
		for _, p := range s.Score.Parts {
			parts[p.ID] = true
		}
	}
	scored := false
	for _, c := range s.Criteria {
		line := lines[c.ID]
		switch {
		case c.Kind == Exemption:
			if g := s.Criterion(c.Exempts); g == nil || g.Kind != Gate {
				return fail(line, c.ID, "exempts %q, which is not a gate of this set", c.Exempts)
			}
		case c.Exempts != "":
			return fail(line, c.ID, "only an exemption has exempts")
		case c.Kind == Score:
			scored = true
			if s.Score == nil {
				return fail(line, c.ID, "a score item needs the set's score section")
			}
			if !parts[c.Part] {
				return fail(line, c.ID, "part %q is not declared in score.parts", c.Part)
			}
		}
	}
	if s.Score != nil && !scored {
		return fail(0, "", "score section but no score items")
	}
	if s.Score != nil {
		if err := checkScore(s); err != nil {
			return fail(0, "", "%w", err)
		}
	}
	return nil
}

// Bounds of a score section. Score plans search the combinations of the items' bands, with the
// total and each part's points as the state; these bounds keep that search, and the numbers a
// person reads, within reason. The built-in sets score out of 100 in at most four parts.
const (
	// MaxScoreParts is the most parts a score section may declare.
	MaxScoreParts = 8
	// MaxPassMark bounds a pass mark, a part minimum and a band's points.
	MaxPassMark = 1000
	// maxScoreStates bounds the product of (pass mark + 1) and every (part minimum + 1): the
	// states a score plan may have to tell apart. The built-in sets need about 330 000.
	maxScoreStates = 1 << 22
)

// checkScore validates a score section against its items: numbers in range, and a pass mark and
// part minimums that the items can reach.
func checkScore(s *RuleSet) error {
	sc := s.Score
	switch {
	case len(sc.Parts) == 0:
		return errors.New("score section needs parts")
	case len(sc.Parts) > MaxScoreParts:
		return fmt.Errorf("score section has %d parts, at most %d are supported", len(sc.Parts), MaxScoreParts)
	case sc.PassMark < 1 || sc.PassMark > MaxPassMark:
		return fmt.Errorf("pass_mark %d: want 1 to %d", sc.PassMark, MaxPassMark)
	}
	states := sc.PassMark + 1
	partMax := map[string]int{}
	total := 0
	for _, c := range s.Criteria {
		if c.Kind != Score {
			continue
		}
		for _, b := range c.Bands {
			if b.Points < 0 || b.Points > MaxPassMark {
				return fmt.Errorf("criterion %q: band %q gives %d points: want 0 to %d", c.ID, b.When, b.Points, MaxPassMark)
			}
		}
		partMax[c.Part] += c.MaxPoints()
		total += c.MaxPoints()
	}
	for _, p := range sc.Parts {
		if p.Minimum < 0 || p.Minimum > MaxPassMark {
			return fmt.Errorf("score part %q: minimum %d: want 0 to %d", p.ID, p.Minimum, MaxPassMark)
		}
		if p.Minimum > partMax[p.ID] {
			return fmt.Errorf("score part %q: minimum %d is more than its items can give (%d)", p.ID, p.Minimum, partMax[p.ID])
		}
		states *= p.Minimum + 1
		if states > maxScoreStates {
			return fmt.Errorf("pass mark and part minimums too fine-grained for score plans: (pass_mark+1)×Π(minimum+1) exceeds %d; use coarser points", maxScoreStates)
		}
	}
	if sc.PassMark > total {
		return fmt.Errorf("pass_mark %d is more than the items can give (%d)", sc.PassMark, total)
	}
	return nil
}

// resolveExtends gives every set that extends another its parent's criteria and score. The
// parent's criteria are shared, not copied: they are immutable and keep citing their own
// document.
func resolveExtends(sets []*RuleSet) error {
	byID := make(map[string]*RuleSet, len(sets))
	for _, s := range sets {
		byID[s.ID] = s
	}
	done := map[string]bool{}
	var resolve func(s *RuleSet, seen map[string]bool) error
	resolve = func(s *RuleSet, seen map[string]bool) error {
		if s.Extends == "" || done[s.ID] {
			return nil
		}
		fail := func(format string, args ...any) error {
			return &LoadError{File: s.File, Set: s.ID, Err: fmt.Errorf(format, args...)}
		}
		if seen[s.ID] {
			return fail("extends itself through %q", s.Extends)
		}
		seen[s.ID] = true
		parent := byID[s.Extends]
		if parent == nil {
			return fail("extends %q, which is not loaded", s.Extends)
		}
		switch {
		case s.Program == nil && parent.Program != nil:
			return fail("extends %q, a local program's set (%s): a tier's set extends a set of its tier", s.Extends, parent.Program.ID)
		case s.Program == nil && parent.Tier != s.Tier:
			return fail("extends %q, a set of another tier (%s)", s.Extends, parent.Tier)
		case s.Program != nil && parent.Program != nil && parent.Program.ID != s.Program.ID:
			return fail("extends %q, a set of another program (%s)", s.Extends, parent.Program.ID)
		}
		if err := resolve(parent, seen); err != nil {
			return err
		}
		own := map[string]*Criterion{}
		for _, c := range s.Criteria {
			own[c.ID] = c
		}
		merged := make([]*Criterion, 0, len(parent.Criteria)+len(s.Criteria))
		for _, c := range parent.Criteria {
			if o, ok := own[c.ID]; ok {
				merged = append(merged, o)
				delete(own, c.ID)
			} else {
				merged = append(merged, c)
			}
		}
		for _, c := range s.Criteria {
			if _, ok := own[c.ID]; ok {
				merged = append(merged, c)
			}
		}
		s.Criteria = merged
		if s.Score == nil {
			s.Score = parent.Score
		}
		if s.HeldBy == nil && parent.Key() == s.Key() {
			// Titles that count as holding the parent's tier count for the same tier only: a
			// program that borrows a tier's criteria does not confer that tier's equivalents.
			s.HeldBy = parent.HeldBy
		}
		done[s.ID] = true
		return checkSet(s, nil)
	}
	for _, s := range sets {
		if err := resolve(s, map[string]bool{}); err != nil {
			return err
		}
	}
	return nil
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

var (
	yamlLineRe = regexp.MustCompile(`line ([0-9]+):`)
	yamlTypeRe = regexp.MustCompile(` in type [A-Za-z0-9_.*\[\]]+`)
)

// lineError is an error of one of the rule file's own YAML values, at its line. yaml passes
// it through unchanged, so the line is kept as a number rather than written into the text.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return e.err.Error() }
func (e *lineError) Unwrap() error { return e.err }

// yamlLine returns the line of a YAML error: a lineError's, or the first a YAML message names,
// or 0.
func yamlLine(err error) int {
	var le *lineError
	if errors.As(err, &le) {
		return le.line
	}
	if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// yamlMessage is a YAML error without the library's prefix or Go type names, which mean
// nothing to the author of a rule file.
func yamlMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
	// The error's position is LoadError's (yamlLine): not said twice.
	if loc := yamlLineRe.FindStringIndex(msg); loc != nil && loc[0] == 0 {
		msg = strings.TrimPrefix(msg[loc[1]:], " ")
	}
	return yamlTypeRe.ReplaceAllString(msg, "")
}

// keyLine returns the line of a top-level key, or 0.
func keyLine(data []byte, key string) int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 0
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

// exprError maps a CEL compile error to the rule file's line and column.
func exprError(file string, e yExpr, set, crit string, err error) error {
	if errors.Is(err, engine.ErrCostLimit) {
		err = costLimitError{err}
	}
	le := &LoadError{File: file, Line: e.Line, Column: e.Column, Set: set, Criterion: crit, Err: err}
	var ce *engine.CompileError
	if errors.As(err, &ce) && ce.Line > 0 {
		if e.block {
			le.Line, le.Column = e.Line+ce.Line, 0
		} else if ce.Line == 1 {
			le.Column = e.Column + ce.Col
		}
	}
	return le
}

// IsTestFile reports whether name is a rule-file test case file (<rule-file>_test.yaml or
// _test.yml), which Load skips: cases sit beside the rules they test and are run by package
// ruletest, not compiled as rules.
func IsTestFile(name string) bool {
	base := path.Base(name)
	return strings.HasSuffix(base, "_test.yaml") || strings.HasSuffix(base, "_test.yml")
}

// ruleFile is a rule file's name and content.
type ruleFile struct {
	name string
	data []byte
}

// readFS reads every *.yaml file under the root of fsys, in path order, except test case files.
func readFS(fsys fs.FS, cfg config) ([]ruleFile, error) {
	var files []ruleFile
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || (path.Ext(p) != ".yaml" && path.Ext(p) != ".yml") || IsTestFile(p) {
			return nil
		}
		data, err := readLimited(fsys, p, cfg.maxFileBytes)
		if err != nil {
			return err
		}
		files = append(files, ruleFile{p, data})
		return nil
	})
	return files, err
}

// parseFiles parses and compiles files, in order, writing each to version (see Catalog.Version).
func parseFiles(env *engine.Env, files []ruleFile, cfg config, version io.Writer) ([]*RuleSet, []*SizeStandard, error) {
	var sets []*RuleSet
	var stds []*SizeStandard
	for _, f := range files {
		s, std, err := parse(env, f.name, f.data, cfg)
		if err != nil {
			return nil, nil, err
		}
		writeVersion(version, f.name, f.data)
		if s != nil {
			sets = append(sets, s)
		}
		if std != nil {
			stds = append(stds, std)
		}
	}
	return sets, stds, nil
}

// envOf finds the local programs the files define, before any expression is compiled, so
// that every file's rules can read every program's title: a first, lenient pass over the
// files that only looks at program blocks. What it skips (a malformed file or program id) the
// full parse reports.
func envOf(files []ruleFile, maxFileBytes int64) (*engine.Env, error) {
	var ids []string
	titles := map[string]smetier.Text{}
	for _, f := range files {
		if int64(len(f.data)) > maxFileBytes || !bytes.Contains(f.data, []byte("program:")) {
			continue
		}
		var head struct {
			Program *yProgram `yaml:"program"`
		}
		if yaml.Unmarshal(f.data, &head) != nil || head.Program == nil || checkProgramID(head.Program.ID) != nil {
			continue
		}
		if _, seen := titles[head.Program.ID]; !seen {
			ids = append(ids, head.Program.ID)
			titles[head.Program.ID] = head.Program.Title
		}
	}
	sort.Strings(ids)
	return engine.NewEnv(ids, titles)
}

// checkProgramID checks a program id's shape and that it names no national tier or built-in
// title kind: a program id is also a title kind, so it must not be mistaken for one.
func checkProgramID(id string) error {
	if !programIDRe.MatchString(id) {
		return fmt.Errorf("id %q: want lower-case letters, digits and _, starting with a letter (e.g. sd_gazelle)", id)
	}
	if smetier.TitleKind(id).Builtin() {
		return fmt.Errorf("id %q is a national tier or built-in title kind; a local program needs its own id (e.g. prefixed by its place: sd_, hb_, wuhan_)", id)
	}
	return nil
}

var programIDRe = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// checkProgram validates a program block; on error it returns the line of the faulty key.
func checkProgram(y *yProgram, doc *yaml.Node) (*smetier.ProgramRef, int, error) {
	line := func(key string) int { return programKeyLine(doc, key) }
	if y.ID == "" {
		return nil, line(""), errors.New("needs an id (e.g. sd_gazelle)")
	}
	if err := checkProgramID(y.ID); err != nil {
		return nil, line("id"), err
	}
	p := &smetier.ProgramRef{ID: y.ID, Title: y.Title, Level: smetier.Level(y.Level)}
	switch p.Level {
	case smetier.Provincial, smetier.Municipal, smetier.District:
	case "":
		return nil, line(""), errors.New("needs level: provincial, municipal or district")
	default:
		return nil, line("level"), fmt.Errorf("level %q: want provincial, municipal or district", y.Level)
	}
	switch y.After {
	case "", "none":
	default:
		t, err := smetier.ParseTier(y.After)
		if err != nil {
			return nil, line("after"), fmt.Errorf("after %q: want the national tier the program sits directly above (one of %v) or none", y.After, smetier.Tiers())
		}
		p.After = t
	}
	if p.Title.Zh == "" || p.Title.En == "" {
		return nil, line("title"), errors.New("needs a title in zh and en (the name of the title it awards)")
	}
	return p, 0, nil
}

// checkProgramPlace checks that a program's level fits its jurisdiction: a provincial program
// belongs to a province or a 计划单列市 (which acts at provincial level), a municipal one to a
// city or to one of the four municipalities directly under the central government, a district
// one to a district or county.
func checkProgramPlace(level smetier.Level, r region.Region) error {
	ok := false
	switch level {
	case smetier.Provincial:
		ok = r.ProvincialLevel()
	case smetier.Municipal:
		ok = r.Level == region.City || r.Level == region.Province && municipalities[r.Code]
	case smetier.District:
		ok = r.Level == region.County
	}
	if !ok {
		return fmt.Errorf("jurisdiction %s (%s, a %s) does not fit a %s program", r.Code, r.Name.Zh, r.Level, level)
	}
	return nil
}

// municipalities are the four 直辖市, provinces that are also cities.
var municipalities = map[string]bool{"110000": true, "120000": true, "310000": true, "500000": true}

// programKeyLine returns the line of key in the top-level program block, or of the block
// itself when key is "" or absent; 0 when there is no block.
func programKeyLine(doc *yaml.Node, key string) int {
	if len(doc.Content) == 0 {
		return 0
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != "program" {
			continue
		}
		b := m.Content[i+1]
		for j := 0; key != "" && j+1 < len(b.Content); j += 2 {
			if b.Content[j].Value == key {
				return b.Content[j].Line
			}
		}
		return m.Content[i].Line
	}
	return 0
}

// readLimited reads a file, but no more than one byte beyond limit: enough for parse to report
// the file as too large without holding all of it.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
}

// ErrCostLimit is matched (errors.Is) by a load error for an expression whose estimated cost is
// above the limit (see CostLimit).
var ErrCostLimit = errors.New("rule exceeds the cost limit")

// costLimitError is a compile error over the cost limit: it matches ErrCostLimit, which the
// compiler (in package engine, which cannot import this one) does not know.
type costLimitError struct{ error }

func (e costLimitError) Unwrap() []error { return []error{e.error, ErrCostLimit} }
