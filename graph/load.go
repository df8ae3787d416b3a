package graph

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// LoadReport says what loading one file did.
type LoadReport struct {
	File  string `json:"file"`
	Kind  string `json:"kind"`  // aliases, article, curated, nquads
	Quads int    `json:"quads"` // quads in the file (already present ones included)
	Facts int    `json:"facts"` // facts with evidence (curated or extracted)
}

// Input is one file to load: its name (for errors and kind) and its reader.
type Input struct {
	Name string
	Open func() (io.ReadCloser, error)
}

// FileInput makes an Input for a file on disk.
func FileInput(p string) Input {
	return Input{Name: p, Open: func() (io.ReadCloser, error) { return os.Open(p) }}
}

// FSInputs makes Inputs for files matching glob patterns in fsys.
func FSInputs(fsys fs.FS, patterns ...string) ([]Input, error) {
	var out []Input
	for _, pat := range patterns {
		names, err := fs.Glob(fsys, pat)
		if err != nil {
			return nil, fmt.Errorf("glob %s: %w", pat, err)
		}
		sort.Strings(names)
		for _, n := range names {
			n := n
			out = append(out, Input{Name: n, Open: func() (io.ReadCloser, error) { return fsys.Open(n) }})
		}
	}
	return out, nil
}

// kindOf tells what an input holds, from its name and, for .tsv, its header.
func kindOf(name string, head []byte) (string, error) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".nq"), strings.HasSuffix(lower, ".nq.gz"), strings.HasSuffix(lower, ".nquads"):
		return "nquads", nil
	case strings.HasSuffix(lower, ".txt"):
		return "article", nil
	case strings.HasSuffix(lower, ".tsv"):
		first := strings.ToLower(strings.SplitN(string(head), "\n", 2)[0])
		cols := strings.Split(strings.TrimSpace(first), "\t")
		switch {
		case len(cols) >= 2 && cols[0] == "name" && cols[1] == "type":
			return "aliases", nil
		case len(cols) >= 3 && cols[0] == "subject" && cols[1] == "predicate":
			return "curated", nil
		}
		return "", &extract.LineError{File: name, Line: 1, Err: fmt.Errorf("%w: unknown TSV header %q: want %q (curated) or %q (aliases)",
			ErrInvalid, first, strings.Join(curatedHeader, "\t"), strings.Join(extract.AliasHeader, "\t"))}
	}
	return "", Invalidf("%s: unknown file kind (want .nq, .nq.gz, .txt or .tsv)", name)
}

// loadOrder ranks kinds so entities and documents exist before the facts
// that refer to them.
var loadOrder = map[string]int{"aliases": 0, "article": 1, "nquads": 2, "curated": 3}

// Load loads files, each all-or-nothing: a file with one bad line adds
// nothing. Alias tables load first, then articles, N-Quads and curated
// files, and last the facts extracted from the articles (and from the
// documents the curated files cite), so that curated facts win over
// extracted ones. It stops at the first refused file; files loaded before it
// stay loaded.
func (s *Store) Load(ctx context.Context, inputs ...Input) ([]LoadReport, error) {
	type job struct {
		in   Input
		kind string
		data []byte
	}
	var jobs []job
	for _, in := range inputs {
		data, err := readInput(in)
		if err != nil {
			return nil, err
		}
		kind, err := kindOf(in.Name, data)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, job{in, kind, data})
	}
	sort.SliceStable(jobs, func(i, j int) bool { return loadOrder[jobs[i].kind] < loadOrder[jobs[j].kind] })
	var reports []LoadReport
	articles := map[string]int{} // document id -> index in reports, -1 if cited by a curated file
	var extractIDs []string
	for _, j := range jobs {
		var rep LoadReport
		var err error
		switch j.kind {
		case "aliases":
			rep, err = s.LoadAliases(ctx, j.in.Name, j.data)
		case "article":
			id := DocID(j.in.Name)
			rep, err = s.loadDocument(ctx, id, j.data)
			if err == nil {
				if _, dup := articles[id]; !dup {
					extractIDs = append(extractIDs, id)
				}
				articles[id] = len(reports)
			}
		case "curated":
			var docs []string
			rep, docs, err = s.loadCurated(ctx, j.in.Name, j.data)
			for _, id := range docs {
				if _, seen := articles[id]; !seen {
					articles[id] = -1
					extractIDs = append(extractIDs, id)
				}
			}
		case "nquads":
			rep, err = s.LoadNQuads(ctx, j.in.Name, bytes.NewReader(j.data))
		}
		if err != nil {
			return reports, err
		}
		rep.File = j.in.Name
		reports = append(reports, rep)
	}
	counts, err := s.extractDocs(ctx, extractIDs)
	for id, n := range counts {
		if i := articles[id]; i >= 0 {
			reports[i].Facts += n.facts
			reports[i].Quads += n.quads
		}
	}
	if err != nil {
		return reports, err
	}
	if len(extractIDs) > 0 {
		if err := s.corroborate(ctx, nil, extractIDs); err != nil {
			return reports, err
		}
	}
	return reports, nil
}

type extractCount struct{ facts, quads int }

// extractDocs extracts the facts of documents already in the store, in
// parallel, and replaces each one's extracted facts with them. It does
// nothing when extraction is off.
func (s *Store) extractDocs(ctx context.Context, ids []string) (map[string]extractCount, error) {
	counts := map[string]extractCount{}
	if s.noExtract || len(ids) == 0 {
		return counts, nil
	}
	x, err := s.newExtractor(ctx)
	if err != nil {
		return counts, err
	}
	docs := make([]extract.Doc, 0, len(ids))
	for _, id := range ids {
		text, err := s.DocumentText(ctx, id)
		if err != nil {
			return counts, fmt.Errorf("extract %s: %w", id, err)
		}
		s.mu.RLock()
		published, err := s.publishedOf(ctx, id)
		s.mu.RUnlock()
		if err != nil {
			return counts, fmt.Errorf("extract %s: %w", id, err)
		}
		docs = append(docs, extract.Doc{ID: id, Text: []byte(text), Published: published})
	}
	results, err := x.ExtractAll(ctx, docs)
	if err != nil {
		return counts, err
	}
	for i, r := range results {
		if r.Err != nil {
			return counts, fmt.Errorf("extract %s: %w", ids[i], r.Err)
		}
		facts, quads, err := s.storeExtracted(ctx, ids[i], r.Triples)
		if err != nil {
			return counts, err
		}
		counts[ids[i]] = extractCount{facts, quads}
	}
	return counts, nil
}

func readInput(in Input) ([]byte, error) {
	rc, err := in.Open()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", in.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", in.Name, err)
	}
	return data, nil
}

// DocID is a document's id: its file name without directory and ".txt".
func DocID(name string) string {
	return strings.TrimSuffix(filepath.Base(path.Clean(filepath.ToSlash(name))), ".txt")
}

// Seed loads the seed corpus (aliases.tsv, articles/*.txt, curated.tsv in
// fsys) into the store if it is empty, and reports whether it did.
func (s *Store) Seed(ctx context.Context, fsys fs.FS) (bool, error) {
	empty, err := s.Empty(ctx)
	if err != nil || !empty {
		return false, err
	}
	inputs, err := FSInputs(fsys, "aliases.tsv", "articles/*.txt", "curated.tsv")
	if err != nil {
		return false, err
	}
	if _, err := s.Load(ctx, inputs...); err != nil {
		return false, fmt.Errorf("seed: %w", err)
	}
	return true, nil
}

// entityQuads describes an entity: its type, canonical name and aliases.
// These quads have no label: they are not facts of one document.
func entityQuads(iri quad.IRI, typ, name string, aliases []string) []quad.Quad {
	t, _ := TypeIRI(typ)
	qs := []quad.Quad{
		{Subject: iri, Predicate: PredType, Object: t},
		{Subject: iri, Predicate: PredName, Object: quad.String(name)},
	}
	for _, a := range aliases {
		qs = append(qs, quad.Quad{Subject: iri, Predicate: PredAlias, Object: quad.String(a)})
	}
	return qs
}

// LoadAliases loads an alias table (see extract.ParseAliases). Every entity
// of the table gets its canonical name as an <alias> too, so that "has an
// alias" marks the entities a curator listed.
func (s *Store) LoadAliases(ctx context.Context, file string, data []byte) (LoadReport, error) {
	aliases, err := extract.ParseAliases(bytes.NewReader(data), file)
	if err != nil {
		return LoadReport{}, err
	}
	var quads []quad.Quad
	for _, a := range aliases {
		forms := append([]string{a.Name}, a.Forms...)
		quads = append(quads, entityQuads(EntityIRI(a.Type, a.Name), a.Type, a.Name, forms)...)
	}
	if err := s.write(ctx, quads); err != nil {
		return LoadReport{}, fmt.Errorf("load %s: %w", file, err)
	}
	return LoadReport{Kind: "aliases", Quads: len(quads)}, nil
}

// LoadArticle loads an article: the document node with its text, and the
// facts the extractor finds in it, each with its evidence. Loading an
// article again replaces its extracted facts.
func (s *Store) LoadArticle(ctx context.Context, id string, text []byte) (LoadReport, error) {
	rep, err := s.loadDocument(ctx, id, text)
	if err != nil {
		return rep, err
	}
	counts, err := s.extractDocs(ctx, []string{id})
	rep.Facts += counts[id].facts
	rep.Quads += counts[id].quads
	if err != nil {
		return rep, err
	}
	return rep, s.corroborate(ctx, nil, []string{id})
}

// loadDocument loads an article's document node and text.
func (s *Store) loadDocument(ctx context.Context, id string, text []byte) (LoadReport, error) {
	if id == "" || extract.Slug(id) == "" {
		return LoadReport{}, Invalidf("document id %q is empty", id)
	}
	if !utf8.Valid(text) {
		line := 1 + bytes.Count(text[:firstInvalidUTF8(text)], []byte("\n"))
		return LoadReport{}, &extract.LineError{File: id, Line: line, Err: Invalidf("not valid UTF-8")}
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return LoadReport{}, Invalidf("document %s is empty", id)
	}
	doc := DocIRI(id)
	hash := ContentHash(string(text))
	quads := []quad.Quad{
		{Subject: doc, Predicate: PredType, Object: TypeDocument},
		{Subject: doc, Predicate: PredName, Object: quad.String(id)},
		{Subject: doc, Predicate: PredContent, Object: quad.String(text), Label: doc},
		{Subject: doc, Predicate: PredContentHash, Object: quad.String(hash)},
	}
	if err := ctx.Err(); err != nil {
		return LoadReport{}, err
	}
	// An edited article replaces the old text (its facts are replaced when
	// it is extracted again).
	s.mu.Lock()
	defer s.mu.Unlock()
	old, err := s.quadsWith(ctx, quad.Subject, doc, nil)
	if err != nil {
		return LoadReport{}, fmt.Errorf("load %s: %w", id, err)
	}
	var remove []quad.Quad
	for _, q := range old {
		if (q.Predicate == PredContent || q.Predicate == PredContentHash) && q != quads[2] && q != quads[3] {
			remove = append(remove, q)
		}
	}
	if err := s.replace(remove, quads); err != nil {
		return LoadReport{}, fmt.Errorf("load %s: %w", id, err)
	}
	return LoadReport{Kind: "article", Quads: len(quads)}, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// factQuads turns one triple into quads: the fact itself (labelled with its
// document), its subject's and object's type and name, and its evidence node.
func factQuads(t extract.Triple, doc string) ([]quad.Quad, error) {
	if !extract.IsPredicate(t.Predicate) {
		return nil, Invalidf("unknown predicate %q", t.Predicate)
	}
	subjType, _, ok := strings.Cut(t.SubjectIRI, "/")
	if !ok || !extract.IsEntityType(subjType) {
		return nil, Invalidf("bad subject IRI %q", t.SubjectIRI)
	}
	subj := quad.IRI(t.SubjectIRI)
	pred := PredicateIRI(t.Predicate)
	obj, err := objectValue(t)
	if err != nil {
		return nil, err
	}
	label := DocIRI(doc)
	quads := []quad.Quad{{Subject: subj, Predicate: pred, Object: obj, Label: label}}
	quads = append(quads, entityQuads(subj, subjType, t.Subject, nil)...)
	if t.ObjectIRI != "" {
		objType, _, ok := strings.Cut(t.ObjectIRI, "/")
		if !ok || !extract.IsEntityType(objType) {
			return nil, Invalidf("bad object IRI %q", t.ObjectIRI)
		}
		quads = append(quads, entityQuads(quad.IRI(t.ObjectIRI), objType, t.Object, nil)...)
	}
	method := t.Rule
	if method == "" {
		method = MethodCurated
	}
	ev := evidenceIRI(subj, pred, obj, doc, t.Start, method)
	add := func(p quad.IRI, o quad.Value) {
		quads = append(quads, quad.Quad{Subject: ev, Predicate: p, Object: o, Label: label})
	}
	add(PredType, TypeEvidence)
	add(PredEvSubject, subj)
	add(PredEvPredicate, pred)
	add(PredEvObject, obj)
	add(PredEvDoc, label)
	add(PredEvSentence, quad.String(t.Evidence))
	add(PredEvStart, quad.Int(t.Start))
	add(PredEvEnd, quad.Int(t.End))
	add(PredEvMethod, quad.String(method))
	add(PredEvConfidence, quad.Float(t.Confidence))
	if t.Qualifier != "" {
		add(PredEvQualifier, quad.String(t.Qualifier))
	}
	if t.Quote {
		add(PredEvQuote, quad.Bool(true))
	}
	return quads, nil
}
