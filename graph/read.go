package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/quad"
)

// quadsWith returns every quad whose direction d holds v, optionally only
// those with predicate pred (pred == nil keeps all). The caller holds s.mu.
func (s *Store) quadsWith(ctx context.Context, d quad.Direction, v quad.Value, pred quad.Value) ([]quad.Quad, error) {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return nil, nil
	}
	it := s.qs.QuadIterator(d, ref)
	defer it.Close()
	var out []quad.Quad
	for it.Next(ctx) {
		q := s.qs.Quad(it.Result())
		if pred != nil && q.Predicate != pred {
			continue
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", v, err)
	}
	return out, ctx.Err()
}

// objects returns the objects of node's quads with predicate pred.
func (s *Store) objects(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error) {
	qs, err := s.quadsWith(ctx, quad.Subject, node, pred)
	if err != nil {
		return nil, err
	}
	out := make([]quad.Value, 0, len(qs))
	for _, q := range qs {
		out = append(out, q.Object)
	}
	return out, nil
}

// firstString returns the first string object of node's pred, or "".
func (s *Store) firstString(ctx context.Context, node quad.Value, pred quad.IRI) (string, error) {
	vals, err := s.objects(ctx, node, pred)
	if err != nil {
		return "", err
	}
	for _, v := range vals {
		if str, ok := v.(quad.String); ok {
			return string(str), nil
		}
	}
	return "", nil
}

// DocumentText returns a document's full text, or ErrNotFound.
func (s *Store) DocumentText(ctx context.Context, id string) (string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.documentText(ctx, id)
}

func (s *Store) documentText(ctx context.Context, id string) (string, error) {
	vals, err := s.objects(ctx, DocIRI(id), PredContent)
	if err != nil {
		return "", err
	}
	for _, v := range vals {
		if str, ok := v.(quad.String); ok {
			return string(str), nil
		}
	}
	return "", fmt.Errorf("document %q: %w", id, ErrNotFound)
}
