package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/screen"
)

const sampleWorkbook = "../../testdata/screen/sample.xlsx"

func TestTemplate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "t.xlsx")
	r := run(t, "", "template", "-o", out)
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "fiscal years [2023 2024 2025]", "the three years before today (2026-06-15)")
	f, err := excelize.OpenFile(out)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows("企业")
	require.NoError(t, err)
	assert.Contains(t, rows[1], "years.2025.rd_expense")
	assert.NotContains(t, rows[1], "years.2026.rd_expense")

	r = run(t, "", "template", "-o", out, "--years", "2024,2025")
	require.Equal(t, ExitOK, r.code, r.stderr)
	for _, bad := range [][]string{{"template"}, {"template", "-o", out, "--years", "20x5"}, {"template", "-o", out, "extra"}} {
		r = run(t, "", bad...)
		assert.Equal(t, ExitUsage, r.code, "%v: %s", bad, r.stderr)
	}
}

func TestScreenSample(t *testing.T) {
	dir := t.TempDir()
	res, rep := filepath.Join(dir, "results.xlsx"), filepath.Join(dir, "report.html")
	r := run(t, "", "screen", sampleWorkbook, "--as-of", "2026-06-15", "-o", res, "--report", rep, "--lang", "en")
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "screened 20 enterprises as of 2026-06-15 (0 not screened)")
	f, err := excelize.OpenFile(res)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, screen.ResultsSheet, f.GetSheetList()[0])
	page, err := os.ReadFile(rep)
	require.NoError(t, err)
	assert.Contains(t, string(page), "Cultivation screening report")
	assert.NotContains(t, string(page), "http://cdn", "self-contained")
	assert.NotContains(t, string(page), "<script", "no script needed")
}

// A bad cell is named by sheet, row, column and reason; the other enterprises are screened,
// the outputs are written and the exit status is 1.
func TestScreenBadCell(t *testing.T) {
	dir := t.TempDir()
	f, err := excelize.OpenFile(sampleWorkbook)
	require.NoError(t, err)
	rows, err := f.GetRows("企业")
	require.NoError(t, err)
	key := "years.2025.rd_expense"
	col := ""
	for i, k := range rows[1] {
		if k == key {
			col, _ = excelize.ColumnNumberToName(i + 1)
		}
	}
	require.NotEmpty(t, col)
	require.NoError(t, f.SetCellValue("企业", col+"5", "x"))
	in := filepath.Join(dir, "in.xlsx")
	require.NoError(t, f.SaveAs(in))
	f.Close()
	res := filepath.Join(dir, "results.xlsx")
	r := run(t, "", "screen", in, "--as-of", "2026-06-15", "-o", res)
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stderr, "sheet 企业, row 5, column "+col+" ("+key+")")
	assert.Contains(t, r.stdout, "screened 19 enterprises as of 2026-06-15 (1 not screened)")
	out, err := excelize.OpenFile(res)
	require.NoError(t, err)
	defer out.Close()
	errs, err := out.GetRows(screen.ErrorsSheet)
	require.NoError(t, err)
	require.Len(t, errs, 2)
	assert.Equal(t, []string{"企业", "5", col, key}, errs[1][:4])
}

func TestScreenCSVAndJSONLines(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for _, p := range profileFiles(t) {
		lines = append(lines, compact(t, readFile(t, p)))
	}
	jl := filepath.Join(dir, "registry.jsonl")
	require.NoError(t, os.WriteFile(jl, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	r := run(t, "", "screen", jl, "--as-of", "2026-06-15", "--report", filepath.Join(dir, "r.html"))
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "screened 5 enterprises")
}

func TestScreenUsage(t *testing.T) {
	for _, args := range [][]string{
		{"screen"},
		{"screen", sampleWorkbook},
		{"screen", sampleWorkbook, "-o", "x.xlsx", "--lang", "fr"},
		{"screen", "no-such-file.xlsx", "-o", "x.xlsx"},
		{"screen", sampleWorkbook, "-o", "x.xlsx", "--region", "999999"},
	} {
		r := run(t, "", args...)
		assert.Equal(t, ExitUsage, r.code, "%v: %s", args, r.stderr)
	}
}

func TestClassifySummaryView(t *testing.T) {
	file := filepath.Join(profilesDir, "shenzhen-precision.json")
	r := run(t, "", "classify", "--as-of", "2026-06-15", "--view", "summary", file)
	require.Equal(t, ExitOK, r.code, r.stderr)
	var s smetier.Summary
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s))
	require.Len(t, s.Rungs, 5, "four tiers and Guangdong's provincial champion")
	assert.Equal(t, "specialized_sme", s.Next)
	assert.NotEmpty(t, s.Gaps)
	assert.NotEmpty(t, s.Gaps[0].Message.Zh)
	assert.NotEmpty(t, s.Gaps[0].Message.En)
	assert.Less(t, len(r.stdout), 3<<10)

	r = run(t, "", "classify", "--as-of", "2026-06-15", "--view", "summary", "--lang", "en", file)
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.NotContains(t, r.stdout, `"zh":`)
	// --lang drops the other language from the full JSON report too.
	r = run(t, "", "classify", "--as-of", "2026-06-15", "--lang", "en", file)
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.NotContains(t, r.stdout, `"zh":`)
	assert.Contains(t, r.stdout, "\n  \"verdicts\": [", "one report stays indented")
	var rep smetier.Report
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.NotEmpty(t, rep.Verdicts[0].TierTitle.En)
	// Without --lang, both.
	r = run(t, "", "classify", "--as-of", "2026-06-15", file)
	assert.Contains(t, r.stdout, `"zh":`)
	assert.Contains(t, r.stdout, `"en":`)
	// JSON Lines.
	in := compact(t, readFile(t, file)) + "\n" + compact(t, readFile(t, file)) + "\n"
	r = run(t, in, "classify", "--as-of", "2026-06-15", "--view", "summary", "--lang", "zh")
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.Len(t, outLines(r.stdout), 2)
	assert.NotContains(t, r.stdout, `"en":`)
	assert.Equal(t, ExitUsage, run(t, "", "classify", "--view", "tiny", file).code)
}

// An output that cannot be written fails the command and leaves neither a half-written file
// nor the temporary one behind; an existing output is replaced whole.
func TestScreenOutputNotWritable(t *testing.T) {
	dir := t.TempDir()
	res := filepath.Join(dir, "results.xlsx")
	require.NoError(t, os.Mkdir(res+".tmp", 0o755)) // the temporary file cannot be created
	r := run(t, "", "screen", sampleWorkbook, "--as-of", "2026-06-15", "-o", res)
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stderr, "writing "+res)
	_, err := os.Stat(res)
	assert.ErrorIs(t, err, os.ErrNotExist)
	require.NoError(t, os.Remove(res+".tmp"))

	require.NoError(t, os.WriteFile(res, []byte("old"), 0o644))
	r = run(t, "", "screen", sampleWorkbook, "--as-of", "2026-06-15", "-o", res)
	require.Equal(t, ExitOK, r.code, r.stderr)
	f, err := excelize.OpenFile(res)
	require.NoError(t, err)
	f.Close()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")
}
