package criteria

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// The indexed Group answers exactly as the scan over every code did, for every listed code,
// each of its prefixes and extensions, and random codes.
func TestSizeGroupIndexMatchesScan(t *testing.T) {
	cat, err := Default()
	require.NoError(t, err)
	std := cat.SizeStandard(smetier.MustDate("2026-06-15"))
	require.NotNil(t, std)
	require.NotNil(t, std.index, "the loader builds the index")
	codes := map[string]bool{}
	for _, g := range std.Groups {
		for _, c := range g.Codes {
			for n := 1; n <= len(c); n++ {
				codes[c[:n]] = true
			}
			for d := '0'; d <= '9'; d++ {
				codes[c+string(d)] = true
			}
		}
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for range 5000 {
		c := string(rune('A' + rng.IntN(20)))
		for range rng.IntN(5) {
			c += string(rune('0' + rng.IntN(10)))
		}
		codes[c] = true
	}
	for c := range codes {
		g1, a1 := std.Group(c)
		g2, a2 := std.groupScan(c)
		require.Equal(t, g2, g1, "code %s", c)
		require.Equal(t, a2, a1, "code %s ambiguous", c)
	}
}
