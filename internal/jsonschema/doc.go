// Package jsonschema writes JSON Schemas (draft 2020-12) generated from Go types by reflection,
// and the schema of smetier.Profile that package schema publishes.
//
// The generator follows encoding/json: properties are named by json tags and keep the order of
// the struct fields; a pointer, slice or map may be null and is optional; a field without
// omitempty or omitzero that is not a pointer is required; objects accept no undeclared property.
// Named structs go to $defs. Types that encode themselves are described by Generator.Types:
// for the profile, Money is a number or a decimal string in yuan and Date a "YYYY-MM-DD" string,
// and the string enums list the values of their constants. Descriptions are the doc comments of
// the Go types and fields (docs_gen.go, generated from the smetier package's source by
// go test ./internal/jsonschema -run TestDocsUpToDate -update).
//
// It is internal because only this module generates schemas: package screen reads the profile
// schema as a Schema to lay out its spreadsheet columns.
package jsonschema
