package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBadInputCLI runs the command with the bad inputs of
// docs/reliability.md: a wrong --db, unreadable files, malformed N-Quads and
// TSV, invalid UTF-8. Each must fail (main exits 1 on any error) with a
// message that names the culprit, and leave the store as it was.
func TestBadInputCLI(t *testing.T) {
	dir := t.TempDir()
	db := "bolt:" + filepath.Join(dir, "db")
	good := writeFile(t, dir, "good.nq", "<a> <b> <c> .\n")
	badNQ := writeFile(t, dir, "bad.nq", "<a> <b> <x> .\n<a> <b> <c> <d> <e> .\n")
	badTSV := writeFile(t, dir, "bad.tsv", "subject\tpredicate\tobject\tdoc\tevidence\tnote\nJames Clapper\tbakes\tBread\tdoc1\tx\t\n")
	badUTF8 := writeFile(t, dir, "bad.txt", "Jane Roe said \xff hello.\n")
	unknownHeader := writeFile(t, dir, "other.tsv", "a\tb\tc\n1\t2\t3\n")
	unknownKind := writeFile(t, dir, "data.csv", "a,b\n")
	if err := os.Mkdir(filepath.Join(dir, "adir.nq"), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := run(ctx, []string{"load", "--db", db, good}, io.Discard); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		mention []string
	}{
		{"--db with an unknown scheme", []string{"load", "--db", "mysql://root@localhost/x", good}, []string{"--db", "want memory, bolt:PATH or postgres://"}},
		{"--db bolt: without a path", []string{"query", "--db", "bolt:", "g.V().All()"}, []string{"bolt needs a directory"}},
		{"--db bolt: where no directory can be made", []string{"load", "--db", "bolt:" + filepath.Join(good, "db"), good}, []string{"open bolt:", "not a directory"}},
		{"--db postgres nobody listens on", []string{"query", "--db", "postgres://nobody:secret@127.0.0.1:1/x?sslmode=disable", "g.V().All()"}, []string{"open postgres://nobody:***@127.0.0.1:1/x", "connect"}},
		{"serve with a wrong --db", []string{"serve", "--db", "sqlite:x.db", "--addr", "127.0.0.1:0"}, []string{"--db \"sqlite:x.db\""}},
		{"a missing file", []string{"load", "--db", db, filepath.Join(dir, "missing.nq")}, []string{"missing.nq", "no such file"}},
		{"a directory instead of a file", []string{"load", "--db", db, filepath.Join(dir, "adir.nq")}, []string{"adir.nq", "is a directory"}},
		{"an unknown file kind", []string{"load", "--db", db, unknownKind}, []string{"data.csv", "unknown file kind"}},
		{"a TSV of unknown columns", []string{"load", "--db", db, unknownHeader}, []string{"other.tsv:1:", "unknown TSV header"}},
		{"malformed N-Quads", []string{"load", "--db", db, badNQ}, []string{"bad.nq:2:17:", "unexpected rune '<'"}},
		{"malformed N-Quads, --batch", []string{"load", "--batch", "--progress", "none", "--db", db, badNQ}, []string{"bad.nq:2:17:"}},
		{"unknown predicate in TSV", []string{"load", "--db", db, badTSV}, []string{"bad.tsv:2:2:", "unknown predicate \"bakes\""}},
		{"invalid UTF-8 in an article", []string{"load", "--db", db, badUTF8}, []string{"bad:1:", "not valid UTF-8"}},
		{"an unknown query language", []string{"query", "--db", db, "--lang", "sparql", "SELECT *"}, []string{"unknown query language \"sparql\""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			err := run(ctx, tc.args, io.Discard)
			if err == nil {
				t.Fatalf("newsgraph %s succeeded, want an error", strings.Join(tc.args, " "))
			}
			if errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("newsgraph %s hung: %v", strings.Join(tc.args, " "), err)
			}
			for _, m := range tc.mention {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not mention %q", err, m)
				}
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q shows the password", err)
			}
		})
	}
	var out strings.Builder
	if err := run(ctx, []string{"query", "--db", db, `g.V("<a>").Out().All()`}, &out); err != nil || !strings.Contains(out.String(), `\u003cc\u003e`) {
		t.Errorf("the store lost its quad: %v %s", err, out.String())
	}
	if strings.Contains(out.String(), `\u003cx\u003e`) {
		t.Errorf("a refused file was loaded: %s", out.String())
	}
}
