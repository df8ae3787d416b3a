package graph

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestSchemaDocExamples runs every ```gizmo block of docs/schema.md on the
// seeded store and checks the fragment on its "→" line is in the answer.
func TestSchemaDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../docs/schema.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)```gizmo\n(.*?)\n```\n→ `([^`]*)`")
	examples := re.FindAllStringSubmatch(string(doc), -1)
	if len(examples) < 5 {
		t.Fatalf("found %d examples in docs/schema.md, want at least 5", len(examples))
	}
	s := seeded(t, "memory")
	for _, ex := range examples {
		query, want := ex[1], ex[2]
		t.Run(query, func(t *testing.T) {
			got := strings.ReplaceAll(strings.ReplaceAll(gizmo(t, s, query), `\u003c`, "<"), `\u003e`, ">")
			if !strings.Contains(got, want) {
				t.Errorf("got %s\nwant it to contain %s", got, want)
			}
		})
	}
}
