package classify_test

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

var (
	// longDecimal is a figure printed with more than two decimals.
	longDecimal = regexp.MustCompile(`\d\.\d{3,}`)
	// cjkUnit is a number followed by a Chinese unit: wrong in the English view.
	cjkUnit = regexp.MustCompile(`\d ?(万元|项|年|名|分|级|人)`)
	// englishValue is an English yes/no printed as a value: wrong in the Chinese view.
	englishValue = regexp.MustCompile(`= ?(yes|no)\b|=(yes|no)`)
	han          = regexp.MustCompile(`\p{Han}`)
)

// TestOneLanguagePerView judges every testdata profile on dates under both national regimes and
// checks the text report and every message in each language: no figure with more than two
// decimals, no Chinese unit in English, no English yes/no in Chinese, and every displayed value
// of the English view free of Chinese.
func TestOneLanguagePerView(t *testing.T) {
	e, err := classify.New()
	require.NoError(t, err)
	for name, p := range loadProfiles(t) {
		for _, asOf := range []string{"2025-06-15", "2026-06-15"} {
			rep, err := e.Classify(context.Background(), p, classify.AsOf(smetier.MustDate(asOf)))
			require.NoError(t, err)
			for _, lang := range []string{"zh", "en"} {
				var b bytes.Buffer
				require.NoError(t, rep.WriteText(&b, lang))
				txt := b.String()
				assert.NotRegexp(t, longDecimal, txt, "%s %s %s", name, asOf, lang)
				if lang == "en" {
					assert.NotRegexp(t, cjkUnit, txt, "%s %s", name, asOf)
				} else {
					assert.NotRegexp(t, englishValue, txt, "%s %s", name, asOf)
				}
			}
			for _, v := range rep.Verdicts {
				for _, c := range v.Criteria {
					assert.NotRegexp(t, longDecimal, c.Message.Zh+c.Message.En, c.ID)
					assert.NotRegexp(t, cjkUnit, c.Message.En, c.ID)
					assert.NotRegexp(t, englishValue, c.Message.Zh, c.ID)
					for _, o := range c.Observed {
						assert.NotRegexp(t, han, o.Display.En, o.Fact)
						assert.NotRegexp(t, han, o.Label.En, o.Fact)
					}
					for _, g := range c.Gaps {
						assert.NotRegexp(t, longDecimal, g.Message.Zh+g.Message.En, c.ID)
						assert.NotRegexp(t, cjkUnit, g.Message.En, c.ID)
					}
				}
			}
		}
	}
}
