package smetier_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// The text report escapes control characters and ANSI sequences from profile and rule-file
// strings: a name cannot colour, clear or forge lines of a terminal (issue 13).
func TestWriteTextEscapesControls(t *testing.T) {
	rep := &smetier.Report{
		Enterprise: "Evil\x1b[31m Co\x1b[2J\nQualified: all tiers\r\u202eevil\u009b1m",
		Region:     smetier.RegionRef{Code: "440305", Name: smetier.Text{Zh: "南山区", En: "Nanshan"}},
		AsOf:       smetier.MustDate("2026-06-15"), ApplicationYear: 2026,
		Verdicts: []smetier.Verdict{{Tier: smetier.LittleGiant, TierTitle: smetier.Text{Zh: "小巨人\x07", En: "little giant\x07"}}},
	}
	for _, lang := range []string{"zh", "en"} {
		var b strings.Builder
		require.NoError(t, rep.WriteText(&b, lang))
		out := b.String()
		for _, c := range []string{"\x1b", "\r", "\x07", "\u202e", "\u009b"} {
			assert.NotContains(t, out, c)
		}
		lines := strings.Split(out, "\n")
		assert.Equal(t, `Evil\x1b[31m Co\x1b[2J\x0aQualified: all tiers\x0d\u202eevil\u009b1m`, lines[0], "one line, escaped")
		assert.Contains(t, out, `\x07`)
	}
}

// With no size group (no industry code, or no standard in force) the size line has no empty
// parentheses, and an uncovered tier has no status in JSON (issue 13).
func TestSizeLineAndUncoveredStatus(t *testing.T) {
	rep := &smetier.Report{Region: smetier.RegionRef{Code: "440305"}, AsOf: smetier.MustDate("2026-06-15"), ApplicationYear: 2026,
		Verdicts: []smetier.Verdict{{Tier: smetier.Champion}}}
	var b strings.Builder
	require.NoError(t, rep.WriteText(&b, "zh"))
	assert.Contains(t, b.String(), "企业规模 未定\n")
	assert.NotContains(t, b.String(), "（，）")
	b.Reset()
	rep.Size = smetier.SizeResult{GroupTitle: smetier.Text{Zh: "工业", En: "industry"}, Citation: "工信部联企业〔2011〕300号 第四条"}
	require.NoError(t, rep.WriteText(&b, "en"))
	assert.Contains(t, b.String(), "Size undecided (industry, 工信部联企业〔2011〕300号 第四条)\n")
	out, err := json.Marshal(rep.Verdicts[0])
	require.NoError(t, err)
	assert.NotContains(t, string(out), `"status"`)
}
