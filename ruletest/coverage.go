package ruletest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
)

// SetCoverage says how thoroughly the cases exercised one rule set: for each of the set's own
// criteria (not those it inherits through extends, which its parent's cases cover), which
// outcomes were seen in the cases judged under it.
type SetCoverage struct {
	Set *criteria.RuleSet
	// Cases is the number of cases judged under the set.
	Cases    int
	Criteria []CriterionCoverage
}

// CriterionCoverage is what the cases saw of one criterion.
type CriterionCoverage struct {
	ID   string
	Kind criteria.Kind
	// Passed and Failed count the cases in which the criterion held and did not hold (a gate
	// waived by an exemption did not hold). Points lists, for a score item, the points given,
	// ascending and without repeats.
	Passed, Failed int
	Points         []int
	// Gap says what no case has shown yet, e.g. "never fails"; empty when covered.
	Gap string
}

// Covered reports whether every criterion with a condition was seen on both sides.
func (s *SetCoverage) Covered() bool {
	if s.Cases == 0 {
		return false
	}
	for _, c := range s.Criteria {
		if c.Gap != "" {
			return false
		}
	}
	return true
}

// Gaps lists what the cases have not shown yet: "no case is judged under this set", or one
// entry per criterion, "rd.ratio: never fails".
func (s *SetCoverage) Gaps() []string {
	if s.Cases == 0 {
		return []string{"no case is judged under this set"}
	}
	var out []string
	for _, c := range s.Criteria {
		if c.Gap != "" {
			out = append(out, c.ID+": "+c.Gap)
		}
	}
	return out
}

// Coverage reports, for every rule set of cat, which outcomes of its own criteria the cases of r
// showed, in the catalog's order. A criterion with a condition (a gate, exemption or direct-pass
// criterion, or a judgement with an expression) is covered when some case saw it hold and some
// case saw it not hold; a score item when every band was reached and, unless its last band
// always holds, no band too. Cases that could not be judged count for nothing.
//
// That is the mechanical half of "both sides of every threshold": whether the cases sit on the
// edge (以上 includes the number) is for the author to write and the reviewer to read.
func (r *Result) Coverage(cat *criteria.Catalog) []SetCoverage {
	type seen struct {
		pass, fail int
		points     []int
	}
	bySet := map[string]map[string]*seen{}
	cases := map[string]int{}
	for i := range r.Cases {
		rep := r.Cases[i].Report
		if rep == nil {
			continue
		}
		for _, v := range rep.Rungs() { // national tiers and local programs
			if v.RuleSet == nil {
				continue
			}
			cases[v.RuleSet.ID]++
			m := bySet[v.RuleSet.ID]
			if m == nil {
				m = map[string]*seen{}
				bySet[v.RuleSet.ID] = m
			}
			for k := range v.Criteria {
				cr := &v.Criteria[k]
				s := m[cr.ID]
				if s == nil {
					s = &seen{}
					m[cr.ID] = s
				}
				switch cr.Outcome {
				case smetier.Pass:
					s.pass++
				case smetier.Fail, smetier.Exempt:
					s.fail++
				case smetier.Judgement:
					if cr.Kind == string(criteria.Judgement) {
						s.fail++ // its expression did not settle it
					}
				}
				if cr.Points != nil && !slices.Contains(s.points, *cr.Points) {
					s.points = append(s.points, *cr.Points)
				}
			}
		}
	}
	var out []SetCoverage
	for _, set := range cat.Sets() {
		sc := SetCoverage{Set: set, Cases: cases[set.ID]}
		var parent *criteria.RuleSet
		if set.Extends != "" {
			parent = cat.Set(set.Extends)
		}
		for _, c := range set.Criteria {
			if parent != nil && parent.Criterion(c.ID) == c {
				continue // inherited: the parent's cases cover it
			}
			cc := CriterionCoverage{ID: c.ID, Kind: c.Kind}
			if s := bySet[set.ID][c.ID]; s != nil {
				cc.Passed, cc.Failed = s.pass, s.fail
				cc.Points = slices.Clone(s.points)
				slices.Sort(cc.Points)
			}
			cc.Gap = gap(c, cc)
			sc.Criteria = append(sc.Criteria, cc)
		}
		out = append(out, sc)
	}
	return out
}

// gap says which side of criterion c no case has shown.
func gap(c *criteria.Criterion, cc CriterionCoverage) string {
	switch {
	case c.Kind == criteria.Score:
		var want []int
		catchAll := false
		for _, b := range c.Bands {
			if !slices.Contains(want, b.Points) {
				want = append(want, b.Points)
			}
			catchAll = catchAll || strings.TrimSpace(b.When) == "true"
		}
		if !catchAll && !slices.Contains(want, 0) {
			want = append(want, 0)
		}
		var missing []string
		for _, p := range want {
			if !slices.Contains(cc.Points, p) {
				missing = append(missing, fmt.Sprint(p))
			}
		}
		if len(missing) > 0 {
			return "never gives " + strings.Join(missing, ", ") + " points"
		}
		return ""
	case c.Expr == "":
		return "" // a judgement left wholly to the authority: nothing to compute
	case cc.Passed == 0 && cc.Failed == 0:
		return "never decided"
	case cc.Failed == 0 && c.Kind == criteria.Judgement:
		return "never left to the authority"
	case cc.Failed == 0:
		return "never fails"
	case cc.Passed == 0:
		return "never holds"
	}
	return ""
}
