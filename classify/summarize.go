package classify

import (
	"context"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/engine"
)

// Summarize returns the compact view of p's report (smetier.Summary) without the cost of the
// report: every rung is judged as VerdictsOnly judges it, and only the ladder's next rung, whose
// gaps the summary lists, has its criteria explained. It takes the options Classify takes
// (VerdictsOnly and GapsOnly make no difference; WithReceipt adds the digest) and returns the
// errors Classify returns.
//
// The summary carries every gap toward the next rung, with messages in both languages; Trim
// keeps fewer of them, in one language. For any options but VerdictsOnly (which leaves the
// ladder, and so the gaps, out of Classify's report), and any lang and n, sum.Trim(lang, n) in
//
//	sum, err := eng.Summarize(ctx, p, opts...)
//
// equals rep.Summary(lang, n) in
//
//	rep, err := eng.Classify(ctx, p, append(opts, classify.GapsOnly())...)
//
// at a fraction of its cost, and err is the same.
func (e *Engine) Summarize(ctx context.Context, p *smetier.Profile, opts ...CallOption) (*smetier.Summary, error) {
	c := new(call)
	for _, o := range opts {
		o(c)
	}
	c.summary, c.terse, c.lean = true, true, false
	rep, err := e.run(ctx, p, c)
	if err != nil {
		return nil, err
	}
	return rep.Summary("", -1), nil
}

// judgedRung is a rung of a summary call with its criteria's outcomes (*buf, index for index
// with set.Criteria), kept until the ladder's next rung is known: its gaps are worked out from
// them without judging it again.
type judgedRung struct {
	set *criteria.RuleSet
	buf *[]crit // from critPool, returned by release
}

// summaryLadder is ladder for a summary call, whose verdicts have no criteria: the next rung's
// blocking gaps come from the outcomes its judgement kept (c.judged).
func (c *call) summaryLadder(o *engine.Observer, rungs []*smetier.Verdict) *smetier.Ladder {
	l, next := climb(rungs)
	if next == nil {
		return l
	}
	key := next.Key()
	for _, j := range c.judged {
		if j.set.Key() != key {
			continue
		}
		cs := *j.buf
		// Room for a gap per criterion that has one, and a few options: growing the list gap
		// by gap was a tenth of the bytes of a summary.
		n := 0
		for i := range cs {
			if cr := &cs[i]; blocks(cr.kind, next) && cr.outcome != smetier.Pass && cr.outcome != smetier.Exempt &&
				(cr.kind != criteria.Score || cr.c.Authority != nil) {
				n++
			}
		}
		if n > 0 {
			l.Blocking = make([]smetier.Gap, 0, n+2)
		}
		for i := range cs {
			if cr := &cs[i]; blocks(cr.kind, next) {
				l.Blocking = appendGaps(l.Blocking, o, j.set, cr.c, cr.outcome)
			}
		}
		sortBlocking(l.Blocking)
		break
	}
	return l
}

// release returns the buffers of the rungs a summary call kept.
func (c *call) release() {
	for i := range c.judged {
		critPool.Put(c.judged[i].buf)
		c.judged[i] = judgedRung{}
	}
	c.judged = c.judged[:0]
}
