package smetier_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// The canonical encoding is pinned byte for byte: sorted keys at every level, no white space,
// amounts in yuan as numbers, <, > and & left as they are, absent fields left out.
func TestReceiptCanonical(t *testing.T) {
	var p smetier.Profile
	require.NoError(t, json.Unmarshal([]byte(`{
		"region": "440305", "name": "A<B>&C \"Ltd\"",
		"years": {"2025": {"rd_expense": "4098000.50", "employees": 221}, "2024": {"operating_revenue": 100}},
		"evaluation_scores": {"2026": 68.5},
		"ip": [{"kind": "invention_patent", "main_product": true}]
	}`), &p))
	in := smetier.ReceiptInput{
		Catalog:  "0123456789abcdef",
		RuleSets: []smetier.RuleSetPeriod{{ID: "cn-2026-little-giant", From: smetier.MustDate("2026-04-01")}},
		Region:   "440305", AsOf: smetier.MustDate("2026-06-15"), Verdicts: []string{"little_giant"},
		Profile: &p,
	}
	got, err := in.Canonical()
	require.NoError(t, err)
	assert.Equal(t, `{"as_of":"2026-06-15","catalog":"0123456789abcdef","profile":{"evaluation_scores":{"2026":68.5},`+
		`"ip":[{"kind":"invention_patent","main_product":true}],"name":"A<B>&C \"Ltd\"","region":"440305",`+
		`"years":{"2024":{"operating_revenue":100},"2025":{"employees":221,"rd_expense":4098000.5}}},`+
		`"receipt":1,"region":"440305","renewal":false,"rule_sets":[{"from":"2026-04-01","id":"cn-2026-little-giant"}],`+
		`"verdicts":["little_giant"]}`, string(got))
	d, err := in.Digest()
	require.NoError(t, err)
	assert.Equal(t, "sha256:5db8842320169cbd34a4cf68717d9acf14e3d96a39d7de516d4421fab1d62aa5", d, "sha256sum of the bytes above")
	d2, err := in.Digest()
	require.NoError(t, err)
	assert.Equal(t, d, d2)
}
