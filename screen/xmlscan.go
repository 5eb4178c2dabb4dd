package screen

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small pull tokenizer for the parts of an xlsx package the reader streams
// (worksheets and the shared strings). encoding/xml, which excelize's row reader uses, makes a
// token with copied names, attributes and text for every element, and reflection for every
// cell: reading a registry spent most of its time there. The SpreadsheetML the reader needs is
// a handful of elements, so this tokenizer returns slices of its buffer instead, valid until the
// next call, and leaves decoding to the caller. It is not a validating parser: it checks what
// it needs to read cells right (tag structure, quotes, entities) and nothing else, and it
// refuses a document type declaration rather than expand entities from one.
type xmlScanner struct {
	r    io.Reader
	buf  []byte
	p, n int   // buf[p:n] is read and not yet consumed
	err  error // the reader's error, io.EOF at the end; sticky
}

// maxXMLToken bounds one token (a tag, a text run) so that a malformed part cannot make the
// buffer grow without end. A cell holds at most 32,767 characters.
const maxXMLToken = 4 << 20

type xmlKind uint8

const (
	xmlEOF   xmlKind = iota
	xmlText          // character data, still escaped
	xmlCDATA         // a CDATA section's content, literal
	xmlStart         // a start tag; self is set for <x/>
	xmlEnd           // an end tag
)

type xmlToken struct {
	kind  xmlKind
	name  []byte // local name, without a namespace prefix such as x:
	attrs []byte // a start tag's attributes, raw
	self  bool
	text  []byte
}

var errXMLSyntax = errors.New("malformed XML")

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 64<<10)}
}

// fill reads more input after buf[p:n], moving the unconsumed bytes to the front and growing
// the buffer when it is full. It reports whether it could read anything.
func (s *xmlScanner) fill() bool {
	if s.err != nil {
		return false
	}
	if s.p > 0 {
		copy(s.buf, s.buf[s.p:s.n])
		s.n -= s.p
		s.p = 0
	}
	if s.n == len(s.buf) {
		if len(s.buf) >= maxXMLToken {
			s.err = fmt.Errorf("%w: a token longer than %d bytes", errXMLSyntax, maxXMLToken)
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.n])
		s.buf = nb
	}
	for range 100 {
		m, err := s.r.Read(s.buf[s.n:])
		s.n += m
		if err != nil {
			s.err = err
		}
		if m > 0 || err != nil {
			return m > 0
		}
	}
	s.err = io.ErrNoProgress
	return false
}

// readErr is the error for input that ended inside a token.
func (s *xmlScanner) readErr() error {
	if s.err == nil || s.err == io.EOF {
		return fmt.Errorf("%w: unexpected end of the part", errXMLSyntax)
	}
	return s.err
}

// find returns the offset from p of the first pat at or after offset from, reading as needed,
// or -1 when the input ends first.
func (s *xmlScanner) find(from int, pat string) int {
	for {
		if i := bytes.Index(s.buf[s.p+from:s.n], []byte(pat)); i >= 0 {
			return from + i
		}
		from = max(from, s.n-s.p-len(pat)+1)
		if !s.fill() {
			return -1
		}
	}
}

// tagEnd returns the offset from p of the '>' that ends the tag starting at p, skipping
// quoted attribute values, or -1 when the input ends first.
func (s *xmlScanner) tagEnd() int {
	i := 1
	var quote byte
	for {
		b := s.buf[s.p:s.n]
		for ; i < len(b); i++ {
			switch c := b[i]; {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '>':
				return i
			case c == '"' || c == '\'':
				quote = c
			}
		}
		if !s.fill() {
			return -1
		}
	}
}

// next returns the next token. Comments and processing instructions are skipped.
func (s *xmlScanner) next() (xmlToken, error) {
	for {
		if s.p == s.n && !s.fill() {
			if s.err != nil && s.err != io.EOF {
				return xmlToken{}, s.err
			}
			return xmlToken{kind: xmlEOF}, nil
		}
		if s.buf[s.p] != '<' {
			i := s.find(0, "<")
			if i < 0 {
				if s.err != io.EOF {
					return xmlToken{}, s.readErr()
				}
				i = s.n - s.p // text at the end of the part
			}
			t := xmlToken{kind: xmlText, text: s.buf[s.p : s.p+i]}
			s.p += i
			return t, nil
		}
		// A tag: make sure its first bytes are here to tell which kind.
		for s.n-s.p < 9 && s.fill() {
		}
		rest := s.buf[s.p:s.n]
		switch {
		case len(rest) > 1 && rest[1] != '?' && rest[1] != '!':
			// An element's tag, the common case.
		case bytes.HasPrefix(rest, []byte("<?")):
			i := s.find(2, "?>")
			if i < 0 {
				return xmlToken{}, s.readErr()
			}
			s.p += i + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			i := s.find(4, "-->")
			if i < 0 {
				return xmlToken{}, s.readErr()
			}
			s.p += i + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i := s.find(9, "]]>")
			if i < 0 {
				return xmlToken{}, s.readErr()
			}
			t := xmlToken{kind: xmlCDATA, text: s.buf[s.p+9 : s.p+i]}
			s.p += i + 3
			return t, nil
		case bytes.HasPrefix(rest, []byte("<!")):
			return xmlToken{}, fmt.Errorf("%w: a document type declaration (not allowed in SpreadsheetML)", errXMLSyntax)
		}
		i := s.tagEnd()
		if i < 0 {
			return xmlToken{}, s.readErr()
		}
		tag := s.buf[s.p+1 : s.p+i]
		s.p += i + 1
		t := xmlToken{kind: xmlStart}
		if len(tag) > 0 && tag[0] == '/' {
			t.kind, tag = xmlEnd, tag[1:]
		} else if len(tag) > 0 && tag[len(tag)-1] == '/' {
			t.self, tag = true, tag[:len(tag)-1]
		}
		end := 0
		for end < len(tag) && !isSpace(tag[end]) {
			end++
		}
		t.name, t.attrs = localName(tag[:end]), tag[end:]
		if len(t.name) == 0 {
			return xmlToken{}, fmt.Errorf("%w: a tag without a name", errXMLSyntax)
		}
		return t, nil
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

func localName(n []byte) []byte {
	if i := bytes.IndexByte(n, ':'); i >= 0 {
		return n[i+1:]
	}
	return n
}

// skip consumes the rest of the element whose start tag was just read (not self-closing).
func (s *xmlScanner) skip() error {
	depth := 1
	for {
		t, err := s.next()
		if err != nil {
			return err
		}
		switch t.kind {
		case xmlEOF:
			return s.readErr()
		case xmlStart:
			if !t.self {
				depth++
			}
		case xmlEnd:
			if depth--; depth == 0 {
				return nil
			}
		}
	}
}

// appendText appends the unescaped character data of the element whose start tag was just
// read to dst, as encoding/xml gives it for a string field: the text of nested elements is
// left out.
func (s *xmlScanner) appendText(dst []byte) ([]byte, error) {
	for {
		t, err := s.next()
		if err != nil {
			return dst, err
		}
		switch t.kind {
		case xmlEOF:
			return dst, s.readErr()
		case xmlText:
			if dst, err = appendUnescaped(dst, t.text); err != nil {
				return dst, err
			}
		case xmlCDATA:
			dst = append(dst, t.text...)
		case xmlStart:
			if !t.self {
				if err := s.skip(); err != nil {
					return dst, err
				}
			}
		case xmlEnd:
			return dst, nil
		}
	}
}

// appendStringItem appends the text of a string item (<si> of the shared strings, or <is> of
// an inline string) whose start tag was just read: its <t>, then the <t> of each rich-text
// run <r>, as excelize joins them. Phonetic runs (<rPh>) and run properties are left out.
func (s *xmlScanner) appendStringItem(dst []byte) ([]byte, error) {
	inRun := false
	for {
		t, err := s.next()
		if err != nil {
			return dst, err
		}
		switch t.kind {
		case xmlEOF:
			return dst, s.readErr()
		case xmlStart:
			switch {
			case t.self:
			case string(t.name) == "t":
				if dst, err = s.appendText(dst); err != nil {
					return dst, err
				}
			case string(t.name) == "r" && !inRun:
				inRun = true
			default:
				if err := s.skip(); err != nil {
					return dst, err
				}
			}
		case xmlEnd:
			if !inRun {
				return dst, nil
			}
			inRun = false
		}
	}
}

// literal reports whether the unread input starts with lit.
func (s *xmlScanner) literal(lit string) bool {
	for s.n-s.p < len(lit) {
		if !s.fill() {
			return false
		}
	}
	return string(s.buf[s.p:s.p+len(lit)]) == lit
}

// simpleText reads character data up to the next '<'. When the markup there is end, it
// consumes that too and reports true; otherwise it stops at the '<'. The text is escaped and
// valid until the next call.
func (s *xmlScanner) simpleText(end string) ([]byte, bool, error) {
	i := s.find(0, "<")
	if i < 0 {
		return nil, false, s.readErr()
	}
	for s.n-s.p < i+len(end) && s.fill() {
	}
	text := s.buf[s.p : s.p+i]
	if s.n-s.p >= i+len(end) && string(s.buf[s.p+i:s.p+i+len(end)]) == end {
		s.p += i + len(end)
		return text, true, nil
	}
	s.p += i
	return text, false, nil
}

// nextAttr splits the first attribute off a start tag's raw attributes: its name, its raw
// (still escaped) value and the attributes after it; name is nil when there are none left.
func nextAttr(attrs []byte) (name, val, rest []byte, err error) {
	attrs = skipSpace(attrs)
	if len(attrs) == 0 {
		return nil, nil, nil, nil
	}
	eq := bytes.IndexByte(attrs, '=')
	if eq < 0 {
		return nil, nil, nil, fmt.Errorf("%w: attribute without a value in %q", errXMLSyntax, attrs)
	}
	name = attrs[:eq]
	for len(name) > 0 && isSpace(name[len(name)-1]) {
		name = name[:len(name)-1]
	}
	attrs = skipSpace(attrs[eq+1:])
	if len(attrs) == 0 || attrs[0] != '"' && attrs[0] != '\'' {
		return nil, nil, nil, fmt.Errorf("%w: unquoted attribute value", errXMLSyntax)
	}
	end := bytes.IndexByte(attrs[1:], attrs[0])
	if end < 0 {
		return nil, nil, nil, fmt.Errorf("%w: unterminated attribute value", errXMLSyntax)
	}
	return name, attrs[1 : 1+end], attrs[end+2:], nil
}

// cellAttrs returns the r (reference) and t (type) attributes of a cell's start tag in one
// pass; ref is nil when there is none.
func cellAttrs(attrs []byte) (ref, typ []byte, err error) {
	for {
		key, val, rest, err := nextAttr(attrs)
		if err != nil {
			return nil, nil, err
		}
		if key == nil {
			return ref, typ, nil
		}
		attrs = rest
		var dst *[]byte
		switch string(localName(key)) { // by local name, as attr matches them
		case "r":
			dst = &ref
		case "t":
			dst = &typ
		default:
			continue
		}
		if bytes.IndexByte(val, '&') >= 0 {
			if val, err = appendUnescaped(nil, val); err != nil {
				return nil, nil, err
			}
		}
		*dst = val
	}
}

// attr returns the value of the attribute with the local name name in a start tag's raw
// attributes, unescaped.
func attr(attrs []byte, name string) ([]byte, bool, error) {
	for {
		key, val, rest, err := nextAttr(attrs)
		if err != nil || key == nil {
			return nil, false, err
		}
		attrs = rest
		if string(localName(key)) == name {
			if bytes.IndexByte(val, '&') < 0 {
				return val, true, nil
			}
			v, err := appendUnescaped(nil, val)
			return v, true, err
		}
	}
}

// appendUnescaped appends text with its entity and character references replaced, and line
// ends normalised to \n as XML requires.
func appendUnescaped(dst, src []byte) ([]byte, error) {
	for len(src) > 0 {
		i := 0
		for i < len(src) && src[i] != '&' && src[i] != '\r' {
			i++
		}
		if i == len(src) {
			return append(dst, src...), nil
		}
		dst = append(dst, src[:i]...)
		if src[i] == '\r' {
			dst = append(dst, '\n')
			src = src[i+1:]
			if len(src) > 0 && src[0] == '\n' {
				src = src[1:]
			}
			continue
		}
		j := bytes.IndexByte(src[i:], ';')
		if j < 0 || j > 12 {
			return dst, fmt.Errorf("%w: unterminated entity reference", errXMLSyntax)
		}
		ent := src[i+1 : i+j]
		src = src[i+j+1:]
		switch string(ent) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var n uint64
			var err error
			switch {
			case len(ent) > 2 && ent[0] == '#' && (ent[1] == 'x' || ent[1] == 'X'):
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			case len(ent) > 1 && ent[0] == '#':
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			default:
				return dst, fmt.Errorf("%w: unknown entity &%s;", errXMLSyntax, ent)
			}
			if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
				return dst, fmt.Errorf("%w: bad character reference &%s;", errXMLSyntax, ent)
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
	return dst, nil
}

// appendUnescapedOOXML appends a string item's text with OOXML's own escapes replaced:
// _xHHHH_ is the UTF-16 code unit HHHH (how Excel writes control characters, which XML 1.0
// cannot carry), and _x005F_ escapes the underscore of a literal "_xHHHH_". This follows
// excelize's reading, including that an escaped surrogate is dropped.
func appendUnescapedOOXML(dst, src []byte) []byte {
	for {
		i := bytes.Index(src, []byte("_x"))
		if i < 0 || len(src)-i < 7 {
			return append(dst, src...)
		}
		if src[i+6] != '_' || !isHex4(src[i+2:i+6]) {
			dst = append(dst, src[:i+1]...)
			src = src[i+1:]
			continue
		}
		dst = append(dst, src[:i]...)
		n, _ := strconv.ParseUint(string(src[i+2:i+6]), 16, 16)
		switch r := rune(n); {
		case r == '_':
			dst = append(dst, '_')
		case utf8.ValidRune(r):
			dst = utf8.AppendRune(dst, r)
		}
		src = src[i+7:]
	}
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
