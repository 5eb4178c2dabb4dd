package classify_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

// Dates of judgement for the two champion regimes: 工信部产业〔2016〕105号 (上年度 2022) and
// 工信部政法〔2023〕138号 (近3年 2023–2025), and the last and first day of each around the switch.
var (
	ch16AsOf    = smetier.MustDate("2023-06-15")
	ch23AsOf    = smetier.MustDate("2026-06-15")
	ch16LastDay = smetier.MustDate("2023-08-17")
	ch23FirstDy = smetier.MustDate("2023-08-18")
)

// chBase returns a large manufacturer that meets every decidable condition of both national
// champion sets on every date used here: 2020–2025 figures, 5亿 revenue, 80 % of it from the
// segment product, global number 2 in its segment since 2010.
func chBase() *smetier.Profile {
	yes, no := true, false
	years := map[int]smetier.FiscalYear{}
	for y := 2020; y <= 2025; y++ {
		years[y] = smetier.FiscalYear{OperatingRevenue: t26money(50000), MainRevenue: t26money(45000), ProductRevenue: t26money(40000),
			RDExpense: t26money(2000), TotalAssets: t26money(80000), TotalLiabilities: t26money(30000), NetProfit: t26money(6000),
			Employees: new(1500), RDStaff: new(300)}
	}
	return &smetier.Profile{
		Name: "单项冠军测试企业", Region: "330203", Industry: "C3484", MainlandLegalPerson: &yes,
		Years:          years,
		IP:             []smetier.IPRight{},
		Awards:         []smetier.Award{},
		RDInstitutions: []smetier.RDInstitution{{Level: smetier.Provincial}},
		Certifications: []smetier.Certification{},
		Financing:      []smetier.Financing{},
		Segment:        &smetier.Segment{Since: new(smetier.MustDate("2010-01-01")), MarketSharePct: new(25.0), NationalRank: new(1), GlobalRank: new(2)},
		MainProduct:    &smetier.MainProduct{SixBasics: &yes, KeyChainLink: &yes, OwnBrand: &yes, NewProduct: &no},
		Titles:         []smetier.Title{},
		Compliance:     &smetier.Compliance{AbnormalList: &no, SeriousDishonesty: &no, Incidents: []smetier.Incident{}, ProhibitedProduct: &no},
	}
}

func chVerdict(t *testing.T, p *smetier.Profile, asOf smetier.Date, set string) *smetier.Verdict {
	t.Helper()
	r, err := t26Engine.Classify(context.Background(), p, classify.AsOf(asOf), classify.Only(smetier.Champion))
	require.NoError(t, err)
	v := r.Verdict(smetier.Champion)
	require.NotNil(t, v)
	require.True(t, v.Covered, "no champion set on %v", asOf)
	require.Equal(t, set, v.RuleSet.ID)
	return v
}

type chCase struct {
	name   string
	mutate func(p *smetier.Profile)
	want   smetier.Outcome
}

func chRun(t *testing.T, asOf smetier.Date, set, criterion string, cases []chCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(set+"/"+criterion+"/"+tc.name, func(t *testing.T) {
			p := chBase()
			if tc.mutate != nil {
				tc.mutate(p)
			}
			v := chVerdict(t, p, asOf, set)
			c := v.Criterion(criterion)
			require.NotNil(t, c, "criterion %s", criterion)
			assert.Equal(t, tc.want, c.Outcome, "%s: %s", criterion, c.Message.En)
			switch tc.want {
			case smetier.Fail:
				assert.Equal(t, smetier.NotQualified, v.Status)
				assert.Contains(t, v.Failed, criterion)
			case smetier.Pass:
				assert.NotContains(t, v.Failed, criterion)
			}
		})
	}
}

func chSince(d string) func(*smetier.Profile) {
	return func(p *smetier.Profile) { p.Segment.Since = new(smetier.MustDate(d)) }
}

func chNewProductSince(d string, isNew *bool) func(*smetier.Profile) {
	return func(p *smetier.Profile) {
		p.Segment.Since = new(smetier.MustDate(d))
		p.MainProduct.NewProduct = isNew
	}
}

func chRank(r int) func(*smetier.Profile) {
	return func(p *smetier.Profile) { p.Segment.GlobalRank = new(r) }
}

func chIncident(kind smetier.IncidentKind, date string) func(*smetier.Profile) {
	return func(p *smetier.Profile) {
		p.Compliance.Incidents = []smetier.Incident{{Kind: kind, Date: smetier.MustDate(date)}}
	}
}

// chMainRevenue sets the main-business revenue of 2023, 2024 and 2025.
func chMainRevenue(m23, m24, m25 smetier.Money) func(*smetier.Profile) {
	return func(p *smetier.Profile) {
		for y, m := range map[int]smetier.Money{2023: m23, 2024: m24, 2025: m25} {
			t26year(p, y, func(f *smetier.FiscalYear) { f.MainRevenue = new(m) })
		}
	}
}

func TestChampionBaseVerdicts(t *testing.T) {
	v16 := chVerdict(t, chBase(), ch16AsOf, "cn-2016-champion")
	assert.Equal(t, smetier.NeedsJudgement, v16.Status, "failed %v missing %v", v16.Failed, v16.Missing)
	assert.Empty(t, v16.Failed)
	assert.Empty(t, v16.Missing)
	assert.ElementsMatch(t, []string{"focus.products", "tech.leading", "performance", "brand", "energy", "management"}, v16.Judgement)
	for _, c := range v16.Criteria {
		assert.Contains(t, c.Citation, "工信部产业〔2016〕105号", c.ID)
	}

	v23 := chVerdict(t, chBase(), ch23AsOf, "cn-2023-champion")
	assert.Equal(t, smetier.NeedsJudgement, v23.Status, "failed %v missing %v", v23.Failed, v23.Missing)
	assert.Empty(t, v23.Failed)
	assert.Empty(t, v23.Missing)
	assert.ElementsMatch(t, []string{"base.national_interest", "tech.advanced", "energy", "innovation", "management"}, v23.Judgement)
	for _, c := range v23.Criteria {
		if c.ID == "main_revenue.avg.exempt.little_giant" {
			// The little-giant relaxation is from the 2023 selection notice, not 138号 itself.
			assert.Contains(t, c.Citation, "遴选通知", c.ID)
			continue
		}
		assert.Contains(t, c.Citation, "工信部政法〔2023〕138号", c.ID)
	}
}

// Neither champion standard is limited to SMEs: a large enterprise is judged on the merits.
func TestChampionNotLimitedToSMEs(t *testing.T) {
	r, err := t26Engine.Classify(context.Background(), chBase(), classify.AsOf(ch23AsOf))
	require.NoError(t, err)
	assert.Equal(t, smetier.Large, r.Size.Class)
	for _, id := range []string{"cn-2016-champion", "cn-2023-champion"} {
		s := t26Engine.Catalog().Set(id)
		require.NotNil(t, s, id)
		for _, c := range s.Criteria {
			assert.NotContains(t, c.Facts, "size.sme", "%s %s", id, c.ID)
			assert.NotContains(t, c.Facts, "size.class", "%s %s", id, c.ID)
		}
	}
	// The SME tiers fail the same enterprise on size.
	assert.Contains(t, r.Verdict(smetier.LittleGiant).Failed, "base.sme")
	assert.NotEqual(t, smetier.NotQualified, r.Verdict(smetier.Champion).Status)
}

func TestChampion2016Boundaries(t *testing.T) {
	const set = "cn-2016-champion"
	yes, no := true, false
	chRun(t, ch16AsOf, set, "product.share", []chCase{
		{"exactly 70%", func(p *smetier.Profile) {
			t26year(p, 2022, func(f *smetier.FiscalYear) { f.ProductRevenue = t26money(35000) })
		}, smetier.Pass},
		{"1 fen below 70%", func(p *smetier.Profile) {
			t26year(p, 2022, func(f *smetier.FiscalYear) { f.ProductRevenue = new(smetier.Wan(35000) - 1) })
		}, smetier.Fail},
		{"1 fen above 70%", func(p *smetier.Profile) {
			t26year(p, 2022, func(f *smetier.FiscalYear) { f.ProductRevenue = new(smetier.Wan(35000) + 1) })
		}, smetier.Pass},
		{"the year before does not count", func(p *smetier.Profile) {
			t26year(p, 2021, func(f *smetier.FiscalYear) { f.ProductRevenue = t26money(1) })
		}, smetier.Pass},
		{"product revenue missing", func(p *smetier.Profile) {
			t26year(p, 2022, func(f *smetier.FiscalYear) { f.ProductRevenue = nil })
		}, smetier.Unknown},
	})
	chRun(t, ch16AsOf, set, "market.global", []chCase{
		{"second", chRank(2), smetier.Pass},
		{"third", chRank(3), smetier.Pass},
		{"fourth", chRank(4), smetier.Fail},
		{"national first only", func(p *smetier.Profile) { p.Segment.GlobalRank = nil }, smetier.Unknown},
	})
	// 从事相关业务领域的时间达到10年或以上, counted in full years to the as-of date inclusive.
	chRun(t, ch16AsOf, set, "segment.years", []chCase{
		{"11 years", chSince("2012-06-16"), smetier.Pass},
		{"exactly 10 years", chSince("2013-06-16"), smetier.Pass},
		{"one day short of 10", chSince("2013-06-17"), smetier.Fail},
		{"since missing", func(p *smetier.Profile) { p.Segment.Since = nil }, smetier.Unknown},
		{"new product, 4 years", chNewProductSince("2019-06-16", &yes), smetier.Pass},
		{"new product, exactly 3 years", chNewProductSince("2020-06-16", &yes), smetier.Pass},
		{"new product, one day short of 3", chNewProductSince("2020-06-17", &yes), smetier.Fail},
		{"not a new product, 3 years", chNewProductSince("2020-06-16", &no), smetier.Fail},
		{"new product unknown, 3 years", chNewProductSince("2020-06-16", nil), smetier.Unknown},
		{"new product unknown, 10 years", chNewProductSince("2013-06-16", nil), smetier.Pass},
	})
	chRun(t, ch16AsOf, set, "base.manufacturing", []chCase{
		{"section C", nil, smetier.Pass},
		{"software services", func(p *smetier.Profile) { p.Industry = "I6513" }, smetier.Fail},
		{"industry missing", func(p *smetier.Profile) { p.Industry = "" }, smetier.Unknown},
	})
	// 近三年无环境违法记录: only environmental records count, within three years of the as-of date.
	chRun(t, ch16AsOf, set, "compliance.environment", []chCase{
		{"environmental violation 3 years ago to the day", chIncident(smetier.EnvironmentIncident, "2020-06-15"), smetier.Fail},
		{"environmental violation a day earlier", chIncident(smetier.EnvironmentIncident, "2020-06-14"), smetier.Pass},
		{"a tax record is not an environmental one", chIncident(smetier.TaxEvasion, "2022-01-10"), smetier.Pass},
		{"record unknown", func(p *smetier.Profile) { p.Compliance.Incidents = nil }, smetier.Unknown},
	})
	chRun(t, ch16AsOf, set, "base.registered", []chCase{
		{"not a legal person", func(p *smetier.Profile) { p.MainlandLegalPerson = &no }, smetier.Fail},
	})
}

func TestChampion2023Boundaries(t *testing.T) {
	const set = "cn-2023-champion"
	yes, no := true, false
	// 截至上年末从事相关领域10年及以上 (新产品5年及以上): full years to 1 January 2026.
	chRun(t, ch23AsOf, set, "segment.years", []chCase{
		{"11 years", chSince("2015-01-01"), smetier.Pass},
		{"exactly 10 years", chSince("2016-01-01"), smetier.Pass},
		{"one day short of 10", chSince("2016-01-02"), smetier.Fail},
		{"new product, 6 years", chNewProductSince("2020-01-01", &yes), smetier.Pass},
		{"new product, exactly 5 years", chNewProductSince("2021-01-01", &yes), smetier.Pass},
		{"new product, one day short of 5", chNewProductSince("2021-01-02", &yes), smetier.Fail},
		{"new product, 4 years (enough in 2016, not now)", chNewProductSince("2022-01-01", &yes), smetier.Fail},
		{"not a new product, 5 years", chNewProductSince("2021-01-01", &no), smetier.Fail},
		{"new product unknown, 5 years", chNewProductSince("2021-01-01", nil), smetier.Unknown},
	})
	// 近3年主营业务收入平均4亿元及以上: 120000万元 over 2023–2025.
	chRun(t, ch23AsOf, set, "main_revenue.avg", []chCase{
		{"exactly 4亿 on average", chMainRevenue(smetier.Wan(40000), smetier.Wan(40000), smetier.Wan(40000)), smetier.Pass},
		{"1 fen below in total", chMainRevenue(smetier.Wan(40000), smetier.Wan(40000), smetier.Wan(40000)-1), smetier.Fail},
		{"1 fen above in total", chMainRevenue(smetier.Wan(40000), smetier.Wan(40000)+1, smetier.Wan(40000)), smetier.Pass},
		{"uneven years average exactly 4亿", chMainRevenue(smetier.Wan(30000), smetier.Wan(40000), smetier.Wan(50000)), smetier.Pass},
		{"last year above 4亿 is not enough", chMainRevenue(smetier.Wan(30000), smetier.Wan(30000), smetier.Wan(50000)), smetier.Fail},
		{"2023 missing", func(p *smetier.Profile) {
			t26year(p, 2023, func(f *smetier.FiscalYear) { f.MainRevenue = nil })
		}, smetier.Unknown},
	})
	chRun(t, ch23AsOf, set, "market.global", []chCase{
		{"second", chRank(2), smetier.Pass},
		{"third", chRank(3), smetier.Pass},
		{"fourth", chRank(4), smetier.Fail},
		{"missing", func(p *smetier.Profile) { p.Segment.GlobalRank = nil }, smetier.Unknown},
	})
	chRun(t, ch23AsOf, set, "base.incidents", []chCase{
		{"tax evasion within 3 years", chIncident(smetier.TaxEvasion, "2024-03-01"), smetier.Fail},
		{"data fraud 3 years ago to the day", chIncident(smetier.DataFraud, "2023-06-15"), smetier.Fail},
		{"safety incident a day earlier", chIncident(smetier.SafetyIncident, "2023-06-14"), smetier.Pass},
	})
	chRun(t, ch23AsOf, set, "base.credit", []chCase{
		{"on the abnormal list", func(p *smetier.Profile) { p.Compliance.AbnormalList = &yes }, smetier.Fail},
		{"seriously dishonest", func(p *smetier.Profile) { p.Compliance.SeriousDishonesty = &yes }, smetier.Fail},
	})
	chRun(t, ch23AsOf, set, "base.catalogue", []chCase{
		{"prohibited product", func(p *smetier.Profile) { p.Compliance.ProhibitedProduct = &yes }, smetier.Fail},
	})
	// 138号 covers producer services too: a non-manufacturing code is left to the authority.
	chRun(t, ch23AsOf, set, "base.manufacturing", []chCase{
		{"section C", nil, smetier.Pass},
		{"producer service", func(p *smetier.Profile) { p.Industry = "M7320" }, smetier.Judgement},
	})
	chRun(t, ch23AsOf, set, "base.registered", []chCase{
		{"not a legal person", func(p *smetier.Profile) { p.MainlandLegalPerson = &no }, smetier.Fail},
	})
	// The 70 % product share of 2016 is not a condition any more.
	chRun(t, ch23AsOf, set, "segment.years", []chCase{
		{"product share 10%", func(p *smetier.Profile) {
			for y := 2023; y <= 2025; y++ {
				t26year(p, y, func(f *smetier.FiscalYear) { f.ProductRevenue = t26money(5000) })
			}
		}, smetier.Pass},
	})
	v := chVerdict(t, chBase(), ch23AsOf, set)
	assert.Nil(t, v.Criterion("product.share"))
}

// The main-revenue gap says how much more last year's figure needs for the 3-year average.
func TestChampionMainRevenueGap(t *testing.T) {
	p := chBase()
	chMainRevenue(smetier.Wan(39000), smetier.Wan(39000), smetier.Wan(39000))(p)
	c := chVerdict(t, p, ch23AsOf, "cn-2023-champion").Criterion("main_revenue.avg")
	require.NotNil(t, c)
	require.Equal(t, smetier.Fail, c.Outcome)
	// Three alternatives: the revenue itself, a provincial 专精特新 title (the 2亿 relaxation, for
	// the authority to judge) or a little-giant title (the exemption).
	require.Len(t, c.Gaps, 3)
	assert.Equal(t, "title.specialized_sme_provincial", c.Gaps[1].Fact)
	assert.Equal(t, "title.little_giant", c.Gaps[2].Fact)
	g := c.Gaps[0]
	assert.Equal(t, "years.2025.main_revenue", g.Input)
	assert.Equal(t, "元", g.Unit)
	require.NotNil(t, g.Current)
	require.NotNil(t, g.Required)
	require.NotNil(t, g.Delta)
	assert.Equal(t, 390_000_000.0, *g.Current)
	assert.Equal(t, 420_000_000.0, *g.Required)
	assert.Equal(t, 30_000_000.0, *g.Delta)
}

// 138号 replaced 105号: on the last day of the 2016 regime a new product 4 years in its segment
// meets the segment-years condition (3 years for new products); the next day it needs 5 years,
// counted to the end of the previous year.
func TestChampionRegimeSwitch(t *testing.T) {
	yes := true
	p := chBase()
	chNewProductSince("2019-03-01", &yes)(p)

	old := chVerdict(t, p, ch16LastDay, "cn-2016-champion")
	assert.Equal(t, smetier.Pass, old.Criterion("segment.years").Outcome)
	assert.Equal(t, smetier.NeedsJudgement, old.Status, "%v", old.Failed)

	cur := chVerdict(t, p, ch23FirstDy, "cn-2023-champion")
	assert.Equal(t, smetier.Fail, cur.Criterion("segment.years").Outcome)
	assert.Equal(t, smetier.NotQualified, cur.Status)
	assert.Equal(t, []string{"segment.years"}, cur.Failed)

	// An enterprise with a 3-year average below 4亿 meets 2016's conditions (no revenue floor in
	// 105号) but not 2023's.
	q := chBase()
	for y := 2020; y <= 2022; y++ {
		t26year(q, y, func(f *smetier.FiscalYear) {
			f.OperatingRevenue, f.MainRevenue, f.ProductRevenue = t26money(30000), t26money(28000), t26money(24000)
		})
	}
	assert.Equal(t, smetier.NeedsJudgement, chVerdict(t, q, ch16LastDay, "cn-2016-champion").Status)
	assert.Equal(t, []string{"main_revenue.avg"}, chVerdict(t, q, ch23FirstDy, "cn-2023-champion").Failed)

	// No champion set before 105号.
	r, err := t26Engine.Classify(context.Background(), chBase(), classify.AsOf(smetier.MustDate("2016-03-15")), classify.Only(smetier.Champion))
	require.NoError(t, err)
	assert.False(t, r.Verdict(smetier.Champion).Covered)
}

// Below 4亿: a little giant is admissible (深圳's reissue of the 2023 selection notice), and a
// provincial-or-higher 专精特新 enterprise with at least 2亿 is left to the authority (the
// relaxation is only in secondary summaries); anyone else fails (AUDIT-2026-12 item 2).
func TestChampionRevenueRelaxation(t *testing.T) {
	avg := func(wan int64) func(*smetier.Profile) {
		return chMainRevenue(smetier.Wan(wan), smetier.Wan(wan), smetier.Wan(wan))
	}
	title := func(kind smetier.TitleKind, level smetier.Level) func(*smetier.Profile) {
		return func(p *smetier.Profile) {
			p.Titles = append(p.Titles, smetier.Title{Kind: kind, Level: level, Issued: smetier.MustDate("2024-01-01"), Expires: new(smetier.MustDate("2026-12-31"))})
		}
	}
	both := func(fs ...func(*smetier.Profile)) func(*smetier.Profile) {
		return func(p *smetier.Profile) {
			for _, f := range fs {
				f(p)
			}
		}
	}
	for _, tc := range []struct {
		name      string
		mutate    func(*smetier.Profile)
		gate      smetier.Outcome
		relaxed   smetier.Outcome
		status    smetier.Status
		judgement bool // main_revenue.relaxed is among the verdict's judgement criteria
	}{
		{"3亿, no title", avg(30000), smetier.Fail, smetier.Pass, smetier.NotQualified, false},
		{"3亿, little giant: exempt", both(avg(30000), title(smetier.TitleLittleGiant, smetier.National)), smetier.Exempt, smetier.Pass, smetier.NeedsJudgement, false},
		{"1亿, little giant: exempt whatever the revenue", both(avg(10000), title(smetier.TitleLittleGiant, "")), smetier.Exempt, smetier.Pass, smetier.NeedsJudgement, false},
		{"2亿 exactly, provincial 专精特新: the authority judges", both(avg(20000), title(smetier.TitleSpecializedSME, smetier.Provincial)), smetier.Pass, smetier.Judgement, smetier.NeedsJudgement, true},
		{"2亿 -1 fen in total, provincial 专精特新", both(chMainRevenue(smetier.Wan(20000), smetier.Wan(20000), smetier.Wan(20000)-1), title(smetier.TitleSpecializedSME, smetier.Provincial)),
			smetier.Fail, smetier.Pass, smetier.NotQualified, false},
		{"3亿, 专精特新 title without a level counts as provincial", both(avg(30000), title(smetier.TitleSpecializedSME, "")), smetier.Pass, smetier.Judgement, smetier.NeedsJudgement, true},
		{"3亿, municipal 专精特新 does not count", both(avg(30000), title(smetier.TitleSpecializedSME, smetier.Municipal)), smetier.Fail, smetier.Pass, smetier.NotQualified, false},
		{"4亿 exactly, provincial 专精特新: the general gate", both(avg(40000), title(smetier.TitleSpecializedSME, smetier.Provincial)), smetier.Pass, smetier.Pass, smetier.NeedsJudgement, false},
		{"3亿, provincial 专精特新 and little giant: exempt, nothing to judge", both(avg(30000), title(smetier.TitleSpecializedSME, smetier.Provincial), title(smetier.TitleLittleGiant, smetier.National)),
			smetier.Pass, smetier.Pass, smetier.NeedsJudgement, false},
		{"3亿, titles unknown", both(avg(30000), func(p *smetier.Profile) { p.Titles = nil }), smetier.Unknown, smetier.Judgement, smetier.NeedsData, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := chBase()
			tc.mutate(p)
			v := chVerdict(t, p, ch23AsOf, "cn-2023-champion")
			assert.Equal(t, tc.gate, v.Criterion("main_revenue.avg").Outcome, "gate")
			assert.Equal(t, tc.relaxed, v.Criterion("main_revenue.relaxed").Outcome, "relaxation")
			assert.Equal(t, tc.status, v.Status, "failed %v judgement %v", v.Failed, v.Judgement)
			assert.Equal(t, tc.judgement, slices.Contains(v.Judgement, "main_revenue.relaxed"))
		})
	}
}
