package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"newsgraph/graph"
	"newsgraph/seeds"
	"newsgraph/web"
)

func init() {
	commands["serve"] = command{summary: "serve the query endpoint and the explorer (seeds an empty store)", run: runServe}
}

func runServe(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	db := fs.String("db", graph.DefaultDB, "store: memory, bolt:PATH or postgres://…")
	timeout := fs.Duration("query-timeout", 10*time.Second, "deadline of one query")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, fs.Args())
	}
	store, err := graph.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	seeded, err := store.Seed(ctx, seeds.FS)
	if err != nil {
		return err
	}
	if seeded {
		fmt.Fprintln(stdout, "newsgraph: seeded the empty store from the built-in seed articles")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           web.New(store, web.Options{QueryTimeout: *timeout}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	fmt.Fprintf(stdout, "newsgraph: serving %s store at http://%s/\n", store.Kind(), ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
