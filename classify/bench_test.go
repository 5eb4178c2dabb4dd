package classify_test

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

// benchProfile is the realistic profile of the quickstart: three years of figures, IP rights,
// titles, an official score.
func benchProfile() *smetier.Profile { return t26Base() }

// BenchmarkClassify measures one full report (every tier, every criterion explained) and, side
// by side, the same 2026 rules hand-written in plain Go: the speed limit the engine is measured
// against (target: within 10×).
func BenchmarkClassify(b *testing.B) {
	p := benchProfile()
	asOf := smetier.MustDate("2026-06-15")
	for _, bc := range []struct {
		name string
		opts []classify.CallOption
	}{
		{"engine", nil},
		{"engine-verdicts-only", []classify.CallOption{classify.VerdictsOnly()}},
		// The baseline's scope: the two 2026 tiers it hand-codes, statuses only.
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
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if baseline2026(p, asOf) != [2]smetier.Status{smetier.NeedsJudgement, smetier.Qualified} {
				b.Fatal("baseline disagrees with the engine")
			}
		}
	})
}

func TestBaselineAgreesWithEngine(t *testing.T) {
	p := benchProfile()
	asOf := smetier.MustDate("2026-06-15")
	r := t26Classify(t, p)
	got := baseline2026(p, asOf)
	if got[0] != r.Verdict(smetier.Specialized).Status || got[1] != r.Verdict(smetier.LittleGiant).Status {
		t.Fatalf("baseline %v, engine %v/%v", got, r.Verdict(smetier.Specialized).Status, r.Verdict(smetier.LittleGiant).Status)
	}
}

// baseline2026 is cn-2026-specialized-sme and cn-2026-little-giant written as plain Go for a
// profile with every input present: no explanations, no unknowns. It is the speed limit.
func baseline2026(p *smetier.Profile, asOf smetier.Date) [2]smetier.Status {
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
