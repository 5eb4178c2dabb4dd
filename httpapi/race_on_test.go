//go:build race

package httpapi_test

// raceEnabled: the test binary runs under the race detector, which slows every request many
// times over.
const raceEnabled = true
