package graph

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// This file says which source says what about a claim or an attack: one
// Report per document, with its sentence, and the points where documents
// disagree (two death tolls), each value with its sources.

// Report is one document's account of a claim or an attack.
type Report struct {
	Doc    string `json:"doc"`             // document id
	Title  string `json:"title,omitempty"` // its title, when ingested with one
	Outlet string `json:"outlet,omitempty"`
	// Speaker is who made the claim, in this document's account.
	Speaker *NodeRef `json:"speaker,omitempty"`
	// Text is the claim's words as this document gives them.
	Text string `json:"text,omitempty"`
	// Evidence of the claim's <stated> edge in this document, or of the
	// attack's first fact from it.
	Evidence
	// Facts are what this document says of the node, each with its sentence.
	Facts []ReportFact `json:"facts"`
}

// ReportFact is one fact a document gives about a node.
type ReportFact struct {
	Predicate string  `json:"predicate"` // "<killed>"
	Label     string  `json:"label"`     // "killed"
	Value     string  `json:"value"`     // the literal, or the other node's label
	Object    string  `json:"object"`    // the object in Cayley's string form
	Sentence  string  `json:"sentence"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Method    string  `json:"method"`
	Qualifier string  `json:"qualifier,omitempty"`
	Conf      float64 `json:"confidence"`
}

// Disagreement is a property on which documents give different values.
type Disagreement struct {
	Predicate string             `json:"predicate"`
	Label     string             `json:"label"`
	Values    []DisagreeingValue `json:"values"`
}

// DisagreeingValue is one of the values and the documents that give it.
type DisagreeingValue struct {
	Value string   `json:"value"`
	Docs  []string `json:"docs"`
}

// singleValued are the attack properties that can have only one true value,
// so that two values are a disagreement between sources.
var singleValued = map[quad.Value]bool{
	PredicateIRI(extract.PredKilled):     true,
	PredicateIRI(extract.PredOccurredOn): true,
}

// reports builds the per-document reports of a claim or attack node. The
// caller holds s.mu.
func (s *Store) reports(ctx context.Context, v quad.Value, typ string, out, in []quad.Quad) ([]Report, []Disagreement, error) {
	if typ != extract.TypeClaim && typ != extract.TypeAttack {
		return nil, nil, nil
	}
	byDoc := map[string]*Report{}
	var order []string
	report := func(doc string) (*Report, error) {
		if r := byDoc[doc]; r != nil {
			return r, nil
		}
		r := &Report{Doc: doc, Facts: []ReportFact{}}
		var err error
		if r.Title, err = s.firstString(ctx, DocIRI(doc), PredTitle); err != nil {
			return nil, err
		}
		if r.Outlet, err = s.firstString(ctx, DocIRI(doc), PredOutlet); err != nil {
			return nil, err
		}
		byDoc[doc] = r
		order = append(order, doc)
		return r, nil
	}
	cited := func(subj, pred, obj quad.Value, doc string) (Evidence, error) {
		evs, err := s.evidence(ctx, subj, pred, obj)
		if err != nil {
			return Evidence{}, err
		}
		for _, ev := range evs {
			if ev.Doc == doc {
				return ev, nil
			}
		}
		return Evidence{Doc: doc}, nil
	}
	if typ == extract.TypeClaim {
		for _, q := range in {
			doc := docIDOf(q.Label)
			if q.Predicate != PredicateIRI(extract.PredStated) || doc == "" {
				continue
			}
			r, err := report(doc)
			if err != nil {
				return nil, nil, err
			}
			sp, err := s.nodeRef(ctx, q.Subject)
			if err != nil {
				return nil, nil, err
			}
			r.Speaker = &sp
			if r.Evidence, err = cited(q.Subject, q.Predicate, v, doc); err != nil {
				return nil, nil, err
			}
		}
	}
	values := map[quad.Value]map[string][]string{} // predicate -> value -> docs
	for _, q := range out {
		doc := docIDOf(q.Label)
		if doc == "" || !(isRelation(q) || isProperty(q)) {
			continue
		}
		if typ == extract.TypeClaim && byDoc[doc] == nil {
			continue // a claim's facts count only from documents that report it
		}
		r, err := report(doc)
		if err != nil {
			return nil, nil, err
		}
		ev, err := cited(v, q.Predicate, q.Object, doc)
		if err != nil {
			return nil, nil, err
		}
		value := literalText(q.Object)
		if isNode(q.Object) {
			ref, err := s.nodeRef(ctx, q.Object)
			if err != nil {
				return nil, nil, err
			}
			value = ref.Label
		}
		if q.Predicate == PredicateIRI(extract.PredText) && r.Text == "" {
			r.Text = value
		}
		r.Facts = append(r.Facts, ReportFact{Predicate: nodeID(q.Predicate), Label: predLabel(q.Predicate), Value: value, Object: nodeID(q.Object),
			Sentence: ev.Sentence, Start: ev.Start, End: ev.End, Method: ev.Method, Qualifier: ev.Qualifier, Conf: ev.Confidence})
		if r.Sentence == "" {
			r.Evidence = ev
		}
		if singleValued[q.Predicate] {
			if values[q.Predicate] == nil {
				values[q.Predicate] = map[string][]string{}
			}
			values[q.Predicate][value] = append(values[q.Predicate][value], doc)
		}
	}
	sort.Strings(order)
	reps := make([]Report, 0, len(order))
	for _, d := range order {
		r := byDoc[d]
		sort.SliceStable(r.Facts, func(i, j int) bool { return r.Facts[i].Label < r.Facts[j].Label })
		reps = append(reps, *r)
	}
	var dis []Disagreement
	for p, vals := range values {
		if len(vals) < 2 {
			continue
		}
		d := Disagreement{Predicate: nodeID(p), Label: predLabel(p)}
		for val, docs := range vals {
			sort.Strings(docs)
			d.Values = append(d.Values, DisagreeingValue{Value: val, Docs: docs})
		}
		sort.Slice(d.Values, func(i, j int) bool { return d.Values[i].Value < d.Values[j].Value })
		dis = append(dis, d)
	}
	sort.Slice(dis, func(i, j int) bool { return dis[i].Label < dis[j].Label })
	return reps, dis, nil
}
