package web

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"newsgraph/graph"
)

// TestCurationE2E curates through the side panel in Chromium: rejects an
// extracted edge (the page asks for the token once), restores it from the
// node's history, merges two attacks and unmerges them.
func TestCurationE2E(t *testing.T) {
	chrome := chromiumPath(t)
	store := e2eStore(t)
	srv := httptest.NewServer(New(store, testOptions))
	defer srv.Close()
	ctx, checkLogs := startChromium(t, chrome, 1440, 900, "")
	p := newPage(t, ctx)
	p.do(chromedp.EmulateViewport(1440, 900), chromedp.Navigate(srv.URL+"/"))
	p.wait("the page to start", `document.body.dataset.ready === "true"`)

	const abdeslam, dup, attack = "<person/salah-abdeslam>", "<attack/brussels-bombings>", "<attack/2016-brussels-bombings>"
	linked := graph.Edge{Subject: abdeslam, Predicate: "<linked_to>", Object: dup}
	bg := context.Background()

	t.Run("reject an edge, giving the token once", func(t *testing.T) {
		p := newPage(t, ctx)
		p.eval(fmt.Sprintf(`explorer.focusNode({id: %q}); explorer.expand(%q).then(() => true)`, abdeslam, abdeslam), nil)
		p.wait("the linked_to edge", fmt.Sprintf(`explorer.cy.edges('[label = "linked_to"][target = "%s"]').length === 1`, dup))
		p.settle()
		p.clickEdge(fmt.Sprintf(`[label = "linked_to"][target = "%s"]`, dup))
		p.wait("the edge's curation buttons", `document.querySelector('#panel-body[data-view="edge"] .curation .reject')`)
		clickInPanel(p, `#panel-body .curation .reject`)
		p.wait("the token dialog", `document.querySelector("#token-dialog[open]")`)
		p.do(chromedp.SendKeys(chromedp.CSS("#token-input"), testToken.Secret), chromedp.Click(chromedp.CSS("#token-ok")))
		p.wait("the edge off the canvas", fmt.Sprintf(`explorer.cy.edges('[label = "linked_to"][target = "%s"]').length === 0`, dup))
		p.wait("the node's history", `document.querySelector('#panel-body[data-view="node"] .history-list li[data-action="reject"]')`)
		p.shot("curation-reject")
		if _, err := store.EdgeDetail(bg, linked); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("the rejected edge: %v, want not found", err)
		}
		var who string
		p.eval(`document.querySelector('.history-list li[data-action="reject"] .audit-head').textContent`, &who)
		if !strings.Contains(who, testToken.Name) {
			t.Errorf("history entry %q does not name the token", who)
		}
	})

	t.Run("restore it from the history", func(t *testing.T) {
		p := newPage(t, ctx)
		clickInPanel(p, `.history-list li[data-action="reject"] .restore`)
		p.wait("the edge, confirmed", `document.querySelector('#panel-body[data-view="edge"] .badge.confirmed')`)
		var dialogs int
		p.eval(`document.querySelectorAll("#token-dialog[open]").length`, &dialogs)
		if dialogs != 0 {
			t.Error("the token was asked for again")
		}
		d, err := store.EdgeDetail(bg, linked)
		if err != nil || !d.Edge.Confirmed {
			t.Errorf("after restore: %+v, %v", d.Edge, err)
		}
	})

	t.Run("merge two attacks and unmerge them", func(t *testing.T) {
		p := newPage(t, ctx)
		p.eval(fmt.Sprintf(`explorer.focusNode({id: %q}); true`, dup), nil)
		p.wait("its panel", `document.querySelector('#panel-body[data-view="node"] #merge-open')`)
		clickInPanel(p, "#merge-open")
		p.do(chromedp.SendKeys(chromedp.CSS("#merge-into"), "2016 Brussels bombings"))
		p.wait("suggestions", fmt.Sprintf(`document.querySelector('.merge-form li[data-id="%s"]')`, attack))
		p.settle() // the last keystroke's suggestions, not an earlier one's
		p.wait("suggestions", fmt.Sprintf(`document.querySelector('.merge-form li[data-id="%s"]')`, attack))
		p.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`.merge-form li[data-id="%s"]`, attack))))
		clickInPanel(p, "#merge-go")
		p.wait("the merge in the history", `document.querySelector('#panel-body[data-view="node"] .history-list li[data-action="merge"] .unmerge')`)
		p.shot("curation-merge")
		n, err := store.Node(bg, attack)
		if err != nil || !hasString(n.Aliases, "Brussels bombings") {
			t.Errorf("after merge: aliases %v, %v", n.Aliases, err)
		}
		clickInPanel(p, `.history-list li[data-action="merge"] .unmerge`)
		p.wait("the unmerge in the history", `document.querySelector('#panel-body[data-view="node"] .history-list li[data-action="unmerge"]')`)
		p.wait("the attack back on the canvas", fmt.Sprintf(`explorer.cy.getElementById(%q).nonempty()`, dup))
		if d, err := store.EdgeDetail(bg, linked); err != nil || !d.Edge.Confirmed {
			t.Errorf("after unmerge: %+v, %v", d.Edge, err)
		}
	})

	log, err := store.AuditLog(bg, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range log {
		got = append(got, e.Actor+":"+e.Action)
	}
	if want := "tester:unmerge tester:merge tester:accept tester:reject"; strings.Join(got, " ") != want {
		t.Errorf("audit log %v, want %s", got, want)
	}
	checkLogs()
}

// clickInPanel brings an element of the side panel into view, waits until
// nothing (a toast) covers it, and clicks it.
func clickInPanel(p *page, sel string) {
	p.t.Helper()
	p.settle() // the panel may be drawn again once the requests in flight are answered
	p.wait(sel+" in view and uncovered", fmt.Sprintf(`(() => { const b = document.querySelector(%q); if (!b) return false;
		b.scrollIntoView({block: "center"}); const r = b.getBoundingClientRect();
		return b.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)); })()`, sel))
	p.do(chromedp.Click(chromedp.CSS(sel)))
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
