package graph

// The audit log: every curation action (accept, reject, edit, merge,
// unmerge) appends one entry to the graph, in the same transaction as the
// change itself. An entry is a node <audit/ID>:
//
//	<audit/ID> <type>          <AuditEntry>
//	<audit/ID> <audit_actor>   "alice"                 the token's name
//	<audit/ID> <audit_time>    "2026-12-05T07:03:43Z"  RFC 3339, UTC
//	<audit/ID> <audit_action>  "reject"
//	<audit/ID> <audit_summary> "rejected …"            one line for people
//	<audit/ID> <audit_target>  <person/x>              one per entity it touched
//	<audit/ID> <audit_before>  "{…}"                   JSON: the state before
//	<audit/ID> <audit_after>   "{…}"                   JSON: the state after
//	<audit/ID> <audit_undoes>  <audit/ID2>             an unmerge names its merge
//
// IDs sort in time order (a UTC timestamp to the nanosecond, then random
// bits), so the log reads back in the order it was written.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// Predicates and type of audit entries.
const (
	TypeAuditEntry    = quad.IRI("AuditEntry")
	PredAuditActor    = quad.IRI("audit_actor")
	PredAuditTime     = quad.IRI("audit_time")
	PredAuditAction   = quad.IRI("audit_action")
	PredAuditSummary  = quad.IRI("audit_summary")
	PredAuditTarget   = quad.IRI("audit_target")
	PredAuditBefore   = quad.IRI("audit_before")
	PredAuditAfter    = quad.IRI("audit_after")
	PredAuditUndoes   = quad.IRI("audit_undoes")
	auditPrefix       = "audit/"
	DefaultAuditLimit = 100
	MaxAuditLimit     = 1000
)

// Curation actions, the values of <audit_action>.
const (
	ActionAccept  = "accept"
	ActionReject  = "reject"
	ActionEdit    = "edit"
	ActionMerge   = "merge"
	ActionUnmerge = "unmerge"
)

// auditPredicates describe audit entries; they are never edges, and a merge
// leaves them where they are (an entity's history stays its own).
var auditPredicates = map[quad.Value]bool{
	PredAuditActor: true, PredAuditTime: true, PredAuditAction: true, PredAuditSummary: true,
	PredAuditTarget: true, PredAuditBefore: true, PredAuditAfter: true, PredAuditUndoes: true,
}

func init() {
	// Audit and status predicates describe nodes: keep them off the canvas.
	for p := range auditPredicates {
		schemaPredicates[p] = true
	}
	schemaPredicates[PredEvStatus] = true
}

// isAuditIRI reports whether v names an audit entry.
func isAuditIRI(v quad.IRI) bool { return strings.HasPrefix(string(v), auditPrefix) }

// AuditEntry is one curation action as the log records it.
type AuditEntry struct {
	ID      string   `json:"id"`      // "<audit/…>"
	Actor   string   `json:"actor"`   // the token's name
	Time    string   `json:"time"`    // RFC 3339, UTC
	Action  string   `json:"action"`  // accept, reject, edit, merge, unmerge
	Summary string   `json:"summary"` // one line for people
	Targets []string `json:"targets"` // the entities it touched
	// Before and After are the state it changed, as JSON: for a fact
	// action a list of FactStatus, for a merge or unmerge a MergeState.
	Before json.RawMessage `json:"before"`
	After  json.RawMessage `json:"after"`
	// Undoes is the merge an unmerge took back; UndoneBy the unmerge that
	// took a merge back.
	Undoes   string `json:"undoes,omitempty"`
	UndoneBy string `json:"undone_by,omitempty"`
}

// audit is an entry being written.
type audit struct {
	actor, action, summary string
	targets                []quad.Value
	before, after          any
	undoes                 quad.Value
}

// newAuditIRI names a new entry: a timestamp to the nanosecond, then
// random bits, so IDs sort in time order and never collide.
func newAuditIRI(now time.Time) quad.IRI {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return quad.IRI(auditPrefix + now.UTC().Format("20060102T150405.000000000Z") + "-" + hex.EncodeToString(b[:]))
}

// quads turns an entry into the quads that record it, and describes it as
// it will read back.
func (a audit) quads(now time.Time) ([]quad.Quad, AuditEntry, error) {
	if strings.TrimSpace(a.actor) == "" {
		return nil, AuditEntry{}, fmt.Errorf("%w: actor: required (the token's name)", ErrInvalid)
	}
	before, err := json.Marshal(a.before)
	if err != nil {
		return nil, AuditEntry{}, fmt.Errorf("audit before: %w", err)
	}
	after, err := json.Marshal(a.after)
	if err != nil {
		return nil, AuditEntry{}, fmt.Errorf("audit after: %w", err)
	}
	id := newAuditIRI(now)
	ts := now.UTC().Format(time.RFC3339)
	qs := []quad.Quad{
		{Subject: id, Predicate: PredType, Object: TypeAuditEntry},
		{Subject: id, Predicate: PredAuditActor, Object: quad.String(a.actor)},
		{Subject: id, Predicate: PredAuditTime, Object: quad.String(ts)},
		{Subject: id, Predicate: PredAuditAction, Object: quad.String(a.action)},
		{Subject: id, Predicate: PredAuditSummary, Object: quad.String(a.summary)},
		{Subject: id, Predicate: PredAuditBefore, Object: quad.String(before)},
		{Subject: id, Predicate: PredAuditAfter, Object: quad.String(after)},
	}
	e := AuditEntry{ID: nodeID(id), Actor: a.actor, Time: ts, Action: a.action, Summary: a.summary, Targets: []string{}, Before: before, After: after}
	seen := map[quad.Value]bool{}
	for _, t := range a.targets {
		if t == nil || seen[t] {
			continue
		}
		seen[t] = true
		qs = append(qs, quad.Quad{Subject: id, Predicate: PredAuditTarget, Object: t})
		e.Targets = append(e.Targets, nodeID(t))
	}
	if a.undoes != nil {
		qs = append(qs, quad.Quad{Subject: id, Predicate: PredAuditUndoes, Object: a.undoes})
		e.Undoes = nodeID(a.undoes)
	}
	return qs, e, nil
}

// commit applies one curation action and its audit entry in one
// transaction (see Store.replace). The caller holds s.mu for writing.
func (s *Store) commit(remove, add []quad.Quad, a audit) (AuditEntry, error) {
	aq, e, err := a.quads(time.Now())
	if err != nil {
		return AuditEntry{}, err
	}
	if err := s.replace(remove, append(add, aq...)); err != nil {
		return AuditEntry{}, fmt.Errorf("%s: %w", a.action, err)
	}
	return e, nil
}

// readAudit reads one entry. The caller holds s.mu.
func (s *Store) readAudit(ctx context.Context, node quad.Value) (AuditEntry, error) {
	props, err := s.quadsWith(ctx, quad.Subject, node, nil)
	if err != nil {
		return AuditEntry{}, err
	}
	e := AuditEntry{ID: nodeID(node), Targets: []string{}, Before: json.RawMessage("null"), After: json.RawMessage("null")}
	for _, q := range props {
		switch q.Predicate {
		case PredAuditActor:
			e.Actor = stringOf(q.Object)
		case PredAuditTime:
			e.Time = stringOf(q.Object)
		case PredAuditAction:
			e.Action = stringOf(q.Object)
		case PredAuditSummary:
			e.Summary = stringOf(q.Object)
		case PredAuditTarget:
			e.Targets = append(e.Targets, nodeID(q.Object))
		case PredAuditBefore:
			if raw := stringOf(q.Object); json.Valid([]byte(raw)) {
				e.Before = json.RawMessage(raw)
			}
		case PredAuditAfter:
			if raw := stringOf(q.Object); json.Valid([]byte(raw)) {
				e.After = json.RawMessage(raw)
			}
		case PredAuditUndoes:
			e.Undoes = nodeID(q.Object)
		}
	}
	sort.Strings(e.Targets)
	undone, err := s.quadsWith(ctx, quad.Object, node, PredAuditUndoes)
	if err != nil {
		return AuditEntry{}, err
	}
	if len(undone) > 0 {
		e.UndoneBy = nodeID(undone[0].Subject)
	}
	return e, nil
}

// readAudits reads entries, newest first. The caller holds s.mu.
func (s *Store) readAudits(ctx context.Context, nodes []quad.Value) ([]AuditEntry, error) {
	out := make([]AuditEntry, 0, len(nodes))
	seen := map[quad.Value]bool{}
	for _, n := range nodes {
		if seen[n] {
			continue
		}
		seen[n] = true
		e, err := s.readAudit(ctx, n)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID > out[j].ID })
	return out, nil
}

// History returns the audit entries that touched a node, newest first:
// what was accepted, rejected or edited about it, and what was merged into
// it or out of it. A node merged away keeps its history. ErrNotFound if
// the graph has neither the node nor any history of it.
func (s *Store) History(ctx context.Context, id string) ([]AuditEntry, error) {
	v, err := parseNodeID("node", id)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	links, err := s.quadsWith(ctx, quad.Object, v, PredAuditTarget)
	if err != nil {
		return nil, err
	}
	if len(links) == 0 {
		if ok, err := s.exists(ctx, v); err != nil {
			return nil, err
		} else if !ok {
			return nil, fmt.Errorf("node %s: %w", id, ErrNotFound)
		}
	}
	nodes := make([]quad.Value, 0, len(links))
	for _, l := range links {
		nodes = append(nodes, l.Subject)
	}
	return s.readAudits(ctx, nodes)
}

// AuditLog returns the whole log, newest first: limit entries (default
// 100, at most 1000) from offset.
func (s *Store) AuditLog(ctx context.Context, limit, offset int) ([]AuditEntry, error) {
	if limit == 0 {
		limit = DefaultAuditLimit
	}
	if limit < 1 || limit > MaxAuditLimit {
		return nil, fmt.Errorf("%w: limit: want 1 to %d, got %d", ErrInvalid, MaxAuditLimit, limit)
	}
	if offset < 0 {
		return nil, fmt.Errorf("%w: offset: want 0 or more, got %d", ErrInvalid, offset)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	typed, err := s.quadsWith(ctx, quad.Object, TypeAuditEntry, PredType)
	if err != nil {
		return nil, err
	}
	nodes := make([]quad.Value, 0, len(typed))
	for _, q := range typed {
		nodes = append(nodes, q.Subject)
	}
	// IDs sort in time order: page by ID before reading the entries.
	sort.Slice(nodes, func(i, j int) bool { return nodeID(nodes[i]) > nodeID(nodes[j]) })
	if offset >= len(nodes) {
		return []AuditEntry{}, nil
	}
	nodes = nodes[offset:]
	if len(nodes) > limit {
		nodes = nodes[:limit]
	}
	return s.readAudits(ctx, nodes)
}

// exists reports whether any quad mentions v as subject or object. The
// caller holds s.mu.
func (s *Store) exists(ctx context.Context, v quad.Value) (bool, error) {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return false, nil
	}
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		it := s.qs.QuadIterator(d, ref)
		has := it.Next(ctx)
		err := it.Err()
		it.Close()
		if err != nil {
			return false, fmt.Errorf("read %s: %w", v, err)
		}
		if has {
			return true, nil
		}
	}
	return false, nil
}
