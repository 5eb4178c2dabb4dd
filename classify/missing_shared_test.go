package classify_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

// The engine shares the missing-input lists of facts between criteria and, for per-year figures,
// between classifications (engine.Observer.Eval); a report gets copies. Writing over every
// missing input of one criterion must change that criterion only, and writing over a whole
// report must not show in the next classification.
func TestReportMissingInputsAreTheReportsOwn(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	ctx := context.Background()
	// Figures of one year only, no IP list details: many criteria lack the same inputs.
	sparse := func() *smetier.Profile {
		p := t26Base()
		p.Years = map[int]smetier.FiscalYear{2025: {OperatingRevenue: t26money(10000)}}
		p.Segment, p.MainProduct = nil, nil
		for i := range p.IP {
			p.IP[i].MainProduct, p.IP[i].AppliedWithBenefit = nil, nil
		}
		return p
	}
	opts := []classify.CallOption{classify.AsOf(smetier.MustDate("2026-06-15"))}
	encode := func(r *smetier.Report) string {
		b, err := json.Marshal(r)
		require.NoError(t, err)
		return string(b)
	}
	first, err := eng.Classify(ctx, sparse(), opts...)
	require.NoError(t, err)
	want := encode(first)

	// One criterion scribbled over: only its own inputs change.
	scribbled := 0
	for _, v := range first.Rungs() {
		for k := range v.Criteria {
			if c := &v.Criteria[k]; scribbled == 0 && len(c.Missing) > 0 {
				for i := range c.Missing {
					c.Missing[i].Path = "scribbled"
				}
				scribbled = len(c.Missing)
			}
		}
	}
	require.NotZero(t, scribbled)
	require.Equal(t, scribbled, strings.Count(encode(first), `"scribbled"`))

	// The whole report scribbled over: the next classification is as the first was.
	for _, v := range first.Rungs() {
		for i := range v.Missing {
			v.Missing[i] = smetier.Input{Path: "scribbled"}
		}
		for k := range v.Criteria {
			for i := range v.Criteria[k].Missing {
				v.Criteria[k].Missing[i] = smetier.Input{Path: "scribbled"}
			}
		}
	}
	again, err := eng.Classify(ctx, sparse(), opts...)
	require.NoError(t, err)
	require.Equal(t, want, encode(again))
	sum, err := eng.Summarize(ctx, sparse(), opts...)
	require.NoError(t, err)
	b, err := json.Marshal(sum)
	require.NoError(t, err)
	require.NotContains(t, string(b), "scribbled")
}
