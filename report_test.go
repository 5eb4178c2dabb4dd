package smetier_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

func program(id string, level smetier.Level, after smetier.Tier) smetier.Verdict {
	return smetier.Verdict{Program: &smetier.ProgramRef{ID: id, Title: smetier.Text{Zh: id, En: id}, Level: level, After: after, Jurisdiction: "370000"}}
}

func tierVerdict(t smetier.Tier) smetier.Verdict {
	return smetier.Verdict{Tier: t, TierTitle: t.Title()}
}

func rungKeys(r *smetier.Report) []string {
	var out []string
	for _, v := range r.Rungs() {
		out = append(out, v.Key())
	}
	return out
}

func TestRungs(t *testing.T) {
	r := &smetier.Report{
		Verdicts: []smetier.Verdict{tierVerdict(smetier.Innovative), tierVerdict(smetier.Specialized), tierVerdict(smetier.LittleGiant), tierVerdict(smetier.Champion)},
		Programs: []smetier.Verdict{
			program("z_district_lg", smetier.District, smetier.LittleGiant),
			program("b_city_lg", smetier.Municipal, smetier.LittleGiant),
			program("a_city_lg", smetier.Municipal, smetier.LittleGiant),
			program("y_prov_lg", smetier.Provincial, smetier.LittleGiant),
			program("pool", smetier.Municipal, ""),
			program("top", smetier.Provincial, smetier.Champion),
			program("gazelle", smetier.Provincial, smetier.Specialized),
		},
	}
	// Each program directly above its tier (below the first when After is empty); programs
	// above the same tier provincial, municipal, district, then by id.
	assert.Equal(t, []string{"pool", "innovative_sme", "specialized_sme", "gazelle", "little_giant",
		"y_prov_lg", "a_city_lg", "b_city_lg", "z_district_lg", "champion", "top"}, rungKeys(r))

	// The pointers point into the report.
	rungs := r.Rungs()
	rungs[0].Status = smetier.Qualified
	assert.Equal(t, smetier.Qualified, r.ProgramVerdict("pool").Status)
	assert.Same(t, &r.Programs[4], r.ProgramVerdict("pool"))
	assert.Nil(t, r.ProgramVerdict("innovative_sme"), "tiers are not programs")
	assert.Nil(t, r.ProgramVerdict("nope"))

	// Without programs the verdicts keep their order (Only may list tiers in any order).
	r = &smetier.Report{Verdicts: []smetier.Verdict{tierVerdict(smetier.LittleGiant), tierVerdict(smetier.Innovative)}}
	assert.Equal(t, []string{"little_giant", "innovative_sme"}, rungKeys(r))
	assert.Empty(t, (&smetier.Report{}).Rungs())
}

func TestCompareRungs(t *testing.T) {
	lg, sp := tierVerdict(smetier.LittleGiant), tierVerdict(smetier.Specialized)
	gz := program("gazelle", smetier.Provincial, smetier.Specialized)
	city := program("city", smetier.Municipal, smetier.Specialized)
	for _, tc := range []struct {
		a, b smetier.Verdict
		want int
	}{
		{sp, lg, -1}, {lg, sp, 1}, {lg, lg, 0},
		{sp, gz, -1}, {gz, lg, -1}, {gz, sp, 1},
		{gz, city, -1}, {city, gz, 1}, {gz, gz, 0},
	} {
		assert.Equal(t, tc.want, smetier.CompareRungs(&tc.a, &tc.b), "%s vs %s", tc.a.Key(), tc.b.Key())
	}
	assert.Negative(t, smetier.CompareProgramRefs(gz.Program, city.Program))
}

func TestVerdictKey(t *testing.T) {
	assert.Equal(t, "little_giant", (&smetier.Verdict{Tier: smetier.LittleGiant}).Key())
	v := program("sd_gazelle", smetier.Provincial, smetier.Specialized)
	assert.Equal(t, "sd_gazelle", v.Key())
}

func TestLadderKeys(t *testing.T) {
	l := &smetier.Ladder{Highest: smetier.Specialized, NextProgram: "sd_gazelle"}
	assert.Equal(t, "specialized_sme", l.HighestKey())
	assert.Equal(t, "sd_gazelle", l.NextKey())
	l = &smetier.Ladder{HighestProgram: "sd_gazelle", Next: smetier.LittleGiant}
	assert.Equal(t, "sd_gazelle", l.HighestKey())
	assert.Equal(t, "little_giant", l.NextKey())
	assert.Empty(t, (&smetier.Ladder{}).NextKey())
}

// The text report prints programs in ladder order, saying whose they are, and a ladder whose
// next rung is a program.
func TestWriteTextPrograms(t *testing.T) {
	gz := program("sd_gazelle", smetier.Provincial, smetier.Specialized)
	gz.TierTitle = smetier.Text{Zh: "山东省瞪羚企业", En: "Shandong gazelle enterprise"}
	gz.Covered, gz.Status = true, smetier.NotQualified
	gz.RuleSet = &smetier.RuleSetRef{ID: "sd-2023-gazelle", Source: "鲁〔2023〕1号", From: smetier.MustDate("2023-06-01")}
	pool := program("wh_pool", smetier.Municipal, "")
	pool.TierTitle = smetier.Text{Zh: "武汉市培育库", En: "Wuhan pool"}
	sp := tierVerdict(smetier.Specialized)
	sp.Covered, sp.Status = true, smetier.Qualified
	sp.RuleSet = &smetier.RuleSetRef{ID: "cn-2026-specialized-sme", Source: "工信部企业〔2026〕2号", From: smetier.MustDate("2026-04-01")}
	r := &smetier.Report{Region: smetier.RegionRef{Code: "370202"}, AsOf: smetier.MustDate("2026-06-15"), ApplicationYear: 2026,
		Verdicts: []smetier.Verdict{sp}, Programs: []smetier.Verdict{pool, gz},
		Ladder: &smetier.Ladder{Highest: smetier.Specialized, NextProgram: "sd_gazelle", NextStatus: smetier.NotQualified}}
	var en, zh strings.Builder
	require.NoError(t, r.WriteText(&en, "en"))
	require.NoError(t, r.WriteText(&zh, "zh"))
	out := en.String()
	iPool := strings.Index(out, "■ Wuhan pool [municipal program] — no rules in force")
	iSp := strings.Index(out, "■ Specialized")
	iGz := strings.Index(out, "■ Shandong gazelle enterprise [provincial program · above Specialized")
	require.True(t, iPool >= 0 && iSp >= 0 && iGz >= 0, out)
	assert.True(t, iPool < iSp && iSp < iGz, "ladder order:\n%s", out)
	assert.Contains(t, out, "Ladder: highest Specialized, refined, distinctive and innovative SME; next Shandong gazelle enterprise (not qualified)")
	assert.Contains(t, zh.String(), "■ 山东省瞪羚企业 [省级地方项目 · 位于专精特新中小企业之上] — 不符合")
	assert.Contains(t, zh.String(), "下一级 山东省瞪羚企业（不符合）")
}
