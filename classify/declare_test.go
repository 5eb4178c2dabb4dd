package classify_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

func yes() *bool { return new(true) }
func no() *bool  { return new(false) }

// Declared judgements settle what the rules leave to the authority: the authority's decision is
// final; the enterprise's own declaration settles the verdict provisionally and says so.
func TestDeclaredJudgements(t *testing.T) {
	e, err := classify.New()
	require.NoError(t, err)
	asOf := classify.AsOf(smetier.MustDate("2026-06-15"))
	for _, c := range []struct {
		name        string
		decl        []smetier.Declaration
		option      bool // passed with classify.Declare rather than in the profile
		status      smetier.Status
		provisional bool
		self        []string
	}{
		{"none", nil, false, smetier.NeedsJudgement, false, nil},
		{"authority met", []smetier.Declaration{{Criterion: "specialized_sme/market.position", Met: yes(), By: smetier.ByAuthority, Note: "深工信〔2026〕1号"}},
			false, smetier.Qualified, false, nil},
		{"self met", []smetier.Declaration{{Criterion: "cn-2026-specialized-sme/market.position", Met: yes(), By: smetier.BySelf}},
			false, smetier.Qualified, true, []string{"market.position"}},
		{"self not met", []smetier.Declaration{{Criterion: "specialized_sme/market.position", Met: no(), By: smetier.BySelf}},
			false, smetier.NotQualified, true, []string{"market.position"}},
		{"authority not met", []smetier.Declaration{{Criterion: "specialized_sme/market.position", Met: no(), By: smetier.ByAuthority}},
			false, smetier.NotQualified, false, nil},
		{"by the set in force", []smetier.Declaration{{Criterion: "sz-2026-specialized-sme/market.position", Met: yes(), By: smetier.BySelf}},
			false, smetier.Qualified, true, []string{"market.position"}},
		{"as a call option", []smetier.Declaration{{Criterion: "specialized_sme/market.position", Met: yes(), By: smetier.BySelf}},
			true, smetier.Qualified, true, []string{"market.position"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := readProfile(t, "shenzhen-precision")
			opts := []classify.CallOption{asOf}
			if c.option {
				opts = append(opts, classify.Declare(c.decl...))
			} else {
				p.Judgements = c.decl
			}
			rep, err := e.Classify(context.Background(), p, opts...)
			require.NoError(t, err)
			v := rep.Verdict(smetier.Specialized)
			assert.Equal(t, c.status, v.Status)
			assert.Equal(t, c.provisional, v.Provisional)
			assert.Equal(t, c.self, v.SelfDeclared)
			cr := v.Criterion("market.position")
			if len(c.decl) > 0 {
				require.NotNil(t, cr.Declared)
				assert.Equal(t, c.decl[0].By, cr.Declared.By)
				assert.Empty(t, cr.Missing)
			}
			if c.name == "authority met" {
				assert.Contains(t, cr.Message.Zh, "满足（主管部门认定：深工信〔2026〕1号）")
				assert.Contains(t, cr.Message.En, "met (decided by the authority: 深工信〔2026〕1号)")
			}
			if c.name == "self met" {
				assert.Contains(t, cr.Message.En, "met (self-declared, pending the authority)")
			}
		})
	}
}

// A declaration must name a judgement criterion (or an authority score item) of a rule set in
// force; anything else makes the profile invalid, naming the field.
func TestDeclaredJudgementErrors(t *testing.T) {
	e, err := classify.New()
	require.NoError(t, err)
	for _, c := range []struct {
		name   string
		decl   smetier.Declaration
		option bool
		path   string
		msg    string
	}{
		{"a gate", smetier.Declaration{Criterion: "specialized_sme/rd.ratio", Met: yes(), By: smetier.BySelf},
			false, "judgements[0].criterion", "is a gate criterion, decided from the profile's data"},
		{"no such criterion", smetier.Declaration{Criterion: "cn-2026-specialized-sme/market.share", Met: yes(), By: smetier.BySelf},
			false, "judgements[0].criterion", `rule set sz-2026-specialized-sme has no criterion "market.share"`},
		{"a set not in force", smetier.Declaration{Criterion: "cn-2022-specialized-sme/market.position", Met: yes(), By: smetier.BySelf},
			false, "judgements[0].criterion", `"cn-2022-specialized-sme" names no rule set in force here on 2026-06-15`},
		{"an unknown tier", smetier.Declaration{Criterion: "gazelle/market.position", Met: yes(), By: smetier.BySelf},
			false, "judgements[0].criterion", `"gazelle" names no rule set in force`},
		{"points for a judgement", smetier.Declaration{Criterion: "specialized_sme/market.position", Points: new(3), By: smetier.BySelf},
			false, "judgements[0].met", "is a judgement: declare met"},
		{"no outcome", smetier.Declaration{Criterion: "specialized_sme/market.position", By: smetier.BySelf},
			false, "judgements[0].met", "missing"},
		{"no one", smetier.Declaration{Criterion: "specialized_sme/market.position", Met: yes()},
			false, "judgements[0].by", "want authority or self"},
		{"no set", smetier.Declaration{Criterion: "market.position", Met: yes(), By: smetier.BySelf},
			false, "judgements[0].criterion", "want <rule-set id>/<criterion id>"},
		{"in the call", smetier.Declaration{Criterion: "little_giant/score.evaluation", Met: yes(), By: smetier.ByAuthority},
			true, "declare[0].criterion", "is a gate criterion"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := readProfile(t, "shenzhen-precision")
			opts := []classify.CallOption{classify.AsOf(smetier.MustDate("2026-06-15"))}
			if c.option {
				opts = append(opts, classify.Declare(c.decl))
			} else {
				p.Judgements = []smetier.Declaration{c.decl}
			}
			_, err := e.Classify(context.Background(), p, opts...)
			require.Error(t, err)
			assert.ErrorIs(t, err, smetier.ErrInvalidProfile)
			var ve *smetier.ValidationError
			require.True(t, errors.As(err, &ve))
			require.Len(t, ve.Fields, 1, err.Error())
			assert.Equal(t, c.path, ve.Fields[0].Path)
			assert.Contains(t, ve.Fields[0].Msg, c.msg)
		})
	}
	// The same criterion twice: in the profile and in the call.
	p := readProfile(t, "shenzhen-precision")
	d := smetier.Declaration{Criterion: "specialized_sme/market.position", Met: yes(), By: smetier.BySelf}
	p.Judgements = []smetier.Declaration{d}
	_, err = e.Classify(context.Background(), p, classify.AsOf(smetier.MustDate("2026-06-15")), classify.Declare(d))
	require.ErrorIs(t, err, smetier.ErrInvalidProfile)
	assert.Contains(t, err.Error(), "declare[0].criterion: market.position of rule set sz-2026-specialized-sme is declared twice")
}

// The points the authority awards (63号 附件2's provincial 特色化 points) can be declared too.
func TestDeclaredAuthorityPoints(t *testing.T) {
	e, err := classify.New()
	require.NoError(t, err)
	asOf := classify.AsOf(smetier.MustDate("2025-06-15"))
	// Xinjiang has no 2022 provincial set: the national one leaves the 15 points to the authority.
	p := readProfile(t, "shenzhen-precision")
	rep, err := e.Classify(context.Background(), p, asOf, classify.In("650000"), classify.Only(smetier.Specialized))
	require.NoError(t, err)
	v := rep.Verdict(smetier.Specialized)
	require.Equal(t, "cn-2022-specialized-sme", v.RuleSet.ID)
	fp := v.Criterion("feature.provincial")
	require.NotNil(t, fp)
	require.Equal(t, smetier.Judgement, fp.Outcome)

	for _, by := range []smetier.JudgementBy{smetier.ByAuthority, smetier.BySelf} {
		p.Judgements = []smetier.Declaration{{Criterion: "cn-2022-specialized-sme/feature.provincial", Points: new(12), By: by}}
		rep, err = e.Classify(context.Background(), p, asOf, classify.In("650000"), classify.Only(smetier.Specialized))
		require.NoError(t, err)
		v = rep.Verdict(smetier.Specialized)
		fp = v.Criterion("feature.provincial")
		require.NotNil(t, fp.Points)
		assert.Equal(t, 12, *fp.Points)
		assert.Equal(t, smetier.Pass, fp.Outcome)
		assert.NotContains(t, v.Judgement, "feature.provincial")
	}
	p.Judgements = []smetier.Declaration{{Criterion: "specialized_sme/feature.provincial", Points: new(16), By: smetier.BySelf}}
	_, err = e.Classify(context.Background(), p, asOf, classify.In("650000"))
	require.ErrorIs(t, err, smetier.ErrInvalidProfile)
	assert.Contains(t, err.Error(), "judgements[0].points: 16 is outside feature.provincial's range 0–15")
}
