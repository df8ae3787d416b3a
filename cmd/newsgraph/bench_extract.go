package main

// The extraction benchmark's corpus: the seed articles and the extractor's
// own test texts, multiplied into many variations until it is big enough.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"newsgraph/graph/extract"
	"newsgraph/seeds"
)

// corpusText is one base text of the corpus.
type corpusText struct {
	name string
	text string
}

// baseTexts gathers the seed articles (built in) and, from the source tree
// at src, the extractor's test articles and the sentences its rule tests
// feed it. It returns the texts and where they came from.
func baseTexts(src string) ([]corpusText, []string) {
	var out []corpusText
	var from []string
	names, _ := fs.Glob(seeds.FS, "articles/*.txt")
	for _, n := range names {
		b, err := fs.ReadFile(seeds.FS, n)
		if err == nil {
			out = append(out, corpusText{n, string(b)})
		}
	}
	from = append(from, fmt.Sprintf("%d seed articles", len(names)))
	if src == "" {
		return out, from
	}
	n := 0
	for _, pat := range []string{"graph/extract/testdata/articles/*.txt", "graph/extract/testdata/heldout/*.txt"} {
		paths, _ := filepath.Glob(filepath.Join(src, pat))
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				out = append(out, corpusText{filepath.Base(p), string(b)})
				n++
			}
		}
	}
	if n > 0 {
		from = append(from, fmt.Sprintf("%d test articles (graph/extract/testdata)", n))
	}
	// The rule tests' inputs: string literals that read like sentences.
	tests, _ := filepath.Glob(filepath.Join(src, "graph/extract/*_test.go"))
	var sentences []string
	for _, p := range tests {
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, 0)
		if err != nil {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && len(s) >= 40 && strings.Count(s, " ") >= 6 && strings.ContainsAny(s, ".\"”") && !strings.Contains(s, "\t") {
				sentences = append(sentences, s)
			}
			return true
		})
	}
	sort.Strings(sentences)
	sentences = dedupeStrings(sentences)
	// Group them a dozen to an article, as paragraphs.
	for i := 0; i < len(sentences); i += 12 {
		j := min(i+12, len(sentences))
		out = append(out, corpusText{fmt.Sprintf("rules_%03d", i/12), strings.Join(sentences[i:j], "\n\n") + "\n"})
	}
	if len(sentences) > 0 {
		from = append(from, fmt.Sprintf("%d sentences from the extractor's rule tests", len(sentences)))
	}
	return out, from
}

func dedupeStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// Stand-ins for names: the variations swap an article's names for these.
var (
	benchPeople = []string{"Maria Alvarez", "John Okafor", "Ingrid Larsen", "Ahmed Haddad", "Chen Wei", "Sofia Rossi",
		"Pieter de Vries", "Fatima Bello", "Tomasz Nowak", "Elena Petrova", "David Cohen", "Aisha Khan"}
	benchPlaces = []string{"Lyon", "Antwerp", "Hamburg", "Madrid", "Rotterdam", "Milan", "Vienna", "Marseille",
		"Belgium", "Spain", "Denmark", "Austria"}
	benchOrgs = []string{"Europol", "Interpol", "the Red Cross", "Reuters", "the BBC", "Al-Shabaab", "Boko Haram", "NATO"}
	benchDays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	numberRE  = regexp.MustCompile(`\b\d{1,3}\b`)
	dayRE     = regexp.MustCompile(`\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
)

// buildCorpus makes documents from the base texts until they hold at least
// size bytes: each a variation with names, places, organisations, numbers
// and weekdays swapped, paragraphs shuffled, or paragraphs of two texts
// mixed. It is deterministic.
func buildCorpus(base []corpusText, aliases []extract.Alias, size int) []extract.Doc {
	rnd := rand.New(rand.NewPCG(5, 2016))
	byType := map[string][]string{}
	for _, a := range aliases {
		byType[a.Type] = append(byType[a.Type], a.Name)
	}
	pools := map[string][]string{"person": benchPeople, "place": benchPlaces, "org": benchOrgs}
	var docs []extract.Doc
	total := 0
	for i := 0; total < size; i++ {
		t := base[i%len(base)].text
		if i >= len(base) {
			// Swap some canonical names for stand-ins of the same type.
			for typ, names := range byType {
				pool := pools[typ]
				if len(pool) == 0 {
					continue
				}
				for _, n := range names {
					if rnd.IntN(2) == 0 && strings.Contains(t, n) {
						t = strings.ReplaceAll(t, n, pool[rnd.IntN(len(pool))])
					}
				}
			}
			t = numberRE.ReplaceAllStringFunc(t, func(s string) string {
				if rnd.IntN(3) == 0 {
					return strconv.Itoa(1 + rnd.IntN(300))
				}
				return s
			})
			t = dayRE.ReplaceAllStringFunc(t, func(string) string { return benchDays[rnd.IntN(7)] })
			paras := strings.Split(t, "\n\n")
			switch rnd.IntN(3) {
			case 0:
				rnd.Shuffle(len(paras), func(a, b int) { paras[a], paras[b] = paras[b], paras[a] })
			case 1:
				other := strings.Split(base[rnd.IntN(len(base))].text, "\n\n")
				paras = append(paras, other[:1+rnd.IntN(len(other))]...)
			}
			t = strings.Join(paras, "\n\n")
		}
		var b bytes.Buffer
		b.WriteString(t)
		if !strings.HasSuffix(t, "\n") {
			b.WriteByte('\n')
		}
		docs = append(docs, extract.Doc{ID: fmt.Sprintf("bench_%05d", i), Text: b.Bytes()})
		total += b.Len()
	}
	return docs
}
