package smetier

import (
	"fmt"
	"io"
	"strings"
)

var outcomeMark = map[Outcome]string{
	Pass: "[✓]", Fail: "[✗]", Unknown: "[?]", Judgement: "[⚖]", Exempt: "[~]", Waived: "[-]", Errored: "[!]",
}

// WriteText writes the report for a person, in lang ("zh" or "en"): the size class, then for
// each tier its status, every criterion with its outcome, citation and observed values, and what
// is missing.
func (r *Report) WriteText(w io.Writer, lang string) error {
	zh := lang != "en"
	pick := func(t Text) string { return t.In(lang) }
	var b strings.Builder
	name := r.Enterprise
	if name == "" {
		name = map[bool]string{true: "（未命名企业）", false: "(unnamed enterprise)"}[zh]
	}
	if r.CreditCode != "" {
		name += " " + r.CreditCode
	}
	fmt.Fprintln(&b, escapeControls(name, false))
	if zh {
		fmt.Fprintf(&b, "地区 %s %s · 判定日期 %s · 申请年度 %d（上年度 %d）", pick(r.Region.Name), r.Region.Code, r.AsOf, r.ApplicationYear, r.ApplicationYear-1)
		if r.Renewal {
			b.WriteString(" · 复核")
		}
	} else {
		fmt.Fprintf(&b, "Region %s %s · as of %s · application year %d (last fiscal year %d)", pick(r.Region.Name), r.Region.Code, r.AsOf, r.ApplicationYear, r.ApplicationYear-1)
		if r.Renewal {
			b.WriteString(" · renewal")
		}
	}
	b.WriteString("\n")
	sizeLabel := map[SizeClass]Text{Large: {"大型", "large"}, Medium: {"中型", "medium"}, Small: {"小型", "small"}, Micro: {"微型", "micro"}}
	class := map[bool]string{true: "未定", false: "undecided"}[zh]
	if r.Size.Class != "" {
		class = pick(sizeLabel[r.Size.Class])
	}
	// The industry group and citation, when a group applies: no empty parentheses otherwise.
	var basis []string
	for _, x := range []string{pick(r.Size.GroupTitle), r.Size.Citation} {
		if x != "" {
			basis = append(basis, x)
		}
	}
	if zh {
		fmt.Fprintf(&b, "企业规模 %s", class)
		if len(basis) > 0 {
			fmt.Fprintf(&b, "（%s）", strings.Join(basis, "，"))
		}
	} else {
		fmt.Fprintf(&b, "Size %s", class)
		if len(basis) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(basis, ", "))
		}
	}
	b.WriteString("\n")
	for _, v := range r.Rungs() {
		b.WriteString("\n")
		title := pick(v.TierTitle)
		if p := v.Program; p != nil {
			// A local program says whose it is: its level and the tier it sits above.
			title += " [" + programLabel(p, zh) + "]"
		}
		if !v.Covered {
			fmt.Fprintf(&b, "■ %s — %s\n", title, map[bool]string{true: "该地区与日期暂无适用规则", false: "no rules in force for this place and date"}[zh])
			continue
		}
		status := pick(v.Status.Title())
		if v.Provisional {
			status += map[bool]string{true: "（暂定：依据企业自行声明 ", false: " (provisional: rests on self-declared "}[zh] +
				strings.Join(v.SelfDeclared, ", ") + map[bool]string{true: "，待主管部门确认）", false: ", pending the authority)"}[zh]
		}
		fmt.Fprintf(&b, "■ %s — %s\n", title, status)
		until := ""
		if v.RuleSet.Until != nil {
			until = v.RuleSet.Until.String()
		}
		fmt.Fprintf(&b, "  %s · %s · %s…%s\n", v.RuleSet.ID, v.RuleSet.Source, v.RuleSet.From, until)
		if v.Held != nil {
			exp := "?"
			if v.Held.Expires != nil {
				exp = v.Held.Expires.String()
			}
			fmt.Fprintf(&b, "  %s %s\n", map[bool]string{true: "已持有称号，有效期至", false: "title held, valid until"}[zh], exp)
		}
		for _, c := range v.Criteria {
			fmt.Fprintf(&b, "  %s %s — %s\n", outcomeMark[c.Outcome], pick(c.Title), c.Citation)
			fmt.Fprintf(&b, "      %s\n", pick(c.Message))
			writeGaps(&b, c.Gaps, "      → ", pick, zh)
		}
		if s := v.Score; s != nil {
			if zh {
				fmt.Fprintf(&b, "  得分 %d（最高可能 %d），合格线 %d", s.Total, s.Max, s.PassMark)
			} else {
				fmt.Fprintf(&b, "  score %d (at most %d), pass mark %d", s.Total, s.Max, s.PassMark)
			}
			for _, p := range s.Parts {
				fmt.Fprintf(&b, " · %s %d/%d", pick(p.Title), p.Total, p.Minimum)
			}
			b.WriteString("\n")
			if s.Note != nil {
				fmt.Fprintf(&b, "  %s\n", pick(*s.Note))
			}
		}
		if p := v.Plan; p != nil {
			if !p.Reachable {
				b.WriteString(map[bool]string{true: "  即使各项均达最高档也无法达到合格线\n", false: "  the pass mark cannot be reached even with every item at its best band\n"}[zh])
			} else if p.NoPlan != nil {
				b.WriteString("  " + pick(*p.NoPlan) + "\n")
			} else if len(p.Cheapest) > 0 {
				b.WriteString(map[bool]string{true: "  最少升档方案：", false: "  fewest band climbs to pass: "}[zh])
				for i, st := range p.Cheapest {
					if i > 0 {
						b.WriteString("; ")
					}
					fmt.Fprintf(&b, "%s %d→%d (%s)", st.Criterion, st.From, st.To, pick(st.Band))
				}
				fmt.Fprintf(&b, map[bool]string{true: " = %d分\n", false: " = %d points\n"}[zh], p.Total)
			}
		}
		if len(v.Missing) > 0 {
			var ms []string
			for _, m := range v.Missing {
				ms = append(ms, pick(m.Label)+" ["+m.Path+"]")
			}
			fmt.Fprintf(&b, "  %s %s\n", map[bool]string{true: "需提供：", false: "provide:"}[zh], strings.Join(ms, "; "))
		}
	}
	if l := r.Ladder; l != nil && l.NextKey() != "" {
		b.WriteString("\n")
		highest := map[bool]string{true: "无", false: "none"}[zh]
		if l.HighestKey() != "" {
			highest = pick(r.rungTitle(l.Highest, l.HighestProgram))
			if l.HighestHeld {
				highest += map[bool]string{true: "（已持有）", false: " (held)"}[zh]
			}
		}
		next := pick(r.rungTitle(l.Next, l.NextProgram))
		if zh {
			fmt.Fprintf(&b, "梯度：当前最高 %s；下一级 %s（%s）\n", highest, next, pick(l.NextStatus.Title()))
		} else {
			fmt.Fprintf(&b, "Ladder: highest %s; next %s (%s)\n", highest, next, pick(l.NextStatus.Title()))
		}
		writeGaps(&b, l.Blocking, "  - ", pick, zh)
	}
	if len(r.NextQuestions) > 0 {
		titles := map[string]Text{}
		for _, v := range r.Rungs() {
			titles[v.Key()] = v.TierTitle
		}
		b.WriteString("\n")
		b.WriteString(map[bool]string{true: "下一步请提供（按可推进的待定判定数排序）：\n", false: "Next questions (most open verdicts first):\n"}[zh])
		for i, q := range r.NextQuestions {
			if i == maxQuestions {
				fmt.Fprintf(&b, map[bool]string{true: "  ……另有%d项\n", false: "  … and %d more\n"}[zh], len(r.NextQuestions)-i)
				break
			}
			var vs []string
			for _, k := range q.Verdicts {
				vs = append(vs, pick(titles[k]))
			}
			official := ""
			if q.Official {
				official = map[bool]string{true: "（官方数据）", false: " (official)"}[zh]
			}
			fmt.Fprintf(&b, "  %d. %s [%s]%s — %s\n", i+1, pick(q.Label), q.Path, official, strings.Join(vs, map[bool]string{true: "、", false: ", "}[zh]))
		}
	}
	if rc := r.Receipt; rc != nil {
		b.WriteString("\n")
		if zh {
			fmt.Fprintf(&b, "回执 %s（规则库版本 %s）\n", rc.Digest, rc.Catalog)
		} else {
			fmt.Fprintf(&b, "Receipt %s (catalog %s)\n", rc.Digest, rc.Catalog)
		}
	}
	// Profile and rule-file strings reach a terminal here: no control character or escape
	// sequence of theirs is written as it is.
	_, err := io.WriteString(w, escapeControls(b.String(), true))
	return err
}

// escapeControls writes the control characters of s as Go escapes (\x1b, \u009b, \u202e):
// C0 and C1 controls, DEL, and the bidirectional formatting characters that can make a line read
// other than it is. With keepNewline, '\n' stays as it is.
func escapeControls(s string, keepNewline bool) string {
	bad := func(r rune) bool {
		return (r < 0x20 && (r != '\n' || !keepNewline)) || (r >= 0x7f && r <= 0x9f) ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
	}
	if strings.IndexFunc(s, bad) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch {
		case !bad(r):
			b.WriteRune(r)
		case r < 0x80:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

// maxQuestions is how many next questions the text report lists.
const maxQuestions = 5

// writeGaps lists gaps; alternatives of a group are introduced by "或"/"or".
func writeGaps(b *strings.Builder, gaps []Gap, indent string, pick func(Text) string, zh bool) {
	for i, g := range gaps {
		prefix := indent
		if g.Group != 0 && g.Option > 1 && (i == 0 || gaps[i-1].Option != g.Option || gaps[i-1].Criterion != g.Criterion) {
			prefix += map[bool]string{true: "或 ", false: "or "}[zh]
		}
		b.WriteString(prefix + pick(g.Message))
		if g.Official {
			b.WriteString(map[bool]string{true: "（官方）", false: " (official)"}[zh])
		}
		b.WriteString("\n")
	}
}

// rungTitle names a tier, or the local program with id program.
func (r *Report) rungTitle(t Tier, program string) Text {
	if program != "" {
		if v := r.ProgramVerdict(program); v != nil {
			return v.TierTitle
		}
		return Text{program, program}
	}
	return t.Title()
}

// programLabel says a program's level and place on the ladder, e.g. "省级 · 位于专精特新“小巨人”企业之上".
func programLabel(p *ProgramRef, zh bool) string {
	level := map[Level]Text{Provincial: {"省级", "provincial"}, Municipal: {"市级", "municipal"}, District: {"区县级", "district"}}[p.Level]
	if zh {
		s := level.Zh + "地方项目"
		if p.After != "" {
			s += " · 位于" + p.After.Title().Zh + "之上"
		}
		return s
	}
	s := level.En + " program"
	if p.After != "" {
		s += " · above " + p.After.Title().En
	}
	return s
}
