package screen

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/wire"
)

func loadProfiles(t testing.TB) []*smetier.Profile {
	t.Helper()
	files, err := filepath.Glob("../testdata/profiles/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var out []*smetier.Profile
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		p, err := wire.DecodeProfile(b)
		require.NoError(t, err, f)
		if p.CreditCode == "" {
			p.CreditCode = creditCode(len(out)+1, p.Region)
		}
		out = append(out, p)
	}
	return out
}

func readAll(t testing.TB, src Source) []Record {
	t.Helper()
	defer src.Close()
	var out []Record
	for {
		r, err := src.Next()
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		out = append(out, r)
	}
}

func jsonOf(t testing.TB, v any) string {
	b, err := json.MarshalIndent(v, "", " ")
	require.NoError(t, err)
	return string(b)
}

// The profiles of testdata written as a workbook read back as the same profiles: every field
// has its column or list sheet, known-empty lists stay [] and unknown ones absent.
func TestWorkbookRoundTrip(t *testing.T) {
	ps := loadProfiles(t)
	var buf bytes.Buffer
	require.NoError(t, WriteProfiles(&buf, slices.Values(ps)))
	src, err := ReadXLSX(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	recs := readAll(t, src)
	require.Len(t, recs, len(ps))
	for i, r := range recs {
		require.NoError(t, r.Err)
		assert.Equal(t, jsonOf(t, ps[i]), jsonOf(t, r.Profile), "profile %d (%s)", i, ps[i].Name)
		assert.Equal(t, i+3, r.Row)
	}
}

func TestTemplateHasValidation(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteTemplate(&buf, Years(2023, 2024, 2025)))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"企业", "知识产权", "奖励", "研发机构", "证书", "标准", "融资", "称号", "合规事件", "评定声明", "说明"}, f.GetSheetList())
	rows, err := f.GetRows("企业")
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, "credit_code", rows[1][0])
	assert.Equal(t, "统一社会信用代码", rows[0][0])
	assert.Contains(t, rows[1], "years.2025.rd_expense")
	assert.Contains(t, rows[1], "ip.none")
	dvs, err := f.GetDataValidations("知识产权")
	require.NoError(t, err)
	var kinds string
	for _, dv := range dvs {
		if dv.Type == "list" && bytes.Contains([]byte(dv.Formula1), []byte("invention_patent")) {
			kinds = dv.Sqref
		}
	}
	assert.NotEmpty(t, kinds, "IP kinds have a drop-down list")
	dvs, err = f.GetDataValidations("企业")
	require.NoError(t, err)
	dates := 0
	for _, dv := range dvs {
		if dv.Type == "date" {
			dates++
		}
	}
	assert.Positive(t, dates)
}

var _ = errors.Is

// sampleAsCSV writes every sheet of the sample workbook as Excel shows it into a folder of
// CSV files, the enterprises with a byte-order mark (Excel's "CSV UTF-8") and named by their
// en key, the lists by their Chinese sheet names.
func sampleAsCSV(t *testing.T) string {
	dir := t.TempDir()
	f, err := excelize.OpenFile(samplePath)
	require.NoError(t, err)
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		if sh == "说明" {
			continue
		}
		rows, err := f.GetRows(sh)
		require.NoError(t, err)
		var buf bytes.Buffer
		name := sh
		if sh == "企业" {
			buf.WriteString("\uFEFF")
			name = "enterprises"
		}
		w := csv.NewWriter(&buf)
		require.NoError(t, w.WriteAll(rows))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+".csv"), buf.Bytes(), 0o644))
	}
	return dir
}

func TestReadCSVFolder(t *testing.T) {
	want := readAll(t, must(Open(samplePath)))
	got := readAll(t, must(Open(sampleAsCSV(t))))
	require.Len(t, got, len(want))
	for i := range want {
		require.NoError(t, got[i].Err)
		assert.Equal(t, jsonOf(t, want[i].Profile), jsonOf(t, got[i].Profile), "enterprise %d", i+1)
	}
}

func must(s Source, err error) Source {
	if err != nil {
		panic(err)
	}
	return s
}

// writeSheets makes a workbook from rows per sheet (row 1 and 2: headers).
func writeSheets(t *testing.T, sheets map[string][][]any) []byte {
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for _, name := range []string{"企业", "知识产权", "奖励", "称号"} {
		rows, ok := sheets[name]
		if !ok {
			continue
		}
		if first {
			require.NoError(t, f.SetSheetName("Sheet1", name))
			first = false
		} else {
			_, err := f.NewSheet(name)
			require.NoError(t, err)
		}
		for i, r := range rows {
			require.NoError(t, f.SetSheetRow(name, "A"+strconv.Itoa(i+1), &r))
		}
	}
	buf, err := f.WriteToBuffer()
	require.NoError(t, err)
	return buf.Bytes()
}

// A bad cell is reported by sheet, row, column and reason; the other enterprises go on.
func TestBadCells(t *testing.T) {
	c1, c2, c3, c4 := creditCode(1, "420111"), creditCode(2, "420111"), creditCode(3, "420111"), creditCode(4, "420111")
	orphan := creditCode(99, "420111")
	hdr := []any{"统一社会信用代码", "名称", "地区", "2025年营业收入", "成立日期", "无奖励", "无知识产权"}
	keys := []any{"credit_code", "name", "region", "years.2025.operating_revenue", "established", "awards.none", "ip.none"}
	data := writeSheets(t, map[string][][]any{
		"企业": {hdr, keys,
			{c1, "good", "420111", 30000000, "2015-03-18", true},
			{c2, "bad amount and date", "420111", "3千万", "2015-02-30"},
			{},
			{c3, "contradiction", "420111", "12345.678", nil, nil, "TRUE"},
			{c4, "duplicate", "420111"},
			{c4, "duplicate again", "420111"},
		},
		"知识产权": {{"代码", "类型", "授权日期"}, {"credit_code", "kind", "granted"},
			{c1, "invention_patent", "2021-06-01"},
			{c3, "invention_patent", "2021-06-01"},
			{c1, "patent", "2021-06-01"},
			{orphan, "utility_model", "2022-01-01"},
			{"", "utility_model", "2022-01-01"},
		},
		"奖励": {{"代码", "类型", "级别", "年份"}, {"credit_code", "kind", "level", "year"},
			{c2, "science_technology", "provincial"},
		},
	})
	src, err := ReadXLSX(bytes.NewReader(data))
	require.NoError(t, err)
	recs := readAll(t, src)
	byRow := map[string][]string{}
	for _, r := range recs {
		key := r.Sheet + ":" + strconv.Itoa(r.Row)
		if r.Err == nil {
			byRow[key] = nil
			continue
		}
		assert.ErrorIs(t, r.Err, ErrBadInput)
		var re *RecordError
		require.ErrorAs(t, r.Err, &re)
		for _, c := range re.Cells {
			byRow[key] = append(byRow[key], c.Sheet+"!"+c.Column+strconv.Itoa(c.Row)+" "+c.Reason)
		}
	}
	assert.Equal(t, map[string][]string{
		"企业:3": {`知识产权!B5 "patent" is not one of invention_patent, defense_patent, plant_variety, crop_variety, new_drug, protected_tcm, ic_layout, utility_model, design_patent, software_copyright`},
		"企业:4": {`企业!D4 "3千万" is not an amount in yuan`, `企业!E4 2015-02-30 is not a calendar date`, `奖励!D3 required, and empty`},
		"企业:6": {`企业!D6 12345.678 has more than two decimals (fen is the smallest unit)`,
			`企业!G6 states no ip, but sheet 知识产权 has 1 rows for this enterprise (row 4 first)`},
		"企业:7":   nil,
		"企业:8":   {`企业!A8 credit code ` + c4 + ` is also in row 7`},
		"知识产权:6": {`知识产权!A6 no enterprise with credit code ` + orphan + ` in sheet 企业`},
		"知识产权:7": {`知识产权!A7 empty: a list row must name its enterprise's 统一社会信用代码`},
	}, byRow)
}

func TestUnknownColumn(t *testing.T) {
	data := writeSheets(t, map[string][][]any{
		"企业": {{"代码", "x"}, {"credit_code", "years.2025.revenue"}},
	})
	_, err := ReadXLSX(bytes.NewReader(data))
	var ce *CellError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "sheet 企业, row 2, column B (years.2025.revenue): unknown column (start a header with # to keep a column of your own)", err.Error())
}

// Known-empty lists are [] and unknown ones absent; an empty cell is no value.
func TestUnknownStaysUnknown(t *testing.T) {
	c1 := creditCode(1, "420111")
	data := writeSheets(t, map[string][][]any{
		"企业": {{"a", "b", "c", "d"}, {"credit_code", "awards.none", "years.2025.rd_expense", "years.2025.employees"},
			{c1, true, nil, 0}},
	})
	recs := readAll(t, must(ReadXLSX(bytes.NewReader(data))))
	require.Len(t, recs, 1)
	require.NoError(t, recs[0].Err)
	p := recs[0].Profile
	assert.NotNil(t, p.Awards)
	assert.Empty(t, p.Awards)
	assert.Nil(t, p.IP)
	assert.Nil(t, p.Years[2025].RDExpense)
	require.NotNil(t, p.Years[2025].Employees)
	assert.Equal(t, 0, *p.Years[2025].Employees)
}

func TestParseCells(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		err  bool
	}{
		{"12345.67", "12345.67", false},
		{"12345.670000000002", "12345.67", false},
		{"1,500,000", "1500000.00", false},
		{"0.005", "", true},
		{"-3.5", "-3.50", false},
		{"abc", "", true},
	} {
		m, err := parseMoney(tc.in)
		if tc.err {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, m.String(), tc.in)
	}
	for _, tc := range []struct{ in, want string }{
		{"2026-06-15", "2026-06-15"}, {"2026/6/15", "2026-06-15"}, {"2026.06.15", "2026-06-15"},
		{"20260615", "2026-06-15"}, {"46188", "2026-06-15"}, {"06/15/2026", ""}, {"2026-02-29", ""}, {"46188.5", ""},
	} {
		d, err := parseDate(tc.in)
		if tc.want == "" {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, d.String(), tc.in)
	}
}
