package ruletest_test

import (
	"context"
	"fmt"
	"log"
	"testing/fstest"

	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/ruletest"
)

// A rule file of your own, loaded beside the built-in catalog, with its cases beside it. The
// cases pass, but they only show the R&D condition holding: coverage says the other side of the
// threshold is untested.
func ExampleResult_Coverage() {
	rules := fstest.MapFS{
		"gd.yaml": {Data: []byte(`kind: rule-set
id: gd-2026-little-giant
tier: little_giant
jurisdiction: "440000"
title: {zh: 广东省小巨人补充条件, en: Guangdong little-giant conditions}
doc: 粤工信〔2026〕0号
from: 2026-05-01
criteria:
  - id: rd.ratio
    kind: gate
    title: {zh: 上年度研发费用占比不低于5%, en: "R&D ≥ 5% of revenue last year"}
    cite: 第三条
    expr: fy1.rd_ratio_pct >= 5
`)},
		"gd_test.yaml": {Data: []byte(`kind: cases
defaults: {region: "440305", industry: C3812, years: {"2025": {operating_revenue: 10000000}}}
cases:
  - name: R&D exactly 5% passes
    as_of: 2026-06-15
    profile: {years: {"2025": {rd_expense: 500000}}}
    expect: {little_giant: qualified}
`)},
	}
	cat, err := criteria.Load(criteria.BuiltinFS(), rules)
	if err != nil {
		log.Fatal(err)
	}
	eng, err := classify.New(classify.WithCatalog(cat))
	if err != nil {
		log.Fatal(err)
	}
	res, err := ruletest.Run(context.Background(), eng, rules)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d passed, %d failed\n", res.Passed(), res.Failed())
	for _, sc := range res.Coverage(cat) {
		if sc.Set.ID == "gd-2026-little-giant" {
			fmt.Println(sc.Set.ID, sc.Cases, sc.Covered(), sc.Gaps())
		}
	}
	// Output:
	// 1 passed, 0 failed
	// gd-2026-little-giant 1 false [rd.ratio: never fails]
}
