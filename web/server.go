// Package web serves newsgraph over HTTP with Echo: a query endpoint
// compatible with Cayley v0.7.7's HTTP API, the explorer's JSON API and the
// embedded explorer page. Handlers are thin (decode, one graph call,
// encode); every error becomes JSON in one place, errorHandler.
package web

import (
	"embed"
	"errors"
	"log"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"newsgraph/graph"
)

//go:embed static
var static embed.FS

// Options configures the server.
type Options struct {
	// QueryTimeout is the deadline of one query (default 10s).
	QueryTimeout time.Duration
	// Logger receives unexpected errors; nil means the standard logger.
	Logger *log.Logger
	// Tokens may change the graph (Authorization: Bearer SECRET). With
	// none the server is read-only.
	Tokens []Token
	// CORSOrigin, when set, is the one origin allowed to call the API from
	// a browser; by default there is no CORS.
	CORSOrigin string
	// MaxBody caps a request body in bytes (default 64 MiB; queries are
	// capped at 1 MiB whatever this says).
	MaxBody int64
	// MaxQueries caps the queries running at once (default 8 per core);
	// the excess waits up to a second for a slot, then is answered 503
	// with Retry-After.
	MaxQueries int
	// HeavyQueries is how many queries may run past LightBudget at once
	// (default one fewer than the cores, at least 1); LightBudget defaults
	// to 250ms. A query past its light budget with no heavy slot free gets
	// one more light budget, then is interrupted and answered 503, so
	// runaway queries never take every core (web/limits.go).
	HeavyQueries int
	LightBudget  time.Duration
}

// server holds what handlers need.
type server struct {
	store *graph.Store
	opts  Options
	gate  *queryGate
}

// New returns the HTTP handler: the whole route table is here.
func New(store *graph.Store, opts Options) *echo.Echo {
	if opts.QueryTimeout <= 0 {
		opts.QueryTimeout = 10 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = log.Default()
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = 64 << 20
	}
	s := &server{store: store, opts: opts, gate: newQueryGate(opts.MaxQueries, opts.HeavyQueries, opts.LightBudget)}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.errorHandler
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisablePrintStack: true}))
	e.Use(securityHeaders)
	e.Use(middleware.BodyLimit(strconv.FormatInt(opts.MaxBody, 10)))
	if opts.CORSOrigin != "" {
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins: []string{opts.CORSOrigin},
			AllowHeaders: []string{echo.HeaderContentType, echo.HeaderAuthorization},
		}))
	}
	// Everything that changes the graph needs a token. (Not an Echo group:
	// a group with middleware answers every unmatched path, the page's
	// included.)
	auth := requireToken(opts.Tokens)

	// Cayley v0.7.7 compatible API.
	e.POST("/api/v1/query/:lang", s.queryV1)
	e.POST("/api/v1/write", s.writeV1, auth)
	e.POST("/api/v1/write/file/nquad", s.writeFileV1, auth)
	e.POST("/api/v1/delete", s.deleteV1, auth)
	e.GET("/api/v2/query", s.queryV2)
	e.POST("/api/v2/query", s.queryV2)
	e.POST("/api/v2/write", s.writeV2, auth)
	e.POST("/api/v2/delete", s.deleteV2, auth)
	e.POST("/api/v2/node/delete", s.nodeDeleteV2, auth)
	v2data := echo.WrapHandler(store.CayleyV2Data())
	e.POST("/api/v2/read", v2data)
	e.GET("/api/v2/read", v2data)
	e.GET("/api/v2/formats", v2data)

	// newsgraph's own API.
	e.GET("/api/evidence", s.evidence)
	e.GET("/api/stats", s.stats)
	e.GET("/api/openapi.json", s.openapi)
	e.GET("/api/export", s.export) // web/export.go: a read, so POST needs no token either
	e.POST("/api/export", s.export)
	e.POST("/api/v1/documents", s.ingestDocument, auth)

	// The explorer's API (web/explore.go, described in web/openapi.json).
	e.GET("/api/explore/search", s.exploreSearch)
	e.GET("/api/explore/node", s.exploreNode)
	e.GET("/api/explore/neighbours", s.exploreNeighbours)
	e.POST("/api/explore/subgraph", s.exploreSubgraph)
	e.GET("/api/explore/paths", s.explorePaths)
	e.GET("/api/explore/edge", s.exploreEdge)
	e.GET("/api/explore/document", s.exploreDocument)
	e.GET("/api/explore/timeline", s.exploreTimeline)
	e.GET("/api/explore/stats", s.exploreStats)

	// Curation (web/curation.go): every action needs a token, whose name
	// the audit log records.
	e.POST("/api/curation/accept", s.curationAccept, auth)
	e.POST("/api/curation/reject", s.curationReject, auth)
	e.POST("/api/curation/edit", s.curationEdit, auth)
	e.POST("/api/curation/merge", s.curationMerge, auth)
	e.POST("/api/curation/unmerge", s.curationUnmerge, auth)
	e.GET("/api/curation/history", s.curationHistory)
	e.GET("/api/curation/log", s.curationLog)

	// The page.
	e.StaticFS("/", echo.MustSubFS(static, "static"))
	return e
}

// errorHandler turns every error into JSON: {"error": "..."} with the
// status its kind calls for. It is the only place errors are encoded.
func (s *server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status := http.StatusInternalServerError
	msg := "internal error"
	var he *echo.HTTPError
	var qe *queryError
	switch {
	case errors.Is(err, errBusy):
		c.Response().Header().Set("Retry-After", "1")
		_ = c.JSON(http.StatusServiceUnavailable, map[string]string{"error": errBusy.Error()})
		return
	case errors.As(err, &qe):
		// GraphQL clients read "errors"; Cayley's others read "error".
		status = statusOf(qe.err)
		body := map[string]any{"error": qe.err.Error()}
		if qe.graphql {
			body["errors"] = []map[string]string{{"message": qe.err.Error()}}
		}
		_ = c.JSON(status, body)
		return
	case errors.As(err, &he):
		status = he.Code
		if m, ok := he.Message.(string); ok {
			msg = m
		} else {
			msg = http.StatusText(status)
		}
	case statusOf(err) != http.StatusInternalServerError:
		status, msg = statusOf(err), err.Error()
	default:
		s.opts.Logger.Printf("%s %s: %v", c.Request().Method, c.Request().URL.Path, err)
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	_ = c.JSON(status, map[string]string{"error": msg})
}

// statusOf maps the graph's sentinel errors to HTTP statuses.
func statusOf(err error) int {
	switch {
	case errors.Is(err, graph.ErrInvalid), errors.Is(err, graph.ErrTimeout):
		return http.StatusBadRequest
	case errors.Is(err, graph.ErrNotFound):
		return http.StatusNotFound
	}
	return http.StatusInternalServerError
}

// queryError marks an error of a query so the handler can answer in the
// shape the language's clients expect.
type queryError struct {
	err     error
	graphql bool
}

func (e *queryError) Error() string { return e.err.Error() }
func (e *queryError) Unwrap() error { return e.err }
