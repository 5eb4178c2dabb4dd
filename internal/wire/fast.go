package wire

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/smetier/smetier"
)

// fastDecode decodes a profile in one pass, for data that meets the strict contract: valid
// JSON, every key the exact JSON name of a field, no key twice in an object, every value of a
// kind its field holds. It reports false as soon as anything is otherwise — or merely unusual
// (an escape in a key, a lone surrogate escape, a string that is not valid UTF-8, an object of
// more than smallObject keys, a field it does not know) — and the caller then decodes with
// encoding/json, which explains the problem. What it accepts it decodes as json.Unmarshal
// does: the tests and FuzzDecodeProfile compare the two on every input, and
// TestFastDecodeEveryField checks that it knows every field of the profile's types.
//
// Why not json.Unmarshal: encoding/json scans the input twice (validation, then decoding with
// a byte-at-a-time state machine), matches keys case-insensitively, and goes through
// reflection per value; it was most of the cost of a batch record outside the engine. This
// decoder is written for the profile's types: a switch on each key decodes its value straight
// into its field. It also allocates little, allocation being most of what remained (and what
// makes the garbage collector run during a batch): a first scan copies the contents of every
// string value into one string, and each string of the profile without escapes is a substring
// of it (one allocation of a few hundred bytes, where the strings are a few dozen); amounts
// and dates are parsed from those substrings or from the input's bytes, not through their
// UnmarshalJSON; the values of pointer fields come from small slabs; lists are sized before
// they are filled, and their elements decoded in place.
func fastDecode(data []byte) (*smetier.Profile, bool) {
	var buf [2048]byte // most profiles' strings fit: they are copied from here into one string
	d := fastDecoder{b: data, strs: string(stringValues(data, buf[:0]))}
	d.space()
	p := new(smetier.Profile)
	if d.i >= len(d.b) || d.b[d.i] != '{' || !d.profile(p) {
		return nil, false
	}
	d.space()
	return p, d.i == len(d.b)
}

type fastDecoder struct {
	b []byte
	i int
	// strs holds the contents of the string values of b, in order (stringValues), and strsAt
	// how many bytes of it the strings read so far took: each string of the profile without
	// escapes is a substring of it.
	strs   string
	strsAt int
	// Slabs of the values of pointer fields, so that each is not an allocation of its own.
	moneys []smetier.Money
	dates  []smetier.Date
	ints   []int
	bools  []bool
	floats []float64
}

// The decoding of each type of the profile. A member function decodes the value of one key and
// returns the bit of its field (each field its own), with which object finds a key given
// twice; it returns ok false for a key that is no field of the type or a value it refuses.

func (d *fastDecoder) profile(p *smetier.Profile) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "name":
			return 1 << 0, decodeString(d, &p.Name)
		case "credit_code":
			return 1 << 1, decodeString(d, &p.CreditCode)
		case "region":
			return 1 << 2, decodeString(d, &p.Region)
		case "industry":
			return 1 << 3, decodeString(d, &p.Industry)
		case "established":
			return 1 << 4, d.datePtr(&p.Established)
		case "mainland_legal_person":
			return 1 << 5, d.boolPtr(&p.MainlandLegalPerson)
		case "years":
			return 1 << 6, decodeYearMap(d, &p.Years, d.fiscalYear)
		case "ip":
			return 1 << 7, decodeList(d, &p.IP, d.ipRight)
		case "awards":
			return 1 << 8, decodeList(d, &p.Awards, d.award)
		case "rd_institutions":
			return 1 << 9, decodeList(d, &p.RDInstitutions, d.rdInstitution)
		case "certifications":
			return 1 << 10, decodeList(d, &p.Certifications, d.certification)
		case "standards":
			return 1 << 11, decodeList(d, &p.Standards, d.standard)
		case "digital_level":
			return 1 << 12, d.intPtr(&p.DigitalLevel)
		case "financing":
			return 1 << 13, decodeList(d, &p.Financing, d.financing)
		case "segment":
			return 1 << 14, decodePtr(d, &p.Segment, d.segment)
		case "main_product":
			return 1 << 15, decodePtr(d, &p.MainProduct, d.mainProduct)
		case "titles":
			return 1 << 16, decodeList(d, &p.Titles, d.title)
		case "compliance":
			return 1 << 17, decodePtr(d, &p.Compliance, d.compliance)
		case "judgements":
			return 1 << 18, decodeList(d, &p.Judgements, d.declaration)
		case "group":
			return 1 << 19, decodePtr(d, &p.Group, d.group)
		case "evaluation_scores":
			return 1 << 20, decodeYearMap(d, &p.EvaluationScores, d.float)
		}
		return 0, false
	})
}

func (d *fastDecoder) fiscalYear(y *smetier.FiscalYear) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "operating_revenue":
			return 1 << 0, d.moneyPtr(&y.OperatingRevenue)
		case "main_revenue":
			return 1 << 1, d.moneyPtr(&y.MainRevenue)
		case "rd_expense":
			return 1 << 2, d.moneyPtr(&y.RDExpense)
		case "total_assets":
			return 1 << 3, d.moneyPtr(&y.TotalAssets)
		case "total_liabilities":
			return 1 << 4, d.moneyPtr(&y.TotalLiabilities)
		case "net_profit":
			return 1 << 5, d.moneyPtr(&y.NetProfit)
		case "product_revenue":
			return 1 << 6, d.moneyPtr(&y.ProductRevenue)
		case "employees":
			return 1 << 7, d.intPtr(&y.Employees)
		case "rd_staff":
			return 1 << 8, d.intPtr(&y.RDStaff)
		}
		return 0, false
	})
}

func (d *fastDecoder) ipRight(r *smetier.IPRight) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "number":
			return 1 << 0, decodeString(d, &r.Number)
		case "kind":
			return 1 << 1, decodeString(d, &r.Kind)
		case "granted":
			return 1 << 2, d.datePtr(&r.Granted)
		case "transferred_in":
			return 1 << 3, d.boolPtr(&r.TransferredIn)
		case "transferred_on":
			return 1 << 4, d.datePtr(&r.TransferredOn)
		case "owner_rank":
			return 1 << 5, d.intPtr(&r.OwnerRank)
		case "main_product":
			return 1 << 6, d.boolPtr(&r.MainProduct)
		case "applied_with_benefit":
			return 1 << 7, d.boolPtr(&r.AppliedWithBenefit)
		case "high_value":
			return 1 << 8, d.boolPtr(&r.HighValue)
		}
		return 0, false
	})
}

func (d *fastDecoder) award(a *smetier.Award) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "name":
			return 1 << 0, decodeString(d, &a.Name)
		case "kind":
			return 1 << 1, decodeString(d, &a.Kind)
		case "level":
			return 1 << 2, decodeString(d, &a.Level)
		case "year":
			return 1 << 3, d.integer(&a.Year)
		case "rank":
			return 1 << 4, d.intPtr(&a.Rank)
		}
		return 0, false
	})
}

func (d *fastDecoder) rdInstitution(r *smetier.RDInstitution) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "name":
			return 1 << 0, decodeString(d, &r.Name)
		case "level":
			return 1 << 1, decodeString(d, &r.Level)
		case "joint":
			return 1 << 2, d.boolean(&r.Joint)
		}
		return 0, false
	})
}

func (d *fastDecoder) certification(c *smetier.Certification) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "kind":
			return 1 << 0, decodeString(d, &c.Kind)
		case "name":
			return 1 << 1, decodeString(d, &c.Name)
		case "issued":
			return 1 << 2, d.datePtr(&c.Issued)
		case "expires":
			return 1 << 3, d.datePtr(&c.Expires)
		}
		return 0, false
	})
}

func (d *fastDecoder) standard(s *smetier.Standard) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "number":
			return 1 << 0, decodeString(d, &s.Number)
		case "name":
			return 1 << 1, decodeString(d, &s.Name)
		case "level":
			return 1 << 2, decodeString(d, &s.Level)
		case "lead":
			return 1 << 3, d.boolean(&s.Lead)
		case "year":
			return 1 << 4, d.integer(&s.Year)
		}
		return 0, false
	})
}

func (d *fastDecoder) financing(f *smetier.Financing) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "date":
			return 1 << 0, d.date(&f.Date)
		case "amount":
			return 1 << 1, d.money(&f.Amount)
		case "qualified_investor":
			return 1 << 2, d.boolPtr(&f.QualifiedInvestor)
		case "paid_in":
			return 1 << 3, d.boolPtr(&f.PaidIn)
		}
		return 0, false
	})
}

func (d *fastDecoder) segment(s *smetier.Segment) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "name":
			return 1 << 0, decodeString(d, &s.Name)
		case "since":
			return 1 << 1, d.datePtr(&s.Since)
		case "market_share_pct":
			return 1 << 2, d.floatPtr(&s.MarketSharePct)
		case "national_rank":
			return 1 << 3, d.intPtr(&s.NationalRank)
		case "global_rank":
			return 1 << 4, d.intPtr(&s.GlobalRank)
		case "provincial_rank":
			return 1 << 5, d.intPtr(&s.ProvincialRank)
		}
		return 0, false
	})
}

func (d *fastDecoder) mainProduct(m *smetier.MainProduct) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "name":
			return 1 << 0, decodeString(d, &m.Name)
		case "six_basics":
			return 1 << 1, d.boolPtr(&m.SixBasics)
		case "strategic_emerging":
			return 1 << 2, d.boolPtr(&m.StrategicEmerging)
		case "key_chain_link":
			return 1 << 3, d.boolPtr(&m.KeyChainLink)
		case "time_honored_brand":
			return 1 << 4, d.boolPtr(&m.TimeHonoredBrand)
		case "own_brand":
			return 1 << 5, d.boolPtr(&m.OwnBrand)
		case "serves_chain_leader":
			return 1 << 6, d.boolPtr(&m.ServesChainLeader)
		case "new_product":
			return 1 << 7, d.boolPtr(&m.NewProduct)
		}
		return 0, false
	})
}

func (d *fastDecoder) title(t *smetier.Title) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "kind":
			return 1 << 0, decodeString(d, &t.Kind)
		case "level":
			return 1 << 1, decodeString(d, &t.Level)
		case "issued":
			return 1 << 2, d.date(&t.Issued)
		case "expires":
			return 1 << 3, d.datePtr(&t.Expires)
		case "revoked":
			return 1 << 4, d.boolean(&t.Revoked)
		}
		return 0, false
	})
}

func (d *fastDecoder) compliance(c *smetier.Compliance) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "abnormal_list":
			return 1 << 0, d.boolPtr(&c.AbnormalList)
		case "serious_dishonesty":
			return 1 << 1, d.boolPtr(&c.SeriousDishonesty)
		case "incidents":
			return 1 << 2, decodeList(d, &c.Incidents, d.incident)
		case "prohibited_product":
			return 1 << 3, d.boolPtr(&c.ProhibitedProduct)
		}
		return 0, false
	})
}

func (d *fastDecoder) incident(n *smetier.Incident) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "kind":
			return 1 << 0, decodeString(d, &n.Kind)
		case "date":
			return 1 << 1, d.date(&n.Date)
		case "note":
			return 1 << 2, decodeString(d, &n.Note)
		}
		return 0, false
	})
}

func (d *fastDecoder) declaration(j *smetier.Declaration) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "criterion":
			return 1 << 0, decodeString(d, &j.Criterion)
		case "met":
			return 1 << 1, d.boolPtr(&j.Met)
		case "points":
			return 1 << 2, d.intPtr(&j.Points)
		case "by":
			return 1 << 3, decodeString(d, &j.By)
		case "note":
			return 1 << 4, decodeString(d, &j.Note)
		}
		return 0, false
	})
}

func (d *fastDecoder) group(g *smetier.Group) bool {
	return d.object(func(key []byte) (uint64, bool) {
		switch string(key) {
		case "little_giant_control":
			return 1 << 0, d.boolPtr(&g.LittleGiantControl)
		case "similar_product_little_giant":
			return 1 << 1, d.boolPtr(&g.SimilarProductLittleGiant)
		}
		return 0, false
	})
}

// Containers, as json.Unmarshal decodes them into a zero value: null leaves a pointer, a list
// or a map nil, [] is an empty list and {} an empty map (not nil), and an element that is null
// is the zero value of its type.

// object reads the object at d.i (which must be one), calling member with each key with d.i at
// its value.
func (d *fastDecoder) object(member func(key []byte) (bit uint64, ok bool)) bool {
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		return false
	}
	if d.open('}') {
		return true
	}
	var seen uint64
	for {
		key, ok := d.key()
		if !ok {
			return false
		}
		bit, ok := member(key)
		if !ok || seen&bit != 0 {
			return false
		}
		seen |= bit
		if more, ok := d.next('}'); !more {
			return ok
		}
	}
}

// decodePtr decodes into *pp a new T, or leaves it nil on null.
func decodePtr[T any](d *fastDecoder, pp **T, decode func(*T) bool) bool {
	if d.null() {
		return true
	}
	p := new(T)
	*pp = p
	return decode(p)
}

func decodeList[T any](d *fastDecoder, p *[]T, decode func(*T) bool) bool {
	if d.null() {
		return true
	}
	if d.i >= len(d.b) || d.b[d.i] != '[' {
		return false
	}
	s := make([]T, 0, d.count())
	if d.open(']') {
		*p = s
		return true
	}
	for {
		// Decoded in place: a variable whose address goes to decode, a function value, would
		// be an allocation of its own.
		var zero T
		s = append(s, zero)
		if !d.null() && !decode(&s[len(s)-1]) {
			return false
		}
		if more, ok := d.next(']'); !more {
			*p = s
			return ok
		}
	}
}

// decodeYearMap decodes an object keyed by years. Keys are compared as written, as the key check
// does: "02025" and "2025" are two keys, and one year, the last one's value.
func decodeYearMap[T any](d *fastDecoder, p *map[int]T, decode func(*T) bool) bool {
	if d.null() {
		return true
	}
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		return false
	}
	m := make(map[int]T)
	*p = m
	if d.open('}') {
		return true
	}
	var small [smallObject][]byte
	seen := small[:0]
	var e *T // where each value is decoded (not a local variable: see decodeList)
	for {
		key, ok := d.key()
		if !ok || len(seen) == smallObject {
			return false // a large object: encoding/json and the key check handle it
		}
		for _, o := range seen {
			if string(o) == string(key) {
				return false
			}
		}
		seen = append(seen, key)
		year, err := strconv.ParseInt(string(key), 10, 64)
		if err != nil || int64(int(year)) != year {
			return false
		}
		if e == nil {
			e = new(T)
		} else {
			var zero T
			*e = zero
		}
		if !d.null() && !decode(e) {
			return false
		}
		m[int(year)] = *e
		if more, ok := d.next('}'); !more {
			return ok
		}
	}
}

// Scalars. A null leaves the value as it is, zero here, except for a Date, whose
// UnmarshalJSON makes it the zero Date.

func decodeString[T ~string](d *fastDecoder, p *T) bool {
	if d.i >= len(d.b) {
		return false
	}
	switch d.b[d.i] {
	case '"':
		s, ok := d.str()
		*p = T(s)
		return ok
	case 'n':
		return d.literal("null")
	}
	return false
}

func (d *fastDecoder) integer(p *int) bool {
	if d.null() {
		return true
	}
	text, ok := d.number()
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(string(text), 10, 64)
	*p = int(n)
	return err == nil && int64(int(n)) == n
}

func (d *fastDecoder) float(p *float64) bool {
	if d.null() {
		return true
	}
	text, ok := d.number()
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(string(text), 64)
	*p = f
	return err == nil
}

func (d *fastDecoder) boolean(p *bool) bool {
	if d.i >= len(d.b) {
		return false
	}
	switch d.b[d.i] {
	case 't':
		*p = true
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	}
	return false
}

// money decodes an amount as Money.UnmarshalJSON does: the text of a number, or the contents
// of a string of printable ASCII without escapes, white space trimmed, through ParseMoney.
// Other strings (which UnmarshalJSON unescapes first) are left to encoding/json.
func (d *fastDecoder) money(m *smetier.Money) bool {
	if d.null() {
		return true
	}
	var v smetier.Money
	var err error
	if d.i < len(d.b) && d.b[d.i] == '"' {
		s, ok := d.printable()
		if !ok {
			return false
		}
		v, err = smetier.ParseMoney(strings.TrimSpace(s))
	} else {
		text, ok := d.number()
		if !ok {
			return false
		}
		v, err = smetier.ParseMoney(string(text)) // on the stack: ParseMoney does not keep it
	}
	*m = v
	return err == nil
}

// date decodes a date as Date.UnmarshalJSON does: "" (and null) is the zero Date, anything
// else goes through ParseDate. Strings that are not printable ASCII without escapes are left
// to encoding/json.
func (d *fastDecoder) date(p *smetier.Date) bool {
	if d.null() {
		*p = smetier.Date{}
		return true
	}
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return false
	}
	s, ok := d.printable()
	if !ok {
		return false
	}
	if s == "" {
		*p = smetier.Date{}
		return true
	}
	v, err := smetier.ParseDate(s)
	*p = v
	return err == nil
}

// Pointers to scalars: null leaves them nil; a value is decoded into the next element of a slab.

// slabSize is how many values of one type a slab holds: a profile has a few dozen pointer
// fields, most of them amounts and flags.
const slabSize = 16

// fromSlab returns a pointer to a new zero element of the slab *s.
func fromSlab[T any](s *[]T) *T {
	if len(*s) == cap(*s) {
		*s = make([]T, 0, slabSize)
	}
	*s = (*s)[:len(*s)+1]
	return &(*s)[len(*s)-1]
}

func (d *fastDecoder) moneyPtr(pp **smetier.Money) bool {
	if d.null() {
		return true
	}
	*pp = fromSlab(&d.moneys)
	return d.money(*pp)
}

func (d *fastDecoder) datePtr(pp **smetier.Date) bool {
	if d.null() {
		return true
	}
	*pp = fromSlab(&d.dates)
	return d.date(*pp)
}

func (d *fastDecoder) intPtr(pp **int) bool {
	if d.null() {
		return true
	}
	*pp = fromSlab(&d.ints)
	return d.integer(*pp)
}

func (d *fastDecoder) boolPtr(pp **bool) bool {
	if d.null() {
		return true
	}
	*pp = fromSlab(&d.bools)
	return d.boolean(*pp)
}

func (d *fastDecoder) floatPtr(pp **float64) bool {
	if d.null() {
		return true
	}
	*pp = fromSlab(&d.floats)
	return d.float(*pp)
}

// The scanner.

func (d *fastDecoder) space() { d.i = skipSpace(d.b, d.i) }

// skipSpace returns the index of the first byte of b at or after i that is not JSON white
// space; both scanners of this package (the one-pass decoder and the key check) use it.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// null reads a null at d.i, if there is one.
func (d *fastDecoder) null() bool {
	if d.i < len(d.b) && d.b[d.i] == 'n' {
		return d.literal("null")
	}
	return false
}

func (d *fastDecoder) literal(lit string) bool {
	if len(d.b)-d.i < len(lit) || string(d.b[d.i:d.i+len(lit)]) != lit {
		return false
	}
	d.i += len(lit)
	return true
}

// open reads the '{' or '[' at d.i and the white space after it, and reports whether the
// container is empty (then its closing byte is read too).
func (d *fastDecoder) open(closing byte) (empty bool) {
	d.i++
	d.space()
	if d.i < len(d.b) && d.b[d.i] == closing {
		d.i++
		return true
	}
	return false
}

// key reads an object key and the colon after it, leaving d.i at the value.
func (d *fastDecoder) key() ([]byte, bool) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return nil, false
	}
	key, ok := d.plainString()
	if !ok {
		return nil, false
	}
	d.space()
	if d.i >= len(d.b) || d.b[d.i] != ':' {
		return nil, false
	}
	d.i++
	d.space()
	return key, true
}

// next reads what follows a member or an element: a comma (more follow) or the closing byte.
func (d *fastDecoder) next(closing byte) (more, ok bool) {
	d.space()
	if d.i >= len(d.b) {
		return false, false
	}
	switch d.b[d.i] {
	case ',':
		d.i++
		d.space()
		return true, true
	case closing:
		d.i++
		return false, true
	}
	return false, false
}

// count returns how many elements the array at d.i has, counting its commas outside strings
// and nested values, so that its slice is allocated once. It does not check the syntax (the
// decoding does): it is only a capacity.
func (d *fastDecoder) count() int {
	depth, n, empty := 0, 0, true
	for j := d.i; j < len(d.b); j++ {
		switch d.b[j] {
		case '"':
			for j++; j < len(d.b) && d.b[j] != '"'; j++ {
				if d.b[j] == '\\' {
					j++
				}
			}
			empty = false
		case '[', '{':
			if depth++; depth > 1 {
				empty = false
			}
		case ']', '}':
			if depth--; depth == 0 {
				if empty {
					return 0
				}
				return n + 1
			}
		case ',':
			if depth == 1 {
				n++
			}
		case ' ', '\t', '\r', '\n':
		default:
			empty = false
		}
	}
	return n + 1
}

// number reads a number as JSON writes it, -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, and
// returns its text.
func (d *fastDecoder) number() ([]byte, bool) {
	b, i := d.b, d.i
	digits := func() bool {
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if !digits() {
		return nil, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return nil, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return nil, false
		}
	}
	text := d.b[d.i:i]
	d.i = i
	return text, true
}

// printable reads a string of printable ASCII with no escapes — how dates and amounts are
// written, and what their UnmarshalJSON read without unescaping — and returns its contents.
func (d *fastDecoder) printable() (string, bool) {
	for j := d.i + 1; j < len(d.b); j++ {
		switch c := d.b[j]; {
		case c == '"':
			s, ok := d.text(d.b[d.i+1 : j])
			d.i = j + 1
			return s, ok
		case c < ' ' || c == '\\' || c >= 0x7f:
			return "", false
		}
	}
	return "", false
}

// plainString reads a string with no escapes and no bytes outside ASCII, the form of every
// key of the contract, and returns its contents.
func (d *fastDecoder) plainString() ([]byte, bool) {
	for j := d.i + 1; j < len(d.b); j++ {
		switch c := d.b[j]; {
		case c == '"':
			s := d.b[d.i+1 : j]
			d.i = j + 1
			return s, true
		case c < ' ' || c == '\\' || c >= utf8.RuneSelf:
			return nil, false
		}
	}
	return nil, false
}

// str reads a string value and returns it as encoding/json decodes it. Text that is not valid
// UTF-8 and escapes of lone surrogates, which encoding/json replaces by U+FFFD, are left to it.
func (d *fastDecoder) str() (string, bool) {
	start := d.i + 1
	ascii, escaped := true, false
	j := start
	for ; j < len(d.b); j++ {
		c := d.b[j]
		if c == '"' {
			break
		}
		switch {
		case c < ' ':
			return "", false
		case c == '\\':
			escaped = true
			j++
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if j >= len(d.b) {
		return "", false
	}
	raw := d.b[start:j]
	d.i = j + 1
	if !ascii && !utf8.Valid(raw) {
		return "", false
	}
	s, ok := d.text(raw)
	if !ok || !escaped {
		return s, ok
	}
	return unescape(raw)
}

// text returns raw, the contents of the string value being read, as the next string of d.strs.
// The comparison makes sure that it is: the strings of d.strs are those of the input in order,
// so it fails only on input that is not JSON, which the decoding refuses anyway.
func (d *fastDecoder) text(raw []byte) (string, bool) {
	end := d.strsAt + len(raw)
	if end > len(d.strs) || d.strs[d.strsAt:end] != string(raw) {
		return "", false
	}
	s := d.strs[d.strsAt:end]
	d.strsAt = end
	return s, true
}

// stringValues appends to out the contents (between the quotes, as written) of every string
// of the JSON text b that is a value rather than a key, in order.
func stringValues(b, out []byte) []byte {
	for i := 0; i < len(b); {
		q := bytes.IndexByte(b[i:], '"')
		if q < 0 {
			break
		}
		start := i + q + 1
		end := start
		for {
			q := bytes.IndexByte(b[end:], '"')
			if q < 0 {
				return out // unterminated: not JSON
			}
			end += q
			backslashes := 0
			for k := end - 1; k >= start && b[k] == '\\'; k-- {
				backslashes++
			}
			if backslashes%2 == 0 {
				break // the closing quote
			}
			end++ // an escaped quote
		}
		if next := skipSpace(b, end+1); next >= len(b) || b[next] != ':' {
			out = append(out, b[start:end]...)
		}
		i = end + 1
	}
	return out
}

// unescape decodes the escapes of a JSON string's contents, valid UTF-8.
func unescape(raw []byte) (string, bool) {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(raw) {
			return "", false
		}
		switch raw[i] {
		case '"', '\\', '/':
			out = append(out, raw[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(raw[i+1:])
			if !ok {
				return "", false
			}
			i += 4
			if utf16.IsSurrogate(r) {
				// Only a well-formed pair; encoding/json writes U+FFFD for the rest.
				if i+2 >= len(raw) || raw[i+1] != '\\' || raw[i+2] != 'u' {
					return "", false
				}
				r2, ok := hex4(raw[i+3:])
				if !ok {
					return "", false
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return "", false
				}
				i += 6
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", false
		}
	}
	return string(out), true
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
