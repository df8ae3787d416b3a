package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// This file groups claims across articles. One statement ("ISIS has cells in
// Britain, Germany and Italy", said by Clapper) reported by two outlets is
// one claim with two reports, not two claims: the claim node that the
// second article's words would have made is merged into the first one, so
// the speaker's <stated> edge to it has one quad per reporting document
// (each with its own evidence sentence) and the claim has each outlet's
// <text>. See extract.ClaimContent for the measure and its threshold.
//
// The merged claim's name stays on the kept claim as an <alias>, so a search
// for it still finds the claim. The pass is idempotent: it runs after every
// load and ingest, and a curated file loaded again recreates the merged
// claim only for the pass to fold it again.

// claimInfo is what corroboration knows of one claim node.
type claimInfo struct {
	iri      quad.Value
	name     string
	speakers map[quad.Value]bool
	docs     map[string]bool
	curated  bool
	content  map[string]bool
}

// Corroborate merges claims that one speaker made in different documents
// with the same content into one claim node, across the whole graph. It
// returns the error of the first failing write; claims merged before it
// stay merged.
func (s *Store) Corroborate(ctx context.Context) error {
	return s.corroborate(ctx, nil, nil)
}

// corroborate is Corroborate for the speakers of claims in docs (all
// speakers when docs is nil), with x the extractor to normalise claims
// (built from the store when nil). Loads and ingests pass the documents
// they changed: only those speakers can have a new match.
func (s *Store) corroborate(ctx context.Context, x *extract.Extractor, docs []string) error {
	if x == nil {
		var err error
		if x, err = s.newExtractor(ctx); err != nil {
			return err
		}
	}
	var changed map[string]bool
	if docs != nil {
		changed = map[string]bool{}
		for _, d := range docs {
			changed[d] = true
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	stated, err := s.quadsWith(ctx, quad.Predicate, PredicateIRI(extract.PredStated), nil)
	if err != nil {
		return err
	}
	claims := map[quad.Value]*claimInfo{}
	bySpeaker := map[quad.Value][]*claimInfo{}
	touched := map[quad.Value]bool{} // speakers with a claim in docs
	for _, q := range stated {
		if changed == nil || changed[docIDOf(q.Label)] {
			touched[q.Subject] = true
		}
		c := claims[q.Object]
		if c == nil {
			c = &claimInfo{iri: q.Object, speakers: map[quad.Value]bool{}, docs: map[string]bool{}}
			claims[q.Object] = c
		}
		if !c.speakers[q.Subject] {
			c.speakers[q.Subject] = true
			bySpeaker[q.Subject] = append(bySpeaker[q.Subject], c)
		}
		if d := docIDOf(q.Label); d != "" {
			c.docs[d] = true
		}
	}
	speakers := make([]quad.Value, 0, len(bySpeaker))
	for sp, list := range bySpeaker {
		if len(list) > 1 && touched[sp] {
			speakers = append(speakers, sp)
		}
	}
	sort.Slice(speakers, func(i, j int) bool { return quad.StringOf(speakers[i]) < quad.StringOf(speakers[j]) })
	merged := map[quad.Value]bool{}
	for _, sp := range speakers {
		list := bySpeaker[sp]
		for _, c := range list {
			if c.content != nil {
				continue
			}
			if err := s.claimContent(ctx, x, c); err != nil {
				return err
			}
		}
		for _, g := range corroborationGroups(list, merged) {
			if err := s.mergeClaims(ctx, g[0], g[1:]); err != nil {
				return err
			}
			for _, c := range g[1:] {
				merged[c.iri] = true
			}
		}
	}
	return nil
}

// claimContent reads a claim's name, words and evidence methods. The caller
// holds s.mu.
func (s *Store) claimContent(ctx context.Context, x *extract.Extractor, c *claimInfo) error {
	out, err := s.quadsWith(ctx, quad.Subject, c.iri, nil)
	if err != nil {
		return err
	}
	var texts []string
	for _, q := range out {
		switch q.Predicate {
		case PredName:
			c.name = literalText(q.Object)
			texts = append(texts, c.name)
		case PredicateIRI(extract.PredText):
			texts = append(texts, literalText(q.Object))
		}
	}
	c.content = x.ClaimContent(texts...)
	links, err := s.quadsWith(ctx, quad.Object, c.iri, PredEvObject)
	if err != nil {
		return err
	}
	for _, l := range links {
		m, err := s.firstString(ctx, l.Subject, PredEvMethod)
		if err != nil {
			return err
		}
		if m == MethodCurated {
			c.curated = true
		}
	}
	return nil
}

// corroborationGroups pairs claims of one speaker from different documents,
// best match first, and returns groups of two or more, the claim to keep
// first: a curated one, then the one in the most documents, then the one
// from the first document.
func corroborationGroups(list []*claimInfo, skip map[quad.Value]bool) [][]*claimInfo {
	type pair struct {
		a, b  int
		score float64
	}
	var pairs []pair
	for i := range list {
		for j := i + 1; j < len(list); j++ {
			a, b := list[i], list[j]
			if skip[a.iri] || skip[b.iri] || a.iri == b.iri || sharesDoc(a.docs, b.docs) {
				continue
			}
			ov, shared := extract.ContentOverlap(a.content, b.content)
			if ov >= extract.CorroborateOverlap && shared >= extract.CorroborateMinShared {
				pairs = append(pairs, pair{i, j, ov})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	group := make([]int, len(list)) // index of the group, -1 none
	for i := range group {
		group[i] = -1
	}
	var groups [][]int
	docsOf := func(g []int) map[string]bool {
		m := map[string]bool{}
		for _, i := range g {
			for d := range list[i].docs {
				m[d] = true
			}
		}
		return m
	}
	for _, p := range pairs {
		ga, gb := group[p.a], group[p.b]
		switch {
		case ga < 0 && gb < 0:
			group[p.a], group[p.b] = len(groups), len(groups)
			groups = append(groups, []int{p.a, p.b})
		case ga >= 0 && gb < 0 && !sharesDoc(docsOf(groups[ga]), list[p.b].docs):
			group[p.b] = ga
			groups[ga] = append(groups[ga], p.b)
		case gb >= 0 && ga < 0 && !sharesDoc(docsOf(groups[gb]), list[p.a].docs):
			group[p.a] = gb
			groups[gb] = append(groups[gb], p.a)
		}
	}
	var out [][]*claimInfo
	for _, g := range groups {
		cs := make([]*claimInfo, len(g))
		for i, k := range g {
			cs[i] = list[k]
		}
		sort.SliceStable(cs, func(i, j int) bool {
			a, b := cs[i], cs[j]
			if a.curated != b.curated {
				return a.curated
			}
			if len(a.docs) != len(b.docs) {
				return len(a.docs) > len(b.docs)
			}
			return firstDoc(a.docs) < firstDoc(b.docs)
		})
		out = append(out, cs)
	}
	return out
}

func sharesDoc(a, b map[string]bool) bool {
	for d := range a {
		if b[d] {
			return true
		}
	}
	return false
}

func firstDoc(m map[string]bool) string {
	first := ""
	for d := range m {
		if first == "" || d < first {
			first = d
		}
	}
	return first
}

// mergeClaims moves every quad of the claims in others onto keep, in one
// transaction: their <stated>, <text>, <about>, <reported_by> and the
// evidence nodes that cite them. Their names become aliases of keep. The
// caller holds s.mu.
func (s *Store) mergeClaims(ctx context.Context, keep *claimInfo, others []*claimInfo) error {
	var remove, add []quad.Quad
	for _, c := range others {
		out, err := s.quadsWith(ctx, quad.Subject, c.iri, nil)
		if err != nil {
			return err
		}
		in, err := s.quadsWith(ctx, quad.Object, c.iri, nil)
		if err != nil {
			return err
		}
		for _, q := range out {
			remove = append(remove, q)
			switch q.Predicate {
			case PredType:
				continue
			case PredName:
				q.Predicate = PredAlias
			}
			q.Subject = keep.iri
			add = append(add, q)
		}
		for _, q := range in {
			remove = append(remove, q)
			q.Object = keep.iri
			add = append(add, q)
		}
	}
	if err := s.replace(remove, add); err != nil {
		names := make([]string, len(others))
		for i, c := range others {
			names[i] = quad.StringOf(c.iri)
		}
		return fmt.Errorf("corroborate: merge %s into %s: %w", strings.Join(names, ", "), quad.StringOf(keep.iri), err)
	}
	return nil
}
