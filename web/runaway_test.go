package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRunawayQueries runs four `while(true){}` Gizmo queries at once on a
// real server and, while they spin, ordinary queries and explorer calls:
// those must keep answering with p90 under 50 ms, and every runaway must be
// cut off with a clear answer (503 with Retry-After when it lost its core to
// the others, or 400 when it reached the query deadline).
func TestRunawayQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("spins CPU-bound queries for several seconds")
	}
	srv := httptest.NewServer(New(exSeededStore(t), Options{QueryTimeout: 3 * time.Second}))
	defer srv.Close()
	client := srv.Client()
	post := func(lang, q string) (*http.Response, []byte, error) {
		resp, err := client.Post(srv.URL+"/api/v1/query/"+lang, "text/plain", strings.NewReader(q))
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp, b, err
	}
	// Warm up: the seeded store's caches and the HTTP connections.
	for range 5 {
		if _, _, err := post("gizmo", `g.V("<person/james-clapper>").Out("<name>").All()`); err != nil {
			t.Fatal(err)
		}
	}

	type answer struct {
		code  int
		retry string
		body  string
		took  time.Duration
	}
	runaways := make([]answer, 4)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range runaways {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			resp, body, err := post("gizmo", `var i = 0; while (true) { i++; }`)
			if err != nil {
				runaways[i] = answer{body: err.Error()}
				return
			}
			runaways[i] = answer{resp.StatusCode, resp.Header.Get("Retry-After"), string(body), time.Since(t0)}
		}()
	}
	time.Sleep(300 * time.Millisecond) // let them all start spinning

	ordinary := []struct{ method, path, body string }{
		{"POST", "/api/v1/query/gizmo", `g.V("<person/james-clapper>").Out("<stated>").Out("<name>").All()`},
		{"GET", "/api/explore/search?q=clapper", ""},
		{"GET", "/api/explore/node?id=" + exQ("<org/islamic-state>"), ""},
		{"POST", "/api/v1/query/graphql", `{ nodes(id: "<person/james-clapper>") { id name } }`},
		{"GET", "/api/stats", ""},
	}
	var lat []time.Duration
	for time.Since(start) < 2500*time.Millisecond {
		for _, o := range ordinary {
			req, _ := http.NewRequest(o.method, srv.URL+o.path, strings.NewReader(o.body))
			t0 := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			lat = append(lat, time.Since(t0))
			if resp.StatusCode != http.StatusOK {
				t.Errorf("%s %s while runaways spin: %d", o.method, o.path, resp.StatusCode)
			}
		}
	}
	wg.Wait()

	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p50, p90 := lat[len(lat)/2], lat[len(lat)*9/10]
	t.Logf("%d ordinary requests on %d cores while 4 runaways spun: p50 %v, p90 %v, max %v", len(lat), runtime.GOMAXPROCS(0), p50, p90, lat[len(lat)-1])
	if p90 > 50*time.Millisecond {
		t.Errorf("p90 of ordinary requests %v, want under 50ms", p90)
	}
	for i, a := range runaways {
		var e struct{ Error string }
		_ = json.Unmarshal([]byte(a.body), &e)
		switch {
		case a.code == http.StatusServiceUnavailable && a.retry != "" && strings.Contains(e.Error, "busy"):
		case a.code == http.StatusBadRequest && strings.Contains(e.Error, "deadline"):
		default:
			t.Errorf("runaway %d: %d Retry-After=%q %s after %v; want 503 with Retry-After or 400 naming the deadline", i, a.code, a.retry, a.body, a.took)
		}
		if a.took > 4*time.Second {
			t.Errorf("runaway %d ran %v, past its 3s deadline", i, a.took)
		}
	}
}
