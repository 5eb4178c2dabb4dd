package engine

import (
	"github.com/smetier/smetier"
)

// factsChampion returns the facts only the manufacturing single-champion rules (制造业单项冠军:
// 工信部产业〔2016〕105号, 工信部政法〔2023〕138号) need.
func factsChampion() []Fact {
	needIndustry := need("industry", t("国民经济行业分类代码", "GB/T 4754 industry code"))
	return []Fact{
		{Name: "industry.manufacturing", Type: Bool,
			Label: t("主营业务属于制造业（国民经济行业分类门类C）", "main business is manufacturing (GB/T 4754 section C)"),
			eval: func(o *observer) value {
				if o.p.Industry == "" {
					return unknown(needIndustry...)
				}
				return known(o.p.Industry[0] == 'C')
			}},
		{Name: "main_revenue.avg_3y", Type: Double, Unit: "万元",
			Label: t("近三年主营业务收入平均值", "main-business revenue, average of the last 3 years"),
			eval:  func(o *observer) value { return o.sumYears("main_revenue", 3, true) }},
		{Name: "compliance.environment_3y", Type: Int, Unit: "项",
			Label: t("近三年环境违法记录", "environmental violations in the last 3 years"),
			eval:  func(o *observer) value { return o.incidents3y(smetier.EnvironmentIncident) }},
	}
}

// incidents3y counts the incidents of the given kinds (all kinds when none is given) dated in
// the three years up to the as-of date, as compliance.incidents_3y does.
func (o *Observer) incidents3y(kinds ...smetier.IncidentKind) value {
	if o.p.Compliance == nil || o.p.Compliance.Incidents == nil {
		return unknown(needIncidents...)
	}
	from := o.asOf.AddYears(-3)
	var n int64
	for _, i := range o.p.Compliance.Incidents {
		if i.Date.Before(from) || i.Date.After(o.asOf) {
			continue
		}
		if len(kinds) == 0 {
			n++
			continue
		}
		for _, k := range kinds {
			if i.Kind == k {
				n++
				break
			}
		}
	}
	return known(n)
}
