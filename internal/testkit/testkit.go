// Package testkit holds small helpers shared by the tests of several packages.
package testkit

import (
	"bytes"
	"fmt"
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

// FineScoreSet is the text of a rule file, with this id, that loads (it is within criteria's
// bounds) but whose score items combine in more ways than the score planner searches: 16 items of
// 6 bands with distinct points, a pass mark of 1000 and two parts of minimum 60 (issue 13, item 1:
// before the planner was bounded, one enterprise with tiny figures made such a set grow memory
// without end).
func FineScoreSet(id string) string {
	var b strings.Builder
	b.WriteString(`kind: rule-set
id: ` + id + `
tier: innovative_sme
jurisdiction: "440000"
title: {zh: 细分评分, en: Fine-grained score}
doc: 测试〔2026〕8号
from: 2026-01-01
score:
  pass_mark: 1000
  parts:
    - {id: a, title: {zh: 甲, en: A}, minimum: 60}
    - {id: b, title: {zh: 乙, en: B}, minimum: 60}
criteria:
`)
	for i := range 16 {
		fmt.Fprintf(&b, "  - id: item%02d\n    kind: score\n    part: %s\n    title: {zh: 项%d, en: item %d}\n    cite: 第%d项\n    bands:\n",
			i, []string{"a", "b"}[i%2], i, i, i+1)
		for k := 6; k >= 1; k-- {
			fmt.Fprintf(&b, "      - {when: \"fy1.rd_ratio_pct >= %d\", points: %d, label: {zh: 档%d, en: band %d}}\n", 10*k+i, 11*k+i*7+k*k*5, k, k)
		}
	}
	return b.String()
}
