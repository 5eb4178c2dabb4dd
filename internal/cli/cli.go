package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Exit statuses.
const (
	ExitOK     = 0 // everything succeeded
	ExitFailed = 1 // some records failed, a rule file is invalid, or an I/O error
	ExitUsage  = 2 // bad flags or arguments
)

// Env is what the command reads and writes. Zero fields take the process's defaults.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Now is the clock for the default date of judgement (default time.Now).
	Now func() time.Time
	// IsTerminal reports whether w is a terminal; the progress indicator is drawn on Stderr only
	// when it is. Default: w is an *os.File on a character device.
	IsTerminal func(w io.Writer) bool
	// Workers is the number of records classified at once (default GOMAXPROCS).
	Workers int
	// Window bounds the records in flight between reading and writing (default 8 per worker).
	Window int
	// MaxRecord is the largest record accepted, in bytes (default 16 MiB).
	MaxRecord int
	// ProgressEvery is the interval between progress updates (default 200ms).
	ProgressEvery time.Duration
}

func (e *Env) defaults() {
	if e.Stdin == nil {
		e.Stdin = os.Stdin
	}
	if e.Stdout == nil {
		e.Stdout = os.Stdout
	}
	if e.Stderr == nil {
		e.Stderr = os.Stderr
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	if e.IsTerminal == nil {
		e.IsTerminal = isTerminal
	}
	if e.Workers <= 0 {
		e.Workers = runtime.GOMAXPROCS(0)
	}
	if e.Window <= 0 {
		e.Window = 8 * e.Workers
	}
	if e.MaxRecord <= 0 {
		e.MaxRecord = 16 << 20
	}
	if e.ProgressEvery <= 0 {
		e.ProgressEvery = 200 * time.Millisecond
	}
}

// isTerminal reports whether w is a character device (a terminal; /dev/null also counts, which
// is harmless for a progress line).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

const usage = `smetier judges Chinese SMEs against the tiered recognition rules (优质中小企业梯度培育).

Usage:
  smetier classify [--region CODE] [--as-of YYYY-MM-DD] [--renewal] [--tier T,...]
                   [--lang zh|en] [--format json|text] [--rules PATH]... [FILE...]
  smetier rules    [--region CODE] [--as-of YYYY-MM-DD] [--tier T] [--format text|json]
                   [--lang zh|en] [--rules PATH]...
  smetier rules    --check FILE|DIR...
  smetier rules    --test [--coverage] [--format text|json] [FILE|DIR...]
  smetier template -o FILE.xlsx [--years Y,...]
  smetier screen   IN [--as-of YYYY-MM-DD] [-o results.xlsx] [--report report.html]
                   [--lang zh|en] [--region CODE] [--renewal-window DAYS] [--rules PATH]...
  smetier schema
  smetier version

Run 'smetier COMMAND -h' for the flags of a command.
`

// Run runs the command line args (without the program name) and returns the exit status.
func Run(ctx context.Context, args []string, env Env) int {
	env.defaults()
	out := bufio.NewWriterSize(env.Stdout, 64<<10)
	env.Stdout = out
	code := dispatch(ctx, args, env)
	// Output is buffered, so a full disk or a closed pipe often shows only here, at the end: it
	// must not pass for success with the output lost.
	if err := out.Flush(); err != nil && code != ExitUsage {
		fmt.Fprintf(env.Stderr, "smetier: writing the output: %v\n", err)
		code = ExitFailed
	}
	return code
}

func dispatch(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, usage)
		return ExitUsage
	}
	switch args[0] {
	case "classify":
		return runClassify(ctx, args[1:], env)
	case "rules":
		return runRules(ctx, args[1:], env)
	case "schema":
		return runSchema(args[1:], env)
	case "template":
		return runTemplate(args[1:], env)
	case "screen":
		return runScreen(ctx, args[1:], env)
	case "version":
		fmt.Fprintln(env.Stdout, "smetier", version())
		return ExitOK
	case "help", "-h", "-help", "--help":
		// "help classify" is "classify -h"; help about help is this usage, not a recursion.
		if len(args) > 1 && !isHelp(args[1]) {
			return dispatch(ctx, []string{args[1], "-h"}, env)
		}
		fmt.Fprint(env.Stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(env.Stderr, "smetier: unknown command %q\n\n%s", args[0], usage)
	return ExitUsage
}

// flagOutput is where a command's flag set writes its usage: standard output when args ask
// for help (it is then the answer, as for "smetier help"), standard error when the usage
// accompanies a mistake.
func flagOutput(env Env, args []string) io.Writer {
	for _, a := range args {
		if a == "--" {
			break
		}
		if isHelp(a) && a != "help" {
			return env.Stdout
		}
	}
	return env.Stderr
}

func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// parseFlags parses flags that may come before, between or after the positional arguments
// ("smetier classify a.json --region 440305"); "--" ends the flags.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageError is an invalid flag value or argument.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// flagError reports err from parsing or checking flags and returns the exit status.
func flagError(env Env, fs *flag.FlagSet, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "smetier %s: %s\n", fs.Name(), ue.msg)
		fmt.Fprintf(env.Stderr, "Run 'smetier %s -h' for usage.\n", fs.Name())
	}
	// Errors from flag.Parse were already printed with the usage.
	return ExitUsage
}

// stringList is a repeatable flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func checkOneOf(name, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return usagef("--%s %q: want %s", name, v, strings.Join(allowed, " or "))
}
