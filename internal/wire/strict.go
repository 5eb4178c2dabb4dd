package wire

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"sync"

	"github.com/smetier/smetier"
)

// The strict key check reads every object of a profile and compares its keys with the JSON
// names of the Go type the object decodes into. It used to walk json.Decoder.Token, which
// allocates a token per key and value; over a ~1.7 KB profile that cost ten times the decoding
// itself. This is one pass over the bytes with the keys of each type looked up in a table built
// once, and it allocates only when it reports a problem.

// shape is what the key check needs to know of a Go type: whether its JSON objects have keys
// to check, and the shape of what its values decode into.
type shape struct {
	typ reflect.Type // with pointers removed; for the suggestion in a message
	// kind: shapeOpaque for a json.Unmarshaler or a type holding no object (its JSON is not
	// looked into), else the kind of container.
	kind   shapeKind
	elem   *shape            // map and list: the shape of the elements
	fields map[string]*shape // struct: the shape of each field by its exact JSON name
}

type shapeKind uint8

const (
	shapeOpaque shapeKind = iota
	shapeStruct
	shapeMap
	shapeList
)

// shapes caches the shape of each type the check has seen. A shape is computed from the type
// alone, so the cache only saves work; it changes no result.
var shapes sync.Map // reflect.Type → *shape

// shapeOf returns the shape of t, computing it the first time.
func shapeOf(t reflect.Type) *shape {
	if s, ok := shapes.Load(t); ok {
		return s.(*shape)
	}
	s := buildShape(t, map[reflect.Type]*shape{})
	actual, _ := shapes.LoadOrStore(t, s)
	return actual.(*shape)
}

// buildShape computes the shape of t; building holds the shapes under construction, so that a
// recursive type refers to itself rather than recursing forever.
func buildShape(t reflect.Type, building map[reflect.Type]*shape) *shape {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s, ok := building[t]; ok {
		return s
	}
	s := &shape{typ: t}
	building[t] = s
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return s // opaque: the type reads its JSON itself
	}
	switch t.Kind() {
	case reflect.Struct:
		s.kind = shapeStruct
		s.fields = map[string]*shape{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			n := jsonName(f)
			if _, dup := s.fields[n]; n == "" || dup {
				continue // the first field of a name is the one fieldByName finds
			}
			s.fields[n] = buildShape(f.Type, building)
		}
	case reflect.Map:
		s.kind = shapeMap
		s.elem = buildShape(t.Elem(), building)
	case reflect.Slice, reflect.Array:
		s.kind = shapeList
		s.elem = buildShape(t.Elem(), building)
	}
	return s
}

// strictKeys checks raw, valid JSON, against t: it reports every key that is not the exact
// JSON name of a field (so also a key that encoding/json matched only by ignoring case), and
// every key given twice in one object, with its path. It does not look into values that t
// decodes by itself (json.Unmarshaler) nor into values whose JSON kind t cannot hold (the
// decoder reports those).
func strictKeys(raw []byte, t reflect.Type) []*smetier.FieldError {
	k := keyCheck{b: raw}
	k.value(shapeOf(t))
	if k.bad {
		// Only when raw is not valid JSON, which callers have checked already.
		return []*smetier.FieldError{{Path: "", Msg: "invalid JSON"}}
	}
	return k.out
}

// keyCheck is one strict key check in progress.
type keyCheck struct {
	b   []byte
	i   int
	out []*smetier.FieldError
	// path is the path of the value being read, one step per object key or array index; it is
	// turned into a string only for a message.
	path []step
	bad  bool // the input is not valid JSON
}

type step struct {
	key   []byte // an object key as decoded, when index < 0
	index int
}

// pathString writes the path as DecodeProfile's messages do: "years.2025.rd_expense", "ip[1].kind".
func (k *keyCheck) pathString() string {
	p := ""
	for _, s := range k.path {
		switch {
		case s.index >= 0:
			p += "[" + strconv.Itoa(s.index) + "]"
		case p == "":
			p = string(s.key)
		default:
			p += "." + string(s.key)
		}
	}
	return p
}

func (k *keyCheck) report(msg string) {
	k.out = append(k.out, &smetier.FieldError{Path: k.pathString(), Msg: msg})
}

func (k *keyCheck) space() { k.i = skipSpace(k.b, k.i) }

// peek returns the next byte after white space, or 0 at the end (and marks the input bad: every
// caller expects more).
func (k *keyCheck) peek() byte {
	k.space()
	if k.i >= len(k.b) {
		k.bad = true
		return 0
	}
	return k.b[k.i]
}

// value reads one value that decodes into s.
func (k *keyCheck) value(s *shape) {
	switch c := k.peek(); {
	case k.bad:
	case c == '{' && (s.kind == shapeStruct || s.kind == shapeMap):
		k.object(s)
	case c == '[' && s.kind == shapeList:
		k.array(s.elem)
	default:
		k.skip()
	}
}

// smallObject is how many keys of one object are compared one by one before a map is used to
// find duplicates: profiles have objects of a few keys, a hostile input may have thousands.
const smallObject = 32

func (k *keyCheck) object(s *shape) {
	k.i++ // '{'
	if k.peek() == '}' {
		k.i++
		return
	}
	var small [smallObject][]byte
	seen := small[:0]
	var many map[string]bool
	for !k.bad {
		if k.peek() != '"' {
			k.bad = true
			return
		}
		key := k.key()
		if k.bad {
			return
		}
		dup := false
		if many != nil {
			dup = many[string(key)]
			many[string(key)] = true
		} else {
			for _, o := range seen {
				if string(o) == string(key) {
					dup = true
					break
				}
			}
			if len(seen) < smallObject {
				seen = append(seen, key)
			} else {
				many = make(map[string]bool, 2*smallObject)
				for _, o := range seen {
					many[string(o)] = true
				}
				many[string(key)] = true
			}
		}
		elem := s.elem
		if s.kind == shapeStruct {
			elem = s.fields[string(key)]
		}
		k.path = append(k.path, step{key: key, index: -1})
		if dup {
			k.report("given more than once")
		}
		if elem == nil {
			msg := "unknown field"
			if sg := suggest(s.typ, string(key)); sg != "" {
				msg += fmt.Sprintf(" (did you mean %q? keys are case-sensitive)", sg)
			}
			k.report(msg)
		}
		if k.peek() != ':' {
			k.bad = true
			return
		}
		k.i++
		if elem != nil {
			k.value(elem)
		} else {
			k.space()
			k.skip()
		}
		k.path = k.path[:len(k.path)-1]
		switch k.peek() {
		case ',':
			k.i++
		case '}':
			k.i++
			return
		default:
			k.bad = true
		}
	}
}

func (k *keyCheck) array(elem *shape) {
	k.i++ // '['
	if k.peek() == ']' {
		k.i++
		return
	}
	for i := 0; !k.bad; i++ {
		k.path = append(k.path, step{index: i})
		k.value(elem)
		k.path = k.path[:len(k.path)-1]
		switch k.peek() {
		case ',':
			k.i++
		case ']':
			k.i++
			return
		default:
			k.bad = true
		}
	}
}

// key reads an object key at k.i (a quote) and returns it as encoding/json decodes it: the
// bytes between the quotes when there is nothing to decode, which is almost always.
func (k *keyCheck) key() []byte {
	start := k.i
	plain := true
	for j := start + 1; j < len(k.b); j++ {
		switch c := k.b[j]; {
		case c == '"':
			k.i = j + 1
			if plain {
				return k.b[start+1 : j]
			}
			// Escapes, or bytes that may not be valid UTF-8 (replaced by U+FFFD): decoded as
			// the decoder does, so that "re\u0067ion" is the key region.
			var name string
			if err := json.Unmarshal(k.b[start:j+1], &name); err != nil {
				k.bad = true
				return nil
			}
			return []byte(name)
		case c == '\\':
			plain = false
			j++
		case c >= 0x80:
			plain = false
		}
	}
	k.bad = true
	return nil
}

// skip reads over one value, which starts at k.i, without looking into it.
func (k *keyCheck) skip() {
	depth := 0
	for k.i < len(k.b) {
		switch k.b[k.i] {
		case '"':
			k.skipString()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return // a scalar ended at its container's end
			}
			depth--
			if depth == 0 {
				k.i++
				return
			}
		case ',', ' ', '\t', '\r', '\n':
			if depth == 0 {
				return // a scalar ended
			}
		}
		k.i++
	}
}

// skipString reads over the string starting with the quote at k.i.
func (k *keyCheck) skipString() {
	for j := k.i + 1; j < len(k.b); j++ {
		switch k.b[j] {
		case '\\':
			j++
		case '"':
			k.i = j + 1
			return
		}
	}
	k.i = len(k.b)
	k.bad = true
}
