package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/graph"
)

// exportView is the 3-node view of the export tests: a speaker, one of his
// claims and a place the claim is about.
var exportView = []string{
	"<person/james-clapper>",
	"<claim/islamic-state-has-jihadist-cells-in-the-united-kingdom-germany-and-italy>",
	"<place/germany>",
}

// exGraphML is what the tests read of a GraphML file.
type exGraphML struct {
	Graph struct {
		Nodes []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
		} `xml:"edge"`
	} `xml:"graph"`
}

func parseExGraphML(t *testing.T, b []byte) exGraphML {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed XML: %v\n%.300s", err, b)
		}
	}
	var g exGraphML
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func exportBody(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExportAPI: every format and scope, by POST and GET, answers the
// file Store.Export writes, as an attachment of the format's media type.
func TestExportAPI(t *testing.T) {
	store := exSeededStore(t)
	e := New(store, Options{})
	claims := `g.V("<person/james-clapper>").Out("<stated>").All()`
	nodesGET := url.Values{"format": {"graphml"}, "nodes": {strings.Join(exportView[:2], ","), exportView[2]}}
	for _, tc := range []struct {
		name, method, target string
		body                 any
		format               string
		sel                  graph.ExportSelection
		mediaType, filename  string
	}{
		{"GET whole graph graphml", "GET", "/api/export?format=graphml", nil, "graphml", graph.ExportSelection{},
			"application/graphml+xml", "newsgraph-all.graphml"},
		{"GET view graphml", "GET", "/api/export?" + nodesGET.Encode(), nil, "graphml", graph.ExportSelection{Nodes: exportView},
			"application/graphml+xml", "newsgraph-view.graphml"},
		{"GET query nquads", "GET", "/api/export?" + url.Values{"format": {"nquads"}, "scope": {"query"}, "query": {claims}}.Encode(), nil,
			"nquads", graph.ExportSelection{Query: claims}, "application/n-quads", "newsgraph-query.nq"},
		{"POST whole graph nquads", "POST", "/api/export", map[string]any{"format": "nquads", "scope": "all"}, "nquads", graph.ExportSelection{},
			"application/n-quads", "newsgraph-all.nq"},
		{"POST view jsonld", "POST", "/api/export", map[string]any{"format": "jsonld", "scope": "nodes", "nodes": exportView}, "jsonld",
			graph.ExportSelection{Nodes: exportView}, "application/ld+json", "newsgraph-view.jsonld"},
		{"POST view csv", "POST", "/api/export", map[string]any{"format": "csv", "nodes": exportView}, "csv",
			graph.ExportSelection{Nodes: exportView}, "application/zip", "newsgraph-view.csv.zip"},
		{"POST query graphml", "POST", "/api/export", map[string]any{"format": "graphml", "scope": "query", "query": map[string]string{"lang": "gizmo", "source": claims}},
			"graphml", graph.ExportSelection{Query: claims}, "application/graphml+xml", "newsgraph-query.graphml"},
		{"POST mql query", "POST", "/api/export", map[string]any{"format": "jsonld", "query": map[string]string{"lang": "mql", "source": `[{"id": null, "<perpetrator>": "<org/islamic-state>"}]`}},
			"jsonld", graph.ExportSelection{Lang: "mql", Query: `[{"id": null, "<perpetrator>": "<org/islamic-state>"}]`}, "application/ld+json", "newsgraph-query.jsonld"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body []byte
			if tc.body != nil {
				body = exportBody(t, tc.body)
			}
			rec := exDo(t, e, tc.method, tc.target, body)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s %s = %d %s", tc.method, tc.target, rec.Code, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != tc.mediaType {
				t.Errorf("Content-Type = %q, want %q", ct, tc.mediaType)
			}
			if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="`+tc.filename+`"` {
				t.Errorf("Content-Disposition = %q", cd)
			}
			var want bytes.Buffer
			if err := store.Export(context.Background(), &want, tc.format, tc.sel); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rec.Body.Bytes(), want.Bytes()) || want.Len() == 0 {
				t.Errorf("the answer (%d bytes) is not Store.Export's (%d bytes)", rec.Body.Len(), want.Len())
			}
		})
	}
}

// TestExportGraphMLCountsAPI: the GraphML the API serves, of the whole seed
// graph and of a 3-node view, is valid XML with as many nodes as the
// explorer's statistics count and as many edges as Subgraph finds.
func TestExportGraphMLCountsAPI(t *testing.T) {
	store := exSeededStore(t)
	e := New(store, Options{})
	ctx := context.Background()
	st, err := store.ExploreStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	typed := 0
	for _, tc := range st.Types {
		typed += tc.Count
	}
	var ids []string
	for _, tc := range []struct {
		name  string
		req   map[string]any
		nodes func() []string
	}{
		{"whole graph", map[string]any{"format": "graphml"}, nil},
		{"3-node view", map[string]any{"format": "graphml", "nodes": exportView}, func() []string { return exportView }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := exDo(t, e, "POST", "/api/export", exportBody(t, tc.req))
			if rec.Code != http.StatusOK {
				t.Fatalf("= %d %s", rec.Code, rec.Body)
			}
			g := parseExGraphML(t, rec.Body.Bytes())
			if tc.nodes == nil {
				// Every node of the graph, then the edges among them all.
				if len(g.Graph.Nodes) != typed {
					t.Errorf("%d nodes; ExploreStats counts %d", len(g.Graph.Nodes), typed)
				}
				ids = ids[:0]
				for _, n := range g.Graph.Nodes {
					for _, d := range n.Data {
						if d.Key == "iri" {
							ids = append(ids, d.Value)
						}
					}
				}
			} else {
				ids = tc.nodes()
				if len(g.Graph.Nodes) != len(ids) {
					t.Errorf("%d nodes, want %d", len(g.Graph.Nodes), len(ids))
				}
			}
			sg, err := store.Subgraph(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			// Subgraph leaves out self-loops (the canvas cannot draw them); the export keeps them.
			loops := 0
			for _, ed := range g.Graph.Edges {
				if ed.Source == ed.Target {
					loops++
				}
			}
			if len(g.Graph.Edges)-loops != len(sg.Edges) || len(sg.Edges) == 0 {
				t.Errorf("%d edges (%d loops); Subgraph finds %d", len(g.Graph.Edges), loops, len(sg.Edges))
			}
		})
	}
}

// TestExportGolden keeps the export of a small hand-written graph
// (testdata/export_fixture.nq: escapes, a blank node, a formula-like name, a
// fact without evidence, typed literals) in every format in testdata, so a
// change of format shows in review (go test ./web -run ExportGolden -update
// rewrites them).
func TestExportGolden(t *testing.T) {
	ctx := context.Background()
	store, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	fixture, err := os.ReadFile(filepath.Join("testdata", "export_fixture.nq"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.LoadNQuads(ctx, "export_fixture.nq", bytes.NewReader(fixture)); err != nil {
		t.Fatal(err)
	}
	e := New(store, Options{})
	for _, tc := range []struct {
		name string
		req  map[string]any
	}{
		{"all.nq", map[string]any{"format": "nquads"}},
		{"view.nq", map[string]any{"format": "nquads", "nodes": []string{"<person/jane-roe>", "<claim/the-river-flooded>"}}},
		{"all.jsonld", map[string]any{"format": "jsonld"}},
		{"all.graphml", map[string]any{"format": "graphml"}},
		{"all.csv.zip", map[string]any{"format": "csv"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := exDo(t, e, "POST", "/api/export", exportBody(t, tc.req))
			if rec.Code != http.StatusOK {
				t.Fatalf("= %d %s", rec.Code, rec.Body)
			}
			if !strings.HasSuffix(tc.name, ".zip") {
				exGolden(t, filepath.Join("testdata", "export_"+tc.name), rec.Body.Bytes())
				return
			}
			zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Fatal(err)
				}
				exGolden(t, filepath.Join("testdata", "export_all_"+f.Name), b)
			}
			if strings.Join(names, ",") != "nodes.csv,edges.csv" {
				t.Errorf("zip holds %v", names)
			}
		})
	}
}

// TestExportAPIErrors: bad requests are 400 naming the field, unknown nodes
// 404, and an export past the cap is refused.
func TestExportAPIErrors(t *testing.T) {
	e := New(exSeededStore(t), Options{})
	many := make([]string, graph.MaxSubgraphNodes+1)
	for i := range many {
		many[i] = "<person/x>"
	}
	for _, tc := range []struct {
		name, method, target, body string
		status                     int
		msg                        string
	}{
		{"no format", "POST", "/api/export", `{}`, 400, "format: required"},
		{"empty body", "POST", "/api/export", ``, 400, "format: required"},
		{"bad format", "POST", "/api/export", `{"format": "pdf"}`, 400, `format: unknown format "pdf"`},
		{"bad format GET", "GET", "/api/export?format=xlsx", ``, 400, "format: unknown format"},
		{"bad scope", "POST", "/api/export", `{"format": "graphml", "scope": "world"}`, 400, `scope: unknown scope "world"`},
		{"bad scope GET", "GET", "/api/export?format=graphml&scope=world", ``, 400, "scope: unknown scope"},
		{"all with nodes", "POST", "/api/export", `{"format": "graphml", "scope": "all", "nodes": ["<place/germany>"]}`, 400, "scope:"},
		{"nodes scope, no nodes", "POST", "/api/export", `{"format": "graphml", "scope": "nodes"}`, 400, "nodes:"},
		{"literal node", "POST", "/api/export", `{"format": "graphml", "nodes": ["\"text\""]}`, 400, "nodes[0]"},
		{"too many nodes", "POST", "/api/export", string(exportBody(t, map[string]any{"format": "csv", "nodes": many})), 400, "nodes: at most 2000"},
		{"unknown node", "POST", "/api/export", `{"format": "graphml", "nodes": ["<place/germany>", "<person/nobody>"]}`, 404, "nodes: <person/nobody>"},
		{"unknown node GET", "GET", "/api/export?format=csv&nodes=%3Cperson%2Fnobody%3E", ``, 404, "<person/nobody>"},
		{"query syntax", "POST", "/api/export", `{"format": "jsonld", "query": {"source": "g.V("}}`, 400, "query:"},
		{"query language", "POST", "/api/export", `{"format": "jsonld", "query": {"lang": "sparql", "source": "SELECT"}}`, 400, "query: unknown query language"},
		{"query scope, no query", "POST", "/api/export", `{"format": "jsonld", "scope": "query"}`, 400, "query:"},
		{"not JSON", "POST", "/api/export", `format=graphml`, 400, "body:"},
		{"unknown field", "POST", "/api/export", `{"format": "graphml", "ids": ["<place/germany>"]}`, 400, `body: `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body []byte
			if tc.method == "POST" {
				body = []byte(tc.body)
			}
			rec := exDo(t, e, tc.method, tc.target, body)
			var answer struct{ Error string }
			if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
				t.Fatalf("not JSON: %v: %s", err, rec.Body)
			}
			if rec.Code != tc.status || !strings.Contains(answer.Error, tc.msg) {
				t.Errorf("= %d %s; want %d with %q", rec.Code, rec.Body, tc.status, tc.msg)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("error Content-Type = %q", ct)
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		old := maxExportBytes
		maxExportBytes = 1000
		defer func() { maxExportBytes = old }()
		rec := exDo(t, e, "GET", "/api/export?format=nquads", nil)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), "scope: the export is larger than") {
			t.Errorf("= %d %s; want 400 naming the scope", rec.Code, rec.Body)
		}
	})
}
