package httpapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/wire"
	"github.com/smetier/smetier/region"
	"github.com/smetier/smetier/schema"
)

// DefaultMaxBodyBytes is the default limit on the size of a request body: 1 MiB.
const DefaultMaxBodyBytes = 1 << 20

// Error codes. A problem has the same code here as in the command line's error records:
// invalid_json, invalid_profile, unknown_region, too_large and internal are shared.
const (
	CodeInvalidJSON      = "invalid_json"
	CodeBadRequest       = "bad_request"
	CodeInvalidProfile   = "invalid_profile"
	CodeUnknownRegion    = "unknown_region"
	CodeNotFound         = "not_found"
	CodeMethodNotAllowed = "method_not_allowed"
	CodeTooLarge         = "too_large"
	CodeUnavailable      = "unavailable"
	CodeInternal         = "internal"
)

// Option configures the handler.
type Option func(*server)

// MaxBodyBytes limits the size of request bodies (default 1 MiB); a larger body is refused
// with 413 and the code too_large.
func MaxBodyBytes(n int64) Option { return func(s *server) { s.maxBody = n } }

// MaxInFlight bounds the POST /v1/classify requests handled at once, from reading the body to
// writing the report; more wait, unread, until one ends (or their own context does: 503
// unavailable). With MaxBodyBytes it bounds the memory requests take, however many clients send
// at once. n ≤ 0 (the default) sets no bound.
func MaxInFlight(n int) Option {
	return func(s *server) {
		s.slots = nil
		if n > 0 {
			s.slots = make(chan struct{}, n)
		}
	}
}

// WithLogger logs internal errors and recovered panics to l (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(s *server) { s.log = l } }

// WithClock sets the clock that gives the default date of judgement, today in China
// (default time.Now).
func WithClock(now func() time.Time) Option { return func(s *server) { s.now = now } }

type server struct {
	eng *classify.Engine
	// cat is the engine's catalog, copied once here: Engine.Catalog returns a deep copy per call
	// (~340 µs and 900 allocations, more than classifying a request), and the handler only reads it.
	cat *criteria.Catalog
	// slots holds a token per classification in flight when MaxInFlight bounds them; nil for no
	// bound.
	slots   chan struct{}
	maxBody int64
	log     *slog.Logger
	now     func() time.Time
	mux     *http.ServeMux
	etag    string
}

// New returns the handler over eng. It serves paths under /v1/; mount it at "/v1/" or at "/".
func New(eng *classify.Engine, opts ...Option) http.Handler {
	s := &server{eng: eng, maxBody: DefaultMaxBodyBytes, log: slog.Default(), now: time.Now, mux: http.NewServeMux()}
	for _, o := range opts {
		o(s)
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBodyBytes
	}
	if eng != nil { // a nil engine fails each request, as a recovered panic (see ServeHTTP)
		s.cat = eng.Catalog()
	}
	sum := sha256.Sum256(schema.Profile())
	s.etag = `"` + hex.EncodeToString(sum[:8]) + `"`
	s.mux.Handle("/v1/classify", s.only(s.classify, http.MethodPost))
	s.mux.Handle("/v1/rules", s.only(s.rules, http.MethodGet, http.MethodHead))
	s.mux.Handle("/v1/schema", s.only(s.schema, http.MethodGet, http.MethodHead))
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, &wire.Error{Code: CodeNotFound, Message: "no such endpoint: " + r.URL.Path +
			" (POST /v1/classify, GET /v1/rules, GET /v1/schema)"})
	})
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("httpapi: panic", "method", r.Method, "path", r.URL.Path, "panic", v)
			s.fail(w, r, http.StatusInternalServerError, &wire.Error{Code: CodeInternal, Message: "internal error"})
		}
	}()
	// ServeMux would answer an unclean path ("/v1//classify", "/v1/./rules") with a redirect in
	// HTML, which a client following it may repeat as a GET without the body: say instead, in
	// the API's own error format, which path is meant.
	if p := r.URL.Path; p != "/" && path.Clean(p) != p {
		s.fail(w, r, http.StatusNotFound, &wire.Error{Code: CodeNotFound,
			Message: fmt.Sprintf("no such endpoint: %s (did you mean %s?)", p, path.Clean(p))})
		return
	}
	s.mux.ServeHTTP(w, r)
}

// only serves h for the given methods and answers 405 otherwise.
func (s *server) only(h http.HandlerFunc, methods ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, m := range methods {
			if r.Method == m {
				h(w, r)
				return
			}
		}
		w.Header().Set("Allow", strings.Join(methods, ", "))
		s.fail(w, r, http.StatusMethodNotAllowed, &wire.Error{Code: CodeMethodNotAllowed,
			Message: fmt.Sprintf("method %s not allowed: use %s", r.Method, strings.Join(methods, " or "))})
	})
}

// errorBody is the JSON of every error response.
type errorBody struct {
	Error *wire.Error `json:"error"`
}

func (s *server) fail(w http.ResponseWriter, r *http.Request, status int, e *wire.Error) {
	if status >= 500 {
		s.log.Error("httpapi: "+e.Message, "method", r.Method, "path", r.URL.Path, "code", e.Code)
	}
	writeJSON(w, status, "application/json; charset=utf-8", errorBody{e})
}

// encodingFailed is the body of a response whose JSON could not be encoded (a NaN, say).
const encodingFailed = `{"error":{"code":"internal","message":"encoding the response failed"}}` + "\n"

func writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(encodingFailed)
	}
	writeBody(w, status, contentType, buf.Bytes())
}

func writeBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// params reads the query string, allowing only the named parameters, each at most once.
type params struct {
	q   url.Values
	err error
}

func readParams(r *http.Request, allowed ...string) *params {
	q, err := url.ParseQuery(r.URL.RawQuery)
	p := &params{q: q}
	if err != nil {
		p.err = fmt.Errorf("malformed query string: %v", err)
		return p
	}
	for k, vs := range q {
		ok := false
		for _, a := range allowed {
			ok = ok || k == a
		}
		if !ok {
			p.err = fmt.Errorf("unknown query parameter %q (want %s)", k, strings.Join(allowed, ", "))
			return p
		}
		if len(vs) > 1 {
			p.err = fmt.Errorf("query parameter %q given %d times", k, len(vs))
			return p
		}
	}
	return p
}

func (p *params) get(k string) string { return p.q.Get(k) }

func (p *params) oneOf(k, def string, allowed ...string) string {
	v := p.q.Get(k)
	if v == "" {
		return def
	}
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	if p.err == nil {
		p.err = fmt.Errorf("%s=%q: want %s", k, v, strings.Join(allowed, " or "))
	}
	return def
}

func (p *params) date(k string) smetier.Date {
	v := p.q.Get(k)
	if v == "" {
		return smetier.Date{}
	}
	d, err := smetier.ParseDate(v)
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("%s: %w", k, err)
	}
	return d
}

func (p *params) bool(k string) bool {
	vs, ok := p.q[k]
	if !ok {
		return false
	}
	if vs[0] == "" {
		return true // ?renewal
	}
	b, err := strconv.ParseBool(vs[0])
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("%s=%q: want true or false", k, vs[0])
	}
	return b
}

// tiers reads a comma-separated list of national tiers and program ids of cat.
func (p *params) tiers(k string, cat *criteria.Catalog) []smetier.Tier {
	v := p.q.Get(k)
	if v == "" {
		return nil
	}
	out, err := cat.ParseRungs(v)
	if err != nil && p.err == nil {
		p.err = fmt.Errorf("%s: %w", k, err)
	}
	return out
}

// region checks the region parameter; it reports an unknown region with its own code.
func (s *server) region(w http.ResponseWriter, r *http.Request, p *params) (string, bool) {
	code := p.get("region")
	if code == "" {
		return "", true
	}
	if _, err := region.Lookup(code); err != nil {
		s.fail(w, r, http.StatusBadRequest, &wire.Error{Code: CodeUnknownRegion, Message: "region: " + err.Error()})
		return "", false
	}
	return code, true
}

func wantsText(r *http.Request, format string) bool {
	if format != "" {
		return format == "text"
	}
	accept := r.Header.Get("Accept")
	return strings.HasPrefix(accept, "text/plain")
}

func (s *server) classify(w http.ResponseWriter, r *http.Request) {
	if s.slots != nil {
		// Wait for a slot before reading the body: a waiting request holds a connection and a
		// goroutine, not its body, which stays in the client's and the kernel's buffers.
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
		case <-r.Context().Done():
			// Not logged as an error: the client gave up, or the server is shutting down.
			writeJSON(w, http.StatusServiceUnavailable, "application/json; charset=utf-8", errorBody{&wire.Error{Code: CodeUnavailable,
				Message: "the request ended while waiting for one of the " + strconv.Itoa(cap(s.slots)) + " classifications under way"}})
			return
		}
	}
	p := readParams(r, "region", "as_of", "renewal", "tier", "format", "lang", "view")
	view := p.oneOf("view", "full", "full", "summary")
	jsonLang := ""
	if p.get("lang") != "" {
		jsonLang = p.get("lang") // asked for: JSON keeps that language only
	}
	asOf := p.date("as_of")
	renewal := p.bool("renewal")
	tiers := p.tiers("tier", s.cat)
	format := p.oneOf("format", "", "json", "text")
	lang := p.oneOf("lang", "zh", "zh", "en")
	if p.err != nil {
		s.fail(w, r, http.StatusBadRequest, &wire.Error{Code: CodeBadRequest, Message: p.err.Error()})
		return
	}
	where, ok := s.region(w, r, p)
	if !ok {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, &wire.Error{Code: CodeTooLarge,
				Message: fmt.Sprintf("request body larger than %d bytes", mbe.Limit)})
			return
		}
		s.fail(w, r, http.StatusBadRequest, &wire.Error{Code: CodeBadRequest, Message: "reading the request body: " + err.Error()})
		return
	}
	prof, err := wire.DecodeProfile(body)
	if err != nil {
		s.classifyError(w, r, err)
		return
	}
	if asOf.IsZero() {
		asOf = smetier.Today(s.now())
	}
	opts := []classify.CallOption{classify.AsOf(asOf), classify.Renewal(renewal)}
	if where != "" {
		opts = append(opts, classify.In(where))
	}
	if len(tiers) > 0 {
		opts = append(opts, classify.Only(tiers...))
	}
	summary := view == "summary" && !wantsText(r, format)
	var rep *smetier.Report
	var sum *smetier.Summary
	if summary {
		sum, err = s.eng.Summarize(r.Context(), prof, opts...) // the summary without the report
	} else {
		rep, err = s.eng.Classify(r.Context(), prof, opts...)
	}
	if err != nil {
		if ctxErr := r.Context().Err(); ctxErr != nil {
			// The client has gone, and nobody reads this; or a deadline set around the handler
			// has passed, and the client waits for an answer: an error, never an empty 200.
			// Not logged: the request was given up on, nothing is broken.
			writeJSON(w, http.StatusServiceUnavailable, "application/json; charset=utf-8", errorBody{&wire.Error{Code: CodeUnavailable,
				Message: "the request ended before the report was ready: " + ctxErr.Error()}})
			return
		}
		s.classifyError(w, r, err)
		return
	}
	if wantsText(r, format) {
		var buf bytes.Buffer
		if err := rep.WriteText(&buf, lang); err != nil {
			s.classifyError(w, r, err)
			return
		}
		w.Header().Set("Content-Language", map[string]string{"zh": "zh-CN", "en": "en"}[lang])
		writeBody(w, http.StatusOK, "text/plain; charset=utf-8", buf.Bytes())
		return
	}
	switch {
	case summary:
		// What writeJSON would write, without encoding/json's reflection (wire.AppendSummary).
		b, err := wire.AppendSummary(make([]byte, 0, 2<<10), sum.Trim(jsonLang, summaryGaps))
		if err != nil {
			writeBody(w, http.StatusInternalServerError, "application/json; charset=utf-8", []byte(encodingFailed))
			return
		}
		writeBody(w, http.StatusOK, "application/json; charset=utf-8", append(b, '\n'))
	case jsonLang != "":
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			s.classifyError(w, r, err)
			return
		}
		b := wire.OneLanguage(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), jsonLang)
		writeBody(w, http.StatusOK, "application/json; charset=utf-8", append(b, '\n'))
	default:
		writeJSON(w, http.StatusOK, "application/json; charset=utf-8", rep)
	}
}

// summaryGaps is how many of the largest gaps toward the next rung view=summary keeps.
const summaryGaps = 3

func (s *server) classifyError(w http.ResponseWriter, r *http.Request, err error) {
	e := wire.Describe(err)
	switch e.Code {
	case wire.CodeInvalidJSON:
		s.fail(w, r, http.StatusBadRequest, e)
	case wire.CodeInvalidProfile, wire.CodeUnknownRegion:
		s.fail(w, r, http.StatusUnprocessableEntity, e)
	default:
		s.fail(w, r, http.StatusInternalServerError, e)
	}
}

func (s *server) rules(w http.ResponseWriter, r *http.Request) {
	p := readParams(r, "region", "as_of", "renewal", "tier", "format", "lang")
	q := wire.RulesQuery{AsOf: p.date("as_of"), Renewal: p.bool("renewal"), Now: s.now}
	if ts := p.tiers("tier", s.cat); len(ts) > 1 {
		p.err = errors.New("tier: give one tier or program")
	} else if len(ts) == 1 {
		q.Tier = ts[0]
	}
	format := p.oneOf("format", "", "json", "text")
	lang := p.oneOf("lang", "zh", "zh", "en")
	if p.err != nil {
		s.fail(w, r, http.StatusBadRequest, &wire.Error{Code: CodeBadRequest, Message: p.err.Error()})
		return
	}
	var ok bool
	if q.Region, ok = s.region(w, r, p); !ok {
		return
	}
	if q.Renewal && q.Region == "" {
		s.fail(w, r, http.StatusBadRequest, &wire.Error{Code: CodeBadRequest,
			Message: "renewal needs region: without a place every set is listed, renewal-only ones included"})
		return
	}
	list, err := wire.Rules(s.cat, q)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, wire.Describe(err))
		return
	}
	if wantsText(r, format) {
		var buf bytes.Buffer
		list.WriteText(&buf, lang)
		writeBody(w, http.StatusOK, "text/plain; charset=utf-8", buf.Bytes())
		return
	}
	writeJSON(w, http.StatusOK, "application/json; charset=utf-8", list)
}

func (s *server) schema(w http.ResponseWriter, r *http.Request) {
	if p := readParams(r); p.err != nil {
		s.fail(w, r, http.StatusBadRequest, &wire.Error{Code: CodeBadRequest, Message: p.err.Error()})
		return
	}
	w.Header().Set("ETag", s.etag)
	w.Header().Set("Cache-Control", "public, max-age=3600")
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, s.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeBody(w, http.StatusOK, "application/schema+json", schema.Profile())
}
