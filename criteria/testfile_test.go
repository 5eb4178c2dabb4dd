package criteria_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/criteria"
)

const caseFile = `kind: cases
cases:
  - name: anything
    as_of: 2026-06-15
    expect: {specialized_sme: qualified}
`

// A case file beside a rule file is skipped by the loader, whatever it holds: cases are run by
// package ruletest, not compiled as rules.
func TestLoadSkipsTestFiles(t *testing.T) {
	rule, err := os.ReadFile(filepath.Join("testdata", "good", "guangdong-specialized-sme-2026.yaml"))
	require.NoError(t, err)
	for _, name := range []string{"gd/gd-2026_test.yaml", "gd/gd-2026_test.yml"} {
		t.Run(name, func(t *testing.T) {
			for _, body := range []string{caseFile, "not: [yaml", "kind: rule-set\nid: broken\n"} {
				cat, err := criteria.Load(criteria.BuiltinFS(), fstest.MapFS{
					"gd/gd-2026.yaml": {Data: rule},
					name:              {Data: []byte(body)},
				})
				require.NoError(t, err, "body %q", body)
				assert.NotNil(t, cat.Set(gd2026))
			}
		})
	}
}

// A kind: cases file not named *_test.yaml would neither be skipped by the loader nor found by
// the runner: it is an error that says how to name it.
func TestLoadMisnamedCaseFile(t *testing.T) {
	_, err := criteria.Load(fstest.MapFS{"gd/gd-2026-cases.yaml": {Data: []byte(caseFile)}})
	require.ErrorIs(t, err, criteria.ErrInvalidRule)
	var le *criteria.LoadError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "gd/gd-2026-cases.yaml", le.File)
	assert.Equal(t, 1, le.Line)
	assert.Contains(t, err.Error(), "must be named <rule-file>_test.yaml")
	assert.Contains(t, err.Error(), "gd-2026-cases.yaml")

	// Parse given a well-named case file says what it is instead.
	_, _, err = criteria.Parse("gd-2026_test.yaml", []byte(caseFile))
	require.ErrorIs(t, err, criteria.ErrInvalidRule)
	assert.Contains(t, err.Error(), "a case file (kind: cases), not a rule file")
}

func TestIsTestFile(t *testing.T) {
	for name, want := range map[string]bool{
		"rules/cn-2026-little-giant_test.yaml": true,
		"a_test.yml":                           true,
		"_test.yaml":                           true,
		"rules/cn-2026-little-giant.yaml":      false,
		"rules/test.yaml":                      false,
		"rules/a_test.yaml.bak":                false,
		"a_test.json":                          false,
		"a_testing.yaml":                       false,
	} {
		assert.Equal(t, want, criteria.IsTestFile(name), name)
	}
}
