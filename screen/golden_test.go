package screen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// dumpWorkbook writes every sheet of a results workbook as text: one line per row, cells
// separated by " | ", so that a golden file shows what changed cell by cell.
func dumpWorkbook(t testing.TB, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	require.NoError(t, err)
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		require.NoError(t, err)
		fmt.Fprintf(&b, "== %s (%d rows)\n", sh, len(rows))
		for i, r := range rows {
			fmt.Fprintf(&b, "%d: %s\n", i+1, strings.Join(r, " | "))
		}
	}
	return b.String()
}

// The results workbook and report.html of the bundled sample, in both languages, are the
// goldens in testdata/screen (go test ./screen -run TestResultsGolden -update rewrites them):
// a change to what the results say shows up there cell by cell, and the way the results are
// kept and written can change without changing a figure.
func TestResultsGolden(t *testing.T) {
	res := runSample(t)
	for _, lang := range []string{"zh", "en"} {
		var book, page bytes.Buffer
		require.NoError(t, res.WriteXLSX(&book, lang))
		require.NoError(t, res.WriteHTML(&page, lang))
		for _, out := range []struct{ name, got string }{
			{"results-" + lang + ".txt", dumpWorkbook(t, book.Bytes())},
			{"report-" + lang + ".html", page.String()},
		} {
			path := filepath.Join("..", "testdata", "screen", out.name)
			if *update {
				require.NoError(t, os.WriteFile(path, []byte(out.got), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "go test ./screen -run TestResultsGolden -update")
			assert.Equal(t, string(want), out.got, "%s: go test ./screen -run TestResultsGolden -update, then read the diff", out.name)
		}
	}
}
