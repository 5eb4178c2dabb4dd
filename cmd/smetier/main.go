package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/smetier/smetier/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The collector's setting for the command (a classify batch runs with less collection);
	// a GOGC in the environment is left alone.
	cli.TuneGC(os.Args[1:], os.Getenv)
	code := cli.Run(ctx, os.Args[1:], cli.Env{})
	stop()
	os.Exit(code)
}
