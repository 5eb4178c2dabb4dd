package engine

// A fast path for the common case: an expression whose shape is only and/or/not/ternary over
// comparisons of facts with numbers, boolean facts and constants is compiled into Go closures.
// They follow CEL's semantics for partial evaluation exactly (commutative && and ||: false wins
// over unknown in &&, true wins over unknown in ||; an unknown condition makes a ternary
// unknown; NaN compares false except !=), which a differential test checks against cel-go on
// every built-in criterion. Anything else is evaluated by cel-go.

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
		c := compileFast(s.Children[0], voc)
		if c == nil {
			return nil
		}
		return func(o *Observer, u []int) (Truth, []int) {
			t, u := c(o, u)
			return 2 - t, u
		}
	case And, Or:
		cs := make([]fastFn, len(s.Children))
		for k, ch := range s.Children {
			if cs[k] = compileFast(ch, voc); cs[k] == nil {
				return nil
			}
		}
		// In && a false operand decides; in || a true one. Otherwise an unknown operand leaves
		// the result unknown, naming every unknown operand's facts.
		decisive, other := False, True
		if s.Kind == Or {
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
	case Cond:
		c, a, b := compileFast(s.Children[0], voc), compileFast(s.Children[1], voc), compileFast(s.Children[2], voc)
		if c == nil || a == nil || b == nil {
			return nil
		}
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
	return nil
}

func truth(ok bool) Truth {
	if ok {
		return True
	}
	return False
}
