package smetier

import (
	"cmp"
	"slices"
	"strings"
)

// Report is the answer for one enterprise, place and date: the size class, one verdict per
// national tier asked for (every tier unless classify.Only narrows them; a tier with no rules in
// force there and then has a verdict with Covered false) and one per local program in force
// (or named by classify.Only).
type Report struct {
	// Enterprise and CreditCode repeat the profile's name and credit code, to label the report.
	Enterprise string `json:"enterprise,omitempty"`
	CreditCode string `json:"credit_code,omitempty"`
	// Region is the jurisdiction the rules were chosen for, with its parent chain.
	Region RegionRef `json:"region"`
	// AsOf is the date of judgement; ApplicationYear is its year, and 上年度 is the year before.
	AsOf            Date `json:"as_of"`
	ApplicationYear int  `json:"application_year"`
	Renewal         bool `json:"renewal,omitempty"`
	// Size is the SME size class, which gates every tier.
	Size SizeResult `json:"size"`
	// Verdicts has one entry per tier, in ladder order.
	Verdicts []Verdict `json:"verdicts"`
	// Programs has one entry per local program (a province's or city's own title, such as
	// 山东省瞪羚企业) in force for the place and date, in ladder order. Rungs interleaves them with
	// Verdicts.
	Programs []Verdict `json:"programs,omitempty"`
	// Ladder summarises the highest tier reached and what blocks the next one.
	Ladder *Ladder `json:"ladder,omitempty"`
	// NextQuestions ranks the inputs still missing by how much answering them could settle:
	// a portal asks for the first instead of showing every field. Empty when nothing is
	// missing. See Question for the measure.
	NextQuestions []Question `json:"next_questions,omitempty"`
	// Receipt names what decided the report (catalog, rule sets, date, place, profile) and
	// carries a digest of it that anyone holding the same input can recompute.
	Receipt *Receipt `json:"receipt,omitempty"`
}

// Verdict returns the verdict for tier t, or nil.
func (r *Report) Verdict(t Tier) *Verdict {
	for i := range r.Verdicts {
		if r.Verdicts[i].Tier == t {
			return &r.Verdicts[i]
		}
	}
	return nil
}

// ProgramVerdict returns the verdict for the local program with the given id, or nil.
func (r *Report) ProgramVerdict(id string) *Verdict {
	for i := range r.Programs {
		if p := r.Programs[i].Program; p != nil && p.ID == id {
			return &r.Programs[i]
		}
	}
	return nil
}

// Rungs returns every verdict, national tiers and local programs, in ladder order: the tiers
// lowest first, each local program directly above the tier its ProgramRef.After names (below
// the first tier when After is empty), programs above the same tier ordered provincial,
// municipal, district, then by id. The pointers point into r.
func (r *Report) Rungs() []*Verdict {
	out := make([]*Verdict, 0, len(r.Verdicts)+len(r.Programs))
	for i := range r.Verdicts {
		out = append(out, &r.Verdicts[i])
	}
	for i := range r.Programs {
		out = append(out, &r.Programs[i])
	}
	if len(r.Programs) > 0 {
		slices.SortStableFunc(out, CompareRungs)
	}
	return out
}

// CompareRungs orders two verdicts by their place on the ladder (see Report.Rungs); it returns
// a negative number when a is below b, 0 when they share a place, positive otherwise.
func CompareRungs(a, b *Verdict) int {
	return compareRungs(a.Tier, a.Program, b.Tier, b.Program)
}

// CompareProgramRefs orders two local programs by their place on the ladder, as Rungs does.
func CompareProgramRefs(a, b *ProgramRef) int { return compareRungs("", a, "", b) }

func compareRungs(at Tier, ap *ProgramRef, bt Tier, bp *ProgramRef) int {
	// A tier of rank r sits at 2r; a program above the tier of rank r (0: none) at 2r+1.
	pos := func(t Tier, p *ProgramRef) int {
		if p != nil {
			return 2*p.After.Rank() + 1
		}
		return 2 * t.Rank()
	}
	if c := cmp.Compare(pos(at, ap), pos(bt, bp)); c != 0 || ap == nil || bp == nil {
		return c
	}
	// Higher administrative levels first: provincial, municipal, district.
	if c := cmp.Compare(bp.Level.Rank(), ap.Level.Rank()); c != 0 {
		return c
	}
	return strings.Compare(ap.ID, bp.ID)
}

// ProgramRef identifies a local program: a title a province, city or district awards by its
// own rules, beside the national ladder (山东省瞪羚企业, 浙江省隐形冠军, a city's 培育库). Its ID is
// also a title kind: a profile lists a program title it holds as Title{Kind: TitleKind(ID)}.
type ProgramRef struct {
	// ID is stable across years, e.g. "sd_gazelle".
	ID    string `json:"id"`
	Title Text   `json:"title"`
	// Level is the level of the awarding authority: Provincial, Municipal or District.
	Level Level `json:"level"`
	// After is the national tier the program sits directly above on the ladder; empty when it
	// sits below the first tier.
	After Tier `json:"after,omitempty"`
	// Jurisdiction is the division code of the rule set in force (the program applies in all
	// of that division).
	Jurisdiction string `json:"jurisdiction"`
}

// RegionRef names a jurisdiction and its parent chain, most specific first, ending at "CN".
type RegionRef struct {
	Code  string   `json:"code"`
	Name  Text     `json:"name"`
	Chain []string `json:"chain"`
}

// SizeClass is a class of the SME size standard.
type SizeClass string

// Size classes.
const (
	Large  SizeClass = "large"
	Medium SizeClass = "medium"
	Small  SizeClass = "small"
	Micro  SizeClass = "micro"
)

// SizeResult is the enterprise's class under the SME size standard in force.
type SizeResult struct {
	// Class is empty when it cannot be decided; SME may still be decided (e.g. 800 employees in
	// industry is an SME whatever the revenue).
	Class SizeClass `json:"class,omitempty"`
	// SME is nil when undecided.
	SME   *bool  `json:"sme,omitempty"`
	Group string `json:"group,omitempty"`
	// GroupTitle names the industry group, e.g. 工业.
	GroupTitle Text   `json:"group_title"`
	Standard   string `json:"standard"`
	Citation   string `json:"citation"`
	// FiscalYear is the year whose figures were used.
	FiscalYear int     `json:"fiscal_year"`
	Missing    []Input `json:"missing,omitempty"`
}

// Verdict is the answer for one tier or local program, with every criterion that led to it.
type Verdict struct {
	// Tier is the national tier judged; empty for a local program, which Program names.
	Tier Tier `json:"tier"`
	// TierTitle is the tier's name, or the program's.
	TierTitle Text `json:"tier_title"`
	// Program is set for the verdict of a local program.
	Program *ProgramRef `json:"program,omitempty"`
	Status  Status      `json:"status,omitempty"`
	// Covered is false when no rule set for this tier (or program) is in force for the place and
	// date; Status is then empty and nothing else is filled.
	Covered bool        `json:"covered"`
	RuleSet *RuleSetRef `json:"rule_set,omitempty"`
	// Held is set when the enterprise holds a title for this tier or program valid on the as-of
	// date.
	Held *Title `json:"held,omitempty"`
	// Criteria lists every criterion of the rule set with its outcome, in rule-file order.
	Criteria []CriterionResult `json:"criteria,omitempty"`
	// Score is set for rule sets that score.
	Score *ScoreResult `json:"score,omitempty"`
	// Missing is every input that would help decide an undecided criterion, deduplicated.
	Missing []Input `json:"missing,omitempty"`
	// Judgement lists the ids of criteria left to the authority.
	Judgement []string `json:"judgement,omitempty"`
	// Failed lists the ids of criteria that failed.
	Failed []string `json:"failed,omitempty"`
	// Errors lists the ids of criteria whose rule could not be evaluated on this profile (outcome
	// Errored). A verdict that depends on one is at best NeedsJudgement.
	Errors []string `json:"errors,omitempty"`
	// SelfDeclared lists the criteria settled by the enterprise's own declarations (profile
	// judgements with by "self") that the status rests on. Provisional is true when the status
	// is qualified or not_qualified and rests on any of them: the verdict holds only if the
	// authority decides those criteria as declared. A verdict settled by data and the
	// authority's declarations alone is final and has neither.
	SelfDeclared []string `json:"self_declared,omitempty"`
	Provisional  bool     `json:"provisional,omitempty"`
	// Plan is the way up for a scored set whose score does not pass yet.
	Plan *ScorePlan `json:"plan,omitempty"`
}

// Key names what the verdict is about: the tier's name, or the local program's id.
func (v *Verdict) Key() string {
	if v.Program != nil {
		return v.Program.ID
	}
	return string(v.Tier)
}

// Criterion returns the result of the criterion with the given id, or nil.
func (v *Verdict) Criterion(id string) *CriterionResult {
	for i := range v.Criteria {
		if v.Criteria[i].ID == id {
			return &v.Criteria[i]
		}
	}
	return nil
}

// RuleSetRef identifies the rule set a verdict was reached under.
type RuleSetRef struct {
	// ID is the rule set's id in the catalog (criteria.Catalog.Set), e.g. "cn-2026-little-giant".
	ID    string `json:"id"`
	Title Text   `json:"title"`
	// Jurisdiction is the division code the set is written for ("CN" for national rules).
	Jurisdiction string `json:"jurisdiction"`
	// Source is the document the set implements, e.g. "工信部企业〔2026〕2号".
	Source string `json:"source"`
	// From and Until bound the period in force, both days included; Until is nil when open.
	From  Date  `json:"from"`
	Until *Date `json:"until,omitempty"`
}

// CriterionResult explains one criterion.
type CriterionResult struct {
	// ID is the criterion's id in its rule set, e.g. "rd.ratio".
	ID string `json:"id"`
	// Kind is the criterion's kind in the rule file (criteria.Kind): gate, score, direct,
	// exemption or judgement.
	Kind  string `json:"kind"`
	Title Text   `json:"title"`
	// Citation is the legal source: the document and its article.
	Citation string  `json:"citation"`
	Outcome  Outcome `json:"outcome"`
	// Expr is the CEL expression as written in the rule file.
	Expr string `json:"expr,omitempty"`
	// Observed lists the facts the criterion looks at, with their values.
	Observed []Observation `json:"observed,omitempty"`
	// Missing names the inputs whose absence leaves the criterion undecided.
	Missing []Input `json:"missing,omitempty"`
	// ExemptBy names the exemption criterion that waived this one.
	ExemptBy string `json:"exempt_by,omitempty"`
	// Part, Points and Band are set for score items.
	Part   string `json:"part,omitempty"`
	Points *int   `json:"points,omitempty"`
	Band   *Text  `json:"band,omitempty"`
	// MaxPoints is the best band's points; for an undecided score item, Points is nil and the
	// item may add anything from MinPoints to MaxPoints.
	MinPoints int `json:"min_points,omitempty"`
	MaxPoints int `json:"max_points,omitempty"`
	// Error says, for the outcome Errored, which rule failed and how.
	Error string `json:"error,omitempty"`
	// Declared is the declaration (profile judgement or call option) that settled a judgement
	// criterion or an authority score item.
	Declared *Declaration `json:"declared,omitempty"`
	// Message says in both languages what the outcome means for this criterion.
	Message Text `json:"message"`
	// Gaps says what would close a failed or undecided criterion.
	Gaps []Gap `json:"gaps,omitempty"`
}

// Observation is one fact a criterion looked at.
type Observation struct {
	// Fact is the fact's name in rule expressions, e.g. "fy1.rd_ratio_pct".
	Fact  string `json:"fact"`
	Label Text   `json:"label"`
	// Known is false when the fact could not be computed; Value is then nil.
	Known bool `json:"known"`
	Value any  `json:"value,omitempty"`
	// Unit is the unit of Value: "万元", "%", "人", "年", "项", "分" or empty.
	Unit string `json:"unit,omitempty"`
	// FiscalYear is the year the value belongs to, when it belongs to one.
	FiscalYear int `json:"fiscal_year,omitempty"`
	// Display is the value formatted for a person in each language, e.g. "1,234.56万元" and
	// "¥12,345,600"; a figure rounded for display is marked "≈" (≈14.08%).
	Display Text `json:"display"`
}

// Input names a profile field that is missing.
type Input struct {
	// Path is the field's JSON path in the profile, e.g. "years.2025.rd_expense". Points that
	// only an authority awards, which no profile field holds, are "authority:" and the score
	// item's id, e.g. "authority:feature.provincial".
	Path  string `json:"path"`
	Label Text   `json:"label"`
	// Official is true when the value comes from an authority (e.g. the platform score): the
	// enterprise cannot produce it by itself.
	Official bool `json:"official,omitempty"`
}

// ScoreResult is the outcome of a scored rule set.
type ScoreResult struct {
	// Total is the points of the decided items; Max adds the best case of undecided ones.
	Total int `json:"total"`
	Max   int `json:"max"`
	// PassMark is the minimum total.
	PassMark int         `json:"pass_mark"`
	Parts    []PartScore `json:"parts,omitempty"`
	// Outcome is Pass, Fail, Unknown, Judgement, Errored (an item's rule could not be evaluated)
	// or Waived (a direct-pass criterion holds).
	Outcome Outcome `json:"outcome"`
	// DirectPass lists the direct-pass criteria that hold.
	DirectPass []string `json:"direct_pass,omitempty"`
	// Note says why a score that is neither passed nor failed is open: the range it may end in
	// against the pass mark, and every item still open with its points range and whether the
	// authority (e.g. the 15 points of 地方特色指标 a province sets) or missing data leaves it
	// open. Nil when the score is decided.
	Note *Text `json:"note,omitempty"`
}

// PartScore is one part (dimension) of a score, with its minimum.
type PartScore struct {
	ID    string `json:"id"`
	Title Text   `json:"title"`
	// Total is the points of the part's decided items (and the least the undecided ones can
	// give); Max adds the most the undecided ones can give. The part fails when Max is below
	// Minimum and passes when Total reaches it.
	Total   int `json:"total"`
	Max     int `json:"max"`
	Minimum int `json:"minimum,omitempty"`
}
