package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/smetier/smetier/internal/testkit"
)

// genReader produces n JSON Lines profiles on the fly, cycling through the sample profiles with
// a distinct name each, so that the input itself takes no memory. A Read fills p as far as the
// records go, as reading a file does: the command reads 64 KiB at a time.
type genReader struct {
	tails []string // each sample without its name, starting after the opening brace
	n, i  int
	line  []byte // the record being read; its memory is reused for the next
	rest  []byte // the part of line not yet read
}

func newGenReader(tb testing.TB, n int) *genReader {
	files, err := filepath.Glob(filepath.Join(profilesDir, "*.json"))
	if err != nil || len(files) == 0 {
		tb.Fatal("no sample profiles", err)
	}
	g := &genReader{n: n}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			tb.Fatal(err)
		}
		delete(m, "name")
		rest, _ := json.Marshal(m)
		g.tails = append(g.tails, string(rest[1:]))
	}
	return g
}

func (g *genReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(g.rest) == 0 {
			if g.i == g.n {
				break
			}
			g.line = fmt.Appendf(g.line[:0], `{"name":"enterprise-%07d",%s`+"\n", g.i, g.tails[g.i%len(g.tails)])
			g.rest = g.line
			g.i++
		}
		c := copy(p[n:], g.rest)
		g.rest = g.rest[c:]
		n += c
	}
	if n == 0 && len(p) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

// BenchmarkBatchStream streams JSON Lines through the whole batch pipeline (read, decode,
// validate, classify on all cores, encode, write in order). Besides time and allocations per
// run it reports records/s, allocations per record, the peak heap in use (sampled every 10ms
// while it runs) and its growth over the heap at the start: the growth is the same for 10k and
// 100k records, because memory does not grow with the input. It runs with the garbage
// collector's setting the command itself uses (TuneGC); GOGC in the environment overrides it,
// as it does for the command (GOGC=100 for the runtime's default).
//
//	go test ./internal/cli -run '^$' -bench BatchStream -benchtime 1x
func BenchmarkBatchStream(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			if testing.Short() && n > 10_000 {
				// CI runs every benchmark once with -short, to keep it from rotting within
				// its time budget; 100k records take over a minute and say nothing 10k does not.
				b.Skip("100k records: run without -short")
			}
			b.ReportAllocs()
			// What the command does: the collector's setting of TuneGC, unless GOGC is set
			// (GOGC=100 measures the runtime's default).
			defer TuneGC([]string{"classify"}, os.Getenv)()
			var base runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&base)
			stopPeak := testkit.PeakHeap(10 * time.Millisecond)
			b.ResetTimer()
			start, cpu0 := time.Now(), cpuTime()
			for range b.N {
				out := &byteCounter{}
				code := Run(context.Background(), []string{"classify", "--as-of", "2026-06-15"},
					Env{Stdin: newGenReader(b, n), Stdout: out, Stderr: io.Discard})
				if code != ExitOK || out.lines.Load() != int64(n) {
					b.Fatalf("exit %d, %d lines for %d records", code, out.lines.Load(), n)
				}
			}
			elapsed, cpu := time.Since(start), cpuTime()-cpu0
			b.StopTimer()
			peak := stopPeak()
			var end runtime.MemStats
			runtime.ReadMemStats(&end)
			records := float64(n * b.N)
			b.ReportMetric(records/elapsed.Seconds(), "records/s")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(cpu.Microseconds())/records, "cpu-µs/record")
			b.ReportMetric(float64(end.Mallocs-base.Mallocs)/records, "allocs/record")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(base.HeapInuse)/(1<<20), "start-heap-MiB")
			// What the run itself added on top of the heap it started with (the compiled catalog,
			// caches from earlier runs): this is the figure that must not grow with the input.
			b.ReportMetric((float64(peak)-float64(base.HeapInuse))/(1<<20), "growth-MiB")
		})
	}
}

// byteCounter counts the lines and bytes written.
type byteCounter struct{ lines, bytes atomic.Int64 }

func (w *byteCounter) Write(p []byte) (int, error) {
	w.lines.Add(int64(bytes.Count(p, []byte{'\n'})))
	w.bytes.Add(int64(len(p)))
	return len(p), nil
}

// BenchmarkClassifyView streams 10,000 JSON Lines records through 'smetier classify' in the
// summary view (issue 14: ≤ 3 KB per enterprise, ≥ 20,000 records/s on 2 cores) and, for
// comparison, the full view, with one language (--lang zh) and both. It reports records/s, CPU
// time and allocations per record, bytes written per record, the peak heap in use (sampled
// every 10ms) and the garbage collections per run, with the collector set as the command sets
// it (see BenchmarkBatchStream).
//
//	go test ./internal/cli -run '^$' -bench ClassifyView -benchtime 3x
func BenchmarkClassifyView(b *testing.B) {
	const n = 10_000
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"summary", []string{"--view", "summary"}},
		{"summary-zh", []string{"--view", "summary", "--lang", "zh"}},
		{"full", nil},
		{"full-zh", []string{"--lang", "zh"}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var bytes, lines int64
			defer TuneGC([]string{"classify"}, os.Getenv)() // as in BenchmarkBatchStream
			var base runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&base)
			stopPeak := testkit.PeakHeap(10 * time.Millisecond)
			b.ResetTimer()
			start, cpu0 := time.Now(), cpuTime()
			for range b.N {
				out := &byteCounter{}
				code := Run(context.Background(), append([]string{"classify", "--as-of", "2026-06-15"}, tc.args...),
					Env{Stdin: newGenReader(b, n), Stdout: out, Stderr: io.Discard})
				if code != ExitOK || out.lines.Load() != n {
					b.Fatalf("exit %d, %d lines for %d records", code, out.lines.Load(), n)
				}
				bytes += out.bytes.Load()
				lines += out.lines.Load()
			}
			elapsed, cpu := time.Since(start), cpuTime()-cpu0
			b.StopTimer()
			peak := stopPeak()
			var end runtime.MemStats
			runtime.ReadMemStats(&end)
			b.ReportMetric(float64(lines)/elapsed.Seconds(), "records/s")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(cpu.Microseconds())/float64(lines), "cpu-µs/record")
			b.ReportMetric(float64(bytes)/float64(lines), "bytes/record")
			b.ReportMetric(float64(end.Mallocs-base.Mallocs)/float64(lines), "allocs/record")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(end.NumGC-base.NumGC)/float64(b.N), "GCs/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system. On a machine shared with
// other work, records/s depends on the load; CPU time per record much less so.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
