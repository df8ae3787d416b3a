// Package extract turns the plain text of news articles into triples, each
// carrying the sentence that supports it, its byte offsets, the rule that
// produced it and a confidence. It knows nothing of HTTP or of the graph
// store: text in, triples out.
//
// vocab.go holds the vocabulary shared with the graph schema: entity types,
// predicates and the naming rule that turns a canonical name into an IRI.
package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Entity types, as they appear in IRIs (<TYPE/SLUG>).
const (
	TypePerson = "person"
	TypeOrg    = "org"
	TypePlace  = "place"
	TypeAttack = "attack"
	TypeClaim  = "claim"
	TypeDoc    = "doc"
)

// EntityTypes lists every entity type.
var EntityTypes = []string{TypePerson, TypeOrg, TypePlace, TypeAttack, TypeClaim, TypeDoc}

// Relation predicates of the schema.
const (
	PredStated         = "stated"          // person|org -> claim
	PredText           = "text"            // claim -> its words (literal)
	PredReportedBy     = "reported_by"     // claim -> org (the outlet)
	PredAbout          = "about"           // claim -> any entity
	PredRole           = "role"            // person -> title (literal)
	PredAffiliatedWith = "affiliated_with" // person|org -> org|place
	PredMemberOf       = "member_of"       // person -> org
	PredLeads          = "leads"           // person -> org
	PredLocatedIn      = "located_in"      // place|org -> place
	PredAttackLocation = "attack_location" // attack -> place
	PredAttackDate     = "attack_date"     // attack -> date as worded (literal)
	PredKilled         = "killed"          // attack -> number (literal integer)
	PredPerpetrator    = "perpetrator"     // attack -> person|org
	PredOperatesIn     = "operates_in"     // org|person -> place
	PredPublishedBy    = "published_by"    // doc -> org
	PredLinkedTo       = "linked_to"       // any -> any
)

// Predicates lists every relation predicate.
var Predicates = []string{
	PredStated, PredText, PredReportedBy, PredAbout, PredRole, PredAffiliatedWith,
	PredMemberOf, PredLeads, PredLocatedIn, PredAttackLocation, PredAttackDate,
	PredKilled, PredPerpetrator, PredOperatesIn, PredPublishedBy, PredLinkedTo,
	PredOccurredOn,
}

// LiteralPredicates are the predicates whose object is a literal, not an entity.
var LiteralPredicates = map[string]bool{
	PredText: true, PredRole: true, PredAttackDate: true, PredKilled: true, PredOccurredOn: true,
}

// IsPredicate reports whether p is a relation predicate of the schema.
func IsPredicate(p string) bool {
	for _, q := range Predicates {
		if q == p {
			return true
		}
	}
	return false
}

// IsEntityType reports whether t is an entity type of the schema.
func IsEntityType(t string) bool {
	for _, q := range EntityTypes {
		if q == t {
			return true
		}
	}
	return false
}

// Slug turns a canonical name into the SLUG part of an IRI: lower-cased,
// accents folded, each run of other characters turned into a single "-".
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(name) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// IRI returns the IRI text (without angle brackets) of an entity: "TYPE/SLUG".
func IRI(typ, name string) string {
	return typ + "/" + Slug(name)
}
