package ruletest_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/ruletest"
)

// incomplete lists built-in sets whose cases do not yet show every criterion on both sides,
// with what is missing; TestBuiltinCoverage fails for any other. Empty is the goal.
var incomplete = map[string]string{}

const escape = "until they do, list the set in incomplete (ruletest/coverage_test.go) with what is missing"

// TestBuiltinCoverage holds the catalog to its promise: every local set (a jurisdiction below
// CN, or a local program) ships cases, and every set that ships cases has each of its own criteria seen holding and
// not holding (each band of a score item reached). Whether the cases sit on the edge of each
// threshold is for the author and reviewer; this is the part a machine can check.
func TestBuiltinCoverage(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	res, err := ruletest.Run(context.Background(), eng, criteria.BuiltinFS())
	require.NoError(t, err)
	for _, sc := range res.Coverage(eng.Catalog()) {
		set := sc.Set
		caseFile := strings.TrimSuffix(set.File, ".yaml") + "_test.yaml"
		_, statErr := fs.Stat(criteria.BuiltinFS(), caseFile)
		hasCases := statErr == nil
		if set.Jurisdiction == "CN" && set.Program == nil && !hasCases {
			continue
		}
		t.Run(set.ID, func(t *testing.T) {
			if why, ok := incomplete[set.ID]; ok {
				if hasCases && sc.Covered() {
					t.Errorf("%s is covered now: remove it from incomplete", set.ID)
				}
				t.Skipf("known incomplete: %s", why)
			}
			if !hasCases {
				t.Errorf("%s: a local set ships its cases in %s (README, Testing your rule files); %s", set.File, caseFile, escape)
				return
			}
			if !sc.Covered() {
				t.Errorf("%s: the cases do not yet show: %s; %s", caseFile, strings.Join(sc.Gaps(), "; "), escape)
			}
		})
	}
	for id := range incomplete {
		assert.NotNil(t, eng.Catalog().Set(id), "incomplete lists %s, which is not in the catalog", id)
	}
}

const coverageRules = `kind: rule-set
id: sn-2026-specialized-sme
tier: specialized_sme
jurisdiction: "610000"
title: {zh: 测试陕西专精特新, en: Test Shaanxi specialized SME}
doc: 测试陕〔2026〕1号
from: 2026-05-01
extends: cn-2026-specialized-sme
criteria:
  - id: rd.ratio
    kind: gate
    title: {zh: 研发费用占比不低于5%, en: "R&D ≥ 5%"}
    cite: 第一条
    expr: fy1.rd_ratio_pct >= 5
  - id: staff
    kind: gate
    title: {zh: 研发人员不少于10人, en: "R&D staff ≥ 10"}
    cite: 第二条
    expr: fy1.rd_staff >= 10
  - id: brand
    kind: judgement
    title: {zh: 拥有自主品牌, en: Own brand}
    cite: 第三条
    expr: product.own_brand
`

func TestCoverage(t *testing.T) {
	user := fstest.MapFS{"sn.yaml": {Data: []byte(coverageRules)}}
	cat, err := criteria.Load(criteria.BuiltinFS(), user)
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	cases := `kind: cases
defaults:
  region: "610113"
  years: {"2025": {operating_revenue: 10000000, rd_expense: 500000, rd_staff: 10}}
  main_product: {own_brand: true}
cases:
  - name: R&D 5%
    as_of: 2026-06-15
    expect: {specialized_sme: not_qualified}
  - name: R&D 4.99%
    as_of: 2026-06-15
    profile: {years: {"2025": {rd_expense: 499000}}, main_product: {own_brand: false}}
    expect: {specialized_sme: not_qualified}
  - name: staff unknown
    as_of: 2026-06-15
    profile: {years: {"2025": {rd_staff: null}}}
    expect: {specialized_sme: not_qualified}
  - name: an invalid profile counts for nothing
    as_of: 2026-06-15
    profile: {years: {"2025": {rd_staff: -1}}}
    expect: {specialized_sme: not_qualified}
`
	res, err := ruletest.Run(context.Background(), eng, fstest.MapFS{"sn_test.yaml": {Data: []byte(cases)}})
	require.NoError(t, err)
	var sn *ruletest.SetCoverage
	cov := res.Coverage(cat)
	for i := range cov {
		if cov[i].Set.ID == "sn-2026-specialized-sme" {
			sn = &cov[i]
		}
	}
	require.NotNil(t, sn)
	assert.Equal(t, 3, sn.Cases)
	// Only the set's own criteria: the national ones it inherits are the national cases' job.
	require.Len(t, sn.Criteria, 3)
	assert.Equal(t, ruletest.CriterionCoverage{ID: "rd.ratio", Kind: criteria.Gate, Passed: 2, Failed: 1}, sn.Criteria[0])
	assert.Equal(t, ruletest.CriterionCoverage{ID: "staff", Kind: criteria.Gate, Passed: 2, Gap: "never fails"}, sn.Criteria[1])
	assert.Equal(t, ruletest.CriterionCoverage{ID: "brand", Kind: criteria.Judgement, Passed: 2, Failed: 1}, sn.Criteria[2])
	assert.False(t, sn.Covered())
	assert.Equal(t, []string{"staff: never fails"}, sn.Gaps())

	for _, sc := range cov {
		switch sc.Set.ID {
		case "cn-2022-little-giant":
			assert.Zero(t, sc.Cases)
			assert.False(t, sc.Covered())
			assert.Equal(t, []string{"no case is judged under this set"}, sc.Gaps())
		case "cn-2026-innovative-sme":
			// Score items need every band reached.
			var ip *ruletest.CriterionCoverage
			for i := range sc.Criteria {
				if sc.Criteria[i].ID == "ip.count" {
					ip = &sc.Criteria[i]
				}
			}
			require.NotNil(t, ip)
			assert.Equal(t, criteria.Score, ip.Kind)
			assert.Contains(t, ip.Gap, "never gives")
			assert.Contains(t, ip.Gap, "points")
		}
	}
}

// A local program's set is covered like a tier's, by the cases that expect its id; a set that
// extends another is held only to its own criteria.
func TestCoveragePrograms(t *testing.T) {
	programs := os.DirFS(filepath.Join("..", "criteria", "testdata", "programs"))
	cat, err := criteria.Load(criteria.BuiltinFS(), programs)
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	cases := `kind: cases
defaults:
  region: "370202"
  industry: C3812
  years:
    "2024": {operating_revenue: 25000000, employees: 100}
    "2025": {operating_revenue: 30000000, employees: 100}
cases:
  - name: Qingdao gazelle at exactly 3000万
    as_of: 2026-06-15
    expect: {test_gazelle: qualified}
  - name: Qingdao gazelle one cent short
    as_of: 2026-06-15
    profile: {years: {"2025": {operating_revenue: "29999999.99"}}}
    expect: {test_gazelle: not_qualified}
    failed: {test_gazelle: [revenue, growth]}
  - name: no Qingdao gazelle before 2025
    as_of: 2024-06-15
    expect: {test_gazelle: none}
`
	res, err := ruletest.Run(context.Background(), eng, fstest.MapFS{"qd_test.yaml": {Data: []byte(cases)}})
	require.NoError(t, err)
	for _, c := range res.Cases {
		require.True(t, c.Passed(), c.String())
	}
	var qd *ruletest.SetCoverage
	cov := res.Coverage(cat)
	for i := range cov {
		if cov[i].Set.ID == "test-qd-2026-gazelle" {
			qd = &cov[i]
		}
	}
	require.NotNil(t, qd)
	assert.Equal(t, 2, qd.Cases)
	assert.Equal(t, []ruletest.CriterionCoverage{{ID: "revenue", Kind: criteria.Gate, Passed: 1, Failed: 1}}, qd.Criteria)
	assert.True(t, qd.Covered())
}
