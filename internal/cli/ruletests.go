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
func runRuleTests(ctx context.Context, paths []string, env Env) int {
	var (
		eng   *classify.Engine
		files []*ruletest.File
		bad   int
		err   error
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
	passed, failed := 0, 0
	for _, f := range files {
		res, err := f.Run(ctx, eng)
		for i := range res {
			if res[i].Passed() {
				passed++
				continue
			}
			failed++
			fmt.Fprintln(env.Stdout, res[i].String())
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
			return ExitFailed
		}
	}
	summary := fmt.Sprintf("%d passed, %d failed", passed, failed)
	if bad > 0 {
		summary += fmt.Sprintf(", %d case file(s) invalid", bad)
	}
	fmt.Fprintln(env.Stdout, summary)
	if failed > 0 || bad > 0 {
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
