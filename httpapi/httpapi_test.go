package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/httpapi"
	"github.com/smetier/smetier/internal/wire"
	"github.com/smetier/smetier/schema"
)

// now is 2026-06-15 10:00 in China.
var now = time.Date(2026, 6, 15, 2, 0, 0, 0, time.UTC)

func engine(t testing.TB) *classify.Engine {
	eng, err := classify.New()
	require.NoError(t, err)
	return eng
}

func handler(t testing.TB, opts ...httpapi.Option) http.Handler {
	opts = append([]httpapi.Option{httpapi.WithClock(func() time.Time { return now }),
		httpapi.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))}, opts...)
	return httpapi.New(engine(t), opts...)
}

func do(t testing.TB, h http.Handler, method, target, body string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func sample(t testing.TB, name string) string {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "profiles", name+".json"))
	require.NoError(t, err)
	return string(b)
}

func want(t testing.TB, body string, opts ...classify.CallOption) string {
	var p smetier.Profile
	require.NoError(t, json.Unmarshal([]byte(body), &p))
	rep, err := engine(t).Classify(context.Background(), &p, opts...)
	require.NoError(t, err)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(rep))
	return buf.String()
}

type apiError struct {
	Error *wire.Error `json:"error"`
}

func errorOf(t testing.TB, rec *httptest.ResponseRecorder) *wire.Error {
	t.Helper()
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	var e apiError
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e), rec.Body.String())
	require.NotNil(t, e.Error, rec.Body.String())
	assert.NotEmpty(t, e.Error.Message)
	return e.Error
}

func TestClassify(t *testing.T) {
	h := handler(t)
	body := sample(t, "shenzhen-precision")
	rec := do(t, h, "POST", "/v1/classify?as_of=2026-06-15", body, "Content-Type", "application/json")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Equal(t, want(t, body, classify.AsOf(smetier.MustDate("2026-06-15"))), rec.Body.String())

	// as_of defaults to today in China.
	rec = do(t, h, "POST", "/v1/classify", body)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, want(t, body, classify.AsOf(smetier.MustDate("2026-06-15"))), rec.Body.String())

	rec = do(t, h, "POST", "/v1/classify?as_of=2026-07-01&region=110108&renewal=true&tier=little_giant,specialized_sme", body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, want(t, body, classify.AsOf(smetier.MustDate("2026-07-01")), classify.In("110108"), classify.Renewal(true),
		classify.Only(smetier.LittleGiant, smetier.Specialized)), rec.Body.String())
	var rep smetier.Report
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	assert.True(t, rep.Renewal)
	assert.Equal(t, "110108", rep.Region.Code)
	assert.Len(t, rep.Verdicts, 2)
	rec = do(t, h, "POST", "/v1/classify?renewal", body)
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	assert.True(t, rep.Renewal)
	rec = do(t, h, "POST", "/v1/classify?renewal=0", body)
	var first smetier.Report
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &first))
	assert.False(t, first.Renewal)
}

func TestClassifyText(t *testing.T) {
	h := handler(t)
	body := sample(t, "shenzhen-precision")
	var p smetier.Profile
	require.NoError(t, json.Unmarshal([]byte(body), &p))
	rep, err := engine(t).Classify(context.Background(), &p, classify.AsOf(smetier.MustDate("2026-06-15")))
	require.NoError(t, err)
	for _, lang := range []string{"zh", "en"} {
		var text bytes.Buffer
		require.NoError(t, rep.WriteText(&text, lang))
		rec := do(t, h, "POST", "/v1/classify?format=text&lang="+lang, body)
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Equal(t, "text/plain; charset=utf-8", rec.Header().Get("Content-Type"))
		assert.Equal(t, text.String(), rec.Body.String())
		rec = do(t, h, "POST", "/v1/classify?lang="+lang, body, "Accept", "text/plain")
		assert.Equal(t, text.String(), rec.Body.String())
	}
}

func TestClassifyErrors(t *testing.T) {
	h := handler(t, httpapi.MaxBodyBytes(4096))
	for name, tc := range map[string]struct {
		method, target, body string
		status               int
		code                 string
		paths                []string
	}{
		"get":             {"GET", "/v1/classify", "", 405, "method_not_allowed", nil},
		"malformed":       {"POST", "/v1/classify", `{"region": `, 400, "invalid_json", nil},
		"trailing":        {"POST", "/v1/classify", `{"region": "440305"} []`, 400, "invalid_json", nil},
		"empty":           {"POST", "/v1/classify", " ", 400, "invalid_json", nil},
		"array":           {"POST", "/v1/classify", `[{"region": "440305"}]`, 422, "invalid_profile", []string{""}},
		"unknown field":   {"POST", "/v1/classify", `{"region": "440305", "years": {"2025": {"rd_expence": 1}}}`, 422, "invalid_profile", []string{"years.2025.rd_expence"}},
		"wrong type":      {"POST", "/v1/classify", `{"region": "440305", "digital_level": "two", "established": 2020}`, 422, "invalid_profile", []string{"digital_level", "established"}},
		"validation":      {"POST", "/v1/classify", `{"region": "440305", "years": {"2025": {"operating_revenue": 1, "main_revenue": 2}}}`, 422, "invalid_profile", []string{"years.2025.main_revenue"}},
		"no region":       {"POST", "/v1/classify", `{"name": "x"}`, 422, "invalid_profile", []string{"region"}},
		"profile region":  {"POST", "/v1/classify", `{"region": "840000"}`, 422, "unknown_region", nil},
		"region param":    {"POST", "/v1/classify?region=840000", `{}`, 400, "unknown_region", nil},
		"bad as_of":       {"POST", "/v1/classify?as_of=2026-13-01", `{}`, 400, "bad_request", nil},
		"bad renewal":     {"POST", "/v1/classify?renewal=maybe", `{}`, 400, "bad_request", nil},
		"bad lang":        {"POST", "/v1/classify?lang=fr", `{}`, 400, "bad_request", nil},
		"bad format":      {"POST", "/v1/classify?format=xml", `{}`, 400, "bad_request", nil},
		"bad tier":        {"POST", "/v1/classify?tier=giant", `{}`, 400, "bad_request", nil},
		"unknown param":   {"POST", "/v1/classify?asof=2026-06-15", `{}`, 400, "bad_request", nil},
		"repeated param":  {"POST", "/v1/classify?lang=zh&lang=en", `{}`, 400, "bad_request", nil},
		"malformed query": {"POST", "/v1/classify?a=%zz", `{}`, 400, "bad_request", nil},
		"too large":       {"POST", "/v1/classify", `{"name": "` + strings.Repeat("x", 5000) + `"}`, 413, "too_large", nil},
		// One code per problem, as in the command line's error records (issue 13).
		"case-folded key": {"POST", "/v1/classify", `{"REGION": "440305"}`, 422, "invalid_profile", []string{"REGION"}},
		"duplicate key":   {"POST", "/v1/classify", `{"region": "440305", "region": "110101"}`, 422, "invalid_profile", []string{"region"}},
		"not found":       {"GET", "/v1/nothing", "", 404, "not_found", nil},
		"root":            {"GET", "/", "", 404, "not_found", nil},
		"double slash":    {"POST", "/v1//classify", `{}`, 404, "not_found", nil},
		"dot segment":     {"GET", "/v1/./rules", "", 404, "not_found", nil},
		"trailing slash":  {"GET", "/v1/schema/", "", 404, "not_found", nil},
		"rules post":      {"POST", "/v1/rules", "", 405, "method_not_allowed", nil},
		"schema delete":   {"DELETE", "/v1/schema", "", 405, "method_not_allowed", nil},
		"rules region":    {"GET", "/v1/rules?region=990000", "", 400, "unknown_region", nil},
		"rules two tiers": {"GET", "/v1/rules?tier=little_giant,specialized_sme", "", 400, "bad_request", nil},
		"rules param":     {"GET", "/v1/rules?foo=1", "", 400, "bad_request", nil},
		"rules renewal":   {"GET", "/v1/rules?renewal=true", "", 400, "bad_request", nil},
		"rules renewal?":  {"GET", "/v1/rules?region=440305&renewal=perhaps", "", 400, "bad_request", nil},
		"schema param":    {"GET", "/v1/schema?v=2", "", 400, "bad_request", nil},
	} {
		t.Run(name, func(t *testing.T) {
			rec := do(t, h, tc.method, tc.target, tc.body)
			assert.Equal(t, tc.status, rec.Code, rec.Body.String())
			e := errorOf(t, rec)
			assert.Equal(t, tc.code, e.Code)
			var paths []string
			for _, f := range e.Fields {
				paths = append(paths, f.Path)
				assert.NotEmpty(t, f.Message)
			}
			if tc.paths != nil {
				assert.Equal(t, tc.paths, paths)
			}
		})
	}
	rec := do(t, h, "GET", "/v1/classify", "")
	assert.Equal(t, "POST", rec.Header().Get("Allow"))
	rec = do(t, h, "PUT", "/v1/rules", "")
	assert.Equal(t, "GET, HEAD", rec.Header().Get("Allow"))
}

func TestDefaultBodyLimit(t *testing.T) {
	h := handler(t)
	big := `{"name": "` + strings.Repeat("x", httpapi.DefaultMaxBodyBytes) + `"}`
	rec := do(t, h, "POST", "/v1/classify", big)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	assert.Equal(t, "too_large", errorOf(t, rec).Code)
	// Just under the limit is fine.
	ok := `{"region": "440305", "name": "` + strings.Repeat("x", httpapi.DefaultMaxBodyBytes-100) + `"}`
	rec = do(t, h, "POST", "/v1/classify", ok)
	assert.Equal(t, http.StatusOK, rec.Code)
}

func TestRules(t *testing.T) {
	eng := engine(t)
	h := handler(t)
	get := func(target string) *wire.Catalog {
		rec := do(t, h, "GET", target, "")
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var c wire.Catalog
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &c))
		return &c
	}
	all := get("/v1/rules")
	exp, err := wire.Rules(eng.Catalog(), wire.RulesQuery{})
	require.NoError(t, err)
	assert.Equal(t, exp, all)
	assert.Len(t, all.RuleSets, len(eng.Catalog().Sets()))

	here := get("/v1/rules?region=440305&as_of=2026-06-15&tier=little_giant")
	require.Len(t, here.RuleSets, 1)
	assert.Equal(t, "cn-2026-little-giant", here.RuleSets[0].ID)
	for _, c := range here.RuleSets[0].Criteria {
		assert.NotEmpty(t, c.Citation)
	}
	// region alone: as of today in China (the clock says 2026-06-15).
	today := get("/v1/rules?region=440305")
	assert.Equal(t, "2026-06-15", today.AsOf.String())

	// renewal: what a renewal there would be judged under.
	d := smetier.MustDate("2026-06-15")
	renew := get("/v1/rules?region=440305&as_of=2026-06-15&renewal=true")
	assert.True(t, renew.Renewal)
	exp, err = wire.Rules(eng.Catalog(), wire.RulesQuery{Region: "440305", AsOf: d, Renewal: true})
	require.NoError(t, err)
	assert.Equal(t, exp, renew)
	first, err := wire.Rules(eng.Catalog(), wire.RulesQuery{Region: "440305", AsOf: d})
	require.NoError(t, err)
	assert.NotEqual(t, first.IDs(), renew.IDs(), "the catalog has renewal-only sets in force then")

	rec := do(t, h, "GET", "/v1/rules?format=text&lang=en&as_of=2026-06-15", "")
	assert.Equal(t, "text/plain; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Contains(t, rec.Body.String(), "cn-2026-little-giant — ")
	rec = do(t, h, "HEAD", "/v1/rules", "")
	assert.Equal(t, http.StatusOK, rec.Code)
}

func TestSchema(t *testing.T) {
	h := handler(t)
	rec := do(t, h, "GET", "/v1/schema", "")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "application/schema+json", rec.Header().Get("Content-Type"))
	assert.Equal(t, schema.Profile(), rec.Body.Bytes())
	etag := rec.Header().Get("ETag")
	require.NotEmpty(t, etag)
	rec = do(t, h, "GET", "/v1/schema", "", "If-None-Match", etag)
	assert.Equal(t, http.StatusNotModified, rec.Code)
	assert.Empty(t, rec.Body.String())
}

func TestPanicIsRecovered(t *testing.T) {
	var logs bytes.Buffer
	h := httpapi.New(nil, httpapi.WithLogger(slog.New(slog.NewTextHandler(&logs, nil)))) // a nil engine panics when used
	rec := do(t, h, "POST", "/v1/classify", `{"region": "440305"}`)
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Equal(t, "internal", errorOf(t, rec).Code)
	assert.Contains(t, logs.String(), "panic")
}

func TestConcurrentRequests(t *testing.T) {
	srv := httptest.NewServer(handler(t))
	defer srv.Close()
	bodies := []string{sample(t, "shenzhen-precision"), sample(t, "suzhou-bearings"), `{"region": "440305", "digital_level": 9}`}
	var wg sync.WaitGroup
	for i := range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := bodies[i%len(bodies)]
			resp, err := http.Post(srv.URL+"/v1/classify?as_of=2026-06-15", "application/json", strings.NewReader(body))
			if !assert.NoError(t, err) {
				return
			}
			defer resp.Body.Close()
			got, _ := io.ReadAll(resp.Body)
			if i%len(bodies) == 2 {
				assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
				return
			}
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, want(t, body, classify.AsOf(smetier.MustDate("2026-06-15"))), string(got))
		}()
	}
	wg.Wait()
}

// FuzzHandler checks that no body and no query string makes the handler panic or answer
// anything but JSON with a known code.
func FuzzHandler(f *testing.F) {
	f.Add("as_of=2026-06-15", `{"region": "440305", "years": {"2025": {"operating_revenue": "1.5"}}}`)
	f.Add("", `{"ip": [{"kind": "invention_patent", "granted": "2020-02-30"}], "region": "110108"}`)
	f.Add("region=CN", `{"years": {"-1": {"employees": -3}}, "titles": [{"kind": "little_giant"}]}`)
	f.Add("tier=champion&renewal=1", `{"segment": {"market_share_pct": 1e400}}`)
	f.Add("format=text", `{"region": "440305", "evaluation_scores": {"2026": 101}}`)
	f.Add("", "\xff\xfe")
	f.Add("", `{"financing": [{"date": null, "amount": null}], "region": "440305"}`)
	h := handler(f)
	codes := map[string]bool{"bad_request": true, "invalid_json": true, "invalid_profile": true, "unknown_region": true, "too_large": true}
	f.Fuzz(func(t *testing.T, query, body string) {
		req := httptest.NewRequest("POST", "/v1/classify", strings.NewReader(body))
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code == http.StatusOK {
			return
		}
		if rec.Code >= 500 {
			t.Fatalf("status %d for %q %q: %s", rec.Code, query, body, rec.Body)
		}
		var e apiError
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == nil || !codes[e.Error.Code] {
			t.Fatalf("bad error body for %q %q: %s", query, body, rec.Body)
		}
	})
}

// TestClassifyCancelled: when the request's context ends before the report is ready (a
// timeout set by middleware, say), the answer is an error, never an empty 200 that a client
// still listening would take for success.
func TestClassifyCancelled(t *testing.T) {
	var logs bytes.Buffer
	h := httpapi.New(engine(t), httpapi.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	ctx, cancel := context.WithTimeout(context.Background(), -time.Second) // already expired
	defer cancel()
	req := httptest.NewRequest("POST", "/v1/classify?as_of=2026-06-15", strings.NewReader(sample(t, "shenzhen-precision"))).WithContext(ctx)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
	e := errorOf(t, rec)
	assert.Equal(t, httpapi.CodeUnavailable, e.Code)
	assert.Contains(t, e.Message, "deadline exceeded")
	assert.Empty(t, logs.String(), "a request given up on is not an internal error")
}

// A user rule that fails at run time on the client's figures is an outcome of its criterion in a
// 200 report, not a 500 (issue 13).
func TestRuleErrorIsNotInternal(t *testing.T) {
	rules := fstest.MapFS{"r.yaml": {Data: []byte(`
kind: rule-set
id: test-ratio
tier: little_giant
jurisdiction: "440000"
title: {zh: 人员比例, en: Staff ratio}
doc: 测试〔2026〕5号
from: 2026-01-01
criteria:
  - {id: staff.ratio, kind: gate, title: {zh: 人员比例, en: staff ratio}, cite: 第一条, expr: "fy1.employees / fy1.rd_staff >= 2"}
`)}}
	cat, err := criteria.Load(criteria.BuiltinFS(), rules)
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	h := httpapi.New(eng, httpapi.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
	body := `{"region": "440305", "years": {"2025": {"employees": 10, "rd_staff": 0}}}`
	rec := do(t, h, http.MethodPost, "/v1/classify?as_of=2026-06-15", body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var rep smetier.Report
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	v := rep.Verdict(smetier.LittleGiant)
	require.NotNil(t, v)
	assert.Equal(t, []string{"staff.ratio"}, v.Errors)
	assert.Equal(t, smetier.Errored, v.Criterion("staff.ratio").Outcome)
	assert.Len(t, rep.Verdicts, 4)
}

// A tier named twice is judged once, here as with classify.Only.
func TestTierTwice(t *testing.T) {
	h := handler(t)
	rec := do(t, h, http.MethodPost, "/v1/classify?as_of=2026-06-15&tier=champion,little_giant,champion", sample(t, "shenzhen-precision"))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var rep smetier.Report
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	var got []smetier.Tier
	for _, v := range rep.Verdicts {
		got = append(got, v.Tier)
	}
	assert.Equal(t, []smetier.Tier{smetier.Champion, smetier.LittleGiant}, got)
	rec = do(t, h, http.MethodGet, "/v1/rules?tier=champion,champion", "")
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

func TestClassifySummaryView(t *testing.T) {
	h := handler(t)
	body := sample(t, "shenzhen-precision")
	var p smetier.Profile
	require.NoError(t, json.Unmarshal([]byte(body), &p))
	rep, err := engine(t).Classify(context.Background(), &p, classify.AsOf(smetier.MustDate("2026-06-15")), classify.GapsOnly())
	require.NoError(t, err)

	rec := do(t, h, "POST", "/v1/classify?as_of=2026-06-15&view=summary", body)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	wantJSON, err := json.Marshal(rep.Summary("", 3))
	require.NoError(t, err)
	assert.JSONEq(t, string(wantJSON), rec.Body.String())
	assert.Less(t, rec.Body.Len(), 3<<10, "a summary is at most 3 KB")
	assert.NotContains(t, rec.Body.String(), "citation")

	// lang keeps one language, in the summary and in the full report.
	rec = do(t, h, "POST", "/v1/classify?as_of=2026-06-15&view=summary&lang=en", body)
	require.Equal(t, http.StatusOK, rec.Code)
	wantJSON, err = json.Marshal(rep.Summary("en", 3))
	require.NoError(t, err)
	assert.JSONEq(t, string(wantJSON), rec.Body.String())
	assert.NotContains(t, rec.Body.String(), `"zh":`)
	assert.Contains(t, rec.Body.String(), `"en":`)
	rec = do(t, h, "POST", "/v1/classify?as_of=2026-06-15&lang=zh", body)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.NotContains(t, rec.Body.String(), `"en":`)
	var full smetier.Report
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &full))
	assert.Equal(t, "深圳", full.Region.Name.Zh[:6])
	assert.Empty(t, full.Region.Name.En)

	rec = do(t, h, "POST", "/v1/classify?view=brief", body)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
}
