package graph

// The export formats' writers. Each writes an exportSet (export.go) in a
// deterministic order: nodes by id, facts by subject, predicate and object,
// evidence most confident first.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
)

// writeNQuads writes the set's quads, sorted, one a line.
func (e *exportSet) writeNQuads(w io.Writer) error {
	lines := make([]string, 0, len(e.quads))
	for _, q := range e.quads {
		lines = append(lines, q.NQuad())
	}
	sort.Strings(lines)
	bw := bufio.NewWriter(w)
	for i, l := range lines {
		if i > 0 && l == lines[i-1] {
			continue
		}
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// JSONLDVocab is the IRI the JSON-LD export expands the graph's relative
// IRIs and predicates against: <person/james-clapper> is
// urn:newsgraph:person/james-clapper, <stated> urn:newsgraph:stated.
const JSONLDVocab = "urn:newsgraph:"

// jsonldID writes a node as a JSON-LD @id: "ng:person/james-clapper", a
// blank node as "_:b1", an absolute IRI as it is.
func jsonldID(v quad.Value) string {
	switch v := v.(type) {
	case quad.BNode:
		return "_:" + string(v)
	case quad.IRI:
		if absoluteIRI(string(v)) {
			return string(v)
		}
		return "ng:" + string(v)
	}
	return quad.StringOf(v)
}

// absoluteIRI reports whether iri has a scheme (http:, urn:, …).
func absoluteIRI(iri string) bool {
	i := strings.IndexByte(iri, ':')
	if i <= 0 {
		return false
	}
	for j, c := range iri[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// jsonldTerm is a predicate's key in a node object: its IRI ("stated"),
// which the @context maps.
func jsonldTerm(p quad.Value) string {
	if iri, ok := p.(quad.IRI); ok {
		return string(iri)
	}
	return quad.StringOf(p)
}

// jsonldValue writes an object: a node as {"@id": …}, a literal as a JSON
// value (string, number, boolean) or a value object.
func jsonldValue(v quad.Value, doubles bool) any {
	switch v := v.(type) {
	case quad.IRI, quad.BNode:
		return map[string]any{"@id": jsonldID(v)}
	case quad.String:
		return string(v)
	case quad.Int:
		return int64(v)
	case quad.Float:
		if doubles {
			return float64(v)
		}
		return map[string]any{"@value": float64(v), "@type": "xsd:double"}
	case quad.Bool:
		return bool(v)
	case quad.LangString:
		return map[string]any{"@value": string(v.Value), "@language": v.Lang}
	case quad.TypedString:
		return map[string]any{"@value": string(v.Value), "@type": jsonldID(v.Type)}
	case quad.Time:
		return map[string]any{"@value": time.Time(v).Format(time.RFC3339Nano), "@type": "xsd:dateTime"}
	}
	return quad.StringOf(v)
}

// writeJSONLD writes the set's triples as JSON-LD: a @context that maps
// every predicate, and a @graph of one object per subject (entities by id,
// then evidence nodes by id) holding its @type and every predicate's
// values (a single value bare, several as a list). The same fact from
// several documents is one value; which documents is in its evidence nodes.
func (e *exportSet) writeJSONLD(w io.Writer) error {
	type subject struct {
		v     quad.Value
		id    string // for sorting: entities by id, then evidence nodes by id
		quads []quad.Quad
	}
	subjects := map[quad.Value]*subject{}
	// A predicate whose every value is a float is typed xsd:double in the
	// context, so its numbers stay doubles (1.0 would read as an integer).
	floats := map[quad.Value]bool{}
	preds := map[string]bool{}
	for _, q := range e.quads {
		sub := subjects[q.Subject]
		if sub == nil {
			sub = &subject{v: q.Subject, id: nodeID(q.Subject)}
			if isEvidenceValue(q.Subject) {
				sub.id = "\xff" + sub.id
			}
			subjects[q.Subject] = sub
		}
		sub.quads = append(sub.quads, q)
		if q.Predicate == PredType {
			if _, ok := q.Object.(quad.IRI); ok {
				continue
			}
		}
		preds[jsonldTerm(q.Predicate)] = true
		_, isFloat := q.Object.(quad.Float)
		if old, ok := floats[q.Predicate]; !ok || old {
			floats[q.Predicate] = isFloat
		}
	}
	ctx := map[string]any{"@vocab": JSONLDVocab, "ng": JSONLDVocab, "xsd": "http://www.w3.org/2001/XMLSchema#"}
	for p := range preds {
		if absoluteIRI(p) {
			continue
		}
		if floats[quad.IRI(p)] {
			ctx[p] = map[string]any{"@id": "ng:" + p, "@type": "xsd:double"}
		} else {
			ctx[p] = "ng:" + p
		}
	}
	order := make([]*subject, 0, len(subjects))
	for _, sub := range subjects {
		order = append(order, sub)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].id < order[j].id })
	bw := bufio.NewWriter(w)
	head, err := marshalJSON(ctx, "  ")
	if err != nil {
		return err
	}
	bw.WriteString("{\n  \"@context\": ")
	bw.Write(head)
	bw.WriteString(",\n  \"@graph\": [")
	for i, sub := range order {
		obj := map[string]any{"@id": jsonldID(sub.v)}
		seen := map[[2]quad.Value]bool{}
		var keys []string
		vals := map[string][]any{}
		for _, q := range sub.quads {
			k := [2]quad.Value{q.Predicate, q.Object}
			if seen[k] {
				continue
			}
			seen[k] = true
			key, val := jsonldTerm(q.Predicate), jsonldValue(q.Object, floats[q.Predicate])
			if iri, ok := q.Object.(quad.IRI); ok && q.Predicate == PredType {
				key, val = "@type", string(iri) // expanded against @vocab
			}
			if vals[key] == nil {
				keys = append(keys, key)
			}
			vals[key] = append(vals[key], val)
		}
		for _, k := range keys {
			if len(vals[k]) == 1 {
				obj[k] = vals[k][0]
			} else {
				obj[k] = vals[k]
			}
		}
		b, err := marshalJSON(obj, "    ")
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(b)
	}
	if len(order) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

func isEvidenceValue(v quad.Value) bool {
	iri, ok := v.(quad.IRI)
	return ok && isEvidenceIRI(iri)
}

// marshalJSON encodes v indented, without HTML escaping (<, > and & stay
// as they are) and without a trailing newline.
func marshalJSON(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// graphmlKey is one <key> of the GraphML export.
type graphmlKey struct{ id, domain, name, typ string }

// graphmlNodeKeys and graphmlEdgeKeys are the fixed attributes. Gephi takes
// the attribute called "label" as the label of a node or an edge.
var (
	graphmlNodeKeys = []graphmlKey{
		{"label", "node", "label", "string"},     // <name>, else the IRI
		{"type", "node", "type", "string"},       // person, org, place, attack, claim, doc
		{"iri", "node", "iri", "string"},         // the id in Cayley's form: <person/james-clapper>
		{"aliases", "node", "aliases", "string"}, // separated by |
	}
	graphmlEdgeKeys = []graphmlKey{
		{"elabel", "edge", "label", "string"},        // stated
		{"predicate", "edge", "predicate", "string"}, // <stated>
		{"docs", "edge", "docs", "string"},           // document ids, separated by ;
		{"confidence", "edge", "confidence", "double"},
		{"methods", "edge", "methods", "string"}, // curated or rule names, separated by ;
		{"evidence", "edge", "evidence", "int"},  // pieces of evidence
		{"confirmed", "edge", "confirmed", "boolean"},
		{"sentence", "edge", "sentence", "string"}, // the most confident piece of evidence's sentence
	}
)

// writeGraphML writes the set as GraphML: one <node> per node (ids n0, n1…
// by the nodes' ids; the real id is the iri attribute), its properties as
// attributes, and one directed <edge> per relation, whatever the number of
// documents and evidence behind it.
func (e *exportSet) writeGraphML(w io.Writer) error {
	nodes := e.sortedNodes()
	ids := make(map[quad.Value]string, len(nodes))
	for i, n := range nodes {
		ids[n.v] = "n" + strconv.Itoa(i)
	}
	// Properties become node attributes, one key per predicate.
	props := map[quad.Value]map[quad.Value][]string{} // node → predicate → values
	propKey := map[quad.Value]string{}
	var propPreds []quad.Value
	for _, f := range e.sortedFacts(false) {
		if props[f.s] == nil {
			props[f.s] = map[quad.Value][]string{}
		}
		props[f.s][f.p] = append(props[f.s][f.p], literalText(f.o))
		if _, ok := propKey[f.p]; !ok {
			propKey[f.p] = ""
			propPreds = append(propPreds, f.p)
		}
	}
	sort.Slice(propPreds, func(i, j int) bool { return nodeID(propPreds[i]) < nodeID(propPreds[j]) })
	reserved := map[string]bool{}
	for _, k := range graphmlNodeKeys {
		reserved[k.name] = true
	}
	keys := append([]graphmlKey(nil), graphmlNodeKeys...)
	for i, p := range propPreds {
		propKey[p] = "p" + strconv.Itoa(i)
		name := predLabel(p)
		if reserved[name] {
			name = "property_" + name
		}
		keys = append(keys, graphmlKey{propKey[p], "node", name, "string"})
	}
	keys = append(keys, graphmlEdgeKeys...)

	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
		`xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range keys {
		fmt.Fprintf(bw, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", k.id, k.domain, xmlText(k.name), k.typ)
	}
	bw.WriteString("  <graph id=\"newsgraph\" edgedefault=\"directed\">\n")
	data := func(key, val string) {
		bw.WriteString(`<data key="`)
		bw.WriteString(key)
		bw.WriteString(`">`)
		bw.WriteString(xmlText(val))
		bw.WriteString(`</data>`)
	}
	for _, n := range nodes {
		fmt.Fprintf(bw, "    <node id=\"%s\">", ids[n.v])
		data("label", n.ref.Label)
		data("type", n.ref.Type)
		data("iri", n.ref.ID)
		if len(n.aliases) > 0 {
			data("aliases", strings.Join(n.aliases, "|"))
		}
		for _, p := range propPreds {
			if vals := props[n.v][p]; len(vals) > 0 {
				data(propKey[p], strings.Join(vals, "|"))
			}
		}
		bw.WriteString("</node>\n")
	}
	for _, f := range e.sortedFacts(true) {
		src, dst := ids[f.s], ids[f.o]
		if src == "" || dst == "" {
			continue
		}
		fmt.Fprintf(bw, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">", edgeID(f.s, f.p, f.o), src, dst)
		data("elabel", predLabel(f.p))
		data("predicate", nodeID(f.p))
		data("docs", strings.Join(f.docs(), ";"))
		if len(f.evidence) > 0 {
			data("confidence", formatFloat(f.evidence[0].Confidence))
		}
		data("methods", strings.Join(f.methods(), ";"))
		data("evidence", strconv.Itoa(len(f.evidence)))
		data("confirmed", strconv.FormatBool(f.confirmed()))
		if len(f.evidence) > 0 {
			data("sentence", f.evidence[0].Sentence)
		}
		bw.WriteString("</edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

// xmlText escapes s for XML text and attribute values; characters XML
// cannot hold become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// docs are the fact's documents: its quads' labels and its evidence's.
func (f *exFact) docs() []string {
	set := map[string]bool{}
	for d := range f.labels {
		set[d] = true
	}
	for _, ev := range f.evidence {
		if ev.Doc != "" {
			set[ev.Doc] = true
		}
	}
	out := make([]string, 0, len(set))
	for d := range set {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

func (f *exFact) methods() []string {
	var out []string
	for _, ev := range f.evidence {
		if ev.Method != "" && !contains(out, ev.Method) {
			out = append(out, ev.Method)
		}
	}
	sort.Strings(out)
	return out
}

func (f *exFact) confirmed() bool {
	for _, ev := range f.evidence {
		if ev.Method == MethodCurated {
			return true
		}
	}
	return false
}

// CSV headers of the two tables.
var (
	csvNodeHeader = []string{"id", "type", "name", "aliases"}
	csvEdgeHeader = []string{"source", "predicate", "target", "target_literal", "doc", "sentence", "start", "end", "method", "confidence", "qualifier"}
)

// csvText defuses text a spreadsheet would run as a formula (=, +, -, @,
// tab or carriage return first) by prefixing a quote, as the page's CSV
// export does.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeCSVNodes writes nodes.csv: id, type, name, aliases (separated by |).
func (e *exportSet) writeCSVNodes(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(csvNodeHeader)
	for _, n := range e.sortedNodes() {
		cw.Write([]string{csvText(n.ref.ID), csvText(n.ref.Type), csvText(n.ref.Label), csvText(strings.Join(n.aliases, "|"))})
	}
	cw.Flush()
	return cw.Error()
}

// writeCSVEdges writes edges.csv: one row per piece of evidence of every
// relation and property, most confident first; a fact with no evidence
// (loaded as raw quads) has one row per document it is labelled with, or
// one row, with the evidence columns empty.
func (e *exportSet) writeCSVEdges(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(csvEdgeHeader)
	for _, f := range e.allFacts() {
		row := []string{csvText(nodeID(f.s)), csvText(predLabel(f.p)), "", "", "", "", "", "", "", "", ""}
		if f.literal {
			row[3] = csvText(literalText(f.o))
		} else {
			row[2] = csvText(nodeID(f.o))
		}
		if len(f.evidence) == 0 {
			docs := f.docs()
			if len(docs) == 0 {
				docs = []string{""}
			}
			for _, d := range docs {
				row[4] = csvText(d)
				cw.Write(row)
			}
			continue
		}
		for _, ev := range f.evidence {
			row[4], row[5] = csvText(ev.Doc), csvText(ev.Sentence)
			row[6], row[7] = strconv.Itoa(ev.Start), strconv.Itoa(ev.End)
			row[8], row[9], row[10] = csvText(ev.Method), formatFloat(ev.Confidence), csvText(ev.Qualifier)
			cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeCSVZip writes a zip of nodes.csv and edges.csv.
func (e *exportSet) writeCSVZip(w io.Writer) error {
	zw := zip.NewWriter(w)
	for _, part := range []struct {
		name  string
		write func(io.Writer) error
	}{{"nodes.csv", e.writeCSVNodes}, {"edges.csv", e.writeCSVEdges}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if err := part.write(fw); err != nil {
			return fmt.Errorf("%s: %w", part.name, err)
		}
	}
	return zw.Close()
}
