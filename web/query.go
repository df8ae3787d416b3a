package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"newsgraph/graph"
)

// maxQuerySize is the largest query body read, as in Cayley.
const maxQuerySize = 1 << 20

// queryV1 serves POST /api/v1/query/:lang with the query as the raw body.
// The body is read raw (never as a form: Cayley clients send the query with
// a form Content-Type) and the limit comes from the URL.
func (s *server) queryV1(c echo.Context) error {
	src, err := readBody(c)
	if err != nil {
		return err
	}
	return s.runQuery(c, c.Param("lang"), src)
}

// queryV2 serves /api/v2/query?lang=…: the query is the POST body, or the
// qu parameter of a GET.
func (s *server) queryV2(c echo.Context) error {
	lang := c.QueryParam("lang")
	if lang == "" {
		return graph.Invalidf("lang: query language not specified")
	}
	var src string
	if c.Request().Method == http.MethodGet {
		src = c.QueryParam("qu")
		if err := validUTF8("qu", src); err != nil {
			return err
		}
	} else {
		var err error
		if src, err = readBody(c); err != nil {
			return err
		}
	}
	return s.runQuery(c, lang, src)
}

func (s *server) runQuery(c echo.Context, lang, src string) error {
	limit, err := parseLimit(c.QueryParam("limit"))
	if err != nil {
		return err
	}
	ctx, done, err := s.gate.enter(c.Request().Context())
	if err != nil {
		return err
	}
	defer done()
	ctx, cancel := context.WithTimeout(ctx, s.opts.QueryTimeout)
	defer cancel()
	res, err := s.store.Query(ctx, lang, src, limit)
	if errors.Is(context.Cause(ctx), errBusy) {
		return errBusy
	}
	if err != nil {
		return &queryError{err: err, graphql: lang == "graphql"}
	}
	body := map[string]any{"result": res.Results}
	if lang == "graphql" {
		body = map[string]any{"data": res.Data}
	}
	// A query can emit what JSON cannot hold (g.Emit(Array) emits a
	// function): that is the query's fault, a 400, not a 500.
	out, err := json.Marshal(body)
	if err != nil {
		return &queryError{err: fmt.Errorf("%w: the query's result cannot be written as JSON: %v", graph.ErrInvalid, err), graphql: lang == "graphql"}
	}
	return c.JSONBlob(http.StatusOK, out)
}

// parseLimit reads ?limit=: absent or 0 means 100 (Cayley's default), a
// negative number means no limit.
func parseLimit(v string) (int, error) {
	if v == "" {
		return 100, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, graph.Invalidf("limit: want an integer, got %q", v)
	}
	switch {
	case n == 0:
		return 100, nil
	case n < 0:
		return -1, nil
	}
	return n, nil
}

// readBody reads the raw request body up to maxQuerySize; it must be UTF-8.
func readBody(c echo.Context) (string, error) {
	r := io.LimitReader(c.Request().Body, maxQuerySize+1)
	data, err := io.ReadAll(r)
	if err != nil {
		return "", graph.Invalidf("body: %v", err)
	}
	if len(data) > maxQuerySize {
		return "", echo.NewHTTPError(http.StatusRequestEntityTooLarge, "body: request is too large")
	}
	if err := validUTF8("body", string(data)); err != nil {
		return "", err
	}
	return string(data), nil
}

// validUTF8 refuses text that is not UTF-8, naming the field and the
// 1-based byte offset of the first bad byte.
func validUTF8(field, text string) error {
	if utf8.ValidString(text) {
		return nil
	}
	for i, r := range text {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(text[i:]); n == 1 {
				return graph.Invalidf("%s: not valid UTF-8 at byte %d", field, i+1)
			}
		}
	}
	return graph.Invalidf("%s: not valid UTF-8", field)
}
