package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

// TestClassifySummaryBytes: view=summary answers, byte for byte, what encoding/json (without
// HTML escaping, as every other JSON body) writes for the engine's summary, for every sample
// profile and language.
func TestClassifySummaryBytes(t *testing.T) {
	h, eng := handler(t), engine(t)
	files, err := filepath.Glob(filepath.Join("..", "testdata", "profiles", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		body := sample(t, strings.TrimSuffix(filepath.Base(f), ".json"))
		var p smetier.Profile
		require.NoError(t, json.Unmarshal([]byte(body), &p))
		rep, err := eng.Classify(context.Background(), &p, classify.AsOf(smetier.MustDate("2026-06-15")), classify.GapsOnly())
		require.NoError(t, err)
		for _, lang := range []string{"", "zh", "en"} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			require.NoError(t, enc.Encode(rep.Summary(lang, 3)))

			target := "/v1/classify?as_of=2026-06-15&view=summary"
			if lang != "" {
				target += "&lang=" + lang
			}
			rec := do(t, h, "POST", target, body)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Equal(t, want.String(), rec.Body.String(), "%s lang=%q", f, lang)
			assert.Equal(t, strconv.Itoa(want.Len()), rec.Header().Get("Content-Length"))
			assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
		}
	}
}
