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
	"time"

	"github.com/labstack/echo/v4"

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
}

// server holds what handlers need.
type server struct {
	store *graph.Store
	opts  Options
}

// New returns the HTTP handler: the whole route table is here.
func New(store *graph.Store, opts Options) *echo.Echo {
	if opts.QueryTimeout <= 0 {
		opts.QueryTimeout = 10 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = log.Default()
	}
	s := &server{store: store, opts: opts}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.errorHandler

	// Cayley v0.7.7 compatible API.
	e.POST("/api/v1/query/:lang", s.queryV1)
	e.POST("/api/v1/write", s.writeV1)
	e.POST("/api/v1/write/file/nquad", s.writeFileV1)
	e.POST("/api/v1/delete", s.deleteV1)
	e.GET("/api/v2/query", s.queryV2)
	e.POST("/api/v2/query", s.queryV2)
	v2data := echo.WrapHandler(store.CayleyV2Data())
	for _, p := range []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete", "/api/v2/read"} {
		e.POST(p, v2data)
	}
	e.GET("/api/v2/read", v2data)
	e.GET("/api/v2/formats", v2data)

	// newsgraph's own API.
	e.GET("/api/evidence", s.evidence)
	e.GET("/api/stats", s.stats)

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
