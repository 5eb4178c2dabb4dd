package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// record is one input record: the JSON text of a profile, or why it could not be read.
type record struct {
	seq  int    // 1-based position in the whole input
	file string // "" for standard input
	line int    // line where the record starts
	raw  []byte // the record's JSON text; nil when err is set
	err  error  // a *recordError
}

// recordError is a record that could not be read at all (not JSON, too large).
type recordError struct {
	code, msg string
}

func (e *recordError) Error() string { return e.msg }

// inputMode is how a source is laid out.
type inputMode int

const (
	modeUnknown  inputMode = iota
	modeLines              // JSON Lines: one record per non-blank line; a broken line is skipped
	modeArray              // a JSON array of profiles
	modeDocument           // one or more JSON values that may span lines (e.g. a pretty-printed object)
)

func (m inputMode) String() string {
	return [...]string{"unknown", "JSON Lines", "JSON array", "JSON document"}[m]
}

// source reads the records of one input, in order, in constant memory: only the record being
// read is held, and a record longer than max bytes is reported and skipped.
//
// The layout is detected from the content. A first non-space byte '[' is an array, streamed
// element by element. Otherwise, when the first line is a complete JSON value the input is JSON
// Lines; when it is not, and the next non-blank line starts another object ('{'), the first
// line is a broken JSON Lines record; else the input is a JSON document (one pretty-printed
// object, or several one after the other).
type source struct {
	br   *bufio.Reader
	file string
	line int // line of the next byte to read, 1-based
	max  int
	mode inputMode
	done bool
	// first is a record read while detecting the mode, returned by the first call to next.
	first *record
	// array state
	arrayStarted bool
}

func newSource(r io.Reader, file string, max int) *source {
	return &source{br: bufio.NewReaderSize(r, 64<<10), file: file, line: 1, max: max}
}

var errTooLarge = errors.New("record too large")

func (s *source) readByte() (byte, error) {
	c, err := s.br.ReadByte()
	if err == nil && c == '\n' {
		s.line++
	}
	return c, err
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// peekNonSpace consumes white space and returns the next byte without consuming it.
func (s *source) peekNonSpace() (byte, error) {
	for {
		b, err := s.br.Peek(1)
		if err != nil {
			return 0, err
		}
		if !isSpace(b[0]) {
			return b[0], nil
		}
		s.readByte()
	}
}

// readLine returns the rest of the current line without its newline, in buf's memory when it
// fits. When the line is longer than max, it is consumed and errTooLarge returned.
func (s *source) readLine(buf []byte) ([]byte, error) {
	buf = buf[:0]
	tooLarge := false
	for {
		chunk, err := s.br.ReadSlice('\n')
		if !tooLarge {
			if len(buf)+len(chunk) > s.max+1 {
				tooLarge, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
			s.line++
		}
		if tooLarge {
			return nil, errTooLarge
		}
		if err != nil && len(buf) == 0 {
			return nil, err
		}
		return bytes.TrimRight(buf, "\r\n"), nil
	}
}

// value reads one JSON value by its structure (brackets and strings), without validating it: a
// malformed value is returned as it is and fails later, in its own record. A value longer than
// max is still followed to its end, without being kept, and errTooLarge returned: the records
// after it are read as usual. The value is read into buf's memory when it fits.
func (s *source) value(buf []byte) ([]byte, error) {
	buf = buf[:0]
	tooLarge := false
	add := func(c byte) {
		if tooLarge {
			return
		}
		if len(buf) >= s.max {
			tooLarge, buf = true, nil
			return
		}
		buf = append(buf, c)
	}
	end := func() ([]byte, error) {
		if tooLarge {
			return nil, errTooLarge
		}
		return buf, nil
	}
	c, err := s.readByte()
	if err != nil {
		return nil, err
	}
	add(c)
	switch c {
	case '{', '[', '"':
		depth, inString, escaped := 0, c == '"', false
		if !inString {
			depth = 1
		}
		for depth > 0 || inString {
			c, err := s.readByte()
			if err != nil {
				if err == io.EOF {
					return end() // unterminated: reported as a syntax error
				}
				return nil, err
			}
			add(c)
			switch {
			case inString && escaped:
				escaped = false
			case inString && c == '\\':
				escaped = true
			case inString && c == '"':
				inString = false
			case inString:
			case c == '"':
				inString = true
			case c == '{' || c == '[':
				depth++
			case c == '}' || c == ']':
				depth--
			}
		}
		return end()
	}
	// A scalar runs to the next delimiter.
	for {
		b, err := s.br.Peek(1)
		if err != nil || isSpace(b[0]) || b[0] == ',' || b[0] == ']' || b[0] == '}' {
			return end()
		}
		c, _ := s.readByte()
		add(c)
	}
}

// tooLarge is the record for a value longer than max bytes.
func (s *source) tooLarge(line int) *record {
	return &record{file: s.file, line: line, err: &recordError{code: "too_large", msg: fmt.Sprintf("record larger than %d bytes", s.max)}}
}

func syntaxRecord(file string, line int, msg string) *record {
	return &record{file: file, line: line, err: &recordError{code: "invalid_json", msg: msg}}
}

// detect decides the layout of the source. It may read the first record.
func (s *source) detect() error {
	c, err := s.peekNonSpace()
	if err == io.EOF {
		s.done = true
		return nil
	}
	if err != nil {
		return err
	}
	if c == '[' {
		s.mode = modeArray
		return nil
	}
	start := s.line
	l1, err := s.readLine(nil)
	if err == errTooLarge {
		s.mode, s.first = modeLines, s.tooLarge(start)
		return nil
	}
	if err != nil && err != io.EOF {
		return err
	}
	if json.Valid(l1) {
		s.mode, s.first = modeLines, &record{file: s.file, line: start, raw: l1}
		return nil
	}
	after := s.line
	c, err = s.peekNonSpace()
	if err == io.EOF || (err == nil && (c == '{' || c == '[')) {
		s.mode, s.first = modeLines, &record{file: s.file, line: start, raw: l1}
		return nil
	}
	if err != nil {
		return err
	}
	// A document: read again from the first line, keeping line numbers.
	prefix := append(append([]byte(nil), l1...), bytes.Repeat([]byte{'\n'}, max(after-start, 1))...)
	rest := s.br
	s.br = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(prefix), rest), 64<<10)
	s.line = start
	s.mode = modeDocument
	return nil
}

// next returns the next record, or nil at the end of the source. Its error is an I/O error;
// problems with the content are records with err set. The record's bytes are read into buf's
// memory when they fit (buf may be nil): a batch passes the bytes of a record it has written.
func (s *source) next(buf []byte) (*record, error) {
	if s.mode == modeUnknown && !s.done {
		if err := s.detect(); err != nil {
			return nil, err
		}
	}
	if s.first != nil {
		r := s.first
		s.first = nil
		return r, nil
	}
	if s.done {
		return nil, nil
	}
	switch s.mode {
	case modeLines:
		if _, err := s.peekNonSpace(); err == io.EOF {
			s.done = true
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		start := s.line
		l, err := s.readLine(buf)
		if err == errTooLarge {
			return s.tooLarge(start), nil
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		return &record{file: s.file, line: start, raw: l}, nil
	case modeDocument:
		_, err := s.peekNonSpace()
		if err == io.EOF {
			s.done = true
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return s.readValue(buf)
	case modeArray:
		c, err := s.peekNonSpace()
		if err != nil {
			if err == io.EOF {
				s.done = true
				return syntaxRecord(s.file, s.line, "invalid JSON: unexpected end of input: the array is not closed"), nil
			}
			return nil, err
		}
		if !s.arrayStarted {
			s.readByte() // '['
			s.arrayStarted = true
			if c, err = s.peekNonSpace(); err == nil && c == ']' {
				s.readByte()
				return s.endArray()
			}
		} else {
			switch c {
			case ',':
				s.readByte()
			case ']':
				s.readByte()
				return s.endArray()
			default:
				s.done = true
				return syntaxRecord(s.file, s.line, fmt.Sprintf("invalid JSON: want ',' or ']' after an array element, got %q", c)), nil
			}
		}
		if _, err := s.peekNonSpace(); err == io.EOF {
			s.done = true
			return syntaxRecord(s.file, s.line, "invalid JSON: unexpected end of input: the array is not closed"), nil
		} else if err != nil {
			return nil, err
		}
		return s.readValue(buf)
	}
	return nil, nil
}

func (s *source) readValue(buf []byte) (*record, error) {
	start := s.line
	v, err := s.value(buf)
	if err == errTooLarge {
		return s.tooLarge(start), nil
	}
	if err != nil {
		return nil, err
	}
	return &record{file: s.file, line: start, raw: v}, nil
}

// endArray checks that nothing but white space follows the array.
func (s *source) endArray() (*record, error) {
	s.done = true
	c, err := s.peekNonSpace()
	if err == io.EOF {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return syntaxRecord(s.file, s.line, fmt.Sprintf("invalid JSON: unexpected %q after the array", c)), nil
}
