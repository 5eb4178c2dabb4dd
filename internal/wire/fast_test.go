package wire

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// fastMatchesUnmarshal fails t when fastDecode accepts data but json.Unmarshal decodes it
// otherwise, or the key check would have refused it. It reports whether fastDecode accepted.
func fastMatchesUnmarshal(t *testing.T, data []byte) bool {
	t.Helper()
	var got smetier.Profile
	if !fastDecode(data, reflect.ValueOf(&got), shapeOf(profileType)) {
		return false
	}
	var want smetier.Profile
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatalf("%q: fastDecode accepted what json.Unmarshal rejects: %v", data, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: fastDecode gave\n%+v\njson.Unmarshal\n%+v", data, got, want)
	}
	if fe := strictKeys(bytes.TrimLeft(data, " \t\r\n"), profileType); fe != nil {
		t.Fatalf("%q: fastDecode accepted keys the contract refuses: %v", data, fe)
	}
	return true
}

// TestFastDecodeSamples: every sample profile, as a file and as a JSON Lines record, takes the
// one-pass path (otherwise the speed is lost without any test failing).
func TestFastDecodeSamples(t *testing.T) {
	for _, data := range sampleProfiles(t) {
		var line bytes.Buffer
		require.NoError(t, json.Compact(&line, data))
		for _, in := range [][]byte{data, line.Bytes()} {
			assert.True(t, fastMatchesUnmarshal(t, in), "%.80s", in)
		}
	}
}

func TestFastDecode(t *testing.T) {
	for _, tc := range []struct {
		in   string
		fast bool // taken by the one-pass path; else left to encoding/json
	}{
		{`{}`, true},
		{` {"name": "深圳 \"精密\" \\ \/ \b\f\n\r\t \u00e9\u6df1 \ud83d\ude00"} `, true},
		{`{"name": "\ud83d"}`, false},       // lone surrogate: U+FFFD in encoding/json
		{`{"name": "\ud83d\u0041"}`, false}, // not a pair
		{"{\"name\": \"\xff\"}", false},     // not UTF-8
		{`{"name": "a\x"}`, false},
		{`{"region": "1", "years": {}, "ip": [], "awards": null, "segment": null, "established": null}`, true},
		{`{"years": {"2025": {"employees": 3, "rd_expense": "12.50", "net_profit": -1}, "2024": {"employees": 0}}}`, true},
		{`{"years": {"2025": {"employees": 1.0}}}`, false},
		{`{"years": {"2025": {"employees": 1e2}}}`, false},
		{`{"years": {"2025": {"employees": 99999999999999999999}}}`, false},
		{`{"years": {"x": {}}}`, false},
		{`{"years": {"02025": {}, "2025": {"employees": 1}}}`, true}, // one year, as encoding/json
		{`{"years": {"2025": {}, "2025": {}}}`, false},
		{`{"evaluation_scores": {"2026": 60.5, "2025": -0, "2024": 1E+2, "2023": 0.5e-1}}`, true},
		{`{"evaluation_scores": {"2026": 1e999}}`, false},
		{`{"evaluation_scores": {"2026": 01}}`, false},
		{`{"evaluation_scores": {"2026": -}}`, false},
		{`{"evaluation_scores": {"2026": 1.}}`, false},
		{`{"mainland_legal_person": true, "digital_level": 3}`, true},
		{`{"mainland_legal_person": false}`, true},
		{`{"mainland_legal_person": tru}`, false},
		{`{"mainland_legal_person": 1}`, false},
		{`{"financing": [{"date": "2025-01-02", "amount": 5}, {"date": null, "amount": null}]}`, true},
		{`{"financing": [{"date": "2025-02-30", "amount": 5}]}`, false},
		{`{"financing": [{"date": "2025-01-02", "amount": {}}]}`, false},
		{`{"ip": [{"kind": "utility_model", "granted": "2021-01-01", "owner_rank": 1, "main_product": true}]}`, true},
		{`{"ip": [{"kind": 1}]}`, false},
		{`{"ip": {}}`, false},
		{`{"segment": []}`, false},
		{`{"name": 5}`, false},
		{`{"REGION": "1"}`, false},
		{`{"region": "1", "region": "1"}`, false},
		{`{"re\u0067ion": "1"}`, false},
		{`{"nam": "x"}`, false},
		{`{"name": "x",}`, false},
		{`{"name": "x"} {}`, false},
		{`{"name": "x"`, false},
		{`{"name" "x"}`, false},
		{`{"name": "x" "region": "1"}`, false},
		{`{"ip": [{}, ]}`, false},
		{`{"ip": [{} {}]}`, false},
		{`{"titles": [{"kind": "little_giant", "issued": "2026-01-01", "expires": "2029-01-01", "revoked": false}]}`, true},
	} {
		assert.Equal(t, tc.fast, fastMatchesUnmarshal(t, []byte(tc.in)), "%s", tc.in)
		sameDecoding(t, []byte(tc.in))
	}
	var big strings.Builder
	big.WriteString(`{"evaluation_scores": {`)
	for i := range smallObject + 1 {
		if i > 0 {
			big.WriteString(", ")
		}
		big.WriteString(`"` + string(rune('0'+i/10)) + string(rune('0'+i%10)) + `": 1`)
	}
	big.WriteString(`}}`)
	assert.False(t, fastMatchesUnmarshal(t, []byte(big.String())), "a large object is left to encoding/json")
	p, err := DecodeProfile([]byte(big.String()))
	require.NoError(t, err)
	assert.Len(t, p.EvaluationScores, smallObject+1)
}
