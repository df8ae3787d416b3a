package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file compares claims across articles: two outlets rarely word one
// statement alike ("jihadist cells in the United Kingdom, Germany, and
// Italy" against "sleeper cells in Britain, Germany and Italy"), so claims
// are compared on their normalised content: case and accents folded, stop
// words dropped, plurals reduced, and every name the alias tables know
// replaced by its entity, so that "U.K.", "Britain" and "United Kingdom"
// are one word.

// Corroboration thresholds: two claims by one speaker in different articles
// are one claim when their normalised content shares at least
// CorroborateMinShared words and the shared words make up at least
// CorroborateOverlap of the shorter claim's words (the overlap coefficient
// |A∩B| / min(|A|, |B|)). The overlap coefficient, unlike Jaccard or F1,
// does not punish the article that adds context around the same statement.
const (
	CorroborateOverlap   = 0.6
	CorroborateMinShared = 3
)

// ClaimContent returns the normalised content words of a claim's words
// (its name and text together), as a set.
func (x *Extractor) ClaimContent(texts ...string) map[string]bool {
	out := map[string]bool{}
	for _, text := range texts {
		words := claimTokens(text)
		for i := 0; i < len(words); {
			// longest name first, up to five words
			n := 0
			for k := min(5, len(words)-i); k >= 1; k-- {
				if iri, ok := x.resolveForm(words[i : i+k]); ok {
					out[iri] = true
					n = k
					break
				}
			}
			if n > 0 {
				i += n
				continue
			}
			w := strings.ToLower(words[i])
			i++
			if scoreStop[w] || claimStop[w] || len(w) < 2 && !unicode.IsDigit(rune(w[0])) {
				continue
			}
			if k := Slug(w); k != "" {
				out[stem(k)] = true
			}
		}
	}
	return out
}

// claimStop are words of reporting, not of content.
var claimStop = setOf("said", "says", "say", "told", "warned", "added", "according", "also", "yes", "no",
	"they", "do", "does", "did", "there", "their", "its", "it", "has", "have", "had", "is", "are", "was", "were",
	"been", "be", "that", "this", "these", "those", "which", "who", "what", "where", "when", "will", "would",
	"could", "can", "may", "might", "should", "into", "onto", "very", "more", "most", "some", "such")

// resolveForm looks a run of words up as a name: the alias table, then the
// built-in gazetteer. It returns the entity's IRI.
func (x *Extractor) resolveForm(words []string) (string, bool) {
	form := strings.Join(words, " ")
	r, _ := utf8.DecodeRuneInString(form)
	if !unicode.IsUpper(r) {
		return "", false
	}
	if a, ok := x.lookupAlias(form, true); ok {
		return IRI(a.Type, a.Name), true
	}
	if e, ok := gazetteer.lookup(form); ok {
		return IRI(e.typ, e.name), true
	}
	return "", false
}

// claimTokens splits text into words, keeping the dots of abbreviations
// ("U.K.") and dropping other punctuation.
func claimTokens(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '\'' || r == '’' || r == '-')
	}) {
		f = strings.Trim(f, "'’-")
		if strings.Count(f, ".") == 1 && strings.HasSuffix(f, ".") {
			f = strings.TrimSuffix(f, ".") // end of sentence, not "U.K."
		}
		f = strings.TrimSuffix(strings.TrimSuffix(f, "’s"), "'s")
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// stem reduces English plurals and a few common endings, enough that
// "cells"/"cell" and "attacks"/"attack" meet.
func stem(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}

// ContentOverlap is the overlap coefficient of two content sets and the
// number of words they share.
func ContentOverlap(a, b map[string]bool) (float64, int) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	shared := 0
	for w := range a {
		if b[w] {
			shared++
		}
	}
	return float64(shared) / float64(min(len(a), len(b))), shared
}
