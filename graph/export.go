package graph

// Export: the whole graph, a set of nodes (the explorer's current view) or
// the nodes a query returns, written as N-Quads, JSON-LD, GraphML or CSV
// (export_write.go). docs/export.md describes the formats for their readers.
//
// A selection of nodes takes, for each node: its <type>, <name> and <alias>
// quads, its literal-valued facts (properties), every relation between two
// selected nodes (one quad per document label), and the evidence nodes of
// those facts, whole. Articles' texts (<content>) travel only with the whole
// graph.

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// Export formats, the names `newsgraph export` and /api/export take.
const (
	FormatNQuads  = "nquads"
	FormatJSONLD  = "jsonld"
	FormatGraphML = "graphml"
	FormatCSV     = "csv"
)

// ExportFormat describes one format for those who serve or save it.
type ExportFormat struct {
	Name      string // "graphml"
	MediaType string // "application/graphml+xml"
	Ext       string // file name extension: ".graphml"
	Summary   string // one line for help texts
}

// ExportFormats are the formats Export writes.
var ExportFormats = []ExportFormat{
	{FormatNQuads, "application/n-quads", ".nq", "N-Quads: the quads themselves, document labels and evidence nodes included"},
	{FormatJSONLD, "application/ld+json", ".jsonld", "JSON-LD: one object per node and per evidence node, under a @context"},
	{FormatGraphML, "application/graphml+xml", ".graphml", "GraphML (Gephi, yEd, Cytoscape): one node per entity, one edge per relation"},
	{FormatCSV, "application/zip", ".csv.zip", "CSV: nodes.csv and edges.csv (one row per piece of evidence)"},
}

// LookupExportFormat returns the format called name; ErrInvalid naming the
// field "format" if there is none.
func LookupExportFormat(name string) (ExportFormat, error) {
	names := make([]string, 0, len(ExportFormats))
	for _, f := range ExportFormats {
		if f.Name == name {
			return f, nil
		}
		names = append(names, f.Name)
	}
	if name == "" {
		return ExportFormat{}, Invalidf("format: required (one of %s)", strings.Join(names, ", "))
	}
	return ExportFormat{}, Invalidf("format: unknown format %q (want one of %s)", name, strings.Join(names, ", "))
}

// Scopes of an ExportSelection.
const (
	ScopeAll   = "all"   // the whole graph
	ScopeNodes = "nodes" // the listed nodes (the explorer's view)
	ScopeQuery = "query" // the nodes a query returns
)

// ExportSelection says what to export: the whole graph, a set of nodes, or
// the nodes a query returns, with the relations among them.
type ExportSelection struct {
	// Scope is "all", "nodes" or "query". Empty means "nodes" when Nodes
	// are given, "query" when Query is, else "all".
	Scope string
	// Nodes are node ids in Cayley's string form ("<person/james-clapper>").
	// An id that is not in the graph is ErrNotFound.
	Nodes []string
	// Lang (gizmo, the default; graphql or mql) and Query select the nodes
	// the query's result names: every string in it that is a node of the
	// graph, tags and nested values included.
	Lang  string
	Query string
	// MaxNodes caps the nodes of a nodes or query scope (0: no cap).
	MaxNodes int
}

// EffectiveScope is the selection's scope, its default filled in: Scope
// if set, else nodes when Nodes are given, query when Query is, else all.
func (sel ExportSelection) EffectiveScope() string {
	switch {
	case sel.Scope != "":
		return sel.Scope
	case len(sel.Nodes) > 0:
		return ScopeNodes
	case strings.TrimSpace(sel.Query) != "":
		return ScopeQuery
	}
	return ScopeAll
}

// normalize fills the defaults and checks the selection.
func (sel ExportSelection) normalize() (ExportSelection, error) {
	sel.Scope = sel.EffectiveScope()
	if sel.Lang == "" {
		sel.Lang = "gizmo"
	}
	switch sel.Scope {
	case ScopeAll:
		if len(sel.Nodes) > 0 || sel.Query != "" {
			return sel, Invalidf("scope: all takes no nodes and no query")
		}
	case ScopeNodes:
		if len(sel.Nodes) == 0 {
			return sel, Invalidf("nodes: the scope nodes needs at least one node id")
		}
		if sel.MaxNodes > 0 && len(sel.Nodes) > sel.MaxNodes {
			return sel, Invalidf("nodes: at most %d nodes, got %d", sel.MaxNodes, len(sel.Nodes))
		}
	case ScopeQuery:
		if strings.TrimSpace(sel.Query) == "" {
			return sel, Invalidf("query: the scope query needs a query")
		}
	default:
		return sel, Invalidf("scope: unknown scope %q (want all, nodes or query)", sel.Scope)
	}
	return sel, nil
}

// Export writes the selection in format (one of ExportFormats; csv is a zip
// of nodes.csv and edges.csv, see ExportCSV for the two tables apart). The
// whole graph as N-Quads streams from the store; everything else is read
// into memory under the read lock first, then written, so a slow writer
// never holds the lock. A bad format or selection wraps ErrInvalid naming
// the field; a listed node that is not in the graph, ErrNotFound.
func (s *Store) Export(ctx context.Context, w io.Writer, format string, sel ExportSelection) error {
	f, err := LookupExportFormat(format)
	if err != nil {
		return err
	}
	if sel, err = sel.normalize(); err != nil {
		return err
	}
	if f.Name == FormatNQuads && sel.Scope == ScopeAll {
		return s.streamNQuads(ctx, w)
	}
	set, err := s.exportSet(ctx, sel, f.Name == FormatNQuads || f.Name == FormatJSONLD)
	if err != nil {
		return err
	}
	switch f.Name {
	case FormatNQuads:
		err = set.writeNQuads(w)
	case FormatJSONLD:
		err = set.writeJSONLD(w)
	case FormatGraphML:
		err = set.writeGraphML(w)
	case FormatCSV:
		err = set.writeCSVZip(w)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", f.Name, err)
	}
	return nil
}

// ExportCSV writes the selection's two CSV tables, nodes.csv to nodes and
// edges.csv to edges.
func (s *Store) ExportCSV(ctx context.Context, nodes, edges io.Writer, sel ExportSelection) error {
	sel, err := sel.normalize()
	if err != nil {
		return err
	}
	set, err := s.exportSet(ctx, sel, false)
	if err != nil {
		return err
	}
	if err := set.writeCSVNodes(nodes); err != nil {
		return fmt.Errorf("export nodes.csv: %w", err)
	}
	if err := set.writeCSVEdges(edges); err != nil {
		return fmt.Errorf("export edges.csv: %w", err)
	}
	return nil
}

// streamNQuads writes every quad of the store, in the store's order.
func (s *Store) streamNQuads(ctx context.Context, w io.Writer) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	n := 0
	for it.Next(ctx) {
		if n++; n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, s.qs.Quad(it.Result()).NQuad()+"\n"); err != nil {
			return fmt.Errorf("export nquads: %w", err)
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("export nquads: read: %w", err)
	}
	return ctx.Err()
}

// exportSet is a selection read from the store: its nodes, its facts with
// their evidence, and (for N-Quads and JSON-LD) its quads.
type exportSet struct {
	whole bool
	keep  bool
	quads []quad.Quad
	nodes map[quad.Value]*exNode
	facts map[[3]quad.Value]*exFact
	evs   map[quad.Value]*exEvidence
}

// exNode is one node of an export.
type exNode struct {
	ref     NodeRef
	v       quad.Value
	aliases []string
}

// exFact is one relation or property: (subject, predicate, object) with
// the documents its quads are labelled with and its evidence.
type exFact struct {
	s, p, o  quad.Value
	literal  bool
	labels   map[string]bool
	evidence []Evidence
}

// exEvidence is one evidence node as its quads are read.
type exEvidence struct {
	fact [3]quad.Value
	ev   Evidence
}

func newExportSet(whole, keep bool) *exportSet {
	return &exportSet{whole: whole, keep: keep, nodes: map[quad.Value]*exNode{}, facts: map[[3]quad.Value]*exFact{}, evs: map[quad.Value]*exEvidence{}}
}

// node returns v's entry, making it.
func (e *exportSet) node(v quad.Value) *exNode {
	n := e.nodes[v]
	if n == nil {
		n = &exNode{v: v, ref: NodeRef{ID: nodeID(v)}}
		e.nodes[v] = n
	}
	return n
}

// hasFact reports whether the set holds the fact f.
func (e *exportSet) hasFact(f [3]quad.Value) bool { return e.facts[f] != nil }

// add takes one quad into the set. For a selection, the caller passes only
// the quads it selected and has made the nodes first.
func (e *exportSet) add(q quad.Quad) {
	if e.keep {
		e.quads = append(e.quads, q)
	}
	if iri, ok := q.Subject.(quad.IRI); ok && isEvidenceIRI(iri) {
		x := e.evs[q.Subject]
		if x == nil {
			x = &exEvidence{}
			e.evs[q.Subject] = x
		}
		evidenceQuad(&x.fact, &x.ev, q)
		return
	}
	if iri, ok := q.Subject.(quad.IRI); ok && isAuditIRI(iri) {
		return // the audit log travels in N-Quads and JSON-LD, never as nodes
	}
	if !isNode(q.Subject) {
		return
	}
	if e.whole {
		e.node(q.Subject)
	}
	switch {
	case q.Predicate == PredType:
		if n := e.nodes[q.Subject]; n != nil && n.ref.Type == "" {
			n.ref.Type = typeName(q.Object)
		}
	case q.Predicate == PredName:
		if n := e.nodes[q.Subject]; n != nil && n.ref.Label == "" {
			n.ref.Label = literalText(q.Object)
		}
	case q.Predicate == PredAlias:
		if n := e.nodes[q.Subject]; n != nil {
			n.aliases = append(n.aliases, literalText(q.Object))
		}
	case isRelation(q), isProperty(q):
		if e.whole && isNode(q.Object) {
			e.node(q.Object)
		}
		k := [3]quad.Value{q.Subject, q.Predicate, q.Object}
		f := e.facts[k]
		if f == nil {
			f = &exFact{s: q.Subject, p: q.Predicate, o: q.Object, literal: isLiteral(q.Object), labels: map[string]bool{}}
			e.facts[k] = f
		}
		if d := docIDOf(q.Label); d != "" {
			f.labels[d] = true
		}
	}
}

// finish gives nameless nodes a label and a type, hangs each piece of
// evidence on its fact (evidence of a fact the set lacks, and evidence a
// curator rejected, are kept in the quads only), and sorts.
func (e *exportSet) finish() {
	for _, n := range e.nodes {
		fillRef(&n.ref, n.v)
		sort.Strings(n.aliases)
		out := n.aliases[:0]
		for i, a := range n.aliases {
			if a == "" || a == n.ref.Label || (i > 0 && a == n.aliases[i-1]) {
				continue
			}
			out = append(out, a)
		}
		n.aliases = out
	}
	for _, x := range e.evs {
		if f := e.facts[x.fact]; f != nil && x.ev.Status != StatusRejected {
			f.evidence = append(f.evidence, x.ev)
		}
	}
	for _, f := range e.facts {
		sort.Slice(f.evidence, func(i, j int) bool {
			a, b := f.evidence[i], f.evidence[j]
			if a.Confidence != b.Confidence {
				return a.Confidence > b.Confidence
			}
			if a.Doc != b.Doc {
				return a.Doc < b.Doc
			}
			if a.Start != b.Start {
				return a.Start < b.Start
			}
			return a.Method < b.Method
		})
	}
}

// sortedNodes returns the nodes by id.
func (e *exportSet) sortedNodes() []*exNode {
	out := make([]*exNode, 0, len(e.nodes))
	for _, n := range e.nodes {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ref.ID < out[j].ref.ID })
	return out
}

// sortedFacts returns the facts by subject, predicate and object; relations
// only when relations is true, properties only when false.
func (e *exportSet) sortedFacts(relations bool) []*exFact {
	var out []*exFact
	for _, f := range e.facts {
		if f.literal != relations {
			out = append(out, f)
		}
	}
	return sortFacts(out)
}

// allFacts returns relations and properties by subject, predicate, object.
func (e *exportSet) allFacts() []*exFact {
	out := make([]*exFact, 0, len(e.facts))
	for _, f := range e.facts {
		out = append(out, f)
	}
	return sortFacts(out)
}

// sortFacts sorts facts by subject, predicate and object ids, each fact's
// key made once.
func sortFacts(facts []*exFact) []*exFact {
	type keyed struct {
		key string
		f   *exFact
	}
	ks := make([]keyed, len(facts))
	for i, f := range facts {
		ks[i] = keyed{nodeID(f.s) + "\x00" + nodeID(f.p) + "\x00" + nodeID(f.o), f}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].key < ks[j].key })
	for i := range ks {
		facts[i] = ks[i].f
	}
	return facts
}

// exportSet reads the selection from the store. keep keeps the quads (for
// N-Quads and JSON-LD).
func (s *Store) exportSet(ctx context.Context, sel ExportSelection, keep bool) (*exportSet, error) {
	if sel.Scope == ScopeAll {
		return s.exportAll(ctx, keep)
	}
	var vals []quad.Value
	seen := map[quad.Value]bool{}
	switch sel.Scope {
	case ScopeNodes:
		for i, id := range sel.Nodes {
			v, err := parseNodeID(fmt.Sprintf("nodes[%d]", i), id)
			if err != nil {
				return nil, err
			}
			if !seen[v] {
				seen[v] = true
				vals = append(vals, v)
			}
		}
	case ScopeQuery:
		res, err := s.Query(ctx, sel.Lang, sel.Query, -1)
		if err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		collectNodeValues(res.Results, seen, &vals)
		collectNodeValues(res.Data, seen, &vals)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	set := newExportSet(false, keep)
	in := map[quad.Value]bool{}
	var present []quad.Value
	outs := map[quad.Value][]quad.Quad{}
	for _, v := range vals {
		out, err := s.quadsWith(ctx, quad.Subject, v, nil)
		if err != nil {
			return nil, err
		}
		if len(out) == 0 {
			inq, err := s.quadsWith(ctx, quad.Object, v, nil)
			if err != nil {
				return nil, err
			}
			if len(inq) == 0 {
				if sel.Scope == ScopeNodes {
					return nil, fmt.Errorf("nodes: %s: %w", nodeID(v), ErrNotFound)
				}
				continue // a string of the query's result that names no node
			}
		}
		in[v] = true
		present = append(present, v)
		outs[v] = out
		set.node(v)
	}
	if sel.MaxNodes > 0 && len(present) > sel.MaxNodes {
		return nil, Invalidf("query: its result names %d nodes, more than %d: narrow it", len(present), sel.MaxNodes)
	}
	for _, v := range present {
		for _, q := range outs[v] {
			switch {
			case q.Predicate == PredType, q.Predicate == PredName, q.Predicate == PredAlias, isProperty(q):
				set.add(q)
			case isRelation(q) && in[q.Object]:
				set.add(q)
			}
		}
	}
	// The evidence of the selected facts: every evidence node whose subject
	// is a selected node and whose fact the set holds, with all its quads.
	done := map[quad.Value]bool{}
	for _, v := range present {
		links, err := s.quadsWith(ctx, quad.Object, v, PredEvSubject)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			if done[l.Subject] {
				continue
			}
			done[l.Subject] = true
			evq, err := s.quadsWith(ctx, quad.Subject, l.Subject, nil)
			if err != nil {
				return nil, err
			}
			var f [3]quad.Value
			var ev Evidence
			for _, q := range evq {
				evidenceQuad(&f, &ev, q)
			}
			if !set.hasFact(f) {
				continue
			}
			for _, q := range evq {
				set.add(q)
			}
		}
	}
	set.finish()
	return set, nil
}

// exportAll reads every quad of the store into a set.
func (s *Store) exportAll(ctx context.Context, keep bool) (*exportSet, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	set := newExportSet(true, keep)
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	n := 0
	for it.Next(ctx) {
		if n++; n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		set.add(s.qs.Quad(it.Result()))
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("export: read: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	set.finish()
	return set, nil
}

// collectNodeValues walks a query's result (Gizmo's and MQL's maps and
// lists, GraphQL's data) and adds every string that reads as a node id:
// "<iri>" and "_:blank" as Cayley writes them, or a bare IRI as GraphQL
// does. Whether it is in the graph is checked later.
func collectNodeValues(x any, seen map[quad.Value]bool, out *[]quad.Value) {
	add := func(v quad.Value) {
		if isNode(v) && !seen[v] {
			seen[v] = true
			*out = append(*out, v)
		}
	}
	switch x := x.(type) {
	case nil:
		return
	case string:
		if v, err := ParseValue(x); err == nil {
			add(v)
		}
		return
	case quad.Value:
		add(x)
		return
	}
	rv := reflect.ValueOf(x)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		for i := 0; i < rv.Len(); i++ {
			collectNodeValues(rv.Index(i).Interface(), seen, out)
		}
	case reflect.Map:
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i].Interface()) < fmt.Sprint(keys[j].Interface()) })
		for _, k := range keys {
			collectNodeValues(rv.MapIndex(k).Interface(), seen, out)
		}
	}
}
