package wire

import (
	"bytes"
	"regexp"
)

// textPair matches a smetier.Text as encoding/json writes it without indentation: an object of
// exactly "zh" then "en", both strings.
var textPair = regexp.MustCompile(`\{"zh":("(?:[^"\\]|\\.)*"),"en":("(?:[^"\\]|\\.)*")\}`)

// OneLanguage rewrites compact JSON so that every zh/en pair keeps only lang ("zh" or "en"):
// {"zh":"符合","en":"qualified"} becomes {"en":"qualified"}. Other values are left as they are.
func OneLanguage(compact []byte, lang string) []byte {
	var repl []byte
	switch lang {
	case "zh":
		repl = []byte(`{"zh":$1}`)
	case "en":
		repl = []byte(`{"en":$2}`)
	default:
		return compact
	}
	if !bytes.Contains(compact, []byte(`"zh":`)) {
		return compact
	}
	return textPair.ReplaceAll(compact, repl)
}
