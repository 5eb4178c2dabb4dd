package smetier

import (
	"errors"
	"fmt"
	"strings"
)

// creditCodeChars is the GB 32100-2015 code set: digits and upper-case letters without I, O, S,
// V and Z, in the order that gives each character its value 0–30.
const creditCodeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCodeWeights are the GB 32100-2015 weights 3^(i) mod 31 for positions 1–17.
var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// ErrCreditCode is matched (errors.Is) by every error ValidateCreditCode returns.
var ErrCreditCode = errors.New("invalid unified social credit code")

func creditCodeError(code, reason string) error {
	return &ParseError{What: "unified social credit code", Input: code, Reason: reason, Err: ErrCreditCode}
}

// ValidateCreditCode checks a 统一社会信用代码: 18 characters from the GB 32100-2015 code set with
// a correct check character in position 18. Its errors are *ParseError matching ErrCreditCode.
func ValidateCreditCode(code string) error {
	if len(code) != 18 {
		return creditCodeError(code, fmt.Sprintf("want 18 characters, got %d", len(code)))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(creditCodeChars, code[i])
		if v < 0 {
			return creditCodeError(code, fmt.Sprintf("character %q at position %d is not in the GB 32100 code set", code[i], i+1))
		}
		sum += v * creditCodeWeights[i]
	}
	want := creditCodeChars[(31-sum%31)%31]
	if code[17] != want {
		return creditCodeError(code, fmt.Sprintf("check character is %q, want %q", code[17], want))
	}
	return nil
}
