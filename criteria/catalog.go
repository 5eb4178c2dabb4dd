package criteria

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/engine"
	"github.com/smetier/smetier/region"
)

//go:embed data
var builtin embed.FS

// BuiltinFS returns the embedded rule files: the rule sets under rules/ and size standards under
// size/. Pass it to Load together with your own files to extend the built-in catalog.
func BuiltinFS() fs.FS {
	sub, err := fs.Sub(builtin, "data")
	if err != nil {
		panic(err) // the embedded tree always has data/
	}
	return sub
}

// Catalog is a set of compiled rule sets and size standards. This package never modifies one
// once built, and it is safe for concurrent use. The rule sets and size standards it returns are
// its own, not copies, for the engine's sake: a caller that modifies them changes this catalog
// only, since Default and classify.New each hold a copy of their own (Clone).
type Catalog struct {
	// catalog is the compiled machinery (package classify reaches it with engine.CatalogOf).
	catalog
	env   *engine.Env
	sets  []*RuleSet
	sizes []*SizeStandard
	// byTier indexes sets by tier rank (in sets' order): a classification selects a set per tier.
	byTier [][]*RuleSet
	// version identifies the rule files the catalog was built from; see Version.
	version string
	// programs lists every local program, one entry per id, in ladder order; byProgram holds
	// each program's sets (in sets' order) and programPlaces the jurisdictions that have any,
	// so that a place without programs is passed over without looking at them.
	programs      []smetier.ProgramRef
	byProgram     map[string][]*RuleSet
	programPlaces map[string]bool
}

// DefaultCostLimit bounds the estimated worst-case cost of every rule expression: ample for any
// comparison of facts, far below what a loop over a large literal would need.
const DefaultCostLimit = 10_000

// Option configures New and Parse.
type Option func(*config)

// DefaultMaxFileBytes bounds the size of one rule file: fifty times the largest built-in one.
const DefaultMaxFileBytes = 1 << 20

// DefaultMaxCriteria bounds the conditions of one rule file, counting each criterion and each
// band of a score item: six times the largest built-in file (26 criteria, 56 bands).
const DefaultMaxCriteria = 500

// ErrFileTooLarge is matched (errors.Is) by a load error for a rule file larger than the limit
// set by MaxFileBytes.
var ErrFileTooLarge = errors.New("rule file too large")

// ErrTooManyCriteria is matched (errors.Is) by a load error for a rule file with more
// conditions than the limit set by MaxCriteria.
var ErrTooManyCriteria = errors.New("rule file has too many criteria")

type config struct {
	sources      []fs.FS
	costLimit    uint64
	maxFileBytes int64
	maxCriteria  int
}

func newConfig(opts []Option) config {
	c := config{costLimit: DefaultCostLimit, maxFileBytes: DefaultMaxFileBytes, maxCriteria: DefaultMaxCriteria}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// FromFS adds the *.yaml files of fsys to the catalog.
func FromFS(fsys fs.FS) Option { return func(c *config) { c.sources = append(c.sources, fsys) } }

// CostLimit sets the largest estimated cost an expression may have (default DefaultCostLimit).
// Use it to accept only cheap expressions from rule files you do not control: a file over the
// limit fails to load with an error matching ErrCostLimit.
func CostLimit(n uint64) Option { return func(c *config) { c.costLimit = n } }

// MaxFileBytes sets the largest rule file accepted, in bytes (default DefaultMaxFileBytes). A
// larger file fails to load with an error matching ErrFileTooLarge. Together with MaxCriteria and
// CostLimit it bounds what loading and judging with a rule file you do not control can cost.
func MaxFileBytes(n int64) Option { return func(c *config) { c.maxFileBytes = n } }

// MaxCriteria sets the most conditions a rule file may have, counting each criterion and each
// band of a score item (default DefaultMaxCriteria). A file with more fails to load with an error
// matching ErrTooManyCriteria.
func MaxCriteria(n int) Option { return func(c *config) { c.maxCriteria = n } }

// Load reads, type-checks and compiles every *.yaml file in each source; it is New with one
// FromFS per source.
func Load(sources ...fs.FS) (*Catalog, error) {
	opts := make([]Option, len(sources))
	for i, s := range sources {
		opts[i] = FromFS(s)
	}
	return New(opts...)
}

// New builds a catalog from the sources named by FromFS options. A rule set id may appear only
// once across all sources. The first error names its file, line, set and criterion.
func New(opts ...Option) (*Catalog, error) {
	cfg := newConfig(opts)
	// Every file is read before any is compiled: a rule may read the title of a local program
	// defined in any file (holds("sd_gazelle")), so the programs are declared first.
	var files [][]ruleFile
	var all []ruleFile
	for _, src := range cfg.sources {
		fl, err := readFS(src, cfg)
		if err != nil {
			return nil, err
		}
		files = append(files, fl)
		all = append(all, fl...)
	}
	env, err := envOf(all, cfg.maxFileBytes)
	if err != nil {
		return nil, fmt.Errorf("criteria: declaring facts: %w", err)
	}
	c := &Catalog{env: env}
	ids := map[string]string{}
	version := sha256.New()
	for i, fl := range files {
		fmt.Fprintf(version, "source %d\n", i)
		sets, sizes, err := parseFiles(env, fl, cfg, version)
		if err != nil {
			return nil, err
		}
		for _, s := range sets {
			if prev, dup := ids[s.ID]; dup {
				return nil, &LoadError{File: s.File, Set: s.ID, Err: fmt.Errorf("id already used by %s", prev)}
			}
			ids[s.ID] = s.File
		}
		c.sets = append(c.sets, sets...)
		c.sizes = append(c.sizes, sizes...)
	}
	if err := resolveExtends(c.sets); err != nil {
		return nil, err
	}
	c.version = hex.EncodeToString(version.Sum(nil)[:8])
	// Tiers first, in ladder order, then programs by id.
	rank := func(s *RuleSet) int {
		if s.Program != nil {
			return len(smetier.Tiers()) + 1
		}
		return s.Tier.Rank()
	}
	sort.SliceStable(c.sets, func(i, j int) bool {
		a, b := c.sets[i], c.sets[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if a.Key() != b.Key() {
			return a.Key() < b.Key()
		}
		if a.Jurisdiction != b.Jurisdiction {
			return a.Jurisdiction < b.Jurisdiction
		}
		return a.From.Before(b.From)
	})
	sort.SliceStable(c.sizes, func(i, j int) bool { return c.sizes[i].From.Before(c.sizes[j].From) })
	c.buildIndex()
	return c, nil
}

// catalog is the compiled machinery of a Catalog, embedded under an unexported name so that go
// doc does not show it.
type catalog = engine.CatalogHandle

// sizer is SizeStandard for the engine: nil, not a nil *SizeStandard, when none is in force.
func (c *Catalog) sizer(d smetier.Date) engine.Sizer {
	if s := c.SizeStandard(d); s != nil {
		return s
	}
	return nil
}

// buildIndex fills the indexes of c.sets: by tier, by program, the programs' places and list.
func (c *Catalog) buildIndex() {
	c.catalog = engine.NewCatalogHandle(&engine.Catalog{Env: c.env, SizeStandard: c.sizer})
	c.byTier = make([][]*RuleSet, len(smetier.Tiers())+1)
	c.byProgram, c.programPlaces, c.programs = nil, nil, nil
	latest := map[string]*RuleSet{}
	for _, s := range c.sets {
		if s.Program == nil {
			c.byTier[s.Tier.Rank()] = append(c.byTier[s.Tier.Rank()], s)
			continue
		}
		if c.byProgram == nil {
			c.byProgram, c.programPlaces = map[string][]*RuleSet{}, map[string]bool{}
		}
		id := s.Program.ID
		c.byProgram[id] = append(c.byProgram[id], s)
		c.programPlaces[s.Jurisdiction] = true
		if l := latest[id]; l == nil || s.From.After(l.From) {
			latest[id] = s
		}
	}
	for _, s := range latest {
		c.programs = append(c.programs, *s.Program)
	}
	slices.SortFunc(c.programs, func(a, b smetier.ProgramRef) int { return smetier.CompareProgramRefs(&a, &b) })
}

// Clone returns a deep copy of c: rule sets, criteria, bands, score sections and size
// standards that belong to the copy alone. Compiled expressions, which cannot be modified, are
// shared, so a clone costs copying the data, not compiling it again.
func (c *Catalog) Clone() *Catalog {
	out := &Catalog{env: c.env, version: c.version}
	// A set that extends another shares the criteria it inherits; so do the copies.
	sets := make(map[*RuleSet]*RuleSet, len(c.sets))
	for _, s := range c.sets {
		sets[s] = s.shallowClone()
	}
	crits := map[*Criterion]*Criterion{}
	for _, s := range c.sets {
		cs := sets[s]
		cs.Criteria = make([]*Criterion, len(s.Criteria))
		for i, cr := range s.Criteria {
			cc, ok := crits[cr]
			if !ok {
				cc = cr.clone()
				if owner := sets[cr.set]; owner != nil {
					cc.set = owner
				}
				crits[cr] = cc
			}
			cs.Criteria[i] = cc
		}
		out.sets = append(out.sets, cs)
	}
	out.sizes = make([]*SizeStandard, len(c.sizes))
	for i, std := range c.sizes {
		out.sizes[i] = std.clone()
	}
	out.buildIndex()
	return out
}

// shallowClone copies s and what it points to, except its criteria.
func (s *RuleSet) shallowClone() *RuleSet {
	out := *s
	if s.Program != nil {
		p := *s.Program
		out.Program = &p
	}
	if s.Until != nil {
		u := *s.Until
		out.Until = &u
	}
	if s.Score != nil {
		sc := ScoreSpec{PassMark: s.Score.PassMark, Parts: slices.Clone(s.Score.Parts)}
		out.Score = &sc
	}
	out.HeldBy = slices.Clone(s.HeldBy)
	return &out
}

func (c *Criterion) clone() *Criterion {
	cc := *c
	cc.Facts = slices.Clone(c.Facts)
	if c.Authority != nil {
		a := *c.Authority
		cc.Authority = &a
	}
	if c.Bands != nil {
		cc.Bands = make([]*Band, len(c.Bands))
		for j, b := range c.Bands {
			bb := *b
			cc.Bands[j] = &bb
		}
	}
	return &cc
}

func (s *SizeStandard) clone() *SizeStandard {
	out := *s
	if s.Until != nil {
		u := *s.Until
		out.Until = &u
	}
	cp := func(p *int64) *int64 {
		if p == nil {
			return nil
		}
		v := *p
		return &v
	}
	cpb := func(b Bounds) Bounds {
		return Bounds{Employees: cp(b.Employees), Revenue: cp(b.Revenue), Assets: cp(b.Assets)}
	}
	out.Groups = make([]SizeGroup, len(s.Groups))
	for i, g := range s.Groups {
		g.Codes = slices.Clone(g.Codes)
		g.Large, g.Medium, g.Small = cpb(g.Large), cpb(g.Medium), cpb(g.Small)
		out.Groups[i] = g
	}
	return &out
}

var defaultCatalog = sync.OnceValues(func() (*Catalog, error) { return Load(BuiltinFS()) })

// Default returns the built-in catalog. It is compiled once, on first use; every call returns
// a copy of its own (Clone), so that a caller that modifies the rule sets it reads changes
// nobody else's verdicts.
func Default() (*Catalog, error) {
	c, err := defaultCatalog()
	if err != nil {
		return nil, err
	}
	return c.Clone(), nil
}

// Version identifies the rule files the catalog was built from: 16 hex digits of the SHA-256 of
// every file that was loaded (source by source, in path order: its path, a NUL, its length in
// bytes, a NUL and its content with CRLF line ends read as LF, so that a Windows checkout gives
// the same version). Two catalogs with the same version were built from byte-identical rule
// files; every report's receipt names it.
func (c *Catalog) Version() string { return c.version }

// writeVersion adds a loaded file to the catalog version.
func writeVersion(w io.Writer, path string, data []byte) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	fmt.Fprintf(w, "%s\x00%d\x00", path, len(data))
	w.Write(data)
}

// Sets returns every rule set: the national tiers' in ladder order, then the local programs' by
// program id; within a tier or program by jurisdiction and start date.
func (c *Catalog) Sets() []*RuleSet {
	out := make([]*RuleSet, len(c.sets))
	copy(out, c.sets)
	return out
}

// Set returns the rule set with the given id, or nil.
func (c *Catalog) Set(id string) *RuleSet {
	for _, s := range c.sets {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Select returns the rule set for tier t in force on date d for a place whose jurisdiction chain
// is chain (most specific first, as region.Region.Chain returns). The most specific jurisdiction
// with a set in force wins; national rules are the fallback. It returns nil when none is in force.
func (c *Catalog) Select(chain []string, t smetier.Tier, d smetier.Date) *RuleSet {
	return c.SelectApplication(chain, t, d, false)
}

// SelectApplication is Select for a first application or, with renewal, a renewal (复核). A set
// limited to renewals is preferred for a renewal over a general one of the same jurisdiction;
// a set limited to renewals never applies to a first application, nor one limited to first
// applications to a renewal.
func (c *Catalog) SelectApplication(chain []string, t smetier.Tier, d smetier.Date, renewal bool) *RuleSet {
	r := t.Rank()
	if r == 0 || r >= len(c.byTier) { // a zero Catalog, or a tier the index does not know
		return nil
	}
	return selectFrom(c.byTier[r], chain, d, renewal)
}

// Programs returns every local program the catalog defines, one per id, in ladder order (see
// smetier.Report.Rungs); each is described by its most recent rule set.
func (c *Catalog) Programs() []smetier.ProgramRef { return slices.Clone(c.programs) }

// Program returns the local program with the given id, described by its most recent rule set.
func (c *Catalog) Program(id string) (smetier.ProgramRef, bool) {
	for _, p := range c.programs {
		if p.ID == id {
			return p, true
		}
	}
	return smetier.ProgramRef{}, false
}

// TitleKnown reports whether k is a title kind rules and profiles of this catalog may name: a
// built-in kind or one of the catalog's program ids.
func (c *Catalog) TitleKnown(k smetier.TitleKind) bool {
	if k.Builtin() {
		return true
	}
	_, ok := c.byProgram[string(k)]
	return ok
}

// Facts returns the fact vocabulary of the catalog's rules: the built-in facts (see Facts) and
// a title fact title.<id> for each local program, sorted by name.
func (c *Catalog) Facts() []Fact { return publicFacts(c.env.Facts()) }

// SelectProgram returns the rule set of local program id in force on date d for a place whose
// jurisdiction chain is chain, for a first application or a renewal, chosen as
// SelectApplication chooses a tier's: the most specific jurisdiction wins. It returns nil when
// none is in force there and then.
func (c *Catalog) SelectProgram(chain []string, id string, d smetier.Date, renewal bool) *RuleSet {
	return selectFrom(c.byProgram[id], chain, d, renewal)
}

// SelectPrograms returns, for every local program with a rule set in force on d in a
// jurisdiction of chain, the set SelectProgram chooses, in ladder order. It returns nil when
// there is none, without allocating.
func (c *Catalog) SelectPrograms(chain []string, d smetier.Date, renewal bool) []*RuleSet {
	found := false
	for _, j := range chain {
		if c.programPlaces[j] {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	var out []*RuleSet
	for _, p := range c.programs {
		if s := selectFrom(c.byProgram[p.ID], chain, d, renewal); s != nil {
			out = append(out, s)
		}
	}
	// The sets in force may place a program differently from its latest set.
	slices.SortStableFunc(out, func(a, b *RuleSet) int { return smetier.CompareProgramRefs(a.Program, b.Program) })
	return out
}

// selectFrom picks from sets (all of one tier or program) the one in force on d for chain: the
// most specific jurisdiction, then a set limited to the application's kind over a general one,
// then the latest start.
func selectFrom(sets []*RuleSet, chain []string, d smetier.Date, renewal bool) *RuleSet {
	want := "first"
	if renewal {
		want = "renewal"
	}
	var best *RuleSet
	bestAt := len(chain) // position of best's jurisdiction in chain
	for _, s := range sets {
		if !s.InForce(d) || (s.Application != "" && s.Application != want) {
			continue
		}
		at := slices.Index(chain, s.Jurisdiction)
		switch {
		case at < 0 || at > bestAt:
		case at < bestAt:
			best, bestAt = s, at
		case s.Application == want && best.Application == "",
			s.Application == best.Application && s.From.After(best.From):
			best = s
		}
	}
	return best
}

// SizeStandard returns the size standard in force on d, or nil.
func (c *Catalog) SizeStandard(d smetier.Date) *SizeStandard {
	var best *SizeStandard
	for _, s := range c.sizes {
		if !d.Before(s.From) && (s.Until == nil || !d.After(*s.Until)) {
			if best == nil || s.From.After(best.From) {
				best = s
			}
		}
	}
	return best
}

// SizeStandards returns every size standard, oldest first.
func (c *Catalog) SizeStandards() []*SizeStandard {
	out := make([]*SizeStandard, len(c.sizes))
	copy(out, c.sizes)
	return out
}

// chainOf is a convenience for callers holding a code rather than a region.
func chainOf(code string) ([]string, error) {
	r, err := region.Lookup(code)
	if err != nil {
		return nil, err
	}
	return r.Chain(), nil
}

// SelectFor is Select for a division code.
func (c *Catalog) SelectFor(code string, t smetier.Tier, d smetier.Date) (*RuleSet, error) {
	chain, err := chainOf(code)
	if err != nil {
		return nil, err
	}
	return c.Select(chain, t, d), nil
}

// ParseRungs reads a comma-separated list of national tiers and program ids of c
// ("little_giant,sd_gazelle"), as the command line's --tier and the HTTP API's tier parameter
// take it, for classify.Only. A name given twice counts once; the order of first mention is
// kept. An unknown name is a *smetier.ParseError listing the tiers and programs c knows.
func (c *Catalog) ParseRungs(list string) ([]smetier.Tier, error) {
	var out []smetier.Tier
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		t := smetier.Tier(s)
		if t.Rank() == 0 && c.byProgram[s] == nil {
			if s == "" {
				return nil, &smetier.ParseError{What: "tiers", Input: list, Reason: "a comma-separated list of tiers and programs with an empty entry"}
			}
			return nil, &smetier.ParseError{What: "tier or program", Input: s, Reason: "unknown (want one of " + strings.Join(c.RungNames(), ", ") + ")"}
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// RungNames lists the names classify.Only takes: the national tiers, then c's program ids, in
// ladder order each.
func (c *Catalog) RungNames() []string {
	var out []string
	for _, t := range smetier.Tiers() {
		out = append(out, string(t))
	}
	for _, p := range c.programs {
		out = append(out, p.ID)
	}
	return out
}
