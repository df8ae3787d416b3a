package graph

import (
	"bytes"
	"context"
	"io"
	"slices"
	"testing"

	"newsgraph/seeds"
)

const (
	clapperCells  = "<claim/islamic-state-has-jihadist-cells-in-the-united-kingdom-germany-and-italy>"
	clapperCells2 = "<claim/eu-open-borders-let-islamic-state-set-up-sleeper-cells-in-britain-germany-and-italy-to-plan-paris-brussels-style-attacks>"
)

// TestCorroboration: Clapper's statement about cells in Britain, Germany
// and Italy, reported by two seed articles, is one claim with two reports.
func TestCorroboration(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	check := func(t *testing.T) {
		t.Helper()
		n, err := s.Node(ctx, clapperCells)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"000_166a56b2fb6beffc", "001_bbfe1794f1e0f29f"}; !slices.Equal(n.Docs, want) {
			t.Errorf("claim docs = %v, want %v", n.Docs, want)
		}
		if len(n.Reports) != 2 {
			t.Fatalf("reports = %+v, want 2", n.Reports)
		}
		for _, r := range n.Reports {
			if r.Sentence == "" || r.Speaker.ID != "<person/james-clapper>" {
				t.Errorf("report %+v: want Clapper and a sentence", r)
			}
		}
		if _, err := s.Node(ctx, clapperCells2); err == nil {
			t.Errorf("%s still a node of its own", clapperCells2)
		}
		ev, err := s.EdgeEvidence(ctx, Edge{Subject: "<person/james-clapper>", Predicate: "<stated>", Object: clapperCells})
		if err != nil {
			t.Fatal(err)
		}
		docs := map[string]bool{}
		for _, e := range ev {
			docs[e.Doc] = true
		}
		if len(docs) != 2 {
			t.Errorf("evidence of the stated edge from %d documents, want 2: %+v", len(docs), ev)
		}
		// the migrant-crisis statement is reported by both articles too
		if n, err := s.Node(ctx, "<claim/isis-has-taken-advantage-of-europe-s-migrant-crisis>"); err != nil || len(n.Reports) != 2 {
			t.Errorf("migrant-crisis claim: %d reports, %v; want 2", len(n.Reports), err)
		}
		// a different statement of the same speaker stays its own claim
		if n, err := s.Node(ctx, "<claim/there-is-a-fundamental-conflict-between-open-borders-and-security-in-europe>"); err != nil || len(n.Reports) != 1 {
			t.Errorf("an unrelated claim: %d reports, %v; want 1", len(n.Reports), err)
		}
	}
	t.Run("after seeding", check)
	before := allQuads(t, s)
	t.Run("idempotent", func(t *testing.T) {
		if err := s.Corroborate(ctx); err != nil {
			t.Fatal(err)
		}
		diff(t, before, allQuads(t, s))
	})
	t.Run("curated file loaded again", func(t *testing.T) {
		data, err := seeds.FS.ReadFile("curated.tsv")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load(ctx, Input{Name: "curated.tsv", Open: bytesOpener(data)}); err != nil {
			t.Fatal(err)
		}
		check(t)
		diff(t, before, allQuads(t, s))
	})
}

func bytesOpener(data []byte) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
}
