package main

// newsgraph bench: the side-by-side benchmark of docs/benchmarks.md.
//
// It builds upstream Cayley v0.7.7's cayley binary in a temporary
// directory, then measures, in one run on one machine and one data set:
// loading (bolt and memory), Gizmo through the HTTP endpoint, the explorer
// API under load, path search, extraction throughput, cold start, and
// PostgreSQL. newsgraph runs as child processes of this same binary, so
// the numbers are those of the real commands, peak memory included.

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"newsgraph/graph/extract"
	"newsgraph/seeds"
)

func init() {
	commands["bench"] = command{summary: "benchmark newsgraph against upstream Cayley v0.7.7 (takes ~15 minutes; see docs/benchmarks.md)", run: runBench}
}

var benchSteps = []string{"load", "gizmo", "explore", "paths", "extract", "cold", "postgres"}

type benchOpts struct {
	data, cayley, work, out, src, only string
	keep, upstream, atomic             bool
	duration, gizmoBudget              time.Duration
	queryTimeout                       time.Duration
	conns, pairs, gizmoMin, gizmoMax   int
	pathHops                           string
	extractMB                          float64
}

type benchRow struct {
	n                                      int
	what, ours, theirs, ratio, target, met string
}

type bench struct {
	log   io.Writer
	opts  benchOpts
	work  string
	self  string
	data  string
	quads int64

	cayley string
	cmds   []string
	rows   []benchRow
	detail []string // extra Markdown sections
	notes  []string

	pgDir   string   // the PostgreSQL server's directory, written $PGDIR
	loadavg []string // the machine's load average as each step began

	queriesShown bool // the Gizmo queries are listed in the report

	sample *movieSample
	ngBolt string // bolt directory loaded by `newsgraph load --batch`
	upBolt string // bolt directory loaded by `cayley load`
}

func runBench(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var o benchOpts
	fs.StringVar(&o.data, "data", "", "N-Quads file (plain or gzip) to load (default: data/30kmoviedata.nq.gz of Cayley v0.7.7 in the module cache)")
	fs.StringVar(&o.cayley, "cayley", "", "upstream cayley binary (default: build v0.7.7 in the work directory)")
	fs.StringVar(&o.work, "work", "", "work directory (default: a new temporary directory, removed at the end)")
	fs.BoolVar(&o.keep, "keep", false, "keep the work directory (stores, logs, the upstream build)")
	fs.StringVar(&o.out, "out", "", "also write the Markdown report to this file")
	fs.StringVar(&o.src, "src", ".", "newsgraph source tree, for the extractor's test texts (\"\": seed articles only)")
	fs.StringVar(&o.only, "only", strings.Join(benchSteps, ","), "steps to run: "+strings.Join(benchSteps, ","))
	fs.BoolVar(&o.upstream, "upstream", true, "measure upstream Cayley too (false: newsgraph only)")
	fs.BoolVar(&o.atomic, "atomic", true, "also time the default all-or-nothing load into bolt")
	fs.DurationVar(&o.duration, "duration", 20*time.Second, "explorer load: time per endpoint")
	fs.IntVar(&o.conns, "conns", 32, "explorer load: concurrent connections")
	fs.IntVar(&o.pairs, "pairs", 200, "paths: random actor pairs")
	fs.StringVar(&o.pathHops, "path-hops", "0,6", "paths: comma list of max_hops to run the pairs with (0: the API's default)")
	fs.DurationVar(&o.gizmoBudget, "gizmo-time", 15*time.Second, "Gizmo: time spent on each query on each server (after one warm-up run)")
	fs.IntVar(&o.gizmoMin, "gizmo-min", 5, "Gizmo: fewest timed runs of a query")
	fs.IntVar(&o.gizmoMax, "gizmo-max", 200, "Gizmo: most timed runs of a query")
	fs.DurationVar(&o.queryTimeout, "query-timeout", 60*time.Second, "deadline of one query on every server")
	fs.Float64Var(&o.extractMB, "extract-mb", 5, "extraction: corpus size in MB")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: bench takes no arguments, got %q", errUsage, fs.Args())
	}
	steps := map[string]bool{}
	for _, s := range strings.Split(o.only, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if !slices.Contains(benchSteps, s) {
			return fmt.Errorf("%w: --only: unknown step %q (want %s)", errUsage, s, strings.Join(benchSteps, ","))
		}
		steps[s] = true
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	b := &bench{log: stdout, opts: o, self: self}
	if b.work = o.work; b.work == "" {
		if b.work, err = os.MkdirTemp("", "newsgraph-bench-"); err != nil {
			return err
		}
		if !o.keep {
			defer os.RemoveAll(b.work)
		}
	} else if err := os.MkdirAll(b.work, 0o755); err != nil {
		return err
	}
	if b.data = o.data; b.data == "" {
		if b.data, err = findMovieData(ctx); err != nil {
			return err
		}
	}
	b.logf("newsgraph bench: work directory %s, data %s", b.work, b.data)

	if o.upstream && (steps["load"] || steps["gizmo"] || steps["postgres"]) {
		if b.cayley = o.cayley; b.cayley == "" {
			b.logf("building upstream Cayley v0.7.7 (cmd/cayley) in %s/upstream …", b.work)
			t := time.Now()
			if b.cayley, err = b.buildUpstream(ctx); err != nil {
				return err
			}
			b.logf("  built in %s", time.Since(t).Round(time.Second))
		} else {
			b.command(b.cayley, "version")
		}
	}

	served := false
	for _, s := range benchSteps {
		if !steps[s] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		b.loadavg = append(b.loadavg, s+" "+loadAvg())
		var err error
		switch s {
		case "load":
			err = b.benchLoad(ctx)
		case "gizmo", "explore", "paths":
			// One server serves the three steps.
			if !served {
				served = true
				err = b.benchServe(ctx, steps)
			}
		case "extract":
			err = b.benchExtract(ctx)
		case "cold":
			err = b.benchCold(ctx)
		case "postgres":
			err = b.benchPostgres(ctx)
		}
		if err != nil {
			return fmt.Errorf("bench %s: %w", s, err)
		}
	}
	b.loadavg = append(b.loadavg, "end "+loadAvg())
	report := b.report()
	fmt.Fprintln(stdout)
	fmt.Fprint(stdout, report)
	if o.out != "" {
		if err := os.WriteFile(o.out, []byte(report), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.log, format+"\n", args...)
}

// command records a command line for the report, with the work directory
// and the data file written as $WORK and $DATA, quoted for a POSIX shell.
func (b *bench) command(argv ...string) {
	quoted := make([]string, len(argv))
	for i, a := range argv {
		a = strings.ReplaceAll(a, b.work, "$WORK")
		if b.pgDir != "" {
			a = strings.ReplaceAll(a, b.pgDir, "$PGDIR")
		}
		if b.data != "" {
			a = strings.ReplaceAll(a, b.data, "$DATA")
		}
		if b.self != "" && a == b.self {
			a = "newsgraph"
		}
		special := strings.ContainsAny(a, " \"'(){}<>;!*?&|`\\")
		switch {
		case a == "":
			a = "''"
		case a == "&&" || a == ">" || !special:
		case strings.Contains(a, "$WORK") || strings.Contains(a, "$DATA") || strings.Contains(a, "$PGDIR"):
			a = `"` + strings.NewReplacer(`"`, `\"`, "`", "\\`", `\`, `\\`).Replace(a) + `"`
		default:
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		quoted[i] = a
	}
	b.cmds = append(b.cmds, strings.Join(quoted, " "))
}

func (b *bench) row(n int, what, ours, theirs, ratio, target, met string) {
	b.rows = append(b.rows, benchRow{n, what, ours, theirs, ratio, target, met})
}

// ngLoad runs `newsgraph load` and returns its time and peak RSS.
func (b *bench) ngLoad(ctx context.Context, name, db string, extra ...string) (time.Duration, int64, error) {
	argv := append([]string{b.self, "load", "--progress", "log"}, extra...)
	argv = append(argv, "--db", db, b.data)
	p, err := b.run(ctx, name, nil, argv...)
	if err != nil {
		return 0, 0, err
	}
	d, rss, err := p.wait()
	if err == nil && b.quads == 0 {
		p.mu.Lock()
		for _, l := range p.lines {
			var file, kind string
			var n, f int64
			if _, e := fmt.Sscanf(l, "loaded %s %s %d quads, %d facts", &file, &kind, &n, &f); e == nil {
				b.quads = n
			}
		}
		p.mu.Unlock()
	}
	return d, rss, err
}

// ensureBolt loads the data into bolt with newsgraph (and upstream) when
// the load step did not run.
func (b *bench) ensureBolt(ctx context.Context) error {
	reuse := func(dir string) bool {
		// A --work directory kept from an earlier run.
		_, err := os.Stat(filepath.Join(dir, "indexes.bolt"))
		if err == nil {
			b.logf("  reusing the bolt store in %s", dir)
		}
		return err == nil
	}
	if b.ngBolt == "" && reuse(filepath.Join(b.work, "ng-bolt")) {
		b.ngBolt = filepath.Join(b.work, "ng-bolt")
	}
	if b.upBolt == "" && b.cayley != "" && reuse(filepath.Join(b.work, "up-bolt")) {
		b.upBolt = filepath.Join(b.work, "up-bolt")
	}
	if b.ngBolt == "" {
		dir := filepath.Join(b.work, "ng-bolt")
		b.logf("  loading %s into bolt for the next steps …", filepath.Base(b.data))
		if _, _, err := b.ngLoad(ctx, "ng-load-bolt-batch", "bolt:"+dir, "--batch"); err != nil {
			return err
		}
		b.ngBolt = dir
	}
	if b.upBolt == "" && b.cayley != "" {
		dir := filepath.Join(b.work, "up-bolt")
		p, err := b.run(ctx, "up-load-bolt", nil, b.cayley, "load", "-d", "bolt", "-a", dir, "--init", "-i", b.data)
		if err != nil {
			return err
		}
		if _, _, err := p.wait(); err != nil {
			return err
		}
		b.upBolt = dir
	}
	return nil
}

// benchLoad is step 1.
func (b *bench) benchLoad(ctx context.Context) error {
	b.logf("\n[1] load %s", filepath.Base(b.data))
	var upT time.Duration
	var upRSS int64
	if b.cayley != "" {
		dir := filepath.Join(b.work, "up-bolt")
		p, err := b.run(ctx, "up-load-bolt", nil, b.cayley, "load", "-d", "bolt", "-a", dir, "--init", "-i", b.data)
		if err != nil {
			return err
		}
		if upT, upRSS, err = p.wait(); err != nil {
			return err
		}
		b.upBolt = dir
		b.logf("  upstream  cayley load -d bolt:        %-9s peak RSS %s", secs(upT), mem(upRSS))
	}
	dir := filepath.Join(b.work, "ng-bolt")
	t, rss, err := b.ngLoad(ctx, "ng-load-bolt-batch", "bolt:"+dir, "--batch")
	if err != nil {
		return err
	}
	b.ngBolt = dir
	b.logf("  newsgraph load --batch --db bolt:     %-9s peak RSS %s", secs(t), mem(rss))
	b.row(1, fmt.Sprintf("load %s into bolt: `newsgraph load --batch` vs `cayley load -d bolt` — time", filepath.Base(b.data)),
		secs(t), secs(upT), ratio(t, upT), "≤ 0.5×", metIf(upT > 0, float64(t) <= 0.5*float64(upT)))
	b.row(1, "… peak RSS", mem(rss), mem(upRSS), ratio(time.Duration(rss), time.Duration(upRSS)), "≤ 1×", metIf(upRSS > 0, rss <= upRSS))

	if b.opts.atomic {
		t, rss, err := b.ngLoad(ctx, "ng-load-bolt-atomic", "bolt:"+filepath.Join(b.work, "ng-bolt-atomic"))
		if err != nil {
			return err
		}
		b.logf("  newsgraph load --db bolt: (all-or-nothing) %-9s peak RSS %s", secs(t), mem(rss))
		b.row(1, "… default all-or-nothing `newsgraph load` (one transaction) — time", secs(t), secs(upT), ratio(t, upT), "(not targeted)", "")
		b.row(1, "… all-or-nothing — peak RSS", mem(rss), mem(upRSS), ratio(time.Duration(rss), time.Duration(upRSS)), "(not targeted)", "")
		os.RemoveAll(filepath.Join(b.work, "ng-bolt-atomic"))
	}

	// Memory: process start until the whole file is in a memory store.
	t, rss, err = b.ngLoad(ctx, "ng-load-memory", "memory")
	if err != nil {
		return err
	}
	b.logf("  newsgraph load --db memory:           %-9s peak RSS %s", secs(t), mem(rss))
	var upMT time.Duration
	var upMRSS int64
	if b.cayley != "" {
		start := time.Now()
		p, _, err := b.cayleyHTTP(ctx, "up-http-memstore-load", "-d", "memstore", "-i", b.data)
		if err != nil {
			return err
		}
		upMT = time.Since(start)
		upMRSS = p.hwm()
		p.stop()
		b.logf("  upstream  cayley http -d memstore -i:  %-9s peak RSS %s (until it answers a query)", secs(upMT), mem(upMRSS))
	}
	b.row(1, "load into memory: `newsgraph load --db memory` (start to exit) vs `cayley http -d memstore -i` (start to first answer) — time",
		secs(t), secs(upMT), ratio(t, upMT), "(not targeted)", "")
	b.row(1, "… peak RSS", mem(rss), mem(upMRSS), ratio(time.Duration(rss), time.Duration(upMRSS)), "(not targeted)", "")
	return nil
}

// benchServe runs steps 2 (Gizmo), 3 (explorer) and 4 (paths) against
// servers on the bolt stores.
func (b *bench) benchServe(ctx context.Context, steps map[string]bool) error {
	if err := b.ensureBolt(ctx); err != nil {
		return err
	}
	var upRuns []gizmoRun
	var upStart time.Duration
	var upRSS int64
	if steps["gizmo"] && b.upBolt != "" {
		b.logf("\n[2] Gizmo through HTTP: upstream `cayley http -d bolt`")
		start := time.Now()
		p, base, err := b.cayleyHTTP(ctx, "up-http-bolt", "-d", "bolt", "-a", b.upBolt)
		if err != nil {
			return err
		}
		upStart = time.Since(start)
		upRuns = timeGizmo(ctx, base, movieQueries, b.opts.gizmoBudget, b.opts.gizmoMin, b.opts.gizmoMax, b.logf)
		upRSS = p.hwm()
		p.stop()
	}
	b.logf("\n[2] newsgraph serve --db bolt: (mirrored in memory)")
	start := time.Now()
	p, base, err := b.serve(ctx, "ng-serve-bolt", "--db", "bolt:"+b.ngBolt, "--query-timeout", b.opts.queryTimeout.String())
	if err != nil {
		return err
	}
	defer p.stop()
	if err := waitReady(ctx, p, base, time.Minute); err != nil {
		return err
	}
	ngStart := time.Since(start)
	b.logf("  ready in %s", secs(ngStart))
	if steps["gizmo"] {
		ngRuns := timeGizmo(ctx, base, movieQueries, b.opts.gizmoBudget, b.opts.gizmoMin, b.opts.gizmoMax, b.logf)
		b.gizmoReport(2, "bolt", "`cayley http -d bolt`", ngRuns, upRuns, 0.25)
		ngRSS := p.hwm()
		b.row(2, "server start on the loaded bolt store until it answers (newsgraph mirrors it into memory) — time", secs(ngStart), secs(upStart),
			ratio(ngStart, upStart), "(not targeted)", "")
		b.row(2, "… server peak RSS after the Gizmo queries", mem(ngRSS), mem(upRSS), ratio(time.Duration(ngRSS), time.Duration(upRSS)), "(not targeted)", "")
	}
	if !steps["explore"] && !steps["paths"] {
		return nil
	}
	if b.sample == nil {
		if b.sample, err = sampleMovies(b.data, 5); err != nil {
			return err
		}
	}
	if steps["explore"] {
		if err := b.benchExplore(ctx, base); err != nil {
			return err
		}
	}
	if steps["paths"] {
		if err := b.benchPaths(ctx, base); err != nil {
			return err
		}
	}
	return nil
}

// gizmoReport compares two servers' Gizmo runs in a detail table and one
// summary row.
func (b *bench) gizmoReport(n int, store, upstreamName string, ours, theirs []gizmoRun, target float64) {
	var t strings.Builder
	fmt.Fprintf(&t, "### Gizmo on %s: newsgraph `serve` vs upstream %s\n\n", store, upstreamName)
	fmt.Fprintf(&t, "| query | rows | newsgraph p50 / p99 | upstream p50 / p99 | p50 ratio | p99 ratio | identical results |\n|---|---|---|---|---|---|---|\n")
	worst50, worst99 := 0.0, 0.0
	allSame, upFailed := true, 0
	for i, q := range movieQueries {
		o := ours[i]
		var u gizmoRun
		if theirs != nil {
			u = theirs[i]
		}
		same := "—"
		switch {
		case theirs == nil:
		case o.err != nil:
			same = "**no**: newsgraph failed"
			allSame = false
		case u.err != nil:
			same = "upstream failed"
			upFailed++
		case o.result == u.result:
			same = "yes"
		default:
			same = "**no**"
			allSame = false
		}
		r50, r99 := "", ""
		if theirs != nil && u.err == nil && o.err == nil {
			x50 := float64(o.lat.pct(50)) / float64(u.lat.pct(50))
			x99 := float64(o.lat.pct(99)) / float64(u.lat.pct(99))
			worst50, worst99 = max(worst50, x50), max(worst99, x99)
			r50, r99 = fmt.Sprintf("%.3f×", x50), fmt.Sprintf("%.3f×", x99)
		}
		fmt.Fprintf(&t, "| %s | %s | %s | %s | %s | %s | %s |\n", q.name, rowsOf(o), pq(o), pq(u), r50, r99, same)
	}
	if !b.queriesShown {
		b.queriesShown = true
		t.WriteString("\nThe queries, in ES5 for Cayley v0.7.7's goja, each posted to `/api/v1/query/gizmo?limit=-1`:\n\n```js\n")
		for _, q := range movieQueries {
			fmt.Fprintf(&t, "// %s\n%s\n", q.name, q.src)
		}
		t.WriteString("```\n")
	}
	b.detail = append(b.detail, t.String())
	if theirs == nil {
		return
	}
	b.row(n, fmt.Sprintf("Gizmo through HTTP on %s, %d movie queries: worst p50 ratio / worst p99 ratio (details below)", store, len(movieQueries)),
		"", "", fmt.Sprintf("%.3f× / %.3f×", worst50, worst99), fmt.Sprintf("≤ %.2f×", target), met(worst50 <= target && worst99 <= target))
	same := map[bool]string{true: "yes", false: "**no**"}[allSame]
	if upFailed > 0 {
		same += fmt.Sprintf(" (%d queries failed on upstream: not compared)", upFailed)
	}
	b.row(n, "… results identical to upstream's", same, "", "", "identical", met(allSame))
}

func rowsOf(r gizmoRun) string {
	if r.err != nil {
		return "error"
	}
	return fmt.Sprint(r.rows)
}

func pq(r gizmoRun) string {
	if r.err != nil {
		return "error: " + strings.ReplaceAll(firstLine(r.err.Error()), "|", "\\|")
	}
	if len(r.lat) == 0 {
		return "—"
	}
	return fmt.Sprintf("%s / %s (%d runs)", ms(r.lat.pct(50)), ms(r.lat.pct(99)), len(r.lat))
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

// benchExplore is step 3.
func (b *bench) benchExplore(ctx context.Context, base string) error {
	b.logf("\n[3] explorer API, %d connections, %s per endpoint", b.opts.conns, b.opts.duration)
	s := b.sample
	// The first search builds the search index: time it apart.
	t := time.Now()
	if _, err := benchGet(ctx, exploreURL(base, "/api/explore/search", "q", s.names[s.people[0]])); err != nil {
		return fmt.Errorf("first search: %w", err)
	}
	first := time.Since(t)
	b.logf("  first search (builds the index): %s", ms(first))
	endpoints := []struct {
		name string
		next func(rnd *rand.Rand) string
	}{
		{"search", func(rnd *rand.Rand) string {
			return exploreURL(base, "/api/explore/search", "q", s.searchText(rnd))
		}},
		{"node", func(rnd *rand.Rand) string { return exploreURL(base, "/api/explore/node", "id", s.node(rnd)) }},
		{"neighbours", func(rnd *rand.Rand) string {
			return exploreURL(base, "/api/explore/neighbours", "id", s.node(rnd))
		}},
	}
	var t2 strings.Builder
	fmt.Fprintf(&t2, "### Explorer API under load (newsgraph `serve` on bolt, mirrored; %d connections, %s each)\n\n", b.opts.conns, b.opts.duration)
	t2.WriteString("| endpoint | requests | req/s | p50 | p99 | errors |\n|---|---|---|---|---|---|\n")
	for _, e := range endpoints {
		r := hammer(ctx, b.opts.conns, b.opts.duration, e.next)
		b.logf("  %-10s %7d requests %8.0f req/s  p50 %-9s p99 %-9s errors %d %s", e.name, r.requests, r.rate(), ms(r.lat.pct(50)), ms(r.lat.pct(99)), r.errors, r.firstErr)
		fmt.Fprintf(&t2, "| %s | %d | %.0f | %s | %s | %d |\n", e.name, r.requests, r.rate(), ms(r.lat.pct(50)), ms(r.lat.pct(99)), r.errors)
		b.row(3, fmt.Sprintf("explorer `%s`, %d connections, %s: req/s, p50, p99, errors", e.name, b.opts.conns, b.opts.duration),
			fmt.Sprintf("%.0f req/s, p50 %s, **p99 %s**, %d errors", r.rate(), ms(r.lat.pct(50)), ms(r.lat.pct(99)), r.errors), "no such API", "",
			"p99 ≤ 5 ms, 0 errors", met(r.lat.pct(99) <= 5*time.Millisecond && r.errors == 0 && r.requests > 0))
	}
	fmt.Fprintf(&t2, "\nThe first search after start builds the search index: %s. Requests pick random people and films of the data set; "+
		"searches type a whole name, its first two thirds, or the name with a letter dropped.\n", ms(first))
	b.detail = append(b.detail, t2.String())
	return nil
}

func benchGet(ctx context.Context, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := benchClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, fmt.Errorf("%s: HTTP %d: %s", u, resp.StatusCode, firstLine(string(body)))
	}
	return resp.StatusCode, nil
}

// benchPaths is step 4: shortest paths between random pairs of actors.
func (b *bench) benchPaths(ctx context.Context, base string) error {
	s := b.sample
	pool := s.actors
	if len(pool) > 2000 {
		pool = pool[:2000]
	}
	for _, h := range strings.Split(b.opts.pathHops, ",") {
		hops, err := strconv.Atoi(strings.TrimSpace(h))
		if err != nil {
			return fmt.Errorf("%w: --path-hops: %v", errUsage, err)
		}
		if err := b.pathRun(ctx, base, pool, hops); err != nil {
			return err
		}
	}
	return nil
}

func (b *bench) pathRun(ctx context.Context, base string, pool []string, hops int) error {
	what := "the API's default max_hops"
	if hops > 0 {
		what = fmt.Sprintf("max_hops=%d", hops)
	}
	b.logf("\n[4] paths between %d random pairs of actors, %s", b.opts.pairs, what)
	rnd := rand.New(rand.NewPCG(6, 1)) // the same pairs for every max_hops
	var lat latencies
	found, truncated, errs := 0, 0, 0
	firstErr := ""
	for i := 0; i < b.opts.pairs; i++ {
		a, c := pool[rnd.IntN(len(pool))], pool[rnd.IntN(len(pool))]
		if a == c {
			i--
			continue
		}
		params := []string{"from", a, "to", c}
		if hops > 0 {
			params = append(params, "max_hops", fmt.Sprint(hops))
		}
		t := time.Now()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, exploreURL(base, "/api/explore/paths", params...), nil)
		resp, err := benchClient.Do(req)
		if err != nil {
			return err
		}
		var res struct {
			Paths     []json.RawMessage `json:"paths"`
			Truncated bool              `json:"truncated"`
		}
		err = json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		lat = append(lat, time.Since(t))
		if err != nil || resp.StatusCode != http.StatusOK {
			errs++
			if firstErr == "" {
				firstErr = fmt.Sprintf("HTTP %d %v", resp.StatusCode, err)
			}
			continue
		}
		if len(res.Paths) > 0 {
			found++
		}
		if res.Truncated {
			truncated++
		}
	}
	b.logf("  p50 %s p95 %s max %s; %d with a path, %d truncated by the budget, %d errors %s", ms(lat.pct(50)), ms(lat.pct(95)), ms(lat.pct(100)), found, truncated, errs, firstErr)
	b.row(4, fmt.Sprintf("paths between %d random pairs of the %d busiest actors, %s, one request at a time: p50, p95", b.opts.pairs, len(pool), what),
		fmt.Sprintf("p50 %s, **p95 %s** (max %s); %d found a path, %d hit the search budget, %d errors", ms(lat.pct(50)), ms(lat.pct(95)), ms(lat.pct(100)), found, truncated, errs),
		"no shortest-path step", "", "p95 ≤ 50 ms", met(lat.pct(95) <= 50*time.Millisecond && errs == 0))
	return nil
}

// benchExtract is step 5, in process.
func (b *bench) benchExtract(ctx context.Context) error {
	b.logf("\n[5] extraction")
	base, from := baseTexts(b.opts.src)
	aliasData, err := seeds.FS.ReadFile("aliases.tsv")
	if err != nil {
		return err
	}
	aliases, err := extract.ParseAliases(strings.NewReader(string(aliasData)), "aliases.tsv")
	if err != nil {
		return err
	}
	docs := buildCorpus(base, aliases, int(b.opts.extractMB*1e6))
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	t := time.Now()
	x := extract.New(aliases)
	x.Extract("warmup", []byte("James Clapper said on Monday that the bombings killed 34 people."))
	setup := time.Since(t)
	t = time.Now()
	triples := 0
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		r := x.Extract(d.ID, d.Text)
		if r.Err != nil {
			return r.Err
		}
		triples += len(r.Triples)
	}
	one := time.Since(t)
	t = time.Now()
	if _, err := x.ExtractAll(ctx, docs); err != nil {
		return err
	}
	all := time.Since(t)
	mb := float64(size) / 1e6
	b.logf("  %d documents, %.1f MB (%s): %.2f MB/s on one goroutine, %.2f MB/s with ExtractAll on %d cores; %d triples; New() %s",
		len(docs), mb, strings.Join(from, ", "), mb/one.Seconds(), mb/all.Seconds(), runtime.GOMAXPROCS(0), triples, ms(setup))
	b.row(5, fmt.Sprintf("extraction of a %.1f MB corpus (%d documents: %s, in variations): throughput", mb, len(docs), strings.Join(from, ", ")),
		fmt.Sprintf("**%.2f MB/s** on one goroutine, %.2f MB/s with `ExtractAll` on %d cores (%d triples; `extract.New` %s)", mb/one.Seconds(), mb/all.Seconds(), runtime.GOMAXPROCS(0), triples, ms(setup)),
		"no extractor", "", "≥ 1 MB/s", met(mb/one.Seconds() >= 1))
	return nil
}

// benchCold is step 6: serve from nothing until the first query answers.
func (b *bench) benchCold(ctx context.Context) error {
	b.logf("\n[6] cold start")
	const q = `g.V("<attack/2016-brussels-bombings>").Out("<killed>").All()`
	dir := filepath.Join(b.work, "cold-bolt")
	var results []string
	for _, c := range []struct{ name, what, db string }{
		{"ng-serve-cold-fresh", "fresh bolt store (seeds it)", "bolt:" + dir},
		{"ng-serve-cold-restart", "the seeded bolt store, restarted", "bolt:" + dir},
		{"ng-serve-cold-memory", "memory store (seeds it)", "memory"},
	} {
		start := time.Now()
		p, err := b.run(ctx, c.name, nil, b.self, "serve", "--addr", "127.0.0.1:0", "--db", c.db)
		if err != nil {
			return err
		}
		u, err := p.waitLine(ctx, urlRE, time.Minute)
		if err != nil {
			p.stop()
			return err
		}
		base := strings.TrimSuffix(u, "/")
		var d time.Duration
		for {
			res, err := postQuery(ctx, base, "gizmo", q, 10)
			if err == nil && strings.Contains(string(res), "34") {
				d = time.Since(start)
				break
			}
			if time.Since(start) > time.Minute || ctx.Err() != nil {
				p.stop()
				return fmt.Errorf("%s: no answer: %v", c.name, err)
			}
			time.Sleep(2 * time.Millisecond)
		}
		p.stop()
		b.logf("  %-34s first answer after %s", c.what, ms(d))
		results = append(results, fmt.Sprintf("%s: %s", c.what, ms(d)))
		if c.name == "ng-serve-cold-fresh" {
			b.row(6, "cold start: `newsgraph serve` on a fresh bolt store (seeds the 4 articles, curated facts, aliases) until the first Gizmo query answers",
				"**"+ms(d)+"**", "", "", "≤ 1 s", met(d <= time.Second))
		}
	}
	b.row(6, "… other starts", strings.Join(results[1:], "; "), "", "", "", "")
	return nil
}

// benchPostgres is step 7.
func (b *bench) benchPostgres(ctx context.Context) error {
	b.logf("\n[7] PostgreSQL")
	pg, err := b.startPostgres()
	if err != nil {
		return err
	}
	defer pg.stop()
	url, err := pg.createDB("newsgraph_bench")
	if err != nil {
		return err
	}
	// The default mode: one transaction, which on PostgreSQL is also the
	// faster (docs/benchmarks.md).
	t, rss, err := b.ngLoad(ctx, "ng-load-postgres", url)
	if err != nil {
		return err
	}
	b.logf("  newsgraph load --db postgres:  %-9s peak RSS %s", secs(t), mem(rss))
	b.row(7, "PostgreSQL (local server, default durability): `newsgraph load` (all-or-nothing: one transaction) — time, peak RSS",
		fmt.Sprintf("%s, %s (%.0f quads/s)", secs(t), mem(rss), float64(b.quads)/t.Seconds()), "", "", "(baseline)", "")

	run := func(name string, start func() (*proc, string, error)) ([]gizmoRun, time.Duration, int64, error) {
		b.logf("  %s", name)
		t := time.Now()
		p, base, err := start()
		if err != nil {
			return nil, 0, 0, err
		}
		defer p.stop()
		if err := waitReady(ctx, p, base, 5*time.Minute); err != nil {
			return nil, 0, 0, err
		}
		ready := time.Since(t)
		b.logf("    ready in %s", secs(ready))
		runs := timeGizmo(ctx, base, movieQueries, b.opts.gizmoBudget, b.opts.gizmoMin, b.opts.gizmoMax, b.logf)
		return runs, ready, p.hwm(), nil
	}
	qt := b.opts.queryTimeout.String()
	mirrored, mReady, mRSS, err := run("newsgraph serve --db postgres (mirrored)", func() (*proc, string, error) {
		return b.serve(ctx, "ng-serve-postgres", "--db", url, "--query-timeout", qt)
	})
	if err != nil {
		return err
	}
	direct, _, _, err := run("newsgraph serve --mirror=false --db postgres (straight to SQL)", func() (*proc, string, error) {
		return b.serve(ctx, "ng-serve-postgres-direct", "--db", url, "--mirror=false", "--query-timeout", qt)
	})
	if err != nil {
		return err
	}
	var up []gizmoRun
	if b.cayley != "" {
		up, _, _, err = run("upstream cayley http -d postgres", func() (*proc, string, error) {
			return b.cayleyHTTP(ctx, "up-http-postgres", "-d", "postgres", "-a", url)
		})
		if err != nil {
			return err
		}
	}
	b.row(7, "PostgreSQL: `serve` start (mirrors the store into memory) until it answers — time, server peak RSS",
		fmt.Sprintf("%s, %s", secs(mReady), mem(mRSS)), "", "", "(baseline)", "")
	b.gizmoReport(7, "PostgreSQL (newsgraph mirrored)", "`cayley http -d postgres`", mirrored, up, 0.25)

	var t3 strings.Builder
	t3.WriteString("### Gizmo on PostgreSQL without the mirror (`serve --mirror=false`: every step is SQL)\n\n")
	t3.WriteString("| query | rows | newsgraph `--mirror=false` p50 / p99 | upstream `cayley http -d postgres` p50 / p99 | identical results |\n|---|---|---|---|---|\n")
	for i, q := range movieQueries {
		u := gizmoRun{err: fmt.Errorf("not run")}
		if up != nil {
			u = up[i]
		}
		same := "yes"
		switch {
		case direct[i].err != nil && u.err != nil:
			same = "both failed"
		case direct[i].err != nil:
			same = "**no**: newsgraph failed"
		case u.err != nil:
			same = "upstream failed"
		case direct[i].result != u.result:
			same = "**no**"
		}
		fmt.Fprintf(&t3, "| %s | %s | %s | %s | %s |\n", q.name, rowsOf(direct[i]), pq(direct[i]), pq(u), same)
	}
	b.detail = append(b.detail, t3.String())
	return nil
}

// report is the Markdown report.
func (b *bench) report() string {
	var r strings.Builder
	host, _ := os.Hostname()
	cpu := cpuModel()
	goVer := runtime.Version()
	if out, err := exec.Command("go", "version").Output(); err == nil {
		goVer = strings.TrimSpace(string(out))
	}
	fi, _ := os.Stat(b.data)
	size := int64(0)
	if fi != nil {
		size = fi.Size()
	}
	fmt.Fprintf(&r, "## Results of one run (%s)\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&r, "Machine: %s, %d cores (GOMAXPROCS %d), %s RAM, host %s; bench built with %s; `%s`.\n", cpu, runtime.NumCPU(), runtime.GOMAXPROCS(0), memTotal(), host, runtime.Version(), goVer)
	fmt.Fprintf(&r, "Data: `%s` (%s", filepath.Base(b.data), mem(size))
	if b.quads > 0 {
		fmt.Fprintf(&r, ", %s quads", thousands(b.quads))
	}
	r.WriteString("). Upstream: Cayley v0.7.7's own `cayley` binary, built by the bench.\n")
	fmt.Fprintf(&r, "Load average (1, 5, 15 min) as each step began: %s.\n\n", strings.Join(b.loadavg, "; "))
	r.WriteString("| # | measurement | newsgraph | upstream Cayley v0.7.7 | ratio | target | met |\n|---|---|---|---|---|---|---|\n")
	for _, row := range b.rows {
		fmt.Fprintf(&r, "| %d | %s | %s | %s | %s | %s | %s |\n", row.n, row.what, row.ours, row.theirs, row.ratio, row.target, row.met)
	}
	r.WriteString("\n")
	for _, d := range b.detail {
		r.WriteString(d)
		r.WriteString("\n")
	}
	for _, n := range b.notes {
		r.WriteString(n + "\n")
	}
	r.WriteString("### Commands this run executed\n\n`$WORK` is the bench's temporary directory, `$DATA` the data file, `$PGDIR` the PostgreSQL server's " +
		"temporary directory, `newsgraph` this binary. Ports are free ports picked at run time.\n\n```sh\n")
	for _, c := range b.cmds {
		r.WriteString(c + "\n")
	}
	r.WriteString("```\n")
	return r.String()
}

// loadAvg is /proc/loadavg's three averages: other work on the machine
// shows in every timing.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func memTotal() string {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "?"
	}
	var kb int64
	fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(data), "\n", 2)[0], "MemTotal:"), "%d", &kb)
	return mem(kb * 1024)
}

func secs(d time.Duration) string {
	if d == 0 {
		return "—"
	}
	if d < time.Second {
		return ms(d)
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func mem(n int64) string {
	switch {
	case n <= 0:
		return "—"
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
}

func ratio(ours, theirs time.Duration) string {
	if ours <= 0 || theirs <= 0 {
		return ""
	}
	return fmt.Sprintf("%.2f×", float64(ours)/float64(theirs))
}

// metIf is met(ok), or nothing when the comparison could not be made.
func metIf(measured, ok bool) string {
	if !measured {
		return ""
	}
	return met(ok)
}

func met(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}
