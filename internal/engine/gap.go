package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/smetier/smetier"
)

// maxOptions bounds the alternatives a gap analysis enumerates for one criterion.
const maxOptions = 8

// option is one way to make an expression take the wanted value: all its gaps closed.
type option []smetier.Gap

// Gaps derives what would close criterion c, from its expression's shape and the observed facts:
// every failing comparison becomes a numeric gap in the profile's terms, every missing fact a
// request for its inputs, and alternatives (||) become grouped options. It returns nil when the
// criterion holds.
func (o *Observer) Gaps(id string, p *Program) []smetier.Gap {
	return Flatten(id, o.GapOptions(p))
}

// GapOptions returns the alternative ways to close c: each option is a list of gaps that must
// all be closed. It returns nil when c holds or has no expression.
func (o *Observer) GapOptions(p *Program) [][]smetier.Gap {
	if p == nil {
		return nil
	}
	opts := o.walk(p.shape, true, p.Source)
	for _, op := range opts {
		if len(op) == 0 {
			return nil // already holds
		}
	}
	out := make([][]smetier.Gap, 0, len(opts))
	for _, op := range minimal(opts) {
		out = append(out, op)
	}
	return out
}

// Flatten labels the options of one criterion for a report: a single option's gaps are all
// required (group 0); several options form group 1, numbered from 1.
func Flatten(id string, opts [][]smetier.Gap) []smetier.Gap {
	var out []smetier.Gap
	for i, op := range opts {
		for _, g := range op {
			g.Criterion = id
			if len(opts) > 1 {
				g.Group, g.Option = 1, i+1
			}
			out = append(out, g)
		}
	}
	return out
}

// walk returns the ways to make s evaluate to want; an empty option means it already does, and
// no options means it cannot be done by changing facts.
func (o *Observer) walk(s *Shape, want bool, src string) []option {
	switch s.Kind {
	case Const:
		if s.Bool == want {
			return []option{{}}
		}
		return nil
	case BoolFact:
		v := o.get(s.Fact)
		if v.missing != nil {
			return []option{provide(v.missing)}
		}
		if v.b == want {
			return []option{{}}
		}
		if o.voc.fact(s.Fact).Fixed {
			return nil
		}
		return []option{{o.boolGap(s.Fact, want)}}
	case Compare:
		v := o.get(s.Fact)
		if v.missing != nil {
			return []option{provide(v.missing)}
		}
		cur := v.number()
		if compare(cur, s.Op, s.Value) == want {
			return []option{{}}
		}
		op := s.Op
		if !want {
			op = negate(op)
		}
		return []option{{o.numberGap(s.Fact, op, s.Value, cur)}}
	case Not:
		return o.walk(s.Children[0], !want, src)
	case And, Or:
		// a && b is true when both are; a || b when either is (and dually for false).
		if (s.Kind == And) == want {
			acc := []option{{}}
			for _, c := range s.Children {
				acc = product(acc, o.walk(c, want, src))
			}
			return acc
		}
		var acc []option
		for _, c := range s.Children {
			opts := o.walk(c, want, src)
			for _, op := range opts {
				if len(op) == 0 {
					return []option{{}}
				}
			}
			acc = append(acc, opts...)
		}
		return acc
	case Cond:
		switch o.truth(s.Children[0]) {
		case True:
			return o.walk(s.Children[1], want, src)
		case False:
			return o.walk(s.Children[2], want, src)
		}
		return append(o.walk(s.Children[1], want, src), o.walk(s.Children[2], want, src)...)
	}
	return []option{{{Kind: smetier.Review, Size: 1, Message: smetier.Text{
		Zh: "需满足条件：" + src, En: "the condition must hold: " + src}}}}
}

// truth evaluates a shape's condition from the facts, without CEL (used only for Cond's test).
func (o *Observer) truth(s *Shape) Truth {
	switch s.Kind {
	case Const:
		if s.Bool {
			return True
		}
		return False
	case BoolFact:
		v := o.get(s.Fact)
		if v.missing != nil {
			return Maybe
		}
		if v.b {
			return True
		}
		return False
	case Compare:
		v := o.get(s.Fact)
		if v.missing != nil {
			return Maybe
		}
		if compare(v.number(), s.Op, s.Value) {
			return True
		}
		return False
	case Not:
		return 2 - o.truth(s.Children[0])
	}
	return Maybe
}

func product(a, b []option) []option {
	var out []option
	for _, x := range a {
		for _, y := range b {
			if len(out) == maxOptions {
				return out
			}
			op := make(option, 0, len(x)+len(y))
			op = append(append(op, x...), y...)
			out = append(out, op)
		}
	}
	return out
}

// minimal drops options that repeat another option's gaps plus more, and duplicates.
func minimal(opts []option) []option {
	key := func(g smetier.Gap) string { return g.Fact + "|" + g.Input + "|" + string(g.Kind) + "|" + g.Message.En }
	sets := make([]map[string]bool, len(opts))
	for i, op := range opts {
		sets[i] = map[string]bool{}
		for _, g := range op {
			sets[i][key(g)] = true
		}
	}
	var out []option
	for i, op := range opts {
		dominated := false
		for j := range opts {
			if i == j {
				continue
			}
			sub := len(sets[j]) <= len(sets[i])
			for k := range sets[j] {
				if !sets[i][k] {
					sub = false
					break
				}
			}
			if sub && (len(sets[j]) < len(sets[i]) || j < i) {
				dominated = true
				break
			}
		}
		if !dominated {
			out = append(out, dedupGaps(op, key))
		}
	}
	return out
}

func dedupGaps(op option, key func(smetier.Gap) string) option {
	seen := map[string]bool{}
	var out option
	for _, g := range op {
		if k := key(g); !seen[k] {
			seen[k] = true
			out = append(out, g)
		}
	}
	return out
}

func provide(missing []smetier.Input) option {
	var op option
	for _, in := range missing {
		op = append(op, smetier.Gap{Kind: smetier.Provide, Input: in.Path, Official: in.Official, Size: 1,
			Message: smetier.Text{Zh: "需提供：" + in.Label.Zh, En: "provide " + in.Label.En}})
	}
	return op
}

func compare(a float64, op string, b float64) bool {
	switch op {
	case ">=":
		return a >= b
	case ">":
		return a > b
	case "<=":
		return a <= b
	case "<":
		return a < b
	case "==":
		return a == b
	case "!=":
		return a != b
	}
	return false
}

func negate(op string) string {
	return map[string]string{">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}[op]
}

func (o *Observer) boolGap(fact string, want bool) smetier.Gap {
	f := o.voc.fact(fact)
	g := smetier.Gap{Fact: fact, Size: 1}
	if want {
		g.Kind = smetier.Obtain
		g.Message = smetier.Text{Zh: "需要：" + f.Label.Zh, En: "needed: " + f.Label.En}
	} else {
		g.Kind = smetier.Avoid
		g.Message = smetier.Text{Zh: "不得：" + f.Label.Zh, En: "must not be: " + f.Label.En}
	}
	return g
}

// numberGap expresses "fact op threshold", which does not hold at cur, in the profile's terms.
func (o *Observer) numberGap(fact, op string, threshold, cur float64) smetier.Gap {
	f := o.voc.fact(fact)
	g := smetier.Gap{Fact: fact, Unit: f.Unit, Kind: smetier.Increase}
	if op == "<=" || op == "<" {
		g.Kind = smetier.Decrease
	}
	if f.Yearly {
		g.FiscalYear = o.year - f.YearOffset
	}
	if math.IsNaN(cur) || math.IsInf(cur, 0) {
		// A ratio or growth rate over a zero base is undefined: there is no distance to the
		// threshold to state (and NaN has no JSON form), only that the rule cannot be met so.
		g.Kind, g.Size = smetier.Review, 1
		g.Message = smetier.Text{
			Zh: fmt.Sprintf("%s无法计算（基数为零），要求%s%s", f.Label.Zh, opZh(op), Quantity(threshold, f.Unit).Zh),
			En: fmt.Sprintf("%s cannot be computed (its base is zero); the rule needs %s %s", f.Label.En, opSymbol[op], Quantity(threshold, f.Unit).En),
		}
		return g
	}
	// The smallest change that makes a strict comparison hold is one unit of the input.
	step := 0.0
	if op == ">" || op == "<" {
		step = 1e-6 // 1 fen in 万元; ratios and counts are adjusted below
	}
	year := g.FiscalYear
	key, k := yearKey(fact)
	switch {
	case k > 0 && isMoneyFigure(key):
		// A figure of one fiscal year, in 万元: the gap is the same figure in yuan.
		g.Input, g.Unit = fmt.Sprintf("years.%d.%s", year, key), "元"
		return o.amountGap(g, f.Label, cur, threshold+signed(g.Kind, step))
	case k > 0 && ratioOf(key) != nil:
		return o.ratioGap(g, k, *ratioOf(key), op, threshold, cur)
	case lastYearCloses[fact].figure != "":
		// Closed by last year's figure alone: it moves by the aggregate's shortfall times the
		// factor. Current and Required are that year's figure, the input named.
		c := lastYearCloses[fact]
		if v1, ok := o.raw(1, figureByKey(c.figure)); ok && (c.both || g.Kind == smetier.Increase) {
			y := o.year - 1
			need := threshold + signed(g.Kind, step)
			g.Input, g.Unit, g.FiscalYear = fmt.Sprintf("years.%d.%s", y, c.figure), "元", y
			return o.amountGap(g, c.label(y, op, threshold), wanOf(v1), wanOf(v1)+c.factor*(need-cur))
		}
	case strings.HasPrefix(fact, "equity.sum_"):
		g.Input, g.Unit = "financing", "元"
		return o.amountGap(g, f.Label, cur, threshold)
	case fact == "revenue.cagr_2y_pct":
		v3, ok3 := o.raw(3, figureByKey("operating_revenue"))
		v1, ok1 := o.raw(1, figureByKey("operating_revenue"))
		if ok1 && ok3 && g.Kind == smetier.Increase {
			need := float64(v3) * math.Pow(1+threshold/100, 2) / 100 // yuan
			g.Input, g.Unit, g.FiscalYear = fmt.Sprintf("years.%d.operating_revenue", o.year-1), "元", o.year-1
			return o.amountGap(g, t(fmt.Sprintf("%d年营业收入（按复合增长率%s%%）", o.year-1, trim(threshold)),
				fmt.Sprintf("operating revenue %d (for a %s%% CAGR)", o.year-1, trim(threshold))), float64(v1)/1e6, math.Ceil(need)/1e4)
		}
	}
	// Counts, years, ranks, scores, shares: the fact's own unit.
	if f.Type == Int && step != 0 {
		step = 1
	}
	need := threshold + signed(g.Kind, step)
	if f.Type == Int {
		need = math.Ceil(need)
		if g.Kind == smetier.Decrease {
			need = math.Floor(threshold + signed(g.Kind, step))
		}
	}
	g.Official = f.Official
	switch {
	case strings.HasPrefix(fact, "ip."):
		g.Input = "ip"
	case strings.HasPrefix(fact, "segment."):
		g.Input = "segment." + strings.TrimPrefix(fact, "segment.")
		if fact == "segment.years" || fact == "segment.years_to_date" {
			g.Input, g.Kind = "segment.since", smetier.Wait
		}
	case strings.HasPrefix(fact, "score."):
		g.Input = fmt.Sprintf("evaluation_scores.%d", g.FiscalYear)
	case fact == "digital.level":
		g.Input = "digital_level"
	case fact == "ent.years":
		g.Input, g.Kind = "established", smetier.Wait
	case fact == "compliance.incidents_3y" || fact == "compliance.environment_3y":
		g.Input, g.Kind = "compliance.incidents", smetier.Wait
	}
	return fill(g, f.Label, cur, need, f.Unit)
}

// lastYearCloses are the multi-year aggregates whose gap is stated as last year's figure: a sum
// moves with it one for one, an average over n years by 1/n. both is false where only a rise
// is described.
var lastYearCloses = map[string]struct {
	figure string
	factor float64
	both   bool
	label  func(y int, op string, threshold float64) smetier.Text
}{
	"rd.sum_2y": {"rd_expense", 1, true, func(y int, op string, th float64) smetier.Text {
		return t(fmt.Sprintf("%d年研发费用（使近两年研发费用总额%s%s万元）", y, opZh(op), trim(th)),
			fmt.Sprintf("R&D expense %d (for a 2-year total %s %s)", y, opSymbol[op], Quantity(th, "万元").En))
	}},
	"rd.avg_2y": {"rd_expense", 2, true, func(y int, op string, th float64) smetier.Text {
		return t(fmt.Sprintf("%d年研发费用（使近两年研发费用平均值%s%s万元）", y, opZh(op), trim(th)),
			fmt.Sprintf("R&D expense %d (for a 2-year average %s %s)", y, opSymbol[op], Quantity(th, "万元").En))
	}},
	"main_revenue.avg_3y": {"main_revenue", 3, false, func(y int, _ string, th float64) smetier.Text {
		return t(fmt.Sprintf("%d年主营业务收入（使近三年平均值达到%s万元）", y, trim(th)),
			fmt.Sprintf("main-business revenue %d (for a 3-year average of %s)", y, Quantity(th, "万元").En))
	}},
}

func signed(k smetier.GapKind, step float64) float64 {
	if k == smetier.Decrease {
		return -step
	}
	return step
}

// amountGap fills a money gap; cur and need are in 万元, the gap in yuan.
func (o *Observer) amountGap(g smetier.Gap, label smetier.Text, cur, need float64) smetier.Gap {
	return fill(g, label, math.Round(cur*1e6)/100, math.Round(need*1e6)/100, "元")
}

// ratioGap: num/den×100 op T. For ≥ the numerator must reach T% of the denominator (the
// denominator held fixed); for ≤ the numerator must come down, or the denominator go up.
func (o *Observer) ratioGap(g smetier.Gap, k int, r ratio, op string, threshold, cur float64) smetier.Gap {
	num, den := figureByKey(r.num), figureByKey(r.den)
	n, _ := o.raw(k, num)
	d, _ := o.raw(k, den)
	year := o.year - k
	unit, scale := "元", 100.0
	if num.count != nil {
		unit, scale = "人", 1
	}
	g.Input, g.Unit = fmt.Sprintf("years.%d.%s", year, r.num), unit
	nv, dv := float64(n)/scale, float64(d)/scale
	need := threshold / 100 * dv
	if unit == "元" {
		need = math.Round(need*100) / 100
	} else if g.Kind == smetier.Increase {
		need = math.Ceil(need)
	} else {
		need = math.Floor(need)
	}
	// The rounding above can land a hair on the wrong side, and for a strict comparison the
	// threshold itself still fails: step by the smallest unit (a fen, a person) until the
	// proposed figure passes the comparison exactly.
	if d != 0 {
		step := int64(1)
		if g.Kind != smetier.Increase {
			step = -1
		}
		raw := int64(math.Round(need * scale))
		for range 4 {
			if compare(pctOf(raw, d), op, threshold) {
				break
			}
			raw += step
		}
		need = float64(raw) / scale
	}
	g = fill(g, t(fmt.Sprintf("%d年%s", year, num.label.Zh), fmt.Sprintf("%s %d", num.label.En, year)), nv, need, unit)
	pct := Number(cur)
	zh := fmt.Sprintf("%d年%s为%s%%，要求%s%s%%：", year, r.label.Zh, pct, opZh(op), trim(threshold))
	en := fmt.Sprintf("%s %d is %s%%; %s %s%% ", r.label.En, year, pct, opSymbol[op], trim(threshold))
	needQ, deltaQ := Quantity(need, unit), Quantity(*g.Delta, unit)
	if g.Kind == smetier.Increase {
		zh += fmt.Sprintf("在%s不变时%s需达到%s，即增加%s", den.label.Zh, num.label.Zh, needQ.Zh, deltaQ.Zh)
		en += fmt.Sprintf("needs %s ≥ %s at fixed %s, i.e. +%s", num.label.En, needQ.En, den.label.En, deltaQ.En)
	} else {
		raise := Quantity(nv*100/threshold-dv, unit)
		if unit == "人" {
			raise = Quantity(math.Ceil(nv*100/threshold-dv), unit) // whole people
		}
		zh += fmt.Sprintf("%s需降至%s（减少%s），或%s增加%s", num.label.Zh, needQ.Zh, deltaQ.Zh, den.label.Zh, raise.Zh)
		en += fmt.Sprintf("reduce %s by %s to %s, or raise %s by %s", num.label.En, deltaQ.En, needQ.En, den.label.En, raise.En)
	}
	g.Message = smetier.Text{Zh: zh, En: en}
	return g
}

// fill sets the numbers of a gap and a default message.
func fill(g smetier.Gap, label smetier.Text, cur, need float64, unit string) smetier.Gap {
	delta := math.Abs(need - cur)
	if unit == "元" {
		delta = math.Round(delta*100) / 100 // amounts are whole fen
	}
	g.Current, g.Required, g.Delta = &cur, &need, &delta
	g.Size = 1
	if need != 0 {
		g.Size = delta / math.Abs(need)
	}
	verbZh, verbEn := "增加", "+"
	if g.Kind == smetier.Decrease {
		verbZh, verbEn = "减少", "−"
	}
	year := ""
	if g.FiscalYear != 0 && !strings.Contains(label.En, strconv.Itoa(g.FiscalYear)) {
		year = " " + strconv.Itoa(g.FiscalYear)
	}
	curQ, needQ, deltaQ := Quantity(cur, unit), Quantity(need, unit), Quantity(delta, unit)
	g.Message = smetier.Text{
		Zh: fmt.Sprintf("%s%s为%s，需%s%s，即%s%s", label.Zh, strings.TrimSpace(year), curQ.Zh, opWord(g.Kind), needQ.Zh, verbZh, deltaQ.Zh),
		En: fmt.Sprintf("%s%s is %s; needs %s %s, i.e. %s%s", label.En, year, curQ.En, opSym(g.Kind), needQ.En, verbEn, deltaQ.En),
	}
	if g.Kind == smetier.Wait && unit == "年" {
		g.Message = smetier.Text{
			Zh: fmt.Sprintf("%s%s为%s，需%s%s，即%s后可满足", label.Zh, strings.TrimSpace(year), curQ.Zh, opWord(g.Kind), needQ.Zh, deltaQ.Zh),
			En: fmt.Sprintf("%s%s is %s; needs %s %s, i.e. %s more", label.En, year, curQ.En, opSym(g.Kind), needQ.En, deltaQ.En),
		}
	}
	return g
}

func opWord(k smetier.GapKind) string {
	if k == smetier.Decrease {
		return "不超过"
	}
	return "达到"
}

func opSym(k smetier.GapKind) string {
	if k == smetier.Decrease {
		return "≤"
	}
	return "≥"
}

var opSymbol = map[string]string{">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}

func opZh(op string) string {
	return map[string]string{">=": "不低于", ">": "高于", "<=": "不超过", "<": "低于", "==": "等于", "!=": "不等于"}[op]
}

func trim(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// yearKey splits "fy2.rd_expense" into ("rd_expense", 2); k is 0 for other facts.
func yearKey(fact string) (string, int) {
	if len(fact) > 4 && fact[:2] == "fy" && fact[3] == '.' && fact[2] >= '1' && fact[2] <= '9' {
		return fact[4:], int(fact[2] - '0')
	}
	return "", 0
}

func isMoneyFigure(key string) bool {
	for _, f := range yearFigures {
		if f.key == key {
			return f.money != nil
		}
	}
	return false
}

func ratioOf(key string) *ratio {
	for i := range yearRatios {
		if yearRatios[i].key == key {
			return &yearRatios[i]
		}
	}
	return nil
}
