package criteria_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/criteria"
)

// TestReadmeListsEveryRuleSet keeps the README's catalog table in sync with the embedded files.
func TestReadmeListsEveryRuleSet(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	readme := string(b)
	cat, err := criteria.Default()
	require.NoError(t, err)
	for _, s := range cat.Sets() {
		assert.True(t, strings.Contains(readme, "`"+s.ID+"`"), "README does not list rule set %s", s.ID)
	}
	for _, s := range cat.SizeStandards() {
		assert.True(t, strings.Contains(readme, "`"+s.ID+"`"), "README does not list size standard %s", s.ID)
	}
}
