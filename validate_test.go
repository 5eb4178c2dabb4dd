package smetier_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

func ptr[T any](v T) *T { return &v }

// validProfile returns a fresh profile with every field set to a valid value.
func validProfile() *smetier.Profile {
	return &smetier.Profile{
		Name:                "测试精密机械有限公司",
		CreditCode:          "91350100M000100Y43",
		Region:              "440305",
		Industry:            "C3484",
		Established:         ptr(smetier.MustDate("2015-03-18")),
		MainlandLegalPerson: ptr(true),
		Years: map[int]smetier.FiscalYear{
			2024: {
				OperatingRevenue: ptr(smetier.Wan(5000)), MainRevenue: ptr(smetier.Wan(4800)),
				RDExpense: ptr(smetier.Wan(300)), TotalAssets: ptr(smetier.Wan(6000)),
				TotalLiabilities: ptr(smetier.Wan(3000)), NetProfit: ptr(smetier.Wan(-100)),
				Employees: ptr(200), RDStaff: ptr(40),
			},
			2025: {
				OperatingRevenue: ptr(smetier.Wan(6000)), MainRevenue: ptr(smetier.Wan(6000)),
				RDExpense: ptr(smetier.Money(0)), TotalAssets: ptr(smetier.Wan(7000)),
				TotalLiabilities: ptr(smetier.Money(0)), NetProfit: ptr(smetier.Wan(500)),
				Employees: ptr(210), RDStaff: ptr(210),
			},
		},
		IP: []smetier.IPRight{
			{Number: "ZL202010123456.7", Kind: smetier.InventionPatent, Granted: ptr(smetier.MustDate("2021-06-01")),
				TransferredIn: ptr(false), OwnerRank: ptr(1), MainProduct: ptr(true), AppliedWithBenefit: ptr(true), HighValue: ptr(false)},
			{Number: "ZL202220345678.9", Kind: smetier.UtilityModel, Granted: ptr(smetier.MustDate("2022-11-20")),
				TransferredIn: ptr(true), TransferredOn: ptr(smetier.MustDate("2023-01-05")), OwnerRank: ptr(2)},
		},
		Awards: []smetier.Award{
			{Name: "省科学技术奖", Kind: smetier.ScienceTechnologyAward, Level: smetier.Provincial, Year: 2023, Rank: ptr(1)},
			{Kind: smetier.OtherAward, Level: smetier.District, Year: 1949},
			{Name: "省质量奖", Kind: smetier.QualityAward, Level: smetier.Provincial, Year: 2022},
		},
		RDInstitutions: []smetier.RDInstitution{{Name: "市工程技术研究中心", Level: smetier.Municipal, Joint: true}},
		Certifications: []smetier.Certification{
			{Kind: smetier.QualityManagementCert, Name: "ISO 9001", Issued: ptr(smetier.MustDate("2023-05-01")), Expires: ptr(smetier.MustDate("2026-04-30"))},
			{Kind: smetier.HighTechEnterprise, Issued: ptr(smetier.MustDate("2024-12-01"))},
			{Kind: smetier.ManagementSystemCert, Name: "ISO 14001", Expires: ptr(smetier.MustDate("2027-04-30"))},
		},
		Standards: []smetier.Standard{
			{Number: "GB/T 307.1-2017", Level: smetier.NationalStandard, Year: 2017},
			{Number: "T/CBIA 1-2024", Level: smetier.GroupStandard, Lead: true},
		},
		DigitalLevel: ptr(4),
		Financing: []smetier.Financing{
			{Date: smetier.MustDate("2024-02-29"), Amount: smetier.Wan(2000), QualifiedInvestor: ptr(true), PaidIn: ptr(true)},
		},
		Segment: &smetier.Segment{Name: "微型精密步进电机", Since: ptr(smetier.MustDate("2016-01-01")),
			MarketSharePct: ptr(100.0), NationalRank: ptr(1), GlobalRank: ptr(3)},
		MainProduct: &smetier.MainProduct{Name: "微型精密步进电机", SixBasics: ptr(true), StrategicEmerging: ptr(false),
			KeyChainLink: ptr(true), TimeHonoredBrand: ptr(false), OwnBrand: ptr(true)},
		Titles: []smetier.Title{
			{Kind: smetier.TitleInnovativeSME, Level: smetier.Provincial, Issued: smetier.MustDate("2024-06-01"), Expires: ptr(smetier.MustDate("2027-05-31"))},
			{Kind: smetier.TitleTechSME, Issued: smetier.MustDate("2025-01-01"), Expires: ptr(smetier.MustDate("2025-01-01"))},
			{Kind: smetier.TitleSpecializedSME, Level: smetier.Provincial, Issued: smetier.MustDate("2020-06-01"), Revoked: true},
		},
		Compliance: &smetier.Compliance{
			AbnormalList: ptr(false), SeriousDishonesty: ptr(false), ProhibitedProduct: ptr(false),
			Incidents: []smetier.Incident{{Kind: smetier.QualityIncident, Date: smetier.MustDate("2019-07-01"), Note: "已整改"}},
		},
		EvaluationScores: map[int]float64{2025: 0, 2026: 100},
	}
}

func requireValidationError(t *testing.T, err error) *smetier.ValidationError {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, smetier.ErrInvalidProfile)
	var ve *smetier.ValidationError
	require.True(t, errors.As(err, &ve), "want *ValidationError, got %T", err)
	require.NotEmpty(t, ve.Fields)
	return ve
}

func paths(ve *smetier.ValidationError) []string {
	out := make([]string, len(ve.Fields))
	for i, f := range ve.Fields {
		out[i] = f.Path
	}
	return out
}

func TestValidateValid(t *testing.T) {
	t.Run("full profile", func(t *testing.T) {
		assert.NoError(t, validProfile().Validate())
	})
	t.Run("empty profile: nothing supplied is not an error", func(t *testing.T) {
		assert.NoError(t, (&smetier.Profile{}).Validate())
	})
	t.Run("empty but supplied collections", func(t *testing.T) {
		p := &smetier.Profile{
			Years: map[int]smetier.FiscalYear{}, IP: []smetier.IPRight{}, Awards: []smetier.Award{},
			RDInstitutions: []smetier.RDInstitution{}, Certifications: []smetier.Certification{},
			Financing: []smetier.Financing{}, Titles: []smetier.Title{}, Segment: &smetier.Segment{},
			MainProduct: &smetier.MainProduct{}, Compliance: &smetier.Compliance{Incidents: []smetier.Incident{}},
			EvaluationScores: map[int]float64{},
		}
		assert.NoError(t, p.Validate())
	})
	t.Run("boundary values are accepted", func(t *testing.T) {
		p := validProfile()
		p.Industry = "A"
		p.Region = "810000"
		p.DigitalLevel = ptr(1)
		p.Segment.MarketSharePct = ptr(0.0)
		p.Years = map[int]smetier.FiscalYear{1949: {Employees: ptr(0), RDStaff: ptr(0)}, 9999: {}}
		p.Awards[0].Year = 9999
		assert.NoError(t, p.Validate())
	})
	t.Run("a local program's id as title kind", func(t *testing.T) {
		p := validProfile()
		p.Titles[1].Kind = "sd_gazelle"
		p.Titles[2].Kind = "x"
		assert.NoError(t, p.Validate(), "the engine, which knows the catalog's programs, checks the id")
	})
	for _, code := range []string{"T", "C34", "C348", "C3484", "A01", "S9900"} {
		t.Run("industry "+code, func(t *testing.T) {
			p := validProfile()
			p.Industry = code
			assert.NoError(t, p.Validate())
		})
	}
}

func TestValidateInvalidField(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(p *smetier.Profile)
		path   string
	}{
		{"bad credit code check char", func(p *smetier.Profile) { p.CreditCode = "91350100M000100Y44" }, "credit_code"},
		{"credit code too short", func(p *smetier.Profile) { p.CreditCode = "913501" }, "credit_code"},
		{"region five digits", func(p *smetier.Profile) { p.Region = "12345" }, "region"},
		{"region seven digits", func(p *smetier.Profile) { p.Region = "4403050" }, "region"},
		{"region leading 9", func(p *smetier.Profile) { p.Region = "910000" }, "region"},
		{"region leading 0", func(p *smetier.Profile) { p.Region = "010000" }, "region"},
		{"region letters", func(p *smetier.Profile) { p.Region = "abcdef" }, "region"},
		{"region national", func(p *smetier.Profile) { p.Region = "CN" }, "region"},
		{"industry X12", func(p *smetier.Profile) { p.Industry = "X12" }, "industry"},
		{"industry U (after T)", func(p *smetier.Profile) { p.Industry = "U12" }, "industry"},
		{"industry lowercase", func(p *smetier.Profile) { p.Industry = "c3484" }, "industry"},
		{"industry one digit", func(p *smetier.Profile) { p.Industry = "C3" }, "industry"},
		{"industry five digits", func(p *smetier.Profile) { p.Industry = "C34845" }, "industry"},
		{"industry digits only", func(p *smetier.Profile) { p.Industry = "3484" }, "industry"},
		{"established not a date", func(p *smetier.Profile) { p.Established = ptr(smetier.NewDate(2025, time.February, 29)) }, "established"},
		{"established zero", func(p *smetier.Profile) { p.Established = &smetier.Date{} }, "established"},
		{"fiscal year before 1949", func(p *smetier.Profile) { p.Years[1900] = smetier.FiscalYear{} }, "years.1900"},
		{"fiscal year 10000", func(p *smetier.Profile) { p.Years[10000] = smetier.FiscalYear{} }, "years.10000"},
		{"negative operating revenue", func(p *smetier.Profile) {
			fy := p.Years[2025]
			fy.OperatingRevenue, fy.MainRevenue = ptr(smetier.Fen(-1)), nil
			p.Years[2025] = fy
		}, "years.2025.operating_revenue"},
		{"negative main revenue", func(p *smetier.Profile) {
			fy := p.Years[2025]
			fy.MainRevenue = ptr(smetier.Yuan(-5))
			p.Years[2025] = fy
		}, "years.2025.main_revenue"},
		{"negative rd expense", func(p *smetier.Profile) {
			fy := p.Years[2025]
			fy.RDExpense = ptr(smetier.Fen(-1))
			p.Years[2025] = fy
		}, "years.2025.rd_expense"},
		{"negative total assets", func(p *smetier.Profile) {
			fy := p.Years[2024]
			fy.TotalAssets = ptr(smetier.Wan(-1))
			p.Years[2024] = fy
		}, "years.2024.total_assets"},
		{"negative total liabilities", func(p *smetier.Profile) {
			fy := p.Years[2024]
			fy.TotalLiabilities = ptr(smetier.Wan(-1))
			p.Years[2024] = fy
		}, "years.2024.total_liabilities"},
		{"main revenue exceeds operating revenue", func(p *smetier.Profile) {
			fy := p.Years[2025]
			fy.MainRevenue = ptr(*fy.OperatingRevenue + 1)
			p.Years[2025] = fy
		}, "years.2025.main_revenue"},
		{"negative product revenue", func(p *smetier.Profile) {
			fy := p.Years[2025]
			fy.ProductRevenue = ptr(smetier.Fen(-1))
			p.Years[2025] = fy
		}, "years.2025.product_revenue"},
		{"product revenue exceeds operating revenue", func(p *smetier.Profile) {
			fy := p.Years[2025]
			fy.ProductRevenue = ptr(*fy.OperatingRevenue + 1)
			p.Years[2025] = fy
		}, "years.2025.product_revenue"},
		{"negative employees", func(p *smetier.Profile) {
			fy := p.Years[2025]
			fy.Employees, fy.RDStaff = ptr(-1), nil
			p.Years[2025] = fy
		}, "years.2025.employees"},
		{"negative rd staff", func(p *smetier.Profile) {
			fy := p.Years[2025]
			fy.RDStaff = ptr(-1)
			p.Years[2025] = fy
		}, "years.2025.rd_staff"},
		{"rd staff exceeds employees", func(p *smetier.Profile) {
			fy := p.Years[2025]
			fy.RDStaff = ptr(*fy.Employees + 1)
			p.Years[2025] = fy
		}, "years.2025.rd_staff"},
		{"unknown IP kind", func(p *smetier.Profile) { p.IP[1].Kind = "trademark" }, "ip[1].kind"},
		{"empty IP kind", func(p *smetier.Profile) { p.IP[0].Kind = "" }, "ip[0].kind"},
		{"IP granted not a date", func(p *smetier.Profile) { p.IP[0].Granted = ptr(smetier.NewDate(2021, 2, 30)) }, "ip[0].granted"},
		{"IP transferred_on not a date", func(p *smetier.Profile) { p.IP[1].TransferredOn = ptr(smetier.NewDate(2021, 13, 1)) }, "ip[1].transferred_on"},
		{"IP owner rank 0", func(p *smetier.Profile) { p.IP[0].OwnerRank = ptr(0) }, "ip[0].owner_rank"},
		{"IP transferred_on without transfer", func(p *smetier.Profile) { p.IP[0].TransferredOn = ptr(smetier.MustDate("2022-01-01")) }, "ip[0].transferred_on"},
		{"unknown award kind", func(p *smetier.Profile) { p.Awards[0].Kind = "nobel" }, "awards[0].kind"},
		{"unknown award level", func(p *smetier.Profile) { p.Awards[1].Level = "global" }, "awards[1].level"},
		{"missing award level", func(p *smetier.Profile) { p.Awards[0].Level = "" }, "awards[0].level"},
		{"award year missing", func(p *smetier.Profile) { p.Awards[0].Year = 0 }, "awards[0].year"},
		{"award year 1948", func(p *smetier.Profile) { p.Awards[0].Year = 1948 }, "awards[0].year"},
		{"award rank 0", func(p *smetier.Profile) { p.Awards[0].Rank = ptr(0) }, "awards[0].rank"},
		{"award rank negative", func(p *smetier.Profile) { p.Awards[0].Rank = ptr(-2) }, "awards[0].rank"},
		{"unknown rd institution level", func(p *smetier.Profile) { p.RDInstitutions[0].Level = "city" }, "rd_institutions[0].level"},
		{"unknown certificate kind", func(p *smetier.Profile) { p.Certifications[1].Kind = "iso" }, "certifications[1].kind"},
		{"certificate issued not a date", func(p *smetier.Profile) { p.Certifications[0].Issued = ptr(smetier.NewDate(2023, 4, 31)) }, "certifications[0].issued"},
		{"certificate expires not a date", func(p *smetier.Profile) { p.Certifications[0].Expires = &smetier.Date{} }, "certifications[0].expires"},
		{"unknown standard level", func(p *smetier.Profile) { p.Standards[0].Level = "enterprise" }, "standards[0].level"},
		{"missing standard level", func(p *smetier.Profile) { p.Standards[1].Level = "" }, "standards[1].level"},
		{"standard year 1948", func(p *smetier.Profile) { p.Standards[0].Year = 1948 }, "standards[0].year"},
		{"certificate expires the day before issue", func(p *smetier.Profile) { p.Certifications[0].Expires = ptr(smetier.MustDate("2023-04-30")) }, "certifications[0].expires"},
		{"digital level 5", func(p *smetier.Profile) { p.DigitalLevel = ptr(5) }, "digital_level"},
		{"digital level 0", func(p *smetier.Profile) { p.DigitalLevel = ptr(0) }, "digital_level"},
		{"financing without date", func(p *smetier.Profile) { p.Financing[0].Date = smetier.Date{} }, "financing[0].date"},
		{"financing impossible date", func(p *smetier.Profile) { p.Financing[0].Date = smetier.NewDate(2025, 2, 29) }, "financing[0].date"},
		{"financing negative amount", func(p *smetier.Profile) { p.Financing[0].Amount = smetier.Fen(-1) }, "financing[0].amount"},
		{"segment since not a date", func(p *smetier.Profile) { p.Segment.Since = ptr(smetier.NewDate(2016, 0, 1)) }, "segment.since"},
		{"market share 101", func(p *smetier.Profile) { p.Segment.MarketSharePct = ptr(101.0) }, "segment.market_share_pct"},
		{"market share just over 100", func(p *smetier.Profile) { p.Segment.MarketSharePct = ptr(100.0001) }, "segment.market_share_pct"},
		{"market share negative", func(p *smetier.Profile) { p.Segment.MarketSharePct = ptr(-0.5) }, "segment.market_share_pct"},
		{"market share NaN", func(p *smetier.Profile) { p.Segment.MarketSharePct = ptr(math.NaN()) }, "segment.market_share_pct"},
		{"market share +Inf", func(p *smetier.Profile) { p.Segment.MarketSharePct = ptr(math.Inf(1)) }, "segment.market_share_pct"},
		{"national rank 0", func(p *smetier.Profile) { p.Segment.NationalRank = ptr(0) }, "segment.national_rank"},
		{"global rank 0", func(p *smetier.Profile) { p.Segment.GlobalRank = ptr(0) }, "segment.global_rank"},
		{"title expires before issued", func(p *smetier.Profile) { p.Titles[0].Expires = ptr(smetier.MustDate("2024-05-31")) }, "titles[0].expires"},
		{"title expires not a date", func(p *smetier.Profile) { p.Titles[0].Expires = ptr(smetier.NewDate(2027, 2, 29)) }, "titles[0].expires"},
		// A snake_case kind may be a local program's id: only the engine's catalog can reject it.
		{"title kind not snake_case", func(p *smetier.Profile) { p.Titles[1].Kind = "gazelle-2023" }, "titles[1].kind"},
		{"empty title kind", func(p *smetier.Profile) { p.Titles[1].Kind = "" }, "titles[1].kind"},
		{"title kind starting with a digit", func(p *smetier.Profile) { p.Titles[1].Kind = "1gazelle" }, "titles[1].kind"},
		{"tier name that is not a title", func(p *smetier.Profile) { p.Titles[1].Kind = "Innovative" }, "titles[1].kind"},
		{"unknown title level", func(p *smetier.Profile) { p.Titles[0].Level = "county" }, "titles[0].level"},
		{"title without issue date", func(p *smetier.Profile) { p.Titles[2].Issued = smetier.Date{} }, "titles[2].issued"},
		{"incident unknown kind", func(p *smetier.Profile) { p.Compliance.Incidents[0].Kind = "fire" }, "compliance.incidents[0].kind"},
		{"incident without date", func(p *smetier.Profile) { p.Compliance.Incidents[0].Date = smetier.Date{} }, "compliance.incidents[0].date"},
		{"evaluation score 120", func(p *smetier.Profile) { p.EvaluationScores[2026] = 120 }, "evaluation_scores.2026"},
		{"evaluation score negative", func(p *smetier.Profile) { p.EvaluationScores[2025] = -1 }, "evaluation_scores.2025"},
		{"evaluation score NaN", func(p *smetier.Profile) { p.EvaluationScores[2025] = math.NaN() }, "evaluation_scores.2025"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validProfile()
			tt.mutate(p)
			ve := requireValidationError(t, p.Validate())
			assert.Contains(t, paths(ve), tt.path)
			assert.Equal(t, []string{tt.path}, paths(ve), "only the mutated field is reported")
			for _, f := range ve.Fields {
				assert.NotEmpty(t, f.Msg, f.Path)
				assert.Equal(t, f.Path+": "+f.Msg, f.Error())
			}
			assert.Contains(t, ve.Error(), tt.path)
			assert.True(t, strings.HasPrefix(ve.Error(), "smetier: invalid profile: "), ve.Error())
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	p := validProfile()
	p.CreditCode = "91350100M000100Y44"
	p.Region = "12345"
	p.Industry = "X12"
	p.Years[2023] = smetier.FiscalYear{OperatingRevenue: ptr(smetier.Yuan(-1)), Employees: ptr(10), RDStaff: ptr(11)}
	fy := p.Years[2025]
	fy.MainRevenue = ptr(*fy.OperatingRevenue + 1)
	p.Years[2025] = fy
	p.IP[0].Kind = "trademark"
	p.Awards[1].Rank = ptr(0)
	p.DigitalLevel = ptr(5)
	p.Financing[0].Date = smetier.Date{}
	p.Segment.MarketSharePct = ptr(101.0)
	p.Titles[0].Expires = ptr(smetier.MustDate("2020-01-01"))
	p.Compliance.Incidents[0].Kind = "fire"
	p.EvaluationScores[2026] = 120
	p.EvaluationScores[2024] = -3

	ve := requireValidationError(t, p.Validate())
	// Every problem, in field order; years and evaluation scores in ascending year order.
	assert.Equal(t, []string{
		"credit_code",
		"region",
		"industry",
		"years.2023.operating_revenue",
		"years.2023.rd_staff",
		"years.2025.main_revenue",
		"ip[0].kind",
		"awards[1].rank",
		"digital_level",
		"financing[0].date",
		"segment.market_share_pct",
		"titles[0].expires",
		"compliance.incidents[0].kind",
		"evaluation_scores.2024",
		"evaluation_scores.2026",
	}, paths(ve))

	// Messages name the offending values.
	msgs := map[string]string{}
	for _, f := range ve.Fields {
		msgs[f.Path] += f.Msg
	}
	assert.Contains(t, msgs["region"], `"12345"`)
	assert.Contains(t, msgs["industry"], `"X12"`)
	assert.Contains(t, msgs["ip[0].kind"], `"trademark"`)
	assert.Contains(t, msgs["digital_level"], "5")
	assert.Contains(t, msgs["evaluation_scores.2026"], "120")
	assert.Contains(t, msgs["credit_code"], "check character")
	assert.NotContains(t, msgs["credit_code"], smetier.ErrCreditCode.Error(), "the sentinel prefix is trimmed")
	assert.Contains(t, msgs["years.2025.main_revenue"], "60000000.01")

	// Deterministic: the same profile gives the same report every time (map iteration order).
	for range 20 {
		assert.Equal(t, ve.Error(), p.Validate().Error())
	}
}

func TestValidateSeveralProblemsInOneField(t *testing.T) {
	p := validProfile()
	p.Years[2025] = smetier.FiscalYear{Employees: ptr(-5), RDStaff: ptr(-6)}
	p.Titles[0].Expires = ptr(smetier.NewDate(2020, 2, 30)) // not a date, and before the issue date
	ve := requireValidationError(t, p.Validate())
	assert.Equal(t, []string{
		"years.2025.employees", "years.2025.rd_staff",
		"titles[0].expires", "titles[0].expires",
	}, paths(ve))
}

func TestValidationErrorIs(t *testing.T) {
	ve := &smetier.ValidationError{Fields: []*smetier.FieldError{{Path: "region", Msg: "bad"}}}
	assert.ErrorIs(t, ve, smetier.ErrInvalidProfile)
	assert.NotErrorIs(t, ve, smetier.ErrCreditCode)
	assert.Equal(t, "smetier: invalid profile: region: bad", ve.Error())

	two := &smetier.ValidationError{Fields: []*smetier.FieldError{{Path: "a", Msg: "x"}, {Path: "b", Msg: "y"}}}
	assert.Equal(t, "smetier: invalid profile: a: x; b: y", two.Error())

	// Still matched when wrapped.
	wrapped := errors.Join(errors.New("loading profile"), ve)
	assert.ErrorIs(t, wrapped, smetier.ErrInvalidProfile)
	var got *smetier.ValidationError
	require.ErrorAs(t, wrapped, &got)
	assert.Same(t, ve, got)
}

// Years with problems are reported in year order whatever the map's iteration order.
func TestValidateYearsInOrder(t *testing.T) {
	for range 50 {
		p := validProfile()
		p.Years = map[int]smetier.FiscalYear{}
		for y := 2015; y <= 2025; y++ {
			p.Years[y] = smetier.FiscalYear{Employees: ptr(-1)}
		}
		p.Years[2020] = smetier.FiscalYear{Employees: ptr(10)} // a valid year in the middle
		ve := requireValidationError(t, p.Validate())
		var want []string
		for y := 2015; y <= 2025; y++ {
			if y != 2020 {
				want = append(want, fmt.Sprintf("years.%d.employees", y))
			}
		}
		require.Equal(t, want, paths(ve))
	}
}

// A profile's judgements are checked for what can be checked without rules: the reference's
// shape, an outcome, who declared it, and one declaration per criterion.
func TestValidateJudgements(t *testing.T) {
	p := &smetier.Profile{Judgements: []smetier.Declaration{
		{Criterion: "specialized_sme/market.position", Met: new(true), By: smetier.ByAuthority},
		{Criterion: "market.position", Met: new(true), By: smetier.BySelf},
		{Criterion: "little_giant/x", By: "me"},
		{Criterion: "specialized_sme/market.position", Met: new(false), Points: new(-1), By: smetier.BySelf},
	}}
	var ve *smetier.ValidationError
	require.ErrorAs(t, p.Validate(), &ve)
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Path)
	}
	assert.Equal(t, []string{"judgements[1].criterion", "judgements[2].met", "judgements[2].by",
		"judgements[3].points", "judgements[3].points", "judgements[3].criterion"}, got)
}
