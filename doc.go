// Package smetier turns China's tiered SME recognition rules — the 优质中小企业梯度培育 ladder of
// 科技和创新型（创新型）中小企业 → 专精特新中小企业 → 专精特新"小巨人" → 制造业单项冠军 — into code.
//
// This root package is the vocabulary shared by the others:
//
//   - Profile, the typed description of one enterprise and the JSON contract portals send. Every
//     field can be unknown: a nil pointer, map or slice is "not supplied" and is never read as zero.
//   - Money, an exact amount in fen (never float64), and Date, a civil date.
//   - Tier, Status and Outcome, and the explained Report a classification returns.
//
// The rules themselves are data in package criteria (CEL expressions in YAML, one file per
// jurisdiction, tier and period), jurisdictions are in package region, and package classify is
// the engine that judges a profile:
//
//	eng, err := classify.New()
//	rep, err := eng.Classify(ctx, profile, classify.In("440305"), classify.AsOf(smetier.MustDate("2026-06-15")))
//	for _, v := range rep.Verdicts {
//		fmt.Println(v.Tier, v.Status) // qualified, not_qualified, needs_data or needs_judgement
//	}
//
// A verdict distinguishes four answers. Qualified and NotQualified are settled by the data.
// NeedsData lists, in Verdict.Missing, exactly the profile fields that would decide it.
// NeedsJudgement means only an authority can decide what is left: an unquantified condition
// such as "market share 较为靠前", or an official score the enterprise has not supplied.
// Declarations (Profile.Judgements, or classify.Declare) settle such criteria when the
// authority, or provisionally the enterprise, has decided them.
//
// # Where to start
//
//   - To judge one enterprise: fill a Profile, or decode one from JSON with encoding/json
//     (Decoder.DisallowUnknownFields rejects undeclared keys; httpapi and the command line decode
//     more strictly still, refusing a key in another case or given twice, and name the path of
//     each bad field). Then classify.New and Engine.Classify, which validate the profile first
//     (Profile.Validate: a *ValidationError matching ErrInvalidProfile lists every invalid
//     field) and judge it. Report.WriteText prints the
//     readable report; Report.Summary is the compact view (classify.Engine.Summarize gives it
//     without a report, for bulk screening); Report.NextQuestions says which
//     missing input to ask for first; Report.Receipt lets another party check the verdict.
//   - To judge under your own rule files: criteria.Load them beside criteria.BuiltinFS, pass the
//     catalog to classify.WithCatalog, and test the files with the cases beside them (package
//     ruletest, or smetier rules --test).
//   - To serve HTTP: httpapi.New over an engine.
//   - To screen a registry (a workbook, CSV files or JSON Lines of many enterprises): package
//     screen.
//
// Values that come from outside are read with ParseDate, ParseMoney, ParseTier and
// ValidateCreditCode, whose errors are *ParseError: their messages name the value, not this
// package, so that a caller can prefix its own field or flag name.
package smetier
