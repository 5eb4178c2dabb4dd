package jsonschema_test

import (
	"encoding/json"
	"fmt"
	"log"
	"reflect"

	"github.com/smetier/smetier/internal/jsonschema"
)

// The generator works for any type; pointers become optional and nullable.
func ExampleGenerator() {
	type Contact struct {
		Name  string  `json:"name"`
		Phone *string `json:"phone,omitempty"`
	}
	s, err := (&jsonschema.Generator{}).Generate(reflect.TypeFor[Contact]())
	if err != nil {
		log.Fatal(err)
	}
	b, _ := json.Marshal(s)
	fmt.Println(string(b))
	// Output:
	// {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Contact","type":"object","properties":{"name":{"type":"string"},"phone":{"type":["string","null"]}},"required":["name"],"additionalProperties":false}
}
