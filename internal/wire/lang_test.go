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

func TestOneLanguageEdges(t *testing.T) {
	for _, tc := range []struct{ in, en, zh string }{
		{`{"a":{"zh":"一","en":"one"}}`, `{"a":{"en":"one"}}`, `{"a":{"zh":"一"}}`},
		{`[{"zh":"a\"b","en":"c\\"}]`, `[{"en":"c\\"}]`, `[{"zh":"a\"b"}]`},
		{`{"zh":"x","en":"y","k":1}`, `{"zh":"x","en":"y","k":1}`, `{"zh":"x","en":"y","k":1}`},
		{`{"zh":"x"}`, `{"zh":"x"}`, `{"zh":"x"}`},
		{`{"s":"{\"zh\":\"x\""}`, `{"s":"{\"zh\":\"x\""}`, `{"s":"{\"zh\":\"x\""}`},
		{`{"zh":"unterminated`, `{"zh":"unterminated`, `{"zh":"unterminated`},
		{`[{"zh":"","en":""},{"zh":"a","en":"b"}]`, `[{"en":""},{"en":"b"}]`, `[{"zh":""},{"zh":"a"}]`},
	} {
		assert.Equal(t, tc.en, string(OneLanguage([]byte(tc.in), "en")), tc.in)
		assert.Equal(t, tc.zh, string(OneLanguage([]byte(tc.in), "zh")), tc.in)
	}
}
