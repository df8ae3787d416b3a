package graph

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"newsgraph/graph/extract"
	"newsgraph/graph/pgtest"
	"newsgraph/seeds"
)

var (
	pgOnce   sync.Once
	pgServer *pgtest.Server
)

func TestMain(m *testing.M) {
	code := m.Run()
	if pgServer != nil {
		pgServer.Stop()
	}
	os.Exit(code)
}

// backend opens a fresh, empty store of one kind.
type backend struct {
	name string
	db   func(t *testing.T) string
}

var backends = []backend{
	{"memory", func(t *testing.T) string { return "memory" }},
	{"bolt", func(t *testing.T) string { return "bolt:" + filepath.Join(t.TempDir(), "db") }},
	{"postgres", func(t *testing.T) string {
		pgOnce.Do(func() { pgServer = pgtest.Start(t) })
		if pgServer == nil {
			t.Skip("PostgreSQL did not start")
		}
		return pgServer.NewDatabase(t)
	}},
}

func openStore(t testing.TB, db string) *Store {
	t.Helper()
	s, err := Open(context.Background(), db)
	if err != nil {
		t.Fatalf("Open(%s): %v", db, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func seeded(t *testing.T, db string) *Store {
	t.Helper()
	s := openStore(t, db)
	did, err := s.Seed(context.Background(), seeds.FS)
	if err != nil || !did {
		t.Fatalf("Seed = %v, %v; want true, nil", did, err)
	}
	return s
}

// gizmo runs a query and returns its results as JSON text.
func gizmo(t *testing.T, s *Store, q string) string {
	t.Helper()
	res, err := s.Query(context.Background(), "gizmo", q, -1)
	if err != nil {
		t.Fatalf("query %s: %v", q, err)
	}
	b, _ := json.Marshal(res.Results)
	return string(b)
}

// TestStoreSuite runs the same suite on every backend: memory, bolt and a
// real PostgreSQL server.
func TestStoreSuite(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			for _, c := range suite {
				t.Run(c.name, func(t *testing.T) { c.run(t, b.db(t)) })
			}
		})
	}
}

var suite = []struct {
	name string
	run  func(t *testing.T, db string)
}{
	{"seed queries", func(t *testing.T, db string) {
		s := seeded(t, db)
		cases := []struct{ query, want string }{
			{`g.V("<person/james-clapper>").Out("<stated>").Out("<text>").All()`, "United Kingdom, Germany"},
			{`g.V("<attack/2016-brussels-bombings>").Out("<attack_location>").All()`, `"\u003cplace/brussels\u003e"`},
			{`g.V("<attack/2016-brussels-bombings>").Out("<killed>").All()`, `{"id":34}`},
			{`g.V("<org/islamic-state>").In("<perpetrator>").All()`, `"\u003cattack/2015-paris-attacks\u003e"`},
			{`g.V("<person/james-clapper>").Out("<name>").All()`, `"James Clapper"`},
			{`g.V("<person/james-clapper>").Out("<type>").All()`, `"\u003cPerson\u003e"`},
		}
		for _, c := range cases {
			if got := gizmo(t, s, c.query); !strings.Contains(got, c.want) {
				t.Errorf("%s = %s, want it to contain %s", c.query, got, c.want)
			}
		}
	}},
	{"every fact is labelled with its document", func(t *testing.T, db string) {
		s := seeded(t, db)
		res := gizmo(t, s, `g.V().LabelContext("<doc/001_bbfe1794f1e0f29f>").Out("<killed>").All()`)
		if !strings.Contains(res, "34") {
			t.Errorf("killed 34 not found under label <doc/001_bbfe1794f1e0f29f>: %s", res)
		}
	}},
	{"seeding is idempotent", func(t *testing.T, db string) {
		s := seeded(t, db)
		ctx := context.Background()
		before, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		inputs, _ := FSInputs(seeds.FS, "aliases.tsv", "articles/*.txt", "curated.tsv")
		if _, err := s.Load(ctx, inputs...); err != nil {
			t.Fatal(err)
		}
		after, _ := s.Stats(ctx)
		if after.Quads != before.Quads {
			t.Errorf("loading the seeds twice: %d quads, then %d", before.Quads, after.Quads)
		}
		if did, err := s.Seed(ctx, seeds.FS); did || err != nil {
			t.Errorf("Seed on a full store = %v, %v; want false, nil", did, err)
		}
	}},
	{"evidence of an edge", func(t *testing.T, db string) {
		s := seeded(t, db)
		ctx := context.Background()
		ev, err := s.EdgeEvidence(ctx, Edge{"<attack/2016-brussels-bombings>", "<killed>", `"34"^^<http://schema.org/Integer>`})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ev {
			text, err := s.DocumentText(ctx, e.Doc)
			if err != nil {
				t.Fatal(err)
			}
			if text[e.Start:e.End] != e.Sentence {
				t.Errorf("text[%d:%d] = %q, want the sentence %q", e.Start, e.End, text[e.Start:e.End], e.Sentence)
			}
			if e.Method != MethodCurated || e.Confidence != 1 {
				t.Errorf("method, confidence = %q, %v; want curated, 1", e.Method, e.Confidence)
			}
		}
		if len(ev) == 0 || !strings.Contains(ev[0].Sentence, "34 people were killed") {
			t.Errorf("evidence = %+v, want the sentence on 34 killed", ev)
		}
		_, err = s.EdgeEvidence(ctx, Edge{"<person/nobody>", "<stated>", "<claim/nothing>"})
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("evidence of a missing edge: %v, want ErrNotFound", err)
		}
	}},
	{"a bad curated line refuses the whole file", func(t *testing.T, db string) {
		s := seeded(t, db)
		ctx := context.Background()
		before, _ := s.Stats(ctx)
		good := "James Clapper\trole\tSpymaster\t000_166a56b2fb6beffc\tU.S. Director of National Intelligence James Clapper warned Monday that the Islamic State terrorist group has jihadist cells in the United Kingdom, Germany, and Italy.\t\n"
		bad := []struct{ name, line, want string }{
			{"evidence not in article", "James Clapper\trole\tBaker\t000_166a56b2fb6beffc\tClapper bakes bread on Sundays.\t\n", "evidence not found"},
			{"unknown predicate", "James Clapper\tbakes\tBread\t000_166a56b2fb6beffc\tx\t\n", "unknown predicate"},
			{"unknown document", "James Clapper\trole\tBaker\tno_such_doc\tx\t\n", "unknown document"},
			{"malformed line", "James Clapper\trole\n", "fields"},
			{"unknown entity", "Nobody Atall\tleads\tIslamic State\t000_166a56b2fb6beffc\tx\t\n", "unknown entity"},
			{"killed not a number", "2016 Brussels bombings\tkilled\tmany\t001_bbfe1794f1e0f29f\t34 people were killed in the bombings.\t\n", "whole number"},
		}
		for _, b := range bad {
			t.Run(b.name, func(t *testing.T) {
				data := "subject\tpredicate\tobject\tdoc\tevidence\tnote\n" + good + b.line
				_, err := s.LoadCurated(ctx, "bad.tsv", []byte(data))
				var le *extract.LineError
				if !errors.As(err, &le) || le.Line != 3 || le.File != "bad.tsv" {
					t.Fatalf("err = %v, want a LineError on bad.tsv line 3", err)
				}
				if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), b.want) {
					t.Errorf("err = %v, want ErrInvalid mentioning %q", err, b.want)
				}
				after, _ := s.Stats(ctx)
				if after.Quads != before.Quads {
					t.Errorf("a refused file changed the store: %d quads, then %d", before.Quads, after.Quads)
				}
			})
		}
	}},
	{"N-Quads load and refusal", func(t *testing.T, db string) {
		s := openStore(t, db)
		ctx := context.Background()
		good := "<alice> <follows> <bob> .\n<bob> <name> \"Bob\" <g1> .\n"
		if _, err := s.LoadNQuads(ctx, "ok.nq", strings.NewReader(good)); err != nil {
			t.Fatal(err)
		}
		if got := gizmo(t, s, `g.V("<alice>").Out("<follows>").Out("<name>").All()`); !strings.Contains(got, "Bob") {
			t.Errorf("got %s", got)
		}
		before, _ := s.Stats(ctx)
		_, err := s.LoadNQuads(ctx, "bad.nq", strings.NewReader("<carol> <follows> <dave> .\n<dave> <follows .\n"))
		var le *extract.LineError
		if !errors.As(err, &le) || le.Line != 2 {
			t.Fatalf("err = %v, want a LineError on line 2", err)
		}
		after, _ := s.Stats(ctx)
		if after.Quads != before.Quads {
			t.Errorf("a refused file changed the store: %d quads, then %d", before.Quads, after.Quads)
		}
	}},
	{"query errors", func(t *testing.T, db string) {
		s := openStore(t, db)
		ctx := context.Background()
		if _, err := s.Query(ctx, "gizmo", `g.V(`, 10); !errors.Is(err, ErrInvalid) {
			t.Errorf("syntax error: %v, want ErrInvalid", err)
		}
		if _, err := s.Query(ctx, "sparql", `x`, 10); !errors.Is(err, ErrInvalid) {
			t.Errorf("unknown language: %v, want ErrInvalid", err)
		}
		ctx, cancel := context.WithTimeout(ctx, 200e6)
		defer cancel()
		if _, err := s.Query(ctx, "gizmo", `while(true){}`, 10); !errors.Is(err, ErrTimeout) {
			t.Errorf("runaway query: %v, want ErrTimeout", err)
		}
	}},
	{"reopen keeps data", func(t *testing.T, db string) {
		if db == "memory" {
			t.Skip("memory does not persist")
		}
		ctx := context.Background()
		s, err := Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Seed(ctx, seeds.FS); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s = openStore(t, db)
		if did, err := s.Seed(ctx, seeds.FS); did || err != nil {
			t.Errorf("Seed after reopen = %v, %v; want false, nil", did, err)
		}
		if got := gizmo(t, s, `g.V("<attack/2016-brussels-bombings>").Out("<killed>").All()`); !strings.Contains(got, "34") {
			t.Errorf("after reopen: %s", got)
		}
	}},
}

func TestOpenBadDB(t *testing.T) {
	for _, db := range []string{"", "mysql://x", "bolt:", "sqlite:foo"} {
		t.Run(db, func(t *testing.T) {
			if _, err := Open(context.Background(), db); !errors.Is(err, ErrInvalid) {
				t.Errorf("Open(%q) = %v, want ErrInvalid", db, err)
			}
		})
	}
}
