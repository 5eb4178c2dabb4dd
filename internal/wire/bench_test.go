package wire

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkDecodeProfile decodes the sample profiles (1–3 KB each) strictly, as the command line
// and the HTTP API do for every record: as indented files ("strict") and as the one-line
// records of JSON Lines ("strict-line"); "token-oracle" is the decoding this replaced, whose key
// check walked json.Decoder.Token (kept in the tests as the oracle of the contract).
//
//	go test ./internal/wire -run '^$' -bench DecodeProfile
func BenchmarkDecodeProfile(b *testing.B) {
	files, _ := filepath.Glob("../../testdata/profiles/*.json")
	var inputs [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, data)
	}
	if len(inputs) == 0 {
		b.Fatal("no sample profiles")
	}
	// The command line reads JSON Lines: the same profiles as one-line records.
	var lines [][]byte
	for _, in := range inputs {
		var line bytes.Buffer
		if err := json.Compact(&line, in); err != nil {
			b.Fatal(err)
		}
		lines = append(lines, line.Bytes())
	}
	for _, bc := range []struct {
		name   string
		inputs [][]byte
		decode func([]byte) (any, error)
	}{
		{"strict", inputs, func(d []byte) (any, error) { return DecodeProfile(d) }},
		{"strict-line", lines, func(d []byte) (any, error) { return DecodeProfile(d) }},
		{"token-oracle", inputs, func(d []byte) (any, error) { return oracleDecodeProfile(d) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			size := 0
			for _, in := range bc.inputs {
				size += len(in)
			}
			b.SetBytes(int64(size / len(bc.inputs)))
			cpu0 := cpuTime()
			for i := range b.N {
				if _, err := bc.decode(bc.inputs[i%len(bc.inputs)]); err != nil {
					b.Fatal(err)
				}
			}
			// ns/op is wall time, which the load of a shared machine inflates; the CPU time of
			// the process (garbage collection included) much less so.
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
