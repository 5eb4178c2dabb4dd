package screen

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/jsonschema"
)

// The workbook's layout is derived from smetier.Profile by reflection, the way the JSON Schema
// is: a field added to the profile becomes a column (or a list sheet) without a change here,
// and TestEveryFieldHasLabel fails until it has a Chinese header. Enum values and descriptions
// come from the generated JSON Schema, so the drop-down lists are the schema's enums.

// step is one move from a value to a part of it: a struct field, or a fiscal year of a map.
type step struct {
	field int // struct field index, or -1 for a map key
	year  int
}

// column is one column of a sheet.
type column struct {
	key      string // the en header: the profile's JSON path below the sheet's item, e.g. "years.2025.rd_expense"
	zh       string // the zh header
	doc      string // description, from the schema
	typ      reflect.Type
	steps    []step
	required bool     // a value the JSON contract requires (non-pointer, no omitempty)
	enum     []string // allowed values, from the schema
	open     bool     // enum values are suggestions: others are checked by the engine (title kinds: program ids)
	none     string   // for a none marker: the path of the list it states to be empty
	year     int
	min, max *float64 // bounds, from the schema
}

// sheetSpec is one sheet of the input workbook.
type sheetSpec struct {
	name string // the sheet's (zh) name, e.g. 知识产权
	key  string // its en name and CSV file stem, e.g. "ip"
	path string // the profile path of the list, e.g. "ip" or "compliance.incidents"; "" for enterprises
	// listSteps reach the list's slice from a Profile.
	listSteps []step
	elem      reflect.Type
	cols      []column
}

// Labels of the profile's fields in Chinese, keyed "Type.Field" by Go names. Only labels are
// written here; which fields exist, their types and order come from the Go types.
var zhLabels = map[string]string{
	"Profile.Name":                    "企业名称",
	"Profile.CreditCode":              "统一社会信用代码",
	"Profile.Region":                  "注册地行政区划代码",
	"Profile.Industry":                "国民经济行业代码",
	"Profile.Established":             "成立日期",
	"Profile.MainlandLegalPerson":     "境内注册的独立法人",
	"Profile.Years":                   "年度财务数据",
	"Profile.IP":                      "知识产权",
	"Profile.Awards":                  "奖励",
	"Profile.RDInstitutions":          "研发机构",
	"Profile.Certifications":          "证书",
	"Profile.DigitalLevel":            "数字化水平等级",
	"Profile.Standards":               "标准",
	"Standard.Number":                 "标准编号",
	"Standard.Name":                   "标准名称",
	"Standard.Level":                  "级别",
	"Standard.Lead":                   "主持制修订",
	"Standard.Year":                   "发布年份",
	"MainProduct.ServesChainLeader":   "服务关键产业链重点龙头企业",
	"Profile.Group":                   "集团关联",
	"Group.LittleGiantControl":        "与已认定小巨人存在控股关系",
	"Group.SimilarProductLittleGiant": "同集团生产相似主导产品的企业已认定小巨人",
	"Profile.Financing":               "融资",
	"Profile.Segment":                 "细分市场",
	"Profile.MainProduct":             "主导产品",
	"Profile.Titles":                  "称号",
	"Profile.Compliance":              "合规",
	"Profile.EvaluationScores":        "专精特新发展评价得分",
	"Profile.Judgements":              "评定声明",
	"Declaration.Criterion":           "条件（规则集或梯度/条件编号）",
	"Declaration.Met":                 "满足",
	"Declaration.Points":              "得分",
	"Declaration.By":                  "声明方",
	"Declaration.Note":                "依据",
	"FiscalYear.OperatingRevenue":     "营业收入（元）",
	"FiscalYear.MainRevenue":          "主营业务收入（元）",
	"FiscalYear.RDExpense":            "研发费用（元）",
	"FiscalYear.TotalAssets":          "资产总额（元）",
	"FiscalYear.TotalLiabilities":     "负债总额（元）",
	"FiscalYear.NetProfit":            "净利润（元）",
	"FiscalYear.ProductRevenue":       "主导产品销售收入（元）",
	"FiscalYear.Employees":            "从业人员（人）",
	"FiscalYear.RDStaff":              "研发人员（人）",
	"IPRight.Number":                  "编号",
	"IPRight.Kind":                    "类型",
	"IPRight.Granted":                 "授权日期",
	"IPRight.TransferredIn":           "受让取得",
	"IPRight.TransferredOn":           "受让日期",
	"IPRight.OwnerRank":               "权利人排序",
	"IPRight.MainProduct":             "与主导产品相关",
	"IPRight.AppliedWithBenefit":      "已实施并产生经济效益",
	"IPRight.HighValue":               "高价值知识产权",
	"Award.Name":                      "奖项名称",
	"Award.Kind":                      "类型",
	"Award.Level":                     "级别",
	"Award.Year":                      "获奖年份",
	"Award.Rank":                      "完成单位排序",
	"RDInstitution.Name":              "机构名称",
	"RDInstitution.Level":             "级别",
	"RDInstitution.Joint":             "合作共建",
	"Certification.Kind":              "类型",
	"Certification.Name":              "证书名称",
	"Certification.Issued":            "发证日期",
	"Certification.Expires":           "有效期至",
	"Financing.Date":                  "融资日期",
	"Financing.Amount":                "金额（元）",
	"Financing.QualifiedInvestor":     "合格机构投资者",
	"Financing.PaidIn":                "已实缴",
	"Segment.Name":                    "细分市场名称",
	"Segment.Since":                   "进入细分市场时间",
	"Segment.MarketSharePct":          "国内市场占有率（%）",
	"Segment.NationalRank":            "国内市场排名",
	"Segment.GlobalRank":              "全球市场排名",
	"Segment.ProvincialRank":          "本省市场排名",
	"MainProduct.Name":                "主导产品名称",
	"MainProduct.SixBasics":           "属于工业“六基”",
	"MainProduct.StrategicEmerging":   "属于战略性新兴产业",
	"MainProduct.KeyChainLink":        "属于产业链关键环节",
	"MainProduct.TimeHonoredBrand":    "中华老字号",
	"MainProduct.OwnBrand":            "自主品牌",
	"MainProduct.NewProduct":          "新产品",
	"Title.Kind":                      "称号",
	"Title.Level":                     "级别",
	"Title.Issued":                    "认定日期",
	"Title.Expires":                   "有效期至",
	"Title.Revoked":                   "已撤销",
	"Compliance.AbnormalList":         "列入经营异常名录",
	"Compliance.SeriousDishonesty":    "列入严重失信主体名单",
	"Compliance.Incidents":            "重大事故及违法记录",
	"Compliance.ProhibitedProduct":    "产品属禁止、限制或淘汰类",
	"Incident.Kind":                   "类型",
	"Incident.Date":                   "日期",
	"Incident.Note":                   "说明",
}

// Sheet names of the lists, in Chinese (the names) and as CSV file stems, by the
// list's profile path.
var listSheets = map[string][2]string{
	"ip":                   {"知识产权", "ip"},
	"titles":               {"称号", "titles"},
	"awards":               {"奖励", "awards"},
	"rd_institutions":      {"研发机构", "rd_institutions"},
	"certifications":       {"证书", "certifications"},
	"financing":            {"融资", "financing"},
	"standards":            {"标准", "standards"},
	"compliance.incidents": {"合规事件", "incidents"},
	"judgements":           {"评定声明", "judgements"},
}

// Names of the enterprises sheet, and the column list sheets use to refer to an enterprise.
const (
	enterpriseSheet = "企业"
	enterpriseKey   = "enterprises"
	codeKey         = "credit_code"
	codeZh          = "统一社会信用代码"
	noneSuffix      = ".none"
)

var (
	moneyType = reflect.TypeFor[smetier.Money]()
	dateType  = reflect.TypeFor[smetier.Date]()
)

// layout is the workbook's layout for fiscal years years (enterprises sheet columns per year);
// reading accepts any year in a header.
type layout struct {
	sheets []*sheetSpec // enterprises first
}

// schemaInfo is what the generated JSON Schema says about the profile's types.
type schemaInfo struct {
	root *jsonschema.Schema
	defs map[string]*jsonschema.Schema
}

var profileSchema = sync.OnceValues(func() (*schemaInfo, error) {
	s, err := jsonschema.ProfileGenerator().Generate(reflect.TypeFor[smetier.Profile]())
	if err != nil {
		return nil, err
	}
	return &schemaInfo{root: s, defs: s.Defs}, nil
})

// prop returns the schema of the property json of the struct type named typ.
func (si *schemaInfo) prop(typ, json string) *jsonschema.Schema {
	obj := si.defs[typ]
	if typ == "Profile" {
		obj = si.root
	}
	if obj == nil {
		return nil
	}
	for _, p := range obj.Properties {
		if p.Name == json {
			return p.Schema
		}
	}
	return nil
}

// enumOf returns the enum values of a named string type, from the schema.
func (si *schemaInfo) enumOf(t reflect.Type) []string {
	if d := si.defs[t.Name()]; d != nil {
		return d.Enum
	}
	return nil
}

// jsonField is a struct field as encoding/json names it.
type jsonField struct {
	f        reflect.StructField
	index    int
	name     string
	optional bool
}

func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		optional := f.Type.Kind() == reflect.Pointer || f.Type.Kind() == reflect.Slice || f.Type.Kind() == reflect.Map
		for _, o := range strings.Split(opts, ",") {
			if o == "omitempty" || o == "omitzero" {
				optional = true
			}
		}
		out = append(out, jsonField{f: f, index: i, name: name, optional: optional})
	}
	return out
}

// isList reports whether t is a list of records (a list sheet).
func isList(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct
}

// leaf reports whether t (after a pointer) is a single cell's value.
func leaf(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
		return true
	case reflect.Struct:
		return t == dateType
	}
	return t == moneyType
}

// newLayout builds the layout with columns for the given fiscal years.
func newLayout(years []int) (*layout, error) {
	si, err := profileSchema()
	if err != nil {
		return nil, err
	}
	ent := &sheetSpec{name: enterpriseSheet, key: enterpriseKey, elem: reflect.TypeFor[smetier.Profile]()}
	l := &layout{sheets: []*sheetSpec{ent}}
	var lists []*sheetSpec
	var walk func(t reflect.Type, prefix, zhPrefix string, steps []step) error
	walk = func(t reflect.Type, prefix, zhPrefix string, steps []step) error {
		for _, jf := range jsonFields(t) {
			goKey := t.Name() + "." + jf.f.Name
			zh, ok := zhLabels[goKey]
			if !ok {
				return fmt.Errorf("screen: no Chinese label for %s (add it to zhLabels)", goKey)
			}
			key := prefix + jf.name
			st := append(slices.Clone(steps), step{field: jf.index})
			ft := jf.f.Type
			doc := ""
			var lo, hi *float64
			if p := si.prop(t.Name(), jf.name); p != nil {
				doc, lo, hi = p.Description, p.Minimum, p.Maximum
				if ap, ok := p.AdditionalProperties.(*jsonschema.Schema); ok && ft.Kind() == reflect.Map {
					lo, hi = ap.Minimum, ap.Maximum
				}
			}
			switch {
			case leaf(ft):
				c := column{key: key, zh: zhPrefix + zh, doc: doc, typ: ft, steps: st, required: !jf.optional, min: lo, max: hi}
				if et := deref(ft); et.Kind() == reflect.String && et.PkgPath() != "" {
					c.enum = si.enumOf(et)
					c.open = et == reflect.TypeFor[smetier.TitleKind]()
				}
				ent.cols = append(ent.cols, c)
			case ft.Kind() == reflect.Map && ft.Key().Kind() == reflect.Int:
				for _, y := range years {
					if leaf(ft.Elem()) {
						// Year-keyed values of the application year, such as the official
						// evaluation score: the year after each fiscal year.
						y++
					}
					yst := append(slices.Clone(st), step{field: -1, year: y})
					yp := fmt.Sprintf("%s.%d.", key, y)
					yzh := fmt.Sprintf("%d年", y)
					if leaf(ft.Elem()) {
						ent.cols = append(ent.cols, column{key: strings.TrimSuffix(yp, "."), zh: yzh + zh, doc: doc, typ: ft.Elem(), steps: yst, year: y, min: lo, max: hi})
						continue
					}
					if err := walk(ft.Elem(), yp, yzh, yst); err != nil {
						return err
					}
					for i := range ent.cols {
						if strings.HasPrefix(ent.cols[i].key, yp) {
							ent.cols[i].year = y
						}
					}
				}
			case isList(ft):
				names, ok := listSheets[key]
				if !ok {
					return fmt.Errorf("screen: no sheet name for the list %s (add it to listSheets)", key)
				}
				ls := &sheetSpec{name: names[0], key: names[1], path: key, listSteps: st, elem: ft.Elem()}
				if err := listColumns(si, ls); err != nil {
					return err
				}
				lists = append(lists, ls)
				ent.cols = append(ent.cols, column{key: key + noneSuffix, zh: "无" + zh + "（确认）",
					doc:  fmt.Sprintf("TRUE states that the enterprise has no %s: the list is known to be empty. Leave empty when the list is in sheet %s or not known.", key, names[0]),
					typ:  reflect.TypeFor[bool](),
					none: key})
			case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
				if err := walk(ft.Elem(), key+".", "", st); err != nil {
					return err
				}
			default:
				return fmt.Errorf("screen: %s: type %s has no place in a workbook", goKey, ft)
			}
		}
		return nil
	}
	if err := walk(ent.elem, "", "", nil); err != nil {
		return nil, err
	}
	// The key column first: it is what list rows refer to.
	slices.SortStableFunc(ent.cols, func(a, b column) int {
		return boolRank(b.key == codeKey) - boolRank(a.key == codeKey)
	})
	l.sheets = append(l.sheets, lists...)
	return l, nil
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func deref(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

// listColumns fills the columns of a list sheet: the credit code, then the item's fields.
func listColumns(si *schemaInfo, ls *sheetSpec) error {
	ls.cols = append(ls.cols, column{key: codeKey, zh: codeZh, typ: reflect.TypeFor[string](), required: true,
		doc: "The 统一社会信用代码 of the enterprise in sheet " + enterpriseSheet + " this row belongs to."})
	for _, jf := range jsonFields(ls.elem) {
		goKey := ls.elem.Name() + "." + jf.f.Name
		zh, ok := zhLabels[goKey]
		if !ok {
			return fmt.Errorf("screen: no Chinese label for %s (add it to zhLabels)", goKey)
		}
		if !leaf(jf.f.Type) {
			return fmt.Errorf("screen: %s: a list item's field must be one value", goKey)
		}
		c := column{key: jf.name, zh: zh, typ: jf.f.Type, steps: []step{{field: jf.index}}, required: !jf.optional}
		if p := si.prop(ls.elem.Name(), jf.name); p != nil {
			c.doc, c.min, c.max = p.Description, p.Minimum, p.Maximum
		}
		if et := deref(jf.f.Type); et.Kind() == reflect.String && et.PkgPath() != "" {
			c.enum = si.enumOf(et)
			c.open = et == reflect.TypeFor[smetier.TitleKind]()
		}
		ls.cols = append(ls.cols, c)
	}
	return nil
}

// yearOf reads the fiscal year of a per-year key such as "years.2025.rd_expense" or
// "evaluation_scores.2025": the first all-digit segment.
func yearOf(key string) (int, bool) {
	for _, part := range strings.Split(key, ".") {
		if len(part) == 4 && strings.Trim(part, "0123456789") == "" {
			y, _ := strconv.Atoi(part)
			return y, true
		}
	}
	return 0, false
}

// resolve returns the column of a sheet for a header key, making per-year columns for any
// year: a workbook may carry years the template was not made for.
func (s *sheetSpec) resolve(key string, byKey map[string]*column) (*column, bool) {
	if c, ok := byKey[key]; ok {
		return c, true
	}
	y, ok := yearOf(key)
	if !ok || s.path != "" {
		return nil, false
	}
	// Find the template column of another year with the same shape and re-point it.
	for _, c := range s.cols {
		if c.year == 0 {
			continue
		}
		if strings.Replace(c.key, strconv.Itoa(c.year), strconv.Itoa(y), 1) != key {
			continue
		}
		nc := c
		nc.key, nc.year = key, y
		nc.zh = strings.Replace(c.zh, strconv.Itoa(c.year), strconv.Itoa(y), 1)
		nc.steps = slices.Clone(c.steps)
		for i := range nc.steps {
			if nc.steps[i].field == -1 {
				nc.steps[i].year = y
			}
		}
		byKey[key] = &nc
		return &nc, true
	}
	return nil, false
}
