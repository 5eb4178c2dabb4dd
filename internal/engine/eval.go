package engine

import (
	"context"
	"errors"
	"fmt"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/interpreter"

	"github.com/smetier/smetier"
)

// Truth is a three-valued result.
type Truth int8

// Truth values.
const (
	False Truth = iota
	Maybe
	True
)

func (t Truth) String() string {
	switch t {
	case True:
		return "true"
	case False:
		return "false"
	}
	return "unknown"
}

// ErrCostLimit is matched (errors.Is) by a compile error for an expression whose estimated cost
// is above the limit, and by an evaluation error for one that exceeds it at run time. Package
// criteria maps the first to its own criteria.ErrCostLimit.
var ErrCostLimit = errors.New("rule exceeds the cost limit")

// errOtherCatalog is the error of evaluating an expression that reads a local program's title
// with an observer that does not know the program.
var errOtherCatalog = errors.New("the expression reads the title of a local program this observer does not know: make the observer with the catalog's Observer method")

// EvalError reports a rule expression that failed at run time (as opposed to one that could not
// be decided for lack of data).
type EvalError struct {
	Expr string
	Err  error
}

func (e *EvalError) Error() string { return fmt.Sprintf("evaluating %q: %v", e.Expr, e.Err) }
func (e *EvalError) Unwrap() error { return e.Err }

// activation resolves fact names straight from the observer's cache, as CEL values made once,
// and marks missing facts unknown. One lives in each Observer and is reused for every program.
type activation struct {
	o        *Observer
	unknowns []*interpreter.AttributePattern
}

func (a *activation) ResolveName(name string) (any, bool) {
	f := a.o.voc.fact(name)
	if f == nil {
		return nil, false
	}
	v := a.o.at(f.index)
	if v.missing != nil {
		return nil, false
	}
	return v.celVal(), true
}

func (a *activation) Parent() interpreter.Activation { return nil }

func (a *activation) UnknownAttributePatterns() []*interpreter.AttributePattern { return a.unknowns }

// AsPartialActivation is how cel-go finds the unknown patterns of an activation.
func (a *activation) AsPartialActivation() (interpreter.PartialActivation, bool) { return a, true }

// Eval evaluates a program on the observer's facts. A result that depends on missing facts is
// Maybe, with the inputs that would decide it: only those the evaluation actually needed, so
// "a || b" with a true names nothing, and "a && b" with a false names nothing either. ctx is
// honoured by programs that iterate; every program is bounded by the catalog's cost limit.
//
// The list of missing inputs may be shared with the observer and with other results: it is
// capped, so appending to it copies it, but its elements must not be modified, and a caller
// that hands it to its own caller (a report) must copy it. Copying every list here was a tenth
// of the allocations of a summary, which reads the lists and keeps none of them.
func (o *Observer) Eval(ctx context.Context, p *Program) (Truth, []smetier.Input, error) {
	if p.voc != nil && p.voc != o.voc {
		return Maybe, nil, &EvalError{Expr: p.Source, Err: errOtherCatalog}
	}
	if p.env == nil || p.env != o.env {
		return o.eval(ctx, p)
	}
	// The tiers and programs of one classification repeat many conditions (a third of the
	// evaluations of BenchmarkClassify/engine-gaps-only-mix): each program is evaluated once per
	// classification.
	if p.id >= len(o.memo) {
		o.memo = append(o.memo, make([]evalMemo, p.id+1-len(o.memo))...)
	}
	m := &o.memo[p.id]
	if m.gen == o.gen {
		return m.truth, m.missing, nil
	}
	t, miss, err := o.eval(ctx, p)
	if err != nil {
		return t, miss, err // not kept: a cancelled context, or an error the rule set's caller reports
	}
	miss = miss[:len(miss):len(miss)]
	m.gen, m.truth, m.missing = o.gen, t, miss // field by field: see judge in package classify
	return t, miss, nil
}

// evalMemo is a program's result in the classification of generation gen.
type evalMemo struct {
	gen     uint32
	truth   Truth
	missing []smetier.Input
}

// eval is Eval without the memo.
func (o *Observer) eval(ctx context.Context, p *Program) (Truth, []smetier.Input, error) {
	if p.fast != nil {
		t, unknowns := p.fast(o, o.unknowns[:0])
		o.unknowns = unknowns
		if t != Maybe {
			return t, nil, nil
		}
		if len(unknowns) == 1 {
			// One missing fact: its own list, capped (see Eval), when its paths are distinct.
			if m := o.vals[unknowns[0]].missing; len(m) > 0 && len(m) <= 16 {
				if distinctPaths(m) {
					return Maybe, m[:len(m):len(m)], nil
				}
				return Maybe, dedupInputs(m), nil
			}
		}
		n := 0
		for _, i := range unknowns {
			n += len(o.vals[i].missing)
		}
		miss := make([]smetier.Input, 0, n)
		for _, i := range unknowns {
			miss = append(miss, o.vals[i].missing...)
		}
		return Maybe, dedupInputs(miss), nil
	}
	return o.evalCEL(ctx, p)
}

// distinctPaths reports whether no two inputs of in have the same path.
func distinctPaths(in []smetier.Input) bool {
	for k := 1; k < len(in); k++ {
		for _, j := range in[:k] {
			if j.Path == in[k].Path {
				return false
			}
		}
	}
	return true
}

// evalCEL evaluates a program with cel-go.
func (o *Observer) evalCEL(ctx context.Context, p *Program) (Truth, []smetier.Input, error) {
	a := &o.act
	a.o, a.unknowns = o, a.unknowns[:0]
	for k, i := range p.idx {
		if o.at(i).missing != nil {
			a.unknowns = append(a.unknowns, p.patterns[k])
		}
	}
	var (
		out any
		err error
	)
	if p.iterates {
		out, _, err = p.prg.ContextEval(ctx, a)
	} else {
		out, _, err = p.prg.Eval(a)
	}
	if err != nil {
		var cancel interpreter.EvalCancelledError
		if errors.As(err, &cancel) && cancel.Cause == interpreter.CostLimitExceeded {
			err = fmt.Errorf("%w: %v", ErrCostLimit, err)
		} else if ctx.Err() != nil {
			err = ctx.Err()
		}
		return Maybe, nil, &EvalError{Expr: p.Source, Err: err}
	}
	switch v := out.(type) {
	case types.Bool:
		if v {
			return True, nil, nil
		}
		return False, nil, nil
	case *types.Unknown:
		var miss []smetier.Input
		for _, id := range v.IDs() {
			trails, _ := v.GetAttributeTrails(id)
			for _, tr := range trails {
				miss = append(miss, o.get(tr.Variable()).missing...)
			}
		}
		return Maybe, dedupInputs(miss), nil
	}
	return Maybe, nil, &EvalError{Expr: p.Source, Err: fmt.Errorf("result %v is not a bool", out)}
}

var _ interpreter.PartialActivation = (*activation)(nil)

// celProgramOptions are the options of every compiled program. Programs that iterate also get a
// run-time cost limit and interrupt checks; straight-line programs are bounded by their size,
// which the load-time estimate already checked.
func celProgramOptions(iterates bool, costLimit uint64) []cel.ProgramOption {
	opts := []cel.ProgramOption{cel.EvalOptions(cel.OptPartialEval)}
	if iterates {
		opts = append(opts, cel.CostLimit(costLimit), cel.InterruptCheckFrequency(64))
	}
	return opts
}
