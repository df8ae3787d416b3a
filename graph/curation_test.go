package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"newsgraph/seeds"
)

const (
	docCNN      = "000_166a56b2fb6beffc"
	docSleepers = "001_bbfe1794f1e0f29f"
)

// linked is an extracted fact of docSleepers that no curator recorded.
var linked = FactRef{Subject: "<person/salah-abdeslam>", Predicate: "<linked_to>", Object: "<attack/brussels-bombings>", Doc: docSleepers}

// cellsInGermany is extracted from two documents.
var cellsInGermany = FactRef{Subject: "<org/islamic-state>", Predicate: "<operates_in>", Object: "<place/germany>"}

// factDocs returns the documents whose quad of the fact is in the graph,
// and its edge as the explorer reads it (nil when there is none).
func factState(t *testing.T, s *Store, r FactRef) (docs []string, edge *GraphEdge) {
	t.Helper()
	d, err := s.EdgeDetail(context.Background(), Edge{Subject: r.Subject, Predicate: r.Predicate, Object: r.Object})
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return d.Edge.Docs, &d.Edge
}

// statusIn returns the fact's status in one document.
func statusIn(t *testing.T, s *Store, r FactRef, doc string) string {
	t.Helper()
	f, err := parseFactRef(FactRef{Subject: r.Subject, Predicate: r.Predicate, Object: r.Object, Doc: doc})
	if err != nil {
		t.Fatal(err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	states, err := s.factStates(context.Background(), f)
	if errors.Is(err, ErrNotFound) {
		return StatusAbsent
	}
	if err != nil {
		t.Fatal(err)
	}
	return states[0].status()
}

func reloadArticle(t *testing.T, s *Store, id string) {
	t.Helper()
	text, err := seeds.FS.ReadFile("articles/" + id + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadArticle(context.Background(), id, text); err != nil {
		t.Fatal(err)
	}
}

func TestCurationRejectAndAccept(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	if docs, e := factState(t, s, linked); e == nil || e.Confirmed || len(docs) != 1 {
		t.Fatalf("before: %v %+v, want one unconfirmed extracted edge", docs, e)
	}
	gizmoLinked := `g.V("<person/salah-abdeslam>").Out("<linked_to>").All()`
	if got := gizmo(t, s, gizmoLinked); !strings.Contains(got, "attack/brussels-bombings") {
		t.Fatalf("query before reject: %s", got)
	}

	e, err := s.Reject(ctx, "alice", linked)
	if err != nil {
		t.Fatal(err)
	}
	if e.Action != ActionReject || e.Actor != "alice" || len(e.Targets) != 2 {
		t.Errorf("audit entry = %+v", e)
	}
	for _, step := range []struct {
		name   string
		reload func()
	}{
		{"after reject", func() {}},
		{"after LoadArticle", func() { reloadArticle(t, s, docSleepers) }},
		{"after Load", func() { loadSeedFiles(t, s, "articles/"+docSleepers+".txt") }},
		{"after Load of the curated file", func() { loadSeedFiles(t, s, "curated.tsv") }},
	} {
		t.Run(step.name, func(t *testing.T) {
			step.reload()
			if docs, e := factState(t, s, linked); e != nil {
				t.Errorf("rejected fact is an edge: %v %+v", docs, e)
			}
			if got := gizmo(t, s, gizmoLinked); strings.Contains(got, "attack/brussels-bombings") {
				t.Errorf("query sees the rejected fact: %s", got)
			}
			if st := statusIn(t, s, linked, docSleepers); st != StatusRejected {
				t.Errorf("status = %s, want rejected", st)
			}
			doc, err := s.Document(ctx, docSleepers)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range doc.Facts {
				if f.Subject == linked.Subject && f.Predicate == linked.Predicate && f.Object == linked.Object {
					t.Errorf("the document still lists the rejected fact: %+v", f)
				}
			}
			nb, err := s.Neighbours(ctx, NeighbourQuery{ID: "<person/salah-abdeslam>"})
			if err != nil && !errors.Is(err, ErrNotFound) {
				t.Fatal(err)
			}
			for _, e := range nb.Edges {
				if e.Target == linked.Object {
					t.Errorf("neighbours still show %+v", e)
				}
			}
		})
	}
	if _, err := s.Reject(ctx, "alice", linked); !errors.Is(err, ErrInvalid) {
		t.Errorf("rejecting twice: %v, want ErrInvalid", err)
	}

	// Accepting puts it back, confirmed, and it survives re-extraction.
	if _, err := s.Accept(ctx, "bob", linked); err != nil {
		t.Fatal(err)
	}
	reloadArticle(t, s, docSleepers)
	docs, edge := factState(t, s, linked)
	if edge == nil || !edge.Confirmed || len(docs) != 1 {
		t.Fatalf("after accept and re-extraction: %v %+v, want a confirmed edge", docs, edge)
	}
	if st := statusIn(t, s, linked, docSleepers); st != StatusCurated {
		t.Errorf("status = %s, want curated", st)
	}
	if _, err := s.Accept(ctx, "bob", linked); !errors.Is(err, ErrInvalid) {
		t.Errorf("accepting twice: %v, want ErrInvalid", err)
	}
}

func TestCurationPerDocument(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	docs, _ := factState(t, s, cellsInGermany)
	if len(docs) < 2 {
		t.Fatalf("want a fact from two documents, got %v", docs)
	}
	one := cellsInGermany
	one.Doc = docs[0]
	e, err := s.Reject(ctx, "alice", one)
	if err != nil {
		t.Fatal(err)
	}
	after, edge := factState(t, s, cellsInGermany)
	if edge == nil || len(after) != len(docs)-1 {
		t.Fatalf("after rejecting in %s: %v, want the others %v", one.Doc, after, docs[1:])
	}
	var before []FactStatus
	if err := json.Unmarshal(e.Before, &before); err != nil || len(before) != 1 || before[0].Doc != docs[0] || before[0].Status == StatusRejected {
		t.Errorf("before = %s (%v)", e.Before, err)
	}
	// The rejected evidence is listed last, marked.
	evs, err := s.EdgeEvidence(ctx, Edge{Subject: one.Subject, Predicate: one.Predicate, Object: one.Object})
	if err != nil {
		t.Fatal(err)
	}
	if last := evs[len(evs)-1]; last.Status != StatusRejected || last.Doc != docs[0] {
		t.Errorf("last evidence = %+v, want the rejected one", last)
	}
	if evs[0].Status != "" {
		t.Errorf("first evidence = %+v, want one that stands", evs[0])
	}
	// Rejecting everywhere takes the edge out.
	if _, err := s.Reject(ctx, "alice", cellsInGermany); err != nil {
		t.Fatal(err)
	}
	if _, edge := factState(t, s, cellsInGermany); edge != nil {
		t.Errorf("edge after rejecting everywhere: %+v", edge)
	}
}

func TestCurationAcceptClaim(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	stated := FactRef{Subject: "<person/james-clapper>", Predicate: "<stated>", Object: "<claim/so-there-s-countervailing-processes>", Doc: docSleepers}
	text := FactRef{Subject: stated.Object, Predicate: "<text>", Object: `"So there’s countervailing processes"`, Doc: docSleepers}
	e, err := s.Accept(ctx, "alice", stated)
	if err != nil {
		t.Fatal(err)
	}
	var after []FactStatus
	if err := json.Unmarshal(e.After, &after); err != nil || len(after) != 2 {
		t.Fatalf("after = %s, want the stated fact and the claim's words", e.After)
	}
	reloadArticle(t, s, docSleepers)
	for _, r := range []FactRef{stated, text} {
		if _, edge := factState(t, s, r); edge == nil || !edge.Confirmed {
			t.Errorf("%s after re-extraction: %+v, want confirmed", r.Predicate, edge)
		}
	}
}

func TestCurationEdit(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	role := FactRef{Subject: "<person/matthew-levitt>", Predicate: "<role>", Object: `"counterterrorism and intelligence director"`}
	for _, tc := range []struct {
		name   string
		ref    FactRef
		newObj string
		want   error
	}{
		{"empty new object", role, " ", ErrInvalid},
		{"same object", role, "counterterrorism and intelligence director", ErrInvalid},
		{"killed not a number", FactRef{Subject: "<attack/2016-brussels-bombings>", Predicate: "<killed>", Object: `"34"^^<http://schema.org/Integer>`}, "many", ErrInvalid},
		{"node predicate given a literal", linked, `"Brussels"`, ErrInvalid},
		{"unknown new node", linked, "<attack/atlantis>", ErrNotFound},
		{"unknown fact", FactRef{Subject: "<place/hanover>", Predicate: "<located_in>", Object: "<place/atlantis>"}, "<place/germany>", ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.EditObject(ctx, "alice", tc.ref, tc.newObj); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	e, err := s.EditObject(ctx, "alice", role, "counterterrorism director")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Summary, "counterterrorism director") {
		t.Errorf("summary = %q", e.Summary)
	}
	reloadArticle(t, s, docCNN)
	if _, edge := factState(t, s, role); edge != nil {
		t.Errorf("old object after edit and re-extraction: %+v", edge)
	}
	newRole := FactRef{Subject: role.Subject, Predicate: role.Predicate, Object: `"counterterrorism director"`}
	if _, edge := factState(t, s, newRole); edge == nil || !edge.Confirmed {
		t.Errorf("new object: %+v, want confirmed", edge)
	}
	if _, err := s.EditObject(ctx, "alice", FactRef{Subject: linked.Subject, Predicate: linked.Predicate, Object: linked.Object}, "<attack/2016-brussels-bombings>"); err != nil {
		t.Fatal(err)
	}
	if got := gizmo(t, s, `g.V("<person/salah-abdeslam>").Out("<linked_to>").All()`); !strings.Contains(got, "2016-brussels-bombings") || strings.Contains(got, "attack/brussels-bombings") {
		t.Errorf("after editing the object: %s", got)
	}
}

// withoutAudit drops the audit log's quads from allQuads' output.
func withoutAudit(qs []string) []string {
	var out []string
	for _, q := range qs {
		if !strings.HasPrefix(q, "<audit/") {
			out = append(out, q)
		}
	}
	return out
}

func TestCurationMergeUnmerge(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	orig := withoutAudit(allQuads(t, s))
	const into, from = "<person/james-clapper>", "<person/matthew-levitt>"

	for _, tc := range []struct {
		name, into, from string
		want             error
	}{
		{"into itself", into, into, ErrInvalid},
		{"unknown from", into, "<person/nobody>", ErrNotFound},
		{"unknown into", "<person/nobody>", from, ErrNotFound},
		{"types differ", into, "<org/islamic-state>", ErrInvalid},
		{"a literal", into, `"Levitt"`, ErrInvalid},
		{"documents", "<doc/" + docCNN + ">", "<doc/" + docSleepers + ">", ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.Merge(ctx, "alice", tc.into, tc.from); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := s.Unmerge(ctx, "alice", into, from); !errors.Is(err, ErrNotFound) {
		t.Errorf("unmerge before any merge: %v, want ErrNotFound", err)
	}

	m, err := s.Merge(ctx, "alice", into, from)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Node(ctx, into)
	if err != nil {
		t.Fatal(err)
	}
	if !contains(n.Aliases, "Matthew Levitt") || !contains(n.Aliases, "Levitt") {
		t.Errorf("aliases after merge: %v", n.Aliases)
	}
	if got := gizmo(t, s, `g.V("`+from+`").Out().All()`); got != "[]" && got != "null" {
		t.Errorf("the merged entity still has quads: %s", got)
	}
	if got := gizmo(t, s, `g.V("`+into+`").Out("<stated>").Out("<reported_by>").All()`); got == "[]" {
		t.Errorf("nothing moved: %s", got)
	}
	if hits, err := s.Search(ctx, "levitt", nil, 5); err != nil || len(hits) == 0 || hits[0].ID != into {
		t.Errorf("search levitt after merge: %+v %v", hits, err)
	}
	var st MergeState
	if err := json.Unmarshal(m.Before, &st); err != nil || len(st.Quads) == 0 || st.From != from {
		t.Errorf("merge before = %s", m.Before)
	}

	u, err := s.Unmerge(ctx, "bob", "", from)
	if err != nil {
		t.Fatal(err)
	}
	if u.Undoes != m.ID {
		t.Errorf("unmerge undoes %q, want %q", u.Undoes, m.ID)
	}
	got := withoutAudit(allQuads(t, s))
	if strings.Join(got, "\n") != strings.Join(orig, "\n") {
		t.Errorf("unmerge did not restore the graph: %d quads, want %d\n%s", len(got), len(orig), diffLines(orig, got))
	}
	if _, err := s.Unmerge(ctx, "bob", into, from); !errors.Is(err, ErrNotFound) {
		t.Errorf("unmerging twice: %v, want ErrNotFound", err)
	}

	// The history of both entities reads back, newest first.
	for _, node := range []string{into, from} {
		h, err := s.History(ctx, node)
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 2 || h[0].Action != ActionUnmerge || h[1].Action != ActionMerge || h[1].UndoneBy != u.ID {
			t.Fatalf("history of %s = %+v", node, h)
		}
		if h[0].Actor != "bob" || h[1].Actor != "alice" {
			t.Errorf("actors = %s, %s", h[0].Actor, h[1].Actor)
		}
		for _, e := range h {
			if _, err := time.Parse(time.RFC3339, e.Time); err != nil {
				t.Errorf("time %q: %v", e.Time, err)
			}
			if !json.Valid(e.Before) || !json.Valid(e.After) || string(e.Before) == "null" {
				t.Errorf("before/after = %s / %s", e.Before, e.After)
			}
		}
	}
}

func diffLines(want, got []string) string {
	w, g := map[string]bool{}, map[string]bool{}
	for _, l := range want {
		w[l] = true
	}
	for _, l := range got {
		g[l] = true
	}
	var b strings.Builder
	n := 0
	for _, l := range want {
		if !g[l] && n < 10 {
			b.WriteString("- " + l + "\n")
			n++
		}
	}
	for _, l := range got {
		if !w[l] && n < 20 {
			b.WriteString("+ " + l + "\n")
			n++
		}
	}
	return b.String()
}

func TestCurationAuditLog(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	if log, err := s.AuditLog(ctx, 0, 0); err != nil || len(log) != 0 {
		t.Fatalf("empty log = %v, %v", log, err)
	}
	if _, err := s.Reject(ctx, "", linked); !errors.Is(err, ErrInvalid) {
		t.Errorf("no actor: %v, want ErrInvalid", err)
	}
	if _, err := s.Reject(ctx, "alice", linked); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Accept(ctx, "bob", linked); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Merge(ctx, "carol", "<attack/2016-brussels-bombings>", "<attack/brussels-bombings>"); err != nil {
		t.Fatal(err)
	}
	log, err := s.AuditLog(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range log {
		got = append(got, e.Actor+":"+e.Action)
	}
	if want := "carol:merge bob:accept alice:reject"; strings.Join(got, " ") != want {
		t.Errorf("log = %v, want %s", got, want)
	}
	if page, err := s.AuditLog(ctx, 1, 1); err != nil || len(page) != 1 || page[0].Action != ActionAccept {
		t.Errorf("page = %+v %v", page, err)
	}
	var before, after []FactStatus
	if err := json.Unmarshal(log[1].Before, &before); err != nil || before[0].Status != StatusRejected {
		t.Errorf("accept before = %s", log[1].Before)
	}
	if err := json.Unmarshal(log[1].After, &after); err != nil || after[0].Status != StatusCurated || after[0].Sentence == "" {
		t.Errorf("accept after = %s", log[1].After)
	}
	for _, tc := range []struct {
		name          string
		limit, offset int
	}{{"limit too big", MaxAuditLimit + 1, 0}, {"negative limit", -1, 0}, {"negative offset", 10, -1}} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.AuditLog(ctx, tc.limit, tc.offset); !errors.Is(err, ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
	if _, err := s.History(ctx, "<person/nobody>"); !errors.Is(err, ErrNotFound) {
		t.Errorf("history of an unknown node: %v", err)
	}
	if h, err := s.History(ctx, "<person/barack-obama>"); err != nil || len(h) != 0 {
		t.Errorf("history of an untouched node: %v %v", h, err)
	}
	// The audit log is not part of the explorer's graph.
	st, err := s.ExploreStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(st)
	if strings.Contains(string(b), "AuditEntry") || strings.Contains(string(b), "audit_") {
		t.Errorf("stats show the audit log: %s", b)
	}
}

func TestCurationBadInput(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	for _, tc := range []struct {
		name  string
		ref   FactRef
		field string
		want  error
	}{
		{"no subject", FactRef{Predicate: "<located_in>", Object: "<place/germany>"}, "subject", ErrInvalid},
		{"literal subject", FactRef{Subject: `"x"`, Predicate: "<located_in>", Object: "<place/germany>"}, "subject", ErrInvalid},
		{"no predicate", FactRef{Subject: "<place/hanover>", Object: "<place/germany>"}, "predicate", ErrInvalid},
		{"no object", FactRef{Subject: "<place/hanover>", Predicate: "<located_in>"}, "object", ErrInvalid},
		{"bad literal", FactRef{Subject: "<place/hanover>", Predicate: "<located_in>", Object: `"unclosed`}, "object", ErrInvalid},
		{"unknown edge", FactRef{Subject: "<place/hanover>", Predicate: "<located_in>", Object: "<place/paris>"}, "edge", ErrNotFound},
		{"other document", FactRef{Subject: linked.Subject, Predicate: linked.Predicate, Object: linked.Object, Doc: docCNN}, "edge", ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for name, act := range map[string]func() error{
				"accept": func() error { _, err := s.Accept(ctx, "a", tc.ref); return err },
				"reject": func() error { _, err := s.Reject(ctx, "a", tc.ref); return err },
			} {
				err := act()
				if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.field) {
					t.Errorf("%s: %v, want %v naming %s", name, err, tc.want, tc.field)
				}
			}
		})
	}
}

// TestCurationUnmergeAfterReExtraction merges two attacks, extracts the
// article that names them again (its facts now go to the merged attack),
// and unmerges: the article is extracted again and the graph is as it was.
func TestCurationUnmergeAfterReExtraction(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	reloadArticle(t, s, docSleepers) // extracting twice is the same as once
	orig := withoutAudit(allQuads(t, s))
	const into, from = "<attack/2016-brussels-bombings>", "<attack/brussels-bombings>"
	if _, err := s.Merge(ctx, "alice", into, from); err != nil {
		t.Fatal(err)
	}
	reloadArticle(t, s, docSleepers)
	if got := gizmo(t, s, `g.V("`+from+`").Out().All()`); got != "null" && got != "[]" {
		t.Errorf("re-extraction brought the merged attack back: %s", got)
	}
	e, err := s.Unmerge(ctx, "alice", into, from)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Summary, "re-extracted from "+docSleepers) {
		t.Errorf("summary = %q", e.Summary)
	}
	got := withoutAudit(allQuads(t, s))
	if strings.Join(got, "\n") != strings.Join(orig, "\n") {
		t.Errorf("after unmerge: %d quads, want %d\n%s", len(got), len(orig), diffLines(orig, got))
	}
}

// TestCurationOnDurableStores curates a bolt store served through its
// in-memory mirror (as `serve` does) and reads it back after reopening it.
func TestCurationOnDurableStores(t *testing.T) {
	ctx := context.Background()
	db := backends[1].db(t)
	s := seeded(t, db)
	s.Close()
	m, err := OpenMirrored(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	orig := withoutAudit(allQuads(t, m))
	if _, err := m.Reject(ctx, "alice", linked); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Merge(ctx, "alice", "<person/james-clapper>", "<person/matthew-levitt>"); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Unmerge(ctx, "alice", "", "<person/matthew-levitt>"); err != nil {
		t.Fatal(err)
	}
	m.Close()
	r := openStore(t, db)
	if st := statusIn(t, r, linked, docSleepers); st != StatusRejected {
		t.Errorf("after reopening: status %s, want rejected", st)
	}
	h, err := r.History(ctx, "<person/matthew-levitt>")
	if err != nil || len(h) != 2 {
		t.Fatalf("history after reopening: %+v, %v", h, err)
	}
	if _, err := r.Accept(ctx, "bob", linked); err != nil {
		t.Fatal(err)
	}
	got := withoutAudit(allQuads(t, r))
	var extra []string
	for _, l := range diffLinesList(orig, got) {
		if !strings.Contains(l, "curated") && !strings.Contains(l, "Float") && !strings.Contains(l, "<ev/") {
			extra = append(extra, l)
		}
	}
	if len(extra) > 0 {
		t.Errorf("after reject, merge, unmerge and accept, the graph differs by more than the curated evidence:\n%s", strings.Join(extra, "\n"))
	}
}

// diffLinesList lists the lines only one of want and got has.
func diffLinesList(want, got []string) []string {
	var out []string
	for _, l := range strings.Split(diffLines(want, got), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestAddsFirst(t *testing.T) {
	q := func(s, p, o string) quad.Quad {
		return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: quad.IRI(o)}
	}
	for _, tc := range []struct {
		name               string
		remove, add, first []quad.Quad
	}{
		{"only adds", nil, []quad.Quad{q("a", "p", "b")}, nil},
		{"a merge: the link to the merged entity goes first",
			[]quad.Quad{q("b", "p", "x"), q("b", "r", "y")},
			[]quad.Quad{q("a", "p", "x"), q("audit/1", "audit_target", "b")},
			[]quad.Quad{q("audit/1", "audit_target", "b")}},
		{"a node whose count does not fall stays",
			[]quad.Quad{q("s", "p", "o")},
			[]quad.Quad{q("s", "p", "o2"), q("audit/1", "audit_target", "s")},
			nil},
		{"a quad in both cancels out",
			[]quad.Quad{q("b", "p", "x")},
			[]quad.Quad{q("b", "p", "x")},
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first, rest := addsFirst(tc.remove, tc.add)
			if fmt.Sprint(first) != fmt.Sprint(tc.first) || len(first)+len(rest) != len(tc.add) {
				t.Errorf("first = %v, rest = %v; want first %v", first, rest, tc.first)
			}
		})
	}
}

// TestReExtractionOnBolt loads an edited article again on bolt: no quad
// may lose a node (see curation_kv.go).
func TestReExtractionOnBolt(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, backends[1].db(t))
	text, err := seeds.FS.ReadFile("articles/" + docSleepers + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(text), "\n")
	edited := strings.Join(lines[:len(lines)/2], "\n") + "\n"
	if _, err := s.LoadArticle(ctx, docSleepers, []byte(edited)); err != nil {
		t.Fatal(err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	broken := 0
	for it.Next(ctx) {
		q := s.qs.Quad(it.Result())
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			if broken++; broken <= 3 {
				t.Errorf("a quad lost a node: %#v", q)
			}
		}
	}
	if broken > 0 {
		t.Errorf("%d broken quads", broken)
	}
}
