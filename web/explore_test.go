package web

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"

	"newsgraph/graph"
	"newsgraph/seeds"
)

var updateGolden = flag.Bool("update", false, "rewrite web/testdata golden files (and docs/explorer.png in the e2e test)")

var (
	seedOnce  sync.Once
	seedStore *graph.Store
	seedErr   error
)

// exSeededStore is one memory store with the seed corpus, shared by the tests
// that only read.
func exSeededStore(t testing.TB) *graph.Store {
	t.Helper()
	seedOnce.Do(func() { seedStore, seedErr = exNewSeededStore() })
	if seedErr != nil {
		t.Fatal(seedErr)
	}
	return seedStore
}

func exNewSeededStore() (*graph.Store, error) {
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory")
	if err != nil {
		return nil, err
	}
	if _, err := s.Seed(ctx, seeds.FS); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// exDo sends one request through the router (so errorHandler runs).
func exDo(t *testing.T, e *echo.Echo, method, target string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+testToken.Secret)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

func exQ(v string) string { return url.QueryEscape(v) }

// TestExploreAPIGolden checks the explorer's answers on the seed corpus
// against web/testdata/*.json (go test ./web/ -run Golden -update rewrites them).
func TestExploreAPIGolden(t *testing.T) {
	e := New(exSeededStore(t), Options{})
	clapper := exQ("<person/james-clapper>")
	tests := []struct {
		name, method, target, body string
	}{
		{"search_clapr", "GET", "/api/explore/search?q=clapr&limit=3", ""},
		{"search_isil", "GET", "/api/explore/search?q=ISIL&limit=3", ""},
		{"search_accents_type", "GET", "/api/explore/search?q=BRÜSSELS&type=place&limit=3", ""},
		{"node_clapper", "GET", "/api/explore/node?id=" + clapper, ""},
		{"neighbours_clapper_stated", "GET", "/api/explore/neighbours?id=" + clapper + "&relation=stated&direction=out&doc=000_166a56b2fb6beffc&limit=2", ""},
		{"neighbours_islamic_state_places", "GET", "/api/explore/neighbours?id=" + exQ("<org/islamic-state>") + "&type=place&min_confidence=0.5&limit=3", ""},
		{"paths_clapper_brussels", "GET", "/api/explore/paths?from=" + clapper + "&to=" + exQ("<place/brussels>") + "&k=2", ""},
		{"edge_clapper_role", "GET", "/api/explore/edge?subject=" + clapper + "&predicate=" + exQ("<role>") + "&object=" + exQ(`"Director of National Intelligence"`), ""},
		{"subgraph", "POST", "/api/explore/subgraph", `{"ids":["<person/james-clapper>","<place/brussels>","<attack/2016-brussels-bombings>","<nope/nothing>"]}`},
		{"timeline", "GET", "/api/explore/timeline", ""},
		{"timeline_doc_claims", "GET", "/api/explore/timeline?doc=000_166a56b2fb6beffc&kind=claim", ""},
		{"stats", "GET", "/api/explore/stats", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body []byte
			if tc.body != "" {
				body = []byte(tc.body)
			}
			rec := exDo(t, e, tc.method, tc.target, body)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s %s = %d %s", tc.method, tc.target, rec.Code, rec.Body)
			}
			var v any
			if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			got, _ := json.MarshalIndent(v, "", "  ")
			got = append(got, '\n')
			exGolden(t, filepath.Join("testdata", tc.name+".json"), got)
		})
	}
}

func exGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./web/ -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n%s", path, exFirstDiff(string(want), string(got)))
	}
}

func exFirstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}

// TestExploreAPIBehaviour checks what the golden files do not say outright.
func TestExploreAPIBehaviour(t *testing.T) {
	e := New(exSeededStore(t), Options{})
	get := func(t *testing.T, target string, v any) {
		t.Helper()
		rec := exDo(t, e, "GET", target, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s = %d %s", target, rec.Code, rec.Body)
		}
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("search tolerates typos, case, accents and aliases", func(t *testing.T) {
		for query, want := range map[string]string{
			"clapr":          "<person/james-clapper>",
			"CLAPPER":        "<person/james-clapper>",
			"ISIL":           "<org/islamic-state>",
			"isis":           "<org/islamic-state>",
			"Brüssels":       "<place/brussels>",
			"brusels":        "<place/brussels>",
			"james  clapr":   "<person/james-clapper>",
			"barak obama":    "<person/barack-obama>",
			"Islamic state":  "<org/islamic-state>",
			"salah abdeslam": "<person/salah-abdeslam>",
		} {
			var res struct{ Results []graph.SearchHit }
			get(t, "/api/explore/search?q="+exQ(query), &res)
			if len(res.Results) == 0 || res.Results[0].ID != want {
				t.Errorf("search %q: first hit %+v, want %s", query, res.Results, want)
			}
		}
	})
	t.Run("search type filter", func(t *testing.T) {
		var res struct{ Results []graph.SearchHit }
		get(t, "/api/explore/search?q=brussels&type=attack", &res)
		if len(res.Results) == 0 {
			t.Fatal("no attack found for brussels")
		}
		for _, h := range res.Results {
			if h.Type != "attack" {
				t.Errorf("type filter let through %+v", h)
			}
		}
	})
	t.Run("neighbours paginate and count what is left", func(t *testing.T) {
		var all graph.Neighbourhood
		get(t, "/api/explore/neighbours?limit=500&id="+exQ("<person/james-clapper>"), &all)
		seen := map[string]bool{}
		for off := 0; off < all.Total; off += 4 {
			var page graph.Neighbourhood
			get(t, "/api/explore/neighbours?limit=4&offset="+strconv.Itoa(off)+"&id="+exQ("<person/james-clapper>"), &page)
			if page.Total != all.Total || page.More != max(0, all.Total-off-4) {
				t.Fatalf("offset %d: total %d more %d; want %d and %d", off, page.Total, page.More, all.Total, max(0, all.Total-off-4))
			}
			for _, n := range page.Nodes {
				if seen[n.ID] {
					t.Errorf("%s on two pages", n.ID)
				}
				seen[n.ID] = true
			}
		}
		if len(seen) != all.Total {
			t.Errorf("pages gave %d neighbours, want %d", len(seen), all.Total)
		}
	})
	t.Run("neighbours never include evidence nodes or literals", func(t *testing.T) {
		var nb graph.Neighbourhood
		get(t, "/api/explore/neighbours?limit=500&id="+exQ("<org/islamic-state>"), &nb)
		for _, n := range nb.Nodes {
			if strings.HasPrefix(n.ID, "<ev/") || !strings.HasPrefix(n.ID, "<") {
				t.Errorf("neighbour %s", n.ID)
			}
		}
		for _, e := range nb.Edges {
			if e.Label == "text" || e.Label == "name" || strings.HasPrefix(e.Label, "ev_") {
				t.Errorf("edge %+v is not a relation", e)
			}
		}
	})
	t.Run("node counts match neighbours", func(t *testing.T) {
		var n graph.NodeInfo
		get(t, "/api/explore/node?id="+exQ("<person/james-clapper>"), &n)
		for _, r := range n.Relations {
			var nb graph.Neighbourhood
			get(t, "/api/explore/neighbours?limit=500&id="+exQ("<person/james-clapper>")+"&relation="+exQ(r.Predicate)+"&direction="+r.Direction, &nb)
			if len(nb.Edges) != r.Count {
				t.Errorf("%s %s: node says %d, neighbours give %d edges", r.Label, r.Direction, r.Count, len(nb.Edges))
			}
		}
	})
	t.Run("every hop of every path has a sentence", func(t *testing.T) {
		var res graph.PathResult
		get(t, "/api/explore/paths?k=5&from="+exQ("<person/james-clapper>")+"&to="+exQ("<place/brussels>"), &res)
		if len(res.Paths) == 0 {
			t.Fatal("no path from Clapper to Brussels")
		}
		prev := 0
		for _, p := range res.Paths {
			if p.Length < prev || p.Length > 4 || len(p.Hops) != p.Length || len(p.Nodes) != p.Length+1 {
				t.Errorf("bad path %+v", p.Nodes)
			}
			prev = p.Length
			for _, h := range p.Hops {
				if len(h.Edges) == 0 {
					t.Errorf("hop %s→%s has no edge", h.From, h.To)
				}
				for _, e := range h.Edges {
					if (e.Source != h.From || e.Target != h.To) && (e.Source != h.To || e.Target != h.From) {
						t.Errorf("edge %s→%s is not hop %s→%s", e.Source, e.Target, h.From, h.To)
					}
					if len(e.EvidenceList) == 0 || e.EvidenceList[0].Sentence == "" {
						t.Errorf("hop %s -%s- %s has no sentence", h.From, e.Label, h.To)
					}
				}
			}
		}
	})
	t.Run("document offsets point at the sentences", func(t *testing.T) {
		var d graph.Document
		get(t, "/api/explore/document?id=000_166a56b2fb6beffc", &d)
		if len(d.Facts) == 0 {
			t.Fatal("no facts")
		}
		for _, f := range d.Facts {
			if f.Start < 0 || f.End > len(d.Text) || f.Start >= f.End {
				t.Fatalf("bad offsets %+v", f)
			}
		}
		var ev graph.EdgeDetail
		get(t, "/api/explore/edge?subject="+exQ("<person/james-clapper>")+"&predicate="+exQ("<stated>")+"&object="+exQ("<claim/islamic-state-has-jihadist-cells-in-the-united-kingdom-germany-and-italy>"), &ev)
		if len(ev.Evidence) == 0 {
			t.Fatal("no evidence")
		}
		x := ev.Evidence[0]
		if d.Text[x.Start:x.End] != x.Sentence {
			t.Errorf("text[%d:%d] = %q, want %q", x.Start, x.End, d.Text[x.Start:x.End], x.Sentence)
		}
	})
}

// TestExploreAPIErrors checks that bad parameters are 400s naming the
// parameter and unknown things are 404s, all as {"error": ...}.
func TestExploreAPIErrors(t *testing.T) {
	e := New(exSeededStore(t), Options{})
	clapper := exQ("<person/james-clapper>")
	tests := []struct {
		name, method, target, body string
		status                     int
		mention                    string
	}{
		{"search without q", "GET", "/api/explore/search", "", 400, "q:"},
		{"search bad limit", "GET", "/api/explore/search?q=x&limit=x", "", 400, "limit:"},
		{"search limit too big", "GET", "/api/explore/search?q=x&limit=51", "", 400, "limit:"},
		{"node without id", "GET", "/api/explore/node", "", 400, "id:"},
		{"node literal id", "GET", "/api/explore/node?id=" + exQ(`"text"`), "", 400, "id:"},
		{"node unknown", "GET", "/api/explore/node?id=" + exQ("<person/nobody>"), "", 404, "not found"},
		{"neighbours bad direction", "GET", "/api/explore/neighbours?id=" + clapper + "&direction=up", "", 400, "direction:"},
		{"neighbours bad confidence", "GET", "/api/explore/neighbours?id=" + clapper + "&min_confidence=2", "", 400, "min_confidence:"},
		{"neighbours confidence not a number", "GET", "/api/explore/neighbours?id=" + clapper + "&min_confidence=high", "", 400, "min_confidence:"},
		{"neighbours bad limit", "GET", "/api/explore/neighbours?id=" + clapper + "&limit=-1", "", 400, "limit:"},
		{"neighbours bad offset", "GET", "/api/explore/neighbours?id=" + clapper + "&offset=-1", "", 400, "offset:"},
		{"neighbours literal relation", "GET", "/api/explore/neighbours?id=" + clapper + "&relation=" + exQ(`"x"`), "", 400, "relation:"},
		{"neighbours unknown node", "GET", "/api/explore/neighbours?id=" + exQ("<person/nobody>"), "", 404, "not found"},
		{"paths without from", "GET", "/api/explore/paths?to=" + clapper, "", 400, "from:"},
		{"paths without to", "GET", "/api/explore/paths?from=" + clapper, "", 400, "to:"},
		{"paths same node", "GET", "/api/explore/paths?from=" + clapper + "&to=" + clapper, "", 400, "to:"},
		{"paths too many hops", "GET", "/api/explore/paths?from=" + clapper + "&to=" + exQ("<place/brussels>") + "&max_hops=7", "", 400, "max_hops:"},
		{"paths bad k", "GET", "/api/explore/paths?from=" + clapper + "&to=" + exQ("<place/brussels>") + "&k=-1", "", 400, "k:"},
		{"paths k not a number", "GET", "/api/explore/paths?from=" + clapper + "&to=" + exQ("<place/brussels>") + "&k=many", "", 400, "k:"},
		{"paths unknown from", "GET", "/api/explore/paths?from=" + exQ("<person/nobody>") + "&to=" + clapper, "", 404, "from:"},
		{"paths unknown to", "GET", "/api/explore/paths?from=" + clapper + "&to=" + exQ("<place/atlantis>"), "", 404, "to:"},
		{"edge without object", "GET", "/api/explore/edge?subject=" + clapper + "&predicate=stated", "", 400, "object:"},
		{"edge without subject", "GET", "/api/explore/edge?predicate=stated&object=x", "", 400, "subject:"},
		{"edge unknown", "GET", "/api/explore/edge?subject=" + clapper + "&predicate=stated&object=" + exQ("<place/brussels>"), "", 404, "not found"},
		{"document without id", "GET", "/api/explore/document", "", 400, "id:"},
		{"document unknown", "GET", "/api/explore/document?id=nope", "", 404, "not found"},
		{"timeline bad kind", "GET", "/api/explore/timeline?kind=war", "", 400, "kind:"},
		{"subgraph not JSON", "POST", "/api/explore/subgraph", "ids", 400, "body:"},
		{"subgraph literal", "POST", "/api/explore/subgraph", `{"ids":["\"x\""]}`, 400, "ids[0]:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body []byte
			if tc.body != "" {
				body = []byte(tc.body)
			}
			rec := exDo(t, e, tc.method, tc.target, body)
			if rec.Code != tc.status {
				t.Fatalf("%s %s = %d %s, want %d", tc.method, tc.target, rec.Code, rec.Body, tc.status)
			}
			var res struct{ Error string }
			if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || res.Error == "" {
				t.Fatalf("body %s is not {\"error\": ...}", rec.Body)
			}
			if !strings.Contains(res.Error, tc.mention) {
				t.Errorf("error %q does not mention %q", res.Error, tc.mention)
			}
		})
	}
}

// TestSearchIndexFollowsWrites checks that the in-memory search index is
// rebuilt after a write and after a delete.
func TestSearchIndexFollowsWrites(t *testing.T) {
	s, err := exNewSeededStore()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e := New(s, testOptions)
	search := func() int {
		var res struct{ Results []graph.SearchHit }
		rec := exDo(t, e, "GET", "/api/explore/search?q=zebulon", nil)
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		return len(res.Results)
	}
	if n := search(); n != 0 {
		t.Fatalf("zebulon found %d times before the write", n)
	}
	quads := `[{"subject":"<person/zebulon-pike>","predicate":"<type>","object":"<Person>"},{"subject":"<person/zebulon-pike>","predicate":"<name>","object":"\"Zebulon Pike\""}]`
	if rec := exDo(t, e, "POST", "/api/v1/write", []byte(quads)); rec.Code != 200 {
		t.Fatalf("write: %d %s", rec.Code, rec.Body)
	}
	if n := search(); n != 1 {
		t.Fatalf("zebulon found %d times after the write, want 1", n)
	}
	if rec := exDo(t, e, "POST", "/api/v1/delete", []byte(quads)); rec.Code != 200 {
		t.Fatalf("delete: %d %s", rec.Code, rec.Body)
	}
	if n := search(); n != 0 {
		t.Fatalf("zebulon found %d times after the delete, want 0", n)
	}
}

// TestOpenAPIMatchesRouter checks that web/openapi.json describes every
// route of the router and nothing else.
func TestOpenAPIMatchesRouter(t *testing.T) {
	e := New(exSeededStore(t), Options{})
	rec := exDo(t, e, "GET", "/api/openapi.json", nil)
	if rec.Code != 200 {
		t.Fatalf("GET /api/openapi.json = %d", rec.Code)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	inFile := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			if m == "parameters" || m == "summary" || m == "description" {
				continue
			}
			inFile[strings.ToUpper(m)+" "+p] = true
		}
	}
	param := regexp.MustCompile(`:([A-Za-z_]+)`)
	inRouter := map[string]bool{}
	for _, r := range e.Routes() {
		if r.Method == echo.RouteNotFound || strings.HasPrefix(r.Method, "echo_") {
			continue
		}
		p := param.ReplaceAllString(r.Path, "{$1}")
		p = strings.Replace(p, "*", "{path}", 1)
		inRouter[r.Method+" "+p] = true
	}
	var missing, extra []string
	for k := range inRouter {
		if !inFile[k] {
			missing = append(missing, k)
		}
	}
	for k := range inFile {
		if !inRouter[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes missing from web/openapi.json: %v", missing)
	}
	if len(extra) > 0 {
		t.Errorf("routes in web/openapi.json the router lacks: %v", extra)
	}
	if len(inRouter) < 20 {
		t.Errorf("only %d routes in the router", len(inRouter))
	}
}

// TestSecurityHeaders checks the Content-Security-Policy on the page and the API.
func TestSecurityHeaders(t *testing.T) {
	e := New(exSeededStore(t), Options{})
	for _, target := range []string{"/", "/js/app.js", "/app.css", "/api/explore/stats", "/api/explore/node?id=nope"} {
		rec := exDo(t, e, "GET", target, nil)
		csp := rec.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", target, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") || strings.Contains(csp, "http") {
			t.Errorf("%s: CSP %q allows inline code or a remote origin", target, csp)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", target)
		}
	}
}

// TestPageHasNoInlineCode checks the static files against the CSP: no
// inline script or style, no inline event handler, no eval, no remote URL.
func TestPageHasNoInlineCode(t *testing.T) {
	inlineScript := regexp.MustCompile(`(?is)<script(?:\s[^>]*)?>\s*[^<\s]`)
	handler := regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	for _, name := range []string{"static/index.html"} {
		data, err := static.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		html := string(data)
		if inlineScript.MatchString(html) {
			t.Errorf("%s has an inline script", name)
		}
		if strings.Contains(strings.ToLower(html), "<style") || regexp.MustCompile(`(?i)\sstyle\s*=`).MatchString(html) {
			t.Errorf("%s has inline style", name)
		}
		if handler.MatchString(html) {
			t.Errorf("%s has an inline event handler", name)
		}
		if regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//`).MatchString(html) {
			t.Errorf("%s loads from a remote origin", name)
		}
	}
	err := fs.WalkDir(static, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(name, "static/vendor/") || !strings.HasSuffix(name, ".js") {
			return err
		}
		data, err := static.ReadFile(name)
		if err != nil {
			return err
		}
		js := string(data)
		for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('style'", `setAttribute("style"`} {
			if strings.Contains(js, bad) {
				t.Errorf("%s uses %s", name, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
