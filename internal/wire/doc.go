// Package wire is the JSON contract shared by the command line (internal/cli) and the HTTP API
// (httpapi): strict profile decoding with field paths, the error body with its stable codes, and
// the rule-catalog listing. Keeping it in one place means that a portal sees the same error for
// the same bad profile whether it calls the API or runs the command.
package wire
