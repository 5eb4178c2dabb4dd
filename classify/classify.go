package classify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/engine"
	"github.com/smetier/smetier/region"
)

// ErrNoRegion is returned when neither In nor the profile names a region.
var ErrNoRegion = errors.New("classify: no region: pass classify.In(code) or set profile.region")

// ErrInvalidAsOf is matched (errors.Is) by the error for an AsOf date that is not a calendar
// day (2026-02-30, month 13): such a date cannot be the application date, and judging it as its
// normalised neighbour would be a silent wrong answer.
var ErrInvalidAsOf = errors.New("as-of date is not a calendar date")

// Engine classifies profiles against a compiled catalog. It is immutable and safe for concurrent
// use; create one and share it.
type Engine struct {
	cat *criteria.Catalog
}

// Option configures an Engine.
type Option func(*Engine)

// WithCatalog uses c instead of the built-in catalog, e.g. one loaded with your own rule files.
// The engine keeps a copy (criteria.Catalog.Clone): later changes to c do not reach it.
func WithCatalog(c *criteria.Catalog) Option {
	return func(e *Engine) {
		if c != nil {
			e.cat = c.Clone()
		}
	}
}

// New returns an engine over the built-in catalog unless WithCatalog says otherwise.
func New(opts ...Option) (*Engine, error) {
	e := &Engine{}
	for _, o := range opts {
		o(e)
	}
	if e.cat == nil {
		c, err := criteria.Default()
		if err != nil {
			return nil, err
		}
		e.cat = c
	}
	return e, nil
}

// Catalog returns a copy of the engine's catalog, to read or to build another engine from. The
// copy is deep (every rule set and criterion), so that nothing done to it reaches the engine:
// take it once and keep it rather than calling Catalog per request.
func (e *Engine) Catalog() *criteria.Catalog { return e.cat.Clone() }

// CallOption sets a parameter of one Classify call.
type CallOption func(*call)

type call struct {
	region  string
	asOf    smetier.Date
	renewal bool
	tiers   []smetier.Tier
	terse   bool
	// declared are judgements declared with the call (Declare).
	declared []smetier.Declaration
	receipt  bool
	lean     bool
	// summary: judge as terse does, keeping each rung's outcomes in judged for the ladder's
	// next rung's gaps (Summarize).
	summary bool
	judged  []judgedRung
	// judgedBuf is judged's memory for a call with no more rungs than it holds: the call is
	// allocated anyway, so the list costs nothing more.
	judgedBuf [12]judgedRung
	// mem holds the lists of the call's verdicts.
	mem arena
}

// In judges the enterprise under the rules of the division with this code (default: the
// profile's region).
func In(code string) CallOption { return func(c *call) { c.region = code } }

// AsOf judges as of date d; its year is the application year (default: today in China).
func AsOf(d smetier.Date) CallOption { return func(c *call) { c.asOf = d } }

// Renewal judges a renewal (复核) application rather than a first one.
func Renewal(b bool) CallOption { return func(c *call) { c.renewal = b } }

// VerdictsOnly is for bulk screening: each verdict keeps its status, rule set, score, failed
// and official-judgement criteria and missing inputs, exactly as in a full report, but leaves
// out the per-criterion explanations (Criteria), gaps, plans, the ladder and the receipt (unless
// WithReceipt), which are most of the cost of a report.
func VerdictsOnly() CallOption { return func(c *call) { c.terse = true } }

// WithReceipt adds the receipt to a VerdictsOnly or GapsOnly report, and its digest to a
// summary from Summarize; full reports always carry one.
// (Encoding and hashing the profile costs more than a verdicts-only classification itself.)
func WithReceipt() CallOption { return func(c *call) { c.receipt = true } }

// GapsOnly is for screening with gaps: verdicts as with VerdictsOnly, plus every criterion's id,
// kind, outcome, missing inputs, points, error and gaps, the score plans and the ladder, but no
// titles, citations, observed facts or messages, and no receipt unless WithReceipt. Gaps are the
// same as in a full report.
func GapsOnly() CallOption { return func(c *call) { c.lean = true } }

// Only restricts the report to the given national tiers and local programs (default: every
// tier, and every local program in force for the place and date). A local program is named by
// its id, which may be given as a Tier value: classify.Only(smetier.LittleGiant, "sd_gazelle").
// A program named here that has no rule set in force gets an uncovered verdict, as a tier does;
// a name that is neither a tier nor a program of the engine's catalog is an error matching
// ErrUnknownRung. Names are judged in the order given; a name given twice is judged once.
func Only(tiers ...smetier.Tier) CallOption {
	return func(c *call) { c.tiers = tiers }
}

// OnlyPrograms is Only for local programs named by id. It adds to the names an earlier Only
// gave (a later Only replaces everything before it).
func OnlyPrograms(ids ...string) CallOption {
	return func(c *call) {
		// A full slice expression: appending must not write into the caller's array.
		c.tiers = c.tiers[:len(c.tiers):len(c.tiers)]
		for _, id := range ids {
			c.tiers = append(c.tiers, smetier.Tier(id))
		}
	}
}

// ErrUnknownRung is matched (errors.Is) by the error for an Only name that is neither a
// national tier nor a local program of the engine's catalog.
var ErrUnknownRung = errors.New("unknown tier or program")

// Classify judges p for every tier. It returns an error for an invalid profile (matching
// smetier.ErrInvalidProfile), no region (ErrNoRegion) or an unknown one (region.ErrUnknownRegion),
// an unknown Only name (ErrUnknownRung), an AsOf date that is not a calendar day
// (ErrInvalidAsOf) or a cancelled context; missing data is never an error. A rule that fails at
// run time on this profile (a division by zero in a user's rule file, a run-time cost limit)
// fails only its criterion, with the outcome smetier.Errored, and the verdicts of the other tiers
// are unaffected.
func (e *Engine) Classify(ctx context.Context, p *smetier.Profile, opts ...CallOption) (*smetier.Report, error) {
	c := new(call)
	for _, o := range opts {
		o(c)
	}
	return e.run(ctx, p, c)
}

// run judges p with the parameters of c. A summary call (c.summary) judges every rung as
// VerdictsOnly does and explains the ladder's next rung only: what Report.Summary reads.
func (e *Engine) run(ctx context.Context, p *smetier.Profile, c *call) (*smetier.Report, error) {
	if p == nil {
		return nil, fmt.Errorf("classify: nil profile: %w", smetier.ErrInvalidProfile)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := e.checkTitles(p); err != nil {
		return nil, err
	}
	if c.region == "" {
		c.region = p.Region
	}
	if c.region == "" {
		return nil, ErrNoRegion
	}
	reg, err := region.Lookup(c.region)
	if err != nil {
		return nil, err
	}
	if c.asOf.IsZero() {
		c.asOf = smetier.Today(time.Now())
	} else if !c.asOf.Valid() {
		return nil, fmt.Errorf("classify: %w: %v", ErrInvalidAsOf, c.asOf)
	}
	tiers, all := c.tiers, len(c.tiers) == 0 // Only() with no names is the default
	if all {
		tiers = smetier.Tiers()
	} else {
		tiers = uniqueTiers(tiers)
	}
	// One chain per call: it is computed from the division tables, and the report keeps it.
	ref := reg.Ref()
	decls, err := e.declarations(p, c, ref.Chain) // read-only there
	if err != nil {
		return nil, err
	}
	obs := engine.CatalogOf(e.cat).Observer(p, c.asOf, c.renewal)
	defer obs.Release()
	if c.summary {
		c.judged = c.judgedBuf[:0]
		defer c.release()
	}
	// Reports and verdicts are filled field by field, in place: struct literals this size are
	// assembled on the stack and copied, a measurable share of a bulk-screening call.
	mem := new(reportMem)
	rep := &mem.rep
	rep.Enterprise, rep.CreditCode, rep.Region, rep.AsOf = p.Name, p.CreditCode, ref, c.asOf
	rep.ApplicationYear, rep.Renewal, rep.Size = c.asOf.Year, c.renewal, obs.Size()
	chain := rep.Region.Chain // read-only below
	var programs []*criteria.RuleSet
	if all {
		programs = e.cat.SelectPrograms(chain, c.asOf, c.renewal)
	}
	var named []string // programs named by Only, with or without a set in force
	for _, t := range tiers {
		if t.Rank() == 0 {
			named = append(named, string(t))
		}
	}
	// The tiers' and the programs' verdicts, and their rule set references, in one array each:
	// each list is cut with its capacity, so that appending to one never writes into another.
	nt, np := len(tiers)-len(named), len(programs)+len(named)
	vs := make([]smetier.Verdict, nt+np)
	rep.Verdicts = vs[:0:nt]
	c.mem.refs = mem.refs[:0]
	if nt+np > len(mem.refs) {
		c.mem.refs = make([]smetier.RuleSetRef, 0, nt+np)
	}
	named = named[:0] // filled again below, after each name is checked
	for _, t := range tiers {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if t.Rank() == 0 {
			if _, ok := e.cat.Program(string(t)); !ok {
				return nil, fmt.Errorf("classify: %w %q (want one of %v or a program of the catalog)", ErrUnknownRung, t, smetier.Tiers())
			}
			named = append(named, string(t))
			continue
		}
		set := e.cat.SelectApplication(chain, t, c.asOf, c.renewal)
		rep.Verdicts = rep.Verdicts[:len(rep.Verdicts)+1] // made with room for every tier, zeroed
		v := &rep.Verdicts[len(rep.Verdicts)-1]
		v.Tier, v.TierTitle, v.Held = t, t.Title(), held(obs, t.TitleKind(), set)
		if err := e.verdict(ctx, obs, set, v, c, decls); err != nil {
			return nil, err
		}
	}
	if n := len(programs) + len(named); n > 0 {
		rep.Programs = vs[nt : nt : nt+n]
		add := func(ref smetier.ProgramRef, set *criteria.RuleSet) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			rep.Programs = rep.Programs[:len(rep.Programs)+1]
			v := &rep.Programs[len(rep.Programs)-1]
			if set != nil {
				ref = *set.Program // a copy: the report is the caller's to modify
			}
			v.Program, v.TierTitle, v.Held = &ref, ref.Title, held(obs, smetier.TitleKind(ref.ID), set)
			return e.verdict(ctx, obs, set, v, c, decls)
		}
		for _, set := range programs {
			if err := add(smetier.ProgramRef{}, set); err != nil {
				return nil, err
			}
		}
		for _, id := range named {
			ref, _ := e.cat.Program(id) // where the program applies, though not here or not now
			if err := add(ref, e.cat.SelectProgram(chain, id, c.asOf, c.renewal)); err != nil {
				return nil, err
			}
		}
		slices.SortStableFunc(rep.Programs, func(a, b smetier.Verdict) int { return smetier.CompareRungs(&a, &b) })
	}
	switch {
	case c.summary:
		// The rungs on the stack: Report.Rungs allocates the list it returns.
		var buf [16]*smetier.Verdict
		rep.Ladder = c.summaryLadder(obs, appendRungs(buf[:0], rep))
	case !c.terse:
		rep.Ladder = ladder(rep.Rungs())
		rep.NextQuestions = nextQuestions(rep)
	}
	if !(c.terse || c.lean) || c.receipt {
		if err := e.receipt(rep, p, c); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// reportMem is a report with room for the rule set references of its verdicts (the national
// tiers and a few local programs), allocated with it: one allocation less per call.
type reportMem struct {
	rep  smetier.Report
	refs [8]smetier.RuleSetRef
}

// appendRungs appends to dst what rep.Rungs returns: the report's verdicts in ladder order.
func appendRungs(dst []*smetier.Verdict, rep *smetier.Report) []*smetier.Verdict {
	for i := range rep.Verdicts {
		dst = append(dst, &rep.Verdicts[i])
	}
	for i := range rep.Programs {
		dst = append(dst, &rep.Programs[i])
	}
	if len(rep.Programs) > 0 {
		slices.SortStableFunc(dst, smetier.CompareRungs)
	}
	return dst
}

// uniqueTiers returns ts without repetitions, in order of first mention: Only(Champion,
// Champion) judges the tier once. ts itself is the caller's and is not modified.
func uniqueTiers(ts []smetier.Tier) []smetier.Tier {
	for i := 1; i < len(ts); i++ {
		if slices.Contains(ts[:i], ts[i]) {
			out := slices.Clone(ts[:i])
			for _, t := range ts[i:] {
				if !slices.Contains(out, t) {
					out = append(out, t)
				}
			}
			return out
		}
	}
	return ts
}

// verdict fills v, whose tier or program and title are set, with the verdict of set (nil: none
// in force, so v stays uncovered).
func (e *Engine) verdict(ctx context.Context, obs *engine.Observer, set *criteria.RuleSet, v *smetier.Verdict, c *call,
	decls map[string]map[string]*smetier.Declaration) error {
	if set == nil {
		return nil
	}
	mode := explainFull
	switch {
	case c.terse:
		mode = explainNone
	case c.lean:
		mode = explainLean
	}
	if c.summary {
		buf := critPool.Get().(*[]crit)
		_, err := evaluate(ctx, obs, set, v, decls[set.ID], buf, &c.mem)
		c.judged = append(c.judged, judgedRung{set, buf}) // kept even on error: release returns buf
		return err
	}
	if err := judge(ctx, obs, set, v, mode, decls[set.ID], &c.mem); err != nil {
		return err
	}
	if !c.terse {
		addGaps(obs, set, v)
		var err error
		if v.Plan, err = planScore(ctx, set, v); err != nil {
			return err
		}
	}
	return nil
}

// checkTitles rejects a title whose kind is neither built in nor a program of the engine's
// catalog: Profile.Validate can only check the shape of a kind, since programs are data.
func (e *Engine) checkTitles(p *smetier.Profile) error {
	var errs []*smetier.FieldError
	for i := range p.Titles {
		if k := p.Titles[i].Kind; !e.cat.TitleKnown(k) {
			errs = append(errs, &smetier.FieldError{Path: fmt.Sprintf("titles[%d].kind", i),
				Msg: fmt.Sprintf("unknown title kind %q: neither a built-in kind (%v) nor a local program of the rule catalog", k, smetier.BuiltinTitleKinds())})
		}
	}
	if errs != nil {
		return &smetier.ValidationError{Fields: errs}
	}
	return nil
}

// held returns the valid title by which the enterprise holds a tier or program: its own title
// (kind), or one the
// rule set in force counts as equivalent (its held_by list, which is data: e.g. 科技型中小企业
// counts for tier 1 only from 工信部企业〔2026〕2号 on).
func held(o *engine.Observer, kind smetier.TitleKind, set *criteria.RuleSet) *smetier.Title {
	if h := o.HeldTitle(kind); h != nil {
		return h
	}
	if set != nil {
		for _, k := range set.HeldBy {
			if h := o.HeldTitle(k); h != nil {
				return h
			}
		}
	}
	return nil
}

// result is a criterion's evaluation before it is dressed for the report. err is set when the
// rule failed at run time; truth is then Maybe.
type result struct {
	truth   engine.Truth
	missing []smetier.Input
	err     error
}

// official reports whether every missing input is one only an authority can supply.
func official(in []smetier.Input) bool {
	if len(in) == 0 {
		return false
	}
	for _, i := range in {
		if !i.Official {
			return false
		}
	}
	return true
}

func undecided(missing []smetier.Input) smetier.Outcome {
	if official(missing) {
		return smetier.Judgement
	}
	return smetier.Unknown
}

// crit is a criterion's outcome while a verdict is worked out: the part of a CriterionResult the
// verdict needs, a third of its size. Reports get CriterionResults made from it only when they
// explain; bulk screening never builds one.
type crit struct {
	c        *criteria.Criterion
	kind     criteria.Kind
	outcome  smetier.Outcome
	missing  []smetier.Input
	exemptBy string
	err      error
	// points and band may point into the catalog's band (scoreItem): read them, never write
	// through them; a report gets copies (ownPoints).
	points               *int
	band                 *smetier.Text
	minPoints, maxPoints int
	// declared is the declaration that settled a judgement or authority score item.
	declared *smetier.Declaration
}

// The criterion kinds, short for the passes over a set's criteria below.
const (
	gate      = criteria.Gate
	score     = criteria.Score
	direct    = criteria.Direct
	exemption = criteria.Exemption
	judgement = criteria.Judgement
)

// critPool recycles the per-criterion buffers between verdicts: without it, bulk screening
// (VerdictsOnly) allocates three times the bytes per call (BenchmarkClassify, 6.9 KB instead of
// 1.4 KB for the baseline's scope). Entries are overwritten as they are reused rather than
// cleared when a buffer is returned, so a waiting buffer keeps the last verdict's missing inputs
// reachable until it is reused or the pool drops it; none of it is visible to a caller.
var critPool = sync.Pool{New: func() any { return new([]crit) }}

// severity orders statuses from qualified to not qualified: a verdict takes its worst criterion's.
func severity(s smetier.Status) int {
	switch s {
	case smetier.NeedsJudgement:
		return 1
	case smetier.NeedsData:
		return 2
	case smetier.NotQualified:
		return 3
	}
	return 0
}

// How much of each criterion a verdict keeps.
const (
	explainNone = iota // VerdictsOnly: no criteria
	explainLean        // GapsOnly: outcomes, without words
	explainFull
)

// judge fills v with the verdict of set s.
func judge(ctx context.Context, o *engine.Observer, s *criteria.RuleSet, v *smetier.Verdict, explain int, decl map[string]*smetier.Declaration,
	a *arena) error {
	buf := critPool.Get().(*[]crit)
	defer critPool.Put(buf)
	cs, err := evaluate(ctx, o, s, v, decl, buf, a)
	if err != nil {
		return err
	}
	switch explain {
	case explainFull:
		v.Criteria = explainAll(o, cs)
	case explainLean:
		v.Criteria = outcomes(cs)
	}
	return nil
}

// evaluate fills v with the verdict of set s but for its criteria, and returns the criteria's
// outcomes, index for index with s.Criteria, in the memory of buf, which keeps them. The verdict's
// lists are cut out of a's arrays.
func evaluate(ctx context.Context, o *engine.Observer, s *criteria.RuleSet, v *smetier.Verdict, decl map[string]*smetier.Declaration,
	buf *[]crit, a *arena) ([]crit, error) {
	v.Covered, v.RuleSet = true, a.ref(s)
	cs := slices.Grow((*buf)[:0], len(s.Criteria))
	*buf = cs // cs is resliced below within this capacity, never reallocated
	// eval returns an error only when ctx has ended; a rule that fails on this profile is a
	// result of its criterion.
	eval := func(c *criteria.Criterion, p *engine.Program) (result, error) {
		t, miss, err := o.Eval(ctx, p)
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				return result{}, ctxErr
			}
			return result{truth: engine.Maybe, err: fmt.Errorf("rule set %q, criterion %q: %w", s.ID, c.ID, err)}, nil
		}
		return result{truth: t, missing: miss}, nil
	}
	// Exemption results, by criterion index: a set has a handful at most.
	type exempted struct {
		at int
		r  result
	}
	var exBuf [8]exempted
	exempts := exBuf[:0]
	for k, c := range s.Criteria {
		cs = cs[:len(cs)+1] // cs has room for every criterion, so cr stays valid
		cr := &cs[len(cs)-1]
		// Field by field, not a struct literal: the slot is reused heap memory, and copying a
		// whole struct with pointers into it runs a bulk write barrier while the collector is
		// marking, a tenth of the verdicts-only call (BenchmarkClassify/engine-baseline-scope).
		cr.c, cr.kind, cr.outcome, cr.missing, cr.exemptBy, cr.err = c, c.Kind, "", nil, "", nil
		cr.points, cr.band, cr.minPoints, cr.maxPoints, cr.declared = nil, nil, 0, 0, nil
		switch cr.kind {
		case score:
			if err := scoreItem(c, cr, eval, a); err != nil {
				return nil, err
			}
		case judgement:
			cr.outcome = smetier.Judgement
			if engine.ProgramOf(c) != nil {
				r, err := eval(c, engine.ProgramOf(c))
				if err != nil {
					return nil, err
				}
				switch {
				case r.err != nil:
					cr.outcome, cr.err = smetier.Errored, r.err
				case r.truth == engine.True:
					cr.outcome = smetier.Pass
				}
			}
		default:
			r, err := eval(c, engine.ProgramOf(c))
			if err != nil {
				return nil, err
			}
			if cr.kind == exemption {
				exempts = append(exempts, exempted{k, r})
			}
			switch {
			case r.err != nil:
				cr.outcome, cr.err = smetier.Errored, r.err
			case r.truth == engine.True:
				cr.outcome = smetier.Pass
			case r.truth == engine.False:
				cr.outcome = smetier.Fail
			default:
				cr.outcome, cr.missing = undecided(r.missing), r.missing
			}
		}
	}

	if len(decl) > 0 {
		for i := range cs {
			if d := decl[cs[i].c.ID]; d != nil {
				applyDeclaration(&cs[i], d)
			}
		}
	}

	// Exemptions: a gate that does not pass is exempt when one of its exemptions passes, and stays
	// open while an exemption is undecided.
	for i := range cs {
		g := &cs[i]
		if g.kind != gate || g.outcome == smetier.Pass {
			continue
		}
		var openBuf [16]smetier.Input // on the stack: dedup below copies what it keeps
		open := openBuf[:0]
		var exErr error
		anyOpen := false
		for _, ex := range exempts {
			if s.Criteria[ex.at].Exempts != g.c.ID {
				continue
			}
			switch {
			case ex.r.err != nil:
				exErr = ex.r.err
			case ex.r.truth == engine.True:
				g.outcome, g.exemptBy, g.missing = smetier.Exempt, s.Criteria[ex.at].ID, nil
			case ex.r.truth == engine.Maybe:
				anyOpen = true
				open = append(open, ex.r.missing...)
			}
			if g.outcome == smetier.Exempt {
				break
			}
		}
		if g.outcome != smetier.Exempt && anyOpen {
			var allBuf [16]smetier.Input
			all := append(allBuf[:0], g.missing...)
			g.missing = a.dedup(append(all, open...))
			if g.outcome == smetier.Fail || g.outcome == smetier.Judgement || g.outcome == smetier.Unknown {
				g.outcome = undecided(g.missing)
			}
		}
		// A gate that fails, with an exemption that could not be evaluated, is undecided: the
		// exemption might have held.
		if g.outcome == smetier.Fail && exErr != nil {
			g.outcome, g.err = smetier.Errored, exErr
		}
	}

	// The alternative requirement: the score (with part minimums) or any direct-pass criterion.
	var reqBuf [16]smetier.Input
	req, reqMissing := requirement(s, v, cs, a, reqBuf[:0])

	status := smetier.Qualified
	worse := func(st smetier.Status) {
		if severity(st) > severity(status) {
			status = st
		}
	}
	// The verdict's lists are sized in a first pass, and the missing inputs gathered on the stack
	// for dedup to copy: growing them append by append was a fifth of the bytes of a
	// verdicts-only call (BenchmarkClassify/engine-summarize-mix).
	nErr, nFail, nJudg, nMiss := 0, 0, 0, 0
	for i := range cs {
		c := &cs[i]
		if c.outcome == smetier.Errored {
			nErr++
		}
		if c.kind == gate || c.kind == judgement {
			switch c.outcome {
			case smetier.Fail:
				nFail++
			case smetier.Judgement:
				nJudg++
				nMiss += len(c.missing)
			case smetier.Unknown:
				nMiss += len(c.missing)
			}
		}
	}
	if v.Score != nil || req != smetier.Pass {
		switch req {
		case smetier.Fail:
			nFail++
		case smetier.Judgement:
			nJudg++
		}
		nMiss += len(reqMissing)
	}
	if n := nErr + nFail + nJudg; n > 0 {
		ids := a.strings(n)[:n]
		if nErr > 0 {
			v.Errors = ids[:0:nErr]
		}
		if nFail > 0 {
			v.Failed = ids[nErr : nErr : nErr+nFail]
		}
		if nJudg > 0 {
			v.Judgement = ids[nErr+nFail : nErr+nFail : n]
		}
	}
	var missBuf [16]smetier.Input
	missing := missBuf[:0]
	if nMiss > len(missBuf) {
		missing = make([]smetier.Input, 0, nMiss)
	}
	for i := range cs {
		c := &cs[i]
		if c.outcome == smetier.Errored {
			v.Errors = append(v.Errors, c.c.ID)
		}
		switch c.kind {
		case gate, judgement:
			switch c.outcome {
			case smetier.Errored:
				worse(smetier.NeedsJudgement)
			case smetier.Fail:
				worse(smetier.NotQualified)
				v.Failed = append(v.Failed, c.c.ID)
			case smetier.Unknown:
				worse(smetier.NeedsData)
				missing = append(missing, c.missing...)
			case smetier.Judgement:
				worse(smetier.NeedsJudgement)
				v.Judgement = append(v.Judgement, c.c.ID)
				missing = append(missing, c.missing...)
			}
		}
	}
	if v.Score != nil || req != smetier.Pass {
		switch req {
		case smetier.Fail:
			worse(smetier.NotQualified)
			v.Failed = append(v.Failed, "score")
		case smetier.Unknown:
			worse(smetier.NeedsData)
			missing = append(missing, reqMissing...)
		case smetier.Judgement:
			worse(smetier.NeedsJudgement)
			v.Judgement = append(v.Judgement, "score")
			missing = append(missing, reqMissing...)
		case smetier.Errored:
			worse(smetier.NeedsJudgement)
			missing = append(missing, reqMissing...)
		}
	}
	v.Status = status
	v.Missing = a.dedup(missing)
	if len(decl) > 0 {
		selfDeclared(v, cs)
	}
	*buf = cs
	return cs, nil
}

// outcomes is explainAll without the words: what gaps, plans and the ladder need.
func outcomes(cs []crit) []smetier.CriterionResult {
	out := make([]smetier.CriterionResult, len(cs))
	for i := range cs {
		c, cr := cs[i].c, &out[i]
		cr.ID, cr.Kind, cr.Part = c.ID, string(c.Kind), c.Part
		// A copy: the list may be shared with the observer and other criteria (engine.Observer.Eval).
		cr.Outcome, cr.Missing, cr.ExemptBy = cs[i].outcome, slices.Clone(cs[i].missing), cs[i].exemptBy
		if err := cs[i].err; err != nil {
			cr.Error = err.Error()
		}
		cr.Points, cr.Band = ownPoints(cs[i].points, cs[i].band)
		cr.MinPoints, cr.MaxPoints = cs[i].minPoints, cs[i].maxPoints
		cr.Declared = cs[i].declared
	}
	return out
}

// ownPoints returns copies of a criterion's points and band for a report, which is the caller's
// to modify: a crit's may point into the catalog's bands (scoreItem).
func ownPoints(p *int, b *smetier.Text) (*int, *smetier.Text) {
	if p != nil {
		q := *p
		p = &q
	}
	if b != nil {
		c := *b
		b = &c
	}
	return p, b
}

// explainAll dresses the criteria's outcomes for the report: titles, sources, the facts looked
// at and a message in both languages.
func explainAll(o *engine.Observer, cs []crit) []smetier.CriterionResult {
	out := make([]smetier.CriterionResult, len(cs))
	// The messages of a verdict are written into one buffer per language and cut out of it, at
	// the offsets in ends: a string per message per language made a full report's allocations
	// 40% more (BenchmarkClassify/engine).
	var zh, en strings.Builder
	zh.Grow(len(cs) * 96)
	en.Grow(len(cs) * 96)
	ends := make([][2]int, len(cs))
	for i := range cs {
		c, cr := cs[i].c, &out[i]
		cr.ID, cr.Kind, cr.Part = c.ID, string(c.Kind), c.Part
		cr.Title, cr.Citation, cr.Expr = c.Title, c.Citation(), c.Expr
		if len(c.Facts) > 0 {
			cr.Observed = make([]smetier.Observation, len(c.Facts))
			for j, f := range c.Facts {
				cr.Observed[j] = o.Observation(f)
			}
		}
		cr.Outcome, cr.Missing, cr.ExemptBy = cs[i].outcome, slices.Clone(cs[i].missing), cs[i].exemptBy // see outcomes
		if err := cs[i].err; err != nil {
			cr.Error = err.Error()
		}
		cr.Points, cr.Band = ownPoints(cs[i].points, cs[i].band)
		cr.MinPoints, cr.MaxPoints = cs[i].minPoints, cs[i].maxPoints
		cr.Declared = cs[i].declared
		writeMessage(cr, &zh, &en)
		ends[i] = [2]int{zh.Len(), en.Len()}
	}
	zs, es := zh.String(), en.String()
	z0, e0 := 0, 0
	for i, e := range ends {
		out[i].Message = smetier.Text{Zh: zs[z0:e[0]], En: es[e0:e[1]]}
		z0, e0 = e[0], e[1]
	}
	return out
}

// scoreItem evaluates the bands of a score item in order: the first band that holds gives its
// points. While an earlier band is undecided the item's points are a range.
func scoreItem(c *criteria.Criterion, cr *crit, eval func(*criteria.Criterion, *engine.Program) (result, error), a *arena) error {
	if a := c.Authority; a != nil {
		// Points only the authority awards: a range, left to official judgement, never a
		// certain minimum.
		cr.minPoints, cr.maxPoints = a.Min, a.Max
		cr.missing = []smetier.Input{{Path: "authority:" + c.ID, Label: a.Label, Official: true}}
		cr.outcome = smetier.Judgement
		return nil
	}
	lo, hi := -1, -1
	// The bands' missing inputs, on the stack: mostly a single band's list, which the item
	// then shares (see below), and otherwise dedup copies what it keeps.
	var missBuf [16]smetier.Input
	miss := missBuf[:0]
	var only []smetier.Input // the one band list in miss, while there is one
	sources := 0
	var bandErr error
	decided := false
	possible := func(p int) {
		if lo < 0 || p < lo {
			lo = p
		}
		if p > hi {
			hi = p
		}
	}
	for _, b := range c.Bands {
		r, err := eval(c, engine.ProgramOf(b))
		if err != nil {
			return err
		}
		if r.truth == engine.False {
			continue
		}
		possible(b.Points)
		if r.err != nil {
			// The band might hold: its points stay possible, as for a band lacking data.
			if bandErr == nil {
				bandErr = r.err
			}
			continue
		}
		if r.truth == engine.True {
			if len(miss) == 0 && bandErr == nil {
				// Pointers into the catalog's band, which no one modifies: a report gets copies
				// (outcomes, explainAll), and a verdicts-only call needs none. Two small
				// allocations per scored item were a tenth of a summary call's (BenchmarkClassify/
				// engine-summarize-mix).
				cr.points, cr.band = &b.Points, &b.Label
			}
			decided = true
			break
		}
		if len(r.missing) > 0 {
			only, sources = r.missing, sources+1
			miss = append(miss, r.missing...)
		}
	}
	if !decided {
		possible(0) // no band may hold
	}
	cr.maxPoints = c.MaxPoints()
	if cr.points != nil {
		cr.outcome = smetier.Pass
		cr.minPoints = *cr.points
		return nil
	}
	cr.minPoints, cr.maxPoints = lo, hi
	if sources == 1 && distinct(only) {
		// The list as the observer made it, shared as a criterion's own missing inputs are
		// (evaluate): crits are read, never written, and reports copy their lists (outcomes).
		cr.missing = only
	} else {
		cr.missing = a.dedup(miss)
	}
	cr.outcome = undecided(cr.missing)
	if bandErr != nil {
		cr.outcome, cr.err = smetier.Errored, bandErr
	}
	return nil
}

// requirement decides the score requirement and the direct-pass alternatives. cs holds the
// outcomes of s.Criteria, index for index.
//
// The missing inputs it returns are appended to scratch and may repeat a path: the caller
// dedups them with its own.
func requirement(s *criteria.RuleSet, v *smetier.Verdict, cs []crit, a *arena, scratch []smetier.Input) (smetier.Outcome, []smetier.Input) {
	var passed []string
	missing := scratch
	nPassed := 0
	for i := range cs {
		if cs[i].kind == direct && cs[i].outcome == smetier.Pass {
			nPassed++
		}
	}
	if nPassed > 0 {
		passed = a.strings(nPassed)
	}
	hasDirect, directOpen, errored := false, false, false
	for i := range cs {
		d := &cs[i]
		if d.kind != direct {
			continue
		}
		hasDirect = true
		switch d.outcome {
		case smetier.Pass:
			passed = append(passed, d.c.ID)
		case smetier.Unknown, smetier.Judgement:
			directOpen = true
			missing = append(missing, d.missing...)
		case smetier.Errored:
			directOpen, errored = true, true
		}
	}
	if s.Score == nil && !hasDirect {
		return smetier.Pass, nil
	}
	scoreOutcome := smetier.Fail
	if s.Score != nil {
		// The result and its parts in one allocation when the parts fit (the built-in sets have
		// three).
		sm := new(scoreMem)
		sr := &sm.sr
		sr.PassMark, sr.DirectPass = s.Score.PassMark, passed
		if n := len(s.Score.Parts); n > 0 && n <= len(sm.parts) {
			sr.Parts = sm.parts[:0:n]
		}
		var scoreBuf [16]smetier.Input // on the stack: appended to missing, which the caller dedups
		scoreMissing := scoreBuf[:0]
		partsOK, partsFail := true, false
		for _, p := range s.Score.Parts {
			ps := smetier.PartScore{ID: p.ID, Title: p.Title, Minimum: p.Minimum}
			for i := range cs {
				it := &cs[i]
				if it.kind != score || it.c.Part != p.ID {
					continue
				}
				if it.points != nil {
					ps.Total += *it.points
					ps.Max += *it.points
				} else {
					ps.Total += it.minPoints
					ps.Max += it.maxPoints
					scoreMissing = append(scoreMissing, it.missing...)
					errored = errored || it.outcome == smetier.Errored
				}
			}
			sr.Total += ps.Total
			sr.Max += ps.Max
			if ps.Total < p.Minimum {
				partsOK = false
			}
			if ps.Max < p.Minimum {
				partsFail = true
			}
			if sr.Parts == nil {
				sr.Parts = make([]smetier.PartScore, 0, len(s.Score.Parts))
			}
			sr.Parts = append(sr.Parts, ps)
		}
		switch {
		case sr.Total >= sr.PassMark && partsOK:
			scoreOutcome = smetier.Pass
		case sr.Max < sr.PassMark || partsFail:
			scoreOutcome = smetier.Fail
		case errored:
			scoreOutcome = smetier.Errored
			missing = append(missing, scoreMissing...)
		default:
			scoreOutcome = undecided(scoreMissing)
			missing = append(missing, scoreMissing...)
		}
		sr.Outcome = scoreOutcome
		if len(passed) > 0 {
			sr.Outcome = smetier.Waived
		} else if scoreOutcome == smetier.Unknown || scoreOutcome == smetier.Judgement {
			sr.Note = scoreNote(sr, cs)
		}
		v.Score = sr
	}
	switch {
	case len(passed) > 0 || scoreOutcome == smetier.Pass:
		return smetier.Pass, nil
	case scoreOutcome == smetier.Fail && !directOpen:
		return smetier.Fail, nil
	}
	if errored {
		return smetier.Errored, missing
	}
	return undecided(missing), missing // official: a repeated path changes nothing
}

// scoreMem is a score result with room for its parts.
type scoreMem struct {
	sr    smetier.ScoreResult
	parts [4]smetier.PartScore
}

// scoreNote says why an undecided score is undecided: the range it may end in against the pass
// mark, and each item still open with its range and whether the authority or missing data
// leaves it open.
func scoreNote(sr *smetier.ScoreResult, cs []crit) *smetier.Text {
	var zh, en strings.Builder
	lo, hi, pm := strconv.Itoa(sr.Total), strconv.Itoa(sr.Max), strconv.Itoa(sr.PassMark)
	zh.WriteString("得分" + lo + "–" + hi + "分（合格线" + pm + "分），未定项：")
	en.WriteString("score " + lo + "–" + hi + " of " + pm + " needed; open: ")
	n := 0
	for i := range cs {
		it := &cs[i]
		if it.kind != score || it.points != nil {
			continue
		}
		if n > 0 {
			zh.WriteString("；")
			en.WriteString("; ")
		}
		n++
		r := strconv.Itoa(it.minPoints) + "–" + strconv.Itoa(it.maxPoints)
		zh.WriteString(it.c.ID + " " + r + "分")
		en.WriteString(it.c.ID + " " + r + " points")
		switch {
		case it.c.Authority != nil:
			zh.WriteString("（由主管部门评定：" + it.c.Authority.Label.Zh + "）")
			en.WriteString(" (left to the authority: " + it.c.Authority.Label.En + ")")
		case it.outcome == smetier.Judgement:
			zh.WriteString("（待主管部门评定）")
			en.WriteString(" (left to the authority)")
		default:
			zh.WriteString("（缺少数据）")
			en.WriteString(" (missing data)")
		}
	}
	return &smetier.Text{Zh: zh.String(), En: en.String()}
}

// distinct reports whether no path repeats in in.
func distinct(in []smetier.Input) bool {
	for k := 1; k < len(in); k++ {
		for _, j := range in[:k] {
			if j.Path == in[k].Path {
				return false
			}
		}
	}
	return true
}

// arena hands out the lists of one call's verdicts (their failed, judgement and error ids,
// missing inputs, rule set references) from a few arrays shared by the call, rather than one
// allocation per list: a verdicts-only call made a dozen such small allocations per rung.
// Each list is cut with a capacity of its own length (a full slice expression), so that a caller
// appending to one list of a report gets a new array and never writes into its neighbour's.
// An arena belongs to one call; it is not safe for concurrent use.
type arena struct {
	strs []string
	ins  []smetier.Input
	refs []smetier.RuleSetRef
}

// take returns an empty list with room for n elements cut out of *pool, which grows by chunks
// of at least chunk elements.
func take[T any](pool *[]T, n, chunk int) []T {
	if cap(*pool)-len(*pool) < n {
		*pool = make([]T, 0, max(n, chunk))
	}
	l := len(*pool)
	*pool = (*pool)[:l+n]
	return (*pool)[l : l : l+n]
}

func (a *arena) strings(n int) []string { return take(&a.strs, n, 16) }

// ref returns a copy of s's reference, the verdict's to keep: the report is the caller's to
// modify, and the copy keeps that from reaching the catalog.
func (a *arena) ref(s *criteria.RuleSet) *smetier.RuleSetRef {
	r := take(&a.refs, 1, 8)[:1]
	r[0] = *s.Ref() // Ref is inlined: its result stays on the stack
	return &r[0]
}

// dedup is the package's dedup, its result cut out of the arena.
func (a *arena) dedup(in []smetier.Input) []smetier.Input {
	if len(in) == 0 {
		return nil
	}
	if len(in) > 16 {
		return dedup(in)
	}
	n := 0
	for k := range in {
		if !seenPath(in[:k], in[k].Path) {
			n++
		}
	}
	out := take(&a.ins, n, 8)
	for k := range in {
		if !seenPath(in[:k], in[k].Path) {
			out = append(out, in[k])
		}
	}
	return out
}

func seenPath(in []smetier.Input, path string) bool {
	for i := range in {
		if in[i].Path == path {
			return true
		}
	}
	return false
}

func dedup(in []smetier.Input) []smetier.Input {
	if len(in) == 0 {
		return nil
	}
	if len(in) <= 16 {
		// Comparing a handful of paths beats building a set: a map per verdict was a tenth of
		// the allocations of a screening call (BenchmarkClassify/engine-gaps-only-mix).
		var out []smetier.Input
		for k, i := range in {
			if !slices.ContainsFunc(in[:k], func(j smetier.Input) bool { return j.Path == i.Path }) {
				if out == nil {
					out = make([]smetier.Input, 0, len(in)-k)
				}
				out = append(out, i)
			}
		}
		return out
	}
	seen := map[string]bool{}
	var out []smetier.Input
	for _, i := range in {
		if !seen[i.Path] {
			seen[i.Path] = true
			out = append(out, i)
		}
	}
	return out
}

// writeMessage writes in both languages what the outcome is and what it was based on.
func writeMessage(c *smetier.CriterionResult, zh, en *strings.Builder) {
	switch c.Outcome {
	case smetier.Pass:
		zh.WriteString("满足")
		en.WriteString("met")
	case smetier.Fail:
		zh.WriteString("不满足")
		en.WriteString("not met")
	case smetier.Exempt:
		zh.WriteString("免于考察（" + c.ExemptBy + "）")
		en.WriteString("exempt (" + c.ExemptBy + ")")
	case smetier.Unknown:
		zh.WriteString("缺少数据")
		en.WriteString("missing data")
	case smetier.Judgement:
		zh.WriteString("待主管部门评定")
		en.WriteString("left to the authority")
	case smetier.Errored:
		zh.WriteString("规则无法求值（" + c.Error + "），需人工判断")
		en.WriteString("the rule could not be evaluated (" + c.Error + "); a person must judge")
	}
	if d := c.Declared; d != nil {
		if d.By == smetier.ByAuthority {
			zh.WriteString("（主管部门认定")
			en.WriteString(" (decided by the authority")
		} else {
			zh.WriteString("（企业自行声明，待主管部门确认")
			en.WriteString(" (self-declared, pending the authority")
		}
		if d.Note != "" {
			zh.WriteString("：" + d.Note)
			en.WriteString(": " + d.Note)
		}
		zh.WriteString("）")
		en.WriteString(")")
	}
	if c.Points != nil {
		zh.WriteString("，得")
		zh.WriteString(strconv.Itoa(*c.Points))
		zh.WriteString("分")
		en.WriteString(", ")
		en.WriteString(strconv.Itoa(*c.Points))
		en.WriteString(" points")
	} else if c.Kind == string(criteria.Score) {
		lo, hi := strconv.Itoa(c.MinPoints), strconv.Itoa(c.MaxPoints)
		zh.WriteString("，可得" + lo + "–" + hi + "分")
		en.WriteString(", " + lo + "–" + hi + " points possible")
	}
	first := true
	for _, ob := range c.Observed {
		if !ob.Known || (ob.Fact == "application.renewal" && ob.Value == false) {
			continue
		}
		if first {
			zh.WriteString("：")
			en.WriteString(": ")
			first = false
		} else {
			zh.WriteString("；")
			en.WriteString("; ")
		}
		y := ""
		if ob.FiscalYear != 0 {
			y = "(" + strconv.Itoa(ob.FiscalYear) + ")"
		}
		zh.WriteString(ob.Label.Zh)
		zh.WriteString(y)
		zh.WriteString("=")
		zh.WriteString(ob.Display.Zh)
		en.WriteString(ob.Label.En)
		en.WriteString(y)
		en.WriteString(" = ")
		en.WriteString(ob.Display.En)
	}
	for i, m := range c.Missing {
		if i == 0 {
			zh.WriteString("；需提供：")
			en.WriteString("; provide: ")
		} else {
			zh.WriteString("、")
			en.WriteString(", ")
		}
		zh.WriteString(m.Label.Zh)
		en.WriteString(m.Label.En)
	}
}
