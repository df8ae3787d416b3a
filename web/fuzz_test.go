package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// fuzzServer is the router over the seed store, with a short query deadline
// so that fuzzed runaway queries end quickly.
func fuzzServer(f *testing.F) *echo.Echo {
	f.Helper()
	store, err := exNewSeededStore()
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { store.Close() })
	return New(store, Options{QueryTimeout: 300 * time.Millisecond, Logger: log.New(io.Discard, "", 0)})
}

// fuzzServe sends req through the router and checks the answer is not a
// server error (bar the gate's 503 and a deadline's 408) and that any error
// is {"error": ...}.
func fuzzServe(t *testing.T, e *echo.Echo, req *http.Request, allowed ...int) {
	t.Helper()
	// A request that hangs is a bug too: the query deadline is 300 ms. A
	// panic on another goroutine ends the worker, and the fuzzer keeps the
	// input as a crasher.
	watchdog := time.AfterFunc(10*time.Second, func() {
		panic(fmt.Sprintf("%s %s did not answer in 10 s", req.Method, req.URL))
	})
	defer watchdog.Stop()
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	code := rec.Code
	ok := code < 500
	for _, a := range allowed {
		ok = ok || code == a
	}
	if !ok {
		t.Fatalf("%s %s = %d %.300s", req.Method, req.URL, code, rec.Body)
	}
	if code >= 400 {
		var res struct{ Error string }
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || res.Error == "" {
			t.Fatalf("%s %s = %d with a body that is not {\"error\": ...}: %.300s", req.Method, req.URL, code, rec.Body)
		}
	}
}

// FuzzQueryRequest: whatever the language, limit, method and body, the query
// endpoints answer 2xx or 4xx (503 and 408 from the gate and the deadline),
// never a panic or a 500.
func FuzzQueryRequest(f *testing.F) {
	f.Add(uint8(0), "gizmo", "", `g.V("<person/james-clapper>").Out("<stated>").Out("<text>").All()`)
	f.Add(uint8(1), "gizmo", "2", `g.V().Has("<type>", "<Person>").All()`)
	f.Add(uint8(2), "gizmo", "-1", `g.V("<org/islamic-state>").In("<perpetrator>").All()`)
	f.Add(uint8(0), "gizmo", "", `var n = 0; while (true) { n++ }`)
	f.Add(uint8(0), "gizmo", "ten", `g.V(`)
	f.Add(uint8(0), "graphql", "", `{ a(id: <attack/2016-brussels-bombings>) { killed: <killed> place: <attack_location> } }`)
	f.Add(uint8(1), "graphql", "", `{ a(`)
	f.Add(uint8(0), "mql", "", `[{"id": "<person/james-clapper>", "<role>": []}]`)
	f.Add(uint8(1), "mql", "1", `[{"id": null}]`)
	f.Add(uint8(0), "sparql", "", `SELECT * WHERE { ?s ?p ?o }`)
	f.Add(uint8(1), "", "", ``)
	f.Add(uint8(2), "gizmo", "99999999999999999999", "g.V(\"\xff\").All()")
	f.Add(uint8(0), "gizmo", "", `g.Emit(new Array(10).join("x")); g.V().Tag("a").Out().Tag("b").All()`)
	e := fuzzServer(f)
	f.Fuzz(func(t *testing.T, mode uint8, lang, limit, body string) {
		var target string
		method := http.MethodPost
		params := url.Values{}
		if limit != "" {
			params.Set("limit", limit)
		}
		switch mode % 3 {
		case 0:
			target = "/api/v1/query/" + url.PathEscape(lang)
		case 1:
			params.Set("lang", lang)
			target = "/api/v2/query"
		case 2:
			method = http.MethodGet
			params.Set("lang", lang)
			params.Set("qu", body)
			target = "/api/v2/query"
			body = ""
		}
		if len(params) > 0 {
			target += "?" + params.Encode()
		}
		req, err := http.NewRequestWithContext(context.Background(), method, target, strings.NewReader(body))
		if err != nil {
			return
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		fuzzServe(t, e, req, http.StatusServiceUnavailable, http.StatusRequestTimeout)
	})
}

// FuzzExploreParams: whatever the parameters of the explorer's API (search,
// node, neighbours, paths, edge, document, timeline), the answer is 2xx or
// 4xx.
func FuzzExploreParams(f *testing.F) {
	clapper, brussels := "<person/james-clapper>", "<place/brussels>"
	f.Add(uint8(0), "clapr", "person,org", "3", "", "")
	f.Add(uint8(0), "BRÜSSELS", "place", "51", "", "")
	f.Add(uint8(0), "", "", "x", "", "")
	f.Add(uint8(1), clapper, "", "", "", "")
	f.Add(uint8(1), `"text"`, "", "", "", "")
	f.Add(uint8(2), clapper, "<stated>", "5", "out", "0.5")
	f.Add(uint8(2), clapper, "stated,role", "-1", "up", "2")
	f.Add(uint8(2), "<person/nobody>", "", "1", "both", "high")
	f.Add(uint8(3), clapper, brussels, "3", "2", "")
	f.Add(uint8(3), clapper, clapper, "7", "-1", "")
	f.Add(uint8(3), "<person/nobody>", "<place/atlantis>", "many", "", "")
	f.Add(uint8(4), "<attack/2016-brussels-bombings>", "killed", `"34"^^<http://schema.org/Integer>`, "", "")
	f.Add(uint8(4), clapper, "stated", "", "", "")
	f.Add(uint8(5), "000_166a56b2fb6beffc", "", "", "", "")
	f.Add(uint8(6), "attack", "001_bbfe1794f1e0f29f", "", "", "")
	f.Add(uint8(6), "war", "", "", "", "")
	e := fuzzServer(f)
	f.Fuzz(func(t *testing.T, endpoint uint8, a, b, c, d, g string) {
		p := url.Values{}
		set := func(k, v string) {
			if v != "" {
				p.Set(k, v)
			}
		}
		var path string
		switch endpoint % 7 {
		case 0:
			path = "search"
			set("q", a)
			set("type", b)
			set("limit", c)
		case 1:
			path = "node"
			set("id", a)
		case 2:
			path = "neighbours"
			set("id", a)
			set("relation", b)
			set("limit", c)
			set("direction", d)
			set("min_confidence", g)
			set("offset", g)
			set("type", b)
			set("doc", d)
		case 3:
			path = "paths"
			set("from", a)
			set("to", b)
			set("max_hops", c)
			set("k", d)
		case 4:
			path = "edge"
			set("subject", a)
			set("predicate", b)
			set("object", c)
		case 5:
			path = "document"
			set("id", a)
		case 6:
			path = "timeline"
			set("kind", a)
			set("doc", b)
		}
		req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, "/api/explore/"+path+"?"+p.Encode(), nil)
		if err != nil {
			return
		}
		fuzzServe(t, e, req)
	})
}
