package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

// The summary view is classify.Engine.Summarize: byte for byte the summary of a GapsOnly report
// (what it printed before), for every sample profile, places included, in both languages and
// each alone, in a batch with broken records, whose error records are the full view's.
func TestClassifySummaryViewIsReportSummary(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	places, err := filepath.Glob(filepath.Join(profilesDir, "places", "*.json"))
	require.NoError(t, err)
	var in []string
	var want []*smetier.Report // nil for a broken record
	for _, f := range append(profileFiles(t), places...) {
		b := readFile(t, f)
		in = append(in, compact(t, b))
		var p smetier.Profile
		require.NoError(t, json.Unmarshal(b, &p))
		rep, err := eng.Classify(context.Background(), &p, classify.AsOf(smetier.MustDate("2026-06-15")), classify.GapsOnly())
		require.NoError(t, err)
		want = append(want, rep)
		in = append(in, `{"region": "840000"}`, `{"region": "440305", "years": {"2025": {"rd_expense": "1.234"}}}`)
		want = append(want, nil, nil)
	}
	stdin := strings.Join(in, "\n") + "\n"
	full := outLines(run(t, stdin, "classify", "--as-of", "2026-06-15").stdout)
	require.Len(t, full, len(in))
	for _, lang := range []string{"", "zh", "en"} {
		args := []string{"classify", "--as-of", "2026-06-15", "--view", "summary"}
		if lang != "" {
			args = append(args, "--lang", lang)
		}
		r := run(t, stdin, args...)
		assert.Equal(t, ExitFailed, r.code, "the broken records fail the run")
		got := outLines(r.stdout)
		require.Len(t, got, len(in))
		for i, line := range got {
			if want[i] == nil {
				assert.Equal(t, full[i], line, "line %d: the error record", i+1)
				continue
			}
			var buf bytes.Buffer
			require.NoError(t, writeJSON(&buf, want[i].Summary(lang, summaryGaps), false))
			assert.Equal(t, strings.TrimSuffix(buf.String(), "\n"), line, "line %d, lang %q", i+1, lang)
		}
	}
}
