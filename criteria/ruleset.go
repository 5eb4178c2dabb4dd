package criteria

import (
	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/engine"
)

// program is the compiled expression of a criterion or band, embedded under an unexported name
// so that go doc does not show it; package classify reaches it with engine.ProgramOf.
type program = engine.ProgramHandle

// Kind says how a criterion takes part in its rule set's verdict.
type Kind string

// Criterion kinds.
const (
	// Gate must hold (a basic condition, a prerequisite title, a threshold).
	Gate Kind = "gate"
	// Score awards the points of the first band whose condition holds.
	Score Kind = "score"
	// Direct is a direct-pass alternative: if any holds, the score requirement is met.
	Direct Kind = "direct"
	// Exemption waives the gate named by Exempts when it holds.
	Exemption Kind = "exemption"
	// Judgement is left to the authority unless its optional expression holds.
	Judgement Kind = "judgement"
)

// RuleSet is the compiled criteria of one tier, or of one local program, in one jurisdiction for
// one effective period. The catalog never modifies it once loaded, so it is safe for concurrent
// reads; its exported fields are the rules as data, and changing one changes only the catalog
// that holds it (every Default and classify.New has its own, see Catalog.Clone), never how the
// compiled expressions evaluate.
type RuleSet struct {
	ID string
	// Tier is the national tier the set judges; empty for a local program's set.
	Tier smetier.Tier
	// Program describes the local program a set without a tier judges (its Jurisdiction is the
	// set's). Do not modify it: it is shared by the catalog.
	Program *smetier.ProgramRef
	// Jurisdiction is "CN" for national rules or a 6-digit division code.
	Jurisdiction string
	Title        smetier.Text
	// Doc is the document number, e.g. 工信部企业〔2026〕2号; Source names the text and attachment.
	Doc    string
	Source smetier.Text
	URL    string
	// From and Until bound the period in force, both inclusive; Until nil is open-ended.
	From  smetier.Date
	Until *smetier.Date
	// Score is set when the set scores; Score.PassMark with part minimums, or any Direct criterion,
	// meets the score requirement.
	Score    *ScoreSpec
	Criteria []*Criterion
	// Application is "first" or "renewal" for a set that covers only first applications or only
	// renewals (复核); empty for both.
	Application string
	// Extends names the set whose criteria and score this one inherits; its own criteria replace
	// inherited ones with the same id and add the others.
	Extends string
	// HeldBy lists other titles that, valid on the date of judgement, count as holding this
	// set's tier, e.g. 科技型中小企业 for tier 1 under 工信部企业〔2026〕2号. The tier's own title
	// always counts.
	HeldBy []smetier.TitleKind
	// Notes records interpretation decisions and open questions, for people.
	Notes string
	// File is where the set was loaded from.
	File string
}

// ScoreSpec is how a scored set passes.
type ScoreSpec struct {
	PassMark int
	Parts    []Part
}

// Part is a scoring dimension with its minimum.
type Part struct {
	ID      string
	Title   smetier.Text
	Minimum int
}

// Criterion is one compiled condition.
type Criterion struct {
	ID    string
	Kind  Kind
	Title smetier.Text
	// Cite is the article or item in Doc, e.g. 附件1（三）; Citation() joins them.
	Cite string
	// Doc overrides the set's document for a criterion that comes from another text.
	Doc string
	// Expr is the CEL source; empty only for a Judgement with no decidable part, or a Score.
	Expr string
	// Exempts is the id of the gate an Exemption waives.
	Exempts string
	// Part is the score part (ScoreSpec.Parts) a Score item counts towards; empty for none.
	Part string
	// Bands are a Score item's bands in file order: the first whose When holds gives its points.
	Bands []*Band
	// Authority is set for a score item whose points only the authority awards (e.g. the 15
	// points of 地方特色指标 a province sets under 工信部企业〔2022〕63号 附件2): it has no bands,
	// and until a rule set that encodes the items replaces it, the item may add anything in the
	// range, which the verdict reports as left to official judgement.
	Authority *AuthorityPoints
	// Facts lists the facts the criterion looks at: those its expressions use, then Evidence.
	Facts []string

	program
	set      *RuleSet
	citation string
}

// Citation is the full citation: document number and article.
func (c *Criterion) Citation() string { return c.citation }

// Band is a score band: Points when When holds.
type Band struct {
	// When is the band's condition, as CEL source.
	When   string
	Points int
	// Label describes the band for people, e.g. {zh: 80%以上, en: "≥ 80%"}.
	Label smetier.Text

	program
}

// AuthorityPoints is the range of points an authority may award a score item.
type AuthorityPoints struct {
	Min, Max int
	// Label says who awards the points and for what, e.g. 由省级中小企业主管部门设定的地方特色指标.
	Label smetier.Text
}

// MaxPoints is the best band's points, or the top of an authority item's range.
func (c *Criterion) MaxPoints() int {
	if c.Authority != nil {
		return c.Authority.Max
	}
	m := 0
	for i, b := range c.Bands {
		if i == 0 || b.Points > m {
			m = b.Points
		}
	}
	return m
}

// Key is the set's tier name or program id: what its verdicts are about.
func (s *RuleSet) Key() string {
	if s.Program != nil {
		return s.Program.ID
	}
	return string(s.Tier)
}

// KeyTitle returns the name of the tier or program the set judges.
func (s *RuleSet) KeyTitle() smetier.Text {
	if s.Program != nil {
		return s.Program.Title
	}
	return s.Tier.Title()
}

// InForce reports whether the set is in force on d.
func (s *RuleSet) InForce(d smetier.Date) bool {
	return !d.Before(s.From) && (s.Until == nil || !d.After(*s.Until))
}

// Criterion returns the criterion with the given id, or nil.
func (s *RuleSet) Criterion(id string) *Criterion {
	for _, c := range s.Criteria {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Ref returns the reference to s used in reports.
func (s *RuleSet) Ref() *smetier.RuleSetRef {
	return &smetier.RuleSetRef{ID: s.ID, Title: s.Title, Jurisdiction: s.Jurisdiction, Source: s.Doc, From: s.From, Until: s.Until}
}
