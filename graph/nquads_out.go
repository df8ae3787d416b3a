package graph

import (
	"fmt"
	"io"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// WriteNQuads writes the triples extracted from document doc (its id, or its
// file name) as N-Quads in the graph's schema, so that `newsgraph load`
// reads them back unchanged: each fact labelled <doc/ID>, the type and name
// of its subject and object, and its evidence node (sentence, offsets, rule,
// confidence). A triple the schema cannot hold is an error naming it.
func WriteNQuads(w io.Writer, doc string, ts []extract.Triple) error {
	id := DocID(doc)
	seen := make(map[quad.Quad]bool)
	for i, t := range ts {
		qs, err := factQuads(t, id)
		if err != nil {
			return fmt.Errorf("triple %d of %s (%s %s %s): %w", i+1, doc, t.Subject, t.Predicate, t.Object, err)
		}
		for _, q := range qs {
			if seen[q] {
				continue
			}
			seen[q] = true
			if _, err := io.WriteString(w, q.NQuad()+"\n"); err != nil {
				return fmt.Errorf("write N-Quads: %w", err)
			}
		}
	}
	return nil
}
