package classify_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

// Every input missing from an open verdict is asked exactly once, and nothing else is; asking
// the questions one at a time in rank order ends with no question left.
func TestNextQuestionsCoverOpenVerdicts(t *testing.T) {
	e, err := classify.New()
	require.NoError(t, err)
	for name, p := range loadProfiles(t) {
		for _, strip := range []func(*smetier.Profile){
			func(*smetier.Profile) {},
			func(p *smetier.Profile) {
				p.Compliance, p.Awards, p.Certifications, p.EvaluationScores = nil, nil, nil, nil
			},
			func(p *smetier.Profile) { p.Years, p.IP, p.Segment, p.MainProduct = nil, nil, nil, nil },
		} {
			q := *p
			strip(&q)
			rep, err := e.Classify(context.Background(), &q, classify.AsOf(smetier.MustDate("2026-06-15")))
			require.NoError(t, err)
			want := map[string]bool{}
			for _, v := range rep.Rungs() { // tiers and local programs
				if v.Status == smetier.NeedsData || v.Status == smetier.NeedsJudgement {
					for _, m := range v.Missing {
						want[m.Path] = true
					}
				}
			}
			got := map[string]bool{}
			for i, qu := range rep.NextQuestions {
				assert.False(t, got[qu.Path], "%s: %s asked twice", name, qu.Path)
				got[qu.Path] = true
				assert.Equal(t, len(qu.Verdicts), qu.Settles)
				assert.LessOrEqual(t, qu.Decides, qu.Settles)
				if i > 0 {
					prev := rep.NextQuestions[i-1]
					assert.True(t, prev.Official == qu.Official && prev.Settles >= qu.Settles || !prev.Official && qu.Official,
						"%s: %s ranked after %s", name, qu.Path, prev.Path)
				}
			}
			assert.Equal(t, want, got, name)
		}
	}
}

// A portal asks for the first question, not for every field.
func Example_nextQuestion() {
	eng, err := classify.New()
	if err != nil {
		log.Fatal(err)
	}
	p := t26Base()
	p.Compliance = nil       // the compliance record is not known yet
	p.EvaluationScores = nil // nor the platform's score
	rep, err := eng.Classify(context.Background(), p, classify.AsOf(smetier.MustDate("2026-06-15")))
	if err != nil {
		log.Fatal(err)
	}
	for _, q := range rep.NextQuestions {
		fmt.Printf("%s: settles %d verdicts %v (official %v)\n", q.Path, q.Settles, q.Verdicts, q.Official)
	}
	// Output:
	// compliance.abnormal_list: settles 3 verdicts [innovative_sme specialized_sme little_giant] (official false)
	// compliance.serious_dishonesty: settles 3 verdicts [innovative_sme specialized_sme little_giant] (official false)
	// compliance.incidents: settles 3 verdicts [innovative_sme specialized_sme little_giant] (official false)
	// compliance.prohibited_product: settles 3 verdicts [innovative_sme specialized_sme little_giant] (official false)
	// evaluation_scores.2026: settles 2 verdicts [specialized_sme little_giant] (official true)
}

// The text report lists the first questions, in rank order, with the verdicts they settle.
func TestNextQuestionsInText(t *testing.T) {
	e, err := classify.New()
	require.NoError(t, err)
	rep, err := e.Classify(context.Background(), &smetier.Profile{Region: "440305", Industry: "C3812"}, classify.AsOf(smetier.MustDate("2026-06-15")))
	require.NoError(t, err)
	require.Greater(t, len(rep.NextQuestions), 5)
	var en, zh bytes.Buffer
	require.NoError(t, rep.WriteText(&en, "en"))
	require.NoError(t, rep.WriteText(&zh, "zh"))
	q := rep.NextQuestions[0]
	assert.Contains(t, en.String(), "\nNext questions (most open verdicts first):\n  1. "+q.Label.En+" ["+q.Path+"] — Tech-based and innovative SME, ")
	assert.Contains(t, zh.String(), "\n下一步请提供（按可推进的待定判定数排序）：\n  1. "+q.Label.Zh+" ["+q.Path+"] — 科技和创新型中小企业")
	assert.Contains(t, en.String(), fmt.Sprintf("  … and %d more\n", len(rep.NextQuestions)-5))
	assert.NotContains(t, en.String(), "  6. ")
}
