package smetier_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// gbCharset is the GB 32100-2015 code set, written out independently of the package.
const gbCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// refCheckChar computes the GB 32100-2015 check character of a 17-character body from first
// principles (weights 3^i mod 31), as an oracle independent of ValidateCreditCode.
func refCheckChar(t testing.TB, body string) byte {
	t.Helper()
	require.Len(t, body, 17)
	sum, w := 0, 1
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(gbCharset, body[i])
		require.GreaterOrEqual(t, v, 0, "body char %q", body[i])
		sum += v * w
		w = w * 3 % 31
	}
	return gbCharset[(31-sum%31)%31]
}

func withCheck(t testing.TB, body string) string {
	t.Helper()
	return body + string(refCheckChar(t, body))
}

func TestValidateCreditCodeValid(t *testing.T) {
	codes := []struct {
		name string
		code string
	}{
		{"GB 32100 official sample", "91350100M000100Y43"},
		{"company", "91110000600037341L"},
		{"testdata shenzhen-precision", "91440300MA5F0XKQ86"},
	}
	for _, tt := range codes {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, smetier.ValidateCreditCode(tt.code))
			assert.Equal(t, tt.code[17], refCheckChar(t, tt.code[:17]), "oracle agrees")
		})
	}

	t.Run("every check character value is reachable", func(t *testing.T) {
		seen := map[byte]bool{}
		base := []byte("91440300MA5F0XKQ8")
		for _, c := range gbCharset {
			body := append([]byte(nil), base...)
			body[16] = byte(c)
			code := withCheck(t, string(body))
			require.NoError(t, smetier.ValidateCreditCode(code), code)
			seen[code[17]] = true
		}
		assert.Len(t, seen, 31, "varying one position through the whole code set hits every check value")
	})
}

func TestValidateCreditCodeInvalid(t *testing.T) {
	const sample = "91350100M000100Y43"
	tests := []struct {
		name string
		code string
		msg  string // substring of the error message
	}{
		{"wrong check char", "91350100M000100Y44", "check character"},
		{"wrong check char letter", "91350100M000100Y4A", "check character"},
		{"wrong check char on second sample", "91110000600037341K", "check character"},
		{"transposed digits", "19350100M000100Y43", "check character"},
		{"empty", "", "want 18 characters"},
		{"17 chars", sample[:17], "want 18 characters"},
		{"19 chars", sample + "0", "want 18 characters"},
		{"15-digit old registration number", "110000000000000", "want 18 characters"},
		{"surrounding spaces", " " + sample + " ", "want 18 characters"},
		{"multibyte char (18 runes, more bytes)", "91350100M000100Y4三", "want 18 characters"},
		{"full-width", "９１３５０１００Ｍ０００１００Ｙ４３", "want 18 characters"},
		{"letter I", "91350100I000100Y43", "not in the GB 32100 code set"},
		{"letter O", "91350100O000100Y43", "not in the GB 32100 code set"},
		{"letter S", "91350100S000100Y43", "not in the GB 32100 code set"},
		{"letter V", "91350100V000100Y43", "not in the GB 32100 code set"},
		{"letter Z", "91350100Z000100Y43", "not in the GB 32100 code set"},
		{"lowercase", strings.ToLower(sample), "not in the GB 32100 code set"},
		{"lowercase first", "m1350100M000100Y43", "not in the GB 32100 code set"},
		{"hyphen", "91350100-000100Y43", "not in the GB 32100 code set"},
		{"space inside", "91350100 000100Y43", "not in the GB 32100 code set"},
		{"NUL byte", "91350100\x00000100Y43", "not in the GB 32100 code set"},
		{"illegal check char I", "91350100M000100Y4I", "check character"},
		{"illegal check char Z", "91350100M000100Y4Z", "check character"},
		{"lowercase check char", "91110000600037341l", "check character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := smetier.ValidateCreditCode(tt.code)
			require.Error(t, err)
			assert.True(t, errors.Is(err, smetier.ErrCreditCode), "errors.Is(err, ErrCreditCode): %v", err)
			assert.ErrorIs(t, err, smetier.ErrCreditCode)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

// GB 32100's mod-31 check with weights coprime to 31 detects every single-character error.
func TestValidateCreditCodeDetectsSingleSubstitution(t *testing.T) {
	for _, code := range []string{"91350100M000100Y43", "91110000600037341L"} {
		t.Run(code, func(t *testing.T) {
			for pos := 0; pos < 18; pos++ {
				for _, c := range gbCharset {
					if byte(c) == code[pos] {
						continue
					}
					mutated := code[:pos] + string(c) + code[pos+1:]
					err := smetier.ValidateCreditCode(mutated)
					if !assert.Error(t, err, "position %d → %q: %s", pos+1, c, mutated) {
						return
					}
					assert.ErrorIs(t, err, smetier.ErrCreditCode)
				}
			}
		})
	}
}

func TestValidateCreditCodeMatchesOracle(t *testing.T) {
	bodies := []string{
		"00000000000000000", "YYYYYYYYYYYYYYYYY", "12345678901234567", "ABCDEFGHJKLMNPQRT",
		"91440300MA5F0XKQ8", "52100000500021676", "11100000000013127", "93330106MA2GL1PX1",
	}
	for _, body := range bodies {
		t.Run(body, func(t *testing.T) {
			good := withCheck(t, body)
			require.NoError(t, smetier.ValidateCreditCode(good))
			for _, c := range gbCharset {
				if byte(c) == good[17] {
					continue
				}
				assert.Error(t, smetier.ValidateCreditCode(body+string(c)))
			}
		})
	}
}

func FuzzValidateCreditCode(f *testing.F) {
	for _, s := range []string{
		"91350100M000100Y43", "91110000600037341L", "91440300MA5F0XKQ86",
		"91350100M000100Y44", "", "9", "91350100I000100Y43", "91350100m000100y43",
		"91350100M000100Y4三", "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0\xef\xee",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := smetier.ValidateCreditCode(s)
		if err != nil {
			if !errors.Is(err, smetier.ErrCreditCode) {
				t.Fatalf("error %v does not match ErrCreditCode", err)
			}
			return
		}
		if len(s) != 18 {
			t.Fatalf("accepted %q of length %d", s, len(s))
		}
		for i := 0; i < 18; i++ {
			if strings.IndexByte(gbCharset, s[i]) < 0 {
				t.Fatalf("accepted %q with character %q outside the code set", s, s[i])
			}
		}
		if want := refCheckChar(t, s[:17]); s[17] != want {
			t.Fatalf("accepted %q, oracle check character is %q", s, want)
		}
	})
}
