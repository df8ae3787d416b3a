package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// extractDir runs x over every *.txt in dir.
func extractDir(t *testing.T, x *Extractor, dir string) []Triple {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no articles in %s: %v", dir, err)
	}
	sort.Strings(paths)
	var out []Triple
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		r := x.Extract(filepath.Base(p), b)
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		out = append(out, r.Triples...)
	}
	return out
}

func scoreDir(t *testing.T, x *Extractor, dir, gold, aliases string) Scores {
	t.Helper()
	pred := TriplesToScoreItems(extractDir(t, x, dir))
	s := Score(readItems(t, gold, false), pred, readNames(t, aliases))
	var buf bytes.Buffer
	if err := s.Format(&buf); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", dir, buf.String())
	return s
}

// Floors sit a little below the scores reached (docs/extraction.md has the
// tables); a drop below them fails.
func TestScoreFloors(t *testing.T) {
	seedTable := func(t *testing.T) []Alias {
		f, err := os.Open("../../seeds/aliases.tsv")
		if err != nil {
			t.Skipf("no seed alias table: %v", err)
		}
		defer f.Close()
		a, err := ParseAliases(f, "seeds/aliases.tsv")
		if err != nil {
			t.Skipf("seed alias table unreadable (being edited?): %v", err)
		}
		return a
	}
	tests := []struct {
		name              string
		aliases           func(t *testing.T) []Alias
		dir, gold, scorer string
		overall, stated   float64
	}{
		// the number that predicts unseen articles: built-in lists only
		{"seeds, built-in lists only", nil, "../../seeds/articles", "testdata/gold_seeds.jsonl", "testdata/eval_aliases.json", 0.91, 0.86},
		// what `newsgraph eval` reports by default
		{"seeds, with seeds/aliases.tsv", seedTable, "../../seeds/articles", "testdata/gold_seeds.jsonl", "testdata/eval_aliases.json", 0.95, 0.93},
		{"own articles", nil, "testdata/articles", "testdata/gold_own.jsonl", "testdata/own_aliases.json", 0.95, 0.93},
		{"held-out articles", nil, "testdata/heldout", "testdata/gold_heldout.jsonl", "testdata/heldout_aliases.json", 0.93, 0.9},
		{"second blind batch", nil, "testdata/blind2", "testdata/gold_blind2.jsonl", "testdata/blind2_aliases.json", 0.92, 0.9},
		{"third blind batch (batch 4)", nil, "testdata/blind3", "testdata/gold_blind3.jsonl", "testdata/blind3_aliases.json", 0.95, 0.96},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := testExtractor()
			if tt.aliases != nil {
				x = New(tt.aliases(t))
			}
			s := scoreDir(t, x, tt.dir, tt.gold, tt.scorer)
			all, _ := s.Get("overall")
			st, _ := s.Get(PredStated)
			if all.F1 < tt.overall {
				t.Errorf("overall F1 %.3f < floor %.2f", all.F1, tt.overall)
			}
			if st.F1 < tt.stated {
				t.Errorf("stated F1 %.3f < floor %.2f", st.F1, tt.stated)
			}
		})
	}
}

// goldenTriple is the part of a triple the golden files pin.
type goldenTriple struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
	ClaimText string `json:"claim_text,omitempty"`
	Qualifier string `json:"qualifier,omitempty"`
	Rule      string `json:"rule"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// TestGoldenTriples pins the extractor's output on our own articles
// (testdata/golden/*.jsonl); run with -update after a deliberate change.
func TestGoldenTriples(t *testing.T) {
	x := testExtractor()
	var paths []string
	for _, dir := range []string{"testdata/articles", "testdata/heldout", "testdata/blind2", "testdata/blind3"} {
		p, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		paths = append(paths, p...)
	}
	for _, p := range paths {
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			r := x.Extract(name, b)
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			for _, tr := range r.Triples {
				if err := enc.Encode(goldenTriple{tr.Subject, tr.Predicate, tr.Object, tr.ClaimText, tr.Qualifier, tr.Rule, tr.Start, tr.End}); err != nil {
					t.Fatal(err)
				}
			}
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".txt")+".jsonl")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("output differs from %s (run go test -update if the change is intended):\n%s", golden, lineDiff(string(want), buf.String()))
			}
		})
	}
}

// lineDiff lists lines only in want (-) or only in got (+).
func lineDiff(want, got string) string {
	count := func(s string) map[string]int {
		m := map[string]int{}
		sc := bufio.NewScanner(strings.NewReader(s))
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			m[sc.Text()]++
		}
		return m
	}
	w, g := count(want), count(got)
	var out []string
	for l, n := range w {
		if g[l] < n {
			out = append(out, fmt.Sprintf("- %s", l))
		}
	}
	for l, n := range g {
		if w[l] < n {
			out = append(out, fmt.Sprintf("+ %s", l))
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}
