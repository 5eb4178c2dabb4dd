package classify

import (
	"fmt"
	"strings"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
)

// Declare settles criteria the rules leave to the authority with declarations passed with the
// call, as the profile's judgements do (see smetier.Declaration). They are checked the same
// way; errors name them declare[i]. A criterion may be declared only once, in the profile or
// here.
func Declare(ds ...smetier.Declaration) CallOption {
	return func(c *call) { c.declared = append(c.declared, ds...) }
}

// declarable reports whether c can be settled by a declaration: a judgement criterion, or a
// score item whose points the authority awards.
func declarable(c *criteria.Criterion) bool {
	return c.Kind == criteria.Judgement || c.Kind == criteria.Score && c.Authority != nil
}

// declarations resolves the profile's and the call's declarations against the rule sets in
// force for the place, date and application kind, by rule-set id. A declaration naming no
// criterion of those sets, or one that is decided from data, makes the profile invalid.
func (e *Engine) declarations(p *smetier.Profile, c *call, chain []string) (map[string]map[string]*smetier.Declaration, error) {
	if len(p.Judgements) == 0 && len(c.declared) == 0 {
		return nil, nil
	}
	if err := smetier.CheckDeclarations("declare", c.declared); err != nil {
		return nil, err
	}
	var inForce []*criteria.RuleSet
	for _, t := range smetier.Tiers() {
		if s := e.cat.SelectApplication(chain, t, c.asOf, c.renewal); s != nil {
			inForce = append(inForce, s)
		}
	}
	// Local programs' criteria are declared by program id, as tiers' by tier name.
	inForce = append(inForce, e.cat.SelectPrograms(chain, c.asOf, c.renewal)...)
	out := map[string]map[string]*smetier.Declaration{}
	var errs []*smetier.FieldError
	resolve := func(field string, ds []smetier.Declaration) {
		for i := range ds {
			d := &ds[i]
			path := fmt.Sprintf("%s[%d].", field, i)
			ref, id, _ := d.Ref()
			var set *criteria.RuleSet
			for _, s := range inForce {
				if s.Key() == ref || e.extends(s, ref) {
					set = s
				}
			}
			if set == nil {
				var names []string
				for _, s := range inForce {
					names = append(names, s.ID+" ("+s.Key()+")")
				}
				errs = append(errs, &smetier.FieldError{Path: path + "criterion", Msg: fmt.Sprintf(
					"%q names no rule set in force here on %s; in force: %s", ref, c.asOf, strings.Join(names, ", "))})
				continue
			}
			cr := set.Criterion(id)
			switch {
			case cr == nil:
				errs = append(errs, &smetier.FieldError{Path: path + "criterion", Msg: fmt.Sprintf(
					"rule set %s has no criterion %q", set.ID, id)})
				continue
			case !declarable(cr):
				errs = append(errs, &smetier.FieldError{Path: path + "criterion", Msg: fmt.Sprintf(
					"%s of rule set %s is a %s criterion, decided from the profile's data: only judgement criteria and score items the authority awards can be declared", id, set.ID, cr.Kind)})
				continue
			case cr.Kind == criteria.Judgement && d.Met == nil:
				errs = append(errs, &smetier.FieldError{Path: path + "met", Msg: fmt.Sprintf("%s is a judgement: declare met (true or false), not points", id)})
				continue
			case cr.Kind == criteria.Score && d.Points == nil:
				errs = append(errs, &smetier.FieldError{Path: path + "points", Msg: fmt.Sprintf(
					"%s is a score item the authority awards %d–%d points: declare points, not met", id, cr.Authority.Min, cr.Authority.Max)})
				continue
			case cr.Kind == criteria.Score && (*d.Points < cr.Authority.Min || *d.Points > cr.Authority.Max):
				errs = append(errs, &smetier.FieldError{Path: path + "points", Msg: fmt.Sprintf(
					"%d is outside %s's range %d–%d", *d.Points, id, cr.Authority.Min, cr.Authority.Max)})
				continue
			}
			if out[set.ID] == nil {
				out[set.ID] = map[string]*smetier.Declaration{}
			}
			if _, dup := out[set.ID][id]; dup {
				errs = append(errs, &smetier.FieldError{Path: path + "criterion", Msg: fmt.Sprintf("%s of rule set %s is declared twice", id, set.ID)})
				continue
			}
			out[set.ID][id] = d
		}
	}
	resolve("judgements", p.Judgements)
	resolve("declare", c.declared)
	if len(errs) > 0 {
		return nil, &smetier.ValidationError{Fields: errs}
	}
	return out, nil
}

// applyDeclaration settles a judgement criterion or an authority score item as declared. A
// declaration takes the place of whatever the data said: the authority's decision is final,
// and the enterprise's own is what it asks to be judged on.
func applyDeclaration(cr *crit, d *smetier.Declaration) {
	cr.declared, cr.missing, cr.err = d, nil, nil
	if d.Points != nil {
		p := *d.Points
		label := smetier.Text{Zh: "主管部门评定", En: "awarded by the authority"}
		if d.By == smetier.BySelf {
			label = smetier.Text{Zh: "企业自行声明", En: "self-declared"}
		}
		cr.points, cr.band, cr.minPoints, cr.maxPoints, cr.outcome = &p, &label, p, p, smetier.Pass
		return
	}
	cr.outcome = smetier.Fail
	if *d.Met {
		cr.outcome = smetier.Pass
	}
}

// selfDeclared lists in v.SelfDeclared the criteria settled by the enterprise's own
// declarations that v's status rests on, and marks a settled verdict resting on any as
// provisional. A qualified verdict rests on every self-declared criterion it passed; a
// not-qualified one only when all its failures are self-declared (another failure makes it
// final whatever the authority decides).
func selfDeclared(v *smetier.Verdict, cs []crit) {
	var self []string
	selfFail := map[string]bool{}
	selfScore := false
	for i := range cs {
		d := cs[i].declared
		if d == nil || d.By != smetier.BySelf {
			continue
		}
		self = append(self, cs[i].c.ID)
		if cs[i].outcome == smetier.Fail {
			selfFail[cs[i].c.ID] = true
		}
		if cs[i].kind == score {
			selfScore = true
		}
	}
	if len(self) == 0 {
		return
	}
	switch v.Status {
	case smetier.Qualified:
		if v.Score != nil && v.Score.Outcome == smetier.Waived && selfScore {
			// A direct-pass criterion met the score requirement: the score items do not count.
			var rest []string
			for i := range cs {
				if d := cs[i].declared; d != nil && d.By == smetier.BySelf && cs[i].kind != score {
					rest = append(rest, cs[i].c.ID)
				}
			}
			self = rest
		}
		if len(self) == 0 {
			return
		}
		v.SelfDeclared = self
	case smetier.NotQualified:
		for _, f := range v.Failed {
			if !selfFail[f] && !(f == "score" && selfScore) {
				return // a failure of its own: final
			}
		}
		v.SelfDeclared = self
	default:
		v.SelfDeclared = self // informative: the verdict is open anyway
		return
	}
	v.Provisional = true
}

// extends reports whether s is the rule set with id ref, or extends it (directly or through
// another set): a declaration naming the national set reaches the local set that extends it.
func (e *Engine) extends(s *criteria.RuleSet, ref string) bool {
	for depth := 0; s != nil && depth < 16; depth++ {
		if s.ID == ref {
			return true
		}
		if s.Extends == "" {
			return false
		}
		s = e.cat.Set(s.Extends)
	}
	return false
}
