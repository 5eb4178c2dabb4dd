package screen

import (
	"fmt"
	"io"
	"iter"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/smetier/smetier"
)

// TemplateOption configures WriteTemplate and WriteProfiles.
type TemplateOption func(*templateConfig)

type templateConfig struct {
	years []int
	rows  int
}

// Years sets the fiscal years that get columns in the enterprises sheet (default: the three
// years before the current year in China); values keyed by application year (the official
// evaluation score) get the year after each. Reading accepts any year in a header.
func Years(years ...int) TemplateOption {
	return func(c *templateConfig) { c.years = slices.Sorted(slices.Values(years)) }
}

// ValidatedRows sets how many data rows get drop-down lists and date checks (default 10,000;
// 0 for none).
func ValidatedRows(n int) TemplateOption { return func(c *templateConfig) { c.rows = n } }

func newTemplateConfig(opts []TemplateOption) *templateConfig {
	c := &templateConfig{rows: 10_000}
	for _, o := range opts {
		o(c)
	}
	if len(c.years) == 0 {
		y := time.Now().In(time.FixedZone("CST", 8*3600)).Year()
		c.years = []int{y - 3, y - 2, y - 1}
	}
	return c
}

// WriteTemplate writes an empty input workbook: the enterprises sheet (企业: identity and the
// figures of each fiscal year as columns), one sheet per list (知识产权, 称号, 奖励, 研发机构,
// 证书, 融资, 合规事件) keyed by 统一社会信用代码, and a sheet 说明 describing every column. Row 1
// holds the Chinese headers, row 2 the en keys (the profile's JSON paths) the reader goes by;
// data starts in row 3. Enumerations have drop-down lists and dates a date check.
//
// An empty cell is unknown, never zero. A list known to be empty is stated in the enterprises
// sheet's "无…（确认）" column (TRUE); no rows and no TRUE leave the list unknown.
func WriteTemplate(w io.Writer, opts ...TemplateOption) error {
	return WriteProfiles(w, nil, opts...)
}

// WriteProfiles writes profiles in the layout of WriteTemplate, streaming rows, so that a
// registry exported from elsewhere can be reviewed and screened as a workbook. When no Years
// option is given, the years are those of the profiles (all of them are read first).
func WriteProfiles(w io.Writer, profiles iter.Seq[*smetier.Profile], opts ...TemplateOption) error {
	var explicit bool
	for _, o := range opts {
		var c templateConfig
		o(&c)
		explicit = explicit || c.years != nil
	}
	if !explicit && profiles != nil {
		set := map[int]bool{}
		var all []*smetier.Profile
		for p := range profiles {
			all = append(all, p)
			for y := range p.Years {
				set[y] = true
			}
			for y := range p.EvaluationScores {
				set[y-1] = true // an application year: its fiscal year is the one before
			}
		}
		if len(set) > 0 {
			var ys []int
			for y := range set {
				ys = append(ys, y)
			}
			opts = append(opts, Years(ys...))
		}
		profiles = slices.Values(all)
	}
	cfg := newTemplateConfig(opts)
	lay, err := newLayout(cfg.years)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	// Sheets are created first, in order; their rows are streamed one sheet at a time.
	for i, sp := range lay.sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sp.name); err != nil {
				return err
			}
			continue
		}
		if _, err := f.NewSheet(sp.name); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(notesSheet); err != nil {
		return err
	}
	// Every sheet is streamed at once: the list rows are written as their enterprises are, so
	// that memory does not grow with the registry.
	sws := make([]*excelize.StreamWriter, len(lay.sheets))
	next := make([]int, len(lay.sheets))
	for i, sp := range lay.sheets {
		if sws[i], err = startSheet(f, sp, st); err != nil {
			return err
		}
		next[i] = 3
	}
	ent := lay.sheets[0]
	if profiles != nil {
		vals := make([]any, len(ent.cols))
		for p := range profiles {
			pv := reflect.ValueOf(p).Elem()
			clear(vals)
			for i, c := range ent.cols {
				if c.none != "" {
					for _, ls := range lay.sheets[1:] {
						if ls.path == c.none {
							if l := listField(pv, ls.listSteps); !l.IsNil() && l.Len() == 0 {
								vals[i] = true
							}
						}
					}
					continue
				}
				vals[i] = cellValue(lookup(pv, c.steps), st)
			}
			if err := sws[0].SetRow("A"+strconv.Itoa(next[0]), vals); err != nil {
				return err
			}
			next[0]++
			for k, ls := range lay.sheets[1:] {
				l := listField(pv, ls.listSteps)
				if l.Len() > 0 && p.CreditCode == "" {
					return fmt.Errorf("screen: the enterprise of row %d (%q) has %s but no credit code, by which list sheets refer to it", next[0]-1, p.Name, ls.path)
				}
				for j := 0; j < l.Len(); j++ {
					it := l.Index(j)
					r := make([]any, len(ls.cols))
					r[0] = p.CreditCode
					for ci, c := range ls.cols[1:] {
						r[ci+1] = cellValue(lookup(it, c.steps), st)
					}
					if err := sws[k+1].SetRow("A"+strconv.Itoa(next[k+1]), r); err != nil {
						return err
					}
					next[k+1]++
				}
			}
		}
	}
	for i, sp := range lay.sheets {
		if err := finishSheet(f, sws[i], sp, cfg, st); err != nil {
			return err
		}
	}
	if err := writeNotes(f, lay, st); err != nil {
		return err
	}
	return f.Write(w)
}

const notesSheet = "说明"

type styles struct {
	zh, en, date, text int
}

func newStyles(f *excelize.File) (*styles, error) {
	var s styles
	var err error
	if s.zh, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}); err != nil {
		return nil, err
	}
	if s.en, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959", Size: 9},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}); err != nil {
		return nil, err
	}
	fmtDate := "yyyy-mm-dd"
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &fmtDate}); err != nil {
		return nil, err
	}
	if s.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil { // "@": codes stay text
		return nil, err
	}
	return &s, nil
}

// textColumn reports whether a column holds a code that must stay text ("440305", not a number).
func textColumn(c *column) bool {
	switch c.key {
	case codeKey, "region", "industry":
		return true
	}
	return false
}

func startSheet(f *excelize.File, sp *sheetSpec, st *styles) (*excelize.StreamWriter, error) {
	sw, err := f.NewStreamWriter(sp.name)
	if err != nil {
		return nil, err
	}
	for i, c := range sp.cols {
		w := 14.0
		switch {
		case c.key == codeKey || c.key == "name":
			w = 24
		case c.none != "":
			w = 12
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
		switch {
		case deref(c.typ) == dateType:
			err = sw.SetColStyle(i+1, i+1, st.date)
		case textColumn(&c):
			err = sw.SetColStyle(i+1, i+1, st.text)
		}
		if err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight"}); err != nil {
		return nil, err
	}
	zh := make([]any, len(sp.cols))
	en := make([]any, len(sp.cols))
	for i, c := range sp.cols {
		zh[i] = excelize.Cell{StyleID: st.zh, Value: c.zh}
		en[i] = excelize.Cell{StyleID: st.en, Value: c.key}
	}
	if err := sw.SetRow("A1", zh, excelize.RowOpts{Height: 32}); err != nil {
		return nil, err
	}
	return sw, sw.SetRow("A2", en)
}

// finishSheet adds the sheet's data validation and flushes it.
func finishSheet(f *excelize.File, sw *excelize.StreamWriter, sp *sheetSpec, cfg *templateConfig, st *styles) error {
	last := strconv.Itoa(cfg.rows + 2)
	for i, c := range sp.cols {
		if cfg.rows <= 0 {
			break
		}
		dv := validation(&c)
		if dv == nil {
			continue
		}
		col := colName(i)
		dv.SetSqref(col + "3:" + col + last)
		if err := f.AddDataValidation(sp.name, dv); err != nil {
			return fmt.Errorf("screen: validation of %s.%s: %w", sp.key, c.key, err)
		}
	}
	return sw.Flush()
}

func fmtBound(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// validation returns the data validation of a column: drop-downs for enumerations and yes/no,
// a date check for dates, bounds for numbers (from the schema).
func validation(c *column) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	t := deref(c.typ)
	switch {
	case c.enum != nil:
		if err := dv.SetDropList(c.enum); err != nil {
			return nil
		}
		if c.open {
			// Program ids of local rule sets are titles too: warn, do not refuse.
			dv.SetError(excelize.DataValidationErrorStyleWarning, c.key, "not a built-in title kind: it must be a program id of the rules in use")
		} else {
			dv.SetError(excelize.DataValidationErrorStyleStop, c.key, "one of: "+strings.Join(c.enum, ", "))
		}
	case t.Kind() == reflect.Bool:
		if err := dv.SetDropList([]string{"TRUE", "FALSE"}); err != nil {
			return nil
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.key, "TRUE or FALSE")
	case t == dateType:
		if err := dv.SetRange(1, 2958465, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
			return nil
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.key, "a date, YYYY-MM-DD")
	case t == moneyType || t.Kind() == reflect.Int || t.Kind() == reflect.Float64:
		if c.min == nil && c.max == nil {
			return nil
		}
		typ := excelize.DataValidationTypeDecimal
		if t.Kind() == reflect.Int {
			typ = excelize.DataValidationTypeWhole
		}
		lo, hi := -1e15, 1e15
		if c.min != nil {
			lo = *c.min
		}
		if c.max != nil {
			hi = *c.max
		}
		if err := dv.SetRange(lo, hi, typ, excelize.DataValidationOperatorBetween); err != nil {
			return nil
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.key, "between "+fmtBound(&lo)+" and "+fmtBound(&hi))
	case c.key == codeKey:
		if err := dv.SetRange(18, 18, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorEqual); err != nil {
			return nil
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.key, "18 characters")
	default:
		return nil
	}
	return dv
}

// excelEpoch is day 0 of spreadsheet date serial numbers (1900 system, after its leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// cellValue converts a profile value to what a cell holds; nil for an unknown.
func cellValue(v reflect.Value, st *styles) any {
	if !v.IsValid() {
		return nil
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch v.Type() {
	case moneyType:
		m := v.Interface().(smetier.Money)
		// The decimal text, so that the amount is exact in the file (a float64 of fen/100
		// could print as 12345.670000000002).
		f, _ := strconv.ParseFloat(m.String(), 64)
		return f
	case dateType:
		d := v.Interface().(smetier.Date)
		if d.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: st.date, Value: int(d.Time().Sub(excelEpoch).Hours() / 24)}
	}
	switch v.Kind() {
	case reflect.String:
		if v.String() == "" {
			return nil
		}
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int64:
		return v.Int()
	case reflect.Float64:
		return v.Float()
	}
	return nil
}

// lookup follows steps below v; an invalid Value when a pointer or map entry on the way is
// missing.
func lookup(v reflect.Value, steps []step) reflect.Value {
	for _, st := range steps {
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}
			}
			v = v.Elem()
		}
		if st.field == -1 {
			if v.IsNil() {
				return reflect.Value{}
			}
			v = v.MapIndex(reflect.ValueOf(st.year).Convert(v.Type().Key()))
			if !v.IsValid() {
				return v
			}
			continue
		}
		v = v.Field(st.field)
	}
	return v
}

// typeName describes a column's type for the notes sheet.
func typeName(c *column) string {
	t := deref(c.typ)
	switch {
	case c.none != "":
		return "TRUE = 确认为空 / known to be empty"
	case t == moneyType:
		return "金额（元）/ amount in yuan, ≤ 2 decimals"
	case t == dateType:
		return "日期 / date YYYY-MM-DD"
	case c.enum != nil && c.open:
		return "one of (or a program id): " + strings.Join(c.enum, ", ")
	case c.enum != nil:
		return "one of: " + strings.Join(c.enum, ", ")
	}
	switch t.Kind() {
	case reflect.Bool:
		return "TRUE / FALSE"
	case reflect.Int:
		return "整数 / whole number"
	case reflect.Float64:
		return "数值 / number"
	}
	return "文本 / text"
}

func writeNotes(f *excelize.File, lay *layout, st *styles) error {
	sw, err := f.NewStreamWriter(notesSheet)
	if err != nil {
		return err
	}
	for i, w := range []float64{12, 8, 28, 34, 30, 8, 80} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	lines := [][]any{
		{"填写说明 / How to fill in this workbook"},
		{"空单元格表示“未知”，不是零；未知的数据会使结论为“待补充数据”，并列出缺少的字段。 An empty cell is unknown, never zero: a verdict that needs it says so and names the field."},
		{"已知为空的列表（如无任何奖励）须在“企业”表的“无…（确认）”列填 TRUE；不填且无行 = 未知。 A list known to be empty is stated with TRUE in its \"无…（确认）\" column of sheet 企业; no rows and no TRUE leave it unknown."},
		{"第1行为中文表头，第2行为英文键（程序按此读取），数据从第3行开始。列表表以统一社会信用代码关联企业。 Row 1: Chinese headers; row 2: en keys, which the reader goes by; data from row 3. List sheets refer to enterprises by credit code."},
		{"金额单位为元（最多两位小数），日期为 YYYY-MM-DD。另存为 CSV 时每个工作表一个文件，文件名为表名或英文键（如 企业.csv 或 enterprises.csv）。 Amounts in yuan (≤ 2 decimals); dates YYYY-MM-DD. As CSV: one file per sheet, named by the sheet or its en key."},
		{},
		{"sheet", "column", "中文表头", "en key", "type", "required", "description"},
	}
	row := 1
	for _, l := range lines {
		if err := sw.SetRow("A"+strconv.Itoa(row), l); err != nil {
			return err
		}
		row++
	}
	for _, sp := range lay.sheets {
		for i, c := range sp.cols {
			req := ""
			if c.required {
				req = "yes"
			}
			if err := sw.SetRow("A"+strconv.Itoa(row), []any{sp.name + " (" + sp.key + ")", colName(i), c.zh, c.key, typeName(&c), req, c.doc}); err != nil {
				return err
			}
			row++
		}
	}
	return sw.Flush()
}
