package criteria_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/engine"
	"github.com/smetier/smetier/internal/testkit"
	"github.com/smetier/smetier/region"
)

// programsFS holds made-up local programs: a provincial gazelle (Shandong, 2025–2026) replaced
// in Qingdao from 2026, a provincial champion that reads the gazelle title, and a Wuhan pool.
func programsFS() fstest.MapFS {
	out := fstest.MapFS{}
	files, _ := filepath.Glob(filepath.Join("testdata", "programs", "*.yaml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		out["programs/"+filepath.Base(f)] = &fstest.MapFile{Data: b}
	}
	return out
}

func programCatalog(t *testing.T) *criteria.Catalog {
	t.Helper()
	cat, err := criteria.Load(testkit.NationalFS(), programsFS())
	require.NoError(t, err)
	return cat
}

func chain(t *testing.T, code string) []string {
	t.Helper()
	r, err := region.Lookup(code)
	require.NoError(t, err)
	return r.Chain()
}

func TestProgramsListed(t *testing.T) {
	cat := programCatalog(t)
	var ids []string
	for _, p := range cat.Programs() {
		if strings.HasPrefix(p.ID, "test_") { // the built-in catalog has programs of its own
			ids = append(ids, p.ID)
		}
	}
	// Ladder order: the pool below the first tier, the gazelle above specialized_sme, the
	// champion above little_giant.
	assert.Equal(t, []string{"test_pool", "test_gazelle", "test_champion"}, ids)
	p, ok := cat.Program("test_gazelle")
	require.True(t, ok)
	assert.Equal(t, smetier.ProgramRef{ID: "test_gazelle", Title: smetier.Text{Zh: "测试省瞪羚企业", En: "Test gazelle enterprise"},
		Level: smetier.Provincial, After: smetier.Specialized, Jurisdiction: "370200"}, p, "described by its latest set")
	_, ok = cat.Program("little_giant")
	assert.False(t, ok, "a tier is not a program")

	s := cat.Set("test-sd-2025-gazelle")
	require.NotNil(t, s)
	assert.Empty(t, s.Tier)
	assert.Equal(t, "test_gazelle", s.Key())
	assert.Equal(t, "测试省瞪羚企业", s.KeyTitle().Zh)
	assert.Equal(t, "little_giant", cat.Set("cn-2026-little-giant").Key())

	for _, k := range []smetier.TitleKind{"test_gazelle", "test_pool", smetier.TitleTechSME, smetier.TitleChampion} {
		assert.True(t, cat.TitleKnown(k), k)
	}
	for _, k := range []smetier.TitleKind{"test_gazele", "", "sd_gazelle"} {
		assert.False(t, cat.TitleKnown(k), k)
	}
	def, err := criteria.Default()
	require.NoError(t, err)
	assert.False(t, def.TitleKnown("test_gazelle"), "programs belong to the catalog that loads them")

	var facts []string
	for _, f := range cat.Facts() {
		facts = append(facts, f.Name)
	}
	assert.Subset(t, facts, []string{"title.test_gazelle", "title.test_pool", "title.little_giant", "fy1.operating_revenue"})
	assert.Len(t, cat.Facts(), len(criteria.Facts())+3, "one title fact per test program (the national files have none)")
}

func TestSelectProgram(t *testing.T) {
	cat := programCatalog(t)
	for _, tc := range []struct {
		name, code, date, id string
		want                 string // rule set id, "" for none
	}{
		{"province, in force", "370100", "2025-06-15", "test_gazelle", "test-sd-2025-gazelle"},
		{"district of a province", "370102", "2026-06-15", "test_gazelle", "test-sd-2025-gazelle"},
		{"first day", "370000", "2025-01-01", "test_gazelle", "test-sd-2025-gazelle"},
		{"day before", "370000", "2024-12-31", "test_gazelle", ""},
		{"last day (until is inclusive)", "370000", "2026-12-31", "test_gazelle", "test-sd-2025-gazelle"},
		{"out of period", "370000", "2027-01-01", "test_gazelle", ""},
		{"计划单列市 before its own set: the province's", "370200", "2025-12-31", "test_gazelle", "test-sd-2025-gazelle"},
		{"计划单列市 with its own set: most specific wins", "370200", "2026-01-01", "test_gazelle", "test-qd-2026-gazelle"},
		{"district of the 计划单列市", "370202", "2026-06-15", "test_gazelle", "test-qd-2026-gazelle"},
		{"the city's set has no end", "370202", "2030-06-15", "test_gazelle", "test-qd-2026-gazelle"},
		{"another province", "440305", "2026-06-15", "test_gazelle", ""},
		{"municipal pool in its city", "420102", "2026-06-15", "test_pool", "test-wh-2026-pool"},
		{"municipal pool elsewhere in the province", "420500", "2026-06-15", "test_pool", ""},
		{"unknown program", "370000", "2026-06-15", "test_gazele", ""},
		{"a tier's name is not a program", "370000", "2026-06-15", "little_giant", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := cat.SelectProgram(chain(t, tc.code), tc.id, smetier.MustDate(tc.date), false)
			if tc.want == "" {
				assert.Nil(t, s)
				return
			}
			require.NotNil(t, s)
			assert.Equal(t, tc.want, s.ID)
		})
	}
	// A national tier is never selected through a program, nor a program through a tier.
	assert.Nil(t, cat.SelectApplication(chain(t, "370000"), "", smetier.MustDate("2026-06-15"), false))
}

func TestSelectPrograms(t *testing.T) {
	cat := programCatalog(t)
	ids := func(sets []*criteria.RuleSet) []string {
		var out []string
		for _, s := range sets {
			out = append(out, s.ID)
		}
		return out
	}
	d := smetier.MustDate("2026-06-15")
	assert.Equal(t, []string{"test-qd-2026-gazelle", "test-sd-2025-champion"}, ids(cat.SelectPrograms(chain(t, "370202"), d, false)),
		"one set per program, most specific first, in ladder order")
	assert.Equal(t, []string{"test-sd-2025-gazelle", "test-sd-2025-champion"}, ids(cat.SelectPrograms(chain(t, "370100"), d, false)))
	assert.Equal(t, []string{"test-sd-2025-champion"}, ids(cat.SelectPrograms(chain(t, "370100"), smetier.MustDate("2027-06-15"), false)))
	assert.Equal(t, []string{"test-wh-2026-pool"}, ids(cat.SelectPrograms(chain(t, "420100"), d, false)))
	assert.Empty(t, cat.SelectPrograms(chain(t, "610113"), d, false), "Xi'an: no program there")

	// A place without programs costs no allocation: most classifications are such.
	xian := chain(t, "610113")
	assert.Zero(t, testing.AllocsPerRun(100, func() { cat.SelectPrograms(xian, d, false) }))
	var zero criteria.Catalog
	assert.Nil(t, zero.SelectPrograms(xian, d, false))
	assert.Nil(t, zero.SelectProgram(xian, "test_gazelle", d, false))
	assert.Empty(t, zero.Programs())
}

// holds() reads a title valid on the date of judgement: a built-in kind or any program of the
// catalog, including one defined in another file.
func TestHolds(t *testing.T) {
	cat := programCatalog(t)
	crit := cat.Set("test-sd-2025-champion").Criterion("revenue")
	require.NotNil(t, crit)
	assert.Equal(t, []string{"fy1.operating_revenue", "title.test_gazelle"}, crit.Facts, "holds(\"test_gazelle\") reads the title fact")
	asOf := smetier.MustDate("2026-06-15")
	exp := func(s string) *smetier.Date { d := smetier.MustDate(s); return &d }
	rev := smetier.Wan(15000) // between the gazelle holder's 1亿 and everyone's 4亿
	for _, tc := range []struct {
		name    string
		titles  []smetier.Title
		want    engine.Truth
		missing []string
	}{
		{"valid title", []smetier.Title{{Kind: "test_gazelle", Issued: smetier.MustDate("2025-03-01"), Expires: exp("2028-02-28")}}, engine.True, nil},
		{"expires on the day (inclusive)", []smetier.Title{{Kind: "test_gazelle", Issued: smetier.MustDate("2023-06-15"), Expires: exp("2026-06-15")}}, engine.True, nil},
		{"expired the day before", []smetier.Title{{Kind: "test_gazelle", Issued: smetier.MustDate("2023-06-14"), Expires: exp("2026-06-14")}}, engine.False, nil},
		{"issued after the date", []smetier.Title{{Kind: "test_gazelle", Issued: smetier.MustDate("2026-06-16")}}, engine.False, nil},
		{"revoked", []smetier.Title{{Kind: "test_gazelle", Issued: smetier.MustDate("2025-03-01"), Expires: exp("2028-02-28"), Revoked: true}}, engine.False, nil},
		{"expiry unknown", []smetier.Title{{Kind: smetier.TitleLittleGiant, Issued: smetier.MustDate("2024-01-01")}, {Kind: "test_gazelle", Issued: smetier.MustDate("2025-03-01")}},
			engine.Maybe, []string{"titles[1].expires"}},
		{"another kind only", []smetier.Title{{Kind: smetier.TitleLittleGiant, Issued: smetier.MustDate("2025-03-01"), Expires: exp("2028-02-28")}}, engine.False, nil},
		{"no titles", []smetier.Title{}, engine.False, nil},
		{"titles not supplied", nil, engine.Maybe, []string{"titles"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &smetier.Profile{Years: map[int]smetier.FiscalYear{2025: {OperatingRevenue: &rev}}, Titles: tc.titles}
			o := engine.CatalogOf(cat).Observer(p, asOf, false)
			defer o.Release()
			got, miss, err := o.Eval(context.Background(), engine.ProgramOf(crit))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			var paths []string
			for _, m := range miss {
				paths = append(paths, m.Path)
			}
			assert.Equal(t, tc.missing, paths)
			if tc.want != engine.True {
				// What would close it: the title, or 4亿 of revenue.
				gaps := o.Gaps(crit.ID, engine.ProgramOf(crit))
				require.NotEmpty(t, gaps)
			}
			ob := o.Observation("title.test_gazelle")
			assert.Equal(t, "持有有效的测试省瞪羚企业称号", ob.Label.Zh)
		})
	}
	// The built-in title facts read the same way.
	giant := cat.Set("test-sd-2025-champion").Criterion("giant")
	assert.Equal(t, []string{"title.little_giant"}, giant.Facts)

	// An observer that does not know the catalog's programs refuses rather than guessing.
	o := engine.NewObserver(&smetier.Profile{}, asOf, false, nil)
	defer o.Release()
	_, _, err := o.Eval(context.Background(), engine.ProgramOf(crit))
	var ee *engine.EvalError
	require.ErrorAs(t, err, &ee)
	assert.Contains(t, err.Error(), "Observer method")
}

// A user's file may read a program of the built-in catalog or of another user file; a tier's
// set may read a program title too.
func TestProgramAcrossFiles(t *testing.T) {
	user := fstest.MapFS{"extra/giant.yaml": {Data: []byte(`
kind: rule-set
id: test-sd-2026-little-giant
tier: little_giant
jurisdiction: "370000"
title: {zh: 测试省小巨人, en: Test provincial little giant}
doc: 测试〔2026〕9号
from: 2026-04-01
extends: cn-2026-little-giant
criteria:
  - id: test.gazelle
    kind: gate
    title: {zh: 已是瞪羚企业, en: Holds the gazelle title}
    cite: 第一条
    expr: holds("test_gazelle")
`)}}
	cat, err := criteria.Load(criteria.BuiltinFS(), user, programsFS())
	require.NoError(t, err, "a file may name a program defined in a later source")
	s := cat.Set("test-sd-2026-little-giant")
	require.NotNil(t, s)
	assert.Equal(t, []string{"title.test_gazelle"}, s.Criterion("test.gazelle").Facts)

	_, err = criteria.Load(criteria.BuiltinFS(), user)
	require.ErrorIs(t, err, criteria.ErrInvalidRule, "without the program's file the name is unknown")
	assert.Contains(t, err.Error(), `holds("test_gazelle")`)
}

func TestProgramExtendsErrors(t *testing.T) {
	file := func(id, head, extends string) []byte {
		return []byte("kind: rule-set\nid: " + id + "\n" + head + "\njurisdiction: \"370000\"\ntitle: {zh: 测试, en: Test}\ndoc: 测试〔2026〕1号\nfrom: 2026-01-01\nextends: " + extends + "\n")
	}
	prog := func(id string) string {
		return "program: {id: " + id + ", level: provincial, title: {zh: 测试, en: Test}}"
	}
	for _, tc := range []struct {
		name string
		fs   fstest.MapFS
		frag string
	}{
		{"a tier's set extends a program's", fstest.MapFS{"a.yaml": {Data: file("test-a", "tier: little_giant", "test-sd-2025-gazelle")}}, "local program's set"},
		{"a program's set extends another program's", fstest.MapFS{"a.yaml": {Data: file("test-a", prog("test_other"), "test-sd-2025-gazelle")}}, "another program (test_gazelle)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := criteria.Load(criteria.BuiltinFS(), programsFS(), tc.fs)
			require.ErrorIs(t, err, criteria.ErrInvalidRule)
			var le *criteria.LoadError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, "a.yaml", le.File)
			assert.Contains(t, err.Error(), tc.frag)
		})
	}
	// A program may take a national tier's criteria and add its own.
	cat, err := criteria.Load(criteria.BuiltinFS(), programsFS(), fstest.MapFS{"a.yaml": {Data: file("test-a", prog("test_other"), "cn-2026-little-giant")}})
	require.NoError(t, err)
	s := cat.Set("test-a")
	assert.Equal(t, len(cat.Set("cn-2026-little-giant").Criteria), len(s.Criteria))
	assert.Empty(t, s.HeldBy, "the tier's equivalent titles are not the program's")
}

// Files of rule-file test cases (*_test.yaml) are not rule files.
func TestCaseFilesSkipped(t *testing.T) {
	cat, err := criteria.Load(fstest.MapFS{"a/sd-gazelle_test.yaml": {Data: []byte("kind: cases\ncases: []\n")}})
	require.NoError(t, err)
	assert.Empty(t, cat.Sets())
}

func TestParseRungs(t *testing.T) {
	cat := programCatalog(t)
	got, err := cat.ParseRungs(" little_giant, test_gazelle ,little_giant")
	require.NoError(t, err)
	assert.Equal(t, []smetier.Tier{smetier.LittleGiant, "test_gazelle"}, got)
	for _, bad := range []string{"test_gazele", "little_giant,", "", "Little_giant"} {
		_, err := cat.ParseRungs(bad)
		var pe *smetier.ParseError
		require.ErrorAs(t, err, &pe, "%q", bad)
	}
	_, err = cat.ParseRungs("test_gazele")
	for _, id := range []string{"test_pool", "test_gazelle", "test_champion"} { // among the built-in programs
		assert.Contains(t, err.Error(), id)
	}
	def, err := criteria.Default()
	require.NoError(t, err)
	_, err = def.ParseRungs("test_gazelle")
	require.Error(t, err, "the built-in catalog has no such program")
}
