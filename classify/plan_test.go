package classify_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/testkit"
)

// A score whose plan would need more states than the planner keeps gets no cheapest plan, with
// the reason, instead of a search that grows without bound (issue 13); the verdict is unchanged.
func TestScorePlanBounded(t *testing.T) {
	cat, err := criteria.Load(criteria.BuiltinFS(), fstest.MapFS{"fine.yaml": {Data: []byte(testkit.FineScoreSet("test-fine-score"))}})
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
