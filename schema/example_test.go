package schema_test

import (
	"encoding/json"
	"fmt"
	"log"
	"reflect"

	"github.com/smetier/smetier/schema"
)

// The profile schema lists the enum values a portal's drop-downs need.
func ExampleProfile() {
	var s struct {
		Defs map[string]struct {
			Enum []string `json:"enum"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.Profile(), &s); err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Defs["Level"].Enum)
	// Output:
	// [national provincial municipal district]
}

// The generator works for any type; pointers become optional and nullable.
func ExampleGenerator() {
	type Contact struct {
		Name  string  `json:"name"`
		Phone *string `json:"phone,omitempty"`
	}
	s, err := (&schema.Generator{}).Generate(reflect.TypeFor[Contact]())
	if err != nil {
		log.Fatal(err)
	}
	b, _ := json.Marshal(s)
	fmt.Println(string(b))
	// Output:
	// {"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Contact","type":"object","properties":{"name":{"type":"string"},"phone":{"type":["string","null"]}},"required":["name"],"additionalProperties":false}
}
