package graph

// Loading N-Quads at scale (docs/benchmarks.md has the measurements behind
// every choice here).
//
// A file is read twice. The check pass parses every line and keeps nothing
// but a count, so a malformed line refuses the whole file, naming the line,
// before anything is written, whatever the mode and the file's size. The
// write pass then reads it again and writes it:
//
//   - all-or-nothing (the default): bolt and PostgreSQL get the whole file in
//     one transaction, so an error, a signal or a crash leaves nothing of it.
//     That transaction's memory grows with the file (Cayley builds all its
//     deltas and bolt all its dirty pages before the commit: about 3 KB a
//     quad on bolt, 1 KB on PostgreSQL). Cayley's memory store cannot roll
//     back, but once the file is checked nothing can fail there: it is
//     written in batches and the pass is not interrupted, so the file lands
//     whole too.
//   - resumable (NQuadsOptions.Resume, `newsgraph load --batch`): batches of
//     a size tuned per backend, each its own transaction, parsed on one core
//     while the other writes. Memory stays bounded and files load 1.4–1.6×
//     as fast on bolt, but an interrupted load leaves the batches
//     written so far; running the same load again completes it, because
//     writes skip quads already present.

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"newsgraph/graph/extract"
)

// Load phases reported to NQuadsOptions.Progress.
const (
	PhaseCheck  = "check"  // parsing the whole file, writing nothing
	PhaseWrite  = "write"  // reading the file again and writing it
	PhaseCommit = "commit" // all-or-nothing: the one transaction is being written
	PhaseDone   = "done"   // the file is loaded
)

// Batch sizes: quads per write in resumable mode (and in every mode on the
// memory store), per backend. Measured on 30kmoviedata (docs/benchmarks.md):
// small bolt batches cost commits and fsyncs, big ones memory and slower
// inserts into bolt's growing dirty nodes, with no gain past ~10k;
// PostgreSQL inserts row by row, so there the size mostly bounds memory and
// transaction length.
const (
	BoltBatch     = 10_000
	PostgresBatch = 10_000
	MemoryBatch   = 10_000
)

// progressEvery is the shortest interval between two progress reports.
const progressEvery = 100 * time.Millisecond

// NQuadsOptions tunes LoadNQuadsFrom.
type NQuadsOptions struct {
	// Resume writes batch by batch, each in its own transaction: bounded
	// memory, but an interrupted load leaves the batches written so far
	// (load the file again to complete it). The default is all-or-nothing.
	Resume bool
	// BatchSize is the number of quads per write; 0 picks the backend's.
	BatchSize int
	// Size is the input's size in bytes, for Progress; 0 when unknown
	// (LoadNQuadsFrom finds it by seeking when it can).
	Size int64
	// Progress, when set, receives reports at most every 100 ms during a
	// phase, and once at the end of each.
	Progress func(LoadProgress)
}

// LoadProgress reports how far a load is.
type LoadProgress struct {
	File  string `json:"file"`
	Phase string `json:"phase"` // PhaseCheck, PhaseWrite, PhaseCommit or PhaseDone
	// Quads counts the quads handled in this phase: parsed (check, and write
	// when all-or-nothing), or written and committed (write when resumable).
	Quads int64 `json:"quads"`
	// Total is the number of quads in the file, known after the check.
	Total int64 `json:"total"`
	// Read is how many bytes of the input (compressed bytes for gzip) this
	// phase has read; Size is the input's size, 0 when unknown.
	Read int64 `json:"read"`
	Size int64 `json:"size"`
	// Elapsed is the time since the phase began.
	Elapsed time.Duration `json:"elapsed"`
	// Done marks the phase's last report.
	Done bool `json:"done"`
}

// Fraction is how much of the input the phase has read, in [0, 1], or -1
// when the size is unknown.
func (p LoadProgress) Fraction() float64 {
	if p.Size <= 0 {
		return -1
	}
	return min(1, float64(p.Read)/float64(p.Size))
}

// ETA estimates the time left in the phase from the bytes read so far
// against the input's size; 0 when it cannot tell.
func (p LoadProgress) ETA() time.Duration {
	f := p.Fraction()
	if f <= 0 || p.Elapsed <= 0 {
		return 0
	}
	return time.Duration(float64(p.Elapsed) * (1 - f) / f)
}

// Rate is the phase's quads per second.
func (p LoadProgress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Quads) / p.Elapsed.Seconds()
}

// batchSize is the number of quads per write for this store.
func (s *Store) batchSize(opts NQuadsOptions) int {
	if opts.BatchSize > 0 {
		return opts.BatchSize
	}
	switch s.kind {
	case "bolt":
		return BoltBatch
	case "postgres":
		return PostgresBatch
	}
	return MemoryBatch
}

// LoadNQuads loads an N-Quads file (plain or gzip) all-or-nothing: a
// malformed line refuses the whole file, naming the line, and nothing of it
// is written. r is read twice: a reader that cannot seek is first copied to
// a temporary file.
func (s *Store) LoadNQuads(ctx context.Context, file string, r io.Reader) (LoadReport, error) {
	rs, ok := r.(io.ReadSeeker)
	if !ok {
		tmp, err := os.CreateTemp("", "newsgraph-nquads-")
		if err != nil {
			return LoadReport{}, fmt.Errorf("load %s: spool: %w", file, err)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		if _, err := io.Copy(tmp, r); err != nil {
			return LoadReport{}, fmt.Errorf("read %s: %w", file, err)
		}
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return LoadReport{}, fmt.Errorf("load %s: spool: %w", file, err)
		}
		rs = tmp
	}
	return s.LoadNQuadsFrom(ctx, file, rs, NQuadsOptions{})
}

// LoadNQuadsFile loads the N-Quads file at path (plain or gzip), reporting
// progress against its size.
func (s *Store) LoadNQuadsFile(ctx context.Context, path string, opts NQuadsOptions) (LoadReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return LoadReport{}, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	if opts.Size == 0 {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			opts.Size = st.Size()
		}
	}
	return s.LoadNQuadsFrom(ctx, path, f, opts)
}

// LoadNQuadsFrom loads N-Quads (plain or gzip) from r, which it reads twice
// from its current offset: a check pass that writes nothing, then a write
// pass, all-or-nothing or resumable as opts say (see the top of this file).
// A malformed line gives a *extract.LineError wrapping ErrInvalid. The
// report counts the quads in the file, already present ones included.
func (s *Store) LoadNQuadsFrom(ctx context.Context, file string, r io.ReadSeeker, opts NQuadsOptions) (LoadReport, error) {
	start, err := r.Seek(0, io.SeekCurrent)
	if err != nil {
		return LoadReport{}, fmt.Errorf("read %s: %w", file, err)
	}
	if opts.Size == 0 {
		if end, err := r.Seek(0, io.SeekEnd); err == nil {
			opts.Size = end - start
		}
		if _, err := r.Seek(start, io.SeekStart); err != nil {
			return LoadReport{}, fmt.Errorf("read %s: %w", file, err)
		}
	}
	l := &nqLoad{s: s, file: file, opts: opts}

	total, err := l.check(ctx, r)
	if err != nil {
		return LoadReport{}, err
	}
	if _, err := r.Seek(start, io.SeekStart); err != nil {
		return LoadReport{}, fmt.Errorf("read %s: %w", file, err)
	}
	l.total = total
	switch {
	case opts.Resume:
		err = l.batched(ctx, r, true)
	case s.kind == "memory":
		// Nothing can fail once the file is checked, and the memory store
		// cannot roll back: finish the pass even if ctx ends meanwhile.
		err = l.batched(context.WithoutCancel(ctx), r, false)
	default:
		err = l.oneTransaction(ctx, r)
	}
	if err != nil {
		return LoadReport{}, err
	}
	l.phase(PhaseDone)
	l.report(total, l.opts.Size, true)
	return LoadReport{Kind: "nquads", Quads: int(total)}, nil
}

// InputKind tells what an input holds: "aliases", "article", "curated" or
// "nquads", from its name and, for .tsv, its header line. Load orders files
// by kind (aliases, articles, N-Quads, curated).
func InputKind(in Input) (string, error) {
	lower := strings.ToLower(in.Name)
	if !strings.HasSuffix(lower, ".tsv") {
		return kindOf(in.Name, nil)
	}
	rc, err := in.Open()
	if err != nil {
		return "", fmt.Errorf("read %s: %w", in.Name, err)
	}
	defer rc.Close()
	head, err := bufio.NewReader(rc).ReadSlice('\n')
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return "", fmt.Errorf("read %s: %w", in.Name, err)
	}
	return kindOf(in.Name, head)
}

// nqLoad is one file's load.
type nqLoad struct {
	s     *Store
	file  string
	opts  NQuadsOptions
	total int64

	name    string // current phase
	began   time.Time
	lastRep time.Time
}

func (l *nqLoad) phase(name string) {
	l.name, l.began, l.lastRep = name, time.Now(), time.Time{}
}

// report sends progress, at most every progressEvery unless final.
func (l *nqLoad) report(quads, read int64, final bool) {
	if l.opts.Progress == nil {
		return
	}
	now := time.Now()
	if !final && now.Sub(l.lastRep) < progressEvery {
		return
	}
	l.lastRep = now
	l.opts.Progress(LoadProgress{
		File: l.file, Phase: l.name, Quads: quads, Total: l.total,
		Read: read, Size: l.opts.Size, Elapsed: now.Sub(l.began), Done: final,
	})
}

// check parses the whole input, keeping nothing, and counts its quads.
func (l *nqLoad) check(ctx context.Context, r io.Reader) (int64, error) {
	l.phase(PhaseCheck)
	nr, err := newNQReader(l.file, r)
	if err != nil {
		return 0, err
	}
	defer nr.close()
	var n int64
	for {
		_, ok, err := nr.next()
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		n++
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			l.report(n, nr.read(), false)
		}
	}
	l.report(n, nr.read(), true)
	return n, nil
}

// oneTransaction reads every quad, then writes them in one transaction.
func (l *nqLoad) oneTransaction(ctx context.Context, r io.Reader) error {
	l.phase(PhaseWrite)
	nr, err := newNQReader(l.file, r)
	if err != nil {
		return err
	}
	defer nr.close()
	quads := make([]quad.Quad, 0, l.total)
	for {
		q, ok, err := nr.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		quads = append(quads, q)
		if len(quads)&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			l.report(int64(len(quads)), nr.read(), false)
		}
	}
	l.report(int64(len(quads)), nr.read(), true)
	nr.close()

	l.phase(PhaseCommit)
	l.report(0, nr.read(), false)
	if err := l.s.write(ctx, quads); err != nil {
		return fmt.Errorf("load %s: %w (nothing of it was written)", l.file, err)
	}
	l.report(int64(len(quads)), nr.read(), true)
	return nil
}

// nqBatch is a batch of quads and the input offset at its last quad.
type nqBatch struct {
	quads []quad.Quad
	read  int64
}

// batched parses on one goroutine and writes batches on this one. With
// resumable set, a failure reports how far the load got.
func (l *nqLoad) batched(ctx context.Context, r io.Reader, resumable bool) error {
	l.phase(PhaseWrite)
	nr, err := newNQReader(l.file, r)
	if err != nil {
		return err
	}
	defer nr.close()
	size := l.s.batchSize(l.opts)

	// Two batches in flight and one being filled: memory stays at three
	// batches whatever the file's size.
	free := make(chan []quad.Quad, 3)
	for range 3 {
		free <- make([]quad.Quad, 0, size)
	}
	full := make(chan nqBatch, 1)
	stop := make(chan struct{})
	var perr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(full)
		var buf []quad.Quad
		for {
			if buf == nil {
				select {
				case buf = <-free:
				case <-stop:
					return
				}
			}
			q, ok, err := nr.next()
			if err != nil {
				perr = err
				return
			}
			if ok {
				buf = append(buf, q)
			}
			if len(buf) == size || (!ok && len(buf) > 0) {
				select {
				case full <- nqBatch{buf, nr.read()}:
					buf = nil
				case <-stop:
					return
				}
			}
			if !ok {
				return
			}
		}
	}()
	var written int64
	var werr error
	for b := range full {
		if werr == nil {
			werr = l.s.write(ctx, b.quads)
			if werr == nil {
				written += int64(len(b.quads))
				l.report(written, b.read, false)
			} else {
				close(stop)
			}
		}
		free <- b.quads[:0]
	}
	wg.Wait()
	if werr == nil {
		werr = perr
	}
	if werr != nil {
		if resumable && written > 0 {
			return fmt.Errorf("load %s: %w (stopped after %d of %d quads; they stay loaded: run the same load again to complete it)",
				l.file, werr, written, l.total)
		}
		return fmt.Errorf("load %s: %w", l.file, werr)
	}
	l.report(written, nr.read(), true)
	return nil
}

// nqReader reads quads from plain or gzip N-Quads, counting lines and raw
// bytes.
type nqReader struct {
	file  string
	count *countingReader
	zr    *gzip.Reader
	br    *bufio.Reader
	line  int
}

func newNQReader(file string, r io.Reader) (*nqReader, error) {
	cr := &countingReader{r: r}
	// A small buffer on the raw input keeps the byte count, and so the
	// ETA, close to what was really parsed.
	br := bufio.NewReaderSize(cr, 64<<10)
	nr := &nqReader{file: file, count: cr, br: br}
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("load %s: gzip: %w", file, err)
		}
		nr.zr = zr
		nr.br = bufio.NewReaderSize(zr, 256<<10)
	}
	return nr, nil
}

// read is how many bytes of the underlying input have been consumed.
func (r *nqReader) read() int64 { return r.count.n }

func (r *nqReader) close() {
	if r.zr != nil {
		r.zr.Close()
	}
}

// next returns the next quad, false at the end of the input, or an error:
// a *extract.LineError for a malformed line.
func (r *nqReader) next() (quad.Quad, bool, error) {
	for {
		raw, err := r.br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A line longer than the buffer: gather it whole.
			long := append([]byte(nil), raw...)
			for errors.Is(err, bufio.ErrBufferFull) {
				raw, err = r.br.ReadSlice('\n')
				long = append(long, raw...)
			}
			raw = long
		}
		if len(raw) > 0 {
			r.line++
			q, ok, col, perr := parseNQuadLine(raw)
			if perr != nil {
				return quad.Quad{}, false, &extract.LineError{File: r.file, Line: r.line, Col: col, Err: perr}
			}
			if ok {
				return q, true, nil
			}
		}
		if errors.Is(err, io.EOF) {
			return quad.Quad{}, false, nil
		}
		if err != nil {
			return quad.Quad{}, false, fmt.Errorf("read %s: %w", r.file, err)
		}
	}
}

// parseNQuadLine parses one line; ok is false for a blank or comment line.
// A malformed line gives the 1-based column (in characters) where it goes
// wrong: the parser's offending character, or the end of the line when the
// line stops short of a whole quad.
func parseNQuadLine(raw []byte) (q quad.Quad, ok bool, col int, err error) {
	if !utf8.Valid(raw) {
		col = 1 + utf8.RuneCount(raw[:firstInvalidUTF8(raw)])
		return q, false, col, Invalidf("not valid UTF-8 at column %d", col)
	}
	line := string(raw)
	text := strings.TrimSpace(line)
	if text == "" || text[0] == '#' {
		return q, false, 0, nil
	}
	lead := utf8.RuneCountInString(line[:strings.Index(line, text)])
	q, err = nquads.Parse(text)
	if err != nil {
		// The parser says "unexpected rune 'x' at N", N counting runes of
		// text from 0, or that the quad is incomplete.
		// The LineError names the column; the message drops the offset.
		col = lead + utf8.RuneCountInString(text) + 1
		msg := err.Error()
		if m := nqAt.FindStringSubmatchIndex(msg); m != nil {
			if n, aerr := strconv.Atoi(msg[m[2]:m[3]]); aerr == nil {
				col, msg = lead+n+1, msg[:m[0]]
			}
		}
		return q, false, col, Invalidf("%s", msg)
	}
	if !q.IsValid() {
		return q, false, lead + 1, Invalidf("quad needs a subject, predicate and object")
	}
	return q, true, 0, nil
}

// nqAt finds the offset in an N-Quads parser error.
var nqAt = regexp.MustCompile(` at (\d+)$`)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
