package classify_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

// benchProfile is the realistic profile of the quickstart: three years of figures, IP rights,
// titles, an official score.
func benchProfile() *smetier.Profile { return t26Base() }

// BenchmarkClassify measures one full report (every tier, every criterion explained), verdicts
// only, and, side by side, the same rules hand-written in plain Go (baseline_test.go): the speed
// limit the engine is measured against (target: within 10×). The engine's "baseline-scope" run
// answers exactly the baseline's question (the two 2026 tiers, statuses and missing inputs);
// "baseline-unchecked" is the bare arithmetic of those rules, which is not a usable classifier.
func BenchmarkClassify(b *testing.B) {
	p := benchProfile()
	asOf := smetier.MustDate("2026-06-15")
	for _, bc := range []struct {
		name string
		opts []classify.CallOption
	}{
		{"engine", nil},
		{"engine-verdicts-only", []classify.CallOption{classify.VerdictsOnly()}},
		{"engine-gaps-only", []classify.CallOption{classify.GapsOnly()}},
		{"engine-baseline-scope", []classify.CallOption{classify.VerdictsOnly(), classify.Only(smetier.Specialized, smetier.LittleGiant)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			eng, err := classify.New()
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			opts := append([]classify.CallOption{classify.AsOf(asOf)}, bc.opts...)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eng.Classify(ctx, p, opts...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// engine-summarize is the compact view (--view summary, view=summary over HTTP) without a
	// report: verdicts only, and the next rung's gaps.
	b.Run("engine-summarize", func(b *testing.B) {
		eng, err := classify.New()
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := eng.Summarize(ctx, p, classify.AsOf(asOf)); err != nil {
				b.Fatal(err)
			}
		}
	})
	// engine-gaps-only-mix is the screening path (screen: every tier and program, GapsOnly) over
	// every profile in testdata/profiles, places included, each judged in its own region: one op
	// is one profile, taken in turn. engine-summarize-mix is the summary of the same calls,
	// engine-verdicts-only-mix what a summary cannot cost less than.
	for _, bc := range []struct {
		name string
		run  func(*classify.Engine, context.Context, *smetier.Profile) error
	}{
		{"engine-gaps-only-mix", func(eng *classify.Engine, ctx context.Context, p *smetier.Profile) error {
			_, err := eng.Classify(ctx, p, classify.AsOf(asOf), classify.GapsOnly())
			return err
		}},
		{"engine-summarize-mix", func(eng *classify.Engine, ctx context.Context, p *smetier.Profile) error {
			_, err := eng.Summarize(ctx, p, classify.AsOf(asOf))
			return err
		}},
		{"engine-verdicts-only-mix", func(eng *classify.Engine, ctx context.Context, p *smetier.Profile) error {
			_, err := eng.Classify(ctx, p, classify.AsOf(asOf), classify.VerdictsOnly())
			return err
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			eng, err := classify.New()
			if err != nil {
				b.Fatal(err)
			}
			profiles := benchProfiles(b)
			ctx := context.Background()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if err := bc.run(eng, ctx, profiles[i%len(profiles)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if v := baseline2026(p, asOf); v[0].Status != smetier.NeedsJudgement || v[1].Status != smetier.Qualified {
				b.Fatal("baseline disagrees with the engine")
			}
		}
	})
	// ratio runs the engine's baseline-scope call and the baseline in alternation and reports how
	// many times slower the engine is: on a shared machine whose speed drifts between runs, the
	// ratio of two interleaved timings is steadier than the ratio of two separate benchmarks.
	b.Run("ratio", func(b *testing.B) {
		eng, err := classify.New()
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		opts := []classify.CallOption{classify.AsOf(asOf), classify.VerdictsOnly(), classify.Only(smetier.Specialized, smetier.LittleGiant)}
		const reps = 10 // baseline calls per engine call, so that both timed blocks are microseconds long
		var engine, base time.Duration
		for b.Loop() {
			t0 := time.Now()
			if _, err := eng.Classify(ctx, p, opts...); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			for range reps {
				if v := baseline2026(p, asOf); v[1].Status != smetier.Qualified {
					b.Fatal("baseline disagrees with the engine")
				}
			}
			engine, base = engine+t1.Sub(t0), base+time.Since(t1)
		}
		b.ReportMetric(float64(engine)*reps/float64(base), "x-baseline")
	})
	b.Run("baseline-unchecked", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if baselineUnchecked(p, asOf) != [2]smetier.Status{smetier.NeedsJudgement, smetier.Qualified} {
				b.Fatal("baseline disagrees with the engine")
			}
		}
	})
}

// benchProfiles reads every profile of testdata/profiles and testdata/profiles/places, in
// file-name order.
func benchProfiles(tb testing.TB) []*smetier.Profile {
	tb.Helper()
	var out []*smetier.Profile
	for _, pattern := range []string{"../testdata/profiles/*.json", "../testdata/profiles/places/*.json"} {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			tb.Fatalf("%s: %v, %d files", pattern, err, len(files))
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			var p smetier.Profile
			if err := json.Unmarshal(data, &p); err != nil {
				tb.Fatalf("%s: %v", f, err)
			}
			out = append(out, &p)
		}
	}
	return out
}

// baselineUnchecked is the two rule sets of baseline2026 reduced to their arithmetic: it
// assumes every input is present (a missing one panics), names no missing inputs, does not treat
// the official score as the authority's, and returns statuses only. It is not the same rules: it
// has no answer at all for most real profiles. It shows what the bare comparisons cost.
func baselineUnchecked(p *smetier.Profile, asOf smetier.Date) [2]smetier.Status {
	y := asOf.Year
	f1, f2, f3 := p.Years[y-1], p.Years[y-2], p.Years[y-3]
	wan := func(m *smetier.Money) float64 { return float64(*m) / 1e6 }
	pct := func(a, b *smetier.Money) float64 { return float64(*a) * 100 / float64(*b) }
	sme := !(*f1.Employees >= 1000 && wan(f1.OperatingRevenue) >= 40000)
	base := *p.MainlandLegalPerson && sme && !*p.Compliance.AbnormalList && !*p.Compliance.SeriousDishonesty &&
		len(p.Compliance.Incidents) == 0 && !*p.Compliance.ProhibitedProduct
	valid := func(k smetier.TitleKind) bool {
		for _, t := range p.Titles {
			if t.Kind == k && !asOf.Before(t.Issued) && t.Expires != nil && !asOf.After(*t.Expires) {
				return true
			}
		}
		return false
	}
	segYears := p.Segment.Since.FullYearsUntil(smetier.NewDate(y-1, 12, 31))
	var ipApplied, ipOwnTop3 int
	for _, r := range p.IP {
		if r.Kind.Class() == 1 && !r.Granted.After(asOf) && *r.MainProduct && *r.AppliedWithBenefit {
			ipApplied++
			if !*r.TransferredIn && *r.OwnerRank <= 3 {
				ipOwnTop3++
			}
		}
	}
	score := p.EvaluationScores[y]
	rdRatioOK := pct(f1.RDExpense, f1.OperatingRevenue) >= 3 && pct(f2.RDExpense, f2.OperatingRevenue) >= 3

	sp := smetier.NeedsJudgement // 市场占有率较为靠前 is always left to the authority
	if !(base && (valid(smetier.TitleInnovativeSME) || valid(smetier.TitleTechSME)) && segYears >= 3 &&
		wan(f1.OperatingRevenue) >= 1500 && pct(f1.MainRevenue, f1.OperatingRevenue) >= 80 &&
		pct(f1.TotalLiabilities, f1.TotalAssets) <= 80 && wan(f1.RDExpense) >= 100 && wan(f2.RDExpense) >= 100 &&
		rdRatioOK && ipApplied >= 1 && score >= 50) {
		sp = smetier.NotQualified
	}
	lg := smetier.Qualified
	cagr := (math.Sqrt(float64(*f1.OperatingRevenue)/float64(*f3.OperatingRevenue)) - 1) * 100
	share, rank := *p.Segment.MarketSharePct, *p.Segment.NationalRank
	if !(base && valid(smetier.TitleSpecializedSME) && segYears >= 3 && wan(f1.OperatingRevenue) >= 5000 &&
		pct(f1.MainRevenue, f1.OperatingRevenue) >= 90 && cagr >= 5 && pct(f1.TotalLiabilities, f1.TotalAssets) <= 75 &&
		wan(f1.RDExpense)+wan(f2.RDExpense) >= 1200 && rdRatioOK && ipOwnTop3 >= 4 && (share >= 10 || rank <= 3) &&
		(*p.MainProduct.SixBasics || *p.MainProduct.KeyChainLink) && score >= 60 && !valid(smetier.TitleChampion)) {
		lg = smetier.NotQualified
	}
	return [2]smetier.Status{sp, lg}
}

// BenchmarkLoadCatalog measures reading, type-checking and compiling the embedded catalog
// (target ≤ 50 ms).
func BenchmarkLoadCatalog(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := criteria.Load(criteria.BuiltinFS()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatch classifies 100 000 profiles on all cores with one shared engine and reports
// profiles per second.
func BenchmarkBatch(b *testing.B) {
	eng, err := classify.New()
	if err != nil {
		b.Fatal(err)
	}
	p := benchProfile()
	asOf := smetier.MustDate("2026-06-15")
	const n = 100_000
	b.ReportAllocs()
	for b.Loop() {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				ctx := context.Background()
				for next.Add(1) <= n {
					if _, err := eng.Classify(ctx, p, classify.AsOf(asOf)); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "profiles/s")
}
