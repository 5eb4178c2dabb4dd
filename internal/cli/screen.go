package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/region"
	"github.com/smetier/smetier/screen"
)

const templateUsage = `Usage: smetier template -o FILE.xlsx [--years 2023,2024,2025]

Writes an empty input workbook for 'smetier screen': sheet 企业 (one row per enterprise: identity
and the figures of each fiscal year as columns) and one sheet per list (知识产权, 奖励, 研发机构,
证书, 融资, 称号, 合规事件) keyed by 统一社会信用代码, Chinese headers in row 1 and the en keys in
row 2, drop-down lists for enumerations, date checks, and a sheet 说明 describing every column.
An empty cell is unknown, never zero; a list known to be empty is stated in its "无…（确认）"
column with TRUE.

Flags:
`

func runTemplate(args []string, env Env) int {
	fs := flag.NewFlagSet("template", flag.ContinueOnError)
	fs.SetOutput(flagOutput(env, args))
	out := fs.String("o", "", "the workbook to write (.xlsx)")
	yearsFlag := fs.String("years", "", "comma-separated fiscal years that get columns (default: the three years before --as-of's year)")
	asOfFlag := fs.String("as-of", "", "date whose three previous years get columns when --years is not given (default: today in China)")
	fs.Usage = func() { fmt.Fprint(fs.Output(), templateUsage); fs.PrintDefaults() }
	pos, err := parseFlags(fs, args)
	if err == nil && len(pos) > 0 {
		err = usagef("unexpected argument %q", pos[0])
	}
	if err == nil && *out == "" {
		err = usagef("-o FILE.xlsx is required")
	}
	var years []int
	if err == nil && *yearsFlag != "" {
		for _, s := range strings.Split(*yearsFlag, ",") {
			y, perr := strconv.Atoi(strings.TrimSpace(s))
			if perr != nil || y < 1949 || y > 9999 {
				err = usagef("--years: %q is not a year", s)
				break
			}
			years = append(years, y)
		}
	}
	if err == nil && years == nil {
		d, aerr := parseAsOf(*asOfFlag, env)
		err = aerr
		years = []int{d.Year - 3, d.Year - 2, d.Year - 1}
	}
	if err != nil {
		return flagError(env, fs, err)
	}
	var buf bytes.Buffer
	if err := screen.WriteTemplate(&buf, screen.Years(years...)); err != nil {
		fmt.Fprintf(env.Stderr, "smetier template: %v\n", err)
		return ExitFailed
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(env.Stderr, "smetier template: %v\n", err)
		return ExitFailed
	}
	fmt.Fprintf(env.Stdout, "wrote %s (fiscal years %v)\n", *out, years)
	return ExitOK
}

const screenUsage = `Usage: smetier screen IN [--as-of YYYY-MM-DD] [-o results.xlsx] [--report report.html] [flags]

Screens every enterprise of IN: a workbook made with 'smetier template' (.xlsx), a folder of
CSV files (one per sheet, named 企业.csv or enterprises.csv, 知识产权.csv or ip.csv, ...; UTF-8
with or without a byte-order mark), or JSON Lines of profiles (any other file).

Writes the results workbook (-o): one row per enterprise with each rung's status, failed
criteria, missing inputs and the largest gaps toward the next rung; the funnel by rung and
status and by city; the seed list (closest to the next rung first); the titles expiring within
the renewal window, judged under the renewal rules; the cohort profile; and every cell that
could not be read. --report writes report.html, one self-contained page with the charts.

A record that cannot be screened (a bad cell, an invalid profile) is listed with its sheet, row,
column and reason and the others go on. Exit status: 0 when every record was screened, 1 when
some were not or the input or an output failed, 2 for usage errors.

Flags:
`

func runScreen(ctx context.Context, args []string, env Env) int {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	fs.SetOutput(flagOutput(env, args))
	asOfFlag := fs.String("as-of", "", "date of judgement YYYY-MM-DD (default: today in China, UTC+8)")
	out := fs.String("o", "", "results workbook to write (.xlsx)")
	report := fs.String("report", "", "report page to write (.html)")
	lang := fs.String("lang", "zh", "language of the workbook and report: zh or en")
	regionFlag := fs.String("region", "", "judge every enterprise under the rules of this division (default: each one's region)")
	window := fs.Int("renewal-window", 180, "list titles expiring within this many days, judged under the renewal rules")
	seeds := fs.Int("seeds", 100, "enterprises in the seed list (0: all)")
	gaps := fs.Int("gaps", 3, "largest gaps kept per enterprise")
	var rules stringList
	fs.Var(&rules, "rules", "extra rule file or directory, loaded with the built-in catalog (repeatable)")
	fs.Usage = func() { fmt.Fprint(fs.Output(), screenUsage); fs.PrintDefaults() }
	pos, err := parseFlags(fs, args)
	if err == nil && len(pos) != 1 {
		err = usagef("want one input (a .xlsx workbook, a folder of CSV files or a JSON Lines file), got %d", len(pos))
	}
	if err == nil && *out == "" && *report == "" {
		err = usagef("nothing to write: give -o results.xlsx and/or --report report.html")
	}
	if err == nil {
		err = checkOneOf("lang", *lang, "zh", "en")
	}
	if err == nil && *window < 0 {
		err = usagef("--renewal-window must be 0 or more")
	}
	if err == nil && *regionFlag != "" {
		if _, lerr := region.Lookup(*regionFlag); lerr != nil {
			err = usagef("--region: %v", lerr)
		}
	}
	var opts []screen.Option
	if err == nil {
		d, aerr := parseAsOf(*asOfFlag, env)
		err = aerr
		opts = append(opts, screen.AsOf(d))
	}
	if err == nil {
		if _, serr := os.Stat(pos[0]); serr != nil {
			err = usagef("%v", serr)
		}
	}
	if err != nil {
		return flagError(env, fs, err)
	}
	cat, err := catalog(rules)
	if err != nil {
		fmt.Fprintf(env.Stderr, "smetier screen: --rules: %v\n", err)
		return ExitUsage
	}
	eng, err := classify.New(classify.WithCatalog(cat))
	if err != nil {
		fmt.Fprintf(env.Stderr, "smetier screen: %v\n", err)
		return ExitFailed
	}
	opts = append(opts, screen.WithEngine(eng), screen.RenewalWindow(*window), screen.Seeds(*seeds),
		screen.TopGaps(*gaps), screen.Workers(env.Workers))
	if *regionFlag != "" {
		opts = append(opts, screen.In(*regionFlag))
	}
	src, err := screen.Open(pos[0])
	if err != nil {
		fmt.Fprintf(env.Stderr, "smetier screen: %v\n", err)
		return ExitFailed
	}
	res, err := screen.Run(ctx, src, opts...)
	src.Close()
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("interrupted: %w", ctx.Err())
		}
		fmt.Fprintf(env.Stderr, "smetier screen: %v\n", err)
		return ExitFailed
	}
	write := func(name string, f func(io.Writer) error) error {
		// Written whole or not at all: a half-written workbook would not open. Written to a
		// file beside it, not to memory first: at 100,000 enterprises the workbook is tens of
		// MB.
		tmp := name + ".tmp"
		fh, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(fh, 64<<10)
		err = f(bw)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(tmp)
			return err
		}
		return os.Rename(tmp, name)
	}
	var written []string
	if *out != "" {
		if err := write(*out, func(w io.Writer) error { return res.WriteXLSX(w, *lang) }); err != nil {
			fmt.Fprintf(env.Stderr, "smetier screen: writing %s: %v\n", *out, err)
			return ExitFailed
		}
		written = append(written, *out)
	}
	if *report != "" {
		if err := write(*report, func(w io.Writer) error { return res.WriteHTML(w, *lang) }); err != nil {
			fmt.Fprintf(env.Stderr, "smetier screen: writing %s: %v\n", *report, err)
			return ExitFailed
		}
		written = append(written, *report)
	}
	printed := 0
	for _, e := range res.Enterprises() {
		if e.Err == nil {
			continue
		}
		if printed == 20 {
			fmt.Fprintf(env.Stderr, "smetier screen: … and more: see sheet %s of the results\n", screen.ErrorsSheet)
			break
		}
		printed++
		var re *screen.RecordError
		if errors.As(e.Err, &re) {
			for _, c := range re.Cells {
				fmt.Fprintf(env.Stderr, "smetier screen: %v\n", c)
			}
			continue
		}
		fmt.Fprintf(env.Stderr, "smetier screen: %s, row %d: %v\n", filepath.Base(e.Sheet), e.Row, e.Err)
	}
	fmt.Fprintf(env.Stdout, "screened %d enterprises as of %s (%d not screened), %d seeds, %d renewals due: %s\n",
		res.Screened, res.AsOf, res.Errors, len(res.Seeds), len(res.Renewals), strings.Join(written, ", "))
	if res.Errors > 0 {
		return ExitFailed
	}
	return ExitOK
}
