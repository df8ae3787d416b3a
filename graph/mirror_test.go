package graph

import (
	"context"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"newsgraph/seeds"
)

// TestMirror checks that a mirrored store answers like the backend, that its
// writes reach the disk, and that a reopened store sees them.
func TestMirror(t *testing.T) {
	for _, b := range backends[1:] { // bolt, postgres
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			db := b.db(t)
			s, err := OpenMirrored(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Seed(ctx, seeds.FS); err != nil {
				t.Fatal(err)
			}
			if s.durable == nil {
				t.Fatal("OpenMirrored did not mirror")
			}
			q := quad.Make(quad.IRI("person/mirror-test"), quad.IRI("leads"), quad.IRI("org/islamic-state"), nil)
			if _, err := s.WriteQuads(ctx, []quad.Quad{q}); err != nil {
				t.Fatal(err)
			}
			want := gizmo(t, s, `g.V("<org/islamic-state>").In("<leads>").All()`)
			if !strings.Contains(want, "mirror-test") {
				t.Fatalf("mirror misses the write: %s", want)
			}
			mem, _ := s.Stats(ctx)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			// The backend alone, then mirrored again, give the same answers.
			plain, err := Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			if got := gizmo(t, plain, `g.V("<org/islamic-state>").In("<leads>").All()`); got != want {
				t.Errorf("backend answers %s, mirror answered %s", got, want)
			}
			disk, _ := plain.Stats(ctx)
			if disk.Quads != mem.Quads {
				t.Errorf("backend has %d quads, the mirror had %d", disk.Quads, mem.Quads)
			}
			plain.Close()
			again, err := OpenMirrored(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer again.Close()
			if got := gizmo(t, again, `g.V("<org/islamic-state>").In("<leads>").All()`); got != want {
				t.Errorf("reopened mirror answers %s, want %s", got, want)
			}
		})
	}
}
