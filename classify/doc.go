// Package classify is the engine: profile + region + date → an explained verdict for every tier.
//
// An Engine holds a compiled criteria.Catalog. It is immutable and safe for concurrent use, so a
// service creates one at start-up and shares it:
//
//	eng, err := classify.New() // the embedded catalog; classify.WithCatalog for your own
//	rep, err := eng.Classify(ctx, profile,
//		classify.In("440305"),                           // default: profile.Region
//		classify.AsOf(smetier.MustDate("2026-06-15")),   // default: today in China
//		classify.Renewal(false))                         // 复核 variants of the rules
//
// For each tier the engine picks the rule set in force on the as-of date for the most specific
// jurisdiction of the region's chain, falling back to national rules. The as-of year is the
// application year: 上年度 is the year before, 近两年 the two years before.
//
// Local programs (a province's or city's own titles, see package criteria) in force for the
// place and date get verdicts too, in Report.Programs, with the same four statuses, criteria,
// gaps and plans; Report.Rungs interleaves them with the tiers in ladder order, and the ladder's
// highest or next rung may be a program. Only and OnlyPrograms name programs by id. A profile's
// title kinds must be built in or programs of the engine's catalog.
//
// A full report also carries what a portal needs next: Report.NextQuestions ranks the missing
// inputs by how many open verdicts their answer could settle (see smetier.Question), and
// Report.Receipt names the catalog version, rule sets, date, place and profile that decided it,
// with a digest anyone holding the same input recomputes (smetier.ReceiptInput). Judgement
// criteria and authority score items can be settled by declarations, in the profile's
// judgements or with Declare: the authority's are final, the enterprise's own make a verdict
// that rests on them Provisional.
//
// Bulk screening has three cheaper calls than a full report. VerdictsOnly keeps each verdict's
// status, failed and judgement criteria and missing inputs; GapsOnly adds every criterion's
// outcome and gaps, the score plans and the ladder, without words. Summarize gives the compact
// view (smetier.Summary: per rung the status and ids, the next rung and the gaps toward it) at
// little more than the cost of VerdictsOnly, since only the next rung's gaps are worked out:
//
//	sum, err := eng.Summarize(ctx, profile, classify.AsOf(d)) // every gap, both languages
//	sum.Trim("en", 3)                                          // = Classify(..., GapsOnly()).Summary("en", 3)
//
// Missing data is not an error: it makes criteria unknown and the verdict NeedsData, listing the
// inputs. Errors, the same from Classify and Summarize, are for input that cannot be judged at
// all: an invalid profile (smetier.ErrInvalidProfile), no region (ErrNoRegion) or an unknown one
// (region.ErrUnknownRegion), an Only name the catalog does not know (ErrUnknownRung), an AsOf
// date that is not a calendar day (ErrInvalidAsOf), or a cancelled context. A rule that fails at run time on a
// profile (e.g. a user rule dividing by a figure that is zero) is not an error of the call: its
// criterion gets the outcome smetier.Errored, naming the rule and the error, the verdict is at
// best NeedsJudgement and lists it in Verdict.Errors, and every other criterion and tier is
// judged as usual.
package classify
