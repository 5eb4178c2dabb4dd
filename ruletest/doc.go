// Package ruletest runs the test cases that ship beside rule files, so that whoever writes a
// rule file (a provincial office, a consultancy, a contributor to the built-in catalog) can
// check it on concrete enterprises without writing Go.
//
// Cases for rules/sd-2023-gazelle.yaml live in rules/sd-2023-gazelle_test.yaml; the rule loader
// (package criteria) skips every *_test.yaml file. A case file holds a profile fragment shared
// by every case (defaults) and a list of cases, each a profile fragment merged over the
// defaults, a date of judgement and the expected status per tier name or program id:
//
//	kind: cases
//	defaults:                       # merged under every case's profile: maps key by key,
//	  region: "370200"              # lists and scalars in the case replace (null removes)
//	  industry: C3484
//	  years: {"2025": {operating_revenue: 30000000, main_revenue: 28000000}}
//	cases:
//	  - name: revenue exactly 2000万 passes        # unique in the file
//	    as_of: 2026-06-15
//	    region: "370200"                          # optional: judge here (default: the profile's)
//	    renewal: false                            # optional
//	    profile: {years: {"2025": {operating_revenue: 20000000}}}
//	    expect: {specialized_sme: qualified, sd_gazelle: not_qualified}
//	    failed: {sd_gazelle: [revenue.growth]}     # optional: the exact failed criterion ids
//	    missing: {sd_gazelle: [years.2025.rd_expense]} # optional: the exact missing inputs
//
// Every key of failed and missing must also be in expect, so that a case never checks the
// reasons of a verdict without its status. A status is qualified, not_qualified, needs_data,
// needs_judgement, or none: no rule set for
// that tier or program is in force at that place and date (to test the edge of a period).
// Profile fragments use the profile's JSON field names and go through the same strict decoder
// as the command line and the HTTP API, so an unknown or mistyped field is an error naming the
// case, the field and its line. Amounts may be written as strings ("14999999.99") or numbers;
// both are exact. An expected key that has no verdict in the report fails the case and lists the
// verdicts there are.
//
// Three ways to run cases:
//
//   - `go test ./...` in this repository runs every case file of the built-in catalog
//     (TestBuiltinCases), one subtest per file and per case;
//   - `smetier rules --test PATH...` loads the built-in catalog plus the rule files under PATH
//     and runs the case files found there, printing one line per failing case;
//   - from Go, Run (or Test, inside a Go test) with an engine over your own catalog.
//
// Result.Coverage says, for each rule set the cases were judged under, which of its own
// criteria no case has shown both holding and not holding: the mechanical half of "both sides of
// every threshold" (`smetier rules --test --coverage`).
//
// The package is public, rather than internal to the command, so that a service that keeps its
// own rule files can run their cases in its own tests or at start-up with the engine it uses;
// it has no state and no I/O beyond the fs.FS it is given.
package ruletest
