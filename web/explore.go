package web

// The explorer's JSON API, under /api/explore/, and its OpenAPI description.
// Each handler reads its parameters, makes one call to the graph's domain
// API and encodes the answer; errors go to errorHandler.

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"newsgraph/graph"
)

//go:embed openapi.json
var openAPI []byte

// openapi serves GET /api/openapi.json.
func (s *server) openapi(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/json", openAPI)
}

// exploreSearch serves GET /api/explore/search?q=&type=&limit=.
func (s *server) exploreSearch(c echo.Context) error {
	limit, err := intParam(c, "limit", 0)
	if err != nil {
		return err
	}
	ctx, cancel := s.deadline(c)
	defer cancel()
	q := c.QueryParam("q")
	hits, err := s.store.Search(ctx, q, listParam(c, "type"), limit)
	if err != nil {
		return timeout(err)
	}
	return c.JSON(http.StatusOK, map[string]any{"query": q, "results": hits})
}

// exploreNode serves GET /api/explore/node?id=.
func (s *server) exploreNode(c echo.Context) error {
	n, err := s.store.Node(c.Request().Context(), c.QueryParam("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, n)
}

// exploreNeighbours serves GET /api/explore/neighbours?id=&relation=&direction=&type=&doc=&min_confidence=&limit=&offset=.
func (s *server) exploreNeighbours(c echo.Context) error {
	q := graph.NeighbourQuery{
		ID:        c.QueryParam("id"),
		Relations: listParam(c, "relation"),
		Direction: c.QueryParam("direction"),
		Types:     listParam(c, "type"),
		Docs:      listParam(c, "doc"),
	}
	var err error
	if q.MinConfidence, err = floatParam(c, "min_confidence"); err != nil {
		return err
	}
	if q.Limit, err = intParam(c, "limit", 0); err != nil {
		return err
	}
	if q.Offset, err = intParam(c, "offset", 0); err != nil {
		return err
	}
	ctx, cancel := s.deadline(c)
	defer cancel()
	nb, err := s.store.Neighbours(ctx, q)
	if err != nil {
		return timeout(err)
	}
	return c.JSON(http.StatusOK, nb)
}

// exploreSubgraph serves POST /api/explore/subgraph with {"ids": [...]}.
func (s *server) exploreSubgraph(c echo.Context) error {
	body, err := readBody(c)
	if err != nil {
		return err
	}
	var req struct {
		IDs []string `json:"ids"`
	}
	if err := json.Unmarshal([]byte(body), &req); err != nil {
		return fmt.Errorf("%w: body: want {\"ids\": [node ids]}: %v", graph.ErrInvalid, err)
	}
	ctx, cancel := s.deadline(c)
	defer cancel()
	sg, err := s.store.Subgraph(ctx, req.IDs)
	if err != nil {
		return timeout(err)
	}
	return c.JSON(http.StatusOK, sg)
}

// explorePaths serves GET /api/explore/paths?from=&to=&max_hops=&k=.
func (s *server) explorePaths(c echo.Context) error {
	q := graph.PathQuery{From: c.QueryParam("from"), To: c.QueryParam("to")}
	var err error
	if q.MaxHops, err = intParam(c, "max_hops", 0); err != nil {
		return err
	}
	if q.K, err = intParam(c, "k", 0); err != nil {
		return err
	}
	ctx, cancel := s.deadline(c)
	defer cancel()
	res, err := s.store.Paths(ctx, q)
	if err != nil {
		return timeout(err)
	}
	return c.JSON(http.StatusOK, res)
}

// exploreEdge serves GET /api/explore/edge?subject=&predicate=&object=.
func (s *server) exploreEdge(c echo.Context) error {
	e := graph.Edge{Subject: c.QueryParam("subject"), Predicate: c.QueryParam("predicate"), Object: c.QueryParam("object")}
	d, err := s.store.EdgeDetail(c.Request().Context(), e)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

// exploreDocument serves GET /api/explore/document?id=.
func (s *server) exploreDocument(c echo.Context) error {
	d, err := s.store.Document(c.Request().Context(), c.QueryParam("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

// exploreTimeline serves GET /api/explore/timeline?doc=&kind=.
func (s *server) exploreTimeline(c echo.Context) error {
	items, err := s.store.Timeline(c.Request().Context(), graph.TimelineQuery{Docs: listParam(c, "doc"), Kinds: listParam(c, "kind")})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": items})
}

// exploreStats serves GET /api/explore/stats.
func (s *server) exploreStats(c echo.Context) error {
	ctx, cancel := s.deadline(c)
	defer cancel()
	st, err := s.store.ExploreStats(ctx)
	if err != nil {
		return timeout(err)
	}
	return c.JSON(http.StatusOK, st)
}

// deadline bounds a request that may walk much of the graph.
func (s *server) deadline(c echo.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request().Context(), s.opts.QueryTimeout)
}

// timeout turns a deadline that ran out into graph.ErrTimeout.
func timeout(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return graph.ErrTimeout
	}
	return err
}

// listParam reads a list parameter, given repeated (?type=a&type=b), comma
// separated (?type=a,b) or both; empty items are dropped.
func listParam(c echo.Context, name string) []string {
	var out []string
	for _, v := range c.QueryParams()[name] {
		for _, item := range strings.Split(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

// intParam reads an integer parameter; absent means def.
func intParam(c echo.Context, name string, def int) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%w: %s: want an integer, got %q", graph.ErrInvalid, name, v)
	}
	return n, nil
}

// floatParam reads a number parameter; absent means 0.
func floatParam(c echo.Context, name string) (float64, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%w: %s: want a number, got %q", graph.ErrInvalid, name, v)
	}
	return f, nil
}

// contentSecurityPolicy lets the page load scripts, styles, images and data
// from its own origin only: no inline script or style, no eval, no remote
// origin. Images may also be data: and blob: URLs (the PNG export).
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders adds the Content-Security-Policy and friends to every answer.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		return next(c)
	}
}
