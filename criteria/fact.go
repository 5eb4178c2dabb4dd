package criteria

import (
	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/engine"
)

// FactType is the CEL type of a fact.
type FactType string

// Fact types.
const (
	Bool   FactType = "bool"
	Int    FactType = "int"
	Double FactType = "double"
	String FactType = "string"
)

// Fact is one named, typed value derived from a profile for an application year. Rule
// expressions see facts, not the raw profile: a fact fixes once, in code, what "上年度", "近2年",
// "I类知识产权 related to the main product" or "debt ratio" mean, so that every rule file uses the
// same reading and a missing input is named precisely.
//
// Money facts are doubles in 万元 (the unit the rules are written in), converted from exact fen;
// sums, averages and growth rates are computed exactly before that one conversion, so a figure
// that lands exactly on a threshold compares equal to it.
type Fact struct {
	// Name is the identifier used in rule expressions, e.g. "fy1.rd_ratio_pct".
	Name string
	Type FactType
	// Unit of the value: "万元", "%", "人", "年", "项", "分", "名", "级" or "".
	Unit  string
	Label smetier.Text
	// Yearly facts belong to the year (application year − YearOffset): fy1.* to 上年度, score.y0
	// to the application year itself.
	Yearly     bool
	YearOffset int
	// Official facts come from an authority: when missing, the criterion needs official judgement
	// rather than data from the enterprise.
	Official bool
	// Fixed facts describe the application, not the enterprise: a gap analysis never proposes to
	// change them.
	Fixed bool
}

// Facts returns the built-in fact vocabulary, sorted by name. A catalog's rules may also read
// the title facts of its local programs: see Catalog.Facts.
func Facts() []Fact { return publicFacts(engine.Facts()) }

// LookupFact returns the built-in fact called name.
func LookupFact(name string) (Fact, bool) {
	f, ok := engine.LookupFact(name)
	if !ok {
		return Fact{}, false
	}
	return publicFact(f), true
}

func publicFacts(fs []engine.Fact) []Fact {
	out := make([]Fact, len(fs))
	for i, f := range fs {
		out[i] = publicFact(f)
	}
	return out
}

func publicFact(f engine.Fact) Fact {
	return Fact{Name: f.Name, Type: FactType(f.Type), Unit: f.Unit, Label: f.Label, Yearly: f.Yearly,
		YearOffset: f.YearOffset, Official: f.Official, Fixed: f.Fixed}
}
