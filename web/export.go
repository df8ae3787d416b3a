package web

// /api/export: the graph, a view or a query's nodes as a file to download
// (N-Quads, JSON-LD, GraphML, or CSV tables in a zip). docs/export.md
// describes the formats.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"newsgraph/graph"
)

// maxExportBytes caps an export served over HTTP; bigger ones are refused
// (`newsgraph export` has no cap). A variable so tests can lower it.
var maxExportBytes = 64 << 20

// errExportTooLarge is what the capped buffer answers past maxExportBytes.
var errExportTooLarge = errors.New("export too large")

// exportRequest is the body of POST /api/export; GET takes the same as
// parameters: format, scope, nodes (repeated or separated by commas), lang
// and query.
type exportRequest struct {
	Format string   `json:"format"`
	Scope  string   `json:"scope"`
	Nodes  []string `json:"nodes"`
	Query  struct {
		Lang   string `json:"lang"`
		Source string `json:"source"`
	} `json:"query"`
}

// export serves GET and POST /api/export: the file, as an attachment.
func (s *server) export(c echo.Context) error {
	var req exportRequest
	if c.Request().Method == http.MethodGet {
		req.Format, req.Scope, req.Nodes = c.QueryParam("format"), c.QueryParam("scope"), listParam(c, "nodes")
		req.Query.Lang, req.Query.Source = c.QueryParam("lang"), c.QueryParam("query")
	} else {
		body, err := readBody(c)
		if err != nil {
			return err
		}
		if strings.TrimSpace(body) != "" {
			dec := json.NewDecoder(strings.NewReader(body))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&req); err != nil {
				return fmt.Errorf(`%w: body: want {"format": …, "scope": …, "nodes": […], "query": {"lang": …, "source": …}}: %v`, graph.ErrInvalid, err)
			}
		}
	}
	f, err := graph.LookupExportFormat(req.Format)
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
	out := &cappedBuffer{max: maxExportBytes}
	sel := graph.ExportSelection{Scope: req.Scope, Nodes: req.Nodes, Lang: req.Query.Lang, Query: req.Query.Source, MaxNodes: graph.MaxSubgraphNodes}
	err = s.store.Export(ctx, out, f.Name, sel)
	switch {
	case errors.Is(context.Cause(ctx), errBusy):
		return errBusy
	case errors.Is(err, errExportTooLarge):
		return fmt.Errorf("%w: scope: the export is larger than %d MiB: export a view or a query's nodes, or use `newsgraph export`", graph.ErrInvalid, maxExportBytes>>20)
	case err != nil:
		return timeout(err)
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s%s"`, exportFileNames[sel.EffectiveScope()], f.Ext))
	return c.Blob(http.StatusOK, f.MediaType, out.Bytes())
}

// exportFileNames name the attachment (before the format's extension) by scope.
var exportFileNames = map[string]string{graph.ScopeAll: "newsgraph-all", graph.ScopeNodes: "newsgraph-view", graph.ScopeQuery: "newsgraph-query"}

// cappedBuffer is a buffer that refuses to grow past max. (It does not
// embed bytes.Buffer, whose WriteString would bypass the cap.)
type cappedBuffer struct {
	buf bytes.Buffer
	max int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.buf.Len()+len(p) > b.max {
		return 0, errExportTooLarge
	}
	return b.buf.Write(p)
}

func (b *cappedBuffer) Bytes() []byte { return b.buf.Bytes() }
