package schema_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier/schema"
)

// The public schema is the checked-in one (internal/jsonschema keeps that file in step with
// the Go types), in the dialect Draft names, and a caller cannot change another's copy.
func TestProfile(t *testing.T) {
	have, err := os.ReadFile("../testdata/profile.schema.json")
	require.NoError(t, err)
	b := schema.Profile()
	require.Equal(t, string(have), string(b))
	var s struct {
		Schema string `json:"$schema"`
	}
	require.NoError(t, json.Unmarshal(b, &s))
	assert.Equal(t, schema.Draft, s.Schema)
	b[0] = 'x'
	assert.Equal(t, string(have), string(schema.Profile()), "Profile returns a copy")
}
