package extract

import (
	"bytes"
	"context"
	"errors"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var (
	sharedX     *Extractor
	sharedXOnce sync.Once
)

// testExtractor is built once for all tests, like a real caller would.
func testExtractor() *Extractor {
	sharedXOnce.Do(func() { sharedX = New(nil) })
	return sharedX
}

// corpus returns every article the tests know: the seeds and our own.
func corpus(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, pat := range []string{"../../seeds/articles/*.txt", "testdata/articles/*.txt", "testdata/heldout/*.txt", "testdata/blind2/*.txt", "testdata/blind3/*.txt"} {
		paths, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			out[filepath.Base(p)] = b
		}
	}
	if len(out) == 0 {
		t.Fatal("no articles found")
	}
	return out
}

// checkResult verifies the invariants every result must hold.
func checkResult(t testing.TB, text []byte, r Result) {
	t.Helper()
	s := string(text)
	for _, tr := range r.Triples {
		if tr.Start < 0 || tr.End > len(s) || tr.Start > tr.End {
			t.Fatalf("%s: bad offsets [%d,%d) in %d bytes: %+v", r.Doc, tr.Start, tr.End, len(s), tr)
		}
		if s[tr.Start:tr.End] != tr.Evidence {
			t.Fatalf("%s: evidence is not text[start:end]: %q vs %q", r.Doc, tr.Evidence, s[tr.Start:tr.End])
		}
		if tr.Confidence < 0 || tr.Confidence > 1 {
			t.Fatalf("%s: confidence %v out of [0,1]", r.Doc, tr.Confidence)
		}
		if tr.Rule == "" || tr.Subject == "" || tr.Object == "" || tr.Doc != r.Doc {
			t.Fatalf("%s: incomplete triple %+v", r.Doc, tr)
		}
		if !IsPredicate(tr.Predicate) {
			t.Fatalf("%s: unknown predicate %q", r.Doc, tr.Predicate)
		}
		if LiteralPredicates[tr.Predicate] != (tr.ObjectIRI == "") {
			t.Fatalf("%s: literal/IRI mismatch: %+v", r.Doc, tr)
		}
		typ, _, _ := strings.Cut(tr.SubjectIRI, "/")
		if tr.SubjectIRI != IRI(typ, tr.Subject) {
			t.Fatalf("%s: subject IRI %q is not IRI(%q, %q)", r.Doc, tr.SubjectIRI, typ, tr.Subject)
		}
		if tr.Predicate == PredStated && tr.ClaimText == "" {
			t.Fatalf("%s: stated without claim_text: %+v", r.Doc, tr)
		}
	}
	for _, c := range r.Claims {
		if c.Start < 0 || c.End > len(s) || c.Start > c.End || s[c.Start:c.End] != c.Text {
			t.Fatalf("%s: claim text is not text[start:end]: %+v", r.Doc, c)
		}
	}
	for _, m := range r.Merges {
		if m.Start < 0 || m.End > len(s) || m.Start > m.End || s[m.Start:m.End] != m.Surface {
			t.Fatalf("%s: merge surface is not text[start:end]: %+v", r.Doc, m)
		}
	}
}

// TestEvidenceIsVerbatim checks, on every article the tests have, that each
// triple's evidence is exactly the text at its offsets.
func TestEvidenceIsVerbatim(t *testing.T) {
	x := testExtractor()
	for name, text := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			r := x.Extract(name, text)
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			if len(r.Triples) == 0 {
				t.Fatal("no triples")
			}
			checkResult(t, text, r)
		})
	}
}

func TestNoPanicOnOddInput(t *testing.T) {
	x := testExtractor()
	inputs := map[string]string{
		"empty":          "",
		"spaces":         "   \n\n\t ",
		"invalid utf8":   "\xff\xfe Paris \xc3\x28 said \"\xa0\xa1\" killed 12.",
		"only quotes":    "“ ” \" \" ‘ ’",
		"unclosed quote": "“It will happen again, said the minister.\n\n“And again",
		"nul bytes":      "A\x00B said that C\x00 killed 3 people in Paris.",
		"long word":      strings.Repeat("a", 100000),
		"many commas":    strings.Repeat(", said ", 2000),
		"titles only":    "President Minister Director of General Gen. Mr Dr.",
		"numbers":        "The death toll rose to 99999999999999999999999 killed 1,2,3,4 people.",
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			r := x.Extract(name, []byte(in))
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			checkResult(t, []byte(in), r)
		})
	}
}

func TestExtractAll(t *testing.T) {
	x := testExtractor()
	c := corpus(t)
	var docs []Doc
	for name, text := range c {
		docs = append(docs, Doc{ID: name, Text: text})
	}
	res, err := x.ExtractAll(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Doc != docs[i].ID {
			t.Fatalf("result %d is for %q, want %q", i, r.Doc, docs[i].ID)
		}
		single := x.Extract(docs[i].ID, docs[i].Text)
		if len(single.Triples) != len(r.Triples) {
			t.Errorf("%s: parallel run gave %d triples, single %d", r.Doc, len(r.Triples), len(single.Triples))
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := x.ExtractAll(ctx, docs); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v, want context.Canceled", err)
	}
}

// TestImportsStayLocal: the package reads text and knows nothing of the
// project or of Cayley.
func TestImportsStayLocal(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if strings.HasPrefix(p, "newsgraph") || strings.Contains(p, "cayley") {
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"“We will strike again,” said Italy's Interior Minister Matteo Piantedosi, adding that the threat was high.",
		"The Islamic State group claimed responsibility for the attack at the Manchester Arena, which killed 22 people.",
		"According to police, at least 12 people were killed in Berlin, Germany on Monday.",
		"\xff\xfe\xfd",
		"A\"B“C”D‘E’F",
	} {
		f.Add([]byte(s))
	}
	x := testExtractor()
	f.Fuzz(func(t *testing.T, b []byte) {
		r := x.extract("fuzz.txt", string(b)) // no recover: a panic fails the fuzzer
		checkResult(t, b, r)
		for _, tr := range r.Triples {
			if !utf8.ValidString(tr.Evidence) && bytes.Contains(b, []byte(tr.Evidence)) == false {
				t.Fatalf("evidence not in input: %q", tr.Evidence)
			}
		}
	})
}

// BenchmarkExtract measures throughput with documents in parallel, as
// ExtractAll runs them.
func BenchmarkExtract(b *testing.B) {
	x := testExtractor()
	c := corpus(b)
	var docs []Doc
	size := 0
	for name, text := range c {
		docs = append(docs, Doc{ID: name, Text: text})
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "workers")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := x.ExtractAll(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLongInputStaysLinear: a long document, and one with no full stop at
// all, finish in time proportional to their size.
func TestLongInputStaysLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("long input")
	}
	x := testExtractor()
	var buf bytes.Buffer
	for _, text := range corpus(t) {
		buf.Write(text)
		buf.WriteString("\n\n")
	}
	small := buf.Bytes()
	big := bytes.Repeat(small, 8)
	noStops := bytes.Repeat([]byte("officials said the attack in Paris killed 12 people, “we will fight,” he said, "), 3000)
	for name, text := range map[string][]byte{"corpus x8": big, "no full stops": noStops} {
		t.Run(name, func(t *testing.T) {
			r := x.Extract(name, text)
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			checkResult(t, text, r)
		})
	}
}
