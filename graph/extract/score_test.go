package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/ (score goldens need python3 and /work/shared/eval/score.py)")

// referenceScorer is the Python scorer the Go port must agree with.
const referenceScorer = "/work/shared/eval/score.py"

func readItems(t *testing.T, path string, lenient bool) []ScoreItem {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items, err := ReadScoreJSONL(f, path, lenient)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func readNames(t *testing.T, path string) *ScoreNames {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := ReadScoreAliases(f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestScoreAgreesWithReference checks the Go scorer against score.py's own
// numbers (stored in testdata/score/*.golden.json) on fixed predictions.
func TestScoreAgreesWithReference(t *testing.T) {
	gold := filepath.Join("testdata", "gold_seeds.jsonl")
	aliases := filepath.Join("testdata", "eval_aliases.json")
	preds, err := filepath.Glob(filepath.Join("testdata", "score", "pred_*.jsonl"))
	if err != nil || len(preds) == 0 {
		t.Fatalf("no prediction files: %v", err)
	}
	for _, pred := range preds {
		name := strings.TrimSuffix(filepath.Base(pred), ".jsonl")
		t.Run(name, func(t *testing.T) {
			golden := strings.TrimSuffix(pred, ".jsonl") + ".golden.json"
			if *update {
				out, err := exec.Command("python3", referenceScorer, gold, pred, aliases, "--json").Output()
				if err != nil {
					t.Skipf("cannot run the reference scorer: %v", err)
				}
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]ScoreStats
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			got := Score(readItems(t, gold, false), readItems(t, pred, true), readNames(t, aliases)).JSON()
			if len(got) != len(want) {
				t.Errorf("rows: got %d, want %d", len(got), len(want))
			}
			for k, w := range want {
				if g := got[k]; g != w {
					t.Errorf("%s: got %+v, want %+v", k, g, w)
				}
			}
		})
	}
}

// TestScoreFormat checks the printed table against score.py's text output.
func TestScoreFormat(t *testing.T) {
	gold := filepath.Join("testdata", "gold_seeds.jsonl")
	aliases := filepath.Join("testdata", "eval_aliases.json")
	pred := filepath.Join("testdata", "score", "pred_tricky.jsonl")
	golden := filepath.Join("testdata", "score", "pred_tricky.golden.txt")
	if *update {
		out, err := exec.Command("python3", referenceScorer, gold, pred, aliases).Output()
		if err != nil {
			t.Skipf("cannot run the reference scorer: %v", err)
		}
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Score(readItems(t, gold, false), readItems(t, pred, true), readNames(t, aliases)).Format(&buf); err != nil {
		t.Fatal(err)
	}
	if buf.String() != string(want) {
		t.Errorf("table differs:\n got:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestScoreHelpers(t *testing.T) {
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"fold accents", scoreFold("Café  \u00a0Crème"), "Cafe Creme"},
		{"words", strings.Join(scoreWords("U.S. Director, 2015!"), " "), "u s director 2015"},
		{"years", len(scoreYears("2015 and 1999 but not 12015")), 2},
		{"number", scoreNumber("at least 1,200 people"), "1200"},
		{"number none", scoreNumber("Dozens"), "dozens"},
		{"anon", scoreAnon("Unnamed official (003)"), true},
		{"anon word part", scoreAnon("officialdom"), false},
		{"overlap", overlapF1("the cat sat", "a cat sat down"), 0.8},
		{"title containment", titleMatch("CEO", "CEO of Global Security International LLC"), true},
		{"attack years differ", attackMatch("2015 Paris attacks", "2016 Paris attacks"), false},
		{"attack content", attackMatch("Paris attacks", "2015 Paris attacks"), true},
		{"round3", round3(2.0 / 3.0), 0.667},
		{"withTxt", withTxt("000_x"), "000_x.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}
