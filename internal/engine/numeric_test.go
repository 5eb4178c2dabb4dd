package engine

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// TestCAGRFastPath checks the float64 path of the CAGR against the 128-bit one: they may differ
// by rounding only where no short-decimal threshold can fall between the two, and every exact
// boundary case must reach the exact path.
func TestCAGRFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		v3 := rng.Int64N(1<<40) + 1
		v1 := rng.Int64N(1 << 41)
		fast, exact := cagrPct(v1, v3), cagrExact(v1, v3)
		require.InDelta(t, exact, fast, 1e-9, "v1=%d v3=%d", v1, v3)
		for _, th := range []float64{0, 5, 10, 15, 20, 30} {
			require.Equal(t, exact >= th, fast >= th, "v1=%d v3=%d threshold %v", v1, v3, th)
		}
	}
	// v1/v3 = (1 + g/100)² lands on g exactly; one fen less is below it.
	for _, g := range []int64{0, 1, 5, 10, 15, 20, 25, 50, 100} {
		for _, base := range []int64{1, 100, 10_000, 1_000_000, 123_456_789} {
			v3 := base * 10_000
			v1 := base * (100 + g) * (100 + g)
			require.Equal(t, float64(g), cagrPct(v1, v3), "g=%d base=%d", g, base)
			require.Less(t, cagrPct(v1-1, v3), float64(g), "g=%d base=%d", g, base)
		}
	}
	// Amounts beyond 2^53 fen take the exact path.
	require.Equal(t, cagrExact(1<<60, 1<<58), cagrPct(1<<60, 1<<58))
	require.Equal(t, 100.0, cagrPct(1<<60, 1<<58))
}

// TestGrowthExtremes: growth between amounts whose int64 difference overflows is computed
// exactly, and the fast path agrees with the exact one elsewhere.
func TestGrowthExtremes(t *testing.T) {
	growth := func(cur, prev int64) float64 {
		p := &smetier.Profile{Years: map[int]smetier.FiscalYear{
			2025: {OperatingRevenue: new(smetier.Money(cur))},
			2024: {OperatingRevenue: new(smetier.Money(prev))},
		}}
		o := NewObserver(p, smetier.MustDate("2026-06-01"), false, nil)
		defer o.Release()
		v, miss := o.Value("fy1.revenue_growth_pct")
		require.Nil(t, miss)
		return v.(float64)
	}
	require.InDelta(t, -200.0, growth(math.MaxInt64, -math.MaxInt64), 1e-9)
	require.InDelta(t, -200.0, growth(math.MinInt64+1, math.MaxInt64), 1e-9)
	require.Equal(t, 10.0, growth(1100, 1000))
	rng := rand.New(rand.NewPCG(3, 4))
	for range 10_000 {
		cur, prev := rng.Int64N(1<<50), rng.Int64N(1<<50)+1
		want, _ := new(big.Rat).SetFrac(big.NewInt((cur-prev)*100), big.NewInt(prev)).Float64()
		require.Equal(t, want, growth(cur, prev), "cur=%d prev=%d", cur, prev)
	}
}

// A released observer is reused for the next profile: nothing computed for one profile may
// show through in the next (Release invalidates values by generation instead of clearing them).
func TestObserverReuseLeaksNothing(t *testing.T) {
	asOf := smetier.MustDate("2026-06-15")
	facts := func(o *Observer) map[string]any {
		out := map[string]any{}
		for _, f := range factList {
			v, miss := o.Value(f.Name)
			out[f.Name] = []any{fmt.Sprint(v), len(miss), o.Observation(f.Name).Display}
		}
		return out
	}
	pooled := func(p *smetier.Profile) map[string]any {
		o := NewObserver(p, asOf, false, nil)
		defer o.Release()
		return facts(o)
	}
	fresh := func(p *smetier.Profile) map[string]any { // never from the pool
		n := len(factList)
		o := &Observer{vals: make([]value, n), obs: make([]*smetier.Observation, n), gen: 1}
		o.p, o.asOf, o.year = p, asOf, asOf.Year
		return facts(o)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 5 {
		full, empty := randomProfile(rng), &smetier.Profile{}
		pooled(full)
		require.Equal(t, fresh(empty), pooled(empty), "after a full profile")
		require.Equal(t, fresh(full), pooled(full), "after an empty profile")
	}
}

// When the generation counter wraps round, values from the observer's first generation must not
// pass for current ones.
func TestObserverGenerationWraps(t *testing.T) {
	asOf := smetier.MustDate("2026-06-15")
	full, empty := randomProfile(rand.New(rand.NewPCG(7, 8))), &smetier.Profile{}
	n := len(factList)
	o := &Observer{vals: make([]value, n), obs: make([]*smetier.Observation, n), gen: 1}
	o.p, o.asOf, o.year = full, asOf, asOf.Year
	want := map[string]any{}
	for _, f := range factList {
		o.Value(f.Name) // every value now carries generation 1
	}
	o.gen = math.MaxUint32
	o.reset() // wraps to 0, and so back to 1
	require.Equal(t, uint32(1), o.gen)
	o.p, o.asOf, o.year = empty, asOf, asOf.Year
	fresh := &Observer{vals: make([]value, n), obs: make([]*smetier.Observation, n), gen: 1}
	fresh.p, fresh.asOf, fresh.year = empty, asOf, asOf.Year
	for _, f := range factList {
		v, miss := fresh.Value(f.Name)
		want[f.Name] = []any{v, len(miss)}
		v, miss = o.Value(f.Name)
		require.Equal(t, want[f.Name], []any{v, len(miss)}, f.Name)
	}
}

// TestAverageFastPath checks the float64 average of fen sums against the exact rational: the two
// must be the same float64, including at the edges of the fast path.
func TestAverageFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	edges := []int64{0, 1, -1, exact - 1, -(exact - 1), exact, -exact, exact + 1, math.MaxInt64, math.MinInt64 + 1}
	for k := range 100_000 {
		n := rng.Int64N(1<<54) - 1<<53
		if k < len(edges) {
			n = edges[k]
		}
		for _, div := range []int64{1, 2, 3, 7} {
			s := fenSum{n: n}
			want, _ := new(big.Rat).Quo(big.NewRat(n, div), big.NewRat(1_000_000, 1)).Float64()
			require.Equal(t, want, s.wan(div), "n=%d div=%d", n, div)
		}
	}
}
