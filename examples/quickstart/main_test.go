package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

func TestQuickstartText(t *testing.T) {
	for lang, want := range map[string][]string{
		"zh": {"深圳市精研微电机有限公司", "专精特新中小企业 — 待官方评定", "专精特新“小巨人”企业 — 不符合", "工信部企业〔2026〕2号 附件2（三）", "[✗]", "近两年研发费用总额=772.8万元", "主营业务收入增长率(2025)=≈14.08%"},
		"en": {"Specialized, refined, distinctive and innovative SME — needs official judgement", "not met: R&D expense, total of the last 2 years = ¥7,728,000", "main-business revenue growth(2025) = ≈14.08%"},
	} {
		var out bytes.Buffer
		require.NoError(t, run(&out, []string{"-lang", lang}))
		for _, w := range want {
			assert.Contains(t, out.String(), w)
		}
	}
}

func TestQuickstartJSON(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{"-json", "-as-of", "2026-07-01"}))
	var rep smetier.Report
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	assert.Equal(t, smetier.MustDate("2026-07-01"), rep.AsOf)
	assert.Equal(t, smetier.NotQualified, rep.Verdict(smetier.LittleGiant).Status)
}

func TestQuickstartBadDate(t *testing.T) {
	assert.Error(t, run(&bytes.Buffer{}, []string{"-as-of", "2026-02-30"}))
}
