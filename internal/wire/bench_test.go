package wire

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkDecodeProfile decodes the sample profiles (1–3 KB each) strictly, as the command line
// and the HTTP API do for every record; "token-oracle" is the decoding this replaced, whose key
// check walked json.Decoder.Token (kept in the tests as the oracle of the contract).
//
//	go test ./internal/wire -run '^$' -bench DecodeProfile
func BenchmarkDecodeProfile(b *testing.B) {
	files, _ := filepath.Glob("../../testdata/profiles/*.json")
	var inputs [][]byte
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, data)
		size += len(data)
	}
	if len(inputs) == 0 {
		b.Fatal("no sample profiles")
	}
	for _, bc := range []struct {
		name   string
		decode func([]byte) (any, error)
	}{
		{"strict", func(d []byte) (any, error) { return DecodeProfile(d) }},
		{"token-oracle", func(d []byte) (any, error) { return oracleDecodeProfile(d) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size / len(inputs)))
			cpu0 := cpuTime()
			for i := range b.N {
				if _, err := bc.decode(inputs[i%len(inputs)]); err != nil {
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
