package classify_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"testing/fstest"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/region"
)

// A bank screening a loan applicant asks which tiers it qualifies for under the rules in force in
// Shenzhen on a given date. Shenzhen recognises 专精特新 itself (sz-2026-specialized-sme, the national
// standard); the little giant is national.
func Example() {
	eng, err := classify.New()
	if err != nil {
		log.Fatal(err)
	}
	p := t26Base() // a profile with three years of figures, IP rights, titles and a platform score
	rep, err := eng.Classify(context.Background(), p, classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15")),
		classify.Only(smetier.Specialized, smetier.LittleGiant))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("size:", rep.Size.Class)
	for _, v := range rep.Verdicts {
		if !v.Covered {
			continue
		}
		fmt.Printf("%s: %s (%s)\n", v.Tier, v.Status, v.RuleSet.ID)
	}
	// Output:
	// size: small
	// specialized_sme: needs_judgement (sz-2026-specialized-sme)
	// little_giant: qualified (cn-2026-little-giant)
}

// Missing data is not failure: the verdict names the inputs that would decide it.
func Example_missingData() {
	eng, err := classify.New()
	if err != nil {
		log.Fatal(err)
	}
	p := t26Base()
	fy := p.Years[2024]
	fy.RDExpense = nil // 2024 R&D expense not supplied
	p.Years[2024] = fy

	rep, err := eng.Classify(context.Background(), p, classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(smetier.LittleGiant))
	if err != nil {
		log.Fatal(err)
	}
	v := rep.Verdict(smetier.LittleGiant)
	fmt.Println(v.Status)
	for _, m := range v.Missing {
		fmt.Println("provide", m.Path, "—", m.Label.En)
	}
	fmt.Println(v.Criterion("rd.total").Outcome)
	// Output:
	// needs_data
	// provide years.2024.rd_expense — R&D expense 2024
	// unknown
}

// Each criterion carries its citation and the values it looked at.
func Example_explanation() {
	eng, err := classify.New()
	if err != nil {
		log.Fatal(err)
	}
	p := t26Base()
	fy := p.Years[2025]
	fy.RDExpense = new(smetier.Wan(290)) // 2.9 % of 10000万
	p.Years[2025] = fy

	rep, err := eng.Classify(context.Background(), p, classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(smetier.Specialized))
	if err != nil {
		log.Fatal(err)
	}
	c := rep.Verdict(smetier.Specialized).Criterion("rd.ratio")
	fmt.Println(c.Outcome, "—", c.Citation)
	for _, o := range c.Observed {
		fmt.Printf("%s %d: %s\n", o.Fact, o.FiscalYear, o.Display.En)
	}
	// Output:
	// fail — 工信部企业〔2026〕2号 附件1（三）
	// fy1.rd_ratio_pct 2025: 2.9%
	// fy2.rd_ratio_pct 2024: ≈6.67%
}

// Errors are for input that cannot be judged at all, and can be matched with errors.Is.
func Example_errors() {
	eng, err := classify.New()
	if err != nil {
		log.Fatal(err)
	}
	_, err = eng.Classify(context.Background(), &smetier.Profile{Region: "710000"})
	fmt.Println(errors.Is(err, region.ErrUnknownRegion))

	_, err = eng.Classify(context.Background(), &smetier.Profile{Region: "440300", CreditCode: "91350100M000100Y44"})
	fmt.Println(errors.Is(err, smetier.ErrInvalidProfile))
	// Output:
	// true
	// true
}

// Which tier to aim for next, and what exactly is missing: the ladder names the next tier and
// its gaps, largest first, in the profile's own terms.
func Example_plan() {
	eng, err := classify.New()
	if err != nil {
		log.Fatal(err)
	}
	p := t26Base()
	p.Titles = p.Titles[:1] // holds the innovative-SME title only
	fy := p.Years[2025]
	fy.RDExpense = new(smetier.Wan(240))         // 2.4 % of revenue
	fy.TotalLiabilities = new(smetier.Wan(8300)) // 83 % of assets
	p.Years[2025] = fy

	rep, err := eng.Classify(context.Background(), p, classify.AsOf(smetier.MustDate("2026-06-15")),
		classify.Only(smetier.Innovative, smetier.Specialized, smetier.LittleGiant))
	if err != nil {
		log.Fatal(err)
	}
	l := rep.Ladder
	fmt.Println("next:", l.Next, l.NextStatus)
	for _, g := range l.Blocking {
		fmt.Printf("%s [%s %s]: %s\n", g.Criterion, g.Kind, g.Input, g.Message.En)
	}
	// Output:
	// next: specialized_sme not_qualified
	// rd.ratio [increase years.2025.rd_expense]: R&D expense / operating revenue 2025 is 2.4%; ≥ 3% needs R&D expense ≥ ¥3,000,000 at fixed operating revenue, i.e. +¥600,000
	// debt.ratio [decrease years.2025.total_liabilities]: debt-to-asset ratio 2025 is 83%; ≤ 80% reduce total liabilities by ¥3,000,000 to ¥80,000,000, or raise total assets by ¥3,750,000
	// market.position [review ]: judged by the authority: Main product's domestic or international segment share is among the leaders with some reputation
}

// A province's own program is a rule file with a program block: it gets its verdict beside the
// national tiers, and its title is a fact other rules read with holds().
func Example_localProgram() {
	own := fstest.MapFS{"gansu/gazelle.yaml": {Data: []byte(`
kind: rule-set
id: demo-gs-gazelle
program:
  id: demo_gazelle
  level: provincial
  after: specialized_sme
  title: {zh: 示例省瞪羚企业, en: Demo gazelle enterprise}
jurisdiction: "620000"
title: {zh: 示例瞪羚企业认定条件, en: Demo gazelle criteria}
doc: 示例〔2026〕1号
from: 2026-01-01
criteria:
  - id: growth
    kind: gate
    title: {zh: 上年度营业收入增长率不低于20%, en: "Revenue growth ≥ 20% last year"}
    cite: 第三条
    expr: fy1.revenue_growth_pct >= 20 || holds("little_giant")
`)}}
	cat, err := criteria.Load(criteria.BuiltinFS(), own)
	if err != nil {
		log.Fatal(err)
	}
	eng, err := classify.New(classify.WithCatalog(cat))
	if err != nil {
		log.Fatal(err)
	}
	p := t26Base()      // 2025 revenue 1亿 on 9000万: +11%
	p.Region = "620102" // a district of Lanzhou, Gansu
	rep, err := eng.Classify(context.Background(), p, classify.AsOf(smetier.MustDate("2026-06-15")))
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range rep.Rungs() {
		fmt.Println(v.Key(), v.Status)
	}
	g := rep.ProgramVerdict("demo_gazelle")
	fmt.Println(g.Program.Level, "after", g.Program.After, "failed:", g.Failed)
	for _, gap := range g.Criterion("growth").Gaps {
		fmt.Println(gap.Kind, gap.Message.En)
	}
	// Output:
	// innovative_sme qualified
	// specialized_sme needs_judgement
	// demo_gazelle not_qualified
	// little_giant qualified
	// champion not_qualified
	// provincial after specialized_sme failed: [growth]
	// increase operating revenue growth 2025 is ≈11.11%; needs ≥ 20%, i.e. +≈8.89%
	// obtain needed: holds a valid little-giant title
}

// A portal lists the enterprises of a registry with their status on every rung and what stands
// between each and its next rung: the compact summary, without the cost of a report.
func ExampleEngine_Summarize() {
	eng, err := classify.New()
	if err != nil {
		log.Fatal(err)
	}
	sum, err := eng.Summarize(context.Background(), t26Base(), classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15")))
	if err != nil {
		log.Fatal(err)
	}
	sum.Trim("en", 2) // the two largest gaps, in English: what Report.Summary("en", 2) keeps
	for _, r := range sum.Rungs {
		fmt.Printf("%s: %s, failed %v\n", r.Key, r.Status, r.Failed)
	}
	fmt.Println("highest:", sum.Highest, "next:", sum.Next)
	for _, g := range sum.Gaps {
		fmt.Println("-", g.Criterion, g.Message.En)
	}
	// Output:
	// innovative_sme: qualified, failed []
	// specialized_sme: needs_judgement, failed []
	// little_giant: qualified, failed []
	// gd_champion: not_qualified, failed [rdi.any]
	// champion: not_qualified, failed [main_revenue.avg]
	// highest: little_giant next: gd_champion
	// - rdi.any needed: has an own or joint R&D institution
	// - main_revenue.avg needed: holds a valid little-giant title
}
