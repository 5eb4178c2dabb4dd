package main

import (
	"context"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/internal/testkit"
	"github.com/smetier/smetier/schema"
)

func server(t *testing.T) *httptest.Server {
	t.Helper()
	eng, err := classify.New()
	require.NoError(t, err)
	srv := httptest.NewServer(newHandler(eng))
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (*http.Response, string) {
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(b)
}

// TestPage checks the page is one self-contained document: no external scripts, styles, fonts
// or images, and the API is mounted beside it.
func TestPage(t *testing.T) {
	srv := server(t)
	resp, body := get(t, srv.URL+"/")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "default-src 'none'")
	assert.Empty(t, regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`).FindAllString(body, -1), "no external assets")
	assert.Empty(t, regexp.MustCompile(`(?i)@import|url\(\s*["']?(https?:)?//`).FindAllString(body, -1), "no external CSS")
	assert.NotContains(t, body, "<script src")
	assert.NotContains(t, body, "<link")
	for _, id := range []string{"name", "region", "industry", "as_of", "segment_since", "market_share", "national_rank", "score", "ip-list", "title-table", "figures"} {
		assert.Contains(t, body, `id="`+id+`"`)
	}
	assert.Contains(t, body, `fetch("/v1/classify?"`)

	resp, body = get(t, srv.URL+"/v1/schema")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, string(schema.Profile()), body)
	resp, _ = get(t, srv.URL+"/nothing")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	resp, err := http.Post(srv.URL+"/v1/classify", "application/json", strings.NewReader(`{"region": "440305"}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

// TestRun starts the program as main does, on the address given with -addr, and stops it.
func TestRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs testkit.SyncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, &logs) }()
	re := regexp.MustCompile(`portal: listening on (http://127\.0\.0\.1:\d+/)`)
	var base string
	require.Eventually(t, func() bool {
		m := re.FindStringSubmatch(logs.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	}, 10*time.Second, 10*time.Millisecond, "the listening address is printed")
	resp, body := get(t, base)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, body, `id="form"`)
	resp, _ = get(t, base+"v1/rules")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err, "a cancelled context is a clean shutdown")
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after its context was cancelled")
	}

	// Bad flags and addresses are errors, not panics.
	assert.Error(t, run(context.Background(), []string{"-addr"}, io.Discard))
	assert.Error(t, run(context.Background(), []string{"-addr", "256.0.0.1:99999"}, io.Discard))
	assert.Error(t, run(context.Background(), []string{"extra"}, io.Discard))
	assert.ErrorIs(t, run(context.Background(), []string{"-h"}, io.Discard), flag.ErrHelp)
}
