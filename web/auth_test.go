package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// readPOSTs are POST routes that only read: queries and their kin. Every
// other route that is not a GET changes the graph and needs a token.
var readPOSTs = map[string]bool{
	"/api/v1/query/:lang":   true,
	"/api/v2/query":         true,
	"/api/v2/read":          true,
	"/api/explore/subgraph": true,
	"/api/export":           true,
}

// TestWritesNeedAToken walks the router: every route that changes the graph
// answers 401 without a token or with a wrong one, 403 on a read-only server,
// and lets the right token through; reads need no token.
func TestWritesNeedAToken(t *testing.T) {
	store := exSeededStore(t)
	withTokens := New(store, testOptions)
	readOnly := New(store, Options{})
	var writes int
	for _, r := range withTokens.Routes() {
		if r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == "echo_route_not_found" ||
			strings.HasSuffix(r.Path, "/*") || readPOSTs[r.Path] {
			continue
		}
		writes++
		path := strings.ReplaceAll(r.Path, ":lang", "gizmo")
		t.Run(r.Method+" "+r.Path, func(t *testing.T) {
			send := func(h http.Handler, auth string) *httptest.ResponseRecorder {
				req := httptest.NewRequest(r.Method, path, strings.NewReader(`[]`))
				req.Header.Set("Content-Type", "application/json")
				if auth != "" {
					req.Header.Set("Authorization", auth)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec
			}
			cases := []struct {
				name string
				h    http.Handler
				auth string
				want func(int) bool
			}{
				{"no token", withTokens, "", func(c int) bool { return c == http.StatusUnauthorized }},
				{"wrong token", withTokens, "Bearer " + strings.Repeat("x", len(testToken.Secret)), func(c int) bool { return c == http.StatusUnauthorized }},
				{"not a bearer token", withTokens, "Basic " + testToken.Secret, func(c int) bool { return c == http.StatusUnauthorized }},
				{"read-only server", readOnly, "Bearer " + testToken.Secret, func(c int) bool { return c == http.StatusForbidden }},
				{"right token", withTokens, "Bearer " + testToken.Secret, func(c int) bool { return c != http.StatusUnauthorized && c != http.StatusForbidden && c < 500 }},
			}
			for _, c := range cases {
				rec := send(c.h, c.auth)
				if !c.want(rec.Code) {
					t.Errorf("%s: %d %s", c.name, rec.Code, rec.Body)
				}
				if rec.Code == http.StatusUnauthorized && rec.Header().Get("WWW-Authenticate") == "" {
					t.Errorf("%s: 401 without WWW-Authenticate", c.name)
				}
			}
		})
	}
	if writes < 6 {
		t.Errorf("found %d write routes; want at least the six Cayley write and delete routes", writes)
	}
	t.Run("reads are open", func(t *testing.T) {
		for _, target := range []string{"/api/stats", "/api/explore/search?q=clapper", "/"} {
			rec := httptest.NewRecorder()
			readOnly.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
			if rec.Code != http.StatusOK {
				t.Errorf("GET %s without a token: %d", target, rec.Code)
			}
		}
		rec := httptest.NewRecorder()
		readOnly.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/v1/query/gizmo", strings.NewReader(`g.V("<person/james-clapper>").All()`)))
		if rec.Code != http.StatusOK {
			t.Errorf("a query without a token: %d %s", rec.Code, rec.Body)
		}
	})
}

func TestParseTokens(t *testing.T) {
	cases := []struct {
		name, in string
		want     []Token
		err      string
	}{
		{"named", "alice:0123456789abcdef\n", []Token{{"alice", "0123456789abcdef"}}, ""},
		{"bare", "0123456789abcdef", []Token{{"admin", "0123456789abcdef"}}, ""},
		{"comments and blanks", "# tokens\n\nbob: 0123456789abcdef \n", []Token{{"bob", "0123456789abcdef"}}, ""},
		{"too short", "carol:short", nil, "tokens.txt:1: token is too short"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseTokens(strings.NewReader(c.in), "tokens.txt")
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("token %d = %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}
