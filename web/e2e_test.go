package web

// End-to-end tests of the explorer page: the real server over a seeded
// memory store, driven through Debian's Chromium with chromedp. Without a
// browser they are skipped, except under CI=true where that is a failure.
//
// go test ./web/ -run E2E -update also saves docs/explorer.png.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"newsgraph/graph"
	"newsgraph/seeds"
)

// xssArticle is an article whose text is markup; the page must show it as
// text and run none of it.
const xssArticle = "Security probe.\nJames Clapper said <script>window.__xss=1</script> and <img src=x onerror=\"window.__xss=2\"> are only text.\n"

const xssCurated = "subject\tpredicate\tobject\tdoc\tevidence\tnote\n" +
	"James Clapper\tstated\tXSS probe <img src=x onerror=window.__xss=3>\tzz_xss\tJames Clapper said <script>window.__xss=1</script> and <img src=x onerror=\"window.__xss=2\"> are only text.\t\n"

func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found (install Debian's chromium, or set CHROME_PATH): the end-to-end tests must run in CI")
	}
	t.Skip("no Chromium found; install Debian's chromium to run the end-to-end tests")
	return ""
}

func e2eStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Seed(ctx, seeds.FS); err != nil {
		t.Fatal(err)
	}
	return s
}

// loadXSS adds an article (and a curated fact citing it) whose text is markup.
func loadXSS(t *testing.T, s *graph.Store) {
	t.Helper()
	in := func(name, text string) graph.Input {
		return graph.Input{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(text)), nil }}
	}
	if _, err := s.Load(context.Background(), in("zz_xss.txt", xssArticle), in("xss.tsv", xssCurated)); err != nil {
		t.Fatalf("load the XSS article: %v", err)
	}
}

// page wraps a chromedp tab with the helpers the tests share.
type page struct {
	t   *testing.T
	ctx context.Context
}

// newPage gives a subtest the tab, with a deadline so a stuck step fails
// the subtest instead of hanging the suite.
func newPage(t *testing.T, ctx context.Context) *page {
	ctx, cancel := context.WithTimeout(ctx, 40*time.Second)
	t.Cleanup(cancel)
	return &page{t: t, ctx: ctx}
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatal(err)
	}
}

// eval runs JavaScript and decodes its value into out (nil: ignore it).
// It goes through DevTools, which the page's CSP does not restrict.
func (p *page) eval(expr string, out any) {
	p.t.Helper()
	raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("eval %s: %v", expr, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			p.t.Fatalf("eval %s: decode %s: %v", expr, raw, err)
		}
	}
}

// wait polls a JavaScript predicate until it is truthy. (chromedp.Poll
// compiles its predicate with new Function, which the CSP forbids.)
func (p *page) wait(what, expr string) {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var ok bool
		raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]byte]("!!("+expr+")"))
		if err == nil && json.Unmarshal(raw, &ok) == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %s (%s): %v", what, expr, err)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// settle waits until no request or layout is running.
func (p *page) settle() {
	p.t.Helper()
	p.wait("the page to settle", `document.body.dataset.busy === "0" && !document.querySelector("#cy[data-layout]") && !explorer.cy.animated()`)
	time.Sleep(120 * time.Millisecond)
}

// nodeXY is a canvas node's position on the page.
func (p *page) nodeXY(id string) (float64, float64) {
	p.t.Helper()
	var xy []float64
	p.eval(fmt.Sprintf(`(() => { const n = explorer.cy.getElementById(%q); const r = explorer.cy.container().getBoundingClientRect();
		const q = n.renderedPosition(); return [r.left + q.x, r.top + q.y]; })()`, id), &xy)
	return xy[0], xy[1]
}

// clickEdge clicks the middle of an edge chosen by a Cytoscape selector
// whose middle is not covered by something else; it returns the edge's data.
func (p *page) clickEdge(selector string) map[string]any {
	p.t.Helper()
	var res struct {
		X, Y float64
		Data map[string]any
	}
	p.eval(fmt.Sprintf(`(() => { const cy = explorer.cy; const r = cy.container().getBoundingClientRect();
		for (const e of cy.edges(%q)) {
			const m = e.renderedMidpoint();
			if (m.x < 20 || m.y < 20 || m.x > r.width - 20 || m.y > r.height - 20) continue;
			const mm = e.midpoint();
			if (cy.renderer().findNearestElement(mm.x, mm.y, true, false) !== e) continue;
			return {x: r.left + m.x, y: r.top + m.y, data: e.data()};
		}
		return null; })()`, selector), &res)
	if res.Data == nil {
		p.t.Fatalf("no clickable edge %s on the canvas", selector)
	}
	p.do(chromedp.MouseClickXY(res.X, res.Y))
	return res.Data
}

// shot saves a screenshot to $NEWSGRAPH_SHOTS/name.png when that is set
// (for looking at the page while working on it).
func (p *page) shot(name string) {
	p.t.Helper()
	if dir := os.Getenv("NEWSGRAPH_SHOTS"); dir != "" {
		p.screenshot(filepath.Join(dir, name+".png"))
	}
}

func (p *page) screenshot(path string) {
	p.t.Helper()
	buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("wrote %s (%d bytes)", path, len(buf))
}

// waitDownload waits for the browser to finish writing file.
func waitDownload(t *testing.T, file string) []byte {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		if b, err := os.ReadFile(file); err == nil && len(b) > 0 {
			if _, err := os.Stat(file + ".crdownload"); os.IsNotExist(err) {
				return b
			}
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(filepath.Dir(file))
			t.Fatalf("%s was not downloaded (the folder holds %v)", file, entries)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// startChromium starts headless Chromium for one test, closed when it ends;
// downloads, when not "", is where the page's downloads go. checkLogs fails
// the test on any exception or Content-Security-Policy violation the page
// has logged so far.
func startChromium(t *testing.T, chrome string, width, height int, downloads string) (ctx context.Context, checkLogs func()) {
	t.Helper()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium (%s): %v", chrome, err)
	}
	var (
		logMu sync.Mutex
		logs  []chromedp.ConsoleMessage
	)
	console := chromedp.Console(ctx)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			logMu.Lock()
			logs = append(logs, m)
			logMu.Unlock()
		}
	}()
	if downloads != "" {
		if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
		}); err != nil {
			t.Fatalf("set download behaviour: %v", err)
		}
	}
	return ctx, func() {
		t.Helper()
		time.Sleep(100 * time.Millisecond)
		logMu.Lock()
		defer logMu.Unlock()
		for _, m := range logs {
			if m.IsException() || strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Refused to") {
				t.Errorf("page logged %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1)
			}
		}
	}
}

func TestExplorerE2E(t *testing.T) {
	chrome := chromiumPath(t)
	store := e2eStore(t)
	srv := httptest.NewServer(New(store, Options{}))
	defer srv.Close()

	downloads := t.TempDir()
	ctx, checkLogs := startChromium(t, chrome, 1440, 900, downloads)
	p := newPage(t, ctx)
	p.do(chromedp.EmulateViewport(1440, 900), chromedp.Navigate(srv.URL+"/"))
	p.wait("the page to start", `document.body.dataset.ready === "true"`)

	clapper := "<person/james-clapper>"
	// A fifth article, about Clapper, ingested the way a user would: it
	// takes his fan past the page's 20, so that it is capped.
	text, err := os.ReadFile("testdata/ingest_manchester.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Ingest(context.Background(), graph.IngestDoc{ID: "wire-manchester", Text: string(text), Published: "2017-05-23"}); err != nil {
		t.Fatal(err)
	}

	t.Run("search, expand, and read the evidence of a stated edge", func(t *testing.T) {
		p := newPage(t, ctx)
		p.do(chromedp.SendKeys(chromedp.CSS("#search"), "Clapper"))
		p.wait("suggestions", `document.querySelector("#search-results li[data-id]")`)
		var first string
		p.eval(`document.querySelector("#search-results li[data-id]").dataset.id`, &first)
		if first != clapper {
			t.Fatalf("first suggestion for Clapper is %s", first)
		}
		p.do(chromedp.Click(chromedp.CSS("#search-results li[data-id]")))
		p.wait("Clapper on the canvas", fmt.Sprintf(`explorer.cy.getElementById(%q).nonempty()`, clapper))
		p.wait("his node panel", `document.querySelector('#panel-body[data-view="node"] h3')`)
		p.settle()
		x, y := p.nodeXY(clapper)
		p.do(chromedp.MouseClickXY(x, y), chromedp.MouseClickXY(x, y, chromedp.ClickCount(2)))
		p.wait("his stated edges", `explorer.cy.edges('[label = "stated"]').length >= 5`)
		p.settle()
		data := p.clickEdge(`[label = "stated"][source = "` + clapper + `"]`)
		p.wait("the evidence panel", `document.querySelector('#panel-body[data-view="edge"] .article mark')`)
		var got struct {
			Mark, Doc  string
			Visible    bool
			Highlights int
		}
		p.eval(`(() => { const a = document.querySelector("#panel-body .article"); const m = a.querySelector("mark");
			return {mark: m.textContent, doc: document.querySelector("#panel-body .article-head .mono").textContent,
				visible: m.offsetTop + m.offsetHeight > a.scrollTop && m.offsetTop < a.scrollTop + a.clientHeight,
				highlights: a.querySelectorAll("mark").length}; })()`, &got)
		evs, err := store.EdgeEvidence(context.Background(), graph.Edge{Subject: clapper, Predicate: "<stated>", Object: data["target"].(string)})
		if err != nil {
			t.Fatal(err)
		}
		if got.Mark != evs[0].Sentence || got.Doc != evs[0].Doc {
			t.Errorf("highlighted %q in %s, want %q in %s", got.Mark, got.Doc, evs[0].Sentence, evs[0].Doc)
		}
		if got.Doc != "000_166a56b2fb6beffc" && got.Doc != "001_bbfe1794f1e0f29f" {
			t.Errorf("the sentence comes from %s, not one of Clapper's articles", got.Doc)
		}
		if !got.Visible || got.Highlights != 1 {
			t.Errorf("the sentence is not scrolled into view (visible %v, %d highlights)", got.Visible, got.Highlights)
		}
		var method string
		p.eval(`document.querySelector('#panel-body .evidence-list [aria-current="true"] .meta').textContent`, &method)
		if !strings.Contains(method, evs[0].Method) || !strings.Contains(method, fmt.Sprintf("%.2f", evs[0].Confidence)) {
			t.Errorf("evidence meta %q lacks the method and the confidence", method)
		}
		p.shot("evidence")
	})

	t.Run("the node menu counts relations and loads the rest of a capped fan", func(t *testing.T) {
		p := newPage(t, ctx)
		x, y := p.nodeXY(clapper)
		p.do(chromedp.MouseClickXY(x, y, chromedp.ButtonType(input.MouseButtonRight)))
		p.wait("the menu", `!document.querySelector("#node-menu").hidden && document.querySelector("#node-menu .menu-title")`)
		var items []string
		p.eval(`[...document.querySelectorAll("#node-menu button")].map(b => b.textContent)`, &items)
		joined := strings.Join(items, "|")
		info, err := store.Node(context.Background(), clapper)
		if err != nil {
			t.Fatal(err)
		}
		stated := ""
		for _, r := range info.Relations {
			if r.Label == "stated" && r.Direction == "out" {
				stated = fmt.Sprintf("stated%d", r.Count)
			}
		}
		page1, err := store.Neighbours(context.Background(), graph.NeighbourQuery{ID: clapper, Limit: 20}) // the page's PAGE
		if err != nil || page1.More == 0 {
			t.Fatalf("Clapper's fan is not capped: %+v, %v", page1, err)
		}
		for _, want := range []string{"Expand all" + fmt.Sprint(info.Degree), fmt.Sprintf("… %d more", page1.More), "→" + stated, "Find paths from here"} {
			if !strings.Contains(joined, want) {
				t.Errorf("menu %q lacks %q", joined, want)
			}
		}
		var moreNodes int
		p.eval(`explorer.cy.nodes(".more").length`, &moreNodes)
		if moreNodes != 1 {
			t.Errorf("%d \"+N more\" nodes on the canvas, want 1", moreNodes)
		}
		p.shot("menu")
		p.do(chromedp.Click(chromedp.CSS("#node-menu button.more")))
		p.wait("the rest of the fan", fmt.Sprintf(`explorer.cy.nodes(".more").length === 0 && explorer.cy.getElementById(%q).neighborhood("node").length === %d`, clapper, page1.Total))
		p.settle()
	})

	t.Run("paths from James Clapper to Brussels cite a sentence per hop", func(t *testing.T) {
		p := newPage(t, ctx)
		x, y := p.nodeXY(clapper)
		p.do(chromedp.MouseClickXY(x, y))
		p.wait("Clapper selected", fmt.Sprintf(`explorer.cy.getElementById(%q).selected()`, clapper))
		p.do(chromedp.Click(chromedp.CSS("#btn-paths")))
		p.wait("the path form", `document.querySelector("#path-to")`)
		var from string
		p.eval(`document.querySelector("#path-from").value`, &from)
		if from != "James Clapper" {
			t.Errorf("path form starts from %q, want James Clapper", from)
		}
		p.do(chromedp.SendKeys(chromedp.CSS("#path-to"), "Brussels"))
		p.wait("suggestions for Brussels", `document.querySelector('.path-form li[data-id="<place/brussels>"]')`)
		p.do(chromedp.Click(chromedp.CSS(`.path-form li[data-id="<place/brussels>"]`)), chromedp.Click(chromedp.CSS("#path-find")))
		p.wait("paths", `document.querySelector(".path-card")`)
		var res struct {
			Paths, Hops, Sentences int
			Texts                  []string
			OnCanvas               bool
		}
		p.eval(`(() => { const hops = [...document.querySelectorAll(".path-card .hop")];
			return {paths: document.querySelectorAll(".path-card").length, hops: hops.length,
				sentences: hops.filter(h => h.querySelector(".sentence") && h.querySelector(".sentence").textContent.length > 20).length,
				texts: hops.map(h => h.querySelector(".sentence") ? h.querySelector(".sentence").textContent : ""),
				onCanvas: explorer.cy.getElementById("<place/brussels>").hasClass("path")}; })()`, &res)
		if res.Paths == 0 || res.Hops < 3 {
			t.Fatalf("%d paths with %d hops", res.Paths, res.Hops)
		}
		if res.Sentences != res.Hops {
			t.Errorf("%d of %d hops cite a sentence: %q", res.Sentences, res.Hops, res.Texts)
		}
		if !res.OnCanvas {
			t.Error("the path is not drawn on the canvas")
		}
		p.settle()
		p.shot("paths")
		// Open the evidence of the path's last hop: the view docs/explorer.png shows.
		p.do(chromedp.Click(chromedp.CSS(".path-card:first-child .hop:last-child .sentence")))
		p.wait("the hop's evidence", `document.querySelector('#panel-body[data-view="edge"] .article mark')`)
		p.settle()
		p.do(chromedp.Click(chromedp.CSS("#btn-fit")))
		p.settle()
		p.shot("path-evidence")
		if *updateGolden || os.Getenv("NEWSGRAPH_SCREENSHOT") != "" {
			p.screenshot(filepath.Join("..", "docs", "explorer.png"))
		}
	})

	t.Run("the timeline selects a dated attack", func(t *testing.T) {
		p := newPage(t, ctx)
		p.wait("timeline items", `document.querySelector('#timeline-axis .tl-item[data-id="<attack/2015-paris-attacks>"]')`)
		p.do(chromedp.Click(chromedp.CSS(`#timeline-axis .tl-item[data-id="<attack/2015-paris-attacks>"]`)))
		p.wait("the attack selected", `explorer.cy.getElementById("<attack/2015-paris-attacks>").selected()`)
		p.wait("its article", `document.querySelector('#panel-body[data-view="article"] .article mark')`)
		p.settle()
		p.shot("timeline")
	})

	t.Run("the query console draws nodes, and undo takes them away", func(t *testing.T) {
		p := newPage(t, ctx)
		var before int
		p.eval(`explorer.canvas.entities().length`, &before)
		p.do(chromedp.Click(chromedp.CSS("#btn-console")))
		p.wait("the console", `!document.querySelector("#console").hidden`)
		p.eval(`(() => { const q = document.querySelector("#console-query"); q.value = 'g.V("<org/islamic-state>").Out("<operates_in>").All()'; })()`, nil)
		p.do(chromedp.Click(chromedp.CSS("#console-run")))
		p.wait("the results", `document.querySelector("#console-status").textContent.includes("drawn")`)
		p.wait("the table", `document.querySelector("#console-results table")`)
		p.settle()
		p.shot("console")
		var after int
		p.eval(`explorer.canvas.entities().length`, &after)
		if after <= before {
			t.Fatalf("the console drew nothing: %d nodes before, %d after", before, after)
		}
		p.do(chromedp.Click(chromedp.CSS("#console-close")), chromedp.Click(chromedp.CSS("#btn-undo")))
		p.wait("undo", fmt.Sprintf(`explorer.canvas.entities().length === %d`, before))
		p.do(chromedp.Click(chromedp.CSS("#btn-redo")))
		p.wait("redo", fmt.Sprintf(`explorer.canvas.entities().length === %d`, after))
		p.settle()
		// GraphQL names nodes without brackets; they are drawn all the same.
		p.do(chromedp.Click(chromedp.CSS("#btn-console")))
		p.eval(`(() => { const l = document.querySelector("#console-lang"); l.value = "graphql"; l.dispatchEvent(new Event("change"));
			document.querySelector("#console-query").value = '{ nodes(id: "<org/islamic-state>") { id operates_in { id } } }'; })()`, nil)
		p.do(chromedp.Click(chromedp.CSS("#console-run")))
		p.wait("GraphQL results drawn", `/drawn/.test(document.querySelector("#console-status").textContent) && explorer.cy.getElementById("<place/iraq>").nonempty()`)
		p.do(chromedp.Click(chromedp.CSS("#console-close")))
		p.settle()
	})

	t.Run("a share link restores the view", func(t *testing.T) {
		p := newPage(t, ctx)
		p.eval(`(() => { const r = document.querySelector("#filter-conf"); r.value = "0.5"; r.dispatchEvent(new Event("input")); })()`, nil)
		var before map[string][]float64
		p.eval(`Object.fromEntries(explorer.canvas.entities().map(n => [n.id(), [n.position("x"), n.position("y")]]))`, &before)
		p.do(chromedp.Click(chromedp.CSS("#btn-share")))
		p.wait("the share dialog", `document.querySelector("#share").open`)
		var link string
		p.eval(`document.querySelector("#share-url").value`, &link)
		if !strings.HasPrefix(link, srv.URL) || !strings.Contains(link, "#view=") {
			t.Fatalf("share link %q", link)
		}
		p.do(chromedp.Navigate("about:blank"), chromedp.Navigate(link))
		p.wait("the page to start", `document.body.dataset.ready === "true"`)
		p.settle()
		var after map[string][]float64
		p.eval(`Object.fromEntries(explorer.canvas.entities().map(n => [n.id(), [n.position("x"), n.position("y")]]))`, &after)
		if len(after) != len(before) || len(before) < 10 {
			t.Fatalf("restored %d nodes, had %d", len(after), len(before))
		}
		for id, a := range before {
			b, ok := after[id]
			if !ok {
				t.Errorf("%s is missing", id)
				continue
			}
			if d := (a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]); d > 1 {
				t.Errorf("%s moved from %v to %v", id, a, b)
			}
		}
		var conf string
		p.eval(`document.querySelector("#filter-conf").value`, &conf)
		if conf != "0.5" {
			t.Errorf("minimum confidence restored as %q, want 0.5", conf)
		}
		p.eval(`(() => { const r = document.querySelector("#filter-conf"); r.value = "0"; r.dispatchEvent(new Event("input")); })()`, nil)
	})

	t.Run("keyboard: help, search, delete, undo and redo", func(t *testing.T) {
		p := newPage(t, ctx)
		p.eval(`document.activeElement && document.activeElement.blur()`, nil)
		p.do(chromedp.KeyEvent("?"))
		p.wait("the shortcuts", `document.querySelector("#help").open`)
		p.do(chromedp.KeyEvent(kb.Escape))
		p.wait("the shortcuts closed", `!document.querySelector("#help").open`)
		p.do(chromedp.KeyEvent("/"))
		p.wait("the search focused", `document.activeElement.id === "search"`)
		p.eval(`document.activeElement.blur()`, nil)
		var n int
		p.eval(`explorer.canvas.entities().length`, &n)
		p.eval(`explorer.cy.$(":selected").unselect(), explorer.canvas.entities().filter(x => x.id() !== "<person/james-clapper>")[0].select(), true`, nil)
		p.do(chromedp.KeyEvent(kb.Delete))
		p.wait("the node deleted", fmt.Sprintf(`explorer.canvas.entities().length === %d`, n-1))
		p.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		p.wait("undo", fmt.Sprintf(`explorer.canvas.entities().length === %d`, n))
		p.do(chromedp.KeyEvent("z", chromedp.KeyModifiers(chromedp.ModifierCtrl, chromedp.ModifierShift)))
		p.wait("redo", fmt.Sprintf(`explorer.canvas.entities().length === %d`, n-1))
		p.do(chromedp.KeyEvent("f"))
		p.settle()
	})

	t.Run("the PNG export is an image", func(t *testing.T) {
		p := newPage(t, ctx)
		p.do(chromedp.Click(chromedp.CSS("#btn-export")), chromedp.Click(chromedp.CSS(`[data-export="png"]`)))
		data := waitDownload(t, filepath.Join(downloads, "newsgraph.png"))
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("the export is not a PNG: %v", err)
		}
		if b := img.Bounds(); b.Dx() < 200 || b.Dy() < 100 {
			t.Errorf("PNG is %v", b)
		}
	})

	t.Run("the JSON, CSV and GraphML exports hold the canvas", func(t *testing.T) {
		p := newPage(t, ctx)
		var nodes, edges int
		p.eval(`explorer.canvas.entities().length`, &nodes)
		p.eval(`explorer.canvas.relations().length`, &edges)
		get := func(kind, name string) []byte {
			p.do(chromedp.Click(chromedp.CSS("#btn-export")), chromedp.Click(chromedp.CSS(`[data-export="`+kind+`"]`)))
			return waitDownload(t, filepath.Join(downloads, name))
		}
		var js struct {
			Nodes []struct{ ID, Label, Type string }
			Edges []struct{ Source, Target, Predicate string }
		}
		if err := json.Unmarshal(get("json", "newsgraph.json"), &js); err != nil || len(js.Nodes) != nodes || len(js.Edges) != edges {
			t.Errorf("JSON: %d nodes, %d edges (%v); want %d, %d", len(js.Nodes), len(js.Edges), err, nodes, edges)
		}
		for kind, want := range map[string]int{"csv-nodes": nodes, "csv-edges": edges} {
			rows, err := csv.NewReader(bytes.NewReader(get(kind, "newsgraph-"+strings.TrimPrefix(kind, "csv-")+".csv"))).ReadAll()
			if err != nil || len(rows) != want+1 {
				t.Errorf("%s: %d rows (%v), want %d and a header", kind, len(rows), err, want)
			}
		}
		var gml struct {
			Graph struct {
				Nodes []struct {
					ID string `xml:"id,attr"`
				} `xml:"node"`
				Edges []struct {
					Source string `xml:"source,attr"`
				} `xml:"edge"`
			} `xml:"graph"`
		}
		if err := xml.Unmarshal(get("graphml", "newsgraph.graphml"), &gml); err != nil || len(gml.Graph.Nodes) != nodes || len(gml.Graph.Edges) != edges {
			t.Errorf("GraphML: %d nodes, %d edges (%v)", len(gml.Graph.Nodes), len(gml.Graph.Edges), err)
		}
	})

	t.Run("a claim two articles report lists each source's sentence", func(t *testing.T) {
		p := newPage(t, ctx)
		p.eval(`explorer.focusNode({id: "<claim/islamic-state-has-jihadist-cells-in-the-united-kingdom-germany-and-italy>"}), true`, nil)
		p.wait("the reports", `document.querySelector('#panel-body .reports[data-sources="2"]')`)
		var got struct {
			Title  string
			Quotes []string
		}
		p.eval(`({title: document.querySelector("#panel-body .reports h2").textContent,
			quotes: [...document.querySelectorAll("#panel-body .report-list .quote")].map(q => q.textContent)})`, &got)
		if got.Title != "Reported by 2 sources" || len(got.Quotes) != 2 || !strings.Contains(got.Quotes[0], "Clapper") || !strings.Contains(got.Quotes[1], "Britain, Germany and Italy") {
			t.Errorf("reports section: %+v", got)
		}
		p.shot("reports")
	})

	t.Run("an article ingested while the page is open shows as new facts", func(t *testing.T) {
		p := newPage(t, ctx)
		text := "Belgian prosecutors on Friday charged a man with helping the Brussels bombers, a spokesman for the federal prosecutor's office said. Police arrested him in Molenbeek on Thursday."
		rep, err := store.Ingest(context.Background(), graph.IngestDoc{ID: "live-brussels", Text: text, Published: "2016-04-08"})
		if err != nil || rep.Status != "new" {
			t.Fatalf("ingest: %+v, %v", rep, err)
		}
		p.eval(`explorer.checkNews(), true`, nil)
		p.wait("the notice", `!document.querySelector("#news").hidden && /new fact|changed/.test(document.querySelector("#news").textContent)`)
		var notice string
		p.eval(`document.querySelector("#news").textContent`, &notice)
		if !strings.Contains(notice, "live-brussels") {
			t.Errorf("notice %q does not name the new article", notice)
		}
		p.do(chromedp.Click(chromedp.CSS("#news button.primary")))
		p.wait("the filters know the article", `[...document.querySelectorAll("#filter-doc option")].some(o => o.value === "live-brussels") && document.querySelector("#news").hidden`)
		var options int
		p.eval(`document.querySelectorAll("#filter-doc option").length`, &options)
		st, _ := store.ExploreStats(context.Background())
		if options != len(st.Documents)+1 {
			t.Errorf("%d document options, want %d (no duplicates)", options, len(st.Documents)+1)
		}
	})

	t.Run("markup in an article and a label is shown as text and runs nothing", func(t *testing.T) {
		p := newPage(t, ctx)
		loadXSS(t, store)
		p.do(chromedp.Click(chromedp.CSS("#btn-clear")))
		p.wait("an empty canvas", `explorer.canvas.entities().length === 0`)
		p.do(chromedp.SendKeys(chromedp.CSS("#search"), "xss probe"))
		p.wait("the probe suggested", `document.querySelector('#search-results li[data-id^="<claim/xss-probe"]')`)
		var inList int
		p.eval(`document.querySelectorAll("#search-results img, #search-results script").length`, &inList)
		if inList != 0 {
			t.Errorf("the suggestions hold %d elements made from the label", inList)
		}
		p.do(chromedp.Click(chromedp.CSS(`#search-results li[data-id^="<claim/xss-probe"]`)))
		p.wait("the probe on the canvas", `explorer.canvas.entities().length === 1`)
		p.settle()
		var id string
		p.eval(`explorer.canvas.entities()[0].id()`, &id)
		x, y := p.nodeXY(id)
		p.do(chromedp.MouseClickXY(x, y), chromedp.MouseClickXY(x, y, chromedp.ClickCount(2)))
		p.wait("its stated edge", `explorer.cy.edges('[label = "stated"]').length === 1`)
		p.settle()
		p.clickEdge(`[label = "stated"]`)
		p.wait("the article", `document.querySelector('#panel-body[data-view="edge"] .article mark')`)
		var got struct {
			Mark, Title, Article string
			Elements             int
			XSS                  any
		}
		p.eval(`({mark: document.querySelector("#panel-body .article mark").textContent,
			title: document.querySelector("#panel-body .edge-title").textContent,
			article: document.querySelector("#panel-body .article").textContent,
			elements: document.querySelectorAll("#panel img, #panel script, #timeline img, #cy img").length,
			xss: window.__xss === undefined ? null : window.__xss})`, &got)
		if !strings.Contains(got.Mark, "<script>window.__xss=1</script>") || !strings.Contains(got.Mark, `<img src=x onerror="window.__xss=2">`) {
			t.Errorf("the sentence is not shown as text: %q", got.Mark)
		}
		if !strings.Contains(got.Title, "<img src=x onerror=window.__xss=3>") {
			t.Errorf("the claim's label is not shown as text: %q", got.Title)
		}
		p.shot("xss")
		if !strings.Contains(got.Article, "Security probe.") {
			t.Errorf("article text %q", got.Article)
		}
		if got.Elements != 0 || got.XSS != nil {
			t.Errorf("markup became elements (%d) or ran (window.__xss = %v)", got.Elements, got.XSS)
		}
	})

	// The page must run under its CSP without a violation or an exception.
	checkLogs()
}
