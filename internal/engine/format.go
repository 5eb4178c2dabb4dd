package engine

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

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
//
// The figures are written into a buffer on the stack, a string made per language: gap messages
// quote three quantities each, and building them from intermediate strings was a fifth of the
// allocations of a screening call (BenchmarkClassify/engine-gaps-only-mix).
func Quantity(x float64, unit string) smetier.Text {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return smetier.Text{Zh: "n/a", En: "n/a"}
	}
	var buf [64]byte
	switch unit {
	case "元", "%", "":
		n := string(appendQuantity(buf[:0], x, unit, false))
		return smetier.Text{Zh: n, En: n}
	}
	zh := string(appendQuantity(buf[:0], x, unit, false))
	return smetier.Text{Zh: zh, En: string(appendQuantity(buf[:0], x, unit, true))}
}

// appendQuantity appends Quantity(x, unit).En (en) or .Zh to dst: gap messages are written
// into one buffer per gap with it, rather than built from a string per quantity.
func appendQuantity(dst []byte, x float64, unit string, en bool) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(dst, "n/a"...)
	}
	switch unit {
	case "元":
		return appendMoney(dst, x)
	case "万元":
		if en {
			return appendMoney(dst, x*1e4)
		}
		return append(appendNumber(dst, x), "万元"...)
	case "%":
		return append(appendNumber(dst, x), '%')
	case "":
		return appendNumber(dst, x)
	}
	if !en {
		return append(appendNumber(dst, x), unit...)
	}
	var buf [48]byte
	n := appendNumber(buf[:0], x)
	one := string(n) == "1"
	switch unit {
	case "年":
		if one {
			return append(dst, "1 year"...)
		}
		return append(append(dst, n...), " years"...)
	case "分":
		if one {
			return append(dst, "1 point"...)
		}
		return append(append(dst, n...), " points"...)
	case "人":
		if one {
			return append(dst, "1 person"...)
		}
		return append(append(dst, n...), " people"...)
	case "级":
		return append(append(dst, "level "...), n...)
	case "名", "项":
		// A rank or a count reads as the bare number in English.
		return append(dst, n...)
	}
	return append(append(append(dst, n...), ' '), unit...)
}

// Number formats x for a person: an integer as it is, with thousands separators; anything else
// rounded to two decimals, trailing zeros dropped, and prefixed "≈" when the rounding changed
// the value.
func Number(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "n/a"
	}
	var buf [64]byte
	return string(appendNumber(buf[:0], x))
}

// appendNumber appends Number(x) to dst, for a finite x.
func appendNumber(dst []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(dst, "n/a"...)
	}
	r := math.Round(x*100) / 100
	var tmp [32]byte
	s := strconv.AppendFloat(tmp[:0], math.Abs(r), 'f', 2, 64)
	s = bytes.TrimRight(bytes.TrimRight(s, "0"), ".")
	whole, frac, _ := bytes.Cut(s, []byte{'.'})
	if r != x && math.Abs(r-x) > 1e-9*math.Max(1, math.Abs(x)) {
		dst = append(dst, "≈"...)
	}
	if r < 0 && (len(frac) > 0 || string(whole) != "0") {
		dst = append(dst, "−"...)
	}
	dst = appendGrouped(dst, whole)
	if len(frac) > 0 {
		dst = append(append(dst, '.'), frac...)
	}
	return dst
}

// appendGrouped appends digits to dst with thousands separators.
func appendGrouped(dst, digits []byte) []byte {
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, c)
	}
	return dst
}

// money formats an amount of yuan exactly to the fen: ¥1,234,567.89.
func money(x float64) string {
	var buf [64]byte
	return string(appendMoney(buf[:0], x))
}

// appendMoney appends money(x) to dst.
func appendMoney(dst []byte, x float64) []byte {
	neg := x < 0
	fen := int64(math.Round(math.Abs(x) * 100))
	if neg && fen != 0 {
		dst = append(dst, "−"...)
	}
	dst = append(dst, "¥"...)
	var tmp [24]byte
	dst = appendGrouped(dst, strconv.AppendInt(tmp[:0], fen/100, 10))
	if f := fen % 100; f > 0 {
		dst = append(dst, '.', byte('0'+f/10), byte('0'+f%10))
	} else if f < 0 { // only for an amount beyond int64 fen, whose conversion wrapped
		dst = fmt.Appendf(dst, ".%02d", f)
	}
	return dst
}
