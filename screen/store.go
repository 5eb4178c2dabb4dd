package screen

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"io"
	"math"
	"sort"
	"sync"

	"github.com/smetier/smetier"
)

// records keeps the screened enterprises of a Result compactly, in input order. A registry of
// 100,000 enterprises must fit in a few hundred MB with everything else a run holds, and an
// Enterprise as a Go value (ten RungStatus of slices of strings, gaps with pointers and two
// languages of messages) takes several KB and gives the collector millions of pointers to
// scan. Each enterprise is encoded instead into a byte chunk (no pointers: the collector does
// not look inside), with the strings that repeat from one enterprise to the next — rung keys,
// statuses, criterion ids, missing-input paths, rule-set ids, units, region names — written as
// indexes into a table of distinct strings. What is unique per enterprise (name, credit code,
// the gaps' messages) is written inline: ~650 bytes per enterprise, so a full chunk is
// deflated (at the fastest level, ~6× smaller: ~100 bytes per enterprise, 10 MB at 100,000).
// Enterprise(i) decodes one back, equal to what was judged; the results workbook decodes them
// in order, a chunk at a time.
//
// records is written by one goroutine (Run's collector) and read-only once Run returns,
// but for the cache of the last chunk inflated for Enterprise(i), which mu guards.
type records struct {
	packed [][]byte // full chunks, deflated
	sizes  []int    // their sizes inflated
	cur    []byte   // the chunk being filled
	refs   []uint64 // per record: chunk index << 32 | offset in the chunk inflated
	strs   []string
	ids    map[string]uint32
	// errs holds the errors of the records that could not be screened, by record index,
	// as they were (a *RecordError stays matchable with errors.As).
	errs []recordErr
	buf  []byte
	fw   *flate.Writer
	zbuf bytes.Buffer // scratch for deflating a chunk

	mu       sync.Mutex
	cacheAt  int // index of the chunk in cacheBuf; meaningful only when cacheBuf != nil
	cacheBuf []byte
}

type recordErr struct {
	seq int
	err error
}

// chunkSize is the size of the byte chunks records are written into: large enough to deflate
// well and that the per-chunk overhead vanishes, small enough that the chunk being filled
// costs little and that inflating one for a single record stays cheap.
const chunkSize = 1 << 20

func (rs *records) len() int { return len(rs.refs) }

// intern returns the index of s in the string table.
func (rs *records) intern(s string) uint32 {
	if id, ok := rs.ids[s]; ok {
		return id
	}
	if rs.ids == nil {
		rs.ids = map[string]uint32{}
	}
	id := uint32(len(rs.strs))
	rs.strs = append(rs.strs, s)
	rs.ids[s] = id
	return id
}

func (rs *records) str(s string) { rs.buf = binary.AppendUvarint(rs.buf, uint64(rs.intern(s))) }
func (rs *records) uint(n int)   { rs.buf = binary.AppendUvarint(rs.buf, uint64(n)) }
func (rs *records) int(n int)    { rs.buf = binary.AppendVarint(rs.buf, int64(n)) }
func (rs *records) float(f float64) {
	rs.buf = binary.LittleEndian.AppendUint64(rs.buf, math.Float64bits(f))
}
func (rs *records) text(t smetier.Text) { rs.str(t.Zh); rs.str(t.En) }

// inline writes a string that rarely repeats.
func (rs *records) inline(s string) {
	rs.buf = binary.AppendUvarint(rs.buf, uint64(len(s)))
	rs.buf = append(rs.buf, s...)
}

func (rs *records) list(ss []string) {
	rs.uint(len(ss))
	for _, s := range ss {
		rs.str(s)
	}
}

// Flags of an encoded record, gap or status.
const (
	fErr = 1 << iota
	fDistance
	fLargestInGaps
	fLargestApart
)

const (
	gCurrent = 1 << iota
	gRequired
	gDelta
	gOfficial
)

const (
	sCovered = 1 << iota
	sHeld
)

// add appends e as the next record.
func (rs *records) add(e *Enterprise) {
	rs.buf = rs.buf[:0]
	var flags byte
	if e.Err != nil {
		flags |= fErr
		rs.errs = append(rs.errs, recordErr{len(rs.refs), e.Err})
	}
	if e.Distance != nil {
		flags |= fDistance
	}
	largest := -1
	if e.Largest != nil {
		for i := range e.Gaps {
			if sameGap(&e.Gaps[i], e.Largest) {
				largest = i
				break
			}
		}
		if largest >= 0 {
			flags |= fLargestInGaps
		} else {
			flags |= fLargestApart
		}
	}
	rs.buf = append(rs.buf, flags)
	rs.str(e.Sheet)
	rs.uint(e.Row)
	rs.inline(e.Name)
	rs.inline(e.CreditCode)
	rs.str(e.Region)
	rs.text(e.RegionName)
	rs.str(e.Area)
	rs.uint(len(e.Statuses))
	for i := range e.Statuses {
		rs.status(&e.Statuses[i])
	}
	rs.str(e.Highest)
	rs.str(e.Next)
	rs.str(string(e.NextStatus))
	rs.uint(len(e.Gaps))
	for i := range e.Gaps {
		rs.gap(&e.Gaps[i])
	}
	switch {
	case largest >= 0:
		rs.uint(largest)
	case e.Largest != nil:
		rs.gap(e.Largest)
	}
	if d := e.Distance; d != nil {
		rs.uint(d.Failed)
		rs.float(d.GapSize)
		rs.uint(d.Missing)
	}
	for _, v := range e.ind {
		rs.buf = append(rs.buf, byte(v))
	}

	if len(rs.cur) > 0 && len(rs.cur)+len(rs.buf) > chunkSize {
		rs.seal()
	}
	if rs.cur == nil {
		rs.cur = make([]byte, 0, max(chunkSize, len(rs.buf)))
	}
	rs.refs = append(rs.refs, uint64(len(rs.packed))<<32|uint64(len(rs.cur)))
	rs.cur = append(rs.cur, rs.buf...)
}

// seal deflates the chunk being filled.
func (rs *records) seal() {
	out := &rs.zbuf
	out.Reset()
	if rs.fw == nil {
		rs.fw, _ = flate.NewWriter(out, flate.BestSpeed) // the level is valid: no error
	} else {
		rs.fw.Reset(out)
	}
	// Writing to a bytes.Buffer does not fail.
	_, _ = rs.fw.Write(rs.cur)
	_ = rs.fw.Close()
	// A copy of the exact size: the buffer's spare capacity would stay allocated with it.
	rs.packed = append(rs.packed, bytes.Clone(out.Bytes()))
	rs.sizes = append(rs.sizes, len(rs.cur))
	rs.cur = rs.cur[:0]
}

// inflate returns chunk k inflated.
func (rs *records) inflate(k int) []byte {
	out := make([]byte, rs.sizes[k])
	if _, err := io.ReadFull(flate.NewReader(bytes.NewReader(rs.packed[k])), out); err != nil {
		panic("screen: a chunk of records does not inflate: " + err.Error()) // written by seal: cannot happen
	}
	return out
}

// chunk returns chunk k, inflated: the one being filled, or a full one from the cache.
func (rs *records) chunk(k int) []byte {
	if k == len(rs.packed) {
		return rs.cur
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.cacheBuf == nil || rs.cacheAt != k {
		rs.cacheAt, rs.cacheBuf = k, rs.inflate(k)
	}
	return rs.cacheBuf
}

// each decodes every record in order, inflating each full chunk once, for the caller alone.
func (rs *records) each(yield func(int, Enterprise) bool) {
	at, buf := -1, []byte(nil)
	for i, ref := range rs.refs {
		k := int(ref >> 32)
		if k != at {
			at, buf = k, rs.cur
			if k < len(rs.packed) {
				buf = rs.inflate(k)
			}
		}
		if !yield(i, rs.decode(i, buf[uint32(ref):])) {
			return
		}
	}
}

func sameGap(a, b *smetier.Gap) bool {
	eq := func(x, y *float64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	return a.Criterion == b.Criterion && a.Group == b.Group && a.Option == b.Option && a.Kind == b.Kind &&
		a.Fact == b.Fact && a.Input == b.Input && a.FiscalYear == b.FiscalYear && eq(a.Current, b.Current) &&
		eq(a.Required, b.Required) && eq(a.Delta, b.Delta) && a.Unit == b.Unit &&
		(a.Size == b.Size || math.IsNaN(a.Size) && math.IsNaN(b.Size)) && a.Official == b.Official && a.Message == b.Message
}

func (rs *records) status(s *RungStatus) {
	var flags byte
	if s.Covered {
		flags |= sCovered
	}
	if s.Held {
		flags |= sHeld
	}
	rs.buf = append(rs.buf, flags)
	rs.str(s.Key)
	rs.str(string(s.Status))
	rs.str(s.RuleSet)
	rs.list(s.Failed)
	rs.list(s.Judgement)
	rs.list(s.Missing)
	rs.list(s.Errors)
	rs.text(s.title)
}

func (rs *records) gap(g *smetier.Gap) {
	var flags byte
	if g.Current != nil {
		flags |= gCurrent
	}
	if g.Required != nil {
		flags |= gRequired
	}
	if g.Delta != nil {
		flags |= gDelta
	}
	if g.Official {
		flags |= gOfficial
	}
	rs.buf = append(rs.buf, flags)
	rs.str(g.Criterion)
	rs.int(g.Group)
	rs.int(g.Option)
	rs.str(string(g.Kind))
	rs.str(g.Fact)
	rs.str(g.Input)
	rs.int(g.FiscalYear)
	for _, f := range []*float64{g.Current, g.Required, g.Delta} {
		if f != nil {
			rs.float(*f)
		}
	}
	rs.str(g.Unit)
	rs.float(g.Size)
	rs.inline(g.Message.Zh)
	rs.inline(g.Message.En)
}

// decoder reads one encoded record.
type decoder struct {
	rs *records
	b  []byte
}

func (d *decoder) uint() int {
	v, n := binary.Uvarint(d.b)
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) byte() byte {
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) str() string        { return d.rs.strs[d.uint()] }
func (d *decoder) text() smetier.Text { return smetier.Text{Zh: d.str(), En: d.str()} }

func (d *decoder) float() float64 {
	f := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return f
}

func (d *decoder) inline() string {
	n := d.uint()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) strs() []string {
	n := d.uint()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// get decodes record i.
func (rs *records) get(i int) Enterprise {
	ref := rs.refs[i]
	return rs.decode(i, rs.chunk(int(ref >> 32))[uint32(ref):])
}

// decode decodes record i from b, where it starts.
func (rs *records) decode(i int, b []byte) Enterprise {
	d := decoder{rs: rs, b: b}
	var e Enterprise
	flags := d.byte()
	if flags&fErr != 0 {
		k := sort.Search(len(rs.errs), func(k int) bool { return rs.errs[k].seq >= i })
		e.Err = rs.errs[k].err
	}
	e.Sheet = d.str()
	e.Row = d.uint()
	e.Name = d.inline()
	e.CreditCode = d.inline()
	e.Region = d.str()
	e.RegionName = d.text()
	e.Area = d.str()
	if n := d.uint(); n > 0 {
		e.Statuses = make([]RungStatus, n)
		for k := range e.Statuses {
			e.Statuses[k] = d.status()
		}
	}
	e.Highest = d.str()
	e.Next = d.str()
	e.NextStatus = smetier.Status(d.str())
	if n := d.uint(); n > 0 {
		e.Gaps = make([]smetier.Gap, n)
		for k := range e.Gaps {
			e.Gaps[k] = d.gap()
		}
	}
	switch {
	case flags&fLargestInGaps != 0:
		g := e.Gaps[d.uint()]
		e.Largest = &g
	case flags&fLargestApart != 0:
		g := d.gap()
		e.Largest = &g
	}
	if flags&fDistance != 0 {
		e.Distance = &Distance{Failed: d.uint(), GapSize: d.float(), Missing: d.uint()}
	}
	for k := range e.ind {
		e.ind[k] = int8(d.byte())
	}
	return e
}

// identity decodes only the name and credit code of record i.
func (rs *records) identity(i int) (name, creditCode string) {
	ref := rs.refs[i]
	d := decoder{rs: rs, b: rs.chunk(int(ref >> 32))[uint32(ref):]}
	d.byte() // flags
	d.uint() // sheet
	d.uint() // row
	return d.inline(), d.inline()
}

func (d *decoder) status() RungStatus {
	flags := d.byte()
	s := RungStatus{Covered: flags&sCovered != 0, Held: flags&sHeld != 0}
	s.Key = d.str()
	s.Status = smetier.Status(d.str())
	s.RuleSet = d.str()
	s.Failed = d.strs()
	s.Judgement = d.strs()
	s.Missing = d.strs()
	s.Errors = d.strs()
	s.title = d.text()
	return s
}

func (d *decoder) gap() smetier.Gap {
	flags := d.byte()
	g := smetier.Gap{Official: flags&gOfficial != 0}
	g.Criterion = d.str()
	g.Group = d.int()
	g.Option = d.int()
	g.Kind = smetier.GapKind(d.str())
	g.Fact = d.str()
	g.Input = d.str()
	g.FiscalYear = d.int()
	for _, p := range []struct {
		bit byte
		to  **float64
	}{{gCurrent, &g.Current}, {gRequired, &g.Required}, {gDelta, &g.Delta}} {
		if flags&p.bit != 0 {
			f := d.float()
			*p.to = &f
		}
	}
	g.Unit = d.str()
	g.Size = d.float()
	g.Message = smetier.Text{Zh: d.inline(), En: d.inline()}
	return g
}
