package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/criteria"
	"github.com/smetier/smetier/internal/wire"
	"github.com/smetier/smetier/region"
)

const classifyUsage = `Usage: smetier classify [flags] [FILE...]

Judges each profile for every tier and writes the explained report.

Input (standard input when no FILE, or FILE is -) is one profile (a JSON object, which may span
lines), a JSON array of profiles, or JSON Lines (one profile per line); the layout is detected
from the content. One object gives one report (indented JSON); an array, JSON Lines or several
files give JSON Lines: one report per input record, in input order. A record that cannot be
judged (invalid JSON, a profile failing validation, an unknown region) gives an error record
in its place and the others go on:

  {"line": 3, "record": 3, "error": {"code": "invalid_profile", "message": "...",
   "fields": [{"path": "years.2025.main_revenue", "message": "..."}]}}

Codes: invalid_json, invalid_profile, unknown_region, too_large, internal. Empty input writes
nothing. Exit status: 0 when every record was judged, 1 when some failed or the input could
not be read or the output written (an interruption included), 2 for usage errors.

The garbage collector runs at GOGC=400 (a batch's heap is small and bounded; collecting less
often saves CPU) unless GOGC is set in the environment; GOMEMLIMIT applies as usual.

Flags:
`

type classifyConfig struct {
	eng    *classify.Engine
	opts   []classify.CallOption
	lang   string
	text   bool
	single bool
	// jsonLang is the one language JSON keeps ("" for both: --lang was not given).
	jsonLang string
	summary  bool
}

func runClassify(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	fs.SetOutput(flagOutput(env, args))
	regionFlag := fs.String("region", "", "judge under the rules of this 6-digit division code or CN (default: each profile's region)")
	asOfFlag := fs.String("as-of", "", "date of judgement YYYY-MM-DD; its year is the application year (default: today in China, UTC+8)")
	renewal := fs.Bool("renewal", false, "judge a renewal (复核) rather than a first application")
	tierFlag := fs.String("tier", "", "comma-separated tiers to judge (default: all): "+tierNames())
	lang := fs.String("lang", "zh", "language of the report: zh or en (JSON carries both unless --lang is given)")
	format := fs.String("format", "json", "output format: json or text")
	view := fs.String("view", "full", "JSON view: full (every criterion explained) or summary (statuses, failed and missing criteria, largest gaps, rule-set ids)")
	var rules stringList
	fs.Var(&rules, "rules", "extra rule file or directory, loaded with the built-in catalog (repeatable)")
	fs.Usage = func() { fmt.Fprint(fs.Output(), classifyUsage); fs.PrintDefaults() }
	files, err := parseFlags(fs, args)
	if err == nil {
		err = checkOneOf("lang", *lang, "zh", "en")
	}
	if err == nil {
		err = checkOneOf("format", *format, "json", "text")
	}
	if err == nil {
		err = checkOneOf("view", *view, "full", "summary")
	}
	var asOf smetier.Date
	if err == nil {
		asOf, err = parseAsOf(*asOfFlag, env)
	}
	cfg := &classifyConfig{lang: *lang, text: *format == "text", summary: *view == "summary"}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "lang" {
			cfg.jsonLang = *lang
		}
	})
	cfg.opts = append(cfg.opts, classify.AsOf(asOf), classify.Renewal(*renewal))
	if err == nil && *regionFlag != "" {
		if _, lerr := region.Lookup(*regionFlag); lerr != nil {
			err = usagef("--region: %v", lerr)
		}
		cfg.opts = append(cfg.opts, classify.In(*regionFlag))
	}
	for _, f := range files {
		if err == nil && f != "-" {
			// Checked before any output, so that a typo in the last of many files does not
			// leave a half-written batch.
			if fi, serr := os.Stat(f); serr != nil {
				err = usagef("%v", serr)
			} else if fi.IsDir() {
				err = usagef("%s is a directory: give the profile files (JSON, JSON Lines) in it", f)
			}
		}
	}
	if err != nil {
		return flagError(env, fs, err)
	}
	cat, err := catalog(rules)
	if err != nil {
		fmt.Fprintf(env.Stderr, "smetier classify: --rules: %v\n", err)
		return ExitUsage
	}
	if *tierFlag != "" {
		// Checked against the catalog: --tier also takes the ids of its local programs.
		tiers, err := parseTiers(cat, *tierFlag)
		if err != nil {
			return flagError(env, fs, err)
		}
		cfg.opts = append(cfg.opts, classify.Only(tiers...))
	}
	cfg.eng, err = classify.New(classify.WithCatalog(cat))
	if err != nil {
		fmt.Fprintf(env.Stderr, "smetier classify: %v\n", err)
		return ExitFailed
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	return classifyInputs(ctx, cfg, files, env)
}

func tierNames() string {
	var s []string
	for _, t := range smetier.Tiers() {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ") + ", or a local program's id (see smetier rules)"
}

// parseTiers reads --tier: national tiers and program ids of cat.
func parseTiers(cat *criteria.Catalog, v string) ([]smetier.Tier, error) {
	out, err := cat.ParseRungs(v)
	if err != nil {
		return nil, usagef("--tier: %v", err)
	}
	return out, nil
}

func parseAsOf(v string, env Env) (smetier.Date, error) {
	if v == "" {
		return smetier.Today(env.Now()), nil
	}
	d, err := smetier.ParseDate(v)
	if err != nil {
		return d, usagef("--as-of: %v", err)
	}
	return d, nil
}

// inputs reads the records of several files in order.
type inputs struct {
	// ctx stops the reading: once it is done, a read waiting for input gives up.
	ctx   context.Context
	files []string
	env   Env
	cur   *source
	close func() error
	seq   int
	// firstMode is the layout of the first file.
	firstMode inputMode
	// consumed counts the bytes read from the files so far, for the progress bar. It is written
	// by the reading goroutine and read by the writing one.
	consumed atomic.Int64
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// ctxReader gives up a Read when ctx is done. A read from a terminal or an idle pipe blocks
// until input comes, and nothing interrupts it: without this, Ctrl-C (which main catches to stop
// cleanly) or a failed write would leave the command waiting for input that may never come. The
// read given up on finishes in its goroutine whenever input arrives, into a buffer of its own,
// and the reader returns ctx's error from then on.
type ctxReader struct {
	ctx  context.Context
	r    io.Reader
	buf  []byte
	res  chan readResult
	dead error
}

type readResult struct {
	n   int
	err error
}

func newCtxReader(ctx context.Context, r io.Reader) *ctxReader {
	return &ctxReader{ctx: ctx, r: r, res: make(chan readResult, 1)}
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if c.dead != nil {
		return 0, c.dead
	}
	if err := c.ctx.Err(); err != nil {
		c.dead = err
		return 0, err
	}
	if c.ctx.Done() == nil {
		return c.r.Read(p) // never cancelled
	}
	if cap(c.buf) < len(p) {
		c.buf = make([]byte, len(p))
	}
	buf := c.buf[:len(p)]
	go func() {
		n, err := c.r.Read(buf)
		c.res <- readResult{n, err}
	}()
	select {
	case r := <-c.res:
		return copy(p, buf[:r.n]), r.err
	case <-c.ctx.Done():
		c.dead = c.ctx.Err()
		return 0, c.dead
	}
}

// inputSize is the total size in bytes of files when every one is a regular file (standard
// input included, when it is redirected from one), or -1 when it cannot be known (a pipe, a
// terminal): the progress bar shows a percentage only when there is a whole to divide by.
func inputSize(files []string, stdin io.Reader) int64 {
	var total int64
	for _, f := range files {
		var fi os.FileInfo
		var err error
		if f == "-" {
			sf, ok := stdin.(*os.File)
			if !ok {
				return -1
			}
			fi, err = sf.Stat()
		} else {
			fi, err = os.Stat(f)
		}
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		total += fi.Size()
	}
	return total
}

// next returns the next record, or nil at the end of the input; see source.next for buf.
func (in *inputs) next(buf []byte) (*record, error) {
	for {
		if in.cur == nil {
			if len(in.files) == 0 {
				return nil, nil
			}
			f := in.files[0]
			in.files = in.files[1:]
			if f == "-" {
				in.cur, in.close = newSource(newCtxReader(in.ctx, countingReader{in.env.Stdin, &in.consumed}), "", in.env.MaxRecord), nil
			} else {
				fh, err := os.Open(f)
				if err != nil {
					return nil, err
				}
				// A named pipe can wait for input as standard input does.
				in.cur, in.close = newSource(newCtxReader(in.ctx, countingReader{fh, &in.consumed}), f, in.env.MaxRecord), fh.Close
			}
		}
		r, err := in.cur.next(buf)
		if in.firstMode == modeUnknown {
			in.firstMode = in.cur.mode
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", nameOf(in.cur.file), err)
		}
		if r != nil {
			in.seq++
			r.seq = in.seq
			return r, nil
		}
		if in.close != nil {
			in.close()
		}
		in.cur = nil
	}
}

func nameOf(file string) string {
	if file == "" {
		return "standard input"
	}
	return file
}

// errorRecord is what a record that could not be judged gives in the output.
type errorRecord struct {
	Line   int         `json:"line"`
	Record int         `json:"record"`
	File   string      `json:"file,omitempty"`
	Error  *wire.Error `json:"error"`
}

// result is a judged record, rendered.
type result struct {
	out    []byte
	failed *errorRecord
}

// judge decodes, validates and classifies one record and renders the report or the error. The
// rendering is appended to scratch[:0] when it fits: a batch passes the buffer of a record
// already written, so that a run does not allocate and grow a new buffer for every record.
func (cfg *classifyConfig) judge(ctx context.Context, r *record, scratch []byte) result {
	if cfg.summary && !cfg.text {
		return cfg.judgeSummary(ctx, r, scratch)
	}
	rep, er := judgeRecord(ctx, cfg, r, cfg.eng.Classify)
	buf := bytes.NewBuffer(scratch[:0])
	switch {
	case er != nil && cfg.text:
		fmt.Fprintf(buf, "%s: %s: %s\n", where(er.File, er.Line), er.Error.Code, er.Error.Message)
		for _, f := range er.Error.Fields {
			fmt.Fprintf(buf, "  %s: %s\n", f.Path, f.Message)
		}
	case er != nil:
		writeErrorRecord(buf, er, cfg.single)
	case cfg.text:
		if err := rep.WriteText(buf, cfg.lang); err != nil {
			return cfg.fail(r, err)
		}
	case cfg.jsonLang != "":
		if err := writeJSON(buf, rep, false); err != nil {
			return cfg.fail(r, fmt.Errorf("encoding the report: %w", err))
		}
		b := wire.OneLanguage(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), cfg.jsonLang)
		if !cfg.single {
			// b is the record (in buf's memory or a new slice): no copy back into buf.
			return result{out: append(b, '\n')}
		}
		var ind bytes.Buffer
		if err := json.Indent(&ind, b, "", "  "); err != nil {
			return cfg.fail(r, fmt.Errorf("encoding the report: %w", err))
		}
		ind.WriteByte('\n')
		return result{out: ind.Bytes()}
	default:
		if err := writeJSON(buf, rep, cfg.single); err != nil {
			// A value JSON cannot carry (a NaN in a gap, say) must cost this record, not the run.
			return cfg.fail(r, fmt.Errorf("encoding the report: %w", err))
		}
	}
	return result{out: buf.Bytes(), failed: er}
}

// summaryGaps is how many of the largest gaps toward the next rung a summary keeps.
const summaryGaps = 3

// judgeSummary is judge for the summary view: classify.Engine.Summarize, the summary without the
// report it would be made from.
func (cfg *classifyConfig) judgeSummary(ctx context.Context, r *record, scratch []byte) result {
	sum, er := judgeRecord(ctx, cfg, r, cfg.eng.Summarize)
	buf := bytes.NewBuffer(scratch[:0])
	if er != nil {
		writeErrorRecord(buf, er, cfg.single)
		return result{out: buf.Bytes(), failed: er}
	}
	sum.Trim(cfg.jsonLang, summaryGaps)
	if cfg.single {
		if err := writeJSON(buf, sum, true); err != nil {
			return cfg.fail(r, fmt.Errorf("encoding the report: %w", err))
		}
		return result{out: buf.Bytes()}
	}
	// A JSON Lines record of a batch: wire.AppendSummary writes what writeJSON would, at a
	// fraction of encoding/json's cost, into scratch, the buffer of a record already written,
	// which after the first records of a batch has room for the next.
	b, err := wire.AppendSummary(scratch[:0], sum)
	if err != nil {
		return cfg.fail(r, fmt.Errorf("encoding the report: %w", err))
	}
	return result{out: append(b, '\n')}
}

func (cfg *classifyConfig) fail(r *record, err error) result {
	er := &errorRecord{Line: r.line, Record: r.seq, File: r.file, Error: wire.Describe(err)}
	var buf bytes.Buffer
	if cfg.text {
		fmt.Fprintf(&buf, "%s: %s: %s\n", where(er.File, er.Line), er.Error.Code, er.Error.Message)
	} else {
		writeErrorRecord(&buf, er, cfg.single)
	}
	return result{out: buf.Bytes(), failed: er}
}

// writeErrorRecord writes er. Error records are strings and integers, so encoding them cannot
// fail; the fallback keeps the promise of one line per record even so.
func writeErrorRecord(buf *bytes.Buffer, er *errorRecord, indent bool) {
	if err := writeJSON(buf, er, indent); err != nil {
		buf.Reset()
		fmt.Fprintf(buf, `{"line":%d,"record":%d,"error":{"code":%q,"message":"encoding the error record failed"}}`+"\n", er.Line, er.Record, wire.CodeInternal)
	}
}

// judgeRecord decodes record r and judges the profile with judge (Classify or Summarize), or
// says why it could not.
func judgeRecord[T any](ctx context.Context, cfg *classifyConfig, r *record,
	judge func(context.Context, *smetier.Profile, ...classify.CallOption) (T, error)) (T, *errorRecord) {
	var none T
	// The error record is made only for a record that fails: most do not.
	er := func() *errorRecord { return &errorRecord{Line: r.line, Record: r.seq, File: r.file} }
	if re, ok := r.err.(*recordError); ok {
		e := er()
		e.Error = &wire.Error{Code: re.code, Message: re.msg}
		return none, e
	}
	p, err := wire.DecodeProfile(r.raw)
	if err == nil {
		var out T
		out, err = judge(ctx, p, cfg.opts...)
		if err == nil {
			return out, nil
		}
	}
	e := er()
	if se, ok := err.(*wire.SyntaxError); ok {
		// Point at the line of the problem inside a record that spans lines.
		if se.Offset > 0 && int(se.Offset) <= len(r.raw) {
			e.Line += bytes.Count(r.raw[:se.Offset], []byte{'\n'})
		}
	}
	e.Error = wire.Describe(err)
	return none, e
}

func where(file string, line int) string {
	if file == "" {
		return fmt.Sprintf("line %d", line)
	}
	return fmt.Sprintf("%s:%d", file, line)
}

// writeJSON appends v to buf as one JSON value and a newline, indented when indent is set (one
// report for a person), compact otherwise (a JSON Lines record). On error buf is unchanged.
func writeJSON(buf *bytes.Buffer, v any, indent bool) error {
	n := buf.Len()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		buf.Truncate(n)
		return err
	}
	return nil
}

// classifyInputs judges every record of files and writes the results in input order.
func classifyInputs(ctx context.Context, cfg *classifyConfig, files []string, env Env) int {
	// The reading stops when the command is interrupted or, in a batch, when writing fails.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	in := &inputs{ctx: ctx, files: files, env: env}
	first, err := in.next(nil)
	if err != nil {
		return readFailed(ctx, env, err)
	}
	if first == nil {
		return ExitOK // empty input: no output
	}
	second, err := in.next(nil)
	if err != nil {
		return readFailed(ctx, env, err)
	}
	if second == nil && len(files) == 1 && in.firstMode != modeArray {
		cfg.single = true
		res := cfg.judge(ctx, first, nil)
		env.Stdout.Write(res.out)
		if res.failed != nil {
			fmt.Fprintf(env.Stderr, "smetier classify: %s: %s\n", where(res.failed.File, res.failed.Line), res.failed.Error.Message)
			return ExitFailed
		}
		return ExitOK
	}
	pending := []*record{first}
	if second != nil {
		pending = append(pending, second)
	}
	next := func(buf []byte) (*record, error) {
		if len(pending) > 0 {
			r := pending[0]
			pending = pending[1:]
			return r, nil
		}
		return in.next(buf)
	}
	prog := newProgress(env, inputSize(files, env.Stdin), in.consumed.Load)
	st, err := stream(ctx, stop, cfg, next, env, prog)
	if err != nil {
		fmt.Fprintf(env.Stderr, "smetier classify: %v\n", err)
		return ExitFailed
	}
	if st.failed > 0 {
		fmt.Fprintf(env.Stderr, "smetier classify: %d of %d records failed\n", st.failed, st.total)
		return ExitFailed
	}
	return ExitOK
}

// readFailed reports an error reading the input before the first records are judged; one
// caused by an interruption says so.
func readFailed(ctx context.Context, env Env, err error) int {
	if ctx.Err() != nil {
		err = fmt.Errorf("interrupted while reading the input: %w", ctx.Err())
	}
	fmt.Fprintf(env.Stderr, "smetier classify: %v\n", err)
	return ExitFailed
}

type stats struct{ total, failed int }

// job is one record on its way through the pipeline; done receives its result. Jobs are
// recycled: once its result is written, a job carries a later record, whose bytes are read into
// the memory of the record before and whose result is rendered into the buffer of the result
// before (a run allocates a few dozen jobs, not a job, a channel, a record's bytes and a
// growing output buffer per record). Nothing of a record outlives its result: a profile is
// decoded into strings of its own.
type job struct {
	rec  *record
	done chan result
	raw  []byte // memory for the next record's bytes
	buf  []byte // memory for the next record's result
}

// maxKeptBuffer is the largest buffer, input or output, a job keeps for its next record.
// Records are 1-3 KB and reports a few KB (summary) to a few hundred KB (full, text); an
// outsized one is left to the collector so that the window of jobs does not pin its memory for
// the rest of the run.
const maxKeptBuffer = 1 << 20

// stream runs the batch pipeline. One goroutine reads records, Env.Workers goroutines judge
// them, and the caller's goroutine writes results in input order. At most Env.Window records
// are between reading and writing, so memory does not grow with the input.
//
// cancel cancels ctx, which next must obey too: stream calls it when a write fails, so that a
// reader waiting for input stops rather than keeping the command alive for records it would
// never write.
//
// next reads the record's bytes into the memory of buf when they fit.
func stream(ctx context.Context, cancel context.CancelFunc, cfg *classifyConfig, next func(buf []byte) (*record, error), env Env, prog *progress) (stats, error) {
	defer cancel()
	// The reader queues up to a window of jobs for the workers, not one per worker: with a
	// queue as short as the workers, a worker that finished often found it empty while the
	// reader waited for a processor, and the two cores were busy 1.65 of the time instead of
	// 1.85 (BenchmarkClassifyView/summary, 21:30 UTC on a quiet machine). Every queued job is
	// also in pending, so this holds no more records than before.
	jobs := make(chan *job, env.Window)
	pending := make(chan *job, env.Window)
	// free holds the jobs whose results are written. At most Window jobs wait in pending, one
	// is being written and one is being filled by the reader, so Window+2 is every job there
	// can be and returning one never blocks.
	free := make(chan *job, env.Window+2)
	var readErr error
	go func() {
		defer close(pending)
		defer close(jobs)
		for {
			var j *job
			select {
			case j = <-free:
			default:
				j = &job{done: make(chan result, 1)}
			}
			r, err := next(j.raw)
			if err != nil {
				readErr = err
				return
			}
			if r == nil {
				return
			}
			j.rec = r
			select {
			case pending <- j:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range env.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.done <- cfg.judge(ctx, j.rec, j.buf)
			}
		}()
	}
	defer wg.Wait()

	var st stats
	var werr error
	for j := range pending {
		var res result
		select {
		case res = <-j.done:
		case <-ctx.Done():
			// Cancelled: the worker may never run this job, or may still send its result;
			// the job is not reused.
			continue
		}
		if werr == nil { // else drain, so that the reader can stop
			st.total++
			if res.failed != nil {
				st.failed++
			}
			werr = writeResult(env.Stdout, res.out, cfg.text && st.total > 1, len(pending) == 0)
			if werr != nil {
				cancel()
			} else {
				prog.update(st)
			}
		}
		// The writer keeps nothing of res.out (io.Writer's contract) and the result nothing of
		// the record: their memory carries the next record.
		j.raw, j.buf = keep(j.rec.raw), keep(res.out)
		j.rec = nil
		select {
		case free <- j:
		default:
		}
	}
	prog.done(st)
	if werr != nil {
		return st, fmt.Errorf("writing: %w", werr)
	}
	// An interruption first: a read given up on because of it fails with the same error.
	if err := ctx.Err(); err != nil {
		return st, fmt.Errorf("interrupted after %d records: %w", st.total, err)
	}
	if readErr != nil {
		return st, readErr
	}
	return st, nil
}

// keep returns b's memory for reuse, or nil when it is too large to keep.
func keep(b []byte) []byte {
	if cap(b) > maxKeptBuffer {
		return nil
	}
	return b[:0]
}

// writeResult writes one record's output, after a blank line when sep is set (text reports),
// and flushes w when flush is set: when no result is waiting, what is written so far goes out
// rather than waiting in a buffer for records that may be slow to come.
func writeResult(w io.Writer, out []byte, sep, flush bool) error {
	if sep {
		if _, err := io.WriteString(w, "\n"); err != nil {
			return err
		}
	}
	if _, err := w.Write(out); err != nil {
		return err
	}
	if f, ok := w.(interface{ Flush() error }); ok && flush {
		return f.Flush()
	}
	return nil
}

// progress draws a one-line progress bar on standard error when it is a terminal (never when
// it is redirected, so that logs stay clean). When the size of the input is known it is a bar
// with a percentage of the bytes read; from a pipe, where the end cannot be known, it counts
// records.
type progress struct {
	w     io.Writer
	on    bool
	total int64        // input size in bytes, or -1
	read  func() int64 // bytes of input read so far
	start time.Time
	last  time.Time
	every time.Duration
	drawn bool
}

const barWidth = 24

func newProgress(env Env, total int64, read func() int64) *progress {
	now := time.Now()
	return &progress{w: env.Stderr, on: env.IsTerminal(env.Stderr), total: total, read: read, start: now, last: now, every: env.ProgressEvery}
}

func (p *progress) update(st stats) {
	if !p.on {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	p.draw(st, now)
}

func (p *progress) draw(st stats, now time.Time) {
	rate := float64(st.total) / max(now.Sub(p.start).Seconds(), 1e-9)
	if p.total <= 0 {
		fmt.Fprintf(p.w, "\r\033[Ksmetier: %d records, %d failed, %.0f/s", st.total, st.failed, rate)
		p.drawn = true
		return
	}
	// Bytes are read ahead of the records written (buffering, records in flight), so the bar
	// runs slightly ahead; it is capped below 100% until the end.
	frac := min(float64(p.read())/float64(p.total), 0.999)
	filled := int(frac * barWidth)
	fmt.Fprintf(p.w, "\r\033[Ksmetier: [%s%s] %3.0f%% %d records, %d failed, %.0f/s",
		strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled), frac*100, st.total, st.failed, rate)
	p.drawn = true
}

func (p *progress) done(st stats) {
	if p.on && p.drawn {
		io.WriteString(p.w, "\r\033[K")
	}
}
