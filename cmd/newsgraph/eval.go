package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"newsgraph/graph/extract"
	"newsgraph/seeds"
)

func init() {
	commands["eval"] = command{summary: "score the extractor against gold triples (P/R/F1 per predicate)", run: runEval}
}

func runEval(ctx context.Context, args []string, stdout io.Writer) error {
	fset := flag.NewFlagSet("eval", flag.ContinueOnError)
	goldPath := fset.String("gold", "", "gold triples, JSONL (required)")
	docsDir := fset.String("docs", "", "directory of articles (*.txt) to extract; default: the built-in seed articles")
	aliasPath := fset.String("aliases", "", "the scorer's alias file, JSON {canonical: [forms…]}; default: none")
	predPath := fset.String("pred", "", "score these predicted triples (JSONL) instead of running the extractor")
	table := fset.String("table", "", `the extractor's alias table (TSV); default: the built-in seeds/aliases.tsv; "none" for none`)
	asJSON := fset.Bool("json", false, "print the scores as JSON")
	fset.Usage = func() {
		fmt.Fprintln(fset.Output(), "usage: newsgraph eval --gold FILE [--docs DIR] [--aliases JSON] [--pred FILE] [--table TSV|none] [--json]")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *goldPath == "" {
		return fmt.Errorf("%w: eval needs --gold FILE", errUsage)
	}
	if fset.NArg() > 0 {
		return fmt.Errorf("%w: eval takes no arguments, got %q", errUsage, fset.Args())
	}
	gold, err := readScoreFile(*goldPath, false)
	if err != nil {
		return err
	}
	names := extract.NewScoreNames()
	if *aliasPath != "" {
		f, err := os.Open(*aliasPath)
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		names, err = extract.ReadScoreAliases(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("eval: %s: %w", *aliasPath, err)
		}
	}
	var pred []extract.ScoreItem
	if *predPath != "" {
		if pred, err = readScoreFile(*predPath, true); err != nil {
			return err
		}
	} else {
		docs, err := evalDocs(*docsDir)
		if err != nil {
			return err
		}
		aliases, err := loadExtractAliases(*table)
		if err != nil {
			return err
		}
		results, err := extract.New(aliases).ExtractAll(ctx, docs)
		if err != nil {
			return err
		}
		for _, r := range results {
			if r.Err != nil {
				return r.Err
			}
			pred = append(pred, extract.TriplesToScoreItems(r.Triples)...)
		}
	}
	scores := extract.Score(gold, pred, names)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		if err := enc.Encode(scores.JSON()); err != nil {
			return fmt.Errorf("eval: write: %w", err)
		}
		return nil
	}
	return scores.Format(stdout)
}

func readScoreFile(p string, lenient bool) ([]extract.ScoreItem, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	return extract.ReadScoreJSONL(f, p, lenient)
}

// evalDocs reads the articles to extract: *.txt in dir, or the built-in
// seed articles.
func evalDocs(dir string) ([]extract.Doc, error) {
	var fsys fs.FS = seeds.FS
	pattern := "articles/*.txt"
	if dir != "" {
		fsys, pattern = os.DirFS(dir), "*.txt"
	}
	paths, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("eval: no *.txt articles in %s", filepath.Clean(dir))
	}
	sort.Strings(paths)
	docs := make([]extract.Doc, 0, len(paths))
	for _, p := range paths {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		docs = append(docs, extract.Doc{ID: path.Base(strings.ReplaceAll(p, "\\", "/")), Text: b})
	}
	return docs, nil
}
