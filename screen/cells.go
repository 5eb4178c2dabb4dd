package screen

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/smetier/smetier"
)

// ErrBadInput is matched (errors.Is) by every error about the content of an input workbook,
// CSV folder or JSON Lines file: a bad cell, an unknown column, a row for an unknown enterprise.
var ErrBadInput = errors.New("screen: bad input")

// CellError is a cell that cannot be read. Row is numbered as the spreadsheet shows it (the
// first row is 1) and Column is the column's letter, so that a person can go to the cell.
type CellError struct {
	Sheet  string
	Row    int
	Column string // e.g. "C"; empty when the problem is the whole row
	Header string // the column's en header (the profile path), e.g. "years.2025.rd_expense"
	Reason string
}

func (e *CellError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "sheet %s, row %d", e.Sheet, e.Row)
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %s", e.Column)
	}
	if e.Header != "" {
		fmt.Fprintf(&b, " (%s)", e.Header)
	}
	return b.String() + ": " + e.Reason
}

// Is makes every CellError match ErrBadInput.
func (e *CellError) Is(target error) bool { return target == ErrBadInput }

// RecordError lists every bad cell of one enterprise: its row of the enterprises sheet and
// the rows of its lists. The other enterprises are read on.
type RecordError struct {
	Cells []*CellError
}

func (e *RecordError) Error() string {
	msgs := make([]string, 0, min(len(e.Cells), 5))
	for i, c := range e.Cells {
		if i == 5 {
			msgs = append(msgs, fmt.Sprintf("and %d more", len(e.Cells)-5))
			break
		}
		msgs = append(msgs, c.Error())
	}
	return strings.Join(msgs, "; ")
}

// Is makes every RecordError match ErrBadInput.
func (e *RecordError) Is(target error) bool { return target == ErrBadInput }

// Unwrap returns the cell errors.
func (e *RecordError) Unwrap() []error {
	out := make([]error, len(e.Cells))
	for i, c := range e.Cells {
		out[i] = c
	}
	return out
}

// colName returns the spreadsheet letter of the 0-based column i.
func colName(i int) string {
	s, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return strconv.Itoa(i + 1)
	}
	return s
}

// parseBool accepts what a person or Excel writes for yes and no.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "true", "1", "yes", "y", "是", "有", "√":
		return true, nil
	case "false", "0", "no", "n", "否", "无", "×":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a yes/no value (TRUE or FALSE, 是 or 否)", s)
}

// parseInt accepts an integer, also as Excel stores one ("12", "12.0", "1.2E+1").
func parseInt(s string) (int64, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("%q is not a whole number", s)
	}
	if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("%s is not a whole number", s)
	}
	return int64(f), nil
}

// parseMoney reads an amount in yuan exactly. A spreadsheet holds numbers as binary floating
// point, so a typed 12345.67 can come back as 12345.670000000002: a value within a millionth of
// a fen of a whole number of fen is that number of fen; anything else with more than two
// decimals is an error, never rounded silently.
func parseMoney(s string) (smetier.Money, error) {
	s = strings.ReplaceAll(s, ",", "")
	if m, err := smetier.ParseMoney(s); err == nil {
		return m, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("%q is not an amount in yuan", s)
	}
	fen := math.Round(f * 100)
	if math.Abs(f*100-fen) > 1e-6 || math.Abs(fen) > 1<<62 {
		return 0, fmt.Errorf("%s has more than two decimals (fen is the smallest unit)", s)
	}
	return smetier.Fen(int64(fen)), nil
}

var dateSeparators = strings.NewReplacer("/", "-", ".", "-")

// parseDate reads YYYY-MM-DD (also with / or . between the parts, or as YYYYMMDD) or a
// spreadsheet date serial number. Day-first and month-first forms are refused: 03/04/2026 is
// two different dates in two locales.
func parseDate(s string) (smetier.Date, error) {
	bad := func() error { return fmt.Errorf("%q is not a date: write YYYY-MM-DD", s) }
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "-/") {
		if len(s) == 8 && f == math.Trunc(f) && f > 19000000 {
			y, m, d := int(f)/10000, int(f)/100%100, int(f)%100
			dt := smetier.NewDate(y, time.Month(m), d)
			if !dt.Valid() {
				return dt, bad()
			}
			return dt, nil
		}
		if f < 1 || f > 2958465 || f != math.Trunc(f) {
			return smetier.Date{}, bad()
		}
		t, err := excelize.ExcelDateToTime(f, false)
		if err != nil {
			return smetier.Date{}, bad()
		}
		return smetier.DateOf(t), nil
	}
	parts := strings.Split(dateSeparators.Replace(s), "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return smetier.Date{}, bad()
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 4 {
			return smetier.Date{}, bad()
		}
		n[i] = v
	}
	d := smetier.NewDate(n[0], time.Month(n[1]), n[2])
	if !d.Valid() {
		return d, fmt.Errorf("%s is not a calendar date", s)
	}
	return d, nil
}

// from1904 converts the date serial number of a date column in a workbook that counts days
// from 1904 (as Excel for the Mac once did) to the 1900 system parseDate reads: 1,462 days
// later. Any other text is left as it is.
func from1904(c *column, s string) string {
	if deref(c.typ) != dateType || len(s) >= 8 {
		return s
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return s
	}
	return strconv.Itoa(n + 1462)
}

// isIdent reports whether s is an id such as a program id: ^[a-z][a-z0-9_]*$.
func isIdent(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// parseCell converts the text of a cell to a value of the column's type. The value is made
// in place (one allocation, of the pointer the profile keeps), not boxed first and copied.
func parseCell(c *column, s string) (reflect.Value, error) {
	t := deref(c.typ)
	p := reflect.Value{} // *t, made once the text is known to be good
	switch {
	case t == moneyType:
		m, err := parseMoney(s)
		if err != nil {
			return p, err
		}
		p = reflect.New(t)
		*p.Interface().(*smetier.Money) = m
	case t == dateType:
		d, err := parseDate(s)
		if err != nil {
			return p, err
		}
		p = reflect.New(t)
		*p.Interface().(*smetier.Date) = d
	default:
		switch t.Kind() {
		case reflect.String:
			found := false
			if c.enum != nil {
				for _, e := range c.enum {
					if strings.EqualFold(e, s) {
						s, found = e, true
						break
					}
				}
				if !found && !(c.open && isIdent(s)) {
					return p, fmt.Errorf("%q is not one of %s", s, strings.Join(c.enum, ", "))
				}
			}
			if c.key == codeKey {
				s = strings.ToUpper(s)
			}
			if !found {
				// A cell's text is a slice of its row's text: keep only the value.
				s = strings.Clone(s)
			}
			p = reflect.New(t)
			p.Elem().SetString(s)
		case reflect.Bool:
			b, err := parseBool(s)
			if err != nil {
				return p, err
			}
			p = reflect.New(t)
			p.Elem().SetBool(b)
		case reflect.Int, reflect.Int64:
			n, err := parseInt(s)
			if err != nil {
				return p, err
			}
			if t.Kind() == reflect.Int && (n > math.MaxInt32 || n < math.MinInt32) {
				return p, fmt.Errorf("%d is out of range", n)
			}
			p = reflect.New(t)
			p.Elem().SetInt(n)
		case reflect.Float64:
			f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
			if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
				return p, fmt.Errorf("%q is not a number", s)
			}
			p = reflect.New(t)
			p.Elem().SetFloat(f)
		default:
			return p, fmt.Errorf("unsupported column type %s", t)
		}
	}
	if c.typ.Kind() == reflect.Pointer {
		return p, nil
	}
	return p.Elem(), nil
}

// assign stores v at the end of steps below root (a settable struct value), making the
// pointers and maps on the way.
func assign(root reflect.Value, steps []step, v reflect.Value) {
	var a assigner
	a.assign(root, steps, v)
	a.flush()
}

// assigner stores the cells of one row. Map values are not addressable, so a field of a
// struct in a map (a fiscal year's figure) is set on a copy that is stored back; the assigner
// keeps that copy for the whole row and stores each once, in flush, rather than copying a
// fiscal year out and back for every one of its cells.
type assigner struct {
	pending []mapEntry
}

type mapEntry struct {
	m, k, elem reflect.Value
}

func (a *assigner) assign(root reflect.Value, steps []step, v reflect.Value) {
	cur := root
	for i, st := range steps {
		last := i == len(steps)-1
		if st.field == -1 {
			if cur.IsNil() {
				cur.Set(reflect.MakeMap(cur.Type()))
			}
			k := reflect.ValueOf(st.year).Convert(cur.Type().Key())
			if last {
				cur.SetMapIndex(k, v)
				return
			}
			a.assign(a.entry(cur, k), steps[i+1:], v)
			return
		}
		f := cur.Field(st.field)
		if last {
			f.Set(v)
			return
		}
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				f.Set(reflect.New(f.Type().Elem()))
			}
			f = f.Elem()
		}
		cur = f
	}
}

// entry returns the pending copy of m[k], making it from the map's value when there is one.
func (a *assigner) entry(m, k reflect.Value) reflect.Value {
	for _, e := range a.pending {
		if e.m.UnsafePointer() == m.UnsafePointer() && e.k.Equal(k) {
			return e.elem
		}
	}
	elem := reflect.New(m.Type().Elem()).Elem()
	if old := m.MapIndex(k); old.IsValid() {
		elem.Set(old)
	}
	a.pending = append(a.pending, mapEntry{m: m, k: k, elem: elem})
	return elem
}

// flush stores the pending map values.
func (a *assigner) flush() {
	for _, e := range a.pending {
		e.m.SetMapIndex(e.k, e.elem)
	}
	clear(a.pending)
	a.pending = a.pending[:0]
}
