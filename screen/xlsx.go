package screen

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// xlsxBook is an .xlsx workbook opened for reading its sheets as rows of text, the values
// excelize gives with RawCellValue: shared and inline strings resolved, numbers, dates (serial
// numbers), booleans (0 or 1) and errors as stored. It reads the zip package directly and
// streams each sheet through xmlScanner; excelize stays the writer, and the reference the
// tests compare with (TestXLSXReaderMatchesExcelize).
type xlsxBook struct {
	zr       *zip.Reader
	sheets   []xlsxSheetRef // in workbook order
	date1904 bool           // serial numbers count days from 1904-01-01 (old Mac Excel)
	sst      sharedStrings
}

type xlsxSheetRef struct {
	name string
	file *zip.File // nil when the workbook names a part the package lacks
}

// sharedStrings holds the shared string table in one string, so that a cell's text is a
// slice of it, with no allocation and no pointer per string for the collector to follow.
type sharedStrings struct {
	data string
	ends []uint32 // ends[i] is where string i ends; it starts where i-1 ends
}

func (s *sharedStrings) get(i int) (string, bool) {
	if i < 0 || i >= len(s.ends) {
		return "", false
	}
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.data[start:s.ends[i]], true
}

const (
	relOfficeDocument = "/officeDocument"
	relSharedStrings  = "/sharedStrings"
)

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Pr *struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name string `xml:"name,attr"`
		ID   string `xml:"id,attr"` // r:id
	} `xml:"sheets>sheet"`
}

// openXLSX opens the workbook in r (size bytes). The small parts (relationships, the workbook)
// are decoded with encoding/xml; the shared strings are read into memory once.
func openXLSX(r io.ReaderAt, size int64) (*xlsxBook, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	b := &xlsxBook{zr: zr}
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		files[f.Name] = f
	}
	var root xmlRels
	if err := decodePart(files, "_rels/.rels", &root); err != nil {
		return nil, err
	}
	wbPath := "xl/workbook.xml"
	for _, r := range root.Rels {
		if strings.HasSuffix(r.Type, relOfficeDocument) {
			wbPath = strings.TrimPrefix(r.Target, "/")
		}
	}
	var wb xmlWorkbook
	if err := decodePart(files, wbPath, &wb); err != nil {
		return nil, err
	}
	if files[wbPath] == nil {
		return nil, fmt.Errorf("not a spreadsheet: no part %s", wbPath)
	}
	if wb.Pr != nil {
		b.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	}
	dir := path.Dir(wbPath)
	var rels xmlRels
	if err := decodePart(files, path.Join(dir, "_rels", path.Base(wbPath)+".rels"), &rels); err != nil {
		return nil, err
	}
	target := func(t string) string {
		if strings.HasPrefix(t, "/") {
			return path.Clean(t[1:])
		}
		return path.Join(dir, t)
	}
	sstPath := path.Join(dir, "sharedStrings.xml")
	byID := map[string]string{}
	for _, r := range rels.Rels {
		byID[r.ID] = target(r.Target)
		if strings.HasSuffix(r.Type, relSharedStrings) {
			sstPath = target(r.Target)
		}
	}
	for _, s := range wb.Sheets {
		b.sheets = append(b.sheets, xlsxSheetRef{name: s.Name, file: files[byID[s.ID]]})
	}
	if f := files[sstPath]; f != nil {
		if err := b.readSharedStrings(f); err != nil {
			return nil, fmt.Errorf("%s: %w", sstPath, err)
		}
	}
	return b, nil
}

// decodePart decodes a small XML part; a part that is not there leaves v as it is.
func decodePart(files map[string]*zip.File, name string, v any) error {
	f := files[name]
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func (b *xlsxBook) readSharedStrings(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := newXMLScanner(rc)
	var data, item []byte
	for {
		t, err := sc.next()
		if err != nil {
			return err
		}
		if t.kind == xmlEOF {
			break
		}
		if t.kind != xmlStart || string(t.name) != "si" {
			continue
		}
		item = item[:0]
		if !t.self {
			if item, err = sc.appendStringItem(item); err != nil {
				return err
			}
		}
		data = appendUnescapedOOXML(data, item)
		if len(data) > 1<<32-1 {
			return errors.New("shared strings larger than 4 GiB")
		}
		b.sst.ends = append(b.sst.ends, uint32(len(data)))
	}
	b.sst.data = string(data)
	return nil
}

// sheetNames lists the sheets in workbook order.
func (b *xlsxBook) sheetNames() []string {
	names := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		names[i] = s.name
	}
	return names
}

// rows opens a sheet by its name.
func (b *xlsxBook) rows(name string) (*xlsxRows, error) {
	for _, s := range b.sheets {
		if s.name != name {
			continue
		}
		if s.file == nil {
			return nil, fmt.Errorf("the workbook names sheet %s, but the package has no part for it", name)
		}
		rc, err := s.file.Open()
		if err != nil {
			return nil, err
		}
		return &xlsxRows{book: b, rc: rc, sc: newXMLScanner(rc)}, nil
	}
	return nil, fmt.Errorf("no sheet %s", name)
}

// maxSheetRows and maxSheetCols are Excel's limits (1,048,576 rows, column XFD).
const (
	maxSheetRows = 1 << 20
	maxSheetCols = 1 << 14
)

// xlsxRows reads a sheet row by row, as a table: one row per row number, empty for a row the
// sheet leaves out, as excelize's Rows does.
type xlsxRows struct {
	book    *xlsxBook
	rc      io.ReadCloser
	sc      *xmlScanner
	started bool // the reader is inside <sheetData>
	done    bool // no more row elements
	row     int  // the number of the row last returned
	last    int  // the number of the last row element read
	held    []string
	heldRow int // the number of the row in held, when > row

	text []byte // the text of the current row's cells, one after another
	ends []cellEnd
	val  []byte // scratch: a cell's <v>
	inl  []byte // scratch: a cell's <is>
}

type cellEnd struct{ col, end int }

func (t *xlsxRows) next() ([]string, bool, error) {
	if t.heldRow <= t.row && !t.done {
		cells, n, ok, err := t.readRow()
		if err != nil {
			t.done = true
			return nil, false, err
		}
		if !ok {
			t.done = true
		} else {
			t.held, t.heldRow = cells, n
		}
	}
	if t.heldRow <= t.row {
		return nil, false, nil
	}
	t.row++
	if t.heldRow > t.row {
		return nil, true, nil // a row the sheet leaves out
	}
	cells := t.held
	t.held = nil
	return cells, true, nil
}

func (t *xlsxRows) close() error { return t.rc.Close() }

// readRow reads the next row element: its number and its cells' text by column.
func (t *xlsxRows) readRow() ([]string, int, bool, error) {
	sc := t.sc
	for !t.started {
		tok, err := sc.next()
		if err != nil {
			return nil, 0, false, err
		}
		switch {
		case tok.kind == xmlEOF:
			return nil, 0, false, nil
		case tok.kind == xmlStart && string(tok.name) == "sheetData":
			if tok.self {
				return nil, 0, false, nil
			}
			t.started = true
		}
	}
	for {
		tok, err := sc.next()
		if err != nil {
			return nil, 0, false, err
		}
		switch tok.kind {
		case xmlEOF:
			return nil, 0, false, sc.readErr()
		case xmlEnd:
			if string(tok.name) == "sheetData" {
				return nil, 0, false, nil
			}
		case xmlStart:
			if string(tok.name) != "row" {
				if !tok.self {
					if err := sc.skip(); err != nil {
						return nil, 0, false, err
					}
				}
				continue
			}
			n := t.last + 1
			if r, ok, err := attr(tok.attrs, "r"); err != nil {
				return nil, 0, false, err
			} else if ok {
				if n, err = strconv.Atoi(string(r)); err != nil || n < 1 {
					return nil, 0, false, fmt.Errorf("%w: row number %q", errXMLSyntax, r)
				}
				if n <= t.last {
					return nil, 0, false, fmt.Errorf("%w: row %d after row %d", errXMLSyntax, n, t.last)
				}
			}
			if n > maxSheetRows {
				return nil, 0, false, fmt.Errorf("row %d: more rows than a sheet can have (%d)", n, maxSheetRows)
			}
			t.last = n
			if tok.self {
				return nil, n, true, nil
			}
			cells, err := t.readCells(n)
			return cells, n, true, err
		}
	}
}

// readCells reads the cells of a row whose start tag was just read, up to its end tag.
func (t *xlsxRows) readCells(row int) ([]string, error) {
	sc := t.sc
	t.text, t.ends = t.text[:0], t.ends[:0]
	col := -1
	for {
		tok, err := sc.next()
		if err != nil {
			return nil, err
		}
		switch tok.kind {
		case xmlEOF:
			return nil, sc.readErr()
		case xmlEnd:
			return t.cells(), nil
		case xmlStart:
			if string(tok.name) != "c" {
				if !tok.self {
					if err := sc.skip(); err != nil {
						return nil, err
					}
				}
				continue
			}
			next := col + 1
			ref, typ, err := cellAttrs(tok.attrs)
			if err != nil {
				return nil, err
			}
			if len(ref) > 0 {
				if next, err = refColumn(ref); err != nil {
					return nil, fmt.Errorf("row %d: %w", row, err)
				}
				if next <= col {
					return nil, fmt.Errorf("%w: row %d: cell %s after column %s", errXMLSyntax, row, ref, colName(col))
				}
			}
			if next >= maxSheetCols {
				return nil, fmt.Errorf("row %d: more columns than a sheet can have (%d)", row, maxSheetCols)
			}
			col = next
			if tok.self {
				continue
			}
			before := len(t.text)
			if err := t.readCell(cellTypeOf(typ)); err != nil {
				return nil, fmt.Errorf("row %d, column %s: %w", row, colName(col), err)
			}
			if len(t.text) > before { // an empty value is no cell, as for excelize
				t.ends = append(t.ends, cellEnd{col: col, end: len(t.text)})
			}
		}
	}
}

// cellType is what a cell's t attribute says about reading its value; the others (n, b, e,
// str) are read as stored.
type cellType uint8

const (
	cellStored cellType = iota
	cellShared
	cellInline
	cellDate
)

// cellTypeOf reads a t attribute. It returns a value, not the attribute's bytes, because those
// belong to the scanner's buffer, which the cell's content may move.
func cellTypeOf(t []byte) cellType {
	switch string(t) {
	case "s":
		return cellShared
	case "inlineStr":
		return cellInline
	case "d":
		return cellDate
	}
	return cellStored
}

// readCell appends a cell's value to t.text, given its type (the t attribute), the way excelize
// reads it with RawCellValue: a shared string's or an inline string's text, otherwise the
// stored value (a number, 0 or 1 for a boolean, an error such as #N/A, a formula's cached
// result). A date cell in ISO 8601 form (t="d") at midnight gives its date.
func (t *xlsxRows) readCell(typ cellType) error {
	sc := t.sc
	t.val, t.inl = t.val[:0], t.inl[:0]
	hasInline := false
	// The forms nearly every cell takes, <v>text</v></c> and <is><t>text</t></is></c>, are read
	// straight from the buffer; anything else (a formula, rich text, a CDATA section, an
	// element in the text) continues on the general path from where the fast one stopped.
	if sc.literal("<v>") {
		sc.p += 3
		text, ok, err := sc.simpleText("</v></c>")
		if err != nil {
			return err
		}
		if t.val, err = appendUnescaped(t.val, text); err != nil {
			return err
		}
		if ok {
			return t.cellValue(typ, false)
		}
		if t.val, err = sc.appendText(t.val); err != nil { // the rest of <v>
			return err
		}
	} else if sc.literal("<is><t>") {
		sc.p += 7
		text, ok, err := sc.simpleText("</t></is></c>")
		if err != nil {
			return err
		}
		if t.inl, err = appendUnescaped(t.inl, text); err != nil {
			return err
		}
		if ok {
			return t.cellValue(typ, true)
		}
		if t.inl, err = sc.appendText(t.inl); err != nil { // the rest of <t>
			return err
		}
		if t.inl, err = sc.appendStringItem(t.inl); err != nil { // the rest of <is>
			return err
		}
		hasInline = true
	}
	for {
		tok, err := sc.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case xmlEOF:
			return sc.readErr()
		case xmlEnd:
			return t.cellValue(typ, hasInline)
		case xmlStart:
			if tok.self {
				continue
			}
			switch string(tok.name) {
			case "v":
				if t.val, err = sc.appendText(t.val); err != nil {
					return err
				}
			case "is":
				if t.inl, err = sc.appendStringItem(t.inl); err != nil {
					return err
				}
				hasInline = true
			default: // a formula, extensions
				if err := sc.skip(); err != nil {
					return err
				}
			}
		}
	}
}

func (t *xlsxRows) cellValue(typ cellType, hasInline bool) error {
	switch typ {
	case cellShared:
		v := bytes.TrimSpace(t.val)
		if len(v) == 0 {
			return nil
		}
		i, err := strconv.Atoi(string(v))
		s, ok := t.book.sst.get(i)
		if err != nil || !ok {
			return fmt.Errorf("shared string %q does not exist (the workbook has %d)", v, len(t.book.sst.ends))
		}
		t.text = append(t.text, s...)
	case cellInline:
		if hasInline {
			t.text = appendUnescapedOOXML(t.text, t.inl)
		} else {
			t.text = append(t.text, t.val...)
		}
	case cellDate:
		t.text = append(t.text, isoMidnight(t.val)...)
	default:
		t.text = append(t.text, t.val...)
	}
	return nil
}

// isoMidnight returns the date of an ISO 8601 date-time at midnight ("2026-06-15T00:00:00Z"
// → "2026-06-15"), and v itself otherwise: a time of day is not a date.
func isoMidnight(v []byte) []byte {
	d, tm, ok := bytes.Cut(v, []byte("T"))
	if !ok {
		return v
	}
	tm = bytes.TrimSuffix(tm, []byte("Z"))
	if len(bytes.Trim(tm, "0:.")) == 0 {
		return d
	}
	return v
}

// cells makes the row's strings: one allocation for the text of all its cells and one for
// the slice.
func (t *xlsxRows) cells() []string {
	if len(t.ends) == 0 {
		return nil
	}
	all := string(t.text)
	out := make([]string, t.ends[len(t.ends)-1].col+1)
	start := 0
	for _, e := range t.ends {
		out[e.col] = all[start:e.end]
		start = e.end
	}
	return out
}

// refColumn returns the 0-based column of a cell reference such as "AB12" (or "$AB$12").
func refColumn(ref []byte) (int, error) {
	col, i := 0, 0
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	start := i
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		if col > maxSheetCols {
			return 0, fmt.Errorf("%w: cell reference %q", errXMLSyntax, ref)
		}
	}
	if i == start {
		return 0, fmt.Errorf("%w: cell reference %q", errXMLSyntax, ref)
	}
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	if i == len(ref) {
		return 0, fmt.Errorf("%w: cell reference %q", errXMLSyntax, ref)
	}
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return 0, fmt.Errorf("%w: cell reference %q", errXMLSyntax, ref)
		}
	}
	return col - 1, nil
}
