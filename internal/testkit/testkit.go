// Package testkit holds small helpers shared by the tests of several packages.
package testkit

import (
	"bytes"
	"sync"
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
