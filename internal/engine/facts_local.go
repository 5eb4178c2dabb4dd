package engine

import (
	"github.com/smetier/smetier"
)

// factsLocal returns facts that provincial programs need and the national rules do not: the
// Guangdong provincial champion counts invention patents (粤工信规字〔2024〕1号 第六条（三）
// "两项以上有效发明专利"), and the Zhejiang hidden champion asks for ten years of continuous
// operation (浙经信企业〔2025〕233号 "连续经营10年以上").
func factsLocal() []Fact {
	needEstablished := need("established", t("成立日期", "date of establishment"))
	return []Fact{
		{Name: "ip.invention", Type: Int, Unit: "项",
			Label: t("有效发明专利数（含国防专利）", "valid invention patents (incl. defence patents)"),
			eval:  func(o *observer) value { return o.inventions() }},
		{Name: "ent.years", Type: Int, Unit: "年",
			Label: t("截至评价日成立（经营）整年数", "full years since establishment at the as-of date"),
			eval: func(o *observer) value {
				if o.p.Established == nil {
					return unknown(needEstablished...)
				}
				// The whole as-of day counts, as for segment.years_to_date: count to the day after.
				n := o.p.Established.FullYearsUntil(smetier.DateOf(o.asOf.Time().AddDate(0, 0, 1)))
				if n < 0 {
					n = 0
				}
				return known(int64(n))
			}},
	}
}

// inventions counts the invention (and defence) patents granted on or before the as-of date.
// Unlike the class-I counts of 63号 it has no holding period for patents transferred in: the
// provincial texts ask what the enterprise owns ("拥有"), not what it developed.
func (o *Observer) inventions() value {
	if o.p.IP == nil {
		return unknown(needIP...)
	}
	var n int64
	var miss []smetier.Input
	for i := range o.p.IP {
		r := &o.p.IP[i]
		if r.Kind != smetier.InventionPatent && r.Kind != smetier.DefensePatent {
			continue
		}
		if r.Granted == nil {
			miss = append(miss, o.ipInput(i, ipGranted))
			continue
		}
		if !r.Granted.After(o.asOf) {
			n++
		}
	}
	if miss != nil {
		return unknown(miss...)
	}
	return known(n)
}
