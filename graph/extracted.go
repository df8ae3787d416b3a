package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// This file puts extracted facts into the graph next to curated ones.
//
// A document's extracted facts are a set that is replaced as a whole: when an
// article is loaded again, or a curated file touches its document, the old
// set is taken out and the new one put in, in one transaction. Curated facts
// win: an extracted fact that a curator also recorded is the same quad (one
// edge, with two pieces of evidence, the curated one marking it confirmed),
// and an extracted claim whose speaker and words match a curated claim of the
// same document (word-overlap F1 ≥ claimMatch) is folded into the curated
// claim rather than drawn as a second one.

// claimMatch is the word-overlap F1 from which an extracted claim is taken to
// be a curated claim of the same speaker and document; the gold scorer uses
// the same threshold.
const claimMatch = 0.5

// SetExtraction turns fact extraction from loaded articles on (the default)
// or off; with it off an article loads as a document only.
func (s *Store) SetExtraction(on bool) { s.noExtract = !on }

// newExtractor builds an extractor that knows every entity of the alias
// tables loaded into the store, so that names resolve across articles and
// sessions the same way.
func (s *Store) newExtractor(ctx context.Context) (*extract.Extractor, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	aliasQuads, err := s.quadsWith(ctx, quad.Predicate, PredAlias, nil)
	if err != nil {
		return nil, err
	}
	byIRI := map[quad.IRI]*extract.Alias{}
	var order []quad.IRI
	for _, q := range aliasQuads {
		iri, ok := q.Subject.(quad.IRI)
		form, ok2 := q.Object.(quad.String)
		if !ok || !ok2 {
			continue
		}
		a := byIRI[iri]
		if a == nil {
			typ, _, _ := strings.Cut(string(iri), "/")
			if !extract.IsEntityType(typ) || typ == extract.TypeClaim || typ == extract.TypeDoc {
				continue
			}
			name, err := s.firstString(ctx, iri, PredName)
			if err != nil {
				return nil, err
			}
			if name == "" {
				continue
			}
			a = &extract.Alias{Name: name, Type: typ}
			byIRI[iri] = a
			order = append(order, iri)
		}
		a.Forms = append(a.Forms, string(form))
	}
	aliases := make([]extract.Alias, 0, len(order))
	for _, iri := range order {
		aliases = append(aliases, *byIRI[iri])
	}
	return extract.New(aliases), nil
}

// storeExtracted replaces the extracted facts of document id with triples
// (the extractor's output for its text). It returns how many facts and quads
// it wrote.
func (s *Store) storeExtracted(ctx context.Context, id string, triples []extract.Triple) (facts, quads int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, curated, err := s.docEvidence(ctx, id)
	if err != nil {
		return 0, 0, err
	}
	old, rejected := splitRejected(old, curated) // a curator's rejection stands (curation.go)
	triples = foldCuratedClaims(triples, curated)
	var add []quad.Quad
	for _, t := range triples {
		fq, err := factQuads(t, id)
		if err != nil {
			continue // a triple the schema cannot hold is dropped, not loaded half-way
		}
		if rejected[[3]quad.Value{fq[0].Subject, fq[0].Predicate, fq[0].Object}] {
			continue
		}
		add = append(add, fq...)
		facts++
	}
	add = dedupe(add)
	remove, err := s.extractedQuads(ctx, id, old, curated, add)
	if err != nil {
		return 0, 0, err
	}
	if err := s.replace(remove, add); err != nil {
		return 0, 0, fmt.Errorf("the facts extracted from %s: %w", id, err)
	}
	return facts, len(add), nil
}

// docFact is one piece of evidence of a document: the node, the fact it
// supports and what it says.
type docFact struct {
	node quad.Value
	fact [3]quad.Value
	ev   Evidence
	text []string // for a curated "stated" fact: the claim's name and words
}

// docEvidence reads the evidence of document id, split into extracted and
// curated. The caller holds s.mu.
func (s *Store) docEvidence(ctx context.Context, id string) (extracted, curated []docFact, err error) {
	links, err := s.quadsWith(ctx, quad.Object, DocIRI(id), PredEvDoc)
	if err != nil {
		return nil, nil, err
	}
	for _, l := range links {
		f, ev, err := s.readEvidence(ctx, l.Subject)
		if err != nil {
			return nil, nil, err
		}
		df := docFact{node: l.Subject, fact: f, ev: ev}
		if ev.Method != MethodCurated {
			extracted = append(extracted, df)
			continue
		}
		if f[1] == PredicateIRI(extract.PredStated) {
			if name, err := s.firstString(ctx, f[2], PredName); err == nil && name != "" {
				df.text = append(df.text, name)
			}
			texts, err := s.objects(ctx, f[2], PredicateIRI(extract.PredText))
			if err != nil {
				return nil, nil, err
			}
			for _, t := range texts {
				df.text = append(df.text, stringOf(t))
			}
		}
		curated = append(curated, df)
	}
	return extracted, curated, nil
}

// foldCuratedClaims points extracted claims that a curator recorded (same
// speaker, same words) at the curated claim, and drops their extracted
// "text", which the curated claim already has.
func foldCuratedClaims(triples []extract.Triple, curated []docFact) []extract.Triple {
	type claim struct {
		iri  string
		name string
		text []string
	}
	bySpeaker := map[string][]claim{}
	for _, c := range curated {
		if c.fact[1] != PredicateIRI(extract.PredStated) {
			continue
		}
		speaker, ok1 := c.fact[0].(quad.IRI)
		iri, ok2 := c.fact[2].(quad.IRI)
		if !ok1 || !ok2 {
			continue
		}
		bySpeaker[string(speaker)] = append(bySpeaker[string(speaker)], claim{iri: string(iri), name: firstOr(c.text, string(iri)), text: c.text})
	}
	if len(bySpeaker) == 0 {
		return triples
	}
	curatedClaim := map[string]claim{}
	for _, cs := range bySpeaker {
		for _, c := range cs {
			curatedClaim[c.iri] = c
		}
	}
	remap := map[string]claim{}
	for _, t := range triples {
		if t.Predicate != extract.PredStated {
			continue
		}
		best, bestF := claim{}, 0.0
		for _, c := range bySpeaker[t.SubjectIRI] {
			for _, words := range c.text {
				if f := extract.ClaimOverlap(t.ClaimText, words); f > bestF {
					best, bestF = c, f
				}
			}
		}
		if bestF >= claimMatch {
			remap[t.ObjectIRI] = best
		}
	}
	out := triples[:0:0]
	for _, t := range triples {
		if _, ok := curatedClaim[t.SubjectIRI]; ok && t.Predicate == extract.PredText {
			continue // the curated claim's words stand
		}
		if c, ok := remap[t.SubjectIRI]; ok {
			if t.Predicate == extract.PredText {
				continue
			}
			t.SubjectIRI, t.Subject = c.iri, c.name
		}
		if c, ok := remap[t.ObjectIRI]; ok {
			t.ObjectIRI, t.Object = c.iri, c.name
		}
		// An extracted claim that happens to have a curated claim's IRI
		// takes its name too.
		if c, ok := curatedClaim[t.SubjectIRI]; ok {
			t.Subject = c.name
		}
		if c, ok := curatedClaim[t.ObjectIRI]; ok {
			t.Object = c.name
		}
		out = append(out, t)
	}
	return out
}

func firstOr(list []string, def string) string {
	if len(list) > 0 {
		return list[0]
	}
	return def
}

// extractedQuads lists what the old extraction of document id put in the
// graph: its evidence nodes, the facts only it supports, and the entities
// (claims included) that nothing else mentions once those facts are gone.
// Quads in keep (the new extraction) are left out of the entity sweep. The
// caller holds s.mu.
func (s *Store) extractedQuads(ctx context.Context, id string, old, curated []docFact, keep []quad.Quad) ([]quad.Quad, error) {
	if len(old) == 0 {
		return nil, nil
	}
	label := DocIRI(id)
	confirmed := map[[3]quad.Value]bool{}
	for _, c := range curated {
		confirmed[c.fact] = true
	}
	var out []quad.Quad
	gone := map[quad.Quad]bool{}
	touched := map[quad.Value]bool{}
	for _, o := range old {
		props, err := s.quadsWith(ctx, quad.Subject, o.node, nil)
		if err != nil {
			return nil, err
		}
		for _, q := range props {
			gone[q] = true
		}
		out = append(out, props...)
		if confirmed[o.fact] || o.fact[0] == nil || o.fact[1] == nil || o.fact[2] == nil {
			continue
		}
		q := quad.Quad{Subject: o.fact[0], Predicate: o.fact[1], Object: o.fact[2], Label: label}
		if !gone[q] {
			gone[q] = true
			out = append(out, q)
		}
		touched[o.fact[0]] = true
		if isNode(o.fact[2]) {
			touched[o.fact[2]] = true
		}
	}
	kept := map[quad.Value]bool{}
	for _, q := range keep {
		kept[q.Subject] = true
		kept[q.Object] = true
	}
	for v := range touched {
		if kept[v] {
			continue
		}
		var own []quad.Quad
		used := false
		for _, d := range []quad.Direction{quad.Subject, quad.Object} {
			qs, err := s.quadsWith(ctx, d, v, nil)
			if err != nil {
				return nil, err
			}
			for _, q := range qs {
				switch {
				case gone[q]:
				case q.Label == nil && d == quad.Subject && (q.Predicate == PredType || q.Predicate == PredName):
					own = append(own, q)
				case q.Label == nil && d == quad.Subject && q.Predicate == PredAlias && strings.HasPrefix(quad.StringOf(v), "<"+extract.TypeClaim+"/"):
					own = append(own, q) // the name of a claim merged into it (corroborate.go)
				default:
					used = true // an alias, a curated fact, another document's fact
				}
			}
		}
		if !used {
			out = append(out, own...)
		}
	}
	return out, nil
}
