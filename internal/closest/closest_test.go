package closest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"fy1.rd_ratio_pct", "fy1.rd_ratio_pc", 1},
		{"fy1.rd_ratio_pct", "fy2.rd_ratio_pct", 1},
		{"营业收入", "营业总收入", 1}, // runes, not bytes
		{"ab", "ba", 2},
	} {
		assert.Equal(t, tc.want, Distance(tc.a, tc.b), "%q/%q", tc.a, tc.b)
		assert.Equal(t, tc.want, Distance(tc.b, tc.a), "symmetric %q/%q", tc.b, tc.a)
	}
}

func TestName(t *testing.T) {
	names := []string{"operating_revenue", "main_revenue", "rd_expense"}
	assert.Equal(t, "main_revenue", Name("main_revnue", names, 3))
	assert.Equal(t, "", Name("employees", names, 3), "nothing close")
	assert.Equal(t, "", Name("rd_expenses_total", names, 3), "too far for the limit")
	assert.Equal(t, "rd_expense", Name("rd_expenses_total", names, 8))
	assert.Equal(t, "", Name("x", nil, 3))
	// Ties go to the earliest candidate.
	assert.Equal(t, "ab", Name("a", []string{"ab", "ac"}, 3))
}
