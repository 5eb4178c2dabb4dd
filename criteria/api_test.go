package criteria_test

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/internal/testkit"
)

var updateAPI = flag.Bool("update-api", false, "rewrite testdata/api.txt")

// TestAPI keeps the package's exported surface in testdata/api.txt, so that a change to it is
// deliberate and reviewed (issue 13: criteria exports what a library user needs; the machinery is
// internal). After a deliberate change: go test ./criteria -run TestAPI -update-api.
func TestAPI(t *testing.T) {
	got, err := testkit.API(".")
	require.NoError(t, err)
	if *updateAPI {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile("testdata/api.txt", []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile("testdata/api.txt")
	require.NoError(t, err)
	if diff := testkit.APIDiff(string(want), got); diff != "" || string(want) != got {
		t.Fatalf("the exported API changed (if deliberate, run go test ./criteria -run TestAPI -update-api):\n%s", diff)
	}
}
