package ruletest_test

import (
	"testing"

	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/ruletest"
)

// TestBuiltinCases runs every case file of the embedded catalog (criteria/data/**/*_test.yaml),
// so that cases shipped beside a rule file run in `go test ./...` with no Go to write. A
// failure names the file, line and case: go test ./ruletest -run 'TestBuiltinCases/rules/<file>'.
func TestBuiltinCases(t *testing.T) {
	eng, err := classify.New()
	if err != nil {
		t.Fatal(err)
	}
	ruletest.Test(t, eng, criteria.BuiltinFS())
}
