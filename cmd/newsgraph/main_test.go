package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestHelpListsCommands(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"help"}, &out); err != nil {
		t.Fatal(err)
	}
	for name := range commands {
		if !strings.Contains(out.String(), "  "+name+" ") {
			t.Errorf("help does not list %s:\n%s", name, out.String())
		}
	}
	if err := run(context.Background(), []string{"frobnicate"}, io.Discard); !errors.Is(err, errUsage) {
		t.Errorf("unknown command: %v, want a usage error", err)
	}
}

func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLoad loads files into a bolt store through the CLI and checks that a
// bad curated line fails the command, naming the file and line, and adds
// nothing.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	db := "bolt:" + filepath.Join(dir, "db")
	article := writeFile(t, dir, "art1.txt", "Jane Roe, the mayor of Springfield, said on Monday that the river had flooded.\nShe added nothing.\n")
	aliases := writeFile(t, dir, "aliases.tsv", "name\ttype\taliases\nJane Roe\tperson\tRoe|Ms Roe\nSpringfield\tplace\t\n")
	good := writeFile(t, dir, "good.tsv", "subject\tpredicate\tobject\tdoc\tevidence\tnote\n"+
		"Jane Roe\trole\tmayor of Springfield\tart1\tJane Roe, the mayor of Springfield, said on Monday that the river had flooded.\t\n")
	bad := writeFile(t, dir, "bad.tsv", "subject\tpredicate\tobject\tdoc\tevidence\tnote\n"+
		"Jane Roe\tlocated_in\tSpringfield\tart1\tJane Roe, the mayor of Springfield, said on Monday that the river had flooded.\t\n"+
		"Jane Roe\trole\tbaker\tart1\tJane Roe bakes bread.\t\n")
	ctx := context.Background()
	var out bytes.Buffer
	if err := run(ctx, []string{"load", "--db", db, good, article, aliases}, &out); err != nil {
		t.Fatalf("load: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "good.tsv (curated): ") {
		t.Errorf("output: %s", out.String())
	}
	err := run(ctx, []string{"load", "--db", db, bad}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "bad.tsv:3:5") || !strings.Contains(err.Error(), "evidence not found") {
		t.Fatalf("loading a bad file: %v; want an error naming bad.tsv:3:5 and the reason", err)
	}
	out.Reset()
	if err := run(ctx, []string{"query", "--db", db, `g.V("<person/jane-roe>").Out("<located_in>").All()`}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"result": null`) {
		t.Errorf("the refused file's good line was loaded: %s", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"query", "--db", db, `g.V("<person/jane-roe>").Out("<role>").All()`}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "mayor of Springfield") {
		t.Errorf("query: %s", out.String())
	}
}

// TestServe starts serve on a free port, reads the URL it prints, queries
// it through `query --server`, and stops it by cancelling the context.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", "memory", "--addr", "127.0.0.1:0"}, pw)
		pw.Close()
	}()
	url := ""
	sc := bufio.NewScanner(pr)
	re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	for sc.Scan() {
		if m := re.FindString(sc.Text()); m != "" {
			url = m
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if url == "" {
		t.Fatalf("serve printed no URL: %v", <-done)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET / = %d", resp.StatusCode)
	}
	var out bytes.Buffer
	if err := run(ctx, []string{"query", "--server", url, `g.V("<attack/2016-brussels-bombings>").Out("<killed>").All()`}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "34") {
		t.Errorf("query --server: %s", out.String())
	}
	if err := run(ctx, []string{"query", "--server", url, `g.V(`}, io.Discard); err == nil || !strings.Contains(err.Error(), "SyntaxError") {
		t.Errorf("bad query through --server: %v, want the parser's message", err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after cancel: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
}
