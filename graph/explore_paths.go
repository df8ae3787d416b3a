package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/quad"
)

// Path search limits.
const (
	DefaultPathHops = 4
	MaxPathHops     = 6
	DefaultPaths    = 3
	MaxPaths        = 20
	// PathBudget caps the work of one path search: every quad read while
	// walking the graph counts one. Past it the search returns what it has
	// found, marked Truncated.
	PathBudget = 200_000
)

// PathQuery asks for paths between two nodes.
type PathQuery struct {
	From, To string
	MaxHops  int // default 4, at most 6
	K        int // paths wanted: default 3, at most 20
	// Budget overrides PathBudget (tests); 0 means PathBudget.
	Budget int
}

// PathEdge is one edge of a hop, in its real direction, with its evidence.
type PathEdge struct {
	GraphEdge
	EvidenceList []Evidence `json:"evidence_list"`
}

// PathHop is one step of a path: from one node to the next, with every edge
// that links them (either way).
type PathHop struct {
	From  string     `json:"from"`
	To    string     `json:"to"`
	Edges []PathEdge `json:"edges"`
}

// Path is a sequence of distinct nodes, each linked to the next.
type Path struct {
	Nodes  []string  `json:"nodes"`
	Hops   []PathHop `json:"hops"`
	Length int       `json:"length"`
}

// PathResult answers a PathQuery.
type PathResult struct {
	From      NodeRef   `json:"from"`
	To        NodeRef   `json:"to"`
	Paths     []Path    `json:"paths"` // shortest first
	Nodes     []NodeRef `json:"nodes"` // every node of every path
	MaxHops   int       `json:"max_hops"`
	K         int       `json:"k"`
	Visited   int       `json:"visited"`   // quads read
	Truncated bool      `json:"truncated"` // the budget ran out: there may be more or shorter paths
}

// adjEdge is one relation quad seen from one of its ends.
type adjEdge struct {
	other quad.Value
	q     quad.Quad
}

// pathSearch holds one search's state. The caller holds s.mu.
type pathSearch struct {
	s      *Store
	ctx    context.Context
	adj    map[quad.Value][]adjEdge
	budget int
	used   int
	out    bool // budget exhausted
}

// neighbours returns v's relation edges, both directions, skipping evidence
// nodes and literals, reading them once.
func (ps *pathSearch) neighbours(v quad.Value) ([]adjEdge, error) {
	if a, ok := ps.adj[v]; ok {
		return a, nil
	}
	if ps.used >= ps.budget {
		ps.out = true
		return nil, nil
	}
	var list []adjEdge
	for _, d := range []quad.Direction{quad.Subject, quad.Object} {
		quads, err := ps.s.quadsWith(ps.ctx, d, v, nil)
		if err != nil {
			return nil, err
		}
		ps.used += len(quads) + 1
		for _, q := range quads {
			if !isRelation(q) || q.Subject == q.Object {
				continue
			}
			other := q.Object
			if d == quad.Object {
				other = q.Subject
			}
			list = append(list, adjEdge{other, q})
		}
	}
	ps.adj[v] = list
	return list, nil
}

// Paths finds up to K paths of at most MaxHops hops between two nodes,
// shortest first. Edges count in either direction (each hop reports them in
// their real direction) and evidence nodes and literal values are never
// hops. It runs a bidirectional breadth-first search for the shortest
// distance, lists the shortest paths, then longer ones by a depth-first
// search pruned by the distances found, all within a budget of quads read.
func (s *Store) Paths(ctx context.Context, q PathQuery) (PathResult, error) {
	if q.MaxHops == 0 {
		q.MaxHops = DefaultPathHops
	}
	if q.MaxHops < 1 || q.MaxHops > MaxPathHops {
		return PathResult{}, fmt.Errorf("%w: max_hops: want 1 to %d, got %d", ErrInvalid, MaxPathHops, q.MaxHops)
	}
	if q.K == 0 {
		q.K = DefaultPaths
	}
	if q.K < 1 || q.K > MaxPaths {
		return PathResult{}, fmt.Errorf("%w: k: want 1 to %d, got %d", ErrInvalid, MaxPaths, q.K)
	}
	if q.Budget <= 0 {
		q.Budget = PathBudget
	}
	from, err := parseNodeID("from", q.From)
	if err != nil {
		return PathResult{}, err
	}
	to, err := parseNodeID("to", q.To)
	if err != nil {
		return PathResult{}, err
	}
	if from == to {
		return PathResult{}, fmt.Errorf("%w: to: same node as from", ErrInvalid)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	res := PathResult{Paths: []Path{}, Nodes: []NodeRef{}, MaxHops: q.MaxHops, K: q.K}
	for _, end := range []struct {
		field string
		v     quad.Value
		ref   *NodeRef
	}{{"from", from, &res.From}, {"to", to, &res.To}} {
		out, err := s.quadsWith(ctx, quad.Subject, end.v, nil)
		if err != nil {
			return PathResult{}, err
		}
		if len(out) == 0 {
			in, err := s.quadsWith(ctx, quad.Object, end.v, nil)
			if err != nil {
				return PathResult{}, err
			}
			if len(in) == 0 {
				return PathResult{}, fmt.Errorf("%s: node %s: %w", end.field, nodeID(end.v), ErrNotFound)
			}
		}
		*end.ref = refFromQuads(end.v, out)
	}
	ps := &pathSearch{s: s, ctx: ctx, adj: map[quad.Value][]adjEdge{}, budget: q.Budget}
	seqs, err := ps.find(from, to, q.MaxHops, q.K)
	if err != nil {
		return PathResult{}, err
	}
	res.Visited, res.Truncated = ps.used, ps.out
	seen := map[quad.Value]bool{}
	for _, seq := range seqs {
		p := Path{Length: len(seq) - 1}
		for i, v := range seq {
			p.Nodes = append(p.Nodes, nodeID(v))
			if !seen[v] {
				seen[v] = true
				ref, err := s.nodeRef(ctx, v)
				if err != nil {
					return PathResult{}, err
				}
				res.Nodes = append(res.Nodes, ref)
			}
			if i == 0 {
				continue
			}
			hop, err := ps.hop(seq[i-1], v)
			if err != nil {
				return PathResult{}, err
			}
			p.Hops = append(p.Hops, hop)
		}
		res.Paths = append(res.Paths, p)
	}
	return res, nil
}

// hop lists every edge between a and b with its evidence.
func (ps *pathSearch) hop(a, b quad.Value) (PathHop, error) {
	hop := PathHop{From: nodeID(a), To: nodeID(b)}
	es := newEdgeSet()
	for _, e := range ps.adj[a] {
		if e.other == b {
			es.add(e.q)
		}
	}
	for _, a := range es.edges() {
		evs, err := ps.s.evidence(ps.ctx, a.s, a.p, a.o)
		if err != nil {
			return PathHop{}, err
		}
		var sum *evSummary
		for _, ev := range evs {
			if sum == nil {
				sum = &evSummary{max: ev.Confidence, methods: map[string]bool{}, docs: map[string]bool{}}
			}
			sum.n++
			sum.max = max(sum.max, ev.Confidence)
			sum.methods[ev.Method] = true
			if ev.Doc != "" {
				sum.docs[ev.Doc] = true
			}
		}
		if evs == nil {
			evs = []Evidence{}
		}
		hop.Edges = append(hop.Edges, PathEdge{GraphEdge: makeEdge(a, sum), EvidenceList: evs})
	}
	return hop, nil
}

// find returns up to k simple paths (node sequences) from src to dst of at
// most maxHops hops, shortest first.
func (ps *pathSearch) find(src, dst quad.Value, maxHops, k int) ([][]quad.Value, error) {
	// 1. Bidirectional BFS, expanding the smaller frontier one whole layer
	// at a time, until the two balls meet.
	ds := map[quad.Value]int{src: 0}
	dt := map[quad.Value]int{dst: 0}
	fs, ft := []quad.Value{src}, []quad.Value{dst}
	ra, rb := 0, 0
	d := -1
	for ra+rb < maxHops && len(fs) > 0 && len(ft) > 0 && !ps.out {
		expandSource := len(fs) <= len(ft)
		frontier, mine, theirs := fs, ds, dt
		if !expandSource {
			frontier, mine, theirs = ft, dt, ds
		}
		layer := ra + 1
		if !expandSource {
			layer = rb + 1
		}
		var next []quad.Value
		met := false
		for _, v := range frontier {
			adj, err := ps.neighbours(v)
			if err != nil {
				return nil, err
			}
			for _, e := range adj {
				if _, ok := mine[e.other]; ok {
					continue
				}
				mine[e.other] = layer
				next = append(next, e.other)
				if _, ok := theirs[e.other]; ok {
					met = true
				}
			}
		}
		if expandSource {
			fs, ra = next, layer
		} else {
			ft, rb = next, layer
		}
		if met {
			d = ra + rb
			break
		}
	}
	if d < 0 {
		return nil, nil
	}
	var paths [][]quad.Value
	// Listing the shortest paths reads a few more nodes: let it, even when
	// the search used most of the budget.
	if spare := ps.budget / 4; ps.budget-ps.used < spare {
		ps.budget = ps.used + spare
	}
	// 2. Every shortest path: a node at position j has ds = j (when j ≤ ra)
	// and dt = d - j (when j ≥ ra).
	onShortest := func(u quad.Value, j int) bool {
		if j <= ra {
			if x, ok := ds[u]; !ok || x != j {
				return false
			}
		}
		if d-j <= rb {
			if x, ok := dt[u]; !ok || x != d-j {
				return false
			}
		}
		return true
	}
	dead := map[quad.Value]bool{}
	path := []quad.Value{src}
	var shortest func(v quad.Value) (bool, error)
	shortest = func(v quad.Value) (bool, error) {
		if len(paths) >= k {
			return true, nil
		}
		j := len(path) - 1
		if v == dst {
			paths = append(paths, append([]quad.Value(nil), path...))
			return true, nil
		}
		adj, err := ps.neighbours(v)
		if err != nil {
			return false, err
		}
		found := false
		for _, u := range distinctOthers(adj) {
			if dead[u] || !onShortest(u, j+1) {
				continue
			}
			path = append(path, u)
			ok, err := shortest(u)
			path = path[:len(path)-1]
			if err != nil {
				return false, err
			}
			if ok {
				found = true
			} else {
				dead[u] = true
			}
			if len(paths) >= k {
				break
			}
		}
		return found, nil
	}
	if _, err := shortest(src); err != nil {
		return nil, err
	}
	// 3. Longer paths, by length: a depth-first search that only steps to
	// nodes from which dst can still be reached in time. Distances to dst
	// are known within radius rb; anything outside is at least rb+1 away.
	lowerBound := func(u quad.Value) int {
		if x, ok := dt[u]; ok {
			return x
		}
		return rb + 1
	}
	onPath := map[quad.Value]bool{src: true}
	var longer func(v quad.Value, L int) error
	longer = func(v quad.Value, L int) error {
		if len(paths) >= k || ps.out {
			return nil
		}
		j := len(path) - 1
		if v == dst {
			if j == L {
				paths = append(paths, append([]quad.Value(nil), path...))
			}
			return nil
		}
		ps.used++
		if ps.used >= ps.budget {
			ps.out = true
			return nil
		}
		adj, err := ps.neighbours(v)
		if err != nil {
			return err
		}
		for _, u := range distinctOthers(adj) {
			if onPath[u] || j+1+lowerBound(u) > L {
				continue
			}
			if u == dst && j+1 != L {
				continue
			}
			onPath[u] = true
			path = append(path, u)
			err := longer(u, L)
			path = path[:len(path)-1]
			delete(onPath, u)
			if err != nil || len(paths) >= k {
				return err
			}
		}
		return nil
	}
	for L := d + 1; L <= maxHops && len(paths) < k && !ps.out; L++ {
		path = []quad.Value{src}
		if err := longer(src, L); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// distinctOthers lists the neighbours in adj once each, in a stable order.
func distinctOthers(adj []adjEdge) []quad.Value {
	seen := make(map[quad.Value]bool, len(adj))
	out := make([]quad.Value, 0, len(adj))
	for _, e := range adj {
		if !seen[e.other] {
			seen[e.other] = true
			out = append(out, e.other)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return quad.StringOf(out[i]) < quad.StringOf(out[j]) })
	return out
}
