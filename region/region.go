package region

import (
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/smetier/smetier"
)

// National is the jurisdiction code of nation-wide rules.
const National = "CN"

// Level is the level of a division.
type Level string

// Division levels.
const (
	Nation   Level = "national"
	Province Level = "province"
	City     Level = "city"
	County   Level = "county"
)

// ErrUnknownRegion is matched (errors.Is) by every error Lookup returns.
var ErrUnknownRegion = errors.New("unknown region")

// Region is an administrative division.
type Region struct {
	// Code is the 6-digit GB/T 2260 code as looked up, or National.
	Code string
	// Name is the division's name in Chinese and English (see Listed for unlisted codes).
	Name smetier.Text
	// Level is read from the code's structure: a code ending in 0000 is a province, in 00 a
	// city, anything else a county-level division.
	Level Level
	// Listed is false for a valid-looking code under a known province that the embedded table does
	// not name; Name is then its nearest listed ancestor's name.
	Listed bool
	// SeparatelyPlanned is true for the five 计划单列市 (Dalian, Qingdao, Ningbo, Xiamen,
	// Shenzhen): cities that act at provincial level in SME recognition, so that their own rule
	// set for a tier replaces their province's and their programs may be provincial-level.
	SeparatelyPlanned bool
}

// separatelyPlanned lists the 计划单列市 by code.
var separatelyPlanned = map[string]bool{"210200": true, "370200": true, "330200": true, "350200": true, "440300": true}

// ProvincialLevel reports whether r acts at provincial level in recognition: a province
// (including the four municipalities directly under the central government) or a 计划单列市.
func (r Region) ProvincialLevel() bool { return r.Level == Province || r.SeparatelyPlanned }

//go:embed data/divisions.tsv
var divisionsTSV string

type entry struct{ zh, en string }

// table is built once from embedded data and never modified.
var table = func() map[string]entry {
	m := map[string]entry{}
	for _, line := range strings.Split(divisionsTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			panic("region: bad line in divisions.tsv: " + line)
		}
		m[f[0]] = entry{f[1], f[2]}
	}
	return m
}()

// Lookup returns the division with the given 6-digit code, or the nation for "CN". Codes not in
// the table are accepted when their province is known, so that any real district can be used;
// rules attach to provinces and listed cities.
func Lookup(code string) (Region, error) {
	if code == National {
		return Region{Code: National, Name: smetier.Text{Zh: "全国", En: "China (national)"}, Level: Nation, Listed: true}, nil
	}
	if len(code) != 6 || strings.Trim(code, "0123456789") != "" {
		return Region{}, fmt.Errorf("%w %q: want a 6-digit administrative division code or %q", ErrUnknownRegion, code, National)
	}
	if _, ok := listedByPrefix[code[:2]]; !ok { // every province is listed
		return Region{}, fmt.Errorf("%w %q: no province %s0000 in mainland China", ErrUnknownRegion, code, code[:2])
	}
	r := Region{Code: code, Level: levelOf(code), SeparatelyPlanned: separatelyPlanned[code]}
	if e, ok := table[code]; ok {
		r.Name, r.Listed = smetier.Text{Zh: e.zh, En: e.en}, true
		return r, nil
	}
	if anc, n := listedAncestors(code); n > 0 {
		e := table[anc[0]]
		r.Name = smetier.Text{Zh: e.zh, En: e.en}
	}
	return r, nil
}

func levelOf(code string) Level {
	switch {
	case code[2:] == "0000":
		return Province
	case code[4:] == "00":
		return City
	}
	return County
}

// listedAncestors returns the listed city and province codes above code, nearest first. The
// codes come from the table, found by prefix, so no code string is built per call.
func listedAncestors(code string) (out [2]string, n int) {
	lv := levelOf(code)
	if lv == County {
		if c, ok := listedByPrefix[code[:4]]; ok {
			out[n], n = c, n+1
		}
	}
	if lv != Province {
		if c, ok := listedByPrefix[code[:2]]; ok {
			out[n], n = c, n+1
		}
	}
	return out, n
}

// listedByPrefix maps a listed city's first four digits and a listed province's first two to
// the division's code.
var listedByPrefix = func() map[string]string {
	m := map[string]string{}
	for code := range table {
		switch levelOf(code) {
		case Province:
			m[code[:2]] = code
		case City:
			m[code[:4]] = code
		}
	}
	return m
}()

// Chain returns r's code and those of its listed ancestors, most specific first, ending with
// National: the order in which rule sets are looked for.
func (r Region) Chain() []string {
	if r.Code == National {
		return []string{National}
	}
	if c, ok := listedChains[r.Code]; ok {
		return slices.Clone(c)
	}
	return chainOf(r.Code)
}

// listedChains holds the chain of every listed division, computed once from the embedded table
// and never modified: the engine asks for a chain on every classification.
var listedChains = func() map[string][]string {
	m := make(map[string][]string, len(table))
	for code := range table {
		m[code] = chainOf(code)
	}
	return m
}()

func chainOf(code string) []string {
	anc, n := listedAncestors(code)
	chain := make([]string, 0, n+2)
	chain = append(chain, code)
	chain = append(chain, anc[:n]...)
	return append(chain, National)
}

// Parent returns the nearest listed ancestor, or the nation for a province; ok is false for the
// nation itself.
func (r Region) Parent() (Region, bool) {
	c := r.Chain()
	if len(c) < 2 {
		return Region{}, false
	}
	p, err := Lookup(c[1])
	return p, err == nil
}

// Ref returns r as used in reports.
func (r Region) Ref() smetier.RegionRef {
	return smetier.RegionRef{Code: r.Code, Name: r.Name, Chain: r.Chain()}
}

// All returns every listed division, in code order.
func All() []Region {
	out := make([]Region, 0, len(table))
	for code := range table {
		r, _ := Lookup(code)
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
