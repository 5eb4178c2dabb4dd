package wire

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/region"
)

func fieldsOf(t *testing.T, err error) []*smetier.FieldError {
	t.Helper()
	var ve *smetier.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	assert.ErrorIs(t, err, smetier.ErrInvalidProfile)
	return ve.Fields
}

func TestDecodeProfile(t *testing.T) {
	p, err := DecodeProfile([]byte(` {"name": "x", "region": "440305", "years": {"2025": {"rd_expense": "12.5", "employees": 3}},
		"financing": [{"date": "2025-01-02", "amount": 5}], "established": null, "ip": null, "awards": []} `))
	require.NoError(t, err)
	assert.Equal(t, smetier.Money(1250), *p.Years[2025].RDExpense)
	assert.Nil(t, p.Established)
	assert.Nil(t, p.IP, "null is unknown")
	assert.NotNil(t, p.Awards, "[] is known to be empty")
	assert.Len(t, p.Awards, 0)
}

func TestDecodeProfileErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		in    string
		paths []string
		msgs  []string
	}{
		"unknown top-level": {`{"nam": "x"}`, []string{"nam"}, []string{`unknown field (did you mean "name"?)`}},
		"unknown nested":    {`{"segment": {"since": "2020-01-01", "share": 3}}`, []string{"segment.share"}, []string{"unknown field"}},
		"in list":           {`{"ip": [{"kind": "utility_model"}, {"kind": "utility_model", "granted": "2021-13-01"}]}`, []string{"ip[1].granted"}, []string{`date "2021-13-01": there is no month 13`}},
		"list of scalars":   {`{"ip": [1]}`, []string{"ip[0]"}, []string{"want an object, got a number"}},
		"map key":           {`{"evaluation_scores": {"this year": 60}}`, []string{"evaluation_scores.this year"}, []string{`key "this year" is not a year (an integer)`}},
		"map value":         {`{"evaluation_scores": {"2026": "60"}}`, []string{"evaluation_scores.2026"}, []string{"want a number, got a string"}},
		"money":             {`{"years": {"2025": {"net_profit": 1e6}}}`, []string{"years.2025.net_profit"}, []string{`amount "1e6": not a decimal number of yuan`}},
		"bool":              {`{"mainland_legal_person": "yes"}`, []string{"mainland_legal_person"}, []string{"want true or false, got a string"}},
		"int from float":    {`{"digital_level": 2.5}`, []string{"digital_level"}, []string{"want an integer, got 2.5"}},
		"string":            {`{"name": 5}`, []string{"name"}, []string{"want a string, got a number"}},
		"object":            {`{"segment": []}`, []string{"segment"}, []string{"want an object, got an array"}},
		"several":           {`{"nam": 1, "region": 440305}`, []string{"nam", "region"}, nil},
		"not an object":     {`["x"]`, []string{""}, []string{"a profile must be a JSON object, got an array"}},
		// The contract is case-sensitive and a key says one thing once (issue 13): encoding/json
		// alone would take "REGION" for region and keep the last of two "region"s.
		"case-folded key":        {`{"REGION": "440305"}`, []string{"REGION"}, []string{`unknown field (did you mean "region"? keys are case-sensitive)`}},
		"case-folded nested key": {`{"years": {"2025": {"RD_Expense": 5}}, "ip": [{"Kind": "utility_model"}]}`, []string{"years.2025.RD_Expense", "ip[0].Kind"}, []string{"unknown field", "unknown field"}},
		"duplicate key":          {`{"region": "440305", "name": "x", "region": "110101"}`, []string{"region"}, []string{"given more than once"}},
		"duplicate nested key":   {`{"segment": {"since": "2020-01-01", "since": "2021-01-01"}}`, []string{"segment.since"}, []string{"given more than once"}},
		"duplicate year":         {`{"years": {"2025": {"employees": 3}, "2025": {"employees": 4}}}`, []string{"years.2025"}, []string{"given more than once"}},
		"case-folded in error":   {`{"Name": "x", "digital_level": 2.5}`, []string{"Name", "digital_level"}, nil},
		"null":                   {`null`, []string{""}, []string{"a profile must be a JSON object, got null"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := DecodeProfile([]byte(tc.in))
			fs := fieldsOf(t, err)
			var paths, msgs []string
			for _, f := range fs {
				paths = append(paths, f.Path)
				msgs = append(msgs, f.Msg)
			}
			assert.Equal(t, tc.paths, paths)
			for i, m := range tc.msgs {
				assert.Contains(t, msgs[i], m)
			}
		})
	}
	for _, in := range []string{``, ` `, `{`, `{"a": 1,}`, `{} {}`, `{"a": 1} x`, "\xff"} {
		_, err := DecodeProfile([]byte(in))
		var se *SyntaxError
		assert.True(t, errors.As(err, &se), "%q: %v", in, err)
	}
	_, err := DecodeProfile([]byte("{\n\"a\": 1,\n}"))
	var se *SyntaxError
	require.True(t, errors.As(err, &se))
	assert.Equal(t, int64(11), se.Offset, "the offset of the stray brace: line 3 of the record")
}

func TestDescribe(t *testing.T) {
	eng, err := classify.New()
	require.NoError(t, err)
	classifyErr := func(js string, opts ...classify.CallOption) error {
		p, err := DecodeProfile([]byte(js))
		require.NoError(t, err)
		_, err = eng.Classify(context.Background(), p, opts...)
		require.Error(t, err)
		return err
	}
	e := Describe(classifyErr(`{"region": "440305", "digital_level": 0, "industry": "X1"}`))
	assert.Equal(t, CodeInvalidProfile, e.Code)
	assert.Equal(t, []Field{{"industry", e.Fields[0].Message}, {"digital_level", "must be 1–4, got 0"}}, e.Fields)
	assert.True(t, strings.HasPrefix(e.Message, "invalid profile: industry: "))

	e = Describe(classifyErr(`{}`))
	assert.Equal(t, &Error{Code: CodeInvalidProfile, Message: e.Message, Fields: []Field{{"region", "required: no region given"}}}, e)
	e = Describe(classifyErr(`{"region": "840000"}`))
	assert.Equal(t, CodeUnknownRegion, e.Code)
	assert.Equal(t, `unknown region "840000": no province 840000 in mainland China`, e.Message)
	e = Describe(classifyErr(`{"region": "440305"}`, classify.AsOf(smetier.NewDate(2026, 2, 30))))
	assert.Equal(t, CodeInternal, e.Code)

	_, err = DecodeProfile([]byte(`{`))
	assert.Equal(t, CodeInvalidJSON, Describe(err).Code)
	_, err = DecodeProfile([]byte(`[]`))
	assert.Equal(t, &Error{Code: CodeInvalidProfile, Message: "invalid profile: a profile must be a JSON object, got an array",
		Fields: []Field{{"", "a profile must be a JSON object, got an array"}}}, Describe(err))
	assert.Equal(t, CodeInternal, Describe(context.Canceled).Code)
	assert.Equal(t, CodeUnknownRegion, Describe(fmt.Errorf("x: %w", region.ErrUnknownRegion)).Code)
	same := &Error{Code: CodeTooLarge, Message: "big"}
	assert.Same(t, same, Describe(fmt.Errorf("wrapped: %w", same)))
	assert.Equal(t, "too_large: big", same.Error())
}

func TestRules(t *testing.T) {
	cat, err := criteria.Default()
	require.NoError(t, err)
	all, err := Rules(cat, RulesQuery{})
	require.NoError(t, err)
	require.Len(t, all.RuleSets, len(cat.Sets()))
	assert.Len(t, all.SizeStandards, len(cat.SizeStandards()))
	for i, s := range cat.Sets() {
		v := all.RuleSets[i]
		assert.Equal(t, s.ID, v.ID)
		assert.Equal(t, s.KeyTitle(), v.TierTitle) // a program set is titled by its program
		require.Len(t, v.Criteria, len(s.Criteria))
		for j, c := range s.Criteria {
			assert.Equal(t, c.Citation(), v.Criteria[j].Citation)
			assert.Equal(t, string(c.Kind), v.Criteria[j].Kind)
			assert.Len(t, v.Criteria[j].Bands, len(c.Bands))
		}
		if s.Score != nil {
			require.NotNil(t, v.Score)
			assert.Equal(t, s.Score.PassMark, v.Score.PassMark)
		}
	}
	d := smetier.MustDate("2026-06-15")
	here, err := Rules(cat, RulesQuery{Region: "440305", AsOf: d, Tier: smetier.LittleGiant})
	require.NoError(t, err)
	require.Len(t, here.RuleSets, 1)
	assert.Equal(t, cat.Select([]string{"440305", "440300", "440000", "CN"}, smetier.LittleGiant, d).ID, here.RuleSets[0].ID)
	assert.Equal(t, "440305", here.Region.Code)
	assert.Equal(t, d, *here.AsOf)
	assert.Equal(t, smetier.Text{Zh: "全国", En: "China (national)"}, here.RuleSets[0].Place)

	today, err := Rules(cat, RulesQuery{Region: "440305", Now: func() time.Time { return time.Date(2026, 6, 14, 20, 0, 0, 0, time.UTC) }})
	require.NoError(t, err)
	assert.Equal(t, d, *today.AsOf)
	_, err = Rules(cat, RulesQuery{Region: "990000"})
	assert.ErrorIs(t, err, region.ErrUnknownRegion)

	var zh, en strings.Builder
	require.NoError(t, here.WriteText(&zh, "zh"))
	require.NoError(t, here.WriteText(&en, "en"))
	assert.True(t, strings.HasPrefix(zh.String(), "适用规则 深圳市 440305 2026-06-15\n\n"))
	assert.True(t, strings.HasPrefix(en.String(), "Rules for Shenzhen 440305 2026-06-15\n\n"))
	assert.Contains(t, en.String(), "in force 2026-04-01 – ")
}
