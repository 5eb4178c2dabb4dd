package ruletest_test

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/ruletest"
)

// FuzzParse feeds arbitrary case files to the parser: it returns cases or a *CaseError, and
// never panics or hangs (deep nesting and alias chains are bounded).
func FuzzParse(f *testing.F) {
	builtin := criteria.BuiltinFS()
	_ = fs.WalkDir(builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && criteria.IsTestFile(p) {
			if b, err := fs.ReadFile(builtin, p); err == nil {
				f.Add(b)
			}
		}
		return nil
	})
	f.Add([]byte("kind: cases\ndefaults: &d {years: {2025: {rd_expense: 1.5}}}\ncases:\n  - {name: a, as_of: 2026-06-15, profile: {segment: *d}, expect: {x: none}}\n"))
	f.Add([]byte("kind: cases\ncases:\n  - name: a\n    as_of: 2026-06-15\n    profile: {ip: [[[[{}]]]]}\n    expect: {little_giant: qualified}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := ruletest.Parse("fuzz_test.yaml", data)
		switch {
		case err == nil && (file == nil || len(file.Cases) == 0):
			t.Fatal("no error and no cases")
		case err != nil && !errors.Is(err, ruletest.ErrInvalidCase):
			t.Fatalf("error %v does not match ErrInvalidCase", err)
		}
		if err == nil {
			for _, c := range file.Cases {
				if c.Profile == nil || len(c.Expect) == 0 {
					t.Fatalf("case %q parsed without a profile or expectations", c.Name)
				}
			}
		}
	})
}
