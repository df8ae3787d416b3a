package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Attacks: event nodes with location, date, toll and perpetrator. An attack
// is named canonically "[YEAR ]CITY attack(s)|bombing(s)|…", so the same
// event in several articles becomes one node when the year is known (or
// when the alias table maps the yearless name). Planned, threatened,
// generic and counted attacks ("could launch attacks", "seven attacks") are
// not events.

type attack struct {
	ent   *entity
	city  *entity
	sites []*entity
	year  string
	noun  string
	tok   int
	sent  int
	perps []*entity
}

var attackNouns = map[string]string{
	"attack": "attack", "attacks": "attacks", "bombing": "bombing", "bombings": "bombings",
	"shooting": "shooting", "shootings": "shootings", "massacre": "massacre", "stabbing": "stabbing",
	"stabbings": "stabbings", "assault": "attack", "explosion": "bombing", "explosions": "bombings",
	"blast": "bombing", "blasts": "bombings", "rampage": "attack", "siege": "attack", "bombing-attacks": "bombings",
}

// hypothetical marks the words that make an attack a plan, a threat or a
// kind rather than an event.
var hypoBefore = setOf("future", "further", "additional", "next", "potential", "possible", "planned",
	"more", "follow", "follow-up", "copycat", "similar", "style", "any", "new", "other", "such", "foiled",
	"thwarted", "imminent", "likely", "feared", "attempted", "lone-wolf", "inspired", "worldwide",
	// nouns that govern a hypothetical attack: "plans for attacks in
	// Paris", "the threat of an attack", "calls for attacks"
	"plans", "plan", "plots", "plot", "threat", "threats", "risk", "risks", "fears", "fear", "warnings",
	"warning", "calls", "call")
var hypoVerbs = setOf("launch", "carry", "conduct", "stage", "commit", "plan", "planning", "plot", "plotting",
	"prepare", "preparing", "threaten", "threatened", "engage", "could", "would", "may", "might", "will",
	"can", "should", "must", "ready", "intend", "intended", "aim", "aimed", "seek", "seeking", "encourage",
	"encouraging", "provoke", "provoking", "prevent", "prevented", "foil", "foiled", "thwart", "thwarted",
	"inspire", "incite", "justify", "urge", "urging", "call", "calling", "focus", "wants", "want")
var hypoAfter = setOf("plan", "plans", "planning", "plot", "plots", "threat", "threats", "cell", "cells",
	"capability", "capabilities", "tactics", "tactic", "methods", "style", "were", "was", "are", "is")

// nonEventMods make an attack noun something other than violence.
var nonEventMods = setOf("heart", "panic", "asthma", "anxiety", "cyber", "cyber-attack", "verbal", "scathing",
	"blistering", "stinging", "personal", "political", "rhetorical", "legal", "ransomware", "hacking", "hacker", "phishing")

var quantifiers = setOf("number", "series", "wave", "spate", "string", "dozens", "hundreds", "several",
	"many", "numerous", "some", "few", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

var attackVerbs = setOf("attacked", "bombed", "stabbed", "rammed", "detonated")

var attackerNouns = setOf("terrorist", "terrorists", "attacker", "attackers", "assailant", "assailants",
	"gunman", "gunmen", "bomber", "bombers", "suspect", "suspects", "jihadist", "jihadists", "militant",
	"militants", "perpetrator", "perpetrators", "fanatics", "extremist", "extremists", "himself", "themselves")

var victimNouns = setOf("people", "persons", "civilians", "victims", "others", "passengers", "worshippers",
	"soldiers", "police", "officers", "children", "tourists", "pedestrians", "revellers", "shoppers",
	"concert-goers", "fans", "students", "staff", "men", "women", "guests", "residents", "person")

func (d *docState) findAttacks() {
	for si, s := range d.sents {
		if s.skip {
			continue
		}
		var here []*attack
		var at []int // the token each attack of the sentence is named at
		for i := s.t0; i < s.t1; i++ {
			t := d.toks[i]
			if n := attackNouns[t.lower]; n != "" && isNounTag(t.tag) {
				a := d.nounAttack(si, i, n)
				if a == nil {
					a = d.definiteAttack(si, i)
				}
				if a != nil && !hasAttack(here, a) {
					here = append(here, a)
					at = append(at, i)
				}
				continue
			}
			if d.verbTrigger(si, i) && !(len(here) > 0 && d.toks[i].lower == "killed") {
				if a := d.verbAttack(si, i); a != nil && !hasAttack(here, a) {
					here = append(here, a)
					at = append(at, i)
				}
			}
		}
		// where-clauses: "The threat was highlighted in Brussels Tuesday,
		// where … set off an explosive device at a train station."
		if len(here) > 0 {
			d.tolls(si, here[0], func(i int) *attack { return d.relativeAttack(si, i, here, at) })
			d.perpetrators(si, here[0])
		} else {
			d.tolls(si, nil, nil)
			if n := len(d.attacks); n > 0 {
				d.perpetrators(si, d.attacks[n-1])
			}
		}
		d.oneOfThem(si)
		d.linkedTo(si)
	}
}

func hasAttack(list []*attack, a *attack) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

// nounAttack reads "the Paris attacks", "the November Paris attacks", "the
// terror attacks in Paris and Brussels", "attacks at Brussels airport and a
// metro station in the city", "the attack at the Manchester Arena".
func (d *docState) nounAttack(si, i int, noun string) *attack {
	s := d.sents[si]
	if i-1 >= s.t0 && (d.toks[i-1].lower == "bombing" || d.toks[i-1].lower == "bomb") && strings.HasSuffix(noun, "s") {
		noun = "bombings"
	}
	if d.hypothetical(si, i) {
		return nil
	}
	// noun phrase before the trigger
	n0 := i
	for n0-1 >= s.t0 && (d.npTok(n0-1) || d.toks[n0-1].lower == "and" && n0-2 >= s.t0 && d.mentAt[n0-2] >= 0) {
		n0--
	}
	var places, premod []*entity
	var sites []*entity
	date := ""
	for k := n0; k < i; k++ {
		w := d.toks[k]
		if hypoBefore[w.lower] || quantifiers[w.lower] || isNumber(w.text) && k == i-1 && !isYear(w.text) {
			return nil
		}
		if months[w.text] || weekdays[w.text] {
			date = w.text
			if k > n0 && d.toks[k-1].lower == "last" {
				date = "last " + date
			}
			if k+1 < i && isYear(d.toks[k+1].text) {
				date += " " + d.toks[k+1].text
			}
		} else if isYear(w.text) && date == "" {
			date = w.text
		}
		if m := d.mentionAt(k); m != nil && m.ent != nil && m.ent.typ == TypePlace && m.t0 == k && !m.adj && m.ent.kind == "site" {
			// "the Manchester Arena bombing"
			sites = append(sites, m.ent)
			k = m.t1 - 1
		} else if m != nil && m.ent != nil && m.ent.typ == TypePlace && m.t0 == k && !m.adj {
			places = append(places, m.ent)
			premod = append(premod, m.ent)
			k = m.t1 - 1
		} else if m != nil && m.ent != nil && m.t0 == k && (m.ent.typ == "" || m.ent.typ == TypeOrg) && isUpperStart(w.text) && siteish(m.ent.name) {
			site := d.siteEntity(m.ent.name)
			sites = append(sites, site)
			k = m.t1 - 1
		}
	}
	// after the trigger: in/at/aimed at PLACE(, and PLACE)*
	j := i + 1
	if j < s.t1 && (d.toks[j].lower == "aimed" || d.toks[j].lower == "targeting" || d.toks[j].lower == "against") {
		j++
	}
	var city *entity
	for j < s.t1 {
		w := d.toks[j].lower
		if w == "in" || w == "at" || w == "on" || w == "near" || w == "outside" || w == "inside" || w == "along" || w == "through" {
			j++
			pl, st, c, nj := d.placeList(si, j)
			if nj == j {
				break
			}
			places = append(places, pl...)
			sites = append(sites, st...)
			if c != nil {
				city = c
			}
			j = nj
			continue
		}
		if w == "and" && j+1 < s.t1 && (d.toks[j+1].lower == "at" || d.toks[j+1].lower == "in") {
			j++
			continue
		}
		break
	}
	// ", which killed 32 people at Zaventem airport and the Maelbeek metro
	// station"
	if j+2 < s.t1 && d.toks[j].text == "," && (d.toks[j+1].lower == "which" || d.toks[j+1].lower == "that") {
		for k := j + 2; k < s.t1 && k < j+12; k++ {
			w := d.toks[k].lower
			if w == "," || w == "." {
				break
			}
			if w == "at" || w == "in" {
				pl, st, c, nk := d.placeList(si, k+1)
				if nk > k+1 {
					places = append(places, pl...)
					sites = append(sites, st...)
					if city == nil {
						city = c
					}
				}
				break
			}
		}
	}
	// a city named before the noun wins ("the 2016 Brussels bombings, which
	// killed 32 people at Zaventem airport")
	for _, p := range premod {
		if p.kind == kCity || p.kind == "" {
			city = p
			break
		}
	}
	// a date right after: "the deadly Paris attacks in November 2015"
	if date == "" {
		date = d.dateNear(si, i, min(j+4, s.t1))
	}
	if len(places) == 0 && len(sites) == 0 {
		return nil
	}
	if city == nil && len(places) == 0 && len(d.attacks) > 0 && (d.isDefinite(si, n0) || d.attacks[len(d.attacks)-1].sent >= si-2) {
		// "the attack at Breitscheidplatz": a site of the latest attack
		a := d.attacks[len(d.attacks)-1]
		for _, st := range sites {
			if st.kind == "site-generic" {
				st = d.entityFor(TypePlace, a.city.name+" "+strings.ToLower(st.name))
				st.kind = "site"
			}
			d.addFact(&fact{subj: a.ent, pred: PredAttackLocation, obj: st, sent: si, rule: "attack-site", conf: 0.7})
		}
		return a
	}
	return d.registerAttack(si, i, noun, places, sites, city, date)
}

func (d *docState) isDefinite(si, n0 int) bool {
	if n0 < d.sents[si].t0 || n0 >= len(d.toks) {
		return false
	}
	w := d.toks[n0].lower
	return w == "the" || w == "this" || w == "that" || w == "those" || w == "these" || w == "last" || isPossessive(w)
}

func siteish(name string) bool {
	w := strings.ToLower(lastWord(name))
	return siteNouns[w]
}

// siteEntity makes a place entity for an attack site.
func (d *docState) siteEntity(name string) *entity {
	name = cleanName(name)
	e := d.entityFor(TypePlace, name)
	if e.kind == "" {
		e.kind = "site"
	}
	return e
}

// placeList reads "Paris and Brussels", "Brussels airport and a metro
// station in the city", "the Manchester Arena" starting at token j.
func (d *docState) placeList(si, j int) (places, sites []*entity, city *entity, next int) {
	s := d.sents[si]
	next = j
	for j < s.t1 {
		k := j
		if d.toks[k].lower == "the" || d.toks[k].lower == "a" || d.toks[k].lower == "an" {
			k++
		}
		if k >= s.t1 {
			break
		}
		m := d.mentionAt(k)
		switch {
		case m != nil && m.ent != nil && m.t0 == k && m.ent.typ == TypePlace && !m.adj && m.ent.kind == "site":
			// "the Manchester Arena"
			sites = append(sites, m.ent)
			if c := d.cityIn(m.ent.name); c != nil {
				city = c
				places = append(places, c)
			}
			j = m.t1
		case m != nil && m.ent != nil && m.t0 == k && m.ent.typ == TypePlace && !m.adj:
			// "Brussels airport": a city followed by a site noun
			e := m.ent
			end := m.t1
			if st, se := d.possessiveSite(m, s.t1); se > end {
				// "Antwerp's Central Station", "Berlin's Breitscheidplatz"
				sites = append(sites, st)
				places = append(places, e)
				if e.kind == kCity || e.kind == "" {
					city = e
				}
				j = se
				break
			}
			if end < s.t1 && siteNouns[d.toks[end].lower] {
				se := end
				for se < s.t1 && siteNouns[d.toks[se].lower] {
					se++
				}
				sites = append(sites, d.siteEntity(d.span(k, se)))
				if e.kind == kCity {
					city = e
				}
				places = append(places, e)
				end = se
			} else {
				places = append(places, e)
				if e.kind == kCity || e.kind == "" {
					city = e
				}
			}
			j = end
		case m != nil && m.ent != nil && m.t0 == k && siteish(m.ent.name):
			sites = append(sites, d.siteEntity(m.ent.name))
			j = m.t1
		case m != nil && m.ent != nil && m.t0 == k && !m.adj && (m.ent.typ == "" || m.ent.typ == TypePlace) && j > 0 && (d.toks[j-1].lower == "at" || d.toks[j-1].lower == "on" || len(sites) > 0) && !(m.t1 < s.t1 && siteNouns[d.toks[m.t1].lower]):
			// "the attack at Breitscheidplatz": a named site
			sites = append(sites, d.siteEntity(m.ent.name))
			j = m.t1
		case m != nil && m.ent != nil && m.t0 == k && m.ent.typ != TypePerson && m.t1 < s.t1 && siteNouns[d.toks[m.t1].lower]:
			// "the Maelbeek metro station"
			se := m.t1
			for se < s.t1 && siteNouns[d.toks[se].lower] {
				se++
			}
			sites = append(sites, d.siteEntity(d.span(k, se)))
			j = se
		case d.siteAt(k, s.t1) > k && !d.speakerAhead(d.siteAt(k, s.t1), s.t1):
			// "a metro station in the city", "a train station"
			// (not "…, police say": the speaker of the clause)
			se := d.siteAt(k, s.t1)
			site := d.span(firstNonDet(d, k), se)
			j = se
			if j+2 < s.t1 && d.toks[j].lower == "in" && d.toks[j+1].lower == "the" && d.toks[j+2].lower == "city" {
				j += 3
			} else if j+1 < s.t1 && d.toks[j].lower == "in" {
				// "the main railway station in Marseille"
				if cm := d.mentionAt(j + 1); cm != nil && cm.ent != nil && cm.ent.typ == TypePlace && !cm.adj && cm.t0 == j+1 {
					places = append(places, cm.ent)
					if cm.ent.kind == kCity || cm.ent.kind == "" {
						city = cm.ent
					}
					j = cm.t1
				}
			}
			sites = append(sites, &entity{typ: TypePlace, kind: "site-generic", name: site})
		default:
			return places, sites, city, next
		}
		next = j
		if j < s.t1 && (d.toks[j].lower == "and" || d.toks[j].text == ",") {
			if j+1 < s.t1 && (d.toks[j+1].lower == "at" || d.toks[j+1].lower == "in") {
				j += 2
				continue
			}
			j++
			continue
		}
		break
	}
	return places, sites, city, next
}

// possessiveSite reads a named site after a city's possessive: "Antwerp's
// Central Station" (a site noun last: the city joins the name), "Berlin's
// Breitscheidplatz". It returns the site and the token after it, or the end
// of the city mention when none follows.
func (d *docState) possessiveSite(city *mention, end int) (*entity, int) {
	k := city.t1
	if city.ent.kind == kCountry || k+1 >= end || !isPossessive(d.toks[k].text) {
		return nil, city.t1
	}
	n := d.mentionAt(k + 1)
	if n == nil || n.ent == nil || n.t0 != k+1 || n.adj || n.ent.typ == TypePerson || n.ent.typ == TypeDoc || n.ent.typ == TypeOrg && !siteish(n.ent.name) {
		return nil, city.t1
	}
	if n.ent.typ == TypePlace && n.ent.kind != "site" && n.ent.kind != "" {
		return nil, city.t1 // "Belgium's Flanders": a region, not a site
	}
	name := n.ent.name
	if siteish(name) {
		name = city.ent.name + " " + name
	}
	return d.siteEntity(name), n.t1
}

// speakerAhead: a speech verb follows at i ("police say", "the hospital
// said"), so the phrase before it is a speaker, not a place.
func (d *docState) speakerAhead(i, end int) bool {
	return i < end && speechVerbs[d.toks[i].lower] != ""
}

func firstNonDet(d *docState, k int) int {
	if d.toks[k].lower == "a" || d.toks[k].lower == "an" || d.toks[k].lower == "the" {
		return k + 1
	}
	return k
}

// siteAt returns the end of a generic site phrase at k ("a small train
// station"), or k.
func (d *docState) siteAt(k, end int) int {
	i := k
	if i < end && (d.toks[i].lower == "a" || d.toks[i].lower == "an" || d.toks[i].lower == "the") {
		i++
	}
	j := i
	for j < end && j < i+4 && (d.toks[j].tag == "JJ" || d.toks[j].tag == "NN" || d.toks[j].tag == "NNS" || d.toks[j].tag == "NNP" && j+1 < end && siteNouns[d.toks[j+1].lower]) && attackNouns[d.toks[j].lower] == "" {
		j++
	}
	if j > i && siteNouns[d.toks[j-1].lower] {
		// drop leading adjectives that are not part of the site
		return j
	}
	return k
}

// hypothetical reports whether the attack noun at i is planned, threatened,
// generic or counted rather than an event.
func (d *docState) hypothetical(si, i int) bool {
	s := d.sents[si]
	// "a heart attack", "a panic attack", "a cyber attack": no event
	if i-1 >= s.t0 && nonEventMods[d.toks[i-1].lower] {
		return true
	}
	// "an attack in Berlin was highly likely", "an attack in Paris could
	// happen at any time"
	for k := i + 1; k < s.t1 && k <= i+10; k++ {
		w := d.toks[k].lower
		if w == "," || w == ";" || w == "." || w == "that" || w == "which" || w == "who" {
			break
		}
		if w == "likely" || w == "unlikely" || w == "possible" || w == "imminent" || w == "probable" || w == "inevitable" || w == "feared" {
			// not "the attack in Nice was likely carried out by …"
			if k+1 < s.t1 && (d.toks[k+1].tag == "VBN" || d.toks[k+1].tag == "VBD" || d.toks[k+1].tag == "VBG") {
				break
			}
			return true
		}
		if (w == "could" || w == "might" || d.toks[k].text == "may") && k+1 < s.t1 && d.toks[k+1].lower != "have" {
			return true
		}
	}
	if i+1 < s.t1 {
		n := d.toks[i+1].lower
		if hypoAfter[n] && !(n == "were" || n == "was" || n == "are" || n == "is") {
			return true
		}
		if (n == "were" || n == "was" || n == "are" || n == "is") && i+3 < s.t1 {
			for k := i + 2; k < i+5 && k < s.t1; k++ {
				w := d.toks[k].lower
				if w == "planned" || w == "plotted" || w == "foiled" || w == "thwarted" || w == "prevented" || w == "increasing" || w == "expected" || w == "likely" || w == "possible" {
					return true
				}
			}
		}
	}
	for k := i - 1; k >= s.t0 && k >= i-7; k-- {
		t := d.toks[k]
		if t.text == "," || t.text == ";" || t.lower == "who" || t.lower == "that" && k < i-1 {
			break
		}
		// "since the attack at …": a real event as a time reference
		if t.lower == "since" || t.lower == "after" || t.lower == "before" || t.lower == "following" || t.lower == "during" || t.lower == "in" && k < i-1 {
			break
		}
		// "questioning three men over the bombing", "an inquiry into the
		// attack", "in connection with the stabbing": what comes before
		// the preposition is not the attack's
		if t.lower == "over" || t.lower == "into" || t.lower == "about" || t.lower == "behind" || t.lower == "with" {
			break
		}
		if hypoBefore[t.lower] || hypoVerbs[t.lower] && !(t.lower == "carry" && k+1 < i && d.toks[k+1].lower == "out" && d.toks[k].tag == "VBD") {
			if t.lower == "carry" || t.lower == "launch" || t.lower == "conduct" || t.lower == "commit" || t.lower == "stage" || t.lower == "engage" {
				// "carried out" is past; "to carry out" / "could carry out" is not
				return true
			}
			return true
		}
		if quantifiers[t.lower] || isNumber(t.text) && k == i-1 && !isYear(t.text) {
			return true
		}
	}
	return false
}

// definiteAttack resolves "the attack", "the bombings" to the latest attack
// named in the document.
func (d *docState) definiteAttack(si, i int) *attack {
	s := d.sents[si]
	if i-1 < s.t0 {
		return nil
	}
	k := i - 1
	for k >= s.t0 && (d.toks[k].tag == "JJ" || d.toks[k].lower == "terror" || d.toks[k].lower == "suicide" || d.toks[k].lower == "terrorist") {
		k--
	}
	if k < s.t0 || (d.toks[k].lower != "the" && d.toks[k].lower != "this" && d.toks[k].lower != "that" && d.toks[k].lower != "those" && d.toks[k].lower != "these") {
		return nil
	}
	if d.hypothetical(si, i) {
		return nil
	}
	if len(d.attacks) == 0 {
		return nil
	}
	return d.attacks[len(d.attacks)-1]
}

// verbTrigger reports whether token i starts a verbal attack trigger:
// "attacked", "set off a bomb", "opened fire", "blew himself up".
func (d *docState) verbTrigger(si, i int) bool {
	s := d.sents[si]
	t := d.toks[i]
	if t.tag != "VBD" && t.tag != "VBN" {
		if !(t.lower == "set" || t.lower == "opened" || t.lower == "blew" || t.lower == "killing" || t.lower == "ploughed" || t.lower == "plowed") {
			return false
		}
	}
	switch t.lower {
	case "attacked", "bombed", "stabbed":
		// "a man was stabbed to death outside a mosque in Hamburg"
		if t.lower == "stabbed" && i+2 < s.t1 && d.toks[i+1].lower == "to" && d.toks[i+2].lower == "death" {
			return true
		}
		return !d.passive(i) || t.lower == "detonated"
	case "opened":
		return i+1 < s.t1 && d.toks[i+1].lower == "fire"
	case "set":
		if i+1 < s.t1 && d.toks[i+1].lower == "off" {
			for k := i + 2; k < s.t1 && k < i+7; k++ {
				w := d.toks[k].lower
				if w == "bomb" || w == "explosive" || w == "explosives" || w == "device" || w == "bombs" || w == "suicide" {
					return true
				}
			}
		}
	case "blew":
		return i+2 < s.t1 && (d.toks[i+1].lower == "himself" || d.toks[i+1].lower == "themselves" || d.toks[i+1].lower == "herself")
	case "fired":
		// "Shots were fired outside the mosque", "the first shots were fired"
		if !d.passive(i) {
			return false
		}
		for k := i - 1; k >= s.t0 && k >= i-4; k-- {
			if w := d.toks[k].lower; w == "shots" || w == "gunshots" || w == "rounds" {
				return true
			}
		}
		return false
	case "exploded", "detonated":
		// "A bomb exploded at a market in Baghdad"
		return !d.passive(i) || t.lower == "detonated"
	case "killed", "killing":
		// "A man armed with a knife killed two people … at the station",
		// "…, killing at least 12 people"
		if d.passive(i) {
			return false
		}
		k := i + 1
		for k < s.t1 && (d.toks[k].lower == "at" || d.toks[k].lower == "least" || d.toks[k].lower == "more" || d.toks[k].lower == "than") {
			k++
		}
		n, next := d.parseCount(k, s.t1)
		return n > 0 && d.isDeathCount(si, k, next)
	case "drove", "driven", "ploughed", "plowed", "rammed", "crashed", "smashed", "slammed":
		// "a hijacked truck ploughed into shoppers"
		if i+1 < s.t1 && (d.toks[i+1].lower == "into" || d.toks[i+1].lower == "through") {
			for k := max(s.t0, i-4); k < i; k++ {
				if w := d.toks[k].lower; w == "truck" || w == "lorry" || w == "van" || w == "car" || w == "vehicle" || w == "bus" {
					return true
				}
			}
		}
		for k := i + 1; k < s.t1 && k < i+5; k++ {
			w := d.toks[k].lower
			if w == "truck" || w == "lorry" || w == "van" || w == "car" || w == "vehicle" || w == "bus" {
				for x := k + 1; x < s.t1 && x < k+3; x++ {
					if d.toks[x].lower == "into" || d.toks[x].lower == "through" {
						return true
					}
				}
			}
		}
	}
	return false
}

// verbAttack reads "ten gunmen attacked targets in Paris", "a suspect who
// set off an explosive device at a train station" (with the city from
// earlier in the sentence: "in Brussels Tuesday, where …").
func (d *docState) verbAttack(si, i int) *attack {
	s := d.sents[si]
	// hypothetical: modal or infinitive before
	for k := i - 1; k >= s.t0 && k >= i-3; k-- {
		if w := d.toks[k].lower; w == "to" || hypoVerbs[w] && w != "aimed" {
			return nil
		}
	}
	noun := "attack"
	for k := i; k < s.t1 && k < i+7; k++ {
		w := d.toks[k].lower
		if w == "bomb" || w == "explosive" || w == "explosives" || w == "device" || w == "detonated" || w == "blew" || w == "bombed" || w == "exploded" {
			noun = "bombing"
		}
		if w == "fire" || w == "fired" {
			noun = "shooting"
		}
		if w == "stabbed" || w == "knife" {
			noun = "stabbing"
		}
	}
	var places, sites []*entity
	var city *entity
	j := i + 1
	for j < s.t1 && j < i+25 {
		w := d.toks[j].lower
		if w == "," || w == "." || w == "who" || w == "when" || w == ";" {
			break
		}
		if w == "in" || w == "at" || w == "on" || w == "near" || w == "outside" || w == "inside" {
			pl, st, c, nj := d.placeList(si, j+1)
			if nj > j+1 {
				places = append(places, pl...)
				sites = append(sites, st...)
				if c != nil {
					city = c
				}
				j = nj
				continue
			}
		}
		j++
	}
	for k := max(s.t0, i-3); k < i; k++ {
		if w := d.toks[k].lower; w == "bomb" || w == "explosive" || w == "device" || w == "bomber" {
			noun = "bombing"
		}
	}
	if len(places) == 0 && len(sites) == 0 && d.toks[i].lower != "drove" {
		// "A bomb exploded at a market in Baghdad on Monday, killing …":
		// the places of the clause before the trigger
		for k := s.t0; k < i; k++ {
			w := d.toks[k].lower
			if w == "in" || w == "at" || w == "near" || w == "outside" {
				pl, st, c, nk := d.placeList(si, k+1)
				if nk > k+1 {
					places = append(places, pl...)
					sites = append(sites, st...)
					if c != nil {
						city = c
					}
					k = nk - 1
				}
			}
		}
	}
	if city == nil {
		// a city named in the clause: "on Drottninggatan, Stockholm's busiest street"
		for k := s.t0; k < s.t1; k++ {
			if m := d.mentionAt(k); m != nil && m.ent != nil && m.t0 == k && !m.adj && m.ent.kind == kCity && d.toks[k].quote < 0 {
				if len(places) > 0 || len(sites) > 0 {
					city = m.ent
					places = append(places, m.ent)
				}
				break
			}
		}
	}
	if city == nil {
		// the sentence's location: "in Brussels Tuesday, where"
		for k := s.t0; k < i; k++ {
			if (d.toks[k].lower == "in" || d.toks[k].lower == "at") && k+1 < i {
				if m := d.mentionAt(k + 1); m != nil && m.ent != nil && m.ent.typ == TypePlace && !m.adj && (m.ent.kind == kCity || m.ent.kind == "") {
					city = m.ent
					places = append([]*entity{m.ent}, places...)
				}
			}
		}
	}
	if city == nil && !hasCity(places) && len(d.attacks) > 0 && d.definiteAttacker(si, i) {
		// "The attacker, a 31-year-old …, stabbed two commuters to death …
		// on the evening of Oct. 9 before being shot on a platform": the
		// attack already told, and the date of the clause is its date
		a := d.attacks[len(d.attacks)-1]
		if date := d.dateNear(si, i, j); date != "" {
			d.addFact(&fact{subj: a.ent, pred: PredAttackDate, lit: date, sent: si, rule: "attack-date", conf: 0.7})
		}
		return a
	}
	if city == nil && !hasCity(places) && len(sites) > 0 && len(d.attacks) > 0 {
		// "The first shots were fired … on Place des Terreaux": a site of
		// the attack already told, when the clause refers back to it or
		// follows it closely
		a := d.attacks[len(d.attacks)-1]
		v := i
		for v-1 > s.t0 && (d.toks[v-1].lower == "were" || d.toks[v-1].lower == "was" || d.toks[v-1].lower == "been" || d.toks[v-1].lower == "had" || d.toks[v-1].lower == "have") {
			v--
		}
		sa, _ := d.subjectSpan(v, s.t0)
		if sa >= 0 && (d.toks[sa].lower == "the" || d.toks[sa].lower == "this") || a.sent >= si-2 {
			for _, st := range sites {
				if st.kind == "site-generic" {
					st = d.entityFor(TypePlace, a.city.name+" "+strings.ToLower(st.name))
					st.kind = "site"
				}
				a.sites = appendUniq(a.sites, st)
				d.addFact(&fact{subj: a.ent, pred: PredAttackLocation, obj: st, sent: si, rule: "attack-site", conf: 0.7})
			}
			return a
		}
	}
	if len(places) == 0 && len(sites) == 0 {
		// "the Tunisian who drove the truck into the market crowd": the
		// attack already told
		if len(d.attacks) == 0 || !d.definiteObject(si, i) {
			return nil
		}
		a := d.attacks[len(d.attacks)-1]
		d.verbPerpetrator(si, i, a)
		return a
	}
	date := d.dateNear(si, i, j)
	if date == "" {
		date = d.dateNear(si, s.t0, i)
	}
	if date == "" {
		date = d.dateNear(si, j, s.t1)
	}
	a := d.registerAttack(si, i, noun, places, sites, city, date)
	if a != nil {
		d.verbPerpetrator(si, i, a)
	}
	return a
}

func hasCity(places []*entity) bool {
	for _, p := range places {
		if p.kind == kCity || p.kind == "" {
			return true
		}
	}
	return false
}

// definiteAttacker reports whether the subject of the attack verb at i is
// a definite attacker noun ("The attacker, a Moroccan national, stabbed",
// "the gunman then opened fire"), past an appositive.
func (d *docState) definiteAttacker(si, i int) bool {
	s := d.sents[si]
	a, b := d.subjectSpan(i, s.t0)
	if a < 0 || b-a > 3 {
		return false
	}
	return (d.toks[a].lower == "the" || d.toks[a].lower == "this") && attackerNouns[d.toks[b-1].lower]
}

// definiteObject reports whether the attack verb at i takes a definite
// object ("drove the truck into").
func (d *docState) definiteObject(si, i int) bool {
	s := d.sents[si]
	return i+1 < s.t1 && (d.toks[i+1].lower == "the" || d.toks[i+1].lower == "his" || d.toks[i+1].lower == "her")
}

// verbPerpetrator: the attack verb's subject, when it names a group or a
// person ("ten Islamic State fanatics attacked", "Anis Amri, the Tunisian
// who drove the truck").
func (d *docState) verbPerpetrator(si, i int, a *attack) {
	s := d.sents[si]
	k := i - 1
	for k >= s.t0 && (auxSkip[d.toks[k].lower] || d.toks[k].tag == "RB") {
		k--
	}
	if k < s.t0 {
		return
	}
	var who *entity
	if d.toks[k].lower == "who" {
		who = d.relativeAntecedent(k, s.t0)
	} else if d.npTok(k) {
		n0 := d.npLeft(k, s.t0)
		for x := n0; x <= k; x++ {
			if m := d.mentionAt(x); m != nil && m.ent != nil && !m.adj && (m.ent.typ == TypeOrg || m.ent.typ == TypePerson) {
				who = m.ent
				break
			}
		}
	}
	if who == nil || who.kind == "anon" || who.typ != TypeOrg && who.typ != TypePerson {
		return
	}
	a.perps = appendUniq(a.perps, who)
	d.addFact(&fact{subj: a.ent, pred: PredPerpetrator, obj: who, sent: si, rule: "attacker-subject", conf: 0.75})
}

// registerAttack finds or makes the document's attack for these places.
func (d *docState) registerAttack(si, i int, noun string, places, sites []*entity, city *entity, date string) *attack {
	if city == nil {
		for _, p := range places {
			if p.kind == kCity || p.kind == "" {
				city = p
				break
			}
		}
	}
	// several cities: one attack each ("the attacks in Paris and Brussels")
	var cities []*entity
	for _, p := range places {
		if p.kind == kCity || p.kind == "" {
			cities = appendUniq(cities, p)
		}
	}
	if len(cities) > 1 && len(sites) == 0 {
		var first *attack
		for _, c := range cities {
			a := d.attackFor(si, i, noun, c, nil, date)
			if first == nil {
				first = a
			}
			d.addFact(&fact{subj: a.ent, pred: PredAttackLocation, obj: c, sent: si, rule: "attack-noun-location", conf: 0.8})
		}
		return first
	}
	if city == nil {
		// a site with a known city in its name ("Manchester Arena")
		for _, st := range sites {
			if e := d.cityIn(st.name); e != nil {
				city = e
			}
		}
	}
	if city == nil {
		return nil
	}
	a := d.attackFor(si, i, noun, city, sites, date)
	d.addFact(&fact{subj: a.ent, pred: PredAttackLocation, obj: city, sent: si, rule: "attack-location", conf: 0.8})
	for _, st := range sites {
		if st.kind == "site-generic" {
			st = d.entityFor(TypePlace, city.name+" "+strings.ToLower(st.name))
			st.kind = "site"
		}
		a.sites = appendUniq(a.sites, st)
		d.addFact(&fact{subj: a.ent, pred: PredAttackLocation, obj: st, sent: si, rule: "attack-site", conf: 0.75})
	}
	return a
}

func (d *docState) cityIn(name string) *entity {
	for _, w := range strings.Fields(name) {
		if ge, ok := gazetteer.lookup(w); ok && ge.kind == kCity {
			return d.entityFor(TypePlace, ge.name)
		}
	}
	return nil
}

var yearRE = regexp.MustCompile(`\b(19|20)\d\d\b`)

// attackFor returns the attack in city (one per city and year per
// document), updating its date and year.
func (d *docState) attackFor(si, i int, noun string, city *entity, sites []*entity, date string) *attack {
	year := yearRE.FindString(date)
	for _, a := range d.attacks {
		if a.city == city && (a.year == "" || year == "" || a.year == year) {
			if year != "" {
				a.year = year
			}
			if date != "" {
				d.addFact(&fact{subj: a.ent, pred: PredAttackDate, lit: date, sent: si, rule: "attack-date", conf: 0.75})
			}
			d.attacks = append(d.attacks, &attack{ent: a.ent, city: a.city, year: a.year, noun: a.noun, tok: i, sent: si, perps: a.perps})
			a.tok = i
			return d.attacks[len(d.attacks)-1]
		}
	}
	e := &entity{typ: TypeAttack, kind: "attack", first: i}
	a := &attack{ent: e, city: city, year: year, noun: noun, tok: i, sent: si}
	d.attacks = append(d.attacks, a)
	d.attackEnts = append(d.attackEnts, a)
	if date != "" {
		d.addFact(&fact{subj: e, pred: PredAttackDate, lit: date, sent: si, rule: "attack-date", conf: 0.75})
	}
	return a
}

// nameAttacks settles attack names: "[YEAR ]CITY NOUN", through the alias
// table when it knows the name.
func (d *docState) nameAttacks() {
	// share year and noun across mentions of the same event
	for _, a := range d.attackEnts {
		year, noun := a.year, a.noun
		for _, b := range d.attacks {
			if b.ent == a.ent && b.year != "" {
				year = b.year
			}
		}
		name := a.city.name + " " + noun
		if year != "" {
			name = year + " " + name
		}
		if al, ok := d.x.lookupAlias(name, true); ok && al.Type == TypeAttack {
			name = al.Name
		} else if al, ok := d.x.listedAttackIn(a.city.name, year); ok {
			name = al.Name
		}
		a.ent.name = name
	}
}

// dateNear finds a date expression in tokens [a, b) of sentence si, not one
// that dates a statement ("announced on Tuesday").
func (d *docState) dateNear(si, a, b int) string {
	s := d.sents[si]
	if a < s.t0 {
		a = s.t0
	}
	if b > s.t1 {
		b = s.t1
	}
	for i := a; i < b; i++ {
		t := d.toks[i]
		if !(months[t.text] || weekdays[t.text] || t.lower == "last" || t.lower == "yesterday") {
			if isUpperStart(t.text) {
				for _, nd := range namedDays {
					if strings.HasPrefix(d.text[t.start:min(len(d.text), t.start+len(nd))], nd) {
						return nd
					}
				}
			}
			continue
		}
		// not a statement's date
		if i-1 >= s.t0 && (speechVerbs[d.toks[i-1].lower] != "" || i-2 >= s.t0 && d.toks[i-1].lower == "on" && speechVerbs[d.toks[i-2].lower] != "") {
			continue
		}
		if t.lower == "yesterday" {
			return "yesterday"
		}
		j := i + 1
		if t.lower == "last" {
			if j < b && (months[d.toks[j].text] || weekdays[d.toks[j].text] || d.toks[j].lower == "week" || d.toks[j].lower == "month" || d.toks[j].lower == "year") {
				return "last " + d.toks[j].text
			}
			continue
		}
		if months[t.text] && t.text == "May" && !(j < s.t1 && isNumber(d.toks[j].text)) && !(i-1 >= s.t0 && (d.toks[i-1].lower == "in" || d.toks[i-1].lower == "last" || d.toks[i-1].lower == "since")) {
			continue
		}
		// "3 June 2017", "22 March": the day before the month (British order)
		if months[t.text] && i-1 >= a && isDayNumber(d.toks[i-1].text) {
			i--
			// "said on 3 June": a statement's date
			if i-2 >= s.t0 && d.toks[i-1].lower == "on" && speechVerbs[d.toks[i-2].lower] != "" || i-1 >= s.t0 && speechVerbs[d.toks[i-1].lower] != "" {
				i = j
				continue
			}
		}
		end := j
		// "May 31", "May 31, 2016", "November 2015", "Monday night"
		for end < s.t1 && end < j+3 {
			w := d.toks[end]
			if isNumber(strings.TrimSuffix(strings.TrimSuffix(w.text, "th"), "st")) || w.text == "," && end+1 < s.t1 && isNumber(d.toks[end+1].text) || w.lower == "night" || w.lower == "morning" || w.lower == "evening" || w.lower == "afternoon" {
				end++
				continue
			}
			break
		}
		return d.span(i, end)
	}
	return ""
}

// isDayNumber matches a day of the month: "3", "22", "1st", "13th".
func isDayNumber(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "st"), "nd"), "rd"), "th")
	n, err := strconv.Atoi(w)
	return err == nil && n >= 1 && n <= 31 && len(w) <= 2
}

// isCount matches "130", "4,000" (digits, optionally in groups of three).
func isCount(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	if !strings.Contains(s, ",") {
		return isNumber(s)
	}
	parts := strings.Split(s, ",")
	if len(parts[0]) < 1 || len(parts[0]) > 3 || !isNumber(parts[0]) {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !isNumber(p) {
			return false
		}
	}
	return true
}

// parseCount reads a count at token i: "130", "1,200", "twelve",
// "thirty-four". It returns the number and the next token.
func (d *docState) parseCount(i, end int) (int, int) {
	if i >= end {
		return 0, i
	}
	t := d.toks[i].lower
	if isCount(t) {
		n, err := strconv.Atoi(strings.ReplaceAll(t, ",", ""))
		if err != nil || n > 1e7 {
			return 0, i
		}
		return n, i + 1
	}
	if t == "" || (t[0] < 'a' || t[0] > 'z') && t[0] != '-' {
		return 0, i
	}
	if n, ok := countWords[t]; ok && t != "dozen" && t != "hundred" {
		if i+1 < end && d.toks[i+1].lower == "hundred" {
			return n * 100, i + 2
		}
		return n, i + 1
	}
	if a, b, ok := strings.Cut(t, "-"); ok {
		x, y := countWords[a], countWords[b]
		if x >= 20 && y > 0 && y < 10 {
			return x + y, i + 1
		}
	}
	if t == "a" && i+1 < end && d.toks[i+1].lower == "dozen" {
		return 12, i + 2
	}
	return 0, i
}

var qualWords = [][]string{{"at", "least"}, {"more", "than"}, {"over"}, {"nearly"}, {"almost"}, {"about"},
	{"around"}, {"some"}, {"up", "to"}, {"fewer", "than"}, {"less", "than"}, {"at", "most"}, {"roughly"},
	{"approximately"}, {"upwards", "of"}}

// qualifierBefore reads "at least", "more than" … ending just before i.
func (d *docState) qualifierBefore(i, lo int) string {
	for _, q := range qualWords {
		n := len(q)
		if i-n < lo {
			continue
		}
		ok := true
		for k := 0; k < n; k++ {
			if d.toks[i-n+k].lower != q[k] {
				ok = false
				break
			}
		}
		if ok {
			return strings.Join(q, " ")
		}
	}
	return ""
}

// tolls reads death tolls in sentence si and attaches them to the attack
// the sentence speaks of (or the latest attack when it says "the attack").
func (d *docState) tolls(si int, a *attack, rel func(i int) *attack) {
	s := d.sents[si]
	for i := s.t0; i < s.t1; i++ {
		n, next := d.parseCount(i, s.t1)
		if n <= 0 || next <= i {
			continue
		}
		if n >= 1900 && n <= 2100 && (i-1 < s.t0 || months[d.toks[i-1].text] || d.toks[i-1].lower == "in" || d.toks[i-1].lower == "since") {
			continue // a year
		}
		qual := d.qualifierBefore(i, s.t0)
		if !d.isDeathCount(si, i, next) {
			continue
		}
		target := a
		if rel != nil {
			if r := rel(i); r != nil {
				target = r
			}
		}
		if target == nil {
			target = d.attackInSentence(si)
		}
		// "The attack came a year after a gunman killed two people": the
		// toll of another event, told as a time reference
		if target != nil && target.tok < d.eventConjunction(si, i) {
			continue
		}
		if target == nil && d.mentionsToll(si) && len(d.attacks) > 0 {
			target = d.attacks[len(d.attacks)-1]
		}
		if target == nil {
			continue
		}
		d.addFact(&fact{subj: target.ent, pred: PredKilled, lit: strconv.Itoa(n), qual: qual, sent: si, rule: "death-toll", conf: 0.8})
	}
}

// eventConjunction returns the token of a time conjunction before the toll
// at i that opens another event ("… a year after a gunman killed two
// people", "since an attack killed 12"), or -1.
func (d *docState) eventConjunction(si, i int) int {
	s := d.sents[si]
	for k := i - 1; k >= s.t0 && k >= i-12; k-- {
		w := d.toks[k].lower
		if (w == "after" || w == "since" || w == "before" || w == "when") && k+1 < i && (d.toks[k+1].lower == "a" || d.toks[k+1].lower == "an") {
			// a clause with its own verb ("after a gunman killed"), not a
			// phrase ("after an argument, killing nine")
			for x := k + 2; x < i; x++ {
				if d.toks[x].tag == "VBD" || d.toks[x].tag == "VBZ" {
					return k
				}
			}
			return -1
		}
	}
	return -1
}

// relativeAttack: a toll in a relative clause belongs to the attack the
// clause hangs on ("The Antwerp attack was the deadliest since the 2016
// bombings at Brussels airport, which killed 32 people"): the attack named
// last before "which"/"that", when the toll follows the pronoun closely.
// here and at are the sentence's attacks and the tokens they are named at.
func (d *docState) relativeAttack(si, i int, here []*attack, at []int) *attack {
	if len(here) < 2 {
		return nil
	}
	s := d.sents[si]
	r := -1
	for k := i - 1; k >= s.t0 && k >= i-6; k-- {
		w := d.toks[k].lower
		if w == "which" || w == "that" {
			r = k
			break
		}
		if w == "," || w == ";" || attackNouns[w] != "" {
			break
		}
	}
	if r < 0 {
		return nil
	}
	var best *attack
	for k, a := range here {
		if k < len(at) && at[k] < r {
			best = a
		}
	}
	return best
}

// isDeathCount reports whether the count at tokens [i, next) counts the
// dead: "killing 12 people", "left 22 dead", "the death toll rose to 86",
// "130 people were killed", "causing more than 50 deaths". Injured and
// wounded are not killed; attackers shot dead are not a toll.
func (d *docState) isDeathCount(si, i, next int) bool {
	s := d.sents[si]
	// the count must not be of attacks
	if next < s.t1 && (attackNouns[d.toks[next].lower] != "" || d.toks[next].lower == "years" || d.toks[next].lower == "months" || d.toks[next].lower == "days" || d.toks[next].lower == "weeks" || d.toks[next].lower == "hours") {
		return false
	}
	// before: killing/killed [qual] N ; death toll … to N ; left/leaving N dead
	k := i - 1
	for k >= s.t0 && (d.toks[k].lower == "least" || d.toks[k].lower == "at" || d.toks[k].lower == "than" || d.toks[k].lower == "more" || d.toks[k].lower == "over" || d.toks[k].lower == "nearly" || d.toks[k].lower == "almost" || d.toks[k].lower == "about" || d.toks[k].lower == "around" || d.toks[k].lower == "some" || d.toks[k].lower == "up" || d.toks[k].lower == "to" && !(k-1 >= s.t0 && (d.toks[k-1].lower == "rose" || d.toks[k-1].lower == "climbed" || d.toks[k-1].lower == "risen" || d.toks[k-1].lower == "increased" || d.toks[k-1].lower == "jumped"))) {
		k--
	}
	// after: [people] (were|have been) killed / dead / died / deaths / lives
	after := func() string {
		j := next
		for j < s.t1 && (victimNouns[d.toks[j].lower] || d.toks[j].tag == "JJ" && !isDeadWord(d.toks[j].lower) && d.toks[j].lower != "injured" && d.toks[j].lower != "wounded") {
			j++
		}
		for j < s.t1 && (d.toks[j].lower == "were" || d.toks[j].lower == "have" || d.toks[j].lower == "had" || d.toks[j].lower == "been" || d.toks[j].lower == "was" || d.toks[j].lower == "are" || d.toks[j].lower == "reportedly" || d.toks[j].lower == "also") {
			j++
		}
		if j < s.t1 {
			return d.toks[j].lower
		}
		return ""
	}()
	if k >= s.t0 {
		w := d.toks[k].lower
		switch w {
		case "killing", "killed", "kills", "kill":
			if attackerNouns[d.toks[next-1].lower] || next < s.t1 && attackerNouns[d.toks[next].lower] {
				return false
			}
			return after != "injured" && after != "wounded" && after != "hurt"
		case "left", "leaving", "leaves":
			return isDeadWord(after) || after == "people" && false
		case "to", "at", "toll":
			for x := k; x >= s.t0 && x > k-5; x-- {
				if d.toks[x].lower == "toll" {
					return true
				}
			}
		case "causing", "caused", "claimed", "claiming":
			return after == "deaths" || after == "lives" || after == "dead"
		}
	}
	switch after {
	case "killed", "dead", "died", "deaths", "slain", "murdered", "lost", "perished", "fatalities":
		return true
	}
	return false
}

func isDeadWord(w string) bool {
	return w == "dead" || w == "killed" || w == "deaths" || w == "died" || w == "fatalities" || w == "slain"
}

func isYear(s string) bool {
	if len(s) != 4 || !isNumber(s) {
		return false
	}
	return s[:2] == "19" || s[:2] == "20"
}

// mentionsToll reports whether sentence si speaks of "the death toll".
func (d *docState) mentionsToll(si int) bool {
	s := d.sents[si]
	for i := s.t0; i+1 < s.t1; i++ {
		if d.toks[i].lower == "death" && d.toks[i+1].lower == "toll" {
			return true
		}
	}
	return false
}

// attackInSentence returns the attack a sentence speaks of by a definite
// reference ("in the bombings") when it named none itself.
func (d *docState) attackInSentence(si int) *attack {
	s := d.sents[si]
	for i := s.t0; i < s.t1; i++ {
		if attackNouns[d.toks[i].lower] != "" {
			if a := d.definiteAttack(si, i); a != nil {
				return a
			}
		}
	}
	return nil
}

// perpetrators reads "X claimed responsibility for the attack" and "the
// attack was carried out by X" in sentence si.
func (d *docState) perpetrators(si int, a *attack) {
	s := d.sents[si]
	for i := s.t0; i < s.t1; i++ {
		w := d.toks[i].lower
		if (w == "claimed" || w == "claims" || w == "claiming") && i+1 < s.t1 && (d.toks[i+1].lower == "responsibility" || d.claimsAttack(i)) {
			if sp := d.subjectBefore(i, s.t0); sp != nil && (sp.typ == TypeOrg || sp.typ == TypePerson) {
				d.addFact(&fact{subj: a.ent, pred: PredPerpetrator, obj: sp, sent: si, rule: "claimed-responsibility", conf: 0.85})
			}
		}
		// "police named the bomber as Salman Abedi", "the driver, identified
		// by police as X"
		if w == "named" || w == "identified" {
			attacker := false
			for k := max(s.t0, i-4); k < i+4 && k < s.t1; k++ {
				if attackerNouns[d.toks[k].lower] || d.toks[k].lower == "driver" || d.toks[k].lower == "knifeman" {
					attacker = true
				}
			}
			for k := i + 1; attacker && k < s.t1 && k < i+6; k++ {
				if d.toks[k].lower == "as" {
					// "as 29-year-old Cherif Chekatt", "as a 22-year-old, X"
					n := k + 1
					for n < s.t1 && n < k+4 && (d.toks[n].lower == "a" || isAgeWord(d.toks[n].lower)) {
						n++
					}
					k = n - 1
					if m := d.mentionAt(k + 1); m != nil && m.ent != nil && (m.ent.typ == TypePerson || m.ent.typ == "") {
						m.ent.typ = TypePerson
						d.addFact(&fact{subj: a.ent, pred: PredPerpetrator, obj: m.ent, sent: si, rule: "named-the-attacker", conf: 0.75})
					}
					break
				}
			}
		}
		// "The attack was claimed by the Islamic State group",
		// "Responsibility for the bombing was claimed by X"
		if w == "claimed" && i+2 < s.t1 && d.toks[i+1].lower == "by" && d.passive(i) && d.attackSubject(si, i) {
			if m := d.orgAfter(i+2, s.t1); m != nil && m.ent != nil && m.ent.typ == TypeOrg {
				d.addFact(&fact{subj: a.ent, pred: PredPerpetrator, obj: m.ent, sent: si, rule: "claimed-by", conf: 0.8})
			}
		}
		// "Al-Shabab said it was behind the attack"
		if w == "behind" && i-2 >= s.t0 && (d.toks[i-1].lower == "was" || d.toks[i-1].lower == "were" || d.toks[i-1].lower == "is") && (d.toks[i-2].lower == "it" || d.toks[i-2].lower == "they") && d.claimsAttack(i) {
			for v := i - 3; v >= s.t0 && v >= i-6; v-- {
				if speechVerbs[d.toks[v].lower] != "" {
					// not "denied it was behind"
					if vw := d.toks[v].lower; (vw == "said" || vw == "says" || vw == "claimed" || vw == "claims" || vw == "confirmed" || vw == "announced" || vw == "stated") && !d.passive(v) {
						if sp := d.subjectBefore(v, s.t0); sp != nil && (sp.typ == TypeOrg || sp.typ == "" && d.toks[i-2].lower == "it") && sp.kind != "anon" {
							sp.typ = TypeOrg
							d.addFact(&fact{subj: a.ent, pred: PredPerpetrator, obj: sp, sent: si, rule: "said-it-was-behind", conf: 0.75})
						}
					}
					break
				}
			}
		}
		if (w == "carried" || w == "perpetrated" || w == "committed") && i+2 < s.t1 {
			k := i + 1
			if d.toks[k].lower == "out" {
				k++
			}
			if k < s.t1 && d.toks[k].lower == "by" && d.passive(i) {
				if m := d.orgAfter(k+1, s.t1); m != nil && m.ent != nil && (m.ent.typ == TypeOrg || m.ent.typ == TypePerson) {
					d.addFact(&fact{subj: a.ent, pred: PredPerpetrator, obj: m.ent, sent: si, rule: "carried-out-by", conf: 0.8})
				}
			}
		}
	}
}

// attackSubject: the subject of the verb at i is an attack or the
// responsibility for one ("The attack was claimed", "Responsibility for
// the bombing was claimed").
func (d *docState) attackSubject(si, i int) bool {
	s := d.sents[si]
	for k := i - 1; k >= s.t0 && k >= i-8; k-- {
		w := d.toks[k].lower
		if attackNouns[w] != "" && isNounTag(d.toks[k].tag) {
			return true
		}
		if w == "," || w == ";" {
			return false
		}
	}
	return false
}

// claimsAttack: "claimed" at i takes an attack as its object ("Islamic
// State claimed the attack", "claimed Tuesday's bombing").
func (d *docState) claimsAttack(i int) bool {
	s := d.sents[d.toks[i].sent]
	for k := i + 1; k < s.t1 && k <= i+4; k++ {
		w := d.toks[k].lower
		if attackNouns[w] != "" && isNounTag(d.toks[k].tag) {
			// "claimed the attacks were staged" is a claim about them
			if k+1 < s.t1 && (isFinite(d.toks[k+1]) || d.toks[k+1].tag == "MD" || d.toks[k+1].lower == "had" || d.toks[k+1].lower == "was" || d.toks[k+1].lower == "were") {
				return false
			}
			return true
		}
		if w == "that" || w == "," || isFinite(d.toks[k]) {
			return false
		}
	}
	return false
}

// isAgeWord matches "29-year-old", "22-year-old".
func isAgeWord(w string) bool {
	return strings.HasSuffix(w, "-year-old") && len(w) > len("-year-old") && w[0] >= '0' && w[0] <= '9'
}

// releasedBy finds "released by its Amaq news agency" after token i.
func (d *docState) releasedBy(i, end int) *entity {
	for k := i; k < end-1; k++ {
		w := d.toks[k].lower
		if (w == "released" || w == "published" || w == "issued" || w == "posted" || w == "carried") && d.toks[k+1].lower == "by" {
			for j := k + 2; j < end && j < k+8; j++ {
				if m := d.mentionAt(j); m != nil && m.ent != nil && m.ent.typ == TypeOrg {
					return m.ent
				}
			}
		}
		if w == "via" || w == "through" {
			if m := d.orgAfter(k+1, end); m != nil && m.ent.typ == TypeOrg {
				return m.ent
			}
		}
	}
	return nil
}

// oneOfThem reads "One of them, NAME …" after a sentence naming attackers
// of a group: NAME is a perpetrator and a member of the group.
func (d *docState) oneOfThem(si int) {
	s := d.sents[si]
	if si == 0 || s.t1-s.t0 < 5 {
		return
	}
	i := s.t0
	if !(d.toks[i].lower == "one" && d.toks[i+1].lower == "of") {
		return
	}
	j := i + 2
	for j < s.t1 && d.toks[j].text != "," {
		j++
	}
	if j+1 >= s.t1 {
		return
	}
	m := d.mentionAt(j + 1)
	if m == nil || m.ent == nil || m.ent.typ != TypePerson {
		return
	}
	// the previous sentence's attack and its group
	for k := len(d.attacks) - 1; k >= 0; k-- {
		a := d.attacks[k]
		if a.sent != si-1 {
			continue
		}
		d.addFact(&fact{subj: a.ent, pred: PredPerpetrator, obj: m.ent, sent: si - 1, sent2: si, rule: "one-of-the-attackers", conf: 0.65})
		for _, p := range a.perps {
			if p.typ == TypeOrg {
				d.addFact(&fact{subj: m.ent, pred: PredMemberOf, obj: p, sent: si - 1, sent2: si, rule: "one-of-the-attackers", conf: 0.6})
			}
		}
		return
	}
}

// linkedTo reads "X … associated with / linked to … the ATTACK".
func (d *docState) linkedTo(si int) {
	s := d.sents[si]
	for i := s.t0; i+1 < s.t1; i++ {
		w := d.toks[i].lower
		if !((w == "associated" || w == "linked" || w == "tied" || w == "connected" || w == "ties" || w == "links") && (d.toks[i+1].lower == "with" || d.toks[i+1].lower == "to")) {
			continue
		}
		var who *entity
		for k := i - 1; k >= s.t0; k-- {
			if pronouns[d.toks[k].lower] && (d.toks[k].lower == "he" || d.toks[k].lower == "she") {
				who = d.pronoun(k)
				break
			}
			if m := d.mentionAt(k); m != nil && m.ent != nil && m.ent.typ == TypePerson {
				who = m.ent
				break
			}
		}
		if who == nil {
			continue
		}
		for _, a := range d.attacks {
			if a.sent == si && a.tok > i {
				d.addFact(&fact{subj: who, pred: PredLinkedTo, obj: a.ent, sent: si, rule: "associated-with", conf: 0.6})
				return
			}
		}
	}
}

// operatesIn reads "X has (sleeper) cells in A, B and C", "X is operating a
// network of terrorists in Europe", "X operatives … infiltration of A".
func (d *docState) operatesIn() {
	triggers := setOf("cells", "cell", "network", "networks", "presence", "branch", "branches", "affiliate",
		"affiliates", "infiltration", "operatives", "wing", "faction", "safe-houses")
	for si, s := range d.sents {
		if s.skip {
			continue
		}
		for i := s.t0; i < s.t1; i++ {
			w := d.toks[i].lower
			isOp := (w == "operates" || w == "operate" || w == "active") && i+1 < s.t1 && d.toks[i+1].lower == "in"
			if !triggers[w] && !isOp {
				continue
			}
			// the organisation: nearest before, in the same clause
			var org *entity
			for k := i - 1; k >= s.t0 && k >= i-14; k-- {
				t := d.toks[k]
				if t.text == ";" || t.text == "." || t.qmark != 0 && k < i-1 {
					break
				}
				if m := d.mentionAt(k); m != nil && m.ent != nil && !m.adj && m.ent.typ == TypeOrg && (m.ent.militant || m.ent.kind == "") {
					org = m.ent
					break
				}
			}
			if org == nil {
				continue
			}
			// places right after: [of NOUNS] in|across|throughout|of PLACE-list
			j := i + 1
			if j+1 < s.t1 && d.toks[j].lower == "of" && (d.toks[j+1].tag == "NNS" || d.toks[j+1].tag == "NN") && w != "infiltration" {
				j += 2
			}
			if j >= s.t1 {
				continue
			}
			p := d.toks[j].lower
			if !(p == "in" || p == "across" || p == "throughout" || p == "inside" || p == "into" || p == "of" && w == "infiltration") {
				continue
			}
			j++
			for j < s.t1 {
				if d.toks[j].lower == "the" {
					j++
					continue
				}
				m := d.mentionAt(j)
				if m == nil || m.ent == nil || m.ent.typ != TypePlace || m.adj && !(j+1 < s.t1 && d.toks[j+1].lower == "continent") {
					break
				}
				d.addFact(&fact{subj: org, pred: PredOperatesIn, obj: m.ent, sent: si, rule: "cells-in", conf: 0.75})
				j = m.t1
				if j < s.t1 && d.toks[j].lower == "continent" {
					j++
				}
				if j < s.t1 && (d.toks[j].text == "," || d.toks[j].lower == "and") {
					j++
					if j < s.t1 && d.toks[j].lower == "and" {
						j++
					}
					continue
				}
				break
			}
		}
	}
}

// listedAttackIn finds the one attack of the alias table that happened in
// city (its name or a form names the city) and, when year is known, in that
// year. Two listed attacks in the city, or none, and it reports false: the
// article's attack then keeps its own name rather than risk a wrong merge.
func (x *Extractor) listedAttackIn(city, year string) (Alias, bool) {
	if x == nil || city == "" {
		return Alias{}, false
	}
	var found []Alias
	for _, a := range x.attacks {
		in, sameYear := false, year == ""
		for _, f := range append([]string{a.Name}, a.Forms...) {
			words := strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if containsPhrase(words, strings.Fields(city)) {
				in = true
			}
			for _, w := range words {
				if w == year {
					sameYear = true
				}
			}
		}
		if in && sameYear {
			found = append(found, a)
		}
	}
	if len(found) != 1 {
		return Alias{}, false
	}
	return found[0], true
}

// containsPhrase reports whether phrase occurs in words as consecutive words.
func containsPhrase(words, phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
	for i := 0; i+len(phrase) <= len(words); i++ {
		ok := true
		for j, p := range phrase {
			if words[i+j] != p {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
