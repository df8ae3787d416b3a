package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"newsgraph/graph"
)

func init() {
	commands["ingest"] = command{summary: "add articles (files or stdin) with their metadata, to a store or a running server", run: runIngest}
}

func runIngest(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	db := fs.String("db", graph.DefaultDB, "store: memory, bolt:PATH or postgres://… (not with --server)")
	server := fs.String("server", "", "URL of a running `newsgraph serve` to send the articles to (POST /api/v1/documents), "+
		"e.g. http://127.0.0.1:8080; its token comes from --token-file or NEWSGRAPH_TOKEN")
	tokenFile := fs.String("token-file", "", "with --server: file whose first NAME:SECRET line is the token to send")
	id := fs.String("id", "", "document id (default: the file name without .txt; from stdin: the URL's or the text's hash)")
	title := fs.String("title", "", "the article's title")
	outlet := fs.String("outlet", "", "the outlet that published it")
	published := fs.String("published", "", "publication date (2017-05-23 or RFC 3339); anchors \"on Monday\", \"last November\"")
	url := fs.String("url", "", "the article's URL")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	if len(files) > 1 && *id != "" {
		return fmt.Errorf("%w: --id names one document; give one FILE", errUsage)
	}
	var docs []graph.IngestDoc
	for _, f := range files {
		var data []byte
		var err error
		docID := *id
		if f == "-" {
			data, err = io.ReadAll(os.Stdin)
		} else {
			data, err = os.ReadFile(f)
			if docID == "" {
				docID = graph.DocID(f)
			}
		}
		if err != nil {
			return fmt.Errorf("ingest: read %s: %w", f, err)
		}
		docs = append(docs, graph.IngestDoc{ID: docID, Text: string(data), Title: *title, Outlet: *outlet, Published: *published, URL: *url})
	}
	var send func(ctx context.Context, d graph.IngestDoc) (graph.IngestReport, error)
	if *server != "" {
		token, err := clientToken(*tokenFile)
		if err != nil {
			return err
		}
		send = func(ctx context.Context, d graph.IngestDoc) (graph.IngestReport, error) {
			return postDocument(ctx, strings.TrimSuffix(*server, "/"), token, d)
		}
	} else {
		store, err := graph.Open(ctx, *db)
		if err != nil {
			return err
		}
		defer store.Close()
		send = store.Ingest
	}
	for i, d := range docs {
		rep, err := send(ctx, d)
		if err != nil {
			return fmt.Errorf("ingest %s: %w", files[i], err)
		}
		switch {
		case rep.DuplicateOf != "":
			fmt.Fprintf(stdout, "%s: unchanged (the same text is already in the graph as %s)\n", files[i], rep.DuplicateOf)
		case rep.Status == "unchanged":
			fmt.Fprintf(stdout, "%s: unchanged (%s)\n", files[i], rep.Node)
		default:
			fmt.Fprintf(stdout, "%s: %s %s, %d facts (%d quads)\n", files[i], rep.Status, rep.Node, rep.Facts, rep.Quads)
		}
	}
	return nil
}

// clientToken finds the token to send: the first line of file, else
// NEWSGRAPH_TOKEN; "NAME:SECRET" or a bare SECRET.
func clientToken(file string) (string, error) {
	raw := os.Getenv("NEWSGRAPH_TOKEN")
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("token file: %w", err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				raw = line
				break
			}
		}
	}
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", fmt.Errorf("%w: --server needs a token: --token-file or NEWSGRAPH_TOKEN", errUsage)
	}
	if _, secret, ok := strings.Cut(raw, ":"); ok {
		raw = secret
	}
	return raw, nil
}

// postDocument sends one article to a running server.
func postDocument(ctx context.Context, server, token string, d graph.IngestDoc) (graph.IngestReport, error) {
	body, err := json.Marshal(d)
	if err != nil {
		return graph.IngestReport{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, server+"/api/v1/documents", bytes.NewReader(body))
	if err != nil {
		return graph.IngestReport{}, fmt.Errorf("%w: --server: %v", errUsage, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	client := &http.Client{Timeout: 5 * time.Minute}
	resp, err := client.Do(req)
	if err != nil {
		return graph.IngestReport{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return graph.IngestReport{}, err
	}
	if resp.StatusCode >= 300 {
		var e struct{ Error string }
		if json.Unmarshal(data, &e) == nil && e.Error != "" {
			return graph.IngestReport{}, fmt.Errorf("server: %s: %s", resp.Status, e.Error)
		}
		return graph.IngestReport{}, fmt.Errorf("server: %s", resp.Status)
	}
	var rep graph.IngestReport
	if err := json.Unmarshal(data, &rep); err != nil {
		return graph.IngestReport{}, fmt.Errorf("server: bad answer: %w", err)
	}
	return rep, nil
}
