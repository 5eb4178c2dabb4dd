//go:build linux

package browsertest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Chromium is Debian's headless-capable browser (apt-get install chromium; .ci/chromium.sh).
const Chromium = "/usr/bin/chromium"

// Browser is headless Chromium driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: commands on its fd 3, replies and events on its fd 4, each message
// JSON ended by a NUL byte). A pipe needs no WebSocket client and no module beyond the standard
// library, and no port that another process could take.
type Browser struct {
	t       testing.TB
	cmd     *exec.Cmd
	w       io.WriteCloser
	mu      sync.Mutex
	nextID  int
	pending map[int]chan cdpMessage
	readErr error
	closed  chan struct{}
	session string // the page's session, once attached
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    any             `json:"params,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// Start starts Chromium with a page attached. It skips the test when Chromium is not
// installed.
func Start(t testing.TB) *Browser {
	t.Helper()
	if _, err := os.Stat(Chromium); err != nil {
		t.Skipf("end-to-end test skipped: %s not found (install it with: apt-get install -y chromium, or run .ci/chromium.sh)", Chromium)
	}
	dir := t.TempDir()
	toBrowser, cmdW, err := os.Pipe()
	require.NoError(t, err)
	evR, fromBrowser, err := os.Pipe()
	require.NoError(t, err)
	cmd := exec.Command(Chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir="+dir, "--remote-debugging-pipe",
		"--window-size=1280,1000", "--lang=zh-CN", "about:blank")
	cmd.ExtraFiles = []*os.File{toBrowser, fromBrowser} // fd 3 and fd 4 in the child
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	toBrowser.Close()
	fromBrowser.Close()
	b := &Browser{t: t, cmd: cmd, w: cmdW, pending: map[int]chan cdpMessage{}, closed: make(chan struct{})}
	go b.read(evR)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		b.callSession(ctx, "", "Browser.close", nil) // best effort; the kill below is the guarantee
		cancel()
		cmdW.Close()
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // helpers Chromium may leave behind
		cmd.Wait()
		evR.Close()
		if t.Failed() {
			t.Logf("chromium stderr:\n%s", stderr.String())
		}
	})

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var target struct {
		TargetID string `json:"targetId"`
	}
	b.must(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	b.must(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached)
	b.session = attached.SessionID
	b.must(ctx, b.session, "Page.enable", nil, nil)
	b.must(ctx, b.session, "Emulation.setDeviceMetricsOverride",
		map[string]any{"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": false}, nil)
	return b
}

// read dispatches replies to their callers; events are not needed and are dropped.
func (b *Browser) read(r io.Reader) {
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		line, err := br.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			b.readErr = err
			b.mu.Unlock()
			close(b.closed)
			return
		}
		var m cdpMessage
		if json.Unmarshal(line[:len(line)-1], &m) != nil || m.ID == 0 {
			continue
		}
		b.mu.Lock()
		ch := b.pending[m.ID]
		delete(b.pending, m.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- m
		}
	}
}

func (b *Browser) callSession(ctx context.Context, session, method string, params any) (json.RawMessage, error) {
	b.mu.Lock()
	if b.readErr != nil {
		b.mu.Unlock()
		return nil, fmt.Errorf("%s: browser gone: %w", method, b.readErr)
	}
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.pending[id] = ch
	data, err := json.Marshal(cdpMessage{ID: id, Method: method, Params: params, SessionID: session})
	if err == nil {
		_, err = b.w.Write(append(data, 0))
	}
	b.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return nil, fmt.Errorf("%s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		return m.Result, nil
	case <-b.closed:
		return nil, fmt.Errorf("%s: browser gone", method)
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

func (b *Browser) must(ctx context.Context, session, method string, params, out any) {
	b.t.Helper()
	res, err := b.callSession(ctx, session, method, params)
	require.NoError(b.t, err)
	if out != nil {
		require.NoError(b.t, json.Unmarshal(res, out), "%s: %s", method, res)
	}
}

// Eval runs a JavaScript expression in the page and decodes its value into out (may be nil).
func (b *Browser) Eval(expr string, out any) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	b.evalCtx(ctx, expr, out)
}

// evalCtx is Eval under ctx.
func (b *Browser) evalCtx(ctx context.Context, expr string, out any) {
	b.t.Helper()
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	b.must(ctx, b.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &res)
	if res.ExceptionDetails != nil {
		b.t.Fatalf("%s: %s %s", expr, res.ExceptionDetails.Text, res.ExceptionDetails.Exception.Description)
	}
	if out != nil {
		require.NoError(b.t, json.Unmarshal(res.Result.Value, out), "%s: %s", expr, res.Result.Value)
	}
}

// WaitFor polls a JavaScript condition until it holds.
func (b *Browser) WaitFor(what, cond string, timeout time.Duration) {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	// One evaluation may wait as long as the whole timeout: a page busy starting (compiling a
	// WebAssembly module on a loaded machine) answers late, and that is not yet a failure.
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	for {
		var ok bool
		b.evalCtx(ctx, "!!("+cond+")", &ok)
		if ok {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("timed out after %v waiting for %s (%s)", timeout, what, cond)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Navigate loads url and waits until the document has loaded.
func (b *Browser) Navigate(url string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	b.must(ctx, b.session, "Page.navigate", map[string]any{"url": url}, nil)
	b.WaitFor("the page to load", `document.readyState === "complete"`, 20*time.Second)
}

// center scrolls the element elem (a JavaScript expression) into view and returns the middle of
// its box, where a person would click.
func (b *Browser) center(elem string) (x, y float64) {
	b.t.Helper()
	var box struct{ X, Y, W, H float64 }
	b.Eval(`(() => { const e = `+elem+`; if (!e) throw new Error("no element: `+strings.ReplaceAll(elem, `"`, `'`)+`");
		e.scrollIntoView({block: "center", inline: "center"}); const r = e.getBoundingClientRect();
		return {X: r.left, Y: r.top, W: r.width, H: r.height}; })()`, &box)
	require.Positive(b.t, box.W, "%s is not visible", elem)
	require.Positive(b.t, box.H, "%s is not visible", elem)
	return box.X + box.W/2, box.Y + box.H/2
}

// Click presses and releases the left mouse button over elem, as a person does.
func (b *Browser) Click(elem string) {
	b.t.Helper()
	x, y := b.center(elem)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b.must(ctx, b.session, "Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": x, "y": y}, nil)
	for _, typ := range []string{"mousePressed", "mouseReleased"} {
		b.must(ctx, b.session, "Input.dispatchMouseEvent",
			map[string]any{"type": typ, "x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1}, nil)
	}
}

// TypeInto clicks into the text field elem, selects what is there, and types text over it:
// the keystrokes arrive as input events, as from a keyboard or an input method.
func (b *Browser) TypeInto(elem, text string) {
	b.t.Helper()
	b.Click(elem)
	b.Eval(`(() => { const e = `+elem+`; e.focus(); e.select(); return document.activeElement === e; })()`, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if text == "" {
		b.must(ctx, b.session, "Input.dispatchKeyEvent", map[string]any{"type": "rawKeyDown", "key": "Backspace", "code": "Backspace", "windowsVirtualKeyCode": 8}, nil)
		b.must(ctx, b.session, "Input.dispatchKeyEvent", map[string]any{"type": "keyUp", "key": "Backspace", "code": "Backspace", "windowsVirtualKeyCode": 8}, nil)
		return
	}
	b.must(ctx, b.session, "Input.insertText", map[string]any{"text": text}, nil)
}

// SetValue sets a date input or a select, whose native pickers cannot be driven by synthetic
// mouse events in headless mode, and fires the events a person's choice fires.
func (b *Browser) SetValue(elem, value string) {
	b.t.Helper()
	v, _ := json.Marshal(value)
	var got string
	b.Eval(`(() => { const e = `+elem+`; e.focus(); e.value = `+string(v)+`;
		e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true}));
		return e.value; })()`, &got)
	require.Equal(b.t, value, got, "%s did not take the value", elem)
}

// DOM returns the page's HTML as it is now.
func (b *Browser) DOM() string {
	b.t.Helper()
	var html string
	b.Eval(`document.documentElement.outerHTML`, &html)
	return html
}

// ByID is the JavaScript expression of the element with this id.
func ByID(id string) string { return fmt.Sprintf("document.getElementById(%q)", id) }

// Nth is the JavaScript expression of the i-th element matching selector.
func Nth(selector string, i int) string {
	return fmt.Sprintf("document.querySelectorAll(%q)[%d]", selector, i)
}
