package classify

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/engine"
)

// addGaps attaches to every criterion of v (judged under s) what would close it.
func addGaps(o *engine.Observer, s *criteria.RuleSet, v *smetier.Verdict) {
	for i := range v.Criteria {
		cr := &v.Criteria[i]
		cr.Gaps = appendGaps(nil, o, s, s.Criterion(cr.ID), cr.Outcome)
	}
}

// appendGaps appends to dst what would close criterion c of set s, whose outcome is given: nothing
// when it is met. A gate's exemptions are further alternatives to meeting the gate itself.
func appendGaps(dst []smetier.Gap, o *engine.Observer, s *criteria.RuleSet, c *criteria.Criterion, outcome smetier.Outcome) []smetier.Gap {
	switch outcome {
	case smetier.Pass, smetier.Exempt, smetier.Waived:
		return dst
	case smetier.Errored:
		// The expression cannot be broken down on a profile it fails on.
		return append(dst, smetier.Gap{Criterion: c.ID, Kind: smetier.Review, Size: 1,
			Message: smetier.Text{Zh: "规则无法求值，需人工判断：" + c.Title.Zh, En: "the rule could not be evaluated; a person must judge: " + c.Title.En}})
	}
	switch c.Kind {
	case criteria.Score:
		if a := c.Authority; a != nil {
			// Points only the authority awards: nothing the enterprise can change, but say who
			// decides them, so that the ladder's blocking gaps explain a needs_judgement.
			dst = append(dst, smetier.Gap{Criterion: c.ID, Kind: smetier.Review, Official: true, Size: 1, Message: smetier.Text{
				Zh: "由主管部门评定：" + a.Label.Zh + "（" + strconv.Itoa(a.Min) + "–" + strconv.Itoa(a.Max) + "分）",
				En: "judged by the authority: " + a.Label.En + " (" + strconv.Itoa(a.Min) + "–" + strconv.Itoa(a.Max) + " points)"}})
		}
		return dst // the score plan covers score items
	case criteria.Exemption:
		return dst // exemptions are options of their gate
	case criteria.Judgement:
		if engine.ProgramOf(c) == nil {
			return append(dst, smetier.Gap{Criterion: c.ID, Kind: smetier.Review, Official: true, Size: 1,
				Message: smetier.Text{Zh: "由主管部门评定：" + c.Title.Zh, En: "judged by the authority: " + c.Title.En}})
		}
	}
	var exBuf [4]*engine.Program
	exempts := exBuf[:0]
	if c.Kind == criteria.Gate {
		for _, ex := range s.Criteria {
			if ex.Kind == criteria.Exemption && ex.Exempts == c.ID {
				exempts = append(exempts, engine.ProgramOf(ex))
			}
		}
	}
	return o.AppendGaps(dst, c.ID, engine.ProgramOf(c), exempts)
}

// maxPlanStates bounds the score planner's search: the number of distinct (total, part points)
// states kept after each item. The built-in sets stay far below it; a rule file whose score
// section would need more (the built-in sets need fewer than 50) gets no cheapest plan (ScorePlan.NoPlan says why) instead of a search
// that grows without bound. criteria rejects at load the score sections whose state space is
// absurd (criteria.MaxScoreParts, criteria.MaxPassMark).
const maxPlanStates = 4096

// authorityCost prices the move of an authority-awarded score item in the plan: more than every
// band climb of a rule set together.
const authorityCost = 1000

// planScore finds, for a scored set whose score does not pass, the next band of every item and
// the fewest band climbs that reach the pass mark and every part minimum. It returns ctx's error
// when ctx ends during the search.
func planScore(ctx context.Context, s *criteria.RuleSet, v *smetier.Verdict) (*smetier.ScorePlan, error) {
	if s.Score == nil || v.Score == nil || v.Score.Outcome == smetier.Pass || v.Score.Outcome == smetier.Waived {
		return nil, nil
	}
	type move struct {
		step smetier.ScoreStep
		cost int
	}
	type item struct {
		part  int
		now   int
		best  int
		moves []move
	}
	nParts := len(s.Score.Parts)
	if nParts > criteria.MaxScoreParts {
		// criteria rejects such sets at load; a hand-built RuleSet still must not be misjudged.
		return &smetier.ScorePlan{NoPlan: &smetier.Text{
			Zh: fmt.Sprintf("评分维度超过%d个，未计算升档方案", criteria.MaxScoreParts),
			En: fmt.Sprintf("more than %d score parts: no plan computed", criteria.MaxScoreParts)}}, nil
	}
	partIdx := map[string]int{}
	for i, p := range s.Score.Parts {
		partIdx[p.ID] = i
	}
	plan := &smetier.ScorePlan{}
	var items []item
	for _, c := range s.Criteria {
		if c.Kind != criteria.Score {
			continue
		}
		cr := v.Criterion(c.ID)
		now := cr.MinPoints
		if cr.Points != nil {
			now = *cr.Points
		}
		// Distinct better bands, nearest first; climbing k bands costs k.
		pts := map[int]smetier.Text{}
		for _, b := range c.Bands {
			if b.Points > now {
				if _, ok := pts[b.Points]; !ok {
					pts[b.Points] = b.Label
				}
			}
		}
		levels := make([]int, 0, len(pts))
		for p := range pts {
			levels = append(levels, p)
		}
		sort.Ints(levels)
		it := item{part: partIdx[c.Part], now: now, best: now}
		if a := c.Authority; a != nil && a.Max > now {
			// The authority's points are a move the enterprise cannot make itself: priced above
			// any climb of its own, so the cheapest plan uses them only when nothing else reaches
			// the pass mark, and Reachable counts them.
			st := smetier.ScoreStep{Criterion: c.ID, Part: c.Part, From: now, To: a.Max, Gain: a.Max - now, Band: a.Label, Official: true}
			it.moves = append(it.moves, move{st, authorityCost})
			it.best = a.Max
			plan.Steps = append(plan.Steps, st)
		}
		for k, p := range levels {
			st := smetier.ScoreStep{Criterion: c.ID, Part: c.Part, From: now, To: p, Gain: p - now, Band: pts[p]}
			it.moves = append(it.moves, move{st, k + 1})
			it.best = p
			if k == 0 {
				plan.Steps = append(plan.Steps, st)
			}
		}
		items = append(items, it)
	}
	// Whether the pass mark can be reached at all needs no search: every item at its best band.
	var bestParts [criteria.MaxScoreParts]int
	bestTotal := 0
	for _, it := range items {
		bestTotal += it.best
		bestParts[it.part] += it.best
	}
	plan.Reachable = bestTotal >= s.Score.PassMark
	for i, p := range s.Score.Parts {
		plan.Reachable = plan.Reachable && bestParts[i] >= p.Minimum
	}
	if !plan.Reachable {
		return plan, nil
	}
	// Dynamic programme over the items; the state is the total and each part's points, capped at
	// what the pass mark and minimums need, so that states differing only beyond what is needed
	// merge. The number of states is still bounded explicitly (maxPlanStates).
	type state struct {
		total int
		parts [criteria.MaxScoreParts]int
	}
	capState := func(st state) state {
		st.total = min(st.total, s.Score.PassMark)
		for i := range nParts {
			st.parts[i] = min(st.parts[i], s.Score.Parts[i].Minimum)
		}
		return st
	}
	// A plan's steps are a list linked backwards, shared between the plans that extend it,
	// so that a state costs the same whatever the number of items.
	type node struct {
		step smetier.ScoreStep
		prev *node
	}
	type entry struct {
		cost, total, n int
		last           *node
	}
	steps := func(e entry) []smetier.ScoreStep {
		out := make([]smetier.ScoreStep, e.n)
		for i, nd := e.n-1, e.last; nd != nil; i, nd = i-1, nd.prev {
			out[i] = nd.step
		}
		return out
	}
	start := state{}
	startTotal := 0
	for _, it := range items {
		start.total += it.now
		start.parts[it.part] += it.now
		startTotal += it.now
	}
	// better orders candidate plans for the same state: fewer band climbs, then more points, then
	// fewer moves, then the earlier items in rule-file order, so that the result never depends
	// on map iteration order.
	better := func(a, b entry) bool {
		if a.cost != b.cost {
			return a.cost < b.cost
		}
		if a.total != b.total {
			return a.total > b.total
		}
		if a.n != b.n {
			return a.n < b.n
		}
		as, bs := steps(a), steps(b)
		for i := range as {
			if as[i].Criterion != bs[i].Criterion {
				return as[i].Criterion < bs[i].Criterion
			}
			if as[i].To != bs[i].To {
				return as[i].To < bs[i].To
			}
		}
		return false
	}
	tooLarge := func() *smetier.ScorePlan {
		plan.NoPlan = &smetier.Text{
			Zh: fmt.Sprintf("评分项组合过多（超过%d种），未计算最少升档方案", maxPlanStates),
			En: fmt.Sprintf("too many combinations of score items (over %d): no cheapest plan computed", maxPlanStates)}
		return plan
	}
	best := map[state]entry{capState(start): {0, startTotal, 0, nil}}
	work := 0
	for _, it := range items {
		next := make(map[state]entry, len(best))
		keep := func(st state, e entry) {
			if old, ok := next[st]; !ok || better(e, old) {
				next[st] = e
			}
		}
		for st, e := range best {
			if work++; work%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			keep(st, e)
			for _, m := range it.moves {
				ns := st
				ns.total += m.step.Gain
				ns.parts[it.part] += m.step.Gain
				keep(capState(ns), entry{e.cost + m.cost, e.total + m.step.Gain, e.n + 1, &node{m.step, e.last}})
			}
			if len(next) > maxPlanStates {
				return tooLarge(), nil
			}
		}
		best = next
	}
	goal := state{total: s.Score.PassMark}
	for i, p := range s.Score.Parts {
		goal.parts[i] = p.Minimum
	}
	if e, ok := best[capState(goal)]; ok {
		plan.Cheapest, plan.Total = steps(e), e.total
	}
	return plan, nil
}

// ladder summarises the highest rung reached and the gaps blocking the next one. rungs are the
// report's national tiers and local programs, in ladder order (Report.Rungs); of their criteria
// it reads only the next rung's.
func ladder(rungs []*smetier.Verdict) *smetier.Ladder {
	l, next := climb(rungs)
	if next != nil {
		for _, c := range next.Criteria {
			if blocks(criteria.Kind(c.Kind), next) {
				l.Blocking = append(l.Blocking, c.Gaps...)
			}
		}
		sortBlocking(l.Blocking)
	}
	return l
}

// climb returns the ladder of rungs (ladder order) without its blocking gaps: the highest rung
// held or qualified for and the next rung, the first covered one above it, which it returns too
// (nil when there is none).
func climb(rungs []*smetier.Verdict) (*smetier.Ladder, *smetier.Verdict) {
	l := &smetier.Ladder{}
	top := -1 // index in rungs of the highest rung held or qualified for
	for i, v := range rungs {
		if v.Held != nil || v.Status == smetier.Qualified {
			top = i
		}
	}
	if top >= 0 {
		v := rungs[top]
		l.HighestHeld = v.Held != nil
		if v.Program != nil {
			l.HighestProgram = v.Program.ID
		} else {
			l.Highest = v.Tier
		}
	}
	for _, v := range rungs {
		// Without local programs, a rung above the highest is one of higher rank: the tiers of a
		// report restricted by Only need not be in ladder order.
		if !v.Covered || top >= 0 && smetier.CompareRungs(v, rungs[top]) <= 0 {
			continue
		}
		if v.Program != nil {
			l.NextProgram = v.Program.ID
		} else {
			l.Next = v.Tier
		}
		l.NextStatus = v.Status
		return l, v
	}
	return l, nil
}

// blocks reports whether the gaps of a criterion of this kind block its rung v: not an
// exemption's, which are options of its gate, nor a direct-pass criterion's unless the set has
// a score (v.Score).
func blocks(kind criteria.Kind, v *smetier.Verdict) bool {
	return kind != criteria.Exemption && (kind != criteria.Direct || v.Score != nil)
}

// sortBlocking puts first what the enterprise can act on, largest first, and last what only the
// authority decides; otherwise gaps keep their criteria's order.
func sortBlocking(gs []smetier.Gap) {
	slices.SortStableFunc(gs, func(a, b smetier.Gap) int {
		if a.Official != b.Official {
			if a.Official {
				return 1
			}
			return -1
		}
		switch { // not cmp.Compare, which orders a NaN size below every other
		case a.Size > b.Size:
			return -1
		case a.Size < b.Size:
			return 1
		}
		return 0
	})
}
