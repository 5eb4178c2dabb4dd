package cli

import (
	"context"
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
func runRuleTests(ctx context.Context, paths []string, coverage bool, env Env) int {
	var (
		eng   *classify.Engine
		files []*ruletest.File
		bad   int
		err   error
		// underTest maps the loader's name of a rule file under test to the path shown.
		underTest = map[string]string{}
	)
	if len(paths) == 0 {
		eng, err = classify.New()
		if err != nil {
			fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
			return ExitFailed
		}
		var errs []error
		files, errs = builtinCases()
		for _, e := range errs {
			fmt.Fprintln(env.Stderr, e)
		}
		bad = len(errs)
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
			fmt.Fprintln(env.Stderr, err)
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
				fmt.Fprintln(env.Stderr, err)
				bad++
				continue
			}
			files = append(files, f)
		}
		if len(files) == 0 && bad == 0 {
			fmt.Fprintf(env.Stderr, "smetier rules: no case files (*_test.yaml) in %s\n", strings.Join(paths, ", "))
			return ExitFailed
		}
	}
	all := &ruletest.Result{}
	for _, f := range files {
		res, err := f.Run(ctx, eng)
		for i := range res {
			if !res[i].Passed() {
				fmt.Fprintln(env.Stdout, res[i].String())
			}
		}
		all.Cases = append(all.Cases, res...)
		if err != nil {
			fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
			return ExitFailed
		}
	}
	gaps := false
	if coverage {
		for _, sc := range all.Coverage(eng.Catalog()) {
			file := sc.Set.File
			if len(paths) > 0 {
				if file = underTest[sc.Set.File]; file == "" {
					continue
				}
			}
			if sc.Covered() {
				fmt.Fprintf(env.Stdout, "coverage: %s (%s): %d case(s), every criterion seen holding and not holding\n", sc.Set.ID, file, sc.Cases)
				continue
			}
			gaps = true
			fmt.Fprintf(env.Stdout, "coverage: %s (%s): %d case(s); not shown: %s\n", sc.Set.ID, file, sc.Cases, strings.Join(sc.Gaps(), "; "))
		}
	}
	summary := fmt.Sprintf("%d passed, %d failed", all.Passed(), all.Failed())
	if bad > 0 {
		summary += fmt.Sprintf(", %d case file(s) invalid", bad)
	}
	fmt.Fprintln(env.Stdout, summary)
	if all.Failed() > 0 || bad > 0 || gaps {
		return ExitFailed
	}
	return ExitOK
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
