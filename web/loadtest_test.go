package web

import (
	"bufio"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The load test: a real http.Server around the router over the seed store,
// on 127.0.0.1, and a Go load generator that runs mixed explorer reads and
// Gizmo queries at 64 connections. docs/reliability.md has its figures.
const (
	loadConns    = 64
	loadWarmup   = 10_000
	loadRequests = 100_000
)

// loadMix is the requests the generator cycles through: searches, nodes,
// neighbours, paths, edges and documents of the explorer, and Gizmo queries
// through /api/v2/query.
func loadMix() []loadReq {
	q := url.QueryEscape
	clapper, brussels, is := q("<person/james-clapper>"), q("<place/brussels>"), q("<org/islamic-state>")
	bombings := q("<attack/2016-brussels-bombings>")
	gizmo := func(src string) loadReq {
		return loadReq{"POST", "/api/v2/query?lang=gizmo", src}
	}
	return []loadReq{
		{"GET", "/api/explore/search?q=clapr&limit=5", ""},
		{"GET", "/api/explore/search?q=BR%C3%9CSSELS&type=place", ""},
		{"GET", "/api/explore/search?q=isil", ""},
		{"GET", "/api/explore/node?id=" + clapper, ""},
		{"GET", "/api/explore/node?id=" + bombings, ""},
		{"GET", "/api/explore/neighbours?id=" + is + "&limit=20", ""},
		{"GET", "/api/explore/neighbours?id=" + clapper + "&direction=out", ""},
		{"GET", "/api/explore/paths?from=" + clapper + "&to=" + brussels, ""},
		{"GET", "/api/explore/edge?subject=" + bombings + "&predicate=killed&object=" + q(`"34"^^<http://schema.org/Integer>`), ""},
		{"GET", "/api/explore/document?id=001_bbfe1794f1e0f29f", ""},
		{"GET", "/api/explore/node?id=" + q("<person/nobody>"), ""}, // a 404 is part of any real mix
		gizmo(`g.V("<person/james-clapper>").Out("<stated>").Out("<text>").All()`),
		gizmo(`g.V("<attack/2016-brussels-bombings>").Out("<killed>").All()`),
		gizmo(`g.V("<org/islamic-state>").In("<perpetrator>").All()`),
		gizmo(`g.V("<place/germany>").In("<about>").Tag("claim").In("<stated>").Tag("speaker").All()`),
		gizmo(`g.V().Has("<type>", "<Person>").Limit(20).All()`),
	}
}

type loadReq struct{ method, path, body string }

// loadStats is what one phase of the generator saw.
type loadStats struct {
	codes   map[int]int
	lat     []time.Duration
	elapsed time.Duration
	errs    int
	firstEr string
}

// runLoad sends n requests from the mix over conns connections.
func runLoad(client *http.Client, base string, mix []loadReq, n, conns int) loadStats {
	var next atomic.Int64
	lat := make([]time.Duration, n)
	var mu sync.Mutex
	st := loadStats{codes: map[int]int{}}
	var wg sync.WaitGroup
	start := time.Now()
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes := map[int]int{}
			errs, firstErr := 0, ""
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					break
				}
				r := mix[i%len(mix)]
				req, _ := http.NewRequest(r.method, base+r.path, strings.NewReader(r.body))
				if r.body != "" {
					req.Header.Set("Content-Type", "text/plain")
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					errs++
					if firstErr == "" {
						firstErr = err.Error()
					}
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t0)
				codes[resp.StatusCode]++
			}
			mu.Lock()
			for c, k := range codes {
				st.codes[c] += k
			}
			st.errs += errs
			if st.firstEr == "" {
				st.firstEr = firstErr
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	st.elapsed = time.Since(start)
	st.lat = lat
	return st
}

// rssKB is this process's resident set size (VmRSS) in KiB.
func rssKB(t *testing.T) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb
		}
	}
	t.Fatal("no VmRSS in /proc/self/status")
	return 0
}

// settledGoroutines waits up to 5 s for the goroutine count to fall to
// want or below, and returns the last count.
func settledGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); n > want && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		time.Sleep(50 * time.Millisecond)
	}
	return n
}

// TestLoad runs 100k mixed reads and Gizmo queries at 64 connections
// against a real server and checks: no 5xx and no transport error, no
// goroutine left behind once the server is shut down, and memory flat (RSS
// after the run at most 1.2× RSS after a warm-up of 10k requests).
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("100k requests; skipped with -short")
	}
	store, err := exNewSeededStore()
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	runtime.GC()
	goroutinesBefore := runtime.NumGoroutine()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{
		Handler:           New(store, Options{Logger: log.New(io.Discard, "", 0)}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	transport := &http.Transport{MaxIdleConns: loadConns, MaxIdleConnsPerHost: loadConns, MaxConnsPerHost: loadConns}
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	base := "http://" + ln.Addr().String()
	mix := loadMix()

	warm := runLoad(client, base, mix, loadWarmup, loadConns)
	runtime.GC()
	rssWarm := rssKB(t)
	st := runLoad(client, base, mix, loadRequests, loadConns)
	runtime.GC()
	rssAfter := rssKB(t)

	transport.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	<-served
	goroutinesAfter := settledGoroutines(goroutinesBefore)

	slices.Sort(st.lat)
	p := func(q float64) time.Duration { return st.lat[int(q*float64(len(st.lat)-1))] }
	fivexx := 0
	for c, n := range st.codes {
		if c >= 500 {
			fivexx += n
		}
	}
	for c, n := range warm.codes {
		if c >= 500 {
			fivexx += n
		}
	}
	t.Logf("%d requests (%d kinds) at %d connections in %v: %.0f req/s; p50 %v, p90 %v, p99 %v, max %v; statuses %v",
		loadRequests, len(mix), loadConns, st.elapsed.Round(time.Millisecond), float64(loadRequests)/st.elapsed.Seconds(),
		p(0.5).Round(10*time.Microsecond), p(0.9).Round(10*time.Microsecond), p(0.99).Round(10*time.Microsecond), st.lat[len(st.lat)-1].Round(time.Millisecond), st.codes)
	t.Logf("RSS %d KiB after %d warm-up requests, %d KiB after the run (×%.3f); goroutines %d before, %d after",
		rssWarm, loadWarmup, rssAfter, float64(rssAfter)/float64(rssWarm), goroutinesBefore, goroutinesAfter)

	if fivexx > 0 || st.errs > 0 || warm.errs > 0 {
		t.Errorf("%d responses were 5xx and %d requests failed (first: %s); statuses %v, warm-up %v",
			fivexx, st.errs+warm.errs, st.firstEr+warm.firstEr, st.codes, warm.codes)
	}
	if want := loadRequests - loadRequests/len(mix); st.codes[200] < want {
		t.Errorf("%d answers were 200, want at least %d (all but the 404s)", st.codes[200], want)
	}
	if goroutinesAfter > goroutinesBefore {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutine leak: %d before, %d after\n%s", goroutinesBefore, goroutinesAfter, buf[:runtime.Stack(buf, true)])
	}
	if float64(rssAfter) > 1.2*float64(rssWarm) {
		t.Errorf("memory grew: RSS %d KiB after warm-up, %d KiB after the run (> 1.2×)", rssWarm, rssAfter)
	}
}
