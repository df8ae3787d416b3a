package web

// POST /api/v1/documents: ingest an article while the server runs.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"newsgraph/graph"
)

// ingestDocument serves POST /api/v1/documents. The body is either JSON
// ({"text": "...", "title", "outlet", "published", "url", "id"}) or the
// article as text/plain with the metadata as query parameters. It answers
// 201 for a new document, 200 for an updated or unchanged one.
func (s *server) ingestDocument(c echo.Context) error {
	var d graph.IngestDoc
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return err
	}
	ct := c.Request().Header.Get(echo.HeaderContentType)
	switch {
	case strings.HasPrefix(ct, echo.MIMEApplicationJSON):
		if len(body) == 0 {
			return fmt.Errorf("%w: body: empty (want a JSON object with \"text\")", graph.ErrInvalid)
		}
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return fmt.Errorf("%w: %s: want a %s", graph.ErrInvalid, te.Field, te.Type)
			}
			return fmt.Errorf("%w: body: %v", graph.ErrInvalid, err)
		}
	case ct == "" || strings.HasPrefix(ct, echo.MIMETextPlain):
		d = graph.IngestDoc{
			ID: c.QueryParam("id"), Text: string(body), Title: c.QueryParam("title"),
			Outlet: c.QueryParam("outlet"), Published: c.QueryParam("published"), URL: c.QueryParam("url"),
		}
	default:
		return echo.NewHTTPError(http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type: want application/json or text/plain, got %q", ct))
	}
	rep, err := s.store.Ingest(c.Request().Context(), d)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if rep.Status == "new" {
		status = http.StatusCreated
	}
	return c.JSON(status, rep)
}
