package smetier

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseError reports a value that could not be read: what was being read, the input and why.
// ParseDate, ParseMoney, ParseTier, ParseTiers, ValidateCreditCode and the JSON decoding of
// dates and amounts return it. Its message does not name this package, so that a caller can put
// it after the name of its own field or flag ("--as-of: date …") as it is.
type ParseError struct {
	// What is read: "date", "amount", "tier", "unified social credit code".
	What string
	// Input is the text that was read; empty when it was not text (e.g. a JSON number where a
	// date string is expected).
	Input string
	// Reason says what is wrong, e.g. "want YYYY-MM-DD" or "February 2025 has 28 days".
	Reason string
	// Err is a sentinel the error matches (errors.Is), e.g. ErrCreditCode; may be nil.
	Err error
}

func (e *ParseError) Error() string {
	if e.Input == "" {
		return e.What + ": " + e.Reason
	}
	return e.What + " " + strconv.Quote(e.Input) + ": " + e.Reason
}

func (e *ParseError) Unwrap() error { return e.Err }

// ParseTiers reads a comma-separated list of national tiers ("little_giant,champion"). A tier
// named twice counts once; the order of first mention is kept. A list that may also name local
// programs, as the command line's --tier and the HTTP API's tier parameter do, is read by the
// catalog that defines them: criteria.Catalog.ParseRungs.
func ParseTiers(list string) ([]Tier, error) {
	var out []Tier
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			return nil, &ParseError{What: "tiers", Input: list, Reason: "a comma-separated list of tiers with an empty entry"}
		}
		t, err := ParseTier(s)
		if err != nil {
			return nil, err
		}
		if !containsTier(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

func containsTier(ts []Tier, t Tier) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// dateError explains why s, which ParseDate could not read, is not a date: its shape, its month
// or its day.
func dateError(s string) *ParseError {
	e := &ParseError{What: "date", Input: s, Reason: "want YYYY-MM-DD"}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !digitsOnly(s[:4]) || !digitsOnly(s[5:7]) || !digitsOnly(s[8:]) {
		return e
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	switch {
	case y < 1:
		e.Reason = "there is no year 0000"
	case m < 1 || m > 12:
		e.Reason = fmt.Sprintf("there is no month %d", m)
	case d < 1 || d > daysIn(y, time.Month(m)):
		e.Reason = fmt.Sprintf("not a calendar date: %s %d has %d days", time.Month(m), y, daysIn(y, time.Month(m)))
	}
	return e
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
