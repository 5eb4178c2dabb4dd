package engine

import (
	"fmt"
	"strings"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/cost"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/closest"
)

// Env is what the rules of one catalog are compiled against: the fact vocabulary (the built-in
// facts and a title fact per local program of the catalog) declared to CEL, with holds().
type Env struct {
	cel *cel.Env
	voc *vocab
	// progs holds the programs compiled so far by source and cost limit: the same expression in
	// several rule sets (a national condition repeated by every tier, or copied into a local
	// set) compiles to one Program, which an observer then evaluates once per classification.
	mu    sync.Mutex
	progs map[progKey]*Program
}

type progKey struct {
	src   string
	limit uint64
}

// NewEnv declares the built-in facts and, for each program id (in the given order), its title
// fact title.<id>; titles gives each program's name for the fact's label.
func NewEnv(programs []string, titles map[string]smetier.Text) (*Env, error) {
	var voc *vocab
	if len(programs) > 0 {
		voc = newVocab(programs, titles)
	}
	env, err := newEnv(voc)
	if err != nil {
		return nil, err
	}
	return &Env{cel: env, voc: voc}, nil
}

// HasFact reports whether name is a fact of the environment.
func (e *Env) HasFact(name string) bool { return e.vocab().fact(name) != nil }

// Facts returns every fact of the environment, sorted by name.
func (e *Env) Facts() []Fact { return e.vocab().facts() }

// vocab is e's vocabulary; a nil Env (a zero criteria.Catalog's) has the built-in facts.
func (e *Env) vocab() *vocab {
	if e == nil {
		return nil
	}
	return e.voc
}

// CompileError is a CEL issue with its position inside the expression (Line and Col 1-based,
// 0 when unknown).
type CompileError struct {
	Msg       string
	Line, Col int
	wrapped   error
}

func (e *CompileError) Error() string { return e.Msg }
func (e *CompileError) Unwrap() error { return e.wrapped }

// Compile parses and type-checks src against the fact declarations; the result must be bool and
// its estimated worst-case cost within the limit.
func (e *Env) Compile(src string, costLimit uint64) (*Program, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	key := progKey{src, costLimit}
	if p := e.progs[key]; p != nil {
		return p, nil
	}
	p, err := e.compile(src, costLimit)
	if err != nil {
		return nil, err
	}
	if e.progs == nil {
		e.progs = map[progKey]*Program{}
	}
	p.env, p.id = e, len(e.progs)
	e.progs[key] = p
	return p, nil
}

func (e *Env) compile(src string, costLimit uint64) (*Program, error) {
	env, voc := e.cel, e.voc
	a, iss := env.Compile(src)
	if iss != nil && iss.Err() != nil {
		ce := &CompileError{Msg: "expression: " + strings.ReplaceAll(iss.Err().Error(), "\n", "\n\t")}
		if errs := iss.Errors(); len(errs) > 0 {
			loc := errs[0].Location
			ce.Line, ce.Col = loc.Line(), loc.Column()
		}
		return nil, ce
	}
	if !a.OutputType().IsExactType(cel.BoolType) {
		return nil, &CompileError{Msg: fmt.Sprintf("expression %q has type %s, want bool", src, a.OutputType())}
	}
	est, err := env.EstimateCost(a, costEstimator{})
	if err != nil {
		return nil, fmt.Errorf("expression %q: estimating cost: %w", src, err)
	}
	if est.Max > costLimit {
		return nil, &CompileError{Msg: fmt.Sprintf("%v: estimated cost up to %d, limit %d", ErrCostLimit, est.Max, costLimit), wrapped: ErrCostLimit}
	}
	iterates := len(ast.MatchDescendants(ast.NavigateAST(a.NativeRep()), ast.KindMatcher(ast.ComprehensionKind))) > 0
	prg, err := env.Program(a, celProgramOptions(iterates, costLimit)...)
	if err != nil {
		return nil, fmt.Errorf("expression %q: %w", src, err)
	}
	p := &Program{Source: src, Facts: referencedFacts(a, voc), Cost: est.Max, prg: prg, iterates: iterates, shape: shapeOf(a, voc)}
	if p.fast = compileFast(p.shape, voc); p.fast == nil {
		p.fast = compileFastExpr(a.NativeRep(), voc, a.NativeRep().Expr())
	}
	p.reviewMsg = smetier.Text{Zh: "需满足条件：" + src, En: "the condition must hold: " + src}
	for _, f := range p.Facts {
		i := voc.fact(f).index
		if i >= len(factList) {
			p.voc = voc
		}
		p.idx = append(p.idx, i)
		p.patterns = append(p.patterns, cel.AttributePattern(f))
	}
	return p, nil
}

// costEstimator sizes nothing: facts are scalars, so only the expression's own literals and
// comprehensions make it expensive.
type costEstimator struct{}

func (costEstimator) EstimateSize(cost.AstNode) *cost.SizeEstimate { return nil }
func (costEstimator) EstimateCallCost(function, overloadID string, target *cost.AstNode, args []cost.AstNode) *cost.CallEstimate {
	return nil
}

// referencedFacts lists the declared facts an expression reads, in order of appearance.
func referencedFacts(a *cel.Ast, voc *vocab) []string {
	na := a.NativeRep()
	var out []string
	seen := map[string]bool{}
	for _, e := range ast.MatchDescendants(ast.NavigateAST(na), ast.KindMatcher(ast.IdentKind)) {
		name := e.AsIdent()
		if r, ok := na.ReferenceMap()[e.ID()]; ok && r.Name != "" {
			name = r.Name
		}
		if voc.fact(name) != nil && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// SuggestFact returns ` (did you mean "x"?)` for the built-in fact closest to name, or "".
func SuggestFact(name string) string {
	names := make([]string, len(factList))
	for i, f := range factList {
		names[i] = f.Name
	}
	best := closest.Name(name, names, 4)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// YearInput names the profile input of a per-year figure (a fiscal year's field, e.g.
// "operating_revenue") as the facts name it: the size standard reads the same figures.
func YearInput(year int, key string) smetier.Input { return yearInput(year, figureByKey(key)) }

// DedupInputs drops inputs whose path came earlier in the list.
func DedupInputs(in []smetier.Input) []smetier.Input { return dedupInputs(in) }
