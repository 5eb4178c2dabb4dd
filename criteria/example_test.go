package criteria_test

import (
	"errors"
	"fmt"
	"log"
	"testing/fstest"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
)

// The built-in catalog lists every rule set with its jurisdiction, period and source.
func ExampleDefault() {
	cat, err := criteria.Default()
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range cat.Sets() {
		if s.ID == "cn-2026-little-giant" {
			fmt.Println(s.Tier, s.Jurisdiction, s.From, s.Doc, len(s.Criteria), "criteria")
		}
	}
	fmt.Println(cat.SizeStandard(smetier.MustDate("2026-06-15")).Doc)
	// Output:
	// little_giant CN 2026-04-01 工信部企业〔2026〕2号 20 criteria
	// 工信部联企业〔2011〕300号
}

// A province adds its own rule set as a file; the most specific jurisdiction in force wins.
func ExampleLoad() {
	own := fstest.MapFS{"guangdong/little-giant.yaml": {Data: []byte(`
kind: rule-set
id: gd-2026-little-giant-demo
tier: little_giant
jurisdiction: "440000"
title: {zh: 示例省级规则, en: Example provincial rules}
doc: 示例〔2026〕1号
from: 2026-05-01
criteria:
  - id: rd.ratio
    kind: gate
    title: {zh: 上年度研发费用占比不低于5%, en: "R&D ≥ 5% of revenue last year"}
    cite: 第三条
    expr: fy1.rd_ratio_pct >= 5
`)}}
	cat, err := criteria.Load(criteria.BuiltinFS(), own)
	if err != nil {
		log.Fatal(err)
	}
	d := smetier.MustDate("2026-06-15")
	fmt.Println(cat.Select([]string{"440305", "440300", "440000", "CN"}, smetier.LittleGiant, d).ID)
	fmt.Println(cat.Select([]string{"110000", "CN"}, smetier.LittleGiant, d).ID)
	// Output:
	// gd-2026-little-giant-demo
	// cn-2026-little-giant
}

// A rule that reads an undeclared fact is rejected at load, with its file, line and criterion.
func ExampleParse() {
	_, _, err := criteria.Parse("my-rules.yaml", []byte(`
kind: rule-set
id: demo
tier: specialized_sme
jurisdiction: CN
title: {zh: 示例, en: Example}
doc: 示例〔2026〕1号
from: 2026-01-01
criteria:
  - id: rd
    kind: gate
    title: {zh: 研发, en: R&D}
    cite: 第一条
    expr: fy1.rd_ratio >= 3
`))
	fmt.Println(errors.Is(err, criteria.ErrInvalidRule))
	var le *criteria.LoadError
	if errors.As(err, &le) {
		fmt.Println(le.File, le.Line, le.Column, le.Criterion)
		fmt.Println(le)
	}
	// Output:
	// true
	// my-rules.yaml 14 14 rd
	// my-rules.yaml:14:14: rule set "demo": criterion "rd": expression: ERROR: <input>:1:4: undeclared reference to 'fy1.rd_ratio' (did you mean 'fy1.rd_staff' or 'fy1.rd_ratio_pct'?)
	// 	 | fy1.rd_ratio >= 3
	// 	 | ...^
}

// A rule set is data to read: each criterion's kind, citation, CEL source and the facts it
// reads, and each fact's unit and label.
func ExampleRuleSet() {
	cat, err := criteria.Default()
	if err != nil {
		log.Fatal(err)
	}
	s := cat.Set("cn-2026-little-giant")
	c := s.Criterion("rd.ratio")
	fmt.Println(s.Key(), c.Kind, c.Citation())
	fmt.Println(c.Expr)
	for _, name := range c.Facts {
		f, _ := criteria.LookupFact(name)
		fmt.Printf("%s (%s): %s\n", f.Name, f.Unit, f.Label.En)
	}
	// Output:
	// little_giant gate 工信部企业〔2026〕2号 附件2（三）
	// fy1.rd_ratio_pct >= 3 && fy2.rd_ratio_pct >= 3
	// fy1.rd_ratio_pct (%): R&D expense / operating revenue
	// fy2.rd_ratio_pct (%): R&D expense / operating revenue
}
