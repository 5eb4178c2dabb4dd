package criteria_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/engine"
)

const exemptsLineBug = "criteria/load.go parse: the exempts/exemption checks run in a second loop after the " +
	"criteria loop and call fail(0, ...), so LoadError.Line is 0 although the criterion's line (yc.line) is known " +
	"and every other criterion-level error carries it"

// badCase is one malformed file under testdata/bad and what its error must say.
type badCase struct {
	file string
	// set and crit are the rule set and criterion the error must name ("" when not knowable).
	set, crit string
	// frags are fragments the message must contain, to help the author fix the file.
	frags []string
	// line and col are the expected position; 0 when the library does not track one.
	line, col int
	// wantLine is a position a person could be given but the library reports as 0 (see
	// TestLoadErrorPositionsKnowable).
	wantLine int
	bug      string
}

// In every file under testdata/bad the first criterion (line 9) is valid and the faulty
// criterion starts at line 14 with its expr at line 18.
var badCases = []badCase{
	{file: "undeclared_fact.yaml", set: "test-bad", crit: "bad.fact", line: 18, col: 14,
		frags: []string{"undeclared reference", "'fy1.rd_ratio'", "did you mean", "fy1.rd_ratio_pct"}},
	{file: "type_error.yaml", set: "test-bad", crit: "bad.type", line: 18, col: 33,
		frags: []string{"no matching overload", "(double, string)"}},
	{file: "non_bool.yaml", set: "test-bad", crit: "bad.nonbool", line: 18, col: 11,
		frags: []string{"fy1.operating_revenue + 1.0", "has type double, want bool"}},
	{file: "syntax_error.yaml", set: "test-bad", crit: "bad.syntax", line: 18, col: 36,
		frags: []string{"Syntax error"}},
	{file: "block_scalar.yaml", set: "test-bad", crit: "bad.block", line: 20,
		frags: []string{"undeclared reference", "'fy1.rd_ratio'", "did you mean"}},
	{file: "band_undeclared_fact.yaml", set: "test-bad", crit: "bad.band", line: 27, col: 18,
		frags: []string{"undeclared reference", "fy1.rd_ration_pct", "did you mean 'fy1.rd_ratio_pct'"}},
	{file: "misspelt_key.yaml", frags: []string{"exprr", "not found"}, line: 18},
	{file: "yaml_syntax.yaml", frags: []string{"did not find expected"}, line: 8},
	{file: "bad_date.yaml", frags: []string{`date "2026-02-30": not a calendar date: February 2026 has 28 days`}, line: 7},
	{file: "unknown_criterion_kind.yaml", set: "test-bad", crit: "bad.kind", line: 14,
		frags: []string{`unknown kind "gat"`, "gate, score, direct, exemption or judgement"}},
	{file: "unknown_file_kind.yaml", frags: []string{`unknown kind "rule-sett"`, "rule-set or size-standard"}},
	{file: "missing_cite.yaml", set: "test-bad", crit: "bad.cite", line: 14, frags: []string{"needs cite", "测试〔2026〕1号"}},
	{file: "missing_title_en.yaml", set: "test-bad", crit: "bad.title", line: 14, frags: []string{"title in zh and en"}},
	{file: "missing_title_zh.yaml", set: "test-bad", crit: "bad.title", line: 14, frags: []string{"title in zh and en"}},
	{file: "missing_expr.yaml", set: "test-bad", crit: "bad.missing.expr", line: 14, frags: []string{"a gate needs expr"}},
	{file: "duplicate_criterion_id.yaml", set: "test-bad", crit: "ok.first", line: 14, frags: []string{"duplicate id"}},
	{file: "exemption_non_gate.yaml", set: "test-bad", crit: "bad.exempt", wantLine: 19,
		frags: []string{`exempts "market.position"`, "not a gate"},
		bug:   exemptsLineBug},
	{file: "exemption_unknown_target.yaml", set: "test-bad", crit: "bad.exempt", wantLine: 14,
		frags: []string{`exempts "no.such.gate"`, "not a gate"},
		bug:   exemptsLineBug},
	{file: "exempts_on_gate.yaml", set: "test-bad", crit: "bad.exempts", wantLine: 14,
		frags: []string{"only an exemption has exempts"},
		bug:   exemptsLineBug},
	{file: "score_without_section.yaml", set: "test-bad", crit: "bad.score", line: 14, frags: []string{"score item needs the set's score section"}},
	{file: "bands_on_gate.yaml", set: "test-bad", crit: "bad.gate.bands", line: 14, frags: []string{"only score items have bands"}},
	{file: "score_authority_and_bands.yaml", set: "test-bad", crit: "bad.authority.bands", line: 14, frags: []string{"either bands or an authority range"}},
	{file: "score_authority_bad_range.yaml", set: "test-bad", crit: "bad.authority.range", line: 14, frags: []string{"authority range 15..15", "0 ≤ min < max"}},
	{file: "score_authority_on_gate.yaml", set: "test-bad", crit: "bad.authority.gate", line: 14, frags: []string{"only score items have an authority range"}},
	{file: "score_authority_no_label.yaml", set: "test-bad", crit: "bad.authority.label", line: 14, frags: []string{"authority needs a label in zh and en"}},
	{file: "score_authority_no_max.yaml", set: "test-bad", crit: "bad.authority.max", line: 14, frags: []string{"authority needs min and max"}},
	{file: "evidence_not_fact.yaml", set: "test-bad", crit: "bad.evidence", line: 14,
		frags: []string{`evidence "segment.market_share_pc" is not a fact`, `did you mean "segment.market_share_pct"`}},
	{file: "unknown_tier.yaml", set: "test-bad", frags: []string{"tier", `"gold"`, "specialized_sme"}},
	{file: "held_by_unknown.yaml", set: "test-bad", line: 8, frags: []string{"held_by", `"gold_medal"`}},
	{file: "held_by_own.yaml", set: "test-bad", line: 8, frags: []string{"held_by", `"little_giant"`, "own title"}},
	{file: "bad_jurisdiction.yaml", set: "test-bad", frags: []string{"jurisdiction", `"999999"`}},
	{file: "until_before_from.yaml", set: "test-bad", frags: []string{"until 2025-12-31 is before from 2026-01-01"}},
	{file: "no_criteria.yaml", set: "test-bad", frags: []string{"no criteria"}},
	{file: "empty.yaml", frags: []string{"empty file"}},
	{file: "comments_only.yaml", frags: []string{"empty file"}},
	// Local programs (program: block); their files have the program block at lines 3–7.
	{file: "program_and_tier.yaml", set: "test-bad", line: 3, frags: []string{"either tier", "or program", "not both"}},
	{file: "no_tier.yaml", set: "test-bad", frags: []string{"needs tier", "program block"}},
	{file: "program_bad_id.yaml", set: "test-bad", line: 4, frags: []string{"program:", `"SD-Gazelle"`, "lower-case"}},
	{file: "program_tier_name.yaml", set: "test-bad", line: 4, frags: []string{`"little_giant"`, "national tier"}},
	{file: "program_builtin_kind.yaml", set: "test-bad", line: 4, frags: []string{`"tech_sme"`, "built-in title kind"}},
	{file: "program_bad_level.yaml", set: "test-bad", line: 5, frags: []string{`level "national"`, "provincial, municipal or district"}},
	{file: "program_no_level.yaml", set: "test-bad", line: 3, frags: []string{"needs level"}},
	{file: "program_bad_after.yaml", set: "test-bad", line: 6, frags: []string{`after "gazelle"`, "little_giant", "none"}},
	{file: "program_no_title.yaml", set: "test-bad", line: 6, frags: []string{"program:", "title in zh and en"}},
	{file: "program_national.yaml", set: "test-bad", line: 8, frags: []string{"jurisdiction", "6-digit", "not CN"}},
	{file: "program_level_place.yaml", set: "test-bad", line: 8, frags: []string{"370100", "济南市", "does not fit a provincial program"}},
	{file: "program_unknown_key.yaml", line: 6, frags: []string{"afer", "not found"}},
	{file: "holds_unknown.yaml", set: "test-bad", crit: "ok.first", line: 17, col: 17,
		frags: []string{`holds("sd_tset")`, "neither a built-in title kind nor a program", `did you mean "sd_test"`}},
	{file: "holds_not_literal.yaml", set: "test-bad", crit: "ok.first", line: 17, col: 21,
		frags: []string{"holds() takes a string literal"}},
	{file: "size_duplicate_code.yaml", frags: []string{`size standard "test-size"`, `code "C"`, `"one"`, `"two"`}},
}

func readBad(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "bad", file))
	require.NoError(t, err)
	return data
}

func checkLoadError(t *testing.T, err error, name string, tc badCase) *criteria.LoadError {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, criteria.ErrInvalidRule)
	var le *criteria.LoadError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, name, le.File)
	assert.Equal(t, tc.set, le.Set)
	assert.Equal(t, tc.crit, le.Criterion)
	msg := err.Error()
	assert.True(t, strings.HasPrefix(msg, name), "message %q starts with the file name", msg)
	if tc.set != "" {
		assert.Contains(t, msg, `"`+tc.set+`"`)
	}
	if tc.crit != "" {
		assert.Contains(t, msg, `criterion "`+tc.crit+`"`)
	}
	for _, f := range tc.frags {
		assert.Contains(t, msg, f)
	}
	if tc.line > 0 {
		assert.Equal(t, tc.line, le.Line, "line in %q", msg)
		assert.Contains(t, msg, name+":"+strconv.Itoa(tc.line))
		// The position is said once (issue 13: "line 7: line 7: smetier: date…").
		assert.NotContains(t, msg, "line "+strconv.Itoa(tc.line)+":", "position repeated in %q", msg)
		assert.NotContains(t, msg, "smetier:", "package prefix in %q", msg)
	}
	if tc.col > 0 {
		assert.Equal(t, tc.col, le.Column, "column in %q", msg)
	}
	require.NotNil(t, le.Err)
	assert.Equal(t, le.Err, errors.Unwrap(le))
	return le
}

func TestParseBadFiles(t *testing.T) {
	for _, tc := range badCases {
		t.Run(strings.TrimSuffix(tc.file, ".yaml"), func(t *testing.T) {
			data := readBad(t, tc.file)
			set, std, err := criteria.Parse(tc.file, data)
			assert.Nil(t, set)
			assert.Nil(t, std)
			checkLoadError(t, err, tc.file, tc)
		})
	}
}

// Load reports the same errors, naming the file by its path in the FS.
func TestLoadBadFiles(t *testing.T) {
	for _, tc := range badCases {
		t.Run(strings.TrimSuffix(tc.file, ".yaml"), func(t *testing.T) {
			name := "user/rules/" + tc.file
			cat, err := criteria.Load(fstest.MapFS{name: {Data: readBad(t, tc.file)}})
			assert.Nil(t, cat)
			checkLoadError(t, err, name, tc)
		})
	}
	t.Run("whole directory", func(t *testing.T) {
		cat, err := criteria.Load(os.DirFS(filepath.Join("testdata", "bad")))
		assert.Nil(t, cat)
		require.ErrorIs(t, err, criteria.ErrInvalidRule)
		var le *criteria.LoadError
		require.ErrorAs(t, err, &le)
		// Files are read in path order; the first one fails.
		assert.Equal(t, "bad_date.yaml", le.File)
	})
}

// Every file under testdata/bad has a case, and every case a file.
func TestBadFilesCovered(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "bad", "*.yaml"))
	require.NoError(t, err)
	var names, cases []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	for _, tc := range badCases {
		cases = append(cases, tc.file)
	}
	assert.ElementsMatch(t, names, cases)
}

// Where the faulty spot has a line a person could be sent to, the error carries it.
func TestLoadErrorPositionsKnowable(t *testing.T) {
	for _, tc := range badCases {
		if tc.wantLine == 0 {
			continue
		}
		t.Run(strings.TrimSuffix(tc.file, ".yaml"), func(t *testing.T) {
			_, _, err := criteria.Parse(tc.file, readBad(t, tc.file))
			var le *criteria.LoadError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, tc.wantLine, le.Line, "%v", err)
		})
	}
}

func TestLoadErrorFormat(t *testing.T) {
	err := &criteria.LoadError{File: "a.yaml", Line: 3, Column: 7, Set: "s", Criterion: "c", Err: errors.New("boom")}
	assert.Equal(t, `a.yaml:3:7: rule set "s": criterion "c": boom`, err.Error())
	err = &criteria.LoadError{File: "a.yaml", Line: 3, Err: errors.New("boom")}
	assert.Equal(t, `a.yaml:3: boom`, err.Error())
	err = &criteria.LoadError{File: "a.yaml", Column: 7, Err: errors.New("boom")}
	assert.Equal(t, `a.yaml: boom`, err.Error(), "a column without a line is not shown")
	assert.ErrorIs(t, err, criteria.ErrInvalidRule)
}

func goodFS() fs.FS { return os.DirFS(filepath.Join("testdata", "good")) }

const (
	gd2026 = "test-gd-2026-specialized-sme"
	gd2027 = "test-gd-2027-specialized-sme"
)

func TestLoadUserFiles(t *testing.T) {
	cat, err := criteria.Load(criteria.BuiltinFS(), goodFS())
	require.NoError(t, err)
	var ids []string
	for _, s := range cat.Sets() {
		ids = append(ids, s.ID)
	}
	assert.Subset(t, ids, []string{gd2026, gd2027, "cn-2026-specialized-sme", "cn-2026-little-giant"})
	assert.Len(t, cat.SizeStandards(), 1)

	// Sets are ordered by tier (local programs last, by id), then jurisdiction, then start date.
	sets := cat.Sets()
	rank := func(s *criteria.RuleSet) int {
		if s.Program != nil {
			return 99
		}
		return s.Tier.Rank()
	}
	for i := 1; i < len(sets); i++ {
		a, b := sets[i-1], sets[i]
		require.LessOrEqual(t, rank(a), rank(b), "%s before %s", a.ID, b.ID)
		if a.Program != nil && b.Program != nil {
			require.LessOrEqual(t, a.Program.ID, b.Program.ID, "%s before %s", a.ID, b.ID)
		}
		if a.Key() == b.Key() {
			require.LessOrEqual(t, a.Jurisdiction, b.Jurisdiction, "%s before %s", a.ID, b.ID)
			if a.Jurisdiction == b.Jurisdiction {
				require.False(t, b.From.Before(a.From), "%s before %s", a.ID, b.ID)
			}
		}
	}

	s := cat.Set(gd2026)
	require.NotNil(t, s)
	assert.Equal(t, smetier.Specialized, s.Tier)
	assert.Equal(t, "440000", s.Jurisdiction)
	assert.Equal(t, "guangdong-specialized-sme-2026.yaml", s.File)
	assert.Equal(t, smetier.MustDate("2026-05-01"), s.From)
	require.NotNil(t, s.Until)
	assert.Equal(t, smetier.MustDate("2028-12-31"), *s.Until)
	assert.Equal(t, "https://example.invalid/gd-2026", s.URL)
	assert.Equal(t, "Test document", s.Source.En)
	require.NotNil(t, s.Score)
	assert.Equal(t, 60, s.Score.PassMark)
	require.Len(t, s.Score.Parts, 2)
	assert.Equal(t, 10, s.Score.Parts[0].Minimum)

	kinds := map[string]criteria.Kind{}
	for _, c := range s.Criteria {
		kinds[c.ID] = c.Kind
	}
	assert.Equal(t, map[string]criteria.Kind{
		"base.sme": criteria.Gate, "rd.ratio": criteria.Gate, "rd.ratio.exempt": criteria.Exemption,
		"score.rd": criteria.Score, "score.growth": criteria.Score, "direct.little_giant": criteria.Direct,
		"market.position": criteria.Judgement,
	}, kinds)
	assert.Equal(t, "工信部联企业〔2011〕300号 第一条", s.Criterion("base.sme").Citation(), "a criterion's own doc overrides the set's")
	assert.Equal(t, "测试粤〔2026〕1号 第二条", s.Criterion("rd.ratio").Citation())
	rd := s.Criterion("rd.ratio")
	assert.Equal(t, []string{"fy1.rd_ratio_pct", "fy1.rd_expense"}, rd.Facts)
	assert.Equal(t, "rd.ratio", s.Criterion("rd.ratio.exempt").Exempts)
	score := s.Criterion("score.rd")
	assert.Nil(t, engine.ProgramOf(score))
	require.Len(t, score.Bands, 3)
	assert.Equal(t, 40, score.MaxPoints())
	for _, b := range score.Bands {
		assert.NotNil(t, engine.ProgramOf(b))
	}
	jm := s.Criterion("market.position")
	assert.Nil(t, engine.ProgramOf(jm))
	assert.Equal(t, []string{"segment.market_share_pct", "segment.national_rank"}, jm.Facts)
	assert.Nil(t, s.Criterion("no.such"))
}

func TestLoadDuplicateSetID(t *testing.T) {
	t.Run("same files twice", func(t *testing.T) {
		cat, err := criteria.Load(goodFS(), goodFS())
		assert.Nil(t, cat)
		require.ErrorIs(t, err, criteria.ErrInvalidRule)
		var le *criteria.LoadError
		require.ErrorAs(t, err, &le)
		assert.Equal(t, gd2026, le.Set)
		assert.Equal(t, "guangdong-specialized-sme-2026.yaml", le.File)
		assert.Contains(t, err.Error(), "already used by guangdong-specialized-sme-2026.yaml")
	})
	t.Run("user file reusing a built-in id", func(t *testing.T) {
		data, err := fs.ReadFile(criteria.BuiltinFS(), "rules/cn-2026-specialized-sme.yaml")
		require.NoError(t, err)
		cat, err := criteria.Load(criteria.BuiltinFS(), fstest.MapFS{"mine/copy.yaml": {Data: data}})
		assert.Nil(t, cat)
		require.ErrorIs(t, err, criteria.ErrInvalidRule)
		var le *criteria.LoadError
		require.ErrorAs(t, err, &le)
		assert.Equal(t, "mine/copy.yaml", le.File)
		assert.Equal(t, "cn-2026-specialized-sme", le.Set)
		assert.Contains(t, err.Error(), "rules/cn-2026-specialized-sme.yaml")
	})
	t.Run("the copy alone is valid", func(t *testing.T) {
		data, err := fs.ReadFile(criteria.BuiltinFS(), "rules/cn-2026-specialized-sme.yaml")
		require.NoError(t, err)
		s, std, err := criteria.Parse("copy.yaml", data)
		require.NoError(t, err)
		assert.Nil(t, std)
		assert.Equal(t, "cn-2026-specialized-sme", s.ID)
	})
}

// A zero Catalog has no sets: it selects nothing rather than failing.
func TestSelectZeroCatalog(t *testing.T) {
	var c criteria.Catalog
	for _, tier := range append(smetier.Tiers(), "no-such-tier") {
		assert.Nil(t, c.Select([]string{"440305", "CN"}, tier, smetier.MustDate("2026-06-15")), tier)
	}
}

func TestSelect(t *testing.T) {
	cat, err := criteria.Load(criteria.BuiltinFS(), goodFS())
	require.NoError(t, err)
	// The test sets are Guangdong's; Guangzhou takes them, Shenzhen (计划单列市) has sets of its own.
	guangzhou := []string{"440106", "440100", "440000", "CN"}
	shenzhen := []string{"440305", "440300", "440000", "CN"}
	beijing := []string{"110000", "CN"}
	// before is a date before every built-in set of the tier comes into force.
	before := func(tier smetier.Tier) string {
		var first smetier.Date
		for _, s := range cat.Sets() {
			if s.Tier == tier && (first.IsZero() || s.From.Before(first)) {
				first = s.From
			}
		}
		require.False(t, first.IsZero(), "no built-in set for %s", tier)
		return first.AddYears(-1).String()
	}
	const national = "national" // whatever the built-in national rules say for that date
	for _, tc := range []struct {
		name  string
		chain []string
		tier  smetier.Tier
		date  string
		want  string // "" for nil
	}{
		{"province beats nation", guangzhou, smetier.Specialized, "2026-06-15", gd2026},
		{"province from its first day", guangzhou, smetier.Specialized, "2026-05-01", gd2026},
		{"both provincial sets in force: the later wins", guangzhou, smetier.Specialized, "2028-12-31", gd2027},
		{"later provincial set wins", guangzhou, smetier.Specialized, "2027-01-01", gd2027},
		{"national before the provincial from", guangzhou, smetier.Specialized, "2026-04-30", "cn-2026-specialized-sme"},
		{"national on the day before the provincial from", guangzhou, smetier.Specialized, "2026-04-30", national},
		{"built-in Guangdong set of an earlier period", guangzhou, smetier.Specialized, "2026-03-31", "gd-2024-specialized-sme"},
		{"national rules before the built-in Guangdong set", guangzhou, smetier.Specialized, "2024-07-16", national},
		{"Shenzhen replaces its province", shenzhen, smetier.Specialized, "2026-06-15", "sz-2026-specialized-sme"},
		{"Shenzhen under the 2022 regime", shenzhen, smetier.Specialized, "2025-06-15", "sz-2022-specialized-sme"},
		{"nothing before any rules", guangzhou, smetier.Specialized, before(smetier.Specialized), ""},
		{"Beijing gets the national set", beijing, smetier.Specialized, "2026-06-15", "cn-2026-specialized-sme"},
		{"Beijing before any rules", beijing, smetier.Specialized, before(smetier.Specialized), ""},
		{"other tier falls back to national", guangzhou, smetier.LittleGiant, "2026-06-15", "cn-2026-little-giant"},
		{"unknown tier", guangzhou, smetier.Tier("bogus"), "2026-06-15", ""},
		{"chain without CN", []string{"440000"}, smetier.LittleGiant, "2026-06-15", ""},
		{"empty chain", nil, smetier.Specialized, "2026-06-15", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := smetier.MustDate(tc.date)
			want := tc.want
			if want == national {
				// Whatever national set is in force then (none before the first one).
				want = ""
				if n := cat.Select([]string{"CN"}, tc.tier, d); n != nil {
					assert.Equal(t, "CN", n.Jurisdiction)
					want = n.ID
				}
			}
			s := cat.Select(tc.chain, tc.tier, d)
			if want == "" {
				assert.Nil(t, s)
				return
			}
			require.NotNil(t, s)
			assert.Equal(t, want, s.ID)
			assert.True(t, s.InForce(d))
		})
	}
	t.Run("after the 2026 provincial set ends", func(t *testing.T) {
		// Without the 2027 set, 2029 falls back to the nation.
		only2026 := fstest.MapFS{}
		data, err := os.ReadFile(filepath.Join("testdata", "good", "guangdong-specialized-sme-2026.yaml"))
		require.NoError(t, err)
		only2026["gd.yaml"] = &fstest.MapFile{Data: data}
		c, err := criteria.Load(criteria.BuiltinFS(), only2026)
		require.NoError(t, err)
		assert.Equal(t, gd2026, c.Select(guangzhou, smetier.Specialized, smetier.MustDate("2028-12-31")).ID)
		assert.Equal(t, cat.Select([]string{"CN"}, smetier.Specialized, smetier.MustDate("2029-01-01")).ID,
			c.Select(guangzhou, smetier.Specialized, smetier.MustDate("2029-01-01")).ID)
		assert.Equal(t, "CN", c.Select(guangzhou, smetier.Specialized, smetier.MustDate("2029-01-01")).Jurisdiction)
	})
	t.Run("SelectFor", func(t *testing.T) {
		s, err := cat.SelectFor("440106", smetier.Specialized, smetier.MustDate("2026-06-15"))
		require.NoError(t, err)
		require.NotNil(t, s)
		assert.Equal(t, gd2026, s.ID)
		s, err = cat.SelectFor("110000", smetier.Specialized, smetier.MustDate("2026-06-15"))
		require.NoError(t, err)
		require.NotNil(t, s)
		assert.Equal(t, "cn-2026-specialized-sme", s.ID)
		_, err = cat.SelectFor("999999", smetier.Specialized, smetier.MustDate("2026-06-15"))
		assert.Error(t, err)
	})
}

// The built-in catalog loads, and every criterion is cited, titled in both languages and reads
// only declared facts.
func TestBuiltinCatalog(t *testing.T) {
	cat, err := criteria.Default()
	require.NoError(t, err)
	again, err := criteria.Default()
	require.NoError(t, err)
	assert.NotSame(t, cat, again, "every Default() is a copy of its own")
	assert.Equal(t, cat.Version(), again.Version())
	require.NotEmpty(t, cat.Sets())
	require.NotEmpty(t, cat.SizeStandards())
	for _, s := range cat.Sets() {
		t.Run(s.ID, func(t *testing.T) {
			assert.Same(t, s, cat.Set(s.ID))
			assert.NotEmpty(t, s.Doc)
			assert.NotEmpty(t, s.Title.Zh)
			assert.NotEmpty(t, s.Title.En)
			assert.NotEmpty(t, s.File)
			assert.False(t, s.From.IsZero())
			if s.Program != nil {
				assert.Empty(t, s.Tier, "a local program's set has no tier")
				assert.Equal(t, s.Jurisdiction, s.Program.Jurisdiction)
				assert.True(t, cat.TitleKnown(smetier.TitleKind(s.Program.ID)))
			} else {
				assert.NotZero(t, s.Tier.Rank())
			}
			assert.Equal(t, s.ID, s.Ref().ID)
			require.NotEmpty(t, s.Criteria)
			for _, c := range s.Criteria {
				t.Run(c.ID, func(t *testing.T) {
					cit := c.Citation()
					assert.NotEmpty(t, c.Cite)
					assert.NotEmpty(t, strings.TrimSpace(cit))
					doc := s.Doc
					// An inherited criterion cites the document of the set that defines it.
					for p := s; p.Extends != ""; {
						p = cat.Set(p.Extends)
						if p.Criterion(c.ID) == c {
							doc = p.Doc
						}
					}
					if c.Doc != "" {
						doc = c.Doc
					}
					assert.Equal(t, doc+" "+c.Cite, cit)
					assert.NotEmpty(t, c.Title.Zh)
					assert.NotEmpty(t, c.Title.En)
					for _, f := range c.Facts {
						// A built-in fact, or the title of one of the catalog's programs.
						assert.True(t, slices.ContainsFunc(cat.Facts(), func(k criteria.Fact) bool { return k.Name == f }), "fact %q", f)
					}
					switch c.Kind {
					case criteria.Gate, criteria.Direct, criteria.Exemption:
						require.NotNil(t, engine.ProgramOf(c))
						assert.NotEmpty(t, engine.ProgramOf(c).Facts)
						assert.Subset(t, c.Facts, engine.ProgramOf(c).Facts)
					case criteria.Judgement:
						assert.NotEmpty(t, c.Facts, "a judgement shows its evidence")
					case criteria.Score:
						if a := c.Authority; a != nil {
							assert.Empty(t, c.Bands, "an authority item has no bands")
							assert.Less(t, a.Min, a.Max)
							assert.NotEmpty(t, a.Label.Zh)
							assert.NotEmpty(t, a.Label.En)
							break
						}
						require.NotEmpty(t, c.Bands)
						for _, b := range c.Bands {
							require.NotNil(t, engine.ProgramOf(b))
							assert.Subset(t, c.Facts, engine.ProgramOf(b).Facts)
						}
					default:
						t.Errorf("unknown kind %q", c.Kind)
					}
					if c.Kind == criteria.Exemption {
						g := s.Criterion(c.Exempts)
						require.NotNil(t, g)
						assert.Equal(t, criteria.Gate, g.Kind)
					}
				})
			}
		})
	}
}
