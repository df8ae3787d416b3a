package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsgraph/graph"
)

// tinyMovies writes a movie graph shaped like Cayley's 30kmoviedata: films
// starring performances of actors, with names and types.
func tinyMovies(t *testing.T, dir string) string {
	t.Helper()
	var b bytes.Buffer
	actors := []string{"Humphrey Bogart", "Kevin Bacon", "Ingrid Bergman", "Claude Rains", "Meryl Streep", "Tom Hanks", "Sally Field", "Gary Sinise"}
	films := []string{"Casablanca", "Apollo 13", "The River Wild", "Forrest Gump", "Notorious", "Mystic River"}
	slug := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "_")) }
	for _, a := range actors {
		fmt.Fprintf(&b, "</en/%s> <name> %q .\n</en/%s> <type> </people/person> .\n", slug(a), a, slug(a))
	}
	perf := 0
	for i, f := range films {
		fmt.Fprintf(&b, "</en/%s> <name> %q .\n</en/%s> <type> </film/film> .\n", slug(f), f, slug(f))
		for j := 0; j < 4; j++ {
			a := actors[(i+j*3)%len(actors)]
			perf++
			fmt.Fprintf(&b, "</en/%s> </film/film/starring> _:p%d .\n_:p%d </film/performance/actor> </en/%s> .\n", slug(f), perf, perf, slug(a))
		}
	}
	p := filepath.Join(dir, "tiny.nq")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBenchSmoke runs the bench's plumbing, newsgraph only, on a tiny
// graph with short durations: the full bench takes many minutes and runs
// only by hand (docs/benchmarks.md).
func TestBenchSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "newsgraph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := tinyMovies(t, dir)
	report := filepath.Join(dir, "report.md")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "bench", "--upstream=false", "--data", data, "--src", "../..",
		"--only", "load,gizmo,explore,paths,extract,cold", "--duration", "300ms", "--conns", "4", "--pairs", "5",
		"--gizmo-time", "50ms", "--gizmo-min", "2", "--extract-mb", "0.05", "--out", report)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("bench: %v\n%s", err, out.String())
	}
	md, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| 1 | load tiny.nq into bolt", "cast of a film", "| 3 | explorer `search`", "| 3 | explorer `neighbours`",
		"| 4 | paths between 5 random pairs", "| 5 | extraction", "| 6 | cold start", "newsgraph load --progress log --batch --db bolt:$WORK/ng-bolt $DATA",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(string(md), "error:") {
		t.Errorf("a query failed:\n%s", md)
	}
}

// TestLoadNQuadsOutput loads N-Quads through the CLI, resumable and not,
// and checks the plain progress lines written when stdout is no terminal,
// and the bar's layout.
func TestLoadNQuadsOutput(t *testing.T) {
	dir := t.TempDir()
	data := tinyMovies(t, dir)
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"all-or-nothing", nil, []string{"tiny.nq check: 76 quads (100%)", "tiny.nq write: 76 quads of 76", "tiny.nq commit: 76 quads written in one transaction", "loaded " + data + " (nquads): 76 quads"}},
		{"resumable", []string{"--batch", "--batch-size", "10"}, []string{"tiny.nq check: 76 quads (100%)", "tiny.nq write: 76 quads of 76 (100%)", "done in", "loaded " + data + " (nquads): 76 quads"}},
		{"quiet", []string{"--progress", "none"}, []string{"loaded " + data}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			args := append(append([]string{"load"}, c.args...), "--db", fmt.Sprintf("bolt:%s/db%d", dir, i), data)
			if err := run(context.Background(), args, &out); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			for _, w := range c.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			if c.name == "quiet" && strings.Contains(out.String(), "check") {
				t.Errorf("--progress none printed progress:\n%s", out.String())
			}
		})
	}
	bar := barLine(graph.LoadProgress{File: "/x/movies.nq.gz", Phase: graph.PhaseWrite, Quads: 5000, Total: 10000, Read: 50, Size: 100, Elapsed: 2 * time.Second})
	if want := "write  [===========>            ]  50%  5,000/10,000 quads  2,500/s  ETA 2s  movies.nq.gz"; bar != want {
		t.Errorf("bar:\n%q, want\n%q", bar, want)
	}
	if err := run(context.Background(), []string{"load", "--progress", "fancy", data}, io.Discard); !errors.Is(err, errUsage) {
		t.Errorf("--progress fancy: %v, want a usage error", err)
	}
}
