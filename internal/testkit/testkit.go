// Package testkit holds small helpers shared by the tests of several packages.
package testkit

import (
	"bytes"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	"github.com/smetier/smetier/criteria"
)

// SyncBuffer is a bytes.Buffer that a server or worker goroutine may write while the test
// reads it.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// NationalFS is the built-in catalog's national files only. Tests of local programs load their
// own programs beside it and must not see the built-in local sets and programs, which change as
// places are added.
func NationalFS() fs.FS {
	out := fstest.MapFS{}
	err := fs.WalkDir(criteria.BuiltinFS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasPrefix(path, "rules/") && !strings.HasPrefix(path, "rules/cn-") {
			return nil
		}
		b, err := fs.ReadFile(criteria.BuiltinFS(), path)
		out[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		panic(err) // the embedded files are always readable
	}
	return out
}

// PeakHeap samples the heap in use (runtime.MemStats.HeapInuse) every interval until the
// returned function is called; that function stops the sampling and returns the highest value
// seen. Benchmarks and load tests use it to show that memory stays bounded.
func PeakHeap(every time.Duration) (stop func() uint64) {
	done := make(chan struct{})
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-done:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-out }
}
