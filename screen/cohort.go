package screen

import (
	"fmt"
	"strings"

	"github.com/smetier/smetier"
)

// Indicator is one trait of the cohort profile: the “56789” by which the national little
// giants were described (over 50% with R&D above 1000万元, 60% with a main product in the
// industrial “six basics”, 70% ten years or more in their segment, 80% first in their
// province's segment, 90% in manufacturing). An indicator whose inputs the profile lacks would
// have Available false and say why in Basis.
type Indicator struct {
	ID    string       `json:"id"`
	Title smetier.Text `json:"title"`
	// Basis says which profile fields decide it, or, when Available is false, why the
	// profile cannot tell.
	Basis     smetier.Text `json:"basis"`
	Available bool         `json:"available"`
}

const nIndicators = 5

// Indicators lists the traits of the cohort profile, in the order of the “56789”.
func Indicators() []Indicator {
	return []Indicator{
		{ID: "rd_10m", Available: true,
			Title: smetier.Text{Zh: "上年度研发费用 ≥ 1000万元", En: "R&D expense ≥ ¥10 million in the last fiscal year"},
			Basis: smetier.Text{Zh: "years.<上年度>.rd_expense", En: "years.<last fiscal year>.rd_expense"}},
		{ID: "six_basics", Available: true,
			Title: smetier.Text{Zh: "主导产品属于工业“六基”", En: "main product in the industrial “six basics”"},
			Basis: smetier.Text{Zh: "main_product.six_basics", En: "main_product.six_basics"}},
		{ID: "segment_10y", Available: true,
			Title: smetier.Text{Zh: "从事特定细分市场 ≥ 10年", En: "≥ 10 years in the market segment"},
			Basis: smetier.Text{Zh: "segment.since，截至上年度末的整年数", En: "segment.since, full years to the end of the last fiscal year"}},
		{ID: "province_first", Available: true,
			Title: smetier.Text{Zh: "主导产品细分市场占有率省内第一", En: "first in the province's market segment"},
			Basis: smetier.Text{Zh: "segment.provincial_rank = 1", En: "segment.provincial_rank = 1"}},
		{ID: "manufacturing", Available: true,
			Title: smetier.Text{Zh: "属于制造业", En: "in manufacturing"},
			Basis: smetier.Text{Zh: "industry 属于 GB/T 4754-2017 门类 C（制造业）", En: "industry in GB/T 4754-2017 section C (manufacturing)"}},
	}
}

// indicatorAvailable is Indicators' Available, by indicator.
var indicatorAvailable = func() (out [nIndicators]bool) {
	for k, ind := range Indicators() {
		out[k] = ind.Available
	}
	return out
}()

// indicators computes the traits of one enterprise: 1 yes, 0 no, -1 unknown.
func indicators(p *smetier.Profile, asOf smetier.Date) [nIndicators]int8 {
	tri := func(b *bool) int8 {
		if b == nil {
			return -1
		}
		if *b {
			return 1
		}
		return 0
	}
	of := func(b bool) int8 {
		if b {
			return 1
		}
		return 0
	}
	out := [nIndicators]int8{-1, -1, -1, -1, -1}
	fy1 := asOf.Year - 1
	if fy, ok := p.Years[fy1]; ok && fy.RDExpense != nil {
		out[0] = of(*fy.RDExpense >= smetier.Wan(1000))
	}
	if p.MainProduct != nil {
		out[1] = tri(p.MainProduct.SixBasics)
	}
	if p.Segment != nil && p.Segment.Since != nil {
		out[2] = of(p.Segment.Since.FullYearsUntil(smetier.NewDate(fy1, 12, 31)) >= 10)
	}
	if p.Segment != nil && p.Segment.ProvincialRank != nil {
		out[3] = of(*p.Segment.ProvincialRank == 1)
	}
	if p.Industry != "" {
		out[4] = of(strings.HasPrefix(p.Industry, "C"))
	}
	return out
}

// Share is how many of a group have a trait.
type Share struct {
	Yes   int `json:"yes"`
	Known int `json:"known"` // enterprises for which the trait is known
	Total int `json:"total"`
}

// Pct is Yes as a percentage of Known; NaN-free: 0 when nothing is known.
func (s Share) Pct() float64 {
	if s.Known == 0 {
		return 0
	}
	return 100 * float64(s.Yes) / float64(s.Known)
}

// String is "3/5 (60.0%), 2 unknown".
func (s Share) String() string {
	if s.Known == 0 {
		return fmt.Sprintf("—, %d unknown", s.Total)
	}
	out := fmt.Sprintf("%d/%d (%.1f%%)", s.Yes, s.Known, s.Pct())
	if u := s.Total - s.Known; u > 0 {
		out += fmt.Sprintf(", %d unknown", u)
	}
	return out
}

// CohortGroup is the profile of a group: the whole cohort, or those qualified for a rung.
type CohortGroup struct {
	Key   string       `json:"key"` // "cohort" or the rung's key
	Title smetier.Text `json:"title"`
	Size  int          `json:"size"`
	// Shares is by indicator, in Indicators order; an unavailable indicator has a zero Share.
	Shares []Share `json:"shares"`
}

// Cohort is the cohort profile.
type Cohort struct {
	Indicators []Indicator   `json:"indicators"`
	Groups     []CohortGroup `json:"groups"`
}

// count adds enterprise e to the group.
func (g *CohortGroup) count(e *Enterprise) {
	g.Size++
	for k, ok := range indicatorAvailable {
		if !ok {
			continue // an unavailable indicator keeps a zero Share
		}
		s := &g.Shares[k]
		s.Total++
		if e.ind[k] >= 0 {
			s.Known++
			s.Yes += int(e.ind[k])
		}
	}
}
