package jsonschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

const checkedIn = "../../testdata/profile.schema.json"

// TestProfileSchemaUpToDate keeps the checked-in copy in sync with the Go types. Run with
// -update to rewrite it.
func TestProfileSchemaUpToDate(t *testing.T) {
	got := Profile()
	if *update {
		require.NoError(t, os.WriteFile(checkedIn, got, 0o644))
		return
	}
	have, err := os.ReadFile(checkedIn)
	require.NoError(t, err)
	require.Equal(t, string(have), string(got), "%s is stale: run go test ./internal/jsonschema -run TestProfileSchemaUpToDate -update", checkedIn)
}

// validator checks a JSON value against the subset of draft 2020-12 this package writes.
type validator struct {
	root map[string]any
}

func decodeJSON(t testing.TB, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v))
	return v
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if !strings.ContainsAny(x.String(), ".eE") {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func (val *validator) check(s any, v any, path string) []string {
	sm, ok := s.(map[string]any)
	if !ok {
		if s == false {
			return []string{path + ": not allowed"}
		}
		return nil
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	if ref, ok := sm["$ref"].(string); ok {
		def := val.root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")]
		if def == nil {
			fail("unresolved $ref %s", ref)
		} else {
			errs = append(errs, val.check(def, v, path)...)
		}
	}
	if anyOf, ok := sm["anyOf"].([]any); ok {
		matched := false
		var why []string
		for _, alt := range anyOf {
			e := val.check(alt, v, path)
			if len(e) == 0 {
				matched = true
				break
			}
			why = append(why, e...)
		}
		if !matched {
			fail("matches no alternative (%s)", strings.Join(why, " | "))
		}
	}
	if ty, ok := sm["type"]; ok {
		var types []string
		switch x := ty.(type) {
		case string:
			types = []string{x}
		case []any:
			for _, e := range x {
				types = append(types, e.(string))
			}
		}
		got := jsonType(v)
		okType := false
		for _, w := range types {
			if w == got || (w == "number" && got == "integer") {
				okType = true
			}
		}
		if !okType {
			fail("want %v, got %s", types, got)
			return errs
		}
	}
	if enum, ok := sm["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			if e == v {
				found = true
			}
		}
		if !found {
			fail("%v is not one of %v", v, enum)
		}
	}
	if p, ok := sm["pattern"].(string); ok {
		if s, isStr := v.(string); isStr && !regexp.MustCompile(p).MatchString(s) {
			fail("%q does not match %s", s, p)
		}
	}
	if n, isNum := v.(json.Number); isNum {
		f, _ := n.Float64()
		if m, ok := sm["minimum"].(json.Number); ok {
			if lo, _ := m.Float64(); f < lo {
				fail("%v is below the minimum %v", n, m)
			}
		}
		if m, ok := sm["maximum"].(json.Number); ok {
			if hi, _ := m.Float64(); f > hi {
				fail("%v is above the maximum %v", n, m)
			}
		}
	}
	if obj, isObj := v.(map[string]any); isObj {
		props, _ := sm["properties"].(map[string]any)
		for _, r := range asStrings(sm["required"]) {
			if _, ok := obj[r]; !ok {
				fail("missing required property %q", r)
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if pn, ok := sm["propertyNames"]; ok {
				errs = append(errs, val.check(pn, k, path+"."+k+" (name)")...)
			}
			if ps, ok := props[k]; ok {
				errs = append(errs, val.check(ps, obj[k], join(path, k))...)
			} else if ap, ok := sm["additionalProperties"]; ok {
				if ap == false {
					fail("property %q is not declared", k)
				} else {
					errs = append(errs, val.check(ap, obj[k], join(path, k))...)
				}
			}
		}
	}
	if arr, isArr := v.([]any); isArr {
		if items, ok := sm["items"]; ok {
			for i, e := range arr {
				errs = append(errs, val.check(items, e, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	}
	return errs
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func asStrings(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, e := range l {
			out = append(out, e.(string))
		}
	}
	return out
}

func profileValidator(t testing.TB) *validator {
	root := decodeJSON(t, Profile()).(map[string]any)
	return &validator{root: root}
}

func (val *validator) validate(t testing.TB, doc []byte) []string {
	return val.check(val.root, decodeJSON(t, doc), "")
}

func TestSchemaShape(t *testing.T) {
	val := profileValidator(t)
	root := val.root
	assert.Equal(t, Draft, root["$schema"])
	assert.Equal(t, "object", root["type"])
	assert.Equal(t, false, root["additionalProperties"])
	defs := root["$defs"].(map[string]any)
	for _, name := range []string{"Money", "Date", "FiscalYear", "IPRight", "Award", "RDInstitution", "Certification",
		"Financing", "Segment", "MainProduct", "Title", "Compliance", "Incident",
		"IPKind", "Level", "AwardKind", "CertKind", "TitleKind", "IncidentKind", "Standard", "StandardLevel"} {
		assert.Contains(t, defs, name)
	}
	// Enums come from the constants of each type.
	ipKinds := asAnyStrings(defs["IPKind"].(map[string]any)["enum"])
	for _, k := range []smetier.IPKind{smetier.InventionPatent, smetier.UtilityModel, smetier.SoftwareCopyright, smetier.ICLayout} {
		assert.Contains(t, ipKinds, string(k))
	}
	for _, k := range ipKinds {
		assert.NotZero(t, smetier.IPKind(k).Class(), "every IPKind in the schema has a class: %s", k)
	}
	assert.ElementsMatch(t, []string{"national", "provincial", "municipal", "district"}, asAnyStrings(defs["Level"].(map[string]any)["enum"]))
	assert.ElementsMatch(t, []string{"safety", "quality", "environment", "tax_evasion", "data_fraud"}, asAnyStrings(defs["IncidentKind"].(map[string]any)["enum"]))
	// Pointers are optional and nullable; non-pointer fields without omitempty are required.
	props := root["properties"].(map[string]any)
	assert.Equal(t, []any{"integer", "null"}, props["digital_level"].(map[string]any)["type"])
	assert.NotContains(t, asStrings(root["required"]), "name")
	assert.ElementsMatch(t, []string{"kind", "issued"}, asStrings(defs["Title"].(map[string]any)["required"]))
	assert.ElementsMatch(t, []string{"date", "amount"}, asStrings(defs["Financing"].(map[string]any)["required"]))
	// Maps are keyed by year.
	years := props["years"].(map[string]any)
	assert.Equal(t, "^[0-9]{4}$", years["propertyNames"].(map[string]any)["pattern"])
	assert.Equal(t, "#/$defs/FiscalYear", years["additionalProperties"].(map[string]any)["$ref"])
	// Descriptions come from the doc comments.
	assert.Contains(t, props["region"].(map[string]any)["description"], "GB/T 2260")
	// Properties keep struct order.
	assert.Less(t, bytes.Index(Profile(), []byte(`"name"`)), bytes.Index(Profile(), []byte(`"evaluation_scores"`)))
	// Every $ref resolves.
	for _, m := range regexp.MustCompile(`"\$ref": "#/\$defs/(\w+)"`).FindAllSubmatch(Profile(), -1) {
		assert.Contains(t, defs, string(m[1]))
	}
}

func asAnyStrings(v any) []string { return asStrings(v) }

// TestSampleProfilesMatchSchema validates every sample profile against the schema. With
// additionalProperties false on every object, it also proves that every key the samples use is
// declared.
func TestSampleProfilesMatchSchema(t *testing.T) {
	val := profileValidator(t)
	files, err := filepath.Glob("../../testdata/profiles/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Empty(t, val.validate(t, b), f)
		var keys []string
		collectKeys(decodeJSON(t, b), "", &keys)
		require.NotEmpty(t, keys)
	}
}

func collectKeys(v any, path string, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			*out = append(*out, join(path, k))
			collectKeys(e, join(path, k), out)
		}
	case []any:
		for _, e := range x {
			collectKeys(e, path+"[]", out)
		}
	}
}

// fill sets every field of v, recursively, to a valid non-zero value.
func fill(v reflect.Value) {
	t := v.Type()
	switch t {
	case reflect.TypeFor[smetier.Money]():
		v.Set(reflect.ValueOf(smetier.Money(123456)))
		return
	case reflect.TypeFor[smetier.Date]():
		v.Set(reflect.ValueOf(smetier.NewDate(2024, time.March, 1)))
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(t.Elem()))
		fill(v.Elem())
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if t.Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(t, 1, 1))
		fill(v.Index(0))
	case reflect.Map:
		v.Set(reflect.MakeMap(t))
		e := reflect.New(t.Elem()).Elem()
		fill(e)
		v.SetMapIndex(reflect.ValueOf(2025), e)
	case reflect.String:
		if vals, ok := enums[t.Name()]; ok && t.PkgPath() != "" {
			v.SetString(vals[0].Value)
		} else {
			v.SetString("x")
		}
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(2)
	case reflect.Float64:
		v.SetFloat(math.Pi)
	}
}

// A title kind is a built-in kind or a local program's id, which only the engine's catalog can
// check: the schema accepts the shape.
func TestSchemaTitleKinds(t *testing.T) {
	val := profileValidator(t)
	for _, k := range []string{"little_giant", "tech_sme", "sd_gazelle", "wuhan_pool2"} {
		doc := `{"titles": [{"kind": "` + k + `", "issued": "2025-01-01"}]}`
		assert.Empty(t, val.validate(t, []byte(doc)), k)
	}
	defs := val.root["$defs"].(map[string]any)
	alts := defs["TitleKind"].(map[string]any)["anyOf"].([]any)
	assert.ElementsMatch(t, []string{"tech_sme", "innovative_sme", "specialized_sme", "little_giant", "champion"},
		asAnyStrings(alts[0].(map[string]any)["enum"]), "the built-in kinds stay listed for forms")
}

// TestEveryGoFieldIsInSchema marshals a profile with every field set and validates it: whatever
// the Go types can produce, the schema accepts.
func TestEveryGoFieldIsInSchema(t *testing.T) {
	var p smetier.Profile
	fill(reflect.ValueOf(&p).Elem())
	p.Region, p.Industry, p.CreditCode = "440305", "C3812", "91440300MA5F0XKQ86"
	p.Awards[0].Year, p.Standards[0].Year = 2024, 2020
	p.Judgements[0].Criterion = "specialized_sme/market.position"
	b, err := json.Marshal(&p)
	require.NoError(t, err)
	assert.Empty(t, profileValidator(t).validate(t, b), string(b))
}

// TestSchemaRejects checks that the schema and Go decoding with Validate agree on bad input.
func TestSchemaRejects(t *testing.T) {
	val := profileValidator(t)
	for name, tc := range map[string]struct{ doc, path string }{
		"unknown key":      {`{"years": {"2025": {"rd_expence": 1}}}`, "years.2025"},
		"money decimals":   {`{"years": {"2025": {"rd_expense": "12.345"}}}`, "years.2025.rd_expense"},
		"date format":      {`{"established": "2025/01/01"}`, "established"},
		"ip kind":          {`{"ip": [{"kind": "patent"}]}`, "ip[0].kind"},
		"year key":         {`{"years": {"FY2025": {}}}`, "years.FY2025 (name)"},
		"digital level":    {`{"digital_level": 5}`, "digital_level"},
		"region":           {`{"region": "44030"}`, "region"},
		"title needs date": {`{"titles": [{"kind": "little_giant"}]}`, "titles[0]"},
		"title kind shape": {`{"titles": [{"kind": "Gazelle-2023", "issued": "2025-01-01"}]}`, "titles[0].kind"},
		"share range":      {`{"segment": {"market_share_pct": 120}}`, "segment.market_share_pct"},
		"negative revenue": {`{"years": {"2025": {"operating_revenue": -1}}}`, "years.2025.operating_revenue"},
		"negative string":  {`{"years": {"2025": {"rd_expense": "-0.5"}}}`, "years.2025.rd_expense"},
		"negative equity":  {`{"financing": [{"date": "2025-01-01", "amount": -5000000}]}`, "financing[0].amount"},
	} {
		t.Run(name, func(t *testing.T) {
			errs := val.validate(t, []byte(tc.doc))
			require.NotEmpty(t, errs)
			assert.Contains(t, errs[0], tc.path+":", "%v", errs)

			var p smetier.Profile
			dec := json.NewDecoder(strings.NewReader(tc.doc))
			dec.DisallowUnknownFields()
			err := dec.Decode(&p)
			if err == nil {
				err = p.Validate()
			}
			assert.Error(t, err, "Go accepts what the schema rejects")
		})
	}
}

type selfEncoded struct{}

func (selfEncoded) MarshalJSON() ([]byte, error) { return []byte(`1`), nil }

type color string

func TestGeneratorErrors(t *testing.T) {
	g := &Generator{}
	_, err := g.Generate(reflect.TypeFor[struct{ X selfEncoded }]())
	assert.ErrorContains(t, err, "register its schema")
	_, err = g.Generate(reflect.TypeFor[struct{ C color }]())
	assert.ErrorContains(t, err, "register its values")
	g = &Generator{Field: map[string]func(*Schema){"Nope.X": func(*Schema) {}}}
	_, err = g.Generate(reflect.TypeFor[struct{ X int }]())
	assert.ErrorContains(t, err, "names no field")
	_, err = (&Generator{}).Generate(reflect.TypeFor[struct{ F func() }]())
	assert.Error(t, err)

	// A registered enum type becomes a $def; tags and embedded structs follow encoding/json.
	type Inner struct {
		A int `json:"a"`
	}
	type Outer struct {
		Inner
		C    color `json:"c,omitempty"`
		Skip int   `json:"-"`
		N    *int
	}
	g = &Generator{Types: map[reflect.Type]*Schema{reflect.TypeFor[color](): {Type: Types{"string"}, Enum: []string{"red"}}}}
	s, err := g.Generate(reflect.TypeFor[Outer]())
	require.NoError(t, err)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Outer","type":"object",
		"properties":{"a":{"type":"integer"},"c":{"$ref":"#/$defs/color"},"N":{"type":["integer","null"]}},
		"required":["a"],"additionalProperties":false,"$defs":{"color":{"type":"string","enum":["red"]}}}`, string(b))
}

// TestSchemaSigns: the amounts Validate requires to be non-negative are so in the schema; a loss
// (net profit) may be negative in both.
func TestSchemaSigns(t *testing.T) {
	val := profileValidator(t)
	for _, doc := range []string{
		`{"years": {"2025": {"net_profit": -1200000, "operating_revenue": 0, "main_revenue": "0.00", "rd_expense": "+12.5"}}}`,
		`{"years": {"2025": {"net_profit": "-1200000.5", "total_assets": null}}}`,
		`{"financing": [{"date": "2025-01-01", "amount": 0}]}`,
	} {
		assert.Empty(t, val.validate(t, []byte(doc)), doc)
		var p smetier.Profile
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&p), doc)
		assert.NoError(t, p.Validate(), doc)
	}
}
