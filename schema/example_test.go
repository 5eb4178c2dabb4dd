package schema_test

import (
	"encoding/json"
	"fmt"
	"log"

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
