package graph

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad/nquads"
)

// exportView is the 3-node view the export tests use: a speaker, one of his
// claims and a place the claim is about.
var exportView = []string{
	"<person/james-clapper>",
	"<claim/islamic-state-has-jihadist-cells-in-the-united-kingdom-germany-and-italy>",
	"<place/germany>",
}

// graphML is what the tests read of a GraphML file.
type graphML struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
	} `xml:"key"`
	Graph struct {
		Nodes []struct {
			ID   string        `xml:"id,attr"`
			Data []graphMLData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string        `xml:"id,attr"`
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphMLData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func dataOf(ds []graphMLData, key string) string {
	for _, d := range ds {
		if d.Key == key {
			return d.Value
		}
	}
	return ""
}

// parseGraphML checks that b is well-formed XML and a consistent GraphML
// graph (unique ids, edges between declared nodes), and returns it with
// the real node ids (the iri attribute) by GraphML id.
func parseGraphML(t *testing.T, b []byte) (graphML, map[string]string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("GraphML is not well-formed XML: %v", err)
		}
	}
	var g graphML
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatalf("GraphML: %v", err)
	}
	iris := map[string]string{}
	for _, n := range g.Graph.Nodes {
		if _, dup := iris[n.ID]; dup {
			t.Errorf("node id %s twice", n.ID)
		}
		iris[n.ID] = dataOf(n.Data, "iri")
	}
	edges := map[string]bool{}
	for _, e := range g.Graph.Edges {
		if edges[e.ID] {
			t.Errorf("edge id %s twice", e.ID)
		}
		edges[e.ID] = true
		if _, ok := iris[e.Source]; !ok {
			t.Errorf("edge %s: source %s is no node", e.ID, e.Source)
		}
		if _, ok := iris[e.Target]; !ok {
			t.Errorf("edge %s: target %s is no node", e.ID, e.Target)
		}
	}
	return g, iris
}

func exportOf(t *testing.T, s *Store, format string, sel ExportSelection) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf, format, sel); err != nil {
		t.Fatalf("Export %s %+v: %v", format, sel, err)
	}
	return buf.Bytes()
}

// relationFacts counts, through Gizmo, the distinct (subject, predicate,
// object) relations whose subject is among from (every node when from is
// empty) and whose object is a node (among from, when given); it returns
// them and the nodes they touch.
func relationFacts(t *testing.T, s *Store, from []string) (map[string]bool, map[string]bool) {
	t.Helper()
	st, err := s.ExploreStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	quoted, _ := json.Marshal(from)
	start, is := "g.V()", ""
	if len(from) > 0 {
		start = fmt.Sprintf("g.V(%s)", strings.Trim(string(quoted), "[]"))
		is = fmt.Sprintf(".Is(%s)", strings.Trim(string(quoted), "[]"))
	}
	facts, nodes := map[string]bool{}, map[string]bool{}
	for _, rel := range st.Relations {
		src := fmt.Sprintf("%s.Tag(\"s\").Out(%q)%s.All()", start, rel.Predicate, is)
		res, err := s.Query(context.Background(), "gizmo", src, -1)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		for _, r := range res.Results {
			m := r.(map[string]any)
			subj, _ := m["s"].(string)
			obj, _ := m["id"].(string)
			if !strings.HasPrefix(obj, "<") && !strings.HasPrefix(obj, "_:") {
				continue // a literal: a property, not an edge
			}
			facts[subj+" "+rel.Predicate+" "+obj] = true
			nodes[subj], nodes[obj] = true, true
		}
	}
	return facts, nodes
}

// TestExportGraphMLCounts is the acceptance test of the GraphML export: the
// seeded graph's export, whole and of a 3-node view, is well-formed XML
// whose node and edge counts are those counted independently, by Gizmo
// queries and the explorer's statistics.
func TestExportGraphMLCounts(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()

	t.Run("whole graph", func(t *testing.T) {
		g, iris := parseGraphML(t, exportOf(t, s, FormatGraphML, ExportSelection{}))
		facts, nodes := relationFacts(t, s, nil)
		// Every typed node, evidence excepted, and whatever relations touch.
		res, err := s.Query(ctx, "gizmo", `g.V().Tag("n").Out("<type>").All()`, -1)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Results {
			m := r.(map[string]any)
			if m["id"] != "<Evidence>" && m["id"] != "<AuditEntry>" {
				nodes[m["n"].(string)] = true
			}
		}
		st, err := s.ExploreStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		typed := 0
		for _, tc := range st.Types {
			if tc.Type != "AuditEntry" {
				typed += tc.Count
			}
		}
		if len(g.Graph.Nodes) != len(nodes) || len(g.Graph.Nodes) != typed {
			t.Errorf("GraphML has %d nodes; Gizmo counts %d, ExploreStats %d", len(g.Graph.Nodes), len(nodes), typed)
		}
		if len(g.Graph.Edges) != len(facts) {
			t.Errorf("GraphML has %d edges; Gizmo counts %d distinct relations", len(g.Graph.Edges), len(facts))
		}
		for _, iri := range iris {
			if !nodes[iri] {
				t.Errorf("GraphML node %s is not a node Gizmo finds", iri)
			}
		}
		if len(g.Graph.Nodes) < 200 || len(g.Graph.Edges) < 300 {
			t.Errorf("GraphML: %d nodes, %d edges: the seeds have more", len(g.Graph.Nodes), len(g.Graph.Edges))
		}
	})

	t.Run("3-node view", func(t *testing.T) {
		g, iris := parseGraphML(t, exportOf(t, s, FormatGraphML, ExportSelection{Nodes: exportView}))
		facts, _ := relationFacts(t, s, exportView)
		if len(g.Graph.Nodes) != 3 {
			t.Errorf("GraphML has %d nodes, want 3", len(g.Graph.Nodes))
		}
		if len(g.Graph.Edges) != len(facts) || len(facts) < 2 {
			t.Errorf("GraphML has %d edges; Gizmo counts %d (want at least stated and about)", len(g.Graph.Edges), len(facts))
		}
		got := map[string]bool{}
		for _, e := range g.Graph.Edges {
			got[iris[e.Source]+" "+dataOf(e.Data, "predicate")+" "+iris[e.Target]] = true
			if dataOf(e.Data, "sentence") == "" || dataOf(e.Data, "docs") == "" || dataOf(e.Data, "confidence") == "" {
				t.Errorf("edge %s has no evidence attributes: %+v", e.ID, e.Data)
			}
		}
		for f := range facts {
			if !got[f] {
				t.Errorf("GraphML lacks %s", f)
			}
		}
		for _, n := range g.Graph.Nodes {
			if dataOf(n.Data, "iri") == "<person/james-clapper>" {
				if dataOf(n.Data, "label") != "James Clapper" || dataOf(n.Data, "type") != "person" {
					t.Errorf("Clapper's node: %+v", n.Data)
				}
			}
		}
	})
}

// TestExportFormats exports the whole graph, the 3-node view and a query's
// result in every format and checks each against the store.
func TestExportFormats(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	st, err := s.ExploreStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clapperClaims := `g.V("<place/germany>").In("<about>").Tag("claim").In("<stated>").Tag("speaker").All()`
	for _, tc := range []struct {
		name string
		sel  ExportSelection
	}{
		{"all", ExportSelection{Scope: ScopeAll}},
		{"view", ExportSelection{Scope: ScopeNodes, Nodes: exportView}},
		{"query", ExportSelection{Scope: ScopeQuery, Query: clapperClaims}},
	} {
		t.Run(tc.name+"/nquads", func(t *testing.T) {
			b := exportOf(t, s, FormatNQuads, tc.sel)
			r := nquads.NewReader(bytes.NewReader(b), false)
			n := 0
			for {
				if _, err := r.ReadQuad(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("line %d: %v", n+1, err)
				}
				n++
			}
			if tc.sel.Scope == ScopeAll && int64(n) != st.Quads {
				t.Errorf("%d quads, the store has %d", n, st.Quads)
			}
			if tc.sel.Scope != ScopeAll && (n == 0 || int64(n) >= st.Quads) {
				t.Errorf("%d quads of %d", n, st.Quads)
			}
			if !bytes.Contains(b, []byte("<ev_sentence>")) || !bytes.Contains(b, []byte("<doc/")) {
				t.Errorf("no evidence or document labels in the N-Quads")
			}
		})
		t.Run(tc.name+"/jsonld", func(t *testing.T) {
			var doc struct {
				Context map[string]any   `json:"@context"`
				Graph   []map[string]any `json:"@graph"`
			}
			if err := json.Unmarshal(exportOf(t, s, FormatJSONLD, tc.sel), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Context["@vocab"] != JSONLDVocab || doc.Context["stated"] != "ng:stated" {
				t.Errorf("@context: %v", doc.Context)
			}
			evidence := 0
			var clapper map[string]any
			for _, o := range doc.Graph {
				if o["@type"] == "Evidence" {
					evidence++
					if o["ev_sentence"] == nil || o["ev_doc"] == nil || o["ev_subject"] == nil {
						t.Errorf("evidence object without its fact or sentence: %v", o)
					}
				}
				if o["@id"] == "ng:person/james-clapper" {
					clapper = o
				}
			}
			if clapper == nil || clapper["@type"] != "Person" || clapper["name"] != "James Clapper" || clapper["stated"] == nil {
				t.Errorf("James Clapper: %v", clapper)
			}
			if tc.sel.Scope == ScopeAll && evidence != st.Evidence {
				t.Errorf("%d evidence objects, the store has %d evidence nodes", evidence, st.Evidence)
			}
			if evidence == 0 {
				t.Error("no evidence")
			}
		})
		t.Run(tc.name+"/csv", func(t *testing.T) {
			b := exportOf(t, s, FormatCSV, tc.sel)
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			tables := map[string][][]string{}
			for _, f := range zr.File {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				tables[f.Name], err = csv.NewReader(rc).ReadAll()
				rc.Close()
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
			}
			g, _ := parseGraphML(t, exportOf(t, s, FormatGraphML, tc.sel))
			nodes, edges := tables["nodes.csv"], tables["edges.csv"]
			if len(nodes) == 0 || strings.Join(nodes[0], ",") != "id,type,name,aliases" || len(nodes)-1 != len(g.Graph.Nodes) {
				t.Fatalf("nodes.csv: %d rows, header %v; GraphML has %d nodes", len(nodes)-1, nodes[0], len(g.Graph.Nodes))
			}
			if len(edges) == 0 || strings.Join(edges[0], ",") != strings.Join(csvEdgeHeader, ",") {
				t.Fatalf("edges.csv header: %v", edges)
			}
			// One row per piece of evidence: as many as the store has for
			// each fact (checked on the view: the whole graph takes long).
			rows := map[Edge]int{}
			relations := map[Edge]bool{}
			for _, r := range edges[1:] {
				e := Edge{Subject: r[0], Predicate: "<" + r[1] + ">", Object: r[2]}
				if r[2] == "" {
					e.Object = r[3]
				} else {
					relations[e] = true
				}
				rows[e]++
			}
			if len(relations) != len(g.Graph.Edges) {
				t.Errorf("edges.csv has %d relations, GraphML %d edges", len(relations), len(g.Graph.Edges))
			}
			if tc.sel.Scope == ScopeAll {
				withEvidence := 0
				for _, r := range edges[1:] {
					if r[8] != "" { // method
						withEvidence++
					}
				}
				if withEvidence != st.Evidence {
					t.Errorf("edges.csv has %d rows with evidence, the store %d pieces of evidence", withEvidence, st.Evidence)
				}
				return
			}
			for e, n := range rows {
				if !relations[e] {
					continue // a literal's text in CSV is not its N-Quads form
				}
				evs, err := s.EdgeEvidence(ctx, e)
				if err != nil || len(evs) != n {
					t.Errorf("%v: %d rows, EdgeEvidence has %d (%v)", e, n, len(evs), err)
				}
			}
		})
	}
}

// TestExportViewRoundTrip loads a view's N-Quads into an empty store and
// finds the same edges there, with the same documents and evidence.
func TestExportViewRoundTrip(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	b := exportOf(t, s, FormatNQuads, ExportSelection{Nodes: exportView})
	fresh := openStore(t, "memory")
	if _, err := fresh.LoadNQuads(ctx, "view.nq", bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	want, err := s.Subgraph(ctx, exportView)
	if err != nil {
		t.Fatal(err)
	}
	got, err := fresh.Subgraph(ctx, exportView)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got.Nodes) != fmt.Sprint(want.Nodes) {
		t.Errorf("nodes after the round trip:\n%v\nwant\n%v", got.Nodes, want.Nodes)
	}
	norm := func(es []GraphEdge) string {
		var out []string
		for _, e := range es {
			out = append(out, fmt.Sprintf("%s %s %s docs=%v conf=%v methods=%v ev=%d", e.Source, e.Predicate, e.Target, e.Docs, *e.Confidence, e.Methods, e.Evidence))
		}
		sort.Strings(out)
		return strings.Join(out, "\n")
	}
	if norm(got.Edges) != norm(want.Edges) || len(want.Edges) == 0 {
		t.Errorf("edges after the round trip:\n%s\nwant\n%s", norm(got.Edges), norm(want.Edges))
	}
	for _, e := range want.Edges {
		edge := Edge{Subject: e.Source, Predicate: e.Predicate, Object: e.Target}
		a, _ := s.EdgeEvidence(ctx, edge)
		b, _ := fresh.EdgeEvidence(ctx, edge)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%v: evidence %v, want %v", edge, b, a)
		}
	}
}

// TestExportQueryScope: a query's result selects the nodes it names, as the
// same nodes listed would.
func TestExportQueryScope(t *testing.T) {
	s := seeded(t, "memory")
	for _, tc := range []struct {
		name, lang, query string
		want              []string
	}{
		{"gizmo tags", "gizmo", `g.V("<place/germany>").In("<about>").Tag("claim").In("<stated>").Tag("speaker").All()`,
			[]string{"<person/james-clapper>", "<claim/islamic-state-has-jihadist-cells-in-the-united-kingdom-germany-and-italy>"}},
		{"graphql bare ids", "graphql", `{ a(id: <attack/2016-brussels-bombings>) { place: <attack_location> } }`,
			[]string{"<place/brussels>"}},
		{"mql", "mql", `[{"id": null, "<perpetrator>": "<org/islamic-state>"}]`,
			[]string{"<attack/2015-paris-attacks>", "<org/islamic-state>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, iris := parseGraphML(t, exportOf(t, s, FormatGraphML, ExportSelection{Scope: ScopeQuery, Lang: tc.lang, Query: tc.query}))
			got := map[string]bool{}
			for _, iri := range iris {
				got[iri] = true
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("the export lacks %s; it has %v", w, got)
				}
			}
			for iri := range got {
				if strings.HasPrefix(iri, "<ev/") {
					t.Errorf("an evidence node became a node: %s", iri)
				}
			}
		})
	}
	// The query's nodes, listed, export the same.
	q := `g.V("<person/james-clapper>").Out("<stated>").All()`
	res, err := s.Query(context.Background(), "gizmo", q, -1)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range res.Results {
		ids = append(ids, r.(map[string]any)["id"].(string))
	}
	a := exportOf(t, s, FormatGraphML, ExportSelection{Scope: ScopeQuery, Query: q})
	b := exportOf(t, s, FormatGraphML, ExportSelection{Scope: ScopeNodes, Nodes: ids})
	if !bytes.Equal(a, b) {
		t.Errorf("query export differs from the export of its nodes")
	}
}

func TestExportErrors(t *testing.T) {
	s := seeded(t, "memory")
	for _, tc := range []struct {
		name, format string
		sel          ExportSelection
		want         error
		field        string
	}{
		{"no format", "", ExportSelection{}, ErrInvalid, "format: required"},
		{"unknown format", "pdf", ExportSelection{}, ErrInvalid, `format: unknown format "pdf"`},
		{"unknown scope", "graphml", ExportSelection{Scope: "everything"}, ErrInvalid, `scope: unknown scope "everything"`},
		{"all with nodes", "graphml", ExportSelection{Scope: ScopeAll, Nodes: exportView}, ErrInvalid, "scope:"},
		{"nodes without nodes", "graphml", ExportSelection{Scope: ScopeNodes}, ErrInvalid, "nodes:"},
		{"unknown node", "csv", ExportSelection{Nodes: []string{"<person/james-clapper>", "<person/nobody>"}}, ErrNotFound, "nodes: <person/nobody>"},
		{"literal node", "nquads", ExportSelection{Nodes: []string{`"text"`}}, ErrInvalid, "nodes[0]"},
		{"too many nodes", "jsonld", ExportSelection{Nodes: exportView, MaxNodes: 2}, ErrInvalid, "nodes: at most 2"},
		{"query without query", "graphml", ExportSelection{Scope: ScopeQuery}, ErrInvalid, "query:"},
		{"query syntax", "graphml", ExportSelection{Query: `g.V(`}, ErrInvalid, "query:"},
		{"query language", "graphml", ExportSelection{Query: `g.V()`, Lang: "sparql"}, ErrInvalid, "query: unknown query language"},
		{"query too big", "graphml", ExportSelection{Query: `g.V().Has("<type>", "<Person>").All()`, MaxNodes: 3}, ErrInvalid, "more than 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Export(context.Background(), io.Discard, tc.format, tc.sel)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.field) {
				t.Errorf("Export = %v; want %v naming %q", err, tc.want, tc.field)
			}
		})
	}
}

// TestExportEscapes: names with XML and CSV specials come out escaped, and
// blank nodes and absolute IRIs keep their form.
func TestExportEscapes(t *testing.T) {
	s := openStore(t, "memory")
	ctx := context.Background()
	nq := `<person/x> <type> <Person> .
<person/x> <name> "=cmd|' /C calc'!A0 <b>&amp;\u0001" .
<person/x> <linked_to> _:b1 <doc/d> .
_:b1 <name> "blank" .
<person/x> <linked_to> <http://example.org/y> <doc/d> .
`
	if _, err := s.LoadNQuads(ctx, "x.nq", strings.NewReader(nq)); err != nil {
		t.Fatal(err)
	}
	g, iris := parseGraphML(t, exportOf(t, s, FormatGraphML, ExportSelection{}))
	if len(g.Graph.Nodes) != 3 || len(g.Graph.Edges) != 2 {
		t.Errorf("GraphML: %d nodes, %d edges; want 3 and 2", len(g.Graph.Nodes), len(g.Graph.Edges))
	}
	for id, iri := range iris {
		if iri == "<person/x>" {
			for _, n := range g.Graph.Nodes {
				if n.ID == id && dataOf(n.Data, "label") != "=cmd|' /C calc'!A0 <b>&amp;\uFFFD" {
					t.Errorf("label read back as %q", dataOf(n.Data, "label"))
				}
			}
		}
	}
	var nodes, edges bytes.Buffer
	if err := s.ExportCSV(ctx, &nodes, &edges, ExportSelection{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&nodes).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r[0] == "<person/x>" {
			found = true
			if !strings.HasPrefix(r[2], "'=") {
				t.Errorf("a formula was not defused: %q", r[2])
			}
		}
	}
	if !found {
		t.Errorf("nodes.csv: %v", rows)
	}
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(exportOf(t, s, FormatJSONLD, ExportSelection{}), &doc); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(doc.Graph)
	for _, want := range []string{`"@id":"_:b1"`, `{"@id":"http://example.org/y"}`, `"@id":"ng:person/x"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON-LD lacks %s: %s", want, b)
		}
	}
}

// TestExportAfterCuration: a rejected fact leaves the GraphML and CSV with
// its evidence, while the N-Quads of the whole graph keep the rejected
// evidence and the audit log; audit entries never become nodes.
func TestExportAfterCuration(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	fact := FactRef{Subject: exportView[0], Predicate: "<linked_to>", Object: exportView[2]}
	if _, err := s.Reject(ctx, "tester", fact); err != nil {
		t.Fatal(err)
	}
	g, iris := parseGraphML(t, exportOf(t, s, FormatGraphML, ExportSelection{Nodes: exportView}))
	for _, e := range g.Graph.Edges {
		if iris[e.Source] == fact.Subject && dataOf(e.Data, "predicate") == fact.Predicate {
			t.Errorf("the rejected fact is still an edge")
		}
	}
	var nodes, edges bytes.Buffer
	if err := s.ExportCSV(ctx, &nodes, &edges, ExportSelection{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(edges.String(), fact.Subject+",linked_to,"+fact.Object) {
		t.Errorf("edges.csv still has the rejected fact")
	}
	if strings.Contains(nodes.String(), "<audit/") {
		t.Errorf("an audit entry became a node")
	}
	all := string(exportOf(t, s, FormatNQuads, ExportSelection{}))
	if !strings.Contains(all, `<ev_status> "rejected"`) || !strings.Contains(all, "<AuditEntry>") {
		t.Errorf("the whole graph's N-Quads lack the rejection or the audit log")
	}
	gAll, _ := parseGraphML(t, exportOf(t, s, FormatGraphML, ExportSelection{}))
	for _, n := range gAll.Graph.Nodes {
		if strings.HasPrefix(dataOf(n.Data, "iri"), "<audit/") {
			t.Errorf("GraphML node %s is an audit entry", dataOf(n.Data, "iri"))
		}
	}
}
