package engine

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/smetier/smetier"
)

// Gap analysis keeps its options as indices into a per-observer scratch (gapWork) rather than
// as slices of gaps. The plain version it replaced is kept here as the oracle: for every
// expression of the built-in rule files and a few and/or/not/ternary/opaque shapes (a product
// past maxOptions, dominated and duplicate options), alone and with others as a gate's
// exemptions, on the test profiles and on random profiles with missing inputs, AppendGaps must
// give exactly the oracle's options flattened, and GapOptions the oracle's options.
func TestGapsMatchOracle(t *testing.T) {
	env, progs := builtinPrograms(t)
	for _, src := range []string{
		"fy1.operating_revenue >= 50000 || fy1.rd_expense >= 2000 || (fy1.employees >= 10 && fy1.rd_expense >= 2000)",
		"fy1.rd_expense >= 9000 || fy1.rd_expense >= 9000 || (fy1.rd_expense >= 9000 && fy1.rd_expense >= 9000)",
		"(fy1.operating_revenue >= 90000 || segment.national_rank <= 1) && (fy2.rd_expense >= 8000 || ip.class1 >= 60) && (fy3.rd_expense >= 8000 || fy1.employees < 3) && (digital.level >= 9 || fy2.employees < 2)",
		"fy1.employees >= 100 ? fy1.rd_expense >= 9000 : fy1.rd_expense >= 100",
		"!(fy1.employees > 10 || segment.market_share_pct >= 1.0) && !size.sme",
		"fy1.rd_expense / 2.0 > fy1.operating_revenue || fy1.employees >= 100000",
		"segment.years >= 40 && fy1.rd_ratio_pct > 90",
		"ip.class1_main >= 90 || award.national_st_top3_3y",
		"revenue.cagr_2y_pct > 70 && rd.sum_2y >= 90000 && digital.level >= 4",
	} {
		p, err := env.Compile(src, 10_000)
		if err != nil {
			t.Fatal(src, err)
		}
		progs = append(progs, p)
	}
	cat := &Catalog{Env: env, SizeStandard: func(smetier.Date) Sizer { return testSizer{} }}
	var profiles []*smetier.Profile
	for _, pattern := range []string{"../../testdata/profiles/*.json", "../../testdata/profiles/places/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var p smetier.Profile
			if err := json.Unmarshal(data, &p); err != nil {
				t.Fatal(err)
			}
			profiles = append(profiles, &p)
		}
	}
	if len(profiles) < 7 {
		t.Fatalf("%d profiles", len(profiles))
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 60 {
		profiles = append(profiles, randomProfile(r))
	}
	checked, grouped := 0, 0
	for n, prof := range profiles {
		for _, asOf := range []smetier.Date{smetier.MustDate("2025-06-15"), smetier.MustDate("2026-06-15")} {
			o := cat.Observer(prof, asOf, n%3 == 0)
			for k, p := range progs {
				want := oracleGapOptions(o, p)
				if got := o.GapOptions(p); !reflect.DeepEqual(got, want) {
					t.Fatalf("%q on profile %d: GapOptions\n got %+v\nwant %+v", p.Source, n, got, want)
				}
				// The next two expressions stand for the gate's exemptions.
				alts := []*Program{progs[(k+1)%len(progs)], progs[(k+2)%len(progs)]}
				for _, a := range alts {
					want = append(want, oracleGapOptions(o, a)...)
				}
				wantGaps := Flatten("c", want)
				if got := o.AppendGaps(nil, "c", p, alts); !reflect.DeepEqual(got, wantGaps) {
					t.Fatalf("%q on profile %d: AppendGaps\n got %+v\nwant %+v", p.Source, n, got, wantGaps)
				}
				if got := o.Gaps("c", p); !reflect.DeepEqual(got, Flatten("c", oracleGapOptions(o, p))) {
					t.Fatalf("%q on profile %d: Gaps\n got %+v", p.Source, n, got)
				}
				checked += len(wantGaps)
				if len(want) > 1 {
					grouped++
				}
			}
			o.Release()
		}
	}
	if checked < 10000 || grouped < 1000 {
		t.Errorf("only %d gaps compared, %d criteria with options", checked, grouped)
	}
}

// The oracle: options as slices of gaps, minimal by sets of string keys.

type oracleOption []smetier.Gap

func oracleGapOptions(o *Observer, p *Program) [][]smetier.Gap {
	if p == nil {
		return nil
	}
	opts := oracleWalk(o, p.shape, true, p.Source)
	for _, op := range opts {
		if len(op) == 0 {
			return nil
		}
	}
	out := make([][]smetier.Gap, 0, len(opts))
	for _, op := range oracleMinimal(opts) {
		out = append(out, op)
	}
	return out
}

func oracleWalk(o *Observer, s *Shape, want bool, src string) []oracleOption {
	switch s.Kind {
	case Const:
		if s.Bool == want {
			return []oracleOption{{}}
		}
		return nil
	case BoolFact:
		v := o.get(s.Fact)
		if v.missing != nil {
			return []oracleOption{oracleProvide(v.missing)}
		}
		if v.b == want {
			return []oracleOption{{}}
		}
		if o.voc.fact(s.Fact).Fixed {
			return nil
		}
		return []oracleOption{{oracleBoolGap(o, s.Fact, want)}}
	case Compare:
		v := o.get(s.Fact)
		if v.missing != nil {
			return []oracleOption{oracleProvide(v.missing)}
		}
		cur := v.number()
		if compare(cur, s.Op, s.Value) == want {
			return []oracleOption{{}}
		}
		op := s.Op
		if !want {
			op = negate(op)
		}
		return []oracleOption{{oracleNumberGap(o, s.Fact, op, s.Value, cur)}}
	case Not:
		return oracleWalk(o, s.Children[0], !want, src)
	case And, Or:
		if (s.Kind == And) == want {
			acc := []oracleOption{{}}
			for _, c := range s.Children {
				acc = oracleProduct(acc, oracleWalk(o, c, want, src))
			}
			return acc
		}
		var acc []oracleOption
		for _, c := range s.Children {
			opts := oracleWalk(o, c, want, src)
			for _, op := range opts {
				if len(op) == 0 {
					return []oracleOption{{}}
				}
			}
			acc = append(acc, opts...)
		}
		return acc
	case Cond:
		switch o.truth(s.Children[0]) {
		case True:
			return oracleWalk(o, s.Children[1], want, src)
		case False:
			return oracleWalk(o, s.Children[2], want, src)
		}
		return append(oracleWalk(o, s.Children[1], want, src), oracleWalk(o, s.Children[2], want, src)...)
	}
	return []oracleOption{{{Kind: smetier.Review, Size: 1, Message: smetier.Text{
		Zh: "需满足条件：" + src, En: "the condition must hold: " + src}}}}
}

func oracleProduct(a, b []oracleOption) []oracleOption {
	var out []oracleOption
	for _, x := range a {
		for _, y := range b {
			if len(out) == maxOptions {
				return out
			}
			op := make(oracleOption, 0, len(x)+len(y))
			op = append(append(op, x...), y...)
			out = append(out, op)
		}
	}
	return out
}

func oracleMinimal(opts []oracleOption) []oracleOption {
	key := func(g smetier.Gap) string { return g.Fact + "|" + g.Input + "|" + string(g.Kind) + "|" + g.Message.En }
	sets := make([]map[string]bool, len(opts))
	for i, op := range opts {
		sets[i] = map[string]bool{}
		for _, g := range op {
			sets[i][key(g)] = true
		}
	}
	var out []oracleOption
	for i, op := range opts {
		dominated := false
		for j := range opts {
			if i == j {
				continue
			}
			sub := len(sets[j]) <= len(sets[i])
			for k := range sets[j] {
				if !sets[i][k] {
					sub = false
					break
				}
			}
			if sub && (len(sets[j]) < len(sets[i]) || j < i) {
				dominated = true
				break
			}
		}
		if !dominated {
			seen := map[string]bool{}
			var d oracleOption
			for _, g := range op {
				if k := key(g); !seen[k] {
					seen[k] = true
					d = append(d, g)
				}
			}
			out = append(out, d)
		}
	}
	return out
}

func oracleProvide(missing []smetier.Input) oracleOption {
	var op oracleOption
	for _, in := range missing {
		op = append(op, smetier.Gap{Kind: smetier.Provide, Input: in.Path, Official: in.Official, Size: 1,
			Message: smetier.Text{Zh: "需提供：" + in.Label.Zh, En: "provide " + in.Label.En}})
	}
	return op
}

// GapOptions returns the alternative ways to make p hold, from the engine's own gap analysis, as
// slices to compare with the oracle's: each option is a list of gaps that must all be closed. It
// returns nil when p holds or is nil.
func (o *Observer) GapOptions(p *Program) [][]smetier.Gap {
	w := &o.gw
	w.reset()
	opts, ok := o.options(p)
	if !ok {
		return nil
	}
	out := make([][]smetier.Gap, 0, len(opts))
	for _, op := range opts {
		gs := make([]smetier.Gap, len(op))
		for k, i := range op {
			gs[k] = w.gaps[i]
		}
		out = append(out, gs)
	}
	return out
}

// Flatten labels the oracle's options of one criterion as AppendGaps labels its own: a single
// option's gaps are all required (group 0); several options form group 1, numbered from 1.
func Flatten(id string, opts [][]smetier.Gap) []smetier.Gap {
	var out []smetier.Gap
	for i, op := range opts {
		for _, g := range op {
			g.Criterion = id
			if len(opts) > 1 {
				g.Group, g.Option = 1, i+1
			}
			out = append(out, g)
		}
	}
	return out
}
