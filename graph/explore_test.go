package graph

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"James Clapper":         "james clapper",
		"  BRÜSSELS ":           "brussels",
		"Al-Baghdādī":           "al baghdadi",
		"Europe’s":              "europes",
		"U.S. Director":         "u s director",
		"ISIL":                  "isil",
		"Łódź":                  "łodz",
		"":                      "",
		"<img src=x onerror>":   "img src x onerror",
		"Seven (past 6 months)": "seven past 6 months",
	} {
		if got := strings.Join(fold(in), " "); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrefixDistance(t *testing.T) {
	for _, tc := range []struct {
		q, w string
		max  int
		want int
	}{
		{"clap", "clapper", 1, 0},
		{"clapr", "clapper", 1, 1},
		{"calpper", "clapper", 2, 1}, // a swap
		{"brusels", "brussels", 2, 1},
		{"xyz", "clapper", 1, 2},
		{"obama", "obama", 1, 0},
		{"barak", "barack", 1, 1},
	} {
		if got := prefixDistance(tc.q, tc.w, tc.max); got != tc.want {
			t.Errorf("prefixDistance(%q, %q, %d) = %d, want %d", tc.q, tc.w, tc.max, got, tc.want)
		}
	}
}

func TestExploreSearch(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	for _, tc := range []struct {
		q     string
		types []string
		want  string
	}{
		{"clapr", nil, "<person/james-clapper>"},
		{"Clapper", nil, "<person/james-clapper>"},
		{"ISIL", nil, "<org/islamic-state>"},
		{"islamic state", nil, "<org/islamic-state>"},
		{"brüssel", nil, "<place/brussels>"},
		{"brussels", []string{"attack"}, "<attack/2016-brussels-bombings>"},
		{"obama", []string{"person"}, "<person/barack-obama>"},
	} {
		hits, err := s.Search(ctx, tc.q, tc.types, 5)
		if err != nil {
			t.Fatalf("Search(%q): %v", tc.q, err)
		}
		if len(hits) == 0 || hits[0].ID != tc.want {
			t.Errorf("Search(%q, %v) = %+v, want %s first", tc.q, tc.types, hits, tc.want)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("Search(%q): not ranked: %+v", tc.q, hits)
			}
		}
	}
	if hits, _ := s.Search(ctx, "ISIL", nil, 1); len(hits) == 1 && (!hits[0].Alias || hits[0].Matched != "ISIL" || hits[0].Label != "Islamic State") {
		t.Errorf("ISIL hit %+v: want the alias shown and the canonical label", hits[0])
	}
	for _, bad := range []struct {
		q     string
		limit int
	}{{"", 5}, {"   ", 5}, {"x", -1}, {"x", 51}, {strings.Repeat("x", 201), 5}} {
		if _, err := s.Search(ctx, bad.q, nil, bad.limit); !errors.Is(err, ErrInvalid) {
			t.Errorf("Search(%q, limit %d) = %v, want ErrInvalid", bad.q, bad.limit, err)
		}
	}
	if hits, err := s.Search(ctx, "?!", nil, 5); err != nil || len(hits) != 0 {
		t.Errorf("Search(punctuation) = %v, %v", hits, err)
	}
}

// TestExploreCachesFollowWrites checks that the search index and the
// catalogue are rebuilt after writes and deletes, not before.
func TestExploreCachesFollowWrites(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	count := func() int {
		hits, err := s.Search(ctx, "zebulon", nil, 5)
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	persons := func() int {
		st, err := s.ExploreStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range st.Types {
			if tc.Type == "person" {
				return tc.Count
			}
		}
		return 0
	}
	before := persons()
	if count() != 0 {
		t.Fatal("zebulon found before the write")
	}
	gen := s.gen.Load()
	if count(); s.cache.search.gen != gen {
		t.Error("a search rebuilt the index without a write")
	}
	quads := []quad.Quad{
		{Subject: quad.IRI("person/zebulon-pike"), Predicate: PredType, Object: TypePerson},
		{Subject: quad.IRI("person/zebulon-pike"), Predicate: PredName, Object: quad.String("Zebulon Pike")},
	}
	if _, err := s.WriteQuads(ctx, quads); err != nil {
		t.Fatal(err)
	}
	if count() != 1 || persons() != before+1 {
		t.Errorf("after the write: %d hits, %d persons (had %d)", count(), persons(), before)
	}
	if _, err := s.DeleteQuads(ctx, quads); err != nil {
		t.Fatal(err)
	}
	if count() != 0 || persons() != before {
		t.Errorf("after the delete: %d hits, %d persons", count(), persons())
	}
}

// smallGraph writes a hand-made graph: a→b (knows, with evidence from doc
// d1), c→b (knows, raw), a has a literal role, a and c share a literal and
// an evidence node, b→_:x→c through a blank node.
func smallGraph(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s := openStore(t, "memory")
	a, b, c, x := quad.IRI("person/a"), quad.IRI("person/b"), quad.IRI("place/c"), quad.BNode("x")
	knows := quad.IRI("linked_to")
	ev := quad.IRI("ev/1")
	d1 := DocIRI("d1")
	text := "A knows B. Nothing else."
	qs := []quad.Quad{
		{Subject: d1, Predicate: PredType, Object: TypeDocument},
		{Subject: d1, Predicate: PredName, Object: quad.String("d1")},
		{Subject: d1, Predicate: PredContent, Object: quad.String(text), Label: d1},
		{Subject: a, Predicate: PredType, Object: TypePerson},
		{Subject: a, Predicate: PredName, Object: quad.String("Ann")},
		{Subject: a, Predicate: PredAlias, Object: quad.String("Annie")},
		{Subject: b, Predicate: PredType, Object: TypePerson},
		{Subject: b, Predicate: PredName, Object: quad.String("Bob")},
		{Subject: c, Predicate: PredType, Object: TypePlace},
		{Subject: c, Predicate: PredName, Object: quad.String("Cove")},
		{Subject: a, Predicate: knows, Object: b, Label: d1},
		{Subject: c, Predicate: knows, Object: b},
		{Subject: a, Predicate: quad.IRI("role"), Object: quad.String("chief"), Label: d1},
		{Subject: a, Predicate: quad.IRI("motto"), Object: quad.String("shared")},
		{Subject: c, Predicate: quad.IRI("motto"), Object: quad.String("shared")},
		{Subject: b, Predicate: quad.IRI("via"), Object: x},
		{Subject: x, Predicate: quad.IRI("via"), Object: c},
		// evidence of a→b, which also names c as an object of nothing
		{Subject: ev, Predicate: PredType, Object: TypeEvidence, Label: d1},
		{Subject: ev, Predicate: PredEvSubject, Object: a, Label: d1},
		{Subject: ev, Predicate: PredEvPredicate, Object: knows, Label: d1},
		{Subject: ev, Predicate: PredEvObject, Object: b, Label: d1},
		{Subject: ev, Predicate: PredEvDoc, Object: d1, Label: d1},
		{Subject: ev, Predicate: PredEvSentence, Object: quad.String("A knows B."), Label: d1},
		{Subject: ev, Predicate: PredEvStart, Object: quad.Int(0), Label: d1},
		{Subject: ev, Predicate: PredEvEnd, Object: quad.Int(10), Label: d1},
		{Subject: ev, Predicate: PredEvMethod, Object: quad.String("rule_x"), Label: d1},
		{Subject: ev, Predicate: PredEvConfidence, Object: quad.Float(0.7), Label: d1},
	}
	if _, err := s.WriteQuads(ctx, qs); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExploreNodeAndNeighbours(t *testing.T) {
	ctx := context.Background()
	s := smallGraph(t)
	n, err := s.Node(ctx, "<person/a>")
	if err != nil {
		t.Fatal(err)
	}
	if n.Label != "Ann" || n.Type != "person" || !reflect.DeepEqual(n.Aliases, []string{"Annie"}) || n.Degree != 1 {
		t.Errorf("Node(a) = %+v", n)
	}
	props := map[string]string{}
	for _, p := range n.Properties {
		props[p.Label] = p.Value
	}
	if !reflect.DeepEqual(props, map[string]string{"role": "chief", "motto": "shared"}) {
		t.Errorf("properties %v", props)
	}
	if _, err := s.Node(ctx, "<person/zz>"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Node(unknown) = %v", err)
	}
	if _, err := s.Node(ctx, "<ev/1>"); !errors.Is(err, ErrInvalid) {
		t.Errorf("Node(evidence node) = %v, want ErrInvalid", err)
	}

	nb, err := s.Neighbours(ctx, NeighbourQuery{ID: "<person/b>"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range nb.Nodes {
		ids = append(ids, r.ID)
	}
	// a first: its edge has evidence (0.7), c's and x's have none.
	if len(ids) != 3 || ids[0] != "<person/a>" || nb.Total != 3 || nb.More != 0 {
		t.Errorf("Neighbours(b) = %v (total %d more %d)", ids, nb.Total, nb.More)
	}
	for _, e := range nb.Edges {
		if e.Source == "<person/a>" {
			if e.Confidence == nil || *e.Confidence != 0.7 || !reflect.DeepEqual(e.Methods, []string{"rule_x"}) || !reflect.DeepEqual(e.Docs, []string{"d1"}) {
				t.Errorf("edge a→b = %+v", e)
			}
		} else if e.Confidence != nil {
			t.Errorf("edge without evidence has confidence: %+v", e)
		}
	}
	for _, tc := range []struct {
		q    NeighbourQuery
		want int
	}{
		{NeighbourQuery{ID: "<person/b>", Direction: DirIn}, 2},
		{NeighbourQuery{ID: "<person/b>", Direction: DirOut}, 1},
		{NeighbourQuery{ID: "<person/b>", Types: []string{"place"}}, 1},
		{NeighbourQuery{ID: "<person/b>", Docs: []string{"d1"}}, 1},
		{NeighbourQuery{ID: "<person/b>", MinConfidence: 0.5}, 1},
		{NeighbourQuery{ID: "<person/b>", MinConfidence: 0.8}, 0},
		{NeighbourQuery{ID: "<person/b>", Relations: []string{"via"}}, 1},
		{NeighbourQuery{ID: "<person/b>", Relations: []string{"<linked_to>"}, Limit: 1}, 2},
	} {
		nb, err := s.Neighbours(ctx, tc.q)
		if err != nil {
			t.Fatalf("%+v: %v", tc.q, err)
		}
		if nb.Total != tc.want {
			t.Errorf("%+v: total %d, want %d", tc.q, nb.Total, tc.want)
		}
		if len(nb.Nodes)+nb.More != nb.Total {
			t.Errorf("%+v: %d nodes + %d more != %d", tc.q, len(nb.Nodes), nb.More, nb.Total)
		}
	}
	// Literals and evidence nodes are never neighbours.
	nb, _ = s.Neighbours(ctx, NeighbourQuery{ID: "<person/a>"})
	if len(nb.Nodes) != 1 || nb.Nodes[0].ID != "<person/b>" {
		t.Errorf("Neighbours(a) = %+v", nb.Nodes)
	}
}

func TestExploreEdgeDetailAndDocument(t *testing.T) {
	ctx := context.Background()
	s := smallGraph(t)
	d, err := s.EdgeDetail(ctx, Edge{"<person/a>", "linked_to", "<person/b>"})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Evidence) != 1 || d.Evidence[0].Sentence != "A knows B." || d.Source.Label != "Ann" || d.Target.Label != "Bob" {
		t.Errorf("EdgeDetail(a→b) = %+v", d)
	}
	raw, err := s.EdgeDetail(ctx, Edge{"<place/c>", "<linked_to>", "<person/b>"})
	if err != nil || len(raw.Evidence) != 0 || raw.Edge.Confidence != nil {
		t.Errorf("EdgeDetail(raw) = %+v, %v", raw, err)
	}
	lit, err := s.EdgeDetail(ctx, Edge{"<person/a>", "<role>", `"chief"`})
	if err != nil || !lit.Literal || lit.Target.Label != "chief" {
		t.Errorf("EdgeDetail(literal) = %+v, %v", lit, err)
	}
	if _, err := s.EdgeDetail(ctx, Edge{"<person/a>", "<linked_to>", "<place/c>"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("EdgeDetail(missing) = %v", err)
	}
	doc, err := s.Document(ctx, "<doc/d1>")
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Facts) != 1 || doc.Text[doc.Facts[0].Start:doc.Facts[0].End] != "A knows B." || doc.Facts[0].SubjectLabel != "Ann" {
		t.Errorf("Document = %+v", doc)
	}
	if _, err := s.Document(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Document(nope) = %v", err)
	}
	sg, err := s.Subgraph(ctx, []string{"<person/a>", "<person/b>", "<place/c>", "<person/nobody>"})
	if err != nil || len(sg.Nodes) != 3 || len(sg.Edges) != 2 || !reflect.DeepEqual(sg.Missing, []string{"<person/nobody>"}) {
		t.Errorf("Subgraph = %+v, %v", sg, err)
	}
}

func TestParseTerm(t *testing.T) {
	for in, want := range map[string]quad.Value{
		`"chief"`:                           quad.String("chief"),
		`"say \"hi\""`:                      quad.String(`say "hi"`),
		`"34"^^<http://schema.org/Integer>`: quad.Int(34),
		`<person/a>`:                        quad.IRI("person/a"),
		`person/a`:                          quad.IRI("person/a"),
		`_:b1`:                              quad.BNode("b1"),
		`"bonjour"@fr`:                      quad.LangString{Value: "bonjour", Lang: "fr"},
	} {
		got, err := parseTerm("object", in)
		if err != nil || got != want {
			t.Errorf("parseTerm(%s) = %#v, %v; want %#v", in, got, err, want)
		}
	}
	if _, err := parseTerm("object", `"unterminated`); !errors.Is(err, ErrInvalid) {
		t.Errorf("parseTerm(bad) = %v", err)
	}
}

// randomGraph writes n nodes and m random relation edges (some parallel,
// some reversed), plus literals and evidence nodes that must not connect
// anything. It returns the store and the undirected adjacency.
func randomGraph(t *testing.T, rng *rand.Rand, n, m int) (*Store, map[string]map[string]bool) {
	t.Helper()
	s := openStore(t, "memory")
	adj := map[string]map[string]bool{}
	node := func(i int) quad.IRI { return quad.IRI(fmt.Sprintf("person/n%02d", i)) }
	var qs []quad.Quad
	for i := 0; i < n; i++ {
		qs = append(qs, quad.Quad{Subject: node(i), Predicate: PredName, Object: quad.String(fmt.Sprintf("N%d", i))})
		adj[nodeID(node(i))] = map[string]bool{}
		// every node shares one literal and one evidence node: no path through them
		qs = append(qs, quad.Quad{Subject: node(i), Predicate: quad.IRI("role"), Object: quad.String("same")})
		qs = append(qs, quad.Quad{Subject: quad.IRI("ev/shared"), Predicate: PredEvSubject, Object: node(i)})
	}
	preds := []quad.IRI{"linked_to", "about", "member_of"}
	for k := 0; k < m; k++ {
		a, b := rng.Intn(n), rng.Intn(n)
		if a == b {
			continue
		}
		qs = append(qs, quad.Quad{Subject: node(a), Predicate: preds[rng.Intn(len(preds))], Object: node(b)})
		adj[nodeID(node(a))][nodeID(node(b))] = true
		adj[nodeID(node(b))][nodeID(node(a))] = true
	}
	if _, err := s.WriteQuads(context.Background(), qs); err != nil {
		t.Fatal(err)
	}
	return s, adj
}

// allSimplePaths lists every simple path of at most maxHops from a to b.
func allSimplePaths(adj map[string]map[string]bool, a, b string, maxHops int) [][]string {
	var out [][]string
	path := []string{a}
	on := map[string]bool{a: true}
	var dfs func(v string)
	dfs = func(v string) {
		if v == b {
			out = append(out, append([]string(nil), path...))
			return
		}
		if len(path)-1 == maxHops {
			return
		}
		for u := range adj[v] {
			if on[u] {
				continue
			}
			on[u] = true
			path = append(path, u)
			dfs(u)
			path = path[:len(path)-1]
			delete(on, u)
		}
	}
	dfs(a)
	return out
}

func TestPathsMatchBruteForce(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewSource(7))
	found, longer := 0, 0
	for g := 0; g < 6; g++ {
		n, m := 12+rng.Intn(14), 14+rng.Intn(30)
		s, adj := randomGraph(t, rng, n, m)
		for trial := 0; trial < 12; trial++ {
			a, b := fmt.Sprintf("<person/n%02d>", rng.Intn(n)), fmt.Sprintf("<person/n%02d>", rng.Intn(n))
			if a == b {
				continue
			}
			maxHops, k := 1+rng.Intn(6), 1+rng.Intn(20)
			res, err := s.Paths(ctx, PathQuery{From: a, To: b, MaxHops: maxHops, K: k})
			if err != nil {
				t.Fatal(err)
			}
			all := allSimplePaths(adj, a, b, maxHops)
			perLen := map[int]int{}
			for _, p := range all {
				perLen[len(p)-1]++
			}
			want := min(k, len(all))
			if want > 0 {
				found++
			}
			if want > perLen[minLen(perLen)] {
				longer++ // longer paths than the shortest were needed
			}
			if len(res.Paths) != want {
				t.Fatalf("graph %d %s→%s hops %d k %d: %d paths, want %d (per length %v)", g, a, b, maxHops, k, len(res.Paths), want, perLen)
			}
			// The lengths must be the k smallest.
			var lens []int
			for _, p := range all {
				lens = append(lens, len(p)-1)
			}
			sort.Ints(lens)
			seen := map[string]bool{}
			for i, p := range res.Paths {
				if p.Length != lens[i] {
					t.Fatalf("graph %d %s→%s: path %d has length %d, want %d", g, a, b, i, p.Length, lens[i])
				}
				key := strings.Join(p.Nodes, " ")
				if seen[key] {
					t.Fatalf("path %v twice", p.Nodes)
				}
				seen[key] = true
				if p.Nodes[0] != a || p.Nodes[len(p.Nodes)-1] != b {
					t.Fatalf("path %v does not join %s and %s", p.Nodes, a, b)
				}
				on := map[string]bool{}
				for j, v := range p.Nodes {
					if on[v] {
						t.Fatalf("path %v is not simple", p.Nodes)
					}
					on[v] = true
					if j > 0 && !adj[p.Nodes[j-1]][v] {
						t.Fatalf("path %v: no edge %s–%s", p.Nodes, p.Nodes[j-1], v)
					}
				}
			}
		}
	}
	if found < 30 || longer < 10 {
		t.Errorf("only %d pairs with paths, %d needing longer ones: the random graphs test too little", found, longer)
	}
	t.Logf("%d pairs with paths, %d of them beyond the shortest", found, longer)
}

func minLen(perLen map[int]int) int {
	m := -1
	for l := range perLen {
		if m < 0 || l < m {
			m = l
		}
	}
	return m
}

func TestPathsDirectionEvidenceAndErrors(t *testing.T) {
	ctx := context.Background()
	s := smallGraph(t)
	// b→_:x→c and c→b: c to a goes c–b–a, against the direction of c→b? no:
	// c→b is forward, then a→b is taken backwards.
	res, err := s.Paths(ctx, PathQuery{From: "<place/c>", To: "<person/a>"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Paths) == 0 || res.Paths[0].Length != 2 {
		t.Fatalf("paths c→a = %+v", res.Paths)
	}
	last := res.Paths[0].Hops[1]
	if last.From != "<person/b>" || last.To != "<person/a>" || len(last.Edges) != 1 {
		t.Fatalf("last hop %+v", last)
	}
	e := last.Edges[0]
	if e.Source != "<person/a>" || e.Target != "<person/b>" || len(e.EvidenceList) != 1 || e.EvidenceList[0].Sentence != "A knows B." {
		t.Errorf("edge of the last hop %+v: want a→b in its real direction with its sentence", e)
	}
	// a and c share a literal and an evidence node, which are not hops: the
	// only ways go through b.
	for _, p := range res.Paths {
		for _, v := range p.Nodes {
			if strings.HasPrefix(v, "<ev/") || strings.HasPrefix(v, `"`) {
				t.Errorf("path through %s", v)
			}
		}
	}
	for _, tc := range []struct {
		q    PathQuery
		want error
	}{
		{PathQuery{From: "<person/a>", To: "<person/zz>"}, ErrNotFound},
		{PathQuery{From: "<person/a>", To: "<person/a>"}, ErrInvalid},
		{PathQuery{From: "", To: "<person/a>"}, ErrInvalid},
		{PathQuery{From: "<person/a>", To: "<person/b>", MaxHops: 7}, ErrInvalid},
		{PathQuery{From: "<person/a>", To: "<person/b>", K: 21}, ErrInvalid},
		{PathQuery{From: `"shared"`, To: "<person/b>"}, ErrInvalid},
	} {
		if _, err := s.Paths(ctx, tc.q); !errors.Is(err, tc.want) {
			t.Errorf("Paths(%+v) = %v, want %v", tc.q, err, tc.want)
		}
	}
}

func TestPathsBudget(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, "memory")
	// A hub with 3,000 spokes, and the target behind one of the spokes.
	var qs []quad.Quad
	for i := 0; i < 3000; i++ {
		qs = append(qs, quad.Quad{Subject: quad.IRI("org/hub"), Predicate: quad.IRI("linked_to"), Object: quad.IRI(fmt.Sprintf("person/s%d", i))})
		qs = append(qs, quad.Quad{Subject: quad.IRI(fmt.Sprintf("person/s%d", i)), Predicate: quad.IRI("linked_to"), Object: quad.IRI(fmt.Sprintf("place/p%d", i))})
	}
	if _, err := s.WriteQuads(ctx, qs); err != nil {
		t.Fatal(err)
	}
	res, err := s.Paths(ctx, PathQuery{From: "<org/hub>", To: "<place/p2999>", Budget: 500})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Truncated || len(res.Paths) != 0 {
		t.Errorf("budget 500: truncated %v after %d quads", res.Truncated, res.Visited)
	}
	res, err = s.Paths(ctx, PathQuery{From: "<org/hub>", To: "<place/p2999>"})
	if err != nil || len(res.Paths) != 1 || res.Paths[0].Length != 2 || res.Truncated {
		t.Errorf("default budget: %+v, %v", res, err)
	}
}

func TestParseWordedDate(t *testing.T) {
	for in, want := range map[string][3]int{
		"November 2015":          {2015, 11, 0},
		"November":               {0, 11, 0},
		"May 31":                 {0, 5, 31},
		"31 May 2017":            {2017, 5, 31},
		"Tuesday":                {0, 0, 0},
		"in the past six months": {0, 0, 0},
		"it may be soon":         {0, 0, 0},
		"March 22, 2016":         {2016, 3, 22},
		"sept. 11th":             {0, 9, 11},
	} {
		y, m, d := parseWordedDate(in)
		if [3]int{y, m, d} != want {
			t.Errorf("parseWordedDate(%q) = %d-%d-%d, want %v", in, y, m, d, want)
		}
	}
}

func TestTimeline(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	items, err := s.Timeline(ctx, TimelineQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var paris, monday bool
	for i, it := range items {
		if it.Sentence == "" || it.Doc == "" {
			t.Errorf("item %+v has no sentence or document", it)
		}
		if i > 0 && items[i-1].Sort == "" && it.Sort != "" {
			t.Errorf("dated item after an undated one: %+v", it)
		}
		if it.Node.ID == "<attack/2015-paris-attacks>" && it.Year == 2015 && it.Month == 11 {
			paris = true
		}
		if it.Kind == "claim" && it.Date == "Monday" && it.Speaker != nil && it.Speaker.ID == "<person/james-clapper>" {
			monday = true
		}
	}
	if !paris || !monday {
		t.Errorf("timeline lacks the Paris attacks in November 2015 (%v) or Clapper's Monday claim (%v): %+v", paris, monday, items)
	}
	only, err := s.Timeline(ctx, TimelineQuery{Kinds: []string{"attack"}, Docs: []string{"002_45ca2ac3eb2edcca"}})
	if err != nil || len(only) != 1 || only[0].Date != "November 2015" {
		t.Errorf("filtered timeline = %+v, %v", only, err)
	}
	if _, err := s.Timeline(ctx, TimelineQuery{Kinds: []string{"war"}}); !errors.Is(err, ErrInvalid) {
		t.Errorf("Timeline(kind war) = %v", err)
	}
}

// TestExploreOnBolt runs the explorer's reads on a durable backend.
func TestExploreOnBolt(t *testing.T) {
	ctx := context.Background()
	mem := seeded(t, "memory")
	bolt := seeded(t, backends[1].db(t))
	for _, s := range []*Store{mem, bolt} {
		hits, err := s.Search(ctx, "clapr", nil, 3)
		if err != nil || len(hits) == 0 || hits[0].ID != "<person/james-clapper>" {
			t.Fatalf("%s: search %+v, %v", s.Kind(), hits, err)
		}
	}
	pm, err := mem.Paths(ctx, PathQuery{From: "<person/james-clapper>", To: "<place/brussels>", K: 5})
	if err != nil {
		t.Fatal(err)
	}
	pb, err := bolt.Paths(ctx, PathQuery{From: "<person/james-clapper>", To: "<place/brussels>", K: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(pm.Paths) == 0 || len(pm.Paths) != len(pb.Paths) || pm.Paths[0].Length != pb.Paths[0].Length {
		t.Errorf("memory found %d paths, bolt %d", len(pm.Paths), len(pb.Paths))
	}
	nm, _ := mem.Node(ctx, "<org/islamic-state>")
	nbt, err := bolt.Node(ctx, "<org/islamic-state>")
	if err != nil || nm.Degree != nbt.Degree || nm.Degree == 0 {
		t.Errorf("degree on memory %d, on bolt %d (%v)", nm.Degree, nbt.Degree, err)
	}
	sb, err := bolt.ExploreStats(ctx)
	if err != nil || len(sb.Documents) != 4 {
		t.Errorf("bolt stats %+v, %v", sb.Documents, err)
	}
}

// TestExploreConcurrentReadsAndWrites runs the explorer's reads while
// writes go on (run with -race): no deadlock, no stale index at the end.
func TestExploreConcurrentReadsAndWrites(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	done := make(chan struct{})
	errs := make(chan error, 4)
	for w := 0; w < 4; w++ {
		go func(w int) {
			for {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				var err error
				switch w {
				case 0:
					_, err = s.Search(ctx, "clapr", nil, 5)
				case 1:
					_, err = s.Neighbours(ctx, NeighbourQuery{ID: "<org/islamic-state>"})
				case 2:
					_, err = s.Paths(ctx, PathQuery{From: "<person/james-clapper>", To: "<place/brussels>"})
				case 3:
					_, err = s.ExploreStats(ctx)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	for i := 0; i < 20; i++ {
		iri := quad.IRI(fmt.Sprintf("person/extra-%d", i))
		if _, err := s.WriteQuads(ctx, []quad.Quad{{Subject: iri, Predicate: PredName, Object: quad.String(fmt.Sprintf("Quentin Extra %d", i))}}); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	for w := 0; w < 4; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	hits, err := s.Search(ctx, "quentin extra", nil, 50)
	if err != nil || len(hits) != 20 {
		t.Errorf("after the writes: %d hits, %v; want 20", len(hits), err)
	}
}
