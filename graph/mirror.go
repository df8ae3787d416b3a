package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// mirrorBatch is how many quads one write to the mirror carries at start.
const mirrorBatch = 10000

// mirror copies the durable store into a memory store that then serves reads.
func (s *Store) mirror(ctx context.Context) error {
	mem, err := cgraph.NewQuadStore("memstore", "", nil)
	if err != nil {
		return fmt.Errorf("mirror: %w", err)
	}
	memW, err := cgraph.NewQuadWriter("single", mem, cgraph.Options{"ignore_duplicate": true, "ignore_missing": true})
	if err != nil {
		return fmt.Errorf("mirror: %w", err)
	}
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	batch := make([]quad.Quad, 0, mirrorBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := memW.AddQuadSet(batch)
		batch = batch[:0]
		return err
	}
	for it.Next(ctx) {
		batch = append(batch, s.qs.Quad(it.Result()))
		if len(batch) == mirrorBatch {
			if err := flush(); err != nil {
				return fmt.Errorf("mirror: %w", err)
			}
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("mirror: read %s: %w", s.kind, err)
	}
	if err := flush(); err != nil {
		return fmt.Errorf("mirror: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.durable = s.qs
	s.qw = teeWriter{durable: s.qw, mirror: memW}
	s.qs = mem
	return nil
}

// teeWriter writes to the durable store first and, once that succeeded, to
// its in-memory mirror, so the mirror never holds what the disk does not.
type teeWriter struct {
	durable, mirror cgraph.QuadWriter
}

func (w teeWriter) both(f func(cgraph.QuadWriter) error) error {
	if err := f(w.durable); err != nil {
		return err
	}
	if err := f(w.mirror); err != nil {
		return fmt.Errorf("written to disk but not to the in-memory mirror (restart to resync): %w", err)
	}
	return nil
}

func (w teeWriter) AddQuad(q quad.Quad) error {
	return w.both(func(x cgraph.QuadWriter) error { return x.AddQuad(q) })
}

func (w teeWriter) AddQuadSet(qs []quad.Quad) error {
	return w.both(func(x cgraph.QuadWriter) error { return x.AddQuadSet(qs) })
}

func (w teeWriter) RemoveQuad(q quad.Quad) error {
	return w.both(func(x cgraph.QuadWriter) error { return x.RemoveQuad(q) })
}

func (w teeWriter) ApplyTransaction(tx *cgraph.Transaction) error {
	return w.both(func(x cgraph.QuadWriter) error { return x.ApplyTransaction(tx) })
}

func (w teeWriter) RemoveNode(v quad.Value) error {
	return w.both(func(x cgraph.QuadWriter) error { return x.RemoveNode(v) })
}

func (w teeWriter) Close() error {
	err := w.durable.Close()
	if merr := w.mirror.Close(); err == nil {
		err = merr
	}
	return err
}
