package screen

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/smetier/smetier"
)

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// fixtureSheet is one worksheet of a hand-written workbook: its name and its XML.
type fixtureSheet struct{ name, xml string }

// fixtureBook zips a minimal workbook package around hand-written parts. workbookPr is put
// inside <workbook> as it is (e.g. `<workbookPr date1904="1"/>`); sst, when not empty, is the
// shared string table's XML.
func fixtureBook(t testing.TB, workbookPr, sst string, sheets ...fixtureSheet) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, body string) {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = io.WriteString(w, body)
		require.NoError(t, err)
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="`+nsRel+`/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	var wb, rels strings.Builder
	fmt.Fprintf(&wb, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<workbook xmlns="%s" xmlns:r="%s">%s<sheets>`, nsMain, nsRel, workbookPr)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, s := range sheets {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s.name, i+1, i+1)
		// Targets relative to xl/, one of them absolute, as some writers make them.
		target := fmt.Sprintf("worksheets/sheet%d.xml", i+1)
		if i == 1 {
			target = "/xl/" + target
		}
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="%s"/>`, i+1, nsRel, target)
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s.xml)
	}
	if sst != "" {
		fmt.Fprintf(&rels, `<Relationship Id="rIdS" Type="%s/sharedStrings" Target="strings.xml"/>`, nsRel)
		put("xl/strings.xml", sst)
	}
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	put("xl/workbook.xml", wb.String())
	put("xl/_rels/workbook.xml.rels", rels.String())
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func sheetXML(data string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><dimension ref="A1:C3"/><sheetData>` + data + `</sheetData><pageMargins left="0.7"/></worksheet>`
}

// tableRows drains a table; nil rows are rows the sheet leaves out or has no values in.
func tableRows(t table) ([][]string, error) {
	var out [][]string
	for {
		r, ok, err := t.next()
		if err != nil || !ok {
			return out, err
		}
		out = append(out, r)
	}
}

// readSheet reads a sheet of a workbook twice, the second time one byte per read so that
// every token straddles the scanner's reads, and requires the same result from both.
func readSheet(t *testing.T, data []byte, name string) ([][]string, error) {
	t.Helper()
	var results [2][][]string
	var errs [2]error
	for i := range 2 {
		book, err := openXLSX(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return nil, err
		}
		rows, err := book.rows(name)
		if err != nil {
			return nil, err
		}
		if i == 1 {
			rows.sc = newXMLScanner(iotest.OneByteReader(rows.rc))
		}
		results[i], errs[i] = tableRows(rows)
		require.NoError(t, rows.close())
	}
	require.Equal(t, fmt.Sprint(errs[0]), fmt.Sprint(errs[1]), "reading one byte at a time")
	require.Equal(t, results[0], results[1], "reading one byte at a time")
	return results[0], errs[0]
}

const sharedStringsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="` + nsMain + `" count="5" uniqueCount="5">
<si><t>统一社会信用代码</t></si>
<si><t xml:space="preserve"> padded </t></si>
<si><r><rPr><b/><sz val="11"/></rPr><t>rich</t></r><r><t xml:space="preserve"> text</t></r></si>
<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>R&amp;D_x000D_line</t></si>
</sst>`

// The reader gives each cell what excelize gives with RawCellValue, for every form of cell
// the writers of workbooks (Excel, LibreOffice, WPS, excelize) produce.
func TestXLSXRows(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string // inside <sheetData>
		want [][]string
		err  string
	}{
		{name: "shared strings",
			data: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>` +
				`<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s" s="3"><v> 0 </v></c></row>`,
			want: [][]string{{"统一社会信用代码", " padded ", "rich text"}, {"東京", "R&D\rline", "统一社会信用代码"}}},
		{name: "a shared string cell without a value is empty",
			data: `<row r="1"><c r="A1" t="s"/><c r="B1" t="s"><v></v></c><c r="C1" t="s"><v>0</v></c></row>`,
			want: [][]string{{"", "", "统一社会信用代码"}}},
		{name: "inline strings, rich text runs, preserved spaces",
			data: `<row r="1"><c r="A1" t="inlineStr"><is><t>企业</t></is></c>` +
				`<c r="B1" t="inlineStr"><is><r><rPr><i/></rPr><t>a</t></r><r><t xml:space="preserve"> b </t></r></is></c>` +
				`<c r="C1" t="inlineStr"><is><t xml:space="preserve">  two  spaces  </t></is></c></row>`,
			want: [][]string{{"企业", "a b ", "  two  spaces  "}}},
		{name: "an inline string cell with a value instead",
			data: `<row r="1"><c r="A1" t="inlineStr"><v>plain</v></c></row>`,
			want: [][]string{{"plain"}}},
		{name: "numbers, booleans, errors, formula results",
			data: `<row r="1"><c r="A1"><v>3</v></c><c r="B1" t="n"><v>12.5</v></c><c r="C1" t="b"><v>1</v></c>` +
				`<c r="D1" t="b"><v>0</v></c><c r="E1" t="e"><v>#N/A</v></c>` +
				`<c r="F1" t="str"><f>A1&amp;"x"</f><v>3x</v></c><c r="G1"><f>A1*2</f><v>6</v></c>` +
				`<c r="H1" s="5"><v>1.2345678901234567E+20</v></c></row>`,
			want: [][]string{{"3", "12.5", "1", "0", "#N/A", "3x", "6", "1.2345678901234567E+20"}}},
		{name: "date cells: serial numbers styled as dates, ISO dates at midnight",
			data: `<row r="1"><c r="A1" s="3"><v>46188</v></c><c r="B1" t="d"><v>2026-06-15T00:00:00Z</v></c>` +
				`<c r="C1" t="d"><v>2026-06-15T08:30:00</v></c><c r="D1" t="d"><v>2026-06-15</v></c></row>`,
			want: [][]string{{"46188", "2026-06-15", "2026-06-15T08:30:00", "2026-06-15"}}},
		{name: "entities and character references",
			data: `<row r="1"><c r="A1" t="inlineStr"><is><t>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;</t></is></c>` +
				`<c r="B1" t="inlineStr"><is><t>&#x4E2D;&#22269;&#x1F600;</t></is></c><c r="C1" t="str"><v>x&amp;y</v></c></row>`,
			want: [][]string{{`<a> & "b" 'c'`, "中国😀", "x&y"}}},
		{name: "OOXML escapes in strings, not in formula results",
			data: `<row r="1"><c r="A1" t="inlineStr"><is><t>a_x000A_b_x005F_x0041_c_x00E9_</t></is></c>` +
				`<c r="B1" t="str"><v>a_x000A_b</v></c><c r="C1" t="inlineStr"><is><t>_x00zz_ _xD800_</t></is></c></row>`,
			want: [][]string{{"a\nb_x0041_cé", "a_x000A_b", "_x00zz_ "}}},
		{name: "CDATA, comments and processing instructions",
			data: `<!-- rows follow --><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<raw> & ]]>x</t></is></c>` +
				`<?pi ignored?><c r="B1"><v>4<!-- four -->2</v></c></row>`,
			want: [][]string{{"<raw> & x", "42"}}},
		{name: "line ends are normalised",
			data: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb\rc\nd</t></is></c></row>",
			want: [][]string{{"a\nb\nc\nd"}}},
		{name: "cells without references follow the previous cell",
			data: `<row r="1"><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>`,
			want: [][]string{{"a", "1", "", "", "5", "6"}}},
		{name: "missing cells and rows, empty cells",
			data: `<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row>` +
				`<row r="3" spans="1:3"><c r="A3" s="2"/><c r="B3" s="2"></c><c r="C3"><v>9</v></c></row>` +
				`<row r="4"><c r="A4" s="1"/></row><row r="5"/><row r="6"><c r="B6"><v>x</v></c></row>`,
			want: [][]string{{"1", "", "3"}, nil, {"", "", "9"}, nil, nil, {"", "x"}}},
		{name: "rows without numbers follow the previous row",
			data: `<row><c r="A1"><v>1</v></c></row><row><c><v>2</v></c></row><row r="4"><c><v>4</v></c></row><row><c><v>5</v></c></row>`,
			want: [][]string{{"1"}, {"2"}, nil, {"4"}, {"5"}}},
		{name: "absolute references, lower case",
			data: `<row r="1"><c r="$B$1"><v>2</v></c><c r="c1"><v>3</v></c></row>`,
			want: [][]string{{"", "2", "3"}}},
		{name: "no rows", data: ``, want: nil},
		{name: "a shared string that does not exist",
			data: `<row r="1"><c r="A1" t="s"><v>5</v></c></row>`,
			err:  `row 1, column A: shared string "5" does not exist (the workbook has 5)`},
		{name: "a bad cell reference",
			data: `<row r="1"><c r="1A"><v>1</v></c></row>`,
			err:  `row 1: malformed XML: cell reference "1A"`},
		{name: "cells out of order",
			data: `<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>1</v></c></row>`,
			err:  `malformed XML: row 1: cell A1 after column B`},
		{name: "rows out of order",
			data: `<row r="2"><c><v>1</v></c></row><row r="1"><c><v>1</v></c></row>`,
			err:  `malformed XML: row 1 after row 2`},
		{name: "more rows than a sheet has",
			data: `<row r="1048577"><c><v>1</v></c></row>`,
			err:  `row 1048577: more rows than a sheet can have (1048576)`},
		{name: "an unknown entity",
			data: `<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>`,
			err:  `malformed XML: unknown entity &nbsp;`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := fixtureBook(t, "", sharedStringsXML, fixtureSheet{"S", sheetXML(tc.data)})
			got, err := readSheet(t, data, "S")
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// Parts that are not well formed, or end early, are errors, never rows made up.
func TestXLSXRowsMalformed(t *testing.T) {
	for name, xml := range map[string]string{
		"truncated in a cell":      `<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1"><v>1`,
		"truncated in a tag":       `<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1`,
		"truncated after a row":    `<worksheet xmlns="` + nsMain + `"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`,
		"a document type":          `<!DOCTYPE worksheet [<!ENTITY x "y">]><worksheet><sheetData/></worksheet>`,
		"an unquoted attribute":    `<worksheet><sheetData><row r=1><c><v>1</v></c></row></sheetData></worksheet>`,
		"a bad character":          `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&#0;</t></is></c></row></sheetData></worksheet>`,
		"an unterminated entity":   `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>a &amp b c d e f g h</t></is></c></row></sheetData></worksheet>`,
		"an unterminated comment":  `<worksheet><sheetData><!-- row`,
		"a bad row number":         `<worksheet><sheetData><row r="x"/></sheetData></worksheet>`,
		"a column beyond XFD":      `<worksheet><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`,
		"an unterminated quote":    `<worksheet><sheetData><row r="1><c><v>1</v></c></row></sheetData></worksheet>`,
		"a tag without a name":     `<worksheet><sheetData><row r="1"><><v>1</v></c></row></sheetData></worksheet>`,
		"an attribute with no '='": `<worksheet><sheetData><row r><c><v>1</v></c></row></sheetData></worksheet>`,
	} {
		t.Run(name, func(t *testing.T) {
			data := fixtureBook(t, "", "", fixtureSheet{"S", xml})
			_, err := readSheet(t, data, "S")
			assert.ErrorIs(t, err, errXMLSyntax)
		})
	}
}

// Some writers qualify every element with a prefix (x:c), some the attributes too (x:r); only
// local names count.
func TestXLSXRowsNamespacePrefixes(t *testing.T) {
	sheet := `<?xml version="1.0"?><x:worksheet xmlns:x="` + nsMain + `"><x:sheetData>` +
		`<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row>` +
		`<x:row r="2"><x:c r="B2"><x:v>7</x:v></x:c></x:row>` +
		`<x:row x:r="3"><x:c x:r="C3" x:t="inlineStr"><x:is><x:t>p&amp;q</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`
	sst := `<x:sst xmlns:x="` + nsMain + `"><x:si><x:t>shared</x:t></x:si></x:sst>`
	got, err := readSheet(t, fixtureBook(t, "", sst, fixtureSheet{"S", sheet}), "S")
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"a", "shared"}, {"", "7"}, {"", "", "p&q"}}, got)
}

// A token longer than the scanner's first buffer is read whole.
func TestXLSXRowsLongCell(t *testing.T) {
	long := strings.Repeat("长", 32767) // Excel's limit for one cell
	data := fixtureBook(t, "", "", fixtureSheet{"S", sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>` + long + `</t></is></c><c r="B1"><v>1</v></c></row>`)})
	got, err := readSheet(t, data, "S")
	require.NoError(t, err)
	assert.Equal(t, [][]string{{long, "1"}}, got)
}

// A workbook whose date serial numbers count from 1904 gives the same dates, in the
// enterprises sheet and in list sheets.
func TestXLSXDate1904(t *testing.T) {
	code := creditCode(1, "420111")
	ent := sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>credit_code</t></is></c><c r="B1" t="inlineStr"><is><t>established</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>` + code + `</t></is></c><c r="B2" s="1"><v>40619</v></c></row>`)
	ip := sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>credit_code</t></is></c><c r="B1" t="inlineStr"><is><t>kind</t></is></c><c r="C1" t="inlineStr"><is><t>granted</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>` + code + `</t></is></c><c r="B2" t="inlineStr"><is><t>invention_patent</t></is></c><c r="C2" s="1"><v>44887</v></c></row>`)
	for _, tc := range []struct {
		pr            string
		established   string
		granted       string
		date1904Claim bool
	}{
		{`<workbookPr date1904="1"/>`, "2015-03-18", "2026-11-23", true},
		{`<workbookPr date1904="true" defaultThemeVersion="1"/>`, "2015-03-18", "2026-11-23", true},
		{`<workbookPr date1904="0"/>`, "2011-03-17", "2022-11-22", false},
		{``, "2011-03-17", "2022-11-22", false},
	} {
		data := fixtureBook(t, tc.pr, "", fixtureSheet{"企业", ent}, fixtureSheet{"知识产权", ip})
		recs := readAll(t, must(ReadXLSX(bytes.NewReader(data))))
		require.Len(t, recs, 1, tc.pr)
		require.NoError(t, recs[0].Err, tc.pr)
		p := recs[0].Profile
		require.NotNil(t, p.Established, tc.pr)
		assert.Equal(t, tc.established, p.Established.String(), tc.pr)
		require.Len(t, p.IP, 1, tc.pr)
		assert.Equal(t, tc.granted, p.IP[0].Granted.String(), tc.pr)
		if tc.date1904Claim {
			// Excel shows the same date for the serial in either system.
			serial, err := excelize.ExcelDateToTime(40619, true)
			require.NoError(t, err)
			assert.Equal(t, tc.established, smetier.DateOf(serial).String())
		}
	}
}

// A workbook that is not a spreadsheet package, or names a sheet it lacks, is an error.
func TestXLSXNotAWorkbook(t *testing.T) {
	_, err := ReadXLSX(strings.NewReader("name,region\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "screen: reading the workbook: zip: not a valid zip file")

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("hello.txt")
	io.WriteString(w, "hi")
	require.NoError(t, zw.Close())
	_, err = ReadXLSX(bytes.NewReader(buf.Bytes()))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no part xl/workbook.xml")

	data := fixtureBook(t, "", "", fixtureSheet{"企业", sheetXML(``)})
	data = bytes.Replace(data, []byte("xl/worksheets/sheet1.xml"), []byte("xl/worksheets/sheetX.xml"), -1)
	_, err = ReadXLSX(bytes.NewReader(data))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the workbook names sheet 企业, but the package has no part for it")
}

// ReadXLSX reads from the reader's current offset, in place when it can seek, and from a plain
// reader by reading it into memory.
func TestReadXLSXReaders(t *testing.T) {
	code := creditCode(1, "420111")
	data := fixtureBook(t, "", "", fixtureSheet{"企业", sheetXML(`<row r="1"><c t="inlineStr"><is><t>credit_code</t></is></c></row>` +
		`<row r="2"><c t="inlineStr"><is><t>` + code + `</t></is></c></row>`)})
	prefixed := bytes.NewReader(append([]byte("junk"), data...))
	_, err := prefixed.Seek(4, io.SeekStart)
	require.NoError(t, err)
	for name, r := range map[string]io.Reader{
		"seeker at an offset": prefixed,
		"plain reader":        io.MultiReader(bytes.NewReader(data)),
	} {
		recs := readAll(t, must(ReadXLSX(r)))
		require.Len(t, recs, 1, name)
		require.NoError(t, recs[0].Err, name)
		assert.Equal(t, code, recs[0].Profile.CreditCode, name)
	}
}

// excelizeRows reads a sheet as the reader used to, with excelize's streaming rows.
func excelizeRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	rows, err := f.Rows(sheet)
	require.NoError(t, err)
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		if len(cols) == 0 {
			cols = nil
		}
		out = append(out, cols)
	}
	require.NoError(t, rows.Error())
	return out
}

// excelize, which writes the workbooks, is the reference: on the template, the sample
// workbook, generated registries and a workbook of every kind of value excelize writes, the
// reader gives the same text for every cell of every sheet.
func TestXLSXReaderMatchesExcelize(t *testing.T) {
	books := map[string][]byte{}
	sample, err := os.ReadFile(samplePath)
	require.NoError(t, err)
	books["sample"] = sample
	var tmpl bytes.Buffer
	require.NoError(t, WriteTemplate(&tmpl, Years(2023, 2024, 2025)))
	books["template"] = tmpl.Bytes()
	var gen bytes.Buffer
	require.NoError(t, WriteProfiles(&gen, generate(t, 300, sampleAsOf), Years(2022, 2023, 2024, 2025)))
	books["generated"] = gen.Bytes()

	// Every kind of value, written cell by cell (shared strings) and by the stream writer
	// (inline strings).
	f := excelize.NewFile()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	require.NoError(t, err)
	values := []any{"text", "R&D <规> \"quoted\"", " padded ", "a_x000D_b", "line\nbreak", 42, -3.25, 1e21, 0.1 + 0.2,
		true, false, time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC), "", nil, "2026-06-15", "=not a formula"}
	for i, v := range values {
		cell, _ := excelize.CoordinatesToCellName(i%5+1+i/5*2, i/3+1)
		require.NoError(t, f.SetCellValue("Sheet1", cell, v))
	}
	require.NoError(t, f.SetCellStyle("Sheet1", "A9", "A9", dateStyle))
	require.NoError(t, f.SetCellFloat("Sheet1", "A9", 46188, -1, 64))
	require.NoError(t, f.SetCellFormula("Sheet1", "B9", `A9+1`))
	require.NoError(t, f.SetCellRichText("Sheet1", "C9", []excelize.RichTextRun{{Text: "bold", Font: &excelize.Font{Bold: true}}, {Text: " plain"}}))
	require.NoError(t, f.SetCellValue("Sheet1", "Z30", "far"))
	_, err = f.NewSheet("流")
	require.NoError(t, err)
	sw, err := f.NewStreamWriter("流")
	require.NoError(t, err)
	for r := 1; r <= 5; r++ {
		row := []any{fmt.Sprintf("row %d & <%d>", r, r), r * 10, r%2 == 0, nil, excelize.Cell{StyleID: dateStyle, Value: 46000 + r}}
		require.NoError(t, sw.SetRow(fmt.Sprintf("A%d", r*2), row))
	}
	require.NoError(t, sw.Flush())
	b, err := f.WriteToBuffer()
	require.NoError(t, err)
	books["values"] = b.Bytes()

	for name, data := range books {
		t.Run(name, func(t *testing.T) {
			ref, err := excelize.OpenReader(bytes.NewReader(data))
			require.NoError(t, err)
			defer ref.Close()
			book, err := openXLSX(bytes.NewReader(data), int64(len(data)))
			require.NoError(t, err)
			require.Equal(t, ref.GetSheetList(), book.sheetNames())
			for _, sheet := range book.sheetNames() {
				want := excelizeRows(t, ref, sheet)
				var got [][]string
				if name == "generated" {
					rows, err := book.rows(sheet)
					require.NoError(t, err)
					got, err = tableRows(rows)
					require.NoError(t, err)
					require.NoError(t, rows.close())
				} else {
					got, err = readSheet(t, data, sheet)
					require.NoError(t, err)
				}
				require.Equal(t, len(want), len(got), "%s: rows", sheet)
				for i := range want {
					require.Equal(t, want[i], got[i], "%s: row %d", sheet, i+1)
				}
			}
		})
	}
}

// FuzzXLSXSheet reads arbitrary bytes as a worksheet: never a panic, and the same rows (or
// the same error) whether the part arrives whole or one byte per read, so that no token is
// read differently when it straddles the scanner's buffer.
func FuzzXLSXSheet(f *testing.F) {
	f.Add(sheetXML(`<row r="1"><c r="A1" t="s"><v>2</v></c><c t="inlineStr"><is><r><t>a</t></r><t>b</t></is></c></row><row r="3"><c r="C3"><f>1</f><v>x&amp;y</v></c></row>`))
	f.Add(sheetXML(`<row><c t="inlineStr"><is><t><![CDATA[<]]>_x0041_</t></is></c><c t="d"><v>2026-01-01T00:00:00Z</v></c><c/></row><!-- c --><?pi?>`))
	f.Add(`<x:worksheet xmlns:x="` + nsMain + `"><x:sheetData><x:row r="2"><x:c r="B2" t="b"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`)
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&#x4E2D;&lt;` + "\r\n" + `</t></is></c></row>`)
	f.Fuzz(func(t *testing.T, sheet string) {
		data := fixtureBook(t, "", sharedStringsXML, fixtureSheet{"S", sheet})
		_, _ = readSheet(t, data, "S")
	})
}
