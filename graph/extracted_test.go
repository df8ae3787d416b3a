package graph

import (
	"context"
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
	"newsgraph/seeds"
)

// allQuads lists every quad of the store in N-Quads form, sorted.
func allQuads(t *testing.T, s *Store) []string {
	t.Helper()
	ctx := context.Background()
	s.mu.RLock()
	defer s.mu.RUnlock()
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		out = append(out, s.qs.Quad(it.Result()).NQuad())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func loadSeedFiles(t *testing.T, s *Store, patterns ...string) {
	t.Helper()
	inputs, err := FSInputs(seeds.FS, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(context.Background(), inputs...); err != nil {
		t.Fatal(err)
	}
}

// TestExtractedFactsBesideCurated checks that loading the seeds puts the
// extractor's facts in the graph with their evidence, that a fact both found
// and curated is one confirmed edge, and that extracted claims a curator
// recorded fold into the curated claim.
func TestExtractedFactsBesideCurated(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")

	s.mu.RLock()
	var extracted, curated int
	claimsBySpeakerDoc := map[string]map[quad.Value]string{}
	articles, err := fs.Glob(seeds.FS, "articles/*.txt")
	if err != nil || len(articles) != 4 {
		t.Fatalf("seed articles: %v %v", articles, err)
	}
	for _, name := range articles {
		id := DocID(name)
		ex, cu, err := s.docEvidence(ctx, id)
		if err != nil {
			s.mu.RUnlock()
			t.Fatal(err)
		}
		extracted += len(ex)
		curated += len(cu)
		text, _ := s.documentText(ctx, id)
		for _, e := range append(ex, cu...) {
			if text == "" || e.ev.End > len(text) || text[e.ev.Start:e.ev.End] != e.ev.Sentence {
				t.Errorf("%s: evidence %q is not the document's bytes %d:%d", id, e.ev.Sentence, e.ev.Start, e.ev.End)
			}
			if e.fact[1] == PredicateIRI(extract.PredStated) {
				k := quad.StringOf(e.fact[0]) + " " + id
				if claimsBySpeakerDoc[k] == nil {
					claimsBySpeakerDoc[k] = map[quad.Value]string{}
				}
				claimsBySpeakerDoc[k][e.fact[2]] = e.ev.Method
			}
		}
	}
	s.mu.RUnlock()
	if extracted < 100 || curated < 100 {
		t.Fatalf("seeds give %d extracted and %d curated pieces of evidence; want both ≥ 100", extracted, curated)
	}

	// Clapper's "cells in the UK, Germany and Italy" claim is both curated
	// and extracted: one claim, one edge, confirmed, two pieces of evidence.
	d, err := s.EdgeDetail(ctx, Edge{
		Subject:   "<person/james-clapper>",
		Predicate: "<stated>",
		Object:    "<claim/islamic-state-has-jihadist-cells-in-the-united-kingdom-germany-and-italy>",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Edge.Confirmed || len(d.Evidence) < 2 {
		t.Errorf("curated+extracted claim: confirmed=%v with %d evidence (%v), want confirmed with ≥ 2", d.Edge.Confirmed, len(d.Evidence), d.Edge.Methods)
	}
	texts := gizmo(t, s, `g.V("<claim/islamic-state-has-jihadist-cells-in-the-united-kingdom-germany-and-italy>").Out("<text>").All()`)
	if strings.Count(texts, `"id"`) != 2 {
		t.Errorf("the curated claim, reported by two articles, has texts %s; want one per article", texts)
	}
	stated := gizmo(t, s, `g.V("<person/james-clapper>").Out("<stated>").All()`)
	if strings.Contains(stated, "the-islamic-state-terrorist-group-has-jihadist-cells") {
		t.Errorf("the extracted duplicate of a curated claim is a second edge: %s", stated)
	}

	// A fact only the extractor found is in the graph, unconfirmed.
	d, err = s.EdgeDetail(ctx, Edge{Subject: "<person/james-clapper>", Predicate: "<stated>", Object: "<claim/so-there-s-countervailing-processes>"})
	if err != nil {
		t.Fatalf("an extracted-only claim is missing: %v", err)
	}
	if d.Edge.Confirmed || d.Evidence[0].Method == MethodCurated || d.Evidence[0].Confidence <= 0 || d.Evidence[0].Confidence > 1 {
		t.Errorf("extracted-only claim: %+v", d)
	}
}

// TestCuratedWinsInAnyOrder loads articles, then the curated file in a
// second run, and checks the graph equals the one-run load; loading an
// article again changes nothing.
func TestCuratedWinsInAnyOrder(t *testing.T) {
	together := openStore(t, "memory")
	loadSeedFiles(t, together, "aliases.tsv", "articles/*.txt", "curated.tsv")

	apart := openStore(t, "memory")
	loadSeedFiles(t, apart, "aliases.tsv", "articles/*.txt")
	before := len(allQuads(t, apart))
	loadSeedFiles(t, apart, "curated.tsv")

	a, b := allQuads(t, together), allQuads(t, apart)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("articles then curated in two runs: %d quads (%d before the curated file); in one run: %d", len(b), before, len(a))
		diff(t, a, b)
	}

	loadSeedFiles(t, apart, "articles/000_166a56b2fb6beffc.txt")
	if c := allQuads(t, apart); strings.Join(c, "\n") != strings.Join(b, "\n") {
		t.Errorf("loading an article again: %d quads, want %d", len(c), len(b))
		diff(t, b, c)
	}
}

func diff(t *testing.T, a, b []string) {
	t.Helper()
	in := map[string]int{}
	for _, q := range a {
		in[q]++
	}
	for _, q := range b {
		in[q]--
	}
	n := 0
	for q, c := range in {
		if c != 0 && n < 10 {
			t.Logf("%+d %s", -c, q)
			n++
		}
	}
}

// TestExtractionOff loads an article as a document only.
func TestExtractionOff(t *testing.T) {
	s := openStore(t, "memory")
	s.SetExtraction(false)
	rep, err := s.LoadArticle(context.Background(), "a", []byte("Police said 12 people were killed in the attack in Berlin."))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Facts != 0 || rep.Quads != 4 {
		t.Errorf("with extraction off: %+v, want the document's 4 quads only (type, name, content, hash)", rep)
	}
	s.SetExtraction(true)
	rep, err = s.LoadArticle(context.Background(), "a", []byte("Police said 12 people were killed in the attack in Berlin."))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Facts == 0 {
		t.Errorf("with extraction on: %+v, want facts", rep)
	}
}
