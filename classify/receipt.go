package classify

import (
	"github.com/smetier/smetier"
)

// receipt fills r.Receipt: what decided the report, and its digest. The input is rebuilt from
// the report itself (the rule sets applied, the verdicts answered for) so that the digest covers
// exactly what the report shows.
func (e *Engine) receipt(r *smetier.Report, p *smetier.Profile, c *call) error {
	in := smetier.ReceiptInput{
		Catalog:      e.cat.Version(),
		SizeStandard: r.Size.Standard,
		Region:       r.Region.Code,
		AsOf:         r.AsOf,
		Renewal:      r.Renewal,
		Profile:      p,
		Judgements:   c.declared,
		RuleSets:     []smetier.RuleSetPeriod{},
		Verdicts:     make([]string, 0, len(r.Verdicts)+len(r.Programs)),
	}
	// Tiers and local programs in ladder order (without programs, the tiers' own order).
	for _, v := range r.Rungs() {
		in.Verdicts = append(in.Verdicts, v.Key())
		if v.RuleSet != nil {
			in.RuleSets = append(in.RuleSets, smetier.RuleSetPeriod{ID: v.RuleSet.ID, From: v.RuleSet.From, Until: v.RuleSet.Until})
		}
	}
	d, err := in.Digest()
	if err != nil {
		return err
	}
	r.Receipt = &smetier.Receipt{Digest: d, Catalog: in.Catalog, RuleSets: in.RuleSets}
	return nil
}
