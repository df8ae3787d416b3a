package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestQueryEndpoint(t *testing.T) {
	e := seededServer(t)
	const form = "application/x-www-form-urlencoded" // what Cayley clients and curl send
	tests := []struct {
		name, method, target, contentType, body string
		wantCode                                int
		want                                    []string
	}{
		{"clapper's claims", "POST", "/api/v1/query/gizmo", form,
			`g.V("<person/james-clapper>").Out("<stated>").Out("<text>").All()`, 200,
			[]string{`"result":[`, "United Kingdom, Germany, and Italy"}},
		{"brussels location", "POST", "/api/v1/query/gizmo", form,
			`g.V("<attack/2016-brussels-bombings>").Out("<attack_location>").All()`, 200, []string{`place/brussels`}},
		{"brussels toll", "POST", "/api/v1/query/gizmo", form,
			`g.V("<attack/2016-brussels-bombings>").Out("<killed>").All()`, 200, []string{`{"result":[{"id":34}]}`}},
		{"islamic state perpetrated paris", "POST", "/api/v1/query/gizmo", form,
			`g.V("<org/islamic-state>").In("<perpetrator>").All()`, 200, []string{`attack/2015-paris-attacks`}},
		{"no result is null, as in Cayley", "POST", "/api/v1/query/gizmo", form,
			`g.V("<nobody>").Out("<x>").All()`, 200, []string{`{"result":null}`}},
		{"limit from the URL", "POST", "/api/v1/query/gizmo?limit=2", form,
			`g.V().Has("<type>", "<Person>").All()`, 200, []string{`"result":[{`}},
		{"syntax error quotes the parser", "POST", "/api/v1/query/gizmo", form,
			`g.V(`, 400, []string{`"error":"SyntaxError`, "Unexpected end of input"}},
		{"unknown language", "POST", "/api/v1/query/sparql", form, `SELECT *`, 400, []string{`"error":"unknown query language \"sparql\"`}},
		{"empty query", "POST", "/api/v1/query/gizmo", form, ``, 400, []string{`"error":"query is empty"`}},
		{"bad limit names the field", "POST", "/api/v1/query/gizmo?limit=ten", form, `g.V().All()`, 400, []string{`"error":"limit: want an integer`}},
		{"v2 query by POST", "POST", "/api/v2/query?lang=gizmo", "text/plain",
			`g.V("<attack/2016-brussels-bombings>").Out("<killed>").All()`, 200, []string{`{"result":[{"id":34}]}`}},
		{"v2 query by GET", "GET", `/api/v2/query?lang=gizmo&qu=` + strings.ReplaceAll(`g.V("<org/islamic-state>").In("<perpetrator>").All()`, `"`, "%22"), "", "", 200, []string{"attack/2015-paris-attacks"}},
		{"v2 needs a language", "POST", "/api/v2/query", "text/plain", `g.V().All()`, 400, []string{`"error":"lang: query language not specified"`}},
		{"graphql", "POST", "/api/v1/query/graphql", form,
			`{ attack(id: <attack/2016-brussels-bombings>) { killed: <killed> } }`, 200, []string{`{"data":{"attack":{"killed":34}}}`}},
		{"graphql error", "POST", "/api/v1/query/graphql", form, `{ attack(`, 400, []string{`"errors":[{"message":`}},
		{"mql", "POST", "/api/v1/query/mql", form,
			`[{"id": "<attack/2016-brussels-bombings>", "<killed>": null}]`, 200, []string{`"\u003ckilled\u003e":"34"`}},
		{"evidence of an edge", "GET", `/api/evidence?subject=%3Cattack/2016-brussels-bombings%3E&predicate=%3Ckilled%3E&object=%2234%22%5E%5E%3Chttp://schema.org/Integer%3E`, "", "", 200,
			[]string{`"sentence":"34 people were killed in the bombings."`, `"method":"curated"`}},
		{"evidence needs its fields", "GET", `/api/evidence?subject=x`, "", "", 400, []string{`predicate: required`}},
		{"evidence of a missing edge", "GET", `/api/evidence?subject=a&predicate=b&object=c`, "", "", 404, []string{`not found`}},
		{"stats", "GET", "/api/stats", "", "", 200, []string{`"quads":`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := do(t, e, tt.method, tt.target, tt.contentType, tt.body)
			if code != tt.wantCode {
				t.Errorf("HTTP %d, want %d: %s", code, tt.wantCode, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body %s\nwant it to contain %s", body, w)
				}
			}
			if !strings.HasPrefix(strings.TrimSpace(body), "{") {
				t.Errorf("body is not a JSON object: %s", body)
			}
		})
	}
}

func TestWriteAndDeleteV1(t *testing.T) {
	e := seededServer(t)
	const form = "application/x-www-form-urlencoded"
	quads := `[{"subject":"<person/test-person>","predicate":"<leads>","object":"<org/islamic-state>","label":"<doc/test>"}]`
	steps := []struct {
		name, target, body string
		wantCode           int
		want               string
	}{
		{"write", "/api/v1/write", quads, 200, `{"result":"Successfully wrote 1 quads."}`},
		{"read it back", "/api/v1/query/gizmo", `g.V("<org/islamic-state>").In("<leads>").All()`, 200, `person/test-person`},
		{"delete", "/api/v1/delete", quads, 200, `{"result":"Successfully deleted 1 quads."}`},
		{"gone", "/api/v1/query/gizmo", `g.V("<person/test-person>").Out("<leads>").All()`, 200, `{"result":null}`},
		{"malformed JSON", "/api/v1/write", `[{"subject":`, 400, `"error":"body: want a JSON array`},
		{"quad without object", "/api/v1/write", `[{"subject":"<a>","predicate":"<b>"}]`, 400, `invalid quad at index 0`},
		{"v2 write N-Quads", "/api/v2/write", "<person/v2> <leads> <org/islamic-state> .\n", 200, `"count": 1`},
		{"v2 write with a bad third line writes nothing", "/api/v2/write",
			"<person/v2b> <leads> <org/a> .\n<person/v2b> <leads> <org/b> .\n<person/v2b> <leads .\n", 400, `quad 3`},
		{"nothing of it is there", "/api/v1/query/gizmo", `g.V("<person/v2b>").Out("<leads>").All()`, 200, `{"result":null}`},
		{"v2 delete", "/api/v2/delete", "<person/v2> <leads> <org/islamic-state> .\n", 200, `"count": 1`},
		{"v2 node delete", "/api/v2/node/delete", "<person/james-clapper>", 200, `Successfully deleted`},
		{"v2 node delete of an unknown node", "/api/v2/node/delete", "<person/nobody-at-all>", 404, `not found`},
		{"v2 node delete with an empty body", "/api/v2/node/delete", "", 400, `"error"`},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			ct := form
			if strings.HasPrefix(s.target, "/api/v2") && s.target != "/api/v2/node/delete" {
				ct = "application/n-quads"
			}
			code, body := do(t, e, http.MethodPost, s.target, ct, s.body)
			if code != s.wantCode || !strings.Contains(body, s.want) {
				t.Errorf("HTTP %d %s; want %d containing %s", code, body, s.wantCode, s.want)
			}
		})
	}
}
