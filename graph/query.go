package graph

import (
	"context"
	"errors"
	"strings"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo" // registers "gizmo"
	"github.com/cayleygraph/cayley/query/graphql"
	_ "github.com/cayleygraph/cayley/query/mql" // registers "mql"
)

// QueryLanguages are the languages Query accepts.
var QueryLanguages = []string{"gizmo", "graphql", "mql"}

// QueryResult is what a query returns. Gizmo and MQL give Results (a list,
// nil when nothing matched, as Cayley answers); GraphQL gives Data.
type QueryResult struct {
	Results []any
	Data    map[string]any
}

// Query runs a query in one of Cayley's languages with Cayley's JSON
// collation. limit caps the results (≤ 0: no cap). ctx's deadline interrupts
// a running query (Gizmo's JavaScript VM included) and yields ErrTimeout.
// A parse or runtime error of the query wraps ErrInvalid; an unknown
// language wraps ErrInvalid too.
func (s *Store) Query(ctx context.Context, lang, src string, limit int) (*QueryResult, error) {
	l := query.GetLanguage(lang)
	if l == nil {
		return nil, Invalidf("unknown query language %q (want one of %s)", lang, strings.Join(QueryLanguages, ", "))
	}
	if strings.TrimSpace(src) == "" {
		return nil, Invalidf("query is empty")
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if lang == graphql.Name {
		q, err := graphql.Parse(strings.NewReader(src))
		if err != nil {
			return nil, queryError(ctx, err)
		}
		m, err := q.Execute(ctx, s.qs)
		if err != nil {
			return nil, queryError(ctx, err)
		}
		return &QueryResult{Data: m}, nil
	}
	it, err := query.Execute(ctx, s.qs, lang, src, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return nil, queryError(ctx, err)
	}
	defer it.Close()
	res := &QueryResult{}
	for it.Next(ctx) {
		res.Results = append(res.Results, it.Result())
	}
	if err := it.Err(); err != nil {
		return nil, queryError(ctx, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, queryError(ctx, err)
	}
	return res, nil
}

func queryError(ctx context.Context, err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ErrTimeout
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	return Invalidf("%v", err)
}
