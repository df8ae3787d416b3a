package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/graph"
	"newsgraph/seeds"
)

// seededBolt returns a bolt store, seeded and closed, for commands to open.
func seededBolt(t *testing.T) string {
	t.Helper()
	db := "bolt:" + filepath.Join(t.TempDir(), "db")
	ctx := context.Background()
	store, err := graph.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Seed(ctx, seeds.FS); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

// domainExport is what graph.Store.Export writes for the selection: what
// the command must print.
func domainExport(t *testing.T, db, format string, sel graph.ExportSelection) []byte {
	t.Helper()
	store, err := graph.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var buf bytes.Buffer
	if err := store.Export(context.Background(), &buf, format, sel); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportCommand(t *testing.T) {
	db := seededBolt(t)
	dir := t.TempDir()
	view := []string{"<person/james-clapper>", "<claim/islamic-state-has-jihadist-cells-in-the-united-kingdom-germany-and-italy>", "<place/germany>"}
	claims := `g.V("<person/james-clapper>").Out("<stated>").All()`
	for _, tc := range []struct {
		name   string
		args   []string
		format string
		sel    graph.ExportSelection
		file   string // the output file, "" for stdout
	}{
		{"graphml whole graph to stdout", []string{"graphml"}, "graphml", graph.ExportSelection{}, ""},
		{"nquads whole graph", []string{"nquads"}, "nquads", graph.ExportSelection{}, ""},
		{"nquads view to a file", []string{"nquads", "--nodes", strings.Join(view[:2], ","), "--nodes", view[2], "--out", filepath.Join(dir, "view.nq")},
			"nquads", graph.ExportSelection{Nodes: view}, filepath.Join(dir, "view.nq")},
		{"jsonld query", []string{"jsonld", "--query", claims}, "jsonld", graph.ExportSelection{Query: claims}, ""},
		{"graphml graphql query", []string{"graphml", "--lang", "graphql", "--query", `{ a(id: <attack/2016-brussels-bombings>) { place: <attack_location> } }`},
			"graphml", graph.ExportSelection{Lang: "graphql", Query: `{ a(id: <attack/2016-brussels-bombings>) { place: <attack_location> } }`}, ""},
		{"csv zip", []string{"csv", "--nodes", strings.Join(view, ","), "--out", filepath.Join(dir, "view.csv.zip")},
			"csv", graph.ExportSelection{Nodes: view}, filepath.Join(dir, "view.csv.zip")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			args := append([]string{"export"}, tc.args[0], "--db", db)
			if err := run(context.Background(), append(args, tc.args[1:]...), &out); err != nil {
				t.Fatal(err)
			}
			got := out.Bytes()
			if tc.file != "" {
				if out.Len() != 0 {
					t.Errorf("--out also wrote to stdout: %.200s", out.String())
				}
				var err error
				if got, err = os.ReadFile(tc.file); err != nil {
					t.Fatal(err)
				}
			}
			if want := domainExport(t, db, tc.format, tc.sel); !bytes.Equal(got, want) || len(got) == 0 {
				t.Errorf("export wrote %d bytes, not the %d of Store.Export:\n%.300s", len(got), len(want), got)
			}
			if tc.format == "graphml" {
				if err := xml.Unmarshal(got, new(struct{})); err != nil {
					t.Errorf("not XML: %v", err)
				}
			}
		})
	}

	t.Run("csv into a directory", func(t *testing.T) {
		out := filepath.Join(dir, "tables")
		if err := run(context.Background(), []string{"export", "csv", "--db", db, "--nodes", strings.Join(view, ","), "--out", out}, io.Discard); err != nil {
			t.Fatal(err)
		}
		zipped := domainExport(t, db, "csv", graph.ExportSelection{Nodes: view})
		zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, _ := f.Open()
			want, _ := io.ReadAll(rc)
			rc.Close()
			got, err := os.ReadFile(filepath.Join(out, f.Name))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: %v\n%s\nwant\n%s", f.Name, err, got, want)
			}
		}
		if !strings.HasPrefix(mustRead(t, filepath.Join(out, "edges.csv")), "source,predicate,target,target_literal,doc,sentence,start,end,method,confidence") {
			t.Errorf("edges.csv header: %.100s", mustRead(t, filepath.Join(out, "edges.csv")))
		}
	})
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestExportCommandErrors(t *testing.T) {
	db := seededBolt(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want error
		msg  string
	}{
		{"no format", []string{}, errUsage, "needs a FORMAT"},
		{"unknown format", []string{"pdf"}, errUsage, `unknown export format "pdf"`},
		{"csv to stdout", []string{"csv"}, errUsage, "--out DIR"},
		{"nodes and query", []string{"graphml", "--nodes", "<place/germany>", "--query", "g.V().All()"}, errUsage, "not both"},
		{"stray argument", []string{"graphml", "extra"}, errUsage, "takes no arguments"},
		{"bad flag", []string{"graphml", "--frobnicate"}, errUsage, "frobnicate"},
		{"unknown node", []string{"graphml", "--nodes", "<person/nobody>", "--out", filepath.Join(dir, "x.graphml")}, graph.ErrNotFound, "<person/nobody>"},
		{"bad query", []string{"jsonld", "--query", "g.V("}, graph.ErrInvalid, "query:"},
		{"bad language", []string{"jsonld", "--lang", "sparql", "--query", "SELECT"}, graph.ErrInvalid, "sparql"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"export"}
			if len(tc.args) > 0 {
				args = append(args, tc.args[0], "--db", db)
				args = append(args, tc.args[1:]...)
			}
			err := run(context.Background(), args, io.Discard)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v; want %v mentioning %q", err, tc.want, tc.msg)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed export left files: %v", entries)
	}
	var help bytes.Buffer
	if err := run(context.Background(), []string{"export", "-h"}, &help); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"nquads", "jsonld", "graphml", "csv"} {
		if !strings.Contains(help.String(), "  "+f+" ") {
			t.Errorf("export -h does not list %s:\n%s", f, help.String())
		}
	}
}
