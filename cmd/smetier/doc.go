// Command smetier judges Chinese SMEs against the tiered recognition rules from the command line.
//
//	go install github.com/smetier/smetier/cmd/smetier@latest
//
//	smetier classify profile.json                       # one report, indented JSON
//	smetier classify --as-of 2026-06-15 --format text --lang en profile.json
//	smetier classify < profiles.jsonl > reports.jsonl   # batch: streamed, on all cores, in order
//	smetier rules --region 440305 --as-of 2026-06-15    # the rule sets that apply there and then
//	smetier rules --check my-rules/                     # validate your own rule files
//	smetier rules --test my-rules/                      # run their test cases (*_test.yaml)
//	smetier schema > profile.schema.json                # the JSON Schema of a profile
//
// Exit status: 0 when everything succeeded, 1 when some records failed (each gives an error
// record in its place), a test case fails, a rule or case file is invalid, the output could not be written or the command
// was interrupted, 2 for usage errors. See 'smetier help'.
//
// smetier classify runs the garbage collector at GOGC=400 rather than the runtime's 100: a batch's
// live heap is small and bounded, and collecting less often saves CPU for a peak heap of a few
// tens of MiB. A GOGC set in the environment is obeyed instead; GOMEMLIMIT applies as usual.
//
// The command is a thin main around package internal/cli, which holds the implementation and
// its tests.
package main
