package screen

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// listData is what was read of one list sheet. A list sheet is joined to the enterprises by
// credit code, so it is read whole before the first enterprise; at 100,000 enterprises that is
// hundreds of thousands of rows. They are kept as their cells' text, in one buffer, and parsed
// when their enterprise is read: a few bytes per cell and no pointer for the collector to
// follow, where parsed items took a dozen allocations each.
type listData struct {
	spec     *sheetSpec
	sheet    string
	cols     []*column         // the column at each position of the sheet; nil for one ignored
	colIndex []int             // the index in spec.cols of the column at each position
	letters  map[string]string // column key → letter
	date1904 bool
	// text holds each row: its credit code (a uvarint length, then the code, upper case), then
	// each non-empty cell of a column as a uvarint position, a uvarint length and the text. It
	// is a string so that a cell's text is a slice of it, without a copy.
	text string
	rows []listRow // in sheet order
	// byCode indexes rows sorted by credit code, in sheet order within a code: the rows of
	// an enterprise are a run, found by binary search.
	byCode []int32
}

type listRow struct {
	row   int32  // the sheet's row number
	start uint32 // where the row starts in text
}

// item is one list row parsed for its enterprise.
type item struct {
	row int
	val reflect.Value
}

// readList reads a whole list sheet into memory.
func readList(sp *sheetSpec, t table, sheet string, date1904 bool) (*listData, error) {
	cols, row, pending, err := header(sp, t, sheet)
	if err != nil {
		return nil, err
	}
	ld := &listData{spec: sp, sheet: sheet, cols: cols, letters: letters(cols), date1904: date1904}
	for _, c := range cols {
		ld.colIndex = append(ld.colIndex, slices.IndexFunc(sp.cols, func(sc column) bool { return c != nil && sc.key == c.key }))
	}
	codePos := slices.IndexFunc(cols, func(c *column) bool { return c != nil && c.key == codeKey })
	if codePos < 0 {
		return nil, fmt.Errorf("%w: sheet %s: no %s column", ErrBadInput, sheet, codeKey)
	}
	var text []byte
	for {
		var r []string
		if len(pending) > 0 {
			r, pending = pending[0], pending[1:]
		} else {
			var ok bool
			r, ok, err = t.next()
			if err != nil {
				return nil, fmt.Errorf("screen: sheet %s, after row %d: %w", sheet, row, err)
			}
			if !ok {
				break
			}
		}
		row++
		if blank(r) {
			continue
		}
		if len(text) > 1<<32-1-len(r)*16 || len(ld.rows) == 1<<31-1 {
			return nil, fmt.Errorf("screen: sheet %s, row %d: too large a sheet to hold", sheet, row)
		}
		ld.rows = append(ld.rows, listRow{row: int32(row), start: uint32(len(text))})
		code := ""
		if codePos < len(r) {
			code = strings.ToUpper(strings.TrimSpace(r[codePos]))
		}
		text = binary.AppendUvarint(text, uint64(len(code)))
		text = append(text, code...)
		for i, cell := range r {
			if i >= len(cols) || cols[i] == nil || i == codePos {
				continue
			}
			if cell = strings.TrimSpace(cell); cell == "" {
				continue
			}
			text = binary.AppendUvarint(text, uint64(i))
			text = binary.AppendUvarint(text, uint64(len(cell)))
			text = append(text, cell...)
		}
	}
	ld.text = string(text)
	ld.byCode = make([]int32, len(ld.rows))
	for i := range ld.byCode {
		ld.byCode[i] = int32(i)
	}
	slices.SortStableFunc(ld.byCode, func(a, b int32) int { return strings.Compare(ld.code(int(a)), ld.code(int(b))) })
	return ld, nil
}

// rowText returns the text of row i: its code, then its cells.
func (ld *listData) rowText(i int) string {
	end := len(ld.text)
	if i+1 < len(ld.rows) {
		end = int(ld.rows[i+1].start)
	}
	return ld.text[ld.rows[i].start:end]
}

// code returns the credit code of row i.
func (ld *listData) code(i int) string {
	b := ld.rowText(i)
	n, w := uvarint(b)
	return b[w : w+int(n)]
}

// uvarint decodes a uvarint at the start of s, as binary.Uvarint does for bytes.
func uvarint(s string) (uint64, int) {
	var x uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			return x | uint64(b)<<(7*i), i + 1
		}
		x |= uint64(b&0x7f) << (7 * i)
	}
	return 0, 0 // not reached: the text is written by readList
}

// find returns the rows of a credit code, in sheet order.
func (ld *listData) find(code string) []int32 {
	lo, _ := slices.BinarySearchFunc(ld.byCode, code, func(r int32, code string) int {
		return strings.Compare(ld.code(int(r)), code)
	})
	hi := lo
	for hi < len(ld.byCode) && ld.code(int(ld.byCode[hi])) == code {
		hi++
	}
	return ld.byCode[lo:hi]
}

// parse parses the rows of a credit code, in sheet order: the items, and the errors of the rows
// that are not items.
func (ld *listData) parse(rows []int32) (items []item, errs []*CellError) {
	for _, r := range rows {
		v, rerrs := ld.parseRow(int(r))
		if len(rerrs) > 0 {
			errs = append(errs, rerrs...)
			continue
		}
		items = append(items, item{row: int(ld.rows[r].row), val: v})
	}
	return items, errs
}

// parseRow parses row i as an item of the list, or gives the errors of its cells.
func (ld *listData) parseRow(i int) (reflect.Value, []*CellError) {
	sp, row := ld.spec, int(ld.rows[i].row)
	b := ld.rowText(i)
	n, w := uvarint(b)
	code := b[w : w+int(n)]
	b = b[w+int(n):]
	v := reflect.New(sp.elem).Elem()
	var errs []*CellError
	var set assigner
	var filledBuf [32]bool
	filled := filledBuf[:0]
	if len(sp.cols) > len(filledBuf) {
		filled = make([]bool, len(sp.cols))
	}
	filled = filled[:len(sp.cols)] // a bad value is reported as such, not also as missing
	for len(b) > 0 {
		pos, w1 := uvarint(b)
		n, w2 := uvarint(b[w1:])
		cell := b[w1+w2 : w1+w2+int(n)]
		b = b[w1+w2+int(n):]
		c := ld.cols[pos]
		filled[ld.colIndex[pos]] = true
		if ld.date1904 {
			cell = from1904(c, cell)
		}
		val, err := parseCell(c, cell)
		if err != nil {
			errs = append(errs, &CellError{Sheet: ld.sheet, Row: row, Column: colName(int(pos)), Header: c.key, Reason: err.Error()})
			continue
		}
		set.assign(v, c.steps, val)
	}
	set.flush()
	for j := range sp.cols {
		c := &sp.cols[j]
		if c.required && !filled[j] && c.key != codeKey {
			errs = append(errs, &CellError{Sheet: ld.sheet, Row: row, Column: ld.letters[c.key], Header: c.key, Reason: "required, and empty"})
		}
	}
	if code == "" {
		errs = append(errs, &CellError{Sheet: ld.sheet, Row: row, Column: ld.letters[codeKey], Header: codeKey,
			Reason: "empty: a list row must name its enterprise's 统一社会信用代码"})
	}
	return v, errs
}

// leftovers returns the list rows for credit codes no enterprise row has, as records of
// their own, one per code in order of first appearance (one per row without a code).
func (ld *listData) leftovers(seen map[string]int, enterprises string) []Record {
	var out []Record
	done := map[string]bool{}
	for i := range ld.rows {
		code := ld.code(i)
		rows := []int32{int32(i)}
		if code != "" {
			if _, ok := seen[code]; ok || done[code] {
				continue
			}
			done[code] = true
			rows = ld.find(code)
		}
		items, errs := ld.parse(rows)
		first := 0
		if len(items) > 0 {
			first = items[0].row
		} else if len(errs) > 0 {
			first = errs[0].Row
		}
		if code != "" {
			errs = append([]*CellError{{Sheet: ld.sheet, Row: first, Column: ld.letters[codeKey], Header: codeKey,
				Reason: fmt.Sprintf("no enterprise with credit code %s in sheet %s", code, enterprises)}}, errs...)
		}
		out = append(out, Record{Sheet: ld.sheet, Row: first, Err: &RecordError{Cells: errs}})
	}
	return out
}
