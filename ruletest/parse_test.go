package ruletest_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/ruletest"
)

// head is a valid start of a case file: the first case starts at line 4.
const head = "kind: cases\ndefaults: {region: \"610113\", industry: C3812}\ncases:\n"

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		line       int
		caseName   string
		frags      []string
	}{
		{"empty", "", 0, "", []string{"empty file"}},
		{"comments only", "# nothing\n", 0, "", []string{"empty file"}},
		{"yaml syntax", "kind: cases\ncases: [\n", 2, "", []string{"x_test.yaml:2: did not find expected"}},
		{"not a mapping", "- a\n", 1, "", []string{"mapping with kind"}},
		{"no kind", "cases: []\n", 1, "", []string{"kind: cases is missing"}},
		{"rule-set kind", "kind: rule-set\n", 1, "", []string{`kind "rule-set"`, "kind: cases"}},
		{"unknown top key", "kind: cases\ndefault: {}\n", 2, "", []string{`unknown key "default"`, "defaults"}},
		{"repeated top key", "kind: cases\nkind: cases\n", 2, "", []string{`"kind" repeated`}},
		{"second document", "kind: cases\ncases: []\n---\nkind: cases\n", 3, "", []string{"second"}},
		{"no cases", "kind: cases\n", 0, "", []string{"non-empty list"}},
		{"empty cases", "kind: cases\ncases: []\n", 2, "", []string{"non-empty list"}},
		{"defaults not a mapping", "kind: cases\ndefaults: [1]\ncases: []\n", 2, "", []string{"defaults must be"}},
		{"case not a mapping", head + "  - just a name\n", 4, "", []string{"a case is a mapping"}},
		{"unknown case key", head + "  - name: a\n    as_of: 2026-06-15\n    expected: {little_giant: qualified}\n", 6, "a",
			[]string{`unknown key "expected"`, "expect"}},
		{"no name", head + "  - as_of: 2026-06-15\n    expect: {little_giant: qualified}\n", 4, "", []string{"name is missing"}},
		{"no as_of", head + "  - name: a\n    expect: {little_giant: qualified}\n", 4, "a", []string{"as_of is missing"}},
		{"bad as_of", head + "  - name: a\n    as_of: 2026-02-30\n    expect: {little_giant: qualified}\n", 5, "a", []string{"as_of", "2026-02-30"}},
		{"unknown region", head + "  - name: a\n    as_of: 2026-06-15\n    region: \"999999\"\n    expect: {little_giant: qualified}\n", 6, "a", []string{"region", "999999"}},
		{"renewal not a bool", head + "  - name: a\n    as_of: 2026-06-15\n    renewal: yes\n    expect: {little_giant: qualified}\n", 6, "a", []string{"renewal: want true or false"}},
		{"no expect", head + "  - name: a\n    as_of: 2026-06-15\n", 4, "a", []string{"expect is missing"}},
		{"empty expect", head + "  - name: a\n    as_of: 2026-06-15\n    expect: {}\n", 6, "a", []string{"expect must map"}},
		{"bad status", head + "  - name: a\n    as_of: 2026-06-15\n    expect: {little_giant: passed}\n", 6, "a", []string{`unknown status "passed"`, "needs_judgement or none"}},
		{"bad key", head + "  - name: a\n    as_of: 2026-06-15\n    expect: {Little-Giant: qualified}\n", 6, "a", []string{`"Little-Giant" is not a tier name or program id`}},
		{"failed without expect", head + "  - name: a\n    as_of: 2026-06-15\n    expect: {little_giant: qualified}\n    failed: {specialized_sme: []}\n", 7, "a",
			[]string{"failed: specialized_sme has no expected status"}},
		{"failed not a list", head + "  - name: a\n    as_of: 2026-06-15\n    expect: {little_giant: not_qualified}\n    failed: {little_giant: revenue}\n", 7, "a",
			[]string{"want a list"}},
		{"missing listed twice", head + "  - name: a\n    as_of: 2026-06-15\n    expect: {little_giant: needs_data}\n    missing: {little_giant: [ip, ip]}\n", 7, "a",
			[]string{"ip listed twice"}},
		{"failed for none", head + "  - name: a\n    as_of: 2026-06-15\n    expect: {little_giant: none}\n    failed: {little_giant: []}\n", 7, "a",
			[]string{"expected to have no verdict"}},
		{"duplicate case name", head + "  - name: a\n    as_of: 2026-06-15\n    expect: {little_giant: qualified}\n  - name: a\n    as_of: 2026-06-16\n    expect: {little_giant: qualified}\n", 7, "a",
			[]string{"used twice", "line 4"}},
		{"unknown profile field", head + "  - name: a\n    as_of: 2026-06-15\n    profile:\n      years: {\"2025\": {rd_expens: 1}}\n    expect: {little_giant: qualified}\n", 7, "a",
			[]string{"profile: years.2025.rd_expens: unknown field", `did you mean "rd_expense"`}},
		{"unknown field in defaults", "kind: cases\ndefaults:\n  region: \"610113\"\n  industri: C3812\ncases:\n  - name: a\n    as_of: 2026-06-15\n    expect: {little_giant: qualified}\n", 4, "a",
			[]string{"industri: unknown field"}},
		{"mistyped profile field", head + "  - name: a\n    as_of: 2026-06-15\n    profile: {digital_level: high}\n    expect: {little_giant: qualified}\n", 6, "a",
			[]string{"digital_level: want an integer"}},
		{"unquoted region number", "kind: cases\ncases:\n  - name: a\n    as_of: 2026-06-15\n    profile: {region: 610113}\n    expect: {little_giant: qualified}\n", 5, "a",
			[]string{"profile: region: want a string, got a number"}},
		{"money with three decimals", head + "  - name: a\n    as_of: 2026-06-15\n    profile: {years: {\"2025\": {rd_expense: 1.005}}}\n    expect: {little_giant: qualified}\n", 6, "a",
			[]string{"years.2025.rd_expense"}},
		{"infinite number", head + "  - name: a\n    as_of: 2026-06-15\n    profile: {digital_level: .inf}\n    expect: {little_giant: qualified}\n", 6, "a",
			[]string{".inf is not a number"}},
		{"repeated profile key", head + "  - name: a\n    as_of: 2026-06-15\n    profile:\n      industry: C3812\n      industry: C3813\n    expect: {little_giant: qualified}\n", 8, "a",
			[]string{`key "industry" repeated (first at line 7)`}},
		{"alias bomb", "kind: cases\ndefaults:\n  a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
			"  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
			"  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n  f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ncases: []\n", 3, "",
			[]string{"more than 100000 values"}},
		{"merge key", "kind: cases\ndefaults: &d {industry: C3812}\ncases:\n  - name: a\n    as_of: 2026-06-15\n    profile: {<<: *d}\n    expect: {little_giant: qualified}\n", 6, "a",
			[]string{"merge keys"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := ruletest.Parse("x_test.yaml", []byte(tc.body))
			require.Error(t, err)
			assert.Nil(t, f)
			assert.ErrorIs(t, err, ruletest.ErrInvalidCase)
			var ce *ruletest.CaseError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, "x_test.yaml", ce.File)
			assert.Equal(t, tc.line, ce.Line, "%v", err)
			assert.Equal(t, tc.caseName, ce.Case, "%v", err)
			msg := err.Error()
			prefix := "x_test.yaml"
			if tc.line > 0 {
				prefix += ":" + strconv.Itoa(tc.line)
			}
			assert.True(t, strings.HasPrefix(msg, prefix), "%q starts with %q", msg, prefix)
			if tc.caseName != "" {
				assert.Contains(t, msg, `case "`+tc.caseName+`": `)
			}
			for _, f := range tc.frags {
				assert.Contains(t, msg, f)
			}
		})
	}
}

func TestParse(t *testing.T) {
	f, err := ruletest.Parse("rules/x_test.yaml", []byte(`kind: cases
defaults:
  region: "610113"
  industry: C3812
  years:
    "2024": {operating_revenue: 30000000, rd_expense: 1500000}
    2025: {operating_revenue: 36000000, rd_expense: 1800000}
  ip: [{number: A, kind: invention_patent}, {number: B, kind: utility_model}]
  segment: {since: 2016-01-01, national_rank: 2}
cases:
  - name: defaults only
    as_of: 2026-06-15
    expect: {little_giant: qualified, sd_gazelle: none}
  - name: merged
    as_of: 2026-06-16
    region: CN
    renewal: true
    profile:
      years: {"2025": {rd_expense: "1079999.99", main_revenue: 12345.67}, "2023": {operating_revenue: 1}}
      ip: [{number: C, kind: invention_patent}]
      segment: {national_rank: null}
    expect:
      specialized_sme: not_qualified
      little_giant: needs_data
    failed: {specialized_sme: [rd.ratio]}
    missing: {little_giant: [], specialized_sme: [segment.national_rank]}
`))
	require.NoError(t, err)
	assert.Equal(t, "rules/x_test.yaml", f.Name)
	require.Len(t, f.Cases, 2)

	a, b := f.Cases[0], f.Cases[1]
	assert.Equal(t, "defaults only", a.Name)
	assert.Equal(t, 11, a.Line)
	assert.Equal(t, smetier.MustDate("2026-06-15"), a.AsOf)
	assert.Empty(t, a.Region)
	assert.False(t, a.Renewal)
	assert.Equal(t, "610113", a.Profile.Region)
	require.Len(t, a.Profile.IP, 2)
	assert.Equal(t, []ruletest.Expectation{
		{Key: "little_giant", Line: 13, Status: smetier.Qualified},
		{Key: "sd_gazelle", Line: 13, Status: ruletest.NoVerdict},
	}, a.Expect)

	assert.Equal(t, "CN", b.Region)
	assert.True(t, b.Renewal)
	p := b.Profile
	assert.Equal(t, "C3812", p.Industry, "defaults reach the case")
	// Maps merge key by key, at every level.
	require.Len(t, p.Years, 3)
	assert.Equal(t, "30000000.00", p.Years[2024].OperatingRevenue.String())
	assert.Equal(t, "36000000.00", p.Years[2025].OperatingRevenue.String(), "a sibling key of defaults survives")
	assert.Equal(t, "1079999.99", p.Years[2025].RDExpense.String(), "the case's value wins, exactly")
	assert.Equal(t, "12345.67", p.Years[2025].MainRevenue.String(), "a decimal number is not rounded through float64")
	assert.Equal(t, "1.00", p.Years[2023].OperatingRevenue.String())
	// Lists replace.
	require.Len(t, p.IP, 1)
	assert.Equal(t, "C", p.IP[0].Number)
	// null removes a default.
	require.NotNil(t, p.Segment)
	assert.Nil(t, p.Segment.NationalRank)
	assert.Equal(t, smetier.MustDate("2016-01-01"), *p.Segment.Since)

	assert.Equal(t, []ruletest.Expectation{
		{Key: "specialized_sme", Line: 23, Status: smetier.NotQualified, Failed: []string{"rd.ratio"}, Missing: []string{"segment.national_rank"}},
		{Key: "little_giant", Line: 24, Status: smetier.NeedsData, Missing: []string{}},
	}, b.Expect)

	// The defaults were not modified by the merge: the first case still has both IP rights
	// and the rank.
	assert.Equal(t, 2, *a.Profile.Segment.NationalRank)
}

// Every case of a file without defaults starts from an empty profile.
func TestParseNoDefaults(t *testing.T) {
	f, err := ruletest.Parse("x_test.yaml", []byte("kind: cases\ncases:\n  - name: a\n    as_of: 2026-06-15\n    region: \"440305\"\n    expect: {innovative_sme: needs_data}\n"))
	require.NoError(t, err)
	assert.Equal(t, smetier.Profile{}, *f.Cases[0].Profile)
}

func TestCaseErrorFormat(t *testing.T) {
	err := &ruletest.CaseError{File: "a_test.yaml", Line: 3, Column: 7, Case: "c", Err: assert.AnError}
	assert.Equal(t, `a_test.yaml:3:7: case "c": `+assert.AnError.Error(), err.Error())
	err = &ruletest.CaseError{File: "a_test.yaml", Err: assert.AnError}
	assert.Equal(t, `a_test.yaml: `+assert.AnError.Error(), err.Error())
	assert.ErrorIs(t, err, ruletest.ErrInvalidCase)
	assert.ErrorIs(t, err, assert.AnError)
}
