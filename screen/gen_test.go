package screen

import (
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/wire"
)

const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// creditCode makes a valid 统一社会信用代码 for enterprise n registered in region: 91 (an
// enterprise), the region, a serial from n, and the GB 32100 check character.
func creditCode(n int, region string) string {
	body := fmt.Sprintf("91%s%09d", region, n)
	body = body[:17]
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditChars, body[i]) * creditWeights[i]
	}
	code := body + string(creditChars[(31-sum%31)%31])
	if smetier.ValidateCreditCode(code) != nil {
		panic("bad credit code " + code)
	}
	return code
}

// regions the generated enterprises are spread over: districts of Shenzhen, Wuhan, Suzhou,
// Hangzhou, Ningbo, Qingdao and Chengdu.
var genRegions = []string{"440305", "420111", "420106", "320505", "330106", "330212", "370202", "510107"}

// generate makes n enterprises deterministically from the profiles of testdata: enterprise i
// is base i%5 moved to a region, its figures scaled by a factor between 0.6 and 1.6, some
// inputs left out (so that some verdicts need data) and, for every fourth, a title expiring
// within 180 days of asOf (so that renewals are due).
func generate(t testing.TB, n int, asOf smetier.Date) iter.Seq[*smetier.Profile] {
	t.Helper()
	files, err := filepath.Glob("../testdata/profiles/*.json")
	require.NoError(t, err)
	slices.Sort(files)
	var bases [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		bases = append(bases, b)
	}
	return func(yield func(*smetier.Profile) bool) {
		for i := range n {
			p, err := wire.DecodeProfile(bases[i%len(bases)])
			if err != nil {
				panic(err)
			}
			rng := rand.New(rand.NewPCG(14, uint64(i)))
			p.Region = genRegions[(i/len(bases)+i)%len(genRegions)]
			p.CreditCode = creditCode(i+1, p.Region)
			name := []rune(p.Name)
			p.Name = fmt.Sprintf("%s·%03d", string(name[:min(len(name), 8)]), i+1)
			f := 0.6 + rng.Float64()
			scale := func(m *smetier.Money) *smetier.Money {
				if m == nil {
					return nil
				}
				v := smetier.Yuan(int64(math.Round(float64(*m) * f / 100)))
				return &v
			}
			years := map[int]smetier.FiscalYear{}
			for y, fy := range p.Years {
				fy.OperatingRevenue, fy.MainRevenue, fy.RDExpense = scale(fy.OperatingRevenue), scale(fy.MainRevenue), scale(fy.RDExpense)
				fy.ProductRevenue, fy.NetProfit = scale(fy.ProductRevenue), scale(fy.NetProfit)
				if y == asOf.Year-1 && rng.IntN(7) == 0 {
					fy.RDExpense = nil // not supplied: needs data
				}
				years[y] = fy
			}
			p.Years = years
			if rng.IntN(9) == 0 {
				p.MainlandLegalPerson = nil
			}
			if i%4 == 0 {
				exp := smetier.DateOf(asOf.Time().AddDate(0, 0, 10+i%160))
				kinds := []smetier.TitleKind{smetier.TitleInnovativeSME, smetier.TitleSpecializedSME, smetier.TitleLittleGiant}
				p.Titles = append(slices.Clone(p.Titles), smetier.Title{Kind: kinds[i%3], Level: smetier.Provincial,
					Issued: smetier.DateOf(exp.Time().AddDate(-3, 0, 1)), Expires: &exp})
			}
			if !yield(p) {
				return
			}
		}
	}
}
