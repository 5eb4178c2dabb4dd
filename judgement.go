package smetier

import (
	"fmt"
	"strings"
)

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
	// Met is the outcome declared for a judgement criterion. For a score item whose points the
	// authority awards (an "authority" item, e.g. 63号 附件2's 15 provincial 特色化 points) give
	// Points instead: exactly one of the two.
	Met    *bool `json:"met,omitempty"`
	Points *int  `json:"points,omitempty"`
	// By is "authority" or "self".
	By JudgementBy `json:"by"`
	// Note says on what the declaration rests (a decision's number, the evidence).
	Note string `json:"note,omitempty"`
}

// Ref splits Criterion into the rule set or tier/program it names and the criterion id.
func (d Declaration) Ref() (set, criterion string, ok bool) {
	set, criterion, ok = strings.Cut(d.Criterion, "/")
	return set, criterion, ok && set != "" && criterion != ""
}

// check reports the problems of a declaration that can be seen without rules.
func (d Declaration) check(base string, add func(path, format string, args ...any)) {
	if _, _, ok := d.Ref(); !ok {
		add(base+"criterion", "want <rule-set id>/<criterion id> or <tier or program>/<criterion id>, got %q", d.Criterion)
	}
	switch {
	case d.Met == nil && d.Points == nil:
		add(base+"met", "missing: give met (true or false), or points for an authority score item")
	case d.Met != nil && d.Points != nil:
		add(base+"points", "give met or points, not both")
	}
	if d.Points != nil && *d.Points < 0 {
		add(base+"points", "must not be negative")
	}
	switch d.By {
	case ByAuthority, BySelf:
	default:
		add(base+"by", "want authority or self, got %q", d.By)
	}
}

// CheckDeclarations checks declarations passed outside a profile (e.g. with a classify call)
// as Validate checks a profile's judgements, naming them field[i]. It returns nil or a
// *ValidationError.
func CheckDeclarations(field string, ds []Declaration) error {
	var errs []*FieldError
	add := func(path, format string, args ...any) {
		errs = append(errs, &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	seen := map[string]int{}
	for i, d := range ds {
		base := fmt.Sprintf("%s[%d].", field, i)
		d.check(base, add)
		if j, dup := seen[d.Criterion]; dup {
			add(base+"criterion", "%q is already declared by %s[%d]", d.Criterion, field, j)
		} else {
			seen[d.Criterion] = i
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Fields: errs}
}
