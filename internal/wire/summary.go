package wire

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/smetier/smetier"
)

// AppendSummary appends s to dst as one compact JSON value and returns the extended slice. The
// bytes are those json.Encoder with SetEscapeHTML(false) writes for s, without the newline
// Encode adds: the same field order and omitempty rules, the same string escaping and number
// formatting, and Date's own MarshalJSON. A nil s is null.
//
// It exists because the summary view is written once per record of a batch and per request,
// where encoding/json's reflection cost about as much as the rest of the record's output path;
// the tests compare it byte for byte with encoding/json, and fail when a field is added to the
// summary types without being taught here.
//
// A gap figure that JSON cannot carry (NaN, ±Inf) is an error, the *json.UnsupportedValueError
// encoding/json returns; dst is then returned unchanged.
func AppendSummary(dst []byte, s *smetier.Summary) ([]byte, error) {
	if s == nil {
		return append(dst, "null"...), nil
	}
	n := len(dst)
	b, err := appendSummary(dst, s)
	if err != nil {
		return dst[:n], err
	}
	return b, nil
}

func appendSummary(b []byte, s *smetier.Summary) ([]byte, error) {
	b = append(b, '{')
	if s.Enterprise != "" {
		b = appendKey(b, `"enterprise":`)
		b = appendString(b, s.Enterprise)
	}
	if s.CreditCode != "" {
		b = appendKey(b, `"credit_code":`)
		b = appendString(b, s.CreditCode)
	}
	b = appendKey(b, `"region":`)
	b = appendString(b, s.Region)
	b = append(b, `,"as_of":`...)
	b = appendDate(b, s.AsOf)
	if s.Renewal {
		b = append(b, `,"renewal":true`...)
	}
	if s.Size != "" {
		b = append(b, `,"size":`...)
		b = appendString(b, string(s.Size))
	}
	if s.SME != nil {
		b = append(b, `,"sme":`...)
		b = strconv.AppendBool(b, *s.SME)
	}
	b = append(b, `,"rungs":`...)
	if s.Rungs == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range s.Rungs {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendRung(b, &s.Rungs[i])
		}
		b = append(b, ']')
	}
	if s.Highest != "" {
		b = append(b, `,"highest":`...)
		b = appendString(b, s.Highest)
	}
	if s.Next != "" {
		b = append(b, `,"next":`...)
		b = appendString(b, s.Next)
	}
	if len(s.Gaps) > 0 {
		b = append(b, `,"gaps":[`...)
		for i := range s.Gaps {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendGap(b, &s.Gaps[i]); err != nil {
				return b, err
			}
		}
		b = append(b, ']')
	}
	if s.Digest != "" {
		b = append(b, `,"digest":`...)
		b = appendString(b, s.Digest)
	}
	return append(b, '}'), nil
}

func appendRung(b []byte, r *smetier.RungSummary) []byte {
	b = append(b, `{"key":`...)
	b = appendString(b, r.Key)
	if r.Status != "" {
		b = append(b, `,"status":`...)
		b = appendString(b, string(r.Status))
	}
	if r.RuleSet != "" {
		b = append(b, `,"rule_set":`...)
		b = appendString(b, r.RuleSet)
	}
	if r.Held {
		b = append(b, `,"held":true`...)
	}
	b = appendStrings(b, `,"failed":`, r.Failed)
	b = appendStrings(b, `,"judgement":`, r.Judgement)
	b = appendStrings(b, `,"errors":`, r.Errors)
	b = appendStrings(b, `,"missing":`, r.Missing)
	return append(b, '}')
}

func appendGap(b []byte, g *smetier.GapSummary) ([]byte, error) {
	b = append(b, `{"criterion":`...)
	b = appendString(b, g.Criterion)
	if g.Group != 0 {
		b = append(b, `,"group":`...)
		b = strconv.AppendInt(b, int64(g.Group), 10)
	}
	if g.Option != 0 {
		b = append(b, `,"option":`...)
		b = strconv.AppendInt(b, int64(g.Option), 10)
	}
	b = append(b, `,"kind":`...)
	b = appendString(b, string(g.Kind))
	if g.Input != "" {
		b = append(b, `,"input":`...)
		b = appendString(b, g.Input)
	}
	var err error
	for _, f := range [...]struct {
		key string
		v   *float64
	}{{`,"current":`, g.Current}, {`,"required":`, g.Required}, {`,"delta":`, g.Delta}} {
		if f.v != nil {
			b = append(b, f.key...)
			if b, err = appendFloat(b, *f.v); err != nil {
				return b, err
			}
		}
	}
	if g.Unit != "" {
		b = append(b, `,"unit":`...)
		b = appendString(b, g.Unit)
	}
	if g.Official {
		b = append(b, `,"official":true`...)
	}
	b = append(b, `,"message":{`...)
	if g.Message.Zh != "" {
		b = append(b, `"zh":`...)
		b = appendString(b, g.Message.Zh)
	}
	if g.Message.En != "" {
		b = appendKey(b, `"en":`)
		b = appendString(b, g.Message.En)
	}
	return append(b, "}}"...), nil
}

// appendKey appends a member's key, after a comma unless it is the object's first member. It
// is for the members that can come first because those before them may be left out.
func appendKey(b []byte, key string) []byte {
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	return append(b, key...)
}

// appendStrings appends key and ss as an array, unless ss is empty (omitempty).
func appendStrings(b []byte, key string, ss []string) []byte {
	if len(ss) == 0 {
		return b
	}
	b = append(b, key...)
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendDate appends what Date.MarshalJSON writes, without its allocations for the dates a
// summary has (years 0-9999); any other goes through Date.String, which MarshalJSON uses.
func appendDate(b []byte, d smetier.Date) []byte {
	if d.IsZero() {
		return append(b, `""`...)
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		b = append(b, '"')
		b = append(b, d.String()...)
		return append(b, '"')
	}
	y, m := d.Year, int(d.Month)
	return append(b, '"', byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d.Day/10), byte('0'+d.Day%10), '"')
}

// appendFloat formats f as encoding/json does (the ES6 number-to-string rule): 'f' format
// unless the magnitude is below 1e-6 or at least 1e21, then 'e' with a one-digit exponent
// where it has one ("1e-7", not "1e-07").
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, &json.UnsupportedValueError{Value: reflect.ValueOf(f), Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// plain marks the ASCII bytes a JSON string carries as they are when HTML is not escaped.
var plain = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendString appends s quoted as encoding/json does without HTML escaping: \" \\ \b \f \n
// \r \t, other control characters as \u00XX, invalid UTF-8 bytes as \ufffd, and U+2028 and
// U+2029 as \u2028 and \u2029 (for JSONP).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		// Most non-ASCII text is CJK: a three-byte sequence whose lead byte is none of E0
		// (overlong forms), E2 (U+2028, U+2029) and ED (surrogates) is valid exactly when the
		// two bytes after it are continuation bytes.
		if c >= 0xE1 && c <= 0xEC && c != 0xE2 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
