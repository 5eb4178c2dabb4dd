package testkit

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// API lists the exported surface of the package in dir, one declaration per line: constants,
// variables, functions with their signatures, types with their exported fields and methods. It
// is what go doc shows, without the comments, so that a golden file of it makes every change to
// a package's public surface deliberate (issue 13: criteria and schema export only what a user
// needs).
func API(dir string) (string, error) {
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return "", err
	}
	var pkgName string
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return "", err
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			return "", err
		}
		pkgName, files[name] = f.Name.Name, f
	}
	p, err := doc.NewFromFiles(fset, sortedFiles(files), "example.com/"+pkgName)
	if err != nil {
		return "", err
	}
	var lines []string
	node := func(n any) string {
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, n); err != nil {
			panic(err) // a node go/parser produced always prints
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	values := func(kind string, vs []*doc.Value) {
		for _, v := range vs {
			for _, spec := range v.Decl.Specs {
				for _, n := range spec.(*ast.ValueSpec).Names {
					if n.IsExported() {
						lines = append(lines, kind+" "+n.Name)
					}
				}
			}
		}
	}
	funcs := func(fs []*doc.Func) {
		for _, f := range fs {
			decl := *f.Decl
			decl.Doc, decl.Body = nil, nil
			lines = append(lines, node(&decl))
		}
	}
	values("const", p.Consts)
	values("var", p.Vars)
	funcs(p.Funcs)
	for _, t := range p.Types {
		spec := t.Decl.Specs[0].(*ast.TypeSpec)
		switch u := spec.Type.(type) {
		case *ast.StructType:
			lines = append(lines, "type "+t.Name+" struct")
			for _, f := range u.Fields.List {
				if len(f.Names) == 0 { // embedded: exported when its type's name is
					typ := node(f.Type)
					if i := strings.LastIndex(typ, "."); i >= 0 {
						typ = typ[i+1:]
					}
					if ast.IsExported(strings.TrimPrefix(typ, "*")) {
						lines = append(lines, fmt.Sprintf("embedded %s.%s", t.Name, node(f.Type)))
					}
				}
				for _, n := range f.Names {
					if n.IsExported() {
						lines = append(lines, fmt.Sprintf("field %s.%s %s", t.Name, n.Name, node(f.Type)))
					}
				}
			}
		case *ast.InterfaceType:
			lines = append(lines, "type "+t.Name+" interface")
			for _, m := range u.Methods.List {
				for _, n := range m.Names {
					if n.IsExported() {
						lines = append(lines, fmt.Sprintf("method %s.%s%s", t.Name, n.Name, strings.TrimPrefix(node(m.Type), "func")))
					}
				}
			}
		default:
			lines = append(lines, fmt.Sprintf("type %s %s", t.Name, node(spec.Type)))
		}
		values("const", t.Consts)
		values("var", t.Vars)
		funcs(t.Funcs)
		funcs(t.Methods)
	}
	return strings.Join(lines, "\n") + "\n", nil
}

func sortedFiles(m map[string]*ast.File) []*ast.File {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*ast.File, len(names))
	for i, n := range names {
		out[i] = m[n]
	}
	return out
}

// APIDiff lists the lines of got that want lacks ("+ …") and those of want that got lacks
// ("- …"): a readable failure for a golden API listing. Empty when they hold the same lines.
func APIDiff(want, got string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			m[l]++
		}
		return m
	}
	w, g := count(want), count(got)
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(got), "\n") {
		if w[l] > 0 {
			w[l]--
			continue
		}
		out = append(out, "+ "+l)
	}
	for _, l := range strings.Split(strings.TrimSpace(want), "\n") {
		if g[l] > 0 {
			g[l]--
			continue
		}
		out = append(out, "- "+l)
	}
	return strings.Join(out, "\n")
}

// CheckAPI compares the exported surface of the package in the current directory (API(".")) with
// testdata/api.txt and fails t on any difference; with update it rewrites the file instead.
// pkg is the package as go test names it from the module root (".", "./classify"), for the
// command in the message.
func CheckAPI(t testing.TB, pkg string, update bool) {
	t.Helper()
	got, err := API(".")
	if err != nil {
		t.Fatal(err)
	}
	if update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/api.txt", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile("testdata/api.txt")
	if err != nil {
		t.Fatalf("%v (to create it: go test %s -run TestAPI -update-api)", err, pkg)
	}
	if diff := APIDiff(string(want), got); diff != "" || string(want) != got {
		t.Fatalf("the exported API changed (if deliberate, run go test %s -run TestAPI -update-api):\n%s", pkg, diff)
	}
}
