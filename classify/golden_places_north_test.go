package classify_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// TestGoldenPlacesNorth does for Qingdao and Wuhan what TestGoldenPlacesSouth does for Shenzhen
// and Hangzhou: a Qingdao valve maker (计划单列市: Qingdao's own 专精特新 sets from 2023, and
// Shandong's 瞪羚 and provincial champion) and a Wuhan sensor maker (Hubei's sets, its 2026
// transition and provincial champion) in their own districts, in 2025 and in 2026, plus the
// large Wuhan manufacturer, which is no SME but can still be judged for programs without a size
// gate. The two SME profiles live in testdata/profiles/places, apart from the profiles that
// other tests iterate over.
func TestGoldenPlacesNorth(t *testing.T) {
	for _, name := range []string{"qingdao-valve-maker", "wuhan-laser-sensor"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "profiles", "places", name+".json"))
		require.NoError(t, err)
		var p smetier.Profile
		require.NoError(t, json.Unmarshal(b, &p), name)
		goldenPlace(t, "TestGoldenPlacesNorth", name, &p)
	}
	profiles := loadProfiles(t)
	require.NotNil(t, profiles["wuhan-large-manufacturer"])
	goldenPlace(t, "TestGoldenPlacesNorth", "wuhan-large-manufacturer", profiles["wuhan-large-manufacturer"])
}
