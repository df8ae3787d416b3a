package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"newsgraph/graph"
)

func init() {
	commands["load"] = command{summary: "load N-Quads (.nq, .nq.gz), curated or alias .tsv and article .txt files", run: runLoad}
}

func runLoad(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	db := fs.String("db", graph.DefaultDB, "store: memory, bolt:PATH or postgres://…")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: load needs at least one FILE", errUsage)
	}
	store, err := graph.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	inputs := make([]graph.Input, 0, fs.NArg())
	for _, p := range fs.Args() {
		inputs = append(inputs, graph.FileInput(p))
	}
	reports, err := store.Load(ctx, inputs...)
	for _, r := range reports {
		fmt.Fprintf(stdout, "loaded %s (%s): %d quads, %d facts\n", r.File, r.Kind, r.Quads, r.Facts)
	}
	if err != nil {
		return err
	}
	return store.Close()
}
