package graph

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsgraph/graph/extract"
)

// genNQuads makes n distinct quads, one a line, with a comment and a blank
// line among them. With bad > 0, line bad is malformed.
func genNQuads(n, bad int) []byte {
	var b bytes.Buffer
	b.WriteString("# generated\n\n")
	line := 2
	for i := 0; i < n; i++ {
		line++
		if line == bad {
			fmt.Fprintf(&b, "<person/p%d> <knows .\n", i)
			continue
		}
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "<person/p%d> <knows> <person/p%d> .\n", i, i+1)
		case 1:
			fmt.Fprintf(&b, "<person/p%d> <name> \"Person %d\" <doc/d%d> .\n", i, i, i%7)
		default:
			fmt.Fprintf(&b, "_:b%d <age> \"%d\"^^<http://schema.org/Integer> .\n", i, i%90)
		}
	}
	return b.Bytes()
}

func gzipped(data []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

func quadCount(t *testing.T, s *Store) int64 {
	t.Helper()
	// Cayley's bolt store answers Stats on a store never written to with
	// "no bucket".
	if empty, err := s.Empty(context.Background()); err != nil || empty {
		if err != nil {
			t.Fatal(err)
		}
		return 0
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Quads
}

// TestLoadNQuadsStreaming loads plain and gzip files in both modes on every
// backend, and checks that a bad line anywhere loads nothing.
func TestLoadNQuadsStreaming(t *testing.T) {
	const n = 2500
	plain := genNQuads(n, 0)
	badMiddle := genNQuads(n, 1200)
	badLast := append(genNQuads(n, 0), "<a> <b> \"unterminated .\n"...)
	cases := []struct {
		name    string
		file    string
		data    []byte
		resume  bool
		badLine int // 0: the load succeeds
	}{
		{"plain", "f.nq", plain, false, 0},
		{"gzip", "f.nq.gz", gzipped(plain), false, 0},
		{"plain resumable", "f.nq", plain, true, 0},
		{"gzip resumable", "f.nq.gz", gzipped(plain), true, 0},
		{"bad line in the middle", "bad.nq", badMiddle, false, 1200},
		{"bad line in the middle, gzip", "bad.nq.gz", gzipped(badMiddle), false, 1200},
		{"bad line in the middle, resumable", "bad.nq", badMiddle, true, 1200},
		{"bad last line", "bad.nq", badLast, false, n + 3},
		{"invalid UTF-8", "bad.nq", append(genNQuads(10, 0), "<a> <b> \"\xff\" .\n"...), false, 13},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					s := openStore(t, b.db(t))
					ctx := context.Background()
					path := filepath.Join(t.TempDir(), c.file)
					if err := os.WriteFile(path, c.data, 0o644); err != nil {
						t.Fatal(err)
					}
					var phases []string
					opts := NQuadsOptions{Resume: c.resume, BatchSize: 300, Progress: func(p LoadProgress) {
						if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
							phases = append(phases, p.Phase)
						}
					}}
					rep, err := s.LoadNQuadsFile(ctx, path, opts)
					if c.badLine > 0 {
						var le *extract.LineError
						if !errors.As(err, &le) || le.Line != c.badLine || le.File != path || !errors.Is(err, ErrInvalid) {
							t.Fatalf("err = %v, want an invalid-input LineError on %s line %d", err, path, c.badLine)
						}
						if got := quadCount(t, s); got != 0 {
							t.Errorf("a refused file loaded %d quads", got)
						}
						for _, p := range phases {
							if p != PhaseCheck {
								t.Errorf("phases = %v, want only the check: nothing may be written", phases)
							}
						}
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					if rep.Quads != n || rep.Kind != "nquads" {
						t.Errorf("report = %+v, want %d nquads", rep, n)
					}
					if got := quadCount(t, s); got != n {
						t.Errorf("store holds %d quads, want %d", got, n)
					}
					want := "check,write,done"
					if !c.resume && s.Kind() != "memory" {
						want = "check,write,commit,done"
					}
					if got := strings.Join(phases, ","); got != want {
						t.Errorf("phases = %s, want %s", got, want)
					}
					if got := gizmo(t, s, `g.V("<person/p4>").Out("<name>").All()`); !strings.Contains(got, "Person 4") {
						t.Errorf("query after load: %s", got)
					}
					// Loading it again adds nothing.
					if _, err := s.LoadNQuadsFile(ctx, path, NQuadsOptions{Resume: c.resume}); err != nil {
						t.Fatal(err)
					}
					if got := quadCount(t, s); got != n {
						t.Errorf("after a second load: %d quads, want %d", got, n)
					}
				})
			}
		})
	}
}

// TestLoadNQuadsInterrupted stops loads during their write pass: a
// resumable load keeps its committed batches and a second run completes
// it; an all-or-nothing load leaves nothing on bolt and PostgreSQL, and on
// the memory store (which cannot roll back) finishes the file.
func TestLoadNQuadsInterrupted(t *testing.T) {
	const n = 3000
	data := genNQuads(n, 0)
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			cases := []struct {
				name   string
				resume bool
			}{{"resumable", true}, {"all-or-nothing", false}}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					s := openStore(t, b.db(t))
					ctx, cancel := context.WithCancel(context.Background())
					defer cancel()
					opts := NQuadsOptions{Resume: c.resume, BatchSize: 500, Progress: func(p LoadProgress) {
						if p.Phase == PhaseWrite {
							cancel() // after the first report of the write pass
						}
					}}
					_, err := s.LoadNQuadsFrom(ctx, "f.nq", bytes.NewReader(data), opts)
					got := quadCount(t, s)
					switch {
					case c.resume:
						if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "run the same load again") {
							t.Fatalf("err = %v, want a cancellation saying how to resume", err)
						}
						if got == 0 || got >= n {
							t.Fatalf("an interrupted resumable load left %d quads, want some of %d", got, n)
						}
						if _, err := s.LoadNQuadsFrom(context.Background(), "f.nq", bytes.NewReader(data), NQuadsOptions{Resume: true, BatchSize: 500}); err != nil {
							t.Fatal(err)
						}
						if got := quadCount(t, s); got != n {
							t.Errorf("after resuming: %d quads, want %d", got, n)
						}
					case s.Kind() == "memory":
						if err != nil || got != n {
							t.Errorf("memory store: err = %v with %d quads; want the whole file (%d) and no error", err, got, n)
						}
					default:
						if !errors.Is(err, context.Canceled) || got != 0 {
							t.Errorf("err = %v with %d quads; want a cancellation and nothing loaded", err, got)
						}
					}
				})
			}
		})
	}
}

// onlyReader hides every method but Read.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestLoadNQuadsReaders(t *testing.T) {
	long := strings.Repeat("x", 600<<10)                                            // longer than the read buffer
	data := []byte("<a> <b> <c> .\r\n<a> <long> \"" + long + "\" .\n<a> <b> <d> .") // CRLF, no final newline
	cases := []struct {
		name string
		r    io.Reader
	}{
		{"seeker", bytes.NewReader(data)},
		{"plain reader (spooled)", onlyReader{bytes.NewReader(data)}},
		{"gzip reader (spooled)", onlyReader{bytes.NewReader(gzipped(data))}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openStore(t, "memory")
			rep, err := s.LoadNQuads(context.Background(), "f.nq", c.r)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Quads != 3 {
				t.Errorf("quads = %d, want 3", rep.Quads)
			}
			if got := gizmo(t, s, `g.V("<a>").Out("<long>").All()`); len(got) < len(long) {
				t.Errorf("the long literal came back %d bytes long", len(got))
			}
		})
	}
}

func TestLoadNQuadsFromOffset(t *testing.T) {
	// A reader positioned past a header: both passes start there.
	data := []byte("HEADER\n<a> <b> <c> .\n")
	r := bytes.NewReader(data)
	r.Seek(7, io.SeekStart)
	s := openStore(t, "memory")
	var last LoadProgress
	rep, err := s.LoadNQuadsFrom(context.Background(), "f.nq", r, NQuadsOptions{Progress: func(p LoadProgress) { last = p }})
	if err != nil || rep.Quads != 1 {
		t.Fatalf("rep = %+v, err = %v", rep, err)
	}
	if last.Phase != PhaseDone || last.Size != int64(len(data)-7) || last.Read != last.Size || last.Total != 1 {
		t.Errorf("last progress = %+v", last)
	}
}

func TestLoadProgressEstimates(t *testing.T) {
	cases := []struct {
		name string
		p    LoadProgress
		frac float64
		eta  time.Duration
		rate float64
	}{
		{"half way", LoadProgress{Quads: 1000, Read: 50, Size: 100, Elapsed: 10 * time.Second}, 0.5, 10 * time.Second, 100},
		{"unknown size", LoadProgress{Quads: 10, Read: 50, Elapsed: time.Second}, -1, 0, 10},
		{"nothing read yet", LoadProgress{Size: 100}, 0, 0, 0},
		{"read past the size", LoadProgress{Read: 120, Size: 100, Elapsed: time.Second}, 1, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if f := c.p.Fraction(); f != c.frac {
				t.Errorf("Fraction = %v, want %v", f, c.frac)
			}
			if e := c.p.ETA(); e != c.eta {
				t.Errorf("ETA = %v, want %v", e, c.eta)
			}
			if r := c.p.Rate(); r != c.rate {
				t.Errorf("Rate = %v, want %v", r, c.rate)
			}
		})
	}
}

func TestInputKind(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) Input {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		return FileInput(p)
	}
	cases := []struct {
		in   Input
		want string
	}{
		{write("a.nq", ""), "nquads"},
		{write("a.NQ.GZ", ""), "nquads"},
		{write("a.txt", "text"), "article"},
		{write("c.tsv", "subject\tpredicate\tobject\tdoc\tevidence\tnote\n"), "curated"},
		{write("al.tsv", "name\ttype\taliases\n"), "aliases"},
		{write("x.tsv", "what\tever\n"), ""},
		{write("x.csv", ""), ""},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.in.Name), func(t *testing.T) {
			got, err := InputKind(c.in)
			if got != c.want || (c.want == "") != (err != nil) {
				t.Errorf("InputKind = %q, %v; want %q", got, err, c.want)
			}
		})
	}
}
