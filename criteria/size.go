package criteria

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/engine"
)

// SizeStandard is an SME size standard (中小企业划型标准): industry groups with the lower bounds
// of each class. It is data, loaded from the catalog like the rule sets.
type SizeStandard struct {
	ID     string        `yaml:"id"`
	Title  smetier.Text  `yaml:"title"`
	Doc    string        `yaml:"doc"`
	From   smetier.Date  `yaml:"-"`
	Until  *smetier.Date `yaml:"-"`
	Groups []SizeGroup   `yaml:"groups"`

	// index makes Group a few map lookups instead of a scan of every code; built by validate,
	// which the loader runs, and nil for a standard built by hand (Group then scans).
	index *groupIndex
}

// groupIndex maps each listed code prefix to its group, and each strict prefix of a listed code
// to the groups whose codes extend it.
type groupIndex struct {
	listed map[string]int
	longer map[string][]int
	// section[l] is the group of every code in section 'A'+l when the section is listed whole
	// and nothing in it is listed apart (industry: B, C, D), else −1: most enterprises are
	// manufacturers, and this answers them without a map lookup.
	section [26]int
}

// SizeGroup is one industry group of a size standard.
type SizeGroup struct {
	ID    string       `yaml:"id"`
	Title smetier.Text `yaml:"title"`
	Cite  string       `yaml:"cite"`
	// Codes are GB/T 4754 code prefixes: a section letter, optionally followed by digits.
	Codes []string `yaml:"codes"`
	// Large, Medium and Small are the lower bounds of each class; a class needs all of them.
	Large  Bounds `yaml:"large"`
	Medium Bounds `yaml:"medium"`
	Small  Bounds `yaml:"small"`

	citation string // the standard's document and this group's article, made once by validate
}

// Bounds are the lower bounds of a size class: employees (人), revenue and assets (万元). A nil
// bound is not part of the class's test.
type Bounds struct {
	Employees *int64 `yaml:"employees"`
	Revenue   *int64 `yaml:"revenue"`
	Assets    *int64 `yaml:"assets"`
}

func (b Bounds) empty() bool { return b.Employees == nil && b.Revenue == nil && b.Assets == nil }

func (s *SizeStandard) validate() error {
	if s.ID == "" || s.Doc == "" || len(s.Groups) == 0 {
		return fmt.Errorf("size standard needs id, doc and groups")
	}
	seen := map[string]string{}
	for _, g := range s.Groups {
		if g.ID == "" || g.Cite == "" || len(g.Codes) == 0 {
			return fmt.Errorf("group %q needs id, cite and codes", g.ID)
		}
		if g.Large.empty() || g.Medium.empty() || g.Small.empty() {
			return fmt.Errorf("group %q needs large, medium and small bounds", g.ID)
		}
		for _, c := range g.Codes {
			if !industryPrefix(c) {
				return fmt.Errorf("group %q: %q is not a GB/T 4754 code prefix", g.ID, c)
			}
			if other, dup := seen[c]; dup {
				return fmt.Errorf("code %q is in both %q and %q", c, other, g.ID)
			}
			seen[c] = g.ID
		}
	}
	for i := range s.Groups {
		s.Groups[i].citation = s.Doc + " " + s.Groups[i].Cite
	}
	s.index = newGroupIndex(s.Groups)
	return nil
}

func newGroupIndex(groups []SizeGroup) *groupIndex {
	ix := &groupIndex{listed: map[string]int{}, longer: map[string][]int{}}
	for i, g := range groups {
		for _, c := range g.Codes {
			ix.listed[c] = i
			for n := 1; n < len(c); n++ {
				if q := c[:n]; !slices.Contains(ix.longer[q], i) {
					ix.longer[q] = append(ix.longer[q], i)
				}
			}
		}
	}
	for l := range ix.section {
		ix.section[l] = -1
		letter := string(rune('A' + l))
		if i, ok := ix.listed[letter]; ok && len(ix.longer[letter]) == 0 {
			ix.section[l] = i
		}
	}
	return ix
}

func industryPrefix(c string) bool {
	if len(c) < 1 || len(c) > 5 || c[0] < 'A' || c[0] > 'T' {
		return false
	}
	for _, r := range c[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(c) != 2
}

// Group returns the group for a GB/T 4754 code, or nil when no group has it. For a code too
// short to tell between groups (e.g. "G59" when "G591" is a group of its own) it returns nil and
// ambiguous true.
func (s *SizeStandard) Group(code string) (g *SizeGroup, ambiguous bool) {
	if s.index == nil {
		return s.groupScan(code)
	}
	if code != "" && code[0] >= 'A' && code[0] <= 'Z' {
		if i := s.index.section[code[0]-'A']; i >= 0 {
			return &s.Groups[i], false
		}
	}
	// The longest listed prefix of code decides, unless a listed code that extends code belongs
	// to another group (code is then too coarse to tell).
	longer := s.index.longer[code]
	for n := len(code); n >= 1; n-- {
		best, ok := s.index.listed[code[:n]]
		if !ok {
			continue
		}
		for _, i := range longer {
			if i != best {
				return nil, true
			}
		}
		return &s.Groups[best], false
	}
	return nil, len(longer) > 0
}

// groupScan is Group without the index.
func (s *SizeStandard) groupScan(code string) (g *SizeGroup, ambiguous bool) {
	best := -1
	for i := range s.Groups {
		for _, p := range s.Groups[i].Codes {
			switch {
			case strings.HasPrefix(code, p):
				if best < 0 || len(p) > longestMatch(s.Groups[best], code) {
					best = i
				}
			case strings.HasPrefix(p, code):
				ambiguous = true
			}
		}
	}
	if best < 0 {
		return nil, ambiguous
	}
	// A longer, more specific prefix of another group may still apply.
	for i := range s.Groups {
		for _, p := range s.Groups[i].Codes {
			if len(p) > len(code) && strings.HasPrefix(p, code) && i != best {
				return nil, true
			}
		}
	}
	return &s.Groups[best], false
}

func longestMatch(g SizeGroup, code string) int {
	n := 0
	for _, p := range g.Codes {
		if strings.HasPrefix(code, p) && len(p) > n {
			n = len(p)
		}
	}
	return n
}

// Classify returns the size class of p from the figures of fiscal year fy.
func (s *SizeStandard) Classify(p *smetier.Profile, fy int) smetier.SizeResult {
	res := smetier.SizeResult{Standard: s.ID, Citation: s.Doc, FiscalYear: fy}
	if p.Industry == "" {
		res.Missing = []smetier.Input{{Path: "industry", Label: t("国民经济行业分类代码（GB/T 4754）", "industry code (GB/T 4754)")}}
		return res
	}
	g, ambiguous := s.Group(p.Industry)
	if g == nil {
		if ambiguous {
			res.Missing = []smetier.Input{{Path: "industry", Label: t("更具体的行业代码（需到大类或中类）", "a more specific industry code (division or group)")}}
		} else {
			res.Missing = []smetier.Input{{Path: "industry", Official: true,
				Label: t("该行业不在300号第四条所列行业内，由主管部门参照认定（第六条）", "industry not listed in art. 4 of the size standard; the authority decides by analogy (art. 6)")}}
		}
		return res
	}
	res.Group, res.GroupTitle = g.ID, g.Title
	if res.Citation = g.citation; res.Citation == "" { // a standard built by hand, not loaded
		res.Citation = s.Doc + " " + g.Cite
	}
	fyd := p.Years[fy]
	// The three indicators, in fen for money; nil when not supplied.
	var vals [3]*int64
	if fyd.Employees != nil {
		e := int64(*fyd.Employees)
		vals[0] = &e
	}
	if fyd.OperatingRevenue != nil {
		r := int64(*fyd.OperatingRevenue)
		vals[1] = &r
	}
	if fyd.TotalAssets != nil {
		a := int64(*fyd.TotalAssets)
		vals[2] = &a
	}
	keys := [3]string{"employees", "operating_revenue", "total_assets"}
	units := [3]int64{1, 1_000_000, 1_000_000}
	// meets tells whether the figures reach every bound of a class: no once one is below its
	// bound, else maybe while a figure is missing (naming it), else yes.
	meets := func(b Bounds) cond {
		c := cond{state: yes}
		for k, bound := range [3]*int64{b.Employees, b.Revenue, b.Assets} {
			switch {
			case bound == nil || c.state == no:
			case vals[k] == nil:
				c.state = maybe
				c.miss = append(c.miss, engine.YearInput(fy, keys[k]))
			case *vals[k] < *bound*units[k]:
				c.state, c.miss = no, nil
			}
		}
		c.miss = engine.DedupInputs(c.miss)
		return c
	}
	classes := [...]struct {
		class smetier.SizeClass
		c     cond
	}{{smetier.Large, meets(g.Large)}, {smetier.Medium, meets(g.Medium)}, {smetier.Small, meets(g.Small)}}
	large := classes[0].c
	switch large.state {
	case yes:
		res.SME = new(false)
	case no:
		res.SME = new(true)
	}
	var miss []smetier.Input
	for _, cl := range classes {
		if cl.c.state == yes && miss == nil {
			res.Class = cl.class
			break
		}
		if cl.c.state == maybe {
			miss = append(miss, cl.c.miss...)
		}
	}
	if res.Class == "" && miss == nil {
		res.Class = smetier.Micro
	}
	if res.Class == "" {
		res.Missing = engine.DedupInputs(miss)
	}
	return res
}

// cond is a three-valued condition and the inputs that leave it open.
type cond struct {
	state tri
	miss  []smetier.Input
}

type tri int8

const (
	no tri = iota
	maybe
	yes
)

func t(zh, en string) smetier.Text { return smetier.Text{Zh: zh, En: en} }
