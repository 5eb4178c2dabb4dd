package screen

import (
	"bytes"
	"container/heap"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/region"
)

// Option configures Run.
type Option func(*config)

type config struct {
	eng     *classify.Engine
	asOf    smetier.Date
	region  string
	window  int
	workers int
	topGaps int
	seeds   int
	// programs are the catalog's local program ids, whose titles renew under its rules too.
	programs map[smetier.TitleKind]bool
}

// WithEngine screens with eng (default: an engine over the built-in catalog).
func WithEngine(eng *classify.Engine) Option { return func(c *config) { c.eng = eng } }

// AsOf judges every enterprise as of d (default: today in China).
func AsOf(d smetier.Date) Option { return func(c *config) { c.asOf = d } }

// In judges every enterprise under the rules of this division instead of its own region.
func In(code string) Option { return func(c *config) { c.region = code } }

// RenewalWindow lists titles expiring within days of the as-of date (default 180).
func RenewalWindow(days int) Option { return func(c *config) { c.window = days } }

// Workers sets how many enterprises are judged at once (default GOMAXPROCS).
func Workers(n int) Option { return func(c *config) { c.workers = n } }

// TopGaps sets how many of the largest gaps toward the next rung each enterprise keeps
// (default 3).
func TopGaps(n int) Option { return func(c *config) { c.topGaps = n } }

// Seeds sets how many enterprises the seed list keeps (default 100; 0 keeps all).
func Seeds(n int) Option { return func(c *config) { c.seeds = n } }

// Rung is a rung of the ladder met in the cohort: a national tier or a local program.
type Rung struct {
	Key   string       `json:"key"`
	Title smetier.Text `json:"title"`
}

// RungStatus is one enterprise's verdict for one rung, reduced to what a registry keeps.
type RungStatus struct {
	Key string `json:"key"`
	// Covered is false when no rule set for the rung is in force for the place and date.
	Covered   bool           `json:"covered"`
	Status    smetier.Status `json:"status,omitempty"`
	Held      bool           `json:"held,omitempty"`
	RuleSet   string         `json:"rule_set,omitempty"`
	Failed    []string       `json:"failed,omitempty"`
	Judgement []string       `json:"judgement,omitempty"`
	Missing   []string       `json:"missing,omitempty"`
	// Errors lists criteria whose rule could not be evaluated on this profile.
	Errors []string `json:"errors,omitempty"`

	title smetier.Text
}

// Enterprise is one screened enterprise (or one input record that could not be screened).
type Enterprise struct {
	// Sheet and Row say where the record was read.
	Sheet      string       `json:"sheet"`
	Row        int          `json:"row"`
	Name       string       `json:"name,omitempty"`
	CreditCode string       `json:"credit_code,omitempty"`
	Region     string       `json:"region,omitempty"`
	RegionName smetier.Text `json:"region_name"`
	// Area is the city (or province) the enterprise is counted under in ByRegion.
	Area string `json:"area,omitempty"`
	// Err is why the record could not be screened: a *RecordError naming cells, an invalid
	// profile, an unknown region. Statuses is then empty.
	Err      error        `json:"-"`
	Statuses []RungStatus `json:"statuses,omitempty"`
	// Highest is the highest rung held or qualified for; Next the first rung above it with
	// rules in force, and NextStatus its status.
	Highest    string         `json:"highest,omitempty"`
	Next       string         `json:"next,omitempty"`
	NextStatus smetier.Status `json:"next_status,omitempty"`
	// Gaps are the largest gaps toward Next: those the enterprise can act on first, largest
	// first, then those only the authority decides.
	Gaps []smetier.Gap `json:"gaps,omitempty"`
	// Largest is the largest gap toward Next that has a measured delta (a figure to raise or
	// lower), which the report's distribution of gap sizes counts; nil when there is none.
	Largest *smetier.Gap `json:"largest,omitempty"`
	// Distance to Next; nil when there is no next rung or it is qualified.
	Distance *Distance `json:"distance,omitempty"`

	// indicators of the cohort profile, in cohortIndicators order: 1 yes, 0 no, -1 unknown.
	ind [nIndicators]int8
}

// Status returns the enterprise's status for rung key, or nil.
func (e *Enterprise) Status(key string) *RungStatus {
	for i := range e.Statuses {
		if e.Statuses[i].Key == key {
			return &e.Statuses[i]
		}
	}
	return nil
}

// Distance is how far an enterprise is from its next rung. Seeds are ranked by it, compared
// field by field: fewer failed criteria first; then the smaller gap size; then fewer missing
// inputs.
type Distance struct {
	// Failed is the number of criteria of the next rung that fail (the score counts as one).
	Failed int `json:"failed"`
	// GapSize adds, over the failed criteria, each gap's relative size Delta/Required capped at 1
	// (a gap that cannot be measured counts 1); of alternatives (“A or B”) only the cheapest
	// option counts. A failed score adds (pass mark − points)/pass mark.
	GapSize float64 `json:"gap_size"`
	// Missing is the number of inputs the next rung still needs.
	Missing int `json:"missing"`
}

// Less reports whether d is closer to the next rung than e.
func (d Distance) Less(e Distance) bool {
	if d.Failed != e.Failed {
		return d.Failed < e.Failed
	}
	if d.GapSize != e.GapSize {
		return d.GapSize < e.GapSize
	}
	return d.Missing < e.Missing
}

// Renewal is a title that expires within the renewal window, judged under the renewal rules
// (classify.Renewal) as of the as-of date.
type Renewal struct {
	Enterprise int               `json:"enterprise"` // index of the enterprise: Result.Enterprise(i)
	Kind       smetier.TitleKind `json:"kind"`
	Expires    smetier.Date      `json:"expires"`
	DaysLeft   int               `json:"days_left"`
	Status     RungStatus        `json:"status"`
}

// Count is a number of enterprises by status.
type Count struct {
	Qualified      int `json:"qualified"`
	NotQualified   int `json:"not_qualified"`
	NeedsData      int `json:"needs_data"`
	NeedsJudgement int `json:"needs_judgement"`
	NotCovered     int `json:"not_covered"`
	// Held counts the enterprises holding a valid title of the rung (whatever their status).
	Held int `json:"held"`
	// Reached counts those holding the title or qualified for it: the funnel's bar.
	Reached int `json:"reached"`
}

func (c *Count) add(s *RungStatus) {
	if s.Held {
		c.Held++
	}
	if s.Held || s.Status == smetier.Qualified {
		c.Reached++
	}
	if !s.Covered {
		c.NotCovered++
		return
	}
	switch s.Status {
	case smetier.Qualified:
		c.Qualified++
	case smetier.NotQualified:
		c.NotQualified++
	case smetier.NeedsData:
		c.NeedsData++
	case smetier.NeedsJudgement:
		c.NeedsJudgement++
	}
}

// Of returns the count of status s.
func (c Count) Of(s smetier.Status) int {
	switch s {
	case smetier.Qualified:
		return c.Qualified
	case smetier.NotQualified:
		return c.NotQualified
	case smetier.NeedsData:
		return c.NeedsData
	case smetier.NeedsJudgement:
		return c.NeedsJudgement
	}
	return 0
}

// Area is the funnel of one city (or province).
type Area struct {
	Code        string       `json:"code"`
	Name        smetier.Text `json:"name"`
	Enterprises int          `json:"enterprises"`
	// Counts is by rung, in Result.Rungs order.
	Counts []Count `json:"counts"`
}

// Result is a screened cohort.
type Result struct {
	AsOf          smetier.Date `json:"as_of"`
	RenewalWindow int          `json:"renewal_window_days"`
	// Rungs are the rungs met in the cohort, in ladder order.
	Rungs []Rung `json:"rungs"`
	// Screened and Errors count the enterprises judged and the records that could not be;
	// Enterprise(i) returns record i for i below their sum.
	Screened int `json:"screened"`
	Errors   int `json:"errors"`
	// Funnel counts statuses by rung, in Rungs order; ByRegion the same by city.
	Funnel   []Count `json:"funnel"`
	ByRegion []Area  `json:"by_region"`
	// Seeds are indexes of enterprises (see Enterprise), closest to their next rung first.
	Seeds    []int     `json:"seeds"`
	Renewals []Renewal `json:"renewals"`
	Cohort   Cohort    `json:"cohort"`

	recs  records
	gaps  gapStats
	nGaps int // the most gaps any enterprise keeps
}

// Enterprise returns the i-th record of the input (0 is the first), screened or not; i must
// be below Screened+Errors. The enterprises are kept compactly and decoded on each call.
func (res *Result) Enterprise(i int) Enterprise { return res.recs.get(i) }

// Enterprises yields every record of the input in input order with its index, those that
// could not be screened included.
func (res *Result) Enterprises() iter.Seq2[int, Enterprise] {
	return res.recs.each
}

// MarshalJSON writes the result with its enterprises, in input order, under "enterprises"
// (as the field of that name did before they were kept compactly).
func (res *Result) MarshalJSON() ([]byte, error) {
	type plain Result // the fields, without this method
	head, err := json.Marshal((*plain)(res))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Write(head[:len(head)-1]) // without the closing brace
	b.WriteString(`,"enterprises":[`)
	for i, e := range res.Enterprises() {
		if i > 0 {
			b.WriteByte(',')
		}
		ej, err := json.Marshal(&e)
		if err != nil {
			return nil, err
		}
		b.Write(ej)
	}
	b.WriteString("]}")
	return b.Bytes(), nil
}

// gapStats are the distributions of the largest gaps the report draws: how often each
// criterion is among an enterprise's largest gaps toward its next rung, and how large the
// largest measured gap is, relative to the requirement.
type gapStats struct {
	byCriterion map[string]int
	// sizes counts, over the enterprises with a next rung not yet qualified, the largest
	// measured gap relative to the requirement: < 10%, 10–25%, 25–50%, 50–100%, ≥ 100% (or
	// not a share), and last those without a measured gap.
	sizes [6]int
}

func (gs *gapStats) add(e *Enterprise) {
	if gs.byCriterion == nil {
		gs.byCriterion = map[string]int{}
	}
	for i, g := range e.Gaps {
		if !slices.ContainsFunc(e.Gaps[:i], func(h smetier.Gap) bool { return h.Criterion == g.Criterion }) {
			gs.byCriterion[g.Criterion]++
		}
	}
	if e.Next == "" || e.NextStatus == smetier.Qualified {
		return
	}
	if e.Largest == nil {
		gs.sizes[5]++
		return
	}
	switch s := e.Largest.Size; {
	case math.IsNaN(s) || s >= 1:
		gs.sizes[4]++
	case s < 0.10:
		gs.sizes[0]++
	case s < 0.25:
		gs.sizes[1]++
	case s < 0.50:
		gs.sizes[2]++
	default:
		gs.sizes[3]++
	}
}

// Run reads every record of src and screens it: one verdict per rung for each enterprise,
// then the funnel, the seed list, the renewals due and the cohort profile. A record that
// cannot be screened is kept with its error and the others go on; Run fails only when the
// input fails as a whole, the AsOf date is not a calendar day (classify.ErrInvalidAsOf) or ctx
// ends.
//
// Records are read in order by one goroutine, judged on Workers goroutines, and taken back in
// input order, at most a bounded number ahead of the oldest still being judged, into the
// figures of the cohort: counters per rung, city and status, the seeds' bounded ranking, and a
// compact record per enterprise (see Enterprise). Memory grows with the number of enterprises
// by about what their rows in the results take, not by their reports.
func Run(ctx context.Context, src Source, opts ...Option) (*Result, error) {
	cfg := &config{window: 180, workers: runtime.GOMAXPROCS(0), topGaps: 3, seeds: 100}
	for _, o := range opts {
		o(cfg)
	}
	if cfg.eng == nil {
		eng, err := classify.New()
		if err != nil {
			return nil, err
		}
		cfg.eng = eng
	}
	if cfg.asOf.IsZero() {
		cfg.asOf = smetier.DateOf(timeNow())
	}
	if !cfg.asOf.Valid() {
		return nil, fmt.Errorf("screen: %w: %v", classify.ErrInvalidAsOf, cfg.asOf)
	}
	if cfg.workers < 1 {
		cfg.workers = 1
	}
	cfg.programs = map[smetier.TitleKind]bool{}
	for _, p := range cfg.eng.Catalog().Programs() {
		cfg.programs[smetier.TitleKind(p.ID)] = true
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq int
		rec Record
	}
	type done struct {
		seq int
		e   Enterprise
		rn  []Renewal
		err error
	}
	// window bounds the records between the reader and the collector: a slow record holds
	// up at most this many judged ones waiting for their turn.
	window := make(chan struct{}, 16*cfg.workers)
	jobs := make(chan job, 4*cfg.workers)
	out := make(chan done, 4*cfg.workers)
	var readErr error
	go func() {
		defer close(jobs)
		for seq := 0; ; seq++ {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			rec, err := src.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				readErr = err
				cancel()
				return
			}
			select {
			case jobs <- job{seq, rec}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				e, rn, err := cfg.screenOne(ctx, &j.rec)
				select {
				case out <- done{j.seq, e, rn, err}:
				case <-ctx.Done():
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	acc := newCohortAcc(cfg)
	pending := map[int]done{}
	next := 0
	var fatal error
	for d := range out {
		if d.err != nil && fatal == nil {
			fatal = d.err
			cancel()
		}
		if fatal != nil {
			continue
		}
		pending[d.seq] = d
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			acc.add(next, &d.e, d.rn)
			next++
			<-window
		}
	}
	if readErr != nil {
		return nil, readErr
	}
	if fatal != nil {
		return nil, fatal
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return acc.result(), nil
}

// timeNow is the clock for the default as-of date, read in China (UTC+8).
func timeNow() time.Time { return time.Now().In(time.FixedZone("CST", 8*3600)) }

// screenOne judges one record. Only the end of ctx is returned as an error; a record that
// cannot be judged keeps its error in the Enterprise.
func (cfg *config) screenOne(ctx context.Context, rec *Record) (Enterprise, []Renewal, error) {
	e := Enterprise{Sheet: rec.Sheet, Row: rec.Row, Err: rec.Err}
	if rec.Err != nil {
		return e, nil, nil
	}
	p := rec.Profile
	e.Name, e.CreditCode, e.Region = p.Name, p.CreditCode, p.Region
	callOpts := []classify.CallOption{classify.AsOf(cfg.asOf)}
	if cfg.region != "" {
		callOpts = append(callOpts, classify.In(cfg.region))
		e.Region = cfg.region
	}
	rep, err := cfg.eng.Classify(ctx, p, append(callOpts, classify.GapsOnly())...)
	if err != nil {
		if ctx.Err() != nil {
			return e, nil, err
		}
		e.Err = rec.cellErrors(err)
		return e, nil, nil
	}
	e.RegionName = rep.Region.Name
	e.Area = area(rep.Region)
	vs := rungs(rep)
	e.Statuses = make([]RungStatus, len(vs))
	highest := -1
	for i, v := range vs {
		e.Statuses[i] = statusOf(v)
		if v.Held != nil || v.Status == smetier.Qualified {
			highest = i
		}
	}
	if highest >= 0 {
		e.Highest = key(vs[highest])
	}
	for i := highest + 1; i < len(vs); i++ {
		v := vs[i]
		if !v.Covered {
			continue
		}
		e.Next, e.NextStatus = key(v), v.Status
		all := blocking(v, -1)
		e.Gaps = all[:min(len(all), cfg.topGaps):min(len(all), cfg.topGaps)]
		for i := range all {
			if g := all[i]; g.Delta != nil && !g.Official && (e.Largest == nil || g.Size > e.Largest.Size) {
				e.Largest = &g
			}
		}
		if v.Status != smetier.Qualified {
			d := distance(v)
			e.Distance = &d
		}
		break
	}
	e.ind = indicators(p, cfg.asOf)
	rn, err := cfg.renewals(ctx, p, callOpts)
	if err != nil {
		if ctx.Err() != nil {
			return e, nil, err
		}
		e.Err = err
	}
	return e, rn, nil
}

// rungs returns a report's verdicts in ladder order: the national tiers and the local programs.
func rungs(rep *smetier.Report) []*smetier.Verdict { return rep.Rungs() }

func key(v *smetier.Verdict) string { return v.Key() }

func rungTitle(v *smetier.Verdict) smetier.Text { return v.TierTitle }

func statusOf(v *smetier.Verdict) RungStatus {
	s := RungStatus{Key: key(v), Covered: v.Covered, Status: v.Status, Held: v.Held != nil,
		Failed: v.Failed, Judgement: v.Judgement, Errors: v.Errors, title: rungTitle(v)}
	if v.RuleSet != nil {
		s.RuleSet = v.RuleSet.ID
	}
	if len(v.Missing) > 0 {
		s.Missing = make([]string, len(v.Missing))
		for i, m := range v.Missing {
			s.Missing[i] = m.Path
		}
	}
	return s
}

// area is the city a region is counted under: a county's listed city (or its province when
// the city is not listed); a city or province is its own.
func area(r smetier.RegionRef) string {
	if len(r.Code) == 6 && r.Code[4:] != "00" && len(r.Chain) > 2 {
		return r.Chain[1]
	}
	return r.Code
}

// blocking returns the gaps of verdict v, as the ladder orders them: what the enterprise can
// act on first, largest first, then what only the authority decides; at most n.
func blocking(v *smetier.Verdict, n int) []smetier.Gap {
	var gs []smetier.Gap
	for _, c := range v.Criteria {
		if c.Kind == "exemption" || c.Kind == "direct" && v.Score == nil {
			continue
		}
		gs = append(gs, c.Gaps...)
	}
	sort.SliceStable(gs, func(i, j int) bool {
		a, b := gs[i], gs[j]
		if a.Official != b.Official {
			return !a.Official
		}
		return a.Size > b.Size
	})
	if n >= 0 && len(gs) > n {
		gs = gs[:n:n]
	}
	return gs
}

// distance measures how far v's enterprise is from passing it; see Distance.
func distance(v *smetier.Verdict) Distance {
	d := Distance{Failed: len(v.Failed), Missing: len(v.Missing)}
	for _, id := range v.Failed {
		if id == "score" {
			if v.Score != nil && v.Score.PassMark > 0 && v.Score.Total < v.Score.PassMark {
				d.GapSize += float64(v.Score.PassMark-v.Score.Total) / float64(v.Score.PassMark)
			}
			continue
		}
		c := v.Criterion(id)
		if c == nil {
			d.GapSize++
			continue
		}
		d.GapSize += gapSize(c.Gaps)
	}
	d.GapSize = math.Round(d.GapSize*1e6) / 1e6
	return d
}

// gapSize is the normalised size of closing a criterion's gaps: the sum of the required ones
// plus, for each group of alternatives, its cheapest option.
func gapSize(gs []smetier.Gap) float64 {
	if len(gs) == 0 {
		return 1 // failed, but nothing to measure
	}
	norm := func(g smetier.Gap) float64 {
		if math.IsNaN(g.Size) || g.Size <= 0 || g.Size > 1 {
			return 1
		}
		return g.Size
	}
	total := 0.0
	options := map[[2]int]float64{}
	for _, g := range gs {
		if g.Group == 0 {
			total += norm(g)
			continue
		}
		options[[2]int{g.Group, g.Option}] += norm(g)
	}
	best := map[int]float64{}
	for k, s := range options {
		if b, ok := best[k[0]]; !ok || s < b {
			best[k[0]] = s
		}
	}
	for _, b := range best {
		total += b
	}
	return total
}

// renewals judges, under the renewal rules, every title of p that expires within the window:
// titles of national tiers and of the catalog's local programs.
func (cfg *config) renewals(ctx context.Context, p *smetier.Profile, callOpts []classify.CallOption) ([]Renewal, error) {
	var out []Renewal
	end := cfg.asOf.Time().AddDate(0, 0, cfg.window)
	for _, t := range p.Titles {
		if t.Revoked || t.Expires == nil || t.Expires.Before(cfg.asOf) || t.Expires.Time().After(end) {
			continue
		}
		// A national tier's title, or a local program's: a program's rule sets that do not say
		// `application: first` judge its renewals too (its verdict says "no rules" where none
		// is in force for the enterprise's place and date). Other titles are not rungs and
		// have no renewal rules (e.g. 科技型中小企业).
		var only classify.CallOption
		switch {
		case smetier.Tier(t.Kind).Rank() > 0:
			only = classify.Only(smetier.Tier(t.Kind))
		case cfg.programs[t.Kind]:
			only = classify.OnlyPrograms(string(t.Kind))
		default:
			continue
		}
		rep, err := cfg.eng.Classify(ctx, p, append(slices.Clone(callOpts), classify.Renewal(true),
			only, classify.VerdictsOnly())...)
		if err != nil {
			return nil, err
		}
		r := Renewal{Kind: t.Kind, Expires: *t.Expires, DaysLeft: int(t.Expires.Time().Sub(cfg.asOf.Time()).Hours() / 24)}
		if vs := rungs(rep); len(vs) > 0 {
			r.Status = statusOf(vs[0])
		}
		out = append(out, r)
	}
	return out, nil
}

// cohortAcc takes the screened enterprises in input order and keeps the cohort's figures.
type cohortAcc struct {
	cfg *config
	res *Result
	// order is the rungs met so far, in ladder order: each report lists its rungs in order,
	// and a rung met for the first time goes after the rung it follows in that report.
	order []string
	rungs map[string]*rungAcc
	areas map[string]*areaAcc
	// cohort is the whole cohort's profile group.
	cohort CohortGroup
	seeds  seedHeap
}

type rungAcc struct {
	title smetier.Text
	count Count
	// qualified is the profile group of the enterprises qualified for the rung.
	qualified CohortGroup
}

type areaAcc struct {
	enterprises int
	counts      map[string]*Count
}

func newCohortAcc(cfg *config) *cohortAcc {
	return &cohortAcc{cfg: cfg, res: &Result{AsOf: cfg.asOf, RenewalWindow: cfg.window},
		rungs: map[string]*rungAcc{}, areas: map[string]*areaAcc{},
		cohort: CohortGroup{Key: "cohort", Title: smetier.Text{Zh: "全部企业", En: "whole cohort"}, Shares: make([]Share, nIndicators)},
		seeds:  seedHeap{limit: cfg.seeds}}
}

// add counts enterprise seq (the next in input order) and keeps its compact record.
func (a *cohortAcc) add(seq int, e *Enterprise, rn []Renewal) {
	res := a.res
	res.recs.add(e)
	for _, r := range rn {
		r.Enterprise = seq
		res.Renewals = append(res.Renewals, r)
	}
	res.gaps.add(e)
	res.nGaps = max(res.nGaps, len(e.Gaps))
	if e.Err != nil {
		res.Errors++
		return
	}
	res.Screened++
	if e.Distance != nil {
		a.seeds.push(seed{*e.Distance, seq})
	}
	ar := a.areas[e.Area]
	if ar == nil {
		ar = &areaAcc{counts: map[string]*Count{}}
		a.areas[e.Area] = ar
	}
	ar.enterprises++
	a.cohort.count(e)
	prev := ""
	for i := range e.Statuses {
		s := &e.Statuses[i]
		r := a.rungs[s.Key]
		if r == nil {
			r = &rungAcc{title: s.title, qualified: CohortGroup{Shares: make([]Share, nIndicators)}}
			a.rungs[s.Key] = r
			at := 0
			if prev != "" {
				at = slices.Index(a.order, prev) + 1
			}
			a.order = slices.Insert(a.order, at, s.Key)
		}
		prev = s.Key
		r.count.add(s)
		c := ar.counts[s.Key]
		if c == nil {
			c = &Count{}
			ar.counts[s.Key] = c
		}
		c.add(s)
		if s.Status == smetier.Qualified {
			r.qualified.count(e)
		}
	}
}

// result finishes the figures: rungs in ladder order, cities by code, the seeds ranked.
func (a *cohortAcc) result() *Result {
	res := a.res
	res.Rungs = make([]Rung, len(a.order))
	res.Funnel = make([]Count, len(a.order))
	res.Cohort = Cohort{Indicators: Indicators(), Groups: []CohortGroup{a.cohort}}
	for i, k := range a.order {
		r := a.rungs[k]
		res.Rungs[i] = Rung{Key: k, Title: r.title}
		res.Funnel[i] = r.count
		g := r.qualified
		g.Key, g.Title = k, smetier.Text{Zh: "符合" + r.title.Zh, En: "qualified: " + r.title.En}
		res.Cohort.Groups = append(res.Cohort.Groups, g)
	}
	codes := slices.Sorted(maps.Keys(a.areas))
	for _, code := range codes {
		ar := a.areas[code]
		out := Area{Code: code, Enterprises: ar.enterprises, Counts: make([]Count, len(a.order))}
		if r, err := region.Lookup(code); err == nil {
			out.Name = r.Name
		}
		for i, k := range a.order {
			if c := ar.counts[k]; c != nil {
				out.Counts[i] = *c
			}
		}
		res.ByRegion = append(res.ByRegion, out)
	}
	res.Seeds = a.seeds.ranked()
	return res
}

// seed is a candidate for the seed list: its distance and its index in the input.
type seed struct {
	d   Distance
	seq int
}

// before orders seeds by distance, then by input order.
func (s seed) before(t seed) bool {
	if s.d.Less(t.d) {
		return true
	}
	if t.d.Less(s.d) {
		return false
	}
	return s.seq < t.seq
}

// seedHeap keeps the limit closest seeds (all when limit is 0) as a max-heap on before: the
// root is the farthest kept, which a closer one replaces.
type seedHeap struct {
	limit int
	s     []seed
}

func (h *seedHeap) Len() int           { return len(h.s) }
func (h *seedHeap) Less(i, j int) bool { return h.s[j].before(h.s[i]) }
func (h *seedHeap) Swap(i, j int)      { h.s[i], h.s[j] = h.s[j], h.s[i] }
func (h *seedHeap) Push(x any)         { h.s = append(h.s, x.(seed)) }
func (h *seedHeap) Pop() any           { x := h.s[len(h.s)-1]; h.s = h.s[:len(h.s)-1]; return x }

func (h *seedHeap) push(s seed) {
	switch {
	case h.limit <= 0:
		h.s = append(h.s, s) // all are kept; ranked sorts them
	case len(h.s) < h.limit:
		heap.Push(h, s)
	case s.before(h.s[0]):
		h.s[0] = s
		heap.Fix(h, 0)
	}
}

// ranked returns the kept seeds' indexes, closest first.
func (h *seedHeap) ranked() []int {
	slices.SortFunc(h.s, func(a, b seed) int {
		if a.before(b) {
			return -1
		}
		if b.before(a) {
			return 1
		}
		return 0
	})
	if len(h.s) == 0 {
		return nil
	}
	out := make([]int, len(h.s))
	for i, s := range h.s {
		out[i] = s.seq
	}
	return out
}

// RungTitle returns the title of rung key.
func (res *Result) RungTitle(key string) smetier.Text {
	for _, r := range res.Rungs {
		if r.Key == key {
			return r.Title
		}
	}
	return smetier.Text{Zh: key, En: key}
}
