package smetier

import "strings"

// Text is a message in Chinese and English. Rule data carries both; reports carry both so a
// portal can pick either without asking again.
type Text struct {
	Zh string `json:"zh"`
	En string `json:"en"`
}

// In returns the text in lang ("zh" or "en"); any other value gets Chinese, the text of record.
func (t Text) In(lang string) string {
	if lang == "en" && t.En != "" {
		return t.En
	}
	return t.Zh
}

// Tier is a rung of the 优质中小企业梯度培育 ladder, lowest first.
type Tier string

// The tiers, in ladder order.
const (
	// Innovative is 创新型中小企业, renamed 科技和创新型中小企业 by 工信部企业〔2026〕2号.
	Innovative Tier = "innovative_sme"
	// Specialized is 专精特新中小企业.
	Specialized Tier = "specialized_sme"
	// LittleGiant is 专精特新"小巨人".
	LittleGiant Tier = "little_giant"
	// Champion is 制造业单项冠军 (manufacturing single champion).
	Champion Tier = "champion"
)

// Tiers returns every tier in ladder order.
func Tiers() []Tier { return []Tier{Innovative, Specialized, LittleGiant, Champion} }

// Rank is the tier's position on the ladder (1 for Innovative) or 0 for an unknown tier.
func (t Tier) Rank() int {
	for i, x := range Tiers() {
		if x == t {
			return i + 1
		}
	}
	return 0
}

// Title returns the tier's name in both languages.
func (t Tier) Title() Text {
	switch t {
	case Innovative:
		return Text{"科技和创新型中小企业（创新型中小企业）", "Tech-based and innovative SME"}
	case Specialized:
		return Text{"专精特新中小企业", "Specialized, refined, distinctive and innovative SME"}
	case LittleGiant:
		return Text{"专精特新“小巨人”企业", "Specialized and innovative \"little giant\""}
	case Champion:
		return Text{"制造业单项冠军企业", "Manufacturing single champion"}
	}
	return Text{string(t), string(t)}
}

// TitleKind returns the title that holding this tier confers.
func (t Tier) TitleKind() TitleKind { return TitleKind(t) }

// ParseTier returns the tier named s, or a *ParseError.
func ParseTier(s string) (Tier, error) {
	t := Tier(s)
	if t.Rank() == 0 {
		names := make([]string, 0, 4)
		for _, t := range Tiers() {
			names = append(names, string(t))
		}
		return "", &ParseError{What: "tier", Input: s, Reason: "unknown tier (want one of " + strings.Join(names, ", ") + ")"}
	}
	return t, nil
}

// Status is a verdict: whether the enterprise qualifies for a tier.
type Status string

// The four verdicts. They are ordered by how settled they are: a failed condition settles the
// verdict even when other inputs are missing.
const (
	// Qualified: every condition is met on the data supplied.
	Qualified Status = "qualified"
	// NotQualified: at least one condition is not met, whatever the missing data turn out to be.
	NotQualified Status = "not_qualified"
	// NeedsData: nothing failed, but some inputs are missing; Verdict.Missing names them.
	NeedsData Status = "needs_data"
	// NeedsJudgement: every decidable condition is met and the rest can only be judged by the
	// authority (an unquantified condition, or an official score not supplied).
	NeedsJudgement Status = "needs_judgement"
)

// Title returns the status in both languages.
func (s Status) Title() Text {
	switch s {
	case Qualified:
		return Text{"符合", "qualified"}
	case NotQualified:
		return Text{"不符合", "not qualified"}
	case NeedsData:
		return Text{"待补充数据", "needs data"}
	case NeedsJudgement:
		return Text{"待官方评定", "needs official judgement"}
	}
	return Text{string(s), string(s)}
}

// Outcome is the result of one criterion.
type Outcome string

// Criterion outcomes.
const (
	Pass      Outcome = "pass"      // the condition holds
	Fail      Outcome = "fail"      // the condition does not hold
	Unknown   Outcome = "unknown"   // inputs are missing; Missing names them
	Judgement Outcome = "judgement" // only the authority can decide
	Exempt    Outcome = "exempt"    // the condition is waived by an exemption that holds
	Waived    Outcome = "waived"    // not needed: e.g. a score item when a direct-pass holds
	// Errored: the rule could not be evaluated on this profile (e.g. a division by a figure that
	// is zero); CriterionResult.Error says why. The verdict then needs a person's judgement.
	Errored Outcome = "error"
)
