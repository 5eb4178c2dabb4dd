package engine_test

import (
	"math"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/engine"
)

// asOf is the date of judgement in these tests: application year 2026, so 上年度 (fy1) is 2025,
// fy2 2024 and fy3 2023.
var asOf = smetier.MustDate("2026-06-01")

func money(m smetier.Money) *smetier.Money { return &m }
func intp(n int) *int                      { return &n }
func boolp(b bool) *bool                   { return &b }
func datep(s string) *smetier.Date         { d := smetier.MustDate(s); return &d }

func observe(p *smetier.Profile) *engine.Observer {
	return engine.NewObserver(p, asOf, false, nil)
}

// paths lists the paths of missing inputs.
func paths(in []smetier.Input) []string {
	var out []string
	for _, i := range in {
		out = append(out, i.Path)
	}
	return out
}

// factCase is one fact on one profile: either a known value or the missing input paths.
type factCase struct {
	name    string
	p       *smetier.Profile
	fact    string
	want    any      // bool, int64, float64 (NaN allowed) or string; ignored when missing is set
	missing []string // paths of the missing inputs, in order
}

func runFactCases(t *testing.T, cases []factCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, ok := engine.LookupFact(tc.fact)
			require.True(t, ok, "no fact %q", tc.fact)
			v, miss := observe(tc.p).Value(tc.fact)
			if tc.missing != nil {
				assert.Nil(t, v)
				assert.Equal(t, tc.missing, paths(miss))
				for _, in := range miss {
					assert.NotEmpty(t, in.Label.Zh, in.Path)
					assert.NotEmpty(t, in.Label.En, in.Path)
				}
				return
			}
			require.Empty(t, miss)
			if w, ok := tc.want.(float64); ok && math.IsNaN(w) {
				x, ok := v.(float64)
				require.True(t, ok, "want float64, got %T", v)
				assert.True(t, math.IsNaN(x), "want NaN, got %v", x)
				return
			}
			// Exact equality on purpose: values that land on a threshold must compare equal.
			assert.Equal(t, tc.want, v)
		})
	}
}

// years builds a profile with the given fiscal years.
func years(ys map[int]smetier.FiscalYear) *smetier.Profile {
	return &smetier.Profile{Years: ys}
}

func TestFactsRatiosExactAtThreshold(t *testing.T) {
	nan := math.NaN()
	runFactCases(t, []factCase{
		{name: "rd ratio 3/100 is exactly 3", fact: "fy1.rd_ratio_pct", want: 3.0,
			p: years(map[int]smetier.FiscalYear{2025: {RDExpense: money(smetier.Wan(3)), OperatingRevenue: money(smetier.Wan(100))}})},
		{name: "rd ratio 0.03 of an odd revenue is exactly 3", fact: "fy1.rd_ratio_pct", want: 3.0,
			p: years(map[int]smetier.FiscalYear{2025: {RDExpense: money(smetier.Fen(3_703_701)), OperatingRevenue: money(smetier.Fen(123_456_700))}})},
		{name: "rd ratio one fen below 3 is below 3", fact: "fy1.rd_ratio_pct", want: 2.999999,
			p: years(map[int]smetier.FiscalYear{2025: {RDExpense: money(smetier.Fen(2_999_999)), OperatingRevenue: money(smetier.Fen(100_000_000))}})},
		{name: "rd ratio of fy2 reads 2024", fact: "fy2.rd_ratio_pct", want: 5.0,
			p: years(map[int]smetier.FiscalYear{
				2025: {RDExpense: money(smetier.Wan(3)), OperatingRevenue: money(smetier.Wan(100))},
				2024: {RDExpense: money(smetier.Wan(5)), OperatingRevenue: money(smetier.Wan(100))},
			})},
		{name: "debt ratio 80/100 is exactly 80", fact: "fy1.debt_ratio_pct", want: 80.0,
			p: years(map[int]smetier.FiscalYear{2025: {TotalLiabilities: money(smetier.Wan(80)), TotalAssets: money(smetier.Wan(100))}})},
		{name: "debt ratio 75/100 is exactly 75", fact: "fy1.debt_ratio_pct", want: 75.0,
			p: years(map[int]smetier.FiscalYear{2025: {TotalLiabilities: money(smetier.Wan(7500)), TotalAssets: money(smetier.Wan(10000))}})},
		{name: "main share 90/100 is exactly 90", fact: "fy1.main_share_pct", want: 90.0,
			p: years(map[int]smetier.FiscalYear{2025: {MainRevenue: money(smetier.Wan(4500)), OperatingRevenue: money(smetier.Wan(5000))}})},
		{name: "rd staff share", fact: "fy1.rd_staff_pct", want: 10.0,
			p: years(map[int]smetier.FiscalYear{2025: {RDStaff: intp(5), Employees: intp(50)}})},
		{name: "zero revenue gives NaN rd ratio", fact: "fy1.rd_ratio_pct", want: nan,
			p: years(map[int]smetier.FiscalYear{2025: {RDExpense: money(smetier.Wan(3)), OperatingRevenue: money(0)}})},
		{name: "zero assets gives NaN debt ratio", fact: "fy1.debt_ratio_pct", want: nan,
			p: years(map[int]smetier.FiscalYear{2025: {TotalLiabilities: money(0), TotalAssets: money(0)}})},
		{name: "zero employees gives NaN rd staff share", fact: "fy1.rd_staff_pct", want: nan,
			p: years(map[int]smetier.FiscalYear{2025: {RDStaff: intp(0), Employees: intp(0)}})},
		{name: "missing rd expense", fact: "fy1.rd_ratio_pct", missing: []string{"years.2025.rd_expense"},
			p: years(map[int]smetier.FiscalYear{2025: {OperatingRevenue: money(smetier.Wan(100))}})},
		{name: "missing both", fact: "fy1.rd_ratio_pct", missing: []string{"years.2025.rd_expense", "years.2025.operating_revenue"},
			p: years(map[int]smetier.FiscalYear{2024: {RDExpense: money(smetier.Wan(3)), OperatingRevenue: money(smetier.Wan(100))}})},
		{name: "missing fy3 year", fact: "fy3.debt_ratio_pct", missing: []string{"years.2023.total_liabilities", "years.2023.total_assets"},
			p: years(nil)},
	})
}

func TestFactsYearFigures(t *testing.T) {
	p := years(map[int]smetier.FiscalYear{
		2025: {OperatingRevenue: money(smetier.Wan(1500)), Employees: intp(120), RDExpense: money(smetier.Yuan(1_234_567) + smetier.Fen(89))},
		2024: {OperatingRevenue: money(smetier.Wan(1500) - smetier.Fen(1))},
	})
	runFactCases(t, []factCase{
		{name: "revenue in 万元", p: p, fact: "fy1.operating_revenue", want: 1500.0},
		{name: "revenue one fen below 1500万", p: p, fact: "fy2.operating_revenue", want: 1499.999999},
		{name: "fen converted exactly", p: p, fact: "fy1.rd_expense", want: 123.456789},
		{name: "employees are int", p: p, fact: "fy1.employees", want: int64(120)},
		{name: "missing year figure", p: p, fact: "fy1.rd_staff", missing: []string{"years.2025.rd_staff"}},
		{name: "missing year", p: p, fact: "fy3.operating_revenue", missing: []string{"years.2023.operating_revenue"}},
		{name: "missing rd expense of fy2", p: p, fact: "fy2.rd_expense", missing: []string{"years.2024.rd_expense"}},
	})
	v, _ := observe(p).Value("fy2.operating_revenue")
	assert.Less(t, v.(float64), 1500.0)
}

func TestFactsMultiYear(t *testing.T) {
	nan := math.NaN()
	rev := func(fy1, fy2, fy3 smetier.Money) *smetier.Profile {
		return years(map[int]smetier.FiscalYear{
			2025: {OperatingRevenue: money(fy1), MainRevenue: money(fy1)},
			2024: {OperatingRevenue: money(fy2), MainRevenue: money(fy2)},
			2023: {OperatingRevenue: money(fy3), MainRevenue: money(fy3)},
		})
	}
	rd := func(fy1, fy2 *smetier.Money) *smetier.Profile {
		return years(map[int]smetier.FiscalYear{2025: {RDExpense: fy1}, 2024: {RDExpense: fy2}})
	}
	runFactCases(t, []factCase{
		// (1.05)² = 1.1025: a CAGR of exactly 5 %.
		{name: "cagr exactly 5", fact: "revenue.cagr_2y_pct", want: 5.0, p: rev(smetier.Wan(11025), 0, smetier.Wan(10000))},
		{name: "cagr exactly 10", fact: "revenue.cagr_2y_pct", want: 10.0, p: rev(smetier.Wan(12100), 0, smetier.Wan(10000))},
		{name: "cagr zero growth", fact: "revenue.cagr_2y_pct", want: 0.0, p: rev(smetier.Wan(777), 0, smetier.Wan(777))},
		{name: "cagr from zero is NaN", fact: "revenue.cagr_2y_pct", want: nan, p: rev(smetier.Wan(100), 0, 0)},
		{name: "cagr missing fy3", fact: "revenue.cagr_2y_pct", missing: []string{"years.2023.operating_revenue"},
			p: years(map[int]smetier.FiscalYear{2025: {OperatingRevenue: money(smetier.Wan(1))}})},
		{name: "cagr missing both ends", fact: "revenue.cagr_2y_pct", missing: []string{"years.2025.operating_revenue", "years.2023.operating_revenue"},
			p: years(nil)},
		{name: "growth fy1 exactly 10", fact: "fy1.revenue_growth_pct", want: 10.0, p: rev(smetier.Wan(1100), smetier.Wan(1000), 1)},
		{name: "growth fy2", fact: "fy2.main_growth_pct", want: 20.0, p: rev(0, smetier.Wan(1200), smetier.Wan(1000))},
		{name: "growth over zero is NaN", fact: "fy1.main_growth_pct", want: nan, p: rev(smetier.Wan(1), 0, 0)},
		// Growth of 10 % and 20 %: mean 15 %.
		{name: "avg growth exactly 15", fact: "main_revenue.avg_growth_2y_pct", want: 15.0, p: rev(smetier.Wan(1320), smetier.Wan(1100), smetier.Wan(1000))},
		{name: "avg growth exactly 10", fact: "main_revenue.avg_growth_2y_pct", want: 10.0, p: rev(smetier.Wan(121), smetier.Wan(110), smetier.Wan(100))},
		{name: "avg growth with a zero base is NaN", fact: "main_revenue.avg_growth_2y_pct", want: nan, p: rev(smetier.Wan(121), smetier.Wan(110), 0)},
		{name: "avg growth missing fy3", fact: "main_revenue.avg_growth_2y_pct", missing: []string{"years.2023.main_revenue"},
			p: years(map[int]smetier.FiscalYear{2025: {MainRevenue: money(1)}, 2024: {MainRevenue: money(1)}})},
		{name: "avg growth names each missing year once", fact: "main_revenue.avg_growth_2y_pct",
			missing: []string{"years.2025.main_revenue", "years.2024.main_revenue", "years.2023.main_revenue"}, p: years(nil)},
		{name: "rd sum exact", fact: "rd.sum_2y", want: 1200.0, p: rd(money(smetier.Wan(700)+smetier.Fen(1)), money(smetier.Wan(500)-smetier.Fen(1)))},
		{name: "rd sum one fen short", fact: "rd.sum_2y", want: 1199.999999, p: rd(money(smetier.Wan(700)), money(smetier.Wan(500)-smetier.Fen(1)))},
		{name: "rd avg", fact: "rd.avg_2y", want: 600.0, p: rd(money(smetier.Wan(700)+smetier.Fen(1)), money(smetier.Wan(500)-smetier.Fen(1)))},
		{name: "rd sum missing fy2", fact: "rd.sum_2y", missing: []string{"years.2024.rd_expense"}, p: rd(money(smetier.Wan(700)), nil)},
		{name: "rd sum missing fy1", fact: "rd.sum_2y", missing: []string{"years.2025.rd_expense"}, p: rd(nil, money(1))},
	})
	// One fen below 5 % CAGR is below 5.
	v, miss := observe(rev(smetier.Wan(11025)-smetier.Fen(1), 0, smetier.Wan(10000))).Value("revenue.cagr_2y_pct")
	require.Empty(t, miss)
	assert.Less(t, v.(float64), 5.0)
	// One fen below an average growth of 15 % is below 15.
	v, miss = observe(rev(smetier.Wan(1320)-smetier.Fen(1), smetier.Wan(1100), smetier.Wan(1000))).Value("main_revenue.avg_growth_2y_pct")
	require.Empty(t, miss)
	assert.Less(t, v.(float64), 15.0)
}

func TestFactsSegmentYears(t *testing.T) {
	seg := func(since string) *smetier.Profile {
		return &smetier.Profile{Segment: &smetier.Segment{Since: datep(since)}}
	}
	t.Run("counted to the end of last year", func(t *testing.T) {
		// In the segment from 1 Jan 2023 through 31 Dec 2025: three full years at the end of
		// 上年度, whatever the as-of date in 2026.
		runFactCases(t, []factCase{{name: "since 2023-01-01", p: seg("2023-01-01"), fact: "segment.years", want: int64(3)}})
	})
	runFactCases(t, []factCase{
		{name: "since 2023-01-02", p: seg("2023-01-02"), fact: "segment.years", want: int64(2)},
		{name: "since 2022-12-31", p: seg("2022-12-31"), fact: "segment.years", want: int64(3)},
		{name: "since 2023-06-01", p: seg("2023-06-01"), fact: "segment.years", want: int64(2)},
		{name: "since 2010-03-15", p: seg("2010-03-15"), fact: "segment.years", want: int64(15)},
		{name: "since after the as-of date", p: seg("2026-07-01"), fact: "segment.years", want: int64(0)},
		{name: "since this year", p: seg("2026-01-15"), fact: "segment.years", want: int64(0)},
		{name: "no segment", p: &smetier.Profile{}, fact: "segment.years", missing: []string{"segment.since"}},
		{name: "no since", p: &smetier.Profile{Segment: &smetier.Segment{}}, fact: "segment.years", missing: []string{"segment.since"}},
	})
}

func TestFactsIP(t *testing.T) {
	// own: a self-developed, applied, class-I right related to the main product, first holder.
	own := func(mod func(*smetier.IPRight)) smetier.IPRight {
		r := smetier.IPRight{Number: "ZL1", Kind: smetier.InventionPatent, Granted: datep("2020-01-01"),
			TransferredIn: boolp(false), OwnerRank: intp(1), MainProduct: boolp(true), AppliedWithBenefit: boolp(true), HighValue: boolp(false)}
		if mod != nil {
			mod(&r)
		}
		return r
	}
	transferred := func(on string) func(*smetier.IPRight) {
		return func(r *smetier.IPRight) { r.TransferredIn, r.TransferredOn = boolp(true), datep(on) }
	}
	ips := func(rs ...smetier.IPRight) *smetier.Profile {
		if rs == nil {
			rs = []smetier.IPRight{}
		}
		return &smetier.Profile{IP: rs}
	}
	runFactCases(t, []factCase{
		{name: "nil list is unknown", p: &smetier.Profile{}, fact: "ip.class1_main", missing: []string{"ip"}},
		{name: "empty list is zero", p: ips(), fact: "ip.class1_main", want: int64(0)},
		{name: "own right counts", p: ips(own(nil)), fact: "ip.class1_main", want: int64(1)},
		{name: "each kind of class I", p: ips(
			own(func(r *smetier.IPRight) { r.Kind = smetier.DefensePatent }),
			own(func(r *smetier.IPRight) { r.Kind = smetier.PlantVariety }),
			own(func(r *smetier.IPRight) { r.Kind = smetier.CropVariety }),
			own(func(r *smetier.IPRight) { r.Kind = smetier.NewDrug }),
			own(func(r *smetier.IPRight) { r.Kind = smetier.ProtectedTCM }),
			own(func(r *smetier.IPRight) { r.Kind = smetier.ICLayout }),
			own(func(r *smetier.IPRight) { r.Kind = smetier.UtilityModel }),
			own(func(r *smetier.IPRight) { r.Kind = smetier.DesignPatent }),
			own(func(r *smetier.IPRight) { r.Kind = smetier.SoftwareCopyright }),
			own(func(r *smetier.IPRight) { r.Kind = "trademark" }),
		), fact: "ip.class1", want: int64(6)},
		{name: "class II counted apart", p: ips(own(nil), own(func(r *smetier.IPRight) { r.Kind = smetier.UtilityModel }),
			own(func(r *smetier.IPRight) { r.Kind = smetier.SoftwareCopyright })), fact: "ip.class2_main", want: int64(2)},
		{name: "not related to the main product", p: ips(own(func(r *smetier.IPRight) { r.MainProduct = boolp(false) })), fact: "ip.class1_main", want: int64(0)},
		{name: "unrelated still counts as class1", p: ips(own(func(r *smetier.IPRight) { r.MainProduct = boolp(false) })), fact: "ip.class1", want: int64(1)},
		{name: "main product unknown", p: ips(own(func(r *smetier.IPRight) { r.MainProduct = nil })), fact: "ip.class1_main", missing: []string{"ip[0].main_product"}},
		{name: "main product unknown on a class II right does not matter for class I",
			p: ips(own(nil), own(func(r *smetier.IPRight) { r.Kind, r.MainProduct = smetier.UtilityModel, nil })), fact: "ip.class1_main", want: int64(1)},
		{name: "main product unknown names the right's index",
			p: ips(own(nil), own(func(r *smetier.IPRight) { r.MainProduct = nil })), fact: "ip.class1_main", missing: []string{"ip[1].main_product"}},
		{name: "granted after the as-of date", p: ips(own(func(r *smetier.IPRight) { r.Granted = datep("2026-06-02") })), fact: "ip.class1_main", want: int64(0)},
		{name: "granted on the as-of date", p: ips(own(func(r *smetier.IPRight) { r.Granted = datep("2026-06-01") })), fact: "ip.class1_main", want: int64(1)},
		{name: "grant date unknown", p: ips(own(func(r *smetier.IPRight) { r.Granted = nil })), fact: "ip.class1_main", missing: []string{"ip[0].granted"}},
		// A right transferred in counts once held for a year (as of 2026-06-01: on or before 2025-06-01).
		{name: "transferred in within a year", p: ips(own(transferred("2025-12-01"))), fact: "ip.class1_main", want: int64(0)},
		{name: "transferred in a year less a day ago", p: ips(own(transferred("2025-06-02"))), fact: "ip.class1_main", want: int64(0)},
		{name: "transferred in exactly a year ago", p: ips(own(transferred("2025-06-01"))), fact: "ip.class1_main", want: int64(1)},
		{name: "transferred in two years ago", p: ips(own(transferred("2024-03-01"))), fact: "ip.class1_main", want: int64(1)},
		{name: "transferred in, date unknown", p: ips(own(func(r *smetier.IPRight) { r.TransferredIn = boolp(true) })), fact: "ip.class1_main", missing: []string{"ip[0].transferred_on"}},
		{name: "transfer unknown", p: ips(own(func(r *smetier.IPRight) { r.TransferredIn = nil })), fact: "ip.class1_main", missing: []string{"ip[0].transferred_in"}},
		{name: "high value", p: ips(own(nil), own(func(r *smetier.IPRight) { r.HighValue = boolp(true) })), fact: "ip.class1_main_high_value", want: int64(1)},
		{name: "high value unknown", p: ips(own(func(r *smetier.IPRight) { r.HighValue = nil })), fact: "ip.class1_main_high_value", missing: []string{"ip[0].high_value"}},
		{name: "own excludes transferred even after a year", p: ips(own(transferred("2020-01-01"))), fact: "ip.class1_main_own", want: int64(0)},
		{name: "own with transfer unknown", p: ips(own(func(r *smetier.IPRight) { r.TransferredIn = nil })), fact: "ip.class1_main_own", missing: []string{"ip[0].transferred_in"}},
		{name: "applied", p: ips(own(nil), own(func(r *smetier.IPRight) { r.AppliedWithBenefit = boolp(false) })), fact: "ip.class1_main_applied", want: int64(1)},
		{name: "applied counts a transferred right held a year", p: ips(own(transferred("2024-01-01"))), fact: "ip.class1_main_applied", want: int64(1)},
		{name: "applied unknown", p: ips(own(func(r *smetier.IPRight) { r.AppliedWithBenefit = nil })), fact: "ip.class1_main_applied", missing: []string{"ip[0].applied_with_benefit"}},
		{name: "top3: ranks 1 to 3 count, 4 does not", p: ips(
			own(func(r *smetier.IPRight) { r.OwnerRank = intp(1) }),
			own(func(r *smetier.IPRight) { r.OwnerRank = intp(2) }),
			own(func(r *smetier.IPRight) { r.OwnerRank = intp(3) }),
			own(func(r *smetier.IPRight) { r.OwnerRank = intp(4) }),
		), fact: "ip.class1_main_applied_own_top3", want: int64(3)},
		{name: "top3 excludes transferred in", p: ips(own(transferred("2020-01-01"))), fact: "ip.class1_main_applied_own_top3", want: int64(0)},
		{name: "top3 excludes not applied", p: ips(own(func(r *smetier.IPRight) { r.AppliedWithBenefit = boolp(false) })), fact: "ip.class1_main_applied_own_top3", want: int64(0)},
		{name: "top3 rank unknown", p: ips(own(func(r *smetier.IPRight) { r.OwnerRank = nil })), fact: "ip.class1_main_applied_own_top3", missing: []string{"ip[0].owner_rank"}},
		{name: "top3 rank unknown on a transferred right does not matter", p: ips(own(func(r *smetier.IPRight) {
			r.OwnerRank, r.TransferredIn, r.TransferredOn = nil, boolp(true), datep("2020-01-01")
		})), fact: "ip.class1_main_applied_own_top3", want: int64(0)},
		{name: "several unknowns on one right", p: ips(own(func(r *smetier.IPRight) { r.MainProduct, r.AppliedWithBenefit = nil, nil })),
			fact: "ip.class1_main_applied", missing: []string{"ip[0].main_product", "ip[0].applied_with_benefit"}},
		// The second right lacks its main-product relation but fails on its rank: the input it
		// recorded is dropped, and the third right's take its place in the list.
		{name: "unknowns of several rights, one dropped", p: ips(
			own(func(r *smetier.IPRight) { r.MainProduct, r.AppliedWithBenefit = nil, nil }),
			own(func(r *smetier.IPRight) { r.MainProduct, r.OwnerRank = nil, intp(5) }),
			own(func(r *smetier.IPRight) { r.AppliedWithBenefit, r.TransferredIn = nil, nil })),
			fact: "ip.class1_main_applied_own_top3", missing: []string{"ip[0].main_product", "ip[0].applied_with_benefit",
				"ip[2].applied_with_benefit", "ip[2].transferred_in"}},
	})
}

func TestFactsAwards(t *testing.T) {
	aw := func(as ...smetier.Award) *smetier.Profile {
		if as == nil {
			as = []smetier.Award{}
		}
		return &smetier.Profile{Awards: as}
	}
	st := func(level smetier.Level, year int, rank *int) smetier.Award {
		return smetier.Award{Name: "科技进步奖", Kind: smetier.ScienceTechnologyAward, Level: level, Year: year, Rank: rank}
	}
	runFactCases(t, []factCase{
		{name: "nil is unknown", p: &smetier.Profile{}, fact: "award.st_3y", missing: []string{"awards"}},
		{name: "empty is false", p: aw(), fact: "award.st_3y", want: false},
		// Application year 2026: 近三年 is 2023–2025.
		{name: "provincial 2023 counts", p: aw(st(smetier.Provincial, 2023, nil)), fact: "award.st_3y", want: true},
		{name: "provincial 2025 counts", p: aw(st(smetier.Provincial, 2025, nil)), fact: "award.st_3y", want: true},
		{name: "2022 is too old", p: aw(st(smetier.National, 2022, intp(1))), fact: "award.st_3y", want: false},
		{name: "2026 is not yet in the window", p: aw(st(smetier.National, 2026, intp(1))), fact: "award.st_3y", want: false},
		{name: "municipal is too low", p: aw(st(smetier.Municipal, 2024, intp(1))), fact: "award.st_3y", want: false},
		{name: "other kinds do not count", p: aw(smetier.Award{Kind: smetier.ChinaPatentAward, Level: smetier.National, Year: 2024}), fact: "award.st_3y", want: false},
		{name: "provincial top3, rank 3", p: aw(st(smetier.Provincial, 2024, intp(3))), fact: "award.provincial_st_top3_3y", want: true},
		{name: "provincial top3, rank 4", p: aw(st(smetier.Provincial, 2024, intp(4))), fact: "award.provincial_st_top3_3y", want: false},
		{name: "provincial top3 accepts national", p: aw(st(smetier.National, 2024, intp(1))), fact: "award.provincial_st_top3_3y", want: true},
		{name: "provincial top3, rank unknown", p: aw(st(smetier.Provincial, 2024, nil)), fact: "award.provincial_st_top3_3y", missing: []string{"awards[0].rank"}},
		{name: "rank unknown does not matter once another award holds", p: aw(st(smetier.Provincial, 2024, nil), st(smetier.Provincial, 2023, intp(2))),
			fact: "award.provincial_st_top3_3y", want: true},
		{name: "rank unknown outside the window does not matter", p: aw(st(smetier.Provincial, 2021, nil)), fact: "award.provincial_st_top3_3y", want: false},
		{name: "national top3 needs national", p: aw(st(smetier.Provincial, 2024, intp(1))), fact: "award.national_st_top3_3y", want: false},
		{name: "national top3, rank 3", p: aw(st(smetier.National, 2025, intp(3))), fact: "award.national_st_top3_3y", want: true},
		{name: "national top5, rank 5", p: aw(st(smetier.National, 2025, intp(5))), fact: "award.national_st_top5_3y", want: true},
		{name: "national top5, rank 6", p: aw(st(smetier.National, 2025, intp(6))), fact: "award.national_st_top5_3y", want: false},
		{name: "maker top 500", p: aw(smetier.Award{Kind: smetier.MakerChinaTop500, Level: smetier.National, Year: 2025}), fact: "award.maker_top500_3y", want: true},
	})
}

func TestFactsTitlesAndCerts(t *testing.T) {
	title := func(kind smetier.TitleKind, issued string, expires *smetier.Date, revoked bool) *smetier.Profile {
		return &smetier.Profile{Titles: []smetier.Title{
			{Kind: smetier.TitleTechSME, Issued: smetier.MustDate("2025-01-01"), Expires: datep("2027-12-31")},
			{Kind: kind, Issued: smetier.MustDate(issued), Expires: expires, Revoked: revoked},
		}}
	}
	cert := func(kind smetier.CertKind, issued, expires *smetier.Date) *smetier.Profile {
		return &smetier.Profile{Certifications: []smetier.Certification{{Kind: kind, Issued: issued, Expires: expires}}}
	}
	sme := smetier.TitleSpecializedSME
	runFactCases(t, []factCase{
		{name: "nil titles unknown", p: &smetier.Profile{}, fact: "title.specialized_sme", missing: []string{"titles"}},
		{name: "no such title", p: &smetier.Profile{Titles: []smetier.Title{}}, fact: "title.specialized_sme", want: false},
		{name: "valid", p: title(sme, "2023-07-01", datep("2026-06-30"), false), fact: "title.specialized_sme", want: true},
		{name: "expires on the as-of date", p: title(sme, "2023-06-01", datep("2026-06-01"), false), fact: "title.specialized_sme", want: true},
		{name: "expired the day before", p: title(sme, "2023-06-01", datep("2026-05-31"), false), fact: "title.specialized_sme", want: false},
		{name: "issued after the as-of date", p: title(sme, "2026-06-02", datep("2029-06-01"), false), fact: "title.specialized_sme", want: false},
		{name: "issued on the as-of date", p: title(sme, "2026-06-01", datep("2029-06-01"), false), fact: "title.specialized_sme", want: true},
		{name: "revoked", p: title(sme, "2023-07-01", datep("2026-06-30"), true), fact: "title.specialized_sme", want: false},
		{name: "expiry unknown", p: title(sme, "2023-07-01", nil, false), fact: "title.specialized_sme", missing: []string{"titles[1].expires"}},
		{name: "other kind unaffected", p: title(sme, "2023-07-01", nil, false), fact: "title.tech_sme", want: true},
		{name: "little giant absent", p: title(sme, "2023-07-01", nil, false), fact: "title.little_giant", want: false},
		{name: "nil certs unknown", p: &smetier.Profile{}, fact: "cert.high_tech_enterprise", missing: []string{"certifications"}},
		{name: "cert valid", p: cert(smetier.HighTechEnterprise, datep("2024-01-01"), datep("2026-12-31")), fact: "cert.high_tech_enterprise", want: true},
		{name: "cert expired", p: cert(smetier.HighTechEnterprise, datep("2023-01-01"), datep("2026-05-31")), fact: "cert.high_tech_enterprise", want: false},
		{name: "cert not yet issued", p: cert(smetier.HighTechEnterprise, datep("2026-06-02"), datep("2029-12-31")), fact: "cert.high_tech_enterprise", want: false},
		{name: "cert expiry unknown", p: cert(smetier.HighTechEnterprise, datep("2024-01-01"), nil), fact: "cert.high_tech_enterprise", missing: []string{"certifications[0].expires"}},
	})
	t.Run("HeldTitle", func(t *testing.T) {
		o := observe(title(sme, "2023-07-01", datep("2026-06-30"), false))
		h := o.HeldTitle(sme)
		require.NotNil(t, h)
		assert.Equal(t, smetier.MustDate("2023-07-01"), h.Issued)
		assert.Nil(t, observe(title(sme, "2023-07-01", nil, false)).HeldTitle(sme))
		assert.Nil(t, o.HeldTitle(smetier.TitleLittleGiant))
	})
}

func TestFactsEquity(t *testing.T) {
	round := func(date string, wan int64, qualified, paid *bool) smetier.Financing {
		return smetier.Financing{Date: smetier.MustDate(date), Amount: smetier.Wan(wan), QualifiedInvestor: qualified, PaidIn: paid}
	}
	yes, no := boolp(true), boolp(false)
	all := []smetier.Financing{
		round("2023-12-31", 1, yes, yes),     // fy3: only in the 3-year sum
		round("2024-01-01", 10, yes, yes),    // fy2
		round("2025-12-31", 100, yes, yes),   // fy1
		round("2026-01-01", 1000, yes, yes),  // application year: never
		round("2025-03-01", 10000, no, yes),  // not a qualified investor
		round("2025-03-01", 20000, yes, no),  // not paid in
		round("2022-06-01", 40000, nil, nil), // outside both windows: unknowns do not matter
	}
	fin := func(fs ...smetier.Financing) *smetier.Profile {
		if fs == nil {
			fs = []smetier.Financing{}
		}
		return &smetier.Profile{Financing: fs}
	}
	odd := all[:len(all):len(all)]
	odd = append(odd, smetier.Financing{Date: smetier.MustDate("2024-05-05"), Amount: smetier.Fen(1), QualifiedInvestor: yes, PaidIn: yes})
	runFactCases(t, []factCase{
		{name: "nil is unknown", p: &smetier.Profile{}, fact: "equity.sum_2y", missing: []string{"financing"}},
		{name: "empty is zero", p: fin(), fact: "equity.sum_2y", want: 0.0},
		{name: "2-year window 2024–2025", p: fin(all...), fact: "equity.sum_2y", want: 110.0},
		{name: "3-year window 2023–2025", p: fin(all...), fact: "equity.sum_3y", want: 111.0},
		{name: "exact in fen", p: fin(odd...), fact: "equity.sum_2y", want: 110.000001},
		{name: "qualified unknown", p: fin(round("2025-01-01", 1, nil, yes)), fact: "equity.sum_2y", missing: []string{"financing[0].qualified_investor"}},
		{name: "paid in unknown", p: fin(round("2020-01-01", 1, yes, yes), round("2025-01-01", 1, yes, nil)), fact: "equity.sum_2y", missing: []string{"financing[1].paid_in"}},
		{name: "unknown irrelevant once not qualified", p: fin(round("2025-01-01", 1, no, nil)), fact: "equity.sum_2y", want: 0.0},
	})
}

func TestFactsScoresAndOthers(t *testing.T) {
	scored := &smetier.Profile{EvaluationScores: map[int]float64{2025: 58.5}}
	runFactCases(t, []factCase{
		{name: "score.y1 present", p: scored, fact: "score.y1", want: 58.5},
		{name: "score.y0 missing", p: scored, fact: "score.y0", missing: []string{"evaluation_scores.2026"}},
		{name: "digital level", p: &smetier.Profile{DigitalLevel: intp(2)}, fact: "digital.level", want: int64(2)},
		{name: "digital level unknown", p: &smetier.Profile{}, fact: "digital.level", missing: []string{"digital_level"}},
		{name: "mainland legal person", p: &smetier.Profile{MainlandLegalPerson: boolp(true)}, fact: "ent.mainland_legal_person", want: true},
		{name: "mainland legal person unknown", p: &smetier.Profile{}, fact: "ent.mainland_legal_person", missing: []string{"mainland_legal_person"}},
		{name: "incidents nil", p: &smetier.Profile{Compliance: &smetier.Compliance{}}, fact: "compliance.incidents_3y", missing: []string{"compliance.incidents"}},
		{name: "incidents in the 3-year window", fact: "compliance.incidents_3y", want: int64(2), p: &smetier.Profile{Compliance: &smetier.Compliance{Incidents: []smetier.Incident{
			{Kind: smetier.TaxEvasion, Date: smetier.MustDate("2023-05-31")},
			{Kind: smetier.TaxEvasion, Date: smetier.MustDate("2023-06-01")},
			{Kind: smetier.SafetyIncident, Date: smetier.MustDate("2026-06-01")},
			{Kind: smetier.SafetyIncident, Date: smetier.MustDate("2026-06-02")},
		}}}},
		{name: "market share", p: &smetier.Profile{Segment: &smetier.Segment{MarketSharePct: func() *float64 { v := 10.0; return &v }()}}, fact: "segment.market_share_pct", want: 10.0},
		{name: "product flag unknown", p: &smetier.Profile{MainProduct: &smetier.MainProduct{}}, fact: "product.six_basics", missing: []string{"main_product.six_basics"}},
		{name: "product missing", p: &smetier.Profile{}, fact: "product.key_chain_link", missing: []string{"main_product.key_chain_link"}},
		{name: "own rdi", p: &smetier.Profile{RDInstitutions: []smetier.RDInstitution{{Level: smetier.Provincial, Joint: true}}}, fact: "rdi.provincial", want: false},
		{name: "joint rdi counts for any", p: &smetier.Profile{RDInstitutions: []smetier.RDInstitution{{Level: smetier.Provincial, Joint: true}}}, fact: "rdi.any", want: true},
	})
	t.Run("official score input", func(t *testing.T) {
		_, miss := observe(scored).Value("score.y0")
		require.Len(t, miss, 1)
		assert.True(t, miss[0].Official)
		f, ok := engine.LookupFact("score.y0")
		require.True(t, ok)
		assert.True(t, f.Official)
		assert.True(t, f.Yearly)
		assert.Equal(t, 0, f.YearOffset)
		_, miss = observe(&smetier.Profile{}).Value("fy1.rd_expense")
		require.Len(t, miss, 1)
		assert.False(t, miss[0].Official, "enterprise figures are not official")
	})
	t.Run("renewal", func(t *testing.T) {
		v, _ := engine.NewObserver(&smetier.Profile{}, asOf, true, nil).Value("application.renewal")
		assert.Equal(t, true, v)
		v, _ = observe(&smetier.Profile{}).Value("application.renewal")
		assert.Equal(t, false, v)
	})
}

func TestFactsSize(t *testing.T) {
	cat, err := criteria.Default()
	require.NoError(t, err)
	std := cat.SizeStandard(asOf)
	require.NotNil(t, std)
	p := &smetier.Profile{Industry: "C3812", Years: map[int]smetier.FiscalYear{
		2025: {Employees: intp(300), OperatingRevenue: money(smetier.Wan(2000))},
		2026: {Employees: intp(5000), OperatingRevenue: money(smetier.Wan(100000))},
	}}
	o := engine.NewObserver(p, asOf, false, std)
	v, miss := o.Value("size.class")
	require.Empty(t, miss)
	assert.Equal(t, "medium", v, "size uses 上年度 (2025), not the application year")
	v, _ = o.Value("size.sme")
	assert.Equal(t, true, v)
	assert.Equal(t, 2025, o.Size().FiscalYear)

	_, miss = engine.NewObserver(p, asOf, false, nil).Value("size.sme")
	require.Len(t, miss, 1)
	assert.Equal(t, "industry", miss[0].Path)
	assert.True(t, miss[0].Official, "no size standard in force")

	// SME decided while the class is still open.
	p2 := &smetier.Profile{Industry: "C3812", Years: map[int]smetier.FiscalYear{2025: {Employees: intp(800)}}}
	o2 := engine.NewObserver(p2, asOf, false, std)
	v, miss = o2.Value("size.sme")
	require.Empty(t, miss)
	assert.Equal(t, true, v)
	_, miss = o2.Value("size.class")
	assert.Equal(t, []string{"years.2025.operating_revenue"}, paths(miss))
}

// Observations render NaN as "n/a" and unknown as "?".
func TestFactsObservation(t *testing.T) {
	p := years(map[int]smetier.FiscalYear{2025: {RDExpense: money(smetier.Wan(3)), OperatingRevenue: money(0)}})
	o := observe(p)
	obs := o.Observation("fy1.rd_ratio_pct")
	assert.True(t, obs.Known)
	assert.Nil(t, obs.Value)
	assert.Equal(t, smetier.Text{Zh: "n/a", En: "n/a"}, obs.Display)
	assert.Equal(t, 2025, obs.FiscalYear)
	obs = o.Observation("fy1.rd_expense")
	assert.Equal(t, 3.0, obs.Value)
	assert.Equal(t, smetier.Text{Zh: "3万元", En: "¥30,000"}, obs.Display)
	obs = o.Observation("fy2.rd_expense")
	assert.False(t, obs.Known)
	assert.Equal(t, smetier.Text{Zh: "?", En: "?"}, obs.Display)
	assert.Equal(t, 2024, obs.FiscalYear)
	obs = o.Observation("rd.sum_2y")
	assert.Zero(t, obs.FiscalYear, "multi-year facts belong to no single year")
}

func TestFactVocabulary(t *testing.T) {
	fs := engine.Facts()
	require.NotEmpty(t, fs)
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	assert.True(t, sort.StringsAreSorted(names), "Facts() is sorted by name")
	seen := map[string]bool{}
	for _, f := range fs {
		t.Run(f.Name, func(t *testing.T) {
			assert.False(t, seen[f.Name], "duplicate fact")
			seen[f.Name] = true
			assert.NotEmpty(t, f.Label.Zh)
			assert.NotEmpty(t, f.Label.En)
			assert.Contains(t, []engine.FactType{engine.Bool, engine.Int, engine.Double, engine.String}, f.Type)
			assert.Contains(t, []string{"", "万元", "%", "人", "年", "项", "分", "名", "级"}, f.Unit)
			g, ok := engine.LookupFact(f.Name)
			assert.True(t, ok)
			assert.Equal(t, f.Name, g.Name)
			if !f.Yearly {
				assert.Zero(t, f.YearOffset)
			}
			// Every fact evaluates on an empty profile: a value of its type, or named inputs.
			for _, p := range []*smetier.Profile{{}, richProfile()} {
				v, miss := engine.NewObserver(p, asOf, false, nil).Value(f.Name)
				if v == nil {
					require.NotEmpty(t, miss, "neither a value nor missing inputs")
					for _, in := range miss {
						assert.NotEmpty(t, in.Path)
						assert.NotEmpty(t, in.Label.Zh, in.Path)
					}
					continue
				}
				assert.Empty(t, miss)
				switch f.Type {
				case engine.Bool:
					assert.IsType(t, true, v)
				case engine.Int:
					assert.IsType(t, int64(0), v)
				case engine.Double:
					assert.IsType(t, 0.0, v)
				case engine.String:
					assert.IsType(t, "", v)
				}
			}
		})
	}
	_, ok := engine.LookupFact("fy1.rd_ratio")
	assert.False(t, ok)
	fs[0].Name = "changed"
	assert.NotEqual(t, "changed", engine.Facts()[0].Name, "Facts returns a copy")
	assert.Panics(t, func() { observe(&smetier.Profile{}).Value("no.such.fact") })
}

// richProfile supplies every list and most figures, so facts compute values.
func richProfile() *smetier.Profile {
	fy := smetier.FiscalYear{OperatingRevenue: money(smetier.Wan(5000)), MainRevenue: money(smetier.Wan(4800)), RDExpense: money(smetier.Wan(300)),
		TotalAssets: money(smetier.Wan(8000)), TotalLiabilities: money(smetier.Wan(3000)), NetProfit: money(smetier.Wan(400)),
		Employees: intp(200), RDStaff: intp(40)}
	return &smetier.Profile{
		Industry: "C3812", MainlandLegalPerson: boolp(true),
		Years:          map[int]smetier.FiscalYear{2023: fy, 2024: fy, 2025: fy},
		IP:             []smetier.IPRight{},
		Awards:         []smetier.Award{},
		RDInstitutions: []smetier.RDInstitution{},
		Certifications: []smetier.Certification{},
		DigitalLevel:   intp(3),
		Financing:      []smetier.Financing{},
		Segment:        &smetier.Segment{Since: datep("2015-01-01"), MarketSharePct: func() *float64 { v := 12.5; return &v }(), NationalRank: intp(2), GlobalRank: intp(9)},
		MainProduct:    &smetier.MainProduct{SixBasics: boolp(true), StrategicEmerging: boolp(false), KeyChainLink: boolp(true), TimeHonoredBrand: boolp(false), OwnBrand: boolp(true)},
		Titles:         []smetier.Title{},
		Compliance: &smetier.Compliance{AbnormalList: boolp(false), SeriousDishonesty: boolp(false), Incidents: []smetier.Incident{},
			ProhibitedProduct: boolp(false)},
		EvaluationScores: map[int]float64{2025: 70, 2026: 72},
	}
}

// TestFactsSumsDoNotWrap: two-year R&D sums and equity sums are exact however large the amounts;
// an int64 sum of fen that wraps round would turn a huge total negative and fail a "以上" gate.
func TestFactsSumsDoNotWrap(t *testing.T) {
	big := smetier.Fen(1 << 62)  // 4.6e16 yuan: two of them overflow int64 fen
	want := 9223372036854.775808 // 2^63 fen in 万元
	rd := &smetier.Profile{Years: map[int]smetier.FiscalYear{2025: {RDExpense: &big}, 2024: {RDExpense: &big}}}
	round := func(date string, m smetier.Money) smetier.Financing {
		return smetier.Financing{Date: smetier.MustDate(date), Amount: m, QualifiedInvestor: boolp(true), PaidIn: boolp(true)}
	}
	fin := &smetier.Profile{Financing: []smetier.Financing{round("2024-03-01", big), round("2025-03-01", big), round("2023-03-01", big)}}
	runFactCases(t, []factCase{
		{name: "rd sum of two 2^62 fen", p: rd, fact: "rd.sum_2y", want: want},
		{name: "rd avg of two 2^62 fen", p: rd, fact: "rd.avg_2y", want: want / 2},
		{name: "equity 2y of two 2^62 fen", p: fin, fact: "equity.sum_2y", want: want},
		{name: "equity 3y of three 2^62 fen", p: fin, fact: "equity.sum_3y", want: want * 1.5},
	})
}

// The quality items of 63号 附件2 二（二）6 and the management systems of 附件3 二.
func TestFactsQuality(t *testing.T) {
	qa := func(level smetier.Level, year int) *smetier.Profile {
		return &smetier.Profile{Awards: []smetier.Award{{Kind: smetier.QualityAward, Level: level, Year: year}}}
	}
	std := func(ss ...smetier.Standard) *smetier.Profile {
		if ss == nil {
			ss = []smetier.Standard{}
		}
		return &smetier.Profile{Standards: ss}
	}
	certs := func(cs ...smetier.Certification) *smetier.Profile {
		if cs == nil {
			cs = []smetier.Certification{}
		}
		return &smetier.Profile{Certifications: cs}
	}
	valid := func(kind smetier.CertKind) smetier.Certification {
		return smetier.Certification{Kind: kind, Expires: datep("2027-01-01")}
	}
	expired := func(kind smetier.CertKind) smetier.Certification {
		return smetier.Certification{Kind: kind, Expires: datep("2026-05-31")}
	}
	runFactCases(t, []factCase{
		{name: "awards unknown", p: &smetier.Profile{}, fact: "award.quality_provincial", missing: []string{"awards"}},
		{name: "no awards", p: &smetier.Profile{Awards: []smetier.Award{}}, fact: "award.quality_provincial", want: false},
		{name: "provincial quality award", p: qa(smetier.Provincial, 2020), fact: "award.quality_provincial", want: true},
		{name: "national quality award in the application year", p: qa(smetier.National, 2026), fact: "award.quality_provincial", want: true},
		{name: "quality award after the application year", p: qa(smetier.National, 2027), fact: "award.quality_provincial", want: false},
		{name: "municipal quality award", p: qa(smetier.Municipal, 2025), fact: "award.quality_provincial", want: false},
		{name: "a S&T award is not a quality award", p: &smetier.Profile{Awards: []smetier.Award{{Kind: smetier.ScienceTechnologyAward, Level: smetier.National, Year: 2025}}},
			fact: "award.quality_provincial", want: false},
		{name: "standards unknown", p: &smetier.Profile{}, fact: "standard.participated", missing: []string{"standards"}},
		{name: "no standards", p: std(), fact: "standard.participated", want: false},
		{name: "group standard", p: std(smetier.Standard{Level: smetier.GroupStandard, Year: 2025}), fact: "standard.participated", want: true},
		{name: "standard without a year", p: std(smetier.Standard{Level: smetier.NationalStandard}), fact: "standard.participated", want: true},
		{name: "standard of a later year", p: std(smetier.Standard{Level: smetier.NationalStandard, Year: 2027}), fact: "standard.participated", want: false},
		{name: "management systems unknown", p: &smetier.Profile{}, fact: "cert.management_system", missing: []string{"certifications"}},
		{name: "no certificates", p: certs(), fact: "cert.management_system", want: false},
		{name: "ISO 9001 counts", p: certs(valid(smetier.QualityManagementCert)), fact: "cert.management_system", want: true},
		{name: "ISO 14001 counts", p: certs(valid(smetier.ManagementSystemCert)), fact: "cert.management_system", want: true},
		{name: "expired ISO 14001", p: certs(expired(smetier.ManagementSystemCert)), fact: "cert.management_system", want: false},
		{name: "a product certificate is not a management system", p: certs(valid(smetier.DevelopedMarketCert)), fact: "cert.management_system", want: false},
		{name: "expiry unknown, nothing else", p: certs(smetier.Certification{Kind: smetier.ManagementSystemCert}), fact: "cert.management_system",
			missing: []string{"certifications[0].expires"}},
		{name: "expiry unknown, but a valid ISO 9001", p: certs(smetier.Certification{Kind: smetier.ManagementSystemCert}, valid(smetier.QualityManagementCert)),
			fact: "cert.management_system", want: true},
		{name: "ISO 9001 is still only quality management", p: certs(valid(smetier.ManagementSystemCert)), fact: "cert.quality_management", want: false},
		{name: "serves a chain leader unknown", p: &smetier.Profile{MainProduct: &smetier.MainProduct{}}, fact: "product.serves_chain_leader",
			missing: []string{"main_product.serves_chain_leader"}},
		{name: "serves a chain leader", p: &smetier.Profile{MainProduct: &smetier.MainProduct{ServesChainLeader: boolp(true)}}, fact: "product.serves_chain_leader", want: true},
	})
}
