package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/ruletest"
)

// provincialCases test provincialRules (a Guangdong little-giant set whose only criterion is
// R&D ≥ 5% of last year's revenue) on both sides of its threshold; the case at line 12 expects
// the wrong status on purpose when wrong is set.
const provincialCases = `kind: cases
defaults:
  region: "440305"
  industry: C3812
  years: {"2025": {operating_revenue: 10000000}}
cases:
  - name: R&D exactly 5% passes
    as_of: 2026-06-15
    profile: {years: {"2025": {rd_expense: 500000}}}
    expect: {little_giant: qualified}
  - name: R&D one cent under 5% fails
    as_of: 2026-06-15
    profile: {years: {"2025": {rd_expense: "499999.99"}}}
    expect: {little_giant: STATUS}
  - name: before the set, the national rules apply
    as_of: 2026-04-30
    profile: {years: {"2025": {rd_expense: 500000}}}
    expect: {little_giant: not_qualified}
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	return dir
}

func TestRulesTestBuiltin(t *testing.T) {
	r := run(t, "", "rules", "--test")
	require.Equal(t, ExitOK, r.code, r.stdout+r.stderr)
	assert.Regexp(t, `^[1-9][0-9]* passed, 0 failed\n$`, r.stdout)
	assert.Empty(t, r.stderr)
}

func TestRulesTest(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"gd/gd.yaml":      provincialRules,
		"gd/gd_test.yaml": strings.Replace(provincialCases, "STATUS", "not_qualified", 1),
		"gd/notes.txt":    "not read",
	})
	r := run(t, "", "rules", "--test", dir)
	require.Equal(t, ExitOK, r.code, r.stdout+r.stderr)
	assert.Equal(t, "3 passed, 0 failed\n", r.stdout)

	// A case file named alone brings the rule file beside it.
	r = run(t, "", "rules", "--test", filepath.Join(dir, "gd", "gd_test.yaml"))
	require.Equal(t, ExitOK, r.code, r.stdout+r.stderr)
	assert.Equal(t, "3 passed, 0 failed\n", r.stdout)
	// And is not read twice when it is named too.
	r = run(t, "", "rules", "--test", filepath.Join(dir, "gd", "gd_test.yaml"), filepath.Join(dir, "gd", "gd.yaml"))
	require.Equal(t, ExitOK, r.code, r.stdout+r.stderr)

	// Without the rule file the case at the threshold fails: cases run against the catalog
	// they are given.
	alone := writeFiles(t, map[string]string{"gd_test.yaml": strings.Replace(provincialCases, "STATUS", "not_qualified", 1)})
	r = run(t, "", "rules", "--test", alone)
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stdout, filepath.Join(alone, "gd_test.yaml")+`:7: case "R&D exactly 5% passes": little_giant: want qualified, got not_qualified`)
}

func TestRulesTestFailures(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"gd.yaml":      provincialRules,
		"gd_test.yaml": strings.Replace(provincialCases, "STATUS", "qualified", 1),
		"bad_test.yaml": `kind: cases
cases:
  - name: typo
    as_of: 2026-06-15
    profile: {regoin: "440305"}
    expect: {little_giant: qualified}
`,
	})
	r := run(t, "", "rules", "--test", dir)
	assert.Equal(t, ExitFailed, r.code)
	case11 := filepath.Join(dir, "gd_test.yaml")
	assert.Equal(t, case11+`:11: case "R&D one cent under 5% fails": little_giant: want qualified, got not_qualified (failed: [rd.ratio], rule set gd-2026-little-giant-demo)`+"\n"+
		"2 passed, 1 failed, 1 case file(s) invalid\n", r.stdout)
	assert.Equal(t, filepath.Join(dir, "bad_test.yaml")+`:5: case "typo": profile: regoin: unknown field (did you mean "region"?)`+"\n", r.stderr)

	// --check reports the malformed case file too, with its case in JSON.
	r = run(t, "", "rules", "--check", dir)
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stderr, filepath.Join(dir, "bad_test.yaml")+`:5: case "typo"`)
	r = run(t, "", "rules", "--check", "--format", "json", filepath.Join(dir, "bad_test.yaml"))
	assert.Equal(t, ExitFailed, r.code)
	var rep struct{ Problems []checkProblem }
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Len(t, rep.Problems, 1)
	assert.Equal(t, "typo", rep.Problems[0].Case)
	assert.Equal(t, 5, rep.Problems[0].Line)
	assert.Equal(t, filepath.Join(dir, "bad_test.yaml"), rep.Problems[0].File)

	// A well-formed case file passes --check and is counted.
	r = run(t, "", "rules", "--check", filepath.Join(dir, "gd.yaml"), filepath.Join(dir, "gd_test.yaml"))
	assert.Equal(t, ExitOK, r.code, r.stderr)
	assert.Equal(t, "ok: 1 rule set(s), 0 size standard(s) and 1 case file(s) in 2 file(s), no conflict with the built-in catalog\n", r.stdout)

	// An invalid rule file fails before any case runs.
	broken := writeFiles(t, map[string]string{
		"gd.yaml":      strings.Replace(provincialRules, "fy1.rd_ratio_pct", "fy1.rd_ratio", 1),
		"gd_test.yaml": strings.Replace(provincialCases, "STATUS", "not_qualified", 1),
	})
	r = run(t, "", "rules", "--test", broken)
	assert.Equal(t, ExitFailed, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, filepath.Join(broken, "gd.yaml")+":13:14")

	// Rule files without cases: nothing to test is a failure, not a silent pass.
	r = run(t, "", "rules", "--test", writeFiles(t, map[string]string{"gd.yaml": provincialRules}))
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stderr, "no case files (*_test.yaml)")
}

// In a checkout, the built-in files under test replace the embedded ones of the same id: an
// edited threshold is what the cases see.
func TestRulesTestReplacesBuiltin(t *testing.T) {
	src := filepath.Join("..", "..", "criteria", "data", "rules")
	rules := string(readFile(t, filepath.Join(src, "cn-2026-little-giant.yaml")))
	cases := string(readFile(t, filepath.Join(src, "cn-2026-little-giant_test.yaml")))
	r := run(t, "", "rules", "--test", src)
	require.Equal(t, ExitOK, r.code, r.stdout+r.stderr)

	edited := strings.Replace(rules, "expr: fy1.operating_revenue >= 5000", "expr: fy1.operating_revenue > 5000", 1)
	require.NotEqual(t, rules, edited)
	dir := writeFiles(t, map[string]string{"cn-2026-little-giant.yaml": edited, "cn-2026-little-giant_test.yaml": cases})
	r = run(t, "", "rules", "--test", dir)
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stdout, `case "revenue exactly 5000万 passes": little_giant: want qualified, got not_qualified (failed: [revenue]`)
	assert.Regexp(t, `\n[1-9][0-9]* passed, 1 failed\n$`, r.stdout)
}

func TestRulesTestUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--test", "--region", "440305"}, {"--test", "--as-of", "2026-06-15"}, {"--test", "--tier", "little_giant"},
		{"--test", "--check", "x.yaml"}, {"--test", "--format", "yaml"}, {"--test", "--rules", "x.yaml"}, {"--test", "--lang", "en"},
		{"--test", filepath.Join(t.TempDir(), "none")},
	} {
		r := run(t, "", append([]string{"rules"}, args...)...)
		assert.Equal(t, ExitUsage, r.code, args)
		assert.NotEmpty(t, r.stderr, args)
	}
	r := run(t, "", "rules", "-h")
	assert.Contains(t, r.stdout, "smetier rules --test [--coverage] [--format text|json] [FILE|DIR...]")
	assert.Contains(t, r.stdout, "-test")
}

func TestRulesTestCoverage(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"gd.yaml":      provincialRules,
		"gd_test.yaml": strings.Replace(provincialCases, "STATUS", "not_qualified", 1),
	})
	r := run(t, "", "rules", "--test", "--coverage", dir)
	require.Equal(t, ExitOK, r.code, r.stdout+r.stderr)
	assert.Equal(t, "coverage: gd-2026-little-giant-demo ("+filepath.Join(dir, "gd.yaml")+"): 2 case(s), every criterion seen holding and not holding\n"+
		"3 passed, 0 failed\n", r.stdout)

	// Without the case under the threshold, rd.ratio is never seen failing.
	onlyPass := strings.Replace(provincialCases, "STATUS", "not_qualified", 1)
	onlyPass = onlyPass[:strings.Index(onlyPass, "  - name: R&D one cent")] + onlyPass[strings.Index(onlyPass, "  - name: before the set"):]
	dir = writeFiles(t, map[string]string{"gd.yaml": provincialRules, "gd_test.yaml": onlyPass})
	r = run(t, "", "rules", "--test", "--coverage", dir)
	assert.Equal(t, ExitFailed, r.code)
	assert.Equal(t, "coverage: gd-2026-little-giant-demo ("+filepath.Join(dir, "gd.yaml")+"): 1 case(s); not shown: rd.ratio: never fails\n"+
		"2 passed, 0 failed\n", r.stdout)

	r = run(t, "", "rules", "--coverage")
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.stderr, "--coverage needs --test")
}

func TestRulesTestJSON(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"gd.yaml":       provincialRules,
		"gd_test.yaml":  strings.Replace(provincialCases, "STATUS", "qualified", 1),
		"bad_test.yaml": "kind: cases\ncases: []\n",
	})
	r := run(t, "", "rules", "--test", "--format", "json", "--coverage", dir)
	assert.Equal(t, ExitFailed, r.code)
	assert.Empty(t, r.stderr)
	var rep testReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stdout)
	assert.False(t, rep.OK)
	assert.Equal(t, 2, rep.Passed)
	assert.Equal(t, 1, rep.Failed)
	require.Len(t, rep.Invalid, 1)
	assert.Equal(t, filepath.Join(dir, "bad_test.yaml"), rep.Invalid[0].File)
	assert.Equal(t, 2, rep.Invalid[0].Line)
	require.Len(t, rep.Cases, 3)
	c := rep.Cases[1]
	assert.Equal(t, testCase{File: filepath.Join(dir, "gd_test.yaml"), Line: 11, Name: "R&D one cent under 5% fails", Passed: false,
		Message:    filepath.Join(dir, "gd_test.yaml") + `:11: case "R&D one cent under 5% fails": little_giant: want qualified, got not_qualified (failed: [rd.ratio], rule set gd-2026-little-giant-demo)`,
		Mismatches: []ruletest.Mismatch{{Key: "little_giant", Line: 14, Message: "little_giant: want qualified, got not_qualified (failed: [rd.ratio], rule set gd-2026-little-giant-demo)"}}}, c)
	assert.True(t, rep.Cases[0].Passed)
	assert.Empty(t, rep.Cases[0].Message)
	assert.Equal(t, []testCoverage{{Set: "gd-2026-little-giant-demo", File: filepath.Join(dir, "gd.yaml"), Cases: 2, Gaps: []string{}}}, rep.Coverage)

	// All good: ok, exit 0, no coverage key without --coverage.
	dir = writeFiles(t, map[string]string{"gd.yaml": provincialRules, "gd_test.yaml": strings.Replace(provincialCases, "STATUS", "not_qualified", 1)})
	r = run(t, "", "rules", "--test", "--format", "json", dir)
	assert.Equal(t, ExitOK, r.code, r.stdout)
	assert.Contains(t, r.stdout, `"ok": true`)
	assert.NotContains(t, r.stdout, `"coverage"`)

	// A broken rule file is an invalid entry too.
	dir = writeFiles(t, map[string]string{"gd.yaml": "kind: rule-set\n", "gd_test.yaml": strings.Replace(provincialCases, "STATUS", "not_qualified", 1)})
	r = run(t, "", "rules", "--test", "--format", "json", dir)
	assert.Equal(t, ExitFailed, r.code)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stdout)
	require.Len(t, rep.Invalid, 1)
	assert.Equal(t, filepath.Join(dir, "gd.yaml"), rep.Invalid[0].File)
	assert.Empty(t, rep.Cases)
}

// Cases expect local programs by id; a program's rule files under the path are loaded with
// the built-in catalog and covered like a tier's.
func TestRulesTestPrograms(t *testing.T) {
	src := filepath.Join("..", "..", "criteria", "testdata", "programs")
	files := map[string]string{}
	for _, f := range []string{"sd-gazelle-2025.yaml", "qd-gazelle-2026.yaml"} {
		files[f] = string(readFile(t, filepath.Join(src, f)))
	}
	files["qd-gazelle-2026_test.yaml"] = `kind: cases
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
    expect: {test_gazelle: qualified}
`
	dir := writeFiles(t, files)
	r := run(t, "", "rules", "--test", "--coverage", dir)
	assert.Equal(t, ExitFailed, r.code)
	caseFile := filepath.Join(dir, "qd-gazelle-2026_test.yaml")
	assert.Contains(t, r.stdout, caseFile+`:12: case "Qingdao gazelle one cent short": test_gazelle: want qualified, got not_qualified (failed: [revenue growth], rule set test-qd-2026-gazelle)`)
	assert.Contains(t, r.stdout, "coverage: test-qd-2026-gazelle ("+filepath.Join(dir, "qd-gazelle-2026.yaml")+"): 2 case(s), every criterion seen holding and not holding\n")
	assert.Contains(t, r.stdout, "coverage: test-sd-2025-gazelle ("+filepath.Join(dir, "sd-gazelle-2025.yaml")+"): 0 case(s); not shown: no case is judged under this set\n")
	assert.True(t, strings.HasSuffix(r.stdout, "1 passed, 1 failed\n"), r.stdout)
}
