package classify_test

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

// Boundary tables for the rule sets of the 2022 regime (工信部企业〔2022〕63号 附件1–3) and for the
// 2026 tier-1 set that continues 附件1 under 2号 第三十条. Every helper is prefixed r22.

// r22Y is the application year of the 2022-regime tests: 上年度 is 2024, 近2年 2024 and 2023.
const r22Y = 2025

var (
	r22AsOf   = smetier.MustDate("2025-06-15")
	r22AsOf26 = smetier.MustDate("2026-06-15")
)

// r22scope names the rule set a table runs against.
type r22scope struct {
	tier smetier.Tier
	set  string
	asOf smetier.Date
}

var (
	r22Innovative   = r22scope{smetier.Innovative, "cn-2022-innovative-sme", r22AsOf}
	r22Innovative26 = r22scope{smetier.Innovative, "cn-2026-innovative-sme", r22AsOf26}
	r22Specialized  = r22scope{smetier.Specialized, "cn-2022-specialized-sme", r22AsOf}
	r22LittleGiant  = r22scope{smetier.LittleGiant, "cn-2022-little-giant", r22AsOf}
)

func r22wan(n int64) *smetier.Money { return new(smetier.Wan(n)) }

func r22date(y int, md string) smetier.Date { return smetier.MustDate(fmt.Sprintf("%04d-%s", y, md)) }

// r22Profile returns, for application year y, a profile that meets every decidable criterion of
// the three 2022 sets, with figures for fiscal years y−1 … y−3:
//   - 创新型 score 95 (IP 15, R&D 6 % 20, growth 20 % 20, debt 50 % 10, field 10, share 95 % 20), no
//     direct-pass;
//   - 专精特新 score 77 (25 + 25 + 0 + 27) with the 15 provincial points left to the authority
//     (77–92), no direct-pass;
//   - 小巨人 every gate passes, "information system" is left to the authority.
func r22Profile(y int) *smetier.Profile {
	yes, no := true, false
	ipRight := func(n int) smetier.IPRight {
		return smetier.IPRight{Number: fmt.Sprintf("ZL%d%d", y-4, n), Kind: smetier.InventionPatent, Granted: new(r22date(y-4, "01-10")),
			TransferredIn: &no, OwnerRank: new(1), MainProduct: &yes, AppliedWithBenefit: &yes, HighValue: &no}
	}
	return &smetier.Profile{
		Name: "测试企业2022", Region: "440305", Industry: "C3812", MainlandLegalPerson: &yes,
		Years: map[int]smetier.FiscalYear{
			y - 1: {OperatingRevenue: r22wan(12000), MainRevenue: r22wan(11400), RDExpense: r22wan(720), TotalAssets: r22wan(10000),
				TotalLiabilities: r22wan(5000), NetProfit: r22wan(1200), Employees: new(250), RDStaff: new(60)},
			y - 2: {OperatingRevenue: r22wan(10000), MainRevenue: r22wan(9500), RDExpense: r22wan(600), TotalAssets: r22wan(9000),
				TotalLiabilities: r22wan(4500), NetProfit: r22wan(900), Employees: new(240), RDStaff: new(55)},
			y - 3: {OperatingRevenue: r22wan(9000), MainRevenue: r22wan(8550), RDExpense: r22wan(500), TotalAssets: r22wan(8000),
				TotalLiabilities: r22wan(4000), NetProfit: r22wan(800), Employees: new(230), RDStaff: new(50)},
		},
		IP:             []smetier.IPRight{ipRight(1), ipRight(2), ipRight(3), ipRight(4)},
		Awards:         []smetier.Award{},
		RDInstitutions: []smetier.RDInstitution{{Name: "市级企业技术中心", Level: smetier.Municipal}},
		Certifications: []smetier.Certification{{Kind: smetier.QualityManagementCert, Name: "ISO 9001",
			Issued: new(r22date(y-3, "01-01")), Expires: new(r22date(y+2, "12-31"))}},
		Standards:    []smetier.Standard{},
		DigitalLevel: new(3),
		Financing:    []smetier.Financing{},
		Segment:      &smetier.Segment{Since: new(r22date(y-10, "03-01")), MarketSharePct: new(12.0), NationalRank: new(2)},
		MainProduct: &smetier.MainProduct{SixBasics: &yes, StrategicEmerging: &yes, KeyChainLink: &yes,
			TimeHonoredBrand: &no, OwnBrand: &yes, ServesChainLeader: &no},
		Titles: []smetier.Title{
			{Kind: smetier.TitleInnovativeSME, Issued: r22date(y-2, "06-01"), Expires: new(r22date(y+1, "05-31"))},
			{Kind: smetier.TitleSpecializedSME, Issued: r22date(y-2, "08-01"), Expires: new(r22date(y+1, "07-31"))},
		},
		Compliance: &smetier.Compliance{AbnormalList: &no, SeriousDishonesty: &no, Incidents: []smetier.Incident{}, ProhibitedProduct: &no},
	}
}

var r22Engine = func() *classify.Engine {
	e, err := classify.New()
	if err != nil {
		panic(err)
	}
	return e
}()

// r22Verdict judges p under the national rules ("CN": Shenzhen and other places now have sets of
// their own) on sc's date and returns the verdict of sc's tier, checking that it was reached under
// sc's rule set.
func r22Verdict(t *testing.T, sc r22scope, p *smetier.Profile) *smetier.Verdict {
	t.Helper()
	r, err := r22Engine.Classify(context.Background(), p, classify.In("CN"), classify.AsOf(sc.asOf))
	require.NoError(t, err)
	v := r.Verdict(sc.tier)
	require.NotNil(t, v)
	require.True(t, v.Covered, "no rule set for %s on %v", sc.tier, sc.asOf)
	require.Equal(t, sc.set, v.RuleSet.ID)
	return v
}

// r22fy mutates fiscal year fy of p.
func r22fy(p *smetier.Profile, fy int, f func(*smetier.FiscalYear)) {
	x := p.Years[fy]
	f(&x)
	p.Years[fy] = x
}

// r22mut changes a profile built for application year y.
type r22mut func(p *smetier.Profile, y int)

// r22case expects a criterion outcome.
type r22case struct {
	name   string
	mutate r22mut
	want   smetier.Outcome
}

func r22gate(t *testing.T, sc r22scope, criterion string, cases []r22case) {
	t.Helper()
	for _, tc := range cases {
		t.Run(sc.set+"/"+criterion+"/"+tc.name, func(t *testing.T) {
			p := r22Profile(sc.asOf.Year)
			if tc.mutate != nil {
				tc.mutate(p, sc.asOf.Year)
			}
			v := r22Verdict(t, sc, p)
			c := v.Criterion(criterion)
			require.NotNil(t, c, "criterion %s", criterion)
			assert.Equal(t, tc.want, c.Outcome, "%s: %s", criterion, c.Message.En)
			if tc.want == smetier.Fail && (c.Kind == "gate" || c.Kind == "judgement") {
				assert.Equal(t, smetier.NotQualified, v.Status)
				assert.Contains(t, v.Failed, criterion)
			}
		})
	}
}

// r22undecided marks a band case whose points cannot be decided.
const r22undecided = -1

// r22band expects a score item's points (or r22undecided).
type r22band struct {
	name   string
	mutate r22mut
	points int
}

func r22bands(t *testing.T, sc r22scope, criterion string, cases []r22band) {
	t.Helper()
	for _, tc := range cases {
		t.Run(sc.set+"/"+criterion+"/"+tc.name, func(t *testing.T) {
			p := r22Profile(sc.asOf.Year)
			if tc.mutate != nil {
				tc.mutate(p, sc.asOf.Year)
			}
			v := r22Verdict(t, sc, p)
			c := v.Criterion(criterion)
			require.NotNil(t, c, "criterion %s", criterion)
			require.Equal(t, "score", c.Kind)
			if tc.points == r22undecided {
				assert.Nil(t, c.Points, "%s: %s", criterion, c.Message.En)
				assert.Contains(t, []smetier.Outcome{smetier.Unknown, smetier.Judgement}, c.Outcome)
				return
			}
			require.NotNil(t, c.Points, "%s: %s", criterion, c.Message.En)
			assert.Equal(t, tc.points, *c.Points, "%s: %s", criterion, c.Message.En)
			assert.Equal(t, smetier.Pass, c.Outcome)
		})
	}
}

// Mutation helpers. Amounts are exact: smetier.Wan(n) ± 1 fen is one fen either side.

func r22set(k int, f func(*smetier.FiscalYear)) r22mut {
	return func(p *smetier.Profile, y int) { r22fy(p, y-k, f) }
}

// r22rd sets R&D expense of fiscal year y−k.
func r22rd(k int, m smetier.Money) r22mut {
	return r22set(k, func(f *smetier.FiscalYear) { f.RDExpense = new(m) })
}

// r22main sets main-business revenue of fiscal year y−k.
func r22main(k int, m smetier.Money) r22mut {
	return r22set(k, func(f *smetier.FiscalYear) { f.MainRevenue = new(m) })
}

// r22turnover sets operating and main-business revenue of fiscal year y−k to the same amount.
func r22turnover(k int, m smetier.Money) r22mut {
	return r22set(k, func(f *smetier.FiscalYear) { f.OperatingRevenue, f.MainRevenue = new(m), new(m) })
}

// r22liab sets total liabilities of fiscal year y−k.
func r22liab(k int, m smetier.Money) r22mut {
	return r22set(k, func(f *smetier.FiscalYear) { f.TotalLiabilities = new(m) })
}

// r22rev sets operating revenue and main-business revenue (95 %) of fiscal year y−k.
func r22rev(k int, m smetier.Money) r22mut {
	return r22set(k, func(f *smetier.FiscalYear) { f.OperatingRevenue, f.MainRevenue = new(m), new(m*95/100) })
}

// r22all applies several mutations in order.
func r22all(ms ...r22mut) r22mut {
	return func(p *smetier.Profile, y int) {
		for _, m := range ms {
			m(p, y)
		}
	}
}

// r22since sets the date of entering the segment.
func r22since(f func(y int) smetier.Date) r22mut {
	return func(p *smetier.Profile, y int) { p.Segment.Since = new(f(y)) }
}

func r22equity(fy int, m smetier.Money) smetier.Financing {
	return smetier.Financing{Date: r22date(fy, "05-01"), Amount: m, QualifiedInvestor: new(true), PaidIn: new(true)}
}

// r22financing sets one qualified, paid-in round dated in fiscal year y−k.
func r22financing(k int, m smetier.Money) r22mut {
	return func(p *smetier.Profile, y int) { p.Financing = []smetier.Financing{r22equity(y-k, m)} }
}

func r22award(kind smetier.AwardKind, level smetier.Level, k, rank int) r22mut {
	return func(p *smetier.Profile, y int) {
		a := smetier.Award{Name: "奖", Kind: kind, Level: level, Year: y - k}
		if rank > 0 {
			a.Rank = new(rank)
		}
		p.Awards = []smetier.Award{a}
	}
}

func r22noIP(p *smetier.Profile, _ int) { p.IP = []smetier.IPRight{} }

// r22class2 replaces the IP list with one class-II right granted on the given date.
func r22class2(kind smetier.IPKind, granted func(y int) smetier.Date, main bool) r22mut {
	return func(p *smetier.Profile, y int) {
		p.IP = []smetier.IPRight{{Number: "C2", Kind: kind, Granted: new(granted(y)), TransferredIn: new(false), MainProduct: new(main)}}
	}
}

// r22transferred marks every IP right as transferred in on the given date.
func r22transferred(on func(y int) smetier.Date) r22mut {
	return func(p *smetier.Profile, y int) {
		for i := range p.IP {
			p.IP[i].TransferredIn, p.IP[i].TransferredOn = new(true), new(on(y))
		}
	}
}

func r22rdi(insts ...smetier.RDInstitution) r22mut {
	return func(p *smetier.Profile, _ int) { p.RDInstitutions = append([]smetier.RDInstitution{}, insts...) }
}

func TestR22BaseVerdicts(t *testing.T) {
	for _, sc := range []r22scope{r22Innovative, r22Innovative26} {
		v := r22Verdict(t, sc, r22Profile(sc.asOf.Year))
		assert.Equal(t, smetier.Qualified, v.Status, "%s: failed %v, missing %v", sc.set, v.Failed, v.Missing)
		require.NotNil(t, v.Score)
		assert.Equal(t, 95, v.Score.Total, sc.set)
		assert.Equal(t, smetier.Pass, v.Score.Outcome)
		assert.Empty(t, v.Score.DirectPass)
	}

	sp := r22Verdict(t, r22Specialized, r22Profile(r22Y))
	assert.Equal(t, smetier.Qualified, sp.Status, "failed %v, missing %v", sp.Failed, sp.Missing)
	require.NotNil(t, sp.Score)
	assert.Equal(t, 77, sp.Score.Total)
	parts := map[string]int{}
	for _, ps := range sp.Score.Parts {
		parts[ps.ID] = ps.Total
	}
	assert.Equal(t, map[string]int{"specialization": 25, "refinement": 25, "feature": 0, "innovation": 27}, parts)

	lg := r22Verdict(t, r22LittleGiant, r22Profile(r22Y))
	assert.Equal(t, smetier.NeedsJudgement, lg.Status, "failed %v, missing %v", lg.Failed, lg.Missing)
	assert.Equal(t, []string{"info.system"}, lg.Judgement)
	assert.Empty(t, lg.Failed)
}

func TestR22Citations(t *testing.T) {
	v := r22Verdict(t, r22Innovative26, r22Profile(2026))
	assert.Equal(t, "工信部企业〔2022〕63号 附件1 二（一）2", v.Criterion("rd.ratio").Citation, "2号第三十条: the 63号 standard is cited")
	assert.Equal(t, "工信部企业〔2022〕63号 附件1 一（四）", v.Criterion("direct.equity").Citation)
	assert.Equal(t, "工信部企业〔2026〕2号 附件3 说明", v.Criterion("base.credit").Citation)
	v = r22Verdict(t, r22Innovative, r22Profile(r22Y))
	assert.Equal(t, "工信部企业〔2022〕63号 附件1 二（一）2", v.Criterion("rd.ratio").Citation)
	// The common conditions are 63号 第三条 (AUDIT-2026-12 item 9).
	for _, sc := range []r22scope{r22Innovative, r22Specialized, r22LittleGiant} {
		v := r22Verdict(t, sc, r22Profile(r22Y))
		for _, id := range []string{"base.registered", "base.credit", "base.incidents", "base.catalogue"} {
			assert.Equal(t, "工信部企业〔2022〕63号 第三条", v.Criterion(id).Citation, sc.set+" "+id)
		}
		assert.Equal(t, "工信部企业〔2022〕63号 第三条（工信部联企业〔2011〕300号）", v.Criterion("base.sme").Citation, sc.set)
	}
}

// r22innovativeTables runs the 附件1 tables; the 2026 tier-1 set must behave identically.
func r22innovativeTables(t *testing.T, sc r22scope) {
	// Revenue of 上年度 is 12000万: 5 % = 600万, 3 % = 360万, 2 % = 240万, 1 % = 120万.
	r22bands(t, sc, "rd.ratio", []r22band{
		{"5% +1 fen", r22rd(1, smetier.Wan(600)+1), 20},
		{"5% exactly", r22rd(1, smetier.Wan(600)), 20},
		{"5% -1 fen", r22rd(1, smetier.Wan(600)-1), 15},
		{"3% +1 fen", r22rd(1, smetier.Wan(360)+1), 15},
		{"3% exactly", r22rd(1, smetier.Wan(360)), 15},
		{"3% -1 fen", r22rd(1, smetier.Wan(360)-1), 10},
		{"2% +1 fen", r22rd(1, smetier.Wan(240)+1), 10},
		{"2% exactly", r22rd(1, smetier.Wan(240)), 10},
		{"2% -1 fen", r22rd(1, smetier.Wan(240)-1), 5},
		{"1% +1 fen", r22rd(1, smetier.Wan(120)+1), 5},
		{"1% exactly is the 1%-2% band", r22rd(1, smetier.Wan(120)), 5},
		{"1% -1 fen", r22rd(1, smetier.Wan(120)-1), 0},
		{"zero revenue", r22set(1, func(f *smetier.FiscalYear) {
			f.OperatingRevenue, f.MainRevenue = new(smetier.Money(0)), new(smetier.Money(0))
		}), 0},
		{"R&D missing", r22set(1, func(f *smetier.FiscalYear) { f.RDExpense = nil }), r22undecided},
	})
	// Main-business revenue of the year before 上年度 is 9500万: 15 % = 10925万, 10 % = 10450万,
	// 5 % = 9975万, 0 % = 9500万.
	r22bands(t, sc, "main.growth", []r22band{
		{"15% +1 fen", r22main(1, smetier.Wan(10925)+1), 20},
		{"15% exactly", r22main(1, smetier.Wan(10925)), 20},
		{"15% -1 fen", r22main(1, smetier.Wan(10925)-1), 15},
		{"10% +1 fen", r22main(1, smetier.Wan(10450)+1), 15},
		{"10% exactly", r22main(1, smetier.Wan(10450)), 15},
		{"10% -1 fen", r22main(1, smetier.Wan(10450)-1), 10},
		{"5% +1 fen", r22main(1, smetier.Wan(9975)+1), 10},
		{"5% exactly", r22main(1, smetier.Wan(9975)), 10},
		{"5% -1 fen", r22main(1, smetier.Wan(9975)-1), 5},
		{"0% +1 fen", r22main(1, smetier.Wan(9500)+1), 5},
		{"0% exactly is the 0%-5% band", r22main(1, smetier.Wan(9500)), 5},
		{"0% -1 fen", r22main(1, smetier.Wan(9500)-1), 0},
		{"previous year missing", r22set(2, func(f *smetier.FiscalYear) { f.MainRevenue = nil }), r22undecided},
	})
	// Total assets of 上年度 are 10000万: 55 % = 5500万, 75 % = 7500万.
	r22bands(t, sc, "debt.ratio", []r22band{
		{"55% -1 fen", r22liab(1, smetier.Wan(5500)-1), 10},
		{"55% exactly", r22liab(1, smetier.Wan(5500)), 10},
		{"55% +1 fen", r22liab(1, smetier.Wan(5500)+1), 5},
		{"75% -1 fen", r22liab(1, smetier.Wan(7500)-1), 5},
		{"75% exactly is the 55%-75% band", r22liab(1, smetier.Wan(7500)), 5},
		{"75% +1 fen", r22liab(1, smetier.Wan(7500)+1), 0},
	})
	r22bands(t, sc, "product.field", []r22band{
		{"strategic emerging", nil, 10},
		{"other field", func(p *smetier.Profile, _ int) { p.MainProduct.StrategicEmerging = new(false) }, 5},
		{"unknown", func(p *smetier.Profile, _ int) { p.MainProduct.StrategicEmerging = nil }, r22undecided},
	})
	// Operating revenue of 上年度 is 12000万: 70 % = 8400万, 60 % = 7200万, 55 % = 6600万, 50 % = 6000万.
	r22bands(t, sc, "main.share", []r22band{
		{"70% +1 fen", r22main(1, smetier.Wan(8400)+1), 20},
		{"70% exactly", r22main(1, smetier.Wan(8400)), 20},
		{"70% -1 fen", r22main(1, smetier.Wan(8400)-1), 15},
		{"60% +1 fen", r22main(1, smetier.Wan(7200)+1), 15},
		{"60% exactly", r22main(1, smetier.Wan(7200)), 15},
		{"60% -1 fen", r22main(1, smetier.Wan(7200)-1), 10},
		{"55% +1 fen", r22main(1, smetier.Wan(6600)+1), 10},
		{"55% exactly", r22main(1, smetier.Wan(6600)), 10},
		{"55% -1 fen", r22main(1, smetier.Wan(6600)-1), 5},
		{"50% +1 fen", r22main(1, smetier.Wan(6000)+1), 5},
		{"50% exactly is the 50%-55% band", r22main(1, smetier.Wan(6000)), 5},
		{"50% -1 fen", r22main(1, smetier.Wan(6000)-1), 0},
	})
	r22bands(t, sc, "ip.count", []r22band{
		{"one high-value class-I right", func(p *smetier.Profile, _ int) { p.IP[0].HighValue = new(true) }, 20},
		{"self-developed class-I", nil, 15},
		{"class-I transferred in a year ago to the day", r22transferred(func(y int) smetier.Date { return r22date(y-1, "06-15") }), 10},
		{"class-I transferred in less than a year ago", r22transferred(func(y int) smetier.Date { return r22date(y-1, "06-16") }), 0},
		{"utility model maintained just over 2 years", r22class2(smetier.UtilityModel, func(y int) smetier.Date { return r22date(y-2, "06-14") }, true), 5},
		{"utility model maintained exactly 2 years", r22class2(smetier.UtilityModel, func(y int) smetier.Date { return r22date(y-2, "06-15") }, true), 0},
		{"design patent maintained just over 2 years", r22class2(smetier.DesignPatent, func(y int) smetier.Date { return r22date(y-2, "06-14") }, true), 5},
		{"software copyright registered yesterday", r22class2(smetier.SoftwareCopyright, func(y int) smetier.Date { return r22date(y, "06-14") }, true), 5},
		{"software copyright not related to the main product", r22class2(smetier.SoftwareCopyright, func(y int) smetier.Date { return r22date(y-3, "01-01") }, false), 0},
		{"none", r22noIP, 0},
		{"high-value flag unknown", func(p *smetier.Profile, _ int) { p.IP[0].HighValue = nil }, r22undecided},
	})

	r22gate(t, sc, "direct.award", []r22case{
		{"none", nil, smetier.Fail},
		{"provincial award 3 years back", r22award(smetier.ScienceTechnologyAward, smetier.Provincial, 3, 0), smetier.Pass},
		{"national award 4 years back", r22award(smetier.ScienceTechnologyAward, smetier.National, 4, 0), smetier.Fail},
		{"municipal award", r22award(smetier.ScienceTechnologyAward, smetier.Municipal, 1, 0), smetier.Fail},
		{"awards unknown", func(p *smetier.Profile, _ int) { p.Awards = nil }, smetier.Unknown},
	})
	r22gate(t, sc, "direct.certificate", []r22case{
		{"quality certificate only", nil, smetier.Fail},
		{"high-tech enterprise valid on the as-of date", func(p *smetier.Profile, y int) {
			p.Certifications = append(p.Certifications, smetier.Certification{Kind: smetier.HighTechEnterprise, Expires: new(r22date(y, "06-15"))})
		}, smetier.Pass},
		{"high-tech enterprise expired the day before", func(p *smetier.Profile, y int) {
			p.Certifications = append(p.Certifications, smetier.Certification{Kind: smetier.HighTechEnterprise, Expires: new(r22date(y, "06-14"))})
		}, smetier.Fail},
		{"IP demonstration enterprise", func(p *smetier.Profile, y int) {
			p.Certifications = append(p.Certifications, smetier.Certification{Kind: smetier.IPDemonstrationEnterprise, Expires: new(r22date(y+1, "12-31"))})
		}, smetier.Pass},
	})
	r22gate(t, sc, "direct.institution", []r22case{
		{"municipal", nil, smetier.Fail},
		{"provincial", r22rdi(smetier.RDInstitution{Level: smetier.Provincial}), smetier.Pass},
		{"joint national does not count as owned", r22rdi(smetier.RDInstitution{Level: smetier.National, Joint: true}), smetier.Fail},
	})
	r22gate(t, sc, "direct.equity", []r22case{
		{"500万 exactly", r22financing(3, smetier.Wan(500)), smetier.Pass},
		{"500万 -1 fen", r22financing(3, smetier.Wan(500)-1), smetier.Fail},
		{"500万 +1 fen", r22financing(1, smetier.Wan(500)+1), smetier.Pass},
		{"500万 four years back", r22financing(4, smetier.Wan(500)), smetier.Fail},
	})
}

func TestR22InnovativeBoundaries(t *testing.T) {
	r22innovativeTables(t, r22Innovative)
}

func TestR22Innovative2026Boundaries(t *testing.T) {
	r22innovativeTables(t, r22Innovative26)
}

// r22innoAtMinimum scores exactly 60 = 创新能力 20 + 成长性 20 + 专业化 20, each part at or above its
// minimum: no IP (0) + R&D 6.25 % (20); growth 10 % (15) + debt 60 % (5); other field (5) + share
// 65.3 % (15).
func r22innoAtMinimum(p *smetier.Profile, y int) {
	r22noIP(p, y)
	r22fy(p, y-1, func(f *smetier.FiscalYear) {
		f.OperatingRevenue, f.MainRevenue, f.RDExpense, f.TotalLiabilities = r22wan(16000), r22wan(10450), r22wan(1000), r22wan(6000)
	})
	p.MainProduct.StrategicEmerging = new(false)
}

func TestR22InnovativeScoreRequirement(t *testing.T) {
	for _, sc := range []r22scope{r22Innovative, r22Innovative26} {
		t.Run(sc.set, func(t *testing.T) {
			p := r22Profile(sc.asOf.Year)
			r22innoAtMinimum(p, sc.asOf.Year)
			v := r22Verdict(t, sc, p)
			require.NotNil(t, v.Score)
			assert.Equal(t, 60, v.Score.Total)
			assert.Equal(t, smetier.Qualified, v.Status, "failed %v", v.Failed)

			// 55: growth 5 % scores 10, so 成长性 is 15 (still at its minimum) and the total fails.
			p = r22Profile(sc.asOf.Year)
			r22innoAtMinimum(p, sc.asOf.Year)
			r22main(1, smetier.Wan(9975))(p, sc.asOf.Year)
			v = r22Verdict(t, sc, p)
			assert.Equal(t, 55, v.Score.Total)
			assert.Equal(t, smetier.NotQualified, v.Status)
			assert.Equal(t, []string{"score"}, v.Failed)

			// 75 in total, but 创新能力 15 < 20: the part minimum fails the score.
			p = r22Profile(sc.asOf.Year)
			r22noIP(p, sc.asOf.Year)
			r22rd(1, smetier.Wan(480))(p, sc.asOf.Year) // 4 %
			v = r22Verdict(t, sc, p)
			assert.Equal(t, 75, v.Score.Total)
			assert.Equal(t, smetier.Fail, v.Score.Outcome)
			assert.Equal(t, smetier.NotQualified, v.Status)

			// The same profile with 500万 of qualified equity passes directly.
			r22financing(2, smetier.Wan(500))(p, sc.asOf.Year)
			v = r22Verdict(t, sc, p)
			assert.Equal(t, smetier.Qualified, v.Status)
			assert.Equal(t, smetier.Waived, v.Score.Outcome)
			assert.Equal(t, []string{"direct.equity"}, v.Score.DirectPass)

			// 成长性 minimum 15: debt over 75 % (0) + growth 10 % (15) is exactly 15.
			p = r22Profile(sc.asOf.Year)
			r22liab(1, smetier.Wan(7500)+1)(p, sc.asOf.Year)
			r22main(1, smetier.Wan(10450))(p, sc.asOf.Year)
			v = r22Verdict(t, sc, p)
			assert.Equal(t, smetier.Qualified, v.Status)
			// growth 5 % (10) + debt over 75 % (0) = 10 < 15.
			r22main(1, smetier.Wan(9975))(p, sc.asOf.Year)
			v = r22Verdict(t, sc, p)
			assert.Equal(t, smetier.NotQualified, v.Status)
		})
	}
}

func TestR22SpecializedBoundaries(t *testing.T) {
	sc := r22Specialized
	// 一、认定条件.
	r22gate(t, sc, "segment.years", []r22case{
		// The as-of day counts in full: from (y−2)-06-16 through (y)-06-15 is exactly 2 years.
		{"exactly 2 years through the as-of date", r22since(func(y int) smetier.Date { return r22date(y-2, "06-16") }), smetier.Pass},
		{"one day short", r22since(func(y int) smetier.Date { return r22date(y-2, "06-17") }), smetier.Fail},
		{"2 years and a day", r22since(func(y int) smetier.Date { return r22date(y-2, "06-15") }), smetier.Pass},
		{"missing", func(p *smetier.Profile, _ int) { p.Segment.Since = nil }, smetier.Unknown},
	})
	r22gate(t, sc, "rd.amount", []r22case{
		{"100万 exactly", r22rd(1, smetier.Wan(100)), smetier.Pass},
		{"100万 -1 fen", r22rd(1, smetier.Wan(100)-1), smetier.Fail},
		{"100万 +1 fen", r22rd(1, smetier.Wan(100)+1), smetier.Pass},
	})
	r22gate(t, sc, "rd.ratio", []r22case{ // 3 % of 12000万 = 360万
		{"3% exactly", r22rd(1, smetier.Wan(360)), smetier.Pass},
		{"3% -1 fen", r22rd(1, smetier.Wan(360)-1), smetier.Fail},
		{"3% +1 fen", r22rd(1, smetier.Wan(360)+1), smetier.Pass},
		{"only 上年度 counts", r22rd(2, smetier.Wan(1)), smetier.Pass},
	})
	r22gate(t, sc, "revenue.or_equity", []r22case{
		{"1000万 exactly", r22rev(1, smetier.Wan(1000)), smetier.Pass},
		{"1000万 -1 fen", r22rev(1, smetier.Wan(1000)-1), smetier.Fail},
		{"1000万 +1 fen", r22rev(1, smetier.Wan(1000)+1), smetier.Pass},
		{"below, equity 2000万 exactly", r22all(r22rev(1, smetier.Wan(900)), r22financing(2, smetier.Wan(2000))), smetier.Pass},
		{"below, equity 2000万 -1 fen", r22all(r22rev(1, smetier.Wan(900)), r22financing(2, smetier.Wan(2000)-1)), smetier.Fail},
		{"below, equity 3 years back", r22all(r22rev(1, smetier.Wan(900)), r22financing(3, smetier.Wan(5000))), smetier.Fail},
		{"below, financing unknown", r22all(r22rev(1, smetier.Wan(900)), func(p *smetier.Profile, _ int) { p.Financing = nil }), smetier.Unknown},
	})
	r22gate(t, sc, "direct.award", []r22case{
		{"provincial ranked 3rd", r22award(smetier.ScienceTechnologyAward, smetier.Provincial, 2, 3), smetier.Pass},
		{"provincial ranked 4th", r22award(smetier.ScienceTechnologyAward, smetier.Provincial, 2, 4), smetier.Fail},
		{"national ranked 5th", r22award(smetier.ScienceTechnologyAward, smetier.National, 3, 5), smetier.Pass},
		{"national ranked 6th", r22award(smetier.ScienceTechnologyAward, smetier.National, 3, 6), smetier.Fail},
		{"national 1st but 4 years back", r22award(smetier.ScienceTechnologyAward, smetier.National, 4, 1), smetier.Fail},
		{"rank unknown", r22award(smetier.ScienceTechnologyAward, smetier.Provincial, 1, 0), smetier.Unknown},
	})
	r22gate(t, sc, "direct.rd", []r22case{ // average of 上年度 and the year before
		{"average 1000万 exactly", r22all(r22rd(1, smetier.Wan(1100)), r22rd(2, smetier.Wan(900))), smetier.Pass},
		{"total 1 fen short", r22all(r22rd(1, smetier.Wan(1100)-1), r22rd(2, smetier.Wan(900))), smetier.Fail},
		{"total 1 fen over", r22all(r22rd(1, smetier.Wan(1100)+1), r22rd(2, smetier.Wan(900))), smetier.Pass},
	})
	r22gate(t, sc, "direct.equity", []r22case{
		{"6000万 exactly", r22financing(2, smetier.Wan(6000)), smetier.Pass},
		{"6000万 -1 fen", r22financing(2, smetier.Wan(6000)-1), smetier.Fail},
		{"6000万 +1 fen", r22financing(1, smetier.Wan(6000)+1), smetier.Pass},
		{"not paid in", func(p *smetier.Profile, y int) {
			f := r22equity(y-1, smetier.Wan(9000))
			f.PaidIn = new(false)
			p.Financing = []smetier.Financing{f}
		}, smetier.Fail},
	})
	r22gate(t, sc, "direct.maker", []r22case{
		{"top 500, 3 years back", r22award(smetier.MakerChinaTop500, smetier.National, 3, 0), smetier.Pass},
		{"top 500, 4 years back", r22award(smetier.MakerChinaTop500, smetier.National, 4, 0), smetier.Fail},
	})

	// 二、评价指标. 专业化: revenue 12000万, so 80 % = 9600万, 70 % = 8400万, 60 % = 7200万.
	r22bands(t, sc, "main.share", []r22band{
		{"80% +1 fen", r22main(1, smetier.Wan(9600)+1), 5},
		{"80% exactly", r22main(1, smetier.Wan(9600)), 5},
		{"80% -1 fen", r22main(1, smetier.Wan(9600)-1), 3},
		{"70% +1 fen", r22main(1, smetier.Wan(8400)+1), 3},
		{"70% exactly", r22main(1, smetier.Wan(8400)), 3},
		{"70% -1 fen", r22main(1, smetier.Wan(8400)-1), 1},
		{"60% +1 fen", r22main(1, smetier.Wan(7200)+1), 1},
		{"60% exactly is the 60%-70% band", r22main(1, smetier.Wan(7200)), 1},
		{"60% -1 fen", r22main(1, smetier.Wan(7200)-1), 0},
	})
	// Average growth: with the two earlier years at 10000万 the older rate is 0 %, so the average
	// is half the latest rate: 10 % ↔ 12000万, 8 % ↔ 11600万, 6 % ↔ 11200万, 4 % ↔ 10800万, 0 % ↔ 10000万.
	growth := func(fy1 smetier.Money) r22mut {
		return r22all(
			r22set(1, func(f *smetier.FiscalYear) { f.OperatingRevenue, f.MainRevenue = r22wan(15000), new(fy1) }),
			r22turnover(2, smetier.Wan(10000)), r22turnover(3, smetier.Wan(10000)))
	}
	r22bands(t, sc, "main.growth", []r22band{
		{"10% +1 fen", growth(smetier.Wan(12000) + 1), 10},
		{"10% exactly", growth(smetier.Wan(12000)), 10},
		{"10% -1 fen", growth(smetier.Wan(12000) - 1), 8},
		{"8% exactly", growth(smetier.Wan(11600)), 8},
		{"8% -1 fen", growth(smetier.Wan(11600) - 1), 6},
		{"6% exactly", growth(smetier.Wan(11200)), 6},
		{"6% -1 fen", growth(smetier.Wan(11200) - 1), 4},
		{"4% exactly", growth(smetier.Wan(10800)), 4},
		{"4% -1 fen", growth(smetier.Wan(10800) - 1), 2},
		{"0% +1 fen", growth(smetier.Wan(10000) + 1), 2},
		{"0% exactly is the 0%-4% band", growth(smetier.Wan(10000)), 2},
		{"0% -1 fen", growth(smetier.Wan(10000) - 1), 0},
		{"third year missing", r22set(3, func(f *smetier.FiscalYear) { f.MainRevenue = nil }), r22undecided},
	})
	years := func(n int, md string) r22mut {
		return r22since(func(y int) smetier.Date { return r22date(y-n, md) })
	}
	// Since (y−n)-06-16 is exactly n years through the as-of date (y)-06-15.
	r22bands(t, sc, "segment.score", []r22band{
		{"11 years", years(11, "06-16"), 5},
		{"10 years and a day", years(10, "06-15"), 5},
		{"exactly 10 years", years(10, "06-16"), 5},
		{"10 years less a day", years(10, "06-17"), 4},
		{"exactly 8 years", years(8, "06-16"), 4},
		{"8 years less a day", years(8, "06-17"), 3},
		{"exactly 6 years", years(6, "06-16"), 3},
		{"6 years less a day", years(6, "06-17"), 2},
		{"exactly 4 years", years(4, "06-16"), 2},
		{"4 years less a day", years(4, "06-17"), 1},
		{"exactly 2 years", years(2, "06-16"), 1},
		{"2 years less a day", years(2, "06-17"), 0},
	})
	r22bands(t, sc, "product.field", []r22band{
		{"key chain link", nil, 5},
		{"six basics only", func(p *smetier.Profile, _ int) { p.MainProduct.KeyChainLink = new(false) }, 3},
		{"time-honoured brand only", func(p *smetier.Profile, _ int) {
			p.MainProduct.KeyChainLink, p.MainProduct.SixBasics, p.MainProduct.TimeHonoredBrand = new(false), new(false), new(true)
		}, 3},
		{"serves a key leading enterprise only", func(p *smetier.Profile, _ int) {
			p.MainProduct.KeyChainLink, p.MainProduct.SixBasics, p.MainProduct.ServesChainLeader = new(false), new(false), new(true)
		}, 3},
		{"none", func(p *smetier.Profile, _ int) {
			p.MainProduct.KeyChainLink, p.MainProduct.SixBasics = new(false), new(false)
		}, 0},
		{"none known, whether it serves a leading enterprise not supplied", func(p *smetier.Profile, _ int) {
			p.MainProduct.KeyChainLink, p.MainProduct.SixBasics, p.MainProduct.ServesChainLeader = new(false), new(false), nil
		}, r22undecided},
		{"six basics, whether it serves a leading enterprise not supplied", func(p *smetier.Profile, _ int) {
			p.MainProduct.KeyChainLink, p.MainProduct.ServesChainLeader = new(false), nil
		}, 3},
	})
	// 精细化.
	r22bands(t, sc, "digital.level", []r22band{
		{"level 4", func(p *smetier.Profile, _ int) { p.DigitalLevel = new(4) }, 5},
		{"level 3", nil, 5},
		{"level 2", func(p *smetier.Profile, _ int) { p.DigitalLevel = new(2) }, 3},
		{"level 1", func(p *smetier.Profile, _ int) { p.DigitalLevel = new(1) }, 0},
		{"unknown", func(p *smetier.Profile, _ int) { p.DigitalLevel = nil }, r22undecided},
	})
	// Four items, 3 points each, at most 5: 省级以上质量奖, ISO9001等质量管理体系认证, 自主品牌,
	// 参与制修订标准. The base profile has the certificate and the brand, no award ([]) and no
	// standard ([]).
	qualityAward := func(level smetier.Level, k int) r22mut {
		return func(p *smetier.Profile, y int) {
			p.Awards = []smetier.Award{{Name: "质量奖", Kind: smetier.QualityAward, Level: level, Year: y - k}}
		}
	}
	standard := func(p *smetier.Profile, y int) {
		p.Standards = []smetier.Standard{{Number: "GB/T 1-2020", Level: smetier.NationalStandard, Year: y - 2}}
	}
	noCert := func(p *smetier.Profile, _ int) { p.Certifications = []smetier.Certification{} }
	noBrand := func(p *smetier.Profile, _ int) { p.MainProduct.OwnBrand = new(false) }
	r22bands(t, sc, "quality.management", []r22band{
		{"certificate and own brand: 6 capped at 5", nil, 5},
		{"certificate only", noBrand, 3},
		{"own brand, certificate expired the day before", func(p *smetier.Profile, y int) { p.Certifications[0].Expires = new(r22date(y, "06-14")) }, 3},
		{"neither", r22all(noBrand, noCert), 0},
		{"provincial quality award only", r22all(noBrand, noCert, qualityAward(smetier.Provincial, 3)), 3},
		{"national quality award only, 10 years back (no period)", r22all(noBrand, noCert, qualityAward(smetier.National, 10)), 3},
		{"municipal quality award is below 省级", r22all(noBrand, noCert, qualityAward(smetier.Municipal, 1)), 0},
		{"standard only", r22all(noBrand, noCert, standard), 3},
		{"award and standard", r22all(noBrand, noCert, qualityAward(smetier.Provincial, 1), standard), 5},
		{"all four: capped at 5", r22all(qualityAward(smetier.Provincial, 1), standard), 5},
		{"brand only, awards and standards not supplied", r22all(noCert, func(p *smetier.Profile, _ int) { p.Awards, p.Standards = nil, nil }), r22undecided},
		{"nothing known but none of the four held", r22all(noBrand, noCert, func(p *smetier.Profile, _ int) { p.Standards = nil }), r22undecided},
		{"two known: decided whatever is missing", func(p *smetier.Profile, _ int) { p.Awards, p.Standards = nil, nil }, 5},
		{"a non-quality management system does not count here", r22all(noBrand, func(p *smetier.Profile, y int) {
			p.Certifications = []smetier.Certification{{Kind: smetier.ManagementSystemCert, Name: "ISO 14001", Expires: new(r22date(y+1, "01-01"))}}
		}), 0},
	})
	// Revenue 12000万: 10 % = 1200万, 8 % = 960万, 6 % = 720万, 4 % = 480万, 2 % = 240万.
	margin := func(m smetier.Money) r22mut { return r22set(1, func(f *smetier.FiscalYear) { f.NetProfit = new(m) }) }
	r22bands(t, sc, "net.margin", []r22band{
		{"10% +1 fen", margin(smetier.Wan(1200) + 1), 10},
		{"10% exactly", margin(smetier.Wan(1200)), 10},
		{"10% -1 fen", margin(smetier.Wan(1200) - 1), 8},
		{"8% exactly", margin(smetier.Wan(960)), 8},
		{"8% -1 fen", margin(smetier.Wan(960) - 1), 6},
		{"6% exactly", margin(smetier.Wan(720)), 6},
		{"6% -1 fen", margin(smetier.Wan(720) - 1), 4},
		{"4% exactly", margin(smetier.Wan(480)), 4},
		{"4% -1 fen", margin(smetier.Wan(480) - 1), 2},
		{"2% +1 fen", margin(smetier.Wan(240) + 1), 2},
		{"2% exactly is the 2%-4% band", margin(smetier.Wan(240)), 2},
		{"2% -1 fen", margin(smetier.Wan(240) - 1), 0},
		{"loss", margin(-smetier.Wan(100)), 0},
	})
	// Assets 10000万: 50 % = 5000万, 60 % = 6000万, 70 % = 7000万.
	r22bands(t, sc, "debt.ratio", []r22band{
		{"50% -1 fen", r22liab(1, smetier.Wan(5000)-1), 5},
		{"50% exactly", r22liab(1, smetier.Wan(5000)), 5},
		{"50% +1 fen", r22liab(1, smetier.Wan(5000)+1), 3},
		{"60% exactly", r22liab(1, smetier.Wan(6000)), 3},
		{"60% +1 fen", r22liab(1, smetier.Wan(6000)+1), 1},
		{"70% -1 fen", r22liab(1, smetier.Wan(7000)-1), 1},
		{"70% exactly is the 60%-70% band", r22liab(1, smetier.Wan(7000)), 1},
		{"70% +1 fen", r22liab(1, smetier.Wan(7000)+1), 0},
	})
	// 特色化: the province's 15 points, left to the authority nationally.
	r22bands(t, sc, "feature.provincial", []r22band{{"national set: the province awards 0–15", nil, r22undecided}})
	// 创新能力.
	r22bands(t, sc, "ip.count", []r22band{
		{"high-value class-I", func(p *smetier.Profile, _ int) { p.IP[0].HighValue = new(true) }, 10},
		{"self-developed class-I", nil, 8},
		{"class-I transferred in over a year ago", r22transferred(func(y int) smetier.Date { return r22date(y-2, "01-01") }), 6},
		{"class-II maintained over 2 years", r22class2(smetier.UtilityModel, func(y int) smetier.Date { return r22date(y-3, "01-01") }, true), 2},
		{"class-II maintained exactly 2 years", r22class2(smetier.UtilityModel, func(y int) smetier.Date { return r22date(y-2, "06-15") }, true), 0},
		{"none", r22noIP, 0},
	})
	// R&D amount bands with a large revenue (20000万: the ratio stays below 3 %), then ratio bands
	// with a small revenue (900万: the amount stays below 100万).
	big := func(m smetier.Money) r22mut { return r22all(r22rev(1, smetier.Wan(20000)), r22rd(1, m)) }
	small := func(m smetier.Money) r22mut { return r22all(r22rev(1, smetier.Wan(900)), r22rd(1, m)) }
	r22bands(t, sc, "rd.input", []r22band{
		{"500万 exactly", big(smetier.Wan(500)), 10},
		{"500万 -1 fen", big(smetier.Wan(500) - 1), 8},
		{"400万 exactly", big(smetier.Wan(400)), 8},
		{"400万 -1 fen", big(smetier.Wan(400) - 1), 6},
		{"300万 exactly", big(smetier.Wan(300)), 6},
		{"300万 -1 fen", big(smetier.Wan(300) - 1), 4},
		{"200万 exactly", big(smetier.Wan(200)), 4},
		{"200万 -1 fen", big(smetier.Wan(200) - 1), 2},
		{"100万 exactly", big(smetier.Wan(100)), 2},
		{"100万 -1 fen", big(smetier.Wan(100) - 1), 0},
		{"10% exactly (90万 of 900万)", small(smetier.Wan(90)), 10},
		{"10% -1 fen", small(smetier.Wan(90) - 1), 8},
		{"8% exactly", small(smetier.Wan(72)), 8},
		{"8% -1 fen", small(smetier.Wan(72) - 1), 6},
		{"6% exactly", small(smetier.Wan(54)), 6},
		{"6% -1 fen", small(smetier.Wan(54) - 1), 4},
		{"4% exactly", small(smetier.Wan(36)), 4},
		{"4% -1 fen", small(smetier.Wan(36) - 1), 2},
		{"3% exactly", small(smetier.Wan(27)), 2},
		{"3% -1 fen", small(smetier.Wan(27) - 1), 0},
		{"amount band wins over ratio band", r22all(r22rev(1, smetier.Wan(9000)), r22rd(1, smetier.Wan(450))), 8},
	})
	staff := func(n int) r22mut {
		return r22set(1, func(f *smetier.FiscalYear) { f.Employees, f.RDStaff = new(1000), new(n) })
	}
	r22bands(t, sc, "rd.staff", []r22band{
		{"20% +1", staff(201), 5},
		{"20% exactly", staff(200), 5},
		{"20% -1", staff(199), 3},
		{"10% exactly", staff(100), 3},
		{"10% -1", staff(99), 1},
		{"5% +1", staff(51), 1},
		{"5% exactly is the 5%-10% band", staff(50), 1},
		{"5% -1", staff(49), 0},
	})
	r22bands(t, sc, "rdi.level", []r22band{
		{"national", r22rdi(smetier.RDInstitution{Level: smetier.National}), 10},
		{"joint national", r22rdi(smetier.RDInstitution{Level: smetier.National, Joint: true}), 10},
		{"provincial", r22rdi(smetier.RDInstitution{Level: smetier.Provincial}, smetier.RDInstitution{Level: smetier.District}), 8},
		{"municipal", nil, 4},
		{"district", r22rdi(smetier.RDInstitution{Level: smetier.District}), 2},
		{"none", r22rdi(), 0},
		{"unknown", func(p *smetier.Profile, _ int) { p.RDInstitutions = nil }, r22undecided},
	})
}

// r22spec60 brings the specialized score from 77 to exactly 60: no IP (−8), no R&D institution
// (−4), digital level 2 (−2), no own brand (quality −2), 8 years in the segment (−1).
func r22spec60(p *smetier.Profile, y int) {
	r22noIP(p, y)
	r22rdi()(p, y)
	p.DigitalLevel = new(2)
	p.MainProduct.OwnBrand = new(false)
	p.Segment.Since = new(r22date(y-8, "03-01"))
}

// The 15 provincial points (附件2 二（三）9) are the province's to award: nationally they are a
// range, so a score they could lift to the pass mark needs official judgement, and only one that
// fails even with all 15 fails.
func TestR22SpecializedScoreRequirement(t *testing.T) {
	sc := r22Specialized
	// From 60: net margin 10 % → under 2 % (−10), R&D staff 24 % → 4.9 % (−5) gives 45; 8 years
	// in the segment → 6 (−1) gives 44.
	to45 := r22all(r22spec60,
		r22set(1, func(f *smetier.FiscalYear) { f.NetProfit = new(smetier.Wan(240) - 1) }),
		r22set(1, func(f *smetier.FiscalYear) { f.Employees, f.RDStaff = new(1000), new(49) }))
	for _, tc := range []struct {
		name      string
		mutate    r22mut
		total     int
		status    smetier.Status
		judgement []string
		failed    []string
		note      string
	}{
		{"60: passes without the provincial points", r22spec60, 60, smetier.Qualified, nil, nil, ""},
		{"59: the provincial points decide", r22all(r22spec60, r22since(func(y int) smetier.Date { return r22date(y-6, "03-01") })),
			59, smetier.NeedsJudgement, []string{"score"}, nil, "score 59–74 of 60 needed; open: feature.provincial 0–15 points"},
		{"45: 15 provincial points would reach 60", to45, 45, smetier.NeedsJudgement, []string{"score"}, nil, "score 45–60 of 60 needed"},
		{"44: fails even with 15 provincial points", r22all(to45, r22since(func(y int) smetier.Date { return r22date(y-6, "03-01") })),
			44, smetier.NotQualified, nil, []string{"score"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := r22Profile(r22Y)
			tc.mutate(p, r22Y)
			v := r22Verdict(t, sc, p)
			require.NotNil(t, v.Score)
			assert.Equal(t, tc.total, v.Score.Total)
			assert.Equal(t, tc.total+15, v.Score.Max)
			assert.Equal(t, tc.status, v.Status, "failed %v judgement %v missing %v", v.Failed, v.Judgement, v.Missing)
			assert.Equal(t, tc.judgement, v.Judgement)
			assert.Equal(t, tc.failed, v.Failed)
			if tc.note == "" {
				assert.Nil(t, v.Score.Note)
				return
			}
			require.NotNil(t, v.Score.Note)
			assert.Contains(t, v.Score.Note.En, tc.note)
			assert.Contains(t, v.Score.Note.En, "(left to the authority: points of the local indicators set by the provincial SME authority)")
			assert.Contains(t, v.Score.Note.Zh, "feature.provincial 0–15分")
			assert.Equal(t, []smetier.Input{{Path: "authority:feature.provincial", Official: true,
				Label: smetier.Text{Zh: "省级中小企业主管部门设定的地方特色指标得分", En: "points of the local indicators set by the provincial SME authority"}}}, v.Missing)
			fp := v.Criterion("feature.provincial")
			assert.Equal(t, smetier.Judgement, fp.Outcome)
			assert.Equal(t, 0, fp.MinPoints)
			assert.Equal(t, 15, fp.MaxPoints)
			require.Len(t, fp.Gaps, 1)
			assert.True(t, fp.Gaps[0].Official)
		})
	}

	t.Run("authority and missing data: needs data, naming both", func(t *testing.T) {
		p := r22Profile(r22Y)
		r22all(r22spec60, r22since(func(y int) smetier.Date { return r22date(y-6, "03-01") }))(p, r22Y)
		p.DigitalLevel = nil // 3 points (level 2) become 0–5
		v := r22Verdict(t, sc, p)
		assert.Equal(t, smetier.NeedsData, v.Status)
		assert.Equal(t, 56, v.Score.Total)
		assert.Equal(t, 76, v.Score.Max)
		var paths []string
		for _, in := range v.Missing {
			paths = append(paths, in.Path)
		}
		assert.ElementsMatch(t, []string{"digital_level", "authority:feature.provincial"}, paths)
		require.NotNil(t, v.Score.Note)
		assert.Contains(t, v.Score.Note.En, "digital.level 0–5 points (missing data)")
	})

	t.Run("the plan counts the authority's points last", func(t *testing.T) {
		p := r22Profile(r22Y)
		r22all(to45, r22since(func(y int) smetier.Date { return r22date(y-6, "03-01") }))(p, r22Y)
		v := r22Verdict(t, sc, p)
		require.NotNil(t, v.Plan)
		assert.True(t, v.Plan.Reachable)
		for _, st := range v.Plan.Cheapest {
			assert.NotEqual(t, "feature.provincial", st.Criterion, "enterprise climbs reach 60 without it")
		}
	})

	t.Run("a direct pass still waives the score", func(t *testing.T) {
		p := r22Profile(r22Y)
		r22all(to45, r22award(smetier.MakerChinaTop500, smetier.National, 1, 0))(p, r22Y)
		v := r22Verdict(t, sc, p)
		assert.Equal(t, smetier.Qualified, v.Status)
		assert.Equal(t, smetier.Waived, v.Score.Outcome)
		assert.Equal(t, []string{"direct.maker"}, v.Score.DirectPass)
	})
}

// A province that encodes its 特色化 items extends the national set and replaces
// feature.provincial with bands: its enterprises get a decided score.
func TestR22ProvincialFeatureDecides(t *testing.T) {
	const js = `kind: rule-set
id: zz-2022-specialized-sme
tier: specialized_sme
jurisdiction: "650000"
extends: cn-2022-specialized-sme
title: {zh: 示例省专精特新, en: Example province}
doc: 示例〔2023〕1号
from: 2022-08-01
until: 2026-03-31
criteria:
  - id: feature.provincial
    kind: score
    part: feature
    title: {zh: 地方特色指标, en: Local indicators}
    cite: 附件 第三项
    bands:
      - {when: product.strategic_emerging, points: 15, label: {zh: 战略性新兴产业, en: strategic emerging}}
      - {when: "true", points: 0, label: {zh: 其他, en: other}}
`
	cat, err := criteria.Load(criteria.BuiltinFS(), fstest.MapFS{"zz.yaml": {Data: []byte(js)}})
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	for _, tc := range []struct {
		emerging bool
		status   smetier.Status
		total    int
	}{{true, smetier.Qualified, 74}, {false, smetier.NotQualified, 59}} {
		p := r22Profile(r22Y)
		r22all(r22spec60, r22since(func(y int) smetier.Date { return r22date(y-6, "03-01") }))(p, r22Y)
		p.MainProduct.StrategicEmerging = new(tc.emerging)
		r, err := eng.Classify(context.Background(), p, classify.In("650000"), classify.AsOf(r22AsOf), classify.Only(smetier.Specialized))
		require.NoError(t, err)
		v := r.Verdicts[0]
		assert.Equal(t, "zz-2022-specialized-sme", v.RuleSet.ID)
		assert.Equal(t, tc.status, v.Status)
		assert.Equal(t, tc.total, v.Score.Total)
		assert.Equal(t, tc.total, v.Score.Max)
		assert.Nil(t, v.Score.Note)
	}
}

func TestR22LittleGiantBoundaries(t *testing.T) {
	sc := r22LittleGiant
	r22gate(t, sc, "title.specialized", []r22case{
		{"innovative title only", func(p *smetier.Profile, _ int) { p.Titles = p.Titles[:1] }, smetier.Fail},
	})
	// 专: segment at the end of 上年度 (2024-12-31).
	r22gate(t, sc, "segment.years", []r22case{
		// 31 December counts in full: from (y−3)-01-01 through (y−1)-12-31 is exactly 3 years.
		{"exactly 3 years at the end of last year", r22since(func(y int) smetier.Date { return r22date(y-3, "01-01") }), smetier.Pass},
		{"3 years and a day", r22since(func(y int) smetier.Date { return r22date(y-4, "12-31") }), smetier.Pass},
		{"one day short", r22since(func(y int) smetier.Date { return r22date(y-3, "01-02") }), smetier.Fail},
		{"no relaxation to 2 years", r22since(func(y int) smetier.Date { return r22date(y-3, "06-01") }), smetier.Fail},
	})
	r22gate(t, sc, "main.share", []r22case{ // 70 % of 12000万 = 8400万
		{"70% exactly", r22main(1, smetier.Wan(8400)), smetier.Pass},
		{"70% -1 fen", r22main(1, smetier.Wan(8400)-1), smetier.Fail},
		{"70% +1 fen", r22main(1, smetier.Wan(8400)+1), smetier.Pass},
	})
	// With the two earlier years at 10000万 the average growth is half the latest: 5 % ↔ 11000万.
	growth := func(fy1 smetier.Money) r22mut {
		return r22all(r22main(1, fy1), r22turnover(2, smetier.Wan(10000)), r22turnover(3, smetier.Wan(10000)))
	}
	r22gate(t, sc, "main.growth", []r22case{
		{"5% exactly", growth(smetier.Wan(11000)), smetier.Pass},
		{"5% -1 fen", growth(smetier.Wan(11000) - 1), smetier.Fail},
		{"5% +1 fen", growth(smetier.Wan(11000) + 1), smetier.Pass},
		// +20 % then −10 %: the mean is exactly 5 %, the CAGR only 3.9 %.
		{"arithmetic mean, not CAGR", r22all(r22turnover(3, smetier.Wan(10000)), r22turnover(2, smetier.Wan(12000)), r22main(1, smetier.Wan(10800))), smetier.Pass},
	})
	// 精.
	r22gate(t, sc, "info.system", []r22case{
		{"left to the authority", nil, smetier.Judgement},
		{"even at digital level 4", func(p *smetier.Profile, _ int) { p.DigitalLevel = new(4) }, smetier.Judgement},
	})
	r22gate(t, sc, "cert.management", []r22case{
		{"quality management", nil, smetier.Pass},
		{"developed-market product certification", func(p *smetier.Profile, y int) {
			p.Certifications = []smetier.Certification{{Kind: smetier.DevelopedMarketCert, Expires: new(r22date(y+1, "01-01"))}}
		}, smetier.Pass},
		{"expired on the day before", func(p *smetier.Profile, y int) { p.Certifications[0].Expires = new(r22date(y, "06-14")) }, smetier.Fail},
		{"none", func(p *smetier.Profile, _ int) { p.Certifications = []smetier.Certification{} }, smetier.Fail},
		// "相关管理体系认证": any management system, not only quality (AUDIT-2026-12 item 8).
		{"environmental management (ISO 14001) only", func(p *smetier.Profile, y int) {
			p.Certifications = []smetier.Certification{{Kind: smetier.ManagementSystemCert, Name: "ISO 14001", Expires: new(r22date(y+1, "01-01"))}}
		}, smetier.Pass},
		{"ISO 14001 expired on the day before", func(p *smetier.Profile, y int) {
			p.Certifications = []smetier.Certification{{Kind: smetier.ManagementSystemCert, Name: "ISO 14001", Expires: new(r22date(y, "06-14"))}}
		}, smetier.Fail},
		{"another kind of certificate (高新技术企业) does not count", func(p *smetier.Profile, y int) {
			p.Certifications = []smetier.Certification{{Kind: smetier.HighTechEnterprise, Expires: new(r22date(y+1, "01-01"))}}
		}, smetier.Fail},
	})
	r22gate(t, sc, "debt.ratio", []r22case{ // assets 10000万
		{"70% exactly", r22liab(1, smetier.Wan(7000)), smetier.Pass},
		{"70% +1 fen", r22liab(1, smetier.Wan(7000)+1), smetier.Fail},
		{"70% -1 fen", r22liab(1, smetier.Wan(7000)-1), smetier.Pass},
	})
	// 特.
	r22gate(t, sc, "market.share", []r22case{
		{"10% exactly", func(p *smetier.Profile, _ int) { p.Segment.MarketSharePct = new(10.0) }, smetier.Pass},
		{"9.99%, even ranked 1st", func(p *smetier.Profile, _ int) { p.Segment.MarketSharePct, p.Segment.NationalRank = new(9.99), new(1) }, smetier.Fail},
		{"unknown", func(p *smetier.Profile, _ int) { p.Segment.MarketSharePct = nil }, smetier.Unknown},
	})
	r22gate(t, sc, "brand.own", []r22case{
		{"no own brand", func(p *smetier.Profile, _ int) { p.MainProduct.OwnBrand = new(false) }, smetier.Fail},
	})
	// 新: R&D intensity by 上年度 revenue. The year before has revenue 10000万 (3 % = 300万, 6 % = 600万).
	rev := func(m smetier.Money, rd1, rd2 smetier.Money) r22mut {
		return r22all(r22rev(1, m), r22rd(1, rd1), r22rd(2, rd2))
	}
	// The financing route, below 5000万: 上年度 revenue 5000万 − 1 fen.
	financed := func(equity, rd1 smetier.Money, staff int) r22mut {
		return r22all(rev(smetier.Wan(5000)-1, rd1, smetier.Wan(1500)), r22financing(2, equity),
			r22set(1, func(f *smetier.FiscalYear) { f.Employees, f.RDStaff = new(250), new(staff) }))
	}
	r22gate(t, sc, "rd.intensity", []r22case{
		{"1亿 exactly, 3% both years", rev(smetier.Wan(10000), smetier.Wan(300), smetier.Wan(300)), smetier.Pass},
		{"1亿 exactly, 1 fen short of 3% last year", rev(smetier.Wan(10000), smetier.Wan(300)-1, smetier.Wan(300)), smetier.Fail},
		{"1亿 exactly, 1 fen short of 3% the year before", rev(smetier.Wan(10000), smetier.Wan(300), smetier.Wan(300)-1), smetier.Fail},
		{"1亿 +1 fen, 3%", rev(smetier.Wan(10000)+1, smetier.Wan(301), smetier.Wan(300)), smetier.Pass},
		{"1亿 -1 fen needs 6%: 3% fails", rev(smetier.Wan(10000)-1, smetier.Wan(300), smetier.Wan(600)), smetier.Fail},
		{"1亿 -1 fen, 6% passes", rev(smetier.Wan(10000)-1, smetier.Wan(600), smetier.Wan(600)), smetier.Pass},
		{"1亿 -1 fen, 6% -1 fen the year before", rev(smetier.Wan(10000)-1, smetier.Wan(600), smetier.Wan(600)-1), smetier.Fail},
		// 6 % of 5000万 + 1 fen is 300万 + 0.06 fen.
		{"5000万 +1 fen, 6% +0.94 fen", rev(smetier.Wan(5000)+1, smetier.Wan(300)+1, smetier.Wan(600)), smetier.Pass},
		{"5000万 +1 fen, 6% -0.06 fen", rev(smetier.Wan(5000)+1, smetier.Wan(300), smetier.Wan(600)), smetier.Fail},
		// Exactly 5000万 is in both "5000万元-1亿元" and "5000万元以下": the shared edge goes to the
		// upper band, as 1亿 does (AUDIT-2026-12 item 7).
		{"5000万 exactly is the 6% band: 6% both years", rev(smetier.Wan(5000), smetier.Wan(300), smetier.Wan(600)), smetier.Pass},
		{"5000万 exactly, 6% -1 fen last year", rev(smetier.Wan(5000), smetier.Wan(300)-1, smetier.Wan(600)), smetier.Fail},
		{"5000万 exactly, 7% both years (was failed by the financing route)", rev(smetier.Wan(5000), smetier.Wan(350), smetier.Wan(700)), smetier.Pass},
		{"5000万 exactly: the financing route does not apply", r22all(financed(smetier.Wan(8000), smetier.Wan(250), 125),
			r22rev(1, smetier.Wan(5000)), r22rd(2, smetier.Wan(2750))), smetier.Fail},
		{"5000万 -1 fen: the same figures pass by the financing route", r22all(financed(smetier.Wan(8000), smetier.Wan(250), 125),
			r22rd(2, smetier.Wan(2750))), smetier.Pass},
		{"5000万 -1 fen, equity 8000万, R&D 3000万, staff 50%", financed(smetier.Wan(8000), smetier.Wan(1500), 125), smetier.Pass},
		{"5000万 -1 fen, equity 8000万 -1 fen", financed(smetier.Wan(8000)-1, smetier.Wan(1500), 125), smetier.Fail},
		{"5000万 -1 fen, R&D 3000万 -1 fen", financed(smetier.Wan(8000), smetier.Wan(1500)-1, 125), smetier.Fail},
		{"5000万 -1 fen, R&D staff 124 of 250", financed(smetier.Wan(8000), smetier.Wan(1500), 124), smetier.Fail},
		{"revenue unknown", r22set(1, func(f *smetier.FiscalYear) { f.OperatingRevenue = nil }), smetier.Unknown},
		// The innovation direct route exempts the general conditions.
		{"fails, national award ranked 3rd", r22all(rev(smetier.Wan(10000), smetier.Wan(290), smetier.Wan(300)),
			r22award(smetier.ScienceTechnologyAward, smetier.National, 2, 3)), smetier.Exempt},
		{"fails, national award ranked 4th", r22all(rev(smetier.Wan(10000), smetier.Wan(290), smetier.Wan(300)),
			r22award(smetier.ScienceTechnologyAward, smetier.National, 2, 4)), smetier.Fail},
		{"fails, provincial award ranked 1st", r22all(rev(smetier.Wan(10000), smetier.Wan(290), smetier.Wan(300)),
			r22award(smetier.ScienceTechnologyAward, smetier.Provincial, 2, 1)), smetier.Fail},
		{"fails, Maker China top-500 listing: top 50 left to the authority", r22all(rev(smetier.Wan(10000), smetier.Wan(290), smetier.Wan(300)),
			r22award(smetier.MakerChinaTop500, smetier.National, 1, 0)), smetier.Judgement},
		{"fails, Maker China listing 4 years back", r22all(rev(smetier.Wan(10000), smetier.Wan(290), smetier.Wan(300)),
			r22award(smetier.MakerChinaTop500, smetier.National, 4, 0)), smetier.Fail},
	})
	r22gate(t, sc, "rdi.own_or_joint", []r22case{
		{"joint district-level", r22rdi(smetier.RDInstitution{Level: smetier.District, Joint: true}), smetier.Pass},
		{"none", r22rdi(), smetier.Fail},
		{"none, national award ranked 1st", r22all(r22rdi(), r22award(smetier.ScienceTechnologyAward, smetier.National, 3, 1)), smetier.Exempt},
	})
	r22gate(t, sc, "ip.class1", []r22case{
		{"2 rights", func(p *smetier.Profile, _ int) { p.IP = p.IP[:2] }, smetier.Pass},
		{"1 right", func(p *smetier.Profile, _ int) { p.IP = p.IP[:1] }, smetier.Fail},
		{"2 rights, one not applied", func(p *smetier.Profile, _ int) { p.IP = p.IP[:2]; p.IP[1].AppliedWithBenefit = new(false) }, smetier.Fail},
		{"2 rights, one not related to the main product", func(p *smetier.Profile, _ int) { p.IP = p.IP[:2]; p.IP[1].MainProduct = new(false) }, smetier.Fail},
		{"2 rights, one transferred in over a year ago", func(p *smetier.Profile, y int) {
			p.IP = p.IP[:2]
			p.IP[1].TransferredIn, p.IP[1].TransferredOn = new(true), new(r22date(y-2, "01-01"))
		}, smetier.Pass},
		{"1 right, national award ranked 2nd", r22all(func(p *smetier.Profile, _ int) { p.IP = p.IP[:1] },
			r22award(smetier.ScienceTechnologyAward, smetier.National, 1, 2)), smetier.Exempt},
	})
	// 链 and 品.
	r22gate(t, sc, "chain.link", []r22case{
		{"not at a key link", func(p *smetier.Profile, _ int) { p.MainProduct.KeyChainLink = new(false) }, smetier.Fail},
	})
	r22gate(t, sc, "product.field", []r22case{
		{"six basics", nil, smetier.Pass},
		{"not six basics: left to the authority", func(p *smetier.Profile, _ int) { p.MainProduct.SixBasics = new(false) }, smetier.Judgement},
	})
}

// TestR22RegimeSwitch judges the same profile on the last day of the 2022 regime and the first
// day of the 2026 one: 上年度 is 2025 both times, only the rules differ.
func TestR22RegimeSwitch(t *testing.T) {
	p := r22Profile(2026)
	// 1200万 of revenue meets 63号 附件2 (≥ 1000万) but not 2号 附件1 (≥ 1500万).
	for _, fy := range []int{2025, 2024, 2023} {
		r22fy(p, fy, func(f *smetier.FiscalYear) {
			f.OperatingRevenue, f.MainRevenue, f.RDExpense, f.NetProfit = r22wan(1200), r22wan(1140), r22wan(120), r22wan(120)
		})
	}
	p.EvaluationScores = map[int]float64{2026: 70}

	old := r22Verdict(t, r22scope{smetier.Specialized, "cn-2022-specialized-sme", smetier.MustDate("2026-03-31")}, p)
	assert.Equal(t, smetier.Qualified, old.Status, "failed %v, missing %v", old.Failed, old.Missing)

	cur := r22Verdict(t, r22scope{smetier.Specialized, "cn-2026-specialized-sme", smetier.MustDate("2026-04-01")}, p)
	assert.Equal(t, smetier.NotQualified, cur.Status)
	assert.Contains(t, cur.Failed, "revenue.or_equity")

	// Tier 1 switches set on the same day, with the same standard.
	in22 := r22Verdict(t, r22scope{smetier.Innovative, "cn-2022-innovative-sme", smetier.MustDate("2026-03-31")}, p)
	in26 := r22Verdict(t, r22scope{smetier.Innovative, "cn-2026-innovative-sme", smetier.MustDate("2026-04-01")}, p)
	assert.Equal(t, in22.Status, in26.Status)
	assert.Equal(t, in22.Score.Total, in26.Score.Total)
}

// TestR22NoSetBeforeTheRegime: 63号 is read as in force from 2022-08-01 (see the set's notes).
func TestR22NoSetBeforeTheRegime(t *testing.T) {
	r, err := r22Engine.Classify(context.Background(), r22Profile(2022), classify.In("CN"), classify.AsOf(smetier.MustDate("2022-07-31")))
	require.NoError(t, err)
	for _, v := range r.Verdicts {
		if v.Tier == smetier.Champion {
			// The champion tier has its own regime (工信部产业〔2016〕105号), in force since 2016.
			assert.Equal(t, "cn-2016-champion", v.RuleSet.ID)
			continue
		}
		assert.False(t, v.Covered, v.Tier)
	}
	r, err = r22Engine.Classify(context.Background(), r22Profile(2022), classify.In("CN"), classify.AsOf(smetier.MustDate("2022-08-01")))
	require.NoError(t, err)
	assert.Equal(t, "cn-2022-little-giant", r.Verdict(smetier.LittleGiant).RuleSet.ID)
}
