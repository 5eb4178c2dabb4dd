package ruletest_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/smetier/smetier/ruletest"
)

// Run a case file against the built-in catalog. The second case expects too much: its line
// says what the engine found instead.
func ExampleRun() {
	fsys := fstest.MapFS{"rules/my-rules_test.yaml": {Data: []byte(`kind: cases
defaults:
  region: "610113"
  industry: C3812
  mainland_legal_person: true
  years: {"2025": {operating_revenue: 60000000, main_revenue: 57000000, employees: 200}}
  titles: []
cases:
  - name: without a specialized SME title
    as_of: 2026-06-15
    expect: {little_giant: not_qualified}
  - name: a wrong expectation
    as_of: 2026-06-15
    expect: {little_giant: qualified}
`)}}
	res, err := ruletest.Run(context.Background(), nil, fsys)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.Cases {
		if !c.Passed() {
			fmt.Println(c.String())
		}
	}
	fmt.Printf("%d passed, %d failed\n", res.Passed(), res.Failed())
	// Output:
	// rules/my-rules_test.yaml:12: case "a wrong expectation": little_giant: want qualified, got not_qualified (failed: [title.specialized], missing: [compliance.abnormal_list compliance.serious_dishonesty compliance.incidents compliance.prohibited_product segment.since … +14], judgement: [score.evaluation], rule set cn-2026-little-giant)
	// 1 passed, 1 failed
}
