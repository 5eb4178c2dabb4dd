package engine

import (
	"cel.dev/cel-go/cel"

	"github.com/smetier/smetier"
)

// Program is a compiled, type-checked boolean CEL expression and the facts it reads.
type Program struct {
	Source string
	Facts  []string
	// Cost is the estimated worst-case evaluation cost, checked against the catalog's limit.
	Cost     uint64
	prg      cel.Program
	idx      []int
	patterns []*cel.AttributePatternType
	iterates bool
	shape    *Shape
	fast     fastFn
	// voc is set when the expression reads a local program's title: only observers of the
	// catalog that defines the program can evaluate it.
	voc *vocab
	// env is the environment that compiled the program, and id its number there: the index of
	// its memo in an observer of that environment's catalog (Observer.Eval).
	env *Env
	id  int
	// reviewMsg is the message of the gap of a part of the expression the gap analysis cannot
	// read: the whole condition must hold. Made once, when the program is compiled.
	reviewMsg smetier.Text
}
