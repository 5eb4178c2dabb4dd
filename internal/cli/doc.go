// Package cli is the smetier command: classify profiles, list and check rule sets, print the
// profile schema. cmd/smetier is a thin main around Run, so that tests drive the command with
// their own arguments, input, output, clock and terminal detection (Env), and check its exit
// status without starting a process.
//
// Batch classification is a three-stage pipeline: one goroutine reads records, Env.Workers
// goroutines (default GOMAXPROCS) decode, validate, classify and render them, and the calling
// goroutine writes the results in input order. A bounded window of records in flight keeps
// memory constant whatever the size of the input; a record that cannot be judged becomes an
// error record naming its line and field, in its place, and the others go on.
package cli
