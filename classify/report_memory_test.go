package classify_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

// A call cuts its verdicts' lists (failed, judgement and error ids, missing inputs, direct
// passes, rule set references, score parts) out of arrays it shares between them, and a verdict's score
// points out of the catalog's bands while it works. A report is still the caller's to modify:
// appending to one verdict's list must leave every other verdict as it was, and writing over
// every list, reference, point and band of a report must not show in the next classification.
func TestReportListsAreEachVerdictsOwn(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	ctx := context.Background()
	encode := func(v any) string {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		return string(b)
	}
	for _, mode := range []struct {
		name string
		opts []classify.CallOption
	}{
		{"full", nil},
		{"verdicts-only", []classify.CallOption{classify.VerdictsOnly()}},
		{"gaps-only", []classify.CallOption{classify.GapsOnly()}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			opts := append([]classify.CallOption{classify.AsOf(smetier.MustDate("2026-06-15"))}, mode.opts...)
			lists := 0
			for _, p := range benchProfiles(t) {
				rep, err := eng.Classify(ctx, p, opts...)
				require.NoError(t, err)
				want := encode(rep)
				rungs := rep.Rungs()
				before := make([]string, len(rungs))
				for i, v := range rungs {
					before[i] = encode(v)
				}
				for i, v := range rungs {
					for _, l := range []*[]string{&v.Failed, &v.Judgement, &v.Errors} {
						if len(*l) > 0 {
							*l = append(*l, "appended")
							lists++
						}
					}
					if len(v.Missing) > 0 {
						v.Missing = append(v.Missing, smetier.Input{Path: "appended"})
						lists++
					}
					if v.Score != nil && len(v.Score.Parts) > 0 {
						v.Score.Parts = append(v.Score.Parts, smetier.PartScore{ID: "appended"})
						lists++
					}
					if v.Score != nil && len(v.Score.DirectPass) > 0 {
						v.Score.DirectPass = append(v.Score.DirectPass, "appended")
						lists++
					}
					before[i] = encode(v) // with what was appended to it
					for j, w := range rungs {
						if j != i {
							require.Equal(t, before[j], encode(w), "appending to %s changed %s", v.Key(), w.Key())
						}
					}
				}
				// Everything written over: the next classification does not see it.
				for _, v := range rungs {
					for _, l := range [][]string{v.Failed, v.Judgement, v.Errors} {
						for k := range l {
							l[k] = "scribbled"
						}
					}
					for k := range v.Missing {
						v.Missing[k] = smetier.Input{Path: "scribbled"}
					}
					if v.RuleSet != nil {
						*v.RuleSet = smetier.RuleSetRef{ID: "scribbled"}
					}
					for k := range v.Criteria {
						if c := &v.Criteria[k]; c.Points != nil {
							*c.Points, *c.Band = -1, smetier.Text{Zh: "scribbled", En: "scribbled"}
						}
					}
				}
				again, err := eng.Classify(ctx, p, opts...)
				require.NoError(t, err)
				require.Equal(t, want, encode(again))
			}
			require.NotZero(t, lists, "no verdict had a list to append to")
		})
	}
}
