package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Speaker resolution: noun phrases, pronouns, descriptions and anonymous
// sources become entities.

var pronouns = setOf("he", "she", "they", "it", "we", "i")

// anonNouns head descriptions of unnamed sources.
var anonNouns = setOf("official", "officials", "source", "sources", "spokesman", "spokeswoman",
	"spokesperson", "spokespeople", "officer", "officers", "investigator", "investigators", "expert",
	"experts", "analyst", "analysts", "diplomat", "diplomats", "authorities", "prosecutor", "prosecutors",
	"witness", "witnesses", "resident", "residents", "observers", "aide", "aides", "lawmakers", "lawmaker",
	"policymakers", "insider", "insiders", "agent", "agents", "member", "members", "researchers",
	"researcher", "commander", "commanders", "minister", "ministers", "people", "person", "man", "woman",
	"survivor", "survivors", "police", "detectives", "detective", "staff", "employee", "employees",
	"representative", "representatives", "campaigners", "activists", "activist", "critics", "leaders",
	"workers", "worker", "rescuers", "paramedics", "doctors", "neighbours", "neighbors", "relatives", "families",
	"officials", "counterparts", "allies", "intelligence", "services", "agencies", "media")

// docNouns head descriptions of documents that "say" things.
var docNouns = map[string]string{
	"report": "report", "reports": "report", "study": "report", "survey": "report", "assessment": "report",
	"analysis": "report", "bulletin": "report", "review": "report", "paper": "report", "briefing": "report",
	"documents": "documents", "document": "documents", "papers": "documents", "files": "documents",
	"records": "documents", "memo": "documents", "cables": "documents", "cable": "documents",
	"dossier": "documents", "leaks": "documents",
	"statement": "statement", "statements": "statement", "communique": "statement", "communiqué": "statement",
	"message": "statement", "video": "statement", "post": "statement", "tweet": "statement",
	"recording": "statement", "letter": "statement", "claim": "statement", "announcement": "statement",
}

// orgNouns head descriptions of organisations ("the command", "the agency").
var orgNouns = setOf("command", "agency", "ministry", "department", "government", "police", "army",
	"council", "committee", "commission", "group", "organisation", "organization", "service", "office",
	"bureau", "network", "militia", "movement", "party", "administration", "institute", "center", "centre",
	"foundation", "court", "force", "forces", "alliance", "coalition", "union", "paper", "newspaper",
	"broadcaster", "channel", "outlet", "magazine", "agency", "company", "firm", "prosecutor's", "cell")

// titleNouns head descriptions that name a person by office ("the president").
var titleNouns = setOf("president", "minister", "chancellor", "commander", "director", "secretary", "mayor",
	"governor", "chief", "premier", "king", "queen", "prince", "general", "senator", "leader", "head",
	"chairman", "chairwoman", "ambassador", "prosecutor", "commissioner", "pope", "cleric", "imam", "emir")

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "another": -1, "other": -2}

var countWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"hundred": 100, "dozen": 12}

func isNounTag(tag string) bool {
	return tag == "NN" || tag == "NNS" || tag == "NNP" || tag == "NNPS"
}

func isFinite(t tok) bool {
	switch t.tag {
	case "VBD", "VBZ", "VBP", "MD":
		return true
	}
	return false
}

// npTok reports whether token i can sit inside a noun phrase.
func (d *docState) npTok(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := d.toks[i]
	if t.qmark != 0 {
		return false
	}
	if isPossessive(t.text) {
		return true
	}
	if t.text == "-" {
		// inside a name, not a list's bullet ("- Police say …")
		return i > d.sents[t.sent].t0
	}
	if d.mentAt[i] >= 0 {
		return true
	}
	if speechVerbs[t.lower] != "" && !isNounTag(t.tag) {
		return false
	}
	switch t.tag {
	case "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "CD", "DT", "PRP$", "POS", "NNP$":
		return !functionWords[t.lower] || t.lower == "the" || t.lower == "a" || t.lower == "an" || t.lower == "this" ||
			t.lower == "that" || t.lower == "these" || t.lower == "those" || t.lower == "one" || t.lower == "two" ||
			t.lower == "three" || t.lower == "several" || t.lower == "many" || t.lower == "some" || t.lower == "most" ||
			t.lower == "his" || t.lower == "her" || t.lower == "its" || t.lower == "their" || t.lower == "both" || t.lower == "all" || countWords[t.lower] > 0
	case "VBN":
		return t.lower == "unnamed" || t.lower == "unidentified" || t.lower == "suspected" || t.lower == "armed" || t.lower == "detained"
	}
	return false
}

// npLeft extends a noun phrase left from token k (inclusive) down to lo.
func (d *docState) npLeft(k, lo int) int {
	n := k
	for n-1 >= lo {
		p := n - 1
		if d.npTok(p) {
			n = p
			continue
		}
		if (d.toks[p].lower == "of" || d.toks[p].lower == "and" || d.toks[p].lower == "&") && p-1 >= lo && d.npTok(p-1) && d.toks[p-1].tag != "DT" {
			n = p
			continue
		}
		break
	}
	return n
}

// npRight extends a noun phrase right from token k up to hi (exclusive).
// It stops before relative clauses, commas, verbs and prepositions other
// than "of".
func (d *docState) npRight(k, hi int) int {
	n := k
	for n < hi {
		t := d.toks[n]
		if d.npTok(n) {
			n++
			continue
		}
		if (t.lower == "of" || t.lower == "and") && n+1 < hi && d.npTok(n+1) && n > k {
			n++
			continue
		}
		break
	}
	return n
}

// headOf returns the index of an NP's head noun: the last noun before a
// preposition (or the NP's last token).
func (d *docState) headOf(a, b int) int {
	h := -1
	for i := a; i < b; i++ {
		t := d.toks[i]
		if t.lower == "of" || t.lower == "by" || t.lower == "from" || t.lower == "with" || t.lower == "at" || t.lower == "in" || t.lower == "obtained" || t.lower == "published" || t.lower == "released" {
			break
		}
		if (t.lower == "close" || t.lower == "familiar") && i > a && i+1 < b && (d.toks[i+1].lower == "to" || d.toks[i+1].lower == "with") {
			break // "sources close to the investigation"
		}
		if t.lower == "for" && i > a && d.mentAt[i] < 0 && h >= 0 && (anonNouns[d.toks[h].lower] || roleNouns[d.toks[h].lower]) {
			break // "a spokesman for the federal prosecutor's office"
		}
		if isNounTag(t.tag) || d.mentAt[i] >= 0 || anonNouns[t.lower] || docNouns[t.lower] != "" {
			h = i
		}
	}
	if h < 0 && b > a {
		h = b - 1
	}
	return h
}

// resolveNP turns the noun phrase [a, b) into a speaker entity, or nil.
// sent is the sentence index (for coreference).
func (d *docState) resolveNP(a, b int) *entity {
	if a < 0 || b > len(d.toks) || a >= b {
		return nil
	}
	if e := d.aliasNP(a, b); e != nil {
		return e
	}
	first := d.toks[a].lower
	// pronouns
	if b-a == 1 && (first == "he" || first == "she") {
		if e := d.speakingPerson(a); e != nil {
			return e
		}
	}
	if b-a == 1 && pronouns[first] {
		return d.pronoun(a)
	}
	// "one of the X", "a portion of the documents"
	for i := a; i < b-1; i++ {
		if d.toks[i].lower == "of" && i > a {
			q := d.toks[i-1].lower
			if q == "portion" || q == "part" || q == "some" || q == "one" || q == "many" || q == "most" || q == "all" || q == "section" || q == "copy" || q == "excerpt" || q == "excerpts" || q == "several" || q == "two" || q == "both" || q == "none" {
				return d.resolveNP(i+1, b)
			}
			break
		}
	}
	h := d.headOf(a, b)
	if h < 0 {
		return nil
	}
	// a named person anywhere in the phrase wins ("Italy's Interior Minister X")
	var person, org *mention
	for i := a; i < b; i++ {
		m := d.mentionAt(i)
		if m == nil || m.ent == nil || m.adj {
			continue
		}
		if m.ent.typ == TypePerson && m.t0 >= a && m.t1 <= b {
			person = m
		}
		if (m.ent.typ == TypeOrg || m.ent.typ == "") && m.t1-1 == h && org == nil {
			org = m
		}
	}
	if person != nil && (d.mentAt[h] >= 0 && d.mentionAt(h) == person || !anonNouns[d.toks[h].lower] && docNouns[d.toks[h].lower] == "") {
		return person.ent
	}
	// "the Muslim Council of Britain", "the Council of Europe": an
	// organisation's name running past "of" is the whole phrase
	if m := d.mentionAt(h); m != nil && m.ent != nil && !m.adj && m.ent.typ == TypeOrg && m.t0 <= h && m.t1 == b && m.t1-1 > h {
		return m.ent
	}
	head := d.toks[h].lower
	if cls := docNouns[head]; cls != "" && !isUpperStart(d.toks[h].text) {
		e := d.docEntity(a, b, h, cls)
		if e.head == "statement" && e.pub != nil {
			return e.pub // a statement speaks for whoever issued it
		}
		return e
	}
	if org != nil {
		if org.ent.typ == "" {
			org.ent.typ = TypeOrg
		}
		return org.ent
	}
	if m := d.mentionAt(h); m != nil && m.ent != nil && !m.adj && m.t1-1 == h {
		if m.ent.typ == "" {
			m.ent.typ = TypePerson
		}
		if m.ent.typ == TypePlace && m.ent.kind == kCountry {
			return m.ent // "France said": the country's government
		}
		if m.ent.typ == TypePlace {
			return nil
		}
		return m.ent
	}
	definite := first == "the" || first == "this" || first == "that" || first == "these" || first == "those"
	// "French police", "the Paris prosecutor's office", "Belgium's federal
	// prosecutor's office": an institution named by description
	// "Europe's police agency warned … Europol said": named in the next
	// sentences
	// (the possessor must be a name: "the mayor's office" is no cataphor)
	if orgNouns[head] && h > a+1 && isPossessive(d.toks[a+1].text) && d.mentAt[a] >= 0 || orgNouns[head] && h > a+2 && d.toks[a].lower == "the" && isPossessive(d.toks[a+2].text) && d.mentAt[a+1] >= 0 {
		if e := d.cataphorOrg(h); e != nil {
			d.merge(d.span(a, b), e, "description-cataphora", a)
			return e
		}
	}
	if definite && orgNouns[head] {
		// "the prosecutor's office", after "the Lyon prosecutor's office"
		if e := d.speakerBySuffix(a+1, h); e != nil {
			d.merge(d.span(a, b), e, "description", a)
			return e
		}
	}
	if (head == "police" || orgNouns[head]) && h > a {
		if e := d.institution(a, h); e != nil {
			return e
		}
	}
	if titleNouns[head] && definite && !strings.HasSuffix(head, "s") {
		if e := d.personByTitle(head, h); e != nil {
			d.merge(d.span(a, b), e, "description", a)
			return e
		}
	}
	if (titleNouns[head] || head == "official" || head == "officer" || head == "prosecutor" || head == "diplomat" || head == "investigator") && !definite && h > a {
		// "America's most senior intelligence chief", "Germany's top security
		// official": named in the next sentences
		top := false
		for i := a; i < h; i++ {
			w := d.toks[i].lower
			if w == "top" || w == "most" || w == "chief" || w == "highest-ranking" || w == "leading" || w == "senior" && titleNouns[head] {
				top = true
			}
		}
		if (isPossessive(d.toks[a+1].text) || d.mentionAt(a) != nil && b-a > 2) && (titleNouns[head] || top) {
			if e := d.cataphor(h); e != nil {
				d.merge(d.span(a, b), e, "description-cataphora", a)
				return e
			}
		}
	}
	if orgNouns[head] && definite {
		if e := d.speakerBySuffix(a+1, h); e != nil {
			d.merge(d.span(a, b), e, "description", a)
			return e
		}
		if e := d.orgByNoun(head, h); e != nil {
			d.merge(d.span(a, b), e, "description", a)
			return e
		}
	}
	if anonNouns[head] || titleNouns[head] {
		return d.anonEntity(a, b, h)
	}
	return nil
}

// pronoun resolves a pronoun at token i.
func (d *docState) pronoun(i int) *entity {
	switch d.toks[i].lower {
	case "he", "she":
		return d.lastPerson(i)
	case "it":
		for k := len(d.lastSpeaker) - 1; k >= 0; k-- {
			r := d.lastSpeaker[k]
			if d.toks[i].sent-r.sent > 3 {
				break
			}
			if r.ent.typ == TypeOrg || r.ent.typ == TypeDoc {
				d.merge(d.toks[i].text, r.ent, "pronoun", i)
				return r.ent
			}
		}
	case "they", "we":
		// a plural subject earlier in the same sentence ("Investigators ...
		// that they believe")
		s := d.sents[d.toks[i].sent]
		for k := s.t0; k < i; k++ {
			if d.toks[k].tag == "NNS" && (k == s.t0 || d.toks[k-1].tag == "JJ" || d.toks[k-1].tag == "DT") && anonNouns[d.toks[k].lower] {
				n0 := d.npLeft(k, s.t0)
				if e := d.resolveNP(n0, k+1); e != nil {
					return e
				}
			}
		}
		for k := len(d.lastSpeaker) - 1; k >= 0; k-- {
			r := d.lastSpeaker[k]
			if d.toks[i].sent-r.sent > 2 {
				break
			}
			if r.ent.plural || r.ent.typ == TypeOrg {
				return r.ent
			}
		}
	}
	return nil
}

// speakingPerson: "he said" after a report whose claim names another
// person ("Marchand told reporters that Bensaid had been flagged. … he
// said") is the reporter, not the person named in the words: a person named
// only inside the last claim of a person speaking within the two sentences
// before does not take the pronoun from that speaker.
func (d *docState) speakingPerson(i int) *entity {
	if d.toks[i].quote >= 0 || len(d.lastSpeaker) == 0 {
		return nil
	}
	r := d.lastSpeaker[len(d.lastSpeaker)-1]
	if r.ent.typ != TypePerson || d.toks[i].sent-r.sent > 2 || r.t1 > i {
		return nil
	}
	for k := d.firstMentionFrom(i) - 1; k >= 0; k-- {
		m := d.ments[k]
		if m.t0 >= i || m.ent == nil || m.ent.typ != TypePerson {
			continue
		}
		if m.ent == r.ent || m.t0 < r.t0 || m.t0 >= r.t1 {
			return nil // the latest person is the speaker, or is named outside the claim
		}
		d.merge(d.toks[i].text, r.ent, "pronoun", i)
		return r.ent
	}
	return nil
}

// lastPerson finds the person a "he"/"she" at token i refers to: the most
// recent person named before it, not counting names inside other quotes.
func (d *docState) lastPerson(i int) *entity {
	q := d.toks[i].quote
	for k := d.firstMentionFrom(i) - 1; k >= 0; k-- {
		m := d.ments[k]
		if m.t0 >= i || m.ent == nil || m.ent.typ != TypePerson {
			continue
		}
		if d.toks[i].sent-d.toks[m.t0].sent > 8 {
			break
		}
		if mq := d.toks[m.t0].quote; mq >= 0 && mq != q {
			continue
		}
		if d.unnamedPersonBetween(m.t1, i, m.ent) {
			return nil // "The Queen has sent a message. She says …"
		}
		d.merge(d.toks[i].text, m.ent, "pronoun", i)
		return m.ent
	}
	// a person resolved as an earlier speaker
	for k := len(d.lastSpeaker) - 1; k >= 0; k-- {
		if d.lastSpeaker[k].ent.typ == TypePerson {
			return d.lastSpeaker[k].ent
		}
	}
	return nil
}

// unnamedPersonBetween reports whether a sentence between tokens a and b
// opens with a person described by office whom no title names ("The Queen
// has sent a message", "The archbishop visited"): a pronoun after it may be
// that person rather than the one named before, so it takes neither.
func (d *docState) unnamedPersonBetween(a, b int, named *entity) bool {
	if a >= b {
		return false
	}
	for si := d.toks[a].sent + 1; si <= d.toks[b].sent && si < len(d.sents); si++ {
		s := d.sents[si]
		if s.t0 >= b || s.t0+2 >= s.t1 || d.toks[s.t0].lower != "the" {
			continue
		}
		h := s.t0 + 1
		w := d.toks[h].lower
		if !titleNouns[w] || strings.HasSuffix(w, "s") || !isFinite(d.toks[h+1]) && d.toks[h+1].tag != "MD" && !auxSkip[d.toks[h+1].lower] {
			continue
		}
		if p := d.personByTitle(w, h); p == nil || p != named {
			return true
		}
	}
	return false
}

// personByTitle finds the person most recently named with a title whose
// head is title ("the president" -> "President Obama").
func (d *docState) personByTitle(title string, before int) *entity {
	lo := d.toks[before].sent - 30
	for k := d.firstMentionFrom(before) - 1; k >= 0; k-- {
		m := d.ments[k]
		if d.toks[m.t0].sent < lo {
			break
		}
		if m.t0 >= before || m.ent == nil || m.ent.typ != TypePerson {
			continue
		}
		if strings.Contains(strings.ToLower(m.title), title) {
			return m.ent
		}
		for _, r := range m.ent.roles {
			if strings.Contains(strings.ToLower(r), title) {
				return m.ent
			}
		}
	}
	return nil
}

// cataphor finds the first person named with a title in the next two
// sentences after token h.
func (d *docState) cataphor(h int) *entity {
	s := d.toks[h].sent
	for _, m := range d.ments[d.firstMentionFrom(h+1):] {
		if m.t0 <= h || m.ent == nil || m.ent.typ != TypePerson {
			continue
		}
		ms := d.toks[m.t0].sent
		if ms > s+2 {
			break
		}
		if m.title != "" || d.hasAppositiveRole(m) {
			return m.ent
		}
	}
	return nil
}

// cataphorOrg finds the first organisation (not an outlet) named in the two
// sentences after token h.
func (d *docState) cataphorOrg(h int) *entity {
	s := d.toks[h].sent
	for _, m := range d.ments[d.firstMentionFrom(h+1):] {
		if m.t0 <= h || m.ent == nil || m.adj {
			continue
		}
		if d.toks[m.t0].sent > s+2 {
			break
		}
		if m.ent.typ == TypeOrg && !m.ent.outlet {
			return m.ent
		}
	}
	return nil
}

// hasAppositiveRole reports whether ", the/a ROLE" follows mention m.
func (d *docState) hasAppositiveRole(m *mention) bool {
	i := m.t1
	if i+2 >= len(d.toks) || d.toks[i].text != "," {
		return false
	}
	for k := i + 1; k < i+8 && k < len(d.toks); k++ {
		if titleHeads[d.toks[k].text] || roleNouns[d.toks[k].lower] {
			return true
		}
		if d.toks[k].text == "," {
			break
		}
	}
	return false
}

// orgByNoun finds the organisation a definite description refers to:
// "the command" -> the last organisation whose name ends in "Command";
// "the group" -> the last militant group.
func (d *docState) orgByNoun(noun string, before int) *entity {
	lo := d.toks[before].sent - 30
	for k := d.firstMentionFrom(before) - 1; k >= 0; k-- {
		m := d.ments[k]
		if d.toks[m.t0].sent < lo {
			break
		}
		if m.t0 >= before || m.ent == nil || m.ent.typ != TypeOrg || m.adj {
			continue
		}
		words := strings.Fields(strings.ToLower(m.ent.name))
		if len(words) > 0 && words[len(words)-1] == noun {
			return m.ent
		}
		if noun == "group" && m.ent.militant {
			return m.ent
		}
		if (noun == "network" || noun == "channel" || noun == "broadcaster" || noun == "newspaper" || noun == "paper" || noun == "outlet") && m.ent.outlet {
			return m.ent
		}
	}
	return nil
}

// speakerBySuffix: "the prosecutor's office said" refers back to the
// organisation that spoke last under a name ending in the same words ("the
// Lyon prosecutor's office", "the federal prosecutor's office") within the
// last 30 sentences. Tokens [a, h] are the description after "the".
func (d *docState) speakerBySuffix(a, h int) *entity {
	if a > h {
		return nil
	}
	var words []string
	for k := a; k <= h; k++ {
		w := d.toks[k].lower
		if w == "’s" {
			w = "'s"
		}
		words = append(words, w)
	}
	suffix := strings.Join(words, " ")
	si := d.toks[h].sent
	for k := len(d.lastSpeaker) - 1; k >= 0; k-- {
		r := d.lastSpeaker[k]
		if si-r.sent > 30 {
			break
		}
		if r.ent.typ != TypeOrg {
			continue
		}
		name := strings.ToLower(strings.ReplaceAll(r.ent.name, "’", "'"))
		name = strings.ReplaceAll(name, "'s", " 's")
		if name != suffix && strings.HasSuffix(name, " "+suffix) {
			return r.ent
		}
	}
	return nil
}

// anonEntity returns the unnamed source described by [a, b) with head h.
// Indefinite descriptions introduce a new source ("an official", "a second
// official"); definite ones refer back ("the official", "this official",
// "the two officials"). Sources are never shared between documents: their
// names carry the document's id.
func (d *docState) anonEntity(a, b, h int) *entity {
	if e, ok := d.anonAt[h]; ok {
		return e
	}
	e := d.anonEntity1(a, b, h)
	if e != nil {
		d.anonAt[h] = e
	}
	return e
}

func (d *docState) anonEntity1(a, b, h int) *entity {
	head := d.toks[h].lower
	plural := strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss") || head == "police" || head == "people" || head == "staff"
	if h+1 < b && (d.toks[h+1].lower == "and" || d.toks[h+1].lower == "&") {
		plural = true
	}
	sing := strings.TrimSuffix(head, "s")
	definite := false
	ord := 0
	var desc []string
	for i := a; i < b; i++ {
		w := d.toks[i].lower
		switch {
		case i == a && (w == "the" || w == "this" || w == "that" || w == "these" || w == "those"):
			definite = true
			continue
		case i == a && (w == "a" || w == "an"):
			continue
		case ordinals[w] != 0:
			ord = ordinals[w]
			continue
		case countWords[w] > 0 && i < h:
			if !plural && w == "one" {
				ord = -3 // "one official": a new source
			}
			continue
		case w == "unnamed" || w == "anonymous" || w == "unidentified" || w == "various" || w == "several" || w == "some" || w == "many":
			continue
		}
		w = d.toks[i].text
		if d.sentenceInitial(i) && d.mentAt[i] < 0 && !isAcronym(w) {
			w = d.toks[i].lower
		}
		desc = append(desc, w)
	}
	if len(desc) == 0 {
		return nil
	}
	key := sing
	if plural {
		key = sing + "s"
	}
	list := d.anon[key]
	var e *entity
	switch {
	case ord > 0:
		for _, x := range list {
			if x.anonN == ord {
				e = x
			}
		}
		if e == nil && ord == 1 && len(list) > 0 {
			e = list[0]
		}
	case definite || (plural && len(list) > 0):
		if len(list) > 0 {
			// the most recently used
			e = list[0]
			best := -1
			for _, x := range list {
				if x.first > best {
					best, e = x.first, x
				}
			}
		}
	}
	if e == nil {
		n := len(list) + 1
		if ord > 0 {
			n = ord
		}
		descText := strings.NewReplacer(" 's", "'s", " ’s", "’s").Replace(strings.Join(desc, " "))
		e = &entity{typ: TypePerson, kind: "anon", anonDesc: descText, anonN: n, plural: plural, first: h}
		d.anon[key] = append(d.anon[key], e)
		d.ents = append(d.ents, e)
	} else {
		e.first = h
		d.merge(d.span(a, b), e, "description", a)
	}
	return e
}

// docEntity returns the report, statement or set of documents described by
// [a, b) with head h of class cls.
func (d *docState) docEntity(a, b, h int, cls string) *entity {
	first := d.toks[a].lower
	definite := first == "the" || first == "this" || first == "these" || first == "its" || first == "their"
	bare := !definite && first != "a" && first != "an"
	var e *entity
	for _, x := range d.docs {
		if x.first == h {
			return x // the same words resolved before
		}
	}
	if definite || bare && cls == "documents" {
		for k := len(d.docs) - 1; k >= 0; k-- {
			if d.docs[k].head == cls {
				e = d.docs[k]
				break
			}
		}
	}
	if e == nil {
		e = &entity{typ: TypeDoc, kind: "report", head: cls, first: h}
		d.docs = append(d.docs, e)
		d.ents = append(d.ents, e)
	} else {
		d.merge(d.span(a, b), e, "description", a)
	}
	// a date inside the phrase: "the June 7 report"
	for i := a; i < h; i++ {
		if months[d.toks[i].text] && i+1 < h && isNumber(d.toks[i+1].text) {
			e.date = d.toks[i].text + " " + d.toks[i+1].text
		}
	}
	d.findPublisher(e, a, h)
	return e
}

// findPublisher reads a document's publisher: "by X", "X's report".
func (d *docState) findPublisher(e *entity, a, h int) {
	s := d.sents[d.toks[h].sent]
	end := s.t1
	for i := h + 1; i < end && i < h+25; i++ {
		t := d.toks[i]
		if t.qmark != 0 || (isFinite(t) && t.lower != "read") {
			break
		}
		if t.lower == "from" && i == h+1 {
			// "a statement from the Belgian Interior Ministry"
			k := i + 1
			if k < end && d.toks[k].lower == "the" {
				k++
			}
			if m := d.mentionAt(k); m != nil && m.adj && m.t0 == k {
				k = m.t1
			}
			if m := d.orgAfter(k, end); m != nil && m.ent.typ == TypeOrg && !m.ent.outlet {
				e.pub = m.ent
				e.pubSent = d.toks[h].sent
			}
			break
		}
		if t.lower == "by" && i > 0 && d.toks[i-1].lower != "obtained" && d.toks[i-1].lower != "received" {
			if m := d.orgAfter(i+1, end); m != nil && m.ent.typ == TypeOrg && !m.ent.outlet {
				e.pub = m.ent
				e.pubSent = d.toks[h].sent
			}
			break
		}
	}
	for i := a; i < h; i++ {
		if m := d.mentionAt(i); m != nil && m.ent != nil && m.ent.typ == TypeOrg && !m.adj && m.t1 <= h && (m.poss || m.t1 == h) {
			e.pub = m.ent
			e.pubSent = d.toks[h].sent
		}
	}
}

// orgAfter returns the first organisation mention at or after token i
// (skipping a determiner), with a possessive chain resolved to its last part
// ("the State Department's Overseas Security Advisory Council").
func (d *docState) orgAfter(i, end int) *mention {
	if i < end && d.toks[i].lower == "the" || i < end && d.toks[i].lower == "its" {
		i++
	}
	var last *mention
	for i < end {
		m := d.mentionAt(i)
		if m == nil || m.ent == nil {
			break
		}
		last = m
		i = m.c1
		if m.poss && i < end && isPossessive(d.toks[i].text) {
			i++
			continue
		}
		break
	}
	if last != nil && last.ent.typ == "" {
		last.ent.typ = TypeOrg
	}
	return last
}

// finalName settles an entity's canonical name.
func (d *docState) finalName(e *entity) {
	switch {
	case e.kind == "anon":
		n := ""
		if e.anonN > 1 {
			n = " " + strconv.Itoa(e.anonN)
		}
		e.name = "Unnamed " + e.anonDesc + n + " (" + d.docID + ")"
		return
	case e.fixed:
		return
	case e.typ == TypeDoc:
		head := e.head
		if head == "" {
			head = "report"
		}
		switch {
		case e.pub != nil && e.pub.name != "":
			e.name = e.pub.name + " " + head
			if e.date != "" {
				e.name += " (" + e.date + ")"
			}
		case e.date != "":
			e.name = "Unnamed " + head + " (" + e.date + ", " + d.docID + ")"
		default:
			e.name = "Unnamed " + head + " (" + d.docID + ")"
		}
		if al, ok := d.x.lookupAlias(e.name, true); ok {
			e.name = al.Name
		}
		return
	case e.fixed:
		return
	case e.typ == TypePerson && len(e.full) > 1:
		e.name = strings.Join(e.full, " ")
	}
	if al, ok := d.x.lookupAlias(e.name, true); ok && al.Type == e.typ {
		e.name = al.Name
	}
}

// aliasNP resolves the noun phrase [a, b) through the alias table. A
// document found so joins the document's list, so that "the report" later
// refers to it. A single capitalised word that the article also uses in
// lower case ("Investigators") is a common noun starting a sentence, not a
// name.
func (d *docState) aliasNP(a, b int) *entity {
	text := d.span(a, b)
	al, ok := d.x.lookupAlias(text, true)
	if !ok {
		return nil
	}
	if b-a == 1 && d.sentenceInitial(a) && d.lowerSeen[d.toks[a].lower] {
		return nil
	}
	e := d.entityFor(al.Type, al.Name)
	e.fixed = true
	if text != al.Name {
		d.merge(text, e, "alias-table", a)
	}
	if e.typ == TypeDoc && e.head == "" {
		h := d.headOf(a, b)
		if h >= 0 && docNouns[d.toks[h].lower] != "" {
			e.head = docNouns[d.toks[h].lower]
			d.docs = append(d.docs, e)
			d.findPublisher(e, a, h)
		}
	}
	return e
}

// institutionWords make a lower-case description an institution's name.
var institutionWords = setOf("federal", "national", "state", "public", "regional", "municipal", "county",
	"interior", "foreign", "defence", "defense", "justice", "home", "city", "royal", "military", "central",
	"health", "finance", "transport", "education", "immigration", "emergency", "ambulance", "fire", "rescue")

// institution names an organisation described in lower case: "French
// police", "the Paris prosecutor's office", "the federal prosecutor's
// office". It needs a place, an adjective of nationality or an
// institutional word; bare "police" stays an unnamed source.
func (d *docState) institution(a, h int) *entity {
	i := a
	for i < h && (d.toks[i].tag == "DT" || d.toks[i].lower == "its" || countWords[d.toks[i].lower] > 0) {
		i++
	}
	if i >= h {
		return nil
	}
	// "the Islamic State group": a named organisation with its kind
	if m := d.mentionAt(h - 1); m != nil && m.ent != nil && m.ent.typ == TypeOrg && !m.adj && m.t1 == h {
		return m.ent
	}
	ok := false
	for k := i; k < h; k++ {
		if m := d.mentionAt(k); m != nil && m.ent != nil && (m.ent.typ == TypePlace || m.ent.typ == "") {
			ok = true
		}
		if institutionWords[d.toks[k].lower] {
			ok = true
		}
		// "the mayor's office", "the prime minister's office"
		if titleNouns[d.toks[k].lower] && k+1 < h && isPossessive(d.toks[k+1].text) {
			ok = true
		}
		if d.toks[k].tag == "VBN" || d.toks[k].tag == "JJS" || d.toks[k].lower == "senior" || d.toks[k].lower == "top" {
			return nil
		}
	}
	if !ok {
		return nil
	}
	name := cleanName(d.span(i, h+1))
	if name == "" {
		return nil
	}
	if r, n := utf8.DecodeRuneInString(name); !isUpperStart(name) {
		name = string(unicode.ToUpper(r)) + name[n:]
	}
	e := d.entityFor(TypeOrg, name)
	return e
}
