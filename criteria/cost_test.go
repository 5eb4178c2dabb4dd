package criteria_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/engine"
)

func costRule(expr string) []byte {
	return []byte(`kind: rule-set
id: cost-demo
tier: specialized_sme
jurisdiction: CN
title: {zh: 示例, en: Example}
doc: 示例〔2026〕1号
from: 2026-01-01
criteria:
  - id: c
    kind: gate
    title: {zh: 示例, en: Example}
    cite: 第一条
    expr: "` + expr + `"
`)
}

// A user rule that would loop over a large literal is refused at load with a typed error.
func TestCostLimitAtLoad(t *testing.T) {
	big := "[" + strings.Repeat("1,", 300) + "1]"
	expensive := big + ".all(x, " + big + ".all(y, x + y > fy1.rd_ratio_pct))"
	_, _, err := criteria.Parse("expensive.yaml", costRule(expensive))
	require.Error(t, err)
	assert.True(t, errors.Is(err, criteria.ErrCostLimit), "%v", err)
	assert.True(t, errors.Is(err, criteria.ErrInvalidRule))

	// The same rule loads under a higher limit chosen by the caller.
	s, _, err := criteria.Parse("expensive.yaml", costRule(expensive), criteria.CostLimit(10_000_000))
	require.NoError(t, err)
	assert.Greater(t, engine.ProgramOf(s.Criteria[0]).Cost, uint64(criteria.DefaultCostLimit))

	// A tighter limit rejects even a small loop.
	_, _, err = criteria.Parse("small.yaml", costRule("[1,2,3].all(x, x > 0)"), criteria.CostLimit(3))
	assert.True(t, errors.Is(err, criteria.ErrCostLimit), "%v", err)
}

// An iterating rule honours cancellation and never hangs the caller.
func TestIteratingRuleHonoursContext(t *testing.T) {
	big := "[" + strings.Repeat("1,", 300) + "1]"
	expr := big + ".all(x, " + big + ".all(y, x + y > fy1.rd_ratio_pct))"
	s, _, err := criteria.Parse("loop.yaml", costRule(expr), criteria.CostLimit(100_000_000))
	require.NoError(t, err)
	p := &smetier.Profile{Years: map[int]smetier.FiscalYear{2025: {RDExpense: new(smetier.Wan(1)), OperatingRevenue: new(smetier.Wan(100))}}}
	o := engine.NewObserver(p, smetier.MustDate("2026-06-15"), false, nil)
	defer o.Release()

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan error, 1)
	go func() {
		_, _, err := o.Eval(ctx, engine.ProgramOf(s.Criteria[0]))
		done <- err
	}()
	select {
	case err := <-done:
		require.Error(t, err)
		assert.ErrorIs(t, err, context.Canceled)
	case <-time.After(10 * time.Second):
		t.Fatal("evaluation did not stop after cancellation")
	}

	// Not cancelled, it completes (it is true: every x + y = 2 > 1 %).
	truth, _, err := o.Eval(context.Background(), engine.ProgramOf(s.Criteria[0]))
	require.NoError(t, err)
	assert.Equal(t, engine.True, truth)
}
