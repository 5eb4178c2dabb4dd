// Package schema writes JSON Schemas (draft 2020-12) generated from Go types by reflection, and
// the schema of smetier.Profile, the JSON contract that portals and services send.
//
// The generator follows encoding/json: properties are named by json tags and keep the order of
// the struct fields; a pointer, slice or map may be null and is optional; a field without
// omitempty or omitzero that is not a pointer is required; objects accept no undeclared property.
// Named structs go to $defs. Types that encode themselves are described by Generator.Types:
// for the profile, Money is a number or a decimal string in yuan and Date a "YYYY-MM-DD" string,
// and the string enums (IPKind, Level, AwardKind, CertKind, TitleKind, IncidentKind,
// StandardLevel) list the values of their constants (a TitleKind may also be a local program's
// id: any snake_case string, which the engine checks against its rule catalog). Descriptions are
// the doc comments of the Go types and fields.
//
//	os.Stdout.Write(schema.Profile())
//
// The same bytes are served by the HTTP API (GET /v1/schema), printed by `smetier schema` and
// checked in as testdata/profile.schema.json, which a test keeps in sync.
package schema
