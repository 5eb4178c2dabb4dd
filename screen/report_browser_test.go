//go:build linux

package screen

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/smetier/smetier/internal/browsertest"
)

// report.html opened offline in headless Chromium: every chart is drawn (bars with a size on
// the screen), and the figures on the page are the results workbook's.
func TestReportInBrowser(t *testing.T) {
	res := runSample(t)
	dir := t.TempDir()
	var page, book bytes.Buffer
	require.NoError(t, res.WriteHTML(&page, "en"))
	require.NoError(t, res.WriteXLSX(&book, "en"))
	file := filepath.Join(dir, "report.html")
	require.NoError(t, os.WriteFile(file, page.Bytes(), 0o644))
	f, err := excelize.OpenReader(&book)
	require.NoError(t, err)
	defer f.Close()
	fun := summaryFunnel(t, f)

	b := browsertest.Start(t) // skips when Chromium is not installed
	b.Navigate("file://" + file)

	// Every chart has rows, and every non-zero bar is drawn with a width.
	var charts map[string]struct {
		Rows  int
		Drawn int
		Bars  int
	}
	b.Eval(`(() => { const out = {}; for (const svg of document.querySelectorAll("svg.chart")) {
		const r = svg.getBoundingClientRect(); let drawn = 0, bars = 0;
		for (const rect of svg.querySelectorAll("rect.bar")) { bars++; if (rect.getBoundingClientRect().width > 0 && r.width > 0) drawn++; }
		out[svg.id] = {Rows: svg.querySelectorAll("g.row").length, Drawn: drawn, Bars: bars}; } return out; })()`, &charts)
	for _, id := range []string{"funnel", "statuses", "gap-criteria", "gap-sizes"} {
		c, ok := charts[id]
		require.True(t, ok, "chart %s", id)
		assert.Positive(t, c.Rows, id)
		assert.Positive(t, c.Bars, id)
		assert.Equal(t, c.Bars, c.Drawn, "%s: every bar has a width on the screen", id)
	}

	// The statuses chart's counts are the summary sheet's.
	var statuses map[string]map[string]int
	b.Eval(`(() => { const out = {}; for (const g of document.querySelectorAll("#statuses g.row")) {
		const m = {}; for (const r of g.querySelectorAll("rect.bar")) m[r.dataset.key] = +r.dataset.count; out[g.dataset.key] = m; } return out; })()`, &statuses)
	require.Len(t, statuses, len(fun))
	for key, want := range fun {
		got := statuses[key]
		assert.Equal(t, [5]int{want[1], want[2], want[3], want[4], want[5]},
			[5]int{got["qualified"], got["not_qualified"], got["needs_data"], got["needs_judgement"], got["not_covered"]}, key)
	}
	// The headline figures and the seed list.
	var head struct {
		Screened, Errors, Seeds string
		SeedCodes               []string
	}
	b.Eval(`({Screened: document.getElementById("screened").textContent, Errors: document.getElementById("errors").textContent,
		Seeds: String(document.querySelectorAll("#seeds tr[data-code]").length),
		SeedCodes: [...document.querySelectorAll("#seeds tr[data-code]")].map(r => r.dataset.code)})`, &head)
	summary, err := f.GetRows(SummarySheet)
	require.NoError(t, err)
	assert.Equal(t, summary[1][1], head.Screened)
	assert.Equal(t, summary[2][1], head.Errors)
	seeds, err := f.GetRows(SeedsSheet)
	require.NoError(t, err)
	n, _ := strconv.Atoi(head.Seeds)
	require.Equal(t, min(50, len(seeds)-2), n)
	for i, code := range head.SeedCodes {
		assert.Equal(t, seeds[i+2][2], code, "seed %d", i+1)
	}
	// Nothing was fetched: the page is one file.
	var resources int
	b.Eval(`performance.getEntriesByType("resource").length`, &resources)
	assert.Zero(t, resources)
}
