package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
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
	mirror := fs.Bool("mirror", true, "serve reads from an in-memory copy of a bolt or PostgreSQL store (writes go to both)")
	tokenFile := fs.String("token-file", "", "file of tokens allowed to change the graph, one NAME:SECRET a line "+
		"(also: the environment variable NEWSGRAPH_TOKEN); with none the server is read-only")
	cors := fs.String("cors-origin", "", "the one origin allowed to call the API from a browser (default: no CORS)")
	maxBody := fs.Int64("max-body", 64<<20, "largest request body in bytes")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, fs.Args())
	}
	tokens, err := loadTokens(*tokenFile)
	if err != nil {
		return err
	}
	open := graph.Open
	if *mirror {
		open = graph.OpenMirrored
	}
	store, err := open(ctx, *db)
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
		Handler: web.New(store, web.Options{
			QueryTimeout: *timeout, Tokens: tokens, CORSOrigin: *cors, MaxBody: *maxBody,
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // a large N-Quads upload
		WriteTimeout:      *timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	if len(tokens) == 0 {
		fmt.Fprintln(stdout, "newsgraph: read-only: no token configured (--token-file or NEWSGRAPH_TOKEN); writes are refused")
	} else {
		fmt.Fprintf(stdout, "newsgraph: writes need one of %d token(s)\n", len(tokens))
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

// loadTokens reads the tokens allowed to write: from file, if named, and
// from the environment variable NEWSGRAPH_TOKEN ("NAME:SECRET" or a bare
// SECRET).
func loadTokens(file string) ([]web.Token, error) {
	var tokens []web.Token
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("token file: %w", err)
		}
		defer f.Close()
		ts, err := web.ParseTokens(f, file)
		if err != nil {
			return nil, err
		}
		tokens = append(tokens, ts...)
	}
	if env := os.Getenv("NEWSGRAPH_TOKEN"); env != "" {
		ts, err := web.ParseTokens(strings.NewReader(env), "NEWSGRAPH_TOKEN")
		if err != nil {
			return nil, err
		}
		tokens = append(tokens, ts...)
	}
	return tokens, nil
}
