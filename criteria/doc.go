// Package criteria holds the recognition rules as data: it loads, checks and compiles rule
// files, and lets you list and inspect what they say. It does not judge an enterprise; package
// classify does, with a Catalog from here.
//
// A rule set is one YAML file: one tier, one jurisdiction ("CN" or a division code), one period
// in force, and its criteria. Each criterion has a stable id, a zh and en title, its citation
// (document number and article), a kind, and a CEL expression:
//
//	criteria:
//	  - id: rd.ratio
//	    kind: gate
//	    title: {zh: 近两年每年研发费用占营业收入比重均不低于3%, en: "R&D ≥ 3% of revenue in each of the last 2 years"}
//	    cite: 附件1（三）
//	    expr: fy1.rd_ratio_pct >= 3 && fy2.rd_ratio_pct >= 3
//
// Kinds say how criteria combine: every gate must hold; a score item gives the points of its
// first band that holds, and the set's score section sets the pass mark and part minimums; any
// direct criterion meets the score requirement on its own; an exemption waives the gate it
// names; a judgement is left to the authority unless its expression holds.
//
// Expressions do not see the raw profile but facts (see Facts): typed, named values derived
// from the profile for the application year, such as fy1.rd_ratio_pct (上年度 R&D over operating
// revenue, in percent), equity.sum_2y (qualified, paid-in equity of the last two years, 万元) or
// ip.class1_main_applied. Fixing those readings once in code keeps every rule file consistent,
// lets a missing fact become a CEL unknown that names the profile field to supply, and lets Load
// type-check every expression: a misspelt fact, a comparison of a number with a string or a
// non-boolean criterion fails at load with the file, line, set and criterion.
//
// Load compiles files once into a Catalog that is safe for concurrent use. Default returns the
// embedded catalog; pass BuiltinFS together with your own directory to Load to add provinces or
// years without touching the engine:
//
//	cat, err := criteria.Load(criteria.BuiltinFS(), os.DirFS("my-rules"))
//
// Parse checks a single file the same way. Rule files you do not control are bounded by
// MaxFileBytes, MaxCriteria and CostLimit; a bad file gives a *LoadError naming its file, line,
// column, set and criterion, matching ErrInvalidRule (and ErrFileTooLarge, ErrTooManyCriteria
// or ErrCostLimit for a limit).
//
// A Catalog is data to read: Sets and Set list the rule sets; Select, SelectApplication and
// SelectProgram pick the set in force for a place and date; Programs lists the local programs;
// SizeStandard the size standard in force; Facts the vocabulary its rules read; Version the
// rule files it was built from. A RuleSet holds its tier or program, jurisdiction, period,
// document and score section; each Criterion its id, kind, titles, citation, expression as CEL
// source text (Expr, a Band's When) and the facts it reads. The compiled programs stay inside:
// classify.New(classify.WithCatalog(cat)) evaluates them.
//
// A local program — a title a province, city or district awards by its own rules, such as
// 山东省瞪羚企业 or a city's 培育库 — is a rule set with a program block instead of a tier:
//
//	program:
//	  id: sd_gazelle                # stable across years; also a title kind
//	  level: provincial             # provincial | municipal | district
//	  after: little_giant           # the national tier it sits directly above; none (default): below the first
//	  title: {zh: 山东省瞪羚企业, en: Shandong gazelle enterprise}
//	jurisdiction: "370000"          # a 6-digit division code: the program applies in all of it
//
// Its sets are selected like a tier's (most specific jurisdiction in force wins, per program
// id; see SelectProgram and SelectPrograms). A program id may not be a tier name or a built-in
// title kind. Every rule can read a title, built-in or a program's, with holds("sd_gazelle"):
// true when the enterprise holds it valid on the date of judgement, unknown when a matching
// title's expiry is not given (naming titles[i].expires). holds is checked at load: its argument
// must be a string literal naming a built-in kind or a program of the catalog being loaded, so
// Load reads every file before compiling any (a rule may name a program of another file).
//
// The SME size standard (中小企业划型标准规定) is data too: a size-standard file lists industry
// groups by GB/T 4754 code prefix with the lower bounds of each class.
//
// # Adding a fact
//
// A new rule file needs no Go; a new fact does, and only when a rule reads the profile in a way
// no fact expresses yet (a new period, holding rule or count, or a profile field not read so far).
// First check that an expression over the facts of Facts cannot say it: fy1.rd_expense /
// fy1.operating_revenue is already fy1.rd_ratio_pct, and a combination of facts belongs in the
// rule file, where it is cited. Then:
//
//  1. Input. If the fact needs a profile field that does not exist, add it to smetier.Profile
//     as a pointer, slice or map, so that "not given" (nil) stays distinct from zero or empty;
//     check it in Profile.Validate, and regenerate the schema's field docs with
//     go test ./internal/jsonschema -run TestDocsUpToDate -update.
//  2. Definition. Add a Fact to buildFacts (internal/engine/facts.go), or to the group
//     function of the programs that need it (facts_2022.go, facts_local.go, … beside it),
//     which buildFacts appends: a Name in the dotted vocabulary (fy1.* for 上年度 figures,
//     with Yearly and YearOffset; ip.*, segment.*, ent.*, …), its Type, Unit and zh/en Label,
//     Official when only an authority can supply it, Fixed when it describes the application
//     rather than the enterprise. Say in a comment which document and article the reading
//     comes from.
//  3. Evaluation. eval returns known(x) or, when an input is missing, unknown(inputs…) naming
//     every profile path that would decide it (never a zero standing in for "not given"). Count
//     money in exact fen and convert to 万元 once, at the end, so that a figure exactly on a
//     threshold compares equal to it.
//  4. Gaps. numberGap (internal/engine/gap.go) names the input that closes a comparison of
//     the fact: yearly money figures and ratios, and the prefixes ip., segment. and score.,
//     are handled; a fact with another input needs a case there, or its gaps name the fact
//     but no field.
//  5. Tests. A table-driven case in internal/engine/facts_test.go for the value, each
//     boundary and each missing input; a rule file using it in testdata with a case file
//     beside it (package ruletest); the README's list of facts when users will write rules
//     with it. Facts and LookupFact list it, and Load type-checks expressions against it,
//     with no further registration.
package criteria
