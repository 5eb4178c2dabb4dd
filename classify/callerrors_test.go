package classify_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/region"
)

// TestCallErrors holds Classify and Summarize to the errors their docs list: each is an input that cannot be
// judged at all, matched with errors.Is, and never a report.
func TestCallErrors(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	asOf := classify.AsOf(smetier.MustDate("2026-06-15"))
	for name, tc := range map[string]struct {
		ctx     context.Context
		p       *smetier.Profile
		opts    []classify.CallOption
		is      error  // matched with errors.Is, when set
		message string // contained in the message, when set
	}{
		"nil profile":       {p: nil, opts: []classify.CallOption{asOf}, is: smetier.ErrInvalidProfile},
		"invalid profile":   {p: &smetier.Profile{Region: "440305", Industry: "nonsense"}, opts: []classify.CallOption{asOf}, is: smetier.ErrInvalidProfile},
		"no region":         {p: &smetier.Profile{}, opts: []classify.CallOption{asOf}, is: classify.ErrNoRegion},
		"unknown region":    {p: &smetier.Profile{}, opts: []classify.CallOption{asOf, classify.In("990000")}, is: region.ErrUnknownRegion},
		"unknown Only name": {p: &smetier.Profile{Region: "440305"}, opts: []classify.CallOption{asOf, classify.Only("gazelle_everywhere")}, is: classify.ErrUnknownRung},
		"AsOf not a day":    {p: &smetier.Profile{Region: "440305"}, opts: []classify.CallOption{classify.AsOf(smetier.NewDate(2026, 2, 30))}, is: classify.ErrInvalidAsOf, message: "2026-02-30"},
		"AsOf month 13":     {p: &smetier.Profile{Region: "440305"}, opts: []classify.CallOption{classify.AsOf(smetier.NewDate(2026, 13, 1))}, is: classify.ErrInvalidAsOf},
		"unknown declared":  {p: &smetier.Profile{Region: "440305"}, opts: []classify.CallOption{asOf, classify.Declare(smetier.Declaration{Criterion: "little_giant/nonsense", Met: new(true), By: smetier.BySelf})}, is: smetier.ErrInvalidProfile},
		"unknown title":     {p: &smetier.Profile{Region: "440305", Titles: []smetier.Title{{Kind: "xx_unknown_program"}}}, opts: []classify.CallOption{asOf}, is: smetier.ErrInvalidProfile},
		"cancelled context": {ctx: cancelled, p: &smetier.Profile{Region: "440305"}, opts: []classify.CallOption{asOf}, is: context.Canceled},
	} {
		t.Run(name, func(t *testing.T) {
			ctx := tc.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			rep, err := eng.Classify(ctx, tc.p, tc.opts...)
			require.Error(t, err)
			require.Nil(t, rep)
			if tc.is != nil {
				require.True(t, errors.Is(err, tc.is), "%v does not match %v", err, tc.is)
			}
			if tc.message != "" {
				require.ErrorContains(t, err, tc.message)
			}
			// Summarize takes the same options and fails the same way.
			sum, serr := eng.Summarize(ctx, tc.p, tc.opts...)
			require.Nil(t, sum)
			require.EqualError(t, serr, err.Error())
			if tc.is != nil {
				require.True(t, errors.Is(serr, tc.is), "%v does not match %v", serr, tc.is)
			}
		})
	}
}
