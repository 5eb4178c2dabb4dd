package classify_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

// ratioRules are user rules that divide by a figure the client controls: with rd_staff = 0 the
// division fails at run time.
const ratioRules = `
kind: rule-set
id: test-ratio
tier: little_giant
jurisdiction: "440000"
title: {zh: 人员比例, en: Staff ratio}
doc: 测试〔2026〕5号
from: 2026-01-01
criteria:
  - {id: staff.ratio, kind: gate, title: {zh: 人员比例, en: staff ratio}, cite: 第一条, expr: "fy1.employees / fy1.rd_staff >= 2"}
  - {id: revenue, kind: gate, title: {zh: 营业收入, en: revenue}, cite: 第二条, expr: "fy1.operating_revenue >= 5000.0"}
  - {id: small, kind: gate, title: {zh: 人数, en: headcount}, cite: 第三条, expr: "fy1.employees <= 1000"}
  - {id: small.exempt, kind: exemption, exempts: small, title: {zh: 豁免, en: exemption}, cite: 第四条, expr: "fy1.employees / fy1.rd_staff >= 100"}
`

const scoreRatioRules = `
kind: rule-set
id: test-ratio-score
tier: innovative_sme
jurisdiction: "440000"
title: {zh: 人员比例评分, en: Staff ratio score}
doc: 测试〔2026〕6号
from: 2026-01-01
score:
  pass_mark: 20
  parts: [{id: p, title: {zh: 甲, en: A}}]
criteria:
  - id: ratio
    kind: score
    part: p
    title: {zh: 比例, en: ratio}
    cite: 第一条
    bands:
      - {when: "fy1.employees / fy1.rd_staff <= 4", points: 20, label: {zh: 高, en: high}}
      - {when: "true", points: 0, label: {zh: 低, en: low}}
`

// A rule that fails at run time on the client's data fails its criterion, not the call: the
// criterion says which rule and why, the verdict needs a person, and the rest of the report is
// kept (issue 13: it used to fail every tier with an internal error, HTTP 500).
func TestRuleErrorFailsOnlyItsCriterion(t *testing.T) {
	cat, err := criteria.Load(criteria.BuiltinFS(), fstest.MapFS{"r.yaml": {Data: []byte(ratioRules)}, "s.yaml": {Data: []byte(scoreRatioRules)}})
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	classifyWith := func(p *smetier.Profile, opts ...classify.CallOption) *smetier.Report {
		rep, err := eng.Classify(context.Background(), p, append([]classify.CallOption{classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15"))}, opts...)...)
		require.NoError(t, err)
		return rep
	}
	p := t26Base()
	t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDStaff = new(0) })
	rep := classifyWith(p)
	require.Len(t, rep.Verdicts, 4, "every tier is still judged")
	v := rep.Verdict(smetier.LittleGiant)
	require.Equal(t, "test-ratio", v.RuleSet.ID)
	assert.Equal(t, smetier.NeedsJudgement, v.Status)
	assert.Equal(t, []string{"staff.ratio", "small.exempt"}, v.Errors)
	c := v.Criterion("staff.ratio")
	assert.Equal(t, smetier.Errored, c.Outcome)
	assert.Contains(t, c.Error, `rule set "test-ratio", criterion "staff.ratio"`)
	assert.Contains(t, c.Error, "division by zero")
	assert.Contains(t, c.Message.En, "could not be evaluated")
	require.Len(t, c.Gaps, 1)
	assert.Equal(t, smetier.Review, c.Gaps[0].Kind)
	assert.Equal(t, smetier.Pass, v.Criterion("revenue").Outcome, "the other criteria are judged as usual")
	assert.Equal(t, smetier.Pass, v.Criterion("small").Outcome, "a gate that passes needs no exemption")

	// Another failure settles the verdict whatever the failing rule would say.
	p2 := t26Base()
	t26year(p2, 2025, func(f *smetier.FiscalYear) {
		f.RDStaff = new(0)
		f.OperatingRevenue = new(smetier.Wan(100))
		f.MainRevenue = new(smetier.Wan(90))
	})
	v = classifyWith(p2).Verdict(smetier.LittleGiant)
	assert.Equal(t, smetier.NotQualified, v.Status)
	assert.Equal(t, []string{"revenue"}, v.Failed)

	// A failing gate whose exemption cannot be evaluated is undecided, not failed.
	p3 := t26Base()
	t26year(p3, 2025, func(f *smetier.FiscalYear) { f.RDStaff = new(0); f.Employees = new(1200) })
	v = classifyWith(p3).Verdict(smetier.LittleGiant)
	assert.Equal(t, smetier.Errored, v.Criterion("small").Outcome)
	assert.Equal(t, smetier.NeedsJudgement, v.Status)
	assert.Empty(t, v.Failed)

	// A score band that cannot be evaluated leaves the item's points open and the score undecided.
	v = classifyWith(p).Verdict(smetier.Innovative)
	require.Equal(t, "test-ratio-score", v.RuleSet.ID)
	assert.Equal(t, smetier.Errored, v.Criterion("ratio").Outcome)
	assert.Equal(t, smetier.Errored, v.Score.Outcome)
	assert.Equal(t, smetier.NeedsJudgement, v.Status)
	assert.Contains(t, v.Errors, "ratio")

	// Bulk screening gives the same verdicts.
	terse := classifyWith(p, classify.VerdictsOnly())
	for i, tv := range terse.Verdicts {
		assert.Equal(t, rep.Verdicts[i].Status, tv.Status, "%s", tv.Tier)
		assert.Equal(t, rep.Verdicts[i].Errors, tv.Errors, "%s", tv.Tier)
	}

	// The gap of a rule that cannot be evaluated names the criterion by its title, in a GapsOnly
	// report as in a full one (it was left without), and so in a summary.
	want := rep.Verdict(smetier.LittleGiant).Criterion("staff.ratio").Gaps
	assert.Contains(t, want[0].Message.Zh, "人员比例")
	lean := classifyWith(p, classify.GapsOnly())
	assert.Equal(t, want, lean.Verdict(smetier.LittleGiant).Criterion("staff.ratio").Gaps)
	for _, p := range []*smetier.Profile{p, p2, p3} {
		for _, tiers := range [][]smetier.Tier{nil, {smetier.LittleGiant}, {smetier.Innovative}} {
			opts := []classify.CallOption{classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(tiers...)}
			sum, err := eng.Summarize(context.Background(), p, opts...)
			require.NoError(t, err)
			assert.Equal(t, classifyWith(p, classify.Only(tiers...), classify.GapsOnly()).Summary("", -1), sum)
		}
	}
	sum, err := eng.Summarize(context.Background(), p, classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(smetier.LittleGiant))
	require.NoError(t, err)
	require.NotEmpty(t, sum.Gaps)
	assert.Contains(t, sum.Gaps, smetier.GapSummary{Criterion: "staff.ratio", Kind: smetier.Review, Message: smetier.LangText(want[0].Message)})
}

// Only with a tier named twice judges it once, in the order of first mention (issue 13).
func TestOnlyTierTwice(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	tiers := []smetier.Tier{smetier.Champion, smetier.Innovative, smetier.Champion}
	rep, err := eng.Classify(context.Background(), t26Base(), classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(tiers...))
	require.NoError(t, err)
	require.Len(t, rep.Verdicts, 2)
	assert.Equal(t, smetier.Champion, rep.Verdicts[0].Tier)
	assert.Equal(t, smetier.Innovative, rep.Verdicts[1].Tier)
	assert.Equal(t, []smetier.Tier{smetier.Champion, smetier.Innovative, smetier.Champion}, tiers, "the caller's slice is untouched")
}
