package wire

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/region"
)

// Catalog is the listing of rule sets that `smetier rules` prints and GET /v1/rules returns.
type Catalog struct {
	// Region and AsOf are set when the listing was selected for a place and date.
	Region *smetier.RegionRef `json:"region,omitempty"`
	AsOf   *smetier.Date      `json:"as_of,omitempty"`
	// Renewal is set when the listing was selected for a renewal (复核) rather than a first
	// application.
	Renewal       bool           `json:"renewal,omitempty"`
	RuleSets      []RuleSet      `json:"rule_sets"`
	SizeStandards []SizeStandard `json:"size_standards"`
}

// IDs returns the ids of the listed rule sets, in listing order.
func (c *Catalog) IDs() []string {
	out := make([]string, 0, len(c.RuleSets))
	for _, s := range c.RuleSets {
		out = append(out, s.ID)
	}
	return out
}

// RuleSet describes one rule set and its criteria.
type RuleSet struct {
	ID        string       `json:"id"`
	Tier      smetier.Tier `json:"tier"`
	TierTitle smetier.Text `json:"tier_title"`
	// Program is set for a local program's rule set (Tier is then empty; TierTitle is the
	// program's title).
	Program      *smetier.ProgramRef `json:"program,omitempty"`
	Jurisdiction string              `json:"jurisdiction"`
	Place        smetier.Text        `json:"jurisdiction_name"`
	Title        smetier.Text        `json:"title"`
	Doc          string              `json:"doc"`
	Source       smetier.Text        `json:"source"`
	URL          string              `json:"url,omitempty"`
	From         smetier.Date        `json:"from"`
	Until        *smetier.Date       `json:"until,omitempty"`
	Score        *Score              `json:"score,omitempty"`
	Criteria     []Criterion         `json:"criteria"`
}

// Score is how a scored rule set passes.
type Score struct {
	PassMark int    `json:"pass_mark"`
	Parts    []Part `json:"parts,omitempty"`
}

// Part is a scoring dimension.
type Part struct {
	ID      string       `json:"id"`
	Title   smetier.Text `json:"title"`
	Minimum int          `json:"minimum,omitempty"`
}

// Criterion describes one criterion with its citation.
type Criterion struct {
	ID       string       `json:"id"`
	Kind     string       `json:"kind"`
	Title    smetier.Text `json:"title"`
	Citation string       `json:"citation"`
	Expr     string       `json:"expr,omitempty"`
	Exempts  string       `json:"exempts,omitempty"`
	Part     string       `json:"part,omitempty"`
	Bands    []Band       `json:"bands,omitempty"`
	// Authority is the range of points only the authority awards, for a score item without bands.
	Authority *Authority `json:"authority,omitempty"`
	Facts     []string   `json:"facts,omitempty"`
}

// Authority is the range of points an authority may award a score item.
type Authority struct {
	Min   int          `json:"min"`
	Max   int          `json:"max"`
	Label smetier.Text `json:"label"`
}

// Band is one band of a score item.
type Band struct {
	When   string       `json:"when"`
	Points int          `json:"points"`
	Label  smetier.Text `json:"label"`
}

// SizeStandard describes an SME size standard.
type SizeStandard struct {
	ID    string        `json:"id"`
	Title smetier.Text  `json:"title"`
	Doc   string        `json:"doc"`
	From  smetier.Date  `json:"from"`
	Until *smetier.Date `json:"until,omitempty"`
}

// RulesQuery selects rule sets. With Region, the listing is what a classification there on
// AsOf (default: Today) would use: per tier, the set of the most specific jurisdiction in force,
// for a first application or, with Renewal, a renewal. With AsOf alone, every set in force on
// that date. With neither, every set. Tier, when set, keeps only that tier.
type RulesQuery struct {
	Region string
	AsOf   smetier.Date
	// Tier keeps only the sets of this tier, or of the local program with this id.
	Tier    smetier.Tier
	Renewal bool
	// Now gives the default date; nil is time.Now.
	Now func() time.Time
}

// Rules lists the rule sets of cat that q selects. Its only error is an unknown region
// (region.ErrUnknownRegion).
func Rules(cat *criteria.Catalog, q RulesQuery) (*Catalog, error) {
	out := &Catalog{RuleSets: []RuleSet{}, SizeStandards: []SizeStandard{}}
	keepTier := func(key string) bool { return q.Tier == "" || string(q.Tier) == key }
	asOf := q.AsOf
	if q.Region != "" {
		reg, err := region.Lookup(q.Region)
		if err != nil {
			return nil, err
		}
		if asOf.IsZero() {
			now := time.Now
			if q.Now != nil {
				now = q.Now
			}
			asOf = smetier.Today(now())
		}
		ref := reg.Ref()
		out.Region, out.Renewal = &ref, q.Renewal
		for _, t := range smetier.Tiers() {
			if !keepTier(string(t)) {
				continue
			}
			if s := cat.SelectApplication(reg.Chain(), t, asOf, q.Renewal); s != nil {
				out.RuleSets = append(out.RuleSets, ruleSet(s))
			}
		}
		// Then the local programs in force there, in ladder order.
		for _, s := range cat.SelectPrograms(reg.Chain(), asOf, q.Renewal) {
			if keepTier(s.Key()) {
				out.RuleSets = append(out.RuleSets, ruleSet(s))
			}
		}
	} else {
		for _, s := range cat.Sets() {
			if keepTier(s.Key()) && (asOf.IsZero() || s.InForce(asOf)) {
				out.RuleSets = append(out.RuleSets, ruleSet(s))
			}
		}
	}
	if !asOf.IsZero() {
		out.AsOf = &asOf
		if std := cat.SizeStandard(asOf); std != nil {
			out.SizeStandards = append(out.SizeStandards, sizeStandard(std))
		}
	} else {
		for _, std := range cat.SizeStandards() {
			out.SizeStandards = append(out.SizeStandards, sizeStandard(std))
		}
	}
	return out, nil
}

func placeName(code string) smetier.Text {
	if r, err := region.Lookup(code); err == nil {
		return r.Name
	}
	return smetier.Text{Zh: code, En: code}
}

func ruleSet(s *criteria.RuleSet) RuleSet {
	v := RuleSet{ID: s.ID, Tier: s.Tier, TierTitle: s.KeyTitle(), Jurisdiction: s.Jurisdiction, Place: placeName(s.Jurisdiction),
		Title: s.Title, Doc: s.Doc, Source: s.Source, URL: s.URL, From: s.From, Until: s.Until, Criteria: []Criterion{}}
	if s.Program != nil {
		p := *s.Program // a copy: the listing is the caller's to modify
		v.Program = &p
	}
	if s.Score != nil {
		v.Score = &Score{PassMark: s.Score.PassMark}
		for _, p := range s.Score.Parts {
			v.Score.Parts = append(v.Score.Parts, Part{ID: p.ID, Title: p.Title, Minimum: p.Minimum})
		}
	}
	for _, c := range s.Criteria {
		cv := Criterion{ID: c.ID, Kind: string(c.Kind), Title: c.Title, Citation: c.Citation(), Expr: c.Expr,
			Exempts: c.Exempts, Part: c.Part, Facts: c.Facts}
		for _, b := range c.Bands {
			cv.Bands = append(cv.Bands, Band{When: b.When, Points: b.Points, Label: b.Label})
		}
		if a := c.Authority; a != nil {
			cv.Authority = &Authority{Min: a.Min, Max: a.Max, Label: a.Label}
		}
		v.Criteria = append(v.Criteria, cv)
	}
	return v
}

func sizeStandard(s *criteria.SizeStandard) SizeStandard {
	return SizeStandard{ID: s.ID, Title: s.Title, Doc: s.Doc, From: s.From, Until: s.Until}
}

// WriteText writes the listing for a person, in lang ("zh" or "en").
func (c *Catalog) WriteText(w io.Writer, lang string) error {
	var b strings.Builder
	zh := lang != "en"
	pick := func(t smetier.Text) string { return t.In(lang) }
	if c.Region != nil || c.AsOf != nil {
		var head []string
		if zh {
			head = append(head, "适用规则")
		} else {
			head = append(head, "Rules for")
		}
		if c.Region != nil {
			head = append(head, pick(c.Region.Name), c.Region.Code)
		}
		if c.AsOf != nil {
			head = append(head, c.AsOf.String())
		}
		if c.Renewal {
			head = append(head, map[bool]string{true: "（复核）", false: "(renewal)"}[zh])
		}
		b.WriteString(strings.Join(head, " ") + "\n\n")
	}
	if len(c.RuleSets) == 0 {
		b.WriteString(map[bool]string{true: "没有适用的规则集\n", false: "no rule set\n"}[zh])
	}
	for i, s := range c.RuleSets {
		if i > 0 {
			b.WriteString("\n")
		}
		until := ""
		if s.Until != nil {
			until = s.Until.String()
		}
		fmt.Fprintf(&b, "%s — %s\n", s.ID, pick(s.Title))
		if zh {
			level := "层级 " + pick(s.TierTitle)
			if p := s.Program; p != nil {
				level = "地方项目 " + pick(s.TierTitle) + "（" + programPlace(p, true) + "）"
			}
			fmt.Fprintf(&b, "  %s · 地区 %s %s · 有效期 %s – %s\n  依据 %s\n", level, pick(s.Place), s.Jurisdiction, s.From, until, s.Doc)
		} else {
			level := "tier " + pick(s.TierTitle)
			if p := s.Program; p != nil {
				level = "local program " + pick(s.TierTitle) + " (" + programPlace(p, false) + ")"
			}
			fmt.Fprintf(&b, "  %s · jurisdiction %s %s · in force %s – %s\n  source %s\n", level, pick(s.Place), s.Jurisdiction, s.From, until, s.Doc)
		}
		if s.Score != nil {
			fmt.Fprintf(&b, "  %s %d\n", map[bool]string{true: "评分合格线", false: "pass mark"}[zh], s.Score.PassMark)
		}
		for _, cr := range s.Criteria {
			fmt.Fprintf(&b, "  %-28s %-9s %s — %s\n", cr.ID, cr.Kind, pick(cr.Title), cr.Citation)
		}
	}
	for _, s := range c.SizeStandards {
		until := ""
		if s.Until != nil {
			until = s.Until.String()
		}
		if zh {
			fmt.Fprintf(&b, "\n划型标准 %s — %s · %s · 有效期 %s – %s\n", s.ID, pick(s.Title), s.Doc, s.From, until)
		} else {
			fmt.Fprintf(&b, "\nsize standard %s — %s · %s · in force %s – %s\n", s.ID, pick(s.Title), s.Doc, s.From, until)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// programPlace says a program's id, level and place on the ladder.
func programPlace(p *smetier.ProgramRef, zh bool) string {
	level := map[smetier.Level]smetier.Text{smetier.Provincial: {Zh: "省级", En: "provincial"},
		smetier.Municipal: {Zh: "市级", En: "municipal"}, smetier.District: {Zh: "区县级", En: "district"}}[p.Level]
	if zh {
		above := "位于第一层级之下"
		if p.After != "" {
			above = "位于" + p.After.Title().Zh + "之上"
		}
		return p.ID + "，" + level.Zh + "，" + above
	}
	above := "below the first tier"
	if p.After != "" {
		above = "above " + p.After.Title().En
	}
	return p.ID + ", " + level.En + ", " + above
}
