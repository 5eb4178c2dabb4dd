package smetier

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar date with no time of day or zone, as written on certificates and in
// registrations. The zero Date is "no date". In JSON it is a "YYYY-MM-DD" string.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d. It does not normalise: use ParseDate to validate input.
func NewDate(y int, m time.Month, d int) Date { return Date{y, m, d} }

// chinaTime is China Standard Time, UTC+8 all year: the calendar the rules' dates are in.
var chinaTime = time.FixedZone("CST", 8*3600)

// Today returns the calendar date in China at instant now: the default date of judgement of the
// engine, the command line and the HTTP API.
func Today(now time.Time) Date { return DateOf(now.In(chinaTime)) }

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate parses "YYYY-MM-DD" and rejects dates that do not exist (e.g. 2025-02-30), with a
// *ParseError that says why.
func ParseDate(s string) (Date, error) {
	// A well-formed date is read directly: every date of every profile decoded comes here, and
	// time.Parse is a general layout interpreter several times slower. Anything else, valid or
	// not, goes to time.Parse, which decides as it always did.
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && digitsOnly(s[:4]) && digitsOnly(s[5:7]) && digitsOnly(s[8:]) {
		y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
		m := time.Month(s[5]-'0')*10 + time.Month(s[6]-'0')
		d := int(s[8]-'0')*10 + int(s[9]-'0')
		if y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) {
			return Date{y, m, d}, nil
		}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < 1 {
		return Date{}, dateError(s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals known to be valid; it panics on a bad literal.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a real calendar day.
func (d Date) Valid() bool {
	return d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Year > 0 && d.Day <= daysIn(d.Year, d.Month)
}

// daysIn is the length of month m (1–12) of year y in the proleptic Gregorian calendar, as
// package time reckons it. (Computed, not asked of time.Date: Validate checks every date of a
// profile on every classification.)
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// AddYears returns the same day n years later; 29 February becomes 28 February in common years,
// so that "one year after" never spills into March.
func (d Date) AddYears(n int) Date {
	y := d.Year + n
	day := d.Day
	if m := daysIn(y, d.Month); day > m {
		day = m
	}
	return Date{y, d.Month, day}
}

// FullYearsUntil returns the number of whole years from d to e (the age of d on e). When e is
// before d the result is zero or negative: minus the whole years from e back to d, counted the
// same way.
func (d Date) FullYearsUntil(e Date) int {
	if e.Before(d) {
		return -e.FullYearsUntil(d)
	}
	n := e.Year - d.Year
	if n > 0 && d.AddYears(n).After(e) {
		n--
	}
	return n
}

// MarshalJSON writes d as "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte(`""`), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD"; an empty string is the zero Date.
func (d *Date) UnmarshalJSON(b []byte) error {
	s, ok := plainJSONString(b)
	if !ok {
		if err := json.Unmarshal(b, &s); err != nil {
			return &ParseError{What: "date", Reason: `want a "YYYY-MM-DD" string`}
		}
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// plainJSONString returns the contents of b when b is a JSON string of printable ASCII with no
// escapes, which is what encoding/json would decode it to; dates and amounts in a profile are
// such strings, and decoding them this way skips a nested json.Unmarshal per value.
func plainJSONString(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	for _, c := range b[1 : len(b)-1] {
		if c < ' ' || c >= 0x7f || c == '"' || c == '\\' {
			return "", false
		}
	}
	return string(b[1 : len(b)-1]), true
}
