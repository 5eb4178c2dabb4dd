package criteria_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
)

// The SME size standard of 工信部联企业〔2011〕300号 第四条, written out here independently of
// data/size/cn-2011-300.yaml so that a typo in the data file fails these tests.

// fyYear is the fiscal year whose figures are classified.
const fyYear = 2025

// bnd holds the lower bounds of one class: employees (人), revenue and assets (万元). 0 means the
// class has no bound on that figure (no class of 300号 has a bound of 0).
type bnd struct{ emp, rev, assets int64 }

type sizeGroupSpec struct {
	id, cite string
	// codes are industry codes that fall into the group; the first is used for boundary tests.
	codes                []string
	large, medium, small bnd
}

var sizeGroups = []sizeGroupSpec{
	{"agriculture", "第四条（一）", []string{"A0111", "A", "A05"}, bnd{rev: 20000}, bnd{rev: 500}, bnd{rev: 50}},
	{"industry", "第四条（二）", []string{"C3812", "B0610", "D4411", "C"}, bnd{emp: 1000, rev: 40000}, bnd{emp: 300, rev: 2000}, bnd{emp: 20, rev: 300}},
	{"construction", "第四条（三）", []string{"E4710", "E48"}, bnd{rev: 80000, assets: 80000}, bnd{rev: 6000, assets: 5000}, bnd{rev: 300, assets: 300}},
	{"wholesale", "第四条（四）", []string{"F5110", "F51"}, bnd{emp: 200, rev: 40000}, bnd{emp: 20, rev: 5000}, bnd{emp: 5, rev: 1000}},
	{"retail", "第四条（五）", []string{"F5210", "F5291"}, bnd{emp: 300, rev: 20000}, bnd{emp: 50, rev: 500}, bnd{emp: 10, rev: 100}},
	{"transport", "第四条（六）", []string{"G5410", "G5910", "G5510", "G5610", "G5710", "G5810", "G591"}, bnd{emp: 1000, rev: 30000}, bnd{emp: 300, rev: 3000}, bnd{emp: 20, rev: 200}},
	{"warehousing", "第四条（七）", []string{"G5920", "G5990", "G592"}, bnd{emp: 200, rev: 30000}, bnd{emp: 100, rev: 1000}, bnd{emp: 20, rev: 100}},
	{"post", "第四条（八）", []string{"G6010", "G6020"}, bnd{emp: 1000, rev: 30000}, bnd{emp: 300, rev: 2000}, bnd{emp: 20, rev: 100}},
	{"accommodation", "第四条（九）", []string{"H6110"}, bnd{emp: 300, rev: 10000}, bnd{emp: 100, rev: 2000}, bnd{emp: 10, rev: 100}},
	{"catering", "第四条（十）", []string{"H6210"}, bnd{emp: 300, rev: 10000}, bnd{emp: 100, rev: 2000}, bnd{emp: 10, rev: 100}},
	{"telecom", "第四条（十一）", []string{"I6310", "I6410"}, bnd{emp: 2000, rev: 100000}, bnd{emp: 100, rev: 1000}, bnd{emp: 10, rev: 100}},
	{"software", "第四条（十二）", []string{"I6510", "I6550"}, bnd{emp: 300, rev: 10000}, bnd{emp: 100, rev: 1000}, bnd{emp: 10, rev: 50}},
	{"real_estate_development", "第四条（十三）", []string{"K7010"}, bnd{rev: 200000, assets: 10000}, bnd{rev: 1000, assets: 5000}, bnd{rev: 100, assets: 2000}},
	{"property_management", "第四条（十四）", []string{"K7020"}, bnd{emp: 1000, rev: 5000}, bnd{emp: 300, rev: 1000}, bnd{emp: 100, rev: 500}},
	{"leasing_business", "第四条（十五）", []string{"L7111", "L7211"}, bnd{emp: 300, assets: 120000}, bnd{emp: 100, assets: 8000}, bnd{emp: 10, assets: 100}},
	{"other", "第四条（十六）", []string{"M7310", "N7610", "O8010", "Q8510", "R8610", "K7030", "K7090"}, bnd{emp: 300}, bnd{emp: 100}, bnd{emp: 10}},
}

// fig is one year's size figures: employees and money in fen; nil is unknown.
type fig struct {
	emp, rev, assets *int64
}

func (b bnd) keys() []string {
	var ks []string
	if b.emp != 0 {
		ks = append(ks, "employees")
	}
	if b.rev != 0 {
		ks = append(ks, "revenue")
	}
	if b.assets != 0 {
		ks = append(ks, "assets")
	}
	return ks
}

func (b bnd) get(key string) int64 {
	switch key {
	case "employees":
		return b.emp
	case "revenue":
		return b.rev
	}
	return b.assets
}

// figAt returns figures exactly on the bounds of b (money converted to fen).
func figAt(b bnd) fig {
	var f fig
	for _, k := range b.keys() {
		f = f.with(k, unitOf(k)*b.get(k))
	}
	return f
}

// unitOf is the number of raw units (persons, fen) in one unit of the bound.
func unitOf(key string) int64 {
	if key == "employees" {
		return 1
	}
	return int64(smetier.Wan(1))
}

func (f fig) with(key string, raw int64) fig {
	v := raw
	switch key {
	case "employees":
		f.emp = &v
	case "revenue":
		f.rev = &v
	default:
		f.assets = &v
	}
	return f
}

func (f fig) raw(key string) int64 {
	switch key {
	case "employees":
		return *f.emp
	case "revenue":
		return *f.rev
	}
	return *f.assets
}

func (f fig) profile(code string) *smetier.Profile {
	var fy smetier.FiscalYear
	if f.emp != nil {
		e := int(*f.emp)
		fy.Employees = &e
	}
	if f.rev != nil {
		m := smetier.Fen(*f.rev)
		fy.OperatingRevenue = &m
	}
	if f.assets != nil {
		m := smetier.Fen(*f.assets)
		fy.TotalAssets = &m
	}
	return &smetier.Profile{Industry: code, Years: map[int]smetier.FiscalYear{fyYear: fy}}
}

func (f fig) String() string {
	s := ""
	if f.emp != nil {
		s += fmt.Sprintf(" employees=%d", *f.emp)
	}
	if f.rev != nil {
		s += " revenue=" + smetier.Fen(*f.rev).String()
	}
	if f.assets != nil {
		s += " assets=" + smetier.Fen(*f.assets).String()
	}
	return s
}

func sizeStd(t *testing.T) *criteria.SizeStandard {
	t.Helper()
	cat, err := criteria.Load(criteria.BuiltinFS())
	require.NoError(t, err)
	std := cat.SizeStandard(smetier.MustDate("2026-06-01"))
	require.NotNil(t, std, "no size standard in force on 2026-06-01")
	require.Equal(t, "cn-2011-300", std.ID)
	return std
}

func ip64(v int64) *int64 { return &v }

func boundsOf(b bnd) criteria.Bounds {
	var out criteria.Bounds
	if b.emp != 0 {
		out.Employees = ip64(b.emp)
	}
	if b.rev != 0 {
		out.Revenue = ip64(b.rev)
	}
	if b.assets != 0 {
		out.Assets = ip64(b.assets)
	}
	return out
}

// The data file has exactly the 16 groups of 300号 第四条 with the statutory bounds.
func TestSizeStandardData(t *testing.T) {
	std := sizeStd(t)
	assert.Equal(t, "工信部联企业〔2011〕300号", std.Doc)
	assert.Equal(t, smetier.MustDate("2011-06-18"), std.From)
	assert.Nil(t, std.Until)
	require.Len(t, std.Groups, len(sizeGroups))
	for i, want := range sizeGroups {
		got := std.Groups[i]
		t.Run(want.id, func(t *testing.T) {
			assert.Equal(t, want.id, got.ID)
			assert.Equal(t, want.cite, got.Cite)
			assert.NotEmpty(t, got.Title.Zh)
			assert.NotEmpty(t, got.Title.En)
			assert.Equal(t, boundsOf(want.large), got.Large, "large")
			assert.Equal(t, boundsOf(want.medium), got.Medium, "medium")
			assert.Equal(t, boundsOf(want.small), got.Small, "small")
			// Bounds decrease strictly from class to class on every figure, and every class uses
			// the same figures: the boundary construction below relies on it.
			assert.Equal(t, want.large.keys(), want.medium.keys())
			assert.Equal(t, want.medium.keys(), want.small.keys())
			for _, k := range want.large.keys() {
				assert.Greater(t, want.large.get(k), want.medium.get(k), k)
				assert.Greater(t, want.medium.get(k), want.small.get(k), k)
			}
		})
	}
}

func TestSizeStandardInForce(t *testing.T) {
	cat, err := criteria.Load(criteria.BuiltinFS())
	require.NoError(t, err)
	assert.Nil(t, cat.SizeStandard(smetier.MustDate("2011-06-17")), "before 300号 came into force")
	for _, d := range []string{"2011-06-18", "2020-01-01", "2026-04-01", "2030-12-31"} {
		s := cat.SizeStandard(smetier.MustDate(d))
		if assert.NotNil(t, s, d) {
			assert.Equal(t, "cn-2011-300", s.ID, d)
		}
	}
}

type sizeCase struct {
	name string
	code string
	f    fig
	want smetier.SizeClass
}

// sizeCases builds, for every group and every bound of every class, figures exactly on the bound
// (→ that class), one unit below (one person or one fen → the next class down) and above.
func sizeCases(g sizeGroupSpec) []sizeCase {
	type cl struct {
		class smetier.SizeClass
		b     bnd
	}
	classes := []cl{{smetier.Large, g.large}, {smetier.Medium, g.medium}, {smetier.Small, g.small}}
	lower := map[smetier.SizeClass]smetier.SizeClass{smetier.Large: smetier.Medium, smetier.Medium: smetier.Small, smetier.Small: smetier.Micro}
	code := g.codes[0]
	var cs []sizeCase
	add := func(name string, f fig, want smetier.SizeClass) {
		cs = append(cs, sizeCase{name: g.id + "/" + code + "/" + name, code: code, f: f, want: want})
	}
	for i, c := range classes {
		at := figAt(c.b)
		add(fmt.Sprintf("%s/at-bounds", c.class), at, c.class)
		above := at
		for _, k := range c.b.keys() {
			above = above.with(k, at.raw(k)+1)
			add(fmt.Sprintf("%s/%s-one-below", c.class, k), at.with(k, at.raw(k)-1), lower[c.class])
			add(fmt.Sprintf("%s/%s-one-above", c.class, k), at.with(k, at.raw(k)+1), c.class)
		}
		add(fmt.Sprintf("%s/all-one-above", c.class), above, c.class)
		if i == 0 {
			var far fig
			for _, k := range c.b.keys() {
				far = far.with(k, 10*at.raw(k))
			}
			add("large/far-above", far, smetier.Large)
			continue
		}
		// One figure at the higher class's bound is not enough while another stays in this
		// class: an enterprise needs every bound of a class.
		higher := classes[i-1]
		for _, k := range c.b.keys() {
			want := c.class
			if len(c.b.keys()) == 1 {
				want = higher.class
			}
			add(fmt.Sprintf("%s/only-%s-at-%s", c.class, k, higher.class), at.with(k, unitOf(k)*higher.b.get(k)), want)
		}
		// Every figure just below the higher class.
		below := at
		for _, k := range c.b.keys() {
			below = below.with(k, unitOf(k)*higher.b.get(k)-1)
		}
		add(fmt.Sprintf("%s/all-just-below-%s", c.class, higher.class), below, c.class)
	}
	var zero fig
	for _, k := range g.small.keys() {
		zero = zero.with(k, 0)
	}
	add("micro/zero", zero, smetier.Micro)
	// Large on one figure, micro on another: micro.
	if ks := g.large.keys(); len(ks) > 1 {
		mixed := figAt(g.large).with(ks[1], unitOf(ks[1])*g.small.get(ks[1])-1)
		add(fmt.Sprintf("micro/large-%s-but-%s-below-small", ks[0], ks[1]), mixed, smetier.Micro)
	}
	return cs
}

func TestClassifyBoundaries(t *testing.T) {
	std := sizeStd(t)
	for _, g := range sizeGroups {
		for _, tc := range sizeCases(g) {
			t.Run(tc.name, func(t *testing.T) {
				r := std.Classify(tc.f.profile(tc.code), fyYear)
				assert.Equal(t, tc.want, r.Class, "figures:%v", tc.f)
				require.NotNil(t, r.SME, "SME undecided for%v", tc.f)
				assert.Equal(t, tc.want != smetier.Large, *r.SME, "SME for%v", tc.f)
				assert.Empty(t, r.Missing)
				assert.Equal(t, g.id, r.Group)
				assert.Equal(t, "cn-2011-300", r.Standard)
				assert.Equal(t, "工信部联企业〔2011〕300号 "+g.cite, r.Citation)
				assert.Equal(t, fyYear, r.FiscalYear)
				assert.NotEmpty(t, r.GroupTitle.Zh)
			})
		}
	}
}

// Every listed code of a group classifies under that group.
func TestSizeGroupCodes(t *testing.T) {
	std := sizeStd(t)
	for _, g := range sizeGroups {
		for _, code := range g.codes {
			t.Run(g.id+"/"+code, func(t *testing.T) {
				grp, ambiguous := std.Group(code)
				assert.False(t, ambiguous)
				if assert.NotNil(t, grp) {
					assert.Equal(t, g.id, grp.ID)
				}
				r := std.Classify(figAt(g.medium).profile(code), fyYear)
				assert.Equal(t, g.id, r.Group)
				assert.Equal(t, smetier.Medium, r.Class)
			})
		}
	}
}

func TestClassifyIndustryNotDecided(t *testing.T) {
	std := sizeStd(t)
	f := figAt(bnd{emp: 1, rev: 1, assets: 1})
	for _, tc := range []struct {
		name, code string
		official   bool
	}{
		// 房地产租赁经营 is none of 第四条's groups: the authority decides (第六条).
		{"K7040 not covered", "K7040", true},
		{"J6610 finance not covered", "J6610", true},
		{"P8310 education not covered", "P8310", true},
		{"S9110 public administration not covered", "S9110", true},
		// G59 holds both 装卸搬运 (G591, transport) and 仓储 (warehousing).
		{"G59 ambiguous", "G59", false},
		{"G5 ambiguous", "G5", false},
		{"G ambiguous", "G", false},
		{"K70 ambiguous", "K70", false},
		{"F5 ambiguous", "F5", false},
		{"I ambiguous", "I", false},
		{"empty code", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := std.Classify(f.profile(tc.code), fyYear)
			assert.Empty(t, r.Class)
			assert.Nil(t, r.SME)
			assert.Empty(t, r.Group)
			require.Len(t, r.Missing, 1)
			assert.Equal(t, "industry", r.Missing[0].Path)
			assert.Equal(t, tc.official, r.Missing[0].Official)
			assert.NotEmpty(t, r.Missing[0].Label.Zh)
			assert.NotEmpty(t, r.Missing[0].Label.En)
			assert.Equal(t, "cn-2011-300", r.Standard)
		})
	}
	t.Run("Group", func(t *testing.T) {
		g, amb := std.Group("G59")
		assert.Nil(t, g)
		assert.True(t, amb)
		g, amb = std.Group("K7040")
		assert.Nil(t, g)
		assert.False(t, amb)
	})
}

func TestClassifyPartialData(t *testing.T) {
	std := sizeStd(t)
	emp := func(n int64) *int64 { return &n }
	wan := func(n int64) *int64 { v := int64(smetier.Wan(n)); return &v }
	fen := func(n int64) *int64 { return &n }
	revIn := "years.2025.operating_revenue"
	empIn := "years.2025.employees"
	assetsIn := "years.2025.total_assets"
	yes, no := true, false
	for _, tc := range []struct {
		name    string
		code    string
		f       fig
		class   smetier.SizeClass
		sme     *bool
		missing []string
	}{
		{"industry 800 employees, revenue unknown: SME, class open", "C3812", fig{emp: emp(800)}, "", &yes, []string{revIn}},
		{"industry 1000 employees and 40000万: large", "C3812", fig{emp: emp(1000), rev: wan(40000)}, smetier.Large, &no, nil},
		{"industry 999 employees and 40000万: medium", "C3812", fig{emp: emp(999), rev: wan(40000)}, smetier.Medium, &yes, nil},
		{"industry 1000 employees and 40000万 less 1 fen: medium", "C3812", fig{emp: emp(1000), rev: fen(int64(smetier.Wan(40000)) - 1)}, smetier.Medium, &yes, nil},
		{"industry 1000 employees, revenue unknown: undecided", "C3812", fig{emp: emp(1000)}, "", nil, []string{revIn}},
		{"industry revenue 40000万, employees unknown: undecided", "C3812", fig{rev: wan(40000)}, "", nil, []string{empIn}},
		{"industry nothing known", "C3812", fig{}, "", nil, []string{empIn, revIn}},
		{"industry revenue below small, employees unknown: micro", "C3812", fig{rev: wan(299)}, smetier.Micro, &yes, nil},
		{"industry 19 employees, revenue unknown: micro", "C3812", fig{emp: emp(19)}, smetier.Micro, &yes, nil},
		{"industry revenue 500万, employees unknown: small or micro", "C3812", fig{rev: wan(500)}, "", &yes, []string{empIn}},
		{"industry revenue 2000万, employees unknown: medium, small or micro", "C3812", fig{rev: wan(2000)}, "", &yes, []string{empIn}},
		{"construction assets unknown, revenue below small: micro", "E4710", fig{rev: wan(299)}, smetier.Micro, &yes, nil},
		{"construction revenue 80000万, assets unknown", "E4710", fig{rev: wan(80000)}, "", nil, []string{assetsIn}},
		{"construction revenue 6000万, assets unknown", "E4710", fig{rev: wan(6000)}, "", &yes, []string{assetsIn}},
		{"agriculture needs revenue only", "A0111", fig{rev: wan(500)}, smetier.Medium, &yes, nil},
		{"agriculture revenue unknown", "A0111", fig{emp: emp(5000)}, "", nil, []string{revIn}},
		{"other needs employees only", "M7310", fig{emp: emp(300)}, smetier.Large, &no, nil},
		{"leasing assets unknown, 99 employees", "L7111", fig{emp: emp(99)}, "", &yes, []string{assetsIn}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := std.Classify(tc.f.profile(tc.code), fyYear)
			assert.Equal(t, tc.class, r.Class)
			if tc.sme == nil {
				assert.Nil(t, r.SME)
			} else if assert.NotNil(t, r.SME) {
				assert.Equal(t, *tc.sme, *r.SME)
			}
			var paths []string
			for _, in := range r.Missing {
				paths = append(paths, in.Path)
				assert.False(t, in.Official, in.Path)
				assert.NotEmpty(t, in.Label.Zh, in.Path)
				assert.NotEmpty(t, in.Label.En, in.Path)
			}
			assert.ElementsMatch(t, tc.missing, paths)
		})
	}
}

// Only the figures of the fiscal year passed to Classify count.
func TestClassifyUsesGivenYear(t *testing.T) {
	std := sizeStd(t)
	e, small := 5000, 10
	big := smetier.Wan(100000)
	tiny := smetier.Wan(1)
	p := &smetier.Profile{Industry: "C3812", Years: map[int]smetier.FiscalYear{
		2024: {Employees: &e, OperatingRevenue: &big},
		2025: {Employees: &small, OperatingRevenue: &tiny},
	}}
	r := std.Classify(p, 2024)
	assert.Equal(t, smetier.Large, r.Class)
	assert.Equal(t, 2024, r.FiscalYear)
	r = std.Classify(p, 2025)
	assert.Equal(t, smetier.Micro, r.Class)
	r = std.Classify(p, 2026)
	assert.Empty(t, r.Class)
	assert.Nil(t, r.SME)
	var paths []string
	for _, in := range r.Missing {
		paths = append(paths, in.Path)
	}
	assert.ElementsMatch(t, []string{"years.2026.employees", "years.2026.operating_revenue"}, paths)
}

// A report must not change from run to run: the missing inputs come in a fixed order.
func TestClassifyMissingOrderDeterministic(t *testing.T) {
	std := sizeStd(t)
	p := (fig{}).profile("C3812")
	first := std.Classify(p, fyYear).Missing
	require.Len(t, first, 2)
	for i := 0; i < 200; i++ {
		got := std.Classify(p, fyYear).Missing
		if !assert.Equal(t, first, got, "run %d", i) {
			return
		}
	}
}
