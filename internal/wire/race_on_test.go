//go:build race

package wire

// raceEnabled: the test binary runs under the race detector, which slows decoding many times
// over; the long differential tests then take a sample.
const raceEnabled = true
