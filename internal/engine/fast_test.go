package engine

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
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

// TestFastPathMatchesCEL evaluates every built-in expression that has a fast path both ways, and
// expressions that exercise the arithmetic and string comparisons of the fast path over the
// AST (compileFastExpr: division by zero, NaN, negation, literals on either side), on the
// sample profiles, on a profile of zero figures and on random profiles with missing inputs, and
// requires the same truth and the same missing inputs, in the same order.
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
	for _, src := range []string{
		"fy1.rd_expense / fy1.operating_revenue > 0.05",
		"fy1.net_profit / fy2.net_profit <= 1.5 || fy1.rd_ratio_pct * 2.0 >= fy2.rd_ratio_pct",
		"-fy1.net_profit < 3.5 && 2 < fy1.total_assets - fy1.total_liabilities",
		"fy1.rd_ratio_pct + fy2.rd_ratio_pct != fy3.rd_ratio_pct * 2.0",
		"fy1.main_share_pct - 50.0 == fy2.main_share_pct - 50.0",
		"(fy1.operating_revenue - fy2.operating_revenue) / fy2.operating_revenue * 100.0 >= 20",
		"size.class == 'small' || 'none' != rdi.top_level",
		"rdi.top_level != \"national\" ? fy1.net_profit * 1.1 > fy2.net_profit : !(fy1.rd_expense * 100.0 < 3.0 * fy1.main_revenue)",
		"fy1.operating_revenue >= 40000 ? revenue.cagr_2y_pct >= 10 : fy3.net_profit > 0 && fy1.net_profit >= fy3.net_profit * 1.21",
	} {
		p, err := env.Compile(src, 10_000)
		require.NoError(t, err, src)
		require.NotNil(t, p.fast, "%q takes the fast path", src)
		progs = append(progs, p)
	}
	profiles := sampleProfiles(t)
	zero := func() *smetier.Money { return new(smetier.Money(0)) }
	zeros := &smetier.Profile{Years: map[int]smetier.FiscalYear{}, RDInstitutions: []smetier.RDInstitution{}}
	for y := 2020; y <= 2025; y++ {
		zeros.Years[y] = smetier.FiscalYear{OperatingRevenue: zero(), MainRevenue: zero(), RDExpense: zero(), TotalAssets: zero(),
			TotalLiabilities: zero(), NetProfit: zero(), ProductRevenue: zero(), Employees: new(0), RDStaff: new(0)}
	}
	profiles = append(profiles, zeros, &smetier.Profile{})
	r := rand.New(rand.NewPCG(42, 1))
	for range 400 {
		profiles = append(profiles, randomProfile(r))
	}
	ctx := context.Background()
	for n, prof := range profiles {
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
			require.Equal(t, inputPaths(cm), inputPaths(fm), "profile %d, %q: missing inputs", n, p.Source)
		}
		o.Release()
	}
}

func inputPaths(in []smetier.Input) []string {
	var out []string
	for _, i := range in {
		out = append(out, i.Path)
	}
	return out
}

// sampleProfiles reads the profiles of testdata/profiles, places included.
func sampleProfiles(t *testing.T) []*smetier.Profile {
	t.Helper()
	var profiles []*smetier.Profile
	for _, pattern := range []string{"../../testdata/profiles/*.json", "../../testdata/profiles/places/*.json"} {
		files, err := filepath.Glob(pattern)
		require.NoError(t, err)
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			var p smetier.Profile
			require.NoError(t, json.Unmarshal(data, &p), f)
			profiles = append(profiles, &p)
		}
	}
	require.GreaterOrEqual(t, len(profiles), 7)
	return profiles
}
