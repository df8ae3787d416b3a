package graph

import (
	"context"
	"io"
	"strings"
	"testing"

	"newsgraph/seeds"
)

func bytesInput(name string, lines []string) Input {
	data := strings.Join(lines, "\n") + "\n"
	return Input{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(data)), nil }}
}

// TestExportCuratedRoundTrip curates the seeds (accepts an extracted fact,
// rejects a curated one, edits one, merges two entities), exports the
// curated state, loads the export into a fresh store with the seed
// articles, and checks that the curated facts are the same.
func TestExportCuratedRoundTrip(t *testing.T) {
	ctx := context.Background()
	oldCurated, _ := seeds.FS.ReadFile("curated.tsv")
	oldAliases, _ := seeds.FS.ReadFile("aliases.tsv")
	for _, tc := range []struct {
		name string
		opts ExportCuratedOptions
	}{
		{"fresh files", ExportCuratedOptions{}},
		{"over the seed files", ExportCuratedOptions{Curated: oldCurated, Aliases: oldAliases}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := seeded(t, "memory")
			if _, err := s.Accept(ctx, "alice", linked); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Reject(ctx, "alice", FactRef{Subject: "<person/james-clapper>", Predicate: "<affiliated_with>", Object: "<place/united-states>", Doc: docCNN}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.EditObject(ctx, "alice", FactRef{Subject: "<person/james-clapper>", Predicate: "<role>", Object: `"Director of National Intelligence"`, Doc: docCNN}, "U.S. Director of National Intelligence"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Merge(ctx, "alice", "<attack/2016-brussels-bombings>", "<attack/brussels-bombings>"); err != nil {
				t.Fatal(err)
			}
			want, err := s.CuratedFacts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{
				"<person/salah-abdeslam> <linked_to> <attack/2016-brussels-bombings> " + docSleepers,
				`<person/james-clapper> <role> "U.S. Director of National Intelligence" ` + docCNN,
			} {
				if !strings.Contains(strings.Join(want, "\n"), w) {
					t.Errorf("curated facts lack %s", w)
				}
			}
			for _, no := range []string{"<person/james-clapper> <affiliated_with> <place/united-states> " + docCNN, `"Director of National Intelligence" ` + docCNN} {
				if strings.Contains(strings.Join(want, "\n"), no) {
					t.Errorf("curated facts still have %s", no)
				}
			}
			out, err := s.ExportCurated(ctx, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if out.Facts != len(out.Curated)-1 || out.Entities != len(out.Aliases)-1 {
				t.Errorf("counts %d/%d for %d/%d lines", out.Facts, out.Entities, len(out.Curated), len(out.Aliases))
			}
			aliases := strings.Join(out.Aliases, "\n")
			if !strings.Contains(aliases, "Brussels bombings") || strings.Contains(aliases, "\nBrussels bombings\tattack") {
				t.Errorf("the merged attack is not an alias of the one it merged into:\n%s", aliases)
			}

			fresh := openStore(t, "memory")
			articles, err := FSInputs(seeds.FS, "articles/*.txt")
			if err != nil {
				t.Fatal(err)
			}
			inputs := append([]Input{bytesInput("aliases.tsv", out.Aliases), bytesInput("curated.tsv", out.Curated)}, articles...)
			if _, err := fresh.Load(ctx, inputs...); err != nil {
				t.Fatalf("loading the export: %v", err)
			}
			got, err := fresh.CuratedFacts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("round trip: %d curated facts, want %d\n%s", len(got), len(want), diffLines(want, got))
			}
		})
	}
}

// TestExportCuratedKeepsTheSeedFiles exports the seeds over themselves:
// with nothing curated, the alias table comes out as it went in, and the
// curated file keeps its lines (spelling and notes) in their order.
// Exporting the export's own load over it changes nothing.
func TestExportCuratedKeepsTheSeedFiles(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	oldCurated, _ := seeds.FS.ReadFile("curated.tsv")
	oldAliases, _ := seeds.FS.ReadFile("aliases.tsv")
	out, err := s.ExportCurated(ctx, ExportCuratedOptions{Curated: oldCurated, Aliases: oldAliases})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(out.Aliases, "\n") + "\n"; got != string(oldAliases) {
		t.Errorf("aliases.tsv changed:\n%s", diffLines(strings.Split(string(oldAliases), "\n"), out.Aliases))
	}
	// Kept lines are verbatim and in the seed file's order. (A claim that
	// corroboration groups with another one is written under that one's
	// name, so not every line need be kept.)
	seedLines := strings.Split(strings.TrimSuffix(string(oldCurated), "\n"), "\n")
	pos := map[string]int{}
	for i, l := range seedLines {
		pos[l] = i
	}
	kept, last := 0, -1
	for _, l := range out.Curated {
		if i, ok := pos[l]; ok {
			kept++
			if i < last {
				t.Errorf("line out of order: %s", l)
			}
			last = i
		}
	}
	if kept < len(seedLines)*9/10 {
		t.Errorf("kept %d of %d seed lines verbatim", kept, len(seedLines))
	}

	fresh := openStore(t, "memory")
	articles, err := FSInputs(seeds.FS, "articles/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.Load(ctx, append([]Input{bytesInput("aliases.tsv", out.Aliases), bytesInput("curated.tsv", out.Curated)}, articles...)...); err != nil {
		t.Fatal(err)
	}
	again, err := fresh.ExportCurated(ctx, ExportCuratedOptions{
		Curated: []byte(strings.Join(out.Curated, "\n") + "\n"), Aliases: []byte(strings.Join(out.Aliases, "\n") + "\n")})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name       string
		first, got []string
	}{{"curated.tsv", out.Curated, again.Curated}, {"aliases.tsv", out.Aliases, again.Aliases}} {
		if strings.Join(f.got, "\n") != strings.Join(f.first, "\n") {
			t.Errorf("%s: a second export differs:\n%s", f.name, diffLines(f.first, f.got))
		}
	}
}
