package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"newsgraph/graph"
)

func init() {
	commands["query"] = command{summary: "run a Gizmo, GraphQL or MQL query on a store or a server and print JSON", run: runQuery}
}

func runQuery(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	db := fs.String("db", graph.DefaultDB, "store: memory, bolt:PATH or postgres://… (ignored with --server)")
	server := fs.String("server", "", "URL of a running newsgraph or Cayley server, e.g. http://127.0.0.1:8080")
	lang := fs.String("lang", "gizmo", "query language: gizmo, graphql or mql")
	limit := fs.Int("limit", 100, "most results (-1: no limit)")
	timeout := fs.Duration("timeout", 10*time.Second, "deadline of the query")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: query needs one QUERY argument (or - to read it from stdin)", errUsage)
	}
	src := fs.Arg(0)
	if src == "-" {
		data, err := io.ReadAll(os.Stdin)
		if err != nil {
			return fmt.Errorf("read stdin: %w", err)
		}
		src = string(data)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	if *server != "" {
		return queryServer(ctx, *server, *lang, src, *limit, stdout)
	}
	store, err := graph.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	res, err := store.Query(ctx, *lang, src, *limit)
	if err != nil {
		return err
	}
	var out any = map[string]any{"result": res.Results}
	if *lang == "graphql" {
		out = map[string]any{"data": res.Data}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// queryServer posts the query to a server's /api/v1/query/LANG and prints
// the answer; an error answer becomes the command's error.
func queryServer(ctx context.Context, server, lang, src string, limit int, stdout io.Writer) error {
	u := strings.TrimRight(server, "/") + "/api/v1/query/" + url.PathEscape(lang) + "?limit=" + strconv.Itoa(limit)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(src))
	if err != nil {
		return fmt.Errorf("%w: --server: %v", errUsage, err)
	}
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("query %s: %w", server, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("query %s: %w", server, err)
	}
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &e) == nil && e.Error != "" {
		return fmt.Errorf("query %s: %s (HTTP %d)", server, e.Error, resp.StatusCode)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("query %s: HTTP %d: %s", server, resp.StatusCode, bytes.TrimSpace(body))
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, body, "", "  ") != nil {
		_, err = stdout.Write(body)
		return err
	}
	_, err = fmt.Fprintln(stdout, strings.TrimSpace(pretty.String()))
	return err
}
