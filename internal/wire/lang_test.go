package wire

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

func TestOneLanguage(t *testing.T) {
	v := struct {
		A smetier.Text   `json:"a"`
		B []smetier.Text `json:"b"`
		C map[string]any `json:"c"`
	}{
		A: smetier.Text{Zh: `符合 "引号" \ 和`, En: `met "quoted" \ and`},
		B: []smetier.Text{{Zh: "一", En: "one"}, {Zh: "", En: "empty zh"}},
		C: map[string]any{"zh": "not a pair: a third key", "en": "x", "z": 1},
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(OneLanguage(b, "en"), &got))
	assert.Equal(t, map[string]any{"en": `met "quoted" \ and`}, got["a"])
	assert.Equal(t, []any{map[string]any{"en": "one"}, map[string]any{"en": "empty zh"}}, got["b"])
	assert.Len(t, got["c"], 3, "an object with other keys is not a text")
	require.NoError(t, json.Unmarshal(OneLanguage(b, "zh"), &got))
	assert.Equal(t, map[string]any{"zh": `符合 "引号" \ 和`}, got["a"])
	assert.Equal(t, string(b), string(OneLanguage(b, "")))
}
