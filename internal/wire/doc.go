// Package wire is the JSON contract shared by the command line (internal/cli) and the HTTP API
// (httpapi): strict profile decoding with field paths, the error body with its stable codes, and
// the rule-catalog listing. Keeping it in one place means that a portal sees the same error for
// the same bad profile whether it calls the API or runs the command.
//
// DecodeProfile has three paths, because it runs once per record of a batch and per request:
// a profile that meets the contract is read in one pass (fastDecode, written for the profile's
// types, without reflection); what that pass leaves alone goes through encoding/json plus the
// key check; what those refuse is explained field by field (diagnose). Only the last builds
// messages. The tests keep the earlier json.Decoder.Token decoder as the oracle the three must
// agree with, and check that the first knows every field of the profile.
//
// AppendSummary writes the summary view (smetier.Summary) as encoding/json would, byte for byte,
// without reflection: it is the output of every record of a summary batch. Its tests compare it
// with encoding/json on the sample profiles' summaries, on edge cases and under a fuzzer, and
// fail when the summary types gain a field it does not know.
package wire
