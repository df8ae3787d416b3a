package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"
)

// TypeCount counts the nodes of one type.
type TypeCount struct {
	Type  string `json:"type"`
	Count int    `json:"count"`
}

// PredicateCount counts the edges of one relation.
type PredicateCount struct {
	Predicate string `json:"predicate"` // "<stated>"
	Label     string `json:"label"`     // "stated"
	Count     int    `json:"count"`     // quads (one per document a fact is drawn from)
}

// DocumentSummary is one loaded article.
type DocumentSummary struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Bytes int    `json:"bytes"`
	Facts int    `json:"facts"` // pieces of evidence citing it
}

// ExploreStats describes the whole graph for the explorer's filters.
type ExploreStats struct {
	Stats
	Types      []TypeCount       `json:"types"`      // most first
	Relations  []PredicateCount  `json:"relations"`  // most first
	Properties []PredicateCount  `json:"properties"` // literal-valued predicates
	Documents  []DocumentSummary `json:"documents"`  // by id
	Evidence   int               `json:"evidence"`   // evidence nodes
}

// catalog is the cached part of ExploreStats.
type catalog struct {
	types      []TypeCount
	relations  []PredicateCount
	properties []PredicateCount
	documents  []DocumentSummary
	evidence   int
}

// ExploreStats counts nodes and quads, nodes per type, edges per relation,
// and lists the documents. Everything but the node and quad counts is read
// once per write generation (it scans every quad).
func (s *Store) ExploreStats(ctx context.Context) (ExploreStats, error) {
	st, err := s.Stats(ctx)
	if err != nil {
		return ExploreStats{}, err
	}
	c, err := s.cache.catalog.get(ctx, s, s.buildCatalog)
	if err != nil {
		return ExploreStats{}, err
	}
	return ExploreStats{Stats: st, Types: c.types, Relations: c.relations, Properties: c.properties, Documents: c.documents, Evidence: c.evidence}, nil
}

// buildCatalog scans the store. The caller holds s.mu.
func (s *Store) buildCatalog(ctx context.Context) (*catalog, error) {
	c := &catalog{types: []TypeCount{}, relations: []PredicateCount{}, properties: []PredicateCount{}, documents: []DocumentSummary{}}
	types := map[string]int{}
	rels := map[quad.Value]int{}
	props := map[quad.Value]int{}
	facts := map[string]int{}
	var docNodes []quad.Value
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	n := 0
	for it.Next(ctx) {
		if n++; n&8191 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		q := s.qs.Quad(it.Result())
		switch {
		case q.Predicate == PredType:
			t := typeName(q.Object)
			if q.Object == TypeAuditEntry {
				continue // the audit log (audit.go) is not a kind of node
			}
			if t == "evidence" {
				c.evidence++
				continue
			}
			types[t]++
			if q.Object == TypeDocument {
				docNodes = append(docNodes, q.Subject)
			}
		case q.Predicate == PredEvDoc:
			if d := docIDOf(q.Object); d != "" {
				facts[d]++
			}
		case isRelation(q):
			rels[q.Predicate]++
		case isProperty(q):
			props[q.Predicate]++
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	for t, n := range types {
		c.types = append(c.types, TypeCount{Type: t, Count: n})
	}
	sort.Slice(c.types, func(i, j int) bool {
		if c.types[i].Count != c.types[j].Count {
			return c.types[i].Count > c.types[j].Count
		}
		return c.types[i].Type < c.types[j].Type
	})
	c.relations = predicateCounts(rels)
	c.properties = predicateCounts(props)
	for _, d := range docNodes {
		id := docIDOf(d)
		if id == "" {
			continue
		}
		text, err := s.documentText(ctx, id)
		if err != nil {
			continue // a document entity with no text (named in an article, not loaded)
		}
		name, err := s.firstString(ctx, d, PredName)
		if err != nil {
			return nil, err
		}
		c.documents = append(c.documents, DocumentSummary{ID: id, Name: name, Bytes: len(text), Facts: facts[id]})
	}
	sort.Slice(c.documents, func(i, j int) bool { return c.documents[i].ID < c.documents[j].ID })
	return c, nil
}

func predicateCounts(m map[quad.Value]int) []PredicateCount {
	out := make([]PredicateCount, 0, len(m))
	for p, n := range m {
		out = append(out, PredicateCount{Predicate: nodeID(p), Label: predLabel(p), Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Label < out[j].Label
	})
	return out
}
