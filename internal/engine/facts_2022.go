package engine

import (
	"fmt"

	"github.com/smetier/smetier"
)

// facts2022 returns the facts only the 2022 regime (工信部企业〔2022〕63号) needs.
func facts2022() []Fact {
	return []Fact{
		{Name: "ip.class2_main_over2y", Type: Int, Unit: "项",
			Label: t("与主导产品相关的有效Ⅱ类知识产权数（实用新型、外观设计须授权后维持超过2年）",
				"valid class-II IP rights related to the main product (utility models and designs only once maintained more than 2 years after grant)"),
			eval: func(o *observer) value { return o.class2MainOver2y() }},
		{Name: "rdi.top_level", Type: String,
			Label: t("自建或合作共建研发机构的最高级别（national/provincial/municipal/district/none）",
				"highest level of an own or joint R&D institution (national/provincial/municipal/district/none)"),
			eval: func(o *observer) value { return o.rdiTopLevel() }},
		{Name: "segment.years_to_date", Type: Int, Unit: "年",
			Label: t("截至评价日从事特定细分市场年限", "full years in the market segment at the as-of date"),
			eval: func(o *observer) value {
				if o.p.Segment == nil || o.p.Segment.Since == nil {
					return unknown(needSegmentSince...)
				}
				// 截至评价日 includes the whole as-of day, as segment.years includes 31 December:
				// count to the day after.
				n := o.p.Segment.Since.FullYearsUntil(smetier.DateOf(o.asOf.Time().AddDate(0, 0, 1)))
				if n < 0 {
					n = 0
				}
				return known(int64(n))
			}},
		{Name: "award.maker_top50_3y", Type: Bool,
			Label: t("近三年进入“创客中国”中小企业创新创业大赛全国50强企业组名单", "in the Maker China national top-50 enterprise group in the last 3 years"),
			eval:  func(o *observer) value { return o.makerTop50() }},
	}
}

// class2MainOver2y counts class-II rights related to the main product under the 63号 definition:
// software copyrights related to the main product, and utility-model or design patents maintained
// more than 2 years (超过, strictly) after grant on the as-of date; a right transferred in counts
// once it has been held for a year, as in ipQuery without own.
func (o *Observer) class2MainOver2y() value {
	if o.p.IP == nil {
		return unknown(needIP...)
	}
	items := make([]*cond, 0, len(o.p.IP))
	for i, r := range o.p.IP {
		c := newCond()
		c.check(r.Kind.Class() == 2)
		if r.Granted == nil {
			c.unknownIf(true, o.ipInput(i, ipGranted))
		} else if r.Kind == smetier.SoftwareCopyright {
			c.check(!r.Granted.After(o.asOf))
		} else {
			c.check(r.Granted.AddYears(2).Before(o.asOf))
		}
		c.requireLazy(r.MainProduct, true, func() smetier.Input { return o.ipInput(i, ipMainProduct) })
		if r.TransferredIn == nil {
			c.unknownIf(true, o.ipInput(i, ipTransferredIn))
		} else if *r.TransferredIn {
			if r.TransferredOn == nil {
				c.unknownIf(true, o.ipInput(i, ipTransferredOn))
			} else {
				c.check(!r.TransferredOn.After(o.asOf.AddYears(-1)))
			}
		}
		items = append(items, c)
	}
	return countOf(items)
}

// rdiTopLevel is the highest level among the enterprise's own and joint R&D institutions.
func (o *Observer) rdiTopLevel() value {
	if o.p.RDInstitutions == nil {
		return unknown(needRDInstitutions...)
	}
	best := smetier.Level("")
	for _, r := range o.p.RDInstitutions {
		if r.Level.Rank() > best.Rank() {
			best = r.Level
		}
	}
	if best == "" {
		return known("none")
	}
	return known(string(best))
}

// makerTop50 says whether the enterprise was in the Maker China national top-50 enterprise group
// in fiscal years Y−3 … Y−1. The profile records only the top-500 listing: without one the answer
// is no (the top 50 are a subset of the top 500); with one, whether it was also a top-50 listing is
// left to the authority (an official input naming the listing).
func (o *Observer) makerTop50() value {
	if o.p.Awards == nil {
		return unknown(needAwards...)
	}
	var miss []smetier.Input
	for i, a := range o.p.Awards {
		if a.Kind != smetier.MakerChinaTop500 || a.Year < o.year-3 || a.Year > o.year-1 {
			continue
		}
		miss = append(miss, smetier.Input{Path: fmt.Sprintf("awards[%d]", i), Official: true,
			Label: t(fmt.Sprintf("%d年“创客中国”全国500强名单是否同时为50强企业组（由主管部门核实）", a.Year),
				fmt.Sprintf("whether the %d Maker China top-500 listing is also a top-50 listing (checked by the authority)", a.Year))})
	}
	if miss != nil {
		return unknown(miss...)
	}
	return known(false)
}
