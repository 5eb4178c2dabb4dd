package wire

import "bytes"

// OneLanguage rewrites compact JSON so that every zh/en pair keeps only lang ("zh" or "en"):
// {"zh":"符合","en":"qualified"} becomes {"en":"qualified"}. A pair is an object of exactly
// "zh" then "en", both strings, as encoding/json writes a smetier.Text without indentation;
// other values are left as they are. Any other lang returns the input.
func OneLanguage(compact []byte, lang string) []byte {
	if lang != "zh" && lang != "en" {
		return compact
	}
	open := []byte(`{"zh":"`)
	i := bytes.Index(compact, open)
	if i < 0 {
		return compact
	}
	out := make([]byte, 0, len(compact))
	for i >= 0 {
		out = append(out, compact[:i]...)
		rest := compact[i:]
		// {"zh":"…","en":"…"}
		zhEnd := stringEnd(rest, len(open)-1)
		ok := zhEnd > 0 && bytes.HasPrefix(rest[zhEnd:], []byte(`,"en":"`))
		enEnd := -1
		if ok {
			enEnd = stringEnd(rest, zhEnd+len(`,"en":`))
			ok = enEnd > 0 && enEnd < len(rest) && rest[enEnd] == '}'
		}
		if !ok {
			out = append(out, rest[0])
			compact = rest[1:]
		} else {
			if lang == "zh" {
				out = append(out, rest[:zhEnd]...)
			} else {
				out = append(out, '{')
				out = append(out, rest[zhEnd+1:enEnd]...)
			}
			out = append(out, '}')
			compact = rest[enEnd+1:]
		}
		i = bytes.Index(compact, open)
	}
	return append(out, compact...)
}

// stringEnd returns the index just past the JSON string that starts with the quote at b[at],
// or -1.
func stringEnd(b []byte, at int) int {
	if at >= len(b) || b[at] != '"' {
		return -1
	}
	for j := at + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}
