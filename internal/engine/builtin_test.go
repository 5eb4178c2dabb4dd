package engine

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/smetier/smetier"
)

// builtinPrograms compiles every expression of the built-in rule files, as package criteria
// does, in the environment of the built-in catalog (its local programs' titles declared).
// Package criteria imports this one, so the files are read here directly.
func builtinPrograms(t testing.TB) (*Env, []*Program) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "criteria", "data", "rules", "*.yaml"))
	require.NoError(t, err)
	type file struct {
		Program *struct {
			ID    string       `yaml:"id"`
			Title smetier.Text `yaml:"title"`
		} `yaml:"program"`
		Criteria []struct {
			Expr  string `yaml:"expr"`
			Bands []struct {
				When string `yaml:"when"`
			} `yaml:"bands"`
		} `yaml:"criteria"`
	}
	var parsed []file
	var ids []string
	titles := map[string]smetier.Text{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.yaml") {
			continue
		}
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		var f file
		require.NoError(t, yaml.Unmarshal(data, &f), name)
		if f.Program != nil && !slices.Contains(ids, f.Program.ID) {
			ids = append(ids, f.Program.ID)
			titles[f.Program.ID] = f.Program.Title
		}
		parsed = append(parsed, f)
	}
	slices.Sort(ids)
	env, err := NewEnv(ids, titles)
	require.NoError(t, err)
	var progs []*Program
	add := func(src string) {
		if src == "" {
			return
		}
		p, err := env.Compile(src, 10_000)
		require.NoError(t, err, src)
		progs = append(progs, p)
	}
	for _, f := range parsed {
		for _, c := range f.Criteria {
			add(c.Expr)
			for _, b := range c.Bands {
				add(b.When)
			}
		}
	}
	require.NotEmpty(t, progs)
	return env, progs
}

// testSizer is a stand-in size standard for tests that cannot load criteria's: an enterprise is
// small below 300 employees and medium from 300, and the class is unknown without the figure.
type testSizer struct{}

func (testSizer) Classify(p *smetier.Profile, fy int) smetier.SizeResult {
	res := smetier.SizeResult{Standard: "test", FiscalYear: fy}
	e := p.Years[fy].Employees
	switch {
	case e == nil:
		res.Missing = []smetier.Input{YearInput(fy, "employees")}
	case *e < 300:
		res.Class, res.SME = smetier.Small, new(true)
	default:
		res.Class, res.SME = smetier.Medium, new(true)
	}
	return res
}
