package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets the tests run this package's main in a child process: the test binary re-runs
// itself with SMETIER_MAIN=1, so that exit statuses are those of the real command.
func TestMain(m *testing.M) {
	if os.Getenv("SMETIER_MAIN") == "1" {
		os.Args = append([]string{"smetier"}, os.Args[1:]...)
		main()
		return
	}
	os.Exit(m.Run())
}

func smetier(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "SMETIER_MAIN=1")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return out.String(), errb.String(), code
}

func TestExitStatuses(t *testing.T) {
	profile := filepath.Join("..", "..", "testdata", "profiles", "shenzhen-precision.json")
	out, errOut, code := smetier(t, "", "classify", "--as-of", "2026-06-15", profile)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, `"enterprise": "深圳市精研微电机有限公司"`)

	out, _, code = smetier(t, "{\"region\": \"440305\"}\nnot json\n", "classify", "--as-of", "2026-06-15")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, `{"line":2,"record":2,"error":{"code":"invalid_json"`)

	_, errOut, code = smetier(t, "", "classify", "--format", "yaml")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--format")

	out, _, code = smetier(t, "")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)

	out, _, code = smetier(t, "", "schema")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, `"$schema": "https://json-schema.org/draft/2020-12/schema"`)

	out, _, code = smetier(t, "", "classify")
	assert.Equal(t, 0, code, "empty input")
	assert.Empty(t, out)
}

// rules --test exits 0 when every case passes, 1 when one fails, 2 on a usage error.
func TestRulesTestExitStatuses(t *testing.T) {
	out, errOut, code := smetier(t, "", "rules", "--test")
	assert.Equal(t, 0, code, errOut)
	assert.Regexp(t, `^[1-9][0-9]* passed, 0 failed\n$`, out)

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x_test.yaml"), []byte(`kind: cases
cases:
  - name: an SME with no data is not a little giant yet
    as_of: 2026-06-15
    profile: {region: "440305"}
    expect: {little_giant: qualified}
`), 0o644))
	out, _, code = smetier(t, "", "rules", "--test", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, filepath.Join(dir, "x_test.yaml")+`:3: case "an SME with no data is not a little giant yet": little_giant: want qualified, got needs_data`)
	assert.Contains(t, out, "0 passed, 1 failed\n")

	_, errOut, code = smetier(t, "", "rules", "--test", "--region", "440305")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--region cannot be used with --test")
}
