//go:build unix

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// heavyScore is a score set that passes `smetier rules --check` but whose items combine in far
// more ways than the score planner searches (issue 13, item 1): 16 items of 6 bands with
// distinct points, a pass mark of 1000 and two parts with minimums. Before the planner was
// bounded, one enterprise with tiny figures made such a set grow memory without end.
func heavyScore() string {
	var b strings.Builder
	b.WriteString(`kind: rule-set
id: test-heavy-score
tier: innovative_sme
jurisdiction: "440000"
title: {zh: 细分评分, en: Fine-grained score}
doc: 测试〔2026〕8号
from: 2026-01-01
score:
  pass_mark: 1000
  parts:
    - {id: a, title: {zh: 甲, en: A}, minimum: 60}
    - {id: b, title: {zh: 乙, en: B}, minimum: 60}
criteria:
`)
	for i := range 16 {
		fmt.Fprintf(&b, "  - id: item%02d\n    kind: score\n    part: %s\n    title: {zh: 项%d, en: item %d}\n    cite: 第%d项\n    bands:\n",
			i, []string{"a", "b"}[i%2], i, i, i+1)
		for k := 6; k >= 1; k-- {
			fmt.Fprintf(&b, "      - {when: \"fy1.rd_ratio_pct >= %d\", points: %d, label: {zh: 档%d, en: band %d}}\n", 10*k+i, 11*k+i*7+k*k*5, k, k)
		}
	}
	return b.String()
}

// SIGTERM stops `smetier classify` promptly while it judges a stream of enterprises against a
// pathological score set, with exit status 1 and the interruption named, and memory stays
// bounded meanwhile (issue 13, item 1: such a set once ran to 24 GB and ignored SIGTERM).
func TestClassifyStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the command and streams records into it for a few seconds")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "heavy.yaml"), []byte(heavyScore()), 0o644))
	_, errOut, code := smetier(t, "", "rules", "--check", dir)
	require.Equal(t, 0, code, "the set is valid: %s", errOut)

	cmd := exec.Command(os.Args[0], "classify", "--rules", dir, "--as-of", "2026-06-15", "--tier", "innovative_sme")
	cmd.Env = append(os.Environ(), "SMETIER_MAIN=1")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	errb := new(syncBuilder) // read while the command still writes to it
	cmd.Stderr = errb
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() }) // a no-op once it has exited

	// An endless stream of enterprises with tiny R&D: every item of the set at no band, so each
	// one asks the planner for its cheapest plan. The writer stops when the command is gone.
	go func() {
		rec := []byte(`{"region": "440305", "industry": "C3812", "years": {"2025": {"operating_revenue": 10000000, "rd_expense": 10000}}}` + "\n")
		for {
			if _, err := stdin.Write(rec); err != nil {
				return
			}
		}
	}()
	// Wait until reports come out: the command is judging, not waiting for input. A command that
	// never answers (a planner without bounds) is killed, so the test fails instead of hanging.
	watchdog := time.AfterFunc(60*time.Second, func() { _ = cmd.Process.Kill() })
	lines := bufio.NewScanner(stdout)
	lines.Buffer(nil, 1<<20)
	for range 3 {
		require.True(t, lines.Scan(), "a report per record; stderr: %s", errb.String())
		require.Contains(t, lines.Text(), `"test-heavy-score"`)
		require.Contains(t, lines.Text(), `"no_plan"`, "the planner gave up at its bound")
	}
	require.True(t, watchdog.Stop(), "no report within 60 s")
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	sent := time.Now()
	go io.Copy(io.Discard, stdout) // drain what is in flight, so that writes do not block
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("smetier classify did not stop within 20 s of SIGTERM")
	}
	t.Logf("stopped %v after SIGTERM", time.Since(sent).Round(time.Millisecond))
	var ee *exec.ExitError
	require.True(t, errors.As(err, &ee), "exit status: %v", err)
	assert.Equal(t, 1, ee.ExitCode(), "an interruption exits 1; stderr: %s", errb.String())
	assert.Contains(t, errb.String(), "interrupted")
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && runtime.GOOS == "linux" {
		// Linux reports the peak resident set in KiB.
		t.Logf("peak RSS %d MiB", ru.Maxrss>>10)
		assert.Less(t, ru.Maxrss>>10, int64(1024), "peak RSS in MiB")
	}
}

// syncBuilder is a strings.Builder that one goroutine (os/exec's copier of the child's stderr)
// may write while another reads it for a failure message.
type syncBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
