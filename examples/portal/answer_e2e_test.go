//go:build linux

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/browsertest"
)

// pageState is what the page shows, read from its DOM.
type pageState struct {
	State    string
	Sent     string // the profile it sent, as JSON
	Question struct {
		Path, Kind, State string
	}
	Answer struct {
		Rungs   []struct{ Key, Status string }
		Next    string
		Blocked []string
	}
	Verdicts []struct {
		Tier          string
		OpenOutcomes  []string // rows shown, in order
		FoldedOutcome []string // rows inside the folded passes
	}
	FirstSection string // id or class of the first element of the result
	VisibleChars int
}

const readPage = `(() => {
  const q = document.getElementById("question");
  return {
    State: document.body.dataset.state || "",
    Sent: (document.getElementById("request") || {}).textContent || "",
    Question: q ? { Path: q.dataset.path || "", Kind: q.dataset.kind || "", State: q.dataset.state || "" } : {},
    Answer: {
      Rungs: [...document.querySelectorAll("#answer .rungs li")].map((li) => ({ Key: li.dataset.key, Status: li.dataset.status })),
      Next: (document.getElementById("ladder-next") || { dataset: {} }).dataset.next || "",
      Blocked: [...document.querySelectorAll("#blocking li")].map((li) => li.dataset.criterion),
    },
    Verdicts: [...document.querySelectorAll("section.verdict")].map((s) => ({
      Tier: s.dataset.tier,
      OpenOutcomes: [...s.querySelectorAll(":scope > table.criteria tr")].map((tr) => tr.dataset.outcome),
      FoldedOutcome: [...s.querySelectorAll(":scope > details.passes tr")].map((tr) => tr.dataset.outcome),
    })),
    FirstSection: (() => { const f = document.getElementById("result").firstElementChild; return f ? (f.id || f.className) : ""; })(),
    VisibleChars: document.getElementById("result").innerText.length,
  };
})()`

func read(t *testing.T, b *browsertest.Browser) pageState {
	t.Helper()
	var s pageState
	b.Eval(readPage, &s)
	return s
}

// engineReport judges the profile the page sent, as the page asked (as of 2026-06-15).
func engineReport(t *testing.T, sent string) *smetier.Report {
	t.Helper()
	var p smetier.Profile
	require.NoError(t, json.Unmarshal([]byte(sent), &p), sent)
	eng, err := classify.New()
	require.NoError(t, err)
	rep, err := eng.Classify(context.Background(), &p, classify.AsOf(smetier.MustDate("2026-06-15")))
	require.NoError(t, err)
	return rep
}

// TestPortalAnswerFirst: the page opens with the answer (every tier's status, the highest, the
// next tier and at most three gaps blocking it), then per tier the failed and open criteria
// first, with their gaps, and the passes folded away.
func TestPortalAnswerFirst(t *testing.T) {
	srv := server(t)
	b := browsertest.Start(t)
	b.Navigate(pageURL(srv.URL, [][2]string{
		{"name", "深圳市精研微电机有限公司"}, {"region", "440305"}, {"industry", "C3812"}, {"established", "2015-03-18"},
		{"as_of", "2026-06-15"},
		{"rev1", "6830"}, {"main1", "6556.8"}, {"rd1", "409.8"}, {"assets1", "8010"}, {"liab1", "3604.5"}, {"emp1", "221"},
		{"rev2", "6050"}, {"main2", "5747.5"}, {"rd2", "363"}, {"assets2", "7020"}, {"liab2", "3300"}, {"emp2", "204"},
		{"rev3", "5200"}, {"main3", "4940"}, {"rd3", "286"}, {"assets3", "6100"}, {"liab3", "3050"}, {"emp3", "186"},
		{"ip", "invention_patent,2,2021-06-01,maot"}, {"segment_name", "微型精密步进电机"}, {"segment_since", "2016-01-01"},
		{"market_share", "6.5"}, {"national_rank", "5"}, {"six_basics", "1"}, {"title", "innovative_sme,2024-06-01,2027-05-31"},
		{"score", "68"}, {"submit", "1"},
	}))
	b.WaitFor("the verdicts", `document.body.dataset.state === "done"`, 30*time.Second)
	s := read(t, b)
	rep := engineReport(t, s.Sent)

	assert.Equal(t, "answer", s.FirstSection, "the answer comes first")
	var want []struct{ Key, Status string }
	for _, v := range rep.Rungs() { // tiers and local programs (Guangdong's champion in Shenzhen)
		if v.Covered {
			want = append(want, struct{ Key, Status string }{v.Key(), string(v.Status)})
		}
	}
	assert.Equal(t, want, s.Answer.Rungs)
	require.NotNil(t, rep.Ladder)
	assert.Equal(t, string(rep.Ladder.Next), s.Answer.Next)
	var blocked []string
	for i, g := range rep.Ladder.Blocking {
		if i == 3 {
			break
		}
		blocked = append(blocked, g.Criterion)
	}
	assert.Equal(t, blocked, s.Answer.Blocked, "the first three blocking gaps, in the report's order")
	dom := b.DOM()
	for _, g := range rep.Ladder.Blocking[:min(3, len(rep.Ladder.Blocking))] {
		assert.Contains(t, dom, g.Message.Zh, "each blocking gap with its delta")
	}

	rank := map[string]int{"fail": 0, "errored": 1, "unknown": 2, "judgement": 3}
	rungs := rep.Rungs()
	require.Len(t, s.Verdicts, len(rungs))
	for i, v := range rungs {
		got := s.Verdicts[i]
		assert.Equal(t, v.Key(), got.Tier)
		var open, folded []string
		for _, c := range v.Criteria {
			switch c.Outcome {
			case smetier.Pass, smetier.Exempt, smetier.Waived:
				folded = append(folded, string(c.Outcome))
			default:
				open = append(open, string(c.Outcome))
				for _, g := range c.Gaps {
					assert.Contains(t, dom, escape(g.Message.Zh), "%s %s: its gaps are shown", v.Tier, c.ID)
				}
			}
		}
		assert.ElementsMatch(t, open, got.OpenOutcomes, v.Tier)
		assert.ElementsMatch(t, folded, got.FoldedOutcome, v.Tier)
		for j := 1; j < len(got.OpenOutcomes); j++ {
			assert.LessOrEqual(t, rank[got.OpenOutcomes[j-1]], rank[got.OpenOutcomes[j]], "%s: failures first", v.Tier)
		}
	}
	// The passes are folded: closed <details> do not count in what a person sees.
	var all int
	b.Eval(`(() => { document.querySelectorAll("details.passes").forEach((d) => d.open = true); return document.getElementById("result").innerText.length; })()`, &all)
	t.Logf("visible characters: %d with the passes folded, %d unfolded", s.VisibleChars, all)
	assert.Less(t, s.VisibleChars, all)

	// Language: the English page shows the same answer in English.
	b.Click(browsertest.ByID("lang-toggle"))
	b.WaitFor("English", `document.documentElement.lang === "en"`, 5*time.Second)
	assert.Contains(t, b.DOM(), "Highest now: Tech-based and innovative SME (held)")
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// TestPortalAdaptiveForm starts from almost nothing and answers the page's questions one at a
// time, as a person would: each time, the question asked is the first the engine ranks for the
// profile sent (skipping only what an authority supplies), until nothing the enterprise can
// supply is missing.
func TestPortalAdaptiveForm(t *testing.T) {
	srv := server(t)
	b := browsertest.Start(t)
	b.Navigate(pageURL(srv.URL, [][2]string{{"region", "440305"}, {"industry", "C3812"}, {"as_of", "2026-06-15"}, {"clean", "0"}, {"submit", "1"}}))
	b.WaitFor("the verdicts", `document.body.dataset.state === "done"`, 30*time.Second)
	// Answers a Shenzhen manufacturer would give, by the kind of question.
	money := map[string]string{"operating_revenue": "6830", "main_revenue": "6556.8", "rd_expense": "409.8", "total_assets": "8010",
		"total_liabilities": "3604.5", "net_profit": "500", "product_revenue": "6000"}
	var asked []string
	for step := 0; step < 80; step++ {
		s := read(t, b)
		rep := engineReport(t, s.Sent)
		var first *smetier.Question
		for i := range rep.NextQuestions {
			if q := &rep.NextQuestions[i]; !q.Official && !strings.HasPrefix(q.Path, "authority:") {
				first = q
				break
			}
		}
		if first == nil {
			assert.Contains(t, []string{"done", "judgement"}, s.Question.State, "no question left: the page says so")
			break
		}
		require.Equal(t, first.Path, s.Question.Path, "step %d: the page asks the engine's first question", step)
		asked = append(asked, first.Path)
		switch s.Question.Kind {
		case "bool":
			yes := !strings.HasPrefix(first.Path, "compliance.") && !strings.HasSuffix(first.Path, "transferred_in")
			b.Click(browsertest.ByID(map[bool]string{true: "q-yes", false: "q-no"}[yes]))
		case "list":
			b.Click(browsertest.ByID("q-none"))
		default:
			v := "5"
			switch key := first.Path[strings.LastIndex(first.Path, ".")+1:]; {
			case s.Question.Kind == "money":
				v = money[key]
			case s.Question.Kind == "date":
				v = "2016-01-01"
			case key == "employees":
				v = "221"
			}
			require.NotEmpty(t, v, first.Path)
			if s.Question.Kind == "date" {
				b.SetValue(browsertest.ByID("q-value"), v)
			} else {
				b.TypeInto(browsertest.ByID("q-value"), v)
			}
			b.Click(browsertest.ByID("q-answer"))
		}
		b.WaitFor("the next verdicts", fmt.Sprintf(`document.body.dataset.state === "done" && (document.getElementById("question").dataset.path || "") !== %q`, first.Path), 30*time.Second)
	}
	s := read(t, b)
	assert.Contains(t, []string{"done", "judgement"}, s.Question.State, "the questions came to an end")
	assert.Greater(t, len(asked), 5)
	t.Logf("%d questions answered: %v", len(asked), asked)
	// A figure answered went into its form field, so the form holds the whole profile.
	require.Contains(t, asked, "years.2025.main_revenue")
	var main string
	b.Eval(`document.getElementById("main1").value`, &main)
	assert.Equal(t, "6556.8", main)
}

// TestPortalPrograms: local programs take their place on the ladder in the answer and get their
// own section, with a catalog that has some (the made-up programs of criteria/testdata).
func TestPortalPrograms(t *testing.T) {
	cat, err := criteria.Load(criteria.BuiltinFS(), os.DirFS("../../criteria/testdata/programs"))
	require.NoError(t, err)
	eng, err := classify.New(classify.WithCatalog(cat))
	require.NoError(t, err)
	srv := httptest.NewServer(newHandler(eng))
	t.Cleanup(srv.Close)
	b := browsertest.Start(t)
	b.Navigate(pageURL(srv.URL, [][2]string{
		{"region", "370102"}, {"industry", "C3812"}, {"as_of", "2026-06-15"},
		{"rev1", "6830"}, {"main1", "6556.8"}, {"rev2", "6050"}, {"main2", "5747.5"}, {"submit", "1"},
	}))
	b.WaitFor("the verdicts", `document.body.dataset.state === "done"`, 30*time.Second)
	s := read(t, b)
	var p smetier.Profile
	require.NoError(t, json.Unmarshal([]byte(s.Sent), &p))
	rep, err := eng.Classify(context.Background(), &p, classify.AsOf(smetier.MustDate("2026-06-15")))
	require.NoError(t, err)
	require.NotEmpty(t, rep.Programs)
	var want, sections []string
	for _, v := range rep.Rungs() {
		if v.Covered {
			want = append(want, v.Key()+" "+string(v.Status))
		}
		sections = append(sections, v.Key())
	}
	var got, gotSections []string
	for _, r := range s.Answer.Rungs {
		got = append(got, r.Key+" "+r.Status)
	}
	for _, v := range s.Verdicts {
		gotSections = append(gotSections, v.Tier)
	}
	assert.Equal(t, want, got, "every rung in ladder order, programs included")
	assert.Equal(t, sections, gotSections)
	assert.Contains(t, b.DOM(), "测试省瞪羚企业")
}
