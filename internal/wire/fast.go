package wire

import (
	"encoding/json"
	"reflect"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// fastDecode decodes data into v (a pointer to a zero value of a type with shape s) in one pass,
// for data that meets the strict contract: valid JSON, every key the exact JSON name of a
// field, no key twice in an object, every value of a kind its field holds. It reports false as
// soon as anything is otherwise — or merely unusual (a lone surrogate escape, a string that is
// not valid UTF-8, a type it does not handle) — and the caller then decodes with encoding/json,
// which explains the problem. What it accepts it decodes as json.Unmarshal does: the tests and
// FuzzDecodeProfile compare the two on every input.
//
// Why not json.Unmarshal alone: encoding/json scans the input twice (validation, then
// decoding with a byte-at-a-time state machine), matches keys case-insensitively, and goes
// through reflection per value; for the command line's batches and the HTTP API it was most of
// the cost of a record outside the engine.
func fastDecode(data []byte, v reflect.Value, s *shape) bool {
	d := fastDecoder{b: data}
	d.space()
	if !d.value(v.Elem(), s) {
		return false
	}
	d.space()
	return d.i == len(d.b)
}

type fastDecoder struct {
	b []byte
	i int
}

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

// value decodes the value at d.i into v, whose type without pointers has shape s.
func (d *fastDecoder) value(v reflect.Value, s *shape) bool {
	if d.i >= len(d.b) {
		return false
	}
	if s.text {
		return false // encoding/json decodes strings into it with UnmarshalText
	}
	if d.b[d.i] == 'n' {
		if !d.literal("null") {
			return false
		}
		// json.Unmarshal leaves pointers, maps, slices and scalars alone on null (here: at
		// their zero value), but hands null to a non-pointer Unmarshaler.
		if v.Kind() != reflect.Pointer && s.unmarshaler {
			return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON([]byte("null")) == nil
		}
		return true
	}
	for v.Kind() == reflect.Pointer {
		if v.Type().Elem().Kind() == reflect.Pointer {
			return false // pointers to pointers: left to encoding/json
		}
		p := reflect.New(v.Type().Elem())
		v.Set(p)
		v = p.Elem()
	}
	if s.unmarshaler {
		start := d.i
		if !d.skip() {
			return false
		}
		return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(d.b[start:d.i]) == nil
	}
	switch c := d.b[d.i]; {
	case c == '{' && s.kind == shapeStruct:
		return d.object(v, s)
	case c == '{' && s.kind == shapeMap:
		return d.mapping(v, s)
	case c == '[' && s.kind == shapeList && v.Kind() == reflect.Slice:
		return d.list(v, s.elem)
	case c == '"' && v.Kind() == reflect.String:
		str, ok := d.str()
		if ok {
			v.SetString(str)
		}
		return ok
	case c == 't' && v.Kind() == reflect.Bool:
		v.SetBool(true)
		return d.literal("true")
	case c == 'f' && v.Kind() == reflect.Bool:
		return d.literal("false")
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number(v)
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

// number decodes a JSON number into an integer or float field, as json.Unmarshal does: an
// integer field takes only integers in its range, a float field any number it can hold.
func (d *fastDecoder) number(v reflect.Value) bool {
	start := d.i
	if !d.skipNumber() {
		return false
	}
	text := string(d.b[start:d.i]) // small: does not escape strconv
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil || v.OverflowInt(n) {
			return false
		}
		v.SetInt(n)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(text, v.Type().Bits())
		if err != nil || v.OverflowFloat(f) {
			return false
		}
		v.SetFloat(f)
	default:
		return false
	}
	return true
}

// skipNumber reads a number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *fastDecoder) skipNumber() bool {
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
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	d.i = i
	return true
}

// members reads the members of the object at d.i, calling member with each key (the bytes of a
// key without escapes) with d.i at its value; it reports false on a key given twice, a key
// with escapes, or bad syntax.
func (d *fastDecoder) members(member func(key []byte) bool) bool {
	d.i++ // '{'
	d.space()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return true
	}
	var small [smallObject][]byte
	seen := small[:0]
	for {
		if d.i >= len(d.b) || d.b[d.i] != '"' {
			return false
		}
		key, ok := d.plainString()
		if !ok {
			return false
		}
		if len(seen) == smallObject {
			return false // a large object: encoding/json and the key check handle it
		}
		for _, o := range seen {
			if string(o) == string(key) {
				return false
			}
		}
		seen = append(seen, key)
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			return false
		}
		d.i++
		d.space()
		if !member(key) {
			return false
		}
		d.space()
		if d.i >= len(d.b) {
			return false
		}
		switch d.b[d.i] {
		case ',':
			d.i++
			d.space()
		case '}':
			d.i++
			return true
		default:
			return false
		}
	}
}

func (d *fastDecoder) object(v reflect.Value, s *shape) bool {
	return d.members(func(key []byte) bool {
		f, ok := s.fields[string(key)]
		return ok && !f.quoted && d.value(v.Field(f.index), f.shape)
	})
}

func (d *fastDecoder) mapping(v reflect.Value, s *shape) bool {
	t := v.Type()
	kt := t.Key()
	switch kt.Kind() {
	case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
	default:
		return false
	}
	if kt.Kind() == reflect.String && kt != reflect.TypeFor[string]() {
		return false // a named key type may have its own text decoding: encoding/json's business
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(t)) // {} is an empty map, not nil, as in encoding/json
	}
	elem := reflect.New(t.Elem()).Elem()
	zero := reflect.Zero(t.Elem())
	return d.members(func(key []byte) bool {
		var k reflect.Value
		if kt.Kind() == reflect.String {
			k = reflect.ValueOf(string(key))
		} else {
			n, err := strconv.ParseInt(string(key), 10, 64)
			if err != nil {
				return false
			}
			k = reflect.New(kt).Elem()
			if k.OverflowInt(n) {
				return false
			}
			k.SetInt(n)
		}
		elem.Set(zero)
		if !d.value(elem, s.elem) {
			return false
		}
		v.SetMapIndex(k, elem)
		return true
	})
}

func (d *fastDecoder) list(v reflect.Value, elem *shape) bool {
	d.i++ // '['
	d.space()
	v.Set(reflect.MakeSlice(v.Type(), 0, 0)) // [] is an empty list, not nil
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		return true
	}
	for n := 0; ; n++ {
		v.Grow(1)
		v.SetLen(n + 1)
		if !d.value(v.Index(n), elem) {
			return false
		}
		d.space()
		if d.i >= len(d.b) {
			return false
		}
		switch d.b[d.i] {
		case ',':
			d.i++
			d.space()
		case ']':
			d.i++
			return true
		default:
			return false
		}
	}
}

// plainString reads a string with no escapes and no bytes outside ASCII, the form of every
// key of the contract, and returns its bytes.
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
	if !escaped {
		return string(raw), true
	}
	return unescape(raw)
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

// skip reads over one value, checking its syntax, for a type that decodes it itself.
func (d *fastDecoder) skip() bool {
	if d.i >= len(d.b) {
		return false
	}
	switch c := d.b[d.i]; {
	case c == '"':
		_, ok := d.str()
		return ok
	case c == '-' || (c >= '0' && c <= '9'):
		return d.skipNumber()
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	}
	// Objects and arrays for an Unmarshaler: not in the profile's types; encoding/json's.
	return false
}
