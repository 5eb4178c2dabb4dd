//go:build js && wasm

// Command smetier-wasm is the engine and its embedded rule catalog for the browser
// (GOOS=js GOARCH=wasm): a portal judges an enterprise on the device, and the figures never
// leave it. Build it and copy Go's loader next to it:
//
//	GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o smetier.wasm ./cmd/smetier-wasm
//	cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" .
//
// Once started it sets globalThis.smetier to
//
//	smetier.classify(profile, {as_of, region, renewal, tier, lang, format}) → report | {error}
//	smetier.rules({region, as_of, renewal, tier})                          → {rule_sets, …} | {error}
//	smetier.schema()                                                         → the profile's JSON Schema
//	smetier.catalog                                                          → the catalog version
//
// and calls globalThis.onSmetierReady() if the page defined it. profile and options are plain
// objects (or JSON strings); results are plain objects, exactly the JSON of the HTTP API
// (format: "text" gives the text report as a string). Errors are returned, never thrown:
// {error: {code, message, fields}} with the codes of the HTTP API.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"syscall/js"
	"time"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/wire"
	"github.com/smetier/smetier/region"
	"github.com/smetier/smetier/schema"
)

func main() {
	eng, err := classify.New()
	api := js.Global().Get("Object").New()
	if err != nil {
		// Never expected: the embedded catalog is tested. Say so to every call rather than hang.
		fail := js.FuncOf(func(js.Value, []js.Value) any { return errorValue(&wire.Error{Code: "internal", Message: err.Error()}) })
		api.Set("classify", fail)
		api.Set("rules", fail)
	} else {
		cat := eng.Catalog() // a deep copy: taken once, not per call
		api.Set("classify", js.FuncOf(func(_ js.Value, args []js.Value) any { return classifyJS(eng, cat, args) }))
		api.Set("rules", js.FuncOf(func(_ js.Value, args []js.Value) any { return rulesJS(cat, args) }))
		api.Set("catalog", cat.Version())
	}
	api.Set("schema", js.FuncOf(func(js.Value, []js.Value) any { return parse(string(schema.Profile())) }))
	js.Global().Set("smetier", api)
	if ready := js.Global().Get("onSmetierReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // serve calls until the page goes away
}

// options are the parameters of classify and rules, as the HTTP API's query string names them.
type options struct {
	AsOf    string `json:"as_of"`
	Region  string `json:"region"`
	Renewal bool   `json:"renewal"`
	Tier    string `json:"tier"`
	Lang    string `json:"lang"`
	Format  string `json:"format"`
}

// jsonOf returns v as JSON text: a string as it is, anything else through JSON.stringify.
func jsonOf(v js.Value) string {
	switch v.Type() {
	case js.TypeUndefined, js.TypeNull:
		return ""
	case js.TypeString:
		return v.String()
	}
	return js.Global().Get("JSON").Call("stringify", v).String()
}

func parse(s string) js.Value { return js.Global().Get("JSON").Call("parse", s) }

func errorValue(e *wire.Error) js.Value {
	b, _ := json.Marshal(struct {
		Error *wire.Error `json:"error"`
	}{e})
	return parse(string(b))
}

func badRequest(format string, args ...any) js.Value {
	return errorValue(&wire.Error{Code: "bad_request", Message: fmt.Sprintf(format, args...)})
}

func readOptions(args []js.Value, at int) (options, error) {
	var o options
	if len(args) > at {
		if s := jsonOf(args[at]); s != "" {
			dec := json.NewDecoder(strings.NewReader(s))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&o); err != nil {
				return o, fmt.Errorf("options: %v", strings.TrimPrefix(err.Error(), "json: "))
			}
		}
	}
	return o, nil
}

// tiers reads the tier option as the HTTP API's tier parameter: national tiers and the ids of
// the catalog's local programs.
func tiers(cat *criteria.Catalog, v string) ([]smetier.Tier, error) {
	if v == "" {
		return nil, nil
	}
	return cat.ParseRungs(v)
}

func classifyJS(eng *classify.Engine, cat *criteria.Catalog, args []js.Value) any {
	if len(args) == 0 {
		return badRequest("classify(profile, options): no profile")
	}
	o, err := readOptions(args, 1)
	if err != nil {
		return badRequest("%v", err)
	}
	prof, err := wire.DecodeProfile([]byte(jsonOf(args[0])))
	if err != nil {
		return errorValue(describe(err))
	}
	asOf := smetier.Today(time.Now())
	if o.AsOf != "" {
		if asOf, err = smetier.ParseDate(o.AsOf); err != nil {
			return badRequest("as_of: %v", err)
		}
	}
	opts := []classify.CallOption{classify.AsOf(asOf), classify.Renewal(o.Renewal)}
	if o.Region != "" {
		if _, err := region.Lookup(o.Region); err != nil {
			return errorValue(&wire.Error{Code: "unknown_region", Message: "region: " + err.Error()})
		}
		opts = append(opts, classify.In(o.Region))
	}
	ts, err := tiers(cat, o.Tier)
	if err != nil {
		return badRequest("tier: %v", err)
	}
	if len(ts) > 0 {
		opts = append(opts, classify.Only(ts...))
	}
	rep, err := eng.Classify(context.Background(), prof, opts...)
	if err != nil {
		return errorValue(describe(err))
	}
	if o.Format == "text" {
		var b strings.Builder
		rep.WriteText(&b, o.Lang)
		return b.String()
	}
	b, err := json.Marshal(rep)
	if err != nil {
		return errorValue(&wire.Error{Code: "internal", Message: err.Error()})
	}
	return parse(string(b))
}

// describe maps an error to the HTTP API's codes (invalid_json is bad_request there too).
func describe(err error) *wire.Error {
	e := wire.Describe(err)
	if e.Code == wire.CodeInvalidJSON {
		e.Code = "bad_request"
	}
	return e
}

func rulesJS(cat *criteria.Catalog, args []js.Value) any {
	o, err := readOptions(args, 0)
	if err != nil {
		return badRequest("%v", err)
	}
	q := wire.RulesQuery{Region: o.Region, Renewal: o.Renewal}
	if o.AsOf != "" {
		if q.AsOf, err = smetier.ParseDate(o.AsOf); err != nil {
			return badRequest("as_of: %v", err)
		}
	}
	ts, err := tiers(cat, o.Tier)
	if err != nil || len(ts) > 1 {
		return badRequest("tier: give one tier")
	}
	if len(ts) == 1 {
		q.Tier = ts[0]
	}
	list, err := wire.Rules(cat, q)
	if err != nil {
		return errorValue(wire.Describe(err))
	}
	b, err := json.Marshal(list)
	if err != nil {
		return errorValue(&wire.Error{Code: "internal", Message: err.Error()})
	}
	return parse(string(b))
}
