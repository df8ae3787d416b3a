package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"newsgraph/graph"
)

// sigtermChildEnv marks the child process of TestServeDrainsOnSIGTERM; it
// holds the arguments of serve, tab-separated.
const sigtermChildEnv = "NEWSGRAPH_SIGTERM_CHILD"

// TestSIGTERMHelperProcess is the child: it runs main (signal handling
// included) with the arguments in sigtermChildEnv.
func TestSIGTERMHelperProcess(t *testing.T) {
	args := os.Getenv(sigtermChildEnv)
	if args == "" {
		t.Skip("the SIGTERM test's child process; run by TestServeDrainsOnSIGTERM")
	}
	os.Args = append([]string{"newsgraph"}, strings.Split(args, "\t")...)
	main() // exits 1 on an error
	os.Exit(0)
}

// TestServeDrainsOnSIGTERM starts serve on a bolt store in a child process,
// starts two requests whose bodies it holds back (a query and a write), sends
// SIGTERM, and proves that new connections are refused at once, that both
// requests in flight complete with 200, that the process exits 0, and that
// the store reopens with the write in it.
func TestServeDrainsOnSIGTERM(t *testing.T) {
	if os.Getenv(sigtermChildEnv) != "" {
		t.Skip("in the child")
	}
	dir := filepath.Join(t.TempDir(), "db")
	const secret = "sigterm-test-secret-0123"
	cmd := exec.Command(os.Args[0], "-test.run=^TestSIGTERMHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(),
		sigtermChildEnv+"=serve\t--db\tbolt:"+dir+"\t--addr\t127.0.0.1:0",
		"NEWSGRAPH_TOKEN=drain:"+secret)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// exited is closed when the child has exited, with its error in waitErr.
	exited := make(chan struct{})
	var waitErr error
	defer func() {
		select {
		case <-exited:
		default:
			cmd.Process.Kill()
			<-exited
		}
	}()
	urlc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		re := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				urlc <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
		waitErr = cmd.Wait()
		close(exited)
	}()
	var addr string
	select {
	case addr = <-urlc:
	case <-exited:
		t.Fatalf("serve exited before it listened: %v\n%s", waitErr, stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start\n%s", stderr.String())
	}
	base := "http://" + addr

	// Two requests in flight: their headers are sent, their bodies wait.
	type result struct {
		status int
		body   string
		err    error
	}
	start := func(path, body string, header map[string]string) (*io.PipeWriter, chan result) {
		pr, pw := io.Pipe()
		req, err := http.NewRequest("POST", base+path, pr)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		done := make(chan result, 1)
		go func() {
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				done <- result{err: err}
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			done <- result{status: resp.StatusCode, body: string(b)}
		}()
		if _, err := io.WriteString(pw, body); err != nil {
			t.Fatal(err)
		}
		return pw, done
	}
	queryW, queryDone := start("/api/v2/query?lang=gizmo", `g.V("<attack/2016-brussels-bombings>")`,
		map[string]string{"Content-Type": "text/plain"})
	writeW, writeDone := start("/api/v2/write", "<person/drained> <member_of> <org/islamic-state> .\n",
		map[string]string{"Content-Type": "application/n-quads", "Authorization": "Bearer " + secret})
	time.Sleep(300 * time.Millisecond) // both requests reach their handlers

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// New connections are refused while the two requests still run.
	refused := false
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			refused = errors.Is(err, syscall.ECONNREFUSED)
			break
		}
		c.Close()
	}
	if !refused {
		t.Errorf("serve still accepts connections after SIGTERM")
	}
	select {
	case r := <-queryDone:
		t.Fatalf("the query in flight ended before its body did: %+v", r)
	case r := <-writeDone:
		t.Fatalf("the write in flight ended before its body did: %+v", r)
	case <-exited:
		t.Fatalf("serve exited with requests in flight: %v\n%s", waitErr, stderr.String())
	default:
	}

	// Finish the bodies: both requests complete.
	io.WriteString(queryW, `.Out("<killed>").All()`)
	queryW.Close()
	io.WriteString(writeW, "<person/drained> <name> \"Drained\" .\n")
	writeW.Close()
	for name, done := range map[string]chan result{"query": queryDone, "write": writeDone} {
		select {
		case r := <-done:
			if r.err != nil || r.status != http.StatusOK {
				t.Errorf("%s in flight at SIGTERM: %d %s %v, want 200", name, r.status, r.body, r.err)
			}
			if name == "query" && !strings.Contains(r.body, `{"id":34}`) {
				t.Errorf("query in flight at SIGTERM answered %s", r.body)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("the %s in flight at SIGTERM did not complete", name)
		}
	}
	select {
	case <-exited:
		if waitErr != nil {
			t.Fatalf("serve exited with %v after SIGTERM, want 0\n%s", waitErr, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not exit after SIGTERM")
	}
	if stderr.Len() > 0 {
		t.Errorf("serve wrote to stderr: %s", stderr.String())
	}

	// The store was closed cleanly: it opens, and the write is in it.
	s, err := graph.Open(context.Background(), "bolt:"+dir)
	if err != nil {
		t.Fatalf("the store does not reopen: %v", err)
	}
	defer s.Close()
	res, err := s.Query(context.Background(), "gizmo", `g.V("<person/drained>").Out().All()`, -1)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(res.Results); !strings.Contains(got, "org/islamic-state") || !strings.Contains(got, "Drained") {
		t.Errorf("the write in flight at SIGTERM is not in the store: %s", got)
	}
}
