package screen

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/internal/wire"
)

var update = flag.Bool("update", false, "rewrite testdata/screen/sample.xlsx from the generator")

const samplePath = "../testdata/screen/sample.xlsx"

var sampleAsOf = smetier.MustDate("2026-06-15")

// The bundled sample workbook is what the generator makes of 20 enterprises; -update writes it.
func TestSampleWorkbook(t *testing.T) {
	ps := slices.Collect(generate(t, 20, sampleAsOf))
	if *update {
		var buf bytes.Buffer
		require.NoError(t, WriteProfiles(&buf, slices.Values(ps), ValidatedRows(1000)))
		require.NoError(t, os.MkdirAll(filepath.Dir(samplePath), 0o755))
		require.NoError(t, os.WriteFile(samplePath, buf.Bytes(), 0o644))
	}
	src, err := Open(samplePath)
	require.NoError(t, err)
	recs := readAll(t, src)
	require.Len(t, recs, len(ps))
	for i, r := range recs {
		require.NoError(t, r.Err)
		assert.Equal(t, jsonOf(t, ps[i]), jsonOf(t, r.Profile), "enterprise %d: run go test ./screen -run TestSampleWorkbook -update", i+1)
	}
}

func runSample(t testing.TB, opts ...Option) *Result {
	t.Helper()
	src, err := Open(samplePath)
	require.NoError(t, err)
	defer src.Close()
	res, err := Run(context.Background(), src, append([]Option{AsOf(sampleAsOf), Workers(2)}, opts...)...)
	require.NoError(t, err)
	return res
}

func TestRunSample(t *testing.T) {
	res := runSample(t)
	require.Equal(t, 20, res.Screened+res.Errors)
	assert.Equal(t, 20, res.Screened)
	assert.Zero(t, res.Errors)
	keys := []string{}
	for _, r := range res.Rungs {
		keys = append(keys, r.Key)
	}
	// The tiers, and the built-in local programs in force where the sample's firms are.
	assert.Equal(t, []string{"sd_gazelle", "js_pool", "innovative_sme", "specialized_sme", "zj_hidden_champion", "little_giant", "sd_champion", "hb_champion", "gd_champion", "champion"}, keys)
	// The funnel adds up, and every status occurs somewhere in the sample.
	seen := map[smetier.Status]bool{}
	for k, c := range res.Funnel {
		n := c.Qualified + c.NotQualified + c.NeedsData + c.NeedsJudgement + c.NotCovered
		if smetier.Tier(res.Rungs[k].Key).Rank() == 0 { // a local program
			assert.LessOrEqual(t, n, 20, res.Rungs[k].Key) // only the firms where the program is in force
		} else {
			assert.Equal(t, 20, n, res.Rungs[k].Key)
		}
		for _, s := range []smetier.Status{smetier.Qualified, smetier.NotQualified, smetier.NeedsData, smetier.NeedsJudgement} {
			if c.Of(s) > 0 {
				seen[s] = true
			}
		}
	}
	assert.Len(t, seen, 4, "the sample covers every status")
	// By region sums to the funnel.
	for k := range res.Rungs {
		var sum Count
		for _, a := range res.ByRegion {
			c := a.Counts[k]
			sum.Qualified += c.Qualified
			sum.NotQualified += c.NotQualified
			sum.NeedsData += c.NeedsData
			sum.NeedsJudgement += c.NeedsJudgement
			sum.NotCovered += c.NotCovered
			sum.Held += c.Held
			sum.Reached += c.Reached
		}
		assert.Equal(t, res.Funnel[k], sum)
	}
	assert.Greater(t, len(res.ByRegion), 3, "several regions")
	// Seeds are ordered by distance.
	require.NotEmpty(t, res.Seeds)
	for i := 1; i < len(res.Seeds); i++ {
		a, b := res.Enterprise(res.Seeds[i-1]).Distance, res.Enterprise(res.Seeds[i]).Distance
		assert.False(t, b.Less(*a), "seed %d before %d", i-1, i)
	}
	// Renewals: the titles expiring within 180 days, judged under the renewal rules.
	require.NotEmpty(t, res.Renewals)
	for _, r := range res.Renewals {
		assert.True(t, r.DaysLeft >= 0 && r.DaysLeft <= 180, "%+v", r)
		assert.NotEmpty(t, r.Status.Status)
	}
	// A narrower window lists fewer.
	narrow := runSample(t, RenewalWindow(30))
	assert.Less(t, len(narrow.Renewals), len(res.Renewals))
	// Cohort: the whole cohort is counted for every available indicator.
	require.Equal(t, "cohort", res.Cohort.Groups[0].Key)
	for k, ind := range res.Cohort.Indicators {
		s := res.Cohort.Groups[0].Shares[k]
		if ind.Available {
			assert.Equal(t, 20, s.Total, ind.ID)
		} else {
			assert.Zero(t, s.Total, ind.ID)
		}
	}
}

// A profile the engine finds invalid is reported by the cells it came from; the others are
// screened.
func TestRunInvalidProfileNamesCells(t *testing.T) {
	good, bad := creditCode(1, "420111"), creditCode(2, "420111")
	bad = bad[:17] + "0" // wrong check character
	if bad == creditCode(2, "420111") {
		bad = bad[:17] + "1"
	}
	data := writeSheets(t, map[string][][]any{
		"企业": {{"a", "b", "c"}, {"credit_code", "name", "region"},
			{good, "good", "420111"},
			{bad, "bad code", "420111"},
			{creditCode(3, "420111"), "bad region", "990000"},
		},
		"知识产权": {{"a", "b", "c", "d"}, {"credit_code", "kind", "transferred_in", "transferred_on"},
			{good, "invention_patent", false, "2020-01-01"}},
	})
	res, err := Run(context.Background(), must(ReadXLSX(bytes.NewReader(data))), AsOf(sampleAsOf))
	require.NoError(t, err)
	require.Equal(t, 3, res.Screened+res.Errors)
	assert.Equal(t, 0, res.Screened)
	var re *RecordError
	require.ErrorAs(t, res.Enterprise(0).Err, &re)
	assert.Equal(t, "知识产权", re.Cells[0].Sheet)
	assert.Equal(t, 3, re.Cells[0].Row)
	assert.Equal(t, "D", re.Cells[0].Column)
	require.ErrorAs(t, res.Enterprise(1).Err, &re)
	assert.Equal(t, "企业", re.Cells[0].Sheet)
	assert.Equal(t, 4, re.Cells[0].Row)
	assert.Equal(t, "A", re.Cells[0].Column)
	assert.ErrorIs(t, res.Enterprise(1).Err, ErrBadInput)
	assert.Error(t, res.Enterprise(2).Err)
	assert.Equal(t, 3, res.Errors)
}

// The seed list keeps only the closest Seeds(n) while the cohort streams by: they are the
// first n of the full ranking, which orders by distance and then by input order.
func TestSeedsBounded(t *testing.T) {
	all := runSample(t, Seeds(0), Workers(3))
	require.Greater(t, len(all.Seeds), 5)
	for i := 1; i < len(all.Seeds); i++ {
		a, b := all.Enterprise(all.Seeds[i-1]).Distance, all.Enterprise(all.Seeds[i]).Distance
		require.True(t, a.Less(*b) || !b.Less(*a) && all.Seeds[i-1] < all.Seeds[i], "seed %d before %d", i-1, i)
	}
	for _, n := range []int{1, 3, len(all.Seeds) - 1, len(all.Seeds), len(all.Seeds) + 1} {
		got := runSample(t, Seeds(n), Workers(1))
		assert.Equal(t, all.Seeds[:min(n, len(all.Seeds))], got.Seeds, "Seeds(%d)", n)
	}
}

// A local program's title expiring within the window is judged under the program's rules for
// renewals, as a national tier's is; where the program has no rule set in force for the
// enterprise's place, the renewal says so (not covered) instead of being left out.
func TestRenewalOfProgramTitles(t *testing.T) {
	base, err := os.ReadFile("../testdata/profiles/suzhou-bearings.json")
	require.NoError(t, err)
	expires := smetier.MustDate("2026-07-15") // 30 days after the as-of date
	var lines bytes.Buffer
	for i, c := range []struct{ region, kind string }{
		{"370202", "sd_gazelle"},     // Qingdao: Shandong's gazelle program is in force there
		{"420111", "sd_gazelle"},     // Wuhan: it is not
		{"370202", "innovative_sme"}, // a national tier, as before
		{"370202", "tech_sme"},       // not a rung: no renewal rules
	} {
		p, err := wire.DecodeProfile(base)
		require.NoError(t, err)
		p.Region, p.CreditCode = c.region, creditCode(i+1, c.region)
		p.Titles = []smetier.Title{{Kind: smetier.TitleKind(c.kind), Level: smetier.Provincial,
			Issued: smetier.MustDate("2023-07-16"), Expires: &expires}}
		require.NoError(t, json.Compact(&lines, []byte(jsonOf(t, p))))
		lines.WriteString("\n")
	}
	res, err := Run(context.Background(), ReadJSONLines(&lines, "titles.jsonl"), AsOf(sampleAsOf))
	require.NoError(t, err)
	require.Equal(t, 4, res.Screened, "%v", res.Enterprise(0).Err)
	type got struct {
		Enterprise int
		Kind       string
		Covered    bool
		Key        string
		RuleSet    string
	}
	var rns []got
	for _, r := range res.Renewals {
		assert.Equal(t, 30, r.DaysLeft)
		rns = append(rns, got{r.Enterprise, string(r.Kind), r.Status.Covered, r.Status.Key, r.Status.RuleSet})
		if r.Status.Covered {
			assert.NotEmpty(t, r.Status.Status)
		}
	}
	assert.Equal(t, []got{
		{0, "sd_gazelle", true, "sd_gazelle", "sd-2020-gazelle"},
		{1, "sd_gazelle", false, "sd_gazelle", ""},
		{2, "innovative_sme", true, "innovative_sme", res.Renewals[2].Status.RuleSet},
	}, rns)
	assert.NotEmpty(t, res.Renewals[2].Status.RuleSet)
	// The renewal sheet lists them, "no rules" where none is in force.
	var book bytes.Buffer
	require.NoError(t, res.WriteXLSX(&book, "en"))
	dump := dumpWorkbook(t, book.Bytes())
	assert.Contains(t, dump, "| sd_gazelle | 2026-07-15 | 30 | no rules\n")
	assert.Contains(t, dump, "| sd_gazelle | 2026-07-15 | 30 | not qualified | sd-2020-gazelle | growth\n")
}

// A Result in JSON carries its enterprises in input order, decoded from their compact records.
func TestResultJSON(t *testing.T) {
	res := runSample(t)
	b, err := json.Marshal(res)
	require.NoError(t, err)
	var got struct {
		Screened    int          `json:"screened"`
		Rungs       []Rung       `json:"rungs"`
		Seeds       []int        `json:"seeds"`
		Enterprises []Enterprise `json:"enterprises"`
	}
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, 20, got.Screened)
	assert.Equal(t, res.Rungs, got.Rungs)
	assert.Equal(t, res.Seeds, got.Seeds)
	require.Len(t, got.Enterprises, 20)
	for i, e := range got.Enterprises {
		want := res.Enterprise(i)
		assert.Equal(t, want.CreditCode, e.CreditCode, i)
		assert.Equal(t, len(want.Statuses), len(e.Statuses), i)
		assert.Equal(t, want.Distance, e.Distance, i)
	}
}

// An as-of date that is not a calendar day fails the run before any record is read, with the
// error classify gives for it.
func TestRunInvalidAsOf(t *testing.T) {
	for _, d := range []smetier.Date{smetier.NewDate(2026, 2, 30), smetier.NewDate(2026, 13, 1)} {
		src, err := Open(samplePath)
		require.NoError(t, err)
		res, err := Run(context.Background(), src, AsOf(d))
		src.Close()
		require.Nil(t, res)
		require.ErrorIs(t, err, classify.ErrInvalidAsOf)
		require.ErrorContains(t, err, d.String())
	}
}
