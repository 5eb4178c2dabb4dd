package engine

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/smetier/smetier"
)

// maxOptions bounds the alternatives a gap analysis enumerates for one criterion.
const maxOptions = 8

// option is one way to make an expression take the wanted value: all its gaps closed. It holds
// the indices of the gaps in the observer's gap scratch (gapWork.gaps).
type option []int32

// gapWork is an observer's scratch for gap analysis, reused from criterion to criterion: the
// gaps the walk makes, and the options and lists of options that refer to them, each appended
// back to back. The walk used to build every option as a slice of gaps and copy gaps from
// option to option, which made gap analysis three quarters of the allocations of a screening
// call (BenchmarkClassify/engine-gaps-only-mix); now a gap is copied once, into the report.
//
// Options and lists are handed out as capped slices of idx and lists: appending to one copies
// it, and a later append to the scratch never writes where an earlier slice looks.
type gapWork struct {
	gaps  []smetier.Gap
	idx   []int32
	lists []option
}

// reset forgets the gaps of the last analysis. The slots keep their old values until they are
// overwritten (their strings stay reachable while the observer waits in its pool).
func (w *gapWork) reset() {
	w.gaps, w.idx, w.lists = w.gaps[:0], w.idx[:0], w.lists[:0]
}

// holds is the list of options of an expression that already takes the wanted value: one
// option, with nothing to close. It is never written to.
var holds = []option{{}}

// one returns the list of one option made of the gaps at indices [from, len(w.gaps)).
func (w *gapWork) one(from int) []option {
	i := len(w.idx)
	for k := from; k < len(w.gaps); k++ {
		w.idx = append(w.idx, int32(k))
	}
	l := len(w.lists)
	w.lists = append(w.lists, w.idx[i:len(w.idx):len(w.idx)])
	return w.lists[l:len(w.lists):len(w.lists)]
}

// single returns the list of one option made of one new gap.
func (w *gapWork) single(g smetier.Gap) []option {
	w.gaps = append(w.gaps, g)
	return w.one(len(w.gaps) - 1)
}

// concat returns the options of every list, in order, as one list.
func (w *gapWork) concat(parts [][]option) []option {
	l := len(w.lists)
	for _, p := range parts {
		w.lists = append(w.lists, p...)
	}
	return w.lists[l:len(w.lists):len(w.lists)]
}

// product returns every union of an option of a with an option of b (at most maxOptions).
func (w *gapWork) product(a, b []option) []option {
	l := len(w.lists)
	for _, x := range a {
		for _, y := range b {
			if len(w.lists)-l == maxOptions {
				return w.lists[l:len(w.lists):len(w.lists)]
			}
			i := len(w.idx)
			w.idx = append(append(w.idx, x...), y...)
			w.lists = append(w.lists, w.idx[i:len(w.idx):len(w.idx)])
		}
	}
	if len(w.lists) == l {
		return nil
	}
	return w.lists[l:len(w.lists):len(w.lists)]
}

// Gaps derives what would close criterion id, whose expression is p, from the expression's
// shape and the observed facts: every failing comparison becomes a numeric gap in the profile's
// terms, every missing fact a request for its inputs, and alternatives (||) become grouped
// options. It returns nil when the criterion holds.
func (o *Observer) Gaps(id string, p *Program) []smetier.Gap {
	return o.AppendGaps(nil, id, p, nil)
}

// AppendGaps appends to dst what would make p hold (criterion id's expression), or else one of
// alts (the expressions of a gate's exemptions): the options of p, then those of each of alts,
// each a list of gaps that must all be closed. Every gap is labelled with id; when there is more
// than one option, the options form group 1 and are numbered from 1 (a single option's gaps are
// all required: group 0). The options live as indices in o's scratch and are never built as
// slices of gaps.
func (o *Observer) AppendGaps(dst []smetier.Gap, id string, p *Program, alts []*Program) []smetier.Gap {
	w := &o.gw
	w.reset()
	opts, _ := o.options(p)
	for _, a := range alts {
		more, ok := o.options(a)
		if ok && len(more) > 0 {
			opts = w.concat([][]option{opts, more})
		}
	}
	n := 0
	for _, op := range opts {
		n += len(op)
	}
	if n == 0 {
		return dst
	}
	dst = slices.Grow(dst, n)
	for k, op := range opts {
		for _, i := range op {
			g := w.gaps[i]
			g.Criterion = id
			if len(opts) > 1 {
				g.Group, g.Option = 1, k+1
			}
			dst = append(dst, g)
		}
	}
	return dst
}

// options returns the minimal options of p, in o.gw; ok is false when p holds or is nil.
func (o *Observer) options(p *Program) (opts []option, ok bool) {
	if p == nil {
		return nil, false
	}
	opts = o.walk(p.shape, true, p)
	for _, op := range opts {
		if len(op) == 0 {
			return nil, false // already holds
		}
	}
	return o.gw.minimal(opts), true
}

// walk returns the ways to make s evaluate to want; an empty option means it already does, and
// no options means it cannot be done by changing facts. The lists live in o.gw.
func (o *Observer) walk(s *Shape, want bool, p *Program) []option {
	w := &o.gw
	switch s.Kind {
	case Const:
		if s.Bool == want {
			return holds
		}
		return nil
	case BoolFact:
		v := o.get(s.Fact)
		if v.missing != nil {
			return o.provide(v.missing)
		}
		if v.b == want {
			return holds
		}
		if o.voc.fact(s.Fact).Fixed {
			return nil
		}
		return w.single(o.boolGap(s.Fact, want))
	case Compare:
		v := o.get(s.Fact)
		if v.missing != nil {
			return o.provide(v.missing)
		}
		cur := v.number()
		if compare(cur, s.Op, s.Value) == want {
			return holds
		}
		op := s.Op
		if !want {
			op = negate(op)
		}
		return w.single(o.numberGap(s.Fact, op, s.Value, cur))
	case Not:
		return o.walk(s.Children[0], !want, p)
	case And, Or:
		// a && b is true when both are; a || b when either is (and dually for false).
		if (s.Kind == And) == want {
			acc := holds
			for _, c := range s.Children {
				if acc == nil {
					break // no way left: the rest cannot add one
				}
				acc = w.product(acc, o.walk(c, want, p))
			}
			return acc
		}
		var buf [8][]option
		parts := buf[:0]
		for _, c := range s.Children {
			opts := o.walk(c, want, p)
			for _, op := range opts {
				if len(op) == 0 {
					return holds
				}
			}
			parts = append(parts, opts)
		}
		return w.concat(parts)
	case Cond:
		switch o.truth(s.Children[0]) {
		case True:
			return o.walk(s.Children[1], want, p)
		case False:
			return o.walk(s.Children[2], want, p)
		}
		a := o.walk(s.Children[1], want, p)
		return w.concat([][]option{a, o.walk(s.Children[2], want, p)})
	}
	return w.single(smetier.Gap{Kind: smetier.Review, Size: 1, Message: p.reviewMsg})
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

// sameGap reports whether two gaps count as the same for minimal: the same fact, input, kind
// and message.
func sameGap(a, b *smetier.Gap) bool {
	return a.Fact == b.Fact && a.Input == b.Input && a.Kind == b.Kind && a.Message.En == b.Message.En
}

// minimal drops options that repeat another option's gaps plus more, and duplicates, and the
// repeated gaps within an option. Options are compared as sets of gaps (sameGap); of two
// options with the same set the first is kept.
func (w *gapWork) minimal(opts []option) []option {
	if len(opts) == 1 {
		if d := w.dedup(opts[0]); len(d) != len(opts[0]) {
			return w.concat([][]option{{d}})
		}
		return opts
	}
	// distinct[i] is the number of different gaps in option i; options are short (a handful of
	// gaps, maxOptions at most from a product) so quadratic scans beat building sets.
	var dbuf [2 * maxOptions]int
	distinct := dbuf[:0]
	for _, op := range opts {
		distinct = append(distinct, w.distinct(op))
	}
	l := len(w.lists)
	for i, op := range opts {
		dominated := false
		for j := range opts {
			if i == j || distinct[j] > distinct[i] || !(distinct[j] < distinct[i] || j < i) {
				continue
			}
			if w.subset(opts[j], op) {
				dominated = true
				break
			}
		}
		if !dominated {
			w.lists = append(w.lists, w.dedup(op))
		}
	}
	return w.lists[l:len(w.lists):len(w.lists)]
}

// contains reports whether op has a gap the same as gap i.
func (w *gapWork) contains(op option, i int32) bool {
	for _, k := range op {
		if k == i || sameGap(&w.gaps[k], &w.gaps[i]) {
			return true
		}
	}
	return false
}

// distinct counts the different gaps of op.
func (w *gapWork) distinct(op option) int {
	n := 0
	for k, i := range op {
		if !w.contains(op[:k], i) {
			n++
		}
	}
	return n
}

// subset reports whether every gap of a is in b.
func (w *gapWork) subset(a, b option) bool {
	for _, i := range a {
		if !w.contains(b, i) {
			return false
		}
	}
	return true
}

// dedup returns op without its repeated gaps (the first of each kept), op itself when it has
// none.
func (w *gapWork) dedup(op option) option {
	for k := 1; k < len(op); k++ {
		if w.contains(op[:k], op[k]) {
			i := len(w.idx)
			w.idx = append(w.idx, op[:k]...)
			for _, g := range op[k+1:] {
				if !w.contains(w.idx[i:], g) {
					w.idx = append(w.idx, g)
				}
			}
			return w.idx[i:len(w.idx):len(w.idx)]
		}
	}
	return op
}

// provide returns the list of one option that supplies every missing input.
func (o *Observer) provide(missing []smetier.Input) []option {
	w := &o.gw
	from := len(w.gaps)
	for _, in := range missing {
		b := append(append(o.msg[:0], "需提供："...), in.Label.Zh...)
		zh := len(b)
		b = append(append(b, "provide "...), in.Label.En...)
		w.gaps = append(w.gaps, smetier.Gap{Kind: smetier.Provide, Input: in.Path, Official: in.Official, Size: 1,
			Message: o.text(b, zh)})
	}
	return w.one(from)
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
	switch op {
	case ">=":
		return "<"
	case ">":
		return "<="
	case "<=":
		return ">"
	case "<":
		return ">="
	case "==":
		return "!="
	case "!=":
		return "=="
	}
	return ""
}

func (o *Observer) boolGap(fact string, want bool) smetier.Gap {
	f := o.voc.fact(fact)
	g := smetier.Gap{Fact: fact, Size: 1}
	if want {
		g.Kind, g.Message = smetier.Obtain, f.obtain
	} else {
		g.Kind, g.Message = smetier.Avoid, f.avoid
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
	key, k := yearKey(fact)
	switch {
	case k > 0 && isMoneyFigure(key):
		// A figure of one fiscal year, in 万元: the gap is the same figure in yuan.
		g.Input, g.Unit = o.yearInput(k, figureByKey(key)).Path, "元"
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
			g.Input, g.Unit, g.FiscalYear = o.yearInput(1, figureByKey(c.figure)).Path, "元", y
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
			g.Input, g.Unit, g.FiscalYear = o.yearInput(1, figureByKey("operating_revenue")).Path, "元", o.year-1
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
		g.Input = "evaluation_scores." + strconv.Itoa(g.FiscalYear)
	case fact == "digital.level":
		g.Input = "digital_level"
	case fact == "ent.years":
		g.Input, g.Kind = "established", smetier.Wait
	case fact == "compliance.incidents_3y" || fact == "compliance.environment_3y":
		g.Input, g.Kind = "compliance.incidents", smetier.Wait
	}
	return o.fill(g, f.Label, cur, need, f.Unit)
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
		ys := strconv.Itoa(y)
		return t(ys+"年主营业务收入（使近三年平均值达到"+trim(th)+"万元）",
			"main-business revenue "+ys+" (for a 3-year average of "+Quantity(th, "万元").En+")")
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
	return o.fill(g, label, math.Round(cur*1e6)/100, math.Round(need*1e6)/100, "元")
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
	g.Input, g.Unit = o.yearInput(k, num).Path, unit
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
	g = setNumbers(g, nv, need, unit)
	// The message is written into one buffer, both languages (see fill).
	var yr [8]byte
	y := strconv.AppendInt(yr[:0], int64(year), 10)
	buf := append(append(append(o.msg[:0], y...), "年"...), r.label.Zh...)
	buf = append(appendNumber(append(buf, "为"...), cur), "%，要求"...)
	buf = append(strconv.AppendFloat(append(buf, opZh(op)...), threshold, 'f', -1, 64), "%："...)
	if g.Kind == smetier.Increase {
		buf = append(append(append(append(buf, "在"...), den.label.Zh...), "不变时"...), num.label.Zh...)
		buf = append(appendQuantity(append(buf, "需达到"...), need, unit, false), "，即增加"...)
		buf = appendQuantity(buf, *g.Delta, unit, false)
	} else {
		buf = appendQuantity(append(append(buf, num.label.Zh...), "需降至"...), need, unit, false)
		buf = append(appendQuantity(append(buf, "（减少"...), *g.Delta, unit, false), "），或"...)
		buf = appendQuantity(append(append(buf, den.label.Zh...), "增加"...), raise(nv, dv, threshold, unit), unit, false)
	}
	zh := len(buf)
	buf = append(append(append(append(buf, r.label.En...), ' '), y...), " is "...)
	buf = append(appendNumber(buf, cur), "%; "...)
	buf = append(strconv.AppendFloat(append(append(buf, opSymbol[op]...), ' '), threshold, 'f', -1, 64), "% "...)
	if g.Kind == smetier.Increase {
		buf = append(append(append(buf, "needs "...), num.label.En...), " ≥ "...)
		buf = append(append(appendQuantity(buf, need, unit, true), " at fixed "...), den.label.En...)
		buf = appendQuantity(append(buf, ", i.e. +"...), *g.Delta, unit, true)
	} else {
		buf = append(append(append(buf, "reduce "...), num.label.En...), " by "...)
		buf = append(appendQuantity(buf, *g.Delta, unit, true), " to "...)
		buf = append(append(append(appendQuantity(buf, need, unit, true), ", or raise "...), den.label.En...), " by "...)
		buf = appendQuantity(buf, raise(nv, dv, threshold, unit), unit, true)
	}
	g.Message = o.text(buf, zh)
	return g
}

// raise is how much the denominator of a ratio must grow for the ratio to come down to the
// threshold: in whole people for a head count.
func raise(nv, dv, threshold float64, unit string) float64 {
	if unit == "人" {
		return math.Ceil(nv*100/threshold - dv)
	}
	return nv*100/threshold - dv
}

// fill sets the numbers of a gap and a default message. The message is written into the
// observer's buffer, both languages back to back, and cut out of one string: building it from a
// string per piece made a dozen allocations per gap, and gap messages were the largest share of
// the allocations of a screening call (BenchmarkClassify/engine-gaps-only-mix).
func (o *Observer) fill(g smetier.Gap, label smetier.Text, cur, need float64, unit string) smetier.Gap {
	g = setNumbers(g, cur, need, unit)
	verbZh, verbEn := "增加", "+"
	if g.Kind == smetier.Decrease {
		verbZh, verbEn = "减少", "−"
	}
	var yr [8]byte
	var y []byte
	if g.FiscalYear != 0 {
		if y = strconv.AppendInt(yr[:0], int64(g.FiscalYear), 10); strings.Contains(label.En, string(y)) {
			y = nil
		}
	}
	wait := g.Kind == smetier.Wait && unit == "年"
	buf := append(append(append(o.msg[:0], label.Zh...), y...), "为"...)
	buf = append(append(appendQuantity(buf, cur, unit, false), "，需"...), opWord(g.Kind)...)
	buf = append(appendQuantity(buf, need, unit, false), "，即"...)
	if wait {
		buf = append(appendQuantity(buf, *g.Delta, unit, false), "后可满足"...)
	} else {
		buf = appendQuantity(append(buf, verbZh...), *g.Delta, unit, false)
	}
	zh := len(buf)
	buf = append(buf, label.En...)
	if y != nil {
		buf = append(append(buf, ' '), y...)
	}
	buf = append(appendQuantity(append(buf, " is "...), cur, unit, true), "; needs "...)
	buf = append(append(buf, opSym(g.Kind)...), ' ')
	buf = append(appendQuantity(buf, need, unit, true), ", i.e. "...)
	if wait {
		buf = append(appendQuantity(buf, *g.Delta, unit, true), " more"...)
	} else {
		buf = appendQuantity(append(buf, verbEn...), *g.Delta, unit, true)
	}
	g.Message = o.text(buf, zh)
	return g
}

// text returns the message in buf, its first zh bytes in Chinese and the rest in English, as
// two strings sharing one allocation, and keeps buf (grown) as the observer's message buffer.
func (o *Observer) text(buf []byte, zh int) smetier.Text {
	o.msg = buf[:0]
	s := string(buf)
	return smetier.Text{Zh: s[:zh], En: s[zh:]}
}

// setNumbers sets a gap's Current, Required, Delta and Size, without a message. The three
// numbers share one allocation: a gap is made for every unmet comparison of every screened
// enterprise (BenchmarkClassify/engine-gaps-only-mix).
func setNumbers(g smetier.Gap, cur, need float64, unit string) smetier.Gap {
	delta := math.Abs(need - cur)
	if unit == "元" {
		delta = math.Round(delta*100) / 100 // amounts are whole fen
	}
	nums := &[3]float64{cur, need, delta}
	g.Current, g.Required, g.Delta = &nums[0], &nums[1], &nums[2]
	g.Size = 1
	if need != 0 {
		g.Size = delta / math.Abs(need)
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
	switch op {
	case ">=":
		return "不低于"
	case ">":
		return "高于"
	case "<=":
		return "不超过"
	case "<":
		return "低于"
	case "==":
		return "等于"
	case "!=":
		return "不等于"
	}
	return ""
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
