package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/smetier/smetier"
)

// Format renders a fact value with its unit for a person, in both languages: a bool as 是/否 and
// yes/no, an amount in 万元 as 万元 in Chinese and as yuan in English, other units in the words
// of each language (项 is a plain count in English). Non-integral figures are rounded to two
// decimals and marked "≈" when rounding changed them, so that 14.08090474 reads ≈14.08 and a
// figure shown on a threshold is never mistaken for one exactly on it.
func Format(v any, unit string) smetier.Text {
	switch x := v.(type) {
	case bool:
		if x {
			return smetier.Text{Zh: "是", En: "yes"}
		}
		return smetier.Text{Zh: "否", En: "no"}
	case int64:
		return Quantity(float64(x), unit)
	case int:
		return Quantity(float64(x), unit)
	case float64:
		return Quantity(x, unit)
	case string:
		if zh, ok := codeZh[x]; ok {
			return smetier.Text{Zh: zh, En: x}
		}
		return smetier.Text{Zh: x, En: x}
	case nil:
		return smetier.Text{Zh: "?", En: "?"}
	}
	s := fmt.Sprint(v)
	return smetier.Text{Zh: s, En: s}
}

// codeZh names in Chinese the code values of string facts (rdi.top_level, size.class), which
// rule expressions compare with the codes themselves.
var codeZh = map[string]string{
	"national": "国家级", "provincial": "省级", "municipal": "市级", "district": "区县级", "none": "无",
	"large": "大型", "medium": "中型", "small": "小型", "micro": "微型",
}

// Quantity formats x in unit ("万元", "元", "%", "项", "年", "名", "分", "级", "人" or "") in both
// languages; see Format.
func Quantity(x float64, unit string) smetier.Text {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return smetier.Text{Zh: "n/a", En: "n/a"}
	}
	switch unit {
	case "元":
		m := money(x)
		return smetier.Text{Zh: m, En: m}
	case "万元":
		n := Number(x)
		return smetier.Text{Zh: n + "万元", En: money(x * 1e4)}
	case "%":
		n := Number(x)
		return smetier.Text{Zh: n + "%", En: n + "%"}
	case "":
		n := Number(x)
		return smetier.Text{Zh: n, En: n}
	}
	n := Number(x)
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
		// A rank or a count reads as the bare number in English.
	default:
		en = n + " " + unit
	}
	return smetier.Text{Zh: n + unit, En: en}
}

// Number formats x for a person: an integer as it is, with thousands separators; anything else
// rounded to two decimals, trailing zeros dropped, and prefixed "≈" when the rounding changed
// the value.
func Number(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "n/a"
	}
	r := math.Round(x*100) / 100
	s := strconv.FormatFloat(math.Abs(r), 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	whole, frac, _ := strings.Cut(s, ".")
	s = group(whole)
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

// group inserts thousands separators into a string of digits.
func group(digits string) string {
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

// money formats an amount of yuan exactly to the fen: ¥1,234,567.89.
func money(x float64) string {
	neg := x < 0
	fen := int64(math.Round(math.Abs(x) * 100))
	s := "¥" + group(strconv.FormatInt(fen/100, 10))
	if f := fen % 100; f != 0 {
		s += fmt.Sprintf(".%02d", f)
	}
	if neg && fen != 0 {
		s = "−" + s
	}
	return s
}
