package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Evidence is why one fact is in the graph: one sentence of one document,
// found by one method.
type Evidence struct {
	Doc        string  `json:"doc"` // document id
	Sentence   string  `json:"sentence"`
	Start      int     `json:"start"` // byte offsets of Sentence in the document
	End        int     `json:"end"`
	Method     string  `json:"method"` // "curated" or the extraction rule
	Confidence float64 `json:"confidence"`
	Qualifier  string  `json:"qualifier,omitempty"`
	Quote      bool    `json:"quote,omitempty"`
	// Status is "rejected" when a curator rejected the fact in Doc
	// (curation.go); empty otherwise.
	Status string `json:"status,omitempty"`
}

// Edge names one fact: subject, predicate and object in Cayley's string
// form ("<person/james-clapper>", "<stated>", "\"text\"" or an IRI).
type Edge struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
}

// ParseValue reads a node written in Cayley's string form: "<iri>",
// "\"literal\"" (typed literals included) or a bare string (taken as an IRI
// if it looks like TYPE/SLUG, else as a string).
func ParseValue(s string) (quad.Value, error) {
	if s == "" {
		return nil, Invalidf("empty node")
	}
	if s[0] == '"' {
		// A literal in N-Quads form: "text", "text"@en or "34"^^<type>.
		q, err := nquads.Parse("<s> <p> " + s + " .")
		if err != nil || q.Object == nil {
			return nil, Invalidf("%q is not a literal in N-Quads form", s)
		}
		if ts, ok := q.Object.(quad.TypedString); ok {
			// "34"^^<http://schema.org/Integer> is stored as an integer.
			if v, err := ts.ParseValue(); err == nil {
				return v, nil
			}
		}
		return q.Object, nil
	}
	v := quad.StringToValue(s)
	if str, ok := v.(quad.String); ok {
		return quad.IRI(str), nil
	}
	return v, nil
}

// EdgeEvidence returns every piece of evidence for one edge, most confident
// first; ErrNotFound if the edge has none.
func (s *Store) EdgeEvidence(ctx context.Context, e Edge) ([]Evidence, error) {
	subj, err := ParseValue(e.Subject)
	if err != nil {
		return nil, fmt.Errorf("subject: %w", err)
	}
	pred, err := ParseValue(e.Predicate)
	if err != nil {
		return nil, fmt.Errorf("predicate: %w", err)
	}
	obj, err := ParseValue(e.Object)
	if err != nil {
		return nil, fmt.Errorf("object: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out, err := s.evidence(ctx, subj, pred, obj)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("evidence for %s %s %s: %w", e.Subject, e.Predicate, e.Object, ErrNotFound)
	}
	return out, nil
}

// evidence collects the evidence nodes of (subj, pred, obj). The caller holds s.mu.
func (s *Store) evidence(ctx context.Context, subj, pred, obj quad.Value) ([]Evidence, error) {
	links, err := s.quadsWith(ctx, quad.Object, subj, PredEvSubject)
	if err != nil {
		return nil, err
	}
	var out []Evidence
	for _, l := range links {
		fact, ev, err := s.readEvidence(ctx, l.Subject)
		if err != nil {
			return nil, err
		}
		if fact[1] == pred && fact[2] == obj {
			out = append(out, ev)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Status == StatusRejected) != (out[j].Status == StatusRejected) {
			return out[j].Status == StatusRejected // rejected evidence last
		}
		if out[i].Confidence != out[j].Confidence {
			return out[i].Confidence > out[j].Confidence
		}
		if out[i].Doc != out[j].Doc {
			return out[i].Doc < out[j].Doc
		}
		return out[i].Start < out[j].Start
	})
	return out, nil
}

func stringOf(v quad.Value) string {
	if s, ok := v.(quad.String); ok {
		return string(s)
	}
	return quad.StringOf(v)
}

func intOf(v quad.Value) int {
	if i, ok := v.(quad.Int); ok {
		return int(i)
	}
	return 0
}

// evidenceQuad reads one quad of an evidence node into its fact and evidence.
func evidenceQuad(f *[3]quad.Value, ev *Evidence, q quad.Quad) {
	switch q.Predicate {
	case PredEvSubject:
		f[0] = q.Object
	case PredEvPredicate:
		f[1] = q.Object
	case PredEvObject:
		f[2] = q.Object
	case PredEvDoc:
		ev.Doc = docIDOf(q.Object)
	case PredEvSentence:
		ev.Sentence = stringOf(q.Object)
	case PredEvStart:
		ev.Start = intOf(q.Object)
	case PredEvEnd:
		ev.End = intOf(q.Object)
	case PredEvMethod:
		ev.Method = stringOf(q.Object)
	case PredEvConfidence:
		if c, ok := q.Object.(quad.Float); ok {
			ev.Confidence = float64(c)
		}
	case PredEvQualifier:
		ev.Qualifier = stringOf(q.Object)
	case PredEvQuote:
		ev.Quote = q.Object == quad.Bool(true)
	case PredEvStatus:
		ev.Status = stringOf(q.Object)
	}
}
