package graph

// Curation: a curator accepts, rejects or edits the facts the extractor
// found, and merges two entities into one (and back). Each action is one
// transaction that also appends its audit entry (audit.go).
//
//   - Accept adds a curated evidence node (method "curated", the sentence of
//     the extracted evidence) to the fact in each document: the fact is
//     confirmed and survives re-extraction. Accepting a rejected fact puts
//     it back. Accepting a claim's "stated" also accepts the claim's
//     extracted words in the same document, since a curated claim keeps
//     only curated words when its article is extracted again.
//   - Reject removes the fact's quad (queries and the explorer no longer
//     see it) and marks each of its evidence nodes <ev_status> "rejected":
//     the evidence node keeps the fact, the sentence and the method, so the
//     rejection is in the graph, and storeExtracted skips a rejected fact
//     when the document is extracted again.
//   - Edit replaces a fact's object: the old fact is rejected and the new
//     one added as curated, citing the old one's sentence.
//   - Merge moves every quad of one entity to another (the merged entity's
//     name and aliases become aliases) and records exactly what it moved;
//     Unmerge takes that back.

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"newsgraph/graph/extract"
)

// PredEvStatus marks a piece of evidence a curator rejected: its object is
// StatusRejected. Evidence without it stands.
const PredEvStatus = quad.IRI("ev_status")

// Statuses of a fact in one document (FactStatus.Status).
const (
	StatusExtracted = "extracted" // in the graph, found by the extractor only
	StatusCurated   = "curated"   // in the graph, confirmed by a curator
	StatusRejected  = "rejected"  // taken out by a curator; its evidence is kept
	StatusRaw       = "raw"       // in the graph without evidence (loaded as quads)
	StatusAbsent    = "absent"    // not in the graph
)

// FactRef names one fact the way the explorer's edge endpoint does, and
// optionally the document whose copy is meant (empty: every document that
// has it).
type FactRef struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
	Doc       string `json:"doc,omitempty"`
}

// FactStatus is one fact's state in one document, as the audit log records
// it before and after an action.
type FactStatus struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
	Doc       string `json:"doc"`
	Status    string `json:"status"`
	Sentence  string `json:"sentence,omitempty"`
}

// MergeState is what a merge or unmerge changed: the two entities and the
// quads, in N-Quads form. For a merge, Before holds every quad of From that
// it moved and After the quads it added to Into; an unmerge is the reverse.
type MergeState struct {
	Into  string   `json:"into"`
	From  string   `json:"from"`
	Quads []string `json:"quads"`
}

// fact is a parsed FactRef.
type fact struct {
	s, p, o quad.Value
	doc     string // "" for every document
}

func (f fact) key() [3]quad.Value { return [3]quad.Value{f.s, f.p, f.o} }

func (f fact) status(doc, status, sentence string) FactStatus {
	return FactStatus{Subject: nodeID(f.s), Predicate: nodeID(f.p), Object: nodeID(f.o), Doc: doc, Status: status, Sentence: sentence}
}

func (f fact) String() string {
	return fmt.Sprintf("%s %s %s", nodeID(f.s), nodeID(f.p), nodeID(f.o))
}

// parseFactRef checks a FactRef; errors name the field.
func parseFactRef(r FactRef) (fact, error) {
	s, err := parseNodeID("subject", r.Subject)
	if err != nil {
		return fact{}, err
	}
	p, err := parsePredicate("predicate", r.Predicate)
	if err != nil {
		return fact{}, err
	}
	o, err := parseTerm("object", r.Object)
	if err != nil {
		return fact{}, err
	}
	doc := strings.TrimSpace(r.Doc)
	doc = strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(doc, "<"), ">"), extract.TypeDoc+"/")
	if strings.TrimSpace(r.Doc) != "" && doc == "" {
		return fact{}, fmt.Errorf("%w: doc: %q is not a document id", ErrInvalid, r.Doc)
	}
	return fact{s: s, p: p, o: o, doc: doc}, nil
}

// evNode is one evidence node of a fact.
type evNode struct {
	node quad.Value
	ev   Evidence
}

// docState is a fact in one document: its quad (if present) and evidence.
type docState struct {
	doc      string
	quad     bool // the fact's quad labelled with the document is in the graph
	evidence []evNode
}

func (d docState) status() string {
	rejected, curated := false, false
	for _, e := range d.evidence {
		switch {
		case e.ev.Status == StatusRejected:
			rejected = true
		case e.ev.Method == MethodCurated:
			curated = true
		}
	}
	switch {
	case !d.quad && rejected:
		return StatusRejected
	case !d.quad:
		return StatusAbsent
	case curated:
		return StatusCurated
	case len(d.evidence) == 0:
		return StatusRaw
	}
	return StatusExtracted
}

// source is the evidence an accepted or edited fact cites: the most
// confident one that is not curated, else any.
func (d docState) source() (Evidence, bool) {
	var best *Evidence
	for i := range d.evidence {
		ev := &d.evidence[i].ev
		if best == nil || (best.Method == MethodCurated && ev.Method != MethodCurated) ||
			(ev.Method != MethodCurated && ev.Confidence > best.Confidence) {
			best = ev
		}
	}
	if best == nil {
		return Evidence{}, false
	}
	return *best, true
}

// factStates reads a fact's quads and evidence per document, in document
// order; with f.doc set, only that document. The caller holds s.mu.
func (s *Store) factStates(ctx context.Context, f fact) ([]docState, error) {
	byDoc := map[string]*docState{}
	get := func(doc string) *docState {
		if byDoc[doc] == nil {
			byDoc[doc] = &docState{doc: doc}
		}
		return byDoc[doc]
	}
	quads, err := s.quadsWith(ctx, quad.Subject, f.s, f.p)
	if err != nil {
		return nil, err
	}
	for _, q := range quads {
		if q.Object != f.o {
			continue
		}
		get(docIDOf(q.Label)).quad = true
	}
	links, err := s.quadsWith(ctx, quad.Object, f.s, PredEvSubject)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		got, ev, err := s.readEvidence(ctx, l.Subject)
		if err != nil {
			return nil, err
		}
		if got != f.key() {
			continue
		}
		d := get(ev.Doc)
		d.evidence = append(d.evidence, evNode{node: l.Subject, ev: ev})
	}
	var out []docState
	for doc, d := range byDoc {
		if f.doc != "" && doc != f.doc {
			continue
		}
		sort.Slice(d.evidence, func(i, j int) bool { return nodeID(d.evidence[i].node) < nodeID(d.evidence[j].node) })
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].doc < out[j].doc })
	if len(out) == 0 {
		where := ""
		if f.doc != "" {
			where = " in document " + f.doc
		}
		return nil, fmt.Errorf("edge %s%s: %w", f, where, ErrNotFound)
	}
	return out, nil
}

// curatedEvidence is the quads of a curated evidence node for (s, p, o) in
// doc, citing the sentence of src.
func curatedEvidence(s, p, o quad.Value, doc string, src Evidence) []quad.Quad {
	label := DocIRI(doc)
	ev := evidenceIRI(s, p, o, doc, src.Start, MethodCurated)
	qs := []quad.Quad{
		{Subject: ev, Predicate: PredType, Object: TypeEvidence, Label: label},
		{Subject: ev, Predicate: PredEvSubject, Object: s, Label: label},
		{Subject: ev, Predicate: PredEvPredicate, Object: p, Label: label},
		{Subject: ev, Predicate: PredEvObject, Object: o, Label: label},
		{Subject: ev, Predicate: PredEvDoc, Object: label, Label: label},
		{Subject: ev, Predicate: PredEvSentence, Object: quad.String(src.Sentence), Label: label},
		{Subject: ev, Predicate: PredEvStart, Object: quad.Int(src.Start), Label: label},
		{Subject: ev, Predicate: PredEvEnd, Object: quad.Int(src.End), Label: label},
		{Subject: ev, Predicate: PredEvMethod, Object: quad.String(MethodCurated), Label: label},
		{Subject: ev, Predicate: PredEvConfidence, Object: quad.Float(1), Label: label},
	}
	if src.Qualifier != "" {
		qs = append(qs, quad.Quad{Subject: ev, Predicate: PredEvQualifier, Object: quad.String(src.Qualifier), Label: label})
	}
	if src.Quote {
		qs = append(qs, quad.Quad{Subject: ev, Predicate: PredEvQuote, Object: quad.Bool(true), Label: label})
	}
	return qs
}

func statusQuad(node quad.Value, doc string) quad.Quad {
	return quad.Quad{Subject: node, Predicate: PredEvStatus, Object: quad.String(StatusRejected), Label: docLabel(doc)}
}

func factQuad(f fact, doc string) quad.Quad {
	return quad.Quad{Subject: f.s, Predicate: f.p, Object: f.o, Label: docLabel(doc)}
}

// docLabel is the label of a document's quads: <doc/ID>, or none for "".
func docLabel(doc string) quad.Value {
	if doc == "" {
		return nil
	}
	return DocIRI(doc)
}

// targets are the entities a fact action touches: its subject, and its
// object when that is a node.
func (f fact) targets() []quad.Value {
	if isNode(f.o) {
		return []quad.Value{f.s, f.o}
	}
	return []quad.Value{f.s}
}

// Accept confirms an extracted fact: in each of its documents (or in r.Doc)
// it gains a curated evidence node citing the extractor's sentence, so it
// is drawn as confirmed, is exported as curated and survives re-extraction.
// A rejected fact is put back. ErrNotFound if the fact is in no document;
// ErrInvalid if it is already curated everywhere asked or has no sentence
// to cite.
func (s *Store) Accept(ctx context.Context, actor string, r FactRef) (AuditEntry, error) {
	f, err := parseFactRef(r)
	if err != nil {
		return AuditEntry{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	states, err := s.factStates(ctx, f)
	if err != nil {
		return AuditEntry{}, err
	}
	var remove, add []quad.Quad
	var before, after []FactStatus
	for _, d := range states {
		st := d.status()
		if st == StatusCurated {
			continue
		}
		src, ok := d.source()
		if !ok {
			return AuditEntry{}, fmt.Errorf("%w: edge %s in %s has no evidence sentence to cite: a curated fact needs one", ErrInvalid, f, d.doc)
		}
		r, a := acceptQuads(f, d, src)
		remove, add = append(remove, r...), append(add, a...)
		before = append(before, f.status(d.doc, st, src.Sentence))
		after = append(after, f.status(d.doc, StatusCurated, src.Sentence))
		// A curated claim keeps only curated words: accept its words too.
		if f.p == PredicateIRI(extract.PredStated) && isNode(f.o) {
			r, a, b, af, err := s.acceptClaimText(ctx, f.o, d.doc)
			if err != nil {
				return AuditEntry{}, err
			}
			remove, add = append(remove, r...), append(add, a...)
			before, after = append(before, b...), append(after, af...)
		}
	}
	if len(before) == 0 {
		return AuditEntry{}, fmt.Errorf("%w: edge %s is already curated", ErrInvalid, f)
	}
	return s.commit(remove, add, audit{
		actor: actor, action: ActionAccept, targets: f.targets(),
		summary: fmt.Sprintf("accepted %s (%s)", f, docList(before)),
		before:  before, after: after,
	})
}

// acceptQuads confirms a fact in one document: a curated evidence node and,
// for a rejected fact, its quad back and its rejection marks gone.
func acceptQuads(f fact, d docState, src Evidence) (remove, add []quad.Quad) {
	add = append(add, factQuad(f, d.doc))
	add = append(add, curatedEvidence(f.s, f.p, f.o, d.doc, src)...)
	for _, e := range d.evidence {
		if e.ev.Status != "" {
			remove = append(remove, quad.Quad{Subject: e.node, Predicate: PredEvStatus, Object: quad.String(e.ev.Status), Label: docLabel(d.doc)})
		}
	}
	return remove, add
}

// acceptClaimText accepts the extracted words of a claim in one document.
// The caller holds s.mu.
func (s *Store) acceptClaimText(ctx context.Context, claim quad.Value, doc string) (remove, add []quad.Quad, before, after []FactStatus, err error) {
	texts, err := s.quadsWith(ctx, quad.Subject, claim, PredicateIRI(extract.PredText))
	if err != nil {
		return nil, nil, nil, nil, err
	}
	for _, q := range texts {
		if docIDOf(q.Label) != doc {
			continue
		}
		tf := fact{s: claim, p: q.Predicate, o: q.Object, doc: doc}
		states, err := s.factStates(ctx, tf)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		for _, d := range states {
			st := d.status()
			src, ok := d.source()
			if st != StatusExtracted || !ok {
				continue
			}
			r, a := acceptQuads(tf, d, src)
			remove, add = append(remove, r...), append(add, a...)
			before = append(before, tf.status(d.doc, st, src.Sentence))
			after = append(after, tf.status(d.doc, StatusCurated, src.Sentence))
		}
	}
	return remove, add, before, after, nil
}

// Reject takes a fact out of the graph in each of its documents (or in
// r.Doc): its quad goes, so queries and the explorer no longer see it, and
// its evidence is kept, marked rejected, so that extracting the document
// again does not bring it back. Accept puts it back. ErrNotFound if the fact
// is in no document; ErrInvalid if it is already rejected.
func (s *Store) Reject(ctx context.Context, actor string, r FactRef) (AuditEntry, error) {
	f, err := parseFactRef(r)
	if err != nil {
		return AuditEntry{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	states, err := s.factStates(ctx, f)
	if err != nil {
		return AuditEntry{}, err
	}
	var remove, add []quad.Quad
	var before, after []FactStatus
	for _, d := range states {
		st := d.status()
		if st == StatusRejected || st == StatusAbsent {
			continue
		}
		rm, a := rejectQuads(f, d)
		remove, add = append(remove, rm...), append(add, a...)
		src, _ := d.source()
		before = append(before, f.status(d.doc, st, src.Sentence))
		after = append(after, f.status(d.doc, StatusRejected, src.Sentence))
	}
	if len(before) == 0 {
		return AuditEntry{}, fmt.Errorf("%w: edge %s is already rejected", ErrInvalid, f)
	}
	return s.commit(remove, add, audit{
		actor: actor, action: ActionReject, targets: f.targets(),
		summary: fmt.Sprintf("rejected %s (%s)", f, docList(before)),
		before:  before, after: after,
	})
}

// rejectQuads takes a fact out of one document and marks its evidence.
func rejectQuads(f fact, d docState) (remove, add []quad.Quad) {
	remove = append(remove, factQuad(f, d.doc))
	for _, e := range d.evidence {
		add = append(add, statusQuad(e.node, d.doc))
	}
	return remove, add
}

// EditObject replaces a fact's object with newObject in each of its
// documents (or in r.Doc): the old fact is rejected (so re-extraction does
// not bring it back) and the new one added as curated, citing the same
// sentence. newObject is a node id, or for a literal-valued predicate
// (text, role, attack_date, killed) a literal in N-Quads form or plain text.
// ErrNotFound if the fact, or the new object's node, is not in the graph.
func (s *Store) EditObject(ctx context.Context, actor string, r FactRef, newObject string) (AuditEntry, error) {
	f, err := parseFactRef(r)
	if err != nil {
		return AuditEntry{}, err
	}
	obj, err := parseNewObject(f.p, newObject)
	if err != nil {
		return AuditEntry{}, err
	}
	if obj == f.o {
		return AuditEntry{}, fmt.Errorf("%w: new_object: it is the fact's object already", ErrInvalid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if isNode(obj) {
		if ok, err := s.exists(ctx, obj); err != nil {
			return AuditEntry{}, err
		} else if !ok {
			return AuditEntry{}, fmt.Errorf("new_object: node %s: %w", nodeID(obj), ErrNotFound)
		}
	}
	states, err := s.factStates(ctx, f)
	if err != nil {
		return AuditEntry{}, err
	}
	nf := fact{s: f.s, p: f.p, o: obj, doc: f.doc}
	var remove, add []quad.Quad
	var before, after []FactStatus
	for _, d := range states {
		st := d.status()
		if st == StatusRejected || st == StatusAbsent {
			continue
		}
		rm, a := rejectQuads(f, d)
		remove, add = append(remove, rm...), append(add, a...)
		add = append(add, factQuad(nf, d.doc))
		src, ok := d.source()
		if ok {
			add = append(add, curatedEvidence(nf.s, nf.p, nf.o, d.doc, src)...)
		}
		before = append(before, f.status(d.doc, st, src.Sentence))
		after = append(after, f.status(d.doc, StatusRejected, src.Sentence))
		newSt := StatusCurated
		if !ok {
			newSt = StatusRaw
		}
		after = append(after, nf.status(d.doc, newSt, src.Sentence))
	}
	if len(before) == 0 {
		return AuditEntry{}, fmt.Errorf("%w: edge %s is rejected: accept it before editing it", ErrInvalid, f)
	}
	targets := f.targets()
	if isNode(obj) {
		targets = append(targets, obj)
	}
	return s.commit(remove, add, audit{
		actor: actor, action: ActionEdit, targets: targets,
		summary: fmt.Sprintf("edited %s: object %s → %s (%s)", f, nodeID(f.o), nodeID(obj), docList(before)),
		before:  before, after: after,
	})
}

// parseNewObject reads an edit's new object for predicate p.
func parseNewObject(p quad.Value, text string) (quad.Value, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return nil, fmt.Errorf("%w: new_object: required", ErrInvalid)
	}
	pred := predLabel(p)
	if extract.LiteralPredicates[pred] {
		var v quad.Value = quad.String(t)
		if strings.HasPrefix(t, `"`) {
			var err error
			if v, err = parseTerm("new_object", t); err != nil {
				return nil, err
			}
		}
		if pred == extract.PredKilled {
			n, err := strconv.Atoi(literalText(v))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%w: new_object: killed wants a whole number, got %q", ErrInvalid, text)
			}
			v = quad.Int(n)
		}
		return v, nil
	}
	v, err := parseTerm("new_object", t)
	if err != nil {
		return nil, err
	}
	if extract.IsPredicate(pred) && !isNode(v) {
		return nil, fmt.Errorf("%w: new_object: %s takes a node such as <person/james-clapper>, got %q", ErrInvalid, pred, text)
	}
	return v, nil
}

// docList names the documents of an action's facts for its summary.
func docList(st []FactStatus) string {
	var docs []string
	seen := map[string]bool{}
	for _, s := range st {
		if !seen[s.Doc] {
			seen[s.Doc] = true
			docs = append(docs, s.Doc)
		}
	}
	if len(docs) == 1 {
		return "in " + docs[0]
	}
	return "in " + strings.Join(docs, ", ")
}

// Merge merges entity from into entity into: every quad with from as its
// subject or object moves to into, from's name and aliases become into's
// aliases (into's own name is one too), and from is left with its history
// only. Both must be entities of the same type, and not articles. The audit entry records every quad of from and every quad the
// merge added, so Unmerge can take it back exactly.
func (s *Store) Merge(ctx context.Context, actor, into, from string) (AuditEntry, error) {
	a, err := parseNodeID("into", into)
	if err != nil {
		return AuditEntry{}, err
	}
	b, err := parseNodeID("from", from)
	if err != nil {
		return AuditEntry{}, err
	}
	if a == b {
		return AuditEntry{}, fmt.Errorf("%w: from: an entity cannot be merged into itself", ErrInvalid)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	typeA, err := s.entityType(ctx, "into", a)
	if err != nil {
		return AuditEntry{}, err
	}
	typeB, err := s.entityType(ctx, "from", b)
	if err != nil {
		return AuditEntry{}, err
	}
	if typeA != typeB {
		return AuditEntry{}, fmt.Errorf("%w: from: %s is a %s and %s a %s: merge entities of one type", ErrInvalid, nodeID(b), typeName(typeB), nodeID(a), typeName(typeA))
	}
	for field, v := range map[string]quad.Value{"into": a, "from": b} {
		if text, err := s.objects(ctx, v, PredContent); err != nil {
			return AuditEntry{}, err
		} else if len(text) > 0 {
			return AuditEntry{}, fmt.Errorf("%w: %s: %s is an article: articles cannot be merged", ErrInvalid, field, nodeID(v))
		}
	}
	moved, err := s.entityQuadsOf(ctx, b)
	if err != nil {
		return AuditEntry{}, err
	}
	have, err := s.quadSetAround(ctx, a)
	if err != nil {
		return AuditEntry{}, err
	}
	var added []quad.Quad
	addNew := func(q quad.Quad) {
		if !have[q] {
			have[q] = true
			added = append(added, q)
		}
	}
	if name, err := s.firstString(ctx, a, PredName); err != nil {
		return AuditEntry{}, err
	} else if name != "" {
		addNew(quad.Quad{Subject: a, Predicate: PredAlias, Object: quad.String(name)})
	}
	for _, q := range moved {
		addNew(rewriteMerge(q, a, b))
	}
	before := MergeState{Into: nodeID(a), From: nodeID(b), Quads: nquadLines(moved)}
	after := MergeState{Into: nodeID(a), From: nodeID(b), Quads: nquadLines(added)}
	return s.commit(moved, added, audit{
		actor: actor, action: ActionMerge, targets: []quad.Value{a, b},
		summary: fmt.Sprintf("merged %s into %s (%d quads moved)", nodeID(b), nodeID(a), len(moved)),
		before:  before, after: after,
	})
}

// Unmerge takes back the latest merge of from (into into, when given): the
// quads the merge added go and from's own quads come back, exactly, when
// nothing has changed since. A quad the merge added that is gone since (the
// article was extracted again, say) is left out, and so is the quad of from
// it came from; the documents of such quads are then extracted again, now
// that the two entities are apart, so that their facts go back to whichever
// entity the article names.
func (s *Store) Unmerge(ctx context.Context, actor, into, from string) (AuditEntry, error) {
	e, stale, err := s.unmerge(ctx, actor, into, from)
	if err != nil || len(stale) == 0 {
		return e, err
	}
	if _, err := s.extractDocs(ctx, stale); err != nil {
		return e, fmt.Errorf("unmerged, but extracting %s again: %w", strings.Join(stale, ", "), err)
	}
	return e, nil
}

// unmerge does Unmerge's transaction and returns the documents whose quads
// changed since the merge.
func (s *Store) unmerge(ctx context.Context, actor, into, from string) (AuditEntry, []string, error) {
	b, err := parseNodeID("from", from)
	if err != nil {
		return AuditEntry{}, nil, err
	}
	var a quad.Value
	if strings.TrimSpace(into) != "" {
		if a, err = parseNodeID("into", into); err != nil {
			return AuditEntry{}, nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	merge, err := s.activeMerge(ctx, a, b)
	if err != nil {
		return AuditEntry{}, nil, err
	}
	var before, after MergeState
	if err := json.Unmarshal(merge.Before, &before); err != nil {
		return AuditEntry{}, nil, fmt.Errorf("read merge %s: %w", merge.ID, err)
	}
	if err := json.Unmarshal(merge.After, &after); err != nil {
		return AuditEntry{}, nil, fmt.Errorf("read merge %s: %w", merge.ID, err)
	}
	a, err = parseNodeID("into", before.Into)
	if err != nil {
		return AuditEntry{}, nil, err
	}
	orig, err := parseNQuadLines(before.Quads)
	if err != nil {
		return AuditEntry{}, nil, fmt.Errorf("read merge %s: %w", merge.ID, err)
	}
	added, err := parseNQuadLines(after.Quads)
	if err != nil {
		return AuditEntry{}, nil, fmt.Errorf("read merge %s: %w", merge.ID, err)
	}
	have, err := s.quadSetAround(ctx, a)
	if err != nil {
		return AuditEntry{}, nil, err
	}
	wasAdded := map[quad.Quad]bool{}
	var remove []quad.Quad
	for _, q := range added {
		wasAdded[q] = true
		if have[q] {
			remove = append(remove, q)
		}
	}
	var restore []quad.Quad
	staleDocs := map[string]bool{}
	for _, q := range orig {
		if m := rewriteMerge(q, a, b); wasAdded[m] && !have[m] {
			if d := docIDOf(q.Label); d != "" {
				staleDocs[d] = true
			}
			continue // gone since the merge
		}
		restore = append(restore, q)
	}
	var stale []string
	for d := range staleDocs {
		stale = append(stale, d)
	}
	sort.Strings(stale)
	mergeIRI, err := parseNodeID("merge", merge.ID)
	if err != nil {
		return AuditEntry{}, nil, err
	}
	summary := fmt.Sprintf("unmerged %s from %s (%d quads restored)", nodeID(b), nodeID(a), len(restore))
	if len(stale) > 0 {
		summary += fmt.Sprintf("; %d changed since the merge, re-extracted from %s", len(orig)-len(restore), strings.Join(stale, ", "))
	}
	e, err := s.commit(remove, restore, audit{
		actor: actor, action: ActionUnmerge, targets: []quad.Value{a, b}, undoes: mergeIRI, summary: summary,
		before: MergeState{Into: nodeID(a), From: nodeID(b), Quads: nquadLines(remove)},
		after:  MergeState{Into: nodeID(a), From: nodeID(b), Quads: nquadLines(restore)},
	})
	return e, stale, err
}

// activeMerge finds the latest merge of b (into a, if a is set) that no
// unmerge took back. The caller holds s.mu.
func (s *Store) activeMerge(ctx context.Context, a, b quad.Value) (AuditEntry, error) {
	links, err := s.quadsWith(ctx, quad.Object, b, PredAuditTarget)
	if err != nil {
		return AuditEntry{}, err
	}
	nodes := make([]quad.Value, 0, len(links))
	for _, l := range links {
		nodes = append(nodes, l.Subject)
	}
	entries, err := s.readAudits(ctx, nodes)
	if err != nil {
		return AuditEntry{}, err
	}
	for _, e := range entries { // newest first
		if e.Action != ActionMerge || e.UndoneBy != "" {
			continue
		}
		var st MergeState
		if err := json.Unmarshal(e.Before, &st); err != nil || st.From != nodeID(b) {
			continue
		}
		if a != nil && st.Into != nodeID(a) {
			continue
		}
		return e, nil
	}
	what := nodeID(b)
	if a != nil {
		what += " into " + nodeID(a)
	}
	return AuditEntry{}, fmt.Errorf("from: no merge of %s to undo: %w", what, ErrNotFound)
}

// rewriteMerge is where a merge of b into a moves quad q: b becomes a, and
// b's name becomes one of a's aliases.
func rewriteMerge(q quad.Quad, a, b quad.Value) quad.Quad {
	if q.Subject == b {
		q.Subject = a
		if q.Predicate == PredName {
			q.Predicate = PredAlias
		}
	}
	if q.Object == b {
		q.Object = a
	}
	return q
}

// entityType returns the <type> of an entity that may be merged, or
// ErrNotFound / ErrInvalid naming field. The caller holds s.mu.
func (s *Store) entityType(ctx context.Context, field string, v quad.Value) (quad.Value, error) {
	types, err := s.objects(ctx, v, PredType)
	if err != nil {
		return nil, err
	}
	if len(types) == 0 {
		if ok, err := s.exists(ctx, v); err != nil {
			return nil, err
		} else if ok {
			return nil, fmt.Errorf("%w: %s: %s has no <type>: only entities can be merged", ErrInvalid, field, nodeID(v))
		}
		return nil, fmt.Errorf("%s: node %s: %w", field, nodeID(v), ErrNotFound)
	}
	return types[0], nil
}

// entityQuadsOf lists every quad with v as its subject or object, except
// the audit log's. The caller holds s.mu.
func (s *Store) entityQuadsOf(ctx context.Context, v quad.Value) ([]quad.Quad, error) {
	var out []quad.Quad
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		qs, err := s.quadsWith(ctx, d, v, nil)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if !auditPredicates[q.Predicate] {
				out = append(out, q)
			}
		}
	}
	out = dedupe(out)
	sort.Slice(out, func(i, j int) bool { return out[i].NQuad() < out[j].NQuad() })
	return out, nil
}

// quadSetAround is the set of quads with v as subject or object. The caller
// holds s.mu.
func (s *Store) quadSetAround(ctx context.Context, v quad.Value) (map[quad.Quad]bool, error) {
	qs, err := s.entityQuadsOf(ctx, v)
	if err != nil {
		return nil, err
	}
	set := make(map[quad.Quad]bool, len(qs))
	for _, q := range qs {
		set[q] = true
	}
	return set, nil
}

func nquadLines(qs []quad.Quad) []string {
	out := make([]string, 0, len(qs))
	for _, q := range qs {
		out = append(out, q.NQuad())
	}
	return out
}

// parseNQuadLines reads quads back from nquadLines, typed literals (numbers,
// booleans) as the values they were.
func parseNQuadLines(lines []string) ([]quad.Quad, error) {
	out := make([]quad.Quad, 0, len(lines))
	for _, l := range lines {
		q, err := nquads.Parse(l)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", l, err)
		}
		q.Subject, q.Predicate, q.Object, q.Label = native(q.Subject), native(q.Predicate), native(q.Object), native(q.Label)
		out = append(out, q)
	}
	return out, nil
}

func native(v quad.Value) quad.Value {
	if ts, ok := v.(quad.TypedString); ok {
		if n, err := ts.ParseValue(); err == nil {
			return n
		}
	}
	return v
}

// splitRejected takes the rejected evidence out of a document's extracted
// evidence (so re-extraction leaves it in place) and returns the facts a
// curator rejected in the document, which re-extraction must not bring
// back. Used by storeExtracted.
func splitRejected(extracted, curated []docFact) ([]docFact, map[[3]quad.Value]bool) {
	rejected := map[[3]quad.Value]bool{}
	kept := extracted[:0:0]
	for _, d := range extracted {
		if d.ev.Status == StatusRejected {
			rejected[d.fact] = true
			continue
		}
		kept = append(kept, d)
	}
	for _, d := range curated {
		if d.ev.Status == StatusRejected {
			rejected[d.fact] = true
		}
	}
	return kept, rejected
}
