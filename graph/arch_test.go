package graph

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportBoundaries keeps the architecture honest: only graph (and its
// subpackages) imports Cayley; graph/extract is a leaf that imports neither
// Cayley nor any project package; imports point cmd → web → graph → extract.
func TestImportBoundaries(t *testing.T) {
	root := ".."
	imports := map[string][]string{} // package dir -> imports (test files included)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			imports[rel] = append(imports[rel], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 4 {
		t.Fatalf("found only %d packages; is the walk rooted right?", len(imports))
	}
	for dir, imps := range imports {
		for _, p := range imps {
			cayley := strings.HasPrefix(p, "github.com/cayleygraph/")
			project := p == "newsgraph" || strings.HasPrefix(p, "newsgraph/")
			switch {
			case cayley && !(dir == "graph" || strings.HasPrefix(dir, "graph/")):
				t.Errorf("%s imports %s: only graph may import Cayley", dir, p)
			case dir == "graph/extract" && (cayley || project):
				t.Errorf("graph/extract imports %s: it must be a leaf (no Cayley, no project package)", p)
			case strings.HasPrefix(dir, "graph") && (strings.HasPrefix(p, "newsgraph/web") || strings.HasPrefix(p, "newsgraph/cmd")):
				t.Errorf("%s imports %s: imports point cmd → web → graph", dir, p)
			case dir == "web" && strings.HasPrefix(p, "newsgraph/cmd"):
				t.Errorf("%s imports %s: imports point cmd → web → graph", dir, p)
			}
		}
	}
}
