package classify

import (
	"sort"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
)

// addGaps attaches to every unmet or undecided criterion what would close it. A gate's
// exemptions are further alternatives to meeting the gate itself.
func addGaps(o *criteria.Observer, s *criteria.RuleSet, v *smetier.Verdict) {
	for i := range v.Criteria {
		cr := &v.Criteria[i]
		switch cr.Outcome {
		case smetier.Pass, smetier.Exempt, smetier.Waived:
			continue
		}
		c := s.Criterion(cr.ID)
		switch c.Kind {
		case criteria.Score, criteria.Exemption:
			continue // the score plan covers score items; exemptions are options of their gate
		case criteria.Judgement:
			if c.Program() == nil {
				cr.Gaps = []smetier.Gap{{Criterion: c.ID, Kind: smetier.Review, Official: true, Size: 1,
					Message: smetier.Text{Zh: "由主管部门评定：" + c.Title.Zh, En: "judged by the authority: " + c.Title.En}}}
				continue
			}
		}
		opts := o.GapOptions(c)
		if c.Kind == criteria.Gate {
			for _, ex := range s.Criteria {
				if ex.Kind == criteria.Exemption && ex.Exempts == c.ID {
					opts = append(opts, o.GapOptions(ex)...)
				}
			}
		}
		cr.Gaps = criteria.Flatten(c.ID, opts)
	}
}

// planScore finds, for a scored set whose score does not pass, the next band of every item and
// the fewest band climbs that reach the pass mark and every part minimum.
func planScore(s *criteria.RuleSet, v *smetier.Verdict) *smetier.ScorePlan {
	if s.Score == nil || v.Score == nil || v.Score.Outcome == smetier.Pass || v.Score.Outcome == smetier.Waived {
		return nil
	}
	type move struct {
		step smetier.ScoreStep
		cost int
	}
	type item struct {
		part  int
		now   int
		moves []move
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
		it := item{part: partIdx[c.Part], now: now}
		for k, p := range levels {
			st := smetier.ScoreStep{Criterion: c.ID, Part: c.Part, From: now, To: p, Gain: p - now, Band: pts[p]}
			it.moves = append(it.moves, move{st, k + 1})
			if k == 0 {
				plan.Steps = append(plan.Steps, st)
			}
		}
		items = append(items, it)
	}
	// Dynamic programme over the items; the state is the total and each part's points, capped at
	// what the pass mark and minimums need, so the state space stays small.
	nParts := len(s.Score.Parts)
	type state struct {
		total int
		parts [8]int
	}
	capState := func(st state) state {
		st.total = min(st.total, s.Score.PassMark)
		for i := 0; i < nParts && i < 8; i++ {
			st.parts[i] = min(st.parts[i], s.Score.Parts[i].Minimum)
		}
		return st
	}
	type entry struct {
		cost  int
		total int
		steps []smetier.ScoreStep
	}
	start := state{}
	startTotal := 0
	for _, it := range items {
		start.total += it.now
		if it.part < 8 {
			start.parts[it.part] += it.now
		}
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
		if len(a.steps) != len(b.steps) {
			return len(a.steps) < len(b.steps)
		}
		for i := range a.steps {
			if a.steps[i].Criterion != b.steps[i].Criterion {
				return a.steps[i].Criterion < b.steps[i].Criterion
			}
			if a.steps[i].To != b.steps[i].To {
				return a.steps[i].To < b.steps[i].To
			}
		}
		return false
	}
	best := map[state]entry{capState(start): {0, startTotal, nil}}
	for _, it := range items {
		next := make(map[state]entry, len(best))
		keep := func(st state, e entry) {
			if old, ok := next[st]; !ok || better(e, old) {
				next[st] = e
			}
		}
		for st, e := range best {
			keep(st, e)
			for _, m := range it.moves {
				ns := st
				ns.total += m.step.Gain
				if it.part < 8 {
					ns.parts[it.part] += m.step.Gain
				}
				keep(capState(ns), entry{e.cost + m.cost, e.total + m.step.Gain, append(append([]smetier.ScoreStep(nil), e.steps...), m.step)})
			}
		}
		best = next
	}
	goal := capState(state{total: s.Score.PassMark, parts: func() (p [8]int) {
		for i := 0; i < nParts && i < 8; i++ {
			p[i] = s.Score.Parts[i].Minimum
		}
		return
	}()})
	if e, ok := best[goal]; ok {
		plan.Reachable, plan.Cheapest, plan.Total = true, e.steps, e.total
	}
	return plan
}

// ladder summarises the highest tier reached and the gaps blocking the next one.
func ladder(r *smetier.Report) *smetier.Ladder {
	l := &smetier.Ladder{}
	for _, v := range r.Verdicts {
		if v.Held != nil || v.Status == smetier.Qualified {
			l.Highest, l.HighestHeld = v.Tier, v.Held != nil
		}
	}
	for _, v := range r.Verdicts {
		if !v.Covered || v.Tier.Rank() <= l.Highest.Rank() {
			continue
		}
		l.Next, l.NextStatus = v.Tier, v.Status
		for _, c := range v.Criteria {
			if c.Kind == string(criteria.Exemption) || c.Kind == string(criteria.Direct) && v.Score == nil {
				continue
			}
			l.Blocking = append(l.Blocking, c.Gaps...)
		}
		// What the enterprise can act on first, largest first; what only the authority decides last.
		sort.SliceStable(l.Blocking, func(i, j int) bool {
			a, b := l.Blocking[i], l.Blocking[j]
			if a.Official != b.Official {
				return !a.Official
			}
			return a.Size > b.Size
		})
		break
	}
	return l
}
