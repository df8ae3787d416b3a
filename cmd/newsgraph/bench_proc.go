package main

// Child processes for the bench: newsgraph itself and upstream's cayley,
// timed, with their peak memory, their output kept in the work directory.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// proc is a running child process.
type proc struct {
	name  string
	cmd   *exec.Cmd
	start time.Time
	logf  *os.File

	mu    sync.Mutex
	lines []string // stdout and stderr lines, for waiting on a message
	added chan struct{}

	done    chan struct{}
	err     error
	elapsed time.Duration
}

// run starts a child, logging its command line, and collects its output
// into WORK/logs/NAME.log.
func (b *bench) run(ctx context.Context, name string, env []string, argv ...string) (*proc, error) {
	b.command(argv...)
	logDir := filepath.Join(b.work, "logs")
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(logDir, name+".log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	p := &proc{name: name, cmd: cmd, logf: logf, added: make(chan struct{}, 1), done: make(chan struct{})}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	p.start = time.Now()
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	go func() {
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logf, line)
			p.mu.Lock()
			p.lines = append(p.lines, line)
			p.mu.Unlock()
			select {
			case p.added <- struct{}{}:
			default:
			}
		}
		io.Copy(io.Discard, pr)
	}()
	go func() {
		p.err = cmd.Wait()
		p.elapsed = time.Since(p.start)
		pw.Close()
		close(p.done)
	}()
	go func() {
		select {
		case <-ctx.Done():
			p.stop()
		case <-p.done:
		}
	}()
	return p, nil
}

// wait waits for the child to exit and returns its wall time and peak RSS
// in bytes.
func (p *proc) wait() (time.Duration, int64, error) {
	<-p.done
	p.logf.Close()
	rss := p.maxRSS()
	if p.err != nil {
		return p.elapsed, rss, fmt.Errorf("%s: %w\n%s", p.name, p.err, p.tail(15))
	}
	return p.elapsed, rss, nil
}

// maxRSS is the peak resident set of an exited child, in bytes.
func (p *proc) maxRSS() int64 {
	if p.cmd.ProcessState == nil {
		return 0
	}
	if ru, ok := p.cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024 // kilobytes on Linux
	}
	return 0
}

// hwm is the peak resident set of a running child so far, in bytes, from
// /proc; 0 if unknown.
func (p *proc) hwm() int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}

// stop interrupts the child (its whole process group), kills it if it has
// not exited after 15 s, and returns its peak RSS.
func (p *proc) stop() int64 {
	select {
	case <-p.done:
	default:
		syscall.Kill(-p.cmd.Process.Pid, syscall.SIGINT)
		select {
		case <-p.done:
		case <-time.After(15 * time.Second):
			syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
			<-p.done
		}
	}
	p.logf.Close()
	return p.maxRSS()
}

// waitLine waits for an output line matching re and returns the match.
func (p *proc) waitLine(ctx context.Context, re *regexp.Regexp, timeout time.Duration) (string, error) {
	deadline := time.After(timeout)
	seen := 0
	for {
		p.mu.Lock()
		for ; seen < len(p.lines); seen++ {
			if m := re.FindString(p.lines[seen]); m != "" {
				p.mu.Unlock()
				return m, nil
			}
		}
		p.mu.Unlock()
		select {
		case <-p.added:
		case <-p.done:
			// Drain what is left once.
			p.mu.Lock()
			for ; seen < len(p.lines); seen++ {
				if m := re.FindString(p.lines[seen]); m != "" {
					p.mu.Unlock()
					return m, nil
				}
			}
			p.mu.Unlock()
			return "", fmt.Errorf("%s exited before printing %q: %v\n%s", p.name, re, p.err, p.tail(15))
		case <-deadline:
			return "", fmt.Errorf("%s: no %q after %s\n%s", p.name, re, timeout, p.tail(15))
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

// tail is the child's last n output lines.
func (p *proc) tail(n int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.lines
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return "  | " + strings.Join(l, "\n  | ")
}

var urlRE = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)

// serve starts `newsgraph serve` and waits until it prints its URL.
func (b *bench) serve(ctx context.Context, name string, args ...string) (*proc, string, error) {
	argv := append([]string{b.self, "serve", "--addr", "127.0.0.1:0"}, args...)
	p, err := b.run(ctx, name, nil, argv...)
	if err != nil {
		return nil, "", err
	}
	u, err := p.waitLine(ctx, urlRE, 10*time.Minute)
	if err != nil {
		p.stop()
		return nil, "", err
	}
	return p, strings.TrimSuffix(u, "/"), nil
}

// cayleyHTTP starts upstream's `cayley http` on a free port and waits until
// it answers a query.
func (b *bench) cayleyHTTP(ctx context.Context, name string, args ...string) (*proc, string, error) {
	port, err := freePort()
	if err != nil {
		return nil, "", err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	argv := append([]string{b.cayley, "http", "--host", addr, "--timeout", b.opts.queryTimeout.String()}, args...)
	p, err := b.run(ctx, name, nil, argv...)
	if err != nil {
		return nil, "", err
	}
	base := "http://" + addr
	if err := waitReady(ctx, p, base, 10*time.Minute); err != nil {
		p.stop()
		return nil, "", err
	}
	return p, base, nil
}

// waitReady polls a Cayley-compatible endpoint until it answers a query.
func waitReady(ctx context.Context, p *proc, base string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			return fmt.Errorf("%s exited: %v\n%s", p.name, p.err, p.tail(15))
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if _, err := postQuery(ctx, base, "gizmo", `g.Emit(1)`, 10); err == nil {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("%s: not answering after %s", p.name, timeout)
}

var benchClient = &http.Client{Transport: &http.Transport{
	MaxIdleConns:        256,
	MaxIdleConnsPerHost: 256,
	MaxConnsPerHost:     256,
	IdleConnTimeout:     time.Minute,
	DisableCompression:  true,
}}

// postQuery runs a query through POST /api/v1/query/LANG and returns its
// "result", or the server's error.
func postQuery(ctx context.Context, base, lang, src string, limit int) (json.RawMessage, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf("%s/api/v1/query/%s?limit=%d", base, lang, limit), strings.NewReader(src))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "text/plain")
	resp, err := benchClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var out struct {
		Result json.RawMessage `json:"result"`
		Error  string          `json:"error"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, bytes.TrimSpace(body))
	}
	if out.Error != "" || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, out.Error)
	}
	return out.Result, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// upstreamGoMod is the throwaway module that builds upstream's binary: its
// go.mod replaces logrus, so `go install …@v0.7.7` is refused.
const upstreamGoMod = `module newsgraph-bench-upstream

go 1.21

require github.com/cayleygraph/cayley v0.7.7

replace github.com/Sirupsen/logrus => github.com/Sirupsen/logrus v1.0.1
`

const upstreamTools = `//go:build tools

package tools

import _ "github.com/cayleygraph/cayley/cmd/cayley"
`

// buildUpstream builds Cayley v0.7.7's cayley binary in WORK/upstream.
func (b *bench) buildUpstream(ctx context.Context) (string, error) {
	dir := filepath.Join(b.work, "upstream")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(upstreamGoMod), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "tools.go"), []byte(upstreamTools), 0o644); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "cayley")
	for _, f := range [][2]string{{"go.mod", upstreamGoMod}, {"tools.go", upstreamTools}} {
		b.command(append(append([]string{"printf", `%s\n`}, strings.Split(strings.TrimSuffix(f[1], "\n"), "\n")...), ">", filepath.Join(dir, f[0]))...)
	}
	b.command("cd", dir, "&&", "GOFLAGS=-mod=mod", "GOWORK=off", "go", "build", "-o", "cayley", "github.com/cayleygraph/cayley/cmd/cayley")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/cayleygraph/cayley/cmd/cayley")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("build upstream cayley: %w\n%s", err, out)
	}
	return bin, nil
}

// findMovieData finds data/30kmoviedata.nq.gz of Cayley v0.7.7 in the module
// cache, downloading the module if needed.
func findMovieData(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "mod", "download", "-json", "github.com/cayleygraph/cayley@v0.7.7").Output()
	if err == nil {
		var m struct{ Dir string }
		if json.Unmarshal(out, &m) == nil && m.Dir != "" {
			p := filepath.Join(m.Dir, "data", "30kmoviedata.nq.gz")
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	}
	if gmc, err2 := exec.CommandContext(ctx, "go", "env", "GOMODCACHE").Output(); err2 == nil {
		p := filepath.Join(strings.TrimSpace(string(gmc)), "github.com", "cayleygraph", "cayley@v0.7.7", "data", "30kmoviedata.nq.gz")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.Join(errors.New("cannot find Cayley v0.7.7's data/30kmoviedata.nq.gz: give --data"), err)
}
