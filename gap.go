package smetier

// GapKind says what kind of action closes a gap.
type GapKind string

// Gap kinds.
const (
	Increase GapKind = "increase" // raise a figure to Required
	Decrease GapKind = "decrease" // lower a figure to Required
	Provide  GapKind = "provide"  // supply a missing input
	Obtain   GapKind = "obtain"   // obtain a title, certificate, status or evidence
	Avoid    GapKind = "avoid"    // remove a disqualifying condition
	Wait     GapKind = "wait"     // time must pass (years in the segment, incidents ageing out)
	Review   GapKind = "review"   // the rule cannot be broken down; see the criterion
)

// Gap says, in the profile's own terms, what would close an unmet or undecided criterion. It is
// derived from the criterion's expression (its comparisons of facts with thresholds), not written
// per criterion.
//
// Gaps of a criterion with Group 0 must all be closed. Gaps sharing a non-zero Group are
// alternatives: closing every gap of any one Option of the group is enough (e.g. "revenue ≥
// 1500万" or "equity ≥ 2000万").
type Gap struct {
	// Criterion is the id of the criterion the gap belongs to.
	Criterion string `json:"criterion"`
	// Group and Option place the gap among alternatives (see above); Group is 0 for a gap that
	// must be closed.
	Group  int     `json:"group,omitempty"`
	Option int     `json:"option,omitempty"`
	Kind   GapKind `json:"kind"`
	// Fact is the fact the rule compares; Input the profile field to change or supply.
	Fact       string `json:"fact,omitempty"`
	Input      string `json:"input,omitempty"`
	FiscalYear int    `json:"fiscal_year,omitempty"`
	// Current, Required and Delta are in Unit ("元" for money, "%", "项", "年", "分", ...).
	// Delta is how much Current must move (always ≥ 0; Kind says in which direction).
	Current  *float64 `json:"current,omitempty"`
	Required *float64 `json:"required,omitempty"`
	Delta    *float64 `json:"delta,omitempty"`
	Unit     string   `json:"unit,omitempty"`
	// Size is the relative distance Delta/Required (1 when it cannot be measured), for ordering.
	Size float64 `json:"size"`
	// Official: only an authority can close it (e.g. the platform score).
	Official bool `json:"official,omitempty"`
	Message  Text `json:"message"`
}

// ScorePlan is the way up for a scored rule set.
type ScorePlan struct {
	// Steps gives, for every score item not at its best band, the next band and what it adds.
	Steps []ScoreStep `json:"steps,omitempty"`
	// Cheapest is the smallest set of band moves (fewest bands climbed) that reaches the pass mark
	// and every part minimum; empty when the score already passes.
	Cheapest []ScoreStep `json:"cheapest,omitempty"`
	// Reachable is false when even every item at its best band would not pass.
	Reachable bool `json:"reachable"`
	// Total is the score after the Cheapest moves.
	Total int `json:"total"`
	// NoPlan says why Cheapest is empty although the pass mark is reachable: a rule file whose
	// score items combine in too many ways for the search to be bounded.
	NoPlan *Text `json:"no_plan,omitempty"`
}

// ScoreStep moves one score item from one band to a better one.
type ScoreStep struct {
	Criterion string `json:"criterion"`
	Part      string `json:"part"`
	From      int    `json:"from"`
	To        int    `json:"to"`
	Gain      int    `json:"gain"`
	Band      Text   `json:"band"`
	// Official: the points are the authority's to award (a score item with an authority range);
	// the enterprise cannot make this move itself.
	Official bool `json:"official,omitempty"`
}

// Ladder summarises where the enterprise stands on the ladder and what blocks the next rung.
// The ladder's rungs are the national tiers and the local programs in force (Report.Rungs), so
// the highest or the next rung may be a local program: then HighestProgram or NextProgram names
// it and Highest or Next is empty.
type Ladder struct {
	// Highest is the highest tier the enterprise holds a valid title for or qualifies for now;
	// empty when none (or when the highest rung is a program). HighestHeld tells which.
	Highest Tier `json:"highest,omitempty"`
	// HighestProgram is the id of the local program that is the highest rung held or qualified
	// for, when it is above every tier held or qualified for.
	HighestProgram string `json:"highest_program,omitempty"`
	HighestHeld    bool   `json:"highest_held,omitempty"`
	// Next is the tier above the highest rung that has rules in force, with its status.
	Next Tier `json:"next,omitempty"`
	// NextProgram is the id of the local program that is the next rung, when it is one.
	NextProgram string `json:"next_program,omitempty"`
	NextStatus  Status `json:"next_status,omitempty"`
	// Blocking lists the gaps of the next rung: those the enterprise can act on first, largest
	// first (non-numeric gaps count as size 1), then those only the authority decides.
	Blocking []Gap `json:"blocking,omitempty"`
}

// HighestKey is the tier name or program id of the highest rung, or "".
func (l *Ladder) HighestKey() string {
	if l.HighestProgram != "" {
		return l.HighestProgram
	}
	return string(l.Highest)
}

// NextKey is the tier name or program id of the next rung, or "".
func (l *Ladder) NextKey() string {
	if l.NextProgram != "" {
		return l.NextProgram
	}
	return string(l.Next)
}
