package graph

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"newsgraph/graph/extract"
	"newsgraph/seeds"
)

// The loaders must never panic, must refuse bad input with ErrInvalid (and a
// line number), and must leave the store unchanged when they refuse.

func FuzzLoadNQuads(f *testing.F) {
	f.Add([]byte("<a> <b> <c> .\n"))
	f.Add([]byte("<a> <b> \"lit\"@en <g> .\n# comment\n\n"))
	f.Add([]byte("<a> <b> \"1\"^^<http://schema.org/Integer> .\n<a> <b .\n"))
	f.Add([]byte("_:x <p> _:y .\n\xff\xfe\n"))
	f.Add([]byte{0x1f, 0x8b, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		s := openStore(t, "memory")
		ctx := context.Background()
		before, _ := s.Stats(ctx)
		_, err := s.LoadNQuads(ctx, "fuzz.nq", bytes.NewReader(data))
		if err != nil {
			after, _ := s.Stats(ctx)
			if after.Quads != before.Quads {
				t.Fatalf("refused input changed the store: %v", err)
			}
		}
	})
}

func FuzzLoadCurated(f *testing.F) {
	f.Add([]byte("subject\tpredicate\tobject\tdoc\tevidence\tnote\nJames Clapper\trole\tx\t000_166a56b2fb6beffc\tU.S. Director\t\n"))
	f.Add([]byte("subject\tpredicate\tobject\tdoc\tevidence\tnote\n2016 Brussels bombings\tkilled\t34\t001_bbfe1794f1e0f29f\t34 people were killed in the bombings.\t\n"))
	f.Add([]byte("subject\tpredicate\n\t\t\t\t\t\n"))
	f.Add([]byte("name\ttype\taliases\nX\tperson\tY|Z\n"))
	base := openStore(f, "memory")
	if _, err := base.Seed(context.Background(), seeds.FS); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		before, _ := base.Stats(ctx)
		_, err := base.LoadCurated(ctx, "fuzz.tsv", data)
		if err == nil {
			return // a valid file: idempotent loads keep later runs meaningful
		}
		var le *extract.LineError
		if !errors.Is(err, ErrInvalid) && !errors.As(err, &le) {
			t.Fatalf("refusal without ErrInvalid or a line: %v", err)
		}
		if after, _ := base.Stats(ctx); after.Quads != before.Quads {
			t.Fatalf("refused input changed the store: %v", err)
		}
	})
}

func FuzzLoadAliases(f *testing.F) {
	f.Add([]byte("name\ttype\taliases\nJane Roe\tperson\tRoe|Ms Roe\n"))
	f.Add([]byte("name\ttype\nX\tplanet\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := openStore(t, "memory")
		if _, err := s.LoadAliases(context.Background(), "fuzz.tsv", data); err != nil {
			var le *extract.LineError
			if !errors.As(err, &le) && !errors.Is(err, ErrInvalid) {
				t.Fatalf("refusal without a line: %v", err)
			}
		}
	})
}
