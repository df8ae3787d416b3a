package main

// The graph's export formats of `newsgraph export`: nquads, jsonld, graphml
// and csv, of the whole graph (the default), of listed nodes (--nodes) or
// of the nodes a query returns (--query, --lang). See docs/export.md.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"newsgraph/graph"
)

func init() {
	for _, f := range graph.ExportFormats {
		name := f.Name
		exportFormats[name] = exportFormat{
			summary: f.Summary,
			flags:   selectionFlags,
			run: func(ctx context.Context, store *graph.Store, fs *flag.FlagSet, stdout io.Writer) error {
				return runGraphExport(ctx, store, fs, name, stdout)
			},
		}
	}
}

// nodeList is --nodes: ids separated by commas, the flag repeatable.
type nodeList []string

func (l *nodeList) String() string { return strings.Join(*l, ",") }

func (l *nodeList) Set(v string) error {
	for _, id := range strings.Split(v, ",") {
		if id = strings.TrimSpace(id); id != "" {
			*l = append(*l, id)
		}
	}
	return nil
}

// selectionFlags registers the flags every graph format takes.
func selectionFlags(fs *flag.FlagSet) {
	fs.Var(new(nodeList), "nodes", "export these nodes and the relations among them: ids separated by commas, e.g. '<person/james-clapper>,<place/germany>' (repeatable)")
	fs.String("query", "", "export the nodes this query returns and the relations among them")
	fs.String("lang", "gizmo", "language of --query: gizmo, graphql or mql")
	fs.String("out", "", "write to this file (default: stdout); csv: a directory (nodes.csv, edges.csv) or a FILE.zip")
}

// runGraphExport exports the selection the flags give in format.
func runGraphExport(ctx context.Context, store *graph.Store, fs *flag.FlagSet, format string, stdout io.Writer) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: export %s takes no arguments (got %q); select with --nodes or --query", errUsage, format, fs.Arg(0))
	}
	sel := graph.ExportSelection{
		Nodes: *fs.Lookup("nodes").Value.(*nodeList),
		Query: fs.Lookup("query").Value.String(),
		Lang:  fs.Lookup("lang").Value.String(),
	}
	if len(sel.Nodes) > 0 && sel.Query != "" {
		return fmt.Errorf("%w: give --nodes or --query, not both", errUsage)
	}
	out := fs.Lookup("out").Value.String()
	if format == graph.FormatCSV && !strings.HasSuffix(out, ".zip") {
		if out == "" {
			return fmt.Errorf("%w: export csv writes two tables: give --out DIR (nodes.csv and edges.csv) or --out FILE.zip", errUsage)
		}
		return exportCSVDir(ctx, store, out, sel)
	}
	if out == "" {
		return store.Export(ctx, stdout, format, sel)
	}
	return writeFileAtomic(out, func(w io.Writer) error { return store.Export(ctx, w, format, sel) })
}

// exportCSVDir writes nodes.csv and edges.csv into dir, making it.
func exportCSVDir(ctx context.Context, store *graph.Store, dir string, sel graph.ExportSelection) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return writeFileAtomic(filepath.Join(dir, "nodes.csv"), func(nodes io.Writer) error {
		return writeFileAtomic(filepath.Join(dir, "edges.csv"), func(edges io.Writer) error {
			return store.ExportCSV(ctx, nodes, edges, sel)
		})
	})
}

// writeFileAtomic writes path through a temporary file renamed into place
// when write succeeds, so a failed export leaves no half-written file.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return errors.Join(fmt.Errorf("export: %w", err), os.Remove(f.Name()))
	}
	return nil
}
