package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/testkit"
	"github.com/smetier/smetier/internal/wire"
	"github.com/smetier/smetier/schema"
)

const profilesDir = "../../testdata/profiles"

// now is the fixed clock of the tests: 2026-06-15 10:00 in China.
var now = time.Date(2026, 6, 15, 2, 0, 0, 0, time.UTC)

type cmdResult struct {
	stdout, stderr string
	code           int
}

func runEnv(t *testing.T, env Env, stdin string, args ...string) cmdResult {
	t.Helper()
	var out, errb bytes.Buffer
	if env.Stdin == nil {
		env.Stdin = strings.NewReader(stdin)
	}
	env.Stdout, env.Stderr = &out, &errb
	if env.Now == nil {
		env.Now = func() time.Time { return now }
	}
	code := Run(context.Background(), args, env)
	return cmdResult{out.String(), errb.String(), code}
}

func run(t *testing.T, stdin string, args ...string) cmdResult {
	t.Helper()
	return runEnv(t, Env{}, stdin, args...)
}

func profileFiles(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join(profilesDir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

func readFile(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

func compact(t *testing.T, b []byte) string {
	var buf bytes.Buffer
	require.NoError(t, json.Compact(&buf, b))
	return buf.String()
}

// jsonl returns the sample profiles as JSON Lines, and their names in order.
func jsonl(t *testing.T) ([]string, []string) {
	var lines, names []string
	for _, f := range profileFiles(t) {
		b := readFile(t, f)
		lines = append(lines, compact(t, b))
		var p smetier.Profile
		require.NoError(t, json.Unmarshal(b, &p))
		names = append(names, p.Name)
	}
	return lines, names
}

// expected is the report the engine itself gives, as compact JSON.
func expected(t *testing.T, raw []byte, opts ...classify.CallOption) string {
	t.Helper()
	eng, err := classify.New()
	require.NoError(t, err)
	var p smetier.Profile
	require.NoError(t, json.Unmarshal(raw, &p))
	rep, err := eng.Classify(context.Background(), &p, append([]classify.CallOption{classify.AsOf(smetier.MustDate("2026-06-15"))}, opts...)...)
	require.NoError(t, err)
	var buf bytes.Buffer
	writeJSON(&buf, rep, false)
	return strings.TrimSpace(buf.String())
}

func outLines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func reportOf(t *testing.T, line string) *smetier.Report {
	var r smetier.Report
	require.NoError(t, json.Unmarshal([]byte(line), &r), line)
	return &r
}

func errorOf(t *testing.T, line string) *errorRecord {
	var r errorRecord
	require.NoError(t, json.Unmarshal([]byte(line), &r), line)
	require.NotNil(t, r.Error, line)
	return &r
}

func TestClassifySingleObjectFile(t *testing.T) {
	f := filepath.Join(profilesDir, "shenzhen-precision.json")
	r := run(t, "", "classify", f)
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "{\n  \""), "one object gives indented JSON")
	assert.Equal(t, expected(t, readFile(t, f)), compact(t, []byte(r.stdout)))
	// The default date of judgement is today in China.
	assert.Equal(t, "2026-06-15", reportOf(t, compact(t, []byte(r.stdout))).AsOf.String())
}

func TestClassifyDefaultAsOfIsChinaToday(t *testing.T) {
	f := filepath.Join(profilesDir, "shenzhen-precision.json")
	// 2026-06-30 17:00 UTC is already 1 July in China.
	late := time.Date(2026, 6, 30, 17, 0, 0, 0, time.UTC)
	r := runEnv(t, Env{Now: func() time.Time { return late }}, "", "classify", f)
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.Equal(t, "2026-07-01", reportOf(t, compact(t, []byte(r.stdout))).AsOf.String())
}

func TestClassifySingleObjectStdin(t *testing.T) {
	f := filepath.Join(profilesDir, "suzhou-bearings.json")
	for name, args := range map[string][]string{"no file": {"classify"}, "dash": {"classify", "-"}} {
		t.Run(name, func(t *testing.T) {
			r := run(t, string(readFile(t, f)), args...)
			require.Equal(t, ExitOK, r.code, r.stderr)
			assert.Equal(t, expected(t, readFile(t, f)), compact(t, []byte(r.stdout)))
		})
	}
}

func TestClassifyArray(t *testing.T) {
	lines, names := jsonl(t)
	for name, in := range map[string]string{
		"one line": "[" + strings.Join(lines, ",") + "]",
		"pretty":   "[\n  " + strings.Join(lines, ",\n  ") + "\n]\n",
	} {
		t.Run(name, func(t *testing.T) {
			r := run(t, in, "classify")
			require.Equal(t, ExitOK, r.code, r.stderr)
			out := outLines(r.stdout)
			require.Len(t, out, len(lines))
			for i, l := range out {
				assert.Equal(t, expected(t, []byte(lines[i])), l)
				assert.Equal(t, names[i], reportOf(t, l).Enterprise)
			}
		})
	}
	t.Run("one element is still JSON Lines", func(t *testing.T) {
		r := run(t, "["+lines[0]+"]", "classify")
		require.Equal(t, ExitOK, r.code, r.stderr)
		assert.Equal(t, expected(t, []byte(lines[0]))+"\n", r.stdout)
	})
	t.Run("empty array", func(t *testing.T) {
		r := run(t, " [ ] ", "classify")
		assert.Equal(t, ExitOK, r.code)
		assert.Empty(t, r.stdout)
	})
}

func TestClassifyJSONLines(t *testing.T) {
	lines, names := jsonl(t)
	r := run(t, strings.Join(lines, "\n")+"\n", "classify")
	require.Equal(t, ExitOK, r.code, r.stderr)
	out := outLines(r.stdout)
	require.Len(t, out, len(lines))
	for i, l := range out {
		assert.Equal(t, names[i], reportOf(t, l).Enterprise)
		assert.Equal(t, expected(t, []byte(lines[i])), l)
	}
	// Blank lines and CRLF are tolerated; a final line without newline counts.
	r = run(t, "\n"+strings.Join(lines, "\r\n\r\n"), "classify")
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.Len(t, outLines(r.stdout), len(lines))
}

func TestClassifyJSONLinesBrokenLine(t *testing.T) {
	lines, names := jsonl(t)
	in := strings.Join([]string{lines[0], lines[1], `{"name": "broken", "years": `, lines[2], lines[3]}, "\n")
	r := run(t, in, "classify")
	assert.Equal(t, ExitFailed, r.code)
	out := outLines(r.stdout)
	require.Len(t, out, 5)
	assert.Equal(t, names[0], reportOf(t, out[0]).Enterprise)
	assert.Equal(t, names[1], reportOf(t, out[1]).Enterprise)
	e := errorOf(t, out[2])
	assert.Equal(t, 3, e.Line)
	assert.Equal(t, 3, e.Record)
	assert.Equal(t, wire.CodeInvalidJSON, e.Error.Code)
	assert.Contains(t, e.Error.Message, "invalid JSON")
	assert.Equal(t, names[2], reportOf(t, out[3]).Enterprise)
	assert.Equal(t, names[3], reportOf(t, out[4]).Enterprise)
	assert.Contains(t, r.stderr, "1 of 5 records failed")
	// The exact shape of an error record.
	assert.JSONEq(t, `{"line":3,"record":3,"error":{"code":"invalid_json","message":"invalid JSON: unexpected end of JSON input"}}`, out[2])
}

func TestClassifyBrokenFirstLine(t *testing.T) {
	lines, _ := jsonl(t)
	r := run(t, `{"name": "broken",`+"\n"+lines[0]+"\n"+lines[1]+"\n", "classify")
	assert.Equal(t, ExitFailed, r.code)
	out := outLines(r.stdout)
	require.Len(t, out, 3)
	assert.Equal(t, 1, errorOf(t, out[0]).Line)
	reportOf(t, out[1])
	reportOf(t, out[2])
}

func TestClassifyInvalidProfileMidStream(t *testing.T) {
	lines, names := jsonl(t)
	bad := `{"name": "坏数据", "region": "440305", "years": {"2025": {"operating_revenue": 100, "main_revenue": 200}}, "ip": [{"kind": "patent"}]}`
	typo := `{"region": "440305", "years": {"2025": {"rd_expence": 1, "employees": "many"}}}`
	in := strings.Join([]string{lines[0], bad, lines[1], typo, lines[2]}, "\n")
	r := run(t, in, "classify")
	assert.Equal(t, ExitFailed, r.code)
	out := outLines(r.stdout)
	require.Len(t, out, 5)
	e := errorOf(t, out[1])
	assert.Equal(t, 2, e.Line)
	assert.Equal(t, wire.CodeInvalidProfile, e.Error.Code)
	var paths []string
	for _, f := range e.Error.Fields {
		paths = append(paths, f.Path)
		assert.NotEmpty(t, f.Message)
	}
	assert.Equal(t, []string{"years.2025.main_revenue", "ip[0].kind"}, paths)
	e = errorOf(t, out[3])
	assert.Equal(t, 4, e.Line)
	assert.Equal(t, []wire.Field{
		{Path: "years.2025.rd_expence", Message: `unknown field (did you mean "rd_expense"?)`},
		{Path: "years.2025.employees", Message: "want an integer, got a string"},
	}, e.Error.Fields)
	assert.Equal(t, names[0], reportOf(t, out[0]).Enterprise)
	assert.Equal(t, names[1], reportOf(t, out[2]).Enterprise)
	assert.Equal(t, names[2], reportOf(t, out[4]).Enterprise)
	assert.Contains(t, r.stderr, "2 of 5 records failed")
}

func TestClassifyRecordErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		in, code, path string
	}{
		"not an object":  {`42`, wire.CodeInvalidProfile, ""},
		"no region":      {`{"name": "x"}`, wire.CodeInvalidProfile, "region"},
		"unknown region": {`{"region": "840000"}`, wire.CodeUnknownRegion, ""},
		"bad money":      {`{"region": "440305", "years": {"2025": {"rd_expense": "1.234"}}}`, wire.CodeInvalidProfile, "years.2025.rd_expense"},
		"bad date":       {`{"region": "440305", "established": "2025-02-30"}`, wire.CodeInvalidProfile, "established"},
		"bad year key":   {`{"region": "440305", "years": {"FY25": {}}}`, wire.CodeInvalidProfile, "years.FY25"},
		"wrong shape":    {`{"region": "440305", "ip": {"kind": "x"}}`, wire.CodeInvalidProfile, "ip"},
		"trailing data":  {`{"region": "440305"} {}`, wire.CodeInvalidJSON, ""},
	} {
		t.Run(name, func(t *testing.T) {
			r := run(t, tc.in, "classify")
			assert.Equal(t, ExitFailed, r.code)
			e := errorOf(t, compact(t, []byte(r.stdout)))
			assert.Equal(t, tc.code, e.Error.Code, r.stdout)
			if tc.path != "" {
				require.NotEmpty(t, e.Error.Fields)
				assert.Equal(t, tc.path, e.Error.Fields[0].Path)
			}
			assert.Contains(t, r.stderr, "line 1:")
		})
	}
}

func TestClassifyEmptyInput(t *testing.T) {
	for _, in := range []string{"", " \n\t\r\n\n"} {
		r := run(t, in, "classify")
		assert.Equal(t, ExitOK, r.code)
		assert.Empty(t, r.stdout)
		assert.Empty(t, r.stderr)
	}
	empty := filepath.Join(t.TempDir(), "empty.jsonl")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	r := run(t, "", "classify", empty, "--format", "text")
	assert.Equal(t, ExitOK, r.code)
	assert.Empty(t, r.stdout)
}

func TestClassifyDocumentStream(t *testing.T) {
	// Pretty-printed objects one after the other (cat *.json) are records too.
	var in strings.Builder
	_, names := jsonl(t)
	for _, f := range profileFiles(t) {
		in.Write(readFile(t, f))
	}
	r := run(t, in.String(), "classify")
	require.Equal(t, ExitOK, r.code, r.stderr)
	out := outLines(r.stdout)
	require.Len(t, out, len(names))
	for i, l := range out {
		assert.Equal(t, names[i], reportOf(t, l).Enterprise)
	}
	// A broken object in a document points at the line of the problem and the rest go on.
	doc := "{\n  \"region\": \"440305\",\n  \"name\": \"a\",\n}\n{\n  \"region\": \"440305\"\n}\n"
	r = run(t, doc, "classify")
	assert.Equal(t, ExitFailed, r.code)
	out = outLines(r.stdout)
	require.Len(t, out, 2)
	e := errorOf(t, out[0])
	assert.Equal(t, 4, e.Line)
	assert.Equal(t, wire.CodeInvalidJSON, e.Error.Code)
	assert.Equal(t, "440305", reportOf(t, out[1]).Region.Code)
}

func TestClassifyArrayBadElement(t *testing.T) {
	lines, _ := jsonl(t)
	in := "[" + lines[0] + ",\n{\"name\": },\n" + lines[1] + "]"
	r := run(t, in, "classify")
	assert.Equal(t, ExitFailed, r.code)
	out := outLines(r.stdout)
	require.Len(t, out, 3)
	e := errorOf(t, out[1])
	assert.Equal(t, 2, e.Line)
	assert.Equal(t, 2, e.Record)
	assert.Equal(t, wire.CodeInvalidJSON, e.Error.Code)
	reportOf(t, out[2])

	// An array that is not closed, or has garbage between elements, ends with an error record.
	for _, in := range []string{"[" + lines[0] + ",", "[" + lines[0] + " x " + lines[1] + "]", "[" + lines[0] + "] x"} {
		r := run(t, in, "classify")
		assert.Equal(t, ExitFailed, r.code, in)
		out := outLines(r.stdout)
		require.Len(t, out, 2, in)
		reportOf(t, out[0])
		assert.Equal(t, wire.CodeInvalidJSON, errorOf(t, out[1]).Error.Code)
	}
}

func TestClassifyTooLargeRecord(t *testing.T) {
	lines, _ := jsonl(t)
	big := `{"name": "` + strings.Repeat("x", 5000) + `", "region": "440305"}`
	in := strings.Join([]string{lines[0], big, lines[1]}, "\n")
	r := runEnv(t, Env{MaxRecord: 4096}, in, "classify")
	assert.Equal(t, ExitFailed, r.code)
	out := outLines(r.stdout)
	require.Len(t, out, 3)
	e := errorOf(t, out[1])
	assert.Equal(t, "too_large", e.Error.Code)
	assert.Equal(t, 2, e.Line)
	reportOf(t, out[2])
}

func TestClassifyFormatText(t *testing.T) {
	f := filepath.Join(profilesDir, "shenzhen-precision.json")
	eng, err := classify.New()
	require.NoError(t, err)
	var p smetier.Profile
	require.NoError(t, json.Unmarshal(readFile(t, f), &p))
	rep, err := eng.Classify(context.Background(), &p, classify.AsOf(smetier.MustDate("2026-06-15")))
	require.NoError(t, err)
	for _, lang := range []string{"zh", "en"} {
		var want bytes.Buffer
		require.NoError(t, rep.WriteText(&want, lang))
		r := run(t, "", "classify", "--format", "text", "--lang", lang, f)
		require.Equal(t, ExitOK, r.code, r.stderr)
		assert.Equal(t, want.String(), r.stdout)
	}
	r := run(t, "", "classify", "--format=text", "--lang=en", f)
	assert.Contains(t, r.stdout, "as of 2026-06-15")
	assert.Contains(t, r.stdout, "\nReceipt "+rep.Receipt.Digest+" (catalog "+rep.Receipt.Catalog+")\n", "the text report ends with its receipt")

	// Several records are separated by a blank line; failures are readable lines.
	lines, _ := jsonl(t)
	r = run(t, lines[0]+"\n{\"region\": \"440305\", \"digital_level\": 9}\n"+lines[1], "classify", "--format", "text", "--lang", "en")
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stdout, "\n\nline 2: invalid_profile: invalid profile: digital_level: must be 1–4, got 9\n  digital_level: must be 1–4, got 9\n\n")
	assert.Equal(t, 2, strings.Count(r.stdout, "Region "), "both reports are there")
}

func TestClassifyFlags(t *testing.T) {
	f := filepath.Join(profilesDir, "shenzhen-precision.json")
	raw := readFile(t, f)
	single := func(t *testing.T, args ...string) *smetier.Report {
		t.Helper()
		r := run(t, "", append([]string{"classify"}, args...)...)
		require.Equal(t, ExitOK, r.code, r.stderr)
		return reportOf(t, compact(t, []byte(r.stdout)))
	}
	t.Run("region", func(t *testing.T) {
		rep := single(t, "--region", "110108", f)
		assert.Equal(t, "110108", rep.Region.Code)
		assert.Equal(t, expected(t, raw, classify.In("110108")), mustJSON(t, rep))
	})
	t.Run("as-of", func(t *testing.T) {
		rep := single(t, "--as-of", "2026-09-01", f)
		assert.Equal(t, "2026-09-01", rep.AsOf.String())
		assert.Equal(t, 2026, rep.ApplicationYear)
	})
	t.Run("renewal", func(t *testing.T) {
		rep := single(t, "--renewal", "--as-of", "2026-06-15", f)
		assert.True(t, rep.Renewal)
		assert.Equal(t, expected(t, raw, classify.Renewal(true)), mustJSON(t, rep))
		assert.False(t, single(t, f).Renewal)
	})
	t.Run("tier", func(t *testing.T) {
		rep := single(t, "--tier", "little_giant", f)
		require.Len(t, rep.Verdicts, 1)
		assert.Equal(t, smetier.LittleGiant, rep.Verdicts[0].Tier)
		rep = single(t, "--tier", "specialized_sme,little_giant", f)
		require.Len(t, rep.Verdicts, 2)
	})
	t.Run("flags after the file", func(t *testing.T) {
		rep := single(t, f, "--region", "110108", "--as-of", "2026-07-01")
		assert.Equal(t, "110108", rep.Region.Code)
		assert.Equal(t, "2026-07-01", rep.AsOf.String())
	})
	t.Run("format json", func(t *testing.T) {
		r := run(t, "", "classify", "--format", "json", "--as-of", "2026-06-15", f)
		require.Equal(t, ExitOK, r.code, r.stderr)
		assert.True(t, strings.HasPrefix(r.stdout, "{\n  \""), "one object gives indented JSON")
		assert.Equal(t, expected(t, raw), compact(t, []byte(r.stdout)))
	})
	t.Run("lang with json", func(t *testing.T) {
		// JSON reports carry zh and en; --lang keeps one (issue 14).
		both := run(t, "", "classify", f)
		zh := run(t, "", "classify", "--lang", "zh", f)
		en := run(t, "", "classify", "--lang", "en", f)
		require.Equal(t, ExitOK, en.code, en.stderr)
		assert.Contains(t, both.stdout, `"en": "Specialized and innovative \"little giant\""`)
		assert.Contains(t, both.stdout, `"zh": "专精特新“小巨人”企业"`)
		assert.Contains(t, en.stdout, `"en": "Specialized and innovative \"little giant\""`)
		assert.NotContains(t, en.stdout, `"zh":`)
		assert.Contains(t, zh.stdout, `"zh": "专精特新“小巨人”企业"`)
		assert.NotContains(t, zh.stdout, `"en":`)
	})
	t.Run("double dash", func(t *testing.T) {
		r := run(t, "", "classify", "--as-of", "2026-07-01", "--", f)
		require.Equal(t, ExitOK, r.code, r.stderr)
	})
	t.Run("rules", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "gd.yaml"), []byte(provincialRules), 0o644))
		rep := single(t, "--rules", dir, "--as-of", "2026-06-15", f)
		v := rep.Verdict(smetier.LittleGiant)
		require.NotNil(t, v)
		assert.Equal(t, "gd-2026-little-giant-demo", v.RuleSet.ID)
		// Outside Guangdong the national rules still apply.
		rep = single(t, "--rules", filepath.Join(dir, "gd.yaml"), "--region", "110108", "--as-of", "2026-06-15", f)
		assert.Equal(t, "cn-2026-little-giant", rep.Verdict(smetier.LittleGiant).RuleSet.ID)
	})
}

func mustJSON(t *testing.T, v any) string {
	var buf bytes.Buffer
	writeJSON(&buf, v, false)
	return strings.TrimSpace(buf.String())
}

const provincialRules = `kind: rule-set
id: gd-2026-little-giant-demo
tier: little_giant
jurisdiction: "440000"
title: {zh: 示例省级规则, en: Example provincial rules}
doc: 示例〔2026〕1号
from: 2026-05-01
criteria:
  - id: rd.ratio
    kind: gate
    title: {zh: 上年度研发费用占比不低于5%, en: "R&D ≥ 5% of revenue last year"}
    cite: 第三条
    expr: fy1.rd_ratio_pct >= 5
`

func TestClassifyUsageErrors(t *testing.T) {
	f := filepath.Join(profilesDir, "shenzhen-precision.json")
	for name, tc := range map[string]struct {
		args []string
		msg  string
	}{
		"bad as-of":      {[]string{"--as-of", "2026-02-30", f}, "--as-of"},
		"bad as-of form": {[]string{"--as-of", "15/06/2026", f}, "YYYY-MM-DD"},
		"bad region":     {[]string{"--region", "990000", f}, "--region"},
		"bad format":     {[]string{"--format", "xml", f}, "--format"},
		"bad lang":       {[]string{"--lang", "fr", f}, "--lang"},
		"bad tier":       {[]string{"--tier", "giant", f}, "--tier"},
		"unknown flag":   {[]string{"--verbose", f}, "flag provided but not defined"},
		"missing file":   {[]string{filepath.Join(t.TempDir(), "none.json")}, "no such file"},
		"directory":      {[]string{profilesDir}, "is a directory"},
		"bad file later": {[]string{f, filepath.Join(t.TempDir(), "none.json")}, "no such file"},
		"bad rules":      {[]string{"--rules", filepath.Join(t.TempDir(), "none.yaml"), f}, "--rules"},
	} {
		t.Run(name, func(t *testing.T) {
			r := run(t, "", append([]string{"classify"}, tc.args...)...)
			assert.Equal(t, ExitUsage, r.code)
			assert.Empty(t, r.stdout)
			assert.Contains(t, r.stderr, tc.msg)
		})
	}
}

func TestCommandUsage(t *testing.T) {
	r := run(t, "")
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.stderr, "Usage:")
	r = run(t, "", "frobnicate")
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.stderr, `unknown command "frobnicate"`)
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		r = run(t, "", args...)
		assert.Equal(t, ExitOK, r.code)
		assert.Contains(t, r.stdout, "smetier classify")
	}
	// Help asked for is the answer, on standard output; usage after a mistake goes to standard
	// error with exit status 2.
	for _, cmd := range []string{"classify", "rules", "schema"} {
		for _, args := range [][]string{{cmd, "-h"}, {cmd, "--help"}, {"help", cmd}} {
			r = run(t, "", args...)
			assert.Equal(t, ExitOK, r.code, args)
			assert.Contains(t, r.stdout, "Usage: smetier "+cmd, args)
			assert.Empty(t, r.stderr, args)
		}
		r = run(t, "", cmd, "--no-such-flag")
		assert.Equal(t, ExitUsage, r.code, cmd)
		assert.Contains(t, r.stderr, "Usage: smetier "+cmd, cmd)
		assert.Empty(t, r.stdout, cmd)
	}
	r = run(t, "", "version")
	assert.Equal(t, ExitOK, r.code)
	assert.True(t, strings.HasPrefix(r.stdout, "smetier "))
}

func TestClassifyMultipleFiles(t *testing.T) {
	files := profileFiles(t)
	_, names := jsonl(t)
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	require.NoError(t, os.WriteFile(bad, []byte("{\"region\": \"440305\"}\nnot json\n"), 0o644))
	r := run(t, "", append([]string{"classify"}, append(files, bad)...)...)
	assert.Equal(t, ExitFailed, r.code)
	out := outLines(r.stdout)
	require.Len(t, out, len(files)+2)
	for i := range files {
		assert.Equal(t, names[i], reportOf(t, out[i]).Enterprise)
	}
	e := errorOf(t, out[len(files)+1])
	assert.Equal(t, bad, e.File)
	assert.Equal(t, 2, e.Line)
	assert.Equal(t, len(files)+2, e.Record)
	assert.Contains(t, r.stderr, fmt.Sprintf("1 of %d records failed", len(files)+2))
}

// TestClassifyKeepsOrder runs many records through a small pool with a small window: results
// come out in input order whatever order the workers finish in.
func TestClassifyKeepsOrder(t *testing.T) {
	lines, _ := jsonl(t)
	var in strings.Builder
	const n = 120
	for i := range n {
		var p map[string]any
		require.NoError(t, json.Unmarshal([]byte(lines[i%len(lines)]), &p))
		p["name"] = fmt.Sprintf("enterprise-%03d", i)
		if i%17 == 5 {
			p["digital_level"] = 7 // invalid
		}
		b, _ := json.Marshal(p)
		in.Write(b)
		in.WriteByte('\n')
	}
	for _, env := range []Env{{Workers: 4, Window: 3}, {Workers: 1, Window: 1}, {Workers: 8}} {
		r := runEnv(t, env, in.String(), "classify", "--as-of", "2026-06-15")
		assert.Equal(t, ExitFailed, r.code)
		out := outLines(r.stdout)
		require.Len(t, out, n)
		for i, l := range out {
			if i%17 == 5 {
				e := errorOf(t, l)
				assert.Equal(t, i+1, e.Line)
				assert.Equal(t, "digital_level", e.Error.Fields[0].Path)
				continue
			}
			assert.Equal(t, fmt.Sprintf("enterprise-%03d", i), reportOf(t, l).Enterprise)
		}
	}
}

// TestClassifyRecycledBuffers: the pipeline renders each record into the buffer of a record
// already written. Output sizes that go up and down (error records of a hundred bytes between
// reports of kilobytes) must not leak one record's bytes into another's: every line of a batch
// is what the same record gives in a batch of its own, in every view and layout.
func TestClassifyRecycledBuffers(t *testing.T) {
	lines, _ := jsonl(t)
	var recs []string
	for i := range 30 {
		var p map[string]any
		require.NoError(t, json.Unmarshal([]byte(lines[i%len(lines)]), &p))
		p["name"] = fmt.Sprintf("enterprise-%03d", i)
		switch i % 7 {
		case 2:
			p["digital_level"] = 7 // invalid: a short error record
		case 4:
			p["name"] = strings.Repeat("长", 300+i) // a longer report than the one before
		}
		b, err := json.Marshal(p)
		require.NoError(t, err)
		recs = append(recs, string(b))
	}
	recs = append(recs, `{"name": "broken"`, `[1, 2]`)
	for _, args := range [][]string{nil, {"--view", "summary"}, {"--lang", "en"}, {"--format", "text"}} {
		text := slices.Contains(args, "text")
		args := append([]string{"classify", "--as-of", "2026-06-15"}, args...)
		// What record i gives at its place in a batch, with different records before it: i
		// broken lines (one-line error records), then the record, then one more so that the
		// input is a batch even for the first record.
		var want []string
		for i, rec := range recs {
			r := runEnv(t, Env{}, strings.Repeat("{\n", i)+rec+"\n{\n", args...)
			out := strings.SplitAfter(r.stdout, "\n")
			if !text {
				require.Len(t, out, i+3, r.stdout) // the last is ""
				want = append(want, out[i])
				continue
			}
			// Text: records are separated by a blank line, and each error record is one line.
			require.Greater(t, len(out), 2*i+3, r.stdout)
			want = append(want, strings.Join(out[2*i:len(out)-3], ""))
		}
		sep := ""
		if text {
			sep = "\n"
		}
		for _, env := range []Env{{Workers: 1, Window: 1}, {Workers: 2, Window: 3}, {}} {
			r := runEnv(t, env, strings.Join(recs, "\n")+"\n", args...)
			assert.Equal(t, ExitFailed, r.code)
			assert.Equal(t, strings.Join(want, sep), r.stdout, "%v %+v", args, env)
		}
		// The records of an array and of a document (pretty-printed objects) are read by
		// structure rather than by line, into recycled memory too. Without the error records,
		// whose line numbers differ, the reports are those of the same JSON Lines.
		var valid, wantValid []string
		for i, rec := range recs {
			if i%7 != 2 && json.Valid([]byte(rec)) && rec[0] == '{' {
				valid, wantValid = append(valid, rec), append(wantValid, want[i])
			}
		}
		var doc bytes.Buffer
		for _, rec := range valid {
			require.NoError(t, json.Indent(&doc, []byte(rec), "", "  "))
			doc.WriteByte('\n')
		}
		for _, in := range []string{"[" + strings.Join(valid, ",\n") + "]", doc.String()} {
			r := runEnv(t, Env{Workers: 1, Window: 1}, in, args...)
			assert.Equal(t, ExitOK, r.code, r.stderr)
			assert.Equal(t, strings.Join(wantValid, sep), r.stdout, "%v %.20q", args, in)
		}
	}
}

func TestClassifyProgress(t *testing.T) {
	lines, _ := jsonl(t)
	in := strings.Repeat(strings.Join(lines, "\n")+"\n", 5)
	term := func(io.Writer) bool { return true }
	r := runEnv(t, Env{IsTerminal: term, ProgressEvery: time.Nanosecond}, in, "classify", "--as-of", "2026-06-15")
	require.Equal(t, ExitOK, r.code)
	assert.Contains(t, r.stderr, "records, 0 failed")
	assert.True(t, strings.HasSuffix(r.stderr, "\r\033[K"), "the progress line is cleared at the end")
	assert.Len(t, outLines(r.stdout), 5*len(lines), "progress never goes to standard output")
	assert.NotContains(t, r.stderr, "%", "from a pipe the size is unknown: a counter, not a bar")
	// Not a terminal: nothing on standard error.
	r = runEnv(t, Env{IsTerminal: func(io.Writer) bool { return false }, ProgressEvery: time.Nanosecond}, in, "classify")
	require.Equal(t, ExitOK, r.code)
	assert.Empty(t, r.stderr)
	// The default detection: a buffer is not a terminal.
	assert.False(t, isTerminal(&bytes.Buffer{}))

	// From files the size is known: a bar with a percentage.
	f := filepath.Join(t.TempDir(), "many.jsonl")
	require.NoError(t, os.WriteFile(f, []byte(in), 0o644))
	r = runEnv(t, Env{IsTerminal: term, ProgressEvery: time.Nanosecond, Workers: 1, Window: 1}, "", "classify", "--as-of", "2026-06-15", f)
	require.Equal(t, ExitOK, r.code)
	assert.Regexp(t, `\r\x1b\[Ksmetier: \[#*\.*\] +\d+% \d+ records, 0 failed, \d+/s`, r.stderr)
	assert.True(t, strings.HasSuffix(r.stderr, "\r\033[K"))
	assert.Len(t, outLines(r.stdout), 5*len(lines))
}

func TestInputSize(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	require.NoError(t, os.WriteFile(a, []byte("12345"), 0o644))
	require.NoError(t, os.WriteFile(b, []byte("678"), 0o644))
	assert.EqualValues(t, 8, inputSize([]string{a, b}, nil))
	fa, err := os.Open(a)
	require.NoError(t, err)
	defer fa.Close()
	assert.EqualValues(t, 8, inputSize([]string{"-", b}, fa), "standard input redirected from a file")
	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	defer pr.Close()
	defer pw.Close()
	assert.EqualValues(t, -1, inputSize([]string{"-"}, pr), "a pipe has no size")
	assert.EqualValues(t, -1, inputSize([]string{"-"}, strings.NewReader("x")))
	assert.EqualValues(t, -1, inputSize([]string{a, filepath.Join(dir, "none")}, nil))
}

// TestDefaultWorkers: batch mode uses every core the Go runtime may use.
func TestDefaultWorkers(t *testing.T) {
	var env Env
	env.defaults()
	assert.Equal(t, runtime.GOMAXPROCS(0), env.Workers)
	assert.Equal(t, 8*env.Workers, env.Window)
	env = Env{Workers: 3}
	env.defaults()
	assert.Equal(t, 3, env.Workers)
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, errors.New("broken pipe")
	}
	w.n--
	return len(p), nil
}

func TestClassifyWriteErrorStops(t *testing.T) {
	lines, _ := jsonl(t)
	in := strings.Repeat(strings.Join(lines, "\n")+"\n", 50)
	var errb bytes.Buffer
	code := Run(context.Background(), []string{"classify"}, Env{Stdin: strings.NewReader(in), Stdout: &failingWriter{}, Stderr: &errb,
		Workers: 2, Window: 2})
	assert.Equal(t, ExitFailed, code)
	assert.Contains(t, errb.String(), "broken pipe")
}

func TestClassifyCancelled(t *testing.T) {
	lines, _ := jsonl(t)
	in := strings.Repeat(strings.Join(lines, "\n")+"\n", 50)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := Run(ctx, []string{"classify"}, Env{Stdin: strings.NewReader(in), Stdout: &out, Stderr: &errb})
	assert.Equal(t, ExitFailed, code)
	assert.Contains(t, errb.String(), "interrupted")
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestClassifyReadError(t *testing.T) {
	r := runEnv(t, Env{Stdin: errReader{}}, "", "classify")
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stderr, "disk on fire")

	lines, _ := jsonl(t)
	in := io.MultiReader(strings.NewReader(lines[0]+"\n"+lines[1]+"\n"), errReader{})
	r = runEnv(t, Env{Stdin: in}, "", "classify")
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stderr, "reading standard input: disk on fire")
}

func TestRulesList(t *testing.T) {
	cat, err := criteria.Default()
	require.NoError(t, err)
	r := run(t, "", "rules")
	require.Equal(t, ExitOK, r.code, r.stderr)
	for _, s := range cat.Sets() {
		assert.Contains(t, r.stdout, s.ID+" — "+s.Title.Zh)
		for _, c := range s.Criteria {
			assert.Contains(t, r.stdout, c.Citation())
		}
	}
	assert.Contains(t, r.stdout, "划型标准 cn-2011-300")

	r = run(t, "", "rules", "--lang", "en")
	assert.Contains(t, r.stdout, "tier Specialized and innovative \"little giant\" · jurisdiction China (national) CN")

	listJSON := func(t *testing.T, args ...string) *wire.Catalog {
		t.Helper()
		r := run(t, "", append([]string{"rules", "--format", "json"}, args...)...)
		require.Equal(t, ExitOK, r.code, r.stderr)
		var c wire.Catalog
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &c))
		return &c
	}
	all := listJSON(t)
	require.Len(t, all.RuleSets, len(cat.Sets()))
	assert.Nil(t, all.Region)
	for i, s := range cat.Sets() {
		got := all.RuleSets[i]
		assert.Equal(t, s.ID, got.ID)
		assert.Equal(t, s.Tier, got.Tier)
		assert.Equal(t, s.Jurisdiction, got.Jurisdiction)
		assert.Equal(t, s.From, got.From)
		assert.Equal(t, s.Doc, got.Doc)
		require.Len(t, got.Criteria, len(s.Criteria))
		for j, c := range s.Criteria {
			assert.Equal(t, c.Citation(), got.Criteria[j].Citation)
		}
	}

	d := smetier.MustDate("2026-06-15")
	here := listJSON(t, "--region", "440305", "--as-of", "2026-06-15")
	require.NotNil(t, here.Region)
	assert.Equal(t, "440305", here.Region.Code)
	assert.Equal(t, d, *here.AsOf)
	var want []string
	for _, tier := range smetier.Tiers() {
		if s := cat.Select([]string{"440305", "440300", "440000", "CN"}, tier, d); s != nil {
			want = append(want, s.ID)
		}
	}
	// Then the local programs in force there: Guangdong's provincial champion.
	for _, s := range cat.SelectPrograms([]string{"440305", "440300", "440000", "CN"}, d, false) {
		want = append(want, s.ID)
	}
	assert.Contains(t, want, "gd-2024-champion")
	assert.Equal(t, want, here.IDs())
	require.Len(t, here.SizeStandards, 1)

	lg := listJSON(t, "--region", "440305", "--as-of", "2026-06-15", "--tier", "little_giant")
	assert.Equal(t, []string{"cn-2026-little-giant"}, lg.IDs())
	// --region alone: today in China (the test clock says 2026-06-15).
	assert.Equal(t, want, listJSON(t, "--region", "440305").IDs())
	// --as-of alone: every set in force then.
	var inForce []string
	for _, s := range cat.Sets() {
		if s.InForce(d) {
			inForce = append(inForce, s.ID)
		}
	}
	assert.Equal(t, inForce, listJSON(t, "--as-of", "2026-06-15").IDs())
	assert.Empty(t, listJSON(t, "--as-of", "2000-01-01").IDs())
	r = run(t, "", "rules", "--as-of", "2000-01-01")
	assert.Contains(t, r.stdout, "没有适用的规则集")

	// A user rule file joins the listing.
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gd.yaml"), []byte(provincialRules), 0o644))
	gd := listJSON(t, "--rules", dir, "--region", "440305", "--as-of", "2026-06-15", "--tier", "little_giant")
	assert.Equal(t, []string{"gd-2026-little-giant-demo"}, gd.IDs())

	// --tier in the text listing.
	r = run(t, "", "rules", "--region", "440305", "--as-of", "2026-06-15", "--tier", "specialized_sme")
	require.Equal(t, ExitOK, r.code, r.stderr)
	spec := cat.Select([]string{"440305", "440300", "440000", "CN"}, smetier.Specialized, d)
	require.NotNil(t, spec)
	assert.Contains(t, r.stdout, spec.ID+" — ")
	assert.Equal(t, 1, strings.Count(r.stdout, "\n  层级 "), "one rule set")

	// --renewal: the sets a renewal is judged under (renewal-only sets are preferred).
	chain := []string{"440305", "440300", "440000", "CN"}
	var renew []string
	for _, tier := range smetier.Tiers() {
		if s := cat.SelectApplication(chain, tier, d, true); s != nil {
			renew = append(renew, s.ID)
		}
	}
	for _, s := range cat.SelectPrograms(chain, d, true) {
		renew = append(renew, s.ID)
	}
	rl := listJSON(t, "--region", "440305", "--as-of", "2026-06-15", "--renewal")
	assert.True(t, rl.Renewal)
	assert.Equal(t, renew, rl.IDs())
	assert.NotEqual(t, want, renew, "the catalog has renewal-only sets in force on %s", d)
	assert.False(t, listJSON(t, "--region", "440305", "--as-of", "2026-06-15").Renewal)
	r = run(t, "", "rules", "--region", "440305", "--as-of", "2026-06-15", "--renewal", "--lang", "en")
	assert.Contains(t, r.stdout, "2026-06-15 (renewal)")

	for _, args := range [][]string{{"--region", "990000"}, {"--tier", "x"}, {"--as-of", "x"}, {"--format", "yaml"}, {"--lang", "de"}, {"stray"}, {"--check"},
		{"--renewal"}, {"--check", "--region", "440305", "x.yaml"}, {"--check", "--tier", "little_giant", "x.yaml"}, {"--check", "--rules", "y.yaml", "x.yaml"}} {
		r := run(t, "", append([]string{"rules"}, args...)...)
		assert.Equal(t, ExitUsage, r.code, args)
		assert.NotEmpty(t, r.stderr, args)
	}
}

func TestRulesCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	good := write("good/gd.yaml", provincialRules)
	r := run(t, "", "rules", "--check", good)
	require.Equal(t, ExitOK, r.code, r.stderr)
	assert.Equal(t, "ok: 1 rule set(s) and 0 size standard(s) in 1 file(s), no conflict with the built-in catalog\n", r.stdout)
	r = run(t, "", "rules", "--check", filepath.Dir(good))
	assert.Equal(t, ExitOK, r.code, r.stderr)

	// An undeclared fact: the error names file:line:column, set and criterion.
	bad := write("bad.yaml", strings.Replace(provincialRules, "fy1.rd_ratio_pct >= 5", "fy1.rd_ratio >= 5", 1))
	r = run(t, "", "rules", "--check", bad)
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stderr, bad+`:13:14: rule set "gd-2026-little-giant-demo": criterion "rd.ratio": expression: ERROR: <input>:1:4: undeclared reference to 'fy1.rd_ratio'`)

	// Every broken file is reported, not just the first.
	bad2 := write("bad2.yml", "kind: rule-set\nid: x\ntier: nope\n")
	r = run(t, "", "rules", "--check", bad, bad2)
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stderr, bad+":13:14")
	assert.Contains(t, r.stderr, bad2+": ")

	// A duplicate of a built-in id, and a duplicate between two user files.
	dupBuiltin := write("dup.yaml", strings.Replace(provincialRules, "gd-2026-little-giant-demo", "cn-2026-little-giant", 1))
	r = run(t, "", "rules", "--check", dupBuiltin)
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stderr, dupBuiltin+`: rule set "cn-2026-little-giant": id already used by rules/cn-2026-little-giant.yaml`)
	copyOf := write("again/gd.yaml", provincialRules)
	r = run(t, "", "rules", "--check", good, copyOf)
	assert.Equal(t, ExitFailed, r.code)
	assert.Contains(t, r.stderr, copyOf+`: rule set "gd-2026-little-giant-demo": id already used by `+good)

	// JSON output for tools.
	r = run(t, "", "rules", "--check", "--format", "json", bad)
	assert.Equal(t, ExitFailed, r.code)
	var rep struct {
		OK       bool
		Problems []checkProblem
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.False(t, rep.OK)
	require.Len(t, rep.Problems, 1)
	assert.Equal(t, checkProblem{File: bad, Line: 13, Column: 14, Set: "gd-2026-little-giant-demo", Criterion: "rd.ratio",
		Message: rep.Problems[0].Message, Error: rep.Problems[0].Error}, rep.Problems[0])
	r = run(t, "", "rules", "--check", "--format", "json", good)
	assert.Equal(t, ExitOK, r.code)
	assert.Contains(t, r.stdout, `"ok": true`)

	// Missing paths and empty directories are usage errors.
	r = run(t, "", "rules", "--check", filepath.Join(dir, "none.yaml"))
	assert.Equal(t, ExitUsage, r.code)
	r = run(t, "", "rules", "--check", t.TempDir())
	assert.Equal(t, ExitUsage, r.code)
	assert.Contains(t, r.stderr, "no *.yaml rule files")
}

func TestSchema(t *testing.T) {
	r := run(t, "", "schema")
	require.Equal(t, ExitOK, r.code)
	assert.Equal(t, string(schema.Profile()), r.stdout)
	assert.Equal(t, string(readFile(t, "../../testdata/profile.schema.json")), r.stdout)
	var s map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &s))
	assert.Equal(t, schema.Draft, s["$schema"])
	r = run(t, "", "schema", "extra")
	assert.Equal(t, ExitUsage, r.code)
}

func TestSourceModes(t *testing.T) {
	for name, tc := range map[string]struct {
		in   string
		mode inputMode
		n    int
	}{
		"object":          {`{"a": 1}`, modeLines, 1},
		"pretty object":   {"{\n  \"a\": 1\n}\n", modeDocument, 1},
		"lines":           {"{\"a\": 1}\n{\"b\": 2}\n", modeLines, 2},
		"array":           {"[{\"a\": 1}, {\"b\": [1, \"]\"]}]", modeArray, 2},
		"string with }":   {"{\n\"a\": \"}\\\"{\"\n}", modeDocument, 1},
		"broken then obj": {"{\"a\": \n{\"b\": 2}\n", modeLines, 2},
	} {
		t.Run(name, func(t *testing.T) {
			s := newSource(bufio.NewReader(strings.NewReader(tc.in)), "", 1<<20)
			n := 0
			for {
				r, err := s.next(nil)
				require.NoError(t, err)
				if r == nil {
					break
				}
				n++
			}
			assert.Equal(t, tc.mode, s.mode)
			assert.Equal(t, tc.n, n)
			assert.NotEmpty(t, tc.mode.String())
		})
	}
}

// TestUnencodableReport: a value JSON cannot carry costs its record an error record, never the
// run (no panic).
func TestUnencodableReport(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteString("kept\n")
	require.Error(t, writeJSON(&buf, map[string]float64{"x": math.NaN()}, false))
	assert.Equal(t, "kept\n", buf.String(), "nothing half-written")

	cfg := &classifyConfig{}
	res := cfg.fail(&record{seq: 7, line: 9}, fmt.Errorf("encoding the report: %w", errors.New("json: unsupported value: NaN")))
	require.NotNil(t, res.failed)
	e := errorOf(t, strings.TrimSpace(string(res.out)))
	assert.Equal(t, 9, e.Line)
	assert.Equal(t, 7, e.Record)
	assert.Equal(t, wire.CodeInternal, e.Error.Code)
	cfg.text = true
	assert.Equal(t, "line 9: internal: encoding the report: json: unsupported value: NaN\n", string(cfg.fail(&record{seq: 7, line: 9}, errors.New("encoding the report: json: unsupported value: NaN")).out))
}

// TestWriteErrorIsFailure: standard output is buffered, so a full disk or a closed pipe often
// shows only when the buffer is flushed at the end. That must still be a failure, not exit 0
// with the output lost.
func TestWriteErrorIsFailure(t *testing.T) {
	f := filepath.Join(profilesDir, "shenzhen-precision.json")
	for _, args := range [][]string{{"schema"}, {"rules"}, {"rules", "--format", "json"}, {"version"},
		{"classify", "--as-of", "2026-06-15", f}, {"classify", "--as-of", "2026-06-15", "--format", "text", f}} {
		var errb bytes.Buffer
		code := Run(context.Background(), args, Env{Stdin: strings.NewReader(""), Stdout: &failingWriter{}, Stderr: &errb})
		assert.Equal(t, ExitFailed, code, args)
		assert.Contains(t, errb.String(), "broken pipe", args)
	}
}

// TestHelpOfHelp: asking for help about help (or -h twice) prints the usage; it used to recurse
// until the stack overflowed.
func TestHelpOfHelp(t *testing.T) {
	for _, args := range [][]string{{"help", "-h"}, {"-h", "-h"}, {"help", "help"}, {"--help", "--help"}} {
		r := run(t, "", args...)
		assert.Equal(t, ExitOK, r.code, args)
		assert.Contains(t, r.stdout, "Usage:", args)
	}
}

// blockingReader gives data, then blocks in Read, as a terminal or an idle pipe does, until the
// test ends. started is closed when a Read first blocks.
type blockingReader struct {
	data    *strings.Reader
	started chan struct{}
	once    bool
	release chan struct{}
}

func newBlockingReader(t *testing.T, data string) *blockingReader {
	b := &blockingReader{data: strings.NewReader(data), started: make(chan struct{}), release: make(chan struct{})}
	t.Cleanup(func() { close(b.release) })
	return b
}

func (b *blockingReader) Read(p []byte) (int, error) {
	if b.data.Len() > 0 {
		return b.data.Read(p)
	}
	if !b.once {
		b.once = true
		close(b.started)
	}
	<-b.release
	return 0, io.EOF
}

// runUntil runs the command in a goroutine and fails the test when it has not returned after a
// generous delay: the command must not wait for input once it is told to stop.
func runUntil(t *testing.T, ctx context.Context, args []string, env Env) (int, string) {
	t.Helper()
	var errb testkit.SyncBuffer
	env.Stderr = &errb
	if env.Stdout == nil {
		env.Stdout = io.Discard
	}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, args, env) }()
	select {
	case code := <-done:
		return code, errb.String()
	case <-time.After(20 * time.Second):
		t.Fatalf("smetier %v did not return: it is still waiting for input", args)
		return 0, ""
	}
}

// TestClassifyInterruptedWhileWaitingForInput: Ctrl-C (the cancelled context) stops the command
// even while it waits for input from a terminal or an idle pipe, before the first record and in
// the middle of a batch.
func TestClassifyInterruptedWhileWaitingForInput(t *testing.T) {
	lines, _ := jsonl(t)
	for name, in := range map[string]string{"no input yet": "", "mid-batch": strings.Join(lines[:3], "\n") + "\n"} {
		t.Run(name, func(t *testing.T) {
			stdin := newBlockingReader(t, in)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go func() { <-stdin.started; cancel() }()
			code, stderr := runUntil(t, ctx, []string{"classify", "--as-of", "2026-06-15"}, Env{Stdin: stdin})
			assert.Equal(t, ExitFailed, code)
			assert.Contains(t, stderr, "interrupted")
		})
	}
}

// TestClassifyWriteErrorWhileWaitingForInput: a failed write stops the batch even when the input
// has gone quiet; the reader must not keep the command waiting for records it will never write.
func TestClassifyWriteErrorWhileWaitingForInput(t *testing.T) {
	lines, _ := jsonl(t)
	stdin := newBlockingReader(t, strings.Join(lines[:3], "\n")+"\n")
	code, stderr := runUntil(t, context.Background(), []string{"classify", "--as-of", "2026-06-15"},
		Env{Stdin: stdin, Stdout: &failingWriter{}, Workers: 2, Window: 2})
	assert.Equal(t, ExitFailed, code)
	assert.Contains(t, stderr, "broken pipe")
}

// TestClassifyTooLargeRecordInArrayOrDocument: a record too large in a JSON array or a stream of
// pretty-printed objects costs that record only; the records after it are still judged.
func TestClassifyTooLargeRecordInArrayOrDocument(t *testing.T) {
	lines, names := jsonl(t)
	big := `{"name": "` + strings.Repeat("x", 5000) + `", "region": "440305", "tags": ["]", "}"]}`
	var pretty [3]bytes.Buffer
	for i, l := range []string{lines[0], big, lines[1]} {
		require.NoError(t, json.Indent(&pretty[i], []byte(l), "", "  "))
	}
	for name, in := range map[string]string{
		"array":    "[" + lines[0] + ",\n" + big + ",\n" + lines[1] + "]",
		"document": pretty[0].String() + "\n" + pretty[1].String() + "\n" + pretty[2].String() + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			r := runEnv(t, Env{MaxRecord: 4096}, in, "classify", "--as-of", "2026-06-15")
			assert.Equal(t, ExitFailed, r.code)
			out := outLines(r.stdout)
			require.Len(t, out, 3, r.stdout)
			assert.Equal(t, names[0], reportOf(t, out[0]).Enterprise)
			e := errorOf(t, out[1])
			assert.Equal(t, "too_large", e.Error.Code)
			assert.Equal(t, 2, e.Record)
			assert.Equal(t, names[1], reportOf(t, out[2]).Enterprise)
			assert.Contains(t, r.stderr, "1 of 3 records failed")
		})
	}
	// An unterminated value larger than the limit is one error record, read in constant memory.
	r := runEnv(t, Env{MaxRecord: 4096}, "["+lines[0]+",\n{\"name\": \""+strings.Repeat("x", 100000), "classify")
	assert.Equal(t, ExitFailed, r.code)
	out := outLines(r.stdout)
	require.GreaterOrEqual(t, len(out), 2, r.stdout)
	assert.Equal(t, "too_large", errorOf(t, out[1]).Error.Code)
}

// TestTuneGC: a classify run gets less garbage collection unless the user chose a GOGC; the
// previous setting comes back.
func TestTuneGC(t *testing.T) {
	env := func(gogc string) func(string) string {
		return func(k string) string {
			if k == "GOGC" {
				return gogc
			}
			return ""
		}
	}
	for _, tc := range []struct {
		args []string
		gogc string
		want int
	}{
		{[]string{"classify", "--view", "summary"}, "", batchGCPercent},
		{[]string{"classify"}, "", batchGCPercent},
		{[]string{"classify"}, "100", 77},
		{[]string{"classify"}, "off", 77},
		{[]string{"screen", "in.xlsx"}, "", 77},
		{[]string{"rules"}, "", 77},
		{nil, "", 77},
	} {
		prev := debug.SetGCPercent(77)
		restore := TuneGC(tc.args, env(tc.gogc))
		assert.Equal(t, tc.want, debug.SetGCPercent(tc.want), "%v GOGC=%q", tc.args, tc.gogc)
		restore()
		assert.Equal(t, 77, debug.SetGCPercent(prev), "%v GOGC=%q: restored", tc.args, tc.gogc)
	}
}

// TestDecodedProfileOwnsItsMemory: a batch reads the next record into the bytes of one already
// judged, which is safe only because a decoded profile shares no memory with its input (the
// engine may keep strings of it, a region code say, beyond the record).
func TestDecodedProfileOwnsItsMemory(t *testing.T) {
	for _, f := range profileFiles(t) {
		raw := []byte(compact(t, readFile(t, f)))
		p, err := wire.DecodeProfile(raw)
		require.NoError(t, err, f)
		want, err := json.Marshal(p)
		require.NoError(t, err)
		for i := range raw {
			raw[i] = 'x'
		}
		got, err := json.Marshal(p)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), f)
	}
}
