package screen_test

import (
	"flag"
	"testing"

	"github.com/smetier/smetier/internal/testkit"
)

var updateAPI = flag.Bool("update-api", false, "rewrite testdata/api.txt")

// TestAPI keeps the package's exported surface in testdata/api.txt, so that a change to it is
// deliberate and reviewed (issue 13, item 8). After a deliberate change:
// go test ./screen -run TestAPI -update-api.
func TestAPI(t *testing.T) {
	testkit.CheckAPI(t, "./screen", *updateAPI)
}
