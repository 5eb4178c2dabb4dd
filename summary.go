package smetier

// Summary is the compact view of a Report, for bulk screening and for clients that only need
// the answers: each rung's status with the ids of its failed, judgement and erring criteria and
// the paths of its missing inputs, the rule-set id instead of titles and citations, and the
// largest gaps toward the next rung. With three gaps in both languages it is one to two and a
// half kilobytes of JSON (the sample profiles') where a full report is tens of kilobytes.
//
// Report.Summary makes it from a report; classify.Engine.Summarize makes it without one, with
// every gap in both languages, which Trim cuts down.
type Summary struct {
	Enterprise string `json:"enterprise,omitempty"`
	CreditCode string `json:"credit_code,omitempty"`
	// Region is the code of the jurisdiction judged under.
	Region  string    `json:"region"`
	AsOf    Date      `json:"as_of"`
	Renewal bool      `json:"renewal,omitempty"`
	Size    SizeClass `json:"size,omitempty"`
	SME     *bool     `json:"sme,omitempty"`
	// Rungs has one entry per verdict, in ladder order.
	Rungs []RungSummary `json:"rungs"`
	// Highest is the highest rung held or qualified for; Next the rung above it with rules in
	// force; Gaps the largest gaps toward Next, as Ladder.Blocking orders them.
	Highest string       `json:"highest,omitempty"`
	Next    string       `json:"next,omitempty"`
	Gaps    []GapSummary `json:"gaps,omitempty"`
	// Digest is the receipt's digest, when the report has a receipt.
	Digest string `json:"digest,omitempty"`
}

// RungSummary is one verdict, reduced to ids.
type RungSummary struct {
	// Key is the tier name or the local program's id (Verdict.Key).
	Key string `json:"key"`
	// Status is empty when no rule set is in force (the verdict is not covered).
	Status Status `json:"status,omitempty"`
	// RuleSet is the id of the rule set applied; empty when none is in force (not covered).
	RuleSet string `json:"rule_set,omitempty"`
	// Held is true when the enterprise holds this rung's title on the date (Verdict.Held).
	Held bool `json:"held,omitempty"`
	// Failed, Judgement and Errors are the ids of the verdict's failed criteria, of those left
	// to the authority and of those whose rule could not be evaluated, as in Verdict.
	Failed    []string `json:"failed,omitempty"`
	Judgement []string `json:"judgement,omitempty"`
	Errors    []string `json:"errors,omitempty"`
	// Missing lists the profile paths of the missing inputs.
	Missing []string `json:"missing,omitempty"`
}

// GapSummary is a Gap with its message in the languages asked for.
type GapSummary struct {
	Criterion string   `json:"criterion"`
	Group     int      `json:"group,omitempty"`
	Option    int      `json:"option,omitempty"`
	Kind      GapKind  `json:"kind"`
	Input     string   `json:"input,omitempty"`
	Current   *float64 `json:"current,omitempty"`
	Required  *float64 `json:"required,omitempty"`
	Delta     *float64 `json:"delta,omitempty"`
	Unit      string   `json:"unit,omitempty"`
	Official  bool     `json:"official,omitempty"`
	Message   LangText `json:"message"`
}

// LangText is a Text that may carry one language only: the other is left out of JSON.
type LangText struct {
	Zh string `json:"zh,omitempty"`
	En string `json:"en,omitempty"`
}

// Trim keeps at most gaps of s's gaps (negative: all), with their messages in lang ("zh" or
// "en"; anything else keeps both), and returns s, which it changes in place. A summary from
// classify.Engine.Summarize carries every gap in both languages; Trim(lang, n) makes it the
// summary Report.Summary(lang, n) gives.
func (s *Summary) Trim(lang string, gaps int) *Summary {
	if gaps >= 0 && len(s.Gaps) > gaps {
		s.Gaps = s.Gaps[:gaps:gaps]
	}
	if len(s.Gaps) == 0 {
		s.Gaps = nil
	}
	for i := range s.Gaps {
		m := &s.Gaps[i].Message
		switch lang { // as Text.Pick
		case "zh":
			m.En = ""
		case "en":
			m.Zh = ""
		}
	}
	return s
}

// Pick returns t in lang: "zh" or "en" keep that language only, anything else keeps both.
func (t Text) Pick(lang string) LangText {
	switch lang {
	case "zh":
		return LangText{Zh: t.Zh}
	case "en":
		return LangText{En: t.En}
	}
	return LangText{Zh: t.Zh, En: t.En}
}

// Summary returns the compact view of r with at most gaps gaps (negative: all), their
// messages in lang ("zh", "en", or "" for both). The gaps come from the ladder, which a
// VerdictsOnly report does not have: use a full or a classify.GapsOnly report, or, for the
// summary alone, classify.Engine.Summarize, which gives it without building the report.
func (r *Report) Summary(lang string, gaps int) *Summary {
	s := &Summary{Enterprise: r.Enterprise, CreditCode: r.CreditCode, Region: r.Region.Code, AsOf: r.AsOf,
		Renewal: r.Renewal, Size: r.Size.Class, SME: r.Size.SME}
	// Every rung: the national tiers and the local programs, in ladder order.
	vs := r.Rungs()
	s.Rungs = make([]RungSummary, len(vs))
	// The missing inputs' paths of every rung share one array, each rung's slice capped so that
	// appending to it cannot reach the next.
	n := 0
	for _, v := range vs {
		n += len(v.Missing)
	}
	var paths []string
	if n > 0 {
		paths = make([]string, 0, n)
	}
	for i, v := range vs {
		rs := &s.Rungs[i]
		rs.Key, rs.Status, rs.Held = v.Key(), v.Status, v.Held != nil
		if v.RuleSet != nil {
			rs.RuleSet = v.RuleSet.ID
		}
		rs.Failed, rs.Judgement, rs.Errors = v.Failed, v.Judgement, v.Errors
		if len(v.Missing) > 0 {
			at := len(paths)
			for _, m := range v.Missing {
				paths = append(paths, m.Path)
			}
			rs.Missing = paths[at:len(paths):len(paths)]
		}
	}
	if l := r.Ladder; l != nil {
		s.Highest, s.Next = string(l.Highest), string(l.Next)
		if l.HighestProgram != "" {
			s.Highest = l.HighestProgram
		}
		if l.NextProgram != "" {
			s.Next = l.NextProgram
		}
		bl := l.Blocking
		if gaps >= 0 && len(bl) > gaps {
			bl = bl[:gaps]
		}
		if len(bl) > 0 {
			s.Gaps = make([]GapSummary, len(bl))
			for i, g := range bl {
				s.Gaps[i] = GapSummary{Criterion: g.Criterion, Group: g.Group, Option: g.Option, Kind: g.Kind,
					Input: g.Input, Current: g.Current, Required: g.Required, Delta: g.Delta, Unit: g.Unit,
					Official: g.Official, Message: g.Message.Pick(lang)}
			}
		}
	}
	if r.Receipt != nil {
		s.Digest = r.Receipt.Digest
	}
	return s
}
