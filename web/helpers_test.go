package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"newsgraph/graph"
	"newsgraph/seeds"
)

// seededServer returns the router over a memory store seeded from seeds/.
func seededServer(t *testing.T) *echo.Echo {
	t.Helper()
	store, err := graph.Open(context.Background(), "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Seed(context.Background(), seeds.FS); err != nil {
		t.Fatal(err)
	}
	return New(store, testOptions)
}

// testToken may write to the servers the tests build; do and exDo send it.
var testToken = Token{Name: "tester", Secret: "test-secret-0123456789"}

var testOptions = Options{Tokens: []Token{testToken}}

// do sends one request through the router (so the error handler runs).
func do(t *testing.T, e http.Handler, method, target, contentType, body string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Authorization", "Bearer "+testToken.Secret)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Body)
	return rec.Code, string(b)
}

// cayleyDir is the module-cache directory of Cayley v0.7.7 (its data/ holds
// upstream's test graphs).
func cayleyDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", "github.com/cayleygraph/cayley@v0.7.7").Output()
	if err != nil {
		t.Fatalf("go mod download cayley: %v", err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		t.Fatalf("go mod download cayley: no Dir in %s", out)
	}
	return m.Dir
}

func cayleyData(t *testing.T, name string) string {
	return filepath.Join(cayleyDir(t), "data", name)
}
