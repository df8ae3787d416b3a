package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// Schema predicates that describe entities (not facts).
const (
	PredType    = quad.IRI("type")
	PredName    = quad.IRI("name")
	PredAlias   = quad.IRI("alias")
	PredContent = quad.IRI("content") // a document's full text
)

// Predicates of an evidence node. An evidence node <ev/HASH> records why one
// fact (subject, predicate, object) is in the graph: which document, which
// sentence at which byte offsets, which method and how confident.
const (
	PredEvSubject    = quad.IRI("ev_subject")
	PredEvPredicate  = quad.IRI("ev_predicate")
	PredEvObject     = quad.IRI("ev_object")
	PredEvDoc        = quad.IRI("ev_doc")
	PredEvSentence   = quad.IRI("ev_sentence")
	PredEvStart      = quad.IRI("ev_start")
	PredEvEnd        = quad.IRI("ev_end")
	PredEvMethod     = quad.IRI("ev_method")
	PredEvConfidence = quad.IRI("ev_confidence")
	PredEvQualifier  = quad.IRI("ev_qualifier")
	PredEvQuote      = quad.IRI("ev_quote")
)

// Type IRIs, the objects of <type>.
const (
	TypePerson   = quad.IRI("Person")
	TypeOrg      = quad.IRI("Organization")
	TypePlace    = quad.IRI("Place")
	TypeAttack   = quad.IRI("Attack")
	TypeClaim    = quad.IRI("Claim")
	TypeDocument = quad.IRI("Document")
	TypeEvidence = quad.IRI("Evidence")
)

// MethodCurated is the method of facts from the hand-curated file.
const MethodCurated = "curated"

var typeIRIs = map[string]quad.IRI{
	extract.TypePerson: TypePerson,
	extract.TypeOrg:    TypeOrg,
	extract.TypePlace:  TypePlace,
	extract.TypeAttack: TypeAttack,
	extract.TypeClaim:  TypeClaim,
	extract.TypeDoc:    TypeDocument,
}

// TypeIRI returns the <type> object for an entity type ("person" → <Person>).
func TypeIRI(typ string) (quad.IRI, bool) {
	t, ok := typeIRIs[typ]
	return t, ok
}

// EntityIRI returns the IRI of an entity: <TYPE/SLUG>.
func EntityIRI(typ, name string) quad.IRI { return quad.IRI(extract.IRI(typ, name)) }

// DocIRI returns the IRI of a document: <doc/ID>.
func DocIRI(id string) quad.IRI { return quad.IRI(extract.TypeDoc + "/" + id) }

// PredicateIRI returns the IRI of a relation predicate: <stated>.
func PredicateIRI(p string) quad.IRI { return quad.IRI(p) }

// evidenceIRI names the evidence node of one fact as supported by one
// sentence of one document with one method. It is a hash, so loading the
// same fact again finds the same node and adds nothing.
func evidenceIRI(s, p, o quad.Value, doc string, start int, method string) quad.IRI {
	h := sha256.New()
	for _, part := range []string{quad.StringOf(s), quad.StringOf(p), quad.StringOf(o), doc, strconv.Itoa(start), method} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return quad.IRI("ev/" + hex.EncodeToString(h.Sum(nil)[:10]))
}

// objectValue turns a triple's object into a quad value: an entity IRI, an
// integer for <killed>, or a string.
func objectValue(t extract.Triple) (quad.Value, error) {
	if t.ObjectIRI != "" {
		return quad.IRI(t.ObjectIRI), nil
	}
	if t.Predicate == extract.PredKilled {
		n, err := strconv.Atoi(t.Object)
		if err != nil || n < 0 {
			return nil, Invalidf("killed wants a whole number, got %q", t.Object)
		}
		return quad.Int(n), nil
	}
	return quad.String(t.Object), nil
}
