package screen

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/wire"
)

// Record is one enterprise read from an input, or a problem that belongs to no enterprise (a
// list row whose credit code is in no row of the enterprises sheet).
type Record struct {
	// Sheet and Row say where the record starts: the enterprises sheet and its row, or for
	// JSON Lines the file name and line.
	Sheet string
	Row   int
	// Profile is the enterprise; nil when Err is set.
	Profile *smetier.Profile
	// Err is a *RecordError naming each bad cell (matching ErrBadInput), or for JSON Lines the
	// decoding error of the line.
	Err error

	loc *locator
}

// Source yields the records of an input one at a time.
type Source interface {
	// Next returns the next record, or io.EOF after the last. Any other error is the input
	// failing as a whole (unreadable file, missing sheet, unknown column); a bad cell is
	// not such an error but a Record with Err set.
	Next() (Record, error)
	Close() error
}

// Open opens an input by its path: an .xlsx workbook, a folder of CSV files (one per sheet,
// named by the sheet's name or its en key: 企业.csv or enterprises.csv, 知识产权.csv or ip.csv,
// ...), or a JSON Lines file of profiles (any other file).
func Open(name string) (Source, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return ReadCSV(os.DirFS(name))
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(filepath.Ext(name), ".xlsx") {
		src, err := ReadXLSX(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		return &closing{src, f}, nil
	}
	return &closing{ReadJSONLines(f, filepath.Base(name)), f}, nil
}

type closing struct {
	Source
	f io.Closer
}

func (c *closing) Close() error {
	err := c.Source.Close()
	if ferr := c.f.Close(); err == nil {
		err = ferr
	}
	return err
}

// readLayout is the layout used to read: per-year columns are made for whatever years the
// headers name, from a template year.
var readLayout = sync.OnceValues(func() (*layout, error) { return newLayout([]int{2000}) })

// table is a sheet's rows, as text.
type table interface {
	next() ([]string, bool, error)
	close() error
}

type csvTable struct {
	r     *csv.Reader
	c     io.Closer
	first bool
}

func (t *csvTable) next() ([]string, bool, error) {
	rec, err := t.r.Read()
	if err == io.EOF {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if t.first && len(rec) > 0 {
		// Excel writes "CSV UTF-8" with a byte-order mark.
		rec[0] = strings.TrimPrefix(rec[0], "\uFEFF")
	}
	t.first = false
	return rec, true, nil
}

func (t *csvTable) close() error { return t.c.Close() }

// ReadXLSX reads a workbook laid out as WriteTemplate writes it. The list sheets are read first
// (they are joined to the enterprises by credit code), then the enterprises sheet is streamed.
// When r is also an io.ReaderAt and an io.Seeker (an *os.File, a *bytes.Reader), the workbook
// is read in place from its current offset; otherwise it is read into memory first.
func ReadXLSX(r io.Reader) (Source, error) {
	ra, size, err := readerAt(r)
	if err != nil {
		return nil, fmt.Errorf("screen: reading the workbook: %w", err)
	}
	book, err := openXLSX(ra, size)
	if err != nil {
		return nil, fmt.Errorf("screen: reading the workbook: %w", err)
	}
	sheets := book.sheetNames()
	open := func(sp *sheetSpec) (table, string, error) {
		for _, s := range sheets {
			if s == sp.name || strings.EqualFold(s, sp.key) {
				rows, err := book.rows(s)
				if err != nil {
					return nil, s, err
				}
				return rows, s, nil
			}
		}
		return nil, "", nil
	}
	return newTableSource(open, book.date1904)
}

// readerAt gives random access to the rest of r, which a zip archive needs.
func readerAt(r io.Reader) (io.ReaderAt, int64, error) {
	if ra, ok := r.(io.ReaderAt); ok {
		if sk, ok := r.(io.Seeker); ok {
			pos, err := sk.Seek(0, io.SeekCurrent)
			if err != nil {
				return nil, 0, err
			}
			end, err := sk.Seek(0, io.SeekEnd)
			if err != nil {
				return nil, 0, err
			}
			if _, err := sk.Seek(pos, io.SeekStart); err != nil {
				return nil, 0, err
			}
			return io.NewSectionReader(ra, pos, end-pos), end - pos, nil
		}
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, 0, err
	}
	return bytes.NewReader(b), int64(len(b)), nil
}

// ReadCSV reads a folder of CSV files, one per sheet, named by the sheet's Chinese name or its
// en key (企业.csv or enterprises.csv, 知识产权.csv or ip.csv, ...), UTF-8 with or without a
// byte-order mark, as Excel's "CSV UTF-8" writes them. The enterprises file is required; a list
// file that is absent has no rows.
func ReadCSV(fsys fs.FS) (Source, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("screen: reading the CSV folder: %w", err)
	}
	open := func(sp *sheetSpec) (table, string, error) {
		for _, e := range entries {
			stem, ext := strings.TrimSuffix(e.Name(), path.Ext(e.Name())), path.Ext(e.Name())
			if e.IsDir() || !strings.EqualFold(ext, ".csv") || !(stem == sp.name || strings.EqualFold(stem, sp.key)) {
				continue
			}
			fh, err := fsys.Open(e.Name())
			if err != nil {
				return nil, e.Name(), err
			}
			cr := csv.NewReader(bufio.NewReaderSize(fh, 64<<10))
			cr.FieldsPerRecord = -1
			cr.ReuseRecord = false
			return &csvTable{r: cr, c: fh, first: true}, e.Name(), nil
		}
		return nil, "", nil
	}
	return newTableSource(open, false)
}

type tableSource struct {
	lay     *layout
	lists   []*listData
	ent     table
	sheet   string
	cols    []*column
	letters map[string]string
	row     int
	pending [][]string // rows read while finding the header
	seen    map[string]int
	done    bool
	extra   []Record // leftovers, emitted at the end
	// date1904 is set for a workbook whose date serial numbers count from 1904.
	date1904 bool
}

// header finds a sheet's header: the en keys, in row 2 under the zh headers as WriteTemplate writes
// them, or in row 1 when a hand-made sheet has only the keys. It returns the column of each
// position (nil for an ignored one) and the rows after the header it had to read.
func header(sp *sheetSpec, t table, sheet string) (cols []*column, row int, pending [][]string, err error) {
	byKey := map[string]*column{}
	for i := range sp.cols {
		byKey[sp.cols[i].key] = &sp.cols[i]
	}
	var first [][]string
	for len(first) < 2 {
		r, ok, err := t.next()
		if err != nil {
			return nil, 0, nil, fmt.Errorf("screen: sheet %s: %w", sheet, err)
		}
		if !ok {
			break
		}
		first = append(first, r)
	}
	known := func(r []string) int {
		n := 0
		for _, k := range r {
			if _, ok := sp.resolve(strings.TrimSpace(k), byKey); ok {
				n++
			}
		}
		return n
	}
	hdr := -1
	switch {
	case len(first) == 2 && known(first[1]) > 0 && known(first[1]) >= known(first[0]):
		hdr = 1
	case len(first) >= 1 && known(first[0]) > 0:
		hdr = 0
	default:
		return nil, 0, nil, fmt.Errorf("%w: sheet %s: no header row of en keys (row 2 under the Chinese headers, e.g. %s); make the workbook with 'smetier template'", ErrBadInput, sheet, codeKey)
	}
	seen := map[string]string{}
	for i, k := range first[hdr] {
		k = strings.TrimSpace(k)
		if k == "" || strings.HasPrefix(k, "#") {
			cols = append(cols, nil)
			continue
		}
		c, ok := sp.resolve(k, byKey)
		if !ok {
			return nil, 0, nil, &CellError{Sheet: sheet, Row: hdr + 1, Column: colName(i), Header: k,
				Reason: "unknown column (start a header with # to keep a column of your own)"}
		}
		if prev, dup := seen[k]; dup {
			return nil, 0, nil, &CellError{Sheet: sheet, Row: hdr + 1, Column: colName(i), Header: k,
				Reason: "the same column as column " + prev}
		}
		seen[k] = colName(i)
		cols = append(cols, c)
	}
	return cols, hdr + 1, first[hdr+1:], nil
}

func newTableSource(open func(*sheetSpec) (table, string, error), date1904 bool) (*tableSource, error) {
	lay, err := readLayout()
	if err != nil {
		return nil, err
	}
	s := &tableSource{lay: lay, seen: map[string]int{}, date1904: date1904}
	if s.lists, err = readLists(lay.sheets[1:], open, date1904); err != nil {
		return nil, err
	}
	t, name, err := open(lay.sheets[0])
	if err != nil {
		return nil, fmt.Errorf("screen: sheet %s: %w", name, err)
	}
	if t == nil {
		return nil, fmt.Errorf("%w: no sheet %s (or %s.csv)", ErrBadInput, enterpriseSheet, enterpriseKey)
	}
	s.ent, s.sheet = t, name
	s.cols, s.row, s.pending, err = header(lay.sheets[0], t, name)
	if err != nil {
		t.close()
		return nil, err
	}
	s.letters = letters(s.cols)
	return s, nil
}

func letters(cols []*column) map[string]string {
	m := map[string]string{}
	for i, c := range cols {
		if c != nil {
			m[c.key] = colName(i)
		}
	}
	return m
}

func blank(r []string) bool {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readLists reads the list sheets there are, in the order of specs. They are read before the
// first enterprise can be given, when nothing else runs, so they are read in parallel, one
// sheet per goroutine and at most GOMAXPROCS at a time; the errors are those of the first
// sheet in order that has one, as when they were read one after another.
func readLists(specs []*sheetSpec, open func(*sheetSpec) (table, string, error), date1904 bool) ([]*listData, error) {
	type sheet struct {
		spec *sheetSpec
		t    table
		name string
		ld   *listData
		err  error
	}
	var sheets []*sheet
	closeAll := func() {
		for _, sh := range sheets {
			sh.t.close()
		}
	}
	for _, sp := range specs {
		t, name, err := open(sp)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("screen: sheet %s: %w", name, err)
		}
		if t != nil {
			sheets = append(sheets, &sheet{spec: sp, t: t, name: name})
		}
	}
	defer closeAll()
	work := make(chan *sheet, len(sheets))
	for _, sh := range sheets {
		work <- sh
	}
	close(work)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(sheets)) {
		wg.Go(func() {
			for sh := range work {
				sh.ld, sh.err = readList(sh.spec, sh.t, sh.name, date1904)
			}
		})
	}
	wg.Wait()
	lists := make([]*listData, 0, len(sheets))
	for _, sh := range sheets {
		if sh.err != nil {
			return nil, sh.err
		}
		lists = append(lists, sh.ld)
	}
	return lists, nil
}

// Next returns the next enterprise, with its lists.
func (s *tableSource) Next() (Record, error) {
	for !s.done {
		var r []string
		if len(s.pending) > 0 {
			r, s.pending = s.pending[0], s.pending[1:]
		} else {
			var ok bool
			var err error
			r, ok, err = s.ent.next()
			if err != nil {
				return Record{}, fmt.Errorf("screen: sheet %s, after row %d: %w", s.sheet, s.row, err)
			}
			if !ok {
				s.done = true
				s.leftovers()
				break
			}
		}
		s.row++
		if blank(r) {
			continue
		}
		return s.enterprise(r), nil
	}
	if len(s.extra) > 0 {
		rec := s.extra[0]
		s.extra = s.extra[1:]
		return rec, nil
	}
	return Record{}, io.EOF
}

func (s *tableSource) enterprise(r []string) Record {
	rec := Record{Sheet: s.sheet, Row: s.row}
	p := new(smetier.Profile)
	pv := reflect.ValueOf(p).Elem()
	var errs []*CellError
	var none map[string]string // list path → column letter of its marker
	var set assigner
	for i, cell := range r {
		if i >= len(s.cols) || s.cols[i] == nil {
			continue
		}
		c := s.cols[i]
		cell = strings.TrimSpace(cell)
		if cell == "" {
			continue // unknown stays unknown
		}
		if c.none != "" {
			b, err := parseBool(cell)
			if err != nil {
				errs = append(errs, &CellError{Sheet: s.sheet, Row: s.row, Column: colName(i), Header: c.key, Reason: err.Error()})
			} else if b {
				if none == nil {
					none = map[string]string{}
				}
				none[c.none] = colName(i)
			}
			continue
		}
		if s.date1904 {
			cell = from1904(c, cell)
		}
		v, err := parseCell(c, cell)
		if err != nil {
			errs = append(errs, &CellError{Sheet: s.sheet, Row: s.row, Column: colName(i), Header: c.key, Reason: err.Error()})
			continue
		}
		set.assign(pv, c.steps, v)
	}
	set.flush()
	code := p.CreditCode
	loc := &locator{src: s, row: s.row}
	if code != "" {
		if prev, dup := s.seen[code]; dup {
			errs = append(errs, &CellError{Sheet: s.sheet, Row: s.row, Column: s.letters[codeKey], Header: codeKey,
				Reason: fmt.Sprintf("credit code %s is also in row %d", code, prev)})
			code = "" // its lists went to the first row
		} else {
			s.seen[code] = s.row
		}
	}
	for _, ld := range s.lists {
		var items []item
		if code != "" {
			var lerrs []*CellError
			items, lerrs = ld.parse(ld.find(code))
			errs = append(errs, lerrs...)
		}
		if col, ok := none[ld.spec.path]; ok && len(items) > 0 {
			errs = append(errs, &CellError{Sheet: s.sheet, Row: s.row, Column: col, Header: ld.spec.path + noneSuffix,
				Reason: fmt.Sprintf("states no %s, but sheet %s has %d rows for this enterprise (row %d first)", ld.spec.path, ld.sheet, len(items), items[0].row)})
			continue
		}
		if len(items) == 0 {
			continue
		}
		list := reflect.MakeSlice(reflect.SliceOf(ld.spec.elem), len(items), len(items))
		rows := make([]int, len(items))
		for i, it := range items {
			list.Index(i).Set(it.val)
			rows[i] = it.row
		}
		assign(pv, ld.spec.listSteps, list)
		if loc.items == nil {
			loc.items = map[string][]int{}
		}
		loc.items[ld.spec.path] = rows
	}
	for _, sp := range s.lay.sheets[1:] {
		if _, ok := none[sp.path]; ok {
			if f := listField(pv, sp.listSteps); f.IsNil() {
				assign(pv, sp.listSteps, reflect.MakeSlice(f.Type(), 0, 0)) // known empty: [] in JSON
			}
		}
	}
	if len(errs) > 0 {
		rec.Err = &RecordError{Cells: errs}
		return rec
	}
	rec.Profile, rec.loc = p, loc
	return rec
}

// listField returns the list reached by steps, or a nil slice when a pointer on the way is nil.
func listField(v reflect.Value, steps []step) reflect.Value {
	for i, st := range steps {
		v = v.Field(st.field)
		if i < len(steps)-1 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Zero(reflect.SliceOf(reflect.TypeFor[struct{}]()))
			}
			v = v.Elem()
		}
	}
	return v
}

// leftovers turns list rows for credit codes no enterprise row has into records of their own.
func (s *tableSource) leftovers() {
	for _, ld := range s.lists {
		s.extra = append(s.extra, ld.leftovers(s.seen, s.sheet)...)
	}
}

func (s *tableSource) Close() error {
	var err error
	if s.ent != nil {
		err = s.ent.close()
	}
	return err
}

// locator maps a profile path back to the cell it was read from, so that a profile the engine
// finds invalid is reported by sheet, row and column like a cell that could not be read.
type locator struct {
	src   *tableSource
	row   int
	items map[string][]int
}

// cell returns the cell of path, e.g. "years.2025.main_revenue" or "ip[3].granted".
func (l *locator) cell(p string) *CellError {
	if l == nil {
		return nil
	}
	if list, rest, ok := strings.Cut(p, "["); ok {
		idx, field, _ := strings.Cut(rest, "]")
		field = strings.TrimPrefix(field, ".")
		n, err := strconv.Atoi(idx)
		for _, ld := range l.src.lists {
			if ld.spec.path != list || err != nil || n < 0 || n >= len(l.items[list]) {
				continue
			}
			return &CellError{Sheet: ld.sheet, Row: l.items[list][n], Column: ld.letters[field], Header: field}
		}
	}
	return &CellError{Sheet: l.src.sheet, Row: l.row, Column: l.src.letters[p], Header: p}
}

// cellErrors converts the field errors of an invalid profile to cell errors.
func (r *Record) cellErrors(err error) error {
	var ve *smetier.ValidationError
	if r.loc == nil || !errors.As(err, &ve) {
		return err
	}
	out := &RecordError{}
	for _, f := range ve.Fields {
		c := r.loc.cell(f.Path)
		c.Reason = f.Msg
		if c.Header == "" {
			c.Header = f.Path
		}
		out.Cells = append(out.Cells, c)
	}
	return out
}

// ReadJSONLines reads profiles one per line (blank lines are skipped); name is used in
// records' Sheet.
func ReadJSONLines(r io.Reader, name string) Source {
	br := bufio.NewReaderSize(r, 256<<10)
	return &jsonlSource{r: br, name: name}
}

type jsonlSource struct {
	r    *bufio.Reader
	name string
	line int
}

func (s *jsonlSource) Next() (Record, error) {
	for {
		b, err := s.r.ReadBytes('\n')
		if len(b) == 0 && err != nil {
			if err == io.EOF {
				return Record{}, io.EOF
			}
			return Record{}, fmt.Errorf("screen: %s: %w", s.name, err)
		}
		s.line++
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		p, derr := wire.DecodeProfile(b)
		if derr != nil {
			return Record{Sheet: s.name, Row: s.line, Err: derr}, nil
		}
		return Record{Sheet: s.name, Row: s.line, Profile: p}, nil
	}
}

func (s *jsonlSource) Close() error { return nil }
