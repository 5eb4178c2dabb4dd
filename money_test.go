package smetier_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

func TestMoneyConstructors(t *testing.T) {
	tests := []struct {
		name string
		got  smetier.Money
		fen  int64
	}{
		{"Fen(0)", smetier.Fen(0), 0},
		{"Fen(1)", smetier.Fen(1), 1},
		{"Fen(-7)", smetier.Fen(-7), -7},
		{"Yuan(1)", smetier.Yuan(1), 100},
		{"Yuan(-3)", smetier.Yuan(-3), -300},
		{"Yuan(12345)", smetier.Yuan(12345), 1_234_500},
		{"Wan(1)", smetier.Wan(1), 1_000_000},
		{"Wan(1500)", smetier.Wan(1500), 1_500_000_000},
		{"Wan(-2)", smetier.Wan(-2), -2_000_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.fen, tt.got.Fen())
			assert.Equal(t, smetier.Fen(tt.fen), tt.got)
		})
	}

	t.Run("units agree", func(t *testing.T) {
		assert.Equal(t, smetier.Yuan(1), smetier.Fen(100))
		assert.Equal(t, smetier.Wan(1), smetier.Yuan(10_000))
		assert.Equal(t, smetier.Wan(1500), smetier.Yuan(15_000_000))
	})
}

func TestMoneyWan(t *testing.T) {
	tests := []struct {
		name string
		m    smetier.Money
		want float64
	}{
		{"zero", 0, 0},
		{"1500 wan", smetier.Wan(1500), 1500},
		{"negative wan", smetier.Wan(-2), -2},
		{"12345 yuan", smetier.Yuan(12345), 1.2345},
		{"one yuan", smetier.Yuan(1), 0.0001},
		{"one fen", smetier.Fen(1), 0.000001},
		{"half wan", smetier.Yuan(5000), 0.5},
		{"fractional yuan", smetier.Fen(123_456_789), 123.456789},
		{"large whole yuan", smetier.Yuan(123_456_789_012), 12_345_678.9012},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.m.Wan()) // exact, not InDelta
		})
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		m    smetier.Money
		want string
	}{
		{0, "0.00"},
		{smetier.Fen(1), "0.01"},
		{smetier.Fen(10), "0.10"},
		{smetier.Fen(-5), "-0.05"},
		{smetier.Fen(-350), "-3.50"},
		{smetier.Yuan(1), "1.00"},
		{smetier.Fen(123_456), "1234.56"},
		{smetier.Wan(1500), "15000000.00"},
		{smetier.Fen(1_234_567_890_123_499), "12345678901234.99"},
		{smetier.Fen(math.MaxInt64), "92233720368547758.07"},
		{smetier.Fen(math.MinInt64), "-92233720368547758.08"},
		{smetier.Fen(math.MinInt64 + 1), "-92233720368547758.07"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.m.String())
		})
	}
}

func TestParseMoney(t *testing.T) {
	valid := []struct {
		in   string
		want smetier.Money
	}{
		{"0", 0},
		{"-0", 0},
		{"0.00", 0},
		{"1", smetier.Yuan(1)},
		{"1.5", smetier.Fen(150)},
		{"1.05", smetier.Fen(105)},
		{"1.50", smetier.Fen(150)},
		{"0.01", smetier.Fen(1)},
		{"-3.50", smetier.Fen(-350)},
		{"-3.5", smetier.Fen(-350)},
		{"+2", smetier.Yuan(2)},
		{"+2.25", smetier.Fen(225)},
		{"007", smetier.Yuan(7)},
		{"15000000", smetier.Wan(1500)},
		{"12345678901234.99", smetier.Fen(1_234_567_890_123_499)},
		{"-12345678901234.99", smetier.Fen(-1_234_567_890_123_499)},
		// The largest whole-yuan part ParseMoney accepts.
		{"92233720368547757.99", smetier.Fen(9_223_372_036_854_775_799)},
	}
	for _, tt := range valid {
		t.Run("valid/"+tt.in, func(t *testing.T) {
			got, err := smetier.ParseMoney(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}

	invalid := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"three decimals", "1.234"},
		{"exponent", "1e5"},
		{"exponent with dot", "1.5e2"},
		{"letters", "abc"},
		{"no whole part", ".5"},
		{"no fraction", "5."},
		{"thousands separator", "1,000"},
		{"sign only", "-"},
		{"plus only", "+"},
		{"double sign", "--1"},
		{"mixed signs", "+-1"},
		{"leading space", " 1"},
		{"trailing space", "1 "},
		{"two dots", "1.2.3"},
		{"dot only", "."},
		{"hex", "0x10"},
		{"currency sign", "¥100"},
		{"full-width digits", "１００"},
		{"Arabic-Indic digit", "٣"},
		{"NaN", "NaN"},
		{"Inf", "Inf"},
		{"overflow int64 whole", "92233720368547758080"},
		{"overflow fen range", "100000000000000000"},
		{"negative overflow", "-100000000000000000"},
		{"overflow with decimals", "99999999999999999999.99"},
	}
	for _, tt := range invalid {
		t.Run("invalid/"+tt.name, func(t *testing.T) {
			got, err := smetier.ParseMoney(tt.in)
			require.Error(t, err)
			assert.Zero(t, got)
			var pe *smetier.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "amount", pe.What)
			assert.Equal(t, tt.in, pe.Input)
		})
	}
}

// An amount beyond MaxInt64 fen can only be rejected, never silently wrapped.
// ParseMoney runs for every amount of every profile decoded: a valid amount costs no allocation.
func TestParseMoneyDoesNotAllocate(t *testing.T) {
	for _, s := range []string{"12345.6", "-3.50", "15000000", "0.05"} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = smetier.ParseMoney(s) }), s)
	}
}

func TestParseMoneyNoWraparound(t *testing.T) {
	for _, s := range []string{"92233720368547758.08", "92233720368547759", "-92233720368547758.09"} {
		t.Run(s, func(t *testing.T) {
			_, err := smetier.ParseMoney(s)
			require.Error(t, err)
		})
	}
}

// The whole int64 fen range parses back exactly what String writes.
func TestParseMoneyExtremes(t *testing.T) {
	for _, m := range []smetier.Money{math.MaxInt64, math.MaxInt64 - 1, math.MinInt64 + 1, math.MinInt64} {
		got, err := smetier.ParseMoney(m.String())
		require.NoError(t, err)
		assert.Equal(t, m, got)
	}
}

func TestMoneyExactness(t *testing.T) {
	mustParse := func(s string) smetier.Money {
		t.Helper()
		m, err := smetier.ParseMoney(s)
		require.NoError(t, err)
		return m
	}
	t.Run("threshold 1500 wan", func(t *testing.T) {
		assert.Equal(t, smetier.Wan(1500), mustParse("15000000"))
		assert.Equal(t, smetier.Wan(1500), mustParse("15000000.00"))
		assert.Less(t, mustParse("14999999.99"), smetier.Wan(1500))
		assert.Greater(t, mustParse("15000000.01"), smetier.Wan(1500))
	})
	t.Run("0.1 + 0.2 == 0.3", func(t *testing.T) {
		assert.Equal(t, mustParse("0.3"), mustParse("0.1")+mustParse("0.2"))
	})
	t.Run("sum of many fen", func(t *testing.T) {
		var sum smetier.Money
		for range 1000 {
			sum += mustParse("0.01")
		}
		assert.Equal(t, smetier.Yuan(10), sum)
	})
	t.Run("JSON threshold exact", func(t *testing.T) {
		var m smetier.Money
		require.NoError(t, json.Unmarshal([]byte(`15000000`), &m))
		assert.Equal(t, smetier.Wan(1500), m)
		require.NoError(t, json.Unmarshal([]byte(`"15000000.00"`), &m))
		assert.Equal(t, smetier.Wan(1500), m)
	})
	t.Run("beyond float64 precision", func(t *testing.T) {
		// 2^53 + 1 fen cannot be held by a float64; the parsed value must still be exact.
		m := mustParse("90071992547409.93")
		assert.Equal(t, smetier.Fen(9_007_199_254_740_993), m)
		var j smetier.Money
		require.NoError(t, json.Unmarshal([]byte(`90071992547409.93`), &j))
		assert.Equal(t, m, j)
	})
}

func TestMoneyMarshalJSON(t *testing.T) {
	tests := []struct {
		m    smetier.Money
		want string
	}{
		{0, `0`},
		{smetier.Fen(150_000), `1500`},
		{smetier.Fen(150_050), `1500.5`},
		{smetier.Fen(150_055), `1500.55`},
		{smetier.Fen(10), `0.1`},
		{smetier.Fen(1), `0.01`},
		{smetier.Fen(-5), `-0.05`},
		{smetier.Fen(-50), `-0.5`},
		{smetier.Fen(-350), `-3.5`},
		{smetier.Yuan(-3), `-3`},
		{smetier.Yuan(100), `100`},
		{smetier.Fen(10_010), `100.1`},
		{smetier.Wan(1500), `15000000`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			b, err := json.Marshal(tt.m)
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(b))
			assert.True(t, json.Valid(b))

			var back smetier.Money
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, tt.m, back)
		})
	}

	t.Run("in a struct and through a pointer", func(t *testing.T) {
		m := smetier.Fen(150_050)
		b, err := json.Marshal(struct {
			A smetier.Money  `json:"a"`
			P *smetier.Money `json:"p"`
		}{smetier.Wan(1), &m})
		require.NoError(t, err)
		assert.JSONEq(t, `{"a":10000,"p":1500.5}`, string(b))
		assert.Equal(t, `{"a":10000,"p":1500.5}`, string(b))
	})
}

func TestMoneyUnmarshalJSON(t *testing.T) {
	valid := []struct {
		name string
		in   string
		want smetier.Money
	}{
		{"integer number", `1500`, smetier.Yuan(1500)},
		{"decimal number", `1500.5`, smetier.Fen(150_050)},
		{"two decimals", `1500.55`, smetier.Fen(150_055)},
		{"trailing zero", `1500.50`, smetier.Fen(150_050)},
		{"negative", `-3.50`, smetier.Fen(-350)},
		{"zero", `0`, 0},
		{"string integer", `"1500"`, smetier.Yuan(1500)},
		{"string decimal", `"12345.67"`, smetier.Fen(1_234_567)},
		{"string negative", `"-0.05"`, smetier.Fen(-5)},
		{"string plus", `"+2"`, smetier.Yuan(2)},
		{"string with spaces", `" 12.30 "`, smetier.Fen(1230)},
		{"large", `12345678901234.99`, smetier.Fen(1_234_567_890_123_499)},
	}
	for _, tt := range valid {
		t.Run("valid/"+tt.name, func(t *testing.T) {
			var m smetier.Money
			require.NoError(t, json.Unmarshal([]byte(tt.in), &m))
			assert.Equal(t, tt.want, m)
		})
	}

	invalid := []struct {
		name string
		in   string
	}{
		{"exponent", `1e5`},
		{"exponent upper", `1E5`},
		{"three decimals", `1.234`},
		{"string three decimals", `"1.234"`},
		{"string exponent", `"1e5"`},
		{"empty string", `""`},
		{"string letters", `"abc"`},
		{"string thousands", `"1,000"`},
		{"bool", `true`},
		{"array", `[1]`},
		{"object", `{"yuan":1}`},
		{"overflow", `100000000000000000`},
	}
	for _, tt := range invalid {
		t.Run("invalid/"+tt.name, func(t *testing.T) {
			m := smetier.Fen(42)
			require.Error(t, json.Unmarshal([]byte(tt.in), &m))
			assert.Equal(t, smetier.Fen(42), m, "a failed decode must leave the value unchanged")
		})
	}

	t.Run("null pointer field stays nil", func(t *testing.T) {
		var v struct {
			P *smetier.Money `json:"p"`
		}
		require.NoError(t, json.Unmarshal([]byte(`{"p":null}`), &v))
		assert.Nil(t, v.P)
	})

	t.Run("error surfaces from a struct field", func(t *testing.T) {
		var f smetier.Financing
		err := json.Unmarshal([]byte(`{"date":"2025-01-01","amount":1e7}`), &f)
		require.Error(t, err)
		var synErr *json.SyntaxError
		assert.False(t, errors.As(err, &synErr), "the input is valid JSON; the error is about the amount")
	})
}

func TestMoneyJSONRoundTrip(t *testing.T) {
	values := []smetier.Money{
		0, 1, -1, 10, 99, 100, 101, 150_000, 150_050, 150_055, -150_050,
		smetier.Wan(1500), smetier.Wan(1500) - 1, smetier.Wan(1500) + 1,
		1_234_567_890_123_499, -1_234_567_890_123_499,
	}
	for _, m := range values {
		t.Run(m.String(), func(t *testing.T) {
			b, err := json.Marshal(m)
			require.NoError(t, err)
			var back smetier.Money
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, m, back)

			// The string form of the same amount decodes identically.
			var fromString smetier.Money
			require.NoError(t, json.Unmarshal([]byte(`"`+m.String()+`"`), &fromString))
			assert.Equal(t, m, fromString)

			// And ParseMoney accepts String's output.
			parsed, err := smetier.ParseMoney(m.String())
			require.NoError(t, err)
			assert.Equal(t, m, parsed)
		})
	}
}

// JSON null leaves a Money alone, as encoding/json does for other types.
func TestMoneyJSONNull(t *testing.T) {
	var f smetier.Financing
	require.NoError(t, json.Unmarshal([]byte(`{"date":"2025-01-01","amount":null}`), &f))
	assert.Equal(t, smetier.Money(0), f.Amount)
	m := smetier.Wan(3)
	require.NoError(t, m.UnmarshalJSON([]byte("null")))
	assert.Equal(t, smetier.Wan(3), m)
}

// TestMoneyJSONEscaped: an amount string with escapes decodes as the plain one.
func TestMoneyJSONEscaped(t *testing.T) {
	for _, in := range []string{`"12.5"`, `"1\u0032.5"`, `" 12.50"`, `"12\u002e5"`} {
		var m smetier.Money
		require.NoError(t, json.Unmarshal([]byte(in), &m), in)
		assert.Equal(t, smetier.Fen(1250), m, in)
	}
	var m smetier.Money
	assert.Error(t, m.UnmarshalJSON([]byte(`"12\u0041"`)))
	assert.Error(t, m.UnmarshalJSON([]byte(`"12.5`)))
}
