package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/smetier/smetier"
)

// The gap messages are written into one buffer per gap (Observer.fill, ratioGap); the plain
// string-building versions they replaced are kept here as the oracle of TestGapsMatchOracle,
// which builds its gaps with them: every message must come out the same.

func oracleBoolGap(o *Observer, fact string, want bool) smetier.Gap {
	f := o.voc.fact(fact)
	g := smetier.Gap{Fact: fact, Size: 1}
	if want {
		g.Kind = smetier.Obtain
		g.Message = smetier.Text{Zh: "需要：" + f.Label.Zh, En: "needed: " + f.Label.En}
	} else {
		g.Kind = smetier.Avoid
		g.Message = smetier.Text{Zh: "不得：" + f.Label.Zh, En: "must not be: " + f.Label.En}
	}
	return g
}

func oracleNumberGap(o *Observer, fact, op string, threshold, cur float64) smetier.Gap {
	f := o.voc.fact(fact)
	g := smetier.Gap{Fact: fact, Unit: f.Unit, Kind: smetier.Increase}
	if op == "<=" || op == "<" {
		g.Kind = smetier.Decrease
	}
	if f.Yearly {
		g.FiscalYear = o.year - f.YearOffset
	}
	if math.IsNaN(cur) || math.IsInf(cur, 0) {
		// A ratio or growth rate over a zero base is undefined: there is no distance to the
		// threshold to state (and NaN has no JSON form), only that the rule cannot be met so.
		g.Kind, g.Size = smetier.Review, 1
		g.Message = smetier.Text{
			Zh: fmt.Sprintf("%s无法计算（基数为零），要求%s%s", f.Label.Zh, opZh(op), Quantity(threshold, f.Unit).Zh),
			En: fmt.Sprintf("%s cannot be computed (its base is zero); the rule needs %s %s", f.Label.En, opSymbol[op], Quantity(threshold, f.Unit).En),
		}
		return g
	}
	// The smallest change that makes a strict comparison hold is one unit of the input.
	step := 0.0
	if op == ">" || op == "<" {
		step = 1e-6 // 1 fen in 万元; ratios and counts are adjusted below
	}
	year := g.FiscalYear
	key, k := yearKey(fact)
	switch {
	case k > 0 && isMoneyFigure(key):
		// A figure of one fiscal year, in 万元: the gap is the same figure in yuan.
		g.Input, g.Unit = "years."+strconv.Itoa(year)+"."+key, "元"
		return oracleAmountGap(o, g, f.Label, cur, threshold+signed(g.Kind, step))
	case k > 0 && ratioOf(key) != nil:
		return oracleRatioGap(o, g, k, *ratioOf(key), op, threshold, cur)
	case lastYearCloses[fact].figure != "":
		// Closed by last year's figure alone: it moves by the aggregate's shortfall times the
		// factor. Current and Required are that year's figure, the input named.
		c := lastYearCloses[fact]
		if v1, ok := o.raw(1, figureByKey(c.figure)); ok && (c.both || g.Kind == smetier.Increase) {
			y := o.year - 1
			need := threshold + signed(g.Kind, step)
			g.Input, g.Unit, g.FiscalYear = "years."+strconv.Itoa(y)+"."+c.figure, "元", y
			return oracleAmountGap(o, g, c.label(y, op, threshold), wanOf(v1), wanOf(v1)+c.factor*(need-cur))
		}
	case strings.HasPrefix(fact, "equity.sum_"):
		g.Input, g.Unit = "financing", "元"
		return oracleAmountGap(o, g, f.Label, cur, threshold)
	case fact == "revenue.cagr_2y_pct":
		v3, ok3 := o.raw(3, figureByKey("operating_revenue"))
		v1, ok1 := o.raw(1, figureByKey("operating_revenue"))
		if ok1 && ok3 && g.Kind == smetier.Increase {
			need := float64(v3) * math.Pow(1+threshold/100, 2) / 100 // yuan
			g.Input, g.Unit, g.FiscalYear = fmt.Sprintf("years.%d.operating_revenue", o.year-1), "元", o.year-1
			return oracleAmountGap(o, g, t(fmt.Sprintf("%d年营业收入（按复合增长率%s%%）", o.year-1, trim(threshold)),
				fmt.Sprintf("operating revenue %d (for a %s%% CAGR)", o.year-1, trim(threshold))), float64(v1)/1e6, math.Ceil(need)/1e4)
		}
	}
	// Counts, years, ranks, scores, shares: the fact's own unit.
	if f.Type == Int && step != 0 {
		step = 1
	}
	need := threshold + signed(g.Kind, step)
	if f.Type == Int {
		need = math.Ceil(need)
		if g.Kind == smetier.Decrease {
			need = math.Floor(threshold + signed(g.Kind, step))
		}
	}
	g.Official = f.Official
	switch {
	case strings.HasPrefix(fact, "ip."):
		g.Input = "ip"
	case strings.HasPrefix(fact, "segment."):
		g.Input = "segment." + strings.TrimPrefix(fact, "segment.")
		if fact == "segment.years" || fact == "segment.years_to_date" {
			g.Input, g.Kind = "segment.since", smetier.Wait
		}
	case strings.HasPrefix(fact, "score."):
		g.Input = "evaluation_scores." + strconv.Itoa(g.FiscalYear)
	case fact == "digital.level":
		g.Input = "digital_level"
	case fact == "ent.years":
		g.Input, g.Kind = "established", smetier.Wait
	case fact == "compliance.incidents_3y" || fact == "compliance.environment_3y":
		g.Input, g.Kind = "compliance.incidents", smetier.Wait
	}
	return oracleFill(g, f.Label, cur, need, f.Unit)
}

func oracleAmountGap(o *Observer, g smetier.Gap, label smetier.Text, cur, need float64) smetier.Gap {
	return oracleFill(g, label, math.Round(cur*1e6)/100, math.Round(need*1e6)/100, "元")
}

func oracleRatioGap(o *Observer, g smetier.Gap, k int, r ratio, op string, threshold, cur float64) smetier.Gap {
	num, den := figureByKey(r.num), figureByKey(r.den)
	n, _ := o.raw(k, num)
	d, _ := o.raw(k, den)
	year := o.year - k
	unit, scale := "元", 100.0
	if num.count != nil {
		unit, scale = "人", 1
	}
	g.Input, g.Unit = "years."+strconv.Itoa(year)+"."+r.num, unit
	nv, dv := float64(n)/scale, float64(d)/scale
	need := threshold / 100 * dv
	if unit == "元" {
		need = math.Round(need*100) / 100
	} else if g.Kind == smetier.Increase {
		need = math.Ceil(need)
	} else {
		need = math.Floor(need)
	}
	// The rounding above can land a hair on the wrong side, and for a strict comparison the
	// threshold itself still fails: step by the smallest unit (a fen, a person) until the
	// proposed figure passes the comparison exactly.
	if d != 0 {
		step := int64(1)
		if g.Kind != smetier.Increase {
			step = -1
		}
		raw := int64(math.Round(need * scale))
		for range 4 {
			if compare(pctOf(raw, d), op, threshold) {
				break
			}
			raw += step
		}
		need = float64(raw) / scale
	}
	// The label is only the default message's, replaced below: it is not built.
	yr := strconv.Itoa(year)
	g = setNumbers(g, nv, need, unit)
	pct, th := Number(cur), trim(threshold)
	zh := yr + "年" + r.label.Zh + "为" + pct + "%，要求" + opZh(op) + th + "%："
	en := r.label.En + " " + yr + " is " + pct + "%; " + opSymbol[op] + " " + th + "% "
	needQ, deltaQ := Quantity(need, unit), Quantity(*g.Delta, unit)
	if g.Kind == smetier.Increase {
		g.Message = smetier.Text{
			Zh: zh + "在" + den.label.Zh + "不变时" + num.label.Zh + "需达到" + needQ.Zh + "，即增加" + deltaQ.Zh,
			En: en + "needs " + num.label.En + " ≥ " + needQ.En + " at fixed " + den.label.En + ", i.e. +" + deltaQ.En,
		}
		return g
	}
	raise := Quantity(nv*100/threshold-dv, unit)
	if unit == "人" {
		raise = Quantity(math.Ceil(nv*100/threshold-dv), unit) // whole people
	}
	g.Message = smetier.Text{
		Zh: zh + num.label.Zh + "需降至" + needQ.Zh + "（减少" + deltaQ.Zh + "），或" + den.label.Zh + "增加" + raise.Zh,
		En: en + "reduce " + num.label.En + " by " + deltaQ.En + " to " + needQ.En + ", or raise " + den.label.En + " by " + raise.En,
	}
	return g
}

func oracleFill(g smetier.Gap, label smetier.Text, cur, need float64, unit string) smetier.Gap {
	g = setNumbers(g, cur, need, unit)
	verbZh, verbEn := "增加", "+"
	if g.Kind == smetier.Decrease {
		verbZh, verbEn = "减少", "−"
	}
	yearZh, yearEn := "", ""
	if g.FiscalYear != 0 {
		if y := strconv.Itoa(g.FiscalYear); !strings.Contains(label.En, y) {
			yearZh, yearEn = y, " "+y
		}
	}
	curQ, needQ, deltaQ := Quantity(cur, unit), Quantity(need, unit), Quantity(*g.Delta, unit)
	if g.Kind == smetier.Wait && unit == "年" {
		g.Message = smetier.Text{
			Zh: label.Zh + yearZh + "为" + curQ.Zh + "，需" + opWord(g.Kind) + needQ.Zh + "，即" + deltaQ.Zh + "后可满足",
			En: label.En + yearEn + " is " + curQ.En + "; needs " + opSym(g.Kind) + " " + needQ.En + ", i.e. " + deltaQ.En + " more",
		}
		return g
	}
	g.Message = smetier.Text{
		Zh: label.Zh + yearZh + "为" + curQ.Zh + "，需" + opWord(g.Kind) + needQ.Zh + "，即" + verbZh + deltaQ.Zh,
		En: label.En + yearEn + " is " + curQ.En + "; needs " + opSym(g.Kind) + " " + needQ.En + ", i.e. " + verbEn + deltaQ.En,
	}
	return g
}
