package graph

import (
	"context"
	"encoding/json"
	"math/rand"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var (
	moviesOnce  sync.Once
	moviesStore *Store
	moviesErr   error
)

// movies loads Cayley v0.7.7's 30kmoviedata (471k quads, from the module
// cache) into a memory store, once per test binary.
func movies(b *testing.B) *Store {
	b.Helper()
	moviesOnce.Do(func() {
		out, err := exec.Command("go", "mod", "download", "-json", "github.com/cayleygraph/cayley@v0.7.7").Output()
		if err != nil {
			moviesErr = err
			return
		}
		var m struct{ Dir string }
		if moviesErr = json.Unmarshal(out, &m); moviesErr != nil {
			return
		}
		s, err := Open(context.Background(), "memory")
		if err != nil {
			moviesErr = err
			return
		}
		_, moviesErr = s.LoadNQuadsFile(context.Background(), filepath.Join(m.Dir, "data", "30kmoviedata.nq.gz"), NQuadsOptions{Resume: true})
		moviesStore = s
	})
	if moviesErr != nil {
		b.Skipf("30kmoviedata: %v", moviesErr)
	}
	return moviesStore
}

// BenchmarkSearchMovies measures Search on 30kmoviedata the way the bench's
// load generator types: a whole name, its first two thirds, or the name with
// a letter dropped.
//
//	go test ./graph -run '^$' -bench SearchMovies -benchmem
func BenchmarkSearchMovies(b *testing.B) {
	s := movies(b)
	ctx := context.Background()
	s.mu.RLock()
	ix, err := s.cache.search.get(ctx, s, s.buildSearchIndex)
	s.mu.RUnlock()
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewSource(1))
	var queries []string
	for len(queries) < 300 {
		e := ix.entries[rng.Intn(len(ix.entries))]
		if len(e.text) < 4 {
			continue
		}
		q := []rune(e.text)
		switch len(queries) % 3 {
		case 1:
			q = q[:len(q)*2/3]
		case 2:
			i := 1 + rng.Intn(len(q)-2)
			q = append(q[:i:i], q[i+1:]...)
		}
		queries = append(queries, string(q))
	}
	for _, kind := range []struct {
		name string
		pick func(i int) string
	}{
		{"whole", func(i int) string { return queries[(i%100)*3] }},
		{"prefix", func(i int) string { return queries[(i%100)*3+1] }},
		{"typo", func(i int) string { return queries[(i%100)*3+2] }},
	} {
		b.Run(kind.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := s.Search(ctx, kind.pick(i), nil, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
