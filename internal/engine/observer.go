package engine

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"sync"

	"github.com/smetier/smetier"
)

// Observer computes facts about one profile for one date, on demand and at most once each. It is
// cheap to create and not safe for concurrent use: make one per classification.
type Observer struct {
	p        *smetier.Profile
	asOf     smetier.Date
	year     int
	renewal  bool
	std      Sizer
	voc      *vocab // the catalog's program title facts; nil: built-in facts only
	sizeRes  smetier.SizeResult
	sizeDone bool
	vals     []value
	obs      []*smetier.Observation
	act      activation
	unknowns []int // scratch for the fast path
	gw       gapWork
	msg      []byte // scratch for gap messages (see fill)
	// env is the environment of the catalog the observer serves (nil: built-in facts only), and
	// memo the results of its programs in this classification, by Program.id (see Eval).
	env  *Env
	memo []evalMemo
	// gen numbers the classifications an observer has served: a value belongs to this one when
	// its gen matches, so releasing the observer invalidates every value without clearing any.
	gen uint32
	// observed lists the facts with an Observation in this classification, cleared on Release.
	observed []int
	// years caches copies of fiscal years Y−1 … Y−len(years): a map element cannot be addressed,
	// and a local copy passed to the figure accessors would escape to the heap on every call.
	years  [6]smetier.FiscalYear
	yearOK [6]int8 // 0 not looked up, 1 present, −1 absent
	// yearIns holds the missing-input lists of the per-year figures of fiscal years Y−1 …
	// Y−len(years), by (k−1)·len(yearFigures) + figure, made on first use for application year
	// yearInsOf. They depend on nothing else, so they outlive the classification: a screening run
	// judges every profile as of one date, and each list was three strings and a slice.
	yearIns   [][]smetier.Input
	yearInsOf int
	// scoreIns holds the missing-input lists of the official scores of years Y and Y−1 (score.y0
	// and score.y1), for application year yearInsOf too.
	scoreIns [2][]smetier.Input
	// ipIns caches the inputs of the profile's IP rights in this classification (see ipInput).
	ipIns []ipInputSlot
}

// observer is the name the fact table's functions use.
type observer = Observer

// NewObserver prepares facts about p as of date asOf; the application year is asOf's year, so
// 上年度 is the year before. std is the size standard in force (nil: no size facts can be known).
//
// An observer made here knows the built-in facts only; to evaluate a catalog's rules, which may
// read the titles of its local programs, use Catalog.Observer.
func NewObserver(p *smetier.Profile, asOf smetier.Date, renewal bool, std Sizer) *Observer {
	return newObserver(p, asOf, renewal, std, nil)
}

func newObserver(p *smetier.Profile, asOf smetier.Date, renewal bool, std Sizer, voc *vocab) *Observer {
	o, _ := observerPool.Get().(*Observer)
	if o == nil {
		n := len(factList)
		o = &Observer{vals: make([]value, n), obs: make([]*smetier.Observation, n), gen: 1}
	}
	if n := voc.size(); len(o.vals) < n {
		// New slots have generation 0, which no classification has: they count as not computed.
		o.vals = append(o.vals, make([]value, n-len(o.vals))...)
		o.obs = append(o.obs, make([]*smetier.Observation, n-len(o.obs))...)
	}
	o.p, o.asOf, o.year, o.renewal, o.std, o.voc = p, asOf, asOf.Year, renewal, std, voc
	return o
}

// observerPool recycles the per-fact caches between classifications; everything a report keeps
// is copied out of the observer, so a released observer holds nothing the caller still uses.
var observerPool sync.Pool

// Release returns the observer to a pool for reuse. The observer must not be used afterwards.
func (o *Observer) Release() {
	o.reset()
	observerPool.Put(o)
}

// reset forgets the classification the observer served.
func (o *Observer) reset() {
	// Values of earlier generations stay in place until they are recomputed: clearing them cost
	// more than a typical classification's facts. They hold nothing a caller uses, but they do
	// keep the last profile's labels and missing-input lists reachable while the observer waits
	// in the pool (an idle pooled object is dropped after two garbage collections). The fiscal
	// years, copies of the profile's figures, are cleared.
	if o.gen++; o.gen == 0 {
		clear(o.vals)
		clear(o.memo)
		clear(o.ipIns)
		o.gen = 1
	}
	for _, i := range o.observed {
		o.obs[i] = nil
	}
	o.observed = o.observed[:0]
	clear(o.years[:])
	clear(o.yearOK[:])
	o.p, o.std, o.voc, o.env, o.sizeRes, o.sizeDone, o.act = nil, nil, nil, nil, smetier.SizeResult{}, false, activation{unknowns: o.act.unknowns[:0]}
}

// ApplicationYear is the year of the as-of date.
func (o *Observer) ApplicationYear() int { return o.year }

// Value returns the fact's value (bool, int64, float64 or string) and, when it cannot be computed,
// the inputs that are missing. It panics on an unknown fact name: names come from checked rules.
func (o *Observer) Value(name string) (v any, missing []smetier.Input) {
	val := o.get(name)
	return val.any(), val.missing
}

func (o *Observer) get(name string) value {
	f := o.voc.fact(name)
	if f == nil {
		panic("criteria: unknown fact " + name)
	}
	return *o.at(f.index)
}

// at returns the fact with index i, computing it on first use.
func (o *Observer) at(i int) *value {
	p := &o.vals[i]
	if p.gen != o.gen {
		// Field by field: copying the whole struct went through the stack twice.
		var v value
		if i < len(factEvals) {
			v = factEvals[i](o)
		} else {
			v = o.voc.extra[i-len(factEvals)].eval(o)
		}
		p.typ, p.b, p.gen, p.n, p.s, p.missing = v.typ, v.b, o.gen, v.n, v.s, v.missing
	}
	return p
}

// Observation describes a fact's value for a report. It is computed once per fact.
func (o *Observer) Observation(name string) smetier.Observation {
	f := o.voc.fact(name)
	if ob := o.obs[f.index]; ob != nil {
		return *ob
	}
	val := o.at(f.index)
	obs := smetier.Observation{Fact: name, Label: f.Label, Unit: f.Unit, Known: val.missing == nil}
	if f.Yearly {
		obs.FiscalYear = o.year - f.YearOffset
	}
	if obs.Known {
		obs.Value = val.any()
		obs.Display = Format(obs.Value, f.Unit)
		if x := val.f(); val.typ == doubleValue && (math.IsNaN(x) || math.IsInf(x, 0)) {
			obs.Value = nil
			obs.Display = smetier.Text{Zh: "n/a", En: "n/a"}
		}
	} else {
		obs.Display = smetier.Text{Zh: "?", En: "?"}
	}
	o.obs[f.index] = &obs
	o.observed = append(o.observed, f.index)
	return obs
}

// Size returns the enterprise's class under the size standard, from 上年度 figures.
func (o *Observer) Size() smetier.SizeResult { return *o.size() }

func (o *Observer) size() *smetier.SizeResult {
	if !o.sizeDone {
		if o.std == nil {
			o.sizeRes = smetier.SizeResult{Missing: []smetier.Input{{Path: "industry", Official: true,
				Label: t("无适用的中小企业划型标准", "no SME size standard in force for this date")}}}
		} else {
			o.sizeRes = o.std.Classify(o.p, o.year-1)
		}
		o.sizeDone = true
	}
	return &o.sizeRes
}

// raw returns a per-year figure of fiscal year (application year − k): fen for money, a count
// otherwise.
func (o *Observer) raw(k int, fig yearFigure) (int64, bool) {
	fy := o.fiscalYear(k)
	if fy == nil {
		return 0, false
	}
	if fig.money != nil {
		m := fig.money(fy)
		if m == nil {
			return 0, false
		}
		return int64(*m), true
	}
	c := fig.count(fy)
	if c == nil {
		return 0, false
	}
	return int64(*c), true
}

// yearMissing returns the missing-input list of figure fig of fiscal year (application year −
// k), which may be shared: see need.
func (o *Observer) yearMissing(k int, fig yearFigure) []smetier.Input {
	if k < 1 || k > len(o.years) {
		return []smetier.Input{yearInput(o.year-k, fig)}
	}
	o.yearCaches()
	i := (k-1)*len(yearFigures) + fig.idx
	if o.yearIns[i] == nil {
		o.yearIns[i] = []smetier.Input{yearInput(o.year-k, fig)}
	}
	return o.yearIns[i]
}

// yearCaches empties the caches of inputs by fiscal year when they are of another application
// year than the observer's.
func (o *Observer) yearCaches() {
	if o.yearInsOf != o.year || o.yearIns == nil {
		if o.yearIns == nil {
			o.yearIns = make([][]smetier.Input, len(o.years)*len(yearFigures))
		} else {
			clear(o.yearIns)
		}
		clear(o.scoreIns[:])
		o.yearInsOf = o.year
	}
}

// scoreMissing returns the missing-input list of the official evaluation score of year
// (application year − k), k 0 or 1, which may be shared: see need.
func (o *Observer) scoreMissing(k int) []smetier.Input {
	o.yearCaches()
	if o.scoreIns[k] == nil {
		ys := strconv.Itoa(o.year - k)
		o.scoreIns[k] = []smetier.Input{{Path: "evaluation_scores." + ys, Official: true,
			Label: t(ys+"年专精特新发展评价得分（官方平台）", "official 专精特新 evaluation score "+ys)}}
	}
	return o.scoreIns[k]
}

// yearInput is the input of figure fig of fiscal year (application year − k).
func (o *Observer) yearInput(k int, fig yearFigure) smetier.Input { return o.yearMissing(k, fig)[0] }

// fiscalYear returns fiscal year (application year − k), or nil when the profile lacks it.
func (o *Observer) fiscalYear(k int) *smetier.FiscalYear {
	if k < 1 || k > len(o.years) {
		fy, ok := o.p.Years[o.year-k]
		if !ok {
			return nil
		}
		return &fy
	}
	i := k - 1
	if o.yearOK[i] == 0 {
		o.yearOK[i] = -1
		if fy, ok := o.p.Years[o.year-k]; ok {
			o.years[i], o.yearOK[i] = fy, 1
		}
	}
	if o.yearOK[i] < 0 {
		return nil
	}
	return &o.years[i]
}

func (o *Observer) sumYears(key string, n int, avg bool) value {
	fig := figureByKey(key)
	var sum fenSum
	var miss []smetier.Input
	for k := 1; k <= n; k++ {
		v, ok := o.raw(k, fig)
		if !ok {
			miss = append(miss, o.yearInput(k, fig))
		}
		sum.add(v)
	}
	if miss != nil {
		return unknown(miss...)
	}
	if avg {
		return known(sum.wan(int64(n)))
	}
	return known(sum.wan(1))
}

// fenSum adds fen amounts exactly: in int64 while the total fits, in big integers beyond (two
// extreme amounts overflow int64, and a wrapped total would turn negative).
type fenSum struct {
	n   int64
	big *big.Int
}

func (s *fenSum) add(v int64) {
	if s.big == nil {
		if r := s.n + v; (v >= 0) == (r >= s.n) {
			s.n = r
			return
		}
		s.big = big.NewInt(s.n)
	}
	s.big.Add(s.big, big.NewInt(v))
}

// wan returns the total divided by div, in 万元, correctly rounded.
func (s *fenSum) wan(div int64) float64 {
	if s.big == nil {
		if div == 1 {
			return wanOf(s.n)
		}
		// As in wanOf: with both operands exact floats, one IEEE division is correctly rounded.
		if d := div * 1_000_000; s.n > -exact && s.n < exact && div > 0 && d/1_000_000 == div && d < exact {
			return float64(s.n) / float64(d)
		}
		return wan(big.NewRat(s.n, div))
	}
	return wan(new(big.Rat).SetFrac(s.big, big.NewInt(div)))
}

// tri is a three-valued truth.
type tri int8

const (
	no tri = iota
	maybe
	yes
)

// cond accumulates a conjunction of three-valued conditions and the inputs that left it open.
//
// The condition of an item of a list (an IP right, an award) starts its inputs in the spare
// room after the list's inputs so far, "cond{miss: miss[len(miss):]}": the list's own inputs are
// never written, and appending the item's inputs to the list then copies them onto themselves
// instead of into a new slice per undecided item.
type cond struct {
	state tri
	miss  []smetier.Input
}

// lacks records a missing input.
func (c *cond) lacks(in smetier.Input) { c.miss = append(c.miss, in) }

func newCond() *cond { return &cond{state: yes} }

func (c *cond) require(b *bool, want bool, in smetier.Input) {
	switch {
	case c.state == no:
	case b == nil:
		c.state = maybe
		c.lacks(in)
	case *b != want:
		c.state = no
		c.miss = nil
	}
}

// requireLazy is require with the input built only when it is missing.
func (c *cond) requireLazy(b *bool, want bool, in func() smetier.Input) {
	switch {
	case c.state == no:
	case b == nil:
		c.state = maybe
		c.lacks(in())
	case *b != want:
		c.state = no
		c.miss = nil
	}
}

func (c *cond) check(ok bool) {
	if !ok {
		c.state = no
		c.miss = nil
	}
}

func (c *cond) unknownIf(unknown bool, in smetier.Input) {
	if unknown && c.state != no {
		c.state = maybe
		c.lacks(in)
	}
}

// anyOf folds per-item conditions into "does any item qualify?": true once an item is, else
// unknown while an item is, naming what that item lacks. (A fold rather than a list of items:
// a list of pointers to conditions cost an allocation per item on every classification.)
type anyOf struct {
	found bool
	miss  []smetier.Input
}

func (a *anyOf) add(c *cond) {
	switch c.state {
	case yes:
		a.found = true
	case maybe:
		a.miss = append(a.miss, c.miss...)
	}
}

func (a *anyOf) value() value {
	switch {
	case a.found:
		return known(true)
	case a.miss != nil:
		return unknown(a.miss...)
	}
	return known(false)
}

// countOf counts qualifying items; the count is unknown while any item is undecided.
func countOf(items []*cond) value {
	var n int64
	var miss []smetier.Input
	for _, c := range items {
		switch c.state {
		case yes:
			n++
		case maybe:
			miss = append(miss, c.miss...)
		}
	}
	if miss != nil {
		return unknown(miss...)
	}
	return known(n)
}

// ipQuery selects IP rights to count.
type ipQuery struct {
	key   string
	label smetier.Text
	class int
	// main: related to the main product; highValue, applied: the flags must be true.
	main, highValue, applied bool
	// own: developed by the enterprise itself (not transferred in) and, with top3, the
	// enterprise is among the first three right holders. Without own, a right transferred in
	// counts once it has been held for a year (工信部企业〔2022〕63号 附件1 说明).
	own, top3 bool
}

var ipQueries = []ipQuery{
	{key: "class1", label: t("有效Ⅰ类知识产权数", "valid class-I IP rights"), class: 1},
	{key: "class1_main", label: t("与主导产品相关的有效Ⅰ类知识产权数", "valid class-I IP rights related to the main product"), class: 1, main: true},
	{key: "class2_main", label: t("与主导产品相关的有效Ⅱ类知识产权数", "valid class-II IP rights related to the main product"), class: 2, main: true},
	{key: "class1_main_high_value", label: t("与主导产品相关的Ⅰ类高价值知识产权数", "high-value class-I IP rights related to the main product"), class: 1, main: true, highValue: true},
	{key: "class1_main_own", label: t("自主研发的与主导产品相关的Ⅰ类知识产权数", "self-developed class-I IP rights related to the main product"), class: 1, main: true, own: true},
	{key: "class1_main_applied", label: t("与主导产品相关、实际应用并产生经济效益的Ⅰ类知识产权数", "class-I IP rights related to the main product, applied with economic benefit"), class: 1, main: true, applied: true},
	{key: "class1_main_applied_own_top3", label: t("与主导产品相关、已应用产生效益、非受让且排名前三的Ⅰ类知识产权数", "class-I IP rights related to the main product, applied with benefit, not transferred in, enterprise among the first three holders"), class: 1, main: true, applied: true, own: true, top3: true},
}

func (o *Observer) countIP(q ipQuery) value {
	if o.p.IP == nil {
		return unknown(needIP...)
	}
	var n int64
	var miss []smetier.Input
	for i := range o.p.IP {
		r := &o.p.IP[i]
		c := cond{state: yes, miss: miss[len(miss):]} // see cond
		c.check(r.Kind.Class() == q.class)
		if r.Granted == nil {
			c.unknownIf(true, o.ipInput(i, ipGranted))
		} else {
			c.check(!r.Granted.After(o.asOf))
		}
		if q.main {
			c.requireLazy(r.MainProduct, true, func() smetier.Input { return o.ipInput(i, ipMainProduct) })
		}
		if q.highValue {
			c.requireLazy(r.HighValue, true, func() smetier.Input { return o.ipInput(i, ipHighValue) })
		}
		if q.applied {
			c.requireLazy(r.AppliedWithBenefit, true, func() smetier.Input { return o.ipInput(i, ipApplied) })
		}
		if q.own {
			c.requireLazy(r.TransferredIn, false, func() smetier.Input { return o.ipInput(i, ipTransferredIn) })
		} else if r.TransferredIn == nil {
			c.unknownIf(true, o.ipInput(i, ipTransferredIn))
		} else if *r.TransferredIn {
			if r.TransferredOn == nil {
				c.unknownIf(true, o.ipInput(i, ipTransferredOn))
			} else {
				c.check(!r.TransferredOn.After(o.asOf.AddYears(-1)))
			}
		}
		if q.top3 {
			if r.OwnerRank == nil {
				c.unknownIf(true, o.ipInput(i, ipOwnerRank))
			} else {
				c.check(*r.OwnerRank <= 3)
			}
		}
		switch c.state {
		case yes:
			n++
		case maybe:
			miss = append(miss, c.miss...)
		}
	}
	if miss != nil {
		return unknown(miss...)
	}
	return known(n)
}

// ipField is a field of an IP right that an IP fact may lack.
type ipField uint8

const (
	ipGranted ipField = iota
	ipMainProduct
	ipHighValue
	ipApplied
	ipTransferredIn
	ipTransferredOn
	ipOwnerRank
	ipFields
)

var ipFieldInputs = [ipFields]struct {
	key   string
	label smetier.Text
}{
	ipGranted:       {"granted", t("授权日期", "grant date")},
	ipMainProduct:   {"main_product", t("是否与主导产品相关", "relation to the main product")},
	ipHighValue:     {"high_value", t("是否高价值", "high value")},
	ipApplied:       {"applied_with_benefit", t("是否实际应用并产生经济效益", "applied with economic benefit")},
	ipTransferredIn: {"transferred_in", t("是否受让取得", "transferred in")},
	ipTransferredOn: {"transferred_on", t("受让日期", "transfer date")},
	ipOwnerRank:     {"owner_rank", t("权利人排名", "rank among right holders")},
}

// ipInput returns the input of field f of the profile's IP right i. The IP facts (seven counts
// over the same rights) ask for the same field of the same right several times: it is made once
// per classification, its path and labels cut out of one string.
func (o *Observer) ipInput(i int, f ipField) smetier.Input {
	k := i*int(ipFields) + int(f)
	if k >= len(o.ipIns) {
		o.ipIns = append(o.ipIns, make([]ipInputSlot, k+1-len(o.ipIns))...)
	}
	slot := &o.ipIns[k]
	if slot.gen != o.gen {
		slot.gen, slot.in = o.gen, ipInput(i, &o.p.IP[i], f)
	}
	return slot.in
}

// ipInputSlot is an IP right's input made in the classification of generation gen.
type ipInputSlot struct {
	gen uint32
	in  smetier.Input
}

func ipInput(i int, r *smetier.IPRight, f ipField) smetier.Input {
	key, label := ipFieldInputs[f].key, ipFieldInputs[f].label
	var b [256]byte
	buf := append(strconv.AppendInt(append(b[:0], "ip["...), int64(i), 10), "]."...)
	buf = append(buf, key...)
	path := len(buf)
	buf = append(append(append(append(buf, "知识产权"...), r.Number...), "的"...), label.Zh...)
	zh := len(buf)
	buf = append(append(append(buf, label.En...), " of IP right "...), r.Number...)
	s := string(buf)
	return smetier.Input{Path: s[:path], Label: smetier.Text{Zh: s[path:zh], En: s[zh:]}}
}

// awardQuery selects awards of 近三年 (fiscal years Y−3 … Y−1).
type awardQuery struct {
	key      string
	label    smetier.Text
	kind     smetier.AwardKind
	minLevel smetier.Level
	maxRank  int // 0: any rank
}

var awardQueries = []awardQuery{
	{"st_3y", t("近三年获得国家级或省级科技奖励", "national or provincial S&T award in the last 3 years"), smetier.ScienceTechnologyAward, smetier.Provincial, 0},
	{"provincial_st_top3_3y", t("近三年获得省部级以上科技奖励且排名前三", "provincial-or-higher S&T award in the last 3 years, ranked top 3"), smetier.ScienceTechnologyAward, smetier.Provincial, 3},
	{"national_st_top3_3y", t("近三年获得国家级科技奖励且排名前三", "national S&T award in the last 3 years, ranked top 3"), smetier.ScienceTechnologyAward, smetier.National, 3},
	{"national_st_top5_3y", t("近三年获得国家级科技奖励且排名前五", "national S&T award in the last 3 years, ranked top 5"), smetier.ScienceTechnologyAward, smetier.National, 5},
	{"maker_top500_3y", t("近三年进入“创客中国”中小企业创新创业大赛全国500强企业组名单", "in the Maker China national top-500 enterprise group in the last 3 years"), smetier.MakerChinaTop500, smetier.District, 0},
}

func (o *Observer) award(q awardQuery) value {
	if o.p.Awards == nil {
		return unknown(needAwards...)
	}
	var items anyOf
	for i, a := range o.p.Awards {
		if a.Kind != q.kind || a.Level.Rank() < q.minLevel.Rank() || a.Year < o.year-3 || a.Year > o.year-1 {
			continue
		}
		c := cond{state: yes, miss: items.miss[len(items.miss):]} // see cond
		if q.maxRank > 0 {
			if a.Rank == nil {
				c.unknownIf(true, smetier.Input{Path: fmt.Sprintf("awards[%d].rank", i), Label: t(fmt.Sprintf("%s的排名", a.Name), fmt.Sprintf("rank in award %s", a.Name))})
			} else {
				c.check(*a.Rank <= q.maxRank)
			}
		}
		items.add(&c)
	}
	return items.value()
}

func (o *Observer) cert(kind smetier.CertKind) value {
	if o.p.Certifications == nil {
		return unknown(needCertifications...)
	}
	var items anyOf
	for i, c := range o.p.Certifications {
		if c.Kind != kind {
			continue
		}
		k := cond{state: yes, miss: items.miss[len(items.miss):]} // see cond
		if c.Issued != nil {
			k.check(!c.Issued.After(o.asOf))
		}
		if c.Expires == nil {
			k.unknownIf(true, smetier.Input{Path: fmt.Sprintf("certifications[%d].expires", i), Label: t("证书有效期", "certificate expiry date")})
		} else {
			k.check(!o.asOf.After(*c.Expires))
		}
		items.add(&k)
	}
	return items.value()
}

func (o *Observer) title(kind smetier.TitleKind) value { return o.titleAtLeast(kind, "") }

// titleAtLeast is title limited to titles of level min or above; a title without a level counts
// (a tier title is granted at the tier's own level: 专精特新中小企业 by a province).
func (o *Observer) titleAtLeast(kind smetier.TitleKind, min smetier.Level) value {
	if o.p.Titles == nil {
		return unknown(needTitles...)
	}
	var items anyOf
	for i, tt := range o.p.Titles {
		if tt.Kind != kind || tt.Level != "" && tt.Level.Rank() < min.Rank() {
			continue
		}
		c := cond{state: yes, miss: items.miss[len(items.miss):]} // see cond
		valid, ok := tt.ValidOn(o.asOf)
		if !ok {
			c.unknownIf(true, smetier.Input{Path: fmt.Sprintf("titles[%d].expires", i), Label: t("称号有效期至", "title expiry date")})
		} else {
			c.check(valid)
		}
		items.add(&c)
	}
	return items.value()
}

// HeldTitle returns a title of the kind valid on the as-of date, if any.
func (o *Observer) HeldTitle(kind smetier.TitleKind) *smetier.Title {
	for _, tt := range o.p.Titles {
		if tt.Kind == kind {
			if valid, ok := tt.ValidOn(o.asOf); ok && valid {
				tt := tt
				return &tt
			}
		}
	}
	return nil
}

// equity sums qualified, paid-in equity financing dated in fiscal years Y−n … Y−1.
func (o *Observer) equity(n int) value {
	if o.p.Financing == nil {
		return unknown(needFinancing...)
	}
	var sum fenSum
	var miss []smetier.Input
	for i, f := range o.p.Financing {
		if f.Date.Year < o.year-n || f.Date.Year > o.year-1 {
			continue
		}
		c := cond{state: yes, miss: miss[len(miss):]} // see cond
		c.requireLazy(f.QualifiedInvestor, true, func() smetier.Input {
			return smetier.Input{Path: fmt.Sprintf("financing[%d].qualified_investor", i), Label: t("投资方是否为合格机构投资者", "qualified institutional investor")}
		})
		c.requireLazy(f.PaidIn, true, func() smetier.Input {
			return smetier.Input{Path: fmt.Sprintf("financing[%d].paid_in", i), Label: t("是否已实缴", "paid in")}
		})
		switch c.state {
		case yes:
			sum.add(int64(f.Amount))
		case maybe:
			miss = append(miss, c.miss...)
		}
	}
	if miss != nil {
		return unknown(miss...)
	}
	return known(sum.wan(1))
}
