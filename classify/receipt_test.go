package classify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

// pinnedDigest is the receipt of testdata/profiles/shenzhen-precision.json judged in 440305 on
// 2026-06-15 (first application) under the frozen copy of the 2026 specialized-SME rules and the
// size standard in classify/testdata/receipt (frozen so that changes to the built-in rule files
// do not move it). It may change only with the profile or the canonical encoding, and then on
// purpose: a receipt issued earlier would no longer match. The browser build's test
// (examples/wasm) checks that the browser computes what the Go engine does.
const pinnedDigest = "sha256:cb70c0b01f6a62b021b9ba5d0580485fb8863b7cea9c2ef61cf0092c8c82bd1e"

func readProfile(t *testing.T, name string) *smetier.Profile {
	t.Helper()
	raw, err := os.ReadFile("../testdata/profiles/" + name + ".json")
	require.NoError(t, err)
	var p smetier.Profile
	require.NoError(t, json.Unmarshal(raw, &p))
	return &p
}

func TestReceiptPinned(t *testing.T) {
	cat, err := criteria.Load(os.DirFS("testdata/receipt"))
	require.NoError(t, err)
	e, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	p := readProfile(t, "shenzhen-precision")
	rep, err := e.Classify(context.Background(), p, classify.AsOf(smetier.MustDate("2026-06-15")))
	require.NoError(t, err)
	require.NotNil(t, rep.Receipt)
	assert.Equal(t, pinnedDigest, rep.Receipt.Digest, "catalog %s", rep.Receipt.Catalog)
	assert.Equal(t, "91d57e29378efa81", rep.Receipt.Catalog)
	assert.Equal(t, []smetier.RuleSetPeriod{{ID: "cn-2026-specialized-sme", From: smetier.MustDate("2026-04-01")}}, rep.Receipt.RuleSets)
}

// The digest covers every part of the input: changing any of them changes it, and repeating the
// call, or sending the same profile written differently, does not.
func TestReceiptCoversTheInput(t *testing.T) {
	e, err := classify.New()
	require.NoError(t, err)
	ctx := context.Background()
	asOf := classify.AsOf(smetier.MustDate("2026-06-15"))
	digest := func(p *smetier.Profile, opts ...classify.CallOption) string {
		t.Helper()
		rep, err := e.Classify(ctx, p, append([]classify.CallOption{asOf}, opts...)...)
		require.NoError(t, err)
		return rep.Receipt.Digest
	}
	p := readProfile(t, "shenzhen-precision")
	base := digest(p)
	assert.Equal(t, base, digest(p), "same input, same digest")
	assert.Equal(t, base, digest(readProfile(t, "shenzhen-precision")))

	// The same profile with its keys in another order, amounts as strings, white space.
	var generic map[string]any
	raw, err := os.ReadFile("../testdata/profiles/shenzhen-precision.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &generic))
	fy := generic["years"].(map[string]any)["2025"].(map[string]any)
	fy["operating_revenue"] = json.Number("68300000.00")
	re, err := json.MarshalIndent(generic, "", "\t")
	require.NoError(t, err)
	var q smetier.Profile
	require.NoError(t, json.Unmarshal(re, &q))
	assert.Equal(t, base, digest(&q), "the profile is canonicalised, not hashed as sent")

	changed := map[string]string{}
	r := readProfile(t, "shenzhen-precision")
	y := r.Years[2025]
	y.RDExpense = new(*y.RDExpense + 1) // one fen
	r.Years[2025] = y
	changed["one fen"] = digest(r)
	changed["as of"] = digest(p, classify.AsOf(smetier.MustDate("2026-06-16")))
	changed["renewal"] = digest(p, classify.Renewal(true))
	changed["region"] = digest(p, classify.In("440304"))
	changed["tiers"] = digest(p, classify.Only(smetier.LittleGiant))
	n := readProfile(t, "shenzhen-precision")
	n.Name += " "
	changed["name"] = digest(n)
	// The same rule sets from files that differ by a comment: another catalog version.
	commented := builtinCopy(t, func(path string, data []byte) []byte {
		if path == "rules/cn-2026-little-giant.yaml" {
			return append(data, "\n# a comment\n"...)
		}
		return data
	})
	cat, err := criteria.Load(commented)
	require.NoError(t, err)
	e2, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	rep, err := e2.Classify(ctx, p, asOf)
	require.NoError(t, err)
	changed["catalog"] = rep.Receipt.Digest
	assert.NotEqual(t, e.Catalog().Version(), e2.Catalog().Version())
	seen := map[string]string{base: "base"}
	for what, d := range changed {
		assert.NotEqual(t, base, d, what)
		if prev, dup := seen[d]; dup {
			t.Errorf("%s and %s give the same digest", what, prev)
		}
		seen[d] = what
	}

	// Bulk screening leaves the receipt out unless asked; asked, it is the full report's.
	rep, err = e.Classify(ctx, p, asOf, classify.VerdictsOnly())
	require.NoError(t, err)
	assert.Nil(t, rep.Receipt)
	rep, err = e.Classify(ctx, p, asOf, classify.VerdictsOnly(), classify.WithReceipt())
	require.NoError(t, err)
	assert.Equal(t, base, rep.Receipt.Digest)
}

// builtinCopy copies the built-in rule files into memory, passing each through edit.
func builtinCopy(t *testing.T, edit func(path string, data []byte) []byte) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(criteria.BuiltinFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(criteria.BuiltinFS(), p)
		if err != nil {
			return err
		}
		out[p] = &fstest.MapFile{Data: edit(p, data)}
		return nil
	}))
	return out
}

// A Windows checkout (CRLF line ends) builds the same catalog version.
func TestCatalogVersionIgnoresLineEnds(t *testing.T) {
	def, err := criteria.Default()
	require.NoError(t, err)
	crlf, err := criteria.Load(builtinCopy(t, func(_ string, data []byte) []byte {
		return bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	}))
	require.NoError(t, err)
	assert.Equal(t, def.Version(), crlf.Version())
	assert.Len(t, def.Version(), 16)
}
