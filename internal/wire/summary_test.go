package wire

import (
	"bytes"
	"context"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

// encodeJSON is the oracle: what internal/cli and httpapi wrote with encoding/json, without the
// newline.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// sameAsJSON fails t unless AppendSummary writes s as encoding/json does, after a prefix it
// must keep, or fails as encoding/json does, leaving the prefix alone.
func sameAsJSON(t *testing.T, s *smetier.Summary) {
	t.Helper()
	want, wantErr := encodeJSON(s)
	prefix := []byte("prefix")
	got, err := AppendSummary(prefix, s)
	if wantErr != nil {
		if err == nil {
			t.Fatalf("encoding/json fails (%v), AppendSummary wrote %s", wantErr, got)
		}
		if err.Error() != wantErr.Error() {
			t.Fatalf("error %q, encoding/json's %q", err, wantErr)
		}
		var uv *json.UnsupportedValueError
		if !errors.As(err, &uv) {
			t.Fatalf("error %T, want *json.UnsupportedValueError", err)
		}
		if string(got) != "prefix" {
			t.Fatalf("on error dst is %q, want it unchanged", got)
		}
		return
	}
	if err != nil {
		t.Fatalf("AppendSummary: %v; encoding/json wrote %s", err, want)
	}
	if !bytes.HasPrefix(got, prefix) {
		t.Fatalf("prefix lost: %q", got)
	}
	if got := got[len(prefix):]; !bytes.Equal(got, want) {
		t.Fatalf("AppendSummary wrote\n%s\nencoding/json\n%s", got, want)
	}
}

// TestAppendSummarySamples compares AppendSummary with encoding/json on the summaries of every
// sample profile, under several jurisdictions and dates (local programs, held titles, renewals),
// in each language, with the CLI's three gaps and with all of them.
func TestAppendSummarySamples(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	regions := []string{"", "CN", "110105", "310104", "330106", "330212", "370202", "420106", "440305", "320505"}
	dates := []string{"2026-06-15", "2025-06-15", "2023-03-01"}
	n := 0
	for i, data := range sampleProfiles(t) {
		p, err := DecodeProfile(data)
		require.NoError(t, err)
		for _, code := range regions {
			for _, d := range dates {
				opts := []classify.CallOption{classify.AsOf(smetier.MustDate(d)), classify.Renewal(n%2 == 1)}
				if code != "" {
					opts = append(opts, classify.In(code))
				}
				// The CLI's path (GapsOnly) and the full report's, alternately: both must
				// give the same summary, and the full one costs four times as much.
				if n%3 != 0 {
					opts = append(opts, classify.GapsOnly())
				}
				n++
				rep, err := eng.Classify(context.Background(), p, opts...)
				require.NoError(t, err, "profile %d in %q on %s", i, code, d)
				for _, lang := range []string{"", "zh", "en"} {
					for _, gaps := range []int{3, -1, 0} {
						t.Run(fmt.Sprintf("%d-%s-%s-%s-%d", i, code, d, lang, gaps), func(t *testing.T) {
							sameAsJSON(t, rep.Summary(lang, gaps))
						})
					}
				}
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestAppendSummaryEdges covers what the samples may not: every omitempty field both ways, nil
// and empty slices, escapes, and the float formats.
func TestAppendSummaryEdges(t *testing.T) {
	full := func() *smetier.Summary {
		return &smetier.Summary{Enterprise: "深圳精密", CreditCode: "91440300MA5XXXXXX1", Region: "440305",
			AsOf: smetier.MustDate("2026-06-15"), Renewal: true, Size: smetier.Small, SME: ptr(false),
			Rungs: []smetier.RungSummary{
				{Key: "innovative_sme", Status: smetier.Qualified, RuleSet: "cn-2026-innovative-sme", Held: true},
				{Key: "specialized_sme", Status: smetier.NotQualified, RuleSet: "x", Failed: []string{"a", "b"},
					Judgement: []string{"c"}, Errors: []string{"d"}, Missing: []string{"years.2025.rd_expense"}},
				{Key: "sz-program"},
			},
			Highest: "innovative_sme", Next: "specialized_sme",
			Gaps: []smetier.GapSummary{
				{Criterion: "rd.ratio", Group: 1, Option: 2, Kind: smetier.Increase, Input: "years.2025.rd_expense",
					Current: ptr(0.1), Required: ptr(5.0), Delta: ptr(4.9), Unit: "%", Official: true,
					Message: smetier.LangText{Zh: "研发", En: "R&D"}},
				{Criterion: "x", Kind: smetier.Review, Message: smetier.LangText{En: "only en"}},
				{Criterion: "y", Kind: smetier.Provide},
			},
			Digest: "sha256:abc",
		}
	}
	gap := func(f float64) *smetier.Summary {
		s := full()
		s.Gaps = []smetier.GapSummary{{Criterion: "c", Kind: smetier.Increase, Current: ptr(f), Required: ptr(-f), Delta: ptr(f)}}
		return s
	}
	named := func(name string) *smetier.Summary { s := full(); s.Enterprise = name; return s }
	for name, s := range map[string]*smetier.Summary{
		"nil":                nil,
		"zero":               {},
		"empty rungs":        {Rungs: []smetier.RungSummary{}},
		"empty rung":         {Rungs: []smetier.RungSummary{{}}},
		"empty slices":       {Rungs: []smetier.RungSummary{{Failed: []string{}, Judgement: []string{}, Errors: []string{}, Missing: []string{}}}, Gaps: []smetier.GapSummary{}},
		"empty gap":          {Gaps: []smetier.GapSummary{{}}},
		"sme true":           {SME: ptr(true)},
		"region only":        {Region: "CN"},
		"credit code first":  {CreditCode: "x"},
		"full":               full(),
		"negative group":     {Gaps: []smetier.GapSummary{{Group: -3, Option: math.MaxInt}}},
		"min int":            {Gaps: []smetier.GapSummary{{Group: math.MinInt}}},
		"date zero month":    {AsOf: smetier.Date{Year: 2026}},
		"date odd":           {AsOf: smetier.Date{Year: 12, Month: 13, Day: 45}},
		"date negative year": {AsOf: smetier.Date{Year: -5, Month: 1, Day: 1}},
		"date year 10000":    {AsOf: smetier.Date{Year: 10000, Month: 1, Day: 1}},
		"date day 100":       {AsOf: smetier.Date{Year: 2026, Month: 1, Day: 100}},
		"date negative day":  {AsOf: smetier.Date{Year: 2026, Month: 1, Day: -1}},
		"date month -1":      {AsOf: smetier.Date{Year: 2026, Month: -1, Day: 1}},
		"date max year":      {AsOf: smetier.Date{Year: 9999, Month: 12, Day: 31}},
		"quotes":             named(`"quoted" \ back\slash /`),
		"controls":           named("\x00\x01\b\f\n\r\t\x1f\x7f end"),
		"html kept":          named("<a href='x'>&amp;</a>"),
		"invalid utf8":       named("a\xffb\xc3(\xe2\x82 \xed\xa0\x80 end\xf0"),
		"line separators":    named("a\u2028b\u2029c\u2027\u202a"),
		"three-byte leads":   named("\xe0\xa0\x80 \xe0\x80\x80 \xe1\x80\x80 \xec\xbf\xbf \xed\x9f\xbf \xed\xa0\x80 \xee\x80\x80 \xe4\xb8 \xe4 \xe4\xb8\xc0 \xe2\x80\xa8 end\xe4\xb8"),
		"cut at the end":     named("深\xe5\x9c"),
		"non-BMP":            named("😀 𠀀 深圳"),
		"unicode keys":       {Rungs: []smetier.RungSummary{{Key: "深圳-瞪羚\u2028", Failed: []string{"\x00", "é"}}}},
		"gap strings":        {Gaps: []smetier.GapSummary{{Criterion: "\"", Kind: "\n", Input: "\\", Unit: "\xff", Message: smetier.LangText{Zh: "\u2029", En: "<>"}}}},
		"float 0":            gap(0),
		"float -0":           gap(math.Copysign(0, -1)),
		"float 0.1":          gap(0.1),
		"float 1/3":          gap(1.0 / 3),
		"float 1e21":         gap(1e21),
		"float below 1e21":   gap(999999999999999900000),
		"float 1e20":         gap(1e20),
		"float 1e-6":         gap(1e-6),
		"float 1e-7":         gap(1e-7),
		"float 1.5e-7":       gap(1.5e-7),
		"float 1e-10":        gap(1e-10),
		"float 1e-100":       gap(1e-100),
		"float 1e100":        gap(1e100),
		"float max":          gap(math.MaxFloat64),
		"float smallest":     gap(math.SmallestNonzeroFloat64),
		"float integral":     gap(12345678),
		"float 2^53+1":       gap(1 << 53),
		"float NaN":          gap(math.NaN()),
		"float +Inf":         gap(math.Inf(1)),
		"float -Inf":         gap(math.Inf(-1)),
		"NaN in second gap": func() *smetier.Summary {
			s := full()
			s.Gaps[1].Delta = ptr(math.NaN())
			return s
		}(),
	} {
		t.Run(name, func(t *testing.T) { sameAsJSON(t, s) })
	}
}

// TestAppendSummaryKnowsTheTypes fails when a field is added to, removed from or changed in
// the summary types, or one of them gains a marshaler of its own, so that AppendSummary is
// taught the change (and its tests a case for it) rather than silently leaving it out.
func TestAppendSummaryKnowsTheTypes(t *testing.T) {
	layout := func(v any) []string {
		var out []string
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			f := rt.Field(i)
			out = append(out, fmt.Sprintf("%s %s `%s`", f.Name, f.Type, f.Tag))
		}
		return out
	}
	assert.Equal(t, []string{
		"Enterprise string `json:\"enterprise,omitempty\"`",
		"CreditCode string `json:\"credit_code,omitempty\"`",
		"Region string `json:\"region\"`",
		"AsOf smetier.Date `json:\"as_of\"`",
		"Renewal bool `json:\"renewal,omitempty\"`",
		"Size smetier.SizeClass `json:\"size,omitempty\"`",
		"SME *bool `json:\"sme,omitempty\"`",
		"Rungs []smetier.RungSummary `json:\"rungs\"`",
		"Highest string `json:\"highest,omitempty\"`",
		"Next string `json:\"next,omitempty\"`",
		"Gaps []smetier.GapSummary `json:\"gaps,omitempty\"`",
		"Digest string `json:\"digest,omitempty\"`",
	}, layout(smetier.Summary{}))
	assert.Equal(t, []string{
		"Key string `json:\"key\"`",
		"Status smetier.Status `json:\"status,omitempty\"`",
		"RuleSet string `json:\"rule_set,omitempty\"`",
		"Held bool `json:\"held,omitempty\"`",
		"Failed []string `json:\"failed,omitempty\"`",
		"Judgement []string `json:\"judgement,omitempty\"`",
		"Errors []string `json:\"errors,omitempty\"`",
		"Missing []string `json:\"missing,omitempty\"`",
	}, layout(smetier.RungSummary{}))
	assert.Equal(t, []string{
		"Criterion string `json:\"criterion\"`",
		"Group int `json:\"group,omitempty\"`",
		"Option int `json:\"option,omitempty\"`",
		"Kind smetier.GapKind `json:\"kind\"`",
		"Input string `json:\"input,omitempty\"`",
		"Current *float64 `json:\"current,omitempty\"`",
		"Required *float64 `json:\"required,omitempty\"`",
		"Delta *float64 `json:\"delta,omitempty\"`",
		"Unit string `json:\"unit,omitempty\"`",
		"Official bool `json:\"official,omitempty\"`",
		"Message smetier.LangText `json:\"message\"`",
	}, layout(smetier.GapSummary{}))
	assert.Equal(t, []string{
		"Zh string `json:\"zh,omitempty\"`",
		"En string `json:\"en,omitempty\"`",
	}, layout(smetier.LangText{}))
	assert.Equal(t, []string{"Year int ``", "Month time.Month ``", "Day int ``"}, layout(smetier.Date{}),
		"appendDate writes what Date.MarshalJSON does from these fields")

	// encoding/json would call a marshaler; AppendSummary calls none but Date's (which it
	// reproduces, see appendDate).
	marshaler := reflect.TypeFor[json.Marshaler]()
	text := reflect.TypeFor[encoding.TextMarshaler]()
	for _, v := range []any{smetier.Summary{}, smetier.RungSummary{}, smetier.GapSummary{}, smetier.LangText{},
		smetier.Status(""), smetier.SizeClass(""), smetier.GapKind("")} {
		rt := reflect.PointerTo(reflect.TypeOf(v))
		assert.False(t, rt.Implements(marshaler) || rt.Implements(text), "%s has a marshaler: teach AppendSummary", rt.Elem())
	}
	assert.True(t, reflect.TypeFor[smetier.Date]().Implements(marshaler))
	assert.False(t, reflect.TypeFor[*smetier.Date]().Implements(text), "Date: encoding/json prefers MarshalJSON, but check")
}

// FuzzAppendSummary builds summaries from the fuzzer's strings, numbers and flags and compares
// AppendSummary's bytes (or error) with encoding/json's.
func FuzzAppendSummary(f *testing.F) {
	f.Add("深圳精密", "rd.ratio", "a\u2028\"\\\x01\xff", 0.1, 1e21, 1e-7, 3, uint32(0xffffffff))
	f.Add("", "", "", 0.0, math.Copysign(0, -1), math.Inf(1), 0, uint32(0))
	f.Add("<&>", "x", "\t", math.NaN(), 1.5, -2e-9, -1, uint32(0x5555))
	f.Fuzz(func(t *testing.T, s1, s2, s3 string, f1, f2, f3 float64, n int, flags uint32) {
		bit := func(i int) bool { return flags&(1<<i) != 0 }
		pick := func(i int, v string) string {
			if bit(i) {
				return v
			}
			return ""
		}
		strs := func(i int) []string {
			switch {
			case bit(i) && bit(i+1):
				return []string{s1, s2, s3}
			case bit(i):
				return []string{}
			case bit(i + 1):
				return []string{s3}
			}
			return nil
		}
		fp := func(i int, v float64) *float64 {
			if bit(i) {
				return &v
			}
			return nil
		}
		s := &smetier.Summary{Enterprise: pick(0, s1), CreditCode: pick(1, s2), Region: s3,
			AsOf: smetier.Date{Year: n, Month: time.Month(n % 15), Day: n % 33}, Renewal: bit(2),
			Size: smetier.SizeClass(pick(3, s3)), Highest: pick(4, s2), Next: pick(5, s1), Digest: pick(6, s3)}
		if bit(7) {
			s.SME = ptr(bit(8))
		}
		if bit(9) || bit(10) {
			s.Rungs = []smetier.RungSummary{}
		}
		if bit(10) {
			s.Rungs = append(s.Rungs, smetier.RungSummary{Key: s1, Status: smetier.Status(pick(11, s2)), RuleSet: pick(12, s3),
				Held: bit(13), Failed: strs(14), Judgement: strs(16), Errors: strs(18), Missing: strs(20)}, smetier.RungSummary{})
		}
		if bit(22) {
			s.Gaps = []smetier.GapSummary{}
		}
		if bit(23) {
			s.Gaps = append(s.Gaps, smetier.GapSummary{Criterion: s2, Group: n, Option: -n, Kind: smetier.GapKind(s1),
				Input: pick(24, s3), Current: fp(25, f1), Required: fp(26, f2), Delta: fp(27, f3), Unit: pick(28, s1),
				Official: bit(29), Message: smetier.LangText{Zh: pick(30, s2), En: pick(31, s3)}}, smetier.GapSummary{})
		}
		sameAsJSON(t, s)
	})
}

// BenchmarkAppendSummary writes the summaries of the sample profiles (the CLI's summary view:
// GapsOnly, three gaps, both languages) with AppendSummary into a reused buffer, and with
// encoding/json as internal/cli's writeJSON did (a json.Encoder on a new bytes.Buffer).
//
//	go test ./internal/wire -run '^$' -bench AppendSummary -benchmem
func BenchmarkAppendSummary(b *testing.B) {
	eng, err := classify.New()
	require.NoError(b, err)
	var sums []*smetier.Summary
	size := 0
	for _, data := range sampleProfiles(b) {
		p, err := DecodeProfile(data)
		require.NoError(b, err)
		rep, err := eng.Classify(context.Background(), p, classify.AsOf(smetier.MustDate("2026-06-15")), classify.GapsOnly())
		require.NoError(b, err)
		s := rep.Summary("", 3)
		sums = append(sums, s)
		out, err := encodeJSON(s)
		require.NoError(b, err)
		size += len(out)
	}
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(size / len(sums)))
		var buf []byte
		for i := range b.N {
			var err error
			if buf, err = AppendSummary(buf[:0], sums[i%len(sums)]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(size / len(sums)))
		for i := range b.N {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(sums[i%len(sums)]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
