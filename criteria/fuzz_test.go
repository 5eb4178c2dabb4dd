package criteria_test

import (
	"io/fs"
	"testing"

	"github.com/smetier/smetier/criteria"
)

// FuzzParse feeds arbitrary rule files to the loader: it returns a rule set, a size standard or
// an error, and never panics or hangs.
func FuzzParse(f *testing.F) {
	builtin := criteria.BuiltinFS()
	_ = fs.WalkDir(builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, err := fs.ReadFile(builtin, p); err == nil {
				f.Add(b)
			}
		}
		return nil
	})
	f.Add(costRule(`[1,2,3].all(x, x > fy1.rd_ratio_pct)`))
	f.Add(costRule(`fy1.rd_ratio_pct >= 'a'`))
	f.Add([]byte("kind: size-standard\nid: x\ndoc: y\nfrom: 2020-01-01\ngroups: [{id: g, cite: c, codes: [C], large: {}, medium: {}, small: {}}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, std, err := criteria.Parse("fuzz.yaml", data)
		if err == nil && s == nil && std == nil {
			t.Fatal("no error and nothing loaded")
		}
	})
}
