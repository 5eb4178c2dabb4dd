package smetier_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// summaryReport is a report with two rungs that miss inputs and a ladder with three gaps.
func summaryReport() *smetier.Report {
	in := func(p string) smetier.Input { return smetier.Input{Path: p} }
	gap := func(id string) smetier.Gap {
		return smetier.Gap{Criterion: id, Kind: smetier.Provide, Message: smetier.Text{Zh: id + "（中）", En: id + " (en)"}}
	}
	return &smetier.Report{
		Region: smetier.RegionRef{Code: "440305"},
		Verdicts: []smetier.Verdict{
			{Tier: smetier.Innovative, Covered: true, Status: smetier.NeedsData, Missing: []smetier.Input{in("a"), in("b")}},
			{Tier: smetier.Specialized, Covered: true, Status: smetier.NeedsData, Missing: []smetier.Input{in("c")}},
			{Tier: smetier.LittleGiant},
		},
		Ladder: &smetier.Ladder{Next: smetier.Innovative, Blocking: []smetier.Gap{gap("x"), gap("y"), gap("z")}},
	}
}

// Summary.Trim on the full summary (every gap, both languages) gives what Report.Summary gives for
// the same language and number of gaps.
func TestSummaryTrim(t *testing.T) {
	for _, lang := range []string{"", "zh", "en", "fr"} {
		for _, n := range []int{-5, -1, 0, 1, 2, 3, 4} {
			got := summaryReport().Summary("", -1).Trim(lang, n)
			assert.Equal(t, summaryReport().Summary(lang, n), got, "lang %q, %d gaps", lang, n)
			switch {
			case n == 0:
				assert.Nil(t, got.Gaps)
			case n < 0 || n > 3:
				assert.Len(t, got.Gaps, 3)
			default:
				assert.Len(t, got.Gaps, n)
			}
			for _, g := range got.Gaps {
				assert.Equal(t, lang != "en", g.Message.Zh != "", "lang %q: zh", lang)
				assert.Equal(t, lang != "zh", g.Message.En != "", "lang %q: en", lang)
			}
		}
	}
}

// The rungs' missing paths share one array, but appending to one rung's cannot change another's.
func TestSummaryMissingPaths(t *testing.T) {
	s := summaryReport().Summary("", -1)
	require.Len(t, s.Rungs, 3)
	assert.Equal(t, []string{"a", "b"}, s.Rungs[0].Missing)
	assert.Equal(t, []string{"c"}, s.Rungs[1].Missing)
	assert.Nil(t, s.Rungs[2].Missing)
	s.Rungs[0].Missing = append(s.Rungs[0].Missing, "changed")
	assert.Equal(t, []string{"c"}, s.Rungs[1].Missing)
}
