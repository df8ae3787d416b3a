package graph

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// The crash test: a child process (this test binary, re-executed) loads a
// generated N-Quads file into bolt batch by batch (NQuadsOptions.Resume,
// what `newsgraph load --batch` runs), and is killed with SIGKILL at a
// random moment. Every quad of batch b has a subject <item/b/…>, so the
// store shows, batch by batch, what the killed load committed. (Not a label
// per batch: Cayley's bolt index keeps one growing list per node, and a
// label shared by a whole batch makes every insert rewrite it.)
const (
	crashChildEnv  = "NEWSGRAPH_CRASH_CHILD" // set in the child: "DB FILE BATCHSIZE"
	crashBatches   = 12
	crashBatchSize = 500
)

// TestCrashHelperProcess is the child: it does nothing unless crashChildEnv
// is set.
func TestCrashHelperProcess(t *testing.T) {
	spec := os.Getenv(crashChildEnv)
	if spec == "" {
		t.Skip("the crash test's child process; run by TestCrashSafeBatchedLoad")
	}
	f := strings.Fields(spec)
	size, _ := strconv.Atoi(f[2])
	s, err := Open(context.Background(), "bolt:"+f[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	fmt.Println("child: loading") // the parent starts its clock here
	if _, err := s.LoadNQuadsFile(context.Background(), f[1], NQuadsOptions{Resume: true, BatchSize: size}); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(4)
	}
	os.Exit(0)
}

// writeCrashFile writes batches*size distinct quads; the quads of batch b
// are lines b*size … (b+1)*size-1, and their subjects are <item/b/…>.
func writeCrashFile(t *testing.T, path string, batches, size int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for b := range batches {
		for i := range size {
			switch i % 3 {
			case 0:
				fmt.Fprintf(w, "<item/%d/%d> <next> <item/%d/%d> .\n", b, i, b, i+1)
			case 1:
				fmt.Fprintf(w, "<item/%d/%d> <name> \"Item %d of batch %d, ünïcode\" .\n", b, i, i, b)
			default:
				fmt.Fprintf(w, "<item/%d/%d> <rank> \"%d\"^^<http://schema.org/Integer> .\n", b, i, i)
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// batchCounts opens the bolt store at dir and counts its quads per batch
// (the b of a subject <item/b/…>); any other quad is an error.
func batchCounts(t *testing.T, dir string) (counts map[int]int, total int) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, "bolt:"+dir)
	if err != nil {
		t.Fatalf("the store does not open after the kill: %v", err)
	}
	defer s.Close()
	counts = map[int]int{}
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		q := s.qs.Quad(it.Result())
		subj, ok := q.Subject.(quad.IRI)
		parts := strings.Split(string(subj), "/")
		b, err := 0, error(nil)
		if len(parts) == 3 {
			b, err = strconv.Atoi(parts[1])
		}
		if !ok || len(parts) != 3 || parts[0] != "item" || err != nil || q.Label != nil {
			t.Fatalf("a quad the file does not have: %v", q)
		}
		counts[b]++
		total++
	}
	if err := it.Err(); err != nil {
		t.Fatalf("reading the store after the kill: %v", err)
	}
	return counts, total
}

// TestCrashSafeBatchedLoad kills batched bolt loads with SIGKILL at random
// moments, many times, and proves after each kill that the store opens, that
// every batch is all there or not there at all, and that running the load
// again completes it with the exact count.
func TestCrashSafeBatchedLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for about a minute; skipped with -short")
	}
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("in the child")
	}
	tmp := t.TempDir()
	file := filepath.Join(tmp, "batches.nq")
	writeCrashFile(t, file, crashBatches, crashBatchSize)
	const want = crashBatches * crashBatchSize

	// How long an uninterrupted load takes here: kills land in [0, full).
	start := time.Now()
	if code := runCrashChild(t, filepath.Join(tmp, "timing"), file, -1); code != 0 {
		t.Fatalf("an uninterrupted load exited %d", code)
	}
	full := time.Since(start)
	if counts, total := batchCounts(t, filepath.Join(tmp, "timing")); total != want || len(counts) != crashBatches {
		t.Fatalf("an uninterrupted load left %d quads in %d batches, want %d in %d", total, len(counts), want, crashBatches)
	}
	t.Logf("an uninterrupted load of %d quads in %d batches takes %v", want, crashBatches, full.Round(time.Millisecond))

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 6))
	const rounds = 10
	kills, partial := 0, 0
	for round := range rounds {
		t.Run(fmt.Sprintf("round %d", round), func(t *testing.T) {
			dir := filepath.Join(tmp, fmt.Sprintf("db%d", round))
			// One to three kills on the same store, each during a load that
			// resumes the previous one, then a load that is left to finish.
			for k := range 1 + rng.IntN(2) {
				// A resumed load has less left to do: aim earlier.
				after := time.Duration(rng.Int64N(int64(full) / int64(1+k)))
				code := runCrashChild(t, dir, file, after)
				counts, total := batchCounts(t, dir)
				for b, n := range counts {
					if n != crashBatchSize {
						t.Fatalf("kill %d after %v: batch %d is half-present: %d of %d quads", k, after, b, n, crashBatchSize)
					}
				}
				if code == 0 && total != want {
					t.Fatalf("kill %d: the load finished but left %d quads, want %d", k, total, want)
				}
				if code == -1 {
					kills++
					if total > 0 && total < want {
						partial++
					}
				}
				t.Logf("kill %d after %v: %d of %d batches committed", k, after.Round(time.Millisecond), len(counts), crashBatches)
			}
			if code := runCrashChild(t, dir, file, -1); code != 0 {
				t.Fatalf("re-running the load exited %d", code)
			}
			counts, total := batchCounts(t, dir)
			if total != want || len(counts) != crashBatches {
				t.Fatalf("after re-running the load: %d quads in %d batches, want %d in %d", total, len(counts), want, crashBatches)
			}
		})
	}
	t.Logf("%d SIGKILLs, %d of them left a partly loaded store; every store opened, no batch was half-present, and every re-run completed the load", kills, partial)
	// A kill can miss when a load runs faster than the timing run did; most
	// must land, and some must land mid-load.
	if kills < rounds/2 || partial == 0 {
		t.Errorf("%d loads were killed, %d mid-load: too few to prove anything", kills, partial)
	}
}

// runCrashChild runs the child loading file into dir. With after >= 0 it
// kills the child with SIGKILL that long after the load starts. It returns
// the exit code, -1 when the child was killed.
func runCrashChild(t *testing.T, dir, file string, after time.Duration) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %s %d", crashChildEnv, dir, file, crashBatchSize))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the child to have opened the store.
	line, _ := bufio.NewReader(out).ReadString('\n')
	if !strings.HasPrefix(line, "child: loading") {
		cmd.Wait()
		t.Fatalf("the child did not start loading: %q %s", line, stderr.String())
	}
	if after >= 0 {
		timer := time.AfterFunc(after, func() { cmd.Process.Signal(syscall.SIGKILL) })
		defer timer.Stop()
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
		return -1
	}
	if err != nil {
		t.Logf("child: %v %s", err, stderr.String())
	}
	return cmd.ProcessState.ExitCode()
}
