package cli

import "runtime/debug"

// batchGCPercent is the garbage collector's target for a classify run (see TuneGC).
const batchGCPercent = 400

// TuneGC sets the garbage collector's target percentage for the command line args (without the
// program name) and returns a function that restores the previous one. The command's main
// calls it; the library never changes the runtime's settings.
//
// A classify batch holds little: the compiled catalog and the records of its window (Env.Window),
// so its live heap stays a few MiB however long the input. With the runtime's default (GOGC=100)
// the collector then runs every few dozen records, and in the summary view its work was about a
// fifth of the command's CPU. At 400 it runs a quarter as often, for a peak heap about five times
// the live heap instead of twice: still bounded, because the live heap is. Other commands (screen
// holds a whole workbook's results) keep the default.
//
// A GOGC set in the environment wins: nothing is changed. GOMEMLIMIT, which the runtime applies
// by itself, is never touched, and still caps the heap when set.
func TuneGC(args []string, getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || len(args) == 0 || args[0] != "classify" {
		return func() {}
	}
	prev := debug.SetGCPercent(batchGCPercent)
	return func() { debug.SetGCPercent(prev) }
}
