// Package httpapi serves the classifier over HTTP with net/http, for services and portals.
//
//	eng, err := classify.New()
//	http.Handle("/v1/", httpapi.New(eng))
//
// The handler serves three endpoints:
//
//	POST /v1/classify   a profile (JSON, the contract of smetier.Profile) → the report (JSON)
//	GET  /v1/rules      the rule sets and their criteria with citations
//	GET  /v1/schema     the JSON Schema (draft 2020-12) of a profile
//
// POST /v1/classify takes the query parameters region (judge under this division code instead
// of the profile's region), as_of (YYYY-MM-DD, default today in China), renewal (true for a
// 复核 application), tier (comma-separated national tiers and ids of the catalog's local
// programs, default every tier and every program in force; the report's "programs" holds the
// program verdicts), format (json, or text for the readable report; without format, an Accept
// header starting with text/plain asks for text), view (full, the default, or summary: the
// compact smetier.Summary with the three largest gaps toward the next rung, a few hundred bytes
// where a full report is tens of kilobytes; JSON only) and lang (zh or en: the language of the
// text; given with JSON, every bilingual message keeps that language only, and without it JSON
// carries both). The body must be one JSON object whose keys are all profile fields; it is
// limited to 1 MiB unless MaxBodyBytes says otherwise.
//
// GET /v1/rules takes region, as_of, renewal, tier, format and lang: with region, the set each
// tier and each local program would be judged under there on as_of (default today in China),
// for a first application or, with renewal=true, a renewal; with as_of alone, every set in
// force then; with neither, every set. A local program's set has "program" (id, title, level,
// after) and an empty "tier"; tier= takes one tier or program id, and renewal needs region.
//
// GET /v1/schema answers with an ETag and may be cached for an hour; a request whose
// If-None-Match carries that tag gets 304 Not Modified. Both GET endpoints answer HEAD too.
//
// Every error is JSON with a stable code, and for an invalid profile the path of each field:
//
//	{"error": {"code": "invalid_profile", "message": "...",
//	           "fields": [{"path": "years.2025.main_revenue", "message": "..."}]}}
//
//	code                 status
//	invalid_json         400  the body is not JSON (the code of the command line's error records)
//	bad_request          400  an unknown or invalid query parameter
//	unknown_region       400  (the region parameter) or 422 (the profile's region)
//	invalid_profile      422  an undeclared key, a mistyped value or a failed validation
//	not_found            404
//	method_not_allowed   405  (with an Allow header)
//	too_large            413
//	unavailable          503  the request's context ended (e.g. a deadline) before the report
//	internal             500  a bug; a panic is recovered and reported so
//
// A rule that fails at run time on the profile is not an error: its criterion has the outcome
// "error" in a 200 report.
//
// The handler is safe for concurrent use and never panics on bad input. In production serve it
// from an http.Server with read, write and idle timeouts and bound the classifications in flight
// (MaxInFlight), so that slow or numerous clients cannot hold connections or memory without end:
//
//	srv := &http.Server{
//		Addr:              ":8080",
//		Handler:           httpapi.New(eng, httpapi.MaxBodyBytes(256<<10), httpapi.MaxInFlight(64)),
//		ReadHeaderTimeout: 5 * time.Second,  // a client trickling its headers
//		ReadTimeout:       15 * time.Second, // … or its body
//		WriteTimeout:      30 * time.Second,
//		IdleTimeout:       60 * time.Second,
//		MaxHeaderBytes:    16 << 10,
//	}
package httpapi
