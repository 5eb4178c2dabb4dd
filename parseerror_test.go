package smetier_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

func TestParseTiers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []smetier.Tier
		err  string
	}{
		{"champion", []smetier.Tier{smetier.Champion}, ""},
		{"champion,champion", []smetier.Tier{smetier.Champion}, ""},
		{" little_giant , innovative_sme,little_giant", []smetier.Tier{smetier.LittleGiant, smetier.Innovative}, ""},
		{"champion,,", nil, `tiers "champion,,": a comma-separated list of tiers with an empty entry`},
		{"gold", nil, `tier "gold": unknown tier (want one of innovative_sme, specialized_sme, little_giant, champion)`},
	} {
		got, err := smetier.ParseTiers(tc.in)
		if tc.err != "" {
			require.Error(t, err, tc.in)
			assert.Contains(t, err.Error(), tc.err)
			var pe *smetier.ParseError
			assert.ErrorAs(t, err, &pe)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
}

// Callers put a ParseError after their own field name as it is: no package prefix to trim.
func TestParseErrorMessages(t *testing.T) {
	err := smetier.ValidateCreditCode("123")
	assert.True(t, errors.Is(err, smetier.ErrCreditCode))
	assert.Equal(t, `unified social credit code "123": want 18 characters, got 3`, err.Error())
	_, err = smetier.ParseMoney("")
	assert.Equal(t, "amount: empty", err.Error())
	var d smetier.Date
	err = d.UnmarshalJSON([]byte("20250101"))
	assert.Equal(t, `date: want a "YYYY-MM-DD" string`, err.Error())
}
