package classify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

// summaryLangs and summaryGapCounts are the lang and n of Summary(lang, n) the oracle tries: both
// languages and each alone; all gaps, none, one, a few, more than any rung has.
var (
	summaryLangs     = []string{"", "zh", "en"}
	summaryGapCounts = []int{-1, 0, 1, 3, 100}
)

// checkSummarize holds Summarize to its definition: for every lang and n, Summarize(opts...) trimmed
// to (lang, n) deep-equals Classify(opts..., GapsOnly()).Summary(lang, n), and an error of
// either is the other's. Summarize alone also gets extra, options that must make no difference
// to it. It returns whether the call succeeded.
func checkSummarize(t *testing.T, eng *classify.Engine, p *smetier.Profile, opts []classify.CallOption, what string, extra ...classify.CallOption) bool {
	t.Helper()
	ctx := context.Background()
	rep, err := eng.Classify(ctx, p, append(slices.Clip(opts), classify.GapsOnly())...)
	opts = append(slices.Clip(opts), extra...)
	sum, serr := eng.Summarize(ctx, p, opts...)
	if err != nil {
		require.Error(t, serr, what)
		require.Nil(t, sum, what)
		require.Equal(t, err.Error(), serr.Error(), what)
		return false
	}
	require.NoError(t, serr, what)
	require.Equal(t, rep.Summary("", -1), sum, what)
	for _, lang := range summaryLangs {
		for _, n := range summaryGapCounts {
			c := *sum // Trim changes the gaps in place
			c.Gaps = slices.Clone(sum.Gaps)
			require.Equal(t, rep.Summary(lang, n), c.Trim(lang, n), "%s, lang %q, %d gaps", what, lang, n)
		}
	}
	return true
}

// summaryProfiles reads every sample profile, places included, by file name.
func summaryProfiles(t *testing.T) map[string]*smetier.Profile {
	t.Helper()
	out := map[string]*smetier.Profile{}
	for _, pattern := range []string{"../testdata/profiles/*.json", "../testdata/profiles/places/*.json"} {
		files, err := filepath.Glob(pattern)
		require.NoError(t, err)
		require.NotEmpty(t, files, pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			var p smetier.Profile
			require.NoError(t, json.Unmarshal(data, &p), f)
			out[filepath.Base(f)] = &p
		}
	}
	return out
}

// TestSummarizeMatchesClassify is the oracle: every sample profile, in its own region and in
// every jurisdiction the catalog has rule sets for, on dates under both national regimes (the
// 2026 measures took effect on 2026-04-01), first applications and renewals.
func TestSummarizeMatchesClassify(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	places := []string{""} // the profile's own region
	for _, s := range eng.Catalog().Sets() {
		if !slices.Contains(places, s.Jurisdiction) {
			places = append(places, s.Jurisdiction)
		}
	}
	places = append(places, "440305", "370212") // districts under a 计划单列市
	dates := []string{"2022-06-15", "2025-06-15", "2026-03-31", "2026-04-01", "2027-06-15"}
	ok := 0
	for name, p := range summaryProfiles(t) {
		for _, place := range places {
			for _, d := range dates {
				for _, renewal := range []bool{false, true} {
					opts := []classify.CallOption{classify.AsOf(smetier.MustDate(d)), classify.Renewal(renewal)}
					if place != "" {
						opts = append(opts, classify.In(place))
					}
					if checkSummarize(t, eng, p, opts, fmt.Sprintf("%s in %q on %s, renewal %v", name, place, d, renewal)) {
						ok++
					}
				}
			}
		}
	}
	require.Positive(t, ok)
}

// TestSummarizeOptions covers the options that shape a report: Only and OnlyPrograms (a subset,
// out of ladder order, repeated, programs named where they are or are not in force), Declare
// (declarations that settle the next rung's judgement criteria, and one that names no criterion),
// WithReceipt, and VerdictsOnly or GapsOnly, which make no difference.
func TestSummarizeOptions(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	cat := eng.Catalog()
	var programs []string
	for _, pr := range cat.Programs() {
		programs = append(programs, pr.ID)
	}
	only := [][]classify.CallOption{
		{classify.Only(smetier.LittleGiant)},
		{classify.Only(smetier.Champion, smetier.Specialized)},
		{classify.Only(smetier.Specialized, smetier.Specialized, smetier.Innovative)},
		{classify.OnlyPrograms(programs...)},
		{classify.Only(smetier.Innovative), classify.OnlyPrograms(programs[0])},
		{classify.WithReceipt()},
		{classify.Declare(smetier.Declaration{Criterion: "little_giant/no.such.criterion", Met: new(true), By: smetier.BySelf})},
	}
	for _, pr := range programs {
		only = append(only, []classify.CallOption{classify.OnlyPrograms(pr)})
	}
	declared := 0
	for name, p := range summaryProfiles(t) {
		for _, d := range []string{"2025-06-15", "2026-06-15"} {
			for _, extra := range only {
				opts := append([]classify.CallOption{classify.AsOf(smetier.MustDate(d))}, extra...)
				checkSummarize(t, eng, p, opts, fmt.Sprintf("%s on %s, %d options", name, d, len(opts)))
			}
			// VerdictsOnly and GapsOnly make no difference to a summary (though VerdictsOnly
			// leaves the ladder out of Classify's report).
			for _, extra := range [][]classify.CallOption{{classify.VerdictsOnly()}, {classify.GapsOnly()}, {classify.VerdictsOnly(), classify.GapsOnly()}} {
				opts := []classify.CallOption{classify.AsOf(smetier.MustDate(d)), classify.WithReceipt()}
				checkSummarize(t, eng, p, opts, fmt.Sprintf("%s on %s, %d extra options", name, d, len(extra)), extra...)
			}
			// Declarations: settle each rung's judgement criteria, the authority's and the
			// enterprise's own, so that the ladder moves and the next rung's gaps change.
			rep, err := eng.Classify(context.Background(), p, classify.AsOf(smetier.MustDate(d)), classify.VerdictsOnly())
			require.NoError(t, err)
			for _, by := range []smetier.JudgementBy{smetier.ByAuthority, smetier.BySelf} {
				var decls []smetier.Declaration
				for _, v := range rep.Rungs() {
					for _, id := range v.Judgement {
						if c := cat.Set(v.RuleSet.ID).Criterion(id); c != nil && c.Kind == criteria.Judgement && !hasJudgement(p, v.Key(), id) {
							decls = append(decls, smetier.Declaration{Criterion: v.Key() + "/" + id, Met: new(true), By: by})
						}
					}
				}
				if len(decls) == 0 {
					continue
				}
				declared++
				opts := []classify.CallOption{classify.AsOf(smetier.MustDate(d)), classify.Declare(decls...)}
				require.True(t, checkSummarize(t, eng, p, opts, fmt.Sprintf("%s on %s, declared by %s: %v", name, d, by, decls)))
			}
		}
	}
	require.Positive(t, declared, "no declaration was tried")
}

// hasJudgement reports whether p declares the criterion itself: declaring it again is an error.
func hasJudgement(p *smetier.Profile, key, id string) bool {
	for _, d := range p.Judgements {
		if set, c, _ := d.Ref(); c == id && set == key {
			return true
		}
	}
	return false
}

// TestSummarizeRandomProfiles is the oracle over generated profiles (property_test.go's
// generator, with and without holes), from several goroutines at once: Summarize shares the
// engine's recycled buffers with Classify.
func TestSummarizeRandomProfiles(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(20261201, 14))
	type job struct {
		p    *smetier.Profile
		opts []classify.CallOption
	}
	var jobs []job
	for i := range 100 {
		p := randomProfile(r, i%2 == 0)
		d := []string{"2025-06-15", "2026-03-31", "2026-06-15"}[i%3]
		for _, place := range []string{"440305", "370200", "420100"} {
			jobs = append(jobs, job{p, []classify.CallOption{classify.AsOf(smetier.MustDate(d)), classify.Renewal(i%4 == 0), classify.In(place)}})
		}
	}
	want := make([]*smetier.Summary, len(jobs))
	for i, j := range jobs {
		rep, err := eng.Classify(context.Background(), j.p, append(j.opts, classify.GapsOnly())...)
		require.NoError(t, err)
		want[i] = rep.Summary("", -1)
	}
	var wg sync.WaitGroup
	fails := make([]string, 4)
	for g := range 4 {
		wg.Go(func() {
			for k := range jobs {
				i := (k*7 + g) % len(jobs)
				got, err := eng.Summarize(context.Background(), jobs[i].p, jobs[i].opts...)
				if err != nil {
					fails[g] = fmt.Sprintf("job %d: %v", i, err)
					return
				}
				if !reflect.DeepEqual(want[i], got) {
					a, _ := json.Marshal(want[i])
					b, _ := json.Marshal(got)
					fails[g] = fmt.Sprintf("job %d differs\nclassify:  %s\nsummarize: %s", i, a, b)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, f := range fails {
		require.Empty(t, f)
	}
}
