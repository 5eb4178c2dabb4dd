package classify_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/testkit"
)

// programEngine judges with the built-in catalog plus the made-up local programs of
// criteria/testdata/programs: a Shandong gazelle (after specialized_sme; Qingdao's own set from
// 2026 needs 3000万 instead of 2000万, both need 20% growth), a Shandong champion (after
// little_giant) that a gazelle title holder reaches with 1亿 instead of 4亿, and a Wuhan pool.
var programEngine = func() *classify.Engine {
	cat, err := criteria.Load(testkit.NationalFS(), os.DirFS(filepath.Join("..", "criteria", "testdata", "programs")))
	if err != nil {
		panic(err)
	}
	e, err := classify.New(classify.WithCatalog(cat))
	if err != nil {
		panic(err)
	}
	return e
}()

// qingdaoProfile is the 2026 test profile moved to a Qingdao district, with 2025 operating
// revenue rev yuan on 2024's 9000万 (main-business revenue 95% of it).
func qingdaoProfile(rev int64) *smetier.Profile {
	p := t26Base()
	p.Region = "370202"
	setRevenue(p, 2025, rev)
	return p
}

func setRevenue(p *smetier.Profile, year int, yuan int64) {
	fy := p.Years[year]
	fy.OperatingRevenue, fy.MainRevenue = new(smetier.Yuan(yuan)), new(smetier.Yuan(yuan/100*95))
	p.Years[year] = fy
}

const wan = 10_000 // yuan

func programClassify(t *testing.T, p *smetier.Profile, opts ...classify.CallOption) *smetier.Report {
	t.Helper()
	r, err := programEngine.Classify(context.Background(), p, append([]classify.CallOption{classify.AsOf(t26AsOf)}, opts...)...)
	require.NoError(t, err)
	return r
}

func keys(vs []*smetier.Verdict) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Key())
	}
	return out
}

func TestProgramVerdicts(t *testing.T) {
	r := programClassify(t, qingdaoProfile(10800*wan)) // +20% exactly
	require.Len(t, r.Verdicts, 4, "the national tiers are all still there")
	require.Len(t, r.Programs, 2, "the programs in force in Qingdao")
	assert.Equal(t, []string{"innovative_sme", "specialized_sme", "test_gazelle", "little_giant", "test_champion", "champion"}, keys(r.Rungs()))

	g := r.ProgramVerdict("test_gazelle")
	require.NotNil(t, g)
	assert.Same(t, &r.Programs[0], g)
	assert.Empty(t, g.Tier)
	assert.Equal(t, "test_gazelle", g.Key())
	assert.Equal(t, &smetier.ProgramRef{ID: "test_gazelle", Title: smetier.Text{Zh: "测试省瞪羚企业", En: "Test gazelle enterprise"},
		Level: smetier.Provincial, After: smetier.Specialized, Jurisdiction: "370200"}, g.Program)
	assert.Equal(t, g.Program.Title, g.TierTitle)
	assert.True(t, g.Covered)
	assert.Equal(t, "test-qd-2026-gazelle", g.RuleSet.ID, "the 计划单列市's own set")
	assert.Equal(t, smetier.Qualified, g.Status)
	require.NotNil(t, g.Criterion("growth"))
	assert.Equal(t, smetier.Pass, g.Criterion("growth").Outcome)
	assert.Equal(t, "测试青〔2026〕1号 第三条（一）", g.Criterion("revenue").Citation)

	c := r.ProgramVerdict("test_champion")
	require.NotNil(t, c)
	assert.Equal(t, smetier.NotQualified, c.Status)
	assert.Equal(t, []string{"revenue", "giant"}, c.Failed)
	require.NotEmpty(t, c.Criterion("revenue").Gaps, "gaps come from the expression, as for tiers")
	assert.Nil(t, r.ProgramVerdict("test_pool"), "Wuhan's pool is not in force in Qingdao")
	assert.Nil(t, r.ProgramVerdict("little_giant"))
	assert.Equal(t, smetier.LittleGiant, r.Verdict(smetier.LittleGiant).Tier, "tier lookups are unchanged")
	assert.Equal(t, "little_giant", r.Verdict(smetier.LittleGiant).Key())

	// The report carries no program where none is in force (Xi'an; Shenzhen has Guangdong's).
	sz := programClassify(t, t26Base(), classify.In("610113"))
	assert.Nil(t, sz.Programs)
	assert.Equal(t, keys(sz.Rungs()), []string{"innovative_sme", "specialized_sme", "little_giant", "champion"})
}

// Both sides of each threshold, in the place whose set applies.
func TestProgramThresholds(t *testing.T) {
	for _, tc := range []struct {
		name   string
		region string
		rev    int64
		want   smetier.Status
		failed []string
	}{
		{"Qingdao: 20% growth exactly", "370202", 10800 * wan, smetier.Qualified, nil},
		{"Qingdao: just under 20% growth", "370202", 10800*wan - 1, smetier.NotQualified, []string{"growth"}},
		{"Jinan: 20% growth exactly", "370102", 10800 * wan, smetier.Qualified, nil},
		{"Jinan: just under 20% growth", "370102", 10800*wan - 1, smetier.NotQualified, []string{"growth"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := qingdaoProfile(tc.rev)
			p.Region = tc.region
			v := programClassify(t, p).ProgramVerdict("test_gazelle")
			require.NotNil(t, v)
			assert.Equal(t, tc.want, v.Status)
			assert.Equal(t, tc.failed, v.Failed)
		})
	}
	// Revenue: 3000万 in Qingdao, 2000万 in the rest of the province (with more than 20% growth
	// on the year before's 1500万).
	for _, tc := range []struct {
		name   string
		region string
		rev    int64
		want   smetier.Status
	}{
		{"Qingdao 3000万", "370202", 3000 * wan, smetier.Qualified},
		{"Qingdao 3000万 less 1元", "370202", 3000*wan - 1, smetier.NotQualified},
		{"Jinan 2000万", "370102", 2000 * wan, smetier.Qualified},
		{"Jinan 2000万 less 1元", "370102", 2000*wan - 1, smetier.NotQualified},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := qingdaoProfile(tc.rev)
			p.Region = tc.region
			setRevenue(p, 2024, 1500*wan)
			v := programClassify(t, p).ProgramVerdict("test_gazelle")
			require.NotNil(t, v)
			assert.Equal(t, tc.want, v.Status, "%v", v.Failed)
			if tc.want == smetier.NotQualified {
				assert.Equal(t, []string{"revenue"}, v.Failed)
			}
		})
	}
}

// A title one program grants is a fact another program's rule reads (holds), with the unknowns
// of any title: a title whose expiry is not given leaves the criterion undecided, naming it.
func TestProgramReadsProgramTitle(t *testing.T) {
	exp := func(s string) *smetier.Date { d := smetier.MustDate(s); return &d }
	giant := smetier.Title{Kind: smetier.TitleLittleGiant, Issued: smetier.MustDate("2025-09-01"), Expires: exp("2028-08-31")}
	for _, tc := range []struct {
		name    string
		gazelle smetier.Title
		want    smetier.Status
		missing []string
	}{
		{"valid gazelle title: 1亿 suffices", smetier.Title{Kind: "test_gazelle", Issued: smetier.MustDate("2025-03-01"), Expires: exp("2028-02-28")}, smetier.Qualified, nil},
		{"expired gazelle title: 4亿 needed", smetier.Title{Kind: "test_gazelle", Issued: smetier.MustDate("2023-03-01"), Expires: exp("2026-02-28")}, smetier.NotQualified, nil},
		{"gazelle title of unknown expiry", smetier.Title{Kind: "test_gazelle", Issued: smetier.MustDate("2025-03-01")}, smetier.NeedsData, []string{"titles[3].expires"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := qingdaoProfile(15000 * wan)
			p.Titles = append(p.Titles, giant, tc.gazelle)
			r := programClassify(t, p)
			v := r.ProgramVerdict("test_champion")
			require.NotNil(t, v)
			assert.Equal(t, tc.want, v.Status)
			var miss []string
			for _, m := range v.Missing {
				miss = append(miss, m.Path)
			}
			assert.Equal(t, tc.missing, miss)
			// The gazelle verdict says the title is held when it is valid.
			g := r.ProgramVerdict("test_gazelle")
			if tc.want == smetier.Qualified {
				require.NotNil(t, g.Held)
				assert.Equal(t, smetier.TitleKind("test_gazelle"), g.Held.Kind)
			} else {
				assert.Nil(t, g.Held)
			}
		})
	}
}

func TestProgramTitleKinds(t *testing.T) {
	p := qingdaoProfile(10800 * wan)
	p.Titles = append(p.Titles, smetier.Title{Kind: "test_pool", Issued: smetier.MustDate("2026-01-10")})
	_, err := programEngine.Classify(context.Background(), p, classify.AsOf(t26AsOf))
	require.NoError(t, err, "a program of the catalog is a title kind, wherever it applies")

	p.Titles = append(p.Titles, smetier.Title{Kind: "sd_gazele", Issued: smetier.MustDate("2026-01-10")})
	_, err = programEngine.Classify(context.Background(), p, classify.AsOf(t26AsOf))
	require.ErrorIs(t, err, smetier.ErrInvalidProfile)
	var ve *smetier.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Fields, 1)
	assert.Equal(t, "titles[3].kind", ve.Fields[0].Path)
	assert.Contains(t, ve.Fields[0].Msg, `"sd_gazele"`)

	// The built-in catalog has no such program.
	p = t26Base()
	p.Titles = append(p.Titles, smetier.Title{Kind: "test_gazelle", Issued: smetier.MustDate("2026-01-10")})
	_, err = t26Engine.Classify(context.Background(), p, classify.AsOf(t26AsOf))
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "titles[2].kind", ve.Fields[0].Path)
}

func TestOnlyPrograms(t *testing.T) {
	p := qingdaoProfile(10800 * wan)
	r := programClassify(t, p, classify.Only("test_gazelle"))
	assert.Empty(t, r.Verdicts)
	assert.Equal(t, []string{"test_gazelle"}, keys(r.Rungs()))

	r = programClassify(t, p, classify.Only(smetier.Specialized))
	assert.Equal(t, []string{"specialized_sme"}, keys(r.Rungs()), "naming tiers leaves programs out")

	r = programClassify(t, p, classify.Only(smetier.LittleGiant), classify.OnlyPrograms("test_champion", "test_gazelle"))
	assert.Equal(t, []string{"test_gazelle", "little_giant", "test_champion"}, keys(r.Rungs()))

	// A program named but not in force there gets an uncovered verdict saying where it applies.
	r = programClassify(t, p, classify.OnlyPrograms("test_pool"))
	require.Len(t, r.Programs, 1)
	v := r.Programs[0]
	assert.False(t, v.Covered)
	assert.Empty(t, v.Status)
	assert.Equal(t, "420100", v.Program.Jurisdiction)
	assert.Equal(t, "测试市专精特新培育库", v.TierTitle.Zh)

	for _, bad := range []smetier.Tier{"test_gazele", "", "Little_giant"} {
		_, err := programEngine.Classify(context.Background(), p, classify.AsOf(t26AsOf), classify.Only(bad))
		require.ErrorIs(t, err, classify.ErrUnknownRung, "%q", bad)
	}
	_, err := t26Engine.Classify(context.Background(), p, classify.AsOf(t26AsOf), classify.OnlyPrograms("test_gazelle"))
	require.ErrorIs(t, err, classify.ErrUnknownRung)

	// OnlyPrograms never writes into the caller's slice.
	tiers := make([]smetier.Tier, 1, 4)
	tiers[0] = smetier.LittleGiant
	programClassify(t, p, classify.Only(tiers...), classify.OnlyPrograms("test_gazelle"))
	assert.Equal(t, []smetier.Tier{smetier.LittleGiant, ""}, tiers[:2])
}

// VerdictsOnly gives program verdicts identical to a full report's, without explanations.
func TestProgramVerdictsOnly(t *testing.T) {
	p := qingdaoProfile(10800 * wan)
	full := programClassify(t, p)
	terse := programClassify(t, p, classify.VerdictsOnly())
	require.Len(t, terse.Programs, len(full.Programs))
	for i := range full.Programs {
		want := full.Programs[i]
		want.Criteria, want.Plan = nil, nil
		assert.Equal(t, want, terse.Programs[i])
	}
	assert.Nil(t, terse.Ladder)
}

func TestProgramLadder(t *testing.T) {
	// Little giant qualified, then the champion program above it is next.
	r := programClassify(t, qingdaoProfile(10800*wan))
	l := r.Ladder
	require.NotNil(t, l)
	assert.Equal(t, smetier.LittleGiant, l.Highest)
	assert.Empty(t, l.HighestProgram)
	assert.Empty(t, l.Next)
	assert.Equal(t, "test_champion", l.NextProgram)
	assert.Equal(t, "test_champion", l.NextKey())
	assert.Equal(t, smetier.NotQualified, l.NextStatus)
	require.NotEmpty(t, l.Blocking)
	for _, g := range l.Blocking {
		assert.Contains(t, []string{"revenue", "giant"}, g.Criterion)
	}

	// Specialized held, gazelle qualified, little giant failing: the gazelle is the highest rung.
	p := qingdaoProfile(10800 * wan)
	p.Segment.NationalRank = nil
	p.Segment.MarketSharePct = nil
	p.IP = []smetier.IPRight{}
	r = programClassify(t, p)
	require.NotEqual(t, smetier.Qualified, r.Verdict(smetier.LittleGiant).Status)
	l = r.Ladder
	assert.Empty(t, l.Highest)
	assert.Equal(t, "test_gazelle", l.HighestProgram)
	assert.Equal(t, "test_gazelle", l.HighestKey())
	assert.False(t, l.HighestHeld)
	assert.Equal(t, smetier.LittleGiant, l.Next)
	assert.Equal(t, "little_giant", l.NextKey())
}

// The JSON of a report with programs: "programs" beside "verdicts", each with its program.
func TestProgramReportJSON(t *testing.T) {
	// Little giant is national-only: local sets of other tiers do not move this golden file.
	r := programClassify(t, qingdaoProfile(10800*wan), classify.VerdictsOnly(), classify.Only(smetier.LittleGiant),
		classify.OnlyPrograms("test_gazelle", "test_champion"))
	got, err := json.MarshalIndent(r, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	path := filepath.Join("testdata", "programs", "qingdao-verdicts.json")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./classify -run TestProgramReportJSON -update")
	assert.JSONEq(t, string(want), string(got))

	var back smetier.Report
	require.NoError(t, json.Unmarshal(got, &back))
	assert.Equal(t, *r, back, "a report survives a JSON round trip")

	// Without programs the JSON has no "programs" key: existing consumers see no change.
	plain, err := json.Marshal(programClassify(t, t26Base(), classify.In("610113"), classify.VerdictsOnly()))
	require.NoError(t, err)
	assert.NotContains(t, string(plain), `"programs"`)
	assert.NotContains(t, string(plain), `"program"`)
}

// A cultivation pool is a program whose only criterion is the authority's: needs judgement
// until the enterprise is in it, and holding its title settles it.
func TestPoolProgram(t *testing.T) {
	p := t26Base()
	p.Region = "420106"
	v := programClassify(t, p).ProgramVerdict("test_pool")
	require.NotNil(t, v)
	assert.Equal(t, smetier.NeedsJudgement, v.Status)
	assert.Equal(t, []string{"admitted"}, v.Judgement)
	assert.Empty(t, v.Program.After)

	p.Titles = append(p.Titles, smetier.Title{Kind: "test_pool", Level: smetier.Municipal, Issued: smetier.MustDate("2026-03-01"), Expires: new(smetier.MustDate("2029-02-28"))})
	r := programClassify(t, p)
	v = r.ProgramVerdict("test_pool")
	assert.Equal(t, smetier.Qualified, v.Status)
	require.NotNil(t, v.Held)
	assert.Equal(t, []string{"test_pool", "innovative_sme", "specialized_sme", "little_giant", "champion"}, keys(r.Rungs()))
}

// A judgement of a local program is declared by program id, as a tier's by tier name.
func TestProgramDeclaration(t *testing.T) {
	p := t26Base()
	p.Region = "420106"
	yes := true
	r := programClassify(t, p, classify.Declare(smetier.Declaration{Criterion: "test_pool/admitted", Met: &yes, By: smetier.ByAuthority}))
	v := r.ProgramVerdict("test_pool")
	require.NotNil(t, v)
	assert.Equal(t, smetier.Qualified, v.Status)

	_, err := programEngine.Classify(context.Background(), p, classify.AsOf(t26AsOf),
		classify.Declare(smetier.Declaration{Criterion: "test_gazelle/growth", Met: &yes, By: smetier.ByAuthority}))
	require.ErrorIs(t, err, smetier.ErrInvalidProfile, "the gazelle is not in force in Wuhan")
}

// The receipt names the programs' rule sets too, in ladder order.
func TestProgramReceipt(t *testing.T) {
	r := programClassify(t, qingdaoProfile(10800*wan))
	require.NotNil(t, r.Receipt)
	var ids []string
	for _, s := range r.Receipt.RuleSets {
		ids = append(ids, s.ID)
	}
	require.Len(t, ids, 6, "%v", ids)
	assert.Equal(t, "test-qd-2026-gazelle", ids[2], "above specialized_sme: %v", ids)
	assert.Equal(t, "cn-2026-little-giant", ids[3])
	assert.Equal(t, "test-sd-2025-champion", ids[4], "above little_giant: %v", ids)
}

// The next questions count the open program verdicts an input could settle, by program id.
func TestProgramNextQuestions(t *testing.T) {
	p := qingdaoProfile(10800 * wan)
	fy := p.Years[2024]
	fy.OperatingRevenue, fy.MainRevenue = nil, nil // growth, and so the gazelle, undecided
	p.Years[2024] = fy
	r := programClassify(t, p)
	found := false
	for _, q := range r.NextQuestions {
		if q.Input.Path == "years.2024.operating_revenue" {
			found = true
			assert.Contains(t, q.Verdicts, "test_gazelle", "%+v", q)
		}
	}
	assert.True(t, found, "%+v", r.NextQuestions)
}
