package graph

import (
	"context"
	"errors"
	"strings"
	"testing"
)

const manchester = `Europe must share more, Clapper says

WASHINGTON — Former Director of National Intelligence James Clapper said on Tuesday that European governments still do not share enough intelligence.

A suicide bomber killed 22 people at the Manchester Arena on Monday night, police said. The Islamic State group claimed responsibility for the attack in a statement released by its Amaq news agency.
`

func TestIngest(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	doc := IngestDoc{ID: "wire-manchester", Text: manchester, Title: "Europe must share more, Clapper says", Outlet: "Wire", Published: "2017-05-23", URL: "https://example.org/wire/manchester"}

	rep, err := s.Ingest(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Status != "new" || rep.Facts == 0 || rep.Node != "<doc/wire-manchester>" {
		t.Fatalf("first ingest = %+v, want new with facts", rep)
	}
	t.Run("facts and metadata", func(t *testing.T) {
		if got := gizmo(t, s, `g.V("<attack/manchester-bombing>").Out("<occurred_on>").All()`); !strings.Contains(got, "2017-05-22") {
			t.Errorf("occurred_on = %s, want 2017-05-22 (Monday before Tuesday 23 May 2017)", got)
		}
		if got := gizmo(t, s, `g.V("<doc/wire-manchester>").Out(["<title>", "<published>", "<outlet>", "<url>"]).All()`); !strings.Contains(got, "2017-05-23") || !strings.Contains(got, "Wire") {
			t.Errorf("metadata = %s", got)
		}
		n, err := s.Node(ctx, "<person/james-clapper>")
		if err != nil || !contains(n.Docs, "wire-manchester") {
			t.Errorf("Clapper's docs = %v, %v: want the new article among them", n.Docs, err)
		}
	})
	before := allQuads(t, s)
	t.Run("same text again changes nothing", func(t *testing.T) {
		rep, err := s.Ingest(ctx, doc)
		if err != nil || rep.Status != "unchanged" {
			t.Fatalf("again = %+v, %v; want unchanged", rep, err)
		}
		diff(t, before, allQuads(t, s))
	})
	t.Run("same text under another id is a duplicate", func(t *testing.T) {
		d := doc
		d.ID = "copy"
		rep, err := s.Ingest(ctx, d)
		if err != nil || rep.DuplicateOf != "wire-manchester" {
			t.Fatalf("copy = %+v, %v; want duplicate_of wire-manchester", rep, err)
		}
		diff(t, before, allQuads(t, s))
	})
	t.Run("edited text replaces extracted facts, curated stay", func(t *testing.T) {
		curated := gizmo(t, s, `g.V("<person/james-clapper>").Out("<stated>").All()`)
		d := doc
		d.Text = strings.Replace(manchester, "killed 22 people", "killed 23 people", 1)
		rep, err := s.Ingest(ctx, d)
		if err != nil || rep.Status != "updated" {
			t.Fatalf("edit = %+v, %v; want updated", rep, err)
		}
		got := gizmo(t, s, `g.V("<attack/manchester-bombing>").Out("<killed>").All()`)
		if !strings.Contains(got, "23") || strings.Contains(got, "22") {
			t.Errorf("killed = %s, want only 23", got)
		}
		texts := gizmo(t, s, `g.V("<doc/wire-manchester>").Out("<content>").All()`)
		if strings.Count(texts, `{"id":`) != 1 {
			t.Errorf("the document has %s, want one text", texts)
		}
		if after := gizmo(t, s, `g.V("<person/james-clapper>").Out("<stated>").All()`); after != curated {
			t.Errorf("Clapper's claims changed: %s → %s", curated, after)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			doc   IngestDoc
			field string
		}{
			{"empty text", IngestDoc{Text: "  \n"}, "text"},
			{"invalid UTF-8", IngestDoc{Text: "caf\xe9"}, "text"},
			{"bad date", IngestDoc{Text: "x", Published: "23/05/2017"}, "published"},
			{"bad url", IngestDoc{Text: "x", URL: "example.org"}, "url"},
			{"bad id", IngestDoc{Text: "x", ID: "<a b>"}, "id"},
			{"title with newline", IngestDoc{Text: "x", Title: "a\nb"}, "title"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				q := len(allQuads(t, s))
				_, err := s.Ingest(ctx, tc.doc)
				if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.field+":") {
					t.Errorf("err = %v, want invalid naming %s", err, tc.field)
				}
				if n := len(allQuads(t, s)); n != q {
					t.Errorf("%d quads after a refused ingest, want %d", n, q)
				}
			})
		}
	})
}
