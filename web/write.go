package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

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
	for _, f := range [...][2]string{{"subject", e.Subject}, {"predicate", e.Predicate}, {"object", e.Object}} {
		if f[1] == "" {
			return graph.Invalidf("%s: required", f[0]) // the first missing, in this order
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

// writeV2 serves POST /api/v2/write: quads in the format Content-Type names
// (N-Quads by default; Content-Encoding: gzip allowed), all or nothing.
func (s *server) writeV2(c echo.Context) error {
	r := c.Request()
	n, err := s.store.WriteQuadsFrom(r.Context(), r.Header.Get(echo.HeaderContentType), gzipped(r), r.Body)
	if err != nil {
		return bodyError(err)
	}
	return v2Result(c, "wrote", n)
}

// deleteV2 serves POST /api/v2/delete, like writeV2.
func (s *server) deleteV2(c echo.Context) error {
	r := c.Request()
	n, err := s.store.DeleteQuadsFrom(r.Context(), r.Header.Get(echo.HeaderContentType), gzipped(r), r.Body)
	if err != nil {
		return bodyError(err)
	}
	return v2Result(c, "deleted", n)
}

// nodeDeleteV2 serves POST /api/v2/node/delete: the body is one node; every
// quad that mentions it goes. An unknown node is 404.
func (s *server) nodeDeleteV2(c echo.Context) error {
	body, err := readBody(c)
	if err != nil {
		return err
	}
	n, err := s.store.DeleteNodeFrom(c.Request().Context(), c.Request().Header.Get(echo.HeaderContentType), []byte(body))
	if err != nil {
		return err
	}
	return v2Result(c, "deleted", n)
}

func gzipped(r *http.Request) bool {
	return strings.Contains(strings.ToLower(r.Header.Get(echo.HeaderContentEncoding)), "gzip")
}

// bodyError turns a body over the size limit into 413.
func bodyError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "body: request is too large")
	}
	return err
}

// v2Result answers as upstream's v2 API does, byte for byte.
func v2Result(c echo.Context, verb string, n int) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, fmt.Appendf(nil, `{"result": "Successfully %s %d quads.", "count": %d}`+"\n", verb, n, n))
}
