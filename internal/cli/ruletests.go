package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/ruletest"
)

// runRuleTests runs the case files (*_test.yaml) under paths against the built-in catalog plus
// the rule files under paths, or, without paths, the built-in catalog's own cases. It prints one
// line per failing case and a summary line, and returns ExitFailed when a case fails or a rule
// or case file is invalid.
//
// With coverage, it then prints a line per rule set under test (those in the files under paths,
// or every built-in set) saying which of its criteria no case has shown holding and not
// holding, and fails when there is any.
//
// With asJSON, the same goes to standard output as one JSON object (testReport).
func runRuleTests(ctx context.Context, paths []string, coverage, asJSON bool, env Env) int {
	var (
		eng     *classify.Engine
		files   []*ruletest.File
		invalid []error
		err     error
		// underTest maps the loader's name of a rule file under test to the path shown.
		underTest = map[string]string{}
	)
	if len(paths) == 0 {
		eng, err = classify.New()
		if err != nil {
			fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
			return ExitFailed
		}
		files, invalid = builtinCases()
	} else {
		rf, err := readRuleFiles(paths)
		if err == nil {
			err = rf.addSiblings()
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
			return ExitUsage
		}
		cat, err := rf.loadReplacing()
		if err != nil {
			if asJSON {
				writeTestReport(env, &testReport{Invalid: []checkProblem{problemOf(err)}})
			} else {
				fmt.Fprintln(env.Stderr, err)
			}
			return ExitFailed
		}
		if eng, err = classify.New(classify.WithCatalog(cat)); err != nil {
			fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
			return ExitFailed
		}
		for _, name := range sortedNames(rf) {
			if !criteria.IsTestFile(name) {
				underTest[name] = rf.names[name]
				continue
			}
			f, err := ruletest.Parse(rf.names[name], rf.fsys[name].Data)
			if err != nil {
				invalid = append(invalid, err)
				continue
			}
			files = append(files, f)
		}
		if len(files) == 0 && len(invalid) == 0 {
			fmt.Fprintf(env.Stderr, "smetier rules: no case files (*_test.yaml) in %s\n", strings.Join(paths, ", "))
			return ExitFailed
		}
	}
	all := &ruletest.Result{}
	for _, f := range files {
		res, err := f.Run(ctx, eng)
		all.Cases = append(all.Cases, res...)
		if err != nil {
			fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
			return ExitFailed
		}
	}
	rep := &testReport{Passed: all.Passed(), Failed: all.Failed(), Cases: []testCase{}, Invalid: []checkProblem{}}
	for _, e := range invalid {
		rep.Invalid = append(rep.Invalid, problemOf(e))
	}
	for i := range all.Cases {
		c := &all.Cases[i]
		tc := testCase{File: c.File, Line: c.Line, Name: c.Name, Passed: c.Passed(), Mismatches: c.Mismatches}
		if c.Err != nil {
			tc.Error = c.Err.Error()
		}
		if !tc.Passed {
			tc.Message = c.String()
		}
		rep.Cases = append(rep.Cases, tc)
	}
	gaps := false
	if coverage {
		rep.Coverage = []testCoverage{}
		for _, sc := range all.Coverage(eng.Catalog()) {
			file := sc.Set.File
			if len(paths) > 0 {
				if file = underTest[sc.Set.File]; file == "" {
					continue
				}
			}
			gaps = gaps || !sc.Covered()
			rep.Coverage = append(rep.Coverage, testCoverage{Set: sc.Set.ID, File: file, Cases: sc.Cases, Gaps: append([]string{}, sc.Gaps()...)})
		}
	}
	rep.OK = rep.Failed == 0 && len(rep.Invalid) == 0 && !gaps
	if asJSON {
		writeTestReport(env, rep)
	} else {
		for _, e := range invalid {
			fmt.Fprintln(env.Stderr, e)
		}
		for _, c := range rep.Cases {
			if !c.Passed {
				fmt.Fprintln(env.Stdout, c.Message)
			}
		}
		for _, c := range rep.Coverage {
			if len(c.Gaps) == 0 {
				fmt.Fprintf(env.Stdout, "coverage: %s (%s): %d case(s), every criterion seen holding and not holding\n", c.Set, c.File, c.Cases)
			} else {
				fmt.Fprintf(env.Stdout, "coverage: %s (%s): %d case(s); not shown: %s\n", c.Set, c.File, c.Cases, strings.Join(c.Gaps, "; "))
			}
		}
		summary := fmt.Sprintf("%d passed, %d failed", rep.Passed, rep.Failed)
		if len(invalid) > 0 {
			summary += fmt.Sprintf(", %d case file(s) invalid", len(invalid))
		}
		fmt.Fprintln(env.Stdout, summary)
	}
	if !rep.OK {
		return ExitFailed
	}
	return ExitOK
}

// testReport is the result of rules --test --format json.
type testReport struct {
	// OK is true when every case passed, every file is valid and, with --coverage, every set
	// under test is covered.
	OK     bool `json:"ok"`
	Passed int  `json:"passed"`
	Failed int  `json:"failed"`
	// Invalid lists the rule or case files that could not be read, as --check reports them.
	Invalid []checkProblem `json:"invalid"`
	// Cases lists every case run, in file order.
	Cases []testCase `json:"cases"`
	// Coverage is set with --coverage: one entry per rule set under test.
	Coverage []testCoverage `json:"coverage,omitempty"`
}

type testCase struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Name   string `json:"name"`
	Passed bool   `json:"passed"`
	// Message is the line printed for a failing case.
	Message    string              `json:"message,omitempty"`
	Error      string              `json:"error,omitempty"`
	Mismatches []ruletest.Mismatch `json:"mismatches,omitempty"`
}

type testCoverage struct {
	Set   string   `json:"set"`
	File  string   `json:"file"`
	Cases int      `json:"cases"`
	Gaps  []string `json:"gaps"`
}

func writeTestReport(env Env, rep *testReport) {
	if rep.Invalid == nil {
		rep.Invalid = []checkProblem{}
	}
	if rep.Cases == nil {
		rep.Cases = []testCase{}
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(rep)
}

// builtinCases parses the case files of the embedded catalog.
func builtinCases() ([]*ruletest.File, []error) {
	files, err := ruletest.ParseFS(criteria.BuiltinFS())
	if err == nil {
		return files, nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return files, j.Unwrap()
	}
	return files, []error{err}
}

// addSiblings adds, for every case file read, the rule file it sits beside (x.yaml for
// x_test.yaml) when it was not read already, so that `--test rules/x_test.yaml` tests x.yaml.
func (rf *ruleFiles) addSiblings() error {
	read := map[string]bool{}
	for _, p := range rf.paths {
		if a, err := filepath.Abs(p); err == nil {
			read[a] = true
		}
	}
	for _, p := range append([]string(nil), rf.paths...) {
		if !criteria.IsTestFile(p) {
			continue
		}
		stem := p[:len(p)-len(filepath.Ext(p))]
		stem = stem[:len(stem)-len("_test")]
		for _, ext := range []string{".yaml", ".yml"} {
			sib := stem + ext
			a, err := filepath.Abs(sib)
			if err != nil || read[a] {
				continue
			}
			if fi, err := os.Stat(sib); err != nil || fi.IsDir() {
				continue
			}
			if err := rf.add(sib); err != nil {
				return err
			}
			read[a] = true
		}
	}
	return nil
}
