package ruletest

import (
	"context"
	"io/fs"
	"testing"

	"github.com/smetier/smetier/classify"
)

// Test runs every case file under the root of fsys as subtests of t, one per file and, inside
// it, one per case, so that `go test -run 'TestCases/rules/gd-2026_test.yaml'` reruns one file
// and a failure names its case: a malformed file fails its subtest with a *CaseError, a case
// fails with its CaseResult line. eng nil means an engine over the built-in catalog. An fsys
// without case files fails t, since it is almost certainly the wrong directory.
//
//	func TestCases(t *testing.T) {
//		cat, err := criteria.Load(criteria.BuiltinFS(), os.DirFS("rules"))
//		if err != nil { t.Fatal(err) }
//		eng, err := classify.New(classify.WithCatalog(cat))
//		if err != nil { t.Fatal(err) }
//		ruletest.Test(t, eng, os.DirFS("rules"))
//	}
func Test(t *testing.T, eng *classify.Engine, fsys fs.FS) {
	t.Helper()
	if eng == nil {
		var err error
		if eng, err = classify.New(); err != nil {
			t.Fatal(err)
		}
	}
	names, err := caseFiles(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("ruletest: no *_test.yaml case files")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range f.Cases {
				t.Run(c.Name, func(t *testing.T) {
					r := c.run(context.Background(), eng)
					if !r.Passed() {
						t.Error(r.String())
					}
				})
			}
		})
	}
}
