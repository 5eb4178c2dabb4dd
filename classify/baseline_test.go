package classify_test

import (
	"fmt"
	"math/bits"
	"slices"

	"github.com/smetier/smetier"
)

// This file is the benchmark's baseline: cn-2026-specialized-sme and cn-2026-little-giant
// (工信部企业〔2026〕2号 附件1、附件2; 工信厅企业函〔2026〕117号 for the champion exclusion) written
// by hand in plain Go, as a team without the library would write them to answer the same
// question: for each of the two tiers, the status and the missing inputs of the engine's
// verdict. That includes what makes the rules usable on real profiles: three-valued conditions,
// so that a missing input gives "needs data" naming that input rather than a panic or a guess,
// and the official score left to the authority. TestBaselineAgreesWithEngine checks the answers
// on thousands of profiles.
//
// What it leaves out, and the engine does on every call: validating the profile, finding the
// region and the rule sets in force, the other tiers and regimes, renewals, the names of failed
// and authority criteria, input labels, and the report itself. Its domain: first applications
// as of a date on which both 2026 sets are in force, by an enterprise in the size standard's
// industry group (sections B, C, D), under national rules, with amounts below 10^14 元.

// tv is a three-valued truth and, when unknown, the paths of the inputs that would decide it.
type tv struct {
	t    int8 // 0 false, 1 unknown, 2 true
	miss []string
}

var (
	tvFalse = tv{t: 0}
	tvTrue  = tv{t: 2}
)

func tvOf(b bool) tv {
	if b {
		return tvTrue
	}
	return tvFalse
}

func tvMissing(paths ...string) tv { return tv{t: 1, miss: paths} }

// and2: false wins over unknown; unknown names every unknown operand's inputs.
func and2(a, b tv) tv { return combine(a, b, 0) }

// or2: true wins over unknown.
func or2(a, b tv) tv { return combine(a, b, 2) }

// combine is and2 (decisive false) or or2 (decisive true).
func combine(a, b tv, decisive int8) tv {
	switch {
	case a.t == decisive || b.t == decisive:
		return tv{t: decisive}
	case a.t != 1:
		return b
	case b.t != 1:
		return a
	}
	return tv{t: 1, miss: append(slices.Clip(a.miss), b.miss...)}
}

func not1(a tv) tv { return tv{t: 2 - a.t, miss: a.miss} }

// bl is the hand-written evaluation of one profile as of one date.
type bl struct {
	p    *smetier.Profile
	asOf smetier.Date
	y    int
	// fys holds fiscal years Y−1 … Y−3, looked up once; has says which the profile has.
	fys [3]smetier.FiscalYear
	has [3]bool
	// official is the path of this year's evaluation score once it is found missing.
	official string
}

func (b *bl) init(p *smetier.Profile, asOf smetier.Date) {
	*b = bl{p: p, asOf: asOf, y: asOf.Year}
	for k := range b.fys {
		b.fys[k], b.has[k] = p.Years[b.y-k-1]
	}
}

func (b *bl) year(k int) (smetier.FiscalYear, bool) {
	return b.fys[k-1], b.has[k-1]
}

func (b *bl) figPath(k int, key string) string { return fmt.Sprintf("years.%d.%s", b.y-k, key) }

// money returns fiscal year Y−k's figure in fen.
func (b *bl) money(k int, key string, get figure) (int64, tv) {
	if !b.has[k-1] {
		return 0, tvMissing(b.figPath(k, key))
	}
	m := get.of(&b.fys[k-1])
	if m == nil {
		return 0, tvMissing(b.figPath(k, key))
	}
	return int64(*m), tvTrue
}

// figure names a money figure of a fiscal year.
type figure int8

const (
	revenue figure = iota
	mainRevenue
	rdExpense
	assets
	liabilities
)

func (f figure) of(fy *smetier.FiscalYear) *smetier.Money {
	switch f {
	case revenue:
		return fy.OperatingRevenue
	case mainRevenue:
		return fy.MainRevenue
	case rdExpense:
		return fy.RDExpense
	case assets:
		return fy.TotalAssets
	}
	return fy.TotalLiabilities
}

// atLeastWan: Y−k's figure ≥ n 万元 (以上 includes the number).
func (b *bl) atLeastWan(k int, key string, get figure, n float64) tv {
	v, ok := b.money(k, key, get)
	if ok.t != 2 {
		return ok
	}
	return tvOf(float64(v)/1e6 >= n)
}

// pct compares num/den×100 of Y−k with a bound; a zero denominator fails every comparison.
func (b *bl) pct(k int, numKey string, num figure, denKey string,
	den figure, cmp func(float64) bool) tv {
	n, okN := b.money(k, numKey, num)
	d, okD := b.money(k, denKey, den)
	if c := and2(okN, okD); c.t != 2 {
		return c
	}
	if d == 0 {
		return tvFalse
	}
	return tvOf(cmp(float64(n*100) / float64(d)))
}

func (b *bl) boolIn(v *bool, path string) tv {
	if v == nil {
		return tvMissing(path)
	}
	return tvOf(*v)
}

// boolAt is boolIn for an input of a list item, whose path is formatted only when missing.
func boolAt(v *bool, format string, i int) tv {
	if v == nil {
		return tvMissing(fmt.Sprintf(format, i))
	}
	return tvOf(*v)
}

// sme: not large under 工信部联企业〔2011〕300号 第四条（二）: large needs both 1000 employees and
// 40000万元 of revenue in 上年度.
func (b *bl) sme() tv {
	fy, _ := b.year(1)
	large := tvTrue
	if fy.Employees == nil {
		large = tvMissing(b.figPath(1, "employees"))
	} else {
		large = and2(large, tvOf(*fy.Employees >= 1000))
	}
	if fy.OperatingRevenue == nil {
		large = and2(large, tvMissing(b.figPath(1, "operating_revenue")))
	} else {
		large = and2(large, tvOf(int64(*fy.OperatingRevenue) >= 40000*1_000_000))
	}
	return not1(large)
}

// common returns the prerequisites shared by both tiers, one gate each.
func (b *bl) common() (registered, sme, credit, incidents, catalogue tv) {
	registered, sme = b.boolIn(b.p.MainlandLegalPerson, "mainland_legal_person"), b.sme()
	c := b.p.Compliance
	if c == nil {
		c = &smetier.Compliance{}
	}
	credit = and2(not1(b.boolIn(c.AbnormalList, "compliance.abnormal_list")), not1(b.boolIn(c.SeriousDishonesty, "compliance.serious_dishonesty")))
	catalogue = not1(b.boolIn(c.ProhibitedProduct, "compliance.prohibited_product"))
	incidents = tvTrue
	if c.Incidents == nil {
		incidents = tvMissing("compliance.incidents")
	} else {
		from := b.asOf.AddYears(-3)
		for _, i := range c.Incidents {
			if !i.Date.Before(from) && !i.Date.After(b.asOf) {
				incidents = tvFalse
			}
		}
	}
	return
}

// title: a title of the kind valid on the as-of date.
func (b *bl) title(kind smetier.TitleKind) tv {
	if b.p.Titles == nil {
		return tvMissing("titles")
	}
	r := tvFalse
	for i, t := range b.p.Titles {
		if t.Kind != kind {
			continue
		}
		if valid, ok := t.ValidOn(b.asOf); !ok {
			r = or2(r, tvMissing(fmt.Sprintf("titles[%d].expires", i)))
		} else {
			r = or2(r, tvOf(valid))
		}
	}
	return r
}

// segmentYears: 截至上年末 3 years or more in the segment.
func (b *bl) segmentYears() tv {
	s := b.p.Segment
	if s == nil || s.Since == nil {
		return tvMissing("segment.since")
	}
	return tvOf(s.Since.FullYearsUntil(smetier.NewDate(b.y, 1, 1)) >= 3)
}

// ipCount: class-I rights related to the main product, applied with benefit, granted by the
// as-of date; own: not transferred in and the enterprise among the first three holders, else a
// right transferred in counts after a year. Undecided whenever any right is.
func (b *bl) ipCount(own bool, need int) tv {
	if b.p.IP == nil {
		return tvMissing("ip")
	}
	n := 0
	var miss []string
	for i := range b.p.IP {
		r := &b.p.IP[i]
		c := tvOf(r.Kind.Class() == 1)
		if r.Granted == nil {
			c = and2(c, tvMissing(fmt.Sprintf("ip[%d].granted", i)))
		} else {
			c = and2(c, tvOf(!r.Granted.After(b.asOf)))
		}
		if c.t != 0 {
			c = and2(c, boolAt(r.MainProduct, "ip[%d].main_product", i))
		}
		if c.t != 0 {
			c = and2(c, boolAt(r.AppliedWithBenefit, "ip[%d].applied_with_benefit", i))
		}
		if c.t != 0 {
			switch {
			case r.TransferredIn == nil:
				c = and2(c, tvMissing(fmt.Sprintf("ip[%d].transferred_in", i)))
			case own:
				c = and2(c, tvOf(!*r.TransferredIn))
			case *r.TransferredIn && r.TransferredOn == nil:
				c = and2(c, tvMissing(fmt.Sprintf("ip[%d].transferred_on", i)))
			case *r.TransferredIn:
				c = and2(c, tvOf(!r.TransferredOn.After(b.asOf.AddYears(-1))))
			}
		}
		if own && c.t != 0 {
			if r.OwnerRank == nil {
				c = and2(c, tvMissing(fmt.Sprintf("ip[%d].owner_rank", i)))
			} else {
				c = and2(c, tvOf(*r.OwnerRank <= 3))
			}
		}
		switch c.t {
		case 2:
			n++
		case 1:
			miss = append(miss, c.miss...)
		}
	}
	if miss != nil {
		return tv{t: 1, miss: miss}
	}
	return tvOf(n >= need)
}

// stAward: an S&T award of 近三年 at minLevel or above, ranked top 3.
func (b *bl) stAward(minLevel smetier.Level) tv {
	if b.p.Awards == nil {
		return tvMissing("awards")
	}
	r := tvFalse
	for i, a := range b.p.Awards {
		if a.Kind != smetier.ScienceTechnologyAward || a.Level.Rank() < minLevel.Rank() || a.Year < b.y-3 || a.Year > b.y-1 {
			continue
		}
		if a.Rank == nil {
			r = or2(r, tvMissing(fmt.Sprintf("awards[%d].rank", i)))
		} else {
			r = or2(r, tvOf(*a.Rank <= 3))
		}
	}
	return r
}

// gateOrExempt is a gate with exemptions: passed when the gate or an exemption holds.
func gateOrExempt(g tv, ex ...tv) tv {
	if g.t == 2 {
		return g
	}
	open := g
	for _, e := range ex {
		if e.t == 2 {
			return tvTrue
		}
		if e.t == 1 {
			open = tv{t: 1, miss: append(slices.Clip(open.miss), e.miss...)}
		}
	}
	return open
}

func (b *bl) score(min float64) tv {
	s, ok := b.p.EvaluationScores[b.y]
	if !ok {
		b.official = fmt.Sprintf("evaluation_scores.%d", b.y)
		return tvMissing(b.official)
	}
	return tvOf(s >= min)
}

// verdict folds gates into a status, the worst of theirs: a failed gate fails; an unknown one
// needs data, unless all it lacks is the official score (officialPath), which leaves it to the
// authority. Every unknown gate's inputs are listed, whatever the status.
func verdict(judgement bool, officialPath *string, gates ...tv) (smetier.Status, []string) {
	sev := 0 // 0 qualified, 1 needs judgement, 2 needs data, 3 not qualified
	if judgement {
		sev = 1
	}
	var miss []string
	for _, g := range gates {
		switch g.t {
		case 0:
			sev = 3
		case 1:
			miss = append(miss, g.miss...)
			s := 2
			if len(g.miss) == 1 && g.miss[0] == *officialPath {
				s = 1
			}
			sev = max(sev, s)
		}
	}
	if len(miss) > 1 {
		slices.Sort(miss)
		miss = slices.Compact(miss)
	}
	return [...]smetier.Status{smetier.Qualified, smetier.NeedsJudgement, smetier.NeedsData, smetier.NotQualified}[sev], miss
}

// baselineVerdict is one tier's hand-written verdict.
type baselineVerdict struct {
	Status  smetier.Status
	Missing []string // sorted input paths
}

// baseline2026 judges the specialized-SME and little-giant tiers.
func baseline2026(p *smetier.Profile, asOf smetier.Date) [2]baselineVerdict {
	var b bl
	b.init(p, asOf)
	registered, sme, credit, incidents, catalogue := b.common()
	segYears := b.segmentYears()
	rdRatio := func(k int) tv {
		return b.pct(k, "rd_expense", rdExpense, "operating_revenue", revenue, func(x float64) bool { return x >= 3 })
	}
	rdRatios := and2(rdRatio(1), rdRatio(2))

	// 附件1 专精特新中小企业: the market position （五） is always left to the authority.
	equity := b.equity2y(2000)
	var sp baselineVerdict
	sp.Status, sp.Missing = verdict(true, &b.official,
		registered, sme, credit, incidents, catalogue,
		or2(b.title(smetier.TitleInnovativeSME), b.title(smetier.TitleTechSME)),
		segYears,
		or2(b.atLeastWan(1, "operating_revenue", revenue, 1500), equity),
		b.pct(1, "main_revenue", mainRevenue, "operating_revenue", revenue, func(x float64) bool { return x >= 80 }),
		b.pct(1, "total_liabilities", liabilities, "total_assets", assets, func(x float64) bool { return x <= 80 }),
		and2(b.atLeastWan(1, "rd_expense", rdExpense, 100), b.atLeastWan(2, "rd_expense", rdExpense, 100)),
		rdRatios,
		gateOrExempt(b.ipCount(true, 1), b.stAward(smetier.Provincial), b.rdInstitutionProvincial()),
		b.score(50),
	)

	// 附件2 专精特新"小巨人".
	var lg baselineVerdict
	lg.Status, lg.Missing = verdict(false, &b.official,
		registered, sme, credit, incidents, catalogue,
		b.title(smetier.TitleSpecializedSME),
		segYears,
		b.atLeastWan(1, "operating_revenue", revenue, 5000),
		b.pct(1, "main_revenue", mainRevenue, "operating_revenue", revenue, func(x float64) bool { return x >= 90 }),
		b.cagrAtLeast5(),
		b.pct(1, "total_liabilities", liabilities, "total_assets", assets, func(x float64) bool { return x <= 75 }),
		b.rdSum2y(1200),
		rdRatios,
		gateOrExempt(b.ipCount(true, 4), b.stAward(smetier.National)),
		or2(b.shareAtLeast10(), b.nationalTop3()),
		b.product("main_product.key_chain_link", func(m *smetier.MainProduct) *bool { return m.KeyChainLink }),
		b.score(60),
		not1(b.title(smetier.TitleChampion)),
		and2(not1(b.group("group.little_giant_control", func(g *smetier.Group) *bool { return g.LittleGiantControl })),
			not1(b.group("group.similar_product_little_giant", func(g *smetier.Group) *bool { return g.SimilarProductLittleGiant }))),
	)
	return [2]baselineVerdict{sp, lg}
}

// group reads a flag of the enterprise's group ties.
func (b *bl) group(path string, get func(*smetier.Group) *bool) tv {
	if b.p.Group == nil {
		return tvMissing(path)
	}
	return b.boolIn(get(b.p.Group), path)
}

// equity2y: qualified, paid-in equity financing dated in Y−2 … Y−1 totals at least n 万元.
func (b *bl) equity2y(n int64) tv {
	if b.p.Financing == nil {
		return tvMissing("financing")
	}
	var sum int64
	var miss []string
	for i, f := range b.p.Financing {
		if f.Date.Year < b.y-2 || f.Date.Year > b.y-1 {
			continue
		}
		c := and2(boolAt(f.QualifiedInvestor, "financing[%d].qualified_investor", i), boolAt(f.PaidIn, "financing[%d].paid_in", i))
		switch c.t {
		case 2:
			sum += int64(f.Amount) // the engine's sums cannot wrap; valid amounts here do not reach 2^63
		case 1:
			miss = append(miss, c.miss...)
		}
	}
	if miss != nil {
		return tv{t: 1, miss: miss}
	}
	return tvOf(float64(sum)/1e6 >= float64(n))
}

func (b *bl) rdInstitutionProvincial() tv {
	if b.p.RDInstitutions == nil {
		return tvMissing("rd_institutions")
	}
	for _, r := range b.p.RDInstitutions {
		if r.Level.Rank() >= smetier.Provincial.Rank() && !r.Joint {
			return tvTrue
		}
	}
	return tvFalse
}

// cagrAtLeast5: (rev₁/rev₃)^(1/2) − 1 ≥ 5%, i.e. 400·rev₁ ≥ 441·rev₃, in exact 128-bit integers.
func (b *bl) cagrAtLeast5() tv {
	v1, ok1 := b.money(1, "operating_revenue", revenue)
	v3, ok3 := b.money(3, "operating_revenue", revenue)
	if c := and2(ok1, ok3); c.t != 2 {
		return c
	}
	if v3 <= 0 || v1 < 0 {
		return tvFalse
	}
	hi1, lo1 := bits.Mul64(uint64(v1), 400)
	hi3, lo3 := bits.Mul64(uint64(v3), 441)
	return tvOf(hi1 > hi3 || hi1 == hi3 && lo1 >= lo3)
}

// rdSum2y: R&D expense of Y−1 and Y−2 totals at least n 万元.
func (b *bl) rdSum2y(n float64) tv {
	r1, ok1 := b.money(1, "rd_expense", rdExpense)
	r2, ok2 := b.money(2, "rd_expense", rdExpense)
	if c := and2(ok1, ok2); c.t != 2 {
		return c
	}
	return tvOf(float64(r1+r2)/1e6 >= n)
}

func (b *bl) shareAtLeast10() tv {
	if b.p.Segment == nil || b.p.Segment.MarketSharePct == nil {
		return tvMissing("segment.market_share_pct")
	}
	return tvOf(*b.p.Segment.MarketSharePct >= 10)
}

func (b *bl) nationalTop3() tv {
	if b.p.Segment == nil || b.p.Segment.NationalRank == nil {
		return tvMissing("segment.national_rank")
	}
	return tvOf(*b.p.Segment.NationalRank <= 3)
}

func (b *bl) product(path string, get func(*smetier.MainProduct) *bool) tv {
	if b.p.MainProduct == nil {
		return tvMissing(path)
	}
	return b.boolIn(get(b.p.MainProduct), path)
}
