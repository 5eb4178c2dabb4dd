package classify_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	stdtime "time"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/region"
)

// FuzzClassify judges arbitrary profiles on arbitrary dates: the engine returns a report or a
// typed input error, never panics, and a report always has a status for every covered tier.
// Summarize gives the summary of the GapsOnly report, or the same error.
func FuzzClassify(f *testing.F) {
	files, _ := filepath.Glob("../testdata/profiles/*.json")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b, int16(2026), uint8(6), uint8(15), false)
		}
	}
	f.Add([]byte(`{"region":"110105","industry":"G59","years":{"2025":{"operating_revenue":0,"main_revenue":0,"total_assets":0}}}`), int16(2026), uint8(4), uint8(1), true)
	f.Add([]byte(`{"region":"440300","years":{"2023":{"operating_revenue":1},"2025":{"operating_revenue":92233720368547758}}}`), int16(2026), uint8(12), uint8(31), false)
	eng, err := classify.New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, year int16, mon, day uint8, renewal bool) {
		var p smetier.Profile
		if json.Unmarshal(data, &p) != nil {
			return
		}
		asOf := smetier.NewDate(int(year), month(mon), int(day))
		r, err := eng.Classify(context.Background(), &p, classify.AsOf(asOf), classify.Renewal(renewal))
		sum, serr := eng.Summarize(context.Background(), &p, classify.AsOf(asOf), classify.Renewal(renewal))
		if (err == nil) != (serr == nil) || err != nil && err.Error() != serr.Error() {
			t.Fatalf("Classify: %v; Summarize: %v", err, serr)
		}
		if err == nil {
			lean, err := eng.Classify(context.Background(), &p, classify.AsOf(asOf), classify.Renewal(renewal), classify.GapsOnly())
			if err != nil {
				t.Fatal(err)
			}
			if a, b := summaryText(lean.Summary("", -1)), summaryText(sum); a != b {
				t.Fatalf("Summarize differs from the GapsOnly report's summary:\n%s\n%s", a, b)
			}
		}
		if err != nil {
			if errors.Is(err, smetier.ErrInvalidProfile) || errors.Is(err, region.ErrUnknownRegion) || errors.Is(err, classify.ErrNoRegion) {
				return
			}
			if !asOf.Valid() {
				return
			}
			t.Fatalf("unexpected error: %v", err)
		}
		for _, v := range r.Verdicts {
			if v.Covered && v.Status == "" {
				t.Fatalf("covered tier %s without a status", v.Tier)
			}
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("report does not marshal: %v", err)
		}
	})
}

// summaryText prints s with its pointers followed, so that equal summaries print the same,
// NaN figures included (reflect.DeepEqual finds a NaN unequal to itself).
func summaryText(s *smetier.Summary) string {
	c := *s
	var out strings.Builder
	f := func(p *float64) string {
		if p == nil {
			return "nil"
		}
		return fmt.Sprint(*p)
	}
	for _, g := range c.Gaps {
		fmt.Fprintf(&out, "%s %s %s ", f(g.Current), f(g.Required), f(g.Delta))
		g.Current, g.Required, g.Delta = nil, nil, nil
		fmt.Fprintf(&out, "%+v\n", g)
	}
	sme := "nil"
	if c.SME != nil {
		sme = fmt.Sprint(*c.SME)
	}
	c.Gaps, c.SME = nil, nil
	fmt.Fprintf(&out, "%s %+v", sme, c)
	return out.String()
}

func month(m uint8) stdtime.Month { return stdtime.Month(m % 13) }
