package httpapi_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/httpapi"
	"github.com/smetier/smetier/internal/testkit"
	"github.com/smetier/smetier/internal/wire"
)

// programHandler serves an engine with made-up local programs (criteria/testdata/programs): a
// Shandong gazelle with Qingdao's own set from 2026, a Shandong champion, a Wuhan pool.
func programHandler(t *testing.T) http.Handler {
	cat, err := criteria.Load(testkit.NationalFS(), os.DirFS(filepath.Join("..", "criteria", "testdata", "programs")))
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	return httpapi.New(eng, httpapi.WithClock(func() time.Time { return now }),
		httpapi.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))))
}

const qingdao = `{"region": "370202", "industry": "C3812", "years": {"2024": {"operating_revenue": 25000000}, "2025": {"operating_revenue": 30000000}}}`

func TestClassifyPrograms(t *testing.T) {
	h := programHandler(t)
	rec := do(t, h, http.MethodPost, "/v1/classify?as_of=2026-06-15", qingdao)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var rep smetier.Report
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	require.Len(t, rep.Programs, 2)
	assert.Equal(t, "test_gazelle", rep.Programs[0].Key())
	assert.Equal(t, smetier.Qualified, rep.Programs[0].Status)
	assert.Equal(t, "test_champion", rep.Programs[1].Key())

	rec = do(t, h, http.MethodPost, "/v1/classify?as_of=2026-06-15&tier=test_gazelle", qingdao)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	rep = smetier.Report{}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	assert.Empty(t, rep.Verdicts)
	require.Len(t, rep.Programs, 1)
	assert.Equal(t, "test_gazelle", rep.Programs[0].Program.ID)

	rec = do(t, h, http.MethodPost, "/v1/classify?as_of=2026-06-15&tier=test_gazele", qingdao)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Contains(t, rec.Body.String(), `"bad_request"`)
	assert.Contains(t, rec.Body.String(), "test_gazelle", "the message lists the programs")

	rec = do(t, handler(t), http.MethodPost, "/v1/classify?as_of=2026-06-15&tier=test_gazelle", qingdao)
	assert.Equal(t, http.StatusBadRequest, rec.Code, "the built-in catalog has no such program")

	// A program title the catalog does not know: invalid_profile naming the field.
	bad := `{"region": "370202", "titles": [{"kind": "test_gazele", "issued": "2025-01-01"}]}`
	rec = do(t, h, http.MethodPost, "/v1/classify?as_of=2026-06-15", bad)
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Contains(t, rec.Body.String(), `"invalid_profile"`)
	assert.Contains(t, rec.Body.String(), `"titles[0].kind"`)

	rec = do(t, h, http.MethodPost, "/v1/classify?as_of=2026-06-15&format=text&lang=en", qingdao)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), "■ Test gazelle enterprise [provincial program")
}

func TestRulesPrograms(t *testing.T) {
	h := programHandler(t)
	rec := do(t, h, http.MethodGet, "/v1/rules?region=370202&as_of=2026-06-15&tier=test_champion", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var c wire.Catalog
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &c))
	require.Len(t, c.RuleSets, 1)
	s := c.RuleSets[0]
	assert.Equal(t, "test-sd-2025-champion", s.ID)
	require.NotNil(t, s.Program)
	assert.Equal(t, smetier.LittleGiant, s.Program.After)

	rec = do(t, h, http.MethodGet, "/v1/rules?region=420106&as_of=2026-06-15", "")
	require.Equal(t, http.StatusOK, rec.Code)
	c = wire.Catalog{}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &c))
	assert.Equal(t, "test-wh-2026-pool", c.RuleSets[len(c.RuleSets)-1].ID, "Wuhan lists its pool after the tiers")

	rec = do(t, h, http.MethodGet, "/v1/rules?tier=little_giant,test_champion", "")
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Contains(t, rec.Body.String(), "one tier or program")
}
