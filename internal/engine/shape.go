package engine

import (
	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/types"
)

// ShapeKind is the kind of a node of an expression's shape.
type ShapeKind int

// Shape kinds.
const (
	// Opaque is anything the gap analysis cannot read (arithmetic, comprehensions, calls).
	Opaque ShapeKind = iota
	And
	Or
	Not
	// Compare is "fact Op Value" with the fact on the left (constants on the left are flipped).
	Compare
	// BoolFact is a boolean fact used as a condition.
	BoolFact
	// Const is a boolean literal.
	Const
	// Cond is "If ? Then : Else".
	Cond
)

// Shape is the boolean structure of a criterion's expression, reduced to what a gap analysis
// needs: which facts are compared with which thresholds, combined how. It is built once at load
// from the checked AST, so gaps are derived from the rule itself rather than written per rule.
type Shape struct {
	Kind ShapeKind
	// Children: And/Or operands, Not's operand, Cond's If, Then and Else.
	Children []*Shape
	// Fact, Op and Value for Compare (Op is one of >=, >, <=, <, ==, !=), Fact for BoolFact.
	Fact  string
	Op    string
	Value float64
	// Bool is a Const's value.
	Bool bool
}

// Shape returns the program's boolean shape.
func (p *Program) Shape() *Shape { return p.shape }

var flipped = map[string]string{">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}

var compareOps = map[string]string{
	"_>=_": ">=", "_>_": ">", "_<=_": "<=", "_<_": "<", "_==_": "==", "_!=_": "!=",
}

func shapeOf(a *cel.Ast, voc *vocab) *Shape {
	na := a.NativeRep()
	return shapeExpr(na, voc, na.Expr())
}

func shapeExpr(na *ast.AST, voc *vocab, e ast.Expr) *Shape {
	switch e.Kind() {
	case ast.LiteralKind:
		if b, ok := e.AsLiteral().(types.Bool); ok {
			return &Shape{Kind: Const, Bool: bool(b)}
		}
	case ast.IdentKind:
		if name := factName(na, voc, e); name != "" && voc.fact(name).Type == Bool {
			return &Shape{Kind: BoolFact, Fact: name}
		}
	case ast.CallKind:
		call := e.AsCall()
		args := call.Args()
		switch fn := call.FunctionName(); fn {
		case "_&&_", "_||_":
			k := And
			if fn == "_||_" {
				k = Or
			}
			s := &Shape{Kind: k}
			for _, arg := range args {
				c := shapeExpr(na, voc, arg)
				if c.Kind == k { // flatten a && (b && c)
					s.Children = append(s.Children, c.Children...)
				} else {
					s.Children = append(s.Children, c)
				}
			}
			return s
		case "!_":
			return &Shape{Kind: Not, Children: []*Shape{shapeExpr(na, voc, args[0])}}
		case "_?_:_":
			return &Shape{Kind: Cond, Children: []*Shape{shapeExpr(na, voc, args[0]), shapeExpr(na, voc, args[1]), shapeExpr(na, voc, args[2])}}
		default:
			op, ok := compareOps[fn]
			if !ok || len(args) != 2 {
				break
			}
			if f, v, ok := factAndNumber(na, voc, args[0], args[1]); ok {
				return &Shape{Kind: Compare, Fact: f, Op: op, Value: v}
			}
			if f, v, ok := factAndNumber(na, voc, args[1], args[0]); ok {
				return &Shape{Kind: Compare, Fact: f, Op: flipped[op], Value: v}
			}
		}
	}
	return &Shape{Kind: Opaque}
}

func factName(na *ast.AST, voc *vocab, e ast.Expr) string {
	if e.Kind() != ast.IdentKind {
		return ""
	}
	name := e.AsIdent()
	if r, ok := na.ReferenceMap()[e.ID()]; ok && r.Name != "" {
		name = r.Name
	}
	if voc.fact(name) == nil {
		return ""
	}
	return name
}

func factAndNumber(na *ast.AST, voc *vocab, f, v ast.Expr) (string, float64, bool) {
	name := factName(na, voc, f)
	if name == "" || v.Kind() != ast.LiteralKind {
		return "", 0, false
	}
	switch x := v.AsLiteral().(type) {
	case types.Int:
		return name, float64(x), true
	case types.Double:
		return name, float64(x), true
	}
	return "", 0, false
}
