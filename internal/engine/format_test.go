package engine

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/smetier/smetier"
)

// Figures are shown rounded to two decimals, marked ≈ when rounding changed them, and in the
// words of each language: no "yes" in Chinese, no 项 in English.
func TestFormat(t *testing.T) {
	for _, c := range []struct {
		v      any
		unit   string
		zh, en string
	}{
		{true, "", "是", "yes"},
		{false, "", "否", "no"},
		{int64(0), "项", "0项", "0"},
		{int64(4), "项", "4项", "4"},
		{int64(17), "年", "17年", "17 years"},
		{int64(1), "年", "1年", "1 year"},
		{int64(3), "名", "3名", "3"},
		{int64(2), "级", "2级", "level 2"},
		{68.0, "分", "68分", "68 points"},
		{68.5, "分", "68.5分", "68.5 points"},
		{14.08090474, "%", "≈14.08%", "≈14.08%"},
		{6.5, "%", "6.5%", "6.5%"},
		{4.999, "%", "≈5%", "≈5%"},
		{5.0, "%", "5%", "5%"},
		{0.30000000000000004, "%", "0.3%", "0.3%"}, // float noise is not rounding
		{-2.5, "%", "−2.5%", "−2.5%"},
		{-0.001, "%", "≈0%", "≈0%"},
		{3.0, "万元", "3万元", "¥30,000"},
		{6556.8, "万元", "6,556.8万元", "¥65,568,000"},
		{1234.567891, "万元", "≈1,234.57万元", "¥12,345,678.91"},
		{96000.0, "万元", "96,000万元", "¥960,000,000"},
		{1234567.891, "元", "¥1,234,567.89", "¥1,234,567.89"},
		{-3000000.0, "元", "−¥3,000,000", "−¥3,000,000"},
		{221.0, "人", "221人", "221 people"},
		{math.NaN(), "%", "n/a", "n/a"},
		{math.Inf(1), "%", "n/a", "n/a"},
		{"C3812", "", "C3812", "C3812"},
		{"provincial", "", "省级", "provincial"},
		{"none", "", "无", "none"},
		{"small", "", "小型", "small"},
		{nil, "", "?", "?"},
	} {
		assert.Equal(t, smetier.Text{Zh: c.zh, En: c.en}, Format(c.v, c.unit), "%v %s", c.v, c.unit)
	}
}
