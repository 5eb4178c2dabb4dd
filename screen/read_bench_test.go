package screen

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/smetier/smetier/internal/testkit"
)

// BenchmarkRead reads a generated registry workbook the way a user's screening does (Open,
// then Next until io.EOF), without judging: the cost of reading alone. It reports
// enterprises/s, the CPU time used per run (user + system, all threads), the peak heap and
// allocations. The workbook has 10,000 enterprises (1,000 under -short, or as many as
// SMETIER_READ_BENCH says) and is made before the timer starts, in b.TempDir().
//
//	go test ./screen -run '^$' -bench 'Read$' -benchtime 3x
//	SMETIER_READ_BENCH=100000 go test ./screen -run '^$' -bench 'Read$' -benchtime 1x -timeout 30m
func BenchmarkRead(b *testing.B) {
	n := 10_000
	if testing.Short() {
		n = 1_000
	}
	if v := os.Getenv("SMETIER_READ_BENCH"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("SMETIER_READ_BENCH=%q: want a number of enterprises such as 100000", v)
		}
	}
	b.Run("enterprises="+strconv.Itoa(n), func(b *testing.B) {
		in := filepath.Join(b.TempDir(), "registry.xlsx")
		fh, err := os.Create(in)
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteProfiles(fh, generate(b, n, sampleAsOf), Years(2020, 2021, 2022, 2023, 2024, 2025), ValidatedRows(0)); err != nil {
			b.Fatal(err)
		}
		if err := fh.Close(); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.ReportAllocs()
		b.ResetTimer()
		stopPeak := testkit.PeakHeap(10 * time.Millisecond)
		start, cpu0 := time.Now(), cpuTime()
		for range b.N {
			src, err := Open(in)
			if err != nil {
				b.Fatal(err)
			}
			got := 0
			for {
				r, err := src.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					b.Fatal(err)
				}
				if r.Err != nil {
					b.Fatalf("sheet %s row %d: %v", r.Sheet, r.Row, r.Err)
				}
				got++
			}
			if err := src.Close(); err != nil {
				b.Fatal(err)
			}
			if got != n {
				b.Fatalf("read %d of %d enterprises", got, n)
			}
		}
		elapsed, cpu := time.Since(start), cpuTime()-cpu0
		b.StopTimer()
		peak := stopPeak()
		b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "enterprises/s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	})
}
