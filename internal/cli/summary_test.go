package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

// TestClassifySummaryBatchEncoding: a batch's summary records (written by wire.AppendSummary) are byte
// for byte what encoding/json writes for the engine's summary, and what the single-record
// output (indented by encoding/json) says, compacted; in both languages and in each.
func TestClassifySummaryBatchEncoding(t *testing.T) {
	lines, names := jsonl(t)
	eng, err := classify.New()
	require.NoError(t, err)
	for _, lang := range []string{"", "zh", "en"} {
		t.Run("lang="+lang, func(t *testing.T) {
			args := []string{"classify", "--view", "summary", "--as-of", "2026-06-15"}
			if lang != "" {
				args = append(args, "--lang", lang)
			}
			r := run(t, strings.Join(lines, "\n")+"\n", args...)
			require.Equal(t, ExitOK, r.code, r.stderr)
			require.True(t, strings.HasSuffix(r.stdout, "}\n"), "one record a line, each ending in a newline")
			out := outLines(r.stdout)
			require.Len(t, out, len(lines))
			for i, l := range out {
				var p smetier.Profile
				require.NoError(t, json.Unmarshal([]byte(lines[i]), &p))
				rep, err := eng.Classify(context.Background(), &p, classify.AsOf(smetier.MustDate("2026-06-15")), classify.GapsOnly())
				require.NoError(t, err)
				var want bytes.Buffer
				require.NoError(t, writeJSON(&want, rep.Summary(lang, summaryGaps), false))
				assert.Equal(t, strings.TrimSuffix(want.String(), "\n"), l, names[i])

				single := run(t, lines[i], args...)
				require.Equal(t, ExitOK, single.code, single.stderr)
				assert.True(t, strings.HasPrefix(single.stdout, "{\n  \""), "one record gives indented JSON")
				assert.Equal(t, l, compact(t, []byte(single.stdout)), names[i])
			}
		})
	}
}
