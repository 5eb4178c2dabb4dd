package engine

import (
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/types"
)

// A fast path for the common case: an expression whose shape is only and/or/not/ternary over
// comparisons of facts with numbers, boolean facts and constants is compiled into Go closures.
// They follow CEL's semantics for partial evaluation exactly (commutative && and ||: false wins
// over unknown in &&, true wins over unknown in ||; an unknown condition makes a ternary
// unknown; NaN compares false except !=), which a differential test checks against cel-go on
// every built-in criterion. A shape with an opaque part that is plain double arithmetic or a
// string comparison is compiled from the AST instead (compileFastExpr); since then every built-in
// expression takes a fast path. Anything else is evaluated by cel-go.

// fastFn evaluates a shape; unknowns lists the indices of the missing facts that decide it.
type fastFn func(o *Observer, unknowns []int) (Truth, []int)

// compileFast returns nil when the shape has a part only CEL can evaluate.
func compileFast(s *Shape, voc *vocab) fastFn {
	switch s.Kind {
	case Const:
		t := False
		if s.Bool {
			t = True
		}
		return func(_ *Observer, u []int) (Truth, []int) { return t, u }
	case BoolFact:
		i := voc.fact(s.Fact).index
		return func(o *Observer, u []int) (Truth, []int) {
			v := o.at(i)
			if v.missing != nil {
				return Maybe, append(u, i)
			}
			if v.b {
				return True, u
			}
			return False, u
		}
	case Compare:
		f := voc.fact(s.Fact)
		if f.Type != Int && f.Type != Double {
			return nil
		}
		if _, ok := opSymbol[s.Op]; !ok {
			return nil
		}
		i, op, val := f.index, s.Op, s.Value
		return func(o *Observer, u []int) (Truth, []int) {
			v := o.at(i)
			if v.missing != nil {
				return Maybe, append(u, i)
			}
			return truth(compare(v.number(), op, val)), u
		}
	case Not:
		return inverse(compileFast(s.Children[0], voc))
	case And, Or:
		cs := make([]fastFn, len(s.Children))
		for k, ch := range s.Children {
			if cs[k] = compileFast(ch, voc); cs[k] == nil {
				return nil
			}
		}
		return junction(s.Kind, cs)
	case Cond:
		c, a, b := compileFast(s.Children[0], voc), compileFast(s.Children[1], voc), compileFast(s.Children[2], voc)
		if c == nil || a == nil || b == nil {
			return nil
		}
		return ternary(c, a, b)
	}
	return nil
}

// junction evaluates the operands of an And or Or. In && a false operand decides; in || a true
// one. Otherwise an unknown operand leaves the result unknown, naming every unknown operand's
// facts.
func junction(k ShapeKind, cs []fastFn) fastFn {
	decisive, other := False, True
	if k == Or {
		decisive, other = True, False
	}
	return func(o *Observer, u []int) (Truth, []int) {
		mark := len(u)
		unknown := false
		for _, c := range cs {
			var t Truth
			t, u = c(o, u)
			switch t {
			case decisive:
				return decisive, u[:mark]
			case Maybe:
				unknown = true
			}
		}
		if unknown {
			return Maybe, u
		}
		return other, u[:mark]
	}
}

// ternary evaluates "c ? a : b": an unknown condition makes it unknown, naming the condition's
// missing facts only.
func ternary(c, a, b fastFn) fastFn {
	return func(o *Observer, u []int) (Truth, []int) {
		t, u2 := c(o, u)
		switch t {
		case True:
			return a(o, u2)
		case False:
			return b(o, u2)
		}
		return Maybe, u2
	}
}

func truth(ok bool) Truth {
	if ok {
		return True
	}
	return False
}

// compileFastExpr is the fast path for expressions whose shape has an opaque part that is still
// plain arithmetic: comparisons between sums, differences, products and quotients of double
// facts and literals ("fy1.rd_expense * 100.0 >= 3.0 * fy1.main_revenue"), and a string fact
// compared with a string literal (rdi.top_level == "national"), under and/or/not/ternary. It
// works on the checked AST rather than the shape, which the gap analysis reads and which stays
// as it is. Double arithmetic is IEEE arithmetic in both CEL and Go, and never fails; int
// arithmetic, which fails on overflow in CEL, is left to cel-go. An unknown operand makes a
// comparison unknown, naming the missing facts of both operands, as cel-go merges them.
func compileFastExpr(na *ast.AST, voc *vocab, e ast.Expr) fastFn {
	switch e.Kind() {
	case ast.LiteralKind:
		if b, ok := e.AsLiteral().(types.Bool); ok {
			return compileFast(&Shape{Kind: Const, Bool: bool(b)}, voc)
		}
		return nil
	case ast.IdentKind:
		if name := factName(na, voc, e); name != "" && voc.fact(name).Type == Bool {
			return compileFast(&Shape{Kind: BoolFact, Fact: name}, voc)
		}
		return nil
	case ast.CallKind:
	default:
		return nil
	}
	call := e.AsCall()
	args := call.Args()
	switch fn := call.FunctionName(); fn {
	case "_&&_", "_||_":
		cs := make([]fastFn, len(args))
		for k, a := range args {
			if cs[k] = compileFastExpr(na, voc, a); cs[k] == nil {
				return nil
			}
		}
		k := And
		if fn == "_||_" {
			k = Or
		}
		return junction(k, cs)
	case "!_":
		return inverse(compileFastExpr(na, voc, args[0]))
	case "_?_:_":
		c, a, b := compileFastExpr(na, voc, args[0]), compileFastExpr(na, voc, args[1]), compileFastExpr(na, voc, args[2])
		if c == nil || a == nil || b == nil {
			return nil
		}
		return ternary(c, a, b)
	}
	op, ok := compareOps[call.FunctionName()]
	if !ok || len(args) != 2 {
		return nil
	}
	if f := compileStringCompare(na, voc, op, args[0], args[1]); f != nil {
		return f
	}
	l, r := compileNumber(na, voc, args[0], true), compileNumber(na, voc, args[1], true)
	if l == nil || r == nil {
		return nil
	}
	return func(o *Observer, u []int) (Truth, []int) {
		mark := len(u)
		x, u := l(o, u)
		y, u := r(o, u)
		if len(u) > mark {
			return Maybe, u
		}
		return truth(compare(x, op, y)), u
	}
}

// numFn evaluates a double expression; it appends the indices of the missing facts it reads to
// u, and its value is then meaningless.
type numFn func(o *Observer, u []int) (float64, []int)

// compileNumber compiles a double expression, or, when top (the operand of a comparison), an
// int literal too: CEL compares a double with an int as float64 values (both are finite here,
// NaN aside, which compare makes false as CEL does), so only arithmetic must be all double.
func compileNumber(na *ast.AST, voc *vocab, e ast.Expr, top bool) numFn {
	switch e.Kind() {
	case ast.LiteralKind:
		var x float64
		switch v := e.AsLiteral().(type) {
		case types.Double:
			x = float64(v)
		case types.Int:
			if !top || v > 1<<53 || v < -(1<<53) {
				return nil
			}
			x = float64(v)
		default:
			return nil
		}
		return func(_ *Observer, u []int) (float64, []int) { return x, u }
	case ast.IdentKind:
		name := factName(na, voc, e)
		if name == "" || voc.fact(name).Type != Double {
			return nil
		}
		i := voc.fact(name).index
		return func(o *Observer, u []int) (float64, []int) {
			v := o.at(i)
			if v.missing != nil {
				return 0, append(u, i)
			}
			return v.f(), u
		}
	case ast.CallKind:
	default:
		return nil
	}
	call := e.AsCall()
	args := call.Args()
	if call.FunctionName() == "-_" && len(args) == 1 {
		a := compileNumber(na, voc, args[0], false)
		if a == nil {
			return nil
		}
		return func(o *Observer, u []int) (float64, []int) {
			x, u := a(o, u)
			return -x, u
		}
	}
	if len(args) != 2 {
		return nil
	}
	a, b := compileNumber(na, voc, args[0], false), compileNumber(na, voc, args[1], false)
	if a == nil || b == nil {
		return nil
	}
	// The explicit float64 conversions keep each operation rounded on its own, as in CEL (Go
	// may otherwise fuse a multiply and an add on some platforms).
	switch call.FunctionName() {
	case "_+_":
		return func(o *Observer, u []int) (float64, []int) {
			x, u := a(o, u)
			y, u := b(o, u)
			return float64(x + y), u
		}
	case "_-_":
		return func(o *Observer, u []int) (float64, []int) {
			x, u := a(o, u)
			y, u := b(o, u)
			return float64(x - y), u
		}
	case "_*_":
		return func(o *Observer, u []int) (float64, []int) {
			x, u := a(o, u)
			y, u := b(o, u)
			return float64(x * y), u
		}
	case "_/_":
		return func(o *Observer, u []int) (float64, []int) {
			x, u := a(o, u)
			y, u := b(o, u)
			return float64(x / y), u
		}
	}
	return nil
}

// compileStringCompare compiles a string fact compared (== or !=) with a string literal, on
// either side.
func compileStringCompare(na *ast.AST, voc *vocab, op string, a, b ast.Expr) fastFn {
	if op != "==" && op != "!=" {
		return nil
	}
	if a.Kind() == ast.LiteralKind {
		a, b = b, a
	}
	name := factName(na, voc, a)
	if name == "" || voc.fact(name).Type != String || b.Kind() != ast.LiteralKind {
		return nil
	}
	lit, ok := b.AsLiteral().(types.String)
	if !ok {
		return nil
	}
	i, want, eq := voc.fact(name).index, string(lit), op == "=="
	return func(o *Observer, u []int) (Truth, []int) {
		v := o.at(i)
		if v.missing != nil {
			return Maybe, append(u, i)
		}
		return truth((v.s == want) == eq), u
	}
}

// inverse is the logical not of c (nil when c is nil: no fast path): true and false swap, and
// unknown stays unknown with the same missing facts.
func inverse(c fastFn) fastFn {
	if c == nil {
		return nil
	}
	return func(o *Observer, u []int) (Truth, []int) {
		t, u := c(o, u)
		return 2 - t, u
	}
}
