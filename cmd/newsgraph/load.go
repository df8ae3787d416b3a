package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"newsgraph/graph"
)

func init() {
	commands["load"] = command{summary: "load N-Quads (.nq, .nq.gz), curated or alias .tsv and article .txt files", run: runLoad}
}

func runLoad(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	db := fs.String("db", graph.DefaultDB, "store: memory, bolt:PATH or postgres://…")
	batch := fs.Bool("batch", false, "N-Quads: write batch by batch, each its own transaction: bounded memory and faster, "+
		"but an interrupted load leaves what it wrote (run the same load again to complete it). Default: all-or-nothing per file")
	batchSize := fs.Int("batch-size", 0, "N-Quads: quads per write (0: tuned per backend)")
	progress := fs.String("progress", "auto", "N-Quads progress: auto (a bar on a terminal, log lines otherwise), bar, log or none")
	extractFacts := fs.Bool("extract", true, "extract facts from .txt articles (false: load them as documents only)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the load to this file (go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() == 0 {
		return fmt.Errorf("%w: load needs at least one FILE", errUsage)
	}
	mode := *progress
	switch mode {
	case "auto":
		mode = "log"
		if isTerminal(stdout) {
			mode = "bar"
		}
	case "bar", "log", "none":
	default:
		return fmt.Errorf("%w: --progress %q: want auto, bar, log or none", errUsage, mode)
	}
	if *batchSize < 0 {
		return fmt.Errorf("%w: --batch-size must be positive", errUsage)
	}

	// N-Quads files stream through LoadNQuadsFile; the others go through
	// Load, which reads them whole. Keep Load's order: aliases and articles,
	// then N-Quads, then curated files.
	var before, nq, after []graph.Input
	for _, p := range fs.Args() {
		in := graph.FileInput(p)
		kind, err := graph.InputKind(in)
		if err != nil {
			return err
		}
		switch kind {
		case "nquads":
			nq = append(nq, in)
		case "curated":
			after = append(after, in)
		default:
			before = append(before, in)
		}
	}

	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	store, err := graph.Open(ctx, *db)
	if err == nil {
		store.SetExtraction(*extractFacts)
	}
	if err != nil {
		return err
	}
	defer store.Close()
	printReports := func(reports []graph.LoadReport) {
		for _, r := range reports {
			fmt.Fprintf(stdout, "loaded %s (%s): %d quads, %d facts\n", r.File, r.Kind, r.Quads, r.Facts)
		}
	}
	reports, err := store.Load(ctx, before...)
	printReports(reports)
	if err != nil {
		return err
	}
	for _, in := range nq {
		p := newProgressPrinter(stdout, mode)
		progress := p.update
		if !*batch && store.Kind() != "memory" {
			progress = func(r graph.LoadProgress) {
				p.update(r)
				if r.Phase == graph.PhaseCheck && r.Done && r.Quads > bigAtomicLoad {
					p.note(fmt.Sprintf("note: %s quads go into one transaction, all in memory at once (about 3 KB a quad on bolt, 1 KB on PostgreSQL); "+
						"--batch keeps memory bounded (see docs/benchmarks.md)", thousands(r.Quads)))
				}
			}
		}
		start := time.Now()
		rep, err := store.LoadNQuadsFile(ctx, in.Name, graph.NQuadsOptions{Resume: *batch, BatchSize: *batchSize, Progress: progress})
		p.stop()
		if err != nil {
			return err
		}
		el := time.Since(start)
		fmt.Fprintf(stdout, "loaded %s (%s): %d quads, %d facts in %s (%s quads/s)\n",
			in.Name, rep.Kind, rep.Quads, rep.Facts, el.Round(10*time.Millisecond), thousands(int64(float64(rep.Quads)/el.Seconds())))
	}
	reports, err = store.Load(ctx, after...)
	printReports(reports)
	if err != nil {
		return err
	}
	return store.Close()
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// bigAtomicLoad is the size past which an all-or-nothing load says what its
// one transaction costs.
const bigAtomicLoad = 1_000_000

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressPrinter shows a load's progress: a bar redrawn in place on a
// terminal, or a plain line every logEvery and at the end of each phase.
type progressPrinter struct {
	w    io.Writer
	mode string // bar, log or none

	mu      sync.Mutex
	cur     graph.LoadProgress
	at      time.Time // when cur arrived
	drawn   bool      // a bar line is on screen
	lastLog time.Time
	done    chan struct{}
	wg      sync.WaitGroup
}

const logEvery = 5 * time.Second

func newProgressPrinter(w io.Writer, mode string) *progressPrinter {
	p := &progressPrinter{w: w, mode: mode, done: make(chan struct{}), lastLog: time.Now()}
	if mode == "none" {
		return p
	}
	// A clock moves the figures along between reports too: the elapsed
	// time while one long transaction commits, and the log lines.
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.done:
				return
			case <-t.C:
				p.mu.Lock()
				if p.cur.Phase != "" && !p.cur.Done {
					r := p.cur
					r.Elapsed += time.Since(p.at)
					if p.mode == "bar" {
						p.drawBar(r)
					} else if time.Since(p.lastLog) >= logEvery {
						p.lastLog = time.Now()
						fmt.Fprintln(p.w, progressLine(r))
					}
				}
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// update receives a report from the loader.
func (p *progressPrinter) update(r graph.LoadProgress) {
	if p.mode == "none" || r.Phase == graph.PhaseDone {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	newPhase := r.Phase != p.cur.Phase
	if p.mode == "bar" && p.drawn && newPhase {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
	p.cur, p.at = r, time.Now()
	switch p.mode {
	case "bar":
		p.drawBar(r)
		if r.Done {
			fmt.Fprintln(p.w)
			p.drawn = false
		}
	case "log":
		// A line when a phase starts or ends, and every logEvery.
		if newPhase || r.Done || time.Since(p.lastLog) >= logEvery {
			p.lastLog = time.Now()
			fmt.Fprintln(p.w, progressLine(r))
		}
	}
}

// note prints a line between progress reports.
func (p *progressPrinter) note(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
	fmt.Fprintln(p.w, text)
}

// stop ends the clock and leaves the cursor on a fresh line.
func (p *progressPrinter) stop() {
	close(p.done)
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// drawBar redraws the bar line.
func (p *progressPrinter) drawBar(r graph.LoadProgress) {
	width := 80
	if f, ok := p.w.(*os.File); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 20 {
			width = w
		}
	}
	line := barLine(r)
	if len([]rune(line)) > width-1 {
		line = string([]rune(line)[:width-1])
	}
	fmt.Fprint(p.w, "\r"+line+"\x1b[K")
	p.drawn = true
}

// barLine is the bar and its figures, the file's name last so a narrow
// terminal cuts that first.
func barLine(r graph.LoadProgress) string {
	name := baseName(r.File)
	if r.Phase == graph.PhaseCommit {
		if r.Done {
			return fmt.Sprintf("commit %s quads written in one transaction in %s  %s", thousands(r.Quads), r.Elapsed.Round(100*time.Millisecond), name)
		}
		return fmt.Sprintf("commit %s writing %s quads in one transaction  %s  %s", spinner(r.Elapsed), thousands(r.Total), r.Elapsed.Round(100*time.Millisecond), name)
	}
	const n = 24
	bar := strings.Repeat(" ", n)
	pct := "   ?"
	if f := r.Fraction(); f >= 0 {
		fill := int(f * n)
		switch {
		case fill >= n:
			bar = strings.Repeat("=", n)
		case fill > 0:
			bar = strings.Repeat("=", fill-1) + ">" + strings.Repeat(" ", n-fill)
		}
		pct = fmt.Sprintf("%3.0f%%", 100*f)
	}
	count := thousands(r.Quads)
	if r.Total > 0 {
		count += "/" + thousands(r.Total)
	}
	tail := "ETA " + eta(r)
	if r.Done {
		tail = "done in " + r.Elapsed.Round(100*time.Millisecond).String()
	}
	return fmt.Sprintf("%-6s [%s] %s  %s quads  %s/s  %s  %s", r.Phase, bar, pct, count, thousands(int64(r.Rate())), tail, name)
}

func eta(r graph.LoadProgress) string {
	e := r.ETA()
	switch {
	case e <= 0:
		return "?"
	case e < time.Second:
		return "<1s"
	}
	return e.Round(time.Second).String()
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// progressLine describes a report in one log line.
func progressLine(r graph.LoadProgress) string {
	name := baseName(r.File)
	el := r.Elapsed.Round(100 * time.Millisecond)
	if r.Phase == graph.PhaseCommit {
		if r.Done {
			return fmt.Sprintf("%s commit: %s quads written in one transaction in %s", name, thousands(r.Quads), el)
		}
		return fmt.Sprintf("%s commit: writing %s quads in one transaction, %s so far", name, thousands(r.Total), el)
	}
	s := fmt.Sprintf("%s %s: %s quads", name, r.Phase, thousands(r.Quads))
	if r.Total > 0 {
		s += " of " + thousands(r.Total)
	}
	if f := r.Fraction(); f >= 0 {
		s += fmt.Sprintf(" (%.0f%%)", 100*f)
	}
	s += fmt.Sprintf(", %s quads/s", thousands(int64(r.Rate())))
	if r.Done {
		return s + ", done in " + el.String()
	}
	return s + ", ETA " + eta(r)
}

func spinner(d time.Duration) string {
	return string(`|/-\`[int(d/(250*time.Millisecond))%4])
}

// thousands formats n with commas: 471705 → 471,705.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
