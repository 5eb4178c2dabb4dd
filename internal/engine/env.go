package engine

import (
	"fmt"
	"slices"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/types"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/internal/closest"
)

// newEnv declares every fact of voc as a typed CEL variable, and the holds() macro. Numeric
// comparisons across int and double are allowed so that rules can write thresholds as in the
// text ("fy1.operating_revenue >= 1500").
func newEnv(voc *vocab) (*cel.Env, error) {
	opts := []cel.EnvOption{
		cel.CrossTypeNumericComparisons(true),
		cel.DefaultUTCTimeZone(true),
		cel.Macros(cel.GlobalMacro("holds", 1, holdsMacro(voc))),
	}
	for _, f := range factList {
		opts = append(opts, cel.Variable(f.Name, f.Type.celType()))
	}
	if voc != nil {
		for _, f := range voc.extra {
			opts = append(opts, cel.Variable(f.Name, f.Type.celType()))
		}
	}
	return cel.NewEnv(opts...)
}

// holdsMacro expands holds("kind") into the title fact title.kind, true when the enterprise
// holds a valid title of that kind on the date of judgement (unknown when a matching title's
// validity cannot be told). Being a macro, it is checked while the expression is parsed: the
// argument must be a string literal naming a built-in title kind or a program of the catalog,
// so a misspelt title fails at load rather than never holding.
func holdsMacro(voc *vocab) cel.MacroFactory {
	kinds := builtinKinds()
	if voc != nil {
		kinds = voc.kinds
	}
	return func(eh cel.MacroExprFactory, _ ast.Expr, args []ast.Expr) (ast.Expr, *common.Error) {
		arg := args[0]
		var kind string
		if arg.Kind() == ast.LiteralKind {
			if s, ok := arg.AsLiteral().(types.String); ok {
				kind = string(s)
			}
		}
		if kind == "" {
			return nil, eh.NewError(arg.ID(), `holds() takes a string literal naming a title kind or local program, e.g. holds("little_giant")`)
		}
		if !slices.Contains(kinds, kind) {
			msg := fmt.Sprintf("holds(%q): %q is neither a built-in title kind nor a program of this catalog (known: %s)", kind, kind, strings.Join(kinds, ", "))
			if best := closest.Name(kind, kinds, 4); best != "" {
				msg += fmt.Sprintf("; did you mean %q?", best)
			}
			return nil, eh.NewError(arg.ID(), msg)
		}
		return eh.NewSelect(eh.NewIdent("title"), kind), nil
	}
}

func builtinKinds() []string {
	var out []string
	for _, k := range smetier.BuiltinTitleKinds() {
		out = append(out, string(k))
	}
	return out
}
