package smetier

// JudgementBy says who made a declaration.
type JudgementBy string

// Who may declare a judgement.
const (
	// ByAuthority is the recognising authority's own decision: it settles the criterion for good.
	ByAuthority JudgementBy = "authority"
	// BySelf is the enterprise's own declaration: it settles the criterion provisionally, and a
	// verdict that rests on one says so (Verdict.SelfDeclared).
	BySelf JudgementBy = "self"
)

// Declaration declares the outcome of a criterion that the rules leave to the authority (a
// needs_judgement criterion: "市场占有率较为靠前", an official score item, …).
type Declaration struct {
	// Criterion names the criterion unambiguously: "<rule-set id>/<criterion id>" (e.g.
	// "cn-2026-specialized-sme/market.position"), or "<tier or program>/<criterion id>" (e.g.
	// "specialized_sme/market.position") for whichever rule set of that tier is in force.
	Criterion string `json:"criterion"`
	// Met is the outcome declared; it must be given.
	Met *bool `json:"met"`
	// By is "authority" or "self".
	By JudgementBy `json:"by"`
	// Note says on what the declaration rests (a decision's number, the evidence).
	Note string `json:"note,omitempty"`
}
