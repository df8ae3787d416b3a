package web

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"newsgraph/graph"
)

// gizmoCase is one case of Cayley v0.7.7's query/gizmo tests (gizmo_test.go,
// Apache 2.0, © The Cayley Authors), dumped to testdata with its expected
// results unchanged.
type gizmoCase struct {
	Message string   `json:"message"`
	Query   string   `json:"query"`
	Limit   int      `json:"limit"`
	Tag     string   `json:"tag"`
	File    string   `json:"file"`
	Data    []string `json:"data"`
	Expect  []string `json:"expect"`
	Err     bool     `json:"err"`
	// Upstream is what Cayley's own session gives under the JSON collation
	// its HTTP API uses, one JSON value per result.
	Upstream []json.RawMessage `json:"upstream_json"`
}

// collationDiffers lists cases whose upstream expectations are written in
// the raw collation in a way JSON cannot show (a script's last expression,
// which Cayley's HTTP API drops; IRIs emitted as plain strings; integers
// printed with a namespace). Their JSON answers are still checked against
// upstream's JSON.
var collationDiffers = map[string]bool{
	"show Count": true, "default namespaces": true, "add namespace": true, "recursive follow tag": true,
}

func loadedServer(t *testing.T, file string, nquads string) *echo.Echo {
	t.Helper()
	ctx := context.Background()
	store, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	var r *strings.Reader
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r = strings.NewReader(string(data))
	} else {
		r = strings.NewReader(nquads)
	}
	if _, err := store.LoadNQuads(ctx, "data.nq", r); err != nil {
		t.Fatal(err)
	}
	return New(store, Options{})
}

// TestCayleyGizmoCases runs upstream's Gizmo test cases through
// POST /api/v1/query/gizmo on Cayley's own data/testdata.nq.
func TestCayleyGizmoCases(t *testing.T) {
	raw, err := os.ReadFile("testdata/cayley_gizmo_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []gizmoCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	simple := loadedServer(t, cayleyData(t, "testdata.nq"), "")
	multi := loadedServer(t, cayleyData(t, "testdata_multigraph.nq"), "")
	for _, c := range cases {
		t.Run(c.Message, func(t *testing.T) {
			srv := simple
			switch {
			case c.Data != nil:
				srv = loadedServer(t, "", strings.Join(c.Data, "\n"))
			case c.File != "":
				srv = multi
			}
			limit := c.Limit
			if limit == 0 {
				limit = -1
			}
			code, body := do(t, srv, http.MethodPost, "/api/v1/query/gizmo?limit="+url.QueryEscape(fmt.Sprint(limit)), "application/x-www-form-urlencoded", c.Query)
			var resp struct {
				Result []any  `json:"result"`
				Error  string `json:"error"`
			}
			if err := json.Unmarshal([]byte(body), &resp); err != nil {
				t.Fatalf("answer is not JSON: %v: %s", err, body)
			}
			if c.Err {
				if resp.Error == "" || code != http.StatusBadRequest {
					t.Errorf("want an error with 400, got %d %s", code, body)
				}
				return
			}
			if code != http.StatusOK || resp.Error != "" {
				t.Fatalf("HTTP %d: %s", code, body)
			}
			if got, want := canonical(t, resp.Result), canonicalRaw(t, c.Upstream); !reflect.DeepEqual(got, want) {
				t.Errorf("JSON answer differs from upstream's:\ngot  %s\nwant %s", got, want)
			}
			if collationDiffers[c.Message] {
				return
			}
			tag := c.Tag
			if tag == "" {
				tag = "id"
			}
			got := collate(resp.Result, tag)
			want := append([]string(nil), c.Expect...)
			sort.Strings(got)
			sort.Strings(want)
			if len(got) == 0 && len(want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		})
	}
}

// collate turns JSON results back into upstream's test strings: a tagged
// value in Cayley's string form, an emitted value as fmt.Sprint shows it.
func collate(results []any, tag string) []string {
	var out []string
	for _, r := range results {
		if m, ok := r.(map[string]any); ok {
			if v, ok := m[tag]; ok {
				out = append(out, nodeString(v))
			}
			continue
		}
		out = append(out, emitted(r))
	}
	return out
}

// nodeString renders a JSON-collated node as upstream's raw collation does:
// strings as they are, integers as typed literals.
func nodeString(v any) string {
	if f, ok := v.(float64); ok && f == math.Trunc(f) {
		return fmt.Sprintf("%q^^<http://schema.org/Integer>", fmt.Sprint(int64(f)))
	}
	return fmt.Sprint(v)
}

func emitted(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		if v == math.Trunc(v) {
			return fmt.Sprint(int64(v))
		}
	}
	return fmt.Sprint(v)
}

// canonical renders results as sorted JSON texts, for order-free comparison.
func canonical(t *testing.T, results []any) []string {
	out := []string{}
	for _, r := range results {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	sort.Strings(out)
	return out
}

func canonicalRaw(t *testing.T, raws []json.RawMessage) []string {
	var vals []any
	for _, r := range raws {
		var v any
		if err := json.Unmarshal(r, &v); err != nil {
			t.Fatal(err)
		}
		vals = append(vals, v)
	}
	return canonical(t, vals)
}
