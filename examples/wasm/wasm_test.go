//go:build linux

package wasm

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/internal/browsertest"
)

// built is the directory holding the page, smetier.wasm and wasm_exec.js, built once per test
// binary (a WebAssembly build of the engine takes a while on a small machine).
var (
	buildOnce sync.Once
	builtDir  string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

// site builds the browser engine into a temporary directory with the page and Go's loader.
func site(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(browsertest.Chromium); err != nil {
		t.Skipf("browser test skipped: %s not found (install it with: apt-get install -y chromium, or run .ci/chromium.sh)", browsertest.Chromium)
	}
	buildOnce.Do(func() {
		builtDir, buildErr = os.MkdirTemp("", "smetier-wasm-")
		if buildErr != nil {
			return
		}
		goroot := runtime.GOROOT()
		if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
			goroot = strings.TrimSpace(string(out))
		}
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(builtDir, "smetier.wasm"), "../../cmd/smetier-wasm")
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("building the browser engine: %v\n%s", err, out)
			return
		}
		// Go ≥ 1.24 keeps the loader in lib/wasm; older releases in misc/wasm.
		var loader []byte
		for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
			if loader, buildErr = os.ReadFile(filepath.Join(goroot, p)); buildErr == nil {
				break
			}
		}
		if buildErr != nil {
			return
		}
		page, err := os.ReadFile("index.html")
		if err != nil {
			buildErr = err
			return
		}
		for name, data := range map[string][]byte{"wasm_exec.js": loader, "index.html": page} {
			if buildErr = os.WriteFile(filepath.Join(builtDir, name), data, 0o644); buildErr != nil {
				return
			}
		}
	})
	require.NoError(t, buildErr)
	return builtDir
}

// serve serves dir as static files on 127.0.0.1, as any static file server would.
func serve(t *testing.T, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(http.FileServer(http.Dir(dir)))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}

func profiles(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob("../../testdata/profiles/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = b
	}
	return out
}

// verdictSummary is what must agree between the browser and the Go engine.
type verdictSummary struct {
	Key       string
	Covered   bool
	Status    smetier.Status
	RuleSet   string
	Failed    []string
	Judgement []string
	Missing   []string
}

func summarise(r *smetier.Report) []verdictSummary {
	var out []verdictSummary
	for _, v := range r.Rungs() {
		s := verdictSummary{Key: v.Key(), Covered: v.Covered, Status: v.Status, Failed: v.Failed, Judgement: v.Judgement}
		if v.RuleSet != nil {
			s.RuleSet = v.RuleSet.ID
		}
		for _, m := range v.Missing {
			s.Missing = append(s.Missing, m.Path)
		}
		out = append(out, s)
	}
	return out
}

// TestBrowserEngine loads the page in headless Chromium, judges every testdata profile with the
// engine compiled to WebAssembly and compares each report with the Go engine's: the same
// verdicts, and the same receipt digest. It also times start-up and classifications in the
// browser (logged: see README, "The engine in the browser").
func TestBrowserEngine(t *testing.T) {
	dir := site(t)
	base := serve(t, dir)
	b := browsertest.Start(t)
	b.Navigate(base + "/index.html")
	b.WaitFor("the engine", `document.getElementById("status").dataset.state !== "loading"`, 120*time.Second)
	var state string
	b.Eval(`document.getElementById("status").dataset.state`, &state)
	require.Equal(t, "ready", state, "the engine started")

	eng, err := classify.New()
	require.NoError(t, err)
	var catalog string
	b.Eval(`smetier.catalog`, &catalog)
	assert.Equal(t, eng.Catalog().Version(), catalog, "the browser has the same rule files")

	for name, raw := range profiles(t) {
		for _, asOf := range []string{"2025-06-15", "2026-06-15"} {
			var got smetier.Report
			b.Eval(fmt.Sprintf(`smetier.classify(%s, {as_of: %q})`, raw, asOf), &got)
			var p smetier.Profile
			require.NoError(t, json.Unmarshal(raw, &p))
			want, err := eng.Classify(context.Background(), &p, classify.AsOf(smetier.MustDate(asOf)))
			require.NoError(t, err)
			assert.Equal(t, summarise(want), summarise(&got), "%s %s", name, asOf)
			require.NotNil(t, got.Receipt, name)
			assert.Equal(t, want.Receipt.Digest, got.Receipt.Digest, "%s %s: the same receipt in the browser", name, asOf)
			assert.Equal(t, len(want.NextQuestions), len(got.NextQuestions), name)
		}
	}

	// The rest of the API: options, text, errors with the HTTP API's codes, rules, the schema.
	var text string
	b.Eval(fmt.Sprintf(`smetier.classify(%s, {as_of: "2026-06-15", format: "text", lang: "en"})`, profiles(t)["shenzhen-precision"]), &text)
	assert.Contains(t, text, "Receipt sha256:")
	var e struct {
		Error struct {
			Code   string
			Fields []struct{ Path string }
		}
	}
	b.Eval(`smetier.classify({region: "440305", digital_level: 9}, {as_of: "2026-06-15"})`, &e)
	assert.Equal(t, "invalid_profile", e.Error.Code)
	require.NotEmpty(t, e.Error.Fields)
	assert.Equal(t, "digital_level", e.Error.Fields[0].Path)
	b.Eval(`smetier.classify("{", {})`, &e)
	assert.Equal(t, "bad_request", e.Error.Code)
	b.Eval(`smetier.classify({region: "440305"}, {as_of: "2026-02-30"})`, &e)
	assert.Equal(t, "bad_request", e.Error.Code)
	var rules struct {
		RuleSets []struct{ ID string } `json:"rule_sets"`
	}
	b.Eval(`smetier.rules({region: "440305", as_of: "2026-06-15", tier: "little_giant"})`, &rules)
	require.Len(t, rules.RuleSets, 1)
	assert.Equal(t, "cn-2026-little-giant", rules.RuleSets[0].ID)
	// The tier option takes local programs as the HTTP API's tier parameter does.
	var prog smetier.Report
	b.Eval(`smetier.classify({region: "440305"}, {as_of: "2026-06-15", tier: "gd_champion"})`, &prog)
	assert.Empty(t, prog.Verdicts, "only the program was asked for")
	require.Len(t, prog.Programs, 1)
	require.NotNil(t, prog.Programs[0].Program)
	assert.Equal(t, "gd_champion", prog.Programs[0].Program.ID)
	b.Eval(`smetier.classify({region: "440305"}, {as_of: "2026-06-15", tier: "no_such_rung"})`, &e)
	assert.Equal(t, "bad_request", e.Error.Code)
	var sch struct {
		Schema string `json:"$schema"`
		Title  string
	}
	b.Eval(`smetier.schema()`, &sch)
	assert.Equal(t, "smetier profile", sch.Title)

	// The page itself: the sample profile judged by a click.
	b.Click(browsertest.ByID("run"))
	b.WaitFor("the verdicts", `document.body.dataset.state === "done" || document.body.dataset.state === "error"`, 30*time.Second)
	dom := b.DOM()
	assert.Contains(t, dom, `data-state="done"`)
	assert.Contains(t, dom, `<tr data-tier="little_giant">`)
	assert.Contains(t, dom, `<p id="receipt">回执 <code>sha256:`)

	// Figures for the README: start-up and time per classification, in this browser.
	var timing struct {
		StartMs, FetchMs float64
	}
	b.Eval(`window.smetierTiming`, &timing)
	var perCall float64
	b.Eval(fmt.Sprintf(`(() => { const p = %s; const n = 50; smetier.classify(p, {as_of: "2026-06-15"});
		const t = performance.now(); for (let i = 0; i < n; i++) smetier.classify(p, {as_of: "2026-06-15"});
		return (performance.now() - t) / n; })()`, profiles(t)["shenzhen-precision"]), &perCall)
	wasm, err := os.ReadFile(filepath.Join(dir, "smetier.wasm"))
	require.NoError(t, err)
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(wasm)
	w.Close()
	t.Logf("smetier.wasm: %.1f MB raw, %.1f MB gzip -9; start-up %.0f ms (fetch %.0f ms); %.2f ms per full report",
		float64(len(wasm))/1e6, float64(gz.Len())/1e6, timing.StartMs, timing.FetchMs, perCall)
}
