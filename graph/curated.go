package graph

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// curatedHeader is the header row of a curated file.
var curatedHeader = []string{"subject", "predicate", "object", "doc", "evidence", "note"}

// entityRef is what a name resolves to.
type entityRef struct {
	IRI  quad.IRI
	Type string
	Name string // canonical name
	// Listed is true for entities of an alias table: a name that several
	// entities share resolves to the one listed.
	Listed bool
}

// nameIndex maps folded names and aliases to the entities they name.
type nameIndex map[string][]entityRef

// foldName is the key of a name in a nameIndex: case, accents and spacing folded.
func foldName(name string) string { return extract.Slug(name) }

func (ix nameIndex) add(key string, ref entityRef) {
	k := foldName(key)
	for _, r := range ix[k] {
		if r.IRI == ref.IRI {
			return
		}
	}
	ix[k] = append(ix[k], ref)
}

// names builds the index of every entity's name and aliases in the store.
// The caller holds s.mu.
func (s *Store) names(ctx context.Context) (nameIndex, error) {
	ix := nameIndex{}
	canon := map[quad.IRI]entityRef{}
	nameQuads, err := s.quadsWith(ctx, quad.Predicate, PredName, nil)
	if err != nil {
		return nil, err
	}
	for _, q := range nameQuads {
		iri, ok := q.Subject.(quad.IRI)
		name, ok2 := q.Object.(quad.String)
		if !ok || !ok2 {
			continue
		}
		typ, _, _ := strings.Cut(string(iri), "/")
		if !extract.IsEntityType(typ) || typ == extract.TypeClaim {
			continue
		}
		ref := entityRef{IRI: iri, Type: typ, Name: string(name)}
		canon[iri] = ref
		ix.add(string(name), ref)
	}
	aliasQuads, err := s.quadsWith(ctx, quad.Predicate, PredAlias, nil)
	if err != nil {
		return nil, err
	}
	for _, q := range aliasQuads {
		iri, _ := q.Subject.(quad.IRI)
		if ref, found := canon[iri]; found {
			ref.Listed = true
			canon[iri] = ref
		}
	}
	for _, refs := range ix {
		for i, r := range refs {
			refs[i].Listed = canon[r.IRI].Listed
		}
	}
	for _, q := range aliasQuads {
		iri, _ := q.Subject.(quad.IRI)
		alias, ok := q.Object.(quad.String)
		if ref, found := canon[iri]; found && ok {
			ix.add(string(alias), ref)
		}
	}
	return ix, nil
}

// resolve finds the one entity a name refers to.
func (ix nameIndex) resolve(name string) (entityRef, error) {
	refs := ix[foldName(name)]
	switch len(refs) {
	case 0:
		return entityRef{}, Invalidf("unknown entity %q (add it to the alias table)", name)
	case 1:
		return refs[0], nil
	}
	var listed []entityRef
	for _, r := range refs {
		if r.Listed {
			listed = append(listed, r)
		}
	}
	if len(listed) == 1 {
		return listed[0], nil
	}
	var opts []string
	for _, r := range refs {
		opts = append(opts, "<"+string(r.IRI)+">")
	}
	return entityRef{}, Invalidf("%q names several entities: %s", name, strings.Join(opts, ", "))
}

// claimSubject reports whether pred's subject is a claim.
func claimSubject(pred string) bool {
	return pred == extract.PredText || pred == extract.PredReportedBy || pred == extract.PredAbout
}

// LoadCurated loads a curated TSV file: a header row (subject, predicate,
// object, doc, evidence, note), then one fact a line. Names resolve through
// the entities already in the store (load the alias table first); the
// object of "stated" and the subject of "text", "reported_by" and "about"
// are claims, named by a short summary. Every evidence sentence must occur in
// its document (whitespace normalised). One bad line refuses the whole file.
func (s *Store) LoadCurated(ctx context.Context, file string, data []byte) (LoadReport, error) {
	rep, docs, err := s.loadCurated(ctx, file, data)
	if err != nil {
		return rep, err
	}
	// Curated facts win: extract the cited documents again so that their
	// extracted claims fold into the curated ones.
	if _, err := s.extractDocs(ctx, docs); err != nil {
		return rep, err
	}
	return rep, nil
}

// loadCurated loads a curated file and returns the documents it cites.
func (s *Store) loadCurated(ctx context.Context, file string, data []byte) (LoadReport, []string, error) {
	s.mu.RLock()
	triples, err := s.parseCurated(ctx, file, data)
	s.mu.RUnlock()
	if err != nil {
		return LoadReport{}, nil, err
	}
	var quads []quad.Quad
	var docs []string
	seen := map[string]bool{}
	claimNames := map[quad.IRI]string{}
	for _, t := range triples {
		fq, err := factQuads(t.Triple, t.Doc)
		if err != nil {
			return LoadReport{}, nil, &extract.LineError{File: file, Line: t.line, Err: err}
		}
		quads = append(quads, fq...)
		if !seen[t.Doc] {
			seen[t.Doc] = true
			docs = append(docs, t.Doc)
		}
		if claimSubject(t.Predicate) {
			claimNames[quad.IRI(t.SubjectIRI)] = t.Subject
		} else if t.Predicate == extract.PredStated {
			claimNames[quad.IRI(t.ObjectIRI)] = t.Object
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// A claim's curated name replaces the one extraction gave it.
	var stale []quad.Quad
	for iri, name := range claimNames {
		names, err := s.quadsWith(ctx, quad.Subject, iri, PredName)
		if err != nil {
			return LoadReport{}, nil, err
		}
		for _, q := range names {
			if q.Object != quad.String(name) {
				stale = append(stale, q)
			}
		}
	}
	if err := s.replace(stale, quads); err != nil {
		return LoadReport{}, nil, fmt.Errorf("load %s: %w", file, err)
	}
	return LoadReport{Kind: "curated", Quads: len(quads), Facts: len(triples)}, docs, nil
}

type curatedTriple struct {
	extract.Triple
	line int
}

// parseCurated checks every line of a curated file. The caller holds s.mu.
func (s *Store) parseCurated(ctx context.Context, file string, data []byte) ([]curatedTriple, error) {
	ix, err := s.names(ctx)
	if err != nil {
		return nil, err
	}
	docs := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	var out []curatedTriple
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if col := extract.BadUTF8Field(text); col > 0 {
			return nil, &extract.LineError{File: file, Line: line, Col: col, Err: Invalidf("not valid UTF-8")}
		}
		if line == 1 {
			if !strings.HasPrefix(strings.ToLower(text), "subject\tpredicate\tobject") {
				return nil, &extract.LineError{File: file, Line: 1, Err: Invalidf("header must be %q", strings.Join(curatedHeader, "\t"))}
			}
			continue
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		t, col, err := s.curatedLine(ctx, text, ix, docs)
		if err != nil {
			return nil, &extract.LineError{File: file, Line: line, Col: col, Err: err}
		}
		out = append(out, curatedTriple{t, line})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	return out, nil
}

// curatedLine parses one line; on error it names the column (1-based field).
func (s *Store) curatedLine(ctx context.Context, text string, ix nameIndex, docs map[string]string) (extract.Triple, int, error) {
	f := strings.Split(text, "\t")
	if len(f) < 5 || len(f) > 6 {
		return extract.Triple{}, 0, Invalidf("want 5 or 6 tab-separated fields (%s), got %d", strings.Join(curatedHeader, ", "), len(f))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	subj, pred, obj, doc, evidence := f[0], f[1], f[2], f[3], f[4]
	for i, v := range f[:5] {
		if v == "" {
			return extract.Triple{}, i + 1, Invalidf("%s is empty", curatedHeader[i])
		}
	}
	if !extract.IsPredicate(pred) {
		return extract.Triple{}, 2, Invalidf("unknown predicate %q (want one of %s)", pred, strings.Join(extract.Predicates, ", "))
	}
	t := extract.Triple{Doc: doc, Predicate: pred, Rule: MethodCurated, Confidence: 1}
	// Subject.
	if claimSubject(pred) {
		t.Subject, t.SubjectIRI = subj, extract.IRI(extract.TypeClaim, subj)
	} else {
		ref, err := ix.resolve(subj)
		if err != nil {
			return extract.Triple{}, 1, err
		}
		t.Subject, t.SubjectIRI = ref.Name, string(ref.IRI)
	}
	// Object.
	switch {
	case pred == extract.PredStated:
		t.Object, t.ObjectIRI = obj, extract.IRI(extract.TypeClaim, obj)
	case extract.LiteralPredicates[pred]:
		t.Object = obj
		if pred == extract.PredKilled {
			if n, err := strconv.Atoi(obj); err != nil || n < 0 {
				return extract.Triple{}, 3, Invalidf("killed wants a whole number, got %q", obj)
			}
		}
	default:
		ref, err := ix.resolve(obj)
		if err != nil {
			return extract.Triple{}, 3, err
		}
		t.Object, t.ObjectIRI = ref.Name, string(ref.IRI)
	}
	// Document and evidence.
	content, ok := docs[doc]
	if !ok {
		var err error
		content, err = s.documentText(ctx, doc)
		if err != nil {
			return extract.Triple{}, 4, Invalidf("unknown document %q (load its article first)", doc)
		}
		docs[doc] = content
	}
	start, end, found := locate(content, evidence)
	if !found {
		return extract.Triple{}, 5, Invalidf("evidence not found in document %s: %q", doc, shorten(evidence, 80))
	}
	t.Evidence, t.Start, t.End = content[start:end], start, end
	if pred == extract.PredStated {
		t.ClaimText = obj
	}
	return t, 0, nil
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
