package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/httpapi"
)

//go:embed index.html
var page []byte

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		log.Fatal(err)
	}
}

// run serves the portal until ctx is done, then shuts down gracefully. It is main without the
// process around it, so that tests can start it on a free port and stop it.
func run(ctx context.Context, args []string, logw io.Writer) error {
	fs := flag.NewFlagSet("portal", flag.ContinueOnError)
	fs.SetOutput(logw)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("portal: unexpected argument %q", fs.Arg(0))
	}
	eng, err := classify.New()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// Timeouts close connections of clients that trickle their headers or body or sit idle, and
	// the handler bounds the classifications in flight (with their bodies): what a server facing
	// the Internet needs, so that slow or numerous clients cannot hold it.
	srv := &http.Server{
		Handler:           newHandler(eng),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	fmt.Fprintf(logw, "portal: listening on http://%s/\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newHandler serves the page at / and the API under /v1/.
func newHandler(eng *classify.Engine) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/", httpapi.New(eng, httpapi.MaxBodyBytes(256<<10), httpapi.MaxInFlight(4*runtime.GOMAXPROCS(0))))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		// Everything the page needs is inline; it talks only to its own origin.
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		w.Write(page)
	})
	return mux
}
