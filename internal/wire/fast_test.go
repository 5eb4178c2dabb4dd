package wire

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// fastMatchesUnmarshal fails t when fastDecode accepts data but json.Unmarshal decodes it
// otherwise, or the key check would have refused it. It reports whether fastDecode accepted.
func fastMatchesUnmarshal(t *testing.T, data []byte) bool {
	t.Helper()
	got, ok := fastDecode(data)
	if !ok {
		return false
	}
	want := new(smetier.Profile)
	if err := json.Unmarshal(data, want); err != nil {
		t.Fatalf("%q: fastDecode accepted what json.Unmarshal rejects: %v", data, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: fastDecode gave\n%+v\njson.Unmarshal\n%+v", data, got, want)
	}
	if fe := strictKeys(bytes.TrimLeft(data, " \t\r\n"), profileType); fe != nil {
		t.Fatalf("%q: fastDecode accepted keys the contract refuses: %v", data, fe)
	}
	return true
}

// TestFastDecodeSamples: every sample profile, as a file and as a JSON Lines record, takes the
// one-pass path (otherwise the speed is lost without any test failing).
func TestFastDecodeSamples(t *testing.T) {
	for _, data := range sampleProfiles(t) {
		var line bytes.Buffer
		require.NoError(t, json.Compact(&line, data))
		for _, in := range [][]byte{data, line.Bytes()} {
			assert.True(t, fastMatchesUnmarshal(t, in), "%.80s", in)
		}
	}
}

func TestFastDecode(t *testing.T) {
	for _, tc := range []struct {
		in   string
		fast bool // taken by the one-pass path; else left to encoding/json
	}{
		{`{}`, true},
		{` {"name": "深圳 \"精密\" \\ \/ \b\f\n\r\t \u00e9\u6df1 \ud83d\ude00"} `, true},
		{`{"name": "\ud83d"}`, false},       // lone surrogate: U+FFFD in encoding/json
		{`{"name": "\ud83d\u0041"}`, false}, // not a pair
		{"{\"name\": \"\xff\"}", false},     // not UTF-8
		{`{"name": "a\x"}`, false},
		{`{"region": "1", "years": {}, "ip": [], "awards": null, "segment": null, "established": null}`, true},
		{`{"years": {"2025": {"employees": 3, "rd_expense": "12.50", "net_profit": -1}, "2024": {"employees": 0}}}`, true},
		{`{"years": {"2025": {"employees": 1.0}}}`, false},
		{`{"years": {"2025": {"employees": 1e2}}}`, false},
		{`{"years": {"2025": {"employees": 99999999999999999999}}}`, false},
		{`{"years": {"x": {}}}`, false},
		{`{"years": {"02025": {}, "2025": {"employees": 1}}}`, true}, // one year, as encoding/json
		{`{"years": {"2025": {}, "2025": {}}}`, false},
		{`{"evaluation_scores": {"2026": 60.5, "2025": -0, "2024": 1E+2, "2023": 0.5e-1}}`, true},
		{`{"evaluation_scores": {"2026": 1e999}}`, false},
		{`{"evaluation_scores": {"2026": 01}}`, false},
		{`{"evaluation_scores": {"2026": -}}`, false},
		{`{"evaluation_scores": {"2026": 1.}}`, false},
		{`{"mainland_legal_person": true, "digital_level": 3}`, true},
		{`{"mainland_legal_person": false}`, true},
		{`{"mainland_legal_person": tru}`, false},
		{`{"mainland_legal_person": 1}`, false},
		{`{"financing": [{"date": "2025-01-02", "amount": 5}, {"date": null, "amount": null}]}`, true},
		{`{"financing": [{"date": "2025-02-30", "amount": 5}]}`, false},
		{`{"financing": [{"date": "2025-01-02", "amount": {}}]}`, false},
		{`{"ip": [{"kind": "utility_model", "granted": "2021-01-01", "owner_rank": 1, "main_product": true}]}`, true},
		{`{"ip": [{"kind": 1}]}`, false},
		{`{"ip": {}}`, false},
		{`{"segment": []}`, false},
		{`{"name": 5}`, false},
		{`{"REGION": "1"}`, false},
		{`{"region": "1", "region": "1"}`, false},
		{`{"re\u0067ion": "1"}`, false},
		{`{"nam": "x"}`, false},
		{`{"name": "x",}`, false},
		{`{"name": "x"} {}`, false},
		{`{"name": "x"`, false},
		{`{"name" "x"}`, false},
		{`{"name": "x" "region": "1"}`, false},
		{`{"ip": [{}, ]}`, false},
		{`{"ip": [{} {}]}`, false},
		{`{"titles": [{"kind": "little_giant", "issued": "2026-01-01", "expires": "2029-01-01", "revoked": false}]}`, true},
	} {
		assert.Equal(t, tc.fast, fastMatchesUnmarshal(t, []byte(tc.in)), "%s", tc.in)
		sameDecoding(t, []byte(tc.in))
	}
	var big strings.Builder
	big.WriteString(`{"evaluation_scores": {`)
	for i := range smallObject + 1 {
		if i > 0 {
			big.WriteString(", ")
		}
		big.WriteString(`"` + string(rune('0'+i/10)) + string(rune('0'+i%10)) + `": 1`)
	}
	big.WriteString(`}}`)
	assert.False(t, fastMatchesUnmarshal(t, []byte(big.String())), "a large object is left to encoding/json")
	p, err := DecodeProfile([]byte(big.String()))
	require.NoError(t, err)
	assert.Len(t, p.EvaluationScores, smallObject+1)
}

// TestFastDecodeEveryField: the one-pass decoder knows every field of every type of the
// profile. It is written for those types, so a field added to them and not to fast.go would
// still decode (through encoding/json) but lose the speed without any other test failing.
// Each case is a profile with one field set, to each kind of value its type takes.
func TestFastDecodeEveryField(t *testing.T) {
	cases := fieldExamples(profileType, 0)
	require.Greater(t, len(cases), 80)
	for _, c := range cases {
		if c.json == "null" {
			continue // not a profile
		}
		data := []byte(c.json)
		assert.True(t, fastMatchesUnmarshal(t, data), "%s: the one-pass decoder does not take %s (a field missing from fast.go?)", c.path, data)
		sameDecoding(t, data)
	}
}

type fieldExample struct{ path, json string }

// fieldExamples returns a JSON value of type t for each field that t holds, at any depth,
// with that field set and nothing else; for a type without fields, its values, null included.
func fieldExamples(t reflect.Type, depth int) []fieldExample {
	if depth > 8 {
		panic("fieldExamples: " + t.String() + " is too deep; is it recursive?")
	}
	switch t {
	case moneyType:
		return []fieldExample{{"", `"1234.5"`}, {"", `12`}, {"", `" 0.05 "`}, {"", `-7.25`}, {"", `null`}}
	case dateType:
		return []fieldExample{{"", `"2025-01-02"`}, {"", `""`}, {"", `null`}}
	}
	var out []fieldExample
	switch t.Kind() {
	case reflect.Pointer:
		return fieldExamples(t.Elem(), depth+1)
	case reflect.Struct:
		for i := range t.NumField() {
			name := jsonName(t.Field(i))
			if name == "" {
				continue
			}
			for _, e := range fieldExamples(t.Field(i).Type, depth+1) {
				out = append(out, fieldExample{join(name, e.path), `{"` + name + `": ` + e.json + `}`})
			}
		}
		out = append(out, fieldExample{"", `{}`}, fieldExample{"", `null`})
	case reflect.Slice:
		for _, e := range fieldExamples(t.Elem(), depth+1) {
			out = append(out, fieldExample{"[0]" + strings.TrimPrefix("."+e.path, "."), `[` + e.json + `]`})
		}
		out = append(out, fieldExample{"", `[]`}, fieldExample{"", `null`})
	case reflect.Map:
		for _, e := range fieldExamples(t.Elem(), depth+1) {
			out = append(out, fieldExample{join("2025", e.path), `{"2025": ` + e.json + `}`})
		}
		out = append(out, fieldExample{"", `{}`}, fieldExample{"", `null`})
	case reflect.String:
		out = append(out, fieldExample{"", `"深圳 \"x\" \u00e9"`}, fieldExample{"", `""`})
	case reflect.Int:
		out = append(out, fieldExample{"", `7`}, fieldExample{"", `-1`})
	case reflect.Bool:
		out = append(out, fieldExample{"", `true`}, fieldExample{"", `false`})
	case reflect.Float64:
		out = append(out, fieldExample{"", `1.5`}, fieldExample{"", `-2e3`})
	default:
		panic("fieldExamples: no example of " + t.String())
	}
	if t.Kind() != reflect.Struct && t.Kind() != reflect.Slice && t.Kind() != reflect.Map {
		out = append(out, fieldExample{"", `null`})
	}
	return out
}

// TestDecodeMutatedSamples compares DecodeProfile with the oracle, and the one-pass decoder
// with json.Unmarshal, on the sample profiles as JSON Lines records with one thing changed:
// a scalar value replaced by a value of another kind or an edge value (each value one
// replacement, in turn), a key in another case or a member given twice (each key one of the
// two, in turn), a byte of structure removed (every fifth). Under -short and the race
// detector, a quarter of them.
func TestDecodeMutatedSamples(t *testing.T) {
	replacements := []string{`null`, `""`, `"x"`, `0`, `-1`, `1.5`, `1e3`, `true`, `[]`, `{}`, `"2025-02-30"`,
		`"12.345"`, `99999999999999999999`, `"\u0031"`, `-0`, `"  3 "`, `"2025-01-02"`, `false`, `"12.5"`}
	n, k := 0, 0
	for _, sample := range sampleProfiles(t) {
		var line bytes.Buffer
		require.NoError(t, json.Compact(&line, sample))
		data := line.Bytes()
		check := func(mutated []byte) {
			t.Helper()
			if (raceEnabled || testing.Short()) && k%4 != 0 {
				return // a quarter of them
			}
			n++
			sameDecoding(t, mutated)
			fastMatchesUnmarshal(t, mutated)
		}
		splice := func(start, end int, with string) []byte {
			return append(append(append([]byte{}, data[:start]...), with...), data[end:]...)
		}
		for i := 0; i < len(data); i++ {
			switch c := data[i]; {
			case c == '"' || c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f' || c == 'n':
				end := valueEnd(data, i)
				k++
				switch {
				case end < len(data) && data[end] == ':' && k%2 == 0: // a key
					check(splice(i+1, i+2, strings.ToUpper(string(data[i+1]))))
				case end < len(data) && data[end] == ':':
					if v := valueEnd(data, end+1); v > 0 {
						member := string(data[i:v])
						check(splice(i, v, member+","+member))
					}
				default:
					check(splice(i, end, replacements[k%len(replacements)]))
				}
				i = end - 1
			case c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':':
				if i%5 == 0 {
					check(splice(i, i+1, ""))
				}
			}
		}
	}
	t.Logf("%d mutated profiles", n)
}

// valueEnd returns the end of the scalar value starting at data[i], or 0 for an object or
// array.
func valueEnd(data []byte, i int) int {
	switch data[i] {
	case '{', '[':
		return 0
	case '"':
		for j := i + 1; j < len(data); j++ {
			switch data[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(data)
	}
	j := i
	for j < len(data) && !strings.ContainsRune(",}]", rune(data[j])) {
		j++
	}
	return j
}

// TestStringValues: the first scan collects the string values, not the keys, as written, in
// order, whatever the escapes and white space around them.
func TestStringValues(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{`{}`, ``},
		{`{"a": "x", "b": ["y", 1, "z"], "c": {"d": ""}}`, `xyz`},
		{`{"a" : "x" , "b"` + "\n\t:" + `"y"}`, `xy`},
		{`{"k\"": "v\"", "k\\": "v\\"}`, `v\"v\\`},
		{`{"a": "\\\"", "b": "\\\\"}`, `\\\"\\\\`},
		{`{"a": ":", "b": "\":"}`, `:\":`},
		{`["a", "b":]`, `a`},
		{`{"a": "unterminated`, ``},
	} {
		assert.Equal(t, tc.want, string(stringValues([]byte(tc.in), nil)), "%s", tc.in)
	}
}

// TestFastDecodeLongStrings: strings beyond the first scan's stack buffer, and escaped ones,
// take the one-pass path too.
func TestFastDecodeLongStrings(t *testing.T) {
	long := strings.Repeat("精密轴承", 400) // 4,800 bytes
	for _, in := range []string{
		`{"name": "` + long + `", "region": "320505", "ip": [{"number": "` + long + `", "kind": "utility_model"}]}`,
		`{"name": "a\"b", "industry": "` + long + `\n", "segment": {"name": "\u6df1\\"}, "established": "2020-01-02"}`,
		`{"years": {"2025": {"rd_expense": "  12.5 "}}, "name": "x", "credit_code": "\"", "region": "1"}`,
	} {
		assert.True(t, fastMatchesUnmarshal(t, []byte(in)), "%.60s", in)
		sameDecoding(t, []byte(in))
	}
}

// TestFastDecodeAllocations keeps the decoding of a sample profile from allocating per value
// again: a string, a list element, a map entry or an amount each costing an allocation of its
// own would multiply this many times.
func TestFastDecodeAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, data := range sampleProfiles(t) {
		allocs := testing.AllocsPerRun(20, func() {
			if _, ok := fastDecode(data); !ok {
				t.Fatal("not taken")
			}
		})
		// 9 to 23 today: the profile, the strings, the lists, the maps, the slabs.
		assert.LessOrEqual(t, allocs, 30.0, "%.60s", data)
	}
}
