// Package screen screens a registry of enterprises — a city's 培育库, a bank's loan book — from
// a spreadsheet, and summarises the cohort for the people who run the ladder.
//
// Input is a workbook laid out by WriteTemplate (or a folder of CSV files, one per sheet, or
// JSON Lines of profiles): sheet 企业 has one row per enterprise with its identity and the
// figures of each fiscal year as columns; the lists (知识产权, 称号, 奖励, 研发机构, 证书, 融资,
// 合规事件) have a sheet each, whose rows name their enterprise by 统一社会信用代码. Row 1 holds
// Chinese headers, row 2 the en keys — the profile's JSON paths — by which the reader goes. The
// layout is derived from smetier.Profile by reflection and the enumerations from the JSON
// Schema, so a new profile field becomes a column.
//
// Unknown stays unknown: an empty cell is not zero, and a list is known to be empty only when
// its “无…（确认）” column says TRUE. A cell that cannot be read is reported by sheet, row,
// column and reason (*CellError, within a *RecordError; both match ErrBadInput), and the other
// enterprises are read on. A date is text such as 2026-06-15 (or 2026/6/15, 20260615) or a date
// cell, in whichever of Excel's date systems (from 1900, or from 1904) the workbook counts.
//
//	src, err := screen.Open("registry.xlsx") // or a CSV folder, or a .jsonl file
//	if err != nil { return err }
//	defer src.Close()
//	res, err := screen.Run(ctx, src,
//		screen.WithEngine(eng),                          // shared classify.Engine
//		screen.AsOf(smetier.MustDate("2026-06-15")))     // date of judgement
//	if err != nil { return err } // the input failed as a whole, or ctx ended
//	res.WriteXLSX(out, "zh")  // results workbook
//	res.WriteHTML(page, "zh") // report.html, self-contained
//
// For each enterprise, Run keeps each rung's status, failed criteria and missing inputs, the
// highest rung reached, the next rung and its largest gaps (the engine's gaps, computed with
// classify.GapsOnly). Over the cohort it counts the funnel (statuses per rung, also by city),
// ranks the seeds — the enterprises closest to their next rung, by Distance: fewer failed
// criteria first, then the smaller normalised gap size, then fewer missing inputs — lists the
// titles expiring within the renewal window judged under the renewal rules
// (classify.Renewal(true); a local program's title under the program's rules, "no rules" where
// none is in force for the place), and profiles the cohort by the “56789” traits (Indicators), unknowns
// counted apart.
//
// Memory: Run keeps no report. Each enterprise is kept as a compact record of what its row of
// the results says (Result.Enterprise decodes one; Result.Enterprises iterates them), the
// cohort's figures are counters, and the seed list is a bounded ranking (Seeds): a registry of
// 100,000 enterprises keeps about 100 bytes per enterprise (its record deflated; mostly the
// messages of its largest gaps, in both languages), whatever its reports weigh.
//
// Rungs are the national tiers; local programs join them when the engine reports them.
package screen
