package classify_test

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
)

// t26AsOf is an application date under the 2026 regime: 上年度 is 2025, 近两年 2025 and 2024.
var t26AsOf = smetier.MustDate("2026-06-15")

func t26money(wan int64) *smetier.Money { return new(smetier.Wan(wan)) }

// t26Base returns a profile that meets every decidable criterion of both 2026 national sets.
func t26Base() *smetier.Profile {
	yes, no := true, false
	ipRight := func(n int) smetier.IPRight {
		return smetier.IPRight{Number: fmt.Sprintf("ZL2020%d", n), Kind: smetier.InventionPatent, Granted: new(smetier.MustDate("2022-01-10")),
			TransferredIn: &no, OwnerRank: new(1), MainProduct: &yes, AppliedWithBenefit: &yes}
	}
	return &smetier.Profile{
		Name: "测试企业", Region: "440305", Industry: "C3812", MainlandLegalPerson: &yes,
		Years: map[int]smetier.FiscalYear{
			2025: {OperatingRevenue: t26money(10000), MainRevenue: t26money(9500), RDExpense: t26money(700),
				TotalAssets: t26money(10000), TotalLiabilities: t26money(5000), Employees: new(250), RDStaff: new(60)},
			2024: {OperatingRevenue: t26money(9000), MainRevenue: t26money(8500), RDExpense: t26money(600),
				TotalAssets: t26money(9000), TotalLiabilities: t26money(5000), Employees: new(240), RDStaff: new(55)},
			2023: {OperatingRevenue: t26money(8000), MainRevenue: t26money(7600), RDExpense: t26money(500),
				TotalAssets: t26money(8000), TotalLiabilities: t26money(4500), Employees: new(230), RDStaff: new(50)},
		},
		IP:             []smetier.IPRight{ipRight(1), ipRight(2), ipRight(3), ipRight(4)},
		Awards:         []smetier.Award{},
		RDInstitutions: []smetier.RDInstitution{},
		Certifications: []smetier.Certification{},
		Financing:      []smetier.Financing{},
		Segment:        &smetier.Segment{Since: new(smetier.MustDate("2018-03-01")), MarketSharePct: new(12.0), NationalRank: new(2)},
		MainProduct:    &smetier.MainProduct{SixBasics: &yes, KeyChainLink: &yes, StrategicEmerging: &yes},
		Titles: []smetier.Title{
			{Kind: smetier.TitleInnovativeSME, Issued: smetier.MustDate("2024-06-01"), Expires: new(smetier.MustDate("2027-05-31"))},
			{Kind: smetier.TitleSpecializedSME, Issued: smetier.MustDate("2024-08-01"), Expires: new(smetier.MustDate("2027-07-31"))},
		},
		Compliance:       &smetier.Compliance{AbnormalList: &no, SeriousDishonesty: &no, Incidents: []smetier.Incident{}, ProhibitedProduct: &no},
		Group:            &smetier.Group{LittleGiantControl: &no, SimilarProductLittleGiant: &no},
		EvaluationScores: map[int]float64{2026: 72},
	}
}

var t26Engine = func() *classify.Engine {
	e, err := classify.New()
	if err != nil {
		panic(err)
	}
	return e
}()

func t26Classify(t *testing.T, p *smetier.Profile, opts ...classify.CallOption) *smetier.Report {
	t.Helper()
	// National rules: judged in "CN", since the profile's Shenzhen has sets of its own.
	opts = append([]classify.CallOption{classify.In("CN"), classify.AsOf(t26AsOf)}, opts...)
	r, err := t26Engine.Classify(context.Background(), p, opts...)
	require.NoError(t, err)
	return r
}

// t26NoRenewalNotice is the built-in catalog without the 2026 renewal notice (117号): the
// situation once it lapses, when renewals are judged by the 2026 standard's own renewal wording.
var t26NoRenewalNotice = func() *classify.Engine {
	files := fstest.MapFS{}
	builtin := criteria.BuiltinFS()
	err := fs.WalkDir(builtin, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, "cn-2026-little-giant-renewal.yaml") {
			return err
		}
		b, err := fs.ReadFile(builtin, p)
		files[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		panic(err)
	}
	cat, err := criteria.Load(files)
	if err != nil {
		panic(err)
	}
	e, err := classify.New(classify.WithCatalog(cat))
	if err != nil {
		panic(err)
	}
	return e
}()

// t26year mutates one fiscal year of p.
func t26year(p *smetier.Profile, y int, f func(*smetier.FiscalYear)) {
	fy := p.Years[y]
	f(&fy)
	p.Years[y] = fy
}

// t26revenue sets a year's operating revenue and keeps main-business revenue at 95 % of it.
func t26revenue(p *smetier.Profile, y int, m smetier.Money) {
	t26year(p, y, func(f *smetier.FiscalYear) { f.OperatingRevenue, f.MainRevenue = new(m), new(m*95/100) })
}

type t26case struct {
	name    string
	mutate  func(p *smetier.Profile)
	renewal bool
	want    smetier.Outcome
}

func t26run(t *testing.T, tier smetier.Tier, criterion string, cases []t26case) {
	t.Helper()
	for _, tc := range cases {
		t.Run(criterion+"/"+tc.name, func(t *testing.T) {
			p := t26Base()
			if tc.mutate != nil {
				tc.mutate(p)
			}
			eng := t26Engine
			if tc.renewal {
				eng = t26NoRenewalNotice
			}
			r, err := eng.Classify(context.Background(), p, classify.AsOf(t26AsOf), classify.Renewal(tc.renewal))
			require.NoError(t, err)
			v := r.Verdict(tier)
			require.NotNil(t, v)
			require.True(t, v.Covered)
			c := v.Criterion(criterion)
			require.NotNil(t, c, "criterion %s", criterion)
			assert.Equal(t, tc.want, c.Outcome, "%s: %s", criterion, c.Message.En)
			if tc.want == smetier.Fail {
				assert.Equal(t, smetier.NotQualified, v.Status)
				assert.Contains(t, v.Failed, criterion)
			}
		})
	}
}

func TestBaseProfileVerdicts2026(t *testing.T) {
	r := t26Classify(t, t26Base())
	sp := r.Verdict(smetier.Specialized)
	require.NotNil(t, sp)
	assert.Equal(t, "cn-2026-specialized-sme", sp.RuleSet.ID)
	// 市场占有率"较为靠前" has no number: the best a profile can reach is official judgement.
	assert.Equal(t, smetier.NeedsJudgement, sp.Status)
	assert.Equal(t, []string{"market.position"}, sp.Judgement)
	assert.Empty(t, sp.Failed)

	lg := r.Verdict(smetier.LittleGiant)
	require.NotNil(t, lg)
	assert.Equal(t, "cn-2026-little-giant", lg.RuleSet.ID)
	assert.Equal(t, smetier.Qualified, lg.Status, "%+v", lg.Failed)
	assert.Nil(t, lg.Held, "no little-giant title is held yet")

	assert.Equal(t, smetier.Small, r.Size.Class)
	assert.Equal(t, "industry", r.Size.Group)
}

func TestSpecialized2026Boundaries(t *testing.T) {
	tier := smetier.Specialized
	t26run(t, tier, "segment.years", []t26case{
		{"exactly 3 years at end of 2025", func(p *smetier.Profile) { p.Segment.Since = new(smetier.MustDate("2023-01-01")) }, false, smetier.Pass},
		{"one day short", func(p *smetier.Profile) { p.Segment.Since = new(smetier.MustDate("2023-01-02")) }, false, smetier.Fail},
		{"missing", func(p *smetier.Profile) { p.Segment.Since = nil }, false, smetier.Unknown},
	})
	t26run(t, tier, "revenue.or_equity", []t26case{
		{"revenue at 1500万", func(p *smetier.Profile) { t26revenue(p, 2025, smetier.Wan(1500)) }, false, smetier.Pass},
		{"revenue 1 fen below", func(p *smetier.Profile) {
			t26revenue(p, 2025, smetier.Wan(1500)-1)
		}, false, smetier.Fail},
		{"revenue below, equity at 2000万", func(p *smetier.Profile) {
			t26revenue(p, 2025, smetier.Wan(1000))
			p.Financing = []smetier.Financing{{Date: smetier.MustDate("2024-05-01"), Amount: smetier.Wan(2000), QualifiedInvestor: new(true), PaidIn: new(true)}}
		}, false, smetier.Pass},
		{"revenue below, equity 1 fen below", func(p *smetier.Profile) {
			t26revenue(p, 2025, smetier.Wan(1000))
			p.Financing = []smetier.Financing{{Date: smetier.MustDate("2024-05-01"), Amount: smetier.Wan(2000) - 1, QualifiedInvestor: new(true), PaidIn: new(true)}}
		}, false, smetier.Fail},
		{"equity not paid in does not count", func(p *smetier.Profile) {
			t26revenue(p, 2025, smetier.Wan(1000))
			p.Financing = []smetier.Financing{{Date: smetier.MustDate("2024-05-01"), Amount: smetier.Wan(5000), QualifiedInvestor: new(true), PaidIn: new(false)}}
		}, false, smetier.Fail},
		{"equity outside the two years does not count", func(p *smetier.Profile) {
			t26revenue(p, 2025, smetier.Wan(1000))
			p.Financing = []smetier.Financing{{Date: smetier.MustDate("2023-12-31"), Amount: smetier.Wan(5000), QualifiedInvestor: new(true), PaidIn: new(true)}}
		}, false, smetier.Fail},
		{"revenue high, equity unknown", func(p *smetier.Profile) { p.Financing = nil }, false, smetier.Pass},
		{"revenue low, equity unknown", func(p *smetier.Profile) {
			t26revenue(p, 2025, smetier.Wan(1000))
			p.Financing = nil
		}, false, smetier.Unknown},
	})
	t26run(t, tier, "main.share", []t26case{
		{"exactly 80%", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.MainRevenue = t26money(8000) })
		}, false, smetier.Pass},
		{"1 fen below 80%", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.MainRevenue = new(smetier.Wan(8000) - 1) })
		}, false, smetier.Fail},
	})
	t26run(t, tier, "debt.ratio", []t26case{
		{"exactly 80%", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.TotalLiabilities = t26money(8000) })
		}, false, smetier.Pass},
		{"1 fen above 80%", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.TotalLiabilities = new(smetier.Wan(8000) + 1) })
		}, false, smetier.Fail},
		{"assets missing", func(p *smetier.Profile) { t26year(p, 2025, func(f *smetier.FiscalYear) { f.TotalAssets = nil }) }, false, smetier.Unknown},
	})
	t26run(t, tier, "rd.amount", []t26case{
		{"2025 exactly 100万", func(p *smetier.Profile) {
			t26revenue(p, 2025, smetier.Wan(2000))
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = t26money(100) })
		}, false, smetier.Pass},
		{"2025 1 fen below", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(100) - 1) })
		}, false, smetier.Fail},
		{"2024 1 fen below", func(p *smetier.Profile) {
			t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(100) - 1) })
		}, false, smetier.Fail},
	})
	t26run(t, tier, "rd.ratio", []t26case{
		{"2025 exactly 3%", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = t26money(300) })
		}, false, smetier.Pass},
		{"2025 1 fen below 3%", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(300) - 1) })
		}, false, smetier.Fail},
		{"2024 exactly 3%", func(p *smetier.Profile) {
			t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = t26money(270) })
		}, false, smetier.Pass},
		{"2024 1 fen below 3%", func(p *smetier.Profile) {
			t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(270) - 1) })
		}, false, smetier.Fail},
	})
	noIP := func(p *smetier.Profile) { p.IP = []smetier.IPRight{} }
	// 2号 附件3 说明 counts, for both tiers, only rights not transferred in and held by the
	// enterprise among the first three holders (AUDIT-2026-12 item 4).
	t26run(t, tier, "ip.class1", []t26case{
		{"one right", func(p *smetier.Profile) { p.IP = p.IP[:1] }, false, smetier.Pass},
		{"one right, transferred in", func(p *smetier.Profile) {
			p.IP = p.IP[:1]
			p.IP[0].TransferredIn, p.IP[0].TransferredOn = new(true), new(smetier.MustDate("2020-01-01"))
		}, false, smetier.Fail},
		{"one right, owner rank 3", func(p *smetier.Profile) { p.IP = p.IP[:1]; p.IP[0].OwnerRank = new(3) }, false, smetier.Pass},
		{"one right, owner rank 4", func(p *smetier.Profile) { p.IP = p.IP[:1]; p.IP[0].OwnerRank = new(4) }, false, smetier.Fail},
		{"one right, owner rank unknown", func(p *smetier.Profile) { p.IP = p.IP[:1]; p.IP[0].OwnerRank = nil }, false, smetier.Unknown},
		{"one transferred in, one own", func(p *smetier.Profile) {
			p.IP = p.IP[:2]
			p.IP[0].TransferredIn, p.IP[0].TransferredOn = new(true), new(smetier.MustDate("2020-01-01"))
		}, false, smetier.Pass},
		{"none", noIP, false, smetier.Fail},
		{"none, provincial award ranked 3rd", func(p *smetier.Profile) {
			noIP(p)
			p.Awards = []smetier.Award{{Kind: smetier.ScienceTechnologyAward, Level: smetier.Provincial, Year: 2024, Rank: new(3)}}
		}, false, smetier.Exempt},
		{"none, provincial award ranked 4th", func(p *smetier.Profile) {
			noIP(p)
			p.Awards = []smetier.Award{{Kind: smetier.ScienceTechnologyAward, Level: smetier.Provincial, Year: 2024, Rank: new(4)}}
		}, false, smetier.Fail},
		{"none, award rank unknown", func(p *smetier.Profile) {
			noIP(p)
			p.Awards = []smetier.Award{{Kind: smetier.ScienceTechnologyAward, Level: smetier.Provincial, Year: 2024}}
		}, false, smetier.Unknown},
		{"none, award older than 3 years", func(p *smetier.Profile) {
			noIP(p)
			p.Awards = []smetier.Award{{Kind: smetier.ScienceTechnologyAward, Level: smetier.National, Year: 2022, Rank: new(1)}}
		}, false, smetier.Fail},
		{"none, provincial R&D institution", func(p *smetier.Profile) {
			noIP(p)
			p.RDInstitutions = []smetier.RDInstitution{{Level: smetier.Provincial}}
		}, false, smetier.Exempt},
		{"none, municipal R&D institution", func(p *smetier.Profile) {
			noIP(p)
			p.RDInstitutions = []smetier.RDInstitution{{Level: smetier.Municipal}}
		}, false, smetier.Fail},
		{"main-product flag unknown", func(p *smetier.Profile) { p.IP = p.IP[:1]; p.IP[0].MainProduct = nil }, false, smetier.Unknown},
	})
	t26run(t, tier, "score.evaluation", []t26case{
		{"exactly 50", func(p *smetier.Profile) { p.EvaluationScores = map[int]float64{2026: 50} }, false, smetier.Pass},
		{"49.99", func(p *smetier.Profile) { p.EvaluationScores = map[int]float64{2026: 49.99} }, false, smetier.Fail},
		{"not supplied: official", func(p *smetier.Profile) { p.EvaluationScores = nil }, false, smetier.Judgement},
		{"renewal: last year 50", func(p *smetier.Profile) { p.EvaluationScores = map[int]float64{2025: 50} }, true, smetier.Pass},
		{"renewal: both below", func(p *smetier.Profile) { p.EvaluationScores = map[int]float64{2025: 49.99, 2026: 49} }, true, smetier.Fail},
		{"first application ignores last year", func(p *smetier.Profile) { p.EvaluationScores = map[int]float64{2025: 90, 2026: 49} }, false, smetier.Fail},
	})
	t26run(t, tier, "title.tier1", []t26case{
		{"tech-based SME title counts", func(p *smetier.Profile) {
			p.Titles = []smetier.Title{{Kind: smetier.TitleTechSME, Issued: smetier.MustDate("2026-03-01"), Expires: new(smetier.MustDate("2026-12-31"))}}
		}, false, smetier.Pass},
		{"expired the day before", func(p *smetier.Profile) {
			p.Titles = []smetier.Title{{Kind: smetier.TitleInnovativeSME, Issued: smetier.MustDate("2023-06-15"), Expires: new(smetier.MustDate("2026-06-14"))}}
		}, false, smetier.Fail},
		{"expires on the as-of date", func(p *smetier.Profile) {
			p.Titles = []smetier.Title{{Kind: smetier.TitleInnovativeSME, Issued: smetier.MustDate("2023-06-16"), Expires: new(smetier.MustDate("2026-06-15"))}}
		}, false, smetier.Pass},
		{"expiry unknown", func(p *smetier.Profile) {
			p.Titles = []smetier.Title{{Kind: smetier.TitleInnovativeSME, Issued: smetier.MustDate("2024-06-01")}}
		}, false, smetier.Unknown},
		{"no titles", func(p *smetier.Profile) { p.Titles = []smetier.Title{} }, false, smetier.Fail},
	})
	t26run(t, tier, "base.sme", []t26case{
		{"large: 1000 employees and 40000万", func(p *smetier.Profile) {
			t26revenue(p, 2025, smetier.Wan(40000))
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.Employees = new(1000) })
		}, false, smetier.Fail},
		{"999 employees and 40000万 is medium", func(p *smetier.Profile) {
			t26revenue(p, 2025, smetier.Wan(40000))
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.Employees = new(999) })
		}, false, smetier.Pass},
		{"industry unknown", func(p *smetier.Profile) { p.Industry = "" }, false, smetier.Unknown},
	})
	t26run(t, tier, "base.credit", []t26case{
		{"on abnormal list", func(p *smetier.Profile) { p.Compliance.AbnormalList = new(true) }, false, smetier.Fail},
		{"dishonesty unknown", func(p *smetier.Profile) { p.Compliance.SeriousDishonesty = nil }, false, smetier.Unknown},
	})
	t26run(t, tier, "base.incidents", []t26case{
		{"incident 3 years ago to the day", func(p *smetier.Profile) {
			p.Compliance.Incidents = []smetier.Incident{{Kind: smetier.QualityIncident, Date: smetier.MustDate("2023-06-15")}}
		}, false, smetier.Fail},
		{"incident 3 years and a day ago", func(p *smetier.Profile) {
			p.Compliance.Incidents = []smetier.Incident{{Kind: smetier.QualityIncident, Date: smetier.MustDate("2023-06-14")}}
		}, false, smetier.Pass},
		{"record unknown", func(p *smetier.Profile) { p.Compliance.Incidents = nil }, false, smetier.Unknown},
	})
	t26run(t, tier, "base.catalogue", []t26case{
		{"prohibited product", func(p *smetier.Profile) { p.Compliance.ProhibitedProduct = new(true) }, false, smetier.Fail},
	})
	t26run(t, tier, "base.registered", []t26case{
		{"not a mainland legal person", func(p *smetier.Profile) { p.MainlandLegalPerson = new(false) }, false, smetier.Fail},
	})
}

func TestLittleGiant2026Boundaries(t *testing.T) {
	tier := smetier.LittleGiant
	t26run(t, tier, "title.specialized", []t26case{
		{"no specialized title", func(p *smetier.Profile) { p.Titles = p.Titles[:1] }, false, smetier.Fail},
	})
	t26run(t, tier, "revenue", []t26case{
		{"exactly 5000万", func(p *smetier.Profile) { t26revenue(p, 2025, smetier.Wan(5000)) }, false, smetier.Pass},
		{"1 fen below", func(p *smetier.Profile) {
			t26revenue(p, 2025, smetier.Wan(5000)-1)
		}, false, smetier.Fail},
	})
	t26run(t, tier, "main.share", []t26case{
		{"exactly 90%", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.MainRevenue = t26money(9000) })
		}, false, smetier.Pass},
		{"1 fen below", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.MainRevenue = new(smetier.Wan(9000) - 1) })
		}, false, smetier.Fail},
	})
	cagr := func(fy1 smetier.Money) func(p *smetier.Profile) {
		return func(p *smetier.Profile) {
			t26revenue(p, 2023, smetier.Wan(10000))
			t26revenue(p, 2025, fy1)
		}
	}
	t26run(t, tier, "revenue.growth", []t26case{
		{"CAGR exactly 5% (11025/10000)", cagr(smetier.Wan(11025)), false, smetier.Pass},
		{"CAGR 1 fen short", cagr(smetier.Wan(11025) - 1), false, smetier.Fail},
		{"not checked on renewal", cagr(smetier.Wan(10000)), true, smetier.Pass},
		{"2023 revenue missing", func(p *smetier.Profile) { t26year(p, 2023, func(f *smetier.FiscalYear) { f.OperatingRevenue = nil }) }, false, smetier.Unknown},
		{"2023 missing but renewal", func(p *smetier.Profile) { t26year(p, 2023, func(f *smetier.FiscalYear) { f.OperatingRevenue = nil }) }, true, smetier.Pass},
	})
	t26run(t, tier, "debt.ratio", []t26case{
		{"exactly 75%", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.TotalLiabilities = t26money(7500) })
		}, false, smetier.Pass},
		{"1 fen above", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.TotalLiabilities = new(smetier.Wan(7500) + 1) })
		}, false, smetier.Fail},
	})
	t26run(t, tier, "rd.total", []t26case{
		{"exactly 1200万 over two years", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = t26money(650) })
			t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = t26money(550) })
		}, false, smetier.Pass},
		{"1 fen short", func(p *smetier.Profile) {
			t26year(p, 2025, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(650) - 1) })
			t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = t26money(550) })
		}, false, smetier.Fail},
		{"2024 missing", func(p *smetier.Profile) { t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = nil }) }, false, smetier.Unknown},
	})
	t26run(t, tier, "rd.ratio", []t26case{
		{"2024 exactly 3%", func(p *smetier.Profile) {
			t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = t26money(270) })
		}, false, smetier.Pass},
		{"2024 1 fen below", func(p *smetier.Profile) {
			t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = new(smetier.Wan(270) - 1) })
		}, false, smetier.Fail},
	})
	t26run(t, tier, "ip.class1", []t26case{
		{"exactly 4", nil, false, smetier.Pass},
		{"3", func(p *smetier.Profile) { p.IP = p.IP[:3] }, false, smetier.Fail},
		{"one of 4 transferred in", func(p *smetier.Profile) {
			p.IP[0].TransferredIn, p.IP[0].TransferredOn = new(true), new(smetier.MustDate("2020-01-01"))
		}, false, smetier.Fail},
		{"one of 4 with owner rank 4", func(p *smetier.Profile) { p.IP[0].OwnerRank = new(4) }, false, smetier.Fail},
		{"one of 4 with owner rank 3", func(p *smetier.Profile) { p.IP[0].OwnerRank = new(3) }, false, smetier.Pass},
		{"one of 4 not applied", func(p *smetier.Profile) { p.IP[0].AppliedWithBenefit = new(false) }, false, smetier.Fail},
		{"utility model is class II", func(p *smetier.Profile) { p.IP[0].Kind = smetier.UtilityModel }, false, smetier.Fail},
		{"granted after the as-of date", func(p *smetier.Profile) { p.IP[0].Granted = new(smetier.MustDate("2026-06-16")) }, false, smetier.Fail},
		{"granted on the as-of date", func(p *smetier.Profile) { p.IP[0].Granted = new(smetier.MustDate("2026-06-15")) }, false, smetier.Pass},
		{"3, national award ranked 3rd", func(p *smetier.Profile) {
			p.IP = p.IP[:3]
			p.Awards = []smetier.Award{{Kind: smetier.ScienceTechnologyAward, Level: smetier.National, Year: 2023, Rank: new(3)}}
		}, false, smetier.Exempt},
		{"3, provincial award does not exempt", func(p *smetier.Profile) {
			p.IP = p.IP[:3]
			p.Awards = []smetier.Award{{Kind: smetier.ScienceTechnologyAward, Level: smetier.Provincial, Year: 2023, Rank: new(1)}}
		}, false, smetier.Fail},
	})
	t26run(t, tier, "market.share", []t26case{
		{"exactly 10%, rank 5", func(p *smetier.Profile) { p.Segment.MarketSharePct, p.Segment.NationalRank = new(10.0), new(5) }, false, smetier.Pass},
		{"9.99%, rank 4", func(p *smetier.Profile) { p.Segment.MarketSharePct, p.Segment.NationalRank = new(9.99), new(4) }, false, smetier.Fail},
		{"9.99%, rank 3", func(p *smetier.Profile) { p.Segment.MarketSharePct, p.Segment.NationalRank = new(9.99), new(3) }, false, smetier.Pass},
		{"share unknown, rank 3", func(p *smetier.Profile) { p.Segment.MarketSharePct, p.Segment.NationalRank = nil, new(3) }, false, smetier.Pass},
		{"share unknown, rank 4", func(p *smetier.Profile) { p.Segment.MarketSharePct, p.Segment.NationalRank = nil, new(4) }, false, smetier.Unknown},
	})
	// 附件2（六）: "…位于产业链关键环节…" qualifies both fields (AUDIT-2026-12 item 5).
	t26run(t, tier, "chain.field", []t26case{
		{"neither", func(p *smetier.Profile) { p.MainProduct.SixBasics, p.MainProduct.KeyChainLink = new(false), new(false) }, false, smetier.Fail},
		{"six basics, not at a key link", func(p *smetier.Profile) { p.MainProduct.KeyChainLink = new(false) }, false, smetier.Fail},
		{"at a key link, not six basics", func(p *smetier.Profile) { p.MainProduct.SixBasics = new(false) }, false, smetier.Pass},
		{"six basics, key link unknown", func(p *smetier.Profile) { p.MainProduct.KeyChainLink = nil }, false, smetier.Unknown},
	})
	t26run(t, tier, "score.evaluation", []t26case{
		{"exactly 60", func(p *smetier.Profile) { p.EvaluationScores = map[int]float64{2026: 60} }, false, smetier.Pass},
		{"59.99", func(p *smetier.Profile) { p.EvaluationScores = map[int]float64{2026: 59.99} }, false, smetier.Fail},
		{"renewal: last year 60", func(p *smetier.Profile) { p.EvaluationScores = map[int]float64{2025: 60, 2026: 10} }, true, smetier.Pass},
	})
	t26run(t, tier, "not.champion", []t26case{
		{"already a champion", func(p *smetier.Profile) {
			p.Titles = append(p.Titles, smetier.Title{Kind: smetier.TitleChampion, Issued: smetier.MustDate("2025-01-01"), Expires: new(smetier.MustDate("2027-12-31"))})
		}, false, smetier.Fail},
	})
	// 117号 推荐要求（四）: not recommended when in a controlling relationship with a recognised
	// little giant, or when a group company making similar main products is one.
	t26run(t, tier, "not.group", []t26case{
		{"controlled by a little giant", func(p *smetier.Profile) { p.Group.LittleGiantControl = new(true) }, false, smetier.Fail},
		{"sister company with similar products is a little giant", func(p *smetier.Profile) { p.Group.SimilarProductLittleGiant = new(true) }, false, smetier.Fail},
		{"ties not supplied", func(p *smetier.Profile) { p.Group = nil }, false, smetier.Unknown},
		{"one tie unknown, the other present", func(p *smetier.Profile) {
			p.Group = &smetier.Group{SimilarProductLittleGiant: new(true)}
		}, false, smetier.Fail},
		{"renewal: not checked", func(p *smetier.Profile) { p.Group.LittleGiantControl = new(true) }, true, smetier.Pass},
	})
}

func TestMissingInputsAreNamed(t *testing.T) {
	p := t26Base()
	t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = nil })
	v := t26Classify(t, p).Verdict(smetier.LittleGiant)
	assert.Equal(t, smetier.NeedsData, v.Status)
	var paths []string
	for _, m := range v.Missing {
		paths = append(paths, m.Path)
	}
	assert.Equal(t, []string{"years.2024.rd_expense"}, paths)
	c := v.Criterion("rd.total")
	assert.Equal(t, smetier.Unknown, c.Outcome)
	assert.Contains(t, c.Message.En, "R&D expense 2024")
}

func TestFailureSettlesDespiteMissingData(t *testing.T) {
	p := t26Base()
	t26year(p, 2024, func(f *smetier.FiscalYear) { f.RDExpense = nil })
	t26revenue(p, 2025, smetier.Wan(4000))
	v := t26Classify(t, p).Verdict(smetier.LittleGiant)
	assert.Equal(t, smetier.NotQualified, v.Status)
	assert.Contains(t, v.Failed, "revenue")
	assert.NotEmpty(t, v.Missing, "missing inputs are still listed")
}

func TestOfficialScoreMissingNeedsJudgement(t *testing.T) {
	p := t26Base()
	p.EvaluationScores = nil
	v := t26Classify(t, p).Verdict(smetier.LittleGiant)
	assert.Equal(t, smetier.NeedsJudgement, v.Status)
	require.Len(t, v.Missing, 1)
	assert.True(t, v.Missing[0].Official)
	assert.Equal(t, "evaluation_scores.2026", v.Missing[0].Path)
}

func TestDataBeforeJudgement(t *testing.T) {
	// Both an official score and an enterprise figure are missing: the enterprise can act first.
	p := t26Base()
	p.EvaluationScores = nil
	p.Segment.Since = nil
	v := t26Classify(t, p).Verdict(smetier.LittleGiant)
	assert.Equal(t, smetier.NeedsData, v.Status)
}

func TestEmptyProfileNeedsData(t *testing.T) {
	r := t26Classify(t, &smetier.Profile{Region: "110000"})
	for _, v := range r.Verdicts {
		if !v.Covered {
			continue
		}
		assert.Equal(t, smetier.NeedsData, v.Status, v.Tier)
		assert.NotEmpty(t, v.Missing)
	}
}

// 2026 renewals of little giants are judged by the 2022 standard (工信厅企业函〔2026〕117号).
func TestLittleGiantRenewal2026UsesThe2022Standard(t *testing.T) {
	v := t26Classify(t, t26Base(), classify.Renewal(true)).Verdict(smetier.LittleGiant)
	assert.Equal(t, "cn-2026-little-giant-renewal", v.RuleSet.ID)
	assert.Contains(t, v.Criteria[0].Citation, "工信部企业〔2022〕63号")
	assert.Equal(t, "cn-2026-little-giant", t26Classify(t, t26Base()).Verdict(smetier.LittleGiant).RuleSet.ID)
	// Other tiers' renewals use the 2026 standard.
	assert.Equal(t, "cn-2026-specialized-sme", t26Classify(t, t26Base(), classify.Renewal(true)).Verdict(smetier.Specialized).RuleSet.ID)
}

// A renewing little giant is not failed for a lapsed 专精特新中小企业 title: 117号 applies 63号
// 附件3's six indicators, which do not include it (AUDIT-2026-12 item 3). Without a valid
// little-giant title on the profile, whether it is due for renewal is the authority's list.
func TestLittleGiantRenewalNeedsNoSpecializedTitle(t *testing.T) {
	lg := smetier.Title{Kind: smetier.TitleLittleGiant, Level: smetier.National, Issued: smetier.MustDate("2023-07-01"), Expires: new(smetier.MustDate("2026-06-30"))}
	lapsed := smetier.Title{Kind: smetier.TitleSpecializedSME, Issued: smetier.MustDate("2019-08-01"), Expires: new(smetier.MustDate("2022-07-31"))}
	for _, tc := range []struct {
		name   string
		titles []smetier.Title
		want   smetier.Outcome
	}{
		{"little giant, specialized title lapsed", []smetier.Title{lapsed, lg}, smetier.Pass},
		{"little giant, no specialized title", []smetier.Title{lg}, smetier.Pass},
		{"no little-giant title on the profile", []smetier.Title{lapsed}, smetier.Judgement},
		{"titles not supplied", nil, smetier.Judgement},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := t26Base()
			p.Titles = tc.titles
			v := t26Classify(t, p, classify.Renewal(true)).Verdict(smetier.LittleGiant)
			require.Equal(t, "cn-2026-little-giant-renewal", v.RuleSet.ID)
			c := v.Criterion("title.specialized")
			require.NotNil(t, c)
			assert.Equal(t, tc.want, c.Outcome, c.Message.En)
			assert.NotContains(t, v.Failed, "title.specialized")
		})
	}
}

// TestTechSMEHeldOnlyUnder2026Regime: a valid 科技型中小企业 title counts as holding tier 1 only once
// 工信部企业〔2026〕2号 merged it into 科技和创新型中小企业 (from 2026-04-01); under 工信部企业〔2022〕63号
// it was a separate programme and holds no 创新型中小企业 title.
func TestTechSMEHeldOnlyUnder2026Regime(t *testing.T) {
	for _, tc := range []struct {
		name string
		asOf string
		held bool
	}{
		{"2025, 63号 in force", "2025-06-15", false},
		{"last day of 63号", "2026-03-31", false},
		{"first day of 2号", "2026-04-01", true},
		{"2号 in force", "2026-06-15", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := t26Base()
			p.Titles = []smetier.Title{{Kind: smetier.TitleTechSME, Issued: smetier.MustDate("2025-01-01"), Expires: new(smetier.MustDate("2026-12-31"))}}
			r, err := t26Engine.Classify(context.Background(), p, classify.AsOf(smetier.MustDate(tc.asOf)))
			require.NoError(t, err)
			v := r.Verdict(smetier.Innovative)
			require.NotNil(t, v)
			if tc.held {
				require.NotNil(t, v.Held)
				assert.Equal(t, smetier.TitleTechSME, v.Held.Kind)
			} else {
				assert.Nil(t, v.Held, "a 科技型中小企业 title is not a 创新型中小企业 title under 63号")
				assert.False(t, r.Ladder.HighestHeld && r.Ladder.Highest == smetier.Innovative)
			}
		})
	}
}
