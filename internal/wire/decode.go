package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/closest"
)

// SyntaxError is input that is not JSON at all.
type SyntaxError struct {
	// Offset is the byte offset in the input where the problem was found.
	Offset int64
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// DecodeProfile decodes one profile strictly: data must be a single JSON object, and every key
// must be a profile field. It returns a *SyntaxError for malformed JSON and a
// *smetier.ValidationError (matching smetier.ErrInvalidProfile) naming the path of every
// undeclared key or mistyped value. It does not call Profile.Validate; Classify does.
func DecodeProfile(data []byte) (*smetier.Profile, error) {
	if p, ok := decodeValid(data); ok {
		return p, nil
	}
	return decodeDiagnosed(data)
}

// decodeValid decodes a profile that meets the contract, which almost every profile does:
// with fastDecode in one pass, or, when that leaves the input to encoding/json (escapes it
// does not take, very large objects), with json.Unmarshal (which checks the syntax as it
// decodes) and the key check. It reports false for anything else, which decodeDiagnosed then
// explains; what it accepts is exactly what decodeDiagnosed accepts, decoded the same way
// (json.Unmarshal decodes as Decoder.Decode does, and a key DisallowUnknownFields would reject
// fails the key check).
func decodeValid(data []byte) (*smetier.Profile, bool) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, false
	}
	if p, ok := fastDecode(trimmed); ok {
		return p, true
	}
	p := new(smetier.Profile)
	if json.Unmarshal(data, p) != nil {
		return nil, false
	}
	if strictKeys(trimmed, profileType) != nil {
		return nil, false
	}
	return p, true
}

var profileType = reflect.TypeFor[smetier.Profile]()

// decodeDiagnosed is DecodeProfile's careful path: it names every problem of a profile that
// decodeValid refused.
func decodeDiagnosed(data []byte) (*smetier.Profile, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, &SyntaxError{Msg: "empty input: want a JSON object"}
	}
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, &SyntaxError{Offset: se.Offset, Msg: "invalid JSON: " + strings.TrimPrefix(se.Error(), "json: ")}
		}
		return nil, &SyntaxError{Msg: "invalid JSON"}
	}
	if trimmed[0] != '{' {
		return nil, &smetier.ValidationError{Fields: []*smetier.FieldError{{Path: "", Msg: "a profile must be a JSON object, got " + jsonKind(trimmed)}}}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p smetier.Profile
	err := dec.Decode(&p)
	if err == nil {
		// encoding/json matches keys case-insensitively and keeps the last of duplicate keys:
		// "REGION" or a second "region" would be accepted silently.
		if fields := strictKeys(trimmed, profileType); len(fields) > 0 {
			return nil, &smetier.ValidationError{Fields: fields}
		}
		return &p, nil
	}
	fields := diagnose(json.RawMessage(trimmed), profileType, "")
	if len(fields) == 0 {
		fields = []*smetier.FieldError{{Path: "", Msg: strings.TrimPrefix(err.Error(), "json: ")}}
	}
	return nil, &smetier.ValidationError{Fields: fields}
}

// jsonKind names the kind of the JSON value that raw starts with.
func jsonKind(raw []byte) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

var (
	moneyType = reflect.TypeFor[smetier.Money]()
	dateType  = reflect.TypeFor[smetier.Date]()
)

// want describes the JSON a Go type accepts, for messages.
func want(t reflect.Type) string {
	switch t {
	case moneyType:
		return "an amount in yuan (a number or a decimal string, at most two decimals)"
	case dateType:
		return `a "YYYY-MM-DD" string`
	}
	switch t.Kind() {
	case reflect.Pointer:
		return want(t.Elem())
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// diagnose walks raw against t the way encoding/json decodes it and returns a FieldError for
// every value json would reject, with its path in the profile ("years.2025.rd_expense",
// "ip[0].kind"). raw is valid JSON.
func diagnose(raw json.RawMessage, t reflect.Type, path string) []*smetier.FieldError {
	bad := func(format string, args ...any) []*smetier.FieldError {
		return []*smetier.FieldError{{Path: path, Msg: fmt.Sprintf(format, args...)}}
	}
	isNull := bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
	if u, ok := reflect.New(t).Interface().(json.Unmarshaler); ok && t.Kind() != reflect.Pointer {
		if err := u.UnmarshalJSON(raw); err != nil {
			return bad("%v", err)
		}
		return nil
	}
	if isNull {
		return nil // json leaves the value as it is: nil for pointers, maps and slices
	}
	switch t.Kind() {
	case reflect.Pointer:
		return diagnose(raw, t.Elem(), path)
	case reflect.Struct:
		entries, err := objectEntries(raw)
		if err != nil {
			return bad("want %s, got %s", want(t), jsonKind(raw))
		}
		var out []*smetier.FieldError
		for _, e := range entries {
			f, ok := fieldByName(t, e.key)
			if !ok {
				msg := "unknown field"
				if s := suggest(t, e.key); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				out = append(out, &smetier.FieldError{Path: join(path, e.key), Msg: msg})
				continue
			}
			out = append(out, diagnose(e.val, f.Type, join(path, e.key))...)
		}
		return out
	case reflect.Map:
		entries, err := objectEntries(raw)
		if err != nil {
			return bad("want %s, got %s", want(t), jsonKind(raw))
		}
		var out []*smetier.FieldError
		for _, e := range entries {
			switch t.Key().Kind() {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				if _, err := strconv.ParseInt(e.key, 10, t.Key().Bits()); err != nil {
					out = append(out, &smetier.FieldError{Path: join(path, e.key), Msg: fmt.Sprintf("key %q is not a year (an integer)", e.key)})
					continue
				}
			}
			out = append(out, diagnose(e.val, t.Elem(), join(path, e.key))...)
		}
		return out
	case reflect.Slice:
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return bad("want %s, got %s", want(t), jsonKind(raw))
		}
		var out []*smetier.FieldError
		for i, it := range items {
			out = append(out, diagnose(it, t.Elem(), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	}
	if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) && strings.HasPrefix(ute.Value, "number") && jsonKind(raw) == "a number" && t.Kind() != reflect.String && t.Kind() != reflect.Bool {
			return bad("want %s, got %s", want(t), strings.TrimSpace(string(raw)))
		}
		return bad("want %s, got %s", want(t), jsonKind(raw))
	}
	return nil
}

type entry struct {
	key string
	val json.RawMessage
}

// objectEntries returns the members of a JSON object in order.
func objectEntries(raw json.RawMessage) ([]entry, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not an object")
	}
	var out []entry
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var e entry
		e.key, _ = tok.(string)
		if err := dec.Decode(&e.val); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	_, err = dec.Token()
	if err != nil && err != io.EOF {
		return nil, err
	}
	return out, nil
}

// jsonName returns the JSON name of struct field f, or "" when it is not encoded.
func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name
}

// fieldByName finds the field named key exactly. Unlike encoding/json, a key that matches a
// field only when case is ignored is not that field: the contract is case-sensitive.
func fieldByName(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if n := jsonName(f); n != "" && n == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// suggest returns the field name of t closest to key, when it is close enough to be a typo.
func suggest(t reflect.Type, key string) string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if n := jsonName(t.Field(i)); n != "" {
			names = append(names, n)
		}
	}
	return closest.Name(strings.ToLower(key), names, 3)
}
