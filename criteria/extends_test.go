package criteria_test

import (
	"errors"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
)

// 2026 little-giant renewals are judged by the 2022 standard; first applications by 2026's.
func TestSelectRenewal(t *testing.T) {
	cat, err := criteria.Default()
	require.NoError(t, err)
	chain := []string{"440106", "440100", "440000", "CN"} // Guangzhou: no local set of these tiers in 2026
	d := smetier.MustDate("2026-06-15")
	first := cat.SelectApplication(chain, smetier.LittleGiant, d, false)
	renewal := cat.SelectApplication(chain, smetier.LittleGiant, d, true)
	require.NotNil(t, first)
	require.NotNil(t, renewal)
	assert.Equal(t, "cn-2026-little-giant", first.ID)
	assert.Equal(t, "cn-2026-little-giant-renewal", renewal.ID)
	assert.Equal(t, first, cat.Select(chain, smetier.LittleGiant, d), "Select is a first application")

	// The renewal set carries the 2022 criteria, still citing 63号, except the prerequisite title
	// of first applications, which 117号 replaces for renewing little giants.
	parent := cat.Set("cn-2022-little-giant")
	require.Len(t, renewal.Criteria, len(parent.Criteria))
	for i, c := range renewal.Criteria {
		if c.ID == "title.specialized" {
			assert.NotSame(t, parent.Criteria[i], c)
			assert.Equal(t, criteria.Judgement, c.Kind)
			assert.Contains(t, c.Citation(), "117号")
			continue
		}
		assert.Same(t, parent.Criteria[i], c)
		assert.Contains(t, c.Citation(), "63号")
	}
	// Renewals of the other tiers use the general 2026 sets.
	assert.Equal(t, "cn-2026-specialized-sme", cat.SelectApplication(chain, smetier.Specialized, d, true).ID)
	// After 2026 the renewal set lapses and renewals fall back to the general set.
	assert.Equal(t, "cn-2026-little-giant", cat.SelectApplication(chain, smetier.LittleGiant, smetier.MustDate("2027-03-01"), true).ID)
}

const provincial2022 = `
kind: rule-set
id: zz-2022-specialized-sme
tier: specialized_sme
jurisdiction: "330000"
extends: cn-2022-specialized-sme
title: {zh: 示例省专精特新（特色化指标）, en: "Example province, featured indicators"}
doc: 示例〔2023〕1号
from: 2023-01-01
until: 2026-03-31
criteria:
  - id: feature.provincial
    kind: score
    part: %s
    title: {zh: 省级特色化指标, en: provincial featured indicator}
    cite: 附件 第三项
    bands:
      - {when: "digital.level >= 3", points: 15, label: {zh: 数字化三级以上, en: digital level 3+}}
      - {when: "true", points: 0, label: {zh: 其他, en: other}}
  - id: zz.extra
    kind: gate
    title: {zh: 示例附加条件, en: extra condition}
    cite: 附件 第四项
    expr: fy1.employees >= 10
`

// A province fills the 2022 特色化 slot by extending the national set and replacing one item.
func TestExtendsReplacesAndAdds(t *testing.T) {
	cat, err := criteria.Load(criteria.BuiltinFS(), fstest.MapFS{"zz.yaml": {Data: []byte(fmt.Sprintf(provincial2022, featurePart(t)))}})
	require.NoError(t, err)
	parent, child := cat.Set("cn-2022-specialized-sme"), cat.Set("zz-2022-specialized-sme")
	require.NotNil(t, child)
	require.Len(t, child.Criteria, len(parent.Criteria)+1)
	got := child.Criterion("feature.provincial")
	require.NotNil(t, got)
	assert.NotSame(t, parent.Criterion("feature.provincial"), got, "replaced")
	assert.Equal(t, "示例〔2023〕1号 附件 第三项", got.Citation())
	assert.Equal(t, "示例〔2023〕1号 附件 第四项", child.Criterion("zz.extra").Citation())
	assert.Same(t, parent.Criterion("rd.ratio"), child.Criterion("rd.ratio"), "inherited, still citing 63号")
	assert.Equal(t, parent.Score, child.Score)
	assert.Equal(t, "zz-2022-specialized-sme", cat.Select([]string{"330100", "330000", "CN"}, smetier.Specialized, smetier.MustDate("2025-06-15")).ID)
}

func TestExtendsErrors(t *testing.T) {
	for name, src := range map[string]string{
		"unknown parent": `kind: rule-set
id: x
tier: little_giant
jurisdiction: CN
extends: nope
title: {zh: 示例, en: x}
doc: 示例〔2026〕1号
from: 2026-01-01
`,
		"other tier": `kind: rule-set
id: x
tier: innovative_sme
jurisdiction: CN
extends: cn-2026-little-giant
title: {zh: 示例, en: x}
doc: 示例〔2026〕1号
from: 2026-01-01
`,
		"bad application": `kind: rule-set
id: x
tier: little_giant
jurisdiction: CN
application: sometimes
extends: cn-2026-little-giant
title: {zh: 示例, en: x}
doc: 示例〔2026〕1号
from: 2026-01-01
`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := criteria.Load(criteria.BuiltinFS(), fstest.MapFS{"x.yaml": {Data: []byte(src)}})
			require.Error(t, err)
			assert.True(t, errors.Is(err, criteria.ErrInvalidRule), "%v", err)
			var le *criteria.LoadError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, "x.yaml", le.File)
		})
	}
	t.Run("cycle", func(t *testing.T) {
		a := "kind: rule-set\nid: a\ntier: little_giant\njurisdiction: CN\nextends: b\ntitle: {zh: 甲, en: a}\ndoc: 示例〔2026〕1号\nfrom: 2026-01-01\n"
		b := "kind: rule-set\nid: b\ntier: little_giant\njurisdiction: CN\nextends: a\ntitle: {zh: 乙, en: b}\ndoc: 示例〔2026〕1号\nfrom: 2026-01-01\n"
		_, err := criteria.Load(fstest.MapFS{"a.yaml": {Data: []byte(a)}, "b.yaml": {Data: []byte(b)}})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "extends itself")
	})
}

func featurePart(t *testing.T) string {
	cat, err := criteria.Default()
	require.NoError(t, err)
	c := cat.Set("cn-2022-specialized-sme").Criterion("feature.provincial")
	require.NotNil(t, c, "the 2022 set has a provincial feature slot")
	return c.Part
}
