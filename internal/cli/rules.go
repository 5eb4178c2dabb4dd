package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"sort"

	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/wire"
	"github.com/smetier/smetier/region"
	"github.com/smetier/smetier/ruletest"
	"github.com/smetier/smetier/schema"
)

const rulesUsage = `Usage: smetier rules [flags]
       smetier rules --check [--format text|json] FILE|DIR...
       smetier rules --test [--coverage] [--format text|json] [FILE|DIR...]

Lists the rule sets (id, tier or local program, jurisdiction, period in force, document) and
their criteria with citations, then the local programs (a province's or city's own titles).
With --region, only the set each tier and each local program would be judged under there on
--as-of (default today in China), for a first application or, with --renewal, a renewal; with
--as-of alone, every set in force on that date.

With --check, validates rule files (a directory means its *.yaml files) together with the
built-in catalog, so a duplicate id is caught too, and prints each error as
file:line:column: rule set "id": criterion "id": message. Case files (*_test.yaml) are checked
too. Exit status 1 when a file is invalid.

With --test, runs the test cases (*_test.yaml, beside the rule files they test) found under the
arguments against the built-in catalog plus the rule files there (and the rule file beside a
case file given alone; a file with the id of a built-in set replaces it); without arguments,
the built-in catalog's own cases. Prints one line per failing case,
file:line: case "name": tier: want X, got Y (failed: [...], missing: [...]), then
"N passed, M failed" (with --format json, one object with every case). Exit status 1 when a
case fails or a file is invalid. With
--coverage, also one line per rule set under test naming each of its own criteria that no case
shows both holding and not holding (each band, for a score item); exit status 1 if there is one.

Flags:
`

func runRules(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(flagOutput(env, args))
	regionFlag := fs.String("region", "", "only the sets selected for this 6-digit division code or CN")
	asOfFlag := fs.String("as-of", "", "only the sets in force on this date YYYY-MM-DD (default with --region: today in China)")
	tierFlag := fs.String("tier", "", "only this tier or local program: "+tierNames())
	renewal := fs.Bool("renewal", false, "with --region: the sets a renewal (复核) would be judged under, not a first application")
	format := fs.String("format", "text", "output format: text or json")
	lang := fs.String("lang", "zh", "language of --format text: zh or en")
	check := fs.Bool("check", false, "validate the rule files given as arguments instead of listing")
	test := fs.Bool("test", false, "run the test cases (*_test.yaml) under the arguments, or the built-in ones")
	coverage := fs.Bool("coverage", false, "with --test: also list the criteria no case shows holding and not holding (exit 1 if any)")
	var rules stringList
	fs.Var(&rules, "rules", "extra rule file or directory, loaded with the built-in catalog (repeatable)")
	fs.Usage = func() { fmt.Fprint(fs.Output(), rulesUsage); fs.PrintDefaults() }
	files, err := parseFlags(fs, args)
	if err == nil {
		err = checkOneOf("format", *format, "text", "json")
	}
	if err == nil {
		err = checkOneOf("lang", *lang, "zh", "en")
	}
	if err == nil && *check && len(files) == 0 {
		err = usagef("--check needs at least one rule file or directory")
	}
	if err == nil && *check {
		// --check validates files; the listing's filters would be silently ignored. Files that
		// depend on each other (extends) are checked together by naming them all.
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "region", "as-of", "tier", "renewal", "lang", "rules":
				if err == nil {
					err = usagef("--%s cannot be used with --check (to check files together, give them all as arguments)", f.Name)
				}
			}
		})
	}
	if err == nil && *test {
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "region", "as-of", "tier", "renewal", "lang", "rules", "check":
				if err == nil {
					err = usagef("--%s cannot be used with --test (the cases say where and when; rule files go in the arguments)", f.Name)
				}
			}
		})
	}
	if err == nil && *coverage && !*test {
		err = usagef("--coverage needs --test")
	}
	if err == nil && *renewal && *regionFlag == "" {
		err = usagef("--renewal needs --region: without a place every set is listed, renewal-only ones included")
	}
	if err == nil && !*check && !*test && len(files) > 0 {
		err = usagef("unexpected argument %q (did you mean --check?)", files[0])
	}
	q := wire.RulesQuery{Region: *regionFlag, Renewal: *renewal, Now: env.Now}
	if err == nil && *asOfFlag != "" {
		q.AsOf, err = parseAsOf(*asOfFlag, env)
	}
	if err == nil && *regionFlag != "" {
		if _, lerr := region.Lookup(*regionFlag); lerr != nil {
			err = usagef("--region: %v", lerr)
		}
	}
	if err != nil {
		return flagError(env, fs, err)
	}
	if *check {
		return checkRules(files, *format == "json", env)
	}
	if *test {
		return runRuleTests(ctx, files, *coverage, *format == "json", env)
	}
	cat, err := catalog(rules)
	if err != nil {
		fmt.Fprintf(env.Stderr, "smetier rules: --rules: %v\n", err)
		return ExitUsage
	}
	if *tierFlag != "" {
		// Checked against the catalog: --tier also takes the id of one of its local programs.
		ts, err := cat.ParseRungs(*tierFlag)
		if err == nil && len(ts) != 1 {
			err = errors.New("give one tier or program")
		}
		if err != nil {
			return flagError(env, fs, usagef("--tier: %v", err))
		}
		q.Tier = ts[0]
	}
	list, err := wire.Rules(cat, q)
	if err != nil {
		fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
		return ExitUsage
	}
	if *format == "json" {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
			return ExitFailed
		}
		return ExitOK
	}
	if err := list.WriteText(env.Stdout, *lang); err != nil {
		fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}

// checkProblem is one invalid rule file, for --check --format json.
type checkProblem struct {
	File      string `json:"file"`
	Line      int    `json:"line,omitempty"`
	Column    int    `json:"column,omitempty"`
	Set       string `json:"set,omitempty"`
	Criterion string `json:"criterion,omitempty"`
	// Case names the test case, for a problem in a case file.
	Case    string `json:"case,omitempty"`
	Message string `json:"message"`
	Error   string `json:"error"`
}

// checkRules parses each file on its own, so that every broken file is reported, then loads
// them all with the built-in catalog to catch duplicate ids.
func checkRules(paths []string, asJSON bool, env Env) int {
	rf, err := readRuleFiles(paths)
	if err != nil {
		fmt.Fprintf(env.Stderr, "smetier rules: %v\n", err)
		return ExitUsage
	}
	var problems []error
	sets, sizes, cases := 0, 0, 0
	for _, name := range sortedNames(rf) {
		if criteria.IsTestFile(name) {
			if _, err := ruletest.Parse(rf.names[name], rf.fsys[name].Data); err != nil {
				problems = append(problems, err)
			} else {
				cases++
			}
			continue
		}
		s, std, err := criteria.Parse(rf.names[name], rf.fsys[name].Data)
		switch {
		case err != nil:
			problems = append(problems, err)
		case s != nil:
			sets++
		case std != nil:
			sizes++
		}
	}
	if len(problems) == 0 {
		if _, err := rf.load(); err != nil {
			problems = append(problems, err)
		}
	}
	if asJSON {
		out := []checkProblem{}
		for _, p := range problems {
			out = append(out, problemOf(p))
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(struct {
			OK       bool           `json:"ok"`
			Files    int            `json:"files"`
			Problems []checkProblem `json:"problems"`
		}{len(problems) == 0, len(rf.paths), out})
	} else if len(problems) == 0 && cases > 0 {
		fmt.Fprintf(env.Stdout, "ok: %d rule set(s), %d size standard(s) and %d case file(s) in %d file(s), no conflict with the built-in catalog\n", sets, sizes, cases, len(rf.paths))
	} else if len(problems) == 0 {
		fmt.Fprintf(env.Stdout, "ok: %d rule set(s) and %d size standard(s) in %d file(s), no conflict with the built-in catalog\n", sets, sizes, len(rf.paths))
	}
	if len(problems) > 0 {
		if !asJSON {
			for _, p := range problems {
				fmt.Fprintln(env.Stderr, p)
			}
		}
		return ExitFailed
	}
	return ExitOK
}

// problemOf describes an invalid rule or case file for JSON output.
func problemOf(p error) checkProblem {
	var le *criteria.LoadError
	var ce *ruletest.CaseError
	switch {
	case errors.As(p, &le):
		return checkProblem{File: le.File, Line: le.Line, Column: le.Column, Set: le.Set, Criterion: le.Criterion, Message: le.Err.Error(), Error: le.Error()}
	case errors.As(p, &ce):
		return checkProblem{File: ce.File, Line: ce.Line, Column: ce.Column, Case: ce.Case, Message: ce.Err.Error(), Error: ce.Error()}
	}
	return checkProblem{Message: p.Error(), Error: p.Error()}
}

func sortedNames(rf *ruleFiles) []string {
	names := make([]string, 0, len(rf.names))
	for n := range rf.names {
		names = append(names, n)
	}
	// Synthetic names carry the argument order.
	sort.Strings(names)
	return names
}

func runSchema(args []string, env Env) int {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	fs.SetOutput(flagOutput(env, args))
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: smetier schema\n\nPrints the JSON Schema (draft 2020-12) of a profile, generated from the Go types.\n")
	}
	pos, err := parseFlags(fs, args)
	if err == nil && len(pos) > 0 {
		err = usagef("unexpected argument %q", pos[0])
	}
	if err != nil {
		return flagError(env, fs, err)
	}
	if _, err := env.Stdout.Write(schema.Profile()); err != nil {
		fmt.Fprintf(env.Stderr, "smetier schema: %v\n", err)
		return ExitFailed
	}
	return ExitOK
}
