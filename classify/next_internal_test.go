package classify

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/smetier/smetier"
)

func in(path string, official bool) smetier.Input {
	return smetier.Input{Path: path, Official: official}
}

// The ranking: what the enterprise can answer first, then the most open verdicts settled, then
// the most verdicts decided outright, then the most criteria, then first appearance.
func TestNextQuestionsRanking(t *testing.T) {
	v := func(tier smetier.Tier, st smetier.Status, missing ...smetier.Input) smetier.Verdict {
		return smetier.Verdict{Tier: tier, Covered: true, Status: st, Missing: missing}
	}
	for _, c := range []struct {
		name     string
		verdicts []smetier.Verdict
		want     []string
	}{
		{"nothing open", []smetier.Verdict{v(smetier.Innovative, smetier.Qualified), v(smetier.LittleGiant, smetier.NotQualified, in("a", false))}, nil},
		{"settled verdicts do not count", []smetier.Verdict{
			v(smetier.Innovative, smetier.NeedsData, in("a", false)),
			v(smetier.Specialized, smetier.NotQualified, in("b", false), in("b2", false)),
		}, []string{"a"}},
		{"more verdicts first", []smetier.Verdict{
			v(smetier.Innovative, smetier.NeedsData, in("a", false), in("b", false)),
			v(smetier.Specialized, smetier.NeedsData, in("b", false), in("c", false)),
		}, []string{"b", "a", "c"}},
		{"official last", []smetier.Verdict{
			v(smetier.Innovative, smetier.NeedsData, in("score", true), in("a", false)),
			v(smetier.Specialized, smetier.NeedsJudgement, in("score", true)),
		}, []string{"a", "score"}},
		{"deciding outright breaks a tie", []smetier.Verdict{
			v(smetier.Innovative, smetier.NeedsData, in("a", false), in("b", false)),
			v(smetier.Specialized, smetier.NeedsData, in("b", false)),
			v(smetier.LittleGiant, smetier.NeedsData, in("a", false), in("c", false)),
		}, []string{"b", "a", "c"}},
		{"first appearance breaks the rest", []smetier.Verdict{
			v(smetier.Innovative, smetier.NeedsData, in("z", false), in("y", false)),
		}, []string{"z", "y"}},
		{"uncovered verdicts do not count", []smetier.Verdict{{Tier: smetier.Champion, Missing: []smetier.Input{in("a", false)}}}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, q := range nextQuestions(&smetier.Report{Verdicts: c.verdicts}) {
				got = append(got, q.Path)
			}
			assert.Equal(t, c.want, got)
		})
	}
}

// Criteria counts the undecided criteria that name the input, across its verdicts.
func TestNextQuestionsCountsCriteria(t *testing.T) {
	crit := func(o smetier.Outcome, missing ...smetier.Input) smetier.CriterionResult {
		return smetier.CriterionResult{Outcome: o, Missing: missing}
	}
	r := &smetier.Report{Verdicts: []smetier.Verdict{{
		Tier: smetier.Innovative, Covered: true, Status: smetier.NeedsData,
		Missing:  []smetier.Input{in("a", false), in("b", false)},
		Criteria: []smetier.CriterionResult{crit(smetier.Unknown, in("a", false)), crit(smetier.Unknown, in("b", false), in("a", false)), crit(smetier.Pass)},
	}}}
	qs := nextQuestions(r)
	assert.Equal(t, []smetier.Question{
		{Input: in("a", false), Verdicts: []string{"innovative_sme"}, Settles: 1, Criteria: 2},
		{Input: in("b", false), Verdicts: []string{"innovative_sme"}, Settles: 1, Criteria: 1},
	}, qs)
}

// appendRungs, which a summary call uses to keep the list off the heap, lists what Report.Rungs
// lists, in the same order, local programs included (testdata/profiles/places).
func TestAppendRungsIsRungs(t *testing.T) {
	eng, err := New()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../testdata/profiles/places/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("profiles: %v, %d files", err, len(files))
	}
	programs := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var p smetier.Profile
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Classify(context.Background(), &p, AsOf(smetier.MustDate("2026-06-15")), VerdictsOnly())
		if err != nil {
			t.Fatal(err)
		}
		programs += len(rep.Programs)
		var buf [2]*smetier.Verdict // too small: appendRungs must grow it
		if got, want := appendRungs(buf[:0], rep), rep.Rungs(); !slices.Equal(got, want) {
			t.Errorf("%s: appendRungs = %v, Rungs = %v", f, got, want)
		}
	}
	if programs == 0 {
		t.Fatal("no local program judged: the test checks nothing of the ladder order")
	}
}
