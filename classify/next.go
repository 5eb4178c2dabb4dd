package classify

import (
	"slices"

	"github.com/smetier/smetier"
)

// nextQuestions ranks the missing inputs of the report's open verdicts; see smetier.Question.
func nextQuestions(r *smetier.Report) []smetier.Question {
	var qs []smetier.Question
	at := map[string]int{} // input path → index in qs
	for _, v := range rungs(r) {
		if !v.Covered || len(v.Missing) == 0 || (v.Status != smetier.NeedsData && v.Status != smetier.NeedsJudgement) {
			continue
		}
		for _, m := range v.Missing {
			i, ok := at[m.Path]
			if !ok {
				i = len(qs)
				at[m.Path] = i
				qs = append(qs, smetier.Question{Input: m})
			}
			q := &qs[i]
			q.Verdicts = append(q.Verdicts, verdictKey(v))
			q.Settles++
			if len(v.Missing) == 1 {
				q.Decides++
			}
		}
		for _, c := range v.Criteria {
			if c.Outcome != smetier.Unknown && c.Outcome != smetier.Judgement {
				continue
			}
			for _, m := range c.Missing {
				if i, ok := at[m.Path]; ok {
					qs[i].Criteria++
				}
			}
		}
	}
	// A stable sort keeps first appearance as the last tie-break.
	slices.SortStableFunc(qs, func(a, b smetier.Question) int {
		switch {
		case a.Official != b.Official:
			if a.Official {
				return 1
			}
			return -1
		case a.Settles != b.Settles:
			return b.Settles - a.Settles
		case a.Decides != b.Decides:
			return b.Decides - a.Decides
		}
		return b.Criteria - a.Criteria
	})
	return qs
}

// rungs returns every verdict of the report, tiers and local programs, in ladder order.
func rungs(r *smetier.Report) []*smetier.Verdict { return r.Rungs() }

// verdictKey names a verdict: its tier or program id.
func verdictKey(v *smetier.Verdict) string { return v.Key() }
