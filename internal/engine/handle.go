package engine

import "github.com/smetier/smetier"

// Package criteria's public types carry the compiled machinery without exporting it: each embeds
// a handle under an unexported name, which go doc does not show, while the handle's unexported
// method is promoted, so that the public type satisfies an interface of this package that only
// code inside the module (internal/ is importable only there) can use. Go has no friend
// packages; type aliases of public types to these would hide the public types' methods from
// go doc, and hooks set at init would be global mutable state.

// Sizer classifies an enterprise under a size standard (criteria.SizeStandard).
type Sizer interface {
	Classify(p *smetier.Profile, fy int) smetier.SizeResult
}

// Catalog is the machinery of one criteria.Catalog: the environment its rules were compiled in
// and the size standards it holds.
type Catalog struct {
	Env *Env
	// SizeStandard returns the size standard in force on a date: nil (not a nil pointer in an
	// interface) when there is none.
	SizeStandard func(smetier.Date) Sizer
}

// Observer prepares facts about p as of date asOf for the rules of c: the built-in facts, with
// the size standard c has in force on asOf, and the titles of c's local programs.
func (c *Catalog) Observer(p *smetier.Profile, asOf smetier.Date, renewal bool) *Observer {
	var std Sizer
	if c.SizeStandard != nil {
		std = c.SizeStandard(asOf)
	}
	o := newObserver(p, asOf, renewal, std, c.Env.vocab())
	o.env = c.Env
	return o
}

// CatalogHandle is embedded in criteria.Catalog.
type CatalogHandle struct{ c *Catalog }

// NewCatalogHandle returns the handle of c.
func NewCatalogHandle(c *Catalog) CatalogHandle { return CatalogHandle{c} }

func (h CatalogHandle) engineCatalog() *Catalog { return h.c }

// CatalogHolder is implemented by criteria.Catalog.
type CatalogHolder interface{ engineCatalog() *Catalog }

// CatalogOf returns the machinery of a criteria.Catalog (nil for a zero Catalog).
func CatalogOf(x CatalogHolder) *Catalog { return x.engineCatalog() }

// ProgramHandle is embedded in criteria.Criterion and criteria.Band.
type ProgramHandle struct{ p *Program }

// NewProgramHandle returns the handle of p.
func NewProgramHandle(p *Program) ProgramHandle { return ProgramHandle{p} }

func (h ProgramHandle) engineProgram() *Program { return h.p }

// ProgramHolder is implemented by criteria.Criterion and criteria.Band.
type ProgramHolder interface{ engineProgram() *Program }

// ProgramOf returns the compiled expression of a criteria.Criterion or Band, or nil for a
// criterion without one.
func ProgramOf(x ProgramHolder) *Program { return x.engineProgram() }
