package web

import (
	"encoding/json"
	"net/url"
	"os"
	"strings"
	"testing"

	"newsgraph/graph"
)

// TestCurationOfAnIngestedArticle is the investigation workflow of issue 7
// through the HTTP API: ingest an article the seeds do not have (a
// briefing note, a style unlike the seeds' news reports, about their
// Brussels attacks), see its facts in the explorer, reject one and see it
// hidden (also after the article is ingested again, edited), merge two
// entities and unmerge them, and read all of it back from the audit log.
func TestCurationOfAnIngestedArticle(t *testing.T) {
	e := seededServer(t)
	text, err := os.ReadFile("testdata/curation_briefing.txt")
	if err != nil {
		t.Fatal(err)
	}
	const id = "curation-briefing"
	ingest := func(text string) {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"id": id, "text": text, "published": "2016-04-12"})
		if code, res := do(t, e, "POST", "/api/v1/documents", "application/json", string(body)); code != 201 && code != 200 {
			t.Fatalf("ingest: %d %s", code, res)
		}
	}
	document := func() graph.Document {
		t.Helper()
		code, res := do(t, e, "GET", "/api/explore/document?id="+id, "", "")
		var d graph.Document
		if code != 200 || json.Unmarshal([]byte(res), &d) != nil {
			t.Fatalf("document: %d %s", code, res)
		}
		return d
	}
	ingest(string(text))

	// The new facts are in the explorer; take the perpetrator of the attack.
	var fact *graph.DocFact
	for _, f := range document().Facts {
		if f.Predicate == "<perpetrator>" {
			fact = &f
			break
		}
	}
	if fact == nil {
		t.Fatalf("no perpetrator among the facts of %s: %+v", id, document().Facts)
	}
	edge := edgeURL(fact.Subject, fact.Predicate, fact.Object)
	if code, res := do(t, e, "GET", edge, "", ""); code != 200 || !strings.Contains(res, id) {
		t.Fatalf("the new fact as an edge: %d %s", code, res)
	}
	ref, _ := json.Marshal(graph.FactRef{Subject: fact.Subject, Predicate: fact.Predicate, Object: fact.Object, Doc: id})

	hidden := func(when string) {
		t.Helper()
		for _, f := range document().Facts {
			if f.Subject == fact.Subject && f.Predicate == fact.Predicate && f.Object == fact.Object {
				t.Errorf("%s: the article still lists the rejected fact", when)
			}
		}
		if code, res := do(t, e, "GET", edge, "", ""); code == 200 && strings.Contains(res, `"`+id+`"`) {
			t.Errorf("%s: the edge still cites %s: %s", when, id, res)
		}
		q := `g.V("` + fact.Subject + `").LabelContext("<doc/` + id + `>").Out("` + fact.Predicate + `").All()`
		if _, res := do(t, e, "POST", "/api/v1/query/gizmo", "text/plain", q); strings.Contains(res, strings.Trim(fact.Object, "<>")) {
			t.Errorf("%s: a query sees it: %s", when, res)
		}
	}
	if code, res := do(t, e, "POST", "/api/curation/reject", "application/json", string(ref)); code != 200 {
		t.Fatalf("reject: %d %s", code, res)
	}
	hidden("after reject")
	ingest(string(text) + "\nUpdate, 13 April: the committee will hear the prosecutors next week.\n")
	hidden("after the edited article is ingested again")

	merge := `{"into": "<attack/2016-brussels-bombings>", "from": "<attack/brussels-bombings>"}`
	if code, res := do(t, e, "POST", "/api/curation/merge", "application/json", merge); code != 200 {
		t.Fatalf("merge: %d %s", code, res)
	}
	if code, res := do(t, e, "GET", "/api/explore/node?id="+url.QueryEscape("<attack/2016-brussels-bombings>"), "", ""); code != 200 || !strings.Contains(res, "Brussels bombings") {
		t.Errorf("after merge: %d %s", code, res)
	}
	if code, res := do(t, e, "POST", "/api/curation/unmerge", "application/json", merge); code != 200 {
		t.Fatalf("unmerge: %d %s", code, res)
	}
	if code, res := do(t, e, "GET", "/api/explore/node?id="+url.QueryEscape("<attack/brussels-bombings>"), "", ""); code != 200 || strings.Contains(res, `"degree":0`) {
		t.Errorf("after unmerge: %d %s", code, res)
	}

	code, res := do(t, e, "GET", "/api/curation/log", "", "")
	var log struct{ Entries []graph.AuditEntry }
	if code != 200 || json.Unmarshal([]byte(res), &log) != nil {
		t.Fatalf("log: %d %s", code, res)
	}
	var got []string
	for _, en := range log.Entries {
		got = append(got, en.Actor+" "+en.Action)
	}
	if want := "tester unmerge|tester merge|tester reject"; strings.Join(got, "|") != want {
		t.Errorf("audit log %q, want %q", strings.Join(got, "|"), want)
	}
	if len(log.Entries) == 3 && !strings.Contains(string(log.Entries[2].Before), id) {
		t.Errorf("the rejection's before %s does not name the article", log.Entries[2].Before)
	}
}
