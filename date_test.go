package smetier_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

func TestParseDate(t *testing.T) {
	valid := []struct {
		in   string
		want smetier.Date
	}{
		{"2024-02-29", smetier.NewDate(2024, time.February, 29)},
		{"2000-02-29", smetier.NewDate(2000, time.February, 29)},
		{"2025-01-01", smetier.NewDate(2025, time.January, 1)},
		{"2025-12-31", smetier.NewDate(2025, time.December, 31)},
		{"2025-04-30", smetier.NewDate(2025, time.April, 30)},
		{"1949-10-01", smetier.NewDate(1949, time.October, 1)},
		{"9999-12-31", smetier.NewDate(9999, time.December, 31)},
	}
	for _, tt := range valid {
		t.Run("valid/"+tt.in, func(t *testing.T) {
			got, err := smetier.ParseDate(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.True(t, got.Valid())
			assert.False(t, got.IsZero())
			assert.Equal(t, tt.in, got.String())
			assert.Equal(t, tt.want, smetier.MustDate(tt.in))
		})
	}

	// A date of the right shape that does not exist says why, rather than asking for the shape
	// it already has (issue 13: "2025-02-30: want YYYY-MM-DD").
	invalid := []struct {
		name   string
		in     string
		reason string
	}{
		{"29 Feb common year", "2025-02-29", "not a calendar date: February 2025 has 28 days"},
		{"29 Feb century common year", "1900-02-29", "not a calendar date: February 1900 has 28 days"},
		{"30 Feb", "2024-02-30", "not a calendar date: February 2024 has 29 days"},
		{"31 April", "2025-04-31", "not a calendar date: April 2025 has 30 days"},
		{"month 13", "2025-13-01", "there is no month 13"},
		{"month 0", "2025-00-10", "there is no month 0"},
		{"day 0", "2025-01-00", "not a calendar date: January 2025 has 31 days"},
		{"day 32", "2025-01-32", "not a calendar date: January 2025 has 31 days"},
		{"year 0", "0000-01-01", "there is no year 0000"},
		{"empty", "", ""},
		{"single-digit month", "2025-1-01", ""},
		{"single-digit day", "2025-01-1", ""},
		{"slashes", "2025/01/01", ""},
		{"compact", "20250101", ""},
		{"with time", "2025-01-01T00:00:00Z", ""},
		{"leading space", " 2025-01-01", ""},
		{"trailing space", "2025-01-01 ", ""},
		{"chinese", "2025年1月1日", ""},
		{"day first", "01-01-2025", ""},
		{"two-digit year", "25-01-01", ""},
	}
	for _, tt := range invalid {
		t.Run("invalid/"+tt.name, func(t *testing.T) {
			got, err := smetier.ParseDate(tt.in)
			require.Error(t, err)
			assert.True(t, got.IsZero())
			var pe *smetier.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "date", pe.What)
			assert.Equal(t, tt.in, pe.Input)
			want := tt.reason
			if want == "" {
				want = "want YYYY-MM-DD"
			}
			assert.Equal(t, want, pe.Reason)
			assert.NotContains(t, err.Error(), "smetier:", "the caller names the field")
			assert.Panics(t, func() { smetier.MustDate(tt.in) })
		})
	}
}

func TestDateOf(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	// 2025-06-30 20:00 UTC is already 1 July in Beijing time.
	ts := time.Date(2025, time.June, 30, 20, 0, 0, 0, time.UTC)
	assert.Equal(t, smetier.MustDate("2025-06-30"), smetier.DateOf(ts))
	assert.Equal(t, smetier.MustDate("2025-07-01"), smetier.DateOf(ts.In(shanghai)))
}

func TestDateTime(t *testing.T) {
	d := smetier.MustDate("2024-02-29")
	assert.Equal(t, time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC), d.Time())
	assert.Equal(t, d, smetier.DateOf(d.Time()))
}

func TestDateValid(t *testing.T) {
	tests := []struct {
		name string
		d    smetier.Date
		want bool
	}{
		{"ordinary", smetier.NewDate(2025, time.June, 15), true},
		{"leap day", smetier.NewDate(2024, time.February, 29), true},
		{"leap day 2000", smetier.NewDate(2000, time.February, 29), true},
		{"29 Feb common year", smetier.NewDate(2025, time.February, 29), false},
		{"29 Feb 1900", smetier.NewDate(1900, time.February, 29), false},
		{"31 Dec", smetier.NewDate(2025, time.December, 31), true},
		{"31 Apr", smetier.NewDate(2025, time.April, 31), false},
		{"month 0", smetier.NewDate(2025, 0, 1), false},
		{"month 13", smetier.NewDate(2025, 13, 1), false},
		{"day 0", smetier.NewDate(2025, time.January, 0), false},
		{"day 32", smetier.NewDate(2025, time.January, 32), false},
		{"negative day", smetier.NewDate(2025, time.January, -1), false},
		{"year 0", smetier.NewDate(0, time.January, 1), false},
		{"negative year", smetier.NewDate(-1, time.January, 1), false},
		{"zero date", smetier.Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.d.Valid())
		})
	}
}

func TestDateIsZero(t *testing.T) {
	assert.True(t, smetier.Date{}.IsZero())
	assert.False(t, smetier.MustDate("2025-01-01").IsZero())
	assert.False(t, smetier.NewDate(0, 0, 1).IsZero())
}

func TestDateString(t *testing.T) {
	assert.Equal(t, "2025-01-02", smetier.NewDate(2025, time.January, 2).String())
	assert.Equal(t, "0987-11-30", smetier.NewDate(987, time.November, 30).String())
	assert.Equal(t, "0000-00-00", smetier.Date{}.String())
}

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"2025-06-15", "2025-06-15", 0},
		{"2025-06-14", "2025-06-15", -1},
		{"2025-06-16", "2025-06-15", 1},
		{"2025-05-31", "2025-06-01", -1},
		{"2025-07-01", "2025-06-30", 1},
		{"2024-12-31", "2025-01-01", -1},
		{"2026-01-01", "2025-12-31", 1},
		// Year dominates month and day, month dominates day.
		{"2024-12-31", "2025-01-01", -1},
		{"2025-01-31", "2025-02-01", -1},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			a, b := smetier.MustDate(tt.a), smetier.MustDate(tt.b)
			assert.Equal(t, tt.want, a.Compare(b))
			assert.Equal(t, -tt.want, b.Compare(a), "antisymmetric")
			assert.Equal(t, tt.want < 0, a.Before(b))
			assert.Equal(t, tt.want > 0, a.After(b))
			assert.Equal(t, tt.want > 0, b.Before(a))
			assert.Equal(t, tt.want < 0, b.After(a))
			// Agrees with time.Time ordering.
			assert.Equal(t, a.Time().Compare(b.Time()), a.Compare(b))
		})
	}

	t.Run("zero date is before every real date", func(t *testing.T) {
		assert.True(t, smetier.Date{}.Before(smetier.MustDate("0001-01-01")))
		assert.False(t, smetier.Date{}.After(smetier.MustDate("2025-01-01")))
	})
}

func TestDateAddYears(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2025-06-15", 0, "2025-06-15"},
		{"2025-06-15", 1, "2026-06-15"},
		{"2025-06-15", 3, "2028-06-15"},
		{"2025-06-15", -2, "2023-06-15"},
		{"2024-02-29", 1, "2025-02-28"},
		{"2024-02-29", -1, "2023-02-28"},
		{"2024-02-29", 4, "2028-02-29"},
		{"2024-02-29", -4, "2020-02-29"},
		{"2024-02-29", 76, "2100-02-28"}, // 2100 is not a leap year
		{"2024-02-29", -24, "2000-02-29"},
		{"2024-02-28", 1, "2025-02-28"},
		{"2023-03-01", 1, "2024-03-01"},
		{"2025-12-31", 1, "2026-12-31"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s%+d", tt.from, tt.n), func(t *testing.T) {
			from := smetier.MustDate(tt.from)
			got := from.AddYears(tt.n)
			assert.Equal(t, smetier.MustDate(tt.want), got)
			assert.True(t, got.Valid())
			assert.Equal(t, from.Month, got.Month, "AddYears never spills into the next month")
			assert.Equal(t, from.Year+tt.n, got.Year)
		})
	}
}

func TestDateFullYearsUntil(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"same day", "2020-06-15", "2020-06-15", 0},
		{"day after", "2020-06-15", "2020-06-16", 0},
		{"day before first anniversary", "2020-06-15", "2021-06-14", 0},
		{"first anniversary", "2020-06-15", "2021-06-15", 1},
		{"day after first anniversary", "2020-06-15", "2021-06-16", 1},
		{"day before third anniversary", "2020-06-15", "2023-06-14", 2},
		{"third anniversary", "2020-06-15", "2023-06-15", 3},
		{"day after third anniversary", "2020-06-15", "2023-06-16", 3},
		{"month before anniversary", "2020-06-15", "2023-05-15", 2},
		{"month after anniversary", "2020-06-15", "2023-07-15", 3},
		{"across year end, before", "2020-12-31", "2021-12-30", 0},
		{"across year end, on", "2020-12-31", "2021-12-31", 1},
		{"new year's day", "2021-01-01", "2025-12-31", 4},
		{"leap day to 28 Feb common year", "2020-02-29", "2021-02-28", 1},
		{"leap day to 27 Feb common year", "2020-02-29", "2021-02-27", 0},
		{"leap day to day before 4th anniversary", "2020-02-29", "2024-02-28", 3},
		{"leap day to 4th anniversary", "2020-02-29", "2024-02-29", 4},
		{"28 Feb to leap day", "2023-02-28", "2024-02-29", 1},
		{"1 Mar in leap year", "2024-03-01", "2025-02-28", 0},
		{"1 Mar in leap year, anniversary", "2024-03-01", "2025-03-01", 1},
		{"negative: exactly one year back", "2020-06-15", "2019-06-15", -1},
		{"negative: exactly two years back", "2020-06-15", "2018-06-15", -2},
		{"negative: a day more than two years back", "2020-06-15", "2018-06-14", -2},
		{"negative: a day less than two years back", "2020-06-15", "2018-06-16", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, smetier.MustDate(tt.from).FullYearsUntil(smetier.MustDate(tt.to)))
		})
	}

	t.Run("antisymmetric away from 29 February", func(t *testing.T) {
		pairs := [][2]string{
			{"2020-06-15", "2023-06-14"}, {"2020-06-15", "2023-06-15"}, {"2020-06-15", "2023-06-16"},
			{"2019-01-01", "2025-12-31"}, {"2010-03-01", "2025-02-28"},
		}
		for _, p := range pairs {
			a, b := smetier.MustDate(p[0]), smetier.MustDate(p[1])
			assert.Equal(t, -a.FullYearsUntil(b), b.FullYearsUntil(a), "%s %s", a, b)
		}
	})

	t.Run("never positive when the end is before the start", func(t *testing.T) {
		from := smetier.MustDate("2020-06-15")
		for _, to := range []string{"2020-06-14", "2019-12-31", "2019-06-16", "2019-06-15", "2001-01-01"} {
			assert.LessOrEqual(t, from.FullYearsUntil(smetier.MustDate(to)), 0, to)
		}
	})
}

func TestDateJSON(t *testing.T) {
	t.Run("marshal", func(t *testing.T) {
		tests := []struct {
			d    smetier.Date
			want string
		}{
			{smetier.Date{}, `""`},
			{smetier.MustDate("2024-02-29"), `"2024-02-29"`},
			{smetier.NewDate(2025, time.January, 2), `"2025-01-02"`},
		}
		for _, tt := range tests {
			t.Run(tt.want, func(t *testing.T) {
				b, err := json.Marshal(tt.d)
				require.NoError(t, err)
				assert.Equal(t, tt.want, string(b))
			})
		}
	})

	t.Run("unmarshal", func(t *testing.T) {
		valid := []struct {
			in   string
			want smetier.Date
		}{
			{`"2024-02-29"`, smetier.NewDate(2024, time.February, 29)},
			{`"2025-12-31"`, smetier.NewDate(2025, time.December, 31)},
			{`""`, smetier.Date{}},
			{`null`, smetier.Date{}},
		}
		for _, tt := range valid {
			t.Run("valid/"+tt.in, func(t *testing.T) {
				d := smetier.MustDate("1999-09-09")
				require.NoError(t, json.Unmarshal([]byte(tt.in), &d))
				assert.Equal(t, tt.want, d)
			})
		}
		invalid := []string{
			`"2025-02-29"`, `"2025-13-01"`, `"2025/01/01"`, `"2025-01-01T00:00:00Z"`,
			`20250101`, `true`, `{}`, `["2025-01-01"]`, `"x"`,
		}
		for _, in := range invalid {
			t.Run("invalid/"+in, func(t *testing.T) {
				var d smetier.Date
				require.Error(t, json.Unmarshal([]byte(in), &d))
			})
		}
	})

	t.Run("round trip", func(t *testing.T) {
		for _, s := range []string{"2024-02-29", "2025-01-01", "1949-10-01", "9999-12-31"} {
			d := smetier.MustDate(s)
			b, err := json.Marshal(d)
			require.NoError(t, err)
			var back smetier.Date
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, d, back)
		}
		var zero smetier.Date
		b, err := json.Marshal(zero)
		require.NoError(t, err)
		back := smetier.MustDate("2025-01-01")
		require.NoError(t, json.Unmarshal(b, &back))
		assert.True(t, back.IsZero())
	})

	t.Run("pointer field: null and absent are nil, value is set", func(t *testing.T) {
		type wrap struct {
			D *smetier.Date `json:"d,omitempty"`
		}
		var w wrap
		require.NoError(t, json.Unmarshal([]byte(`{}`), &w))
		assert.Nil(t, w.D)
		require.NoError(t, json.Unmarshal([]byte(`{"d":null}`), &w))
		assert.Nil(t, w.D)
		require.NoError(t, json.Unmarshal([]byte(`{"d":"2025-03-18"}`), &w))
		require.NotNil(t, w.D)
		assert.Equal(t, smetier.MustDate("2025-03-18"), *w.D)
		b, err := json.Marshal(w)
		require.NoError(t, err)
		assert.Equal(t, `{"d":"2025-03-18"}`, string(b))
	})
}

func TestParseDateRejectsYearZero(t *testing.T) {
	_, err := smetier.ParseDate("0000-01-01")
	assert.Error(t, err)
}

// Counting back is the mirror of counting forward.
func TestFullYearsUntilIsAntisymmetric(t *testing.T) {
	for _, c := range [][2]string{{"2020-06-15", "2019-06-16"}, {"2020-06-15", "2019-06-15"}, {"2020-02-29", "2021-02-28"}, {"2021-02-28", "2020-02-29"}, {"2016-03-01", "2026-02-28"}} {
		a, b := smetier.MustDate(c[0]), smetier.MustDate(c[1])
		assert.Equal(t, -a.FullYearsUntil(b), b.FullYearsUntil(a), "%s %s", c[0], c[1])
	}
	assert.Equal(t, -1, smetier.MustDate("2020-06-15").FullYearsUntil(smetier.MustDate("2019-06-15")))
}

// Today is the date in China (UTC+8): the day turns at 16:00 UTC.
func TestToday(t *testing.T) {
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 6, 14, 15, 59, 59, 0, time.UTC), "2026-06-14"},
		{time.Date(2026, 6, 14, 16, 0, 0, 0, time.UTC), "2026-06-15"},
		{time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC), "2027-01-01"},
		{time.Date(2026, 6, 15, 0, 30, 0, 0, time.FixedZone("PDT", -7*3600)), "2026-06-15"},
	} {
		assert.Equal(t, tc.want, smetier.Today(tc.at).String(), "%v", tc.at)
	}
}

// TestParseDateAsTimeParse: ParseDate reads well-formed dates directly rather than through
// time.Parse; over every year/month/day edge it must give what time.Parse-based parsing gives.
func TestParseDateAsTimeParse(t *testing.T) {
	reference := func(s string) (smetier.Date, bool) {
		tm, err := time.Parse(time.DateOnly, s)
		if err != nil || tm.Year() < 1 {
			return smetier.Date{}, false
		}
		return smetier.DateOf(tm), true
	}
	var inputs []string
	for _, y := range []int{0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2025, 2100, 9999} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				inputs = append(inputs, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	inputs = append(inputs, "2025-1-01", "2025-01-1", "20250-01-01", "2025/01/01", "2025-01-01 ", "+025-01-01",
		"-025-01-01", "２０２５-01-01", "2025-0a-01", "", "2025-01-01x", "99999-01-01")
	for _, s := range inputs {
		want, ok := reference(s)
		got, err := smetier.ParseDate(s)
		require.Equal(t, ok, err == nil, "%q: %v", s, err)
		assert.Equal(t, want, got, s)
	}
}

// TestDateJSONEscaped: a date written with escapes (as some JSON writers do) decodes as the
// plain one, and a non-string is refused as before.
func TestDateJSONEscaped(t *testing.T) {
	for _, in := range []string{`"2025-01-02"`, `"2025\u002d01-02"`, `"\u0032025-01-02"`} {
		var d smetier.Date
		require.NoError(t, json.Unmarshal([]byte(in), &d), in)
		assert.Equal(t, smetier.NewDate(2025, time.January, 2), d, in)
	}
	var d smetier.Date
	require.NoError(t, json.Unmarshal([]byte(`""`), &d))
	assert.True(t, d.IsZero())
	for _, in := range []string{`5`, `"2025-01-0\u0041"`, `"2025-01-02\n"`, `"é"`} {
		assert.Error(t, d.UnmarshalJSON([]byte(in)), in)
	}
}
