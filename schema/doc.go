// Package schema gives the JSON Schema (draft 2020-12) of smetier.Profile, the JSON contract
// that portals and services send: validate a profile with your JSON Schema tool before you send
// it, or generate forms and drop-downs from it.
//
//	os.Stdout.Write(schema.Profile())
//
// The schema follows encoding/json and Profile.Validate: properties are named as in JSON and
// keep the order of the Go fields; a field that may be unknown may be null or left out; objects
// accept no undeclared property. Money is a number or a decimal string in yuan, Date a
// "YYYY-MM-DD" string; the string enums (IPKind, Level, AwardKind, CertKind, TitleKind,
// IncidentKind, StandardLevel) are $defs listing their values (a TitleKind may also be a local
// program's id: any snake_case string, which the engine checks against its rule catalog).
// Descriptions are the doc comments of the Go types and fields, and the formats and ranges are
// those Profile.Validate checks.
//
// The same bytes are served by the HTTP API (GET /v1/schema), printed by `smetier schema` and
// checked in as testdata/profile.schema.json, which a test keeps in sync.
package schema
