package criteria

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"sync"

	"cel.dev/cel-go/cel"

	"github.com/smetier/smetier"
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

// Catalog is a set of compiled rule sets and size standards. It is immutable and safe for
// concurrent use.
type Catalog struct {
	env   *cel.Env
	sets  []*RuleSet
	sizes []*SizeStandard
}

// Load reads, type-checks and compiles every *.yaml file in each source. A rule set id may appear
// only once across all sources. The first error names its file, line, set and criterion.
func Load(sources ...fs.FS) (*Catalog, error) {
	env, err := newEnv()
	if err != nil {
		return nil, fmt.Errorf("criteria: declaring facts: %w", err)
	}
	c := &Catalog{env: env}
	ids := map[string]string{}
	for _, src := range sources {
		sets, sizes, err := loadFS(env, src)
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
	sort.SliceStable(c.sets, func(i, j int) bool {
		a, b := c.sets[i], c.sets[j]
		if a.Tier != b.Tier {
			return a.Tier.Rank() < b.Tier.Rank()
		}
		if a.Jurisdiction != b.Jurisdiction {
			return a.Jurisdiction < b.Jurisdiction
		}
		return a.From.Before(b.From)
	})
	sort.SliceStable(c.sizes, func(i, j int) bool { return c.sizes[i].From.Before(c.sizes[j].From) })
	return c, nil
}

var defaultCatalog = sync.OnceValues(func() (*Catalog, error) { return Load(BuiltinFS()) })

// Default returns the built-in catalog, compiled on first use and shared afterwards (it is
// immutable).
func Default() (*Catalog, error) { return defaultCatalog() }

// Sets returns every rule set, ordered by tier, jurisdiction and start date.
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
	for _, j := range chain {
		var best *RuleSet
		for _, s := range c.sets {
			if s.Tier == t && s.Jurisdiction == j && s.InForce(d) {
				if best == nil || s.From.After(best.From) {
					best = s
				}
			}
		}
		if best != nil {
			return best
		}
	}
	return nil
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
