package engine

import (
	"github.com/smetier/smetier"
)

// factsQuality returns the facts of quality and management items: the four items of 质量管理水平
// in 工信部企业〔2022〕63号 附件2 二（二）6 (省级以上质量奖, ISO9001等质量管理体系认证, 自主品牌,
// 参与制修订标准) that product.own_brand and cert.quality_management do not already cover, and the
// "相关管理体系认证" of 附件3 二, which is not limited to quality management.
func factsQuality() []Fact {
	needControl := need("group.little_giant_control", t("是否与已认定“小巨人”企业存在控股关系", "controlling relationship with a recognised little giant"))
	needSimilar := need("group.similar_product_little_giant", t("同一集团内生产相似主导产品的企业是否已认定为“小巨人”", "group company with similar main products already a little giant"))
	return []Fact{
		{Name: "award.quality_provincial", Type: Bool,
			Label: t("获得省级以上质量奖", "holds a provincial-or-higher quality award"),
			eval:  func(o *observer) value { return o.qualityAward() }},
		{Name: "standard.participated", Type: Bool,
			Label: t("主持或参与制修订国际、国家、行业、地方或团体标准", "led or took part in drafting an international, national, industry, local or group standard"),
			eval:  func(o *observer) value { return o.standardParticipated() }},
		{Name: "group.little_giant_control", Type: Bool,
			Label: t("与已认定的专精特新“小巨人”企业存在控股关系", "controls or is controlled by a recognised little giant"),
			eval: func(o *observer) value {
				if o.p.Group == nil {
					return unknown(needControl...)
				}
				return optBool(o.p.Group.LittleGiantControl, needControl)
			}},
		{Name: "group.similar_product_little_giant", Type: Bool,
			Label: t("同一集团内生产相似主导产品的企业已认定为“小巨人”", "a group company making similar main products is a recognised little giant"),
			eval: func(o *observer) value {
				if o.p.Group == nil {
					return unknown(needSimilar...)
				}
				return optBool(o.p.Group.SimilarProductLittleGiant, needSimilar)
			}},
		{Name: "title.specialized_sme_provincial", Type: Bool,
			Label: t("持有有效的省级以上专精特新中小企业称号", "holds a valid provincial-or-higher specialized SME title"),
			eval:  func(o *observer) value { return o.titleAtLeast(smetier.TitleSpecializedSME, smetier.Provincial) }},
		{Name: "cert.management_system", Type: Bool,
			Label: t("取得有效的管理体系认证（质量、环境、职业健康安全、信息安全等）", "holds a valid management-system certification (quality, environment, health and safety, information security, …)"),
			eval: func(o *observer) value {
				q := o.cert(smetier.QualityManagementCert)
				if q.typ == boolValue && q.b {
					return q
				}
				m := o.cert(smetier.ManagementSystemCert)
				switch {
				case m.typ == boolValue && m.b:
					return m
				case q.typ == boolValue && m.typ == boolValue:
					return known(false)
				}
				// At least one is unknown and neither holds: name what each lacks.
				var miss []smetier.Input
				if q.missing != nil {
					miss = append(miss, q.missing...)
				}
				if m.missing != nil {
					miss = append(miss, m.missing...)
				}
				return unknown(dedupInputs(miss)...)
			}},
	}
}

// qualityAward says whether the enterprise has won a quality award of provincial level or above
// (省级以上质量奖) in or before the application year. 63号 附件2 sets no period for it, unlike the
// 近三年 of its science and technology awards.
func (o *Observer) qualityAward() value {
	if o.p.Awards == nil {
		return unknown(needAwards...)
	}
	for _, a := range o.p.Awards {
		if a.Kind == smetier.QualityAward && a.Level.Rank() >= smetier.Provincial.Rank() && a.Year <= o.year {
			return known(true)
		}
	}
	return known(false)
}

// standardParticipated says whether the enterprise led or took part in drafting or revising a
// standard published in or before the application year (a standard without a year counts).
func (o *Observer) standardParticipated() value {
	if o.p.Standards == nil {
		return unknown(needStandards...)
	}
	for _, s := range o.p.Standards {
		if s.Year == 0 || s.Year <= o.year {
			return known(true)
		}
	}
	return known(false)
}
