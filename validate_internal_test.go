package smetier

import (
	"math/rand/v2"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The hand-written shape checks accept exactly what the documented patterns accept.
func TestCodeShapesMatchPatterns(t *testing.T) {
	region := regexp.MustCompile(`^[1-8][0-9]{5}$`)
	industry := regexp.MustCompile(`^[A-T]([0-9]{2}([0-9]{1,2})?)?$`)
	alphabet := []byte("0123456789ABCSTUZa-é\x00")
	rng := rand.New(rand.NewPCG(1, 1))
	samples := []string{"", "0", "1", "110000", "440305", "910000", "11000", "1100000", "A", "C", "T", "U", "C3", "C38", "C381", "C3812", "C38120", "c38", "C3a"}
	for range 100_000 {
		b := make([]byte, rng.IntN(8))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		samples = append(samples, string(b))
	}
	for _, s := range samples {
		require.Equal(t, region.MatchString(s), regionCode(s), "region %q", s)
		require.Equal(t, industry.MatchString(s), industryCode(s), "industry %q", s)
	}
}

// TestDaysInMatchesTime checks the computed month lengths against package time.
func TestDaysInMatchesTime(t *testing.T) {
	for y := -800; y <= 3200; y++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := daysIn(y, m), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%d, %v) = %d, want %d", y, m, got, want)
			}
		}
	}
}
