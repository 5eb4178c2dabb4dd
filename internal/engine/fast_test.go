package engine

import (
	"context"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// randomProfile fills every input the facts read with random values, leaving some unknown.
func randomProfile(r *rand.Rand) *smetier.Profile {
	maybe := func() bool { return r.IntN(6) != 0 }
	money := func(lo, hi int64) *smetier.Money {
		if !maybe() {
			return nil
		}
		return new(smetier.Wan(lo) + smetier.Money(r.Int64N((hi-lo)*1_000_000+1)))
	}
	boolp := func() *bool {
		if !maybe() {
			return nil
		}
		return new(r.IntN(2) == 0)
	}
	intp := func(lo, hi int) *int {
		if !maybe() {
			return nil
		}
		return new(lo + r.IntN(hi-lo+1))
	}
	p := &smetier.Profile{Industry: []string{"C3812", "I6513", "G59", "J6610", ""}[r.IntN(5)], MainlandLegalPerson: boolp()}
	p.Years = map[int]smetier.FiscalYear{}
	for y := 2020; y <= 2025; y++ {
		if !maybe() {
			continue
		}
		p.Years[y] = smetier.FiscalYear{OperatingRevenue: money(0, 20000), MainRevenue: money(0, 15000), RDExpense: money(0, 1500),
			TotalAssets: money(0, 30000), TotalLiabilities: money(0, 25000), NetProfit: money(0, 3000), Employees: intp(0, 1500), RDStaff: intp(0, 300)}
	}
	if maybe() {
		p.IP = []smetier.IPRight{}
		for range r.IntN(7) {
			kinds := []smetier.IPKind{smetier.InventionPatent, smetier.UtilityModel, smetier.SoftwareCopyright, smetier.PlantVariety}
			var granted *smetier.Date
			if maybe() {
				granted = new(smetier.NewDate(2015+r.IntN(12), 1+smetier.Date{}.Month+time.Month(r.IntN(12)), 1+r.IntN(28)))
			}
			tr := boolp()
			var on *smetier.Date
			if tr != nil && *tr && maybe() {
				on = new(smetier.NewDate(2020+r.IntN(7), 3, 1))
			}
			p.IP = append(p.IP, smetier.IPRight{Kind: kinds[r.IntN(len(kinds))], Granted: granted, TransferredIn: tr, TransferredOn: on,
				OwnerRank: intp(1, 5), MainProduct: boolp(), AppliedWithBenefit: boolp(), HighValue: boolp()})
		}
	}
	if maybe() {
		p.Awards = []smetier.Award{}
		for range r.IntN(3) {
			p.Awards = append(p.Awards, smetier.Award{Kind: []smetier.AwardKind{smetier.ScienceTechnologyAward, smetier.MakerChinaTop500}[r.IntN(2)],
				Level: []smetier.Level{smetier.National, smetier.Provincial, smetier.Municipal}[r.IntN(3)], Year: 2021 + r.IntN(6), Rank: intp(1, 8)})
		}
	}
	if maybe() {
		p.RDInstitutions = []smetier.RDInstitution{}
		if r.IntN(2) == 0 {
			p.RDInstitutions = append(p.RDInstitutions, smetier.RDInstitution{Level: []smetier.Level{smetier.National, smetier.Provincial, smetier.Municipal}[r.IntN(3)], Joint: r.IntN(2) == 0})
		}
	}
	if maybe() {
		p.Certifications = []smetier.Certification{{Kind: smetier.QualityManagementCert, Expires: new(smetier.MustDate("2027-01-01"))}}
	}
	if maybe() {
		p.Financing = []smetier.Financing{{Date: smetier.NewDate(2022+r.IntN(4), 6, 1), Amount: smetier.Wan(r.Int64N(9000)), QualifiedInvestor: boolp(), PaidIn: boolp()}}
	}
	p.DigitalLevel = intp(1, 4)
	if maybe() {
		var share *float64
		if maybe() {
			share = new(float64(r.IntN(3000)) / 100)
		}
		var since *smetier.Date
		if maybe() {
			since = new(smetier.NewDate(2010+r.IntN(16), 1, 1+r.IntN(28)))
		}
		p.Segment = &smetier.Segment{Since: since, MarketSharePct: share, NationalRank: intp(1, 10), GlobalRank: intp(1, 10)}
	}
	if maybe() {
		p.MainProduct = &smetier.MainProduct{SixBasics: boolp(), StrategicEmerging: boolp(), KeyChainLink: boolp(), TimeHonoredBrand: boolp(), OwnBrand: boolp()}
	}
	if maybe() {
		p.Titles = []smetier.Title{}
		for _, k := range []smetier.TitleKind{smetier.TitleTechSME, smetier.TitleInnovativeSME, smetier.TitleSpecializedSME, smetier.TitleLittleGiant, smetier.TitleChampion} {
			if r.IntN(3) == 0 {
				var exp *smetier.Date
				if maybe() {
					exp = new(smetier.NewDate(2024+r.IntN(4), 6, 30))
				}
				p.Titles = append(p.Titles, smetier.Title{Kind: k, Issued: smetier.MustDate("2023-01-01"), Expires: exp})
			}
		}
	}
	if maybe() {
		p.Compliance = &smetier.Compliance{AbnormalList: boolp(), SeriousDishonesty: boolp(), ProhibitedProduct: boolp()}
		if maybe() {
			p.Compliance.Incidents = []smetier.Incident{}
		}
	}
	if maybe() {
		p.EvaluationScores = map[int]float64{2025: float64(r.IntN(101)), 2026: float64(r.IntN(101))}
	}
	return p
}

func paths(in []smetier.Input) []string {
	var out []string
	for _, i := range in {
		out = append(out, i.Path)
	}
	sort.Strings(out)
	return out
}

// TestFastPathMatchesCEL evaluates every built-in expression that has a fast path both ways, on
// random profiles with missing inputs, and requires the same truth and the same missing inputs.
func TestFastPathMatchesCEL(t *testing.T) {
	env, progs := builtinPrograms(t)
	cat := &Catalog{Env: env, SizeStandard: func(smetier.Date) Sizer { return testSizer{} }}
	fast := 0
	for _, p := range progs {
		if p.fast != nil {
			fast++
		}
	}
	require.Greater(t, fast, len(progs)*9/10, "most built-in expressions take the fast path")
	r := rand.New(rand.NewPCG(42, 1))
	ctx := context.Background()
	for n := range 400 {
		prof := randomProfile(r)
		asOf := smetier.NewDate(2024+r.IntN(3), 1+time.Month(r.IntN(12)), 15)
		// The catalog's observer: built-in rules may read the titles of its local programs.
		o := cat.Observer(prof, asOf, r.IntN(2) == 0)
		for _, p := range progs {
			if p.fast == nil {
				continue
			}
			ft, fm, ferr := o.Eval(ctx, p)
			ct, cm, cerr := o.evalCEL(ctx, p)
			require.NoError(t, ferr)
			require.NoError(t, cerr)
			require.Equal(t, ct, ft, "profile %d, %q: CEL %v, fast %v", n, p.Source, ct, ft)
			require.Equal(t, paths(cm), paths(fm), "profile %d, %q: missing inputs", n, p.Source)
		}
		o.Release()
	}
}
