package graph

import (
	"context"
	"encoding/json"
	"net/http"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/quad"
)

// RawQuad is a quad as Cayley's v1 write and delete endpoints take it: each
// field in Cayley's string form ("<iri>", "\"literal\"", "_:blank").
type RawQuad struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
	Label     string `json:"label,omitempty"`
}

// ParseRawQuads decodes the JSON array Cayley's /api/v1/write takes. A quad
// missing a subject, predicate or object is refused with its index.
func ParseRawQuads(body []byte) ([]quad.Quad, error) {
	var raw []RawQuad
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, Invalidf("body: want a JSON array of {subject, predicate, object, label}: %v", err)
	}
	out := make([]quad.Quad, 0, len(raw))
	for i, r := range raw {
		q := quad.Quad{
			Subject:   quad.StringToValue(r.Subject),
			Predicate: quad.StringToValue(r.Predicate),
			Object:    quad.StringToValue(r.Object),
			Label:     quad.StringToValue(r.Label),
		}
		if !q.IsValid() {
			return nil, Invalidf("invalid quad at index %d: %s", i, q)
		}
		out = append(out, q)
	}
	return out, nil
}

// WriteQuads adds raw quads in one transaction and returns how many it took.
func (s *Store) WriteQuads(ctx context.Context, quads []quad.Quad) (int, error) {
	return len(quads), s.write(ctx, quads)
}

// DeleteQuads removes raw quads in one transaction; missing ones are ignored.
func (s *Store) DeleteQuads(ctx context.Context, quads []quad.Quad) (int, error) {
	return len(quads), s.remove(ctx, quads)
}

// CayleyV2Data serves Cayley's own v2 data routes (/api/v2/write, /delete,
// /node/delete, /read, /formats) over this store, so their request formats
// and answers are exactly upstream's. Writes hold the store's write lock.
func (s *Store) CayleyV2Data() http.Handler {
	h := &cgraph.Handle{QuadStore: s.qs, QuadWriter: s.qw}
	api := cayleyhttp.NewAPIv2(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path != "/api/v2/read" {
			s.mu.Lock()
			defer s.mu.Unlock()
		} else {
			s.mu.RLock()
			defer s.mu.RUnlock()
		}
		api.ServeHTTP(w, r)
	})
}
