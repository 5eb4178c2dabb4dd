package screen

import (
	"context"
	"fmt"
	"io"
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
	Enterprise int               `json:"enterprise"` // index in Result.Enterprises
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
}

func (c *Count) add(s *RungStatus) {
	if s.Held {
		c.Held++
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
	// Enterprises are in input order, those that could not be screened included.
	Enterprises []Enterprise `json:"enterprises"`
	// Screened and Errors count the enterprises judged and the records that could not be.
	Screened int `json:"screened"`
	Errors   int `json:"errors"`
	// Funnel counts statuses by rung, in Rungs order; ByRegion the same by city.
	Funnel   []Count `json:"funnel"`
	ByRegion []Area  `json:"by_region"`
	// Seeds are indexes into Enterprises, closest to their next rung first.
	Seeds    []int     `json:"seeds"`
	Renewals []Renewal `json:"renewals"`
	Cohort   Cohort    `json:"cohort"`
}

// Run reads every record of src and screens it: one verdict per rung for each enterprise,
// then the funnel, the seed list, the renewals due and the cohort profile. A record that
// cannot be screened is kept with its error and the others go on; Run fails only when the
// input fails as a whole or ctx ends.
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
		return nil, fmt.Errorf("screen: as-of date %v is not a calendar date", cfg.asOf)
	}
	if cfg.workers < 1 {
		cfg.workers = 1
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
	jobs := make(chan job, 4*cfg.workers)
	out := make(chan done, 4*cfg.workers)
	var readErr error
	go func() {
		defer close(jobs)
		for seq := 0; ; seq++ {
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
	res := &Result{AsOf: cfg.asOf, RenewalWindow: cfg.window}
	type pendingRenewals struct {
		seq int
		rn  []Renewal
	}
	var rns []pendingRenewals
	var fatal error
	for d := range out {
		if d.err != nil && fatal == nil {
			fatal = d.err
			cancel()
		}
		for len(res.Enterprises) <= d.seq {
			res.Enterprises = append(res.Enterprises, Enterprise{})
		}
		res.Enterprises[d.seq] = d.e
		if len(d.rn) > 0 {
			rns = append(rns, pendingRenewals{d.seq, d.rn})
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
	sort.Slice(rns, func(i, j int) bool { return rns[i].seq < rns[j].seq })
	for _, p := range rns {
		for _, r := range p.rn {
			r.Enterprise = p.seq
			res.Renewals = append(res.Renewals, r)
		}
	}
	res.summarise(cfg)
	return res, nil
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

// renewals judges, under the renewal rules, every title of p that expires within the window.
func (cfg *config) renewals(ctx context.Context, p *smetier.Profile, callOpts []classify.CallOption) ([]Renewal, error) {
	var out []Renewal
	end := cfg.asOf.Time().AddDate(0, 0, cfg.window)
	for _, t := range p.Titles {
		if t.Revoked || t.Expires == nil || t.Expires.Before(cfg.asOf) || t.Expires.Time().After(end) {
			continue
		}
		tier := smetier.Tier(t.Kind)
		if tier.Rank() == 0 {
			continue // no renewal rules: a title that is not a rung (e.g. 科技型中小企业)
		}
		rep, err := cfg.eng.Classify(ctx, p, append(slices.Clone(callOpts), classify.Renewal(true),
			classify.Only(tier), classify.VerdictsOnly())...)
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

// summarise fills the cohort figures from the enterprises.
func (res *Result) summarise(cfg *config) {
	// Rungs in ladder order: each report lists its rungs in order; a rung met for the first
	// time goes after the rung it follows in that report.
	titles := map[string]smetier.Text{}
	var order []string
	for i := range res.Enterprises {
		e := &res.Enterprises[i]
		if e.Err != nil {
			res.Errors++
			continue
		}
		res.Screened++
		prev := ""
		for _, s := range e.Statuses {
			if _, ok := titles[s.Key]; !ok {
				titles[s.Key] = s.title
			}
			if !slices.Contains(order, s.Key) {
				at := 0
				if prev != "" {
					at = slices.Index(order, prev) + 1
				}
				order = slices.Insert(order, at, s.Key)
			}
			prev = s.Key
		}
	}
	res.Rungs = make([]Rung, len(order))
	for i, k := range order {
		res.Rungs[i] = Rung{Key: k, Title: titles[k]}
	}
	res.Funnel = make([]Count, len(order))
	areas := map[string]*Area{}
	var areaOrder []string
	for i := range res.Enterprises {
		e := &res.Enterprises[i]
		if e.Err != nil {
			continue
		}
		a := areas[e.Area]
		if a == nil {
			a = &Area{Code: e.Area, Counts: make([]Count, len(order))}
			if r, err := region.Lookup(e.Area); err == nil {
				a.Name = r.Name
			}
			areas[e.Area] = a
			areaOrder = append(areaOrder, e.Area)
		}
		a.Enterprises++
		for _, s := range e.Statuses {
			k := slices.Index(order, s.Key)
			res.Funnel[k].add(&s)
			a.Counts[k].add(&s)
		}
	}
	slices.Sort(areaOrder)
	for _, c := range areaOrder {
		res.ByRegion = append(res.ByRegion, *areas[c])
	}
	for i := range res.Enterprises {
		if res.Enterprises[i].Distance != nil {
			res.Seeds = append(res.Seeds, i)
		}
	}
	sort.SliceStable(res.Seeds, func(a, b int) bool {
		da, db := res.Enterprises[res.Seeds[a]].Distance, res.Enterprises[res.Seeds[b]].Distance
		return da.Less(*db)
	})
	if cfg.seeds > 0 && len(res.Seeds) > cfg.seeds {
		res.Seeds = res.Seeds[:cfg.seeds:cfg.seeds]
	}
	res.Cohort = cohort(res)
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
