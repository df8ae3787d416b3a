package web

// The curation API, under /api/curation/: accept, reject or edit a fact,
// merge two entities and take a merge back, each behind a token whose name
// the audit log records; and the log itself, whole or per entity. Each
// handler decodes, makes one call to the graph's domain API and encodes;
// errors go to errorHandler.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"newsgraph/graph"
)

// factRequest is the body of accept, reject and edit: the fact as the
// explorer's edge endpoint names it, an optional document, and for edit the
// new object.
type factRequest struct {
	graph.FactRef
	NewObject string `json:"new_object"`
}

// mergeRequest is the body of merge and unmerge.
type mergeRequest struct {
	Into string `json:"into"`
	From string `json:"from"`
}

// decodeBody reads a JSON object body into v; shape describes it for the
// error message.
func decodeBody(c echo.Context, v any, shape string) error {
	body, err := readBody(c)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: body: want %s: %v", graph.ErrInvalid, shape, err)
	}
	return nil
}

// actor is the name of the token that let the request through.
func actor(c echo.Context) string {
	name, _ := c.Get(tokenName).(string)
	return name
}

const factShape = `{"subject": node, "predicate": predicate, "object": node or literal, "doc": optional document id}`

// curationAccept serves POST /api/curation/accept.
func (s *server) curationAccept(c echo.Context) error {
	var req graph.FactRef
	if err := decodeBody(c, &req, factShape); err != nil {
		return err
	}
	e, err := s.store.Accept(c.Request().Context(), actor(c), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, e)
}

// curationReject serves POST /api/curation/reject.
func (s *server) curationReject(c echo.Context) error {
	var req graph.FactRef
	if err := decodeBody(c, &req, factShape); err != nil {
		return err
	}
	e, err := s.store.Reject(c.Request().Context(), actor(c), req)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, e)
}

// curationEdit serves POST /api/curation/edit.
func (s *server) curationEdit(c echo.Context) error {
	var req factRequest
	if err := decodeBody(c, &req, `{"subject", "predicate", "object", "doc" (optional), "new_object"}`); err != nil {
		return err
	}
	e, err := s.store.EditObject(c.Request().Context(), actor(c), req.FactRef, req.NewObject)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, e)
}

// curationMerge serves POST /api/curation/merge.
func (s *server) curationMerge(c echo.Context) error {
	var req mergeRequest
	if err := decodeBody(c, &req, `{"into": node, "from": node}`); err != nil {
		return err
	}
	e, err := s.store.Merge(c.Request().Context(), actor(c), req.Into, req.From)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, e)
}

// curationUnmerge serves POST /api/curation/unmerge.
func (s *server) curationUnmerge(c echo.Context) error {
	var req mergeRequest
	if err := decodeBody(c, &req, `{"from": node, "into": optional node}`); err != nil {
		return err
	}
	e, err := s.store.Unmerge(c.Request().Context(), actor(c), req.Into, req.From)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, e)
}

// curationHistory serves GET /api/curation/history?node=.
func (s *server) curationHistory(c echo.Context) error {
	node := c.QueryParam("node")
	h, err := s.store.History(c.Request().Context(), node)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"node": node, "entries": h})
}

// curationLog serves GET /api/curation/log?limit=&offset=.
func (s *server) curationLog(c echo.Context) error {
	limit, err := intParam(c, "limit", 0)
	if err != nil {
		return err
	}
	offset, err := intParam(c, "offset", 0)
	if err != nil {
		return err
	}
	log, err := s.store.AuditLog(c.Request().Context(), limit, offset)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"entries": log, "offset": offset})
}
