package jsonschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/smetier/smetier"
)

// enumValue is one value of a string enum with its doc comment.
type enumValue struct {
	Value, Doc string
}

func ptr(f float64) *float64 { return &f }

func bounds(lo, hi *float64) func(*Schema) {
	return func(s *Schema) { setBounds(s, lo, hi) }
}

// setBounds sets minimum and maximum on s, or on the schemas of a map's values.
func setBounds(s *Schema, lo, hi *float64) {
	if m, ok := s.AdditionalProperties.(*Schema); ok {
		c := *m
		c.Minimum, c.Maximum = lo, hi
		s.AdditionalProperties = &c
		return
	}
	s.Minimum, s.Maximum = lo, hi
}

func pattern(p string) func(*Schema) { return func(s *Schema) { s.Pattern = p } }

// nonNegative says that an amount (a Money, given as a number or a decimal string) may not be
// negative, as Validate requires of revenues, assets and the like: minimum applies to the
// number, pattern to the string; neither touches null. A net profit, which may be a loss, keeps
// the plain Money.
func nonNegative(s *Schema) {
	s.Minimum = ptr(0)
	s.Pattern = `^[^-]`
}

// yearKeys says that a map is keyed by fiscal year.
func yearKeys(s *Schema) {
	s.PropertyNames = &Schema{Pattern: "^[0-9]{4}$", Description: "a year, e.g. \"2025\""}
}

// ProfileGenerator returns the generator for smetier.Profile: Money, Date and the string enums
// as $defs, doc comments as descriptions, and the formats and ranges Profile.Validate checks.
func ProfileGenerator() *Generator {
	types := map[reflect.Type]*Schema{
		reflect.TypeFor[smetier.Money](): {
			Description: "An exact amount in yuan with at most two decimals (fen), as a JSON number or a string holding one, e.g. 15000000 or \"12345.67\". Exponents and more decimals are rejected; amounts are never rounded through floating point.",
			AnyOf: []*Schema{
				{Type: Types{"number"}},
				{Type: Types{"string"}, Pattern: `^[+-]?[0-9]+(\.[0-9]{1,2})?$`},
			},
			Examples: []any{15000000, "12345.67"},
		},
		reflect.TypeFor[smetier.Date](): {
			Description: "A calendar date \"YYYY-MM-DD\" (no time, no zone); it must exist (2025-02-30 is rejected).",
			Type:        Types{"string"},
			Pattern:     `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`,
			Format:      "date",
			Examples:    []any{"2026-06-15"},
		},
	}
	for _, t := range []reflect.Type{
		reflect.TypeFor[smetier.IPKind](), reflect.TypeFor[smetier.Level](), reflect.TypeFor[smetier.AwardKind](),
		reflect.TypeFor[smetier.CertKind](), reflect.TypeFor[smetier.TitleKind](), reflect.TypeFor[smetier.IncidentKind](),
		reflect.TypeFor[smetier.StandardLevel](), reflect.TypeFor[smetier.JudgementBy](),
	} {
		vals := enums[t.Name()]
		s := &Schema{Type: Types{"string"}, Description: docs[t.Name()]}
		var lines []string
		for _, v := range vals {
			s.Enum = append(s.Enum, v.Value)
			if v.Doc != "" {
				lines = append(lines, v.Value+": "+v.Doc)
			}
		}
		if len(lines) > 0 {
			s.Description = strings.TrimSpace(s.Description + " Values — " + strings.Join(lines, "; ") + ".")
		}
		if t == reflect.TypeFor[smetier.TitleKind]() {
			// A title kind may also be a local program's id, which only the rule catalog in use
			// knows (the engine rejects an id its catalog does not define): the built-in kinds
			// stay listed for forms, and any id of the program-id shape is accepted.
			enum := &Schema{Enum: s.Enum}
			s.Type, s.Enum = Types{"string"}, nil
			s.AnyOf = []*Schema{enum, {Pattern: "^[a-z][a-z0-9_]*$", Description: "the id of a local program of the rule catalog, e.g. sd_gazelle"}}
		}
		types[t] = s
	}
	return &Generator{
		Types: types,
		Doc:   func(key string) string { return docs[key] },
		Field: map[string]func(*Schema){
			"Profile.CreditCode":          pattern("^[0-9A-HJ-NPQRTUWXY]{18}$"),
			"Profile.Region":              pattern("^[1-8][0-9]{5}$"),
			"Profile.Industry":            pattern("^[A-T]([0-9]{2}([0-9]{1,2})?)?$"),
			"Profile.Years":               yearKeys,
			"Profile.DigitalLevel":        bounds(ptr(1), ptr(4)),
			"Profile.EvaluationScores":    func(s *Schema) { yearKeys(s); setBounds(s, ptr(0), ptr(100)) },
			"FiscalYear.OperatingRevenue": nonNegative,
			"FiscalYear.MainRevenue":      nonNegative,
			"FiscalYear.RDExpense":        nonNegative,
			"FiscalYear.TotalAssets":      nonNegative,
			"FiscalYear.TotalLiabilities": nonNegative,
			"FiscalYear.ProductRevenue":   nonNegative,
			"Financing.Amount":            nonNegative,
			"FiscalYear.Employees":        bounds(ptr(0), nil),
			"FiscalYear.RDStaff":          bounds(ptr(0), nil),
			"IPRight.OwnerRank":           bounds(ptr(1), nil),
			"Award.Year":                  bounds(ptr(1949), ptr(9999)),
			"Award.Rank":                  bounds(ptr(1), nil),
			"Standard.Year":               bounds(ptr(1949), ptr(9999)),
			"Segment.MarketSharePct":      bounds(ptr(0), ptr(100)),
			"Segment.NationalRank":        bounds(ptr(1), nil),
			"Segment.GlobalRank":          bounds(ptr(1), nil),
			"Declaration.Criterion":       pattern("^[^/]+/[^/]+$"),
			"Declaration.Points":          bounds(ptr(0), nil),
			"Segment.ProvincialRank":      bounds(ptr(1), nil),
		},
	}
}

var profile = sync.OnceValues(func() ([]byte, error) {
	s, err := ProfileGenerator().Generate(reflect.TypeFor[smetier.Profile]())
	if err != nil {
		return nil, err
	}
	s.Title = "smetier profile"
	b, err := marshalNoEscape(s)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
})

// Profile returns the JSON Schema (draft 2020-12) of smetier.Profile, indented, with a final
// newline. It is generated once from the Go types and shared: do not modify the slice.
func Profile() []byte {
	b, err := profile()
	if err != nil {
		// The generator is covered by tests; an error here is a programming error in this package.
		panic(fmt.Sprintf("schema: generating the profile schema: %v", err))
	}
	return b
}
