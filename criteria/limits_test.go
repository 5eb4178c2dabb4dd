package criteria_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/criteria"
)

// ScoreFile writes a score rule set: items items of bands bands each (points step, 2·step, …),
// spread over the parts, with the given pass mark and part minimum.
func scoreFile(items, bands, parts, passMark, minimum, step int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `kind: rule-set
id: test-score-bounds
tier: innovative_sme
jurisdiction: "440000"
title: {zh: 评分边界, en: Score bounds}
doc: 测试〔2026〕9号
from: 2026-01-01
score:
  pass_mark: %d
  parts:
`, passMark)
	for p := range parts {
		fmt.Fprintf(&b, "    - {id: p%d, title: {zh: 维度%d, en: part %d}, minimum: %d}\n", p, p, p, minimum)
	}
	b.WriteString("criteria:\n")
	for i := range items {
		fmt.Fprintf(&b, "  - id: item%d\n    kind: score\n    part: p%d\n    title: {zh: 项%d, en: item %d}\n    cite: 第%d项\n    bands:\n", i, i%parts, i, i, i+1)
		for k := bands; k >= 1; k-- {
			fmt.Fprintf(&b, "      - {when: \"fy1.rd_ratio_pct >= %d\", points: %d, label: {zh: 档%d, en: band %d}}\n", k*(i+1), k*step+i, k, k)
		}
	}
	return b.String()
}

// Score sections are checked at load against what score plans can search: the file
// (pass mark 5000, four parts of minimum 300) used to load and then exhaust memory.
func TestLoadRejectsUnboundedScoreSections(t *testing.T) {
	cases := []struct {
		name string
		file string
		frag string
	}{
		{"issue 13: pass mark 5000, 4 parts of 300", scoreFile(12, 6, 4, 5000, 300, 100), "pass_mark 5000: want 1 to 1000"},
		{"pass mark 0", scoreFile(2, 2, 1, 0, 0, 10), "pass_mark 0"},
		{"nine parts", scoreFile(9, 2, 9, 10, 0, 10), "9 parts, at most 8"},
		{"minimum out of range", scoreFile(12, 6, 1, 100, 1001, 100), "minimum 1001: want 0 to 1000"},
		{"minimum beyond the part's items", scoreFile(2, 2, 2, 10, 30, 10), `minimum 30 is more than its items can give (20)`},
		{"pass mark beyond the items", scoreFile(2, 2, 1, 100, 0, 10), "pass_mark 100 is more than the items can give (41)"},
		{"points out of range", scoreFile(1, 2, 1, 10, 0, 600), "gives 1200 points: want 0 to 1000"},
		{"too fine-grained", scoreFile(16, 6, 4, 1000, 60, 100), "too fine-grained"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := criteria.Load(criteria.BuiltinFS(), fstest.MapFS{"s.yaml": {Data: []byte(tc.file)}})
			require.Error(t, err)
			assert.True(t, errors.Is(err, criteria.ErrInvalidRule), "%v", err)
			assert.Contains(t, err.Error(), tc.frag)
		})
	}
	// The boundaries themselves load: 8 parts, pass mark 1000 reachable.
	for _, f := range []string{scoreFile(8, 2, 8, 10, 1, 10), scoreFile(40, 2, 1, 1000, 0, 20)} {
		_, err := criteria.Load(criteria.BuiltinFS(), fstest.MapFS{"s.yaml": {Data: []byte(f)}})
		assert.NoError(t, err)
	}
}

// manyGates is a rule file of n gates.
func manyGates(n int) string {
	var b strings.Builder
	b.WriteString("kind: rule-set\nid: test-many\ntier: innovative_sme\njurisdiction: \"440000\"\ntitle: {zh: 多, en: Many}\ndoc: 测试〔2026〕7号\nfrom: 2026-01-01\ncriteria:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {id: g%d, kind: gate, title: {zh: 门槛%d, en: gate %d}, cite: 第%d条, expr: \"fy1.employees >= %d\"}\n", i, i, i, i, i)
	}
	return b.String()
}

// Rule files are bounded in size and in criteria, next to the cost of each expression: a 10 MB
// file of 60 000 criteria used to load and make every classification take seconds (issue 13).
func TestLoadLimits(t *testing.T) {
	load := func(file string, opts ...criteria.Option) error {
		fsys := fstest.MapFS{"f.yaml": {Data: []byte(file)}}
		_, err := criteria.New(append([]criteria.Option{criteria.FromFS(fsys)}, opts...)...)
		if err != nil {
			return err
		}
		_, _, err = criteria.Parse("f.yaml", []byte(file), opts...)
		return err
	}
	cases := []struct {
		name string
		file string
		opts []criteria.Option
		want error
	}{
		{"default criteria limit", manyGates(criteria.DefaultMaxCriteria), nil, nil},
		{"one criterion over", manyGates(criteria.DefaultMaxCriteria + 1), nil, criteria.ErrTooManyCriteria},
		{"lower criteria limit", manyGates(11), []criteria.Option{criteria.MaxCriteria(10)}, criteria.ErrTooManyCriteria},
		{"bands count", scoreFile(4, 3, 1, 10, 0, 10), []criteria.Option{criteria.MaxCriteria(15)}, criteria.ErrTooManyCriteria},
		{"bands within", scoreFile(4, 3, 1, 10, 0, 10), []criteria.Option{criteria.MaxCriteria(16)}, nil},
		{"size over", manyGates(3), []criteria.Option{criteria.MaxFileBytes(int64(len(manyGates(3)) - 1))}, criteria.ErrFileTooLarge},
		{"size exactly", manyGates(3), []criteria.Option{criteria.MaxFileBytes(int64(len(manyGates(3))))}, nil},
		{"default size", manyGates(1) + strings.Repeat("# padding\n", criteria.DefaultMaxFileBytes/10), nil, criteria.ErrFileTooLarge},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := load(tc.file, tc.opts...)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			assert.ErrorIs(t, err, criteria.ErrInvalidRule)
			var le *criteria.LoadError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, "f.yaml", le.File)
		})
	}
}
