package smetier

// Profile is everything the rules may look at about one enterprise. It is also the JSON contract
// that portals send.
//
// Unknown is representable everywhere and is never the same as zero: a nil pointer, a nil map or a
// nil slice means "not supplied", while a zero value, an empty map or an empty slice ([] in JSON)
// means "supplied, and it is zero / none". A verdict that needs an unknown value says so and names
// the input instead of guessing.
type Profile struct {
	// Name is the registered enterprise name, used in reports only.
	Name string `json:"name,omitempty"`
	// CreditCode is the 18-character 统一社会信用代码 (GB 32100-2015); its check character is validated.
	CreditCode string `json:"credit_code,omitempty"`
	// Region is the 6-digit administrative division code (GB/T 2260) of the place of registration.
	Region string `json:"region,omitempty"`
	// Industry is the 国民经济行业分类 (GB/T 4754-2017) code of the main business: a section letter
	// followed by up to four digits, e.g. "C3484". It selects the SME size-standard group.
	Industry string `json:"industry,omitempty"`
	// Established is the date of establishment (成立日期).
	Established *Date `json:"established,omitempty"`
	// MainlandLegalPerson: registered in mainland China with independent legal-person status.
	MainlandLegalPerson *bool `json:"mainland_legal_person,omitempty"`

	// Years holds the audited figures of each fiscal (calendar) year, keyed by year.
	Years map[int]FiscalYear `json:"years,omitzero"`

	// IP lists the valid intellectual-property rights the enterprise holds.
	IP []IPRight `json:"ip,omitzero"`
	// Awards lists the awards the enterprise has won.
	Awards []Award `json:"awards,omitzero"`
	// RDInstitutions lists the recognised R&D institutions the enterprise has, alone or jointly.
	RDInstitutions []RDInstitution `json:"rd_institutions,omitzero"`
	// Certifications lists certificates such as quality management or 高新技术企业.
	Certifications []Certification `json:"certifications,omitzero"`
	// Standards lists the standards (国际、国家、行业、地方、团体标准) the enterprise led or took part in
	// drafting or revising (主持或参与制修订); [] when it took part in none.
	Standards []Standard `json:"standards,omitzero"`
	// DigitalLevel is the 中小企业数字化水平 level (1–4) from the official assessment.
	DigitalLevel *int `json:"digital_level,omitempty"`
	// Financing lists equity financing rounds (股权融资).
	Financing []Financing `json:"financing,omitzero"`
	// Segment describes the specific market segment (细分市场) of the main product.
	Segment *Segment `json:"segment,omitempty"`
	// MainProduct describes the field of the main product.
	MainProduct *MainProduct `json:"main_product,omitempty"`
	// Titles lists the tier and local-program titles the enterprise holds or has held.
	Titles []Title `json:"titles,omitzero"`
	// Compliance holds the compliance record.
	Compliance *Compliance `json:"compliance,omitempty"`
	// Judgements declares the outcome of criteria the rules leave to the authority: the
	// authority's own decisions (final), or the enterprise's declarations (provisional: a
	// verdict resting on them says so).
	Judgements []Declaration `json:"judgements,omitzero"`
	// Group describes ties to enterprises already recognised, which some notices exclude from
	// recommendation.
	Group *Group `json:"group,omitempty"`
	// EvaluationScores holds the 专精特新发展评价 score computed by the official platform, by year.
	EvaluationScores map[int]float64 `json:"evaluation_scores,omitzero"`
}

// FiscalYear holds one year's audited figures. Amounts are exact Money in yuan.
type FiscalYear struct {
	OperatingRevenue *Money `json:"operating_revenue,omitempty"` // 营业收入
	MainRevenue      *Money `json:"main_revenue,omitempty"`      // 主营业务收入
	RDExpense        *Money `json:"rd_expense,omitempty"`        // 研发费用
	TotalAssets      *Money `json:"total_assets,omitempty"`      // 资产总额 (year end)
	TotalLiabilities *Money `json:"total_liabilities,omitempty"` // 负债总额 (year end)
	NetProfit        *Money `json:"net_profit,omitempty"`        // 净利润
	ProductRevenue   *Money `json:"product_revenue,omitempty"`   // 特定细分产品（主导产品）销售收入
	Employees        *int   `json:"employees,omitempty"`         // 从业人员 (year average or year end)
	RDStaff          *int   `json:"rd_staff,omitempty"`          // 研发人员
}

// IPKind is the kind of an intellectual-property right.
type IPKind string

// The IP kinds of 工信部企业〔2022〕63号 附件1; their class (I or II) follows from the kind.
const (
	InventionPatent   IPKind = "invention_patent"   // 发明专利 (含国防专利), class I
	DefensePatent     IPKind = "defense_patent"     // 国防专利, class I
	PlantVariety      IPKind = "plant_variety"      // 植物新品种, class I
	CropVariety       IPKind = "crop_variety"       // 国家级农作物品种, class I
	NewDrug           IPKind = "new_drug"           // 国家新药, class I
	ProtectedTCM      IPKind = "protected_tcm"      // 国家一级中药保护品种, class I
	ICLayout          IPKind = "ic_layout"          // 集成电路布图设计专有权, class I
	UtilityModel      IPKind = "utility_model"      // 实用新型专利, class II
	DesignPatent      IPKind = "design_patent"      // 外观设计专利, class II
	SoftwareCopyright IPKind = "software_copyright" // 软件著作权, class II
)

// Class returns 1 for class-I rights, 2 for class-II rights and 0 for an unknown kind.
func (k IPKind) Class() int {
	switch k {
	case InventionPatent, DefensePatent, PlantVariety, CropVariety, NewDrug, ProtectedTCM, ICLayout:
		return 1
	case UtilityModel, DesignPatent, SoftwareCopyright:
		return 2
	}
	return 0
}

// IPRight is one valid intellectual-property right.
type IPRight struct {
	// Number identifies the right in messages (patent number, registration number).
	Number string `json:"number,omitempty"`
	Kind   IPKind `json:"kind"`
	// Granted is the grant or registration date; a right counts only from that date.
	Granted *Date `json:"granted,omitempty"`
	// TransferredIn is false for a right the enterprise developed and applied for itself; true for
	// one acquired by transfer (受让), in which case TransferredOn says when.
	TransferredIn *bool `json:"transferred_in,omitempty"`
	TransferredOn *Date `json:"transferred_on,omitempty"`
	// OwnerRank is the enterprise's position among the right holders (1 = first).
	OwnerRank *int `json:"owner_rank,omitempty"`
	// MainProduct: the right relates to the main product (与主导产品相关).
	MainProduct *bool `json:"main_product,omitempty"`
	// AppliedWithBenefit: the right is applied in production and yields economic benefit.
	AppliedWithBenefit *bool `json:"applied_with_benefit,omitempty"`
	// HighValue: a high-value right (overseas family, maintained over 10 years, pledged for large
	// financing, or winner of a national S&T award or the China Patent Award).
	HighValue *bool `json:"high_value,omitempty"`
}

// Level is the administrative level of an award, institution, title or certificate.
type Level string

// Levels, highest first.
const (
	National   Level = "national"   // 国家级
	Provincial Level = "provincial" // 省部级 (provincial or ministerial)
	Municipal  Level = "municipal"  // 市级
	District   Level = "district"   // 区县级
)

// Rank orders levels: national 4, provincial 3, municipal 2, district 1, unknown 0.
func (l Level) Rank() int {
	switch l {
	case National:
		return 4
	case Provincial:
		return 3
	case Municipal:
		return 2
	case District:
		return 1
	}
	return 0
}

// AwardKind is the kind of an award.
type AwardKind string

// Award kinds the rules distinguish.
const (
	ScienceTechnologyAward AwardKind = "science_technology" // 科学技术奖
	ChinaPatentAward       AwardKind = "china_patent"       // 中国专利奖
	MakerChinaTop500       AwardKind = "maker_china_top500" // 创客中国 national top-500 enterprise group
	QualityAward           AwardKind = "quality"            // 质量奖 (e.g. 中国质量奖, a provincial government quality award)
	OtherAward             AwardKind = "other"
)

// Award is one award won by the enterprise.
type Award struct {
	Name  string    `json:"name,omitempty"`
	Kind  AwardKind `json:"kind"`
	Level Level     `json:"level"`
	Year  int       `json:"year"`
	// Rank is the enterprise's position among the award's completing units (1 = first).
	Rank *int `json:"rank,omitempty"`
}

// RDInstitution is a recognised R&D institution (研发机构): a technology centre, engineering
// centre, key laboratory, academician workstation and the like.
type RDInstitution struct {
	Name  string `json:"name,omitempty"`
	Level Level  `json:"level"`
	// Joint is true when the institution is built jointly with another party (合作共建).
	Joint bool `json:"joint,omitempty"`
}

// CertKind is the kind of a certificate.
type CertKind string

// Certificate kinds the rules distinguish.
const (
	QualityManagementCert     CertKind = "quality_management"   // e.g. ISO 9001, IATF 16949
	DevelopedMarketCert       CertKind = "developed_market"     // product certification of a developed country
	ManagementSystemCert      CertKind = "management_system"    // any other management system: ISO 14001, ISO 45001, ISO/IEC 27001, ISO 50001, …
	HighTechEnterprise        CertKind = "high_tech_enterprise" // 高新技术企业
	TechInnovationDemo        CertKind = "tech_innovation_demo" // 国家级技术创新示范企业
	IPAdvantageEnterprise     CertKind = "ip_advantage"         // 知识产权优势企业
	IPDemonstrationEnterprise CertKind = "ip_demonstration"     // 知识产权示范企业
	OtherCert                 CertKind = "other"
)

// Certification is a certificate held by the enterprise.
type Certification struct {
	Kind    CertKind `json:"kind"`
	Name    string   `json:"name,omitempty"`
	Issued  *Date    `json:"issued,omitempty"`
	Expires *Date    `json:"expires,omitempty"`
}

// StandardLevel is the level of a standard.
type StandardLevel string

// Standard levels (《中华人民共和国标准化法》第二条: national, industry, local, group and
// enterprise standards; international standards beside them).
const (
	InternationalStandard StandardLevel = "international" // 国际标准
	NationalStandard      StandardLevel = "national"      // 国家标准
	IndustryStandard      StandardLevel = "industry"      // 行业标准
	LocalStandard         StandardLevel = "local"         // 地方标准
	GroupStandard         StandardLevel = "group"         // 团体标准
)

// Standard is a standard the enterprise led or took part in drafting or revising. An
// enterprise's own standard (企业标准) is not one.
type Standard struct {
	// Number identifies the standard in messages, e.g. GB/T 307.1-2017.
	Number string        `json:"number,omitempty"`
	Name   string        `json:"name,omitempty"`
	Level  StandardLevel `json:"level"`
	// Lead: the enterprise led the drafting (主持、牵头); otherwise it took part.
	Lead bool `json:"lead,omitempty"`
	// Year is the year of publication.
	Year int `json:"year,omitempty"`
}

// Financing is one equity financing round (股权融资).
type Financing struct {
	Date   Date  `json:"date"`
	Amount Money `json:"amount"`
	// QualifiedInvestor: the investors are qualified institutional investors (合格机构投资者).
	QualifiedInvestor *bool `json:"qualified_investor,omitempty"`
	// PaidIn: the amount has been paid in (实缴).
	PaidIn *bool `json:"paid_in,omitempty"`
}

// Segment describes the specific market segment (细分市场) the main product serves.
type Segment struct {
	Name string `json:"name,omitempty"`
	// Since is when the enterprise entered the segment.
	Since *Date `json:"since,omitempty"`
	// MarketSharePct is the national market share of the main product, in percent.
	MarketSharePct *float64 `json:"market_share_pct,omitempty"`
	// NationalRank and GlobalRank are the main product's market-share ranks (1 = first).
	NationalRank *int `json:"national_rank,omitempty"`
	GlobalRank   *int `json:"global_rank,omitempty"`
	// ProvincialRank is the main product's market-share rank in the province where the enterprise
	// is registered (1 = first): provincial rules rank within the province (e.g. 山东省制造业单项冠军
	// "全国前5且全省第1", 湖北省 "省内前2").
	ProvincialRank *int `json:"provincial_rank,omitempty"`
}

// MainProduct flags the field the main product belongs to.
type MainProduct struct {
	Name string `json:"name,omitempty"`
	// SixBasics: 工业"六基" (core basic parts and components, key basic software, advanced basic
	// processes, key basic materials, industrial technology base).
	SixBasics *bool `json:"six_basics,omitempty"`
	// StrategicEmerging: listed in 《战略性新兴产业分类》.
	StrategicEmerging *bool `json:"strategic_emerging,omitempty"`
	// KeyChainLink: sits at a key link of an industrial chain (产业链关键环节), supporting
	// traditional-industry upgrading, emerging or future industries.
	KeyChainLink *bool `json:"key_chain_link,omitempty"`
	// TimeHonoredBrand: 中华老字号.
	TimeHonoredBrand *bool `json:"time_honored_brand,omitempty"`
	// OwnBrand: the enterprise owns its own brand.
	OwnBrand *bool `json:"own_brand,omitempty"`
	// ServesChainLeader: the main product serves (supplies) a key leading enterprise of a key
	// industrial chain (企业主导产品服务关键产业链重点龙头企业).
	ServesChainLeader *bool `json:"serves_chain_leader,omitempty"`
	// NewProduct: the main product is a new product (新产品) in the sense of the single-champion
	// rules, i.e. one that cannot be placed in the 《统计用产品分类目录》 (工信部产业〔2016〕105号:
	// developed and launched in the last 3 years); such products need fewer years in the segment.
	NewProduct *bool `json:"new_product,omitempty"`
}

// TitleKind names a recognition title: one of the built-in kinds below, or the id of a local
// program (e.g. "sd_gazelle" for 山东省瞪羚企业) defined by the rule catalog in use.
type TitleKind string

// Title kinds. The tier titles mirror Tier; TechSME is the 科技型中小企业 title that counts as
// tier 1 under 工信部企业〔2026〕2号.
const (
	TitleTechSME        TitleKind = "tech_sme"        // 科技型中小企业
	TitleInnovativeSME  TitleKind = "innovative_sme"  // 创新型中小企业 / 科技和创新型中小企业
	TitleSpecializedSME TitleKind = "specialized_sme" // 专精特新中小企业
	TitleLittleGiant    TitleKind = "little_giant"    // 专精特新"小巨人"
	TitleChampion       TitleKind = "champion"        // 制造业单项冠军
)

// BuiltinTitleKinds returns the title kinds the library itself defines; a local program's id is
// a title kind too, known to the catalog that defines the program.
func BuiltinTitleKinds() []TitleKind {
	return []TitleKind{TitleTechSME, TitleInnovativeSME, TitleSpecializedSME, TitleLittleGiant, TitleChampion}
}

// Builtin reports whether k is one of BuiltinTitleKinds.
func (k TitleKind) Builtin() bool {
	switch k {
	case TitleTechSME, TitleInnovativeSME, TitleSpecializedSME, TitleLittleGiant, TitleChampion:
		return true
	}
	return false
}

// Title is a recognition the enterprise holds or held.
type Title struct {
	Kind  TitleKind `json:"kind"`
	Level Level     `json:"level,omitempty"`
	// Issued and Expires bound the title's validity; a title counts on dates Issued ≤ d ≤ Expires.
	Issued  Date  `json:"issued"`
	Expires *Date `json:"expires,omitempty"`
	// Revoked: the title was withdrawn before it expired.
	Revoked bool `json:"revoked,omitempty"`
}

// ValidOn reports whether the title is valid on d: true, false, or unknown (ok == false) when
// the expiry date is not supplied and d is after the issue date.
func (t Title) ValidOn(d Date) (valid, ok bool) {
	if t.Revoked || d.Before(t.Issued) {
		return false, true
	}
	if t.Expires == nil {
		return false, false
	}
	return !d.After(*t.Expires), true
}

// Group describes the enterprise's ties to other enterprises already recognised as 专精特新"小巨人"
// (工信厅企业函〔2026〕117号 推荐要求（四）: "与已认定'小巨人'企业存在控股关系的企业、同一集团内生产相似
// 主导产品的企业不予推荐").
type Group struct {
	// LittleGiantControl: the enterprise controls, or is controlled by, an enterprise already
	// recognised as a little giant (存在控股关系).
	LittleGiantControl *bool `json:"little_giant_control,omitempty"`
	// SimilarProductLittleGiant: another enterprise of the same group that makes similar main
	// products is already recognised as a little giant.
	SimilarProductLittleGiant *bool `json:"similar_product_little_giant,omitempty"`
}

// IncidentKind is the kind of a compliance incident.
type IncidentKind string

// Incident kinds named by the common prerequisites.
const (
	SafetyIncident      IncidentKind = "safety"      // 重大安全（含网络安全、数据安全）事故
	QualityIncident     IncidentKind = "quality"     // 重大质量事故
	EnvironmentIncident IncidentKind = "environment" // 严重环境违法 / 环境事故
	TaxEvasion          IncidentKind = "tax_evasion" // 偷漏税
	DataFraud           IncidentKind = "data_fraud"  // 数据造假
)

// Incident is one adverse compliance record.
type Incident struct {
	Kind IncidentKind `json:"kind"`
	Date Date         `json:"date"`
	Note string       `json:"note,omitempty"`
}

// Compliance is the enterprise's compliance record.
type Compliance struct {
	// AbnormalList: currently on the business-abnormal list (经营异常名录).
	AbnormalList *bool `json:"abnormal_list,omitempty"`
	// SeriousDishonesty: currently on the serious-dishonesty list (严重失信主体名单).
	SeriousDishonesty *bool `json:"serious_dishonesty,omitempty"`
	// Incidents lists major incidents; nil is unknown, [] is a clean record.
	Incidents []Incident `json:"incidents,omitzero"`
	// ProhibitedProduct: a product is in a prohibited, restricted or eliminated catalogue.
	ProhibitedProduct *bool `json:"prohibited_product,omitempty"`
}
