package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

const testdata = "../../graph/extract/testdata"

// TestEvalAgreesWithReference: `newsgraph eval --pred` prints exactly what
// score.py printed for the same files (its output is stored as a golden file).
func TestEvalAgreesWithReference(t *testing.T) {
	for _, name := range []string{"pred_tricky", "pred_seeds_builtin", "pred_gold"} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			args := []string{"eval", "--gold", filepath.Join(testdata, "gold_seeds.jsonl"),
				"--aliases", filepath.Join(testdata, "eval_aliases.json"),
				"--pred", filepath.Join(testdata, "score", name+".jsonl"), "--json"}
			if err := run(context.Background(), args, &out); err != nil {
				t.Fatal(err)
			}
			var got, want map[string]any
			if err := json.Unmarshal(out.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(testdata, "score", name+".golden.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			gb, _ := json.Marshal(got)
			wb, _ := json.Marshal(want)
			if !bytes.Equal(gb, wb) {
				t.Errorf("eval --json differs from score.py:\n got %s\nwant %s", gb, wb)
			}
		})
	}
	var out bytes.Buffer
	args := []string{"eval", "--gold", filepath.Join(testdata, "gold_seeds.jsonl"), "--aliases", filepath.Join(testdata, "eval_aliases.json"),
		"--pred", filepath.Join(testdata, "score", "pred_tricky.jsonl")}
	if err := run(context.Background(), args, &out); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(testdata, "score", "pred_tricky.golden.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("table differs from score.py's:\n got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestEvalRunsExtractor scores the extractor on the built-in seed articles.
func TestEvalRunsExtractor(t *testing.T) {
	var out bytes.Buffer
	args := []string{"eval", "--gold", filepath.Join(testdata, "gold_seeds.jsonl"), "--aliases", filepath.Join(testdata, "eval_aliases.json"), "--table", "none", "--json"}
	if err := run(context.Background(), args, &out); err != nil {
		t.Fatal(err)
	}
	var got map[string]struct{ F1 float64 }
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got["overall"].F1 < 0.9 {
		t.Errorf("overall F1 %.3f on the seeds", got["overall"].F1)
	}
	// our own articles, from a directory
	out.Reset()
	args = []string{"eval", "--gold", filepath.Join(testdata, "gold_own.jsonl"), "--aliases", filepath.Join(testdata, "own_aliases.json"),
		"--docs", filepath.Join(testdata, "articles"), "--table", "none"}
	if err := run(context.Background(), args, &out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Bytes(), []byte("overall ")) {
		t.Errorf("no overall row:\n%s", out.String())
	}
}

func TestEvalUsage(t *testing.T) {
	for _, args := range [][]string{
		{"eval"},
		{"eval", "--gold", "g.jsonl", "extra"},
	} {
		if err := run(context.Background(), args, io.Discard); !errors.Is(err, errUsage) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
	if err := run(context.Background(), []string{"eval", "--gold", "/no/such.jsonl"}, io.Discard); err == nil {
		t.Error("missing gold file: no error")
	}
}
