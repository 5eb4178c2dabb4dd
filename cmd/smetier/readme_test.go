package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/schema"
)

// readmeBlock returns the second ```sh block of the README's "Command line" section: the
// examples a reader copies into a shell (the first is the go install line).
func readmeBlock(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	readme := string(b)
	i := strings.Index(readme, "\n## Command line\n")
	require.GreaterOrEqual(t, i, 0, "README has a Command line section")
	section := readme[i+1:]
	if j := strings.Index(section, "\n## "); j >= 0 {
		section = section[:j]
	}
	blocks := regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(section, -1)
	require.Len(t, blocks, 2, "an install block and an examples block")
	require.Contains(t, blocks[0][1], "go install ./cmd/smetier")
	return blocks[1][1]
}

// TestReadmeCommandLine runs the README's command-line examples as written, in a shell, with
// smetier on the PATH (this test binary behind a wrapper), in a scratch directory that sees the
// repository's testdata: the copy-paste examples keep working as the command changes.
func TestReadmeCommandLine(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the README's examples are POSIX shell")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	script := readmeBlock(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	require.NoError(t, os.Mkdir(bin, 0o755))
	exe, err := os.Executable()
	require.NoError(t, err)
	wrapper := "#!/bin/sh\nSMETIER_MAIN=1 exec '" + exe + "' \"$@\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "smetier"), []byte(wrapper), 0o755))
	work := filepath.Join(dir, "repo")
	require.NoError(t, os.Mkdir(work, 0o755))
	testdata, err := filepath.Abs("../../testdata")
	require.NoError(t, err)
	require.NoError(t, os.Symlink(testdata, filepath.Join(work, "testdata")))

	cmd := exec.Command(bash, "--noprofile", "--norc", "-c", script)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	require.NoError(t, cmd.Run(), "the script's last command fails: %s", errb.String())
	stdout, stderr := out.String(), errb.String()

	assert.NotContains(t, stderr, "command not found")
	assert.NotContains(t, stderr, "Usage:", "every flag in the README exists")
	// One profile, JSON then text.
	assert.Contains(t, stdout, `"enterprise": "深圳市精研微电机有限公司"`)
	assert.Contains(t, stdout, "Region Shenzhen 440305 · as of 2026-06-15")
	// The batch: one report per profile, exit 0.
	profiles, err := filepath.Glob(filepath.Join(testdata, "profiles", "*.json"))
	require.NoError(t, err)
	assert.Regexp(t, `exit 0, \s*`+strconv.Itoa(len(profiles))+` reports`, stdout)
	reports, err := os.ReadFile(filepath.Join(work, "reports.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, len(profiles), bytes.Count(reports, []byte("\n")))
	// The broken record and the invalid one, in place.
	assert.Contains(t, stdout, `{"line":2,"record":2,"error":{"code":"invalid_json"`)
	assert.Contains(t, stdout, `{"line":3,"record":3,"error":{"code":"invalid_profile"`)
	assert.Contains(t, stderr, "2 of 3 records failed")
	// rules, rules --check, schema.
	assert.Contains(t, stdout, "Rules for Shenzhen 440305 2026-06-15")
	assert.Contains(t, stdout, "ok: 1 rule set(s)")
	// rules --test: the example's two cases pass.
	assert.Contains(t, stdout, "2 passed, 0 failed")
	// template, then screen on the sample: both outputs written.
	assert.Contains(t, stdout, "wrote registry.xlsx (fiscal years [2023 2024 2025])")
	assert.Contains(t, stdout, "screened 20 enterprises as of 2026-06-15 (0 not screened)")
	for _, f := range []string{"registry.xlsx", "results.xlsx", "report.html"} {
		assert.FileExists(t, filepath.Join(work, f))
	}
	written, err := os.ReadFile(filepath.Join(work, "profile.schema.json"))
	require.NoError(t, err)
	assert.Equal(t, string(schema.Profile()), string(written))
}
