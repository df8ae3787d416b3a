package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
)

// TestInvestigation is issue 7's end-to-end run through the HTTP API: a new
// article (written for this test, in wire style, about Clapper and the
// Manchester bombing) is ingested while the server runs, its facts show in
// the explorer API, a fact is rejected and stays hidden even when the
// article is ingested again, two entities are merged and unmerged, and the
// audit log gives all of it back.
func TestInvestigation(t *testing.T) {
	e := seededServer(t)
	text, err := os.ReadFile("testdata/ingest_manchester.txt")
	if err != nil {
		t.Fatal(err)
	}
	const id = "wire-manchester"
	const attack = "<attack/manchester-bombing>"
	get := func(t *testing.T, target string, v any) {
		t.Helper()
		code, body := do(t, e, http.MethodGet, target, "", "")
		if code != http.StatusOK {
			t.Fatalf("GET %s = %d %s", target, code, body)
		}
		if err := json.Unmarshal([]byte(body), v); err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
	}
	post := func(t *testing.T, target string, body any, want int) string {
		t.Helper()
		b, _ := json.Marshal(body)
		code, out := do(t, e, http.MethodPost, target, "application/json", string(b))
		if code != want {
			t.Fatalf("POST %s %s = %d %s, want %d", target, b, code, out, want)
		}
		return out
	}
	type neighbours struct {
		Edges []struct {
			Source, Target, Label string
			Docs                  []string
		}
	}
	hasEdge := func(n neighbours, label, target string) bool {
		for _, ed := range n.Edges {
			if ed.Label == label && ed.Target == target {
				return true
			}
		}
		return false
	}
	doc := map[string]string{"id": id, "text": string(text), "title": "Clapper: Europe still does not share enough intelligence",
		"outlet": "Wire", "published": "2017-05-24", "url": "https://example.org/wire/clapper-manchester"}

	t.Run("ingest", func(t *testing.T) {
		var rep struct {
			Status string
			Facts  int
		}
		json.Unmarshal([]byte(post(t, "/api/v1/documents", doc, http.StatusCreated)), &rep)
		if rep.Status != "new" || rep.Facts < 10 {
			t.Fatalf("ingest = %+v, want new with facts", rep)
		}
		json.Unmarshal([]byte(post(t, "/api/v1/documents", doc, http.StatusOK)), &rep)
		if rep.Status != "unchanged" {
			t.Errorf("the same article again: %+v, want unchanged", rep)
		}
	})
	t.Run("the new facts are in the explorer", func(t *testing.T) {
		var node struct {
			Docs       []string
			Properties []struct{ Label, Value string }
			Reports    []struct{ Doc string }
		}
		get(t, "/api/explore/node?id="+url.QueryEscape(attack), &node)
		props := map[string]string{}
		for _, p := range node.Properties {
			props[p.Label] = p.Value
		}
		if props["killed"] != "22" || props["occurred_on"] != "2017-05-22" || len(node.Reports) != 1 || node.Reports[0].Doc != id {
			t.Errorf("the attack: %+v", node)
		}
		var n neighbours
		get(t, "/api/explore/neighbours?id="+url.QueryEscape("<person/james-clapper>")+"&doc="+id, &n)
		if len(n.Edges) < 3 {
			t.Errorf("Clapper's edges from the new article: %+v, want his claims", n.Edges)
		}
		var st struct{ Documents []struct{ ID string } }
		get(t, "/api/explore/stats", &st)
		if !strings.Contains(mustJSON(st), id) {
			t.Errorf("stats do not list the new document: %+v", st)
		}
	})
	t.Run("reject a fact: hidden, and still after a re-ingest", func(t *testing.T) {
		post(t, "/api/curation/reject", map[string]string{"subject": attack, "predicate": "<perpetrator>", "object": "<org/islamic-state>", "doc": id}, http.StatusOK)
		hidden := func(t *testing.T) {
			var n neighbours
			get(t, "/api/explore/neighbours?id="+url.QueryEscape(attack), &n)
			if hasEdge(n, "perpetrator", "<org/islamic-state>") {
				t.Errorf("the rejected edge is still shown")
			}
			code, body := do(t, e, http.MethodPost, "/api/v1/query/gizmo", "", `g.V("`+attack+`").Out("<perpetrator>").All()`)
			if code != http.StatusOK || strings.Contains(body, "islamic-state") {
				t.Errorf("a query still finds the rejected fact: %d %s", code, body)
			}
		}
		hidden(t)
		edited := doc
		edited["text"] = strings.Replace(string(text), "police said", "police said late on Monday", 1)
		post(t, "/api/v1/documents", edited, http.StatusOK)
		hidden(t)
	})
	t.Run("merge and unmerge", func(t *testing.T) {
		from, into := "<org/amaq>", "<org/islamic-state>"
		post(t, "/api/curation/merge", map[string]string{"into": into, "from": from}, http.StatusOK)
		// the merged-away id keeps only its history (so that an old link
		// still explains where its facts went)
		var gone struct {
			Degree int
		}
		if code, body := do(t, e, http.MethodGet, "/api/explore/node?id="+url.QueryEscape(from), "", ""); code == http.StatusOK {
			json.Unmarshal([]byte(body), &gone)
			if gone.Degree != 0 {
				t.Errorf("merged-away node still has edges: %s", body)
			}
		} else if code != http.StatusNotFound {
			t.Errorf("merged-away node: %d %s", code, body)
		}
		var n struct{ Aliases []string }
		get(t, "/api/explore/node?id="+url.QueryEscape(into), &n)
		if !strings.Contains(strings.Join(n.Aliases, "|"), "Amaq") {
			t.Errorf("aliases after merge: %v, want Amaq among them", n.Aliases)
		}
		post(t, "/api/curation/unmerge", map[string]string{"into": into, "from": from}, http.StatusOK)
		get(t, "/api/explore/node?id="+url.QueryEscape(from), &n)
		get(t, "/api/explore/node?id="+url.QueryEscape(into), &n)
		if strings.Contains(strings.Join(n.Aliases, "|"), "Amaq") {
			t.Errorf("aliases after unmerge: %v, want no Amaq", n.Aliases)
		}
	})
	t.Run("the audit log has it all", func(t *testing.T) {
		var log struct {
			Entries []struct {
				Actor, Action, Time string
				Targets             []string
				Before, After       json.RawMessage
			}
		}
		get(t, "/api/curation/log", &log)
		actions := map[string]bool{}
		for _, en := range log.Entries {
			actions[en.Action] = true
			if en.Actor != testToken.Name || en.Time == "" || len(en.Before) == 0 || len(en.After) == 0 {
				t.Errorf("entry %+v: want actor, time, before and after", en)
			}
		}
		for _, a := range []string{"reject", "merge", "unmerge"} {
			if !actions[a] {
				t.Errorf("the log lacks %s: %+v", a, log.Entries)
			}
		}
		var h struct{ Entries []struct{ Action string } }
		get(t, "/api/curation/history?node="+url.QueryEscape("<org/islamic-state>"), &h)
		if len(h.Entries) < 2 {
			t.Errorf("Islamic State's history: %+v, want the merge and the unmerge", h.Entries)
		}
	})
	t.Run("Clapper's statement is one claim reported by 2 sources", func(t *testing.T) {
		var n struct {
			Reports []struct {
				Doc, Sentence string
				Speaker       struct{ ID string }
			}
		}
		get(t, "/api/explore/node?id="+url.QueryEscape("<claim/islamic-state-has-jihadist-cells-in-the-united-kingdom-germany-and-italy>"), &n)
		if len(n.Reports) != 2 {
			t.Fatalf("reports = %+v, want 2", n.Reports)
		}
		for _, r := range n.Reports {
			if r.Speaker.ID != "<person/james-clapper>" || r.Sentence == "" {
				t.Errorf("report %+v: want Clapper and the source sentence", r)
			}
		}
	})
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
