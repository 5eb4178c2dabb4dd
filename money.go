package smetier

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an exact amount of Chinese yuan, stored as an integer number of fen (0.01 CNY).
//
// Amounts are never held as float64: the thresholds in the rules ("1500万元以上") sit exactly on
// whole numbers, and an enterprise whose figure is exactly on a threshold must be judged the same
// way every time. In JSON a Money is a number (or a string holding one) in yuan with at most two
// decimals, e.g. 15000000 or "12345.67"; it is parsed from its decimal text, never through float64.
type Money int64

// Fen returns n fen.
func Fen(n int64) Money { return Money(n) }

// Yuan returns n yuan.
func Yuan(n int64) Money { return Money(n * 100) }

// Wan returns n 万元 (ten thousand yuan), the unit the rules are written in.
func Wan(n int64) Money { return Money(n * 1_000_000) }

// Fen returns the amount in fen.
func (m Money) Fen() int64 { return int64(m) }

// Wan returns the amount in 万元 as a float64, correctly rounded from the exact fen value.
// It is exact for every amount that is a whole number of yuan below 2^53 fen.
func (m Money) Wan() float64 { return float64(m) / 1_000_000 }

// String formats the amount in yuan with two decimals, e.g. "12345.67".
func (m Money) String() string {
	n := int64(m)
	sign := ""
	if n < 0 {
		sign = "-"
		if n == math.MinInt64 {
			return "-92233720368547758.08"
		}
		n = -n
	}
	return fmt.Sprintf("%s%d.%02d", sign, n/100, n%100)
}

// MarshalJSON writes the amount as a JSON number in yuan, with no more decimals than needed.
func (m Money) MarshalJSON() ([]byte, error) {
	s := m.String()
	s = strings.TrimSuffix(s, ".00")
	if strings.HasSuffix(s, "0") && strings.Contains(s, ".") {
		s = strings.TrimSuffix(s, "0")
	}
	return []byte(s), nil
}

// UnmarshalJSON accepts a JSON number or string holding a decimal amount in yuan with at most two
// decimals; null leaves m unchanged. Exponents, more decimals and values beyond the int64 fen
// range are errors.
func (m *Money) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil // like encoding/json for other types: null leaves the value alone
	}
	text := string(b)
	if len(b) > 0 && b[0] == '"' {
		s, ok := plainJSONString(b)
		if !ok {
			if err := json.Unmarshal(b, &s); err != nil {
				return err
			}
		}
		text = strings.TrimSpace(s)
	}
	v, err := ParseMoney(text)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// amountError is ParseMoney's error for input s. It keeps a copy of s, so that s does not
// escape ParseMoney: a caller holding the text as bytes (the profile decoder) converts it to a
// string on its stack, without an allocation per amount.
func amountError(s, reason string) *ParseError {
	return &ParseError{What: "amount", Input: strings.Clone(s), Reason: reason}
}

// ParseMoney parses a decimal amount in yuan ("1500000", "-3.5", "12345.67") exactly.
func ParseMoney(s string) (Money, error) {
	orig := s
	if s == "" {
		return 0, &ParseError{What: "amount", Reason: "empty"}
	}
	neg := false
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || (hasDot && frac == "") {
		return 0, amountError(orig, "not a decimal number of yuan")
	}
	if len(frac) > 2 {
		return 0, amountError(orig, "more than two decimals (fen is the smallest unit)")
	}
	if !digitsOnly(whole) || !digitsOnly(frac) {
		return 0, amountError(orig, "not a decimal number of yuan")
	}
	// The fen: frac is at most two digits, "5" being 50. (Computed, not padded and parsed:
	// every amount of every profile decoded comes here.)
	var f uint64
	for i := range 2 {
		f *= 10
		if i < len(frac) {
			f += uint64(frac[i] - '0')
		}
	}
	// Accumulate the magnitude in uint64 so that the whole int64 range, including MinInt64,
	// parses back exactly what String writes.
	n, err := strconv.ParseUint(whole, 10, 64)
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	if err != nil || n > (limit-f)/100 {
		return 0, amountError(orig, "out of range")
	}
	v := n*100 + f
	if neg {
		return Money(-int64(v-1) - 1), nil
	}
	return Money(v), nil
}
