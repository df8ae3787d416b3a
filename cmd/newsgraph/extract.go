package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"newsgraph/graph"
	"newsgraph/graph/extract"
	"newsgraph/seeds"
)

func init() {
	commands["extract"] = command{summary: "extract triples from article files (JSONL or N-Quads)", run: runExtract}
}

func runExtract(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	format := fs.String("format", "jsonl", "output format: jsonl or nquads")
	aliasPath := fs.String("aliases", "", `alias table (TSV with header "name type aliases"); default: the built-in seeds/aliases.tsv; "none" for none`)
	mergesPath := fs.String("merges", "", "also write the entity merges (surface form -> canonical, rule, doc) as JSONL to this file")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: newsgraph extract [--format jsonl|nquads] [--aliases FILE] [--merges FILE] FILE…")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *format != "jsonl" && *format != "nquads" {
		return fmt.Errorf("%w: unknown format %q (want jsonl or nquads)", errUsage, *format)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: extract needs at least one article file", errUsage)
	}
	aliases, err := loadExtractAliases(*aliasPath)
	if err != nil {
		return err
	}
	docs := make([]extract.Doc, 0, fs.NArg())
	for _, p := range fs.Args() {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		docs = append(docs, extract.Doc{ID: filepath.Base(p), Text: b})
	}
	results, err := extract.New(aliases).ExtractAll(ctx, docs)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	for _, r := range results {
		if r.Err != nil {
			return r.Err
		}
		if err := writeTriples(w, *format, r.Doc, r.Triples); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("extract: write: %w", err)
	}
	if *mergesPath != "" {
		if err := writeMerges(*mergesPath, results); err != nil {
			return err
		}
	}
	return nil
}

// loadExtractAliases reads the extractor's alias table: the embedded seeds
// table by default, none for "none", else the named TSV file.
func loadExtractAliases(path string) ([]extract.Alias, error) {
	switch path {
	case "none":
		return nil, nil
	case "":
		f, err := seeds.FS.Open("aliases.tsv")
		if err != nil {
			return nil, fmt.Errorf("open built-in alias table: %w", err)
		}
		defer f.Close()
		return extract.ParseAliases(f, "seeds/aliases.tsv")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("alias table: %w", err)
	}
	defer f.Close()
	return extract.ParseAliases(f, path)
}

// writeTriples writes one document's triples as JSON lines, or as N-Quads
// in the graph's schema (facts, entities and evidence nodes) that
// `newsgraph load` reads back.
func writeTriples(w io.Writer, format, doc string, ts []extract.Triple) error {
	if format == "nquads" {
		if err := graph.WriteNQuads(w, doc, ts); err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		return nil
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, t := range ts {
		if err := enc.Encode(t); err != nil {
			return fmt.Errorf("extract: write: %w", err)
		}
	}
	return nil
}

func writeMerges(path string, results []extract.Result) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("merges: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range results {
		ms := append([]extract.Merge(nil), r.Merges...)
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
		for _, m := range ms {
			if err := enc.Encode(m); err != nil {
				f.Close()
				return fmt.Errorf("merges: %w", err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("merges: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("merges: %w", err)
	}
	return nil
}
