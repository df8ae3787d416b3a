package graph

// The explorer's domain API: what the investigator's page asks of the graph.
// Nodes and edges are named in Cayley's string form ("<person/james-clapper>",
// "<stated>", "_:b12"), the form ParseValue reads, so ids round-trip through
// the API and Cayley's own query languages.
//
// What is an edge: a quad whose predicate is a relation (not <type>, <name>,
// <alias>, <content> or an evidence predicate), whose object is a node (an
// IRI or a blank node, not a literal) and whose subject and object are not
// evidence nodes. A literal object (a claim's <text>, a person's <role>, an
// attack's <attack_date>) is a property of its subject.

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// NodeRef is a node as the explorer draws it.
type NodeRef struct {
	ID    string `json:"id"`    // Cayley string form: "<person/james-clapper>"
	Label string `json:"label"` // its <name>, else its IRI
	Type  string `json:"type"`  // "person", "org", "place", "attack", "claim", "doc", another <type>'s IRI, or ""
}

// GraphEdge is one relation between two nodes, in its real direction. The
// same fact drawn from several documents is one edge with several Docs.
type GraphEdge struct {
	ID        string `json:"id"`        // stable: a hash of source, predicate and target
	Source    string `json:"source"`    // node id (subject)
	Target    string `json:"target"`    // node id (object)
	Predicate string `json:"predicate"` // Cayley string form: "<stated>"
	Label     string `json:"label"`     // "stated"
	// Docs are the ids of the documents the fact is labelled with.
	Docs []string `json:"docs"`
	// Confidence is the highest confidence of the edge's evidence, or null
	// when it has none (quads loaded raw).
	Confidence *float64 `json:"confidence"`
	Methods    []string `json:"methods"`  // "curated" or rule names
	Evidence   int      `json:"evidence"` // how many pieces of evidence
	// Confirmed is true when a curator recorded the fact (one of its
	// pieces of evidence is curated), whatever else extracted it too.
	Confirmed bool `json:"confirmed"`
}

// Property is a literal-valued fact of a node.
type Property struct {
	Predicate string   `json:"predicate"` // "<role>"
	Label     string   `json:"label"`     // "role"
	Value     string   `json:"value"`     // the literal as text
	Object    string   `json:"object"`    // the literal in Cayley's string form, for evidence look-ups
	Docs      []string `json:"docs"`
}

// RelationCount counts one node's edges of one predicate in one direction.
type RelationCount struct {
	Predicate string `json:"predicate"` // "<stated>"
	Label     string `json:"label"`     // "stated"
	Direction string `json:"direction"` // "out" (the node is the subject) or "in"
	Count     int    `json:"count"`     // edges, one per (subject, predicate, object)
}

// NodeInfo is everything the side panel shows of a node.
type NodeInfo struct {
	NodeRef
	Aliases    []string        `json:"aliases"`
	Properties []Property      `json:"properties"`
	Relations  []RelationCount `json:"relations"`
	Degree     int             `json:"degree"` // edges in both directions
	Docs       []string        `json:"docs"`   // documents its edges and properties come from
	// Reports, for a claim or an attack, say what each source document
	// says of it (a claim "reported by N sources"); Disagreements list
	// the properties on which sources differ (two death tolls).
	Reports       []Report       `json:"reports,omitempty"`
	Disagreements []Disagreement `json:"disagreements,omitempty"`
}

// Directions of NeighbourQuery.Direction.
const (
	DirOut  = "out"
	DirIn   = "in"
	DirBoth = "both"
)

// Limits of the explorer's queries.
const (
	DefaultNeighbourLimit = 25
	MaxNeighbourLimit     = 500
	MaxSubgraphNodes      = 2000
)

// NeighbourQuery asks for a node's neighbours. Empty filters keep everything.
type NeighbourQuery struct {
	ID            string
	Relations     []string // predicates, "stated" or "<stated>"
	Direction     string   // out, in or both (default)
	Types         []string // neighbour types
	Docs          []string // document ids: keep edges from one of them
	MinConfidence float64  // keep edges whose evidence reaches it (0 keeps edges with no evidence)
	Limit         int      // neighbours per page (default 25, at most 500)
	Offset        int
}

// Neighbourhood is one page of a node's neighbours.
type Neighbourhood struct {
	Node   NodeRef     `json:"node"`
	Nodes  []NodeRef   `json:"nodes"` // the neighbours of this page
	Edges  []GraphEdge `json:"edges"` // every edge between the node and them that passes the filters
	Total  int         `json:"total"` // neighbours that pass the filters
	Offset int         `json:"offset"`
	More   int         `json:"more"` // neighbours after this page
}

// Subgraph is a set of nodes and every edge among them.
type Subgraph struct {
	Nodes   []NodeRef   `json:"nodes"`
	Edges   []GraphEdge `json:"edges"`
	Missing []string    `json:"missing"` // ids asked for that are not in the graph
}

// DocFact is one fact drawn from a document, where it was found.
type DocFact struct {
	Subject      string  `json:"subject"`
	SubjectLabel string  `json:"subject_label"`
	Predicate    string  `json:"predicate"`
	Label        string  `json:"label"`
	Object       string  `json:"object"`
	ObjectLabel  string  `json:"object_label"`
	Literal      bool    `json:"literal"` // the object is a value, not a node
	Start        int     `json:"start"`   // byte offsets of the sentence in Text
	End          int     `json:"end"`
	Method       string  `json:"method"`
	Confidence   float64 `json:"confidence"`
}

// Document is an article with the facts drawn from it.
type Document struct {
	ID    string    `json:"id"`
	Node  string    `json:"node"` // "<doc/ID>"
	Name  string    `json:"name"`
	Text  string    `json:"text"`
	Bytes int       `json:"bytes"`
	Facts []DocFact `json:"facts"` // by Start
}

// schemaPredicates are the predicates that describe nodes rather than relate
// them; they never become edges.
var schemaPredicates = map[quad.Value]bool{
	PredType: true, PredName: true, PredAlias: true, PredContent: true,
	PredEvSubject: true, PredEvPredicate: true, PredEvObject: true, PredEvDoc: true,
	PredEvSentence: true, PredEvStart: true, PredEvEnd: true, PredEvMethod: true,
	PredEvConfidence: true, PredEvQualifier: true, PredEvQuote: true,
}

// typeNames maps <type> objects to the explorer's type names.
var typeNames = func() map[quad.Value]string {
	m := map[quad.Value]string{}
	for name, iri := range typeIRIs {
		m[iri] = name
	}
	m[TypeEvidence] = "evidence"
	return m
}()

// isNode reports whether v can be a node on the canvas: an IRI or a blank
// node, and not an evidence node.
func isNode(v quad.Value) bool {
	switch v := v.(type) {
	case quad.IRI:
		return !isEvidenceIRI(v)
	case quad.BNode:
		return true
	}
	return false
}

func isEvidenceIRI(v quad.IRI) bool { return strings.HasPrefix(string(v), "ev/") }

// isLiteral reports whether v is a value rather than a node.
func isLiteral(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.BNode:
		return false
	}
	return v != nil
}

// isRelation reports whether q is an edge between two nodes.
func isRelation(q quad.Quad) bool {
	if _, ok := q.Predicate.(quad.IRI); !ok || schemaPredicates[q.Predicate] {
		return false
	}
	return isNode(q.Subject) && isNode(q.Object)
}

// isProperty reports whether q is a literal-valued fact of its subject.
func isProperty(q quad.Quad) bool {
	if _, ok := q.Predicate.(quad.IRI); !ok || schemaPredicates[q.Predicate] {
		return false
	}
	return isNode(q.Subject) && isLiteral(q.Object)
}

// ID returns a value's id: Cayley's string form.
func nodeID(v quad.Value) string { return quad.StringOf(v) }

// predLabel is a predicate's display name: its IRI without brackets.
func predLabel(p quad.Value) string {
	if iri, ok := p.(quad.IRI); ok {
		return string(iri)
	}
	return quad.StringOf(p)
}

// literalText is a literal's text, without quotes or datatype.
func literalText(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.IRI:
		return string(v)
	}
	if v == nil {
		return ""
	}
	if n, ok := v.Native().(fmt.Stringer); ok {
		return n.String()
	}
	return fmt.Sprint(v.Native())
}

// docIDOf returns the document id of a label <doc/ID>, or "".
func docIDOf(label quad.Value) string {
	if iri, ok := label.(quad.IRI); ok && strings.HasPrefix(string(iri), extract.TypeDoc+"/") {
		return string(iri)[len(extract.TypeDoc)+1:]
	}
	return ""
}

// edgeID names an edge for the page: stable across requests.
func edgeID(s, p, o quad.Value) string {
	h := sha1.New()
	for _, v := range []quad.Value{s, p, o} {
		h.Write([]byte(quad.StringOf(v)))
		h.Write([]byte{0})
	}
	return "e" + hex.EncodeToString(h.Sum(nil)[:8])
}

// parseTerm reads a value in Cayley's string form. Literals are read as
// N-Quads reads them: "say \"hi\"" is the string say "hi", and a typed
// literal such as "34"^^<http://schema.org/Integer> is the integer 34.
// Anything else goes to ParseValue.
func parseTerm(field, s string) (quad.Value, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, fmt.Errorf("%w: %s: required", ErrInvalid, field)
	}
	v, err := ParseValue(s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", field, err)
	}
	return v, nil
}

// parseNodeID reads a node id given in field; literals are refused.
func parseNodeID(field, id string) (quad.Value, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return nil, fmt.Errorf("%w: %s: required", ErrInvalid, field)
	}
	v, err := ParseValue(id)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", field, err)
	}
	if !isNode(v) {
		return nil, fmt.Errorf("%w: %s: %q is not a node (want an IRI such as <person/james-clapper>)", ErrInvalid, field, id)
	}
	return v, nil
}

// nodeRef describes v. The caller holds s.mu.
func (s *Store) nodeRef(ctx context.Context, v quad.Value) (NodeRef, error) {
	props, err := s.quadsWith(ctx, quad.Subject, v, nil)
	if err != nil {
		return NodeRef{}, err
	}
	return refFromQuads(v, props), nil
}

// refFromQuads describes v from its outgoing quads.
func refFromQuads(v quad.Value, out []quad.Quad) NodeRef {
	ref := NodeRef{ID: nodeID(v)}
	for _, q := range out {
		switch q.Predicate {
		case PredName:
			if ref.Label == "" {
				ref.Label = literalText(q.Object)
			}
		case PredType:
			if ref.Type == "" {
				ref.Type = typeName(q.Object)
			}
		}
	}
	fillRef(&ref, v)
	return ref
}

// fillRef gives a node with no <name> or <type> a label and a type from its IRI.
func fillRef(ref *NodeRef, v quad.Value) {
	iri, isIRI := v.(quad.IRI)
	if ref.Type == "" && isIRI {
		if typ, _, ok := strings.Cut(string(iri), "/"); ok && extract.IsEntityType(typ) {
			ref.Type = typ
		}
	}
	if ref.Label == "" {
		if isIRI {
			ref.Label = string(iri)
		} else {
			ref.Label = quad.StringOf(v)
		}
	}
}

// typeName is the explorer's name of a <type> object.
func typeName(t quad.Value) string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return literalText(t)
}

// edgeAcc gathers the quads of one edge (one per document label).
type edgeAcc struct {
	s, p, o quad.Value
	docs    map[string]bool
}

// edgeSet groups relation quads into edges.
type edgeSet struct {
	order []quad.Quad // first quad of each edge, in reading order
	acc   map[[3]quad.Value]*edgeAcc
}

func newEdgeSet() *edgeSet { return &edgeSet{acc: map[[3]quad.Value]*edgeAcc{}} }

func (es *edgeSet) add(q quad.Quad) {
	k := [3]quad.Value{q.Subject, q.Predicate, q.Object}
	a := es.acc[k]
	if a == nil {
		a = &edgeAcc{s: q.Subject, p: q.Predicate, o: q.Object, docs: map[string]bool{}}
		es.acc[k] = a
		es.order = append(es.order, q)
	}
	if d := docIDOf(q.Label); d != "" {
		a.docs[d] = true
	}
}

func (es *edgeSet) edges() []*edgeAcc {
	out := make([]*edgeAcc, 0, len(es.order))
	for _, q := range es.order {
		out = append(out, es.acc[[3]quad.Value{q.Subject, q.Predicate, q.Object}])
	}
	return out
}

// evSummary is what an edge's evidence adds to it.
type evSummary struct {
	max     float64
	n       int
	methods map[string]bool
	docs    map[string]bool
}

// evidenceAround reads every evidence node whose subject or object is v, and
// summarises it per fact. The caller holds s.mu.
func (s *Store) evidenceAround(ctx context.Context, v quad.Value) (map[[3]quad.Value]*evSummary, error) {
	out := map[[3]quad.Value]*evSummary{}
	seen := map[quad.Value]bool{}
	for _, pred := range []quad.IRI{PredEvSubject, PredEvObject} {
		links, err := s.quadsWith(ctx, quad.Object, v, pred)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			if seen[l.Subject] {
				continue
			}
			seen[l.Subject] = true
			f, ev, err := s.readEvidence(ctx, l.Subject)
			if err != nil {
				return nil, err
			}
			if ev.Status == StatusRejected {
				continue
			}
			sum := out[f]
			if sum == nil {
				sum = &evSummary{max: ev.Confidence, methods: map[string]bool{}, docs: map[string]bool{}}
				out[f] = sum
			}
			sum.n++
			if ev.Confidence > sum.max {
				sum.max = ev.Confidence
			}
			if ev.Method != "" {
				sum.methods[ev.Method] = true
			}
			if ev.Doc != "" {
				sum.docs[ev.Doc] = true
			}
		}
	}
	return out, nil
}

// readEvidence reads one evidence node: the fact it supports and the evidence.
// The caller holds s.mu.
func (s *Store) readEvidence(ctx context.Context, node quad.Value) ([3]quad.Value, Evidence, error) {
	props, err := s.quadsWith(ctx, quad.Subject, node, nil)
	if err != nil {
		return [3]quad.Value{}, Evidence{}, err
	}
	var f [3]quad.Value
	var ev Evidence
	for _, q := range props {
		evidenceQuad(&f, &ev, q)
	}
	return f, ev, nil
}

// makeEdge turns an accumulated edge and its evidence into a GraphEdge.
func makeEdge(a *edgeAcc, sum *evSummary) GraphEdge {
	e := GraphEdge{
		ID:        edgeID(a.s, a.p, a.o),
		Source:    nodeID(a.s),
		Target:    nodeID(a.o),
		Predicate: nodeID(a.p),
		Label:     predLabel(a.p),
		Docs:      []string{},
		Methods:   []string{},
	}
	docs := map[string]bool{}
	for d := range a.docs {
		docs[d] = true
	}
	if sum != nil {
		c := sum.max
		e.Confidence = &c
		e.Evidence = sum.n
		for m := range sum.methods {
			e.Methods = append(e.Methods, m)
		}
		e.Confirmed = sum.methods[MethodCurated]
		for d := range sum.docs {
			docs[d] = true
		}
	}
	for d := range docs {
		e.Docs = append(e.Docs, d)
	}
	sort.Strings(e.Docs)
	sort.Strings(e.Methods)
	return e
}

// Node describes one node: its type, names, literal properties and how many
// edges of each relation it has in each direction. ErrNotFound if no quad
// mentions it.
func (s *Store) Node(ctx context.Context, id string) (NodeInfo, error) {
	v, err := parseNodeID("id", id)
	if err != nil {
		return NodeInfo{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out, err := s.quadsWith(ctx, quad.Subject, v, nil)
	if err != nil {
		return NodeInfo{}, err
	}
	in, err := s.quadsWith(ctx, quad.Object, v, nil)
	if err != nil {
		return NodeInfo{}, err
	}
	if len(out) == 0 && len(in) == 0 {
		return NodeInfo{}, fmt.Errorf("node %s: %w", id, ErrNotFound)
	}
	info := NodeInfo{NodeRef: refFromQuads(v, out), Aliases: []string{}, Properties: []Property{}, Relations: []RelationCount{}, Docs: []string{}}
	docs := map[string]bool{}
	props := map[[2]quad.Value]*Property{}
	var propOrder [][2]quad.Value
	type relKey struct {
		p   quad.Value
		dir string
	}
	rels := map[relKey]map[[2]quad.Value]bool{}
	var relOrder []relKey
	addRel := func(k relKey, q quad.Quad) {
		if rels[k] == nil {
			rels[k] = map[[2]quad.Value]bool{}
			relOrder = append(relOrder, k)
		}
		rels[k][[2]quad.Value{q.Subject, q.Object}] = true
	}
	for _, q := range out {
		d := docIDOf(q.Label)
		switch {
		case q.Predicate == PredAlias:
			if a := literalText(q.Object); a != "" && a != info.Label && !contains(info.Aliases, a) {
				info.Aliases = append(info.Aliases, a)
			}
		case q.Predicate == PredName:
			if n := literalText(q.Object); n != info.Label && !contains(info.Aliases, n) {
				info.Aliases = append(info.Aliases, n)
			}
		case isProperty(q):
			k := [2]quad.Value{q.Predicate, q.Object}
			p := props[k]
			if p == nil {
				p = &Property{Predicate: nodeID(q.Predicate), Label: predLabel(q.Predicate), Value: literalText(q.Object), Object: nodeID(q.Object), Docs: []string{}}
				props[k] = p
				propOrder = append(propOrder, k)
			}
			if d != "" && !contains(p.Docs, d) {
				p.Docs = append(p.Docs, d)
			}
		case isRelation(q):
			addRel(relKey{q.Predicate, DirOut}, q)
		default:
			continue
		}
		if d != "" {
			docs[d] = true
		}
	}
	for _, q := range in {
		if isRelation(q) {
			addRel(relKey{q.Predicate, DirIn}, q)
			if d := docIDOf(q.Label); d != "" {
				docs[d] = true
			}
		}
	}
	for _, k := range propOrder {
		info.Properties = append(info.Properties, *props[k])
	}
	for _, k := range relOrder {
		n := len(rels[k])
		info.Relations = append(info.Relations, RelationCount{Predicate: nodeID(k.p), Label: predLabel(k.p), Direction: k.dir, Count: n})
		info.Degree += n
	}
	sort.SliceStable(info.Relations, func(i, j int) bool {
		a, b := info.Relations[i], info.Relations[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Label != b.Label {
			return a.Label < b.Label
		}
		return a.Direction > b.Direction // out before in
	})
	for d := range docs {
		info.Docs = append(info.Docs, d)
	}
	sort.Strings(info.Docs)
	if info.Reports, info.Disagreements, err = s.reports(ctx, v, info.Type, out, in); err != nil {
		return NodeInfo{}, err
	}
	return info, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// neighbourFilter is a NeighbourQuery checked and parsed.
type neighbourFilter struct {
	rels  map[quad.Value]bool
	dir   string
	types map[string]bool
	docs  map[string]bool
	minC  float64
}

func (f neighbourFilter) keepEdge(e GraphEdge) bool {
	if len(f.docs) > 0 {
		ok := false
		for _, d := range e.Docs {
			if f.docs[d] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if f.minC > 0 && (e.Confidence == nil || *e.Confidence < f.minC) {
		return false
	}
	return true
}

func parseNeighbourQuery(q NeighbourQuery) (quad.Value, neighbourFilter, error) {
	v, err := parseNodeID("id", q.ID)
	if err != nil {
		return nil, neighbourFilter{}, err
	}
	f := neighbourFilter{dir: q.Direction, minC: q.MinConfidence}
	switch f.dir {
	case "":
		f.dir = DirBoth
	case DirOut, DirIn, DirBoth:
	default:
		return nil, f, fmt.Errorf("%w: direction: want out, in or both, got %q", ErrInvalid, q.Direction)
	}
	if q.MinConfidence < 0 || q.MinConfidence > 1 || q.MinConfidence != q.MinConfidence {
		return nil, f, fmt.Errorf("%w: min_confidence: want a number from 0 to 1, got %v", ErrInvalid, q.MinConfidence)
	}
	if len(q.Relations) > 0 {
		f.rels = map[quad.Value]bool{}
		for _, r := range q.Relations {
			p, err := parsePredicate("relation", r)
			if err != nil {
				return nil, f, err
			}
			f.rels[p] = true
		}
	}
	if len(q.Types) > 0 {
		f.types = map[string]bool{}
		for _, t := range q.Types {
			f.types[t] = true
		}
	}
	if len(q.Docs) > 0 {
		f.docs = map[string]bool{}
		for _, d := range q.Docs {
			f.docs[strings.TrimPrefix(strings.Trim(d, "<>"), extract.TypeDoc+"/")] = true
		}
	}
	return v, f, nil
}

// parsePredicate reads a predicate given as "stated" or "<stated>".
func parsePredicate(field, p string) (quad.Value, error) {
	p = strings.TrimSpace(p)
	if p == "" {
		return nil, fmt.Errorf("%w: %s: empty predicate", ErrInvalid, field)
	}
	v, err := ParseValue(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", field, err)
	}
	if _, ok := v.(quad.IRI); !ok {
		return nil, fmt.Errorf("%w: %s: %q is not a predicate", ErrInvalid, field, p)
	}
	return v, nil
}

// Neighbours returns one page of a node's neighbours, filtered by relation,
// direction, neighbour type, document and minimum confidence. Neighbours
// come most confident first, then by label; Total and More say how many pass
// the filters in all and after this page.
func (s *Store) Neighbours(ctx context.Context, q NeighbourQuery) (Neighbourhood, error) {
	if q.Limit == 0 {
		q.Limit = DefaultNeighbourLimit
	}
	if q.Limit < 1 || q.Limit > MaxNeighbourLimit {
		return Neighbourhood{}, fmt.Errorf("%w: limit: want 1 to %d, got %d", ErrInvalid, MaxNeighbourLimit, q.Limit)
	}
	if q.Offset < 0 {
		return Neighbourhood{}, fmt.Errorf("%w: offset: want 0 or more, got %d", ErrInvalid, q.Offset)
	}
	v, f, err := parseNeighbourQuery(q)
	if err != nil {
		return Neighbourhood{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out, err := s.quadsWith(ctx, quad.Subject, v, nil)
	if err != nil {
		return Neighbourhood{}, err
	}
	in, err := s.quadsWith(ctx, quad.Object, v, nil)
	if err != nil {
		return Neighbourhood{}, err
	}
	if len(out) == 0 && len(in) == 0 {
		return Neighbourhood{}, fmt.Errorf("node %s: %w", q.ID, ErrNotFound)
	}
	es := newEdgeSet()
	collect := func(quads []quad.Quad, dir string) {
		if f.dir != DirBoth && f.dir != dir {
			return
		}
		for _, qq := range quads {
			if !isRelation(qq) || (f.rels != nil && !f.rels[qq.Predicate]) {
				continue
			}
			if qq.Subject == qq.Object {
				continue
			}
			es.add(qq)
		}
	}
	collect(out, DirOut)
	collect(in, DirIn)
	evs, err := s.evidenceAround(ctx, v)
	if err != nil {
		return Neighbourhood{}, err
	}
	type nb struct {
		ref   NodeRef
		edges []GraphEdge
		best  float64
	}
	nbs := map[quad.Value]*nb{}
	var order []quad.Value
	for _, a := range es.edges() {
		e := makeEdge(a, evs[[3]quad.Value{a.s, a.p, a.o}])
		if !f.keepEdge(e) {
			continue
		}
		other := a.o
		if a.o == v {
			other = a.s
		}
		n := nbs[other]
		if n == nil {
			n = &nb{best: -1}
			nbs[other] = n
			order = append(order, other)
		}
		n.edges = append(n.edges, e)
		if e.Confidence != nil && *e.Confidence > n.best {
			n.best = *e.Confidence
		}
	}
	var kept []*nb
	for _, o := range order {
		n := nbs[o]
		ref, err := s.nodeRef(ctx, o)
		if err != nil {
			return Neighbourhood{}, err
		}
		if f.types != nil && !f.types[ref.Type] {
			continue
		}
		n.ref = ref
		kept = append(kept, n)
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].best != kept[j].best {
			return kept[i].best > kept[j].best
		}
		if len(kept[i].edges) != len(kept[j].edges) {
			return len(kept[i].edges) > len(kept[j].edges)
		}
		return strings.ToLower(kept[i].ref.Label) < strings.ToLower(kept[j].ref.Label)
	})
	self, err := s.nodeRef(ctx, v)
	if err != nil {
		return Neighbourhood{}, err
	}
	res := Neighbourhood{Node: self, Nodes: []NodeRef{}, Edges: []GraphEdge{}, Total: len(kept), Offset: q.Offset}
	page := kept
	if q.Offset >= len(page) {
		page = nil
	} else {
		page = page[q.Offset:]
	}
	if len(page) > q.Limit {
		page = page[:q.Limit]
	}
	for _, n := range page {
		res.Nodes = append(res.Nodes, n.ref)
		res.Edges = append(res.Edges, n.edges...)
	}
	res.More = res.Total - q.Offset - len(res.Nodes)
	if res.More < 0 {
		res.More = 0
	}
	return res, nil
}

// Subgraph describes the given nodes and every edge among them: what the
// page needs to redraw a shared view or a query's results. Ids not in the
// graph are listed in Missing.
func (s *Store) Subgraph(ctx context.Context, ids []string) (Subgraph, error) {
	if len(ids) > MaxSubgraphNodes {
		return Subgraph{}, fmt.Errorf("%w: ids: at most %d nodes, got %d", ErrInvalid, MaxSubgraphNodes, len(ids))
	}
	var vals []quad.Value
	set := map[quad.Value]bool{}
	for i, id := range ids {
		v, err := parseNodeID(fmt.Sprintf("ids[%d]", i), id)
		if err != nil {
			return Subgraph{}, err
		}
		if !set[v] {
			set[v] = true
			vals = append(vals, v)
		}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	res := Subgraph{Nodes: []NodeRef{}, Edges: []GraphEdge{}, Missing: []string{}}
	es := newEdgeSet()
	var present []quad.Value
	for _, v := range vals {
		out, err := s.quadsWith(ctx, quad.Subject, v, nil)
		if err != nil {
			return Subgraph{}, err
		}
		if len(out) == 0 {
			if in, err := s.quadsWith(ctx, quad.Object, v, nil); err != nil {
				return Subgraph{}, err
			} else if len(in) == 0 {
				res.Missing = append(res.Missing, nodeID(v))
				continue
			}
		}
		present = append(present, v)
		res.Nodes = append(res.Nodes, refFromQuads(v, out))
		for _, q := range out {
			if isRelation(q) && set[q.Object] && q.Subject != q.Object {
				es.add(q)
			}
		}
	}
	evs := map[[3]quad.Value]*evSummary{}
	for _, v := range present {
		if len(es.acc) == 0 {
			break
		}
		around, err := s.evidenceAround(ctx, v)
		if err != nil {
			return Subgraph{}, err
		}
		for k, sum := range around {
			evs[k] = sum
		}
	}
	for _, a := range es.edges() {
		res.Edges = append(res.Edges, makeEdge(a, evs[[3]quad.Value{a.s, a.p, a.o}]))
	}
	return res, nil
}

// EdgeDetail is one edge with its two ends and every piece of evidence.
type EdgeDetail struct {
	Edge     GraphEdge  `json:"edge"`
	Source   NodeRef    `json:"source"`
	Target   NodeRef    `json:"target"`
	Literal  bool       `json:"literal"` // the object is a value (a property), not a node
	Evidence []Evidence `json:"evidence"`
}

// EdgeDetail describes one fact (an edge, or a literal property) and its
// evidence, most confident first. A fact that exists without evidence
// (loaded as raw quads) has an empty Evidence; a fact that does not exist
// is ErrNotFound.
func (s *Store) EdgeDetail(ctx context.Context, e Edge) (EdgeDetail, error) {
	subj, err := parseNodeID("subject", e.Subject)
	if err != nil {
		return EdgeDetail{}, err
	}
	pred, err := parsePredicate("predicate", e.Predicate)
	if err != nil {
		return EdgeDetail{}, err
	}
	obj, err := parseTerm("object", e.Object)
	if err != nil {
		return EdgeDetail{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	quads, err := s.quadsWith(ctx, quad.Subject, subj, pred)
	if err != nil {
		return EdgeDetail{}, err
	}
	es := newEdgeSet()
	for _, q := range quads {
		if q.Object == obj {
			es.add(q)
		}
	}
	if len(es.order) == 0 {
		return EdgeDetail{}, fmt.Errorf("edge %s %s %s: %w", e.Subject, e.Predicate, e.Object, ErrNotFound)
	}
	evs, err := s.evidence(ctx, subj, pred, obj)
	if err != nil {
		return EdgeDetail{}, err
	}
	var sum *evSummary
	for _, ev := range evs {
		if ev.Status == StatusRejected {
			continue
		}
		if sum == nil {
			sum = &evSummary{max: ev.Confidence, methods: map[string]bool{}, docs: map[string]bool{}}
		}
		sum.n++
		if ev.Confidence > sum.max {
			sum.max = ev.Confidence
		}
		sum.methods[ev.Method] = true
		if ev.Doc != "" {
			sum.docs[ev.Doc] = true
		}
	}
	d := EdgeDetail{Edge: makeEdge(es.edges()[0], sum), Evidence: evs, Literal: isLiteral(obj)}
	if d.Evidence == nil {
		d.Evidence = []Evidence{}
	}
	if d.Source, err = s.nodeRef(ctx, subj); err != nil {
		return EdgeDetail{}, err
	}
	if d.Literal {
		d.Target = NodeRef{ID: nodeID(obj), Label: literalText(obj), Type: "literal"}
	} else if d.Target, err = s.nodeRef(ctx, obj); err != nil {
		return EdgeDetail{}, err
	}
	return d, nil
}

// Document returns an article's text and the facts drawn from it, each with
// the byte offsets of its sentence. ErrNotFound if there is no such document.
func (s *Store) Document(ctx context.Context, id string) (Document, error) {
	id = strings.TrimSpace(id)
	id = strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">"), extract.TypeDoc+"/")
	if id == "" {
		return Document{}, fmt.Errorf("%w: id: required", ErrInvalid)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	text, err := s.documentText(ctx, id)
	if err != nil {
		return Document{}, err
	}
	node := DocIRI(id)
	name, err := s.firstString(ctx, node, PredName)
	if err != nil {
		return Document{}, err
	}
	doc := Document{ID: id, Node: nodeID(node), Name: name, Text: text, Bytes: len(text), Facts: []DocFact{}}
	links, err := s.quadsWith(ctx, quad.Object, node, PredEvDoc)
	if err != nil {
		return Document{}, err
	}
	labels := map[quad.Value]string{}
	label := func(v quad.Value) (string, error) {
		if isLiteral(v) {
			return literalText(v), nil
		}
		if l, ok := labels[v]; ok {
			return l, nil
		}
		ref, err := s.nodeRef(ctx, v)
		if err != nil {
			return "", err
		}
		labels[v] = ref.Label
		return ref.Label, nil
	}
	for _, l := range links {
		f, ev, err := s.readEvidence(ctx, l.Subject)
		if err != nil {
			return Document{}, err
		}
		if f[0] == nil || f[1] == nil || f[2] == nil || ev.Status == StatusRejected {
			continue
		}
		df := DocFact{
			Subject: nodeID(f[0]), Predicate: nodeID(f[1]), Label: predLabel(f[1]), Object: nodeID(f[2]),
			Literal: isLiteral(f[2]), Start: ev.Start, End: ev.End, Method: ev.Method, Confidence: ev.Confidence,
		}
		if df.SubjectLabel, err = label(f[0]); err != nil {
			return Document{}, err
		}
		if df.ObjectLabel, err = label(f[2]); err != nil {
			return Document{}, err
		}
		doc.Facts = append(doc.Facts, df)
	}
	sort.SliceStable(doc.Facts, func(i, j int) bool {
		a, b := doc.Facts[i], doc.Facts[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		return a.Object < b.Object
	})
	return doc, nil
}
