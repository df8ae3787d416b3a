package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// Properties of a document node set by ingest. They are metadata the
// ingester supplied (or computed), not facts read in the text, so they are
// plain properties without evidence.
const (
	PredTitle       = quad.IRI("title")
	PredURL         = quad.IRI("url")
	PredPublished   = quad.IRI("published") // "2016-04-26"
	PredOutlet      = quad.IRI("outlet")    // the outlet's name as given
	PredContentHash = quad.IRI("content_hash")
	PredIngested    = quad.IRI("ingested") // RFC 3339, when the text last changed
)

// IngestDoc is one article to ingest: its text and optional metadata.
type IngestDoc struct {
	// ID is the document's id. Empty: derived from URL when given (so that
	// an edited article sent again with the same URL replaces the old
	// one), else from the text's hash.
	ID        string `json:"id,omitempty"`
	Text      string `json:"text"`
	Title     string `json:"title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"` // "2016-04-26" or RFC 3339
	URL       string `json:"url,omitempty"`
}

// IngestReport says what an ingest did.
type IngestReport struct {
	ID     string `json:"id"`     // the document's id
	Node   string `json:"node"`   // its node: <doc/ID>
	Status string `json:"status"` // "new", "updated" (text or metadata changed) or "unchanged"
	// DuplicateOf is set when the same text is already in the graph under
	// another id; nothing is written then.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	Hash        string `json:"hash"`  // "sha256:…" of the text
	Facts       int    `json:"facts"` // facts extracted (0 when unchanged)
	Quads       int    `json:"quads"` // quads written for those facts
}

// ContentHash is the hash ingest uses to recognise a text it already has:
// SHA-256 of the text with runs of white space folded to one space.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// validate checks an ingest request field by field.
func (d *IngestDoc) validate() (published time.Time, err error) {
	if !utf8.ValidString(d.Text) {
		return time.Time{}, fmt.Errorf("%w: text: not valid UTF-8", ErrInvalid)
	}
	if strings.TrimSpace(d.Text) == "" {
		return time.Time{}, fmt.Errorf("%w: text: required", ErrInvalid)
	}
	if d.Published != "" {
		t, ok := extract.ParsePublished(d.Published)
		if !ok {
			return time.Time{}, fmt.Errorf("%w: published: want a date such as 2016-04-26 or RFC 3339, got %q", ErrInvalid, d.Published)
		}
		published = t
		d.Published = t.Format("2006-01-02")
	}
	if d.URL != "" {
		u, err := url.Parse(d.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return time.Time{}, fmt.Errorf("%w: url: want an absolute http(s) URL, got %q", ErrInvalid, d.URL)
		}
	}
	for _, f := range [...][2]string{{"id", d.ID}, {"title", d.Title}, {"outlet", d.Outlet}} {
		if !utf8.ValidString(f[1]) || strings.ContainsAny(f[1], "\n\r") || len(f[1]) > 1000 {
			return time.Time{}, fmt.Errorf("%w: %s: want one line of UTF-8 text, at most 1000 bytes", ErrInvalid, f[0])
		}
	}
	if d.ID != "" && (extract.Slug(d.ID) == "" || strings.ContainsAny(d.ID, "<> \t/\\\"")) {
		return time.Time{}, fmt.Errorf("%w: id: %q is not a usable document id (letters, digits, '-', '_', '.')", ErrInvalid, d.ID)
	}
	return published, nil
}

// docIDFor derives a document id from the URL or the text hash.
func docIDFor(d IngestDoc, hash string) string {
	if d.ID != "" {
		return d.ID
	}
	if d.URL != "" {
		sum := sha256.Sum256([]byte(d.URL))
		return "url_" + hex.EncodeToString(sum[:8])
	}
	return "txt_" + strings.TrimPrefix(hash, "sha256:")[:16]
}

// Ingest adds one article to the graph while it serves: the document with
// its metadata, and the facts the extractor reads in it, with published
// anchoring its worded dates. It is idempotent by content hash: the same
// text (and metadata) again changes nothing. An edited text under the same
// id replaces the document's text and its extracted facts and leaves the
// curated facts that cite it alone.
func (s *Store) Ingest(ctx context.Context, d IngestDoc) (IngestReport, error) {
	published, err := d.validate()
	if err != nil {
		return IngestReport{}, err
	}
	hash := ContentHash(d.Text)
	id := docIDFor(d, hash)
	rep := IngestReport{ID: id, Node: quad.StringOf(DocIRI(id)), Hash: hash}

	s.mu.RLock()
	dup, oldQuads, err := s.ingestState(ctx, id, hash)
	s.mu.RUnlock()
	if err != nil {
		return rep, err
	}
	if dup != "" {
		rep.ID, rep.Node, rep.DuplicateOf, rep.Status = dup, quad.StringOf(DocIRI(dup)), dup, "unchanged"
		return rep, nil
	}
	meta := docMetaQuads(DocIRI(id), d, hash)
	textSame := false
	for _, q := range oldQuads {
		if q.Predicate == PredContentHash && q.Object == quad.String(hash) {
			textSame = true
		}
	}
	if textSame && sameQuads(metaOnly(oldQuads), meta) {
		rep.Status = "unchanged"
		return rep, nil
	}
	rep.Status = "new"
	if len(oldQuads) > 0 {
		rep.Status = "updated"
	}
	// Extract first: a failure leaves the graph as it was.
	var res extract.Result
	var x *extract.Extractor
	if !s.noExtract {
		if x, err = s.newExtractor(ctx); err != nil {
			return rep, err
		}
		rs, err := x.ExtractAll(ctx, []extract.Doc{{ID: id, Text: []byte(d.Text), Published: published}})
		if err != nil {
			return rep, err
		}
		if rs[0].Err != nil {
			return rep, fmt.Errorf("extract %s: %w", id, rs[0].Err)
		}
		res = rs[0]
	}
	doc := DocIRI(id)
	add := []quad.Quad{
		{Subject: doc, Predicate: PredType, Object: TypeDocument},
		{Subject: doc, Predicate: PredName, Object: quad.String(id)},
		{Subject: doc, Predicate: PredContent, Object: quad.String(d.Text), Label: doc},
	}
	add = append(add, meta...)
	if !textSame {
		add = append(add, quad.Quad{Subject: doc, Predicate: PredIngested, Object: quad.String(time.Now().UTC().Format(time.RFC3339))})
	}
	var remove []quad.Quad
	for _, q := range oldQuads {
		if q.Predicate == PredIngested && textSame {
			continue
		}
		remove = append(remove, q)
	}
	s.mu.Lock()
	err = s.replace(remove, add)
	s.mu.Unlock()
	if err != nil {
		return rep, fmt.Errorf("ingest %s: %w", id, err)
	}
	if textSame || s.noExtract {
		return rep, nil
	}
	rep.Facts, rep.Quads, err = s.storeExtracted(ctx, id, res.Triples)
	if err != nil {
		return rep, err
	}
	if err := s.corroborate(ctx, x, []string{id}); err != nil {
		return rep, err
	}
	return rep, nil
}

// ingestState reads what the graph holds of document id: another document
// with the same text hash (dup), and the document's content and metadata
// quads. The caller holds s.mu.
func (s *Store) ingestState(ctx context.Context, id, hash string) (dup string, old []quad.Quad, err error) {
	same, err := s.quadsWith(ctx, quad.Object, quad.String(hash), PredContentHash)
	if err != nil {
		return "", nil, err
	}
	for _, q := range same {
		if other := docIDOf(q.Subject); other != "" && other != id {
			return other, nil, nil
		}
	}
	qs, err := s.quadsWith(ctx, quad.Subject, DocIRI(id), nil)
	if err != nil {
		return "", nil, err
	}
	for _, q := range qs {
		switch q.Predicate {
		case PredContent, PredTitle, PredURL, PredPublished, PredOutlet, PredContentHash, PredIngested:
			old = append(old, q)
		}
	}
	if len(old) == 0 && len(qs) > 0 {
		// a document loaded from a file: its content counts as the old text
		for _, q := range qs {
			if q.Predicate == PredContent {
				old = append(old, q)
			}
		}
	}
	return "", old, nil
}

// docMetaQuads are a document's metadata quads.
func docMetaQuads(doc quad.IRI, d IngestDoc, hash string) []quad.Quad {
	qs := []quad.Quad{{Subject: doc, Predicate: PredContentHash, Object: quad.String(hash)}}
	for p, v := range map[quad.IRI]string{PredTitle: d.Title, PredURL: d.URL, PredPublished: d.Published, PredOutlet: d.Outlet} {
		if v = strings.TrimSpace(v); v != "" {
			qs = append(qs, quad.Quad{Subject: doc, Predicate: p, Object: quad.String(v)})
		}
	}
	return qs
}

// metaOnly keeps the metadata quads that docMetaQuads makes.
func metaOnly(qs []quad.Quad) []quad.Quad {
	var out []quad.Quad
	for _, q := range qs {
		switch q.Predicate {
		case PredTitle, PredURL, PredPublished, PredOutlet, PredContentHash:
			out = append(out, q)
		}
	}
	return out
}

// sameQuads reports whether a and b hold the same quads, in any order.
func sameQuads(a, b []quad.Quad) bool {
	if len(a) != len(b) {
		return false
	}
	set := map[quad.Quad]int{}
	for _, q := range a {
		set[q]++
	}
	for _, q := range b {
		if set[q] == 0 {
			return false
		}
		set[q]--
	}
	return true
}

// publishedOf reads a document's publication date, zero if it has none.
// The caller holds s.mu.
func (s *Store) publishedOf(ctx context.Context, id string) (time.Time, error) {
	v, err := s.firstString(ctx, DocIRI(id), PredPublished)
	if err != nil || v == "" {
		return time.Time{}, err
	}
	t, _ := extract.ParsePublished(v)
	return t, nil
}
