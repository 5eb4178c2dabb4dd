package smetier

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// ErrInvalidProfile is matched (errors.Is) by every error Validate returns.
var ErrInvalidProfile = errors.New("invalid profile")

// FieldError reports one invalid field. Path is the field's JSON path, e.g. "years.2025.rd_expense".
type FieldError struct {
	Path string
	Msg  string
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Msg }

// ValidationError lists every invalid field of a profile. It matches ErrInvalidProfile.
type ValidationError struct {
	Fields []*FieldError
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("smetier: invalid profile: ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Error())
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalidProfile) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidProfile }

// regionCode reports whether s has the shape of an administrative division code, ^[1-8][0-9]{5}$.
// (Hand-written rather than a regexp: Validate runs on every classification.)
func regionCode(s string) bool {
	return len(s) == 6 && s[0] >= '1' && s[0] <= '8' && digits(s[1:])
}

// industryCode reports whether s has the shape of a GB/T 4754 code: a section letter A–T,
// optionally followed by a 2-, 3- or 4-digit division, group or class, ^[A-T]([0-9]{2,4})?$.
func industryCode(s string) bool {
	return len(s) >= 1 && len(s) != 2 && len(s) <= 5 && s[0] >= 'A' && s[0] <= 'T' && digits(s[1:])
}

// snakeCase reports whether s has the shape of a local program id, ^[a-z][a-z0-9_]*$.
func snakeCase(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Validate checks what can be checked without rules: formats (credit code, region, industry
// code, dates), signs of amounts, and figures that contradict each other. It returns nil or a
// *ValidationError listing every problem found, in field order.
func (p *Profile) Validate() error {
	var errs []*FieldError
	add := func(path, format string, args ...any) {
		errs = append(errs, &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
	}
	if p.CreditCode != "" {
		var pe *ParseError
		if err := ValidateCreditCode(p.CreditCode); errors.As(err, &pe) {
			add("credit_code", "%q: %s", pe.Input, pe.Reason)
		}
	}
	if p.Region != "" && !regionCode(p.Region) {
		if len(p.Region) == 6 && digits(p.Region) {
			add("region", "%q is not an administrative division code: no province %s0000 in mainland China", p.Region, p.Region[:2])
		} else {
			add("region", "%q is not a 6-digit administrative division code", p.Region)
		}
	}
	if p.Industry != "" && !industryCode(p.Industry) {
		add("industry", "%q is not a GB/T 4754 code (a section letter A–T and up to four digits, e.g. C3484)", p.Industry)
	}
	// Paths are built only for the errors: Validate runs on every classification, and almost
	// every profile it sees is valid.
	checkDate := func(path func(string) string, field string, d *Date) {
		if d != nil && !d.Valid() {
			add(path(field), "%v is not a calendar date", *d)
		}
	}
	top := func(f string) string { return f }
	checkDate(top, "established", p.Established)

	// Years are reported in order, but sorting them costs more than checking them: check in map
	// order first and sort only when some year has a problem to report.
	yearErrs := 0
	count := func(string, string, ...any) { yearErrs++ }
	for y, fy := range p.Years {
		checkYear(y, &fy, count)
	}
	if yearErrs > 0 {
		for _, y := range slices.Sorted(maps.Keys(p.Years)) {
			fy := p.Years[y]
			checkYear(y, &fy, add)
		}
	}
	for i, r := range p.IP {
		base := func(f string) string { return fmt.Sprintf("ip[%d].", i) + f }
		if r.Kind.Class() == 0 {
			add(base("kind"), "unknown IP kind %q", r.Kind)
		}
		checkDate(base, "granted", r.Granted)
		checkDate(base, "transferred_on", r.TransferredOn)
		if r.OwnerRank != nil && *r.OwnerRank < 1 {
			add(base("owner_rank"), "must be 1 or more")
		}
		if r.TransferredIn != nil && !*r.TransferredIn && r.TransferredOn != nil {
			add(base("transferred_on"), "set for a right that was not transferred in")
		}
	}
	for i, a := range p.Awards {
		base := func(f string) string { return fmt.Sprintf("awards[%d].", i) + f }
		switch a.Kind {
		case ScienceTechnologyAward, ChinaPatentAward, MakerChinaTop500, QualityAward, OtherAward:
		default:
			add(base("kind"), "unknown award kind %q", a.Kind)
		}
		if a.Level.Rank() == 0 {
			add(base("level"), "unknown level %q", a.Level)
		}
		if a.Year < 1949 || a.Year > 9999 {
			add(base("year"), "out of range: %d", a.Year)
		}
		if a.Rank != nil && *a.Rank < 1 {
			add(base("rank"), "must be 1 or more")
		}
	}
	for i, r := range p.RDInstitutions {
		if r.Level.Rank() == 0 {
			add(fmt.Sprintf("rd_institutions[%d].level", i), "unknown level %q", r.Level)
		}
	}
	for i, c := range p.Certifications {
		base := func(f string) string { return fmt.Sprintf("certifications[%d].", i) + f }
		switch c.Kind {
		case QualityManagementCert, ManagementSystemCert, DevelopedMarketCert, HighTechEnterprise, TechInnovationDemo, IPAdvantageEnterprise, IPDemonstrationEnterprise, OtherCert:
		default:
			add(base("kind"), "unknown certificate kind %q", c.Kind)
		}
		checkDate(base, "issued", c.Issued)
		checkDate(base, "expires", c.Expires)
		if c.Issued != nil && c.Expires != nil && c.Issued.Valid() && c.Expires.Valid() && c.Expires.Before(*c.Issued) {
			add(base("expires"), "before the issue date")
		}
	}
	for i, st := range p.Standards {
		base := func(f string) string { return fmt.Sprintf("standards[%d].", i) + f }
		switch st.Level {
		case InternationalStandard, NationalStandard, IndustryStandard, LocalStandard, GroupStandard:
		default:
			add(base("level"), "unknown standard level %q (an enterprise's own standard does not count)", st.Level)
		}
		if st.Year != 0 && (st.Year < 1949 || st.Year > 9999) {
			add(base("year"), "out of range: %d", st.Year)
		}
	}
	if p.DigitalLevel != nil && (*p.DigitalLevel < 1 || *p.DigitalLevel > 4) {
		add("digital_level", "must be 1–4, got %d", *p.DigitalLevel)
	}
	for i, f := range p.Financing {
		base := func(f string) string { return fmt.Sprintf("financing[%d].", i) + f }
		if !f.Date.Valid() {
			add(base("date"), "missing or not a calendar date")
		}
		if f.Amount < 0 {
			add(base("amount"), "must not be negative")
		}
	}
	if s := p.Segment; s != nil {
		checkDate(top, "segment.since", s.Since)
		if s.MarketSharePct != nil && (*s.MarketSharePct < 0 || *s.MarketSharePct > 100 || *s.MarketSharePct != *s.MarketSharePct) {
			add("segment.market_share_pct", "must be a percentage 0–100")
		}
		if s.NationalRank != nil && *s.NationalRank < 1 {
			add("segment.national_rank", "must be 1 or more")
		}
		if s.GlobalRank != nil && *s.GlobalRank < 1 {
			add("segment.global_rank", "must be 1 or more")
		}
		if s.ProvincialRank != nil && *s.ProvincialRank < 1 {
			add("segment.provincial_rank", "must be 1 or more")
		}
	}
	for i, t := range p.Titles {
		base := func(f string) string { return fmt.Sprintf("titles[%d].", i) + f }
		// A kind may also be a local program's id, which only the engine's catalog knows: here
		// its shape is checked, and the engine rejects a kind its catalog does not know.
		if !t.Kind.Builtin() && !snakeCase(string(t.Kind)) {
			add(base("kind"), "unknown title kind %q (a built-in kind such as little_giant, or a local program id: lower-case letters, digits and _)", t.Kind)
		}
		if t.Level != "" && t.Level.Rank() == 0 {
			add(base("level"), "unknown level %q", t.Level)
		}
		if !t.Issued.Valid() {
			add(base("issued"), "missing or not a calendar date")
		}
		checkDate(base, "expires", t.Expires)
		if t.Expires != nil && t.Expires.Before(t.Issued) {
			add(base("expires"), "before the issue date")
		}
	}
	if c := p.Compliance; c != nil {
		for i, in := range c.Incidents {
			base := func(f string) string { return fmt.Sprintf("compliance.incidents[%d].", i) + f }
			switch in.Kind {
			case SafetyIncident, QualityIncident, EnvironmentIncident, TaxEvasion, DataFraud:
			default:
				add(base("kind"), "unknown incident kind %q", in.Kind)
			}
			if !in.Date.Valid() {
				add(base("date"), "missing or not a calendar date")
			}
		}
	}
	badScore := func(s float64) bool { return s < 0 || s > 100 || s != s }
	for _, s := range p.EvaluationScores {
		if badScore(s) { // then report every bad score, in year order
			for _, y := range slices.Sorted(maps.Keys(p.EvaluationScores)) {
				if s := p.EvaluationScores[y]; badScore(s) {
					add(fmt.Sprintf("evaluation_scores.%d", y), "must be 0–100, got %v", s)
				}
			}
			break
		}
	}
	seenDecl := map[string]int{}
	for i, d := range p.Judgements {
		base := fmt.Sprintf("judgements[%d].", i)
		d.check(base, add)
		if j, dup := seenDecl[d.Criterion]; dup {
			add(base+"criterion", "%q is already declared by judgements[%d]", d.Criterion, j)
		} else {
			seenDecl[d.Criterion] = i
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Fields: errs}
}

// checkYear checks the figures of fiscal year y, reporting each problem to add.
func checkYear(y int, fy *FiscalYear, add func(path, format string, args ...any)) {
	base := func(f string) string { return fmt.Sprintf("years.%d.", y) + f }
	if y < 1949 || y > 9999 {
		add(fmt.Sprintf("years.%d", y), "fiscal year out of range")
	}
	for _, m := range []struct {
		name string
		v    *Money
	}{
		{"operating_revenue", fy.OperatingRevenue}, {"main_revenue", fy.MainRevenue},
		{"rd_expense", fy.RDExpense}, {"total_assets", fy.TotalAssets}, {"total_liabilities", fy.TotalLiabilities},
		{"product_revenue", fy.ProductRevenue},
	} {
		if m.v != nil && *m.v < 0 {
			add(base(m.name), "must not be negative, got %s", m.v)
		}
	}
	if fy.MainRevenue != nil && fy.OperatingRevenue != nil && *fy.MainRevenue > *fy.OperatingRevenue {
		add(base("main_revenue"), "main-business revenue %s exceeds operating revenue %s", fy.MainRevenue, fy.OperatingRevenue)
	}
	if fy.ProductRevenue != nil && fy.OperatingRevenue != nil && *fy.ProductRevenue > *fy.OperatingRevenue {
		add(base("product_revenue"), "main-product revenue %s exceeds operating revenue %s", fy.ProductRevenue, fy.OperatingRevenue)
	}
	if fy.Employees != nil && *fy.Employees < 0 {
		add(base("employees"), "must not be negative")
	}
	if fy.RDStaff != nil && *fy.RDStaff < 0 {
		add(base("rd_staff"), "must not be negative")
	}
	if fy.RDStaff != nil && fy.Employees != nil && *fy.RDStaff > *fy.Employees {
		add(base("rd_staff"), "R&D staff %d exceeds employees %d", *fy.RDStaff, *fy.Employees)
	}
}
