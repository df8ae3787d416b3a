package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/graph"
	"newsgraph/seeds"
)

// TestExportCuratedCommand curates a bolt store, runs `newsgraph export
// curated`, and loads the files it wrote into a fresh store.
func TestExportCuratedCommand(t *testing.T) {
	ctx := context.Background()
	db := seededBolt(t)
	store, err := graph.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Accept(ctx, "alice", graph.FactRef{Subject: "<person/salah-abdeslam>", Predicate: "<linked_to>", Object: "<attack/brussels-bombings>"}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Merge(ctx, "alice", "<attack/2016-brussels-bombings>", "<attack/brussels-bombings>"); err != nil {
		t.Fatal(err)
	}
	want, err := store.CuratedFacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	store.Close()

	dir := filepath.Join(t.TempDir(), "out")
	for _, tc := range []struct {
		name string
		args []string
		err  string
	}{
		{"an argument", []string{"export", "curated", "--db", db, "x"}, "no arguments"},
		{"empty --out", []string{"export", "curated", "--db", db, "--out", ""}, "--out"},
		{"fresh", []string{"export", "curated", "--db", db, "--out", dir, "--fresh"}, ""},
		{"over its own files", []string{"export", "curated", "--db", db, "--out", dir}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(ctx, tc.args, &out)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), "curated facts") {
				t.Errorf("output = %q", out.String())
			}
		})
	}
	aliases, err := os.ReadFile(filepath.Join(dir, "aliases.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(aliases), "name\ttype\taliases\n") || !strings.Contains(string(aliases), "Brussels bombings") {
		t.Errorf("aliases.tsv:\n%s", aliases)
	}
	fresh, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	inputs, err := graph.FSInputs(seeds.FS, "articles/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, graph.FileInput(filepath.Join(dir, "aliases.tsv")), graph.FileInput(filepath.Join(dir, "curated.tsv")))
	if _, err := fresh.Load(ctx, inputs...); err != nil {
		t.Fatal(err)
	}
	got, err := fresh.CuratedFacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the export loads back to %d curated facts, want %d", len(got), len(want))
	}
}
