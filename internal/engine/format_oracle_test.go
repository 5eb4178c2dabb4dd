package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/smetier/smetier"
)

// The figures of reports are written into stack buffers (Quantity, Number, money); the plain
// string-building versions they replaced are kept here as the oracle, and both must agree on
// every value: integers, two-decimal figures, values that round, negatives, zeros and extremes.
func TestQuantityMatchesOracle(t *testing.T) {
	values := []float64{0, math.Copysign(0, -1), 1, -1, 0.004, -0.004, 0.005, -0.005, 0.3, 0.30000000000000004, 1.005, 2.675,
		999, 1000, 999.995, -999.995, 1234.567891, 96000, 1e6, 1e9 + 0.5, 123456789.12, 1e15, 1e17, 9.2e16, 1e19, -1e19, 1e300,
		-3000000, 14.08090474, 4.999, math.MaxInt64, math.MinInt64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1)}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		switch r.IntN(4) {
		case 0:
			values = append(values, float64(r.Int64N(1e12)-5e11))
		case 1:
			values = append(values, float64(r.Int64N(1e12)-5e11)/100)
		case 2:
			values = append(values, (r.Float64()-0.5)*math.Pow(10, float64(r.IntN(20))))
		default:
			values = append(values, float64(r.IntN(200000))/1000-100)
		}
	}
	units := []string{"元", "万元", "%", "", "项", "年", "名", "分", "级", "人", "倍"}
	for _, x := range values {
		if got, want := Number(x), oracleNumber(x); got != want {
			t.Fatalf("Number(%v) = %q, want %q", x, got, want)
		}
		if got, want := money(x), oracleMoney(x); got != want {
			t.Fatalf("money(%v) = %q, want %q", x, got, want)
		}
		for _, u := range units {
			if got, want := Quantity(x, u), oracleQuantity(x, u); got != want {
				t.Fatalf("Quantity(%v, %q) = %v, want %v", x, u, got, want)
			}
		}
	}
}

func oracleQuantity(x float64, unit string) smetier.Text {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return smetier.Text{Zh: "n/a", En: "n/a"}
	}
	switch unit {
	case "元":
		m := oracleMoney(x)
		return smetier.Text{Zh: m, En: m}
	case "万元":
		n := oracleNumber(x)
		return smetier.Text{Zh: n + "万元", En: oracleMoney(x * 1e4)}
	case "%":
		n := oracleNumber(x)
		return smetier.Text{Zh: n + "%", En: n + "%"}
	case "":
		n := oracleNumber(x)
		return smetier.Text{Zh: n, En: n}
	}
	n := oracleNumber(x)
	en := n
	switch unit {
	case "年":
		en = n + " years"
		if n == "1" {
			en = "1 year"
		}
	case "分":
		en = n + " points"
		if n == "1" {
			en = "1 point"
		}
	case "人":
		en = n + " people"
		if n == "1" {
			en = "1 person"
		}
	case "级":
		en = "level " + n
	case "名", "项":
	default:
		en = n + " " + unit
	}
	return smetier.Text{Zh: n + unit, En: en}
}

func oracleNumber(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "n/a"
	}
	r := math.Round(x*100) / 100
	s := strconv.FormatFloat(math.Abs(r), 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	whole, frac, _ := strings.Cut(s, ".")
	s = oracleGroup(whole)
	if frac != "" {
		s += "." + frac
	}
	if r < 0 && s != "0" {
		s = "−" + s
	}
	if r != x && math.Abs(r-x) > 1e-9*math.Max(1, math.Abs(x)) {
		s = "≈" + s
	}
	return s
}

func oracleGroup(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func oracleMoney(x float64) string {
	neg := x < 0
	fen := int64(math.Round(math.Abs(x) * 100))
	s := "¥" + oracleGroup(strconv.FormatInt(fen/100, 10))
	if f := fen % 100; f != 0 {
		s += fmt.Sprintf(".%02d", f)
	}
	if neg && fen != 0 {
		s = "−" + s
	}
	return s
}
