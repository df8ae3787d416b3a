// Package graph is newsgraph's knowledge graph: the only package that talks
// to Cayley. It opens stores (memory, bolt, PostgreSQL), defines the schema
// (entity IRIs, predicates, evidence nodes), loads curated, extracted and
// N-Quads data all-or-nothing per file, runs Cayley queries, and offers the
// domain API the web layer calls (search, neighbours, paths, evidence).
package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"      // registers "bolt"
	_ "github.com/cayleygraph/cayley/graph/memstore"     // registers "memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers "postgres"
	_ "github.com/cayleygraph/cayley/writer"             // registers "single"
	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// Sentinel errors, checked with errors.Is.
var (
	// ErrNotFound: the node, edge, document or language asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the input is malformed or breaks a schema rule.
	ErrInvalid = extract.ErrInvalid
	// ErrTimeout: a query ran past its deadline.
	ErrTimeout = errors.New("query timed out: it ran past its deadline (see --query-timeout)")
)

// Invalidf formats an error that errors.Is reports as ErrInvalid.
var Invalidf = extract.Invalidf

// DefaultDB is the store used when --db is not given.
const DefaultDB = "bolt:./newsgraph-data"

// Store is an open knowledge graph.
//
// Cayley's memory store is not safe for concurrent writes and reads, so every
// read holds mu for reading and every write holds it for writing; the durable
// backends pay only an uncontended lock for this.
type Store struct {
	mu   sync.RWMutex
	qs   cgraph.QuadStore
	qw   cgraph.QuadWriter
	kind string // "memory", "bolt" or "postgres"

	// durable is the backend when qs is an in-memory mirror of it
	// (OpenMirrored); qw then writes to both. nil otherwise.
	durable cgraph.QuadStore

	// noExtract turns off fact extraction from loaded articles.
	noExtract bool
	addr      string

	// gen counts writes; the explorer's caches (explore_cache.go) are
	// valid for one generation.
	gen   atomic.Uint64
	cache exploreCache
}

// Open opens the store named by db: "memory", "bolt:PATH" or a
// "postgres://…" connection string. A bolt or PostgreSQL store that does not
// exist yet is created. Reads go straight to the backend; see OpenMirrored
// for serving.
func Open(ctx context.Context, db string) (*Store, error) {
	kind, backend, addr, err := parseDB(db)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch kind {
	case "bolt":
		if err := os.MkdirAll(addr, 0o755); err != nil {
			return nil, fmt.Errorf("open %s: %w", db, err)
		}
		fallthrough
	case "postgres":
		if err := cgraph.InitQuadStore(backend, addr, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return nil, fmt.Errorf("open %s: create store: %w", redact(db), err)
		}
	}
	qs, err := cgraph.NewQuadStore(backend, addr, storeOptions(kind))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", redact(db), err)
	}
	qw, err := cgraph.NewQuadWriter("single", qs, cgraph.Options{"ignore_duplicate": true, "ignore_missing": true})
	if err != nil {
		qs.Close()
		return nil, fmt.Errorf("open %s: writer: %w", redact(db), err)
	}
	return &Store{qs: qs, qw: qw, kind: kind, addr: addr}, nil
}

// storeOptions are the Cayley options a backend opens with. Bolt opens
// with no_bloom: Cayley's kv store otherwise allocates a bloom filter sized
// for 100 million quads at every open and fills it by scanning the whole
// quad log (~190 ms of every start and ~570 MB of a large load, measured in
// docs/benchmarks.md); the filter only speeds up the duplicate check, which
// the indexes answer without it.
func storeOptions(kind string) cgraph.Options {
	if kind == "bolt" {
		return cgraph.Options{"no_bloom": true}
	}
	return nil
}

// OpenMirrored opens a store like Open and, for bolt and PostgreSQL, copies
// it into an in-memory Cayley store that serves every read, while every
// write goes to the durable backend first and then to the copy. Upstream's
// bolt and SQL iterators take seconds on multi-hop queries that memory
// answers in milliseconds (docs/benchmarks.md); the price is memory for a
// second copy of the graph and the time to read it at start.
func OpenMirrored(ctx context.Context, db string) (*Store, error) {
	s, err := Open(ctx, db)
	if err != nil || s.kind == "memory" {
		return s, err
	}
	if err := s.mirror(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// parseDB splits a --db value into our kind, Cayley's backend name and address.
func parseDB(db string) (kind, backend, addr string, err error) {
	switch {
	case db == "memory" || db == "mem":
		return "memory", "memstore", "", nil
	case strings.HasPrefix(db, "bolt:"):
		path := strings.TrimPrefix(db, "bolt:")
		if path == "" {
			return "", "", "", Invalidf("--db %q: bolt needs a directory, as in bolt:./newsgraph-data", db)
		}
		return "bolt", "bolt", path, nil
	case strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://"):
		return "postgres", "postgres", db, nil
	}
	return "", "", "", Invalidf("--db %q: want memory, bolt:PATH or postgres://USER@HOST:PORT/DB", redact(db))
}

// redact hides a password in a connection string.
func redact(db string) string {
	if i := strings.Index(db, "://"); i >= 0 {
		rest := db[i+3:]
		if at := strings.Index(rest, "@"); at >= 0 {
			if colon := strings.Index(rest[:at], ":"); colon >= 0 {
				return db[:i+3] + rest[:colon] + ":***" + rest[at:]
			}
		}
	}
	return db
}

// Kind is "memory", "bolt" or "postgres".
func (s *Store) Kind() string { return s.kind }

// Close closes the store, flushing it to disk or closing connections.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.qw.Close()
	if cerr := s.qs.Close(); err == nil {
		err = cerr
	}
	if s.durable != nil {
		if cerr := s.durable.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// Empty reports whether the store holds no quad.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	has := it.Next(ctx)
	if err := it.Err(); err != nil {
		return false, fmt.Errorf("check empty: %w", err)
	}
	return !has, nil
}

// Stats counts nodes and quads.
type Stats struct {
	Nodes int64 `json:"nodes"`
	Quads int64 `json:"quads"`
	Exact bool  `json:"exact"`
}

// Stats returns the store's node and quad counts.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, err := s.qs.Stats(ctx, true)
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	return Stats{Nodes: st.Nodes.Size, Quads: st.Quads.Size, Exact: st.Quads.Exact && st.Nodes.Exact}, nil
}

// write adds quads in one transaction: all of them or, on error, none.
// Quads already present are skipped, so writing the same set twice adds
// nothing.
func (s *Store) write(ctx context.Context, quads []quad.Quad) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	quads = dedupe(quads)
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.gen.Add(1)
	if err := s.qw.AddQuadSet(quads); err != nil {
		return fmt.Errorf("write %d quads: %w", len(quads), err)
	}
	return nil
}

// replace deletes remove and adds add in one transaction, under the write
// lock the caller holds. A quad in both stays as it is. (Quads that bolt
// would store wrongly in that transaction are added just before it, and
// taken out again if it fails: see curation_kv.go.)
func (s *Store) replace(remove, add []quad.Quad) error {
	remove, add = dedupe(remove), dedupe(add)
	first, add := addsFirst(remove, add)
	defer s.gen.Add(1)
	if len(first) > 0 {
		tx := cgraph.NewTransaction()
		for _, q := range first {
			tx.AddQuad(q)
		}
		if err := s.qw.ApplyTransaction(tx); err != nil {
			return fmt.Errorf("write %d quads: %w", len(first), err)
		}
	}
	tx := cgraph.NewTransaction()
	for _, q := range remove {
		tx.RemoveQuad(q)
	}
	for _, q := range add {
		tx.AddQuad(q)
	}
	if err := s.qw.ApplyTransaction(tx); err != nil {
		if len(first) > 0 {
			undo := cgraph.NewTransaction()
			for _, q := range first {
				undo.RemoveQuad(q)
			}
			_ = s.qw.ApplyTransaction(undo)
		}
		return fmt.Errorf("write %d quads, delete %d: %w", len(first)+len(add), len(remove), err)
	}
	return nil
}

// remove deletes quads in one transaction; missing ones are ignored.
func (s *Store) remove(ctx context.Context, quads []quad.Quad) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tx := cgraph.NewTransaction()
	for _, q := range dedupe(quads) {
		tx.RemoveQuad(q)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.gen.Add(1)
	if err := s.qw.ApplyTransaction(tx); err != nil {
		return fmt.Errorf("delete %d quads: %w", len(quads), err)
	}
	return nil
}

func dedupe(quads []quad.Quad) []quad.Quad {
	seen := make(map[quad.Quad]struct{}, len(quads))
	out := quads[:0:0]
	for _, q := range quads {
		if _, ok := seen[q]; ok {
			continue
		}
		seen[q] = struct{}{}
		out = append(out, q)
	}
	return out
}
