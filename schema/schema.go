package schema

import "github.com/smetier/smetier/internal/jsonschema"

// Draft is the JSON Schema dialect of the profile schema: its "$schema".
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Profile returns the JSON Schema (draft 2020-12) of smetier.Profile, indented, with a final
// newline. It is generated once from the Go types; every call returns a copy of its own.
func Profile() []byte { return append([]byte(nil), jsonschema.Profile()...) }
