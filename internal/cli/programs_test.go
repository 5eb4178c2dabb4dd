package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/wire"
)

// testPrograms holds made-up local programs: a Shandong gazelle (Qingdao's own set from 2026), a
// Shandong champion and a Wuhan pool.
var testPrograms = filepath.Join("..", "..", "criteria", "testdata", "programs")

// A Qingdao profile that passes the test gazelle (3000万, +20%).
const qingdaoProfile = `{"region": "370202", "industry": "C3812", "years": {"2024": {"operating_revenue": 25000000}, "2025": {"operating_revenue": 30000000}}}`

func TestRulesListPrograms(t *testing.T) {
	r := run(t, "", "rules", "--rules", testPrograms, "--region", "370202", "--as-of", "2026-06-15", "--format", "json")
	require.Equal(t, ExitOK, r.code, r.stderr)
	var c wire.Catalog
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &c))
	// The tiers' sets, then the programs in force in Qingdao, in ladder order (the test
	// programs among the built-in ones of Shandong).
	var ids []string
	var at []int
	for i, s := range c.RuleSets {
		if strings.HasPrefix(s.ID, "test-") {
			ids, at = append(ids, s.ID), append(at, i)
		}
	}
	require.Equal(t, []string{"test-qd-2026-gazelle", "test-sd-2025-champion"}, ids)
	g := c.RuleSets[at[0]]
	assert.Empty(t, g.Tier)
	require.NotNil(t, g.Program)
	assert.Equal(t, "test_gazelle", g.Program.ID)
	assert.Equal(t, smetier.Specialized, g.Program.After)
	assert.Equal(t, "测试省瞪羚企业", g.TierTitle.Zh)

	r = run(t, "", "rules", "--rules", testPrograms, "--region", "370202", "--as-of", "2026-06-15", "--tier", "test_gazelle", "--lang", "en")
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "test-qd-2026-gazelle — Test Qingdao gazelle criteria (2026)")
	assert.Contains(t, r.stdout, "local program Test gazelle enterprise (test_gazelle, provincial, above Specialized")
	assert.NotContains(t, r.stdout, "cn-2026")

	r = run(t, "", "rules", "--rules", testPrograms, "--region", "370202", "--as-of", "2026-06-15", "--tier", "test_gazelle")
	assert.Contains(t, r.stdout, "地方项目 测试省瞪羚企业（test_gazelle，省级，位于专精特新中小企业之上）")

	// Without a place: every set of the program.
	r = run(t, "", "rules", "--rules", testPrograms, "--tier", "test_gazelle", "--format", "json")
	require.Equal(t, ExitOK, r.code, r.stderr)
	c = wire.Catalog{}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &c))
	assert.Equal(t, []string{"test-sd-2025-gazelle", "test-qd-2026-gazelle"}, c.IDs(), "by jurisdiction")

	// An unknown name is a usage error listing what the catalog knows.
	r = run(t, "", "rules", "--rules", testPrograms, "--tier", "test_gazele")
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.stderr, `"test_gazele"`)
	assert.Contains(t, r.stderr, "test_gazelle")
	r = run(t, "", "rules", "--tier", "test_gazelle")
	assert.Equal(t, ExitUsage, r.code, "the built-in catalog has no such program")
	r = run(t, "", "rules", "--rules", testPrograms, "--tier", "little_giant,test_gazelle")
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.stderr, "one tier or program")
}

func TestClassifyPrograms(t *testing.T) {
	r := run(t, qingdaoProfile, "classify", "--rules", testPrograms, "--as-of", "2026-06-15")
	require.Equal(t, ExitOK, r.code, r.stderr)
	var rep smetier.Report
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.NotNil(t, rep.ProgramVerdict("test_gazelle"))
	assert.Equal(t, smetier.Qualified, rep.ProgramVerdict("test_gazelle").Status)

	r = run(t, qingdaoProfile, "classify", "--rules", testPrograms, "--as-of", "2026-06-15", "--tier", "test_gazelle,little_giant")
	require.Equal(t, ExitOK, r.code, r.stderr)
	rep = smetier.Report{}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	var keys []string
	for _, v := range rep.Rungs() {
		keys = append(keys, v.Key())
	}
	assert.Equal(t, []string{"test_gazelle", "little_giant"}, keys)

	r = run(t, qingdaoProfile, "classify", "--rules", testPrograms, "--as-of", "2026-06-15", "--format", "text", "--lang", "en")
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "■ Test gazelle enterprise [provincial program · above Specialized, refined, distinctive and innovative SME] — qualified")

	r = run(t, qingdaoProfile, "classify", "--as-of", "2026-06-15", "--tier", "test_gazelle")
	assert.Equal(t, ExitUsage, r.code, "the built-in catalog has no such program")
	assert.Contains(t, r.stderr, "--tier")

	// A program title the catalog does not know is an invalid profile, naming the field.
	bad := `{"region": "370202", "titles": [{"kind": "test_gazele", "issued": "2025-01-01"}]}`
	r = run(t, bad, "classify", "--rules", testPrograms, "--as-of", "2026-06-15")
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stdout+r.stderr, "titles[0].kind")
}
