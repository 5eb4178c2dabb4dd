package screen

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"

	"github.com/smetier/smetier"
)

// The report's charts are SVG drawn here: a bar is a rectangle whose width is a count, which
// needs no chart library, no script and nothing from the network, so the file opens offline
// in any browser (and prints), and every figure is in the page as text and data attributes.

//go:embed report.html.tmpl
var reportTmpl string

// bar is one bar of a chart.
type bar struct {
	Key, Label, Class string
	Value             int
	X, W              float64 // position and width, in chart units
	Text              string  // value as shown
}

// barRow is a labelled row of (stacked) bars.
type barRow struct {
	Key, Label string
	Y, EndX    float64
	Bars       []bar
	Total      int
}

type chart struct {
	ID     string
	Title  string
	Width  float64
	Height float64
	Label  float64 // width of the label column
	Rows   []barRow
	Legend []bar
}

type seedView struct {
	Rank               int
	Name, Code, Region string
	Next, Status       string
	Failed, Missing    int
	GapSize            string
	FailedCriteria     string
	Gaps               []string
}

type cohortView struct {
	Title, Basis string
	Available    bool
	Cells        []cohortCell
}

type cohortCell struct {
	Text string
	Pct  float64
	W    float64
}

type reportView struct {
	Lang, Title, AsOf string
	Screened, Errors  int
	T                 map[string]string
	Funnel            chart
	Statuses          chart
	GapCriteria       chart
	GapSizes          chart
	Seeds             []seedView
	SeedDoc           string
	Groups            []string
	Cohort            []cohortView
	Regions           []regionView
	Rungs             []string
	RenewalCount      int
	RenewalWindow     int
}

type regionView struct {
	Code, Name  string
	Enterprises int
	Qualified   []int
}

const chartWidth = 720

var statusOrder = []smetier.Status{smetier.Qualified, smetier.NeedsJudgement, smetier.NeedsData, smetier.NotQualified}

func statusClass(s smetier.Status) string { return "s-" + string(s) }

// layoutBars fills the positions of rows of bars scaled so that the largest total fills the
// chart.
func layoutBars(c *chart) {
	biggest := 0
	for _, r := range c.Rows {
		biggest = max(biggest, r.Total)
	}
	scale := 0.0
	if biggest > 0 {
		scale = (c.Width - c.Label - 60) / float64(biggest)
	}
	for i := range c.Rows {
		r := &c.Rows[i]
		r.Y = float64(i)*28 + 4
		x := c.Label
		for j := range r.Bars {
			b := &r.Bars[j]
			b.X, b.W = x, float64(b.Value)*scale
			if b.Value > 0 && b.W < 1 {
				b.W = 1 // a non-zero count stays visible
			}
			b.Text = fmt.Sprint(b.Value)
			x += b.W
		}
		r.EndX = x + 6
	}
	c.Height = float64(len(c.Rows))*28 + 8
}

// WriteHTML writes report.html: one self-contained page (no script, no external resource) with
// the funnel, the statuses per rung, the distributions of the largest gaps, the seed list, the
// cohort profile and the funnel by city, in lang ("zh" or "en").
func (res *Result) WriteHTML(w io.Writer, lang string) error {
	l := tr(lang)
	if lang != "en" {
		lang = "zh"
	}
	v := reportView{Lang: lang, AsOf: res.AsOf.String(), Screened: res.Screened, Errors: res.Errors,
		Title: l.t("梯度培育筛查报告", "Cultivation screening report"), SeedDoc: l.text(distanceDoc),
		RenewalCount: len(res.Renewals), RenewalWindow: res.RenewalWindow}
	v.T = map[string]string{
		"asof": l.t("筛查日期", "As of"), "screened": l.t("已筛查企业", "Enterprises screened"), "errors": l.t("无法筛查的记录", "Records not screened"),
		"funnel":   l.t("梯度漏斗：符合或已持有", "Funnel: qualified or holding the title"),
		"statuses": l.t("各级结论", "Statuses per rung"), "gaps": l.t("最大差距的分布（下一级）", "Distribution of the largest gaps (next rung)"),
		"seeds": l.t("种子企业（距下一级最近）", "Seed enterprises (closest to their next rung)"), "cohort": l.t("企业画像（“56789”）", "Cohort profile (the “56789”)"),
		"regions": l.t("分地区（市）符合数", "Qualified by city"), "rank": l.t("名次", "Rank"), "name": l.t("企业", "Enterprise"),
		"region": l.t("地区", "Region"), "next": l.t("下一级", "Next rung"), "status": l.t("结论", "Status"), "failed": l.t("未满足项", "Failed"),
		"gapsize": l.t("差距规模", "Gap size"), "missing": l.t("缺少数据", "Missing"), "largest": l.t("最大差距", "Largest gaps"),
		"trait": l.t("特征", "Trait"), "basis": l.t("依据", "Basis"), "enterprises": l.t("企业数", "Enterprises"),
		"renewals": l.t("复核", "Renewals"), "na": l.t("画像无此字段", "not in the profile"),
		"renewaltext": l.t("%d 个称号在 %d 天内到期，按复核规则判断，见结果工作簿“复核”表。", "%d titles expire within %d days; judged under the renewal rules in sheet 复核 of the results workbook."),
	}
	v.T["renewaltext"] = fmt.Sprintf(v.T["renewaltext"], len(res.Renewals), res.RenewalWindow)

	v.Funnel = chart{ID: "funnel", Title: v.T["funnel"], Width: chartWidth, Label: 240}
	v.Statuses = chart{ID: "statuses", Title: v.T["statuses"], Width: chartWidth, Label: 240}
	for _, s := range statusOrder {
		v.Statuses.Legend = append(v.Statuses.Legend, bar{Key: string(s), Label: l.text(s.Title()), Class: statusClass(s)})
	}
	v.Statuses.Legend = append(v.Statuses.Legend, bar{Key: "not_covered", Label: l.t("无适用规则", "no rules"), Class: "s-none"})
	for k, r := range res.Rungs {
		c := res.Funnel[k]
		v.Rungs = append(v.Rungs, l.text(r.Title))
		reached := c.Reached
		v.Funnel.Rows = append(v.Funnel.Rows, barRow{Key: r.Key, Label: l.text(r.Title), Total: reached,
			Bars: []bar{{Key: "reached", Value: reached, Class: "s-qualified"}}})
		row := barRow{Key: r.Key, Label: l.text(r.Title)}
		for _, s := range statusOrder {
			row.Bars = append(row.Bars, bar{Key: string(s), Value: c.Of(s), Class: statusClass(s)})
			row.Total += c.Of(s)
		}
		row.Bars = append(row.Bars, bar{Key: "not_covered", Value: c.NotCovered, Class: "s-none"})
		row.Total += c.NotCovered
		v.Statuses.Rows = append(v.Statuses.Rows, row)
	}
	layoutBars(&v.Funnel)
	layoutBars(&v.Statuses)

	// Largest gaps: which criteria block the next rung most often, and how large the largest
	// gap of each enterprise is.
	byCrit := res.gaps.byCriterion
	buckets := []struct {
		key, label string
		n          int
	}{
		{"lt10", "< 10%", res.gaps.sizes[0]}, {"lt25", "10–25%", res.gaps.sizes[1]}, {"lt50", "25–50%", res.gaps.sizes[2]},
		{"lt100", "50–100%", res.gaps.sizes[3]}, {"ge100", "≥ 100%", res.gaps.sizes[4]},
		{"none", l.t("无可度量的差距", "no measured gap"), res.gaps.sizes[5]},
	}
	crits := make([]string, 0, len(byCrit))
	for c := range byCrit {
		crits = append(crits, c)
	}
	sort.Slice(crits, func(i, j int) bool {
		if byCrit[crits[i]] != byCrit[crits[j]] {
			return byCrit[crits[i]] > byCrit[crits[j]]
		}
		return crits[i] < crits[j]
	})
	if len(crits) > 12 {
		crits = crits[:12]
	}
	v.GapCriteria = chart{ID: "gap-criteria", Title: l.t("阻碍下一级最常见的条件（企业数）", "Criteria blocking the next rung most often (enterprises)"), Width: chartWidth, Label: 240}
	for _, c := range crits {
		v.GapCriteria.Rows = append(v.GapCriteria.Rows, barRow{Key: c, Label: c, Total: byCrit[c],
			Bars: []bar{{Key: c, Value: byCrit[c], Class: "s-gap"}}})
	}
	layoutBars(&v.GapCriteria)
	v.GapSizes = chart{ID: "gap-sizes", Title: l.t("最大可度量差距占要求值之比（企业数）", "Largest measured gap relative to the requirement (enterprises)"), Width: chartWidth, Label: 240}
	for _, b := range buckets {
		v.GapSizes.Rows = append(v.GapSizes.Rows, barRow{Key: b.key, Label: b.label, Total: b.n,
			Bars: []bar{{Key: b.key, Value: b.n, Class: "s-gap"}}})
	}
	layoutBars(&v.GapSizes)

	for rank, i := range res.Seeds {
		if rank == 50 {
			break
		}
		e := res.Enterprise(i)
		sv := seedView{Rank: rank + 1, Name: e.Name, Code: e.CreditCode, Region: l.text(e.RegionName), Next: l.text(res.RungTitle(e.Next)),
			Status: l.text(e.NextStatus.Title()), Failed: e.Distance.Failed, Missing: e.Distance.Missing, GapSize: fmt.Sprintf("%.3f", e.Distance.GapSize)}
		if s := e.Status(e.Next); s != nil {
			sv.FailedCriteria = fmt.Sprint(s.Failed)
		}
		for _, g := range e.Gaps {
			sv.Gaps = append(sv.Gaps, formatGap(g, lang))
		}
		v.Seeds = append(v.Seeds, sv)
	}
	for _, g := range res.Cohort.Groups {
		v.Groups = append(v.Groups, fmt.Sprintf("%s (%d)", l.text(g.Title), g.Size))
	}
	for k, ind := range res.Cohort.Indicators {
		cv := cohortView{Title: l.text(ind.Title), Basis: l.text(ind.Basis), Available: ind.Available}
		for _, g := range res.Cohort.Groups {
			s := g.Shares[k]
			cv.Cells = append(cv.Cells, cohortCell{Text: s.String(), Pct: math.Round(s.Pct()*10) / 10, W: s.Pct()})
		}
		v.Cohort = append(v.Cohort, cv)
	}
	for _, a := range res.ByRegion {
		rv := regionView{Code: a.Code, Name: l.text(a.Name), Enterprises: a.Enterprises}
		for _, c := range a.Counts {
			rv.Qualified = append(rv.Qualified, c.Qualified)
		}
		v.Regions = append(v.Regions, rv)
	}
	t, err := template.New("report").Funcs(template.FuncMap{"add": func(a, b float64) float64 { return a + b }}).Parse(reportTmpl)
	if err != nil {
		return err
	}
	return t.Execute(w, v)
}
