package extract

import (
	"sort"
	"strings"
)

// Roles and affiliations: titles before names, appositives after them
// ("X, a recruiter for Y"), before them ("Y's head of counter-terrorism,
// X"), copulas ("X is the CEO of Y") and "As chief cleric to Y, he …".

// roleFact records a role with the organisation or country it ties to.
func (d *docState) roleFact(p *entity, role string, org *entity, lead bool, member bool, si int, rule string, conf float64) {
	if p == nil || p.typ != TypePerson || p.kind == "anon" {
		return
	}
	role = strings.TrimSpace(strings.Trim(role, ",;: "))
	// a full stop glued to the last word ("premier of Saxony-Anhalt."), not
	// an abbreviation's ("Gen.")
	if w := role[strings.LastIndexByte(role, ' ')+1:]; strings.HasSuffix(w, ".") && len(w) > 5 && !strings.Contains(strings.TrimSuffix(w, "."), ".") {
		role = strings.TrimSuffix(role, ".")
	}
	if role != "" {
		p.roles = append(p.roles, role)
		d.addFact(&fact{subj: p, pred: PredRole, lit: role, sent: si, rule: rule, conf: conf})
	}
	if org == nil || org == p {
		return
	}
	switch {
	case org.typ == TypePlace:
		d.addFact(&fact{subj: p, pred: PredAffiliatedWith, obj: org, sent: si, rule: rule + "-country", conf: conf * 0.9})
	case lead:
		d.addFact(&fact{subj: p, pred: PredLeads, obj: org, sent: si, rule: rule + "-leads", conf: conf * 0.9})
	case member || org.militant && p.kind != "anon":
		d.addFact(&fact{subj: p, pred: PredMemberOf, obj: org, sent: si, rule: rule + "-member", conf: conf * 0.9})
	default:
		d.addFact(&fact{subj: p, pred: PredAffiliatedWith, obj: org, sent: si, rule: rule, conf: conf * 0.9})
	}
}

func (d *docState) roles() {
	rankOnly := map[*entity]*fact{}
	hasRole := map[*entity]bool{}
	for _, m := range d.ments {
		if m.ent == nil || m.ent.typ != TypePerson {
			continue
		}
		si := d.toks[m.t0].sent
		if d.sents[si].skip {
			continue
		}
		// title before the name
		if m.title != "" {
			if m.rank {
				if !honorificOnly(m.title) {
					rankOnly[m.ent] = &fact{subj: m.ent, pred: PredRole, lit: expandRank(m.title), sent: si, rule: "title-rank", conf: 0.6}
				}
			} else {
				role := stripRankWords(m.title)
				lead := false
				if m.titleObj != nil {
					lead = leadNouns[strings.ToLower(lastWord(titleHead(m.title)))]
				}
				d.roleFact(m.ent, role, objEnt(m.titleObj), lead, false, si, "title-before-name", 0.9)
				hasRole[m.ent] = true
			}
			if m.prefix != nil && m.prefix.ent != nil && m.prefix.ent != m.ent {
				if m.prefix.ent.typ == TypePlace || m.prefix.ent.typ == TypeOrg {
					d.addFact(&fact{subj: m.ent, pred: PredAffiliatedWith, obj: m.prefix.ent, sent: si, rule: "title-prefix", conf: 0.8})
				}
			}
			if m.service != "" {
				svc := d.entityFor(TypeOrg, m.service)
				d.addFact(&fact{subj: m.ent, pred: PredAffiliatedWith, obj: svc, sent: si, rule: "service-rank", conf: 0.75})
			}
		}
		// "Italy's Interior Minister X": the possessive before the title
		if m.title != "" && m.c0 >= 2 && isPossessive(d.toks[m.c0-1].text) {
			if pm := d.mentionAt(m.c0 - 2); pm != nil && pm.ent != nil && (pm.ent.typ == TypePlace || pm.ent.typ == TypeOrg) {
				d.addFact(&fact{subj: m.ent, pred: PredAffiliatedWith, obj: pm.ent, sent: si, rule: "possessive-title", conf: 0.8})
			}
		}
		if d.lowercaseTitle(m, si) {
			hasRole[m.ent] = true
		}
		if d.appositiveRole(m, si) {
			hasRole[m.ent] = true
		}
		if d.copulaRole(m, si) {
			hasRole[m.ent] = true
		}
		if d.preAppositiveRole(m, si) {
			hasRole[m.ent] = true
		}
		d.whoLeads(m, si)
	}
	d.asRoles(hasRole)
	for p, f := range rankOnly {
		if !hasRole[p] {
			d.addFact(f)
		}
	}
}

func objEnt(m *mention) *entity {
	if m == nil {
		return nil
	}
	return m.ent
}

func honorificOnly(title string) bool {
	for _, w := range strings.Fields(title) {
		if !honorifics[w] {
			return false
		}
	}
	return true
}

func expandRank(t string) string {
	r := strings.NewReplacer("Gen.", "General", "Lt.", "Lieutenant", "Col.", "Colonel", "Maj.", "Major",
		"Capt.", "Captain", "Sgt.", "Sergeant", "Adm.", "Admiral", "Brig.", "Brigadier", "Cmdr.", "Commander",
		"Det.", "Detective", "Supt.", "Superintendent")
	return r.Replace(t)
}

// stripRankWords drops honorifics from a title ("Mr President" -> "President").
func stripRankWords(t string) string {
	var out []string
	for _, w := range strings.Fields(t) {
		if honorifics[w] {
			continue
		}
		out = append(out, w)
	}
	return expandRank(strings.Join(out, " "))
}

func titleHead(t string) string {
	if i := strings.Index(t, " of "); i >= 0 {
		return t[:i]
	}
	if i := strings.Index(t, " for "); i >= 0 {
		return t[:i]
	}
	return t
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// rolePhrase reads a role noun phrase at [a, end): "a former French
// intelligence officer", "head of MI5", "the editor of the CTC Sentinel",
// "a counterterrorism and intelligence director at the Washington
// Institute". It returns the role text (determiner and trailing "at X"
// dropped), the organisation or country it names, whether it leads it, and
// where the phrase ends. ok is false when no role noun heads it.
type rolePhraseT struct {
	role     string
	org      *entity
	country  *entity
	lead     bool
	member   bool
	end      int
	former   bool
	headWord string
}

func (d *docState) rolePhrase(a, end int) (r rolePhraseT, ok bool) {
	i := a
	if i < end && (d.toks[i].lower == "a" || d.toks[i].lower == "an" || d.toks[i].lower == "the" || d.toks[i].lower == "his" || d.toks[i].lower == "her" || d.toks[i].lower == "its" || d.toks[i].lower == "their") {
		i++
	}
	start := i
	head := -1
	// modifiers and the head noun
	for i < end {
		t := d.toks[i]
		if t.text == "," || t.qmark != 0 || t.lower == "who" || t.lower == "which" || t.lower == "that" || t.lower == "whose" || isFinite(t) && !roleNouns[t.lower] || isPunct(t.text) && t.text != "-" && !isPossessive(t.text) {
			break
		}
		if t.lower == "of" || t.lower == "at" || t.lower == "for" || t.lower == "to" || t.lower == "with" || t.lower == "in" || t.lower == "on" || t.lower == "from" || t.lower == "since" || t.lower == "headquartered" || t.lower == "based" {
			break
		}
		if t.lower == "former" || t.lower == "ex" {
			r.former = true
		}
		if m := d.mentionAt(i); m != nil && m.ent != nil && m.ent.typ == TypePlace && m.ent.kind == kCountry && m.adj {
			r.country = m.ent
		} else if m != nil && m.ent != nil && m.ent.typ == TypePlace && m.ent.kind == kCountry && i+1 < end && !isPossessive(d.toks[i+1].text) {
			r.country = m.ent
		}
		if roleNouns[t.lower] || titleHeads[t.text] && !honorifics[t.text] {
			head = i
		}
		// "Interior Ministry spokesman": an organisation before the head
		if m := d.mentionAt(i); m != nil && m.ent != nil && !m.adj && (m.ent.typ == TypeOrg) && m.t0 == i && m.t1 < end && m.t1 > i {
			r.org = m.ent
		}
		if isPossessive(t.text) && i > start {
			if m := d.mentionAt(i - 1); m != nil && m.ent != nil {
				if m.ent.typ == TypePlace && (m.ent.kind == kCountry || m.ent.kind == kRegion) {
					r.country = m.ent
				} else if m.ent.typ == TypeOrg {
					r.org = m.ent
				}
			}
			start = i + 1
		}
		i++
		if i-a > 10 {
			break
		}
	}
	if head < 0 || head < i-1 && !d.npTok(i-1) {
		return r, false
	}
	// the head must end the modifier run
	headEnd := i
	r.headWord = d.toks[head].lower
	roleEnd := headEnd
	// a topic first: "an expert on radicalisation at the University of
	// Oslo" (the topic is part of the role, no organisation)
	if i+1 < end && d.toks[i].lower == "on" && (r.headWord == "expert" || r.headWord == "specialist" || r.headWord == "adviser" || r.headWord == "advisor" || r.headWord == "researcher" || r.headWord == "analyst" || r.headWord == "authority" || r.headWord == "writer") {
		o1 := i + 1
		for o1 < end && o1 < i+6 && (d.npTok(o1) || d.toks[o1].lower == "and") && d.mentAt[o1] < 0 {
			o1++
		}
		if o1 > i+1 && o1 < end && (d.toks[o1].lower == "at" || d.toks[o1].lower == "with" || d.toks[o1].lower == "for") {
			roleEnd = o1
			i = o1
		}
	}
	// prepositional object
	if i < end {
		p := d.toks[i].lower
		if p == "of" || p == "at" || p == "for" || p == "to" || p == "with" {
			o0 := i + 1
			o1 := o0
			for o1 < end {
				t := d.toks[o1]
				if t.text == "," || t.text == "." || t.text == ";" || t.text == "(" || t.text == ")" || t.qmark != 0 || t.lower == "who" || t.lower == "which" || t.lower == "since" || isFinite(t) || t.tag == "VBN" && t.lower != "united" || t.tag == "VBG" && d.mentAt[o1] < 0 {
					break
				}
				if (t.lower == "in" || t.lower == "on" || t.lower == "from" || t.lower == "at") && o1 > o0 {
					break
				}
				o1++
			}
			if o1 > o0 {
				org := d.orgInPhrase(o0, o1)
				if org != nil || p == "of" {
					if p == "of" || p == "for" || p == "to" {
						roleEnd = o1
					}
					if org != nil {
						r.org = org
						// "head of Germany's domestic intelligence agency":
						// the country the organisation belongs to
						if c := d.possessiveCountry(o0, o1); c != nil && c != org && r.country == nil {
							r.country = c
						}
						r.lead = p == "of" && leadNouns[r.headWord]
						r.member = (r.headWord == "member" || r.headWord == "supporter" || memberNouns[r.headWord] && org.militant) && (p == "for" || p == "to" || p == "of")
					}
				}
				i = o1
			}
		}
	}
	// a second phrase naming where: "a professor of security studies at
	// King's College London"
	if r.org == nil && i+1 < end && roleEnd == i && (d.toks[i].lower == "at" || d.toks[i].lower == "with") {
		o0 := i + 1
		o1 := o0
		for o1 < end && d.toks[o1].text != "," && d.toks[o1].qmark == 0 && !isFinite(d.toks[o1]) && d.toks[o1].lower != "who" && d.toks[o1].lower != "which" && !(o1 > o0 && (d.toks[o1].lower == "in" || d.toks[o1].lower == "on" || d.toks[o1].lower == "since")) {
			o1++
		}
		if o1 > o0 {
			if org := d.orgInPhrase(o0, o1); org != nil && org.typ == TypeOrg {
				r.org = org
				i = o1
			}
		}
	}
	r.role = d.span(start, roleEnd)
	r.end = i
	return r, true
}

// possessiveCountry: the country whose possessive opens tokens [a, b)
// ("Germany's domestic intelligence agency", "the country's …" is not one).
func (d *docState) possessiveCountry(a, b int) *entity {
	if a < b && d.toks[a].lower == "the" {
		a++
	}
	m := d.mentionAt(a)
	if m == nil || m.ent == nil || m.t0 != a || m.ent.typ != TypePlace || m.ent.kind != kCountry || m.t1 >= b || !isPossessive(d.toks[m.t1].text) {
		return nil
	}
	return m.ent
}

// orgInPhrase finds the organisation named by tokens [a, b): a mention, or
// a lower-case organisation phrase ("the Commons home affairs select
// committee").
func (d *docState) orgInPhrase(a, b int) *entity {
	if a < b && d.toks[a].lower == "the" {
		a++
	}
	var best *mention
	for i := a; i < b; i++ {
		m := d.mentionAt(i)
		if m == nil || m.ent == nil || m.adj {
			continue
		}
		if m.ent.typ == TypeOrg || m.ent.typ == TypeDoc || m.ent.typ == "" && m.t0 == a && m.t1 == b {
			if m.ent.typ == "" {
				m.ent.typ = TypeOrg
			}
			if best == nil || m.t1-m.t0 > best.t1-best.t0 {
				best = m
			}
		}
	}
	if best != nil && best.t1-best.t0 >= b-a-1 {
		return best.ent
	}
	if orgNouns[d.toks[b-1].lower] && b-a >= 2 {
		name := cleanName(d.span(a, b))
		if isUpperStart(name) {
			e := d.entityFor(TypeOrg, name)
			return e
		}
		if e := d.institution(a, b-1); e != nil {
			return e
		}
	}
	if best != nil {
		return best.ent
	}
	return nil
}

// appositiveRole reads "X, ROLE[,| who| said]".
func (d *docState) appositiveRole(m *mention, si int) bool {
	s := d.sents[si]
	i := m.c1
	if m.poss || i >= s.t1 || d.toks[i].text != "," {
		return false
	}
	r, ok := d.rolePhrase(i+1, s.t1)
	if !ok {
		return false
	}
	// the appositive must close: comma, relative pronoun, verb, sentence end
	// (after a place: "a senior fellow at the Egmont Institute in Brussels,")
	if r.end+1 < s.t1 && (d.toks[r.end].lower == "in" || d.toks[r.end].lower == "based") {
		k := r.end + 1
		if d.toks[r.end].lower == "based" && d.toks[k].lower == "in" {
			k++
		}
		if pm := d.mentionAt(k); pm != nil && pm.ent != nil && pm.t0 == k && pm.ent.typ == TypePlace && !pm.adj {
			r.end = pm.t1
		}
	}
	if r.end < s.t1 {
		t := d.toks[r.end]
		if !(t.text == "," || t.lower == "who" || t.lower == "which" || isFinite(t) || t.text == "." || t.text == ")" || t.text == ";" || t.lower == "headquartered" || t.lower == "based") {
			return false
		}
	}
	d.emitRole(m.ent, r, si, "appositive", 0.85)
	return true
}

func (d *docState) emitRole(p *entity, r rolePhraseT, si int, rule string, conf float64) {
	low := strings.ToLower(r.role)
	if strings.Contains(low, "director general") || strings.Contains(low, "director-general") || strings.Contains(low, "secretary general") || strings.Contains(low, "chief executive") {
		r.lead = r.org != nil
	}
	if r.headWord == "member" || r.headWord == "supporter" {
		r.role = "" // membership is not a title
	}
	org := r.org
	if org == nil && r.country != nil && !r.former {
		org = r.country
	}
	d.roleFact(p, r.role, org, r.lead, r.member, si, rule, conf)
	if r.org != nil && r.country != nil && !r.former && r.org != r.country {
		d.addFact(&fact{subj: p, pred: PredAffiliatedWith, obj: r.country, sent: si, rule: rule + "-country", conf: conf * 0.8})
	}
}

// copulaRole reads "X is the CEO of Y".
func (d *docState) copulaRole(m *mention, si int) bool {
	s := d.sents[si]
	i := m.c1
	if i < s.t1 && d.toks[i].text == "," && m.c0 > s.t0 && d.toks[m.c0-1].text == "," {
		i++ // "Bakkali's brother, Youssef, is a member of …"
	}
	if i+1 >= s.t1 {
		return false
	}
	w := d.toks[i].lower
	if w != "is" && w != "was" && w != "remains" && w != "became" {
		return false
	}
	if d.toks[i+1].lower != "the" && d.toks[i+1].lower != "a" && d.toks[i+1].lower != "an" {
		return false
	}
	r, ok := d.rolePhrase(i+1, s.t1)
	if !ok || r.org == nil && !roleNouns[r.headWord] {
		return false
	}
	d.emitRole(m.ent, r, si, "copula", 0.8)
	return true
}

// whoLeads reads "X, who leads the Scottish government," and "X, who heads
// Europol's counter-terrorism centre,": X leads the organisation named.
func (d *docState) whoLeads(m *mention, si int) {
	s := d.sents[si]
	i := m.c1
	if i+3 >= s.t1 || d.toks[i].text != "," || d.toks[i+1].lower != "who" {
		return
	}
	switch d.toks[i+2].lower {
	case "leads", "heads", "runs", "chairs", "directs":
	default:
		return // "who led …": a former post
	}
	o0 := i + 3
	o1 := o0
	for o1 < s.t1 && d.toks[o1].text != "," && d.toks[o1].text != "." && d.toks[o1].qmark == 0 && !isFinite(d.toks[o1]) && !(o1 > o0 && (d.toks[o1].lower == "in" || d.toks[o1].lower == "since" || d.toks[o1].lower == "for")) {
		o1++
	}
	if o1 == o0 || o1 >= s.t1 || d.toks[o1].text != "," && d.toks[o1].text != "." {
		return
	}
	org := d.orgInPhrase(o0, o1)
	if org == nil || org.typ != TypeOrg {
		return
	}
	d.roleFact(m.ent, "", org, true, false, si, "who", 0.75)
}

// lowerTitleHeads are office nouns that stand as a title before a name in
// lower case ("police attorney Christian Hatlo", "defence lawyer X").
var lowerTitleHeads = setOf("attorney", "lawyer", "spokesman", "spokeswoman", "spokesperson", "judge",
	"inspector", "superintendent", "detective", "coordinator", "investigator", "magistrate", "adviser", "advisor")

// preAppositiveRole reads "Y's head of counter-terrorism, X," and "the head
// of MI5, X," (definite descriptions only: "a key leader, X" says less).
func (d *docState) preAppositiveRole(m *mention, si int) bool {
	s := d.sents[si]
	if m.c0-2 < s.t0 || d.toks[m.c0-1].text != "," {
		return false
	}
	// the phrase before the comma
	j := m.c0 - 2
	k := j
	for k > s.t0 && d.toks[k-1].text != "," && d.toks[k-1].qmark == 0 && !isFinite(d.toks[k-1]) && k > j-12 {
		k--
	}
	// "…, a commitment its vice-president, X, described as": the
	// description starts at the possessive
	for p := j - 1; p > k; p-- {
		if w := d.toks[p].lower; w == "its" || w == "their" || w == "his" || w == "her" {
			k = p
			break
		}
	}
	first := d.toks[k]
	definite := first.lower == "the" || first.lower == "his" || first.lower == "her" || first.lower == "their" || first.lower == "its" || k+1 <= j && isPossessive(d.toks[k+1].text)
	if first.lower == "his" || first.lower == "her" || first.lower == "their" || first.lower == "its" {
		k++
	}
	r, ok := d.rolePhrase(k, j+1)
	if !ok || r.end != j+1 {
		return false
	}
	// "A spokesman for the federal prosecutor's office, X": indefinite
	// descriptions count when they name the organisation
	if !definite && r.org == nil {
		return false
	}
	// "Its spokesman, X": the organisation last spoken of, found once the
	// speakers are known (resolvePossessiveOrgs)
	if (first.lower == "its" || first.lower == "their") && r.org == nil {
		d.pendingOrg = append(d.pendingOrg, pendingOrg{p: m.ent, lead: r.lead, member: r.member, si: si, at: k})
	}
	d.emitRole(m.ent, r, si, "pre-appositive", 0.75)
	return true
}

// pendingOrg is a role whose organisation is a possessive ("Its spokesman,
// X"), resolved after attribution.
type pendingOrg struct {
	p            *entity
	lead, member bool
	si, at       int // sentence; token of the possessive
}

// resolvePossessiveOrgs gives "Its spokesman, X" the organisation that
// spoke last in the sentence or the one before ("The UK's counter-terrorism
// policing network said …. Its national coordinator, X, said"), or else
// the organisation named last in them; an organisation further back is too
// far to be sure of.
func (d *docState) resolvePossessiveOrgs() {
	for _, po := range d.pendingOrg {
		var org *entity
		// claims are in document order: find the last one before the
		// possessive by binary search, then look back a few
		hi := sort.Search(len(d.claims), func(k int) bool { return d.claims[k].t0 >= po.at })
		for k := hi - 1; k >= 0 && k >= hi-20; k-- {
			c := d.claims[k]
			if c.sent > po.si {
				continue
			}
			if c.sent < po.si-1 {
				break
			}
			if c.speaker != nil && c.speaker.typ == TypeOrg && !c.speaker.outlet {
				org = c.speaker
				break
			}
		}
		if org == nil {
			for k := d.firstMentionFrom(po.at) - 1; k >= 0; k-- {
				o := d.ments[k]
				if d.toks[o.t0].sent < po.si-1 {
					break
				}
				if o.ent != nil && o.ent.typ == TypeOrg && !o.adj && !o.ent.outlet {
					org = o.ent
					break
				}
			}
		}
		if org != nil {
			d.roleFact(po.p, "", org, po.lead, po.member, po.si, "pre-appositive", 0.75)
		}
	}
}

// asRoles reads "As chief cleric to ISIS since 2014, he …".
func (d *docState) asRoles(hasRole map[*entity]bool) {
	for si, s := range d.sents {
		if s.skip {
			continue
		}
		i := s.t0
		if i < s.t1 && d.toks[i].qmark != 0 {
			i++
		}
		if i >= s.t1 || d.toks[i].lower != "as" {
			continue
		}
		r, ok := d.rolePhrase(i+1, s.t1)
		if !ok || r.org == nil {
			continue
		}
		// the subject after the comma
		j := r.end
		for j < s.t1 && d.toks[j].text != "," {
			j++
		}
		if j+1 >= s.t1 {
			continue
		}
		var p *entity
		if pronouns[d.toks[j+1].lower] {
			p = d.pronoun(j + 1)
		} else if m := d.mentionAt(j + 1); m != nil && m.ent != nil && m.ent.typ == TypePerson {
			p = m.ent
		}
		if p == nil {
			continue
		}
		d.emitRole(p, r, si, "as-role", 0.7)
		hasRole[p] = true
	}
}

// orgRelations: "ORG1's ORG2", "ORG, a publication of ORG2", "ORG, a NOUN
// close to ORG2", "CITY, COUNTRY".
func (d *docState) orgRelations() {
	for mi, m := range d.ments {
		if m.ent == nil || m.adj {
			continue
		}
		si := d.toks[m.t0].sent
		s := d.sents[si]
		if s.skip {
			continue
		}
		// ORG1's ORG2
		if m.ent.typ == TypeOrg && m.poss && m.c1+1 < s.t1 {
			if n := d.mentionAt(m.c1 + 1); n != nil && n.ent != nil && n.ent.typ == TypeOrg && n.ent != m.ent {
				d.addFact(&fact{subj: n.ent, pred: PredAffiliatedWith, obj: m.ent, sent: si, rule: "possessive-org", conf: 0.75})
			}
		}
		// CITY, COUNTRY
		if m.ent.typ == TypePlace && m.ent.kind != kCountry && m.ent.kind != kRegion && m.c1+1 < s.t1 && d.toks[m.c1].text == "," {
			if n := d.mentionAt(m.c1 + 1); n != nil && n.ent != nil && !n.adj && n.ent.typ == TypePlace && n.ent.kind == kCountry && n.ent != m.ent {
				if m.ent.kind == kCity || m.ent.kind == "" {
					d.addFact(&fact{subj: m.ent, pred: PredLocatedIn, obj: n.ent, sent: si, rule: "city-comma-country", conf: 0.85})
				}
			}
		}
		// ORG, a/an ... (publication|agency|...) of ORG2 / close to ORG2
		if (m.ent.typ == TypeOrg || m.ent.typ == TypeDoc) && m.c1+2 < s.t1 && d.toks[m.c1].text == "," && (d.toks[m.c1+1].lower == "a" || d.toks[m.c1+1].lower == "an" || d.toks[m.c1+1].lower == "the") {
			d.orgAppositive(m, mi, si)
		}
	}
}

var publicationNouns = setOf("publication", "newspaper", "magazine", "journal", "website", "outlet",
	"broadcaster", "channel", "newsletter", "blog", "bulletin", "periodical", "tabloid", "daily", "weekly")
var partNouns = setOf("unit", "branch", "wing", "affiliate", "subsidiary", "arm", "division", "offshoot",
	"faction", "agency", "office", "department", "body", "directorate", "service", "cell", "group", "organization",
	"organisation", "outfit", "network", "foundation", "charity", "association", "front", "platform")
var closeWords = setOf("close", "linked", "tied", "loyal", "affiliated", "allied", "aligned", "connected", "attached", "belonging", "related")

func (d *docState) orgAppositive(m *mention, mi, si int) {
	s := d.sents[si]
	a := m.c1 + 2
	end := a
	for end < s.t1 && d.toks[end].text != "," && d.toks[end].lower != "which" && d.toks[end].lower != "that" && d.toks[end].lower != "who" && !isFinite(d.toks[end]) && end < a+15 {
		end++
	}
	// "a West Point Combating Terrorism Center publication"
	for i := a; i < end; i++ {
		w := d.toks[i].lower
		if publicationNouns[w] || partNouns[w] {
			var org *entity
			// ORG2 before the noun ("a West Point ... publication") or after "of"
			for k := a; k < i; k++ {
				if n := d.mentionAt(k); n != nil && n.ent != nil && n.ent.typ == TypeOrg && n.ent != m.ent && !n.adj {
					org = n.ent
				}
			}
			if org == nil && i+2 < end+1 && i+1 < s.t1 && (d.toks[i+1].lower == "of" || d.toks[i+1].lower == "for" || d.toks[i+1].lower == "run") {
				if n := d.orgAfter(i+2, end); n != nil && n.ent != m.ent {
					org = n.ent
				}
			}
			if org == nil {
				continue
			}
			pred := PredAffiliatedWith
			if publicationNouns[w] {
				pred = PredPublishedBy
			}
			d.addFact(&fact{subj: m.ent, pred: pred, obj: org, sent: si, rule: "org-appositive", conf: 0.75})
			return
		}
		if closeWords[w] && i+2 <= end+1 {
			k := i + 1
			if k < s.t1 && (d.toks[k].lower == "to" || d.toks[k].lower == "with") {
				k++
			}
			for ; k < end; k++ {
				if n := d.mentionAt(k); n != nil && n.ent != nil && !n.adj && n.ent != m.ent && (n.ent.typ == TypeOrg || n.ent.typ == TypePlace && n.ent.kind == kCountry) {
					d.addFact(&fact{subj: m.ent, pred: PredAffiliatedWith, obj: n.ent, sent: si, rule: "org-close-to", conf: 0.7})
					return
				}
			}
		}
	}
}

// lowercaseTitle reads a title written in lower case right before a name:
// "Security minister Ben Wallace", "police chief X", "prosecutor X".
func (d *docState) lowercaseTitle(m *mention, si int) bool {
	s := d.sents[si]
	k := m.c0 - 1
	if m.title != "" || k < s.t0 || !(titleNouns[d.toks[k].lower] || lowerTitleHeads[d.toks[k].lower]) || !isLowerStart(d.toks[k].text) {
		return false
	}
	a := k
	for a-1 >= s.t0 && (isUpperStart(d.toks[a-1].text) && d.mentAt[a-1] < 0 || d.toks[a-1].tag == "JJ" || (d.toks[a-1].tag == "NN" || d.toks[a-1].lower == "police" || institutionWords[d.toks[a-1].lower] && isLowerStart(d.toks[a-1].text)) && !functionWords[d.toks[a-1].lower]) && a > k-3 {
		a--
	}
	// "Paris prosecutor Remy Heitz", "Munich police chief X": a place
	// before the lower-case title
	var org *entity
	orgNext := false // the title right after the organisation: "MI5 chief X"
	if pm := d.mentionAt(a - 1); a-1 >= s.t0 && pm != nil && pm.ent != nil && (pm.ent.typ == TypePlace || pm.ent.typ == TypeOrg) && pm.t1 == a && !pm.poss {
		orgNext = a == k
		a = pm.t0
		if pm.ent.typ == TypeOrg {
			org = pm.ent // "EU foreign policy chief X"
		}
	}
	if a-1 >= s.t0 {
		p := d.toks[a-1].lower
		if p != "," && p != "the" && !d.sentenceInitial(a) && d.toks[a-1].tag != "IN" && d.toks[a-1].tag != "TO" && d.toks[a-1].tag != "CC" {
			return false
		}
	}
	role := d.span(a, k+1)
	var country *entity
	if pm := d.mentionAt(a); pm != nil && pm.ent != nil && pm.ent.typ == TypePlace && pm.ent.kind == kCountry {
		country = pm.ent
	}
	if org != nil {
		// "MI5 chief X" leads it; "Europol director X" may be one of several
		// ("EU migration chief X" leads a part of it)
		lead := orgNext && (d.toks[k].lower == "chief" || d.toks[k].lower == "head" || d.toks[k].lower == "leader" || d.toks[k].lower == "boss" || d.toks[k].lower == "commander")
		d.roleFact(m.ent, role, org, lead, false, si, "lowercase-title", 0.7)
		return true
	}
	d.roleFact(m.ent, role, country, false, false, si, "lowercase-title", 0.7)
	return true
}
