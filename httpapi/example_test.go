package httpapi_test

import (
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/httpapi"
)

// A service mounts the handler next to its own routes; here one request is sent to it directly.
func Example() {
	eng, err := classify.New() // compile the rule catalog once and share it
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/v1/", httpapi.New(eng, httpapi.MaxBodyBytes(256<<10)))

	// An enterprise whose main-business revenue exceeds its operating revenue is refused with
	// the path of the field, so that a portal can mark it on its form.
	body := `{"region": "440305", "years": {"2025": {"operating_revenue": 1000000, "main_revenue": 1200000}}}`
	req := httptest.NewRequest("POST", "/v1/classify?as_of=2026-06-15", strings.NewReader(body))
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	fmt.Print(rec.Body)

	// A valid profile gets the report: here only the little-giant verdict is asked for.
	body = `{"name": "示例企业", "region": "440305", "industry": "C3812",
		"years": {"2025": {"operating_revenue": 30000000, "main_revenue": 29000000}}}`
	req = httptest.NewRequest("POST", "/v1/classify?as_of=2026-06-15&tier=little_giant&format=text&lang=en", strings.NewReader(body))
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Println(strings.Split(rec.Body.String(), "\n")[4])
	// Output:
	// 422
	// {"error":{"code":"invalid_profile","message":"invalid profile: years.2025.main_revenue: main-business revenue 1200000.00 exceeds operating revenue 1000000.00","fields":[{"path":"years.2025.main_revenue","message":"main-business revenue 1200000.00 exceeds operating revenue 1000000.00"}]}}
	// 200 text/plain; charset=utf-8
	// ■ Specialized and innovative "little giant" — not qualified
}
