package engine_test

import (
	"testing"

	"github.com/smetier/smetier"
)

func TestLocalFacts(t *testing.T) {
	d := func(s string) *smetier.Date { return new(smetier.MustDate(s)) }
	patent := func(kind smetier.IPKind, granted *smetier.Date, transferred bool) smetier.IPRight {
		return smetier.IPRight{Number: "ZL1", Kind: kind, Granted: granted, TransferredIn: &transferred}
	}
	ips := func(rs ...smetier.IPRight) *smetier.Profile {
		return &smetier.Profile{IP: append([]smetier.IPRight{}, rs...)}
	}
	est := func(s string) *smetier.Profile { return &smetier.Profile{Established: d(s)} }
	// asOf is 2026-06-01 (facts_test.go).
	runFactCases(t, []factCase{
		{name: "inventions: none listed", p: ips(), fact: "ip.invention", want: int64(0)},
		{name: "inventions: no IP list", p: &smetier.Profile{}, fact: "ip.invention", missing: []string{"ip"}},
		{name: "inventions: invention and defence patents count, a transferred one too",
			p: ips(patent(smetier.InventionPatent, d("2020-01-01"), false), patent(smetier.DefensePatent, d("2021-01-01"), false),
				patent(smetier.InventionPatent, d("2026-05-01"), true)), fact: "ip.invention", want: int64(3)},
		{name: "inventions: other class-I kinds and utility models do not",
			p:    ips(patent(smetier.ICLayout, d("2020-01-01"), false), patent(smetier.UtilityModel, d("2020-01-01"), false)),
			fact: "ip.invention", want: int64(0)},
		{name: "inventions: granted on the as-of date counts, the day after does not",
			p:    ips(patent(smetier.InventionPatent, d("2026-06-01"), false), patent(smetier.InventionPatent, d("2026-06-02"), false)),
			fact: "ip.invention", want: int64(1)},
		{name: "inventions: a grant date is needed", p: ips(patent(smetier.InventionPatent, nil, false)), fact: "ip.invention", missing: []string{"ip[0].granted"}},
		// The as-of day counts whole: a firm established on 2016-06-02 has ten full years at the end of 2026-06-01.
		{name: "years: established 2016-06-02, ten full years by the end of the as-of day", p: est("2016-06-02"), fact: "ent.years", want: int64(10)},
		{name: "years: established 2016-06-03, one day short", p: est("2016-06-03"), fact: "ent.years", want: int64(9)},
		{name: "years: established after the as-of date", p: est("2027-01-01"), fact: "ent.years", want: int64(0)},
		{name: "years: no date of establishment", p: &smetier.Profile{}, fact: "ent.years", missing: []string{"established"}},
	})
}
