package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"newsgraph/graph"
)

const linkedFact = `{"subject": "<person/salah-abdeslam>", "predicate": "<linked_to>", "object": "<attack/brussels-bombings>", "doc": "001_bbfe1794f1e0f29f"}`

func edgeURL(subject, predicate, object string) string {
	return "/api/explore/edge?subject=" + url.QueryEscape(subject) + "&predicate=" + url.QueryEscape(predicate) + "&object=" + url.QueryEscape(object)
}

// TestCurationAPI rejects, accepts, edits, merges and unmerges through the
// router and reads it all back from the audit log.
func TestCurationAPI(t *testing.T) {
	e := seededServer(t)
	linkedEdge := edgeURL("<person/salah-abdeslam>", "<linked_to>", "<attack/brussels-bombings>")
	steps := []struct {
		name, method, target, body string
		status                     int
		want                       []string // fragments of the answer
	}{
		{"the fact is an edge", "GET", linkedEdge, "", 200, []string{`"confirmed":false`}},
		{"reject", "POST", "/api/curation/reject", linkedFact, 200, []string{`"actor":"tester"`, `"action":"reject"`, `"status":"rejected"`}},
		{"the edge is gone", "GET", linkedEdge, "", 404, nil},
		{"the query does not see it", "POST", "/api/v1/query/gizmo", `g.V("<person/salah-abdeslam>").Out("<linked_to>").All()`, 200, nil},
		{"the evidence shows it rejected", "GET", "/api/evidence?subject=" + url.QueryEscape("<person/salah-abdeslam>") + "&predicate=" + url.QueryEscape("<linked_to>") + "&object=" + url.QueryEscape("<attack/brussels-bombings>"), "", 200, []string{`"status":"rejected"`}},
		{"reject again", "POST", "/api/curation/reject", linkedFact, 400, []string{"already rejected"}},
		{"accept", "POST", "/api/curation/accept", linkedFact, 200, []string{`"action":"accept"`, `"status":"curated"`}},
		{"the edge is back, confirmed", "GET", linkedEdge, "", 200, []string{`"confirmed":true`}},
		{"edit", "POST", "/api/curation/edit", strings.TrimSuffix(linkedFact, "}") + `, "new_object": "<attack/2016-brussels-bombings>"}`, 200, []string{`"action":"edit"`, `2016-brussels-bombings`}},
		{"the edited edge", "GET", edgeURL("<person/salah-abdeslam>", "<linked_to>", "<attack/2016-brussels-bombings>"), "", 200, []string{`"confirmed":true`}},
		{"merge", "POST", "/api/curation/merge", `{"into": "<attack/2016-brussels-bombings>", "from": "<attack/brussels-bombings>"}`, 200, []string{`"action":"merge"`, `"quads":["`}},
		{"the merged entity has nothing left but its history", "GET", "/api/explore/node?id=" + url.QueryEscape("<attack/brussels-bombings>"), "", 200, []string{`"aliases":[]`, `"degree":0`}},
		{"its name is an alias", "GET", "/api/explore/node?id=" + url.QueryEscape("<attack/2016-brussels-bombings>"), "", 200, []string{`Brussels bombings`}},
		{"unmerge", "POST", "/api/curation/unmerge", `{"from": "<attack/brussels-bombings>"}`, 200, []string{`"action":"unmerge"`, `"undoes":"\u003caudit/`}},
		{"the entity is back", "GET", "/api/explore/node?id=" + url.QueryEscape("<attack/brussels-bombings>"), "", 200, nil},
		{"history", "GET", "/api/curation/history?node=" + url.QueryEscape("<attack/brussels-bombings>"), "", 200, []string{`"action":"unmerge"`, `"action":"merge"`, `"undone_by":`, `"action":"reject"`}},
		{"log", "GET", "/api/curation/log?limit=2", "", 200, []string{`"action":"unmerge"`, `"action":"merge"`}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			ct := "application/json"
			if strings.Contains(st.target, "/query/") {
				ct = "text/plain"
			}
			code, body := do(t, e, st.method, st.target, ct, st.body)
			if code != st.status {
				t.Fatalf("%s %s = %d %s, want %d", st.method, st.target, code, body, st.status)
			}
			for _, w := range st.want {
				if !strings.Contains(body, w) {
					t.Errorf("answer lacks %q: %s", w, body)
				}
			}
			if st.name == "the query does not see it" && strings.Contains(body, "attack/brussels-bombings") {
				t.Errorf("the query sees the rejected fact: %s", body)
			}
		})
	}
	code, body := do(t, e, "GET", "/api/curation/log", "", "")
	var log struct{ Entries []graph.AuditEntry }
	if err := json.Unmarshal([]byte(body), &log); err != nil || code != 200 {
		t.Fatalf("log: %d %s", code, body)
	}
	var got []string
	for _, en := range log.Entries {
		got = append(got, en.Action)
		if en.Actor != testToken.Name || en.Time == "" || len(en.Before) == 0 || len(en.After) == 0 {
			t.Errorf("entry %+v", en)
		}
	}
	if strings.Join(got, " ") != "unmerge merge edit accept reject" {
		t.Errorf("log = %v", got)
	}
}

// TestCurationAPIErrors checks the statuses of bad requests: 400 naming
// the field, 404 for what is not in the graph, 401 without a token.
func TestCurationAPIErrors(t *testing.T) {
	e := seededServer(t)
	cases := []struct {
		name, method, target, body string
		status                     int
		want                       string
	}{
		{"not JSON", "POST", "/api/curation/reject", `[]`, 400, "body"},
		{"unknown field", "POST", "/api/curation/accept", `{"subj": "<person/x>"}`, 400, "subj"},
		{"no subject", "POST", "/api/curation/reject", `{"predicate": "<linked_to>", "object": "<place/x>"}`, 400, "subject"},
		{"no predicate", "POST", "/api/curation/accept", `{"subject": "<person/salah-abdeslam>", "object": "<place/x>"}`, 400, "predicate"},
		{"literal subject", "POST", "/api/curation/reject", `{"subject": "\"x\"", "predicate": "<linked_to>", "object": "<place/x>"}`, 400, "subject"},
		{"unknown edge", "POST", "/api/curation/reject", `{"subject": "<person/salah-abdeslam>", "predicate": "<linked_to>", "object": "<place/atlantis>"}`, 404, "not found"},
		{"edit without new object", "POST", "/api/curation/edit", linkedFact, 400, "new_object"},
		{"edit to an unknown node", "POST", "/api/curation/edit", strings.TrimSuffix(linkedFact, "}") + `, "new_object": "<attack/atlantis>"}`, 404, "new_object"},
		{"merge without into", "POST", "/api/curation/merge", `{"from": "<attack/brussels-bombings>"}`, 400, "into"},
		{"merge an unknown entity", "POST", "/api/curation/merge", `{"into": "<attack/2016-brussels-bombings>", "from": "<attack/atlantis>"}`, 404, "from"},
		{"merge across types", "POST", "/api/curation/merge", `{"into": "<attack/2016-brussels-bombings>", "from": "<place/brussels>"}`, 400, "from"},
		{"unmerge with no merge", "POST", "/api/curation/unmerge", `{"from": "<attack/brussels-bombings>"}`, 404, "no merge"},
		{"history without node", "GET", "/api/curation/history", "", 400, "node"},
		{"history of an unknown node", "GET", "/api/curation/history?node=" + url.QueryEscape("<person/nobody>"), "", 404, "not found"},
		{"log limit", "GET", "/api/curation/log?limit=x", "", 400, "limit"},
		{"log limit too big", "GET", "/api/curation/log?limit=5000", "", 400, "limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, body := do(t, e, c.method, c.target, "application/json", c.body)
			if code != c.status || !strings.Contains(body, c.want) || !strings.Contains(body, `"error"`) {
				t.Errorf("%d %s, want %d naming %q", code, body, c.status, c.want)
			}
		})
	}
	for _, path := range []string{"accept", "reject", "edit", "merge", "unmerge"} {
		t.Run("no token "+path, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/api/curation/"+path, strings.NewReader(linkedFact))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("%d %s, want 401", rec.Code, rec.Body)
			}
		})
	}
	if code, body := do(t, e, "GET", "/api/curation/log", "", ""); code != 200 || !strings.Contains(body, `"entries":[]`) {
		t.Errorf("refused requests wrote to the log: %d %s", code, body)
	}
}
