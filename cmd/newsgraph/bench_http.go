package main

// The bench's HTTP side: Gizmo queries timed through the query endpoint,
// and a closed-loop load generator for the explorer API.

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

// latencies are request durations; percentiles use the nearest rank.
type latencies []time.Duration

func (l latencies) pct(p float64) time.Duration {
	if len(l) == 0 {
		return 0
	}
	s := append(latencies(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(float64(len(s))*p/100+0.999999) - 1
	return s[max(0, min(i, len(s)-1))]
}

// gizmoQuery is one of the movie queries of Cayley's documentation.
type gizmoQuery struct {
	name string
	src  string
}

// movieQueries are written in ES5 (Cayley v0.7.7's goja has no arrow
// functions, let or template strings) and end in All or Emit.
var movieQueries = []gizmoQuery{
	{"lookup by name", `g.V().Has("<name>", "Humphrey Bogart").All()`},
	{"cast of a film (docs' complex path)", `g.V().Has("<name>", "Casablanca").Out("</film/film/starring>").Out("</film/performance/actor>").Out("<name>").All()`},
	{"films of an actor", `g.V().Has("<name>", "Humphrey Bogart").In("</film/performance/actor>").In("</film/film/starring>").Out("<name>").All()`},
	{"co-stars of an actor", `g.V().Has("<name>", "Humphrey Bogart").In("</film/performance/actor>").In("</film/film/starring>").Out("</film/film/starring>").Out("</film/performance/actor>").Unique().Out("<name>").All()`},
	{"films with more than 60 cast members", `g.V().Has("<type>", "</film/film>").ForEach(function(f) {
  var n = g.V(f.id).Out("</film/film/starring>").Count();
  if (n > 60) { g.Emit({film: f.id, cast: n}); }
})`},
	{"FollowRecursive: co-stars of co-stars of Kevin Bacon", `var coStar = g.M().In("</film/performance/actor>").In("</film/film/starring>").Out("</film/film/starring>").Out("</film/performance/actor>");
g.Emit(g.V().Has("<name>", "Kevin Bacon").FollowRecursive(coStar, 2).Count())`},
}

// gizmoRun is one query's timings and canonical result on one server.
type gizmoRun struct {
	lat    latencies
	result string // canonical: the rows' JSON, sorted
	rows   int
	err    error
}

// timeGizmo runs each query once to warm up (and to keep its result), then
// again until budget is spent, at least minRuns and at most maxRuns times.
func timeGizmo(ctx context.Context, base string, queries []gizmoQuery, budget time.Duration, minRuns, maxRuns int, logf func(string, ...any)) []gizmoRun {
	out := make([]gizmoRun, len(queries))
	for i, q := range queries {
		r := &out[i]
		res, err := postQuery(ctx, base, "gizmo", q.src, -1)
		if err != nil {
			r.err = err
			logf("    %-52s error: %v", q.name, err)
			continue
		}
		r.result, r.rows = canonical(res)
		start := time.Now()
		for n := 0; n < maxRuns && (n < minRuns || time.Since(start) < budget); n++ {
			t := time.Now()
			if _, err := postQuery(ctx, base, "gizmo", q.src, -1); err != nil {
				r.err = err
				break
			}
			r.lat = append(r.lat, time.Since(t))
		}
		logf("    %-52s %5d rows  p50 %-9s p99 %-9s (%d runs)", q.name, r.rows, ms(r.lat.pct(50)), ms(r.lat.pct(99)), len(r.lat))
	}
	return out
}

// canonical orders a result's rows so two servers' answers compare equal
// whatever order their iterators gave.
func canonical(res json.RawMessage) (string, int) {
	var rows []any
	if err := json.Unmarshal(res, &rows); err != nil {
		return string(res), 0
	}
	keys := make([]string, len(rows))
	for i, r := range rows {
		b, _ := json.Marshal(r) // map keys come out sorted
		keys[i] = string(b)
	}
	sort.Strings(keys)
	return strings.Join(keys, "\n"), len(rows)
}

// loadResult is what a load-generator run measured.
type loadResult struct {
	requests int
	errors   int
	firstErr string
	lat      latencies
	elapsed  time.Duration
}

func (r loadResult) rate() float64 { return float64(r.requests) / r.elapsed.Seconds() }

// hammer sends GET requests made by next from conns connections for d,
// each connection waiting for its answer before sending the next.
func hammer(ctx context.Context, conns int, d time.Duration, next func(rnd *rand.Rand) string) loadResult {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	var total loadResult
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(seed, 7))
			var lat latencies
			n, errs, first := 0, 0, ""
			for ctx.Err() == nil {
				u := next(rnd)
				t := time.Now()
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
				resp, err := benchClient.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("%s: HTTP %d", u, resp.StatusCode)
					}
				}
				if ctx.Err() != nil {
					break // the run ended during this request: not counted
				}
				n++
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
					continue
				}
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			total.requests += n
			total.errors += errs
			if total.firstErr == "" {
				total.firstErr = first
			}
			total.lat = append(total.lat, lat...)
			mu.Unlock()
		}(uint64(c + 1))
	}
	wg.Wait()
	total.elapsed = time.Since(start)
	return total
}

// movieSample is what the bench picks its requests from: nodes of the
// loaded data with their names.
type movieSample struct {
	names  map[string]string // node id, as the explorer writes it (<iri>, _:b) → name
	people []string          // named nodes of type person (or every named node)
	films  []string
	actors []string // people with at least minRoles performances, most first
}

// sampleMovies reads an N-Quads file (plain or gzip) for node names, types
// and performance counts. It is a plain line scan: the file was checked by
// the load that came before.
func sampleMovies(path string, minRoles int) (*movieSample, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<20)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = zr
	}
	s := &movieSample{names: map[string]string{}}
	types := map[string]string{}
	roles := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		subj, rest, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		pred, obj, ok := strings.Cut(rest, " ")
		if !ok {
			continue
		}
		switch pred {
		case "<name>":
			if strings.HasPrefix(obj, `"`) {
				if end := strings.LastIndex(obj, `"`); end > 0 {
					s.names[subj] = strings.ReplaceAll(obj[1:end], `\"`, `"`)
				}
			}
		case "<type>":
			types[subj] = strings.Fields(obj)[0]
		case "</film/performance/actor>":
			roles[strings.Fields(obj)[0]]++
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for id := range s.names {
		switch types[id] {
		case "</people/person>":
			s.people = append(s.people, id)
		case "</film/film>":
			s.films = append(s.films, id)
		}
	}
	if len(s.people) == 0 {
		for id := range s.names {
			s.people = append(s.people, id)
		}
	}
	for id, n := range roles {
		if n >= minRoles && s.names[id] != "" {
			s.actors = append(s.actors, id)
		}
	}
	sort.Strings(s.people)
	sort.Strings(s.films)
	sort.Slice(s.actors, func(i, j int) bool {
		if roles[s.actors[i]] != roles[s.actors[j]] {
			return roles[s.actors[i]] > roles[s.actors[j]]
		}
		return s.actors[i] < s.actors[j]
	})
	if len(s.people) == 0 {
		return nil, fmt.Errorf("%s: no named nodes to query", path)
	}
	if len(s.films) == 0 {
		s.films = s.people
	}
	if len(s.actors) < 2 {
		s.actors = s.people
	}
	return s, nil
}

// node picks a person or a film.
func (s *movieSample) node(rnd *rand.Rand) string {
	if rnd.IntN(2) == 0 {
		return s.people[rnd.IntN(len(s.people))]
	}
	return s.films[rnd.IntN(len(s.films))]
}

// searchText is what a user types: a whole name, its start, or a name with
// a typo.
func (s *movieSample) searchText(rnd *rand.Rand) string {
	name := s.names[s.node(rnd)]
	switch rnd.IntN(3) {
	case 0:
		return name
	case 1:
		if r := []rune(name); len(r) > 6 {
			return string(r[:len(r)*2/3])
		}
		return name
	default:
		r := []rune(strings.ToLower(name))
		if len(r) > 5 {
			i := 1 + rnd.IntN(len(r)-2)
			r = append(r[:i], r[i+1:]...) // drop a letter
		}
		return string(r)
	}
}

func exploreURL(base, path string, params ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		v.Set(params[i], params[i+1])
	}
	return base + path + "?" + v.Encode()
}

func ms(d time.Duration) string {
	switch {
	case d == 0:
		return "–"
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/1e6)
	case d < time.Second:
		return fmt.Sprintf("%.0f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}
