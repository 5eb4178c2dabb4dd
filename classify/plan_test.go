package classify_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

// fineScore is a score set that loads (it is within criteria's bounds) but whose items combine in
// more ways than the planner searches: 16 items of 6 bands with distinct points, a pass mark of
// 1000 and two parts of minimum 60.
func fineScore() string {
	var b strings.Builder
	b.WriteString(`kind: rule-set
id: test-fine-score
tier: innovative_sme
jurisdiction: "440000"
title: {zh: 细分评分, en: Fine score}
doc: 测试〔2026〕8号
from: 2026-01-01
score:
  pass_mark: 1000
  parts:
    - {id: a, title: {zh: 甲, en: A}, minimum: 60}
    - {id: b, title: {zh: 乙, en: B}, minimum: 60}
criteria:
`)
	for i := range 16 {
		fmt.Fprintf(&b, "  - id: item%02d\n    kind: score\n    part: %s\n    title: {zh: 项%d, en: item %d}\n    cite: 第%d项\n    bands:\n",
			i, []string{"a", "b"}[i%2], i, i, i+1)
		for k := 6; k >= 1; k-- {
			fmt.Fprintf(&b, "      - {when: \"fy1.rd_ratio_pct >= %d\", points: %d, label: {zh: 档%d, en: band %d}}\n", 10*k+i, 11*k+i*7+k*k*5, k, k)
		}
	}
	return b.String()
}

// A score whose plan would need more states than the planner keeps gets no cheapest plan, with
// the reason, instead of a search that grows without bound (issue 13); the verdict is unchanged.
func TestScorePlanBounded(t *testing.T) {
	cat, err := criteria.Load(criteria.BuiltinFS(), fstest.MapFS{"fine.yaml": {Data: []byte(fineScore())}})
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	p := t26Base()
	t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(1)) }) // tiny: every item at no band
	start := time.Now()
	rep, err := eng.Classify(context.Background(), p, classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(smetier.Innovative))
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 20*time.Second)
	v := rep.Verdict(smetier.Innovative)
	require.Equal(t, "test-fine-score", v.RuleSet.ID)
	assert.Equal(t, smetier.NotQualified, v.Status)
	require.NotNil(t, v.Plan)
	assert.True(t, v.Plan.Reachable, "every item at its best band passes")
	assert.Empty(t, v.Plan.Cheapest)
	require.NotNil(t, v.Plan.NoPlan)
	assert.Contains(t, v.Plan.NoPlan.En, "no cheapest plan")
	assert.Len(t, v.Plan.Steps, 16, "the next band of every item is still given")
	var text strings.Builder
	require.NoError(t, rep.WriteText(&text, "en"))
	assert.Contains(t, text.String(), "no cheapest plan computed")

	// A cancelled context stops the search and is reported as such.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = eng.Classify(ctx, p, classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(smetier.Innovative))
	assert.ErrorIs(t, err, context.Canceled)
}
