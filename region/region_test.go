package region_test

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/region"
)

// provinces are the GB/T 2260 codes of the 31 provincial-level divisions of mainland China.
var provinces = []string{
	"110000", "120000", "130000", "140000", "150000",
	"210000", "220000", "230000",
	"310000", "320000", "330000", "340000", "350000", "360000", "370000",
	"410000", "420000", "430000", "440000", "450000", "460000",
	"500000", "510000", "520000", "530000", "540000",
	"610000", "620000", "630000", "640000", "650000",
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name     string
		code     string
		level    region.Level
		listed   bool
		zh, en   string // expected name; for unlisted codes, the listed ancestor's name it contains
		chain    []string
		parent   string
		noParent bool
	}{
		{
			name: "nation", code: "CN", level: region.Nation, listed: true,
			zh: "全国", en: "China (national)", chain: []string{"CN"}, noParent: true,
		},
		{
			name: "province", code: "440000", level: region.Province, listed: true,
			zh: "广东省", en: "Guangdong", chain: []string{"440000", "CN"}, parent: "CN",
		},
		{
			name: "listed city", code: "440300", level: region.City, listed: true,
			zh: "深圳市", en: "Shenzhen", chain: []string{"440300", "440000", "CN"}, parent: "440000",
		},
		{
			name: "unlisted district of a listed city", code: "440305", level: region.County, listed: false,
			zh: "深圳市", en: "Shenzhen", chain: []string{"440305", "440300", "440000", "CN"}, parent: "440300",
		},
		{
			name: "municipality district", code: "110105", level: region.County, listed: false,
			zh: "北京市", en: "Beijing", chain: []string{"110105", "110000", "CN"}, parent: "110000",
		},
		{
			// The city digits are 00: the province is the only ancestor, listed once (it used to
			// appear twice, once as the city).
			name: "county directly under a province", code: "110005", level: region.County, listed: false,
			zh: "北京市", en: "Beijing", chain: []string{"110005", "110000", "CN"}, parent: "110000",
		},
		{
			name: "municipality", code: "110000", level: region.Province, listed: true,
			zh: "北京市", en: "Beijing", chain: []string{"110000", "CN"}, parent: "CN",
		},
		{
			name: "unlisted city", code: "440500", level: region.City, listed: false,
			zh: "广东省", en: "Guangdong", chain: []string{"440500", "440000", "CN"}, parent: "440000",
		},
		{
			name: "unlisted county of an unlisted city", code: "440507", level: region.County, listed: false,
			zh: "广东省", en: "Guangdong", chain: []string{"440507", "440000", "CN"}, parent: "440000",
		},
		{
			name: "listed city without districts", code: "441900", level: region.City, listed: true,
			zh: "东莞市", en: "Dongguan", chain: []string{"441900", "440000", "CN"}, parent: "440000",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := region.Lookup(tt.code)
			require.NoError(t, err)
			assert.Equal(t, tt.code, r.Code)
			assert.Equal(t, tt.level, r.Level)
			assert.Equal(t, tt.listed, r.Listed)
			if tt.listed {
				assert.Equal(t, smetier.Text{Zh: tt.zh, En: tt.en}, r.Name)
			} else {
				// Named after the nearest listed ancestor.
				assert.Contains(t, r.Name.Zh, tt.zh)
				assert.Contains(t, r.Name.En, tt.en)
			}
			assert.Equal(t, tt.chain, r.Chain())

			ref := r.Ref()
			assert.Equal(t, smetier.RegionRef{Code: r.Code, Name: r.Name, Chain: tt.chain}, ref)

			p, ok := r.Parent()
			if tt.noParent {
				assert.False(t, ok)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tt.parent, p.Code)
			assert.True(t, p.Listed, "a parent is always listed")
		})
	}
}

func TestLookupErrors(t *testing.T) {
	tests := []struct {
		name string
		code string
	}{
		{"five digits", "44030"},
		{"seven digits", "4403050"},
		{"letters", "abcdef"},
		{"digits and letter", "44030a"},
		{"unknown province 99", "990000"},
		{"unknown province 00", "000000"},
		{"Hong Kong is not mainland", "810000"},
		{"Taiwan is not in the table", "710000"},
		{"unknown province, county-shaped", "991234"},
		{"empty", ""},
		{"lowercase cn", "cn"},
		{"leading space", " 440300"},
		{"signed", "-44030"},
		{"full-width digits", "４４０３００"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := region.Lookup(tt.code)
			require.Error(t, err)
			assert.True(t, errors.Is(err, region.ErrUnknownRegion), "%v", err)
			assert.Equal(t, region.Region{}, r)
			assert.Contains(t, err.Error(), fmt.Sprintf("%q", tt.code))
		})
	}
}

func TestParentWalk(t *testing.T) {
	tests := []struct {
		from string
		want []string
	}{
		{"440305", []string{"440300", "440000", "CN"}},
		{"110105", []string{"110000", "CN"}},
		{"440300", []string{"440000", "CN"}},
		{"440000", []string{"CN"}},
		{"CN", nil},
	}
	for _, tt := range tests {
		t.Run(tt.from, func(t *testing.T) {
			r, err := region.Lookup(tt.from)
			require.NoError(t, err)
			var got []string
			for range 10 { // bounded: a cycle must not hang the test
				p, ok := r.Parent()
				if !ok {
					break
				}
				got = append(got, p.Code)
				r = p
			}
			assert.Equal(t, tt.want, got)
			// The parent walk follows the chain.
			start, _ := region.Lookup(tt.from)
			assert.Equal(t, start.Chain()[1:], append([]string{}, got...))
		})
	}
}

func TestAll(t *testing.T) {
	all := region.All()
	require.NotEmpty(t, all)

	codes := make([]string, len(all))
	for i, r := range all {
		codes[i] = r.Code
	}

	t.Run("sorted by code, no duplicates", func(t *testing.T) {
		assert.True(t, sort.StringsAreSorted(codes), "All() is not in code order: %v", codes)
		for i := 1; i < len(codes); i++ {
			assert.Less(t, codes[i-1], codes[i], "duplicate or out of order at %d", i)
		}
	})

	t.Run("31 provinces", func(t *testing.T) {
		var got []string
		for _, c := range codes {
			if strings.HasSuffix(c, "0000") {
				got = append(got, c)
			}
		}
		assert.Len(t, got, 31)
		assert.Equal(t, provinces, got)
	})

	t.Run("every entry is listed, named and consistent with Lookup", func(t *testing.T) {
		for _, r := range all {
			assert.True(t, r.Listed, r.Code)
			assert.NotEmpty(t, r.Name.Zh, r.Code)
			assert.NotEmpty(t, r.Name.En, r.Code)
			assert.NotEqual(t, region.Nation, r.Level, r.Code)
			l, err := region.Lookup(r.Code)
			require.NoError(t, err, r.Code)
			assert.Equal(t, r, l)
			chain := r.Chain()
			assert.Equal(t, r.Code, chain[0])
			assert.Equal(t, region.National, chain[len(chain)-1])
			if r.Level == region.Province {
				assert.True(t, strings.HasSuffix(r.Code, "0000"), r.Code)
			}
		}
	})

	t.Run("well-known divisions are present, the nation is not", func(t *testing.T) {
		for _, c := range []string{"440300", "440100", "110000", "310000", "500000"} {
			assert.Contains(t, codes, c)
		}
		assert.NotContains(t, codes, region.National)
	})

	t.Run("returns a fresh slice", func(t *testing.T) {
		a := region.All()
		a[0] = region.Region{Code: "mutated"}
		assert.Equal(t, all[0], region.All()[0])
	})

	t.Run("stable across calls", func(t *testing.T) {
		for range 5 {
			assert.Equal(t, all, region.All())
		}
	})
}

// Nanshan district is not in the embedded table, but Shenzhen and Guangdong are: it is accepted,
// named after Shenzhen, and judged under Shenzhen's, Guangdong's and the national rules, in that
// order of preference.
func ExampleLookup() {
	r, err := region.Lookup("440305")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Level, r.Listed, r.Name.En, r.Chain())

	_, err = region.Lookup("990000")
	fmt.Println(errors.Is(err, region.ErrUnknownRegion))
	// Output:
	// county false Shenzhen [440305 440300 440000 CN]
	// true
}

// The five 计划单列市 act at provincial level; nothing else below a province does.
func TestSeparatelyPlanned(t *testing.T) {
	planned := map[string]string{"210200": "Dalian", "370200": "Qingdao", "330200": "Ningbo", "350200": "Xiamen", "440300": "Shenzhen"}
	for code, en := range planned {
		r, err := region.Lookup(code)
		require.NoError(t, err)
		assert.True(t, r.SeparatelyPlanned, code)
		assert.True(t, r.ProvincialLevel(), code)
		assert.Equal(t, region.City, r.Level, "a 计划单列市 stays a city in the chain")
		assert.Equal(t, en, r.Name.En)
	}
	for _, tc := range []struct {
		code       string
		provincial bool
	}{
		{"440000", true}, {"110000", true}, {"310000", true}, {"CN", false},
		{"440305", false}, // a district of Shenzhen is not itself provincial-level
		{"440100", false}, // Guangzhou: sub-provincial, not 计划单列市
		{"420100", false}, // Wuhan
		{"370100", false}, // Jinan
		{"210100", false}, // Shenyang
	} {
		r, err := region.Lookup(tc.code)
		require.NoError(t, err)
		assert.False(t, r.SeparatelyPlanned, tc.code)
		assert.Equal(t, tc.provincial, r.ProvincialLevel(), tc.code)
	}
	n := 0
	for _, r := range region.All() {
		if r.SeparatelyPlanned {
			n++
		}
	}
	assert.Equal(t, len(planned), n, "exactly five 计划单列市")
}
