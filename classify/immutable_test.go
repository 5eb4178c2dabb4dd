package classify_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

// A caller that modifies the rule sets it reads changes nobody else's verdicts (issue 13:
// truncating a set's criteria from criteria.Default() changed every caller's verdicts).
func TestCatalogChangesStayWithTheirOwner(t *testing.T) {
	judge := func(eng *classify.Engine) smetier.Status {
		p := t26Base()
		t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(1)) }) // fails the R&D gates
		rep, err := eng.Classify(context.Background(), p, classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15")), classify.Only(smetier.LittleGiant))
		require.NoError(t, err)
		return rep.Verdicts[0].Status
	}
	eng, err := classify.New()
	require.NoError(t, err)
	before := judge(eng)
	require.Equal(t, smetier.NotQualified, before)

	vandalise := func(c *criteria.Catalog) {
		for _, s := range c.Sets() {
			s.Criteria = s.Criteria[:0]
			s.Score = nil
		}
		for _, s := range c.SizeStandards() {
			s.Groups = nil
		}
	}
	def, err := criteria.Default()
	require.NoError(t, err)
	vandalise(def)
	vandalise(eng.Catalog())
	assert.Equal(t, before, judge(eng), "the engine's catalog is its own")
	fresh, err := classify.New()
	require.NoError(t, err)
	assert.Equal(t, before, judge(fresh), "every Default() is a copy")

	mine, err := criteria.Default()
	require.NoError(t, err)
	own, err := classify.New(classify.WithCatalog(mine))
	require.NoError(t, err)
	vandalise(mine)
	assert.Equal(t, before, judge(own), "an engine copies the catalog it is given")
	// The caller's own catalog does change: it is theirs.
	assert.Empty(t, mine.Sets()[0].Criteria)
}
