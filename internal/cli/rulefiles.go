package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/smetier/smetier/criteria"
)

// ruleFiles are user rule files read into memory under synthetic names, so that the loader's
// errors can be mapped back to the paths the user typed.
type ruleFiles struct {
	fsys  fstest.MapFS
	names map[string]string // synthetic name → path as given
	paths []string          // paths in order
}

// readRuleFiles reads each path: a file, or a directory whose *.yaml and *.yml files are read
// recursively.
func readRuleFiles(paths []string) (*ruleFiles, error) {
	rf := &ruleFiles{fsys: fstest.MapFS{}, names: map[string]string{}}
	add := rf.add
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			if err := add(p); err != nil {
				return nil, err
			}
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := path.Ext(q); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
				found = append(found, q)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no *.yaml rule files", p)
		}
		for _, q := range found {
			if err := add(q); err != nil {
				return nil, err
			}
		}
	}
	return rf, nil
}

// add reads the file at p under a synthetic name that keeps its base name (so that the loader
// still recognises a *_test.yaml case file).
func (rf *ruleFiles) add(p string) error {
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("user/%04d/%s", len(rf.paths), strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))+".yaml")
	rf.fsys[name] = &fstest.MapFile{Data: data}
	rf.names[name] = p
	rf.paths = append(rf.paths, p)
	return nil
}

// fix rewrites the synthetic file names in a loader error to the user's paths.
func (rf *ruleFiles) fix(err error) error {
	var le *criteria.LoadError
	if !errors.As(err, &le) {
		return err
	}
	c := *le
	if p, ok := rf.names[c.File]; ok {
		c.File = p
	}
	msg := c.Err.Error()
	for name, p := range rf.names {
		msg = strings.ReplaceAll(msg, name, p)
	}
	c.Err = errors.New(msg)
	return &c
}

// load compiles the built-in catalog together with the user's files.
func (rf *ruleFiles) load() (*criteria.Catalog, error) {
	cat, err := criteria.Load(criteria.BuiltinFS(), rf.fsys)
	if err != nil {
		return nil, rf.fix(err)
	}
	return cat, nil
}

// catalog returns the built-in catalog, extended with the rule files at paths when there are
// any.
func catalog(paths []string) (*criteria.Catalog, error) {
	if len(paths) == 0 {
		return criteria.Default()
	}
	rf, err := readRuleFiles(paths)
	if err != nil {
		return nil, err
	}
	return rf.load()
}

// loadReplacing is load for testing: a built-in rule set whose id a user file defines too is
// left out rather than reported as a duplicate, so that the files under test, including edited
// copies of built-in ones (`smetier rules --test criteria/data/rules` in a checkout), are the
// ones judged.
func (rf *ruleFiles) loadReplacing() (*criteria.Catalog, error) {
	def, err := criteria.Default()
	if err != nil {
		return nil, err
	}
	hide := map[string]bool{}
	for name, f := range rf.fsys {
		if criteria.IsTestFile(name) {
			continue
		}
		// The id is read without checking the rules: a file that reads a local program's title
		// (holds("js_pool")) does not check on its own, only in the catalog that loads the
		// program. A file that does not parse is reported by the load below.
		var head struct {
			ID string `yaml:"id"`
		}
		if yaml.Unmarshal(f.Data, &head) == nil && head.ID != "" {
			if b := def.Set(head.ID); b != nil {
				hide[b.File] = true
			}
		}
	}
	builtin := criteria.BuiltinFS()
	base := fstest.MapFS{}
	err = fs.WalkDir(builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || hide[p] {
			return err
		}
		data, err := fs.ReadFile(builtin, p)
		base[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		return nil, err
	}
	cat, err := criteria.Load(base, rf.fsys)
	if err != nil {
		return nil, rf.fix(err)
	}
	return cat, nil
}
