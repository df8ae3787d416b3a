package extract

import (
	"sort"
	"strings"

	"github.com/jdkato/prose/v3/token"
	"unicode"
	"unicode/utf8"
)

// entity is one thing a document talks about. Its canonical name is fixed
// when the document is finished (see finalName), so late evidence such as a
// full name given after a surname still counts.
type entity struct {
	typ      string
	name     string // canonical name once final
	fixed    bool   // name comes from an alias table or the built-in lists
	kind     string // gazetteer kind, "anon", "report", "outlet", ...
	full     []string
	plural   bool
	anonDesc string // anonymous sources: their description ("official")
	anonN    int
	pub      *entity // documents: their publisher
	date     string  // documents: date in their name
	head     string  // documents: head noun (report, statement)
	pubSent  int     // documents: sentence naming the publisher
	country  string  // cities: their country
	roles    []string
	first    int // token index of first mention
	outlet   bool
	militant bool
}

// mention is an entity's occurrence in the text.
type mention struct {
	t0, t1   int // tokens [t0, t1) of the name itself (titles stripped)
	c0, c1   int // the whole chunk, titles and prefixes included
	ent      *entity
	adj      bool   // adjective or demonym ("German")
	title    string // title before the name ("Director of National Intelligence")
	titleObj *mention
	rank     bool // the title is only a rank or honorific
	prefix   *mention
	service  string // "Army" in "Army Gen. X"
	poss     bool   // followed by 's
	surface  string
}

var functionWords = setOf(strings.Fields(`a an the this that these those it its he she they we i you his her their our
my your him them us me and or but nor so yet for of in on at to from by with as into onto upon about after
before during since until while when where why how what which who whom whose if then than though although
because once also too very not no yes all any each every some many most much more few several such both either
neither one two three four five six seven eight nine ten there here is are was were be been being has have
had do does did will would shall should can could may might must according asked meanwhile additionally
however moreover furthermore still even just only already now today yesterday tonight last next earlier later
among between against over under through across around near inside outside within without despite
towards toward via per amid along beside besides beyond below above`)...)

var weekdays = setOf("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
var months = setOf("January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December", "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.")

// named days that date events ("on Bastille Day")
var namedDays = []string{"Bastille Day", "Christmas Day", "Christmas Eve", "New Year's Eve", "New Year’s Eve",
	"New Year's Day", "New Year’s Day", "Easter Sunday", "Easter Monday", "Valentine's Day", "Valentine’s Day",
	"Independence Day", "Armistice Day", "Remembrance Day", "Boxing Day", "Good Friday", "Halloween"}

var connectors = setOf("of", "for", "de", "du", "des", "la", "le", "al", "al-", "el", "bin", "ibn", "van",
	"von", "der", "den", "da", "di", "del", "della", "y", "&", "and", "on", "the", "at")

var particles = setOf("al", "el", "bin", "ibn", "abu", "van", "von", "der", "den", "de", "da", "di", "del",
	"della", "du", "le", "la", "Al", "El", "Bin", "Ibn", "Abu", "Van", "Von", "De", "Da", "Di", "Du", "Le", "La")

func isUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isLowerStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r) || r == '.' || r == '&' || r == '-':
		default:
			return false
		}
	}
	return letters >= 2
}

func isPossessive(s string) bool {
	return s == "’s" || s == "'s" || s == "’" || s == "'" || s == "s’" || s == "s'"
}

func isPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// sentenceInitial reports whether token i starts a sentence or a quotation
// or follows a colon or dash, where capitals prove nothing.
func (d *docState) sentenceInitial(i int) bool {
	t := d.toks[i]
	s := d.sents[t.sent]
	if i == s.t0 {
		return true
	}
	p := d.toks[i-1]
	return p.qmark != 0 || p.text == ":" || p.text == "—" || p.text == "–" || p.text == "(" || p.text == "[" || p.text == "-" || p.text == "‘"
}

// capTok reports whether token i may be part of a name.
func (d *docState) capTok(i int) bool {
	t := d.toks[i]
	// "al-Baghdadi", "el-Sisi" after a name
	if i > 0 && len(t.text) > 3 && (strings.HasPrefix(t.text, "al-") || strings.HasPrefix(t.text, "el-") || strings.HasPrefix(t.text, "ad-") || strings.HasPrefix(t.text, "ash-")) &&
		isUpperStart(t.text[strings.IndexByte(t.text, '-')+1:]) && d.toks[i-1].sent == t.sent && isUpperStart(d.toks[i-1].text) && !isPunct(d.toks[i-1].text) {
		return true
	}
	if t.text == "I" || isPunct(t.text) || !isUpperStart(t.text) {
		return false
	}
	// "the Berlin-based Centre for …": a place adjective, not the name
	if strings.HasSuffix(t.lower, "-based") {
		return false
	}
	if strings.HasPrefix(t.text, "#") {
		return false
	}
	if d.sentenceInitial(i) {
		if functionWords[t.lower] && gazetteer.exact[t.text].name == "" {
			return false
		}
		if d.aliasExact(t.text) || gazetteer.exact[t.text].name != "" || firstNames[t.text] {
			return true
		}
		// "Foreign Minister X said": a title word before a title head, however
		// the tagger reads it and even when the article also writes
		// "foreign" in lower case
		if titleMods[t.text] && i+1 < len(d.toks) && d.toks[i+1].sent == t.sent && (titleHeads[d.toks[i+1].text] || titleMods[d.toks[i+1].text]) {
			return true
		}
		if d.lowerSeen[t.lower] {
			return false
		}
		if t.tag != "NNP" && t.tag != "NNPS" && !isAcronym(t.text) {
			return false
		}
		// "Rescue workers said": a common noun before a lower-case noun
		if i+1 < len(d.toks) && d.toks[i+1].sent == t.sent && (d.toks[i+1].tag == "NNS" || d.toks[i+1].tag == "NN") && isLowerStart(d.toks[i+1].text) && !isAcronym(t.text) && !titleHeads[t.text] && !titleMods[t.text] && !orgSuffixes[t.text] {
			return false
		}
		if i+1 < len(d.toks) && d.toks[i+1].sent == t.sent && (d.toks[i+1].tag == "VBD" || d.toks[i+1].tag == "VBZ") && !isAcronym(t.text) {
			// "Refugees said", "Investigators found": a common noun at the start
			if strings.HasSuffix(t.lower, "s") && !strings.HasSuffix(t.lower, "ss") {
				return false
			}
		}
	}
	return true
}

// findMentions chunks capitalised runs into typed mentions.
func (d *docState) findMentions() {
	d.mentAt = make([]int, len(d.toks))
	for i := range d.mentAt {
		d.mentAt[i] = -1
	}
	for si, s := range d.sents {
		if s.skip {
			continue
		}
		i := s.t0
		for i < s.t1 {
			if !d.capTok(i) {
				i++
				continue
			}
			j := d.chunkEnd(i, s.t1)
			d.analyseChunk(si, i, j)
			i = j
		}
	}
	sort.SliceStable(d.ments, func(i, j int) bool { return d.ments[i].t0 < d.ments[j].t0 })
	for mi, m := range d.ments {
		for k := m.t0; k < m.t1 && k < len(d.mentAt); k++ {
			if d.mentAt[k] < 0 {
				d.mentAt[k] = mi
			}
		}
	}
}

// chunkEnd extends a capitalised run starting at i.
func (d *docState) chunkEnd(i, end int) int {
	j := i + 1
	for j < end {
		t := d.toks[j]
		if t.qmark != 0 || isPossessive(t.text) {
			break
		}
		if d.capTok(j) && !d.sentenceInitial(j) {
			// a date word after a place ends the name: "Brussels Tuesday"
			j++
			continue
		}
		if connectors[t.text] && j+1 < end {
			k := j + 1
			if (t.text == "of" || t.text == "for") && d.toks[k].text == "the" && k+1 < end {
				k++
			}
			if !d.capTok(k) || d.sentenceInitial(k) {
				break
			}
			switch t.text {
			case "and", "&", "on", "the", "at":
				// only inside a known name
				if !d.knownSpan(i, k+1) && !d.knownSpan(i, k+2) && !d.knownSpan(i, k+3) {
					return j
				}
			case "of", "for":
				// "Director of National Intelligence", "Institute for ...": only after
				// an organisation or title word
				orgish := false
				for x := i; x < j; x++ {
					if orgSuffixes[d.toks[x].text] || orgPrefixes[d.toks[x].text] || titleHeads[d.toks[x].text] {
						orgish = true
					}
				}
				if !orgish && !titleMods[d.toks[j-1].text] && !d.knownSpan(i, k+1) && !d.knownSpan(i, k+2) {
					return j
				}
			}
			j = k + 1
			continue
		}
		break
	}
	return j
}

func (d *docState) knownSpan(a, b int) bool {
	if b > len(d.toks) || a >= b {
		return false
	}
	s := d.span(a, b)
	if _, ok := gazetteer.lookup(s); ok {
		return true
	}
	return d.aliasExact(s)
}

// span returns the text of tokens [a, b).
func (d *docState) span(a, b int) string {
	if a < 0 || b > len(d.toks) || a >= b {
		return ""
	}
	return d.text[d.toks[a].start:d.toks[b-1].end]
}

func (d *docState) addMention(m *mention) *mention {
	m.surface = d.span(m.t0, m.t1)
	if m.c1 == 0 {
		m.c0, m.c1 = m.t0, m.t1
	}
	if m.c1 < len(d.toks) && isPossessive(d.toks[m.c1].text) {
		m.poss = true
	}
	d.ments = append(d.ments, m)
	return m
}

// analyseChunk types a capitalised run [a, b) of sentence si.
func (d *docState) analyseChunk(si, a, b int) {
	// date words at either end
	for a < b && (weekdays[d.toks[a].text] || (months[d.toks[a].text] && (b-a == 1 || !d.knownSpan(a, b)))) {
		a++
	}
	// a month ends the name only when a day follows ("Syria May 31"), not
	// in "Theresa May"
	for b > a && (weekdays[d.toks[b-1].text] || (months[d.toks[b-1].text] && b-a > 1 && b < len(d.toks) && isNumber(d.toks[b].text))) {
		b--
	}
	if a >= b {
		return
	}
	for _, nd := range namedDays {
		if d.span(a, b) == nd || strings.HasPrefix(nd, d.span(a, b)+" ") {
			return
		}
	}
	// a title first ("President Obama", "U.S. Director of National
	// Intelligence James Clapper", "Army Gen. X"): read the title, then
	// resolve the name alone
	if d.startsWithTitle(a, b) {
		if d.titleFirst(si, a, b) {
			return
		}
	}
	// whole chunk known
	if e := d.known(a, b); e != nil {
		d.addMention(&mention{t0: a, t1: b, ent: e.ent, adj: e.adj})
		return
	}
	// organisation by its suffix or prefix, unless it begins with a title
	if !titleHeads[d.toks[a].text] && !titleMods[d.toks[a].text] || orgSuffixes[d.toks[b-1].text] && !d.titleThenName(a, b) {
		if d.orgShape(a, b) && !(b-a == 2 && firstNames[d.toks[a].text] && surnameSuffixes[d.toks[b-1].text]) {
			d.addMention(&mention{t0: a, t1: b, ent: d.orgEntity(a, b)})
			return
		}
	}
	if d.titleFirst(si, a, b) {
		return
	}
	// a named site: "Manchester Arena", "Brussels Airport", "Promenade des
	// Anglais"
	// (not "Jonathan Hall", "Kate Bridge": a given name first)
	if b-a >= 2 && (siteNouns[strings.ToLower(d.toks[b-1].text)] || siteNouns[strings.ToLower(d.toks[a].text)] && connectors[d.toks[a+1].text] || streetWords[d.toks[a].text]) && isUpperStart(d.toks[b-1].text) && !(firstNames[d.toks[a].text] && b-a <= 3) {
		e := d.entityFor(TypePlace, cleanName(d.span(a, b)))
		if e.kind == "" {
			e.kind = "site"
		}
		d.addMention(&mention{t0: a, t1: b, ent: e})
		return
	}
	// a city that is also a given name, then an unknown surname: a person
	// ("Sofia Lindqvist", "Florence Martin")
	if b-a == 2 && d.knownSpan(a, a+1) && !d.knownSpan(a+1, b) && d.known(a, a+1).ent.typ == TypePlace && d.known(a, a+1).ent.kind == kCity &&
		(firstNames[d.toks[a].text] || strings.HasSuffix(d.nerAt(a), "PERSON") || strings.HasSuffix(d.nerAt(a+1), "PERSON")) {
		e := d.nameEntity(a, b)
		if e.typ == "" {
			e.typ = TypePerson
			e.full = nameWords(e.name)
		}
		d.addMention(&mention{t0: a, t1: b, ent: e})
		return
	}
	// a known entity followed by more words: split
	for k := min(b-1, a+gazetteer.maxN); k > a; k-- {
		if d.knownSpan(a, k) && !orgSuffixes[d.toks[b-1].text] {
			e := d.known(a, k)
			d.addMention(&mention{t0: a, t1: k, ent: e.ent, adj: e.adj})
			d.analyseChunk(si, k, b)
			return
		}
	}
	if b-a == 1 && isAcronym(d.toks[a].text) && len(d.toks[a].text) <= 7 && !strings.Contains(d.toks[a].text, ".") {
		d.addMention(&mention{t0: a, t1: b, ent: d.orgEntity(a, b)})
		return
	}
	// a name; its type is settled once the whole document is read
	d.addMention(&mention{t0: a, t1: b, ent: d.nameEntity(a, b)})
}

// surnameSuffixes are organisation or site words that are also common
// surnames: after a given name they end a person's name ("Daniel Church",
// "Jonathan Hall").
var surnameSuffixes = setOf("Church", "Hall", "House", "Park", "Bridge", "Court", "Bank", "Banks", "Field",
	"Street", "Mills", "Temple", "Castle", "Tower", "Fields")

// streetWords open the names of squares, streets and stations in the
// languages European news quotes them in ("Place des Terreaux", "Rue de
// Rivoli", "Gare du Nord", "Piazza Navona", "Plaza Mayor").
var streetWords = setOf("Place", "Rue", "Avenue", "Boulevard", "Quai", "Gare", "Pont", "Plaza", "Piazza",
	"Piazzale", "Platz", "Praça", "Plaça", "Calle", "Avenida", "Paseo", "Via", "Viale", "Corso", "Rambla", "Strasse", "Straße")

// startsWithTitle reports whether [a, b) opens with a title head, a service
// and a rank, or a known place or organisation and a title.
func (d *docState) startsWithTitle(a, b int) bool {
	if b-a < 2 {
		return false
	}
	if titleHeads[d.toks[a].text] {
		return true
	}
	if services[d.toks[a].text] && (titleHeads[d.toks[a+1].text] || ranks[d.toks[a+1].text]) {
		return true
	}
	for k := min(b-1, a+gazetteer.maxN); k > a; k-- {
		if titleHeads[d.toks[k].text] && d.knownSpan(a, k) {
			return true
		}
	}
	return false
}

// titleFirst reads an optional known prefix or service, then a title and a
// name. It reports false when [a, b) holds no title.
func (d *docState) titleFirst(si, a, b int) bool {
	// "Dutch Justice Ministry", "Interior Ministry": title words, then an
	// organisation word, and no name
	if orgSuffixes[d.toks[b-1].text] {
		name := false
		for k := a; k < b-1; k++ {
			w := d.toks[k].text
			if !titleHeads[w] && !titleMods[w] && !orgSuffixes[w] && !d.knownSpan(k, k+1) {
				name = true
			}
		}
		if !name {
			return false
		}
	}
	// leading known place or organisation, then the rest: "U.S. Director of
	// National Intelligence James Clapper", "Army Gen. Curtis Scaparrotti"
	var prefix *mention
	service := ""
	for k := min(b-1, a+gazetteer.maxN); k > a; k-- {
		if (titleHeads[d.toks[k].text] || titleMods[d.toks[k].text]) && d.knownSpan(a, k) {
			e := d.known(a, k)
			prefix = d.addMention(&mention{t0: a, t1: k, ent: e.ent, adj: e.adj})
			a = k
			break
		}
	}
	// an organisation no list names, known by its suffix, then a title:
	// "Greater Manchester Police Chief Constable Ian Hopkins"
	if prefix == nil {
		for k := a + 2; k+1 < b; k++ {
			if orgSuffixes[d.toks[k-1].text] && !titleHeads[d.toks[k-1].text] && (titleHeads[d.toks[k].text] || titleMods[d.toks[k].text]) && d.orgShape(a, k) {
				prefix = d.addMention(&mention{t0: a, t1: k, ent: d.orgEntity(a, k)})
				a = k
				break
			}
		}
	}
	if prefix == nil && a+1 < b && services[d.toks[a].text] && (titleHeads[d.toks[a+1].text] || ranks[d.toks[a+1].text]) {
		service = d.toks[a].text
		a++
	}
	// title, then a name
	if a < b && (titleHeads[d.toks[a].text] || titleMods[d.toks[a].text]) {
		if d.titleChunk(si, a, b, prefix, service) {
			return true
		}
	}
	if prefix != nil {
		// the prefix stands alone after all
		d.analyseChunk(si, a, b)
		return true
	}
	return false
}

type knownHit struct {
	ent *entity
	adj bool
}

// known resolves tokens [a, b) through the alias table, then the built-in lists.
func (d *docState) known(a, b int) *knownHit {
	s := d.span(a, b)
	if s == "" {
		return nil
	}
	if al, ok := d.x.lookupAlias(s, b-a > 1); ok {
		e := d.entityFor(al.Type, al.Name)
		e.fixed = true
		if ge, ok := gazetteer.lookup(al.Name); ok {
			e.kind = ge.kind
			e.outlet = ge.kind == kOutlet
			e.militant = ge.kind == kMilitant
			e.country = ge.country
		}
		if s != al.Name {
			d.merge(s, e, "alias-table", a)
		}
		return &knownHit{ent: e}
	}
	if ge, ok := gazetteer.lookup(s); ok {
		name, typ := ge.name, ge.typ
		if al, ok := d.x.lookupAlias(name, true); ok {
			name, typ = al.Name, al.Type
		}
		e := d.entityFor(typ, name)
		e.fixed = true
		e.kind = ge.kind
		e.outlet = ge.kind == kOutlet
		e.militant = ge.kind == kMilitant
		e.country = ge.country
		if s != name && !ge.adj {
			d.merge(s, e, "builtin-alias", a)
		}
		return &knownHit{ent: e, adj: ge.adj}
	}
	return nil
}

func (d *docState) aliasExact(s string) bool {
	_, ok := d.x.lookupAlias(s, strings.Contains(s, " "))
	return ok
}

// orgShape reports whether [a, b) looks like an organisation's name.
func (d *docState) orgShape(a, b int) bool {
	last := d.toks[b-1].text
	// "Washington Institute of Middle East Policy", "University of X"
	for k := a; k+1 < b; k++ {
		w := d.toks[k].text
		if (orgSuffixes[w] || orgPrefixes[w]) && !titleHeads[w] && (d.toks[k+1].text == "of" || d.toks[k+1].text == "for" || d.toks[k+1].text == "at") {
			return true
		}
	}
	if orgSuffixes[last] && (b-a > 1 || isAcronym(last)) {
		return true
	}
	if b-a > 2 && orgPrefixes[d.toks[a].text] && (d.toks[a+1].text == "of" || d.toks[a+1].text == "for") {
		return true
	}
	return false
}

// titleThenName reports whether a title starts [a, b) and a name ends it.
func (d *docState) titleThenName(a, b int) bool {
	return titleHeads[d.toks[a].text] && !orgSuffixes[d.toks[b-1].text]
}

func (d *docState) orgEntity(a, b int) *entity {
	name := cleanName(d.span(a, b))
	e := d.entityFor(TypeOrg, name)
	last := d.toks[b-1].text
	if outletSuffixes[last] {
		e.outlet = true
	}
	return e
}

// nameEntity makes an entity for an unknown capitalised run, typed later.
func (d *docState) nameEntity(a, b int) *entity {
	name := cleanName(d.span(a, b))
	e := d.entityFor("", name)
	toks := d.toks[a:b]
	person := false
	if firstNames[toks[0].text] && len(toks) > 1 {
		person = true
	}
	if len(toks) >= 3 && particles[toks[1].text] && gazetteer.exact[toks[len(toks)-1].text].name == "" {
		person = true
	}
	if person && e.typ == "" {
		e.typ = TypePerson
	}
	if e.typ == TypePerson && len(toks) > 1 {
		e.full = nameWords(name)
	}
	return e
}

// titleChunk reads "TITLE [of OBJECT] NAME" from [a, b). It reports false
// when there is no title after all.
func (d *docState) titleChunk(si, a, b int, prefix *mention, service string) bool {
	k := a
	lastHead := -1
	for k < b && (titleHeads[d.toks[k].text] || titleMods[d.toks[k].text]) {
		if titleHeads[d.toks[k].text] {
			lastHead = k
		}
		k++
	}
	if lastHead < 0 {
		return false
	}
	k = lastHead + 1
	titleEnd := k
	var obj *mention
	if k < b && (d.toks[k].text == "of" || d.toks[k].text == "for") {
		// the object runs to where the name starts
		o0 := k + 1
		if o0 < b && d.toks[o0].text == "the" {
			o0++
		}
		n0 := d.nameStart(o0, b)
		// the whole rest names an organisation or place: no person follows
		// ("CEO of Global Security International LLC")
		if d.orgShape(o0, b) || d.known(o0, b) != nil || !d.nameLike(n0, b, a) {
			n0 = b
		}
		if n0 > o0 {
			if e := d.known(o0, n0); e != nil {
				obj = d.addMention(&mention{t0: o0, t1: n0, ent: e.ent, adj: e.adj})
			} else if d.orgShape(o0, n0) || (n0-o0 == 1 && isAcronym(d.toks[o0].text)) {
				obj = d.addMention(&mention{t0: o0, t1: n0, ent: d.orgEntity(o0, n0)})
			}
			titleEnd = n0
			k = n0
		}
	}
	title := d.span(a, titleEnd)
	rank := true
	for i := a; i < titleEnd; i++ {
		if !ranks[d.toks[i].text] && !honorifics[d.toks[i].text] && !titleMods[d.toks[i].text] {
			rank = false
		}
	}
	if k >= b {
		// a bare title: "the Interior Minister"
		return true
	}
	m := &mention{t0: k, t1: b, c0: a, c1: b, title: title, titleObj: obj, rank: rank, prefix: prefix, service: service}
	if prefix != nil {
		m.c0 = prefix.t0
	}
	var e *entity
	if h := d.known(k, b); h != nil && (h.ent.typ == TypePerson || h.ent.typ == "") {
		e = h.ent
		e.typ = TypePerson
	} else {
		e = d.nameEntity(k, b)
	}
	if e.typ == "" {
		e.typ = TypePerson
		if b-k > 1 {
			e.full = nameWords(e.name)
		}
	}
	m.ent = e
	d.addMention(m)
	return true
}

// nameLike reports whether [n0, b) can be a person's name after a title
// starting at a: two words or more, or one that looks like a name ("Secretary
// of State Kerry"), but not when a determiner precedes the title ("the US
// Director of National Intelligence").
func (d *docState) nameLike(n0, b, a int) bool {
	if n0 >= b {
		return false
	}
	det := false
	for k := a - 1; k >= 0 && k >= a-3; k-- {
		w := d.toks[k].lower
		if w == "the" || w == "a" || w == "an" {
			det = true
			break
		}
		if !(isUpperStart(d.toks[k].text) || isPossessive(w)) {
			break
		}
	}
	if det {
		return false
	}
	if b-n0 >= 2 {
		return true
	}
	t := d.toks[n0]
	return firstNames[t.text] || strings.HasSuffix(d.nerAt(n0), "PERSON")
}

// nameStart finds where a person's name begins inside "OBJECT NAME":
// at a known given name, else two words from the end.
func (d *docState) nameStart(a, b int) int {
	for k := a; k < b-1; k++ {
		if firstNames[d.toks[k].text] && k > a {
			return k
		}
	}
	if b-a >= 3 {
		n := b - 2
		if n > a && particles[d.toks[n].text] {
			n--
		}
		return n
	}
	if b-a == 2 {
		return b - 1
	}
	return b
}

// cleanName trims quotes and stray punctuation from a name.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "\"“”‘’'[](),;:")
	s = strings.TrimSuffix(s, "’s")
	s = strings.TrimSuffix(s, "'s")
	return strings.Join(strings.Fields(s), " ")
}

func nameWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		if honorifics[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// entityFor finds or makes the document's entity of a type and name.
// An empty type means "not known yet".
func (d *docState) entityFor(typ, name string) *entity {
	key := strings.ToLower(name)
	if e, ok := d.byName[key]; ok {
		if e.typ == "" && typ != "" {
			e.typ = typ
		}
		if typ == "" || e.typ == typ {
			return e
		}
		key = typ + "|" + key
		if e, ok := d.byName[key]; ok {
			return e
		}
	}
	e := &entity{typ: typ, name: name, first: -1}
	d.byName[key] = e
	d.ents = append(d.ents, e)
	return e
}

// resolveNames links the document's mentions: surnames and "Mr X" to the
// full name given elsewhere in the article, unknown names typed by context.
func (d *docState) resolveNames() {
	// names of two words or more that no rule typed: prose's entity model
	// decides whether they are people ("Hans-Georg Maassen")
	for _, m := range d.ments {
		e := m.ent
		if e == nil || e.typ != "" || m.t1-m.t0 < 2 {
			continue
		}
		for k := m.t0; k < m.t1; k++ {
			if strings.HasSuffix(d.nerAt(k), "PERSON") {
				e.typ = TypePerson
				e.full = nameWords(e.name)
				break
			}
		}
	}
	// persons with full names
	bySurname := map[string][]*entity{}
	for _, e := range d.ents {
		if e.typ == TypePerson && len(e.full) > 1 {
			sn := strings.ToLower(e.full[len(e.full)-1])
			bySurname[sn] = appendUniq(bySurname[sn], e)
		}
	}
	for _, m := range d.ments {
		e := m.ent
		if e == nil || e.fixed || (e.typ != "" && e.typ != TypePerson) {
			continue
		}
		words := nameWords(m.surface)
		if len(words) == 0 {
			continue
		}
		// a full name stands for itself, but a surname with its particle
		// ("Ms De Bolle", "Van Damme") joins the longer name it ends
		whole := len(e.full) > 1 && len(words) == len(e.full)
		if whole && !particles[words[0]] {
			continue
		}
		sn := strings.ToLower(words[len(words)-1])
		cands := bySurname[sn]
		var target *entity
		for _, c := range cands {
			if c != e && subsetFold(words, c.full) {
				if target != nil && target != c {
					target = nil // ambiguous surname
					break
				}
				target = c
			}
		}
		if target != nil {
			rule := "surname"
			if len(words) < len(strings.Fields(m.surface)) || m.title != "" {
				rule = "honorific+surname"
			}
			d.merge(m.surface, target, rule, m.t0)
			m.ent = target
			continue
		}
		if whole {
			continue
		}
		if e.typ == "" && d.personByContext(m) {
			e.typ = TypePerson
		}
	}
	// whatever is left untyped: places after locative prepositions, people
	// when prose says so, else organisations for acronyms
	for _, m := range d.ments {
		e := m.ent
		if e == nil || e.typ != "" {
			continue
		}
		prev := ""
		if m.c0 > 0 {
			prev = d.toks[m.c0-1].lower
		}
		// only names after a locative preposition are worth prose's
		// entity model here; a name that speaks is read as a person later
		if prev == "in" || prev == "to" || prev == "from" || prev == "near" {
			lbl := d.nerAt(m.t0)
			if strings.HasSuffix(lbl, "GPE") || strings.HasSuffix(lbl, "LOCATION") || strings.HasSuffix(lbl, "GSP") {
				e.typ = TypePlace
			}
		}
	}
}

// personByContext: a capitalised name followed by ", 32," (an age), by a
// speech verb, or preceded by an honorific is a person.
func (d *docState) personByContext(m *mention) bool {
	if m.title != "" {
		return true
	}
	if m.t1+2 < len(d.toks) && d.toks[m.t1].text == "," && isNumber(d.toks[m.t1+1].text) && d.toks[m.t1+2].text == "," {
		return true
	}
	// "his brother Youssef", "Bakkali's brother, Youssef,"
	k := m.c0 - 1
	if k >= 0 && d.toks[k].text == "," {
		k--
	}
	if k >= 0 && kinship[d.toks[k].lower] {
		return true
	}
	return false
}

var kinship = setOf("brother", "sister", "son", "daughter", "wife", "husband", "father", "mother", "cousin",
	"uncle", "aunt", "nephew", "niece", "brother-in-law", "widow", "fiancee", "fiancée", "girlfriend", "boyfriend")

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func subsetFold(words, full []string) bool {
	for _, w := range words {
		found := false
		for _, f := range full {
			if strings.EqualFold(w, f) {
				found = true
				break
			}
		}
		if !found && !particles[w] {
			return false
		}
	}
	return true
}

func appendUniq(list []*entity, e *entity) []*entity {
	for _, x := range list {
		if x == e {
			return list
		}
	}
	return append(list, e)
}

// mentionAt returns the mention covering token i, if any.
func (d *docState) mentionAt(i int) *mention {
	if i < 0 || i >= len(d.mentAt) || d.mentAt[i] < 0 {
		return nil
	}
	return d.ments[d.mentAt[i]]
}

// firstMentionFrom returns the index of the first mention starting at or
// after token i (mentions are sorted by start).
func (d *docState) firstMentionFrom(i int) int {
	return sort.Search(len(d.ments), func(k int) bool { return d.ments[k].t0 >= i })
}

// nerAt returns prose's entity label for token i. The entity model is the
// costliest part of prose, so it runs lazily and only on a window of a few
// tokens around the name the rules could not type (its features look two
// tokens either way).
func (d *docState) nerAt(i int) string {
	if i < 0 || i >= len(d.toks) || d.x == nil || d.x.m == nil || d.x.m.ner == nil {
		return ""
	}
	if d.nerDone == nil {
		d.nerDone = make([]bool, len(d.toks))
	}
	if !d.nerDone[i] {
		si := d.toks[i].sent
		if si < 0 || si >= len(d.sents) {
			return ""
		}
		s := d.sents[si]
		// the capitalised run around i, plus context
		a, b := i, i+1
		for a > s.t0 && isUpperStart(d.toks[a-1].text) {
			a--
		}
		for b < s.t1 && isUpperStart(d.toks[b].text) {
			b++
		}
		a, b = max(s.t0, a-3), min(s.t1, b+3)
		raw := make([]token.Token, 0, b-a)
		for k := a; k < b; k++ {
			t := d.toks[k]
			raw = append(raw, token.Token{Text: t.text, Tag: t.tag, Start: t.start})
		}
		d.x.m.ner.Label(raw)
		for k := range raw {
			if !d.nerDone[a+k] && (a+k >= i-1 && a+k <= i+1 || isUpperStart(raw[k].Text)) {
				d.toks[a+k].ner = raw[k].Label
				d.nerDone[a+k] = true
			}
		}
		d.nerDone[i] = true
	}
	return d.toks[i].ner
}
