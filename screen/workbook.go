package screen

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/smetier/smetier"
)

// Sheet names of the results workbook.
const (
	ResultsSheet  = "结果"
	SummarySheet  = "汇总"
	SeedsSheet    = "种子"
	RenewalsSheet = "复核"
	CohortSheet   = "画像"
	ErrorsSheet   = "错误"
)

// tr picks the language of the results' words.
type tr string

func (l tr) t(zh, en string) string {
	if l == "en" {
		return en
	}
	return zh
}

func (l tr) text(t smetier.Text) string { return t.In(string(l)) }

func (l tr) status(s *RungStatus) string {
	if s == nil || !s.Covered {
		return l.t("无适用规则", "no rules")
	}
	return l.text(s.Status.Title())
}

// sheetWriter streams rows to one sheet.
type sheetWriter struct {
	sw  *excelize.StreamWriter
	row int
	err error
}

func (w *sheetWriter) add(vals ...any) {
	if w.err != nil {
		return
	}
	w.row++
	w.err = w.sw.SetRow("A"+strconv.Itoa(w.row), vals)
}

// WriteXLSX writes the results workbook in lang ("zh" or "en"): sheet 结果 (one row per
// enterprise: each rung's status, failed criteria and missing inputs, the next rung and its
// largest gaps), 汇总 (the funnel by rung and status, and by city), 种子 (the seed list,
// closest to the next rung first), 复核 (titles due for renewal, judged under the renewal
// rules), 画像 (the cohort profile) and 错误 (every cell that could not be read).
func (res *Result) WriteXLSX(w io.Writer, lang string) error {
	l := tr(lang)
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(zipTo(w))
	hdr, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}, Alignment: &excelize.Alignment{WrapText: true}})
	if err != nil {
		return err
	}
	head := func(vals ...string) []any {
		out := make([]any, len(vals))
		for i, v := range vals {
			out[i] = excelize.Cell{StyleID: hdr, Value: v}
		}
		return out
	}
	names := []string{ResultsSheet, SummarySheet, SeedsSheet, RenewalsSheet, CohortSheet, ErrorsSheet}
	for i, n := range names {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", n); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(n); err != nil {
			return err
		}
	}
	open := func(name string, widths ...float64) (*sheetWriter, error) {
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return nil, err
		}
		for i, wd := range widths {
			if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
				return nil, err
			}
		}
		return &sheetWriter{sw: sw}, nil
	}
	steps := []func() error{
		func() error { return res.writeResults(open, head, l) },
		func() error { return res.writeSummary(open, head, l) },
		func() error { return res.writeSeeds(open, head, l) },
		func() error { return res.writeRenewals(open, head, l) },
		func() error { return res.writeCohort(open, head, l) },
		func() error { return res.writeErrors(open, head, l) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// zipTo returns the results workbook's zip writer, for excelize's SetZipWriter. It writes to
// w itself: excelize (v2.11) builds the whole package in a bytes.Buffer and copies it to w
// afterwards, which at 100,000 enterprises held tens of MB twice over; the buffer it passes
// stays empty and its copy writes nothing. (What excelize would still do with that buffer —
// encrypt it for a password, or patch zip64 headers for parts over 4 GB — a results workbook
// never needs: no password is set, and a sheet of Excel's 1,048,576 rows is far below 4 GB.)
//
// It deflates at the fastest level: at the default level compressing the sheets took a third
// of WriteXLSX's CPU time (BenchmarkWrite); level 1 takes less than half of that and makes
// the file about 45% larger. One compressor is reset for each part, since the zip writer
// finishes a part before it starts the next.
func zipTo(w io.Writer) func(io.Writer) excelize.ZipWriter {
	return func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		var fw *flate.Writer
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			if fw == nil {
				var err error
				fw, err = flate.NewWriter(out, flate.BestSpeed)
				return fw, err
			}
			fw.Reset(out)
			return fw, nil
		})
		return zw
	}
}

type opener func(name string, widths ...float64) (*sheetWriter, error)

func (w *sheetWriter) flush() error {
	if w.err != nil {
		return w.err
	}
	return w.sw.Flush()
}

// formatGap writes a gap for a cell: "criterion: message".
func formatGap(g smetier.Gap, lang string) string {
	return g.Criterion + ": " + g.Message.In(lang)
}

func (res *Result) writeResults(open opener, head func(...string) []any, l tr) error {
	w, err := open(ResultsSheet, 8, 30, 22, 9, 14)
	if err != nil {
		return err
	}
	cols := []string{l.t("行", "row"), l.t("企业名称", "name"), l.t("统一社会信用代码", "credit code"), l.t("地区", "region"), l.t("地区名称", "region name")}
	for _, r := range res.Rungs {
		cols = append(cols, l.text(r.Title))
	}
	for _, r := range res.Rungs {
		cols = append(cols, l.t("未满足：", "failed: ")+r.Key)
	}
	for _, r := range res.Rungs {
		cols = append(cols, l.t("缺少数据：", "missing: ")+r.Key)
	}
	cols = append(cols, l.t("当前最高", "highest"), l.t("下一级", "next rung"), l.t("下一级结论", "next status"))
	n := res.nGaps
	for k := range n {
		cols = append(cols, l.t("差距", "gap")+" "+strconv.Itoa(k+1))
	}
	cols = append(cols, l.t("距离：未满足项", "distance: failed"), l.t("距离：差距规模", "distance: gap size"), l.t("距离：缺少数据", "distance: missing"), l.t("错误", "error"))
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	w.add(head(cols...)...)
	row := make([]any, len(cols))
	for _, e := range res.Enterprises() {
		clear(row)
		row[0], row[1], row[2], row[3], row[4] = e.Row, e.Name, e.CreditCode, e.Region, l.text(e.RegionName)
		k := 5
		if e.Err != nil {
			row[len(row)-1] = e.Err.Error()
			w.add(row...)
			continue
		}
		nr := len(res.Rungs)
		for j, r := range res.Rungs {
			s := e.Status(r.Key)
			row[k+j] = l.status(s)
			if s != nil && s.Held {
				row[k+j] = row[k+j].(string) + l.t("（已持有）", " (held)")
			}
			if s != nil {
				if len(s.Failed) > 0 {
					row[k+nr+j] = strings.Join(s.Failed, ", ")
				}
				if len(s.Missing) > 0 {
					row[k+2*nr+j] = strings.Join(s.Missing, ", ")
				}
			}
		}
		k += 3 * nr
		row[k], row[k+1] = e.Highest, e.Next
		if e.Next != "" {
			row[k+2] = l.text(e.NextStatus.Title())
		}
		k += 3
		for j, g := range e.Gaps {
			row[k+j] = formatGap(g, string(l))
		}
		k += n
		if d := e.Distance; d != nil {
			row[k], row[k+1], row[k+2] = d.Failed, d.GapSize, d.Missing
		}
		w.add(row...)
	}
	return w.flush()
}

func (res *Result) writeSummary(open opener, head func(...string) []any, l tr) error {
	w, err := open(SummarySheet, 34, 14, 12, 12, 12, 12, 12, 12)
	if err != nil {
		return err
	}
	w.add(l.t("筛查日期", "as of"), res.AsOf.String())
	w.add(l.t("已筛查企业", "enterprises screened"), res.Screened)
	w.add(l.t("无法筛查的记录", "records not screened"), res.Errors)
	w.add()
	w.add(head(l.t("梯度", "rung"), "key", l.t("已持有", "held"), l.t("符合", "qualified"), l.t("不符合", "not qualified"),
		l.t("待补充数据", "needs data"), l.t("待官方评定", "needs judgement"), l.t("无适用规则", "no rules"))...)
	for k, r := range res.Rungs {
		c := res.Funnel[k]
		w.add(l.text(r.Title), r.Key, c.Held, c.Qualified, c.NotQualified, c.NeedsData, c.NeedsJudgement, c.NotCovered)
	}
	w.add()
	cols := []string{l.t("地区（市）", "area (city)"), l.t("名称", "name"), l.t("企业数", "enterprises")}
	for _, r := range res.Rungs {
		for _, s := range []string{l.t("符合", "qualified"), l.t("不符合", "not qualified"), l.t("待补充数据", "needs data"), l.t("待官方评定", "needs judgement")} {
			cols = append(cols, r.Key+" "+s)
		}
	}
	w.add(head(cols...)...)
	for _, a := range res.ByRegion {
		row := []any{a.Code, l.text(a.Name), a.Enterprises}
		for _, c := range a.Counts {
			row = append(row, c.Qualified, c.NotQualified, c.NeedsData, c.NeedsJudgement)
		}
		w.add(row...)
	}
	return w.flush()
}

// distanceDoc says how seeds are ranked.
var distanceDoc = smetier.Text{
	Zh: "排序：先按下一级未满足条件数（少者在前），再按差距规模（各未满足条件的差额占要求值之比，每项最多计1，择一条件取最小者；评分不足计（及格分−得分）/及格分），再按缺少数据项数。",
	En: "Ranked by the number of failed criteria of the next rung (fewest first), then by gap size (each failed criterion's delta relative to what is required, at most 1 each, the cheapest of alternatives; a failed score adds (pass mark − points)/pass mark), then by missing inputs.",
}

func (res *Result) writeSeeds(open opener, head func(...string) []any, l tr) error {
	w, err := open(SeedsSheet, 6, 30, 22, 9, 16, 14, 10, 10, 10, 30, 60)
	if err != nil {
		return err
	}
	w.add(l.text(distanceDoc))
	w.add(head(l.t("名次", "rank"), l.t("企业名称", "name"), l.t("统一社会信用代码", "credit code"), l.t("地区", "region"),
		l.t("下一级", "next rung"), l.t("结论", "status"), l.t("未满足项", "failed"), l.t("差距规模", "gap size"), l.t("缺少数据", "missing"),
		l.t("未满足条件", "failed criteria"), l.t("最大差距", "largest gaps"))...)
	for rank, i := range res.Seeds {
		e := res.Enterprise(i)
		var failed string
		if s := e.Status(e.Next); s != nil {
			failed = strings.Join(s.Failed, ", ")
		}
		var gaps []string
		for _, g := range e.Gaps {
			gaps = append(gaps, formatGap(g, string(l)))
		}
		w.add(rank+1, e.Name, e.CreditCode, e.Region, e.Next, l.text(e.NextStatus.Title()),
			e.Distance.Failed, e.Distance.GapSize, e.Distance.Missing, failed, strings.Join(gaps, "\n"))
	}
	return w.flush()
}

func (res *Result) writeRenewals(open opener, head func(...string) []any, l tr) error {
	w, err := open(RenewalsSheet, 30, 22, 16, 12, 10, 14, 26, 30, 40)
	if err != nil {
		return err
	}
	w.add(fmt.Sprintf(l.t("%s起%d天内到期的称号，按复核规则（classify.Renewal）于%s判断。", "Titles expiring within %[2]d days of %[1]s, judged under the renewal rules (classify.Renewal) as of %[1]s."), res.AsOf, res.RenewalWindow, res.AsOf))
	w.add(head(l.t("企业名称", "name"), l.t("统一社会信用代码", "credit code"), l.t("称号", "title"), l.t("到期日", "expires"),
		l.t("剩余天数", "days left"), l.t("复核结论", "renewal status"), l.t("规则集", "rule set"), l.t("未满足条件", "failed"), l.t("缺少数据", "missing"))...)
	for _, r := range res.Renewals {
		name, code := res.recs.identity(r.Enterprise)
		w.add(name, code, string(r.Kind), r.Expires.String(), r.DaysLeft, l.status(&r.Status), r.Status.RuleSet,
			strings.Join(r.Status.Failed, ", "), strings.Join(r.Status.Missing, ", "))
	}
	return w.flush()
}

func (res *Result) writeCohort(open opener, head func(...string) []any, l tr) error {
	widths := []float64{34, 40}
	for range res.Cohort.Groups {
		widths = append(widths, 22)
	}
	w, err := open(CohortSheet, widths...)
	if err != nil {
		return err
	}
	w.add(l.t("企业画像（“56789”）：各组中具备该特征的企业数/已知数（占比），未知数另计。", "Cohort profile (the “56789”): in each group, enterprises with the trait / enterprises for which it is known (share), unknowns apart."))
	cols := []string{l.t("特征", "trait"), l.t("依据", "basis")}
	for _, g := range res.Cohort.Groups {
		cols = append(cols, fmt.Sprintf("%s (%d)", l.text(g.Title), g.Size))
	}
	w.add(head(cols...)...)
	for k, ind := range res.Cohort.Indicators {
		row := []any{l.text(ind.Title), l.text(ind.Basis)}
		for _, g := range res.Cohort.Groups {
			if !ind.Available {
				row = append(row, l.t("无数据", "not in the profile"))
				continue
			}
			row = append(row, g.Shares[k].String())
		}
		w.add(row...)
	}
	return w.flush()
}

func (res *Result) writeErrors(open opener, head func(...string) []any, l tr) error {
	w, err := open(ErrorsSheet, 14, 8, 8, 28, 80)
	if err != nil {
		return err
	}
	w.add(head(l.t("工作表", "sheet"), l.t("行", "row"), l.t("列", "column"), l.t("字段", "field"), l.t("原因", "reason"))...)
	for _, r := range res.recs.errs {
		var re *RecordError
		if errors.As(r.err, &re) {
			for _, c := range re.Cells {
				w.add(c.Sheet, c.Row, c.Column, c.Header, c.Reason)
			}
			continue
		}
		e := res.Enterprise(r.seq)
		w.add(e.Sheet, e.Row, "", "", e.Err.Error())
	}
	return w.flush()
}
