package graph

// A work-around for Cayley's key-value backends (bolt), used by
// Store.replace.
//
// graph/kv's ApplyDeltas sums each node's reference count over the whole
// transaction, creates or resolves only the nodes whose count goes up, and
// then writes every added quad with the nodes it resolved: a quad with a node
// whose count the transaction takes down is written without that node (it
// reads back with a nil predicate, say). That happens whenever one
// transaction removes more quads of a node than it adds: extracting an
// edited article again (the <type> predicate), merging an entity away (the
// audit entry's link to it). Such quads go in a transaction of their own,
// before the one that removes.

import "github.com/cayleygraph/quad"

// addsFirst splits add into the quads that must be written before the
// transaction that removes remove (those with a node whose count that
// transaction would take down) and the rest. A quad in both add and remove
// cancels out in a transaction and stays in rest.
func addsFirst(remove, add []quad.Quad) (first, rest []quad.Quad) {
	if len(remove) == 0 {
		return nil, add
	}
	removed := make(map[quad.Quad]bool, len(remove))
	for _, q := range remove {
		removed[q] = true
	}
	added := make(map[quad.Quad]bool, len(add))
	for _, q := range add {
		added[q] = true
	}
	net := map[quad.Value]int{}
	count := func(q quad.Quad, d int) {
		for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v != nil {
				net[v] += d
			}
		}
	}
	rest = add
	for {
		clear(net)
		for _, q := range remove {
			if !added[q] {
				count(q, -1)
			}
		}
		for _, q := range rest {
			if !removed[q] {
				count(q, +1)
			}
		}
		var keep []quad.Quad
		moved := false
		for _, q := range rest {
			if !removed[q] && (net[q.Subject] < 0 || net[q.Predicate] < 0 || net[q.Object] < 0 || (q.Label != nil && net[q.Label] < 0)) {
				first = append(first, q)
				moved = true
				continue
			}
			keep = append(keep, q)
		}
		rest = keep
		if !moved {
			return first, rest
		}
	}
}
