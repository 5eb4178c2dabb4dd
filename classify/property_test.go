package classify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

// randomProfile varies every figure the rules read around realistic values. With holes set,
// some inputs are left unknown.
func randomProfile(r *rand.Rand, holes bool) *smetier.Profile {
	p := t26Base()
	wan := func(lo, hi int64) smetier.Money { return smetier.Wan(lo) + smetier.Money(r.Int64N((hi-lo)*1_000_000)) }
	// Half the profiles are strong candidates (growing, focused, R&D-intensive), so that every
	// set, the little giant included, sees qualified profiles.
	strong := r.IntN(2) == 0
	rev := wan(500, 20000)
	for _, y := range []int{2021, 2022, 2023, 2024, 2025} {
		main, rd, debt, emp := 60+r.IntN(41), 5+r.IntN(100), 30+r.IntN(60), 20+r.IntN(1200)
		if strong {
			rev = rev * smetier.Money(106+r.IntN(10)) / 100
			main, rd, debt, emp = 92+r.IntN(9), 40+r.IntN(60), 30+r.IntN(40), 100+r.IntN(800)
			if rev < smetier.Wan(6000) {
				rev += smetier.Wan(6000)
			}
		} else {
			rev = wan(500, 20000)
		}
		fy := smetier.FiscalYear{
			OperatingRevenue: new(rev),
			MainRevenue:      new(rev * smetier.Money(main) / 100),
			RDExpense:        new(rev * smetier.Money(rd) / 1000),
			TotalAssets:      new(rev * smetier.Money(80+r.IntN(60)) / 100),
			Employees:        new(emp),
		}
		fy.TotalLiabilities = new(*fy.TotalAssets * smetier.Money(debt) / 100)
		fy.RDStaff = new(*fy.Employees * (5 + r.IntN(60)) / 100)
		fy.NetProfit = new(rev * smetier.Money(r.IntN(20)) / 100)
		p.Years[y] = fy
	}
	if !strong {
		p.IP = p.IP[:r.IntN(len(p.IP)+1)]
		for i := range p.IP {
			p.IP[i].OwnerRank = new(1 + r.IntN(5))
			p.IP[i].AppliedWithBenefit = new(r.IntN(4) > 0)
		}
		p.Segment.MarketSharePct = new(float64(r.IntN(2500)) / 100)
		p.Segment.NationalRank = new(1 + r.IntN(10))
	} else {
		p.Segment.MarketSharePct = new(float64(900+r.IntN(1600)) / 100)
		p.Segment.NationalRank = new(1 + r.IntN(4))
		p.RDInstitutions = []smetier.RDInstitution{{Level: smetier.Provincial}}
		p.Certifications = []smetier.Certification{{Kind: smetier.QualityManagementCert, Expires: new(smetier.MustDate("2027-12-31"))}}
	}
	p.Segment.Since = new(smetier.NewDate(2015+r.IntN(10), 1, 1+r.IntN(28)))
	p.EvaluationScores = map[int]float64{2025: float64(30 + r.IntN(70)), 2026: float64(30 + r.IntN(70))}
	if strong {
		p.EvaluationScores = map[int]float64{2025: float64(55 + r.IntN(45)), 2026: float64(55 + r.IntN(45))}
	}
	p.DigitalLevel = new(1 + r.IntN(4))
	if r.IntN(3) == 0 {
		p.Titles = p.Titles[:1]
	}
	if holes {
		switch r.IntN(4) {
		case 0:
			t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = nil })
		case 1:
			p.Segment.MarketSharePct = nil
		case 2:
			p.EvaluationScores = nil
		}
	}
	return p
}

// propertyCases yields every built-in rule set with the date and place it is judged at.
func propertyCases(t *testing.T) (*classify.Engine, []*criteria.RuleSet) {
	t.Helper()
	eng, err := classify.New()
	require.NoError(t, err)
	return eng, eng.Catalog().Sets()
}

func statusUnder(t *testing.T, eng *classify.Engine, s *criteria.RuleSet, p *smetier.Profile) smetier.Status {
	t.Helper()
	where := s.Jurisdiction // "CN" for a national set: in Shenzhen a local set may win
	rep, err := eng.Classify(context.Background(), p, classify.In(where), classify.AsOf(goldenAsOf(s)), classify.Only(smetier.Tier(s.Key())),
		classify.Renewal(s.Application == "renewal"))
	require.NoError(t, err)
	v := verdictOf(rep, s)
	require.Equal(t, s.ID, v.RuleSet.ID)
	return v.Status
}

// More of a purely good thing never hurts: if a profile was not failing a set, improving it does
// not make it fail, and a qualified profile stays qualified.
func TestPropertyImprovementsNeverHurt(t *testing.T) {
	eng, sets := propertyCases(t)
	improvements := map[string]func(p *smetier.Profile, y int){
		"more R&D (revenue fixed)": func(p *smetier.Profile, y int) {
			for k := 1; k <= 4; k++ {
				if fy, ok := p.Years[y-k]; ok && fy.RDExpense != nil {
					fy.RDExpense = new(*fy.RDExpense + smetier.Wan(50))
					p.Years[y-k] = fy
				}
			}
		},
		"a class-I IP right": func(p *smetier.Profile, y int) {
			p.IP = append(p.IP, smetier.IPRight{Number: "ZL-extra", Kind: smetier.InventionPatent, Granted: new(smetier.NewDate(y-3, 1, 1)),
				TransferredIn: new(false), OwnerRank: new(1), MainProduct: new(true), AppliedWithBenefit: new(true), HighValue: new(true)})
		},
		"a better market rank": func(p *smetier.Profile, y int) {
			if r := *p.Segment.NationalRank; r > 1 {
				p.Segment.NationalRank = new(r - 1)
			}
		},
		"a higher platform score": func(p *smetier.Profile, y int) {
			for k, v := range p.EvaluationScores {
				p.EvaluationScores[k] = min(100, v+5)
			}
		},
		"an extra award": func(p *smetier.Profile, y int) {
			p.Awards = append(p.Awards, smetier.Award{Kind: smetier.ScienceTechnologyAward, Level: smetier.National, Year: y - 1, Rank: new(1)})
		},
	}
	r := rand.New(rand.NewPCG(20260615, 1))
	for i := range 150 {
		seed := r.Uint64()
		for _, s := range sets {
			y := goldenAsOf(s).Year
			before := statusUnder(t, eng, s, randomProfile(rand.New(rand.NewPCG(seed, 2)), true))
			for name, improve := range improvements {
				p := randomProfile(rand.New(rand.NewPCG(seed, 2)), true)
				improve(p, y)
				after := statusUnder(t, eng, s, p)
				if before != smetier.NotQualified {
					assert.NotEqual(t, smetier.NotQualified, after, "profile %d under %s: %s turned %s into %s", i, s.ID, name, before, after)
				}
				if before == smetier.Qualified {
					assert.Equal(t, smetier.Qualified, after, "profile %d under %s: %s", i, s.ID, name)
				}
			}
		}
	}
}

// Supplying a missing input never turns a qualified verdict into anything else: a verdict
// reached without the input did not depend on it.
func TestPropertySupplyingDataKeepsQualified(t *testing.T) {
	eng, sets := propertyCases(t)
	removals := map[string]func(p *smetier.Profile){
		"2024 R&D":        func(p *smetier.Profile) { t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = nil }) },
		"2023 revenue":    func(p *smetier.Profile) { t26year(p, 2023, func(f *smetier.FiscalYear) { f.OperatingRevenue = nil }) },
		"market share":    func(p *smetier.Profile) { p.Segment.MarketSharePct = nil },
		"national rank":   func(p *smetier.Profile) { p.Segment.NationalRank = nil },
		"awards":          func(p *smetier.Profile) { p.Awards = nil },
		"R&D institution": func(p *smetier.Profile) { p.RDInstitutions = nil },
		"financing":       func(p *smetier.Profile) { p.Financing = nil },
		"scores":          func(p *smetier.Profile) { p.EvaluationScores = nil },
	}
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 150 {
		seed := r.Uint64()
		for _, s := range sets {
			full := statusUnder(t, eng, s, randomProfile(rand.New(rand.NewPCG(seed, 3)), false))
			for name, remove := range removals {
				p := randomProfile(rand.New(rand.NewPCG(seed, 3)), false)
				remove(p)
				if partial := statusUnder(t, eng, s, p); partial == smetier.Qualified {
					assert.Equal(t, smetier.Qualified, full, "profile %d under %s: qualified without %s, %s with it", i, s.ID, name, full)
				}
			}
		}
	}
}

// The same input gives byte-identical JSON, sequentially and from many goroutines at once with
// one shared engine.
func TestPropertyDeterministicAndConcurrent(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	asOf := classify.AsOf(smetier.MustDate("2026-06-15"))
	const n = 64
	want := make([][]byte, n)
	profiles := make([]*smetier.Profile, n)
	r := rand.New(rand.NewPCG(1, 1))
	for i := range n {
		profiles[i] = randomProfile(r, i%2 == 0)
		rep, err := eng.Classify(context.Background(), profiles[i], asOf)
		require.NoError(t, err)
		want[i], err = json.Marshal(rep)
		require.NoError(t, err)
		again, _ := eng.Classify(context.Background(), profiles[i], asOf)
		b, _ := json.Marshal(again)
		require.True(t, bytes.Equal(want[i], b), "profile %d: two runs differ", i)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*n)
	for g := range 8 {
		wg.Go(func() {
			for k := range n {
				i := (k + g*7) % n
				rep, err := eng.Classify(context.Background(), profiles[i], asOf)
				if err != nil {
					errs <- err
					return
				}
				if b, _ := json.Marshal(rep); !bytes.Equal(b, want[i]) {
					errs <- fmt.Errorf("goroutine %d, profile %d: concurrent result differs", g, i)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// A cancelled context stops a classification with the context's error.
func TestClassifyHonoursCancellation(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = eng.Classify(ctx, t26Base(), classify.AsOf(smetier.MustDate("2026-06-15")))
	assert.ErrorIs(t, err, context.Canceled)
}

// VerdictsOnly gives the same verdicts as a full report, without the explanations: checked on
// random profiles (with and without holes) under both regimes, first applications and renewals,
// also from several goroutines, since its scratch buffers are recycled between calls.
func TestVerdictsOnlyMatchesFullReport(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 7))
	type job struct {
		p    *smetier.Profile
		opts []classify.CallOption
	}
	var jobs []job
	for i := range 60 {
		p := randomProfile(r, i%2 == 0)
		for _, d := range []string{"2025-06-15", "2026-03-31", "2026-06-15"} {
			for _, renewal := range []bool{false, true} {
				jobs = append(jobs, job{p, []classify.CallOption{classify.AsOf(smetier.MustDate(d)), classify.Renewal(renewal)}})
			}
		}
	}
	want := make([][]smetier.Verdict, len(jobs))
	for i, j := range jobs {
		full, err := eng.Classify(ctx, j.p, j.opts...)
		require.NoError(t, err)
		for k := range full.Verdicts {
			full.Verdicts[k].Criteria, full.Verdicts[k].Plan = nil, nil
		}
		want[i] = full.Verdicts
	}
	check := func(i int) error {
		terse, err := eng.Classify(ctx, jobs[i].p, append(jobs[i].opts, classify.VerdictsOnly())...)
		if err != nil {
			return err
		}
		if terse.Ladder != nil {
			return fmt.Errorf("job %d: ladder in a verdicts-only report", i)
		}
		a, _ := json.Marshal(want[i])
		b, _ := json.Marshal(terse.Verdicts)
		if !bytes.Equal(a, b) {
			return fmt.Errorf("job %d: verdicts differ\nfull:  %s\nterse: %s", i, a, b)
		}
		return nil
	}
	for i := range jobs {
		require.NoError(t, check(i))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := range 4 {
		wg.Go(func() {
			for k := range jobs {
				if err := check((k*7 + g) % len(jobs)); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// GapsOnly reports carry the full report's statuses, outcomes, gaps, plans and ladder: only the
// words (titles, citations, observed facts, messages of criteria) are left out.
func TestGapsOnlyMatchesFullReport(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(8, 8))
	for i := range 40 {
		p := randomProfile(r, i%2 == 0)
		for _, d := range []string{"2025-06-15", "2026-06-15"} {
			opts := []classify.CallOption{classify.AsOf(smetier.MustDate(d)), classify.Renewal(i%3 == 0)}
			full, err := eng.Classify(ctx, p, opts...)
			require.NoError(t, err)
			lean, err := eng.Classify(ctx, p, append(opts, classify.GapsOnly())...)
			require.NoError(t, err)
			full.Receipt = nil               // GapsOnly, for bulk screening, adds one only WithReceipt
			for _, v := range full.Rungs() { // tiers and local programs
				for c := range v.Criteria {
					cr := &v.Criteria[c]
					cr.Title, cr.Citation, cr.Expr, cr.Observed, cr.Message = smetier.Text{}, "", "", nil, smetier.Text{}
				}
			}
			a, _ := json.Marshal(full)
			b, _ := json.Marshal(lean)
			require.JSONEq(t, string(a), string(b), "profile %d on %s", i, d)
		}
	}
}
