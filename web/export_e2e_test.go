package web

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestExportE2E drives the export menu's server-side items in Chromium: the
// view's GraphML holds the canvas's nodes and every relation among them,
// the whole graph's GraphML every node, and the view's CSV is a zip of the
// two tables. Skipped without Chromium, except under CI=true.
func TestExportE2E(t *testing.T) {
	chrome := chromiumPath(t)
	store := e2eStore(t)
	srv := httptest.NewServer(New(store, Options{}))
	defer srv.Close()
	downloads := t.TempDir()
	ctx, checkLogs := startChromium(t, chrome, 1280, 800, downloads)
	p := newPage(t, ctx)
	p.do(chromedp.EmulateViewport(1280, 800), chromedp.Navigate(srv.URL+"/"))
	p.wait("the page to start", `document.body.dataset.ready === "true"`)

	// Clapper and his neighbours on the canvas.
	clapper := "<person/james-clapper>"
	p.do(chromedp.SendKeys(chromedp.CSS("#search"), "Clapper"))
	p.wait("suggestions", `document.querySelector("#search-results li[data-id]")`)
	p.do(chromedp.Click(chromedp.CSS("#search-results li[data-id]")))
	p.wait("Clapper on the canvas", fmt.Sprintf(`explorer.cy.getElementById(%q).nonempty()`, clapper))
	p.settle()
	x, y := p.nodeXY(clapper)
	p.do(chromedp.MouseClickXY(x, y), chromedp.MouseClickXY(x, y, chromedp.ClickCount(2)))
	p.wait("his neighbours", `explorer.canvas.entities().length >= 5`)
	p.settle()
	var ids []string
	p.eval(`explorer.canvas.entities().map((n) => n.id())`, &ids)

	menu := func(selector, file string) []byte {
		t.Helper()
		p.do(chromedp.Click(chromedp.CSS("#btn-export")), chromedp.Click(chromedp.CSS(selector)))
		b := waitDownload(t, filepath.Join(downloads, file))
		var hidden bool
		p.eval(`document.querySelector("#export-menu").hidden`, &hidden)
		if !hidden {
			t.Errorf("%s left the menu open", selector)
		}
		return b
	}

	t.Run("the view's GraphML", func(t *testing.T) {
		g := parseExGraphML(t, menu(`[data-export="view-graphml"]`, "newsgraph-view.graphml"))
		sg, err := store.Subgraph(context.Background(), ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Graph.Nodes) != len(ids) || len(g.Graph.Edges) != len(sg.Edges) {
			t.Errorf("GraphML: %d nodes, %d edges; the canvas has %d nodes, with %d relations among them", len(g.Graph.Nodes), len(g.Graph.Edges), len(ids), len(sg.Edges))
		}
	})

	t.Run("the whole graph's GraphML", func(t *testing.T) {
		g := parseExGraphML(t, menu(`[data-export-all="graphml"]`, "newsgraph-all.graphml"))
		st, err := store.ExploreStats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		typed := 0
		for _, tc := range st.Types {
			typed += tc.Count
		}
		if len(g.Graph.Nodes) != typed {
			t.Errorf("GraphML: %d nodes; the graph has %d", len(g.Graph.Nodes), typed)
		}
	})

	t.Run("the view's CSV", func(t *testing.T) {
		b := menu(`[data-export="view-csv"]`, "newsgraph-view.csv.zip")
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		if strings.Join(names, ",") != "nodes.csv,edges.csv" {
			t.Errorf("the zip holds %v", names)
		}
	})
	checkLogs()
}
