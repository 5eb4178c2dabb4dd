package classify_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

type gapWant struct {
	group, option int
	kind          smetier.GapKind
	input         string
	delta         float64
	unit          string
}

func gapsOf(t *testing.T, p *smetier.Profile, tier smetier.Tier, id string) []smetier.Gap {
	t.Helper()
	c := t26Classify(t, p).Verdict(tier).Criterion(id)
	require.NotNil(t, c)
	return c.Gaps
}

func assertGaps(t *testing.T, got []smetier.Gap, want []gapWant) {
	t.Helper()
	require.Len(t, got, len(want), "%+v", got)
	for i, w := range want {
		g := got[i]
		assert.Equal(t, w.group, g.Group, "gap %d group", i)
		assert.Equal(t, w.option, g.Option, "gap %d option", i)
		assert.Equal(t, w.kind, g.Kind, "gap %d kind", i)
		assert.Equal(t, w.input, g.Input, "gap %d input", i)
		if w.unit != "" {
			require.NotNil(t, g.Delta, "gap %d delta", i)
			assert.InDelta(t, w.delta, *g.Delta, 1e-9, "gap %d delta: %s", i, g.Message.En)
			assert.Equal(t, w.unit, g.Unit)
		}
		assert.NotEmpty(t, g.Message.Zh)
		assert.NotEmpty(t, g.Message.En)
	}
}

func TestGapsAtEveryThresholdKind(t *testing.T) {
	t.Run("≥ amount, one fen short", func(t *testing.T) {
		p := t26Base()
		t26revenue(p, 2025, smetier.Wan(5000)-1)
		assertGaps(t, gapsOf(t, p, smetier.LittleGiant, "revenue"), []gapWant{{kind: smetier.Increase, input: "years.2025.operating_revenue", delta: 0.01, unit: "元"}})
	})
	t.Run("≥ amount, exactly on it: no gap", func(t *testing.T) {
		p := t26Base()
		t26revenue(p, 2025, smetier.Wan(5000))
		assert.Empty(t, gapsOf(t, p, smetier.LittleGiant, "revenue"))
	})
	t.Run("≥ ratio: R&D at fixed revenue", func(t *testing.T) {
		p := t26Base()
		t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(240)) }) // 2.4 % of 10000万
		g := gapsOf(t, p, smetier.LittleGiant, "rd.ratio")
		assertGaps(t, g, []gapWant{{kind: smetier.Increase, input: "years.2025.rd_expense", delta: 600_000, unit: "元"}})
		assert.Equal(t, "R&D expense / operating revenue 2025 is 2.4%; ≥ 3% needs R&D expense ≥ ¥3,000,000 at fixed operating revenue, i.e. +¥600,000", g[0].Message.En)
		assert.Equal(t, 3_000_000.0, *g[0].Required)
		assert.Equal(t, 2025, g[0].FiscalYear)
	})
	t.Run("≥ ratio, one fen short", func(t *testing.T) {
		p := t26Base()
		t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(270) - 1) })
		assertGaps(t, gapsOf(t, p, smetier.LittleGiant, "rd.ratio"), []gapWant{{kind: smetier.Increase, input: "years.2024.rd_expense", delta: 0.01, unit: "元"}})
	})
	t.Run("≤ ratio: reduce liabilities or raise assets", func(t *testing.T) {
		p := t26Base()
		t26year(p, 2025, func(f *smetier.FiscalYear) { f.TotalLiabilities = new(smetier.Wan(8300)) }) // 83 % of 10000万
		g := gapsOf(t, p, smetier.Specialized, "debt.ratio")
		assertGaps(t, g, []gapWant{{kind: smetier.Decrease, input: "years.2025.total_liabilities", delta: 3_000_000, unit: "元"}})
		assert.Contains(t, g[0].Message.En, "reduce total liabilities by ¥3,000,000 to ¥80,000,000, or raise total assets by ¥3,750,000")
	})
	t.Run("any-of: revenue or equity", func(t *testing.T) {
		p := t26Base()
		t26revenue(p, 2025, smetier.Wan(1000))
		assertGaps(t, gapsOf(t, p, smetier.Specialized, "revenue.or_equity"), []gapWant{
			{group: 1, option: 1, kind: smetier.Increase, input: "years.2025.operating_revenue", delta: 5_000_000, unit: "元"},
			{group: 1, option: 2, kind: smetier.Increase, input: "financing", delta: 20_000_000, unit: "元"},
		})
	})
	t.Run("sum over two years, one fen short", func(t *testing.T) {
		p := t26Base()
		t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(650) - 1) })
		t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(550)) })
		assertGaps(t, gapsOf(t, p, smetier.LittleGiant, "rd.total"), []gapWant{{kind: smetier.Increase, input: "years.2025.rd_expense", delta: 0.01, unit: "元"}})
	})
	t.Run("average over two years: last year's figure, not the sum", func(t *testing.T) {
		// 63号 附件2 直通2: average R&D of the last 2 years ≥ 1000万. With 500万 and 400万 the average is
		// 450万; raising 2024 R&D from 500万 by twice the 550万 shortfall (to 1600万) closes it.
		for _, tc := range []struct {
			name          string
			fy1           smetier.Money
			cur, req, dlt float64
		}{
			{"1100万 short", smetier.Wan(500), 5_000_000, 16_000_000, 11_000_000},
			{"1 fen short of the sum", smetier.Wan(1600) - 1, 15_999_999.99, 16_000_000, 0.01},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p := r22Profile(2025)
				r22rd(1, tc.fy1)(p, 2025)
				r22rd(2, smetier.Wan(400))(p, 2025)
				c := r22Verdict(t, r22Specialized, p).Criterion("direct.rd")
				require.NotNil(t, c)
				assertGaps(t, c.Gaps, []gapWant{{kind: smetier.Increase, input: "years.2024.rd_expense", delta: tc.dlt, unit: "元"}})
				assert.InDelta(t, tc.cur, *c.Gaps[0].Current, 1e-6, c.Gaps[0].Message.En)
				assert.InDelta(t, tc.req, *c.Gaps[0].Required, 1e-6, c.Gaps[0].Message.En)
				assert.NotContains(t, c.Gaps[0].Message.En, "average of the last 2 years is", "the current value shown is last year's figure")
			})
		}
		p := r22Profile(2025)
		r22rd(1, smetier.Wan(1600))(p, 2025)
		r22rd(2, smetier.Wan(400))(p, 2025)
		assert.Empty(t, r22Verdict(t, r22Specialized, p).Criterion("direct.rd").Gaps, "average exactly 1000万")
	})
	t.Run("sum over two years: last year's figure is current", func(t *testing.T) {
		p := t26Base()
		t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(500)) })
		t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(550)) })
		g := gapsOf(t, p, smetier.LittleGiant, "rd.total")
		assertGaps(t, g, []gapWant{{kind: smetier.Increase, input: "years.2025.rd_expense", delta: 1_500_000, unit: "元"}})
		assert.Equal(t, 5_000_000.0, *g[0].Current)
		assert.Equal(t, 6_500_000.0, *g[0].Required)
	})
	t.Run("each year: both years short", func(t *testing.T) {
		p := t26Base()
		t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(90)) })
		t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(99)) })
		assertGaps(t, gapsOf(t, p, smetier.Specialized, "rd.amount"), []gapWant{
			{kind: smetier.Increase, input: "years.2025.rd_expense", delta: 100_000, unit: "元"},
			{kind: smetier.Increase, input: "years.2024.rd_expense", delta: 10_000, unit: "元"},
		})
	})
	t.Run("count: one IP right short, or the exemption", func(t *testing.T) {
		p := t26Base()
		p.IP = p.IP[:3]
		assertGaps(t, gapsOf(t, p, smetier.LittleGiant, "ip.class1"), []gapWant{
			{group: 1, option: 1, kind: smetier.Increase, input: "ip", delta: 1, unit: "项"},
			{group: 1, option: 2, kind: smetier.Obtain},
		})
	})
	t.Run("CAGR: revenue needed for 5%", func(t *testing.T) {
		p := t26Base()
		t26revenue(p, 2023, smetier.Wan(10000))
		t26revenue(p, 2025, smetier.Wan(11025)-1)
		assertGaps(t, gapsOf(t, p, smetier.LittleGiant, "revenue.growth"), []gapWant{{kind: smetier.Increase, input: "years.2025.operating_revenue", delta: 0.01, unit: "元"}})
	})
	t.Run("official score", func(t *testing.T) {
		p := t26Base()
		p.EvaluationScores = map[int]float64{2026: 49.5}
		g := gapsOf(t, p, smetier.Specialized, "score.evaluation")
		assertGaps(t, g, []gapWant{{kind: smetier.Increase, input: "evaluation_scores.2026", delta: 0.5, unit: "分"}})
		assert.True(t, g[0].Official)
	})
	t.Run("years in segment", func(t *testing.T) {
		p := t26Base()
		p.Segment.Since = new(smetier.MustDate("2024-03-01"))
		assertGaps(t, gapsOf(t, p, smetier.LittleGiant, "segment.years"), []gapWant{{kind: smetier.Wait, input: "segment.since", delta: 2, unit: "年"}})
	})
	t.Run("missing input: provide it", func(t *testing.T) {
		p := t26Base()
		t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = nil })
		assertGaps(t, gapsOf(t, p, smetier.LittleGiant, "rd.total"), []gapWant{{kind: smetier.Provide, input: "years.2024.rd_expense"}})
	})
	t.Run("title", func(t *testing.T) {
		p := t26Base()
		p.Titles = p.Titles[:1]
		assertGaps(t, gapsOf(t, p, smetier.LittleGiant, "title.specialized"), []gapWant{{kind: smetier.Obtain}})
	})
	t.Run("must not be on a list", func(t *testing.T) {
		p := t26Base()
		p.Compliance.AbnormalList = new(true)
		g := gapsOf(t, p, smetier.LittleGiant, "base.credit")
		assertGaps(t, g, []gapWant{{kind: smetier.Avoid}})
		assert.Equal(t, "compliance.abnormal_list", g[0].Fact)
	})
}

// A scored set: the plan names the next band of each item and the fewest band climbs that reach
// the pass mark and the part minimums.
func TestScorePlan(t *testing.T) {
	rules := fstest.MapFS{"score.yaml": {Data: []byte(`
kind: rule-set
id: demo-score
tier: innovative_sme
jurisdiction: "440000"
title: {zh: 示例评分, en: Example score}
doc: 示例〔2026〕1号
from: 2026-01-01
score:
  pass_mark: 60
  parts:
    - {id: innovation, title: {zh: 创新能力, en: innovation}, minimum: 20}
    - {id: growth, title: {zh: 成长性, en: growth}, minimum: 15}
criteria:
  - id: rd.ratio
    kind: score
    part: innovation
    title: {zh: 研发费用占比, en: R&D ratio}
    cite: 附件1 评分表第2项
    bands:
      - {when: "fy1.rd_ratio_pct >= 5", points: 40, label: {zh: "≥5%", en: "≥5%"}}
      - {when: "fy1.rd_ratio_pct >= 3", points: 30, label: {zh: "3%–5%", en: "3%–5%"}}
      - {when: "fy1.rd_ratio_pct >= 1", points: 10, label: {zh: "1%–3%", en: "1%–3%"}}
  - id: growth
    kind: score
    part: growth
    title: {zh: 营业收入增长率, en: revenue growth}
    cite: 附件1 评分表第3项
    bands:
      - {when: "fy1.revenue_growth_pct >= 15", points: 30, label: {zh: "≥15%", en: "≥15%"}}
      - {when: "fy1.revenue_growth_pct >= 5", points: 20, label: {zh: "5%–15%", en: "5%–15%"}}
      - {when: "fy1.revenue_growth_pct >= 0", points: 10, label: {zh: "0–5%", en: "0–5%"}}
  - id: debt
    kind: score
    part: growth
    title: {zh: 资产负债率, en: debt ratio}
    cite: 附件1 评分表第4项
    bands:
      - {when: "fy1.debt_ratio_pct <= 55", points: 30, label: {zh: "≤55%", en: "≤55%"}}
      - {when: "true", points: 0, label: {zh: ">55%", en: ">55%"}}
`)}}
	cat, err := criteria.Load(criteria.BuiltinFS(), rules)
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)

	p := t26Base()
	t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(200)) })         // 2 % → 10
	t26revenue(p, 2024, smetier.Wan(9800))                                                        // growth 2.04 % → 10
	t26year(p, 2025, func(f *smetier.FiscalYear) { f.TotalLiabilities = new(smetier.Wan(6000)) }) // 60 % → 0
	rep, err := eng.Classify(context.Background(), p, classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(smetier.Innovative))
	require.NoError(t, err)
	v := rep.Verdict(smetier.Innovative)
	require.Equal(t, "demo-score", v.RuleSet.ID)
	require.Equal(t, 20, v.Score.Total)
	require.NotNil(t, v.Plan)
	assert.True(t, v.Plan.Reachable)
	// Next bands: R&D 10→30, growth 10→20, debt 0→30.
	require.Len(t, v.Plan.Steps, 3)
	assert.Equal(t, smetier.ScoreStep{Criterion: "rd.ratio", Part: "innovation", From: 10, To: 30, Gain: 20, Band: smetier.Text{Zh: "3%–5%", En: "3%–5%"}}, v.Plan.Steps[0])
	// 60 needs +40: R&D one band (+20, cost 1) and debt one band (+30, cost 1) = 70 with 2 climbs;
	// innovation reaches 30 ≥ 20 and growth 40 ≥ 15.
	var moved []string
	for _, s := range v.Plan.Cheapest {
		moved = append(moved, s.Criterion)
	}
	assert.ElementsMatch(t, []string{"rd.ratio", "debt"}, moved)
	assert.Equal(t, 70, v.Plan.Total)

	// A score already passing has no plan.
	t26year(p, 2025, func(f *smetier.FiscalYear) {
		f.RDExpense = new(smetier.Wan(600))
		f.TotalLiabilities = new(smetier.Wan(5000))
	})
	rep, err = eng.Classify(context.Background(), p, classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(smetier.Innovative))
	require.NoError(t, err)
	assert.Nil(t, rep.Verdict(smetier.Innovative).Plan)
}

// The ladder names the highest tier reached and the next tier's gaps, largest first.
func TestLadder(t *testing.T) {
	p := t26Base()
	p.Titles = p.Titles[:1] // innovative title only
	t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(240)) })
	rep := t26Classify(t, p, classify.Only(smetier.Specialized, smetier.LittleGiant))
	l := rep.Ladder
	require.NotNil(t, l)
	assert.Equal(t, smetier.Tier(""), l.Highest, "no title of these tiers is held and none qualifies")
	assert.Equal(t, smetier.Specialized, l.Next)
	assert.Equal(t, smetier.NotQualified, l.NextStatus)
	require.NotEmpty(t, l.Blocking)
	for i := 1; i < len(l.Blocking); i++ {
		a, b := l.Blocking[i-1], l.Blocking[i]
		if a.Official == b.Official {
			assert.GreaterOrEqual(t, a.Size, b.Size, "largest first")
		} else {
			assert.False(t, a.Official, "what the enterprise can act on comes before what the authority decides")
		}
	}
	assert.True(t, l.Blocking[len(l.Blocking)-1].Official, "the unquantified market position is left to the authority")
}

// Strict comparisons (超过 / 低于) in a user's rule file: the amount a ratio gap proposes must
// itself pass the comparison, not land exactly on the threshold, which would still fail.
func TestGapsForStrictRatios(t *testing.T) {
	rules := fstest.MapFS{"strict.yaml": {Data: []byte(`
kind: rule-set
id: demo-strict
tier: little_giant
jurisdiction: "440000"
title: {zh: 示例严格比较, en: Example strict comparisons}
doc: 示例〔2026〕2号
from: 2026-01-01
criteria:
  - id: rd.over
    kind: gate
    title: {zh: 上年度研发费用占比超过4%, en: "R&D over 4% of revenue last year"}
    cite: 第一条
    expr: fy1.rd_ratio_pct > 4
  - id: debt.under
    kind: gate
    title: {zh: 上年末资产负债率低于50%, en: "Debt ratio under 50% at the end of last year"}
    cite: 第二条
    expr: fy1.debt_ratio_pct < 50
`)}}
	cat, err := criteria.Load(criteria.BuiltinFS(), rules)
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	judge := func(rd, liabilities smetier.Money) *smetier.Verdict {
		p := t26Base()
		t26year(p, 2025, func(f *smetier.FiscalYear) {
			f.OperatingRevenue, f.MainRevenue = new(smetier.Wan(10000)), new(smetier.Wan(9700))
			f.RDExpense, f.TotalAssets, f.TotalLiabilities = new(rd), new(smetier.Wan(20000)), new(liabilities)
		})
		rep, err := eng.Classify(context.Background(), p, classify.In("440305"),
			classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(smetier.LittleGiant))
		require.NoError(t, err)
		return rep.Verdict(smetier.LittleGiant)
	}
	for _, tc := range []struct {
		name            string
		rd, liabilities smetier.Money
		rdGap, debtGap  float64 // yuan; 0: the criterion holds
	}{
		{"both exactly on the threshold", smetier.Wan(400), smetier.Wan(10000), 0.01, 0.01},
		{"one fen short", smetier.Wan(400) - 1, smetier.Wan(10000) + 1, 0.02, 0.02},
		{"well short", smetier.Wan(300), smetier.Wan(12000), 1_000_000.01, 20_000_000.01},
		{"one fen past", smetier.Wan(400) + 1, smetier.Wan(10000) - 1, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := judge(tc.rd, tc.liabilities)
			for _, c := range []struct {
				id  string
				gap float64
			}{{"rd.over", tc.rdGap}, {"debt.under", tc.debtGap}} {
				cr := v.Criterion(c.id)
				require.NotNil(t, cr)
				if c.gap == 0 {
					assert.Equal(t, smetier.Pass, cr.Outcome, c.id)
					continue
				}
				require.Equal(t, smetier.Fail, cr.Outcome, c.id)
				require.Len(t, cr.Gaps, 1, c.id)
				g := cr.Gaps[0]
				require.NotNil(t, g.Delta, c.id)
				assert.InDelta(t, c.gap, *g.Delta, 1e-6, "%s: %s", c.id, g.Message.En)
			}
		})
	}
}

// A ratio or growth rate over a zero base is undefined (NaN): its gap says so instead of stating
// NaN distances, which also have no JSON form (a fuzzed renewal with zero revenue every year
// produced a report that could not be encoded).
func TestGapsForUndefinedFigures(t *testing.T) {
	p := t26Base()
	for _, y := range []int{2023, 2024, 2025} {
		t26year(p, y, func(f *smetier.FiscalYear) { f.MainRevenue = new(smetier.Money(0)) })
	}
	t26year(p, 2025, func(f *smetier.FiscalYear) {
		f.TotalAssets, f.TotalLiabilities = new(smetier.Money(0)), new(smetier.Money(0))
	})
	for _, renewal := range []bool{false, true} { // renewals of little giants use the 2022 standard
		rep := t26Classify(t, p, classify.Renewal(renewal))
		_, err := json.Marshal(rep)
		require.NoError(t, err, "renewal %v", renewal)
		undefined := 0
		for _, v := range rep.Verdicts {
			for _, c := range v.Criteria {
				for _, g := range c.Gaps {
					if g.Kind == smetier.Review && strings.Contains(g.Message.En, "cannot be computed") {
						undefined++
						assert.Nil(t, g.Current, "%s %s", v.Tier, c.ID)
						assert.Nil(t, g.Delta, "%s %s", v.Tier, c.ID)
						assert.Equal(t, 1.0, g.Size)
						assert.NotEmpty(t, g.Fact)
					}
				}
			}
		}
		assert.Positive(t, undefined, "renewal %v: no gap names an undefined figure", renewal)
	}
}
