package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"newsgraph/graph"
)

// writeV1 serves POST /api/v1/write: a JSON array of quads.
func (s *server) writeV1(c echo.Context) error {
	body, err := readBody(c)
	if err != nil {
		return err
	}
	quads, err := graph.ParseRawQuads([]byte(body))
	if err != nil {
		return err
	}
	n, err := s.store.WriteQuads(c.Request().Context(), quads)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"result": fmt.Sprintf("Successfully wrote %d quads.", n)})
}

// deleteV1 serves POST /api/v1/delete: a JSON array of quads to remove.
func (s *server) deleteV1(c echo.Context) error {
	body, err := readBody(c)
	if err != nil {
		return err
	}
	quads, err := graph.ParseRawQuads([]byte(body))
	if err != nil {
		return err
	}
	n, err := s.store.DeleteQuads(c.Request().Context(), quads)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"result": fmt.Sprintf("Successfully deleted %d quads.", n)})
}

// writeFileV1 serves POST /api/v1/write/file/nquad: a multipart form whose
// NQuadFile field holds N-Quads (plain or gzip), loaded all-or-nothing.
func (s *server) writeFileV1(c echo.Context) error {
	fh, err := c.FormFile("NQuadFile")
	if err != nil {
		return graph.Invalidf("NQuadFile: %v", err)
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	rep, err := s.store.LoadNQuads(c.Request().Context(), fh.Filename, f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"result": fmt.Sprintf("Successfully wrote %d quads.", rep.Quads)})
}

// evidence serves GET /api/evidence?subject=&predicate=&object=.
func (s *server) evidence(c echo.Context) error {
	e := graph.Edge{Subject: c.QueryParam("subject"), Predicate: c.QueryParam("predicate"), Object: c.QueryParam("object")}
	for field, v := range map[string]string{"subject": e.Subject, "predicate": e.Predicate, "object": e.Object} {
		if v == "" {
			return graph.Invalidf("%s: required", field)
		}
	}
	ev, err := s.store.EdgeEvidence(c.Request().Context(), e)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"edge": e, "evidence": ev})
}

// stats serves GET /api/stats.
func (s *server) stats(c echo.Context) error {
	st, err := s.store.Stats(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, st)
}
