package jsonschema

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// Draft is the JSON Schema dialect of every schema this package writes.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Schema is a JSON Schema (draft 2020-12) object. Only the keywords this package writes are
// fields; properties keep the order of the Go struct fields.
type Schema struct {
	Schema               string             `json:"$schema,omitempty"`
	ID                   string             `json:"$id,omitempty"`
	Ref                  string             `json:"$ref,omitempty"`
	Title                string             `json:"title,omitempty"`
	Description          string             `json:"description,omitempty"`
	Type                 Types              `json:"type,omitempty"`
	Enum                 []string           `json:"enum,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	Format               string             `json:"format,omitempty"`
	Minimum              *float64           `json:"minimum,omitempty"`
	Maximum              *float64           `json:"maximum,omitempty"`
	Properties           Properties         `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	PropertyNames        *Schema            `json:"propertyNames,omitempty"`
	AdditionalProperties any                `json:"additionalProperties,omitempty"` // false or *Schema
	Items                *Schema            `json:"items,omitempty"`
	AnyOf                []*Schema          `json:"anyOf,omitempty"`
	Examples             []any              `json:"examples,omitempty"`
	Defs                 map[string]*Schema `json:"$defs,omitempty"`
}

// Types is the "type" keyword: one JSON type name, or a list when a value may have several
// (e.g. ["integer", "null"] for an optional number).
type Types []string

// MarshalJSON writes a single type as a string and several as an array.
func (t Types) MarshalJSON() ([]byte, error) {
	if len(t) == 1 {
		return json.Marshal(t[0])
	}
	return json.Marshal([]string(t))
}

// Property is one entry of the "properties" keyword.
type Property struct {
	Name   string
	Schema *Schema
}

// Properties is the "properties" keyword, in field order.
type Properties []Property

// MarshalJSON writes the properties as a JSON object in order.
func (ps Properties) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := marshalNoEscape(p.Name)
		b.Write(k)
		b.WriteByte(':')
		v, err := marshalNoEscape(p.Schema)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Nullable returns a schema that also accepts null.
func Nullable(s *Schema) *Schema {
	if s.Ref != "" || len(s.AnyOf) > 0 || len(s.Type) == 0 {
		return &Schema{AnyOf: []*Schema{s, {Type: Types{"null"}}}}
	}
	c := *s
	c.Type = append(append(Types(nil), s.Type...), "null")
	return &c
}

// Generator builds schemas from Go types by reflection, following encoding/json: a field is
// named by its json tag, a pointer, slice or map may be null, and a field without omitempty or
// omitzero that is not a pointer is required. Named struct types and named types with a
// registered schema become $defs entries referenced with $ref.
type Generator struct {
	// Types gives the schema of types that encode themselves (json.Marshaler) or that reflection
	// cannot describe fully, such as string enums. The schema is placed in $defs under the type's
	// name.
	Types map[reflect.Type]*Schema
	// Doc returns the description of a type ("Profile") or of a field ("Profile.Name", by Go
	// names); empty for none. It may be nil.
	Doc func(key string) string
	// Field adjusts the schema of a struct field after it is built, e.g. to add a pattern. Keys
	// are "Type.GoField". Every key must name a field that is reached, or Generate fails.
	Field map[string]func(*Schema)

	defs map[string]*Schema
	seen map[string]reflect.Type
	used map[string]bool
}

// Generate returns the schema of type t. The root type is described inline; every other named
// struct is in $defs.
func (g *Generator) Generate(t reflect.Type) (*Schema, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	g.defs = map[string]*Schema{}
	g.seen = map[string]reflect.Type{}
	g.used = map[string]bool{}
	root, err := g.object(t)
	if err != nil {
		return nil, err
	}
	for k := range g.Field {
		if !g.used[k] {
			return nil, fmt.Errorf("schema: field adjustment %q names no field", k)
		}
	}
	root.Schema = Draft
	root.Title = t.Name()
	if len(g.defs) > 0 {
		root.Defs = g.defs
	}
	return root, nil
}

func (g *Generator) doc(key string) string {
	if g.Doc == nil {
		return ""
	}
	return g.Doc(key)
}

var (
	marshalerType   = reflect.TypeFor[json.Marshaler]()
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func custom(t reflect.Type) bool {
	for _, i := range []reflect.Type{marshalerType, unmarshalerType, textUnmarshaler} {
		if t.Implements(i) || reflect.PointerTo(t).Implements(i) {
			return true
		}
	}
	return false
}

// ref registers the schema of named type t in $defs (building it with build on first use) and
// returns a reference to it.
func (g *Generator) ref(t reflect.Type, build func() (*Schema, error)) (*Schema, error) {
	name := t.Name()
	if prev, ok := g.seen[name]; ok {
		if prev != t {
			return nil, fmt.Errorf("schema: two types named %s (%s and %s)", name, prev, t)
		}
		return &Schema{Ref: "#/$defs/" + name}, nil
	}
	g.seen[name] = t
	s, err := build()
	if err != nil {
		return nil, err
	}
	if s.Description == "" {
		s.Description = g.doc(name)
	}
	g.defs[name] = s
	return &Schema{Ref: "#/$defs/" + name}, nil
}

// of returns the schema of a value of type t.
func (g *Generator) of(t reflect.Type) (*Schema, error) {
	if s, ok := g.Types[t]; ok {
		return g.ref(t, func() (*Schema, error) { c := *s; return &c, nil })
	}
	if t.Kind() != reflect.Pointer && custom(t) {
		return nil, fmt.Errorf("schema: %s encodes itself to JSON; register its schema in Generator.Types", t)
	}
	switch t.Kind() {
	case reflect.Pointer:
		s, err := g.of(t.Elem())
		if err != nil {
			return nil, err
		}
		return Nullable(s), nil
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		return g.ref(t, func() (*Schema, error) { return g.object(t) })
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return &Schema{Type: Types{"string"}, Format: "byte"}, nil
		}
		items, err := g.of(t.Elem())
		if err != nil {
			return nil, err
		}
		if t.Kind() == reflect.Array {
			return &Schema{Type: Types{"array"}, Items: items}, nil
		}
		return &Schema{Type: Types{"array", "null"}, Items: items}, nil
	case reflect.Map:
		vals, err := g.of(t.Elem())
		if err != nil {
			return nil, err
		}
		s := &Schema{Type: Types{"object", "null"}, AdditionalProperties: vals}
		switch t.Key().Kind() {
		case reflect.String:
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			s.PropertyNames = &Schema{Pattern: "^-?[0-9]+$"}
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			s.PropertyNames = &Schema{Pattern: "^[0-9]+$"}
		default:
			return nil, fmt.Errorf("schema: map key type %s has no JSON form", t.Key())
		}
		return s, nil
	case reflect.String:
		if t.Name() != "string" && t.PkgPath() != "" {
			return nil, fmt.Errorf("schema: named string type %s: register its values in Generator.Types", t)
		}
		return &Schema{Type: Types{"string"}}, nil
	case reflect.Bool:
		return &Schema{Type: Types{"boolean"}}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &Schema{Type: Types{"integer"}}, nil
	case reflect.Float32, reflect.Float64:
		return &Schema{Type: Types{"number"}}, nil
	case reflect.Interface:
		return &Schema{}, nil
	}
	return nil, fmt.Errorf("schema: %s (%s) has no JSON form", t, t.Kind())
}

// field is one JSON property of a struct.
type field struct {
	name     string
	goName   string
	typ      reflect.Type
	optional bool
}

// fields lists the JSON properties of struct t as encoding/json sees them: exported fields, json
// tag names, "-" skipped, untagged embedded structs flattened.
func fields(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				out = append(out, fields(et)...)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		optional := f.Type.Kind() == reflect.Pointer
		for _, o := range strings.Split(opts, ",") {
			if o == "omitempty" || o == "omitzero" {
				optional = true
			}
		}
		out = append(out, field{name: name, goName: f.Name, typ: f.Type, optional: optional})
	}
	return out
}

func (g *Generator) object(t reflect.Type) (*Schema, error) {
	s := &Schema{Type: Types{"object"}, AdditionalProperties: false}
	if t.Name() != "" {
		s.Description = g.doc(t.Name())
	}
	for _, f := range fields(t) {
		fs, err := g.of(f.typ)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name(), f.goName, err)
		}
		key := t.Name() + "." + f.goName
		if d := g.doc(key); d != "" {
			if fs.Ref != "" || len(fs.AnyOf) > 0 {
				// Keep the reference pure and describe the property beside it.
				fs = &Schema{Description: d, AnyOf: fs.AnyOf, Ref: fs.Ref}
			} else {
				c := *fs
				c.Description = d
				fs = &c
			}
		}
		if adj, ok := g.Field[key]; ok {
			c := *fs
			adj(&c)
			fs = &c
			g.used[key] = true
		}
		s.Properties = append(s.Properties, Property{Name: f.name, Schema: fs})
		if !f.optional {
			s.Required = append(s.Required, f.name)
		}
	}
	return s, nil
}

// marshalNoEscape is json.Marshal without HTML escaping ("R&D" stays readable).
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
