package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"newsgraph/graph"
)

func init() {
	commands["export"] = command{summary: "export the graph (or the curated state) in another format", run: runExport}
}

// exportFormat is one format of `newsgraph export FORMAT`. Files add to
// exportFormats in init; fs already holds --db, run adds its own flags
// before fs is parsed by calling flags.
type exportFormat struct {
	summary string
	// flags registers the format's own flags on fs; nil for none.
	flags func(fs *flag.FlagSet)
	run   func(ctx context.Context, store *graph.Store, fs *flag.FlagSet, stdout io.Writer) error
}

var exportFormats = map[string]exportFormat{}

func runExport(ctx context.Context, args []string, stdout io.Writer) error {
	names := make([]string, 0, len(exportFormats))
	for n := range exportFormats {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			exportHelp(stdout, names)
			return nil
		}
		return fmt.Errorf("%w: export needs a FORMAT (one of %s)", errUsage, strings.Join(names, ", "))
	}
	f, ok := exportFormats[args[0]]
	if !ok {
		return fmt.Errorf("%w: unknown export format %q (want one of %s)", errUsage, args[0], strings.Join(names, ", "))
	}
	fs := flag.NewFlagSet("export "+args[0], flag.ContinueOnError)
	db := fs.String("db", graph.DefaultDB, "store: memory, bolt:PATH or postgres://…")
	if f.flags != nil {
		f.flags(fs)
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	store, err := graph.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	return f.run(ctx, store, fs, stdout)
}

func exportHelp(w io.Writer, names []string) {
	fmt.Fprintln(w, "usage: newsgraph export FORMAT [--db DB] [flags]\n\nFormats:")
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, exportFormats[n].summary)
	}
}
