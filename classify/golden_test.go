package classify_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenAsOf is the latest 15 June inside the set's period, and no later than 2026-06-15, so
// that each set is judged on the profiles' 2023–2025 figures.
func goldenAsOf(s *criteria.RuleSet) smetier.Date {
	for y := 2026; y >= s.From.Year; y-- {
		d := smetier.NewDate(y, 6, 15)
		if s.InForce(d) {
			return d
		}
	}
	return s.From
}

func loadProfiles(t *testing.T) map[string]*smetier.Profile {
	t.Helper()
	files, err := filepath.Glob("../testdata/profiles/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string]*smetier.Profile{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		var p smetier.Profile
		require.NoError(t, json.Unmarshal(b, &p), f)
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = &p
	}
	return out
}

// TestGolden judges every profile in testdata/profiles under every built-in rule set and
// compares the verdict with testdata/golden/<set>/<profile>.json. Run with -update to rewrite.
func TestGolden(t *testing.T) {
	e, err := classify.New()
	require.NoError(t, err)
	profiles := loadProfiles(t)
	for _, s := range e.Catalog().Sets() {
		t.Run(s.ID, func(t *testing.T) {
			asOf := goldenAsOf(s)
			for name, p := range profiles {
				t.Run(name, func(t *testing.T) {
					// A national set is judged in "CN": in the profile's own region a local set may win.
					where := s.Jurisdiction
					r, err := e.Classify(context.Background(), p, classify.In(where), classify.AsOf(asOf), classify.Only(smetier.Tier(s.Key())),
						classify.Renewal(s.Application == "renewal"))
					require.NoError(t, err)
					v := verdictOf(r, s)
					require.NotNil(t, v)
					require.Equal(t, s.ID, v.RuleSet.ID)
					got, err := json.MarshalIndent(struct {
						AsOf    smetier.Date       `json:"as_of"`
						Size    smetier.SizeResult `json:"size"`
						Verdict *smetier.Verdict   `json:"verdict"`
					}{asOf, r.Size, v}, "", "  ")
					require.NoError(t, err)
					got = append(got, '\n')
					path := filepath.Join("..", "testdata", "golden", s.ID, name+".json")
					if *update {
						require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
						require.NoError(t, os.WriteFile(path, got, 0o644))
						return
					}
					want, err := os.ReadFile(path)
					require.NoError(t, err, "missing golden file; run go test ./classify -run TestGolden -update")
					assert.JSONEq(t, string(want), string(got))
				})
			}
		})
	}
}

// verdictOf returns the verdict of r for the tier or local program of s.
func verdictOf(r *smetier.Report, s *criteria.RuleSet) *smetier.Verdict {
	if s.Program != nil {
		return r.ProgramVerdict(s.Program.ID)
	}
	return r.Verdict(s.Tier)
}
