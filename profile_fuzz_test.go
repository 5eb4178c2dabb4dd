package smetier_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/smetier/smetier"
)

// FuzzProfileJSON decodes arbitrary bytes as a profile: decoding and validation never panic, and
// a profile that decodes and validates survives a JSON round trip unchanged.
func FuzzProfileJSON(f *testing.F) {
	files, _ := filepath.Glob("testdata/profiles/*.json")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"years":{"2025":{"operating_revenue":"1.5","rd_expense":1e3}}}`))
	f.Add([]byte(`{"ip":[{"kind":"invention_patent","granted":"2024-02-30"}],"credit_code":"91350100M000100Y43"}`))
	f.Add([]byte(`{"evaluation_scores":{"2026":101},"titles":[{"kind":"little_giant","issued":"2026-01-01","expires":"2025-01-01"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p smetier.Profile
		if json.Unmarshal(data, &p) != nil {
			return
		}
		if p.Validate() != nil {
			return
		}
		out, err := json.Marshal(&p)
		if err != nil {
			t.Fatalf("marshal a valid profile: %v", err)
		}
		var q smetier.Profile
		if err := json.Unmarshal(out, &q); err != nil {
			t.Fatalf("re-decode %s: %v", out, err)
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("round trip changed the profile:\n%s", out)
		}
	})
}
