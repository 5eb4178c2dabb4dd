package classify_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

// TestGoldenPlacesSouth judges the Shenzhen and Hangzhou profiles in their own regions under both
// national regimes (a 2025 date under 63号, a 2026 date after 2号 took effect on 2026-04-01) and
// compares every verdict — national tiers, the local sets that replace them there, and the local
// programs in force (广东省制造业单项冠军, 浙江省隐形冠军) — with
// testdata/golden/places/<profile>/<date>.json. Where TestGolden pins each rule set on its own,
// this pins which set a place actually gets on a date: Shenzhen's 专精特新 comes from Shenzhen
// (计划单列市), not Guangdong; Hangzhou's from the national set, Zhejiang having none of its own.
// Run with -update to rewrite; the receipt is left out, as its catalog digest moves with any
// rule file.
func TestGoldenPlacesSouth(t *testing.T) {
	profiles := loadProfiles(t)
	for _, name := range []string{"shenzhen-precision", "hangzhou-software-startup"} {
		require.NotNil(t, profiles[name], name)
		goldenPlace(t, "TestGoldenPlacesSouth", name, profiles[name])
	}
}

// goldenPlace judges p in its own region on a 2025 and a 2026 date and compares the verdicts,
// local programs included, with testdata/golden/places/<name>/<date>.json.
func goldenPlace(t *testing.T, test, name string, p *smetier.Profile) {
	t.Helper()
	e, err := classify.New()
	require.NoError(t, err)
	for _, asOf := range []string{"2025-06-15", "2026-06-15"} {
		t.Run(name+"/"+asOf, func(t *testing.T) {
			r, err := e.Classify(context.Background(), p, classify.AsOf(smetier.MustDate(asOf)))
			require.NoError(t, err)
			got, err := json.MarshalIndent(struct {
				AsOf     smetier.Date       `json:"as_of"`
				Region   smetier.RegionRef  `json:"region"`
				Size     smetier.SizeResult `json:"size"`
				Verdicts []smetier.Verdict  `json:"verdicts"`
				Programs []smetier.Verdict  `json:"programs,omitempty"`
				Ladder   *smetier.Ladder    `json:"ladder,omitempty"`
			}{r.AsOf, r.Region, r.Size, r.Verdicts, r.Programs, r.Ladder}, "", "  ")
			require.NoError(t, err)
			got = append(got, '\n')
			path := filepath.Join("..", "testdata", "golden", "places", name, asOf+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, got, 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "missing golden file; run go test ./classify -run "+test+" -update")
			assert.JSONEq(t, string(want), string(got))
		})
	}
}
