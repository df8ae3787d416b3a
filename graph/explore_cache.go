package graph

import (
	"context"
	"sync"
)

// exploreCache holds what the explorer derives from the whole graph (the
// search index, the catalogue of types and relations). Each part is valid
// for one write generation (Store.gen, bumped by every write and delete) and
// is rebuilt on first use after a write.
type exploreCache struct {
	search  cacheSlot[searchIndex]
	catalog cacheSlot[catalog]
}

// cacheSlot holds one part and the generation it was built at.
type cacheSlot[T any] struct {
	mu  sync.Mutex // held while the part is checked or built
	gen uint64
	val *T
}

// get returns the part if it was built at the current generation, else
// builds it (holding s.mu for reading, so the generation cannot move while
// it is built) and keeps it. The caller must not hold s.mu.
func (c *cacheSlot[T]) get(ctx context.Context, s *Store, build func(context.Context) (*T, error)) (*T, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.val != nil && c.gen == s.gen.Load() {
		return c.val, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	gen := s.gen.Load()
	v, err := build(ctx)
	if err != nil {
		return nil, err
	}
	c.val, c.gen = v, gen
	return v, nil
}
