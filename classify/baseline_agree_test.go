package classify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

// TestBaselineAgreesWithEngine checks that the hand-written baseline is the same rules as the
// engine's: on the benchmark profile, the industrial golden profiles and 20 000 variants of them
// (inputs removed, figures moved onto and across every threshold, titles, IP rights, awards,
// rounds and incidents added or changed) judged on three dates of 2026, both give the same status
// and the same missing inputs for both tiers. A baseline that answered a different question
// would make the benchmark's ratio meaningless.
func TestBaselineAgreesWithEngine(t *testing.T) {
	// Dates in the 2026 regime, in application year 2026: the first day, the benchmark's and the
	// last, which move title validity, the incident window and transfer dates.
	dates := []smetier.Date{smetier.MustDate("2026-04-01"), smetier.MustDate("2026-06-15"), smetier.MustDate("2026-12-31")}
	asOf := dates[1]
	eng, err := classify.New()
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(2026, 6))
	seen := map[string]int{}
	check := func(p *smetier.Profile, what string) bool {
		if p.Validate() != nil {
			return false
		}
		r, err := eng.Classify(context.Background(), p, classify.AsOf(asOf), classify.VerdictsOnly(),
			classify.Only(smetier.Specialized, smetier.LittleGiant))
		require.NoError(t, err, what)
		got := baseline2026(p, asOf)
		for k, v := range r.Verdicts {
			var paths []string
			for _, in := range v.Missing {
				paths = append(paths, in.Path)
			}
			slices.Sort(paths)
			require.Equal(t, v.Status, got[k].Status, "%s: %s status (engine missing %v, failed %v)", what, v.Tier, paths, v.Failed)
			require.Equal(t, paths, got[k].Missing, "%s: %s missing inputs", what, v.Tier)
			seen[string(v.Tier)+" "+string(v.Status)]++
		}
		return true
	}
	// Starting points: the benchmark profile and the golden profiles in the baseline's domain.
	starts := map[string]func() *smetier.Profile{"benchmark profile": benchProfile}
	for name, p := range loadProfiles(t) {
		if strings.ContainsAny(p.Industry[:1], "BCD") {
			js, err := json.Marshal(p)
			require.NoError(t, err)
			starts[name] = func() *smetier.Profile { // a deep copy: mutations change maps and slices
				var q smetier.Profile
				require.NoError(t, json.Unmarshal(js, &q))
				if q.Group == nil { // the golden profiles predate 117号's group ties; a mutation varies them
					q.Group = &smetier.Group{LittleGiantControl: new(false), SimilarProductLittleGiant: new(false)}
				}
				return &q
			}
		}
	}
	require.Len(t, starts, 5, "the benchmark profile and the four industrial golden profiles")
	names := slices.Sorted(maps.Keys(starts))
	for _, name := range names {
		require.True(t, check(starts[name](), name), "%s is valid", name)
	}
	for i, m := range baselineMutations {
		for j := range 8 {
			p := benchProfile()
			m(p, rand.New(rand.NewPCG(uint64(i), uint64(j))))
			check(p, fmt.Sprintf("mutation %d/%d", i, j))
		}
	}
	valid := 0
	for n := range 20_000 {
		name := names[rng.IntN(len(names))]
		p := starts[name]()
		for range 1 + rng.IntN(6) {
			baselineMutations[rng.IntN(len(baselineMutations))](p, rng)
		}
		asOf = dates[n%len(dates)]
		if check(p, fmt.Sprintf("random profile %d (from %s, as of %s)", n, name, asOf)) {
			valid++
		}
	}
	require.Greater(t, valid, 15_000, "too few generated profiles are valid to mean anything")
	// Every outcome the two tiers can have must be exercised (a specialized SME always awaits the
	// authority's view of its market position, so it is never simply qualified).
	for _, tier := range []smetier.Tier{smetier.Specialized, smetier.LittleGiant} {
		for _, st := range []smetier.Status{smetier.Qualified, smetier.NeedsJudgement, smetier.NeedsData, smetier.NotQualified} {
			if tier == smetier.Specialized && st == smetier.Qualified {
				continue
			}
			require.Greater(t, seen[string(tier)+" "+string(st)], 100, "%s %s: too few cases %v", tier, st, seen)
		}
	}
}

// wanAround returns n 万元 give or take a fen, or a random amount, in fen.
func wanAround(rng *rand.Rand, n ...int64) *smetier.Money {
	if rng.IntN(5) == 0 {
		m := smetier.Money(rng.Int64N(100_000 * 1_000_000))
		return &m
	}
	m := smetier.Money(n[rng.IntN(len(n))]*1_000_000 + rng.Int64N(3) - 1)
	return &m
}

func maybeNil[T any](rng *rand.Rand, v T) *T {
	if rng.IntN(4) == 0 {
		return nil
	}
	return &v
}

// valueOf returns a copy of *p, or the zero value for nil.
func valueOf[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

func pick[T any](rng *rand.Rand, vs ...T) T { return vs[rng.IntN(len(vs))] }

func fiscalYear(p *smetier.Profile, y int, f func(*smetier.FiscalYear)) {
	fy := p.Years[y]
	f(&fy)
	p.Years[y] = fy
}

var testDates = []string{"2020-01-01", "2023-06-14", "2023-06-15", "2023-06-16", "2025-06-15", "2026-06-15", "2026-06-16", "2027-01-01"}

func someDate(rng *rand.Rand) smetier.Date { return smetier.MustDate(pick(rng, testDates...)) }

// baselineMutations each change one thing about a profile, at random but mostly onto the
// thresholds of the two rule sets and into missing inputs.
var baselineMutations = []func(*smetier.Profile, *rand.Rand){
	func(p *smetier.Profile, rng *rand.Rand) {
		if rng.IntN(8) == 0 {
			p.Group = nil
			return
		}
		tie := func() *bool { // mostly known and false, as for most enterprises
			switch rng.IntN(10) {
			case 0:
				return nil
			case 1:
				return new(true)
			}
			return new(false)
		}
		p.Group = &smetier.Group{LittleGiantControl: tie(), SimilarProductLittleGiant: tie()}
	},
	func(p *smetier.Profile, rng *rand.Rand) { p.MainlandLegalPerson = maybeNil(rng, rng.IntN(2) == 0) },
	func(p *smetier.Profile, rng *rand.Rand) {
		y := 2023 + rng.IntN(3)
		fiscalYear(p, y, func(f *smetier.FiscalYear) {
			f.OperatingRevenue = pick(rng, nil, wanAround(rng, 1500, 5000, 40000, 10000, 9000, 8000))
		})
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		fiscalYear(p, 2025, func(f *smetier.FiscalYear) {
			if f.OperatingRevenue == nil {
				return
			}
			// main share onto 80% and 90%
			share := pick(rng, int64(80), 90, 79, 89, 100)
			m := smetier.Money(int64(*f.OperatingRevenue)*share/100 + rng.Int64N(3) - 1)
			f.MainRevenue = pick(rng, nil, &m)
		})
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		y := 2024 + rng.IntN(2)
		fiscalYear(p, y, func(f *smetier.FiscalYear) {
			f.RDExpense = pick(rng, nil, wanAround(rng, 100, 600, 300, 0))
		})
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		y := 2024 + rng.IntN(2)
		fiscalYear(p, y, func(f *smetier.FiscalYear) {
			if f.OperatingRevenue == nil {
				return
			}
			// R&D ratio onto 3%
			m := smetier.Money(int64(*f.OperatingRevenue)*3/100 + rng.Int64N(3) - 1)
			f.RDExpense = &m
		})
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		fiscalYear(p, 2025, func(f *smetier.FiscalYear) {
			f.TotalAssets = pick(rng, nil, wanAround(rng, 10000, 0))
			if f.TotalAssets != nil {
				ratio := pick(rng, int64(75), 80, 76, 81, 50)
				m := smetier.Money(int64(*f.TotalAssets)*ratio/100 + rng.Int64N(3) - 1)
				f.TotalLiabilities = pick(rng, nil, &m)
			}
		})
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		fiscalYear(p, 2025, func(f *smetier.FiscalYear) { f.Employees = maybeNil(rng, pick(rng, 999, 1000, 250, 20)) })
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		// revenue CAGR onto 5%: rev₁ = 1.1025 rev₃
		fiscalYear(p, 2023, func(f *smetier.FiscalYear) {
			f.OperatingRevenue = pick(rng, nil, wanAround(rng, 8000, 4000))
		})
		if r3 := p.Years[2023].OperatingRevenue; r3 != nil && rng.IntN(2) == 0 {
			fiscalYear(p, 2025, func(f *smetier.FiscalYear) {
				m := smetier.Money(int64(*r3)*441/400 + rng.Int64N(3) - 1)
				f.OperatingRevenue = &m
			})
		}
	},
	func(p *smetier.Profile, rng *rand.Rand) { delete(p.Years, 2023+rng.IntN(3)) },
	func(p *smetier.Profile, rng *rand.Rand) {
		if rng.IntN(4) == 0 {
			p.Segment = nil
			return
		}
		s := valueOf(p.Segment)
		s.Since = maybeNil(rng, pick(rng, smetier.MustDate("2023-01-01"), smetier.MustDate("2023-01-02"), smetier.MustDate("2022-12-31"), smetier.MustDate("2018-03-01")))
		s.MarketSharePct = maybeNil(rng, pick(rng, 10.0, 9.99, 12.0, 0.0))
		s.NationalRank = maybeNil(rng, pick(rng, 1, 3, 4, 10))
		p.Segment = &s
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		if rng.IntN(4) == 0 {
			p.MainProduct = nil
			return
		}
		p.MainProduct = &smetier.MainProduct{SixBasics: maybeNil(rng, rng.IntN(2) == 0), KeyChainLink: maybeNil(rng, rng.IntN(4) != 0)}
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		if rng.IntN(6) == 0 {
			p.Titles = nil
			return
		}
		kind := pick(rng, smetier.TitleInnovativeSME, smetier.TitleTechSME, smetier.TitleSpecializedSME, smetier.TitleChampion, smetier.TitleLittleGiant)
		issued := someDate(rng)
		var exp *smetier.Date
		if rng.IntN(4) != 0 {
			e := issued.AddYears(pick(rng, 1, 3))
			exp = &e
		}
		p.Titles = append(slices.Clone(p.Titles), smetier.Title{Kind: kind, Issued: issued, Expires: exp, Revoked: rng.IntN(8) == 0})
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		if rng.IntN(6) == 0 {
			p.IP = nil
			return
		}
		p.IP = slices.Clone(p.IP)
		if len(p.IP) > 0 && rng.IntN(3) == 0 {
			p.IP = p.IP[:rng.IntN(len(p.IP))]
			return
		}
		no, yes := false, true
		r := smetier.IPRight{Number: fmt.Sprintf("ZL%d", rng.IntN(1000)), Kind: pick(rng, smetier.InventionPatent, smetier.UtilityModel, smetier.PlantVariety),
			Granted: maybeNil(rng, someDate(rng)), MainProduct: maybeNil(rng, rng.IntN(3) != 0),
			AppliedWithBenefit: maybeNil(rng, rng.IntN(3) != 0), OwnerRank: maybeNil(rng, pick(rng, 1, 3, 4)),
			TransferredIn: pick(rng, nil, &no, &yes)}
		if r.TransferredIn != nil && *r.TransferredIn {
			r.TransferredOn = maybeNil(rng, pick(rng, smetier.MustDate("2025-06-15"), smetier.MustDate("2025-06-16"), someDate(rng)))
		}
		p.IP = append(p.IP, r)
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		if rng.IntN(5) == 0 {
			p.Awards = nil
			return
		}
		p.Awards = append(slices.Clone(p.Awards), smetier.Award{Name: "奖", Kind: pick(rng, smetier.ScienceTechnologyAward, smetier.MakerChinaTop500),
			Level: pick(rng, smetier.National, smetier.Provincial, smetier.Municipal), Year: 2021 + rng.IntN(6), Rank: maybeNil(rng, pick(rng, 1, 3, 4))})
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		if rng.IntN(5) == 0 {
			p.RDInstitutions = nil
			return
		}
		p.RDInstitutions = append(slices.Clone(p.RDInstitutions), smetier.RDInstitution{Level: pick(rng, smetier.National, smetier.Provincial, smetier.Municipal), Joint: rng.IntN(2) == 0})
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		if rng.IntN(5) == 0 {
			p.Financing = nil
			return
		}
		p.Financing = append(slices.Clone(p.Financing), smetier.Financing{Date: someDate(rng), Amount: *wanAround(rng, 2000, 1000),
			QualifiedInvestor: maybeNil(rng, rng.IntN(3) != 0), PaidIn: maybeNil(rng, rng.IntN(3) != 0)})
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		// Revenue under 1 500万 and new equity on the 2 000万 threshold: the other way through
		// 附件1（二）, which random rounds alone rarely reach.
		fiscalYear(p, 2025, func(f *smetier.FiscalYear) {
			rev := wanAround(rng, 1000)
			main, rd := *rev*85/100, *rev*4/100 // keep the year consistent (and so valid)
			f.OperatingRevenue, f.MainRevenue, f.RDExpense = rev, &main, &rd
		})
		first := *wanAround(rng, 500, 1000, 1500)
		rest := 2000*1_000_000 - first + smetier.Money(rng.Int64N(3)-1)
		yes := true
		p.Financing = []smetier.Financing{
			{Date: smetier.MustDate("2024-03-01"), Amount: first, QualifiedInvestor: &yes, PaidIn: &yes},
			{Date: smetier.MustDate("2025-09-30"), Amount: rest, QualifiedInvestor: maybeNil(rng, true), PaidIn: &yes},
		}
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		if rng.IntN(5) == 0 {
			p.Compliance = nil
			return
		}
		c := valueOf(p.Compliance)
		switch rng.IntN(4) {
		case 0:
			c.AbnormalList = maybeNil(rng, rng.IntN(3) == 0)
		case 1:
			c.SeriousDishonesty = maybeNil(rng, rng.IntN(3) == 0)
		case 2:
			c.ProhibitedProduct = maybeNil(rng, rng.IntN(3) == 0)
		default:
			if rng.IntN(4) == 0 {
				c.Incidents = nil
			} else {
				c.Incidents = append(slices.Clone(c.Incidents), smetier.Incident{Kind: smetier.SafetyIncident, Date: someDate(rng)})
			}
		}
		p.Compliance = &c
	},
	func(p *smetier.Profile, rng *rand.Rand) {
		switch rng.IntN(4) {
		case 0:
			p.EvaluationScores = nil
		case 1:
			p.EvaluationScores = map[int]float64{2025: 72} // last year's only: this year's is missing
		default:
			p.EvaluationScores = map[int]float64{2026: pick(rng, 50, 49.5, 60, 59.9, 72)}
		}
	},
}
