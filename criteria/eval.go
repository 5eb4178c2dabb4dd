package criteria

import (
	"fmt"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"

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

// EvalError reports a rule expression that failed at run time (as opposed to one that could not
// be decided for lack of data).
type EvalError struct {
	Expr string
	Err  error
}

func (e *EvalError) Error() string { return fmt.Sprintf("evaluating %q: %v", e.Expr, e.Err) }
func (e *EvalError) Unwrap() error { return e.Err }

// Eval evaluates a program on the observer's facts. A result that depends on missing facts is
// Maybe, with the inputs that would decide it: only those the evaluation actually needed, so
// "a || b" with a true names nothing, and "a && b" with a false names nothing either.
func (o *Observer) Eval(p *Program) (Truth, []smetier.Input, error) {
	vars := make(map[string]any, len(p.Facts))
	var patterns []*cel.AttributePatternType
	for _, name := range p.Facts {
		v := o.get(name)
		if v.missing != nil {
			patterns = append(patterns, cel.AttributePattern(name))
			continue
		}
		vars[name] = v.v
	}
	act, err := cel.PartialVars(vars, patterns...)
	if err != nil {
		return Maybe, nil, &EvalError{Expr: p.Source, Err: err}
	}
	out, _, err := p.prg.Eval(act)
	if err != nil {
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
