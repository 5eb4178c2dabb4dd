package ruletest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/ruletest"
)

// little is a profile that qualifies as a 2026 little giant in Xi'an on 2026-06-15.
const little = `kind: cases
defaults:
  region: "610113"
  industry: C3812
  mainland_legal_person: true
  years:
    "2023": {operating_revenue: 60000000, main_revenue: 57000000, rd_expense: 5000000, total_assets: 90000000, total_liabilities: 45000000, employees: 280}
    "2024": {operating_revenue: 70000000, main_revenue: 66500000, rd_expense: 6000000, total_assets: 95000000, total_liabilities: 47500000, employees: 290}
    "2025": {operating_revenue: 80000000, main_revenue: 76000000, rd_expense: 7000000, total_assets: 100000000, total_liabilities: 50000000, employees: 300}
  ip:
    - {number: A, kind: invention_patent, granted: 2020-06-01, transferred_in: false, owner_rank: 1, main_product: true, applied_with_benefit: true}
    - {number: B, kind: invention_patent, granted: 2021-06-01, transferred_in: false, owner_rank: 1, main_product: true, applied_with_benefit: true}
    - {number: C, kind: invention_patent, granted: 2022-06-01, transferred_in: false, owner_rank: 2, main_product: true, applied_with_benefit: true}
    - {number: D, kind: invention_patent, granted: 2023-06-01, transferred_in: false, owner_rank: 3, main_product: true, applied_with_benefit: true}
  awards: []
  rd_institutions: []
  financing: []
  segment: {since: 2014-01-01, market_share_pct: 12, national_rank: 2}
  main_product: {six_basics: true, key_chain_link: true}
  titles: [{kind: specialized_sme, level: provincial, issued: 2024-07-01, expires: 2027-06-30}]
  compliance: {abnormal_list: false, serious_dishonesty: false, incidents: [], prohibited_product: false}
  group: {little_giant_control: false, similar_product_little_giant: false}
  evaluation_scores: {"2026": 75}
cases:
`

func run(t *testing.T, eng *classify.Engine, cases string) *ruletest.Result {
	t.Helper()
	res, err := ruletest.Run(context.Background(), eng, fstest.MapFS{"rules/x_test.yaml": {Data: []byte(little + cases)}})
	require.NoError(t, err)
	return res
}

// Each expectation is compared, and a failing case says in one line what was wanted and what
// the engine gave.
func TestRunMismatches(t *testing.T) {
	for _, tc := range []struct {
		name, cases string
		want        string // "" when the case passes
	}{
		{"pass", `  - name: c
    as_of: 2026-06-15
    expect: {little_giant: qualified}
    failed: {little_giant: []}
    missing: {little_giant: []}
`, ""},
		{"wrong status", `  - name: c
    as_of: 2026-06-15
    profile: {years: {"2025": {operating_revenue: "49999999.99", main_revenue: 47500000}}}
    expect: {little_giant: qualified}
`, `rules/x_test.yaml:25: case "c": little_giant: want qualified, got not_qualified (failed: [revenue revenue.growth], rule set cn-2026-little-giant)`},
		{"wrong failed set", `  - name: c
    as_of: 2026-06-15
    profile: {titles: []}
    expect: {little_giant: not_qualified}
    failed: {little_giant: [revenue]}
`, `rules/x_test.yaml:25: case "c": little_giant: failed: want [revenue], got [title.specialized] (rule set cn-2026-little-giant)`},
		{"failed set is exact", `  - name: c
    as_of: 2026-06-15
    profile: {titles: [], segment: {since: 2024-01-01}}
    expect: {little_giant: not_qualified}
    failed: {little_giant: [title.specialized]}
`, `rules/x_test.yaml:25: case "c": little_giant: failed: want [title.specialized], got [title.specialized segment.years] (rule set cn-2026-little-giant)`},
		{"wrong missing set", `  - name: c
    as_of: 2026-06-15
    profile: {evaluation_scores: null}
    expect: {little_giant: needs_judgement}
    missing: {little_giant: []}
`, `rules/x_test.yaml:25: case "c": little_giant: missing: want [], got [evaluation_scores.2026] (judgement: [score.evaluation], rule set cn-2026-little-giant)`},
		{"two mismatches", `  - name: c
    as_of: 2026-06-15
    profile: {titles: []}
    expect: {little_giant: qualified, specialized_sme: qualified}
`, `rules/x_test.yaml:25: case "c": little_giant: want qualified, got not_qualified (failed: [title.specialized], rule set cn-2026-little-giant); ` +
			`specialized_sme: want qualified, got not_qualified (failed: [title.tier1], judgement: [market.position], rule set cn-2026-specialized-sme)`},
		{"no verdict for a program", `  - name: c
    as_of: 2026-06-15
    expect: {sd_gazelle: qualified}
`, `rules/x_test.yaml:25: case "c": sd_gazelle: want qualified, but no verdict for sd_gazelle here (verdicts here: innovative_sme, specialized_sme, little_giant, champion)`},
		{"none where there is no verdict", `  - name: c
    as_of: 2026-06-15
    expect: {sd_gazelle: none}
`, ""},
		{"none where there is a verdict", `  - name: c
    as_of: 2026-06-15
    expect: {little_giant: none}
`, `rules/x_test.yaml:25: case "c": little_giant: want none, got qualified (rule set cn-2026-little-giant)`},
		{"no rule set in force yet", `  - name: c
    as_of: 2016-01-01
    expect: {little_giant: qualified}
`, `rules/x_test.yaml:25: case "c": little_giant: want qualified, but no verdict for little_giant here (verdicts here: none)`},
		{"invalid profile", `  - name: c
    as_of: 2026-06-15
    profile: {titles: [{kind: specialized_sme, issued: 2026-07-01, expires: 2026-06-30}]}
    expect: {little_giant: qualified}
`, `rules/x_test.yaml:25: case "c": invalid profile: titles[0].expires: before the issue date (line 27)`},
		{"no region", `  - name: c
    as_of: 2026-06-15
    profile: {region: null}
    expect: {little_giant: qualified}
`, `rules/x_test.yaml:25: case "c": no region: set region in the case, or in the profile (defaults)`},
		{"judged elsewhere", `  - name: c
    as_of: 2026-06-15
    region: CN
    expect: {little_giant: qualified}
`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, nil, tc.cases)
			require.Len(t, res.Cases, 1)
			c := res.Cases[0]
			assert.Equal(t, "rules/x_test.yaml", c.File)
			assert.Equal(t, 25, c.Line)
			assert.Equal(t, "c", c.Name)
			if tc.want == "" {
				assert.True(t, c.Passed(), c.String())
				assert.Equal(t, `rules/x_test.yaml:25: case "c": ok`, c.String())
				assert.Equal(t, 1, res.Passed())
				assert.Equal(t, 0, res.Failed())
				return
			}
			assert.False(t, c.Passed())
			assert.Equal(t, tc.want, c.String())
			assert.Equal(t, 0, res.Passed())
			assert.Equal(t, 1, res.Failed())
		})
	}
}

// A malformed case file is reported and the others still run.
func TestRunBadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"rules/a_test.yaml":            {Data: []byte(little + "  - name: ok\n    as_of: 2026-06-15\n    expect: {little_giant: qualified}\n")},
		"rules/b_test.yaml":            {Data: []byte("kind: cases\ncases: [\n")},
		"rules/c_test.yml":             {Data: []byte(little + "  - name: wrong\n    as_of: 2026-06-15\n    expect: {little_giant: not_qualified}\n")},
		"rules/d.yaml":                 {Data: []byte("not a case file")},
		"rules/e_test.yaml/readme.txt": {Data: []byte("a directory with a case-file name is not a case file")},
	}
	res, err := ruletest.Run(context.Background(), nil, fsys)
	require.Error(t, err)
	assert.ErrorIs(t, err, ruletest.ErrInvalidCase)
	var ce *ruletest.CaseError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "rules/b_test.yaml", ce.File)
	require.NotNil(t, res)
	require.Len(t, res.Cases, 2)
	assert.Equal(t, "rules/a_test.yaml", res.Cases[0].File)
	assert.True(t, res.Cases[0].Passed())
	assert.Equal(t, "rules/c_test.yml", res.Cases[1].File)
	assert.False(t, res.Cases[1].Passed())
	assert.Equal(t, 1, res.Passed())
	assert.Equal(t, 1, res.Failed())
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ruletest.Run(ctx, nil, fstest.MapFS{"x_test.yaml": {Data: []byte(little + "  - name: c\n    as_of: 2026-06-15\n    expect: {little_giant: qualified}\n")}})
	assert.True(t, errors.Is(err, context.Canceled), "%v", err)
}

// Cases run against the engine they are given: here one whose catalog adds a Shaanxi set.
func TestRunUserCatalog(t *testing.T) {
	user := fstest.MapFS{
		"sn-2026-little-giant.yaml": {Data: []byte(`kind: rule-set
id: sn-2026-little-giant
tier: little_giant
jurisdiction: "610000"
title: {zh: 测试陕西小巨人, en: Test Shaanxi little giant}
doc: 测试陕〔2026〕1号
from: 2026-05-01
extends: cn-2026-little-giant
criteria:
  - id: revenue
    kind: gate
    title: {zh: 上年度营业收入1亿元以上, en: "Revenue ≥ ¥100M"}
    cite: 第一条
    expr: fy1.operating_revenue >= 10000
`)},
		"sn-2026-little-giant_test.yaml": {Data: []byte(little + `  - name: 8000万 is not enough in Shaanxi
    as_of: 2026-06-15
    expect: {little_giant: not_qualified}
    failed: {little_giant: [revenue]}
  - name: but is nationally
    as_of: 2026-06-15
    region: CN
    expect: {little_giant: qualified}
  - name: before the Shaanxi set the national one applies
    as_of: 2026-04-30
    expect: {little_giant: qualified}
`)},
	}
	cat, err := criteria.Load(criteria.BuiltinFS(), user)
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	res, err := ruletest.Run(context.Background(), eng, user)
	require.NoError(t, err)
	require.Len(t, res.Cases, 3)
	for _, c := range res.Cases {
		assert.True(t, c.Passed(), c.String())
	}

	// The same cases against the built-in catalog alone fail where the Shaanxi set matters.
	res, err = ruletest.Run(context.Background(), nil, user)
	require.NoError(t, err)
	assert.Equal(t, 1, res.Failed())
	assert.Contains(t, res.Cases[0].String(), "little_giant: want not_qualified, got qualified")
}

// Cases expect statuses of local programs by id, as of tiers, and a program title in a case's
// profile is checked against the engine's catalog.
func TestRunPrograms(t *testing.T) {
	cat, err := criteria.Load(criteria.BuiltinFS(), os.DirFS(filepath.Join("..", "criteria", "testdata", "programs")))
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	cases := `kind: cases
defaults:
  region: "370202"
  industry: C3812
  years:
    "2024": {operating_revenue: 25000000}
    "2025": {operating_revenue: 30000000}
cases:
  - name: Qingdao gazelle at 3000万 and 20%
    as_of: 2026-06-15
    expect: {test_gazelle: qualified, test_champion: not_qualified}
  - name: Qingdao gazelle 1元 short
    as_of: 2026-06-15
    profile: {years: {"2025": {operating_revenue: 29999999}}}
    expect: {test_gazelle: not_qualified}
    failed: {test_gazelle: [revenue, growth]}
  - name: the champion reads the gazelle title
    as_of: 2026-06-15
    profile:
      years: {"2025": {operating_revenue: 100000000}}
      titles: [{kind: test_gazelle, issued: 2025-03-01}, {kind: little_giant, issued: 2025-09-01, expires: 2028-08-31}]
    expect: {test_champion: needs_data}
    missing: {test_champion: ["titles[0].expires"]}
`
	res, err := ruletest.Run(context.Background(), eng, fstest.MapFS{"qd_test.yaml": {Data: []byte(cases)}})
	require.NoError(t, err)
	require.Len(t, res.Cases, 3)
	for _, c := range res.Cases {
		assert.True(t, c.Passed(), c.String())
	}
}
