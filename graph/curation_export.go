package graph

// The curated state, written back in the formats a curator edits
// (seeds/curated.tsv and seeds/aliases.tsv, docs/schema.md), so that a
// curation session can be reviewed in git and loading the files into a
// fresh store (aliases, articles, curated facts) gives the same curated
// facts.
//
// A curated fact is a fact quad with a curated piece of evidence that no
// curator rejected: one line per such evidence node. Subjects and objects
// are written by canonical name (claims by their name, which is their IRI's
// slug). The alias table lists every entity that has an alias (the ones a
// curator listed, merged entities' new aliases included) and every entity a
// curated fact names, so the curated file resolves in a fresh store.
//
// Given the files as they were (ExportCuratedOptions.Curated, .Aliases),
// the export keeps their order, their spelling and their notes for every
// fact and entity still there, drops what is gone and appends what is new,
// so that `git diff` shows just what changed.

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// CuratedExport is the curated state as the two files' lines.
type CuratedExport struct {
	Curated []string // lines of curated.tsv, header first
	Aliases []string // lines of aliases.tsv, header first
	Facts   int      // curated facts (lines of Curated after the header)
	// Entities is how many entities the alias table lists.
	Entities int
}

// ExportCuratedOptions gives the files as they were, to keep their order,
// spelling and notes; either may be nil.
type ExportCuratedOptions struct {
	Curated []byte
	Aliases []byte
}

// curatedLineKey identifies a curated fact: the fact, its document and the
// offset of its sentence.
type curatedLineKey struct {
	s, p, o quad.Value
	doc     string
	start   int
}

// exportRow is one curated fact to write.
type exportRow struct {
	key             curatedLineKey
	subj, pred, obj string
	sentence        string
	subjIRI, objIRI quad.IRI // entities the alias table must list ("" for claims and literals)
}

// ExportCurated returns the curated state in the formats of curated.tsv and
// aliases.tsv.
func (s *Store) ExportCurated(ctx context.Context, opts ExportCuratedOptions) (CuratedExport, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	rows, err := s.curatedRows(ctx)
	if err != nil {
		return CuratedExport{}, err
	}
	listed, err := s.listedEntities(ctx, rows)
	if err != nil {
		return CuratedExport{}, err
	}
	out := CuratedExport{Facts: len(rows), Entities: len(listed)}
	out.Curated = append(out.Curated, strings.Join(curatedHeader, "\t"))
	used := map[curatedLineKey]bool{}
	if len(opts.Curated) > 0 {
		kept, err := s.keptCuratedLines(ctx, opts.Curated, rows)
		if err == nil { // a file that no longer loads is not a guide to order
			for _, k := range kept {
				used[k.key] = true
				out.Curated = append(out.Curated, k.line)
			}
		}
	}
	for _, r := range rows {
		if !used[r.key] {
			out.Curated = append(out.Curated, strings.Join([]string{r.subj, r.pred, r.obj, r.key.doc, r.sentence, ""}, "\t"))
		}
	}
	out.Aliases = append(out.Aliases, strings.Join(extract.AliasHeader, "\t"))
	out.Aliases = append(out.Aliases, aliasLines(listed, opts.Aliases)...)
	return out, nil
}

// WriteTSV writes lines, each ended by a newline.
func WriteTSV(w io.Writer, lines []string) error {
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// field makes text fit a TSV field: no tabs or line breaks.
func field(text string) string {
	return strings.Join(strings.Fields(text), " ")
}

// curatedRows reads every curated fact. The caller holds s.mu.
func (s *Store) curatedRows(ctx context.Context) ([]exportRow, error) {
	links, err := s.quadsWith(ctx, quad.Object, quad.String(MethodCurated), PredEvMethod)
	if err != nil {
		return nil, err
	}
	names := map[quad.Value]string{}
	name := func(v quad.Value) (string, error) {
		if n, ok := names[v]; ok {
			return n, nil
		}
		n, err := s.exportName(ctx, v)
		names[v] = n
		return n, err
	}
	var rows []exportRow
	seen := map[curatedLineKey]bool{}
	for _, l := range links {
		f, ev, err := s.readEvidence(ctx, l.Subject)
		if err != nil {
			return nil, err
		}
		if ev.Status == StatusRejected || f[0] == nil || f[1] == nil || f[2] == nil || ev.Doc == "" {
			continue
		}
		pred := predLabel(f[1])
		if !extract.IsPredicate(pred) {
			continue
		}
		present, err := s.quadsWith(ctx, quad.Subject, f[0], f[1])
		if err != nil {
			return nil, err
		}
		has := false
		for _, q := range present {
			if q.Object == f[2] && docIDOf(q.Label) == ev.Doc {
				has = true
				break
			}
		}
		if !has {
			continue
		}
		key := curatedLineKey{s: f[0], p: f[1], o: f[2], doc: ev.Doc, start: ev.Start}
		if seen[key] {
			continue
		}
		seen[key] = true
		r := exportRow{key: key, pred: pred, sentence: field(ev.Sentence)}
		if r.subj, err = name(f[0]); err != nil {
			return nil, err
		}
		if !claimSubject(pred) {
			r.subjIRI, _ = f[0].(quad.IRI)
		}
		switch {
		case isLiteral(f[2]):
			r.obj = field(literalText(f[2]))
		default:
			if r.obj, err = name(f[2]); err != nil {
				return nil, err
			}
			if pred != extract.PredStated {
				r.objIRI, _ = f[2].(quad.IRI)
			}
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].key, rows[j].key
		if a.doc != b.doc {
			return a.doc < b.doc
		}
		if a.start != b.start {
			return a.start < b.start
		}
		if rows[i].subj != rows[j].subj {
			return rows[i].subj < rows[j].subj
		}
		if rows[i].pred != rows[j].pred {
			return rows[i].pred < rows[j].pred
		}
		return rows[i].obj < rows[j].obj
	})
	return rows, nil
}

// exportName is the name a curated file uses for v: its <name> whose slug
// is its IRI's (so it resolves back to v), else its first <name>, else its
// IRI's slug. The caller holds s.mu.
func (s *Store) exportName(ctx context.Context, v quad.Value) (string, error) {
	vals, err := s.objects(ctx, v, PredName)
	if err != nil {
		return "", err
	}
	iri, _ := v.(quad.IRI)
	_, slug, _ := strings.Cut(string(iri), "/")
	first := ""
	for _, n := range vals {
		text := field(literalText(n))
		if text == "" {
			continue
		}
		if extract.Slug(text) == slug {
			return text, nil
		}
		if first == "" {
			first = text
		}
	}
	if first == "" {
		first = slug
	}
	return first, nil
}

// listedEntity is one line of the alias table.
type listedEntity struct {
	iri   quad.IRI
	name  string
	typ   string
	forms []string // aliases other than the name, sorted
}

// typeOrder orders the alias table's sections as the seed table does.
var typeOrder = map[string]int{extract.TypePerson: 0, extract.TypeOrg: 1, extract.TypePlace: 2, extract.TypeAttack: 3, extract.TypeDoc: 4}

// listedEntities reads every entity with an alias, and every entity the
// curated rows name. Articles (documents with text) are not listed: the
// curated file names them by id. The caller holds s.mu.
func (s *Store) listedEntities(ctx context.Context, rows []exportRow) ([]listedEntity, error) {
	want := map[quad.IRI]bool{}
	aliasQuads, err := s.quadsWith(ctx, quad.Predicate, PredAlias, nil)
	if err != nil {
		return nil, err
	}
	forms := map[quad.IRI][]string{}
	for _, q := range aliasQuads {
		iri, ok := q.Subject.(quad.IRI)
		if !ok {
			continue
		}
		want[iri] = true
		if a := field(literalText(q.Object)); a != "" {
			forms[iri] = append(forms[iri], a)
		}
	}
	for _, r := range rows {
		for _, iri := range []quad.IRI{r.subjIRI, r.objIRI} {
			if iri != "" {
				want[iri] = true
			}
		}
	}
	var out []listedEntity
	for iri := range want {
		typ, _, _ := strings.Cut(string(iri), "/")
		if _, ok := typeOrder[typ]; !ok {
			continue // claims are named by their summary; other IRIs are not entities
		}
		if text, err := s.objects(ctx, iri, PredContent); err != nil {
			return nil, err
		} else if len(text) > 0 {
			continue
		}
		name, err := s.exportName(ctx, iri)
		if err != nil {
			return nil, err
		}
		e := listedEntity{iri: iri, name: name, typ: typ}
		seen := map[string]bool{name: true}
		for _, f := range forms[iri] {
			if !seen[f] {
				seen[f] = true
				e.forms = append(e.forms, f)
			}
		}
		sort.Strings(e.forms)
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].typ != out[j].typ {
			return typeOrder[out[i].typ] < typeOrder[out[j].typ]
		}
		return strings.ToLower(out[i].name) < strings.ToLower(out[j].name)
	})
	return out, nil
}

// aliasLines writes the alias table, in the order of old (an alias table as
// it was, or nil) for the entities it has, keeping their forms' order.
func aliasLines(listed []listedEntity, old []byte) []string {
	line := func(e listedEntity, forms []string) string {
		return strings.Join([]string{e.name, e.typ, strings.Join(forms, "|")}, "\t")
	}
	byIRI := map[quad.IRI]int{}
	for i, e := range listed {
		byIRI[e.iri] = i
	}
	var out []string
	done := map[quad.IRI]bool{}
	if len(old) > 0 {
		prev, err := extract.ParseAliases(bytes.NewReader(old), "aliases.tsv")
		if err == nil {
			for _, a := range prev {
				iri := EntityIRI(a.Type, a.Name)
				i, ok := byIRI[iri]
				if !ok || done[iri] {
					continue
				}
				done[iri] = true
				e := listed[i]
				have := map[string]bool{}
				for _, f := range e.forms {
					have[f] = true
				}
				var forms []string
				kept := map[string]bool{}
				for _, f := range a.Forms {
					if have[f] && !kept[f] {
						kept[f] = true
						forms = append(forms, f)
					}
				}
				for _, f := range e.forms {
					if !kept[f] {
						forms = append(forms, f)
					}
				}
				if e.name != a.Name {
					e.name = a.Name // the same slug, spelt as the curator spelt it
				}
				out = append(out, line(e, forms))
			}
		}
	}
	for _, e := range listed {
		if !done[e.iri] {
			out = append(out, line(e, e.forms))
		}
	}
	return out
}

// keptLine is a line of the old curated file that still holds.
type keptLine struct {
	key  curatedLineKey
	line string
}

// keptCuratedLines reads the old curated file through the store's names
// and keeps, in order and verbatim, the lines whose fact is still curated.
// The caller holds s.mu.
func (s *Store) keptCuratedLines(ctx context.Context, old []byte, rows []exportRow) ([]keptLine, error) {
	triples, err := s.parseCurated(ctx, "curated.tsv", old)
	if err != nil {
		return nil, err
	}
	current := map[curatedLineKey]bool{}
	for _, r := range rows {
		current[r.key] = true
	}
	lines := strings.Split(string(old), "\n")
	var out []keptLine
	used := map[curatedLineKey]bool{}
	for _, t := range triples {
		obj, err := objectValue(t.Triple)
		if err != nil || t.line < 1 || t.line > len(lines) {
			continue
		}
		k := curatedLineKey{s: quad.IRI(t.SubjectIRI), p: PredicateIRI(t.Predicate), o: obj, doc: t.Doc, start: t.Start}
		if !current[k] || used[k] {
			continue
		}
		used[k] = true
		out = append(out, keptLine{key: k, line: strings.TrimRight(lines[t.line-1], "\r")})
	}
	return out, nil
}

// CuratedFacts lists the curated facts of the store as "subject predicate
// object doc" lines, sorted: what a round trip through ExportCurated must
// keep.
func (s *Store) CuratedFacts(ctx context.Context) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	rows, err := s.curatedRows(ctx)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, r := range rows {
		set[strings.Join([]string{nodeID(r.key.s), nodeID(r.key.p), nodeID(r.key.o), r.key.doc, strconv.Itoa(r.key.start)}, " ")] = true
	}
	out := make([]string, 0, len(set))
	for l := range set {
		out = append(out, l)
	}
	sort.Strings(out)
	return out, nil
}
