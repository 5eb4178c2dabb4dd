package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// The oracle: DecodeProfile as it was before the key check became a byte scan, with the key
// check on json.Decoder.Token. The fast DecodeProfile must accept exactly what it accepted,
// decode it to the same profile, and reject the rest with the same fields and messages.

func oracleDecodeProfile(data []byte) (*smetier.Profile, error) {
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
		if fields := tokenStrictKeys(trimmed, reflect.TypeFor[smetier.Profile]()); len(fields) > 0 {
			return nil, &smetier.ValidationError{Fields: fields}
		}
		return &p, nil
	}
	fields := diagnose(json.RawMessage(trimmed), reflect.TypeFor[smetier.Profile](), "")
	if len(fields) == 0 {
		fields = []*smetier.FieldError{{Path: "", Msg: strings.TrimPrefix(err.Error(), "json: ")}}
	}
	return nil, &smetier.ValidationError{Fields: fields}
}

// tokenStrictKeys walks raw, valid JSON that decoded into t, and reports every key that matched a
// field only by ignoring case, and every key given twice in one object.
func tokenStrictKeys(raw []byte, t reflect.Type) []*smetier.FieldError {
	dec := json.NewDecoder(bytes.NewReader(raw))
	var out []*smetier.FieldError
	var walk func(t reflect.Type, path string) error
	// skip consumes the rest of a value whose first token was tok.
	skip := func(tok json.Token) error {
		d, ok := tok.(json.Delim)
		if !ok || d == '}' || d == ']' {
			return nil
		}
		for depth := 1; depth > 0; {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			switch tok {
			case json.Delim('{'), json.Delim('['):
				depth++
			case json.Delim('}'), json.Delim(']'):
				depth--
			}
		}
		return nil
	}
	walk = func(t reflect.Type, path string) error {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if reflect.PointerTo(t).Implements(unmarshalerType) {
			return skip(tok)
		}
		switch tok {
		case json.Delim('{'):
			if t.Kind() != reflect.Struct && t.Kind() != reflect.Map {
				return skip(tok)
			}
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := kt.(string)
				p := join(path, key)
				if seen[key] {
					out = append(out, &smetier.FieldError{Path: p, Msg: "given more than once"})
				}
				seen[key] = true
				var ft reflect.Type
				if t.Kind() == reflect.Map {
					ft = t.Elem()
				} else if f, ok := fieldByName(t, key); ok {
					ft = f.Type
				} else {
					msg := "unknown field"
					if s := suggest(t, key); s != "" {
						msg += fmt.Sprintf(" (did you mean %q? keys are case-sensitive)", s)
					}
					out = append(out, &smetier.FieldError{Path: p, Msg: msg})
					vt, err := dec.Token()
					if err != nil {
						return err
					}
					if err := skip(vt); err != nil {
						return err
					}
					continue
				}
				if err := walk(ft, p); err != nil {
					return err
				}
			}
			_, err = dec.Token() // '}'
			return err
		case json.Delim('['):
			if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
				return skip(tok)
			}
			for i := 0; dec.More(); i++ {
				if err := walk(t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
			_, err = dec.Token() // ']'
			return err
		}
		return nil
	}
	if err := walk(t, ""); err != nil {
		return []*smetier.FieldError{{Path: "", Msg: err.Error()}}
	}
	return out
}

// sameDecoding fails t unless DecodeProfile and the oracle agree on data.
func sameDecoding(t *testing.T, data []byte) {
	t.Helper()
	got, gotErr := DecodeProfile(data)
	want, wantErr := oracleDecodeProfile(data)
	if !reflect.DeepEqual(gotErr, wantErr) {
		t.Fatalf("%q:\n got error %#v\nwant error %#v", data, describe(gotErr), describe(wantErr))
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: decoded\n%+v\nwant\n%+v", data, got, want)
	}
}

func describe(err error) string {
	var ve *smetier.ValidationError
	if errors.As(err, &ve) {
		var s []string
		for _, f := range ve.Fields {
			s = append(s, fmt.Sprintf("%q: %s", f.Path, f.Msg))
		}
		return strings.Join(s, "; ")
	}
	return fmt.Sprint(err)
}

// strictSeeds are profiles and near-profiles that exercise every rule of the contract: the
// sample profiles, keys in another case, repeated and escaped keys, unknown keys at every
// depth, values of the wrong kind, nulls, white space, and input that is not JSON.
func strictSeeds(tb testing.TB) [][]byte {
	out := sampleProfiles(tb)
	for _, s := range []string{
		`{}`, ` {} `, "\t{\n}\r\n", `{"name": "x", "region": "440305"}`,
		`{"REGION": "440305"}`, `{"Region": "440305", "region": "440305"}`,
		`{"region": "440305", "name": "x", "region": "110101"}`, `{"nam": 1, "nam": 2}`,
		`{"re\u0067ion": "440305"}`, `{"re\u0067ion": "440305", "region": "1"}`, `{"\u0052EGION": "1"}`,
		`{"région": "1"}`, "{\"reg\xffion\": 1}", "{\"\xff\": 1, \"\xfe\": 2}", `{"": 1}`, `{"": 1, "": 2}`,
		`{"years": {"2025": {"employees": 3}, "2025": {"employees": 4}}}`,
		`{"years": {"2025": {"RD_Expense": 5}}, "ip": [{"Kind": "utility_model"}]}`,
		`{"years": {"2025": {"rd_expense": 5, "rd_expense": 6}}}`, `{"years": {"02025": {}, "2025": {}}}`,
		`{"segment": {"since": "2020-01-01", "since": "2021-01-01"}}`, `{"segment": {"SINCE": "2020-01-01"}}`,
		`{"segment": null, "ip": null, "years": null, "established": null}`,
		`{"ip": [{"kind": "utility_model"}, {"kind": "utility_model", "KIND": "x"}]}`,
		`{"ip": [[{"Kind": 1}]], "awards": [{}, {"name": "a", "name": "b"}]}`,
		`{"financing": [{"date": "2025-01-02", "amount": {"x": 1, "x": 2}}]}`,
		`{"established": {"Year": 1}}`, `{"name": {"a": 1, "a": 1}}`, `{"segment": [{"a": 1}]}`,
		`{"evaluation_scores": {"2026": 60, "2026": 61}}`, `{"evaluation_scores": {"this year": 60}}`,
		`{"compliance": {"incidents": [{"kind": "x", "Date": "2025-01-01"}]}}`,
		`{"group": {"little_giant_control": true, "Little_Giant_Control": false}}`,
		`{"titles": [{"kind": "little_giant", "issued": "2026-01-01", "Issued": "2026-01-01"}]}`,
		`{"Name": "x", "digital_level": 2.5}`, `{"nam": "x"}`, `{"digital_level": 2.5, "digital_level": 3}`,
		`{"name": "a\"b\\", "credit_code": "\u0031"}`, `{"name": "}{][,:"}`,
		`{"a": [1, {"b": [2, 3]}, "x"], "b": -1.5e3, "c": true, "d": false, "e": null}`,
		`[]`, `["x"]`, `null`, `5`, `"x"`, ``, ` `, `{`, `{"a": 1,}`, `{} {}`, `{"a": 1} x`, "\xff",
		"{\n\"a\": 1,\n}", `{"name": "x"`, `{"name" "x"}`,
	} {
		out = append(out, []byte(s))
	}
	var many strings.Builder
	many.WriteString(`{"evaluation_scores": {`)
	for i := range 100 {
		fmt.Fprintf(&many, `"%d": 1, `, 2000+i%70)
	}
	many.WriteString(`"2001": 2}}`)
	out = append(out, []byte(many.String()))
	return out
}

// sampleProfiles are the profiles of testdata/profiles, places included.
func sampleProfiles(tb testing.TB) [][]byte {
	var out [][]byte
	files, _ := filepath.Glob("../../testdata/profiles/*.json")
	more, _ := filepath.Glob("../../testdata/profiles/*/*.json")
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		require.NoError(tb, err)
		out = append(out, b)
	}
	require.NotEmpty(tb, out)
	return out
}

func TestStrictKeysMatchesOracle(t *testing.T) {
	for _, data := range strictSeeds(t) {
		sameDecoding(t, data)
		fastMatchesUnmarshal(t, data)
		if json.Valid(data) {
			assert.Equal(t, tokenStrictKeys(bytes.TrimLeft(data, " \t\r\n"), profileType),
				strictKeys(bytes.TrimLeft(data, " \t\r\n"), profileType), "%s", data)
		}
	}
}

// FuzzDecodeProfile checks DecodeProfile against the oracle on arbitrary input: the same
// profile, or the same error with the same fields and messages.
//
//	go test ./internal/wire -run '^$' -fuzz FuzzDecodeProfile -fuzztime 30s
func FuzzDecodeProfile(f *testing.F) {
	for _, s := range strictSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameDecoding(t, data)
		fastMatchesUnmarshal(t, data)
		if json.Valid(data) {
			// The key check alone, also on JSON that is not a profile.
			trimmed := bytes.TrimLeft(data, " \t\r\n")
			if got, want := strictKeys(trimmed, profileType), tokenStrictKeys(trimmed, profileType); !reflect.DeepEqual(got, want) {
				t.Fatalf("%q: key check\n got %v\nwant %v", data, got, want)
			}
		}
	})
}

// TestShapesAreEncodingJSONs checks what the key check assumes of the profile's types: the JSON
// name of a field is its tag or Go name, with no embedded structs (whose fields encoding/json
// promotes) and no name given twice (which encoding/json would drop).
func TestShapesAreEncodingJSONs(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Map || rt.Kind() == reflect.Array {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] || reflect.PointerTo(rt).Implements(unmarshalerType) {
			return // an Unmarshaler reads its JSON itself
		}
		seen[rt] = true
		names := map[string]bool{}
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			assert.False(t, f.Anonymous, "%s.%s is embedded", rt, f.Name)
			if n := jsonName(f); n != "" {
				assert.False(t, names[n], "%s: JSON name %q twice", rt, n)
				names[n] = true
				assert.NotNil(t, shapeOf(rt).fields[n], "%s.%s", rt, f.Name)
			}
			walk(f.Type)
		}
		assert.Len(t, shapeOf(rt).fields, len(names), "%s", rt)
	}
	walk(profileType)
	assert.Greater(t, len(seen), 10)
}
