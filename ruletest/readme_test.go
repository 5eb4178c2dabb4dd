package ruletest_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/ruletest"
)

// readmeYAML returns the first ```yaml block of the README section with the given heading.
func readmeYAML(t *testing.T, readme, heading string) string {
	t.Helper()
	i := strings.Index(readme, "\n## "+heading+"\n")
	require.GreaterOrEqual(t, i, 0, "README has a section %q", heading)
	section := readme[i+1:]
	if j := strings.Index(section, "\n## "); j >= 0 {
		section = section[:j]
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(section)
	require.NotNil(t, m, "section %q has a yaml block", heading)
	return m[1]
}

// TestReadmeCases runs the README's example case file against its example rule file: every
// case passes and covers the rule, as the README says.
func TestReadmeCases(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	readme := string(b)
	user := fstest.MapFS{
		"gd.yaml":      {Data: []byte(readmeYAML(t, readme, "Adding a rule file"))},
		"gd_test.yaml": {Data: []byte(readmeYAML(t, readme, "Testing your rule files"))},
	}
	cat, err := criteria.Load(criteria.BuiltinFS(), user)
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	res, err := ruletest.Run(context.Background(), eng, user)
	require.NoError(t, err)
	require.NotEmpty(t, res.Cases)
	for _, c := range res.Cases {
		assert.True(t, c.Passed(), c.String())
	}
	for _, sc := range res.Coverage(cat) {
		if sc.Set.File == "gd.yaml" {
			assert.True(t, sc.Covered(), "%v", sc.Gaps())
		}
	}
}
