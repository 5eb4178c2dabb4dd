package ruletest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// value is a profile fragment as written in YAML, turned into JSON's data model while keeping
// the line of every node, so that a field the profile decoder rejects can be traced back to the
// line that wrote it (in the case or in defaults).
type value struct {
	line, col int
	kind      valueKind
	keys      []string          // object keys, in order
	fields    map[string]*value // object members
	items     []*value          // array items
	raw       []byte            // scalar as JSON text
}

type valueKind int

const (
	scalarValue valueKind = iota
	objectValue
	arrayValue
)

// maxDepth bounds the nesting of a fragment (and so the alias chains YAML allows); a profile is
// four levels deep. maxValues bounds the values a fragment expands to: aliases of aliases grow
// exponentially ("billion laughs"), which a short file must not turn into a hang.
const (
	maxDepth  = 64
	maxValues = 100_000
)

// fromYAML converts a YAML node to a value. Keys are kept as written (an unquoted 2025 is the
// key "2025"); scalars keep their YAML type (an unquoted 370200 is a number, which the profile
// decoder then rejects where a string is wanted, as it would in JSON).
func fromYAML(n *yaml.Node, depth int, budget *int) (*value, error) {
	if depth > maxDepth {
		return nil, posErrorf(n, "nested more than %d levels", maxDepth)
	}
	if *budget--; *budget < 0 {
		return nil, posErrorf(n, "more than %d values (aliases expand to copies)", maxValues)
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil, posErrorf(n, "unresolved alias")
		}
		return fromYAML(n.Alias, depth+1, budget)
	}
	v := &value{line: n.Line, col: n.Column}
	switch n.Kind {
	case yaml.MappingNode:
		v.kind, v.fields = objectValue, map[string]*value{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, posErrorf(k, "a key must be a plain name or number")
			}
			if k.Tag == "!!merge" {
				return nil, posErrorf(k, "merge keys (<<) are not supported: put shared fields in defaults")
			}
			if prev, dup := v.fields[k.Value]; dup {
				return nil, posErrorf(k, "key %q repeated (first at line %d)", k.Value, prev.line)
			}
			m, err := fromYAML(val, depth+1, budget)
			if err != nil {
				return nil, err
			}
			// A member's position is its key's: that is where an "unknown field" is.
			m.line, m.col = k.Line, k.Column
			v.keys = append(v.keys, k.Value)
			v.fields[k.Value] = m
		}
	case yaml.SequenceNode:
		v.kind = arrayValue
		for _, it := range n.Content {
			m, err := fromYAML(it, depth+1, budget)
			if err != nil {
				return nil, err
			}
			v.items = append(v.items, m)
		}
	case yaml.ScalarNode:
		raw, err := scalarJSON(n)
		if err != nil {
			return nil, err
		}
		v.raw = raw
	default:
		return nil, posErrorf(n, "unexpected YAML node")
	}
	return v, nil
}

// scalarJSON is the JSON text of a YAML scalar. Numbers keep their literal text where it is
// valid JSON, so that an amount such as 12345.67 reaches the exact-decimal decoder unrounded.
func scalarJSON(n *yaml.Node) ([]byte, error) {
	switch n.ShortTag() {
	case "!!null":
		return []byte("null"), nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, posErrorf(n, "%v", err)
		}
		return strconv.AppendBool(nil, b), nil
	case "!!int":
		if isJSONNumber(n.Value) {
			return []byte(n.Value), nil
		}
		var i int64
		if err := n.Decode(&i); err != nil {
			return nil, posErrorf(n, "%s is not a number the profile can hold", n.Value)
		}
		return strconv.AppendInt(nil, i, 10), nil
	case "!!float":
		if isJSONNumber(n.Value) {
			return []byte(n.Value), nil
		}
		var f float64
		if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, posErrorf(n, "%s is not a number the profile can hold", n.Value)
		}
		return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
	}
	// Strings, and dates written without quotes (a YAML timestamp): the profile reads dates as
	// "YYYY-MM-DD" strings.
	return json.Marshal(n.Value)
}

func isJSONNumber(s string) bool {
	if s == "" || s[0] == '+' || s[0] == '.' {
		return false
	}
	var n json.Number
	return json.Unmarshal([]byte(s), &n) == nil && strings.TrimSpace(s) == s
}

// merge returns over laid on base: objects merge key by key (base's keys first, in order, then
// over's new ones); anything else in over replaces base. Neither argument is modified.
func merge(base, over *value) *value {
	switch {
	case base == nil:
		return over
	case over == nil:
		return base
	case base.kind != objectValue || over.kind != objectValue:
		return over
	}
	out := &value{line: over.line, col: over.col, kind: objectValue, fields: make(map[string]*value, len(base.fields)+len(over.fields))}
	for _, k := range base.keys {
		out.keys = append(out.keys, k)
		out.fields[k] = merge(base.fields[k], over.fields[k])
	}
	for _, k := range over.keys {
		if _, ok := base.fields[k]; !ok {
			out.keys = append(out.keys, k)
			out.fields[k] = over.fields[k]
		}
	}
	return out
}

// json writes v as JSON.
func (v *value) json(b *bytes.Buffer) {
	switch v.kind {
	case objectValue:
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kj, _ := json.Marshal(k)
			b.Write(kj)
			b.WriteByte(':')
			v.fields[k].json(b)
		}
		b.WriteByte('}')
	case arrayValue:
		b.WriteByte('[')
		for i, it := range v.items {
			if i > 0 {
				b.WriteByte(',')
			}
			it.json(b)
		}
		b.WriteByte(']')
	default:
		b.Write(v.raw)
	}
}

// lineOf returns the line of the deepest node on a profile path such as "years.2025.rd_expense"
// or "ip[0].kind" (the paths the profile decoder and validator report), or v's own line.
func (v *value) lineOf(path string) int {
	line := v.line
	cur := v
	for path != "" && cur != nil {
		var seg string
		if path[0] == '[' {
			end := strings.IndexByte(path, ']')
			if end < 0 {
				break
			}
			i, err := strconv.Atoi(path[1:end])
			path = strings.TrimPrefix(path[end+1:], ".")
			if err != nil || cur.kind != arrayValue || i < 0 || i >= len(cur.items) {
				break
			}
			cur = cur.items[i]
			line = cur.line
			continue
		}
		end := strings.IndexAny(path, ".[")
		if end < 0 {
			seg, path = path, ""
		} else {
			seg, path = path[:end], strings.TrimPrefix(path[end:], ".")
		}
		if cur.kind != objectValue || cur.fields[seg] == nil {
			break
		}
		cur = cur.fields[seg]
		line = cur.line
	}
	return line
}

// posError is a problem at a YAML node, before the case it belongs to is known.
type posError struct {
	line, col int
	msg       string
}

func (e *posError) Error() string { return e.msg }

func posErrorf(n *yaml.Node, format string, args ...any) error {
	return &posError{line: n.Line, col: n.Column, msg: fmt.Sprintf(format, args...)}
}
