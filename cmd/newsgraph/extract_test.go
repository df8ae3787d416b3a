package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/graph"
)

const sampleArticle = "The Islamic State group claimed responsibility for the attack at the Manchester Arena, which killed 22 people.\n\n" +
	"“We will not be cowed,” said Prime Minister Theresa May, adding that the threat level had been raised.\n\nISIS later released a video.\n"

func TestExtractJSONL(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "art_01.txt", sampleArticle)
	mergesPath := filepath.Join(dir, "merges.jsonl")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"extract", "--aliases", "none", "--merges", mergesPath, p}, &out); err != nil {
		t.Fatal(err)
	}
	preds := map[string]bool{}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		for _, k := range []string{"doc", "subject", "predicate", "object", "subject_iri", "evidence", "start", "end", "rule", "confidence"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line lacks %q: %s", k, sc.Text())
			}
		}
		if m["doc"] != "art_01.txt" {
			t.Errorf("doc = %v, want the file's base name", m["doc"])
		}
		start, end := int(m["start"].(float64)), int(m["end"].(float64))
		if sampleArticle[start:end] != m["evidence"] {
			t.Errorf("evidence is not text[start:end]: %s", sc.Text())
		}
		pred := m["predicate"].(string)
		preds[pred] = true
		if pred == "stated" && m["claim_text"] == nil {
			t.Errorf("stated without claim_text: %s", sc.Text())
		}
	}
	for _, p := range []string{"stated", "perpetrator", "killed", "attack_location", "role", "text"} {
		if !preds[p] {
			t.Errorf("no %s triple in:\n%s", p, out.String())
		}
	}
	if b, err := os.ReadFile(mergesPath); err != nil {
		t.Fatal(err)
	} else if !strings.Contains(string(b), `"canonical":"Islamic State"`) {
		t.Errorf("merges file lacks the Islamic State merge:\n%s", b)
	}
}

// TestExtractNQuads checks that --format nquads is loadable as is and keeps
// provenance: the facts are labelled with their document and every fact's
// evidence can be fetched after loading.
func TestExtractNQuads(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "art_02.txt", sampleArticle)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"extract", "--format", "nquads", p}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "<killed> \"22\"^^<") {
		t.Errorf("no typed integer toll in:\n%s", out.String())
	}
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rep, err := s.LoadNQuads(ctx, "art_02.nq", bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatalf("output does not load: %v\n%s", err, out.String())
	}
	if rep.Quads == 0 {
		t.Fatal("no quads")
	}
	var facts int
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || f[1] == "<type>" || f[1] == "<name>" || strings.HasPrefix(f[0], "<ev/") {
			continue
		}
		facts++
		if !strings.HasSuffix(line, " <doc/art_02> .") {
			t.Errorf("fact not labelled with its document: %s", line)
		}
		obj := strings.Join(f[2:len(f)-2], " ")
		evs, err := s.EdgeEvidence(ctx, graph.Edge{Subject: f[0], Predicate: f[1], Object: obj})
		if err != nil {
			t.Errorf("%s: %v", line, err)
			continue
		}
		if evs[0].Doc != "art_02" || !strings.Contains(sampleArticle, evs[0].Sentence) {
			t.Errorf("%s: evidence %+v", line, evs[0])
		}
	}
	if facts == 0 {
		t.Fatalf("no facts in:\n%s", out.String())
	}
}

func TestExtractUsage(t *testing.T) {
	for _, args := range [][]string{
		{"extract"},
		{"extract", "--format", "xml", "x.txt"},
	} {
		if err := run(context.Background(), args, io.Discard); !errors.Is(err, errUsage) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
	if err := run(context.Background(), []string{"extract", "--aliases", "none", "/no/such/file.txt"}, io.Discard); err == nil || errors.Is(err, errUsage) {
		t.Errorf("missing file: %v, want a read error", err)
	}
}
