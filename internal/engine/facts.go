package engine

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/smetier/smetier"
)

// FactType is the CEL type of a fact.
type FactType string

// Fact types.
const (
	Bool   FactType = "bool"
	Int    FactType = "int"
	Double FactType = "double"
	String FactType = "string"
)

func (t FactType) celType() *cel.Type {
	switch t {
	case Bool:
		return cel.BoolType
	case Int:
		return cel.IntType
	case Double:
		return cel.DoubleType
	}
	return cel.StringType
}

// Fact is a fact as the engine holds it: the fields of criteria.Fact, which documents them and
// what a fact is, plus how to compute it. criteria copies the exported fields into its own type,
// so that users see the vocabulary and not the machinery.
type Fact struct {
	Name       string
	Type       FactType
	Unit       string
	Label      smetier.Text
	Yearly     bool
	YearOffset int
	Official   bool
	Fixed      bool

	eval  func(o *observer) value
	index int
	// obtain and avoid are the messages of the gaps of a boolean fact that must become true or
	// false, made once (see messages).
	obtain, avoid smetier.Text
}

// messages sets the gap messages of a boolean fact.
func (f *Fact) messages() {
	if f.Type == Bool {
		f.obtain = smetier.Text{Zh: "需要：" + f.Label.Zh, En: "needed: " + f.Label.En}
		f.avoid = smetier.Text{Zh: "不得：" + f.Label.Zh, En: "must not be: " + f.Label.En}
	}
}

// value is a computed fact of one of the four fact types, held unboxed: a boxed number costs an
// allocation, and a classification computes dozens of facts most of which are only compared.
// missing is non-nil when the fact cannot be computed and names the inputs it needs.
type value struct {
	typ     valueType
	b       bool
	gen     uint32 // the observer generation that computed it (see Observer.gen)
	n       int64  // an Int, or the bits of a Double
	s       string
	missing []smetier.Input
}

// valueType is a value's fact type, in a byte: values are copied on every fact computed.
type valueType uint8

// The zero valueType belongs to a slot never computed; Observer.gen tells stale slots apart.
const (
	missingValue valueType = iota + 1
	boolValue
	intValue
	doubleValue
	stringValue
)

// f returns a Double value.
func (v *value) f() float64 { return math.Float64frombits(uint64(v.n)) }

// fact is the set of Go types a fact can have.
type fact interface {
	bool | int64 | float64 | string
}

func known[T fact](x T) value {
	switch x := any(x).(type) {
	case bool:
		return value{typ: boolValue, b: x}
	case int64:
		return value{typ: intValue, n: x}
	case float64:
		return value{typ: doubleValue, n: int64(math.Float64bits(x))}
	case string:
		return value{typ: stringValue, s: x}
	}
	panic("unreachable")
}

// any returns the value boxed (nil when missing), for reports and the Value API.
func (v *value) any() any {
	switch v.typ {
	case boolValue:
		return v.b
	case intValue:
		return v.n
	case doubleValue:
		return v.f()
	case stringValue:
		return v.s
	}
	return nil
}

// number returns a numeric fact as a float64 (NaN for other types).
func (v *value) number() float64 {
	switch v.typ {
	case intValue:
		return float64(v.n)
	case doubleValue:
		return v.f()
	}
	return math.NaN()
}

// celVal returns the value as a CEL value.
func (v *value) celVal() ref.Val {
	switch v.typ {
	case boolValue:
		return types.Bool(v.b)
	case intValue:
		return types.Int(v.n)
	case doubleValue:
		return types.Double(v.f())
	case stringValue:
		return types.String(v.s)
	}
	return types.NewErr("criteria: fact value of unexpected type %d", v.typ)
}

// unknown is a missing fact. Readers test missing != nil, so it is never nil, even with no
// inputs to name. unknown(list...) keeps list itself, which may be shared (need).
func unknown(in ...smetier.Input) value {
	if in == nil {
		in = []smetier.Input{}
	}
	return value{typ: missingValue, missing: in}
}

// need returns the missing-input list of a fact that lacks one input whatever the profile: made
// once, when the facts are built, and shared by every value that lacks it (nothing writes to a
// value's list: reports get copies, see Observer.eval), where a list per missing fact was
// three allocations of every classification of an incomplete profile.
func need(path string, label smetier.Text) []smetier.Input {
	return []smetier.Input{{Path: path, Label: label}}
}

// The inputs a list-valued part of the profile is missing as (nil rather than empty).
var (
	needIP             = need("ip", t("知识产权清单（无则填空列表）", "IP rights ([] if none)"))
	needAwards         = need("awards", t("获奖情况（无则填空列表）", "awards ([] if none)"))
	needCertifications = need("certifications", t("资质证书（无则填空列表）", "certifications ([] if none)"))
	needTitles         = need("titles", t("已获称号（无则填空列表）", "titles held ([] if none)"))
	needFinancing      = need("financing", t("股权融资记录（无则填空列表）", "equity financing rounds ([] if none)"))
	needRDInstitutions = need("rd_institutions", t("研发机构（无则填空列表）", "R&D institutions ([] if none)"))
	needStandards      = need("standards", t("主持或参与制修订的标准（无则填空列表）", "standards led or drafted ([] if none)"))
	needIncidents      = need("compliance.incidents", t("近三年合规记录（无则填空列表）", "compliance incidents of the last 3 years ([] if none)"))
	needSegmentSince   = need("segment.since", t("进入细分市场的时间", "date of entering the market segment"))
)

// Facts returns the fact vocabulary, sorted by name.
func Facts() []Fact {
	out := make([]Fact, len(factList))
	copy(out, factList)
	return out
}

// LookupFact returns the fact called name.
func LookupFact(name string) (Fact, bool) {
	f, ok := factIndex[name]
	if !ok {
		return Fact{}, false
	}
	return *f, true
}

var (
	factList  = buildFacts()
	factIndex = func() map[string]*Fact {
		m := make(map[string]*Fact, len(factList))
		for i := range factList {
			factList[i].index = i
			factList[i].messages()
			m[factList[i].Name] = &factList[i]
		}
		return m
	}()
	// factEvals holds each fact's function by index, densely: the observer calls them on every
	// classification, and a Fact is mostly labels.
	factEvals = func() []func(*observer) value {
		fs := make([]func(*observer) value, len(factList))
		for i := range factList {
			fs[i] = factList[i].eval
		}
		return fs
	}()
)

func t(zh, en string) smetier.Text { return smetier.Text{Zh: zh, En: en} }

// yearFigure describes a raw per-year figure of FiscalYear.
type yearFigure struct {
	idx   int // index in yearFigures
	key   string
	label smetier.Text
	money func(*smetier.FiscalYear) *smetier.Money
	count func(*smetier.FiscalYear) *int
}

var yearFigures = numbered([]yearFigure{
	{key: "operating_revenue", label: t("营业收入", "operating revenue"), money: func(f *smetier.FiscalYear) *smetier.Money { return f.OperatingRevenue }},
	{key: "main_revenue", label: t("主营业务收入", "main-business revenue"), money: func(f *smetier.FiscalYear) *smetier.Money { return f.MainRevenue }},
	{key: "rd_expense", label: t("研发费用", "R&D expense"), money: func(f *smetier.FiscalYear) *smetier.Money { return f.RDExpense }},
	{key: "total_assets", label: t("资产总额", "total assets"), money: func(f *smetier.FiscalYear) *smetier.Money { return f.TotalAssets }},
	{key: "total_liabilities", label: t("负债总额", "total liabilities"), money: func(f *smetier.FiscalYear) *smetier.Money { return f.TotalLiabilities }},
	{key: "net_profit", label: t("净利润", "net profit"), money: func(f *smetier.FiscalYear) *smetier.Money { return f.NetProfit }},
	{key: "product_revenue", label: t("特定细分产品销售收入", "main-product (segment) sales revenue"), money: func(f *smetier.FiscalYear) *smetier.Money { return f.ProductRevenue }},
	{key: "employees", label: t("从业人员", "employees"), count: func(f *smetier.FiscalYear) *int { return f.Employees }},
	{key: "rd_staff", label: t("研发人员", "R&D staff"), count: func(f *smetier.FiscalYear) *int { return f.RDStaff }},
})

func numbered(fs []yearFigure) []yearFigure {
	for i := range fs {
		fs[i].idx = i
	}
	return fs
}

func figureByKey(key string) yearFigure {
	for _, f := range yearFigures {
		if f.key == key {
			return f
		}
	}
	panic("criteria: no year figure " + key)
}

// yearInput names a per-year input for messages.
func yearInput(year int, fig yearFigure) smetier.Input {
	return smetier.Input{
		Path:  "years." + strconv.Itoa(year) + "." + fig.key,
		Label: t(strconv.Itoa(year)+"年"+fig.label.Zh, fig.label.En+" "+strconv.Itoa(year)),
	}
}

// ratio describes a per-year percentage num/den×100.
type ratio struct {
	key, num, den string
	label         smetier.Text
}

var yearRatios = []ratio{
	{"rd_ratio_pct", "rd_expense", "operating_revenue", t("研发费用占营业收入比重", "R&D expense / operating revenue")},
	{"main_share_pct", "main_revenue", "operating_revenue", t("主营业务收入占营业收入比重", "main-business revenue / operating revenue")},
	{"debt_ratio_pct", "total_liabilities", "total_assets", t("资产负债率", "debt-to-asset ratio")},
	{"net_margin_pct", "net_profit", "operating_revenue", t("净利率", "net profit margin")},
	{"product_share_pct", "product_revenue", "operating_revenue", t("特定细分产品销售收入占营业收入比重", "main-product sales / operating revenue")},
	{"rd_staff_pct", "rd_staff", "employees", t("研发人员占比", "R&D staff / employees")},
}

func buildFacts() []Fact {
	needMainland := need("mainland_legal_person", t("是否境内注册独立法人", "mainland legal person"))
	var fs []Fact
	add := func(f Fact) { fs = append(fs, f) }

	add(Fact{Name: "application.renewal", Type: Bool, Fixed: true, Label: t("是否为复核申请", "renewal application"),
		eval: func(o *observer) value { return known(o.renewal) }})
	add(Fact{Name: "ent.mainland_legal_person", Type: Bool, Label: t("在中国境内注册、具有独立法人资格", "registered in mainland China as an independent legal person"),
		eval: func(o *observer) value { return optBool(o.p.MainlandLegalPerson, needMainland) }})
	add(Fact{Name: "size.sme", Type: Bool, Label: t("属于中小企业（划型标准）", "is an SME under the size standard"),
		eval: func(o *observer) value {
			r := o.size()
			if r.SME == nil {
				return unknown(r.Missing...)
			}
			return known(*r.SME)
		}})
	add(Fact{Name: "size.class", Type: String, Label: t("企业规模类型", "size class"),
		eval: func(o *observer) value {
			r := o.size()
			if r.Class == "" {
				return unknown(r.Missing...)
			}
			return known(string(r.Class))
		}})

	// Compliance.
	needAbnormal := need("compliance.abnormal_list", t("是否列入经营异常名录", "on the business-abnormal list"))
	needDishonesty := need("compliance.serious_dishonesty", t("是否列入严重失信主体名单", "on the serious-dishonesty list"))
	needProhibited := need("compliance.prohibited_product", t("产品是否属于禁止、限制或淘汰类", "product in a prohibited/restricted/eliminated catalogue"))
	add(Fact{Name: "compliance.abnormal_list", Type: Bool, Label: t("被列入经营异常名录", "on the business-abnormal list"),
		eval: func(o *observer) value {
			return complianceBool(o, func(c *smetier.Compliance) *bool { return c.AbnormalList }, needAbnormal)
		}})
	add(Fact{Name: "compliance.serious_dishonesty", Type: Bool, Label: t("被列入严重失信主体名单", "on the serious-dishonesty list"),
		eval: func(o *observer) value {
			return complianceBool(o, func(c *smetier.Compliance) *bool { return c.SeriousDishonesty }, needDishonesty)
		}})
	add(Fact{Name: "compliance.prohibited_product", Type: Bool, Label: t("产品属于禁止、限制或淘汰类", "a product is prohibited, restricted or eliminated"),
		eval: func(o *observer) value {
			return complianceBool(o, func(c *smetier.Compliance) *bool { return c.ProhibitedProduct }, needProhibited)
		}})
	add(Fact{Name: "compliance.incidents_3y", Type: Int, Unit: "项", Label: t("近三年重大安全、质量、环境事故及偷漏税、数据造假等记录", "major incidents, tax evasion or data fraud in the last 3 years"),
		eval: func(o *observer) value { return o.incidents3y() }})

	// Per-year raw figures and ratios, 上年度 (fy1) back to fy3.
	for k := 1; k <= 3; k++ {
		for _, fig := range yearFigures {
			f := Fact{Name: fmt.Sprintf("fy%d.%s", k, fig.key), Yearly: true, YearOffset: k,
				Label: fig.label, eval: yearFigureEval(k, fig)}
			if fig.money != nil {
				f.Type, f.Unit = Double, "万元"
			} else {
				f.Type, f.Unit = Int, "人"
			}
			add(f)
		}
		for _, r := range yearRatios {
			add(Fact{Name: fmt.Sprintf("fy%d.%s", k, r.key), Type: Double, Unit: "%", Yearly: true, YearOffset: k,
				Label: r.label, eval: yearRatioEval(k, r)})
		}
	}
	for k := 1; k <= 2; k++ {
		add(Fact{Name: fmt.Sprintf("fy%d.main_growth_pct", k), Type: Double, Unit: "%", Yearly: true, YearOffset: k,
			Label: t("主营业务收入增长率", "main-business revenue growth"), eval: growthEval(k, "main_revenue")})
		add(Fact{Name: fmt.Sprintf("fy%d.revenue_growth_pct", k), Type: Double, Unit: "%", Yearly: true, YearOffset: k,
			Label: t("营业收入增长率", "operating revenue growth"), eval: growthEval(k, "operating_revenue")})
	}

	// Multi-year aggregates.
	add(Fact{Name: "rd.sum_2y", Type: Double, Unit: "万元", Label: t("近两年研发费用总额", "R&D expense, total of the last 2 years"),
		eval: func(o *observer) value { return o.sumYears("rd_expense", 2, false) }})
	add(Fact{Name: "rd.avg_2y", Type: Double, Unit: "万元", Label: t("近两年研发费用平均值", "R&D expense, average of the last 2 years"),
		eval: func(o *observer) value { return o.sumYears("rd_expense", 2, true) }})
	add(Fact{Name: "main_revenue.avg_growth_2y_pct", Type: Double, Unit: "%", Label: t("近两年主营业务收入平均增长率", "average main-business revenue growth of the last 2 years"),
		eval: avgGrowthEval("main_revenue")})
	add(Fact{Name: "revenue.cagr_2y_pct", Type: Double, Unit: "%", Label: t("近两年营业收入复合增长率", "operating revenue CAGR of the last 2 years"),
		eval: cagrEval("operating_revenue")})
	add(Fact{Name: "equity.sum_2y", Type: Double, Unit: "万元", Label: t("近两年新增股权融资（合格机构投资者实缴）", "new equity financing of the last 2 years (qualified institutional investors, paid in)"),
		eval: func(o *observer) value { return o.equity(2) }})
	add(Fact{Name: "equity.sum_3y", Type: Double, Unit: "万元", Label: t("近三年新增股权融资（合格机构投资者实缴）", "new equity financing of the last 3 years (qualified institutional investors, paid in)"),
		eval: func(o *observer) value { return o.equity(3) }})

	// Segment and main product.
	needNationalRank, needGlobalRank, needProvincialRank := segRankInput("national_rank"), segRankInput("global_rank"), segRankInput("provincial_rank")
	needShare := need("segment.market_share_pct", t("主导产品细分市场占有率", "segment market share (%)"))
	add(Fact{Name: "segment.years", Type: Int, Unit: "年", Label: t("截至上年末从事特定细分市场年限", "years in the market segment at the end of last year"),
		eval: func(o *observer) value {
			if o.p.Segment == nil || o.p.Segment.Since == nil {
				return unknown(needSegmentSince...)
			}
			// 截至上年末 includes the whole of 31 December: count to 1 January of the application year.
			end := smetier.NewDate(o.year, 1, 1)
			n := o.p.Segment.Since.FullYearsUntil(end)
			if n < 0 {
				n = 0
			}
			return known(int64(n))
		}})
	add(Fact{Name: "segment.market_share_pct", Type: Double, Unit: "%", Label: t("主导产品细分市场占有率", "main product's segment market share"),
		eval: func(o *observer) value {
			if o.p.Segment == nil || o.p.Segment.MarketSharePct == nil {
				return unknown(needShare...)
			}
			return known(*o.p.Segment.MarketSharePct)
		}})
	add(Fact{Name: "segment.national_rank", Type: Int, Unit: "名", Label: t("主导产品国内细分市场排名", "main product's national rank"),
		eval: func(o *observer) value {
			return segRank(o, needNationalRank, func(s *smetier.Segment) *int { return s.NationalRank })
		}})
	add(Fact{Name: "segment.global_rank", Type: Int, Unit: "名", Label: t("主导产品全球细分市场排名", "main product's global rank"),
		eval: func(o *observer) value {
			return segRank(o, needGlobalRank, func(s *smetier.Segment) *int { return s.GlobalRank })
		}})
	add(Fact{Name: "segment.provincial_rank", Type: Int, Unit: "名", Label: t("主导产品本省细分市场排名", "main product's rank in the province"),
		eval: func(o *observer) value {
			return segRank(o, needProvincialRank, func(s *smetier.Segment) *int { return s.ProvincialRank })
		}})
	for _, pf := range []struct {
		key   string
		label smetier.Text
		get   func(*smetier.MainProduct) *bool
	}{
		{"six_basics", t("主导产品属于工业“六基”领域", "main product in the industrial \"six basics\""), func(m *smetier.MainProduct) *bool { return m.SixBasics }},
		{"strategic_emerging", t("主导产品属于战略性新兴产业", "main product in a strategic emerging industry"), func(m *smetier.MainProduct) *bool { return m.StrategicEmerging }},
		{"key_chain_link", t("主导产品处于产业链关键环节", "main product at a key link of an industrial chain"), func(m *smetier.MainProduct) *bool { return m.KeyChainLink }},
		{"time_honored_brand", t("中华老字号", "China time-honoured brand"), func(m *smetier.MainProduct) *bool { return m.TimeHonoredBrand }},
		{"own_brand", t("拥有自主品牌", "owns its brand"), func(m *smetier.MainProduct) *bool { return m.OwnBrand }},
		{"serves_chain_leader", t("主导产品服务关键产业链重点龙头企业", "main product serves a key leading enterprise of a key industrial chain"), func(m *smetier.MainProduct) *bool { return m.ServesChainLeader }},
		{"new_product", t("主导产品属于新产品（无法归入《统计用产品分类目录》）", "main product is a new product (not in the statistical product catalogue)"), func(m *smetier.MainProduct) *bool { return m.NewProduct }},
	} {
		pf, miss := pf, need("main_product."+pf.key, pf.label)
		add(Fact{Name: "product." + pf.key, Type: Bool, Label: pf.label, eval: func(o *observer) value {
			if o.p.MainProduct == nil {
				return unknown(miss...)
			}
			return optBool(pf.get(o.p.MainProduct), miss)
		}})
	}

	// Intellectual property.
	for _, q := range ipQueries {
		q := q
		add(Fact{Name: "ip." + q.key, Type: Int, Unit: "项", Label: q.label, eval: func(o *observer) value { return o.countIP(q) }})
	}

	// Awards of 近三年 (the three fiscal years before the application year).
	for _, q := range awardQueries {
		q := q
		add(Fact{Name: "award." + q.key, Type: Bool, Label: q.label, eval: func(o *observer) value { return o.award(q) }})
	}

	// R&D institutions.
	for _, q := range []struct {
		key      string
		label    smetier.Text
		minLevel smetier.Level
		ownOnly  bool
	}{
		{"any", t("拥有自建或合作共建的研发机构", "has an own or joint R&D institution"), smetier.District, false},
		{"provincial", t("拥有经认定的省部级以上研发机构", "has a recognised provincial-or-higher R&D institution"), smetier.Provincial, true},
		{"national", t("拥有经认定的国家级研发机构", "has a recognised national R&D institution"), smetier.National, true},
	} {
		q := q
		add(Fact{Name: "rdi." + q.key, Type: Bool, Label: q.label, eval: func(o *observer) value {
			if o.p.RDInstitutions == nil {
				return unknown(needRDInstitutions...)
			}
			for _, r := range o.p.RDInstitutions {
				if r.Level.Rank() >= q.minLevel.Rank() && (!q.ownOnly || !r.Joint) {
					return known(true)
				}
			}
			return known(false)
		}})
	}

	// Certificates valid on the as-of date.
	for _, c := range []struct {
		kind  smetier.CertKind
		label smetier.Text
	}{
		{smetier.HighTechEnterprise, t("有效期内的高新技术企业", "valid high-tech enterprise certificate")},
		{smetier.TechInnovationDemo, t("国家级技术创新示范企业", "national technology-innovation demonstration enterprise")},
		{smetier.IPAdvantageEnterprise, t("知识产权优势企业", "IP advantage enterprise")},
		{smetier.IPDemonstrationEnterprise, t("知识产权示范企业", "IP demonstration enterprise")},
		{smetier.QualityManagementCert, t("质量管理体系认证", "quality-management certification")},
		{smetier.DevelopedMarketCert, t("发达国家和地区产品认证", "developed-market product certification")},
	} {
		c := c
		add(Fact{Name: "cert." + string(c.kind), Type: Bool, Label: c.label, eval: func(o *observer) value { return o.cert(c.kind) }})
	}

	needDigital := need("digital_level", t("中小企业数字化水平等级", "SME digital maturity level (1–4)"))
	add(Fact{Name: "digital.level", Type: Int, Unit: "级", Label: t("数字化水平等级", "digital maturity level"),
		eval: func(o *observer) value {
			if o.p.DigitalLevel == nil {
				return unknown(needDigital...)
			}
			return known(int64(*o.p.DigitalLevel))
		}})

	// Titles valid on the as-of date.
	for _, k := range []struct {
		kind  smetier.TitleKind
		label smetier.Text
	}{
		{smetier.TitleTechSME, t("持有有效的科技型中小企业称号", "holds a valid tech-based SME title")},
		{smetier.TitleInnovativeSME, t("持有有效的创新型（科技和创新型）中小企业称号", "holds a valid innovative SME title")},
		{smetier.TitleSpecializedSME, t("持有有效的专精特新中小企业称号", "holds a valid specialized-new SME title")},
		{smetier.TitleLittleGiant, t("持有有效的专精特新“小巨人”称号", "holds a valid little-giant title")},
		{smetier.TitleChampion, t("已是制造业单项冠军", "is already a manufacturing single champion")},
	} {
		k := k
		add(Fact{Name: "title." + string(k.kind), Type: Bool, Label: k.label, eval: func(o *observer) value { return o.title(k.kind) }})
	}

	// Official platform scores.
	for k, label := range []smetier.Text{t("本年度专精特新发展评价得分", "this year's SRDI development evaluation score"), t("上年度专精特新发展评价得分", "last year's SRDI development evaluation score")} {
		k, label := k, label
		add(Fact{Name: fmt.Sprintf("score.y%d", k), Type: Double, Unit: "分", Yearly: true, YearOffset: k, Official: true, Label: label,
			eval: func(o *observer) value {
				y := o.year - k
				if s, ok := o.p.EvaluationScores[y]; ok {
					return known(s)
				}
				return unknown(o.scoreMissing(k)...)
			}})
	}
	fs = append(fs, facts2022()...)
	fs = append(fs, factsChampion()...)
	fs = append(fs, factsQuality()...)
	fs = append(fs, factsLocal()...)
	sort.Slice(fs, func(i, j int) bool { return fs[i].Name < fs[j].Name })
	return fs
}

// optBool is a boolean input, missing as miss (a list made by need).
func optBool(b *bool, miss []smetier.Input) value {
	if b == nil {
		return unknown(miss...)
	}
	return known(*b)
}

func complianceBool(o *observer, get func(*smetier.Compliance) *bool, miss []smetier.Input) value {
	if o.p.Compliance == nil {
		return unknown(miss...)
	}
	return optBool(get(o.p.Compliance), miss)
}

func segRankInput(key string) []smetier.Input {
	return need("segment."+key, t("细分市场排名", "segment market rank ("+key+")"))
}

func segRank(o *observer, miss []smetier.Input, get func(*smetier.Segment) *int) value {
	if o.p.Segment == nil || get(o.p.Segment) == nil {
		return unknown(miss...)
	}
	return known(int64(*get(o.p.Segment)))
}

// yearFigureEval reads a raw figure of fiscal year (application year − k).
func yearFigureEval(k int, fig yearFigure) func(*observer) value {
	return func(o *observer) value {
		r, ok := o.raw(k, fig)
		if !ok {
			return unknown(o.yearMissing(k, fig)...)
		}
		if fig.money != nil {
			return known(wanOf(r))
		}
		return known(r)
	}
}

// exact is the magnitude below which an int64 converts to float64 exactly (2^53).
const exact = 1 << 53

// wanOf converts an exact fen amount to 万元, correctly rounded: below 2^53 fen both operands
// are exact floats and IEEE division rounds correctly, so the fast path equals the exact one.
func wanOf(fen int64) float64 {
	if fen > -exact && fen < exact {
		return float64(fen) / 1_000_000
	}
	return wan(big.NewRat(fen, 1))
}

// wan converts an exact fen amount to 万元, correctly rounded.
func wan(fen *big.Rat) float64 {
	f, _ := new(big.Rat).Quo(fen, big.NewRat(1_000_000, 1)).Float64()
	return f
}

// pctOf returns num×100/den correctly rounded, by the same argument as wanOf; NaN when den is
// zero (the ratio is undefined, so no threshold comparison can hold).
func pctOf(num, den int64) float64 {
	if den == 0 {
		return math.NaN()
	}
	if n := num * 100; num > -exact/100 && num < exact/100 && den > -exact && den < exact && n/100 == num {
		return float64(n) / float64(den)
	}
	return pct(big.NewRat(num, 1), big.NewRat(den, 1))
}

// pct returns num/den×100 correctly rounded; NaN when den is zero.
func pct(num, den *big.Rat) float64 {
	if den.Sign() == 0 {
		return math.NaN()
	}
	f, _ := new(big.Rat).Mul(new(big.Rat).Quo(num, den), big.NewRat(100, 1)).Float64()
	return f
}

func yearRatioEval(k int, r ratio) func(*observer) value {
	num, den := figureByKey(r.num), figureByKey(r.den)
	return func(o *observer) value {
		n, okN := o.raw(k, num)
		d, okD := o.raw(k, den)
		var miss []smetier.Input
		if !okN {
			miss = append(miss, o.yearInput(k, num))
		}
		if !okD {
			miss = append(miss, o.yearInput(k, den))
		}
		if miss != nil {
			return unknown(miss...)
		}
		return known(pctOf(n, d))
	}
}

// growthRat returns the growth of a figure in fiscal year (Y−k) over (Y−k−1) as an exact ratio.
func (o *observer) growthRat(k int, fig yearFigure) (*big.Rat, []smetier.Input) {
	cur, okC := o.raw(k, fig)
	prev, okP := o.raw(k+1, fig)
	var miss []smetier.Input
	if !okC {
		miss = append(miss, o.yearInput(k, fig))
	}
	if !okP {
		miss = append(miss, o.yearInput(k+1, fig))
	}
	if miss != nil {
		return nil, miss
	}
	if prev == 0 {
		return nil, nil
	}
	// cur − prev in big arithmetic: the int64 difference of two extreme amounts can overflow.
	g := new(big.Rat).SetFrac(new(big.Int).Sub(big.NewInt(cur), big.NewInt(prev)), big.NewInt(prev))
	return g, nil
}

func growthEval(k int, key string) func(*observer) value {
	fig := figureByKey(key)
	return func(o *observer) value {
		cur, okC := o.raw(k, fig)
		prev, okP := o.raw(k+1, fig)
		if d := cur - prev; okC && okP && prev != 0 && (d < cur) == (prev > 0) {
			// No overflow in cur − prev: pctOf rounds (cur − prev) × 100 / prev correctly.
			return known(pctOf(d, prev))
		}
		g, miss := o.growthRat(k, fig)
		if miss != nil {
			return unknown(miss...)
		}
		if g == nil {
			return known(math.NaN())
		}
		return known(pct(g, big.NewRat(1, 1)))
	}
}

// avgGrowthEval is the arithmetic mean of the growth rates of fiscal years Y−1 and Y−2.
func avgGrowthEval(key string) func(*observer) value {
	fig := figureByKey(key)
	return func(o *observer) value {
		g1, m1 := o.growthRat(1, fig)
		g2, m2 := o.growthRat(2, fig)
		if m := dedupInputs(append(m1, m2...)); m != nil {
			return unknown(m...)
		}
		if g1 == nil || g2 == nil {
			return known(math.NaN())
		}
		sum := new(big.Rat).Add(g1, g2)
		return known(pct(sum, big.NewRat(2, 1)))
	}
}

// cagrEval is the compound annual growth rate from fiscal year Y−3 to Y−1: sqrt(v1/v3) − 1. The
// square root is taken at 128 bits, so that a growth of exactly 5 % (v1/v3 = 1.1025) converts to
// exactly 5.0: the error of the wide root is far below half a float64 ulp.
func cagrEval(key string) func(*observer) value {
	fig := figureByKey(key)
	return func(o *observer) value {
		v1, ok1 := o.raw(1, fig)
		v3, ok3 := o.raw(3, fig)
		var miss []smetier.Input
		if !ok1 {
			miss = append(miss, o.yearInput(1, fig))
		}
		if !ok3 {
			miss = append(miss, o.yearInput(3, fig))
		}
		if miss != nil {
			return unknown(miss...)
		}
		if v3 <= 0 || v1 < 0 {
			return known(math.NaN())
		}
		return known(cagrPct(v1, v3))
	}
}

// cagrPct returns (√(v1/v3) − 1) × 100 for v1 ≥ 0, v3 > 0.
//
// In float64 the result is off by a few ulps, which matters only when the true value lies on a
// threshold (rules use short decimals such as 5 or 10) or within that error of one. So the float
// result is kept when it is more than 1e-9 away from every 6-decimal number, where no such
// threshold can lie between it and the true value, and everything else, which includes every
// exact boundary case, takes the 128-bit path.
func cagrPct(v1, v3 int64) float64 {
	if v1 < exact && v3 < exact {
		f := (math.Sqrt(float64(v1)/float64(v3)) - 1) * 100
		// Below 1e5 the absolute error is far under 1e-9 (relative error ~1e-15).
		if s := f * 1e6; math.Abs(f) < 1e5 && math.Abs(s-math.Round(s)) > 1e-3 {
			return f
		}
	}
	return cagrExact(v1, v3)
}

// cagrExact is cagrPct computed with a 128-bit mantissa and rounded once to float64.
func cagrExact(v1, v3 int64) float64 {
	r := new(big.Float).SetPrec(128).SetRat(big.NewRat(v1, v3))
	r.Sqrt(r)
	r.Sub(r, big.NewFloat(1))
	r.Mul(r, big.NewFloat(100))
	f, _ := r.Float64()
	return f
}

func dedupInputs(in []smetier.Input) []smetier.Input {
	if len(in) == 0 {
		return nil
	}
	if len(in) <= 16 {
		// A handful of inputs, as nearly always: comparing paths beats building a set, which
		// was a map per undecided criterion of every screened enterprise.
		var out []smetier.Input
		for k, i := range in {
			dup := false
			for _, j := range in[:k] {
				if j.Path == i.Path {
					dup = true
					break
				}
			}
			if !dup {
				if out == nil {
					out = make([]smetier.Input, 0, len(in)-k)
				}
				out = append(out, i)
			}
		}
		return out
	}
	seen := make(map[string]bool, len(in))
	out := in[:0:0]
	for _, i := range in {
		if !seen[i.Path] {
			seen[i.Path] = true
			out = append(out, i)
		}
	}
	return out
}

// vocab is the fact vocabulary of one catalog: the built-in facts, plus a title fact
// "title.<id>" for each local program the catalog defines. Program facts are numbered after
// the built-in ones, so an observer holds both in one slice. A nil vocab has the built-in facts
// only.
type vocab struct {
	extra  []Fact
	byName map[string]*Fact
	// kinds are the title kinds rules may name in holds(): the built-in ones and program ids.
	kinds []string
}

// newVocab declares a title fact for each program (id → title), ids in the given order.
func newVocab(ids []string, titles map[string]smetier.Text) *vocab {
	v := &vocab{byName: make(map[string]*Fact, len(ids)), kinds: builtinKinds()}
	v.extra = make([]Fact, 0, len(ids))
	for _, id := range ids {
		kind, title := smetier.TitleKind(id), titles[id]
		v.extra = append(v.extra, Fact{Name: "title." + id, Type: Bool, index: len(factList) + len(v.extra),
			Label: t("持有有效的"+title.Zh+"称号", "holds a valid title: "+title.En),
			eval:  func(o *observer) value { return o.title(kind) }})
		v.kinds = append(v.kinds, id)
	}
	for i := range v.extra {
		v.extra[i].messages()
		v.byName[v.extra[i].Name] = &v.extra[i]
	}
	return v
}

// fact returns the fact called name, or nil.
func (v *vocab) fact(name string) *Fact {
	if f, ok := factIndex[name]; ok {
		return f
	}
	if v != nil {
		return v.byName[name]
	}
	return nil
}

// size is the number of facts, built-in and program titles.
func (v *vocab) size() int {
	if v == nil {
		return len(factList)
	}
	return len(factList) + len(v.extra)
}

// facts returns every fact of the vocabulary, sorted by name.
func (v *vocab) facts() []Fact {
	out := Facts()
	if v != nil {
		out = append(out, v.extra...)
		sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	}
	return out
}
