package classify_test

import (
	"flag"
	"testing"

	"github.com/smetier/smetier/internal/testkit"
)

var updateAPI = flag.Bool("update-api", false, "rewrite testdata/api.txt")

// TestAPI keeps the package's exported surface in testdata/api.txt, so that a change to it is
// deliberate and reviewed (issue 13: classify exports the engine and its options; the evaluation
// machinery is in internal/engine). After a deliberate change:
// go test ./classify -run TestAPI -update-api.
func TestAPI(t *testing.T) {
	testkit.CheckAPI(t, "./classify", *updateAPI)
}
