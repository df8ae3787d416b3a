package graph

import (
	"context"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestSearchIndexMatchesLinearScan: the word index finds exactly what a scan
// of every name and alias finds, on the seed graph, for names as typed,
// their prefixes, inner substrings and typos.
func TestSearchIndexMatchesLinearScan(t *testing.T) {
	ctx := context.Background()
	s := seeded(t, "memory")
	s.mu.RLock()
	ix, err := s.buildSearchIndex(ctx)
	s.mu.RUnlock()
	if err != nil {
		t.Fatal(err)
	}
	lin := *ix
	lin.linear = true
	rng := rand.New(rand.NewSource(7))
	var queries []string
	for i := 0; i < 300; i++ {
		e := ix.entries[rng.Intn(len(ix.entries))]
		k := e.key
		switch i % 5 {
		case 0: // as written
		case 1: // a prefix
			k = k[:1+rng.Intn(len(k))]
		case 2: // inside
			a := rng.Intn(len(k))
			k = k[a:min(len(k), a+3+rng.Intn(6))]
		case 3: // one letter changed
			b := []byte(k)
			b[rng.Intn(len(b))] = byte('a' + rng.Intn(26))
			k = string(b)
		case 4: // two letters swapped, words reordered
			ws := strings.Fields(k)
			rng.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
			k = strings.Join(ws, " ")
			if len(k) > 3 {
				b := []byte(k)
				b[1], b[2] = b[2], b[1]
				k = string(b)
			}
		}
		queries = append(queries, k)
	}
	queries = append(queries, "clapr", "isil", "brüssel", "a", "e", "z")
	for _, q := range queries {
		qw := fold(q)
		if len(qw) == 0 {
			continue
		}
		for _, types := range [][]string{nil, {"person"}} {
			got, err := ix.search(ctx, qw, types, 20)
			if err != nil {
				t.Fatal(err)
			}
			want, err := lin.search(ctx, qw, types, 20)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("search %q %v:\n index  %v\n linear %v", q, types, got, want)
			}
		}
	}
}
