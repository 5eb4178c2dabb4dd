// Package engine is the evaluation machinery behind package criteria's rule sets: the fact
// vocabulary and how each fact is computed from a profile (Observer), the compiled CEL programs
// with their fast Go paths (Program), three-valued evaluation (Truth), and the gap analysis that
// says what would close a failing or undecided criterion (Observer.AppendGaps).
//
// It is internal so that criteria exports only what a library user reads: rule sets, criteria,
// facts and the size standard as data. criteria.Catalog, Criterion and Band carry their compiled
// parts in embedded handles (see handle.go); package classify reaches them with CatalogOf and
// ProgramOf.
package engine
