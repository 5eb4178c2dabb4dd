//go:build unix

package main

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/internal/testkit"
)

// SIGTERM stops `smetier classify` promptly while it judges a stream of enterprises against a
// pathological score set, with exit status 1 and the interruption named, and memory stays
// bounded meanwhile (issue 13, item 1: such a set once ran to 24 GB and ignored SIGTERM).
func TestClassifyStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the command and streams records into it for a few seconds")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "heavy.yaml"), []byte(testkit.FineScoreSet("test-heavy-score")), 0o644))
	_, errOut, code := smetier(t, "", "rules", "--check", dir)
	require.Equal(t, 0, code, "the set is valid: %s", errOut)

	cmd := exec.Command(os.Args[0], "classify", "--rules", dir, "--as-of", "2026-06-15", "--tier", "innovative_sme")
	cmd.Env = append(os.Environ(), "SMETIER_MAIN=1")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	errb := new(testkit.SyncBuffer) // read while the command still writes to it
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
