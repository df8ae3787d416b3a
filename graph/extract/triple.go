package extract

// Triple is one extracted (or curated) fact with its provenance.
//
// Subject and Object are canonical names; SubjectIRI and ObjectIRI are
// "TYPE/SLUG" (without angle brackets). ObjectIRI is empty when the object
// is a literal (see LiteralPredicates). Start and End are byte offsets of
// Evidence in the document text, so text[Start:End] == Evidence.
type Triple struct {
	Doc        string  `json:"doc"`
	Subject    string  `json:"subject"`
	Predicate  string  `json:"predicate"`
	Object     string  `json:"object"`
	SubjectIRI string  `json:"subject_iri"`
	ObjectIRI  string  `json:"object_iri,omitempty"`
	Evidence   string  `json:"evidence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Rule       string  `json:"rule"`
	Confidence float64 `json:"confidence"`
	// ClaimText is the claim's words, set on "stated" triples.
	ClaimText string `json:"claim_text,omitempty"`
	// Quote is true when ClaimText is a direct quotation.
	Quote bool `json:"quote,omitempty"`
	// Qualifier qualifies a number ("at least", "more than") on "killed".
	Qualifier string `json:"qualifier,omitempty"`
}
