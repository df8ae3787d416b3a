package extract

import (
	"fmt"
	"os"
	"testing"
)

// TestDump prints how the file named by $EXTRACT_DUMP is read: sentences,
// tokens with their tags, quote spans and typed mentions. A tool for
// writing rules; it is skipped unless the variable is set.
func TestDump(t *testing.T) {
	p := os.Getenv("EXTRACT_DUMP")
	if p == "" {
		t.Skip("set EXTRACT_DUMP=FILE to print the analysis of FILE")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	x := testExtractor()
	d := &docState{x: x, id: "dump", docID: "dump", text: string(b), byName: map[string]*entity{},
		lowerSeen: map[string]bool{}, anon: map[string][]*entity{}, anonAt: map[int]*entity{}}
	d.toks, d.sents = analyse(x.m, d.text)
	for _, tk := range d.toks {
		if isLowerStart(tk.text) {
			d.lowerSeen[tk.lower] = true
		}
	}
	d.quotes = findQuotes(d.toks, d.sents)
	d.findMentions()
	d.resolveNames()
	for si, s := range d.sents {
		fmt.Printf("S%d p%d skip=%v:", si, s.para, s.skip)
		for i := s.t0; i < s.t1; i++ {
			tk := d.toks[i]
			m := ""
			if mm := d.mentionAt(i); mm != nil && mm.t0 == i {
				m = "[" + mm.ent.typ + ":" + mm.ent.name + "]"
			}
			fmt.Printf(" %s/%s/q%d%s", tk.text, tk.tag, tk.quote, m)
		}
		fmt.Println()
	}
	for i, q := range d.quotes {
		fmt.Printf("Q%d open=%d close=%d [%d,%d) para=%d cont=%d\n", i, q.open, q.close, q.t0, q.t1, q.para, q.cont)
	}
}
