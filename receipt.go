package smetier

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
)

// ReceiptVersion numbers the canonical encoding a receipt's digest is taken over. It changes only
// when that encoding changes; the same input then keeps its digest across library releases.
const ReceiptVersion = 1

// Receipt is what decided a report, and a digest of it: the rule catalog, the rule sets applied
// with their periods, the place, the date, the application kind and the profile. An enterprise,
// a portal and an authority that hold the same profile and options compute the same digest, on
// every platform (the browser build included); a different digest means they are not talking
// about the same verdict.
type Receipt struct {
	// Digest is "sha256:" followed by the hex SHA-256 of the canonical encoding of ReceiptInput.
	Digest string `json:"digest"`
	// Catalog is the catalog version (criteria.Catalog.Version): a hash of the rule files.
	Catalog string `json:"catalog"`
	// RuleSets lists the rule sets the verdicts were reached under, in ladder order.
	RuleSets []RuleSetPeriod `json:"rule_sets,omitempty"`
}

// RuleSetPeriod names a rule set and the period it is in force.
type RuleSetPeriod struct {
	ID    string `json:"id"`
	From  Date   `json:"from"`
	Until *Date  `json:"until,omitempty"`
}

// ReceiptInput is everything a receipt's digest covers.
type ReceiptInput struct {
	// Catalog is the catalog version; RuleSets the rule sets applied, in ladder order;
	// SizeStandard the id of the size standard in force.
	Catalog      string          `json:"catalog"`
	RuleSets     []RuleSetPeriod `json:"rule_sets"`
	SizeStandard string          `json:"size_standard,omitempty"`
	// Region is the division code judged in, AsOf the date of judgement, Renewal the kind of
	// application, Verdicts the tiers (and local programs) the report answers for.
	Region   string   `json:"region"`
	AsOf     Date     `json:"as_of"`
	Renewal  bool     `json:"renewal"`
	Verdicts []string `json:"verdicts"`
	// Profile is the enterprise as judged.
	Profile *Profile `json:"profile"`
	// Judgements are declarations passed with the call rather than in the profile.
	Judgements []Declaration `json:"judgements,omitempty"`
}

// Canonical returns the bytes the digest is taken over: the JSON object
// {"receipt": ReceiptVersion, ...the fields of in...} with the profile as the JSON contract
// encodes it (amounts in yuan, dates as YYYY-MM-DD, absent fields left out), then every object's
// keys sorted, no insignificant white space, numbers as encoding/json writes them (the shortest
// form that reads back the same, as JavaScript's Number.prototype.toString), and strings with
// only ", \ and control characters escaped — RFC 8785 (JSON Canonicalization Scheme) for
// everything a profile holds. Fields that are absent never change the encoding, so adding an
// optional profile field in a later release leaves the digests of existing profiles unchanged.
func (in *ReceiptInput) Canonical() ([]byte, error) {
	type wrapped struct {
		Receipt int `json:"receipt"`
		*ReceiptInput
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(wrapped{ReceiptVersion, in}); err != nil {
		return nil, err
	}
	raw := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	out := make([]byte, 0, len(raw))
	out, rest := sortKeys(out, raw)
	if len(rest) != 0 {
		return nil, fmt.Errorf("smetier: canonical encoding: %d bytes left over", len(rest))
	}
	return out, nil
}

// sortKeys copies the JSON value at the start of b (compact, as encoding/json writes it) to out
// with every object's members in key order, and returns the rest of b. Strings and numbers are
// copied as they are. Keys are compared as bytes: the profile's keys are ASCII, for which that
// is RFC 8785's order.
func sortKeys(out, b []byte) ([]byte, []byte) {
	if len(b) == 0 {
		return out, b
	}
	switch b[0] {
	case '{':
		type member struct{ key, val []byte }
		var ms []member
		b = b[1:]
		for len(b) > 0 && b[0] != '}' {
			if b[0] == ',' {
				b = b[1:]
			}
			n := stringLen(b)
			key := b[:n]
			b = b[n+1:] // the key and its colon
			var val []byte
			val, b = sortKeys(nil, b)
			ms = append(ms, member{key, val})
		}
		slices.SortFunc(ms, func(x, y member) int { return bytes.Compare(x.key, y.key) })
		out = append(out, '{')
		for i, m := range ms {
			if i > 0 {
				out = append(out, ',')
			}
			out = append(out, m.key...)
			out = append(out, ':')
			out = append(out, m.val...)
		}
		return append(out, '}'), b[min(1, len(b)):]
	case '[':
		out = append(out, '[')
		b = b[1:]
		for len(b) > 0 && b[0] != ']' {
			if b[0] == ',' {
				out = append(out, ',')
				b = b[1:]
			}
			out, b = sortKeys(out, b)
		}
		return append(out, ']'), b[min(1, len(b)):]
	case '"':
		n := stringLen(b)
		return append(out, b[:n]...), b[n:]
	}
	// A number, true, false or null: up to the next delimiter.
	n := 0
	for n < len(b) && b[n] != ',' && b[n] != '}' && b[n] != ']' {
		n++
	}
	return append(out, b[:n]...), b[n:]
}

// stringLen returns the length of the JSON string at the start of b, quotes included.
func stringLen(b []byte) int {
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// Digest returns "sha256:" and the hex SHA-256 of the canonical encoding.
func (in *ReceiptInput) Digest() (string, error) {
	b, err := in.Canonical()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}
