package graph

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

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

// CayleyV2Data serves Cayley's own v2 read routes (/api/v2/read, /formats)
// over this store, so their formats and answers are exactly upstream's.
// (The v2 write routes are the web package's: all-or-nothing, with 4xx for
// bad bodies, where upstream writes half a body and answers 500.)
func (s *Store) CayleyV2Data() http.Handler {
	h := &cgraph.Handle{QuadStore: s.qs, QuadWriter: s.qw}
	api := cayleyhttp.NewAPIv2(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path != "/api/v2/read" {
			s.mu.Lock()
			defer s.mu.Unlock()
			defer s.gen.Add(1) // the explorer's caches are stale
		} else {
			s.mu.RLock()
			defer s.mu.RUnlock()
		}
		api.ServeHTTP(w, r)
	})
}

// parseQuadsIn reads a whole request body in the Cayley format its MIME
// type names (contentType; "" or an unknown type means N-Quads, as
// upstream), gunzipping it first when gzipped is set. A body that does not
// parse is ErrInvalid, so nothing of it is written: upstream's v2 write
// writes batch by batch and leaves the batches before a bad line behind.
func parseQuadsIn(contentType string, gzipped bool, body io.Reader) ([]quad.Quad, error) {
	f := quadFormat(contentType)
	if f == nil || f.Reader == nil {
		return nil, Invalidf("Content-Type %q: not a format Cayley reads quads from", contentType)
	}
	if gzipped {
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, Invalidf("body: gzip: %v", err)
		}
		defer zr.Close()
		body = zr
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, Invalidf("body: %v", err)
	}
	if !utf8.Valid(data) {
		line := 1
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			if data[i] == '\n' {
				line++
			}
			i += n
		}
		return nil, Invalidf("body: line %d: not valid UTF-8", line)
	}
	qr := f.Reader(bytes.NewReader(data))
	defer qr.Close()
	var out []quad.Quad
	for {
		q, err := qr.ReadQuad()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: body: quad %d: %w", ErrInvalid, len(out)+1, err)
		}
		if !q.IsValid() {
			return nil, Invalidf("body: quad %d needs a subject, predicate and object", len(out)+1)
		}
		out = append(out, q)
	}
}

// parseValueIn reads one node in the format contentType names (N-Quads by
// default): "<alice>" or "\"literal\"".
func parseValueIn(contentType string, data []byte) (quad.Value, error) {
	f := quadFormat(contentType)
	if f == nil || f.UnmarshalValue == nil {
		return nil, Invalidf("Content-Type %q: not a format Cayley reads nodes from", contentType)
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, Invalidf("body: empty: want one node, e.g. <person/james-clapper>")
	}
	v, err := f.UnmarshalValue(data)
	if err != nil {
		return nil, Invalidf("body: %v", err)
	}
	if v == nil {
		return nil, Invalidf("body: no node")
	}
	return v, nil
}

func quadFormat(contentType string) *quad.Format {
	mt := strings.TrimSpace(strings.Split(contentType, ";")[0])
	if f := quad.FormatByMime(mt); f != nil {
		return f
	}
	return quad.FormatByName("nquads")
}

// DeleteNode removes every quad that mentions v, in one transaction, and
// returns how many; ErrNotFound if none does.
func (s *Store) DeleteNode(ctx context.Context, v quad.Value) (int, error) {
	var quads []quad.Quad
	s.mu.RLock()
	for _, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
		qs, err := s.quadsWith(ctx, d, v, nil)
		if err != nil {
			s.mu.RUnlock()
			return 0, err
		}
		quads = append(quads, qs...)
	}
	s.mu.RUnlock()
	if len(quads) == 0 {
		return 0, fmt.Errorf("node %s: %w", quad.StringOf(v), ErrNotFound)
	}
	quads = dedupe(quads)
	return len(quads), s.remove(ctx, quads)
}

// WriteQuadsFrom reads a body of quads in the format contentType names
// (N-Quads by default) and adds them all in one transaction, or none.
func (s *Store) WriteQuadsFrom(ctx context.Context, contentType string, gzipped bool, body io.Reader) (int, error) {
	quads, err := parseQuadsIn(contentType, gzipped, body)
	if err != nil {
		return 0, err
	}
	if len(quads) == 0 {
		return 0, Invalidf("body: empty: no quads to write")
	}
	return s.WriteQuads(ctx, quads)
}

// DeleteQuadsFrom reads a body like WriteQuadsFrom and removes its quads in
// one transaction.
func (s *Store) DeleteQuadsFrom(ctx context.Context, contentType string, gzipped bool, body io.Reader) (int, error) {
	quads, err := parseQuadsIn(contentType, gzipped, body)
	if err != nil {
		return 0, err
	}
	return s.DeleteQuads(ctx, quads)
}

// DeleteNodeFrom reads one node in the format contentType names and
// removes every quad that mentions it (see DeleteNode).
func (s *Store) DeleteNodeFrom(ctx context.Context, contentType string, data []byte) (int, error) {
	v, err := parseValueIn(contentType, data)
	if err != nil {
		return 0, err
	}
	return s.DeleteNode(ctx, v)
}
