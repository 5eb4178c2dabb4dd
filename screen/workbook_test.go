package screen

import (
	"bytes"
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// summaryFunnel reads the funnel table of the summary sheet: key → [held, qualified, not
// qualified, needs data, needs judgement, no rules].
func summaryFunnel(t testing.TB, f *excelize.File) map[string][6]int {
	rows, err := f.GetRows(SummarySheet)
	require.NoError(t, err)
	out := map[string][6]int{}
	for i, r := range rows {
		if len(r) < 8 || r[1] != "key" {
			continue
		}
		for _, d := range rows[i+1:] {
			if len(d) < 8 {
				break
			}
			var v [6]int
			for k := range v {
				v[k], err = strconv.Atoi(d[k+2])
				require.NoError(t, err)
			}
			out[d[1]] = v
		}
		break
	}
	return out
}

func TestResultsWorkbook(t *testing.T) {
	res := runSample(t)
	for _, lang := range []string{"zh", "en"} {
		var buf bytes.Buffer
		require.NoError(t, res.WriteXLSX(&buf, lang))
		f, err := excelize.OpenReader(&buf)
		require.NoError(t, err)
		assert.Equal(t, []string{ResultsSheet, SummarySheet, SeedsSheet, RenewalsSheet, CohortSheet, ErrorsSheet}, f.GetSheetList())
		rows, err := f.GetRows(ResultsSheet)
		require.NoError(t, err)
		assert.Len(t, rows, 1+res.Screened+res.Errors, lang)
		fun := summaryFunnel(t, f)
		require.Len(t, fun, len(res.Rungs))
		for k, r := range res.Rungs {
			c := res.Funnel[k]
			assert.Equal(t, [6]int{c.Held, c.Qualified, c.NotQualified, c.NeedsData, c.NeedsJudgement, c.NotCovered}, fun[r.Key], r.Key)
		}
		seeds, err := f.GetRows(SeedsSheet)
		require.NoError(t, err)
		assert.Len(t, seeds, 2+len(res.Seeds))
		ren, err := f.GetRows(RenewalsSheet)
		require.NoError(t, err)
		assert.Len(t, ren, 2+len(res.Renewals))
		coh, err := f.GetRows(CohortSheet)
		require.NoError(t, err)
		require.Len(t, coh, 2+len(res.Cohort.Indicators))
		if lang == "en" {
			assert.Equal(t, "segment.provincial_rank = 1", coh[2+3][1])
		}
		f.Close()
	}
}

// failAfter fails every write after the first n bytes.
type failAfter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

// The workbook is written straight to the writer, not built in memory first: a writer that
// fails is reported, whether it fails at once or in the middle.
func TestResultsWorkbookWriteError(t *testing.T) {
	res := runSample(t)
	var full bytes.Buffer
	require.NoError(t, res.WriteXLSX(&full, "zh"))
	for _, n := range []int{0, 100, full.Len() / 2, full.Len() - 1} {
		assert.ErrorIs(t, res.WriteXLSX(&failAfter{n}, "zh"), errDiskFull, "failing after %d of %d bytes", n, full.Len())
	}
	// Written twice, the same bytes: nothing is left over from the first.
	var again bytes.Buffer
	require.NoError(t, res.WriteXLSX(&again, "zh"))
	assert.Equal(t, full.Len(), again.Len())
}
