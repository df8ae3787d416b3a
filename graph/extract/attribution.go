package extract

import (
	"strings"
)

// Attribution: who stated what. Rules, tried in order, each with its
// confidence:
//
//	quote-speaker-after   “Q,” X said / “Q,” said X          0.95
//	quote-speaker-before  X said: “Q” / X said “Q”            0.9
//	quote-continuation    later sentences of the same quote,
//	                      quotes in the next paragraph        0.75
//	reported-nested       OUTLET reported that X said that C  0.85
//	reported-that         X said (that) C / X told Y that C   0.85
//	speaker-after-clause  C, X said.                          0.85
//	according-to          According to X, C / C, according to X  0.85
//	relative-who          …X, who warned that C               0.8
//	adding-that           …, adding that C                    0.8
//	to-infinitive         X vowed/pledged/urged Y to C        0.75
//	described-as          X described/called/condemned Y as Z 0.7
//	statement-read        a statement by X which read: “Q”    0.8

// speech verb classes
const (
	vSay    = "say"    // complement: that-clause, bare clause or NP
	vThat   = "that"   // complement must be a that-clause
	vBelief = "belief" // that-clause or bare clause
	vTo     = "to"     // [NP] to-infinitive
	vAs     = "as"     // NP as NP / NP NP
	vTell   = "tell"   // NP (the addressee) then that/clause/quote
	vWarn   = "warn"   // of/against NP, that-clause, NP that
)

var speechVerbs = map[string]string{}

func init() {
	add := func(cls string, words string) {
		for _, w := range strings.Fields(words) {
			speechVerbs[w] = cls
		}
	}
	add(vSay, `said says say saying added adds noted notes stated states explained explains insisted insists
		argued argues announced announces reported reports wrote writes tweeted tweets posted declared declares
		stressed stresses emphasized emphasised emphasizes emphasises predicted cautioned cautions asserted
		maintained maintains testified affirmed reiterated reiterates conceded recalled remarked replied
		responded commented observed continued claimed claims insist argue note add announce claim
		declare stress emphasize emphasise predict caution assert maintain testify affirm reiterate concede
		recall remark reply respond comment observe wrote tweeted posted`)
	add(vThat, `confirmed confirms revealed reveals found discovered disclosed indicated indicates agreed
		denied acknowledged acknowledges admitted admits concluded concludes suggested suggests estimated
		assessed assesses alleged alleges expressed learned learnt`)
	add(vBelief, `believe believes show shows showed`)
	add(vTo, `pledged pledges vowed vows promised promises threatened threatens urged urges encouraged`)
	add(vAs, `described describes condemned condemns called calls branded labelled labeled denounced hailed characterized characterised`)
	add(vTell, `told tells informed assured reminded briefed`)
	add(vWarn, `warned warns`)
}

// claim is an attributed statement before names are final.
type claim struct {
	speaker    *entity
	text       string
	start, end int // byte offsets of text
	t0, t1     int
	quote      bool
	sent       int
	sent2      int
	outlet     *entity
	outletRule string
	rule       string
	conf       float64
}

// auxSkip are words between a subject and its speech verb.
var auxSkip = setOf("has", "have", "had", "also", "then", "later", "previously", "repeatedly", "reportedly",
	"separately", "further", "again", "publicly", "privately", "recently", "once", "earlier", "today",
	"yesterday", "both", "all", "already", "subsequently", "initially", "would", "will", "could", "did",
	"does", "do", "similarly", "likewise", "too", "himself", "herself", "itself", "themselves", "officially",
	"formally", "previously", "often", "frequently", "first", "now", "just", "clearly", "explicitly",
	"tonight", "tuesday", "monday", "wednesday", "thursday", "friday", "saturday", "sunday")

var outletVerbs = setOf("reported", "reports", "reporting")

var cutWords = setOf("adding", "according", "citing", "noting", "saying", "warning", "stressing")

// attribution finds claims in the whole document, sentence by sentence
// so that descriptions ("the report", "this official") refer back to what
// came before them.
func (d *docState) attribution() {
	used := map[int]bool{} // speech verbs already used for a quote
	n := len(d.quotes)
	d.qSpeaker, d.qOutlet, d.qRule = make([]*entity, n), make([]*entity, n), make([]string, n)
	d.qAttr = make([]int, n)
	anchor := make([][]int, len(d.sents))
	for qi, q := range d.quotes {
		d.qAttr[qi] = -1
		last := q.t1 - 1
		if q.close >= 0 {
			last = q.close
		}
		if q.t0 < 0 || q.t1 <= q.t0 || last >= len(d.toks) || last < 0 {
			continue
		}
		si := d.toks[last].sent
		anchor[si] = append(anchor[si], qi)
	}
	for si, s := range d.sents {
		if s.skip {
			continue
		}
		for _, qi := range anchor[si] {
			d.attributeQuote(qi, used)
		}
		d.reportedSpeech(si, used)
	}
	d.sortClaims()
}

// addClaim records a claim over tokens [t0, t1) by speaker.
func (d *docState) addClaim(c *claim) *claim {
	if c == nil || c.speaker == nil {
		return nil
	}
	// trim punctuation and quote marks at the edges
	for c.t0 < c.t1 && (isPunct(d.toks[c.t0].text) && d.toks[c.t0].text != "[" || d.toks[c.t0].lower == "that" && !c.quote) {
		c.t0++
	}
	for c.t1 > c.t0 && isPunct(d.toks[c.t1-1].text) && d.toks[c.t1-1].text != "]" && d.toks[c.t1-1].text != "?" && d.toks[c.t1-1].text != "!" {
		c.t1--
	}
	// drop quote marks left unbalanced at the edges
	if c.t1-c.t0 < 2 {
		return nil
	}
	words := 0
	for i := c.t0; i < c.t1; i++ {
		if !isPunct(d.toks[i].text) {
			words++
		}
	}
	if words < 2 {
		return nil
	}
	c.start, c.end = d.toks[c.t0].start, d.toks[c.t1-1].end
	c.text = d.text[c.start:c.end]
	c.sent = min(c.sent, d.toks[c.t0].sent)
	if c.sent2 < d.toks[c.t1-1].sent {
		c.sent2 = d.toks[c.t1-1].sent
	}
	for _, x := range d.recentClaims() {
		if x.speaker == c.speaker && x.t0 <= c.t0 && x.t1 >= c.t1 {
			return nil // already covered
		}
	}
	d.claims = append(d.claims, c)
	d.lastSpeaker = append(d.lastSpeaker, &speakerRef{ent: c.speaker, sent: d.toks[c.t0].sent, t0: c.t0, t1: c.t1})
	return c
}

func (d *docState) sortClaims() {
	// keep document order for stable output
	for i := 1; i < len(d.claims); i++ {
		for j := i; j > 0 && d.claims[j].t0 < d.claims[j-1].t0; j-- {
			d.claims[j], d.claims[j-1] = d.claims[j-1], d.claims[j]
		}
	}
}

// ---- direct quotes ----

// attributeQuote attributes quote qi to a speaker and records its claims,
// one per sentence of the quote.
func (d *docState) attributeQuote(qi int, used map[int]bool) {
	q := d.quotes[qi]
	if d.sents[d.toks[q.t0].sent].skip {
		return
	}
	var sp, out *entity
	rule := ""
	attr := -1
	if q.close >= 0 {
		if s, o, v := d.speakerAfterQuote(q); s != nil {
			sp, out, rule, attr = s, o, "quote-speaker-after", d.toks[v].sent
			used[v] = true
		}
	}
	if sp == nil {
		if s, o, v, r := d.speakerBeforeQuote(q); s != nil {
			sp, out, rule, attr = s, o, r, d.toks[v].sent
			used[v] = true
		}
	}
	if sp == nil {
		// a continuation: a quote that starts a sentence with no speaker of
		// its own takes the speaker of the quote before it in the paragraph,
		// or of the previous paragraph's quote when it continues it
		si := d.toks[q.open].sent
		if d.sents[si].t0 != q.open || q.t1-q.t0 < 3 {
			return
		}
		prev := -1
		for k := qi - 1; k >= 0; k-- {
			if d.qSpeaker[k] != nil {
				prev = k
				break
			}
			if d.quotes[k].para < q.para-1 {
				break
			}
		}
		if prev < 0 {
			return
		}
		p := d.quotes[prev]
		samePara := p.para == q.para
		nextPara := p.para == q.para-1 && (q.cont >= 0 || isParaStart(d.sents, si) && d.lastSentenceHasQuote(q.para-1))
		if !samePara && !nextPara {
			return
		}
		sp, out, rule, attr = d.qSpeaker[prev], nil, "quote-continuation", d.qAttr[prev]
	}
	d.qSpeaker[qi], d.qOutlet[qi], d.qRule[qi], d.qAttr[qi] = sp, out, rule, attr
	d.quotes[qi].speech = true
	conf := 0.95
	switch rule {
	case "quote-speaker-before":
		conf = 0.9
	case "statement-read":
		conf = 0.8
	case "quote-continuation":
		conf = 0.75
	}
	parts := d.splitBySentence(q.t0, q.t1)
	for pi, part := range parts {
		r, c := rule, conf
		o := out
		// the outlet and the attribution cover the sentence next to them
		direct := rule == "quote-speaker-after" && pi == len(parts)-1 || rule != "quote-speaker-after" && pi == 0
		if !direct {
			o = nil
			if rule != "quote-continuation" {
				r, c = "quote-continuation", 0.8
			}
			// a fragment with no verb is no claim ("Even before America.")
			if !d.hasVerb(part[0], part[1]) {
				continue
			}
		}
		cl := &claim{speaker: sp, t0: part[0], t1: part[1], quote: true, sent: d.toks[part[0]].sent, rule: r, conf: c, outlet: o, outletRule: "reported-by-outlet"}
		if attr >= 0 && direct {
			cl.sent = min(cl.sent, attr)
			cl.sent2 = max(d.toks[part[1]-1].sent, attr)
		}
		d.addClaim(cl)
	}
}

func (d *docState) hasVerb(a, b int) bool {
	for i := a; i < b; i++ {
		if strings.HasPrefix(d.toks[i].tag, "VB") || d.toks[i].tag == "MD" {
			return true
		}
	}
	return false
}

func (d *docState) lastSentenceHasQuote(para int) bool {
	for si := len(d.sents) - 1; si >= 0; si-- {
		if d.sents[si].para != para {
			continue
		}
		for i := d.sents[si].t0; i < d.sents[si].t1; i++ {
			if d.toks[i].qmark != 0 {
				return true
			}
		}
		return false
	}
	return false
}

// splitBySentence cuts tokens [a, b) at sentence boundaries.
func (d *docState) splitBySentence(a, b int) [][2]int {
	var out [][2]int
	start := a
	for i := a; i < b; i++ {
		if i > start && d.toks[i].sent != d.toks[i-1].sent {
			out = append(out, [2]int{start, i})
			start = i
		}
	}
	if start < b {
		out = append(out, [2]int{start, b})
	}
	return out
}

// speakerAfterQuote reads “Q,” X said / “Q,” said X after a quote.
func (d *docState) speakerAfterQuote(q quoteSpan) (*entity, *entity, int) {
	c := q.close
	if !d.speechPosition(q) {
		return nil, nil, -1
	}
	// the quote must end with , ? ! or . inside the marks, or be followed by ,
	last := d.toks[c-1].text
	i := c + 1
	if i < len(d.toks) && d.toks[i].text == "," {
		i++
	} else if last != "," && last != "?" && last != "!" && last != "." && last != "…" && last != "—" {
		return nil, nil, -1
	}
	if i >= len(d.toks) {
		return nil, nil, -1
	}
	s := d.sents[d.toks[i].sent]
	end := s.t1
	if d.toks[i].sent != d.toks[c].sent {
		// the quote ended its sentence; the attribution may still follow in
		// the same paragraph only when it is lower-case ("…” he said.)
		if !isLowerStart(d.toks[i].text) {
			return nil, nil, -1
		}
	}
	// “Q,” said X
	if cls := speechVerbs[d.toks[i].lower]; cls != "" && cls != vAs && cls != vThat {
		n1 := d.npRight(i+1, end)
		if n1 > i+1 {
			if sp := d.resolveNP(i+1, n1); sp != nil {
				return sp, d.outletAfter(i+1, end), i
			}
		}
		return nil, nil, -1
	}
	// “Q,” X said — the verb within a few words, subject before it
	for v := i; v < end && v < i+40; v++ {
		t := d.toks[v]
		if t.qmark != 0 {
			break
		}
		cls := speechVerbs[t.lower]
		if cls == "" || cls == vAs || cls == vThat || cls == vBelief || cls == vTo {
			if isFinite(t) && v > i+1 && !d.inAppositive(i, v) {
				break
			}
			continue
		}
		if d.passive(v) {
			break
		}
		sp := d.subjectBefore(v, i)
		if sp == nil {
			return nil, nil, -1
		}
		return sp, d.outletAfter(v, end), v
	}
	return nil, nil, -1
}

// speechPosition reports whether a quote stands where direct speech does:
// at the start of a sentence or after a colon, a comma or a speech verb —
// not inside reported speech ("said that officials \"continue to…\"").
func (d *docState) speechPosition(q quoteSpan) bool {
	o := q.open
	if o < 0 || o >= len(d.toks) {
		return false
	}
	s := d.sents[d.toks[o].sent]
	if o == s.t0 {
		return true
	}
	p := d.toks[o-1]
	if p.text == ":" || p.text == "," || p.text == "—" || p.text == "(" {
		return true
	}
	return speechVerbs[p.lower] != "" || p.lower == "read" || p.lower == "reads"
}

// inAppositive reports whether token v sits inside an appositive or relative
// clause between i and v ("X, a former officer who follows trends told").
func (d *docState) inAppositive(i, v int) bool {
	for k := v - 1; k > i && k > v-8; k-- {
		if d.toks[k].lower == "who" || d.toks[k].lower == "which" {
			return true
		}
		if d.toks[k].text == "," {
			return false
		}
	}
	return false
}

// speakerBeforeQuote reads X said: “Q”, X said “Q” and “which read: “Q”.
func (d *docState) speakerBeforeQuote(q quoteSpan) (*entity, *entity, int, string) {
	o := q.open
	si := d.toks[o].sent
	s := d.sents[si]
	k := o - 1
	for k >= s.t0 && (d.toks[k].text == ":" || d.toks[k].text == ",") {
		k--
	}
	if k < s.t0 {
		return nil, nil, -1, ""
	}
	if p := d.toks[o-1]; p.text != ":" && p.text != "," && speechVerbs[p.lower] == "" && p.lower != "read" && p.lower != "reads" {
		return nil, nil, -1, ""
	}
	v := k
	// skip a short adjunct: X said in a statement: “Q”
	for back := 0; back < 6 && v > s.t0 && speechVerbs[d.toks[v].lower] == "" && d.toks[v].lower != "read" && d.toks[v].lower != "reads" && d.toks[v].lower != "reading"; back++ {
		v--
	}
	w := d.toks[v].lower
	if w == "read" || w == "reads" || w == "reading" || w == "stating" || w == "saying" {
		// a document's words: "a statement ... which read: “…”"
		if doc := d.nearestDoc(si, v); doc != nil {
			sp := doc
			if doc.head == "statement" && doc.pub != nil {
				sp = doc.pub
			}
			return sp, nil, v, "statement-read"
		}
		if w == "saying" {
			if sp := d.subjectBefore(v, s.t0); sp != nil {
				return sp, nil, v, "quote-speaker-before"
			}
		}
		return nil, nil, -1, ""
	}
	cls := speechVerbs[w]
	if cls == "" || cls == vAs || cls == vThat || cls == vTo || d.passive(v) {
		return nil, nil, -1, ""
	}
	// a quoted phrase the sentence runs on after ("said \"a soldier\" had
	// placed …") is part of reported speech, not a quotation of its own
	if q.close >= 0 && q.close+1 < len(d.toks) && d.toks[q.close+1].sent == si {
		nx := d.toks[q.close+1]
		last := d.toks[q.close-1].text
		if !isPunct(nx.text) && last != "," && last != "." && last != "?" && last != "!" {
			return nil, nil, -1, ""
		}
	}
	// the quote must follow the verb and its addressee only
	for j := v + 1; j < o; j++ {
		t := d.toks[j]
		if t.text == ":" || t.text == "," || d.mentAt[j] >= 0 || t.tag == "IN" || t.tag == "DT" || t.tag == "NN" || t.tag == "NNS" || t.tag == "PRP" || t.tag == "JJ" || t.tag == "RB" || t.tag == "CD" || auxSkip[t.lower] || t.tag == "NNP" {
			continue
		}
		return nil, nil, -1, ""
	}
	sp := d.subjectBefore(v, s.t0)
	if sp == nil {
		return nil, nil, -1, ""
	}
	return sp, d.outletAfter(v+1, o), v, "quote-speaker-before"
}

// nearestDoc finds a document entity named in sentence si before token v,
// creating it from its description ("statements ... by the X Foundation").
func (d *docState) nearestDoc(si, v int) *entity {
	s := d.sents[si]
	for k := v - 1; k >= s.t0; k-- {
		t := d.toks[k]
		if cls := docNouns[t.lower]; cls != "" && isNounTag(t.tag) {
			n0 := d.npLeft(k, s.t0)
			return d.docEntityWide(n0, k, cls, v)
		}
	}
	return nil
}

// docEntityWide is docEntity with the publisher searched up to token lim
// ("statements on the internet in French published on the same day ... by
// the Al Wafaa Foundation").
func (d *docState) docEntityWide(a, h int, cls string, lim int) *entity {
	e := d.docEntity(a, h+1, h, cls)
	if e.pub != nil {
		return e
	}
	for i := h + 1; i < lim; i++ {
		w := d.toks[i].lower
		if (w == "published" || w == "released" || w == "issued" || w == "posted" || w == "put") && i+1 < lim {
			for j := i + 1; j < lim; j++ {
				if d.toks[j].lower == "by" {
					if m := d.orgAfter(j+1, lim); m != nil && (m.ent.typ == TypeOrg) {
						e.pub = m.ent
						e.pubSent = d.toks[h].sent
						return e
					}
				}
			}
		}
	}
	return e
}

// outletAfter finds "told CNN", "told the New York Times", "in an interview
// with X" between tokens a and b.
func (d *docState) outletAfter(a, b int) *entity {
	for i := a; i < b && i < len(d.toks); i++ {
		w := d.toks[i].lower
		if d.toks[i].qmark != 0 || d.toks[i].quote >= 0 {
			continue
		}
		if w == "told" || w == "tells" || w == "with" || w == "to" {
			k := i + 1
			desc := false
			if k < b && d.toks[k].lower == "the" {
				k++
			}
			for k < b && outletDescriptors[d.toks[k].lower] {
				k++
				desc = true
			}
			if desc {
				if m := d.mentionAt(k); m != nil && m.ent != nil && m.t0 == k && (m.ent.typ == TypeOrg || m.ent.typ == "") {
					m.ent.typ = TypeOrg
					m.ent.outlet = true
					return m.ent
				}
			}
			if m := d.orgAfter(i+1, b); m != nil && m.ent.typ == TypeOrg && (m.ent.outlet || w == "told" || w == "tells") {
				return m.ent
			}
		}
	}
	return nil
}

// openingOutlet reads an opening participle or adjunct that names the
// outlet spoken to: "Speaking to the BBC, X said", "In an interview with
// Le Monde, X said". v is the speech verb.
func (d *docState) openingOutlet(si, v int) *entity {
	s := d.sents[si]
	a := s.t0
	if a+2 >= v {
		return nil
	}
	w0, w1 := d.toks[a].lower, d.toks[a+1].lower
	if !((w0 == "speaking" || w0 == "talking" || w0 == "writing") && (w1 == "to" || w1 == "with" || w1 == "in" || w1 == "on") || w0 == "in" && (w1 == "an" || w1 == "a") && a+2 < v && d.toks[a+2].lower == "interview") {
		return nil
	}
	c := a + 2
	for c < v && d.toks[c].text != "," {
		c++
	}
	if c >= v {
		return nil
	}
	if w0 == "writing" {
		if m := d.orgAfter(a+2, c); m != nil && m.ent.outlet {
			return m.ent
		}
		return nil
	}
	return d.outletAfter(a, c)
}

var outletDescriptors = setOf("broadcaster", "newspaper", "paper", "magazine", "channel", "network", "news",
	"agency", "daily", "weekly", "outlet", "website", "radio", "station", "television", "tabloid", "public",
	"german", "french", "british", "american", "italian", "spanish", "belgian", "dutch", "swedish", "state",
	"regional", "local", "national", "sunday", "evening", "morning", "online", "investigative", "satirical",
	"business", "financial", "conservative", "liberal", "left-leaning", "right-leaning", "tabloid", "broadsheet")

// passive reports whether the verb at v is passive ("is believed").
func (d *docState) passive(v int) bool {
	for k := v - 1; k >= 0 && k >= v-3; k-- {
		w := d.toks[k].lower
		switch w {
		case "is", "was", "were", "are", "be", "been", "being", "’s", "'s":
			return d.toks[v].tag == "VBN" || d.toks[v].tag == "VBD" || strings.HasSuffix(d.toks[v].lower, "ed")
		case "also", "widely", "not", "generally", "often", "now":
			continue
		}
		return false
	}
	return false
}

// ---- subjects ----

// subjectBefore finds the speaker of the speech verb at v, looking left no
// further than lo.
func (d *docState) subjectBefore(v, lo int) *entity {
	a, b := d.subjectSpan(v, lo)
	if a < 0 {
		return nil
	}
	if b-a == 1 && (d.toks[a].lower == "who" || d.toks[a].lower == "which" || d.toks[a].lower == "that") {
		return d.relativeAntecedent(a, lo)
	}
	if b-a == 1 && (d.toks[a].lower == "but" || d.toks[a].lower == "and") {
		return d.previousSpeakerInSentence(a)
	}
	// an alias-table form spanning the whole subject
	if e := d.aliasNP(a, v); e != nil {
		return e
	}
	return d.resolveNP(a, b)
}

// subjectSpan returns the token span [a, b) of the subject of verb v.
func (d *docState) subjectSpan(v, lo int) (int, int) {
	s := d.sents[d.toks[v].sent]
	if lo < s.t0 {
		lo = s.t0
	}
	k := v - 1
	// skip auxiliaries, adverbs and time words: "has also", "last October"
	for k >= lo {
		t := d.toks[k]
		if auxSkip[t.lower] || t.tag == "RB" && t.lower != "not" && !strings.HasSuffix(t.lower, "n't") {
			k--
			continue
		}
		if (months[t.text] || weekdays[t.text]) && d.mentAt[k] < 0 {
			k--
			if k >= lo && (d.toks[k].lower == "last" || d.toks[k].lower == "on" || d.toks[k].lower == "this" || d.toks[k].lower == "in") {
				k--
			}
			continue
		}
		break
	}
	if k < lo {
		return -1, -1
	}
	t := d.toks[k]
	switch t.lower {
	case "who", "which", "that", "but", "and":
		return k, k + 1
	}
	if pronouns[t.lower] && t.tag == "PRP" || pronouns[t.lower] {
		return k, k + 1
	}
	if t.text == "," {
		// an appositive between subject and verb: "X, the editor of Y, told"
		return d.subjectBeforeAppositive(k, lo)
	}
	if !d.npTok(k) {
		return -1, -1
	}
	n0 := d.npLeft(k, lo)
	// inside a relative clause of an appositive: "X, a former officer who
	// follows terrorism trends told"
	if n0-1 >= lo && isFinite(d.toks[n0-1]) {
		for j := n0 - 2; j >= lo && j > n0-6; j-- {
			if d.toks[j].lower == "who" || d.toks[j].lower == "which" {
				if j-1 >= lo && d.npTok(j-1) {
					m0 := d.npLeft(j-1, lo)
					if m0-1 >= lo && d.toks[m0-1].text == "," {
						return d.subjectBeforeAppositive(m0-1, lo)
					}
					return m0, j
				}
			}
		}
		return -1, -1
	}
	// "A report by X", "the two officials with access to …", "a spokesman
	// for the ministry": the head comes before the preposition
	for n0-2 >= lo {
		p := d.toks[n0-1].lower
		if p != "by" && p != "from" && p != "with" && p != "for" && p != "of" && p != "at" && p != "in" && p != "to" {
			break
		}
		// "close" and "familiar" are often tagged as adverbs
		adj := (d.toks[n0-2].lower == "close" || d.toks[n0-2].lower == "familiar") && n0-3 >= lo && d.npTok(n0-3)
		if !d.npTok(n0-2) && !adj {
			break
		}
		m0 := d.npLeft(n0-2, lo)
		if adj {
			m0 = d.npLeft(n0-3, lo)
		}
		h := d.toks[n0-2].lower
		if (d.toks[n0-2].tag == "JJ" || adj) && n0-3 >= lo {
			// "officials familiar with", "sources close to"
			h = d.toks[n0-3].lower
		}
		if docNouns[h] == "" && !anonNouns[h] && !orgNouns[h] && !titleNouns[h] && !(p == "of" || p == "to") {
			break
		}
		if p == "to" && !(d.toks[n0-2].lower == "access" || d.toks[n0-2].lower == "close") {
			break
		}
		n0 = m0
	}
	// an appositive with no closing comma: "Keith Vaz, chairman of the X said"
	// (a titled name is the subject itself: "Speaking to the BBC, Home
	// Secretary Amber Rudd said")
	if n0-1 >= lo && d.toks[n0-1].text == "," && d.appositiveLike(n0, k+1) && d.hasRoleNoun(n0, k+1) && !d.titledName(n0, k+1) {
		if m := d.npBeforeComma(n0-1, lo); m >= 0 {
			return m, n0 - 1
		}
	}
	return n0, k + 1
}

// subjectBeforeAppositive: comma at c closes one or more appositives; return
// the noun phrase they describe.
func (d *docState) subjectBeforeAppositive(c, lo int) (int, int) {
	for guard := 0; guard < 4; guard++ {
		// the segment before comma c
		j := c - 1
		for j >= lo && d.toks[j].text != "," && d.toks[j].qmark == 0 {
			j--
		}
		segStart := j + 1
		if segStart >= c {
			return -1, -1
		}
		if j < lo || d.toks[j].text != "," {
			// no earlier comma: the segment itself is the subject
			n0 := d.npLeft(c-1, segStart)
			if n0 <= segStart+1 || d.npTok(c-1) {
				return n0, c
			}
			return -1, -1
		}
		// "Its national coordinator, Deputy Assistant Commissioner Laura
		// Penrose, said": a titled name is the subject, not an appositive
		if m := d.mentionAt(c - 1); m != nil && m.ent != nil && m.ent.typ == TypePerson && m.t1 == c && m.t0 >= segStart && d.allCapitalised(segStart, m.t0) {
			return segStart, c
		}
		if d.appositiveLike(segStart, c) {
			c = j
			continue
		}
		// not an appositive: it is the subject ("Briefing journalists in New
		// York, James Clapper, the ..., warned")
		if d.npTok(c - 1) {
			return d.npLeft(c-1, segStart), c
		}
		return -1, -1
	}
	return -1, -1
}

// titledName: tokens [a, b) are a person's name, with only capitalised
// title words before it ("Home Secretary Amber Rudd").
func (d *docState) titledName(a, b int) bool {
	m := d.mentionAt(b - 1)
	return m != nil && m.ent != nil && m.ent.typ == TypePerson && m.t1 == b && m.t0 >= a && d.allCapitalised(a, m.t0)
}

// allCapitalised: tokens [a, b) are capitalised words (a title before a
// name), none of them an article.
func (d *docState) allCapitalised(a, b int) bool {
	for k := a; k < b; k++ {
		t := d.toks[k]
		if !isUpperStart(t.text) || t.tag == "DT" || t.lower == "the" || t.lower == "a" || t.lower == "an" {
			return false
		}
	}
	return true
}

// npBeforeComma returns the start of the noun phrase ending just before the
// comma at c, if it names someone.
func (d *docState) npBeforeComma(c, lo int) int {
	if c-1 < lo || !d.npTok(c-1) {
		return -1
	}
	n0 := d.npLeft(c-1, lo)
	// "In a post on X, the French president wrote": the object of a
	// preposition is no subject with an appositive
	if n0-1 >= lo && (d.toks[n0-1].tag == "IN" || d.toks[n0-1].tag == "TO") {
		return -1
	}
	if m := d.mentionAt(c - 1); m != nil && m.ent != nil && (m.ent.typ == TypePerson || m.ent.typ == TypeOrg || m.ent.typ == "") {
		return n0
	}
	return -1
}

// appositiveLike reports whether tokens [a, b) read as an appositive: a
// determiner or role noun first, no finite verb outside a relative clause.
func (d *docState) appositiveLike(a, b int) bool {
	if a >= b {
		return false
	}
	first := d.toks[a]
	ok := first.lower == "a" || first.lower == "an" || first.lower == "the" || roleNouns[first.lower] ||
		titleHeads[first.text] || titleMods[first.text] || first.lower == "former" || first.lower == "then" ||
		first.lower == "who" || first.lower == "which" || first.lower == "whose" || first.lower == "his" || first.lower == "her" || first.lower == "their" || first.lower == "its" || isPossessiveAt(d, a+1) || (first.tag == "JJ" && roleNouns[d.toks[b-1].lower])
	if !ok && b-a >= 3 && first.tag == "VBN" && (d.toks[a+1].lower == "by" || d.toks[a+1].lower == "in") {
		// "The report, published by the Royal United Services Institute,
		// found": a participle phrase
		ok = true
	}
	if !ok {
		// "a West Point ... publication", "head of MI5", or a person's age
		if b-a == 1 && isNumber(first.text) {
			return true
		}
		if m := d.mentionAt(a); m != nil && m.ent != nil && m.ent.typ == TypePlace && m.adj {
			ok = true
		}
	}
	if !ok {
		return false
	}
	for i := a; i < b; i++ {
		w := d.toks[i].lower
		if w == "who" || w == "which" || w == "whose" || w == "whom" || w == "that" && i > a && isNounTag(d.toks[i-1].tag) {
			return true // a relative clause may hold verbs
		}
		if isFinite(d.toks[i]) {
			return false
		}
	}
	return true
}

func (d *docState) hasRoleNoun(a, b int) bool {
	for i := a; i < b; i++ {
		if roleNouns[d.toks[i].lower] || titleHeads[d.toks[i].text] {
			return true
		}
	}
	return false
}

func isPossessiveAt(d *docState, i int) bool {
	return i < len(d.toks) && isPossessive(d.toks[i].text)
}

// relativeAntecedent resolves "who"/"which" at r to the phrase it follows.
func (d *docState) relativeAntecedent(r, lo int) *entity {
	k := r - 1
	if k < lo {
		return nil
	}
	if d.toks[k].text == "," {
		a, b := d.subjectBeforeAppositive(k, lo)
		if a < 0 {
			return nil
		}
		return d.resolveNP(a, b)
	}
	if !d.npTok(k) {
		return nil
	}
	n0 := d.npLeft(k, lo)
	// "Anis Amri, the Tunisian who …": the appositive's anchor
	if n0-1 > lo && d.toks[n0-1].text == "," && (d.toks[n0].lower == "the" || d.toks[n0].lower == "a" || d.toks[n0].lower == "an") {
		if m := d.npBeforeComma(n0-1, lo); m >= 0 {
			if e := d.resolveNP(m, n0-1); e != nil {
				return e
			}
		}
	}
	return d.resolveNP(n0, k+1)
}

// previousSpeakerInSentence: "X told CNN that …, but said …".
func (d *docState) previousSpeakerInSentence(i int) *entity {
	si := d.toks[i].sent
	for k := len(d.claims) - 1; k >= 0 && k >= len(d.claims)-recentN; k-- {
		c := d.claims[k]
		if d.toks[c.t0].sent == si && c.t0 < i {
			return c.speaker
		}
	}
	return nil
}

// ---- reported speech ----

// reportedSpeech finds speech verbs outside quotes in sentence si and their
// claims.
func (d *docState) reportedSpeech(si int, used map[int]bool) {
	s := d.sents[si]
	var sentOutlet *entity // "CNN reported" anywhere in the sentence
	var sentClaims []*claim
	for v := s.t0; v < s.t1; v++ {
		t := d.toks[v]
		if t.quote >= 0 && d.quotes[t.quote].speech {
			continue
		}
		w := t.lower
		if w == "according" && v+1 < s.t1 && d.toks[v+1].lower == "to" {
			if c := d.accordingTo(si, v); c != nil {
				sentClaims = append(sentClaims, c)
			}
			continue
		}
		if w == "adding" || w == "noting" || w == "warning" || w == "stressing" || w == "saying" {
			if c := d.participleClaim(si, v); c != nil {
				sentClaims = append(sentClaims, c)
			}
			continue
		}
		if w == "spoke" || w == "appeared" || w == "travelled" || w == "traveled" || w == "met" {
			if c := d.purposeClaim(si, v); c != nil {
				sentClaims = append(sentClaims, c)
			}
			continue
		}
		if (w == "claimed" || w == "claims" || w == "claiming") && v+1 < s.t1 && (d.toks[v+1].lower == "responsibility" || d.claimsAttack(v)) {
			if sp := d.subjectBefore(v, s.t0); sp != nil && (sp.typ == TypeOrg || sp.typ == TypePerson) {
				c := &claim{speaker: sp, t0: v, t1: d.clauseCut(v, s.t1), sent: si, rule: "claimed-responsibility", conf: 0.85}
				if o := d.releasedBy(v, s.t1); o != nil && o != sp {
					c.outlet, c.outletRule = o, "released-by"
				}
				if c = d.addClaim(c); c != nil {
					sentClaims = append(sentClaims, c)
				}
				d.reportInAdjunct(si, v, sp)
			}
			continue
		}
		cls := speechVerbs[w]
		if cls == "" || used[v] || d.passive(v) {
			continue
		}
		if a0, _ := d.subjectSpan(v, s.t0); a0 > s.t0 && d.toks[a0-1].lower == "what" && cls != vAs {
			continue // "in what prosecutors said they were treating as …"
		}
		if t.tag == "NN" || t.tag == "NNS" || t.tag == "JJ" {
			continue
		}
		if v > s.t0 && (d.toks[v-1].lower == "to" || d.toks[v-1].tag == "DT") {
			continue // "to say", "the reports"
		}
		sp := d.subjectBefore(v, s.t0)
		if sp == nil {
			continue
		}
		if sp.outlet && outletVerbs[w] {
			sentOutlet = sp
			// "CNN reported that X confirmed …": the outlet reports another's words
			if d.nestedSpeech(v, s.t1) || d.otherClaimsIn(si, sp) {
				continue
			}
		}
		var cs []*claim
		switch cls {
		case vTo:
			cs = d.toClaim(si, v, sp)
		case vAs:
			cs = d.asClaim(si, v, sp)
		default:
			cs = d.complementClaims(si, v, sp, cls)
		}
		for _, c := range cs {
			if c.outlet == nil {
				// "… in an interview with the broadcaster ZDF"
				if o := d.outletAfter(v, s.t1); o != nil && o != sp {
					c.outlet, c.outletRule = o, "interview-with-outlet"
				} else if o := d.openingOutlet(si, v); o != nil && o != sp {
					// "Speaking to the BBC, X said …"
					c.outlet, c.outletRule = o, "interview-with-outlet"
				} else if o := d.releasedBy(v, s.t1); o != nil && o != sp && o != sp.pub {
					// "…, in a statement carried by its Amaq news agency"
					c.outlet, c.outletRule = o, "released-by"
				}
			}
		}
		d.reportInAdjunct(si, v, sp)
		sentClaims = append(sentClaims, cs...)
	}
	// claims by one speaker in one sentence share the outlet that reported
	// them ("told CNN that …, but said …")
	recent := d.recentClaims()
	for _, c := range recent {
		if c.sent != si && c.sent2 != si || c.outlet != nil {
			continue
		}
		for _, o := range recent {
			if o != c && o.speaker == c.speaker && o.outlet != nil && (o.sent == si || o.sent2 == si) {
				c.outlet, c.outletRule = o.outlet, o.outletRule
				break
			}
		}
	}
	if sentOutlet != nil {
		for _, c := range recent {
			if c.speaker != sentOutlet && c.outlet == nil && d.toks[c.t0].sent <= si && c.sent2 >= si || c.sent == si && c.outlet == nil && c.speaker != sentOutlet {
				c.outlet = sentOutlet
				c.outletRule = "reported-by-outlet"
			}
		}
	}
}

// otherClaimsIn reports whether sentence si already has claims by others.
func (d *docState) otherClaimsIn(si int, sp *entity) bool {
	for _, c := range d.recentClaims() {
		if c.speaker != sp && (c.sent == si || c.sent2 == si) {
			return true
		}
	}
	// or a speech verb with another subject earlier in the sentence
	s := d.sents[si]
	for v := s.t0; v < s.t1; v++ {
		if cls := speechVerbs[d.toks[v].lower]; cls != "" && !outletVerbs[d.toks[v].lower] && d.toks[v].quote < 0 {
			if x := d.subjectBefore(v, s.t0); x != nil && x != sp {
				return true
			}
		}
	}
	return false
}

// nestedSpeech reports whether the complement after v holds another speech
// verb with its own subject ("reported that X confirmed").
func (d *docState) nestedSpeech(v, end int) bool {
	for k := v + 1; k < end && k < v+15; k++ {
		if cls := speechVerbs[d.toks[k].lower]; cls != "" && cls != vAs && !d.passive(k) {
			return true
		}
		if d.toks[k].qmark != 0 {
			return false
		}
	}
	return false
}

// clauseCut returns where a claim starting at a must end: the sentence end,
// or before ", adding", ", according to", ", but", ", X said".
func (d *docState) clauseCut(a, end int) int {
	for i := a; i < end; i++ {
		t := d.toks[i]
		if t.quote >= 0 && d.quotes[t.quote].speech {
			continue
		}
		if t.text == ";" {
			return i
		}
		if i > a+2 && i+2 < end && (t.lower == "in" || t.lower == "at" || t.lower == "during") && (d.toks[i+1].lower == "an" || d.toks[i+1].lower == "a") {
			h := d.toks[i+2].lower
			if h == "interview" || h == "statement" || h == "op-ed" || h == "speech" || h == "televised" || h == "news" || h == "press" || h == "message" || h == "video" || h == "post" || h == "tweet" {
				return i
			}
		}
		// "called the attack an act of terrorism and said …"
		if t.lower == "and" && i > a+1 && i+1 < end && (speechVerbs[d.toks[i+1].lower] == vSay || speechVerbs[d.toks[i+1].lower] == vWarn || speechVerbs[d.toks[i+1].lower] == vTell) && d.toks[i+1].tag == "VBD" {
			return i
		}
		if t.text != "," || i+1 >= end {
			continue
		}
		n := d.toks[i+1].lower
		if cutWords[n] || n == "but" {
			return i
		}
		// ", CNN reported." / ", the official said"
		for k := i + 1; k < end && k < i+10; k++ {
			if speechVerbs[d.toks[k].lower] != "" && !d.passive(k) && d.toks[k].tag != "NN" {
				if k+1 >= end || d.toks[k+1].text == "." || d.toks[k+1].text == "," || speechVerbs[d.toks[k].lower] == vTell {
					if d.npTok(k-1) || pronouns[d.toks[k-1].lower] {
						return i
					}
				}
				break
			}
			if !d.npTok(k) && !auxSkip[d.toks[k].lower] {
				break
			}
		}
	}
	return end
}

// complementClaims reads the complement of a say/tell/warn verb.
func (d *docState) complementClaims(si, v int, sp *entity, cls string) []*claim {
	s := d.sents[si]
	end := s.t1
	var outlet *entity
	outletRule := ""
	i := v + 1
	// the left-hand claim: "C, X said." / "C, X has said"
	if c := d.leftClaim(si, v, sp); c != nil {
		return []*claim{c}
	}
	if i >= end {
		return nil
	}
	// addressee and adjuncts up to "that"
	thatAt := -1
	for k := i; k < end && k < i+16; k++ {
		t := d.toks[k]
		if t.qmark != 0 || t.text == ";" {
			break
		}
		if t.lower == "that" && (k == i || d.toks[k-1].tag != "DT") {
			thatAt = k
			break
		}
		if isFinite(t) || t.text == "," && cls != vTell {
			break
		}
	}
	if cls == vTell || cls == vWarn || cls == vSay {
		if o := d.outletAfter(v, max(thatAt, v+6)); o != nil {
			outlet, outletRule = o, "told-outlet"
		} else if cls == vTell {
			if m := d.orgAfter(i, end); m != nil && m.ent.typ == TypeOrg {
				outlet, outletRule = m.ent, "told-outlet"
			}
		}
	}
	start := -1
	denial := d.toks[v].lower == "denied" || d.toks[v].lower == "denies"
	switch {
	case thatAt >= 0 && denial:
		// "denied that its agents were involved": the words are not the
		// speaker's claim; the denial is, so it keeps its verb
		start = v
	case thatAt >= 0:
		start = thatAt + 1
	case cls == vThat:
		// "denied any involvement in the attack": a denial takes an object
		if denial && i < end && d.toks[i].tag != "PRP" {
			start = v
			break
		}
		return nil
	case cls == vWarn && i < end && (d.toks[i].lower == "of" || d.toks[i].lower == "against" || d.toks[i].lower == "about"):
		start = i + 1
	case cls == vTell:
		// told reporters: “…” / told X the attack was …
		k := i
		if m := d.mentionAt(k); m != nil {
			k = m.c1
		} else {
			k = d.npRight(k, end)
			// the addressee ends where a second noun phrase begins: "told
			// reporters the truck had been stolen", "told the BBC the
			// attacker acted alone"
			for n := i + 1; n < k; n++ {
				if addresseeEnd[d.toks[n].lower] {
					k = n
					break
				}
			}
		}
		start = k
	default:
		start = i
		// skip "Monday", "on Tuesday", "in a statement", "last week"
		start = d.skipAdjuncts(start, end)
	}
	if start < 0 || start >= end {
		return nil
	}
	if d.toks[start].qmark != 0 && d.toks[start].quote >= 0 && d.quotes[d.toks[start].quote].speech {
		return nil
	}
	stop := d.clauseCut(start, end)
	if stop-start < 2 {
		return nil
	}
	if cls == vBelief && !d.hasFinite(start, stop) {
		return nil
	}
	if cls == vSay && thatAt < 0 && !d.hasFinite(start, stop) && !strings.HasPrefix(d.toks[v].lower, "emphas") && !strings.HasPrefix(d.toks[v].lower, "stress") && !strings.HasPrefix(d.toks[v].lower, "warn") {
		return nil
	}
	rule := "reported-that"
	conf := 0.85
	if outlet == nil {
		// "In a statement released by its Amaq news agency, the group said"
		if o := d.releasedBy(s.t0, v); o != nil {
			outlet, outletRule = o, "released-by"
		}
	}
	if outlet != nil && (outlet == sp || outlet == sp.pub) {
		outlet = nil // a report speaks as itself, not through its publisher
	}
	var out []*claim
	// "warned that A and that B": two claims
	parts := [][2]int{{start, stop}}
	if thatAt >= 0 {
		parts = d.splitAndThat(start, stop)
	}
	for _, p := range parts {
		c := d.addClaim(&claim{speaker: sp, t0: p[0], t1: p[1], sent: si, rule: rule, conf: conf, outlet: outlet, outletRule: outletRule})
		if c != nil {
			out = append(out, c)
		}
	}
	return out
}

// splitAndThat splits "A and that B" into A and B.
func (d *docState) splitAndThat(a, b int) [][2]int {
	var out [][2]int
	start := a
	for i := a; i+1 < b; i++ {
		if d.toks[i].lower == "and" && d.toks[i+1].lower == "that" && (d.toks[i].quote < 0 || !d.quotes[d.toks[i].quote].speech) {
			out = append(out, [2]int{start, i})
			start = i + 2
		}
	}
	return append(out, [2]int{start, b})
}

func (d *docState) hasFinite(a, b int) bool {
	for i := a; i < b; i++ {
		if isFinite(d.toks[i]) {
			return true
		}
	}
	return false
}

// addresseeEnd are words that open a noun phrase, so cannot continue the
// addressee of "told".
var addresseeEnd = setOf("the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "some", "two", "three")

// timeAdjunct: tokens [a, b) name a day or a time of day ("Sunday
// morning", "March 3", "the evening of Oct. 9").
func (d *docState) timeAdjunct(a, b int) bool {
	day := false
	for k := a; k < b; k++ {
		t := d.toks[k]
		if weekdays[t.text] || months[t.text] {
			day = true
		}
	}
	return day || dayParts[d.toks[b-1].lower]
}

// dayParts are times of day (prose tags "evening" as a verb at times).
var dayParts = setOf("morning", "afternoon", "evening", "night")

// skipAdjuncts skips time words and short prepositional adjuncts after a
// verb: "Monday", "on Tuesday", "in a statement", "last week", "to reporters".
func (d *docState) skipAdjuncts(i, end int) int {
	for guard := 0; guard < 4 && i < end; guard++ {
		t := d.toks[i]
		switch {
		case weekdays[t.text] || t.lower == "today" || t.lower == "yesterday":
			i++
		case t.text == ",":
			i++
		case t.lower == "last" || t.lower == "this" || t.lower == "earlier" || t.lower == "late":
			if i+1 < end && (months[d.toks[i+1].text] || weekdays[d.toks[i+1].text] || d.toks[i+1].lower == "week" || d.toks[i+1].lower == "month" || d.toks[i+1].lower == "year") {
				i += 2
			} else {
				return i
			}
		case t.lower == "on" || t.lower == "in" || t.lower == "at" || t.lower == "during" || t.lower == "to":
			// a short adjunct ending before a clause: "in a statement", "on Twitter"
			j := i + 1
			for j < end && j < i+7 && (d.npTok(j) || d.toks[j].lower == "of" || dayParts[d.toks[j].lower]) {
				j++
			}
			if j == i+1 {
				return i
			}
			head := d.toks[j-1].lower
			if head == "statement" || head == "interview" || head == "speech" || head == "twitter" || head == "x" ||
				head == "conference" || head == "briefing" || head == "reporters" || head == "journalists" || head == "facebook" ||
				head == "television" || head == "radio" || head == "parliament" || weekdays[d.toks[j-1].text] || head == "breakfast" ||
				head == "website" || head == "message" || head == "video" || head == "post" || head == "report" || head == "letter" ||
				d.timeAdjunct(i+1, j) {
				i = j
				if i < end && d.toks[i].text == "," {
					i++
				}
				continue
			}
			return i
		default:
			return i
		}
	}
	return i
}

// leftClaim reads "C, X said." — the claim precedes its speaker.
func (d *docState) leftClaim(si, v int, sp *entity) *claim {
	s := d.sents[si]
	a, _ := d.subjectSpan(v, s.t0)
	if a <= s.t0+1 || d.toks[a-1].text != "," {
		return nil
	}
	// nothing but an outlet, an adjunct or "adding that" may follow the verb
	rest := v + 1
	for rest < s.t1 && d.toks[rest].text != "," && d.toks[rest].text != "." {
		rest++
	}
	if rest > v+1 && d.skipAdjuncts(v+1, rest) < rest && !(speechVerbs[d.toks[v].lower] == vTell) {
		return nil
	}
	if rest < s.t1 {
		r := d.toks[rest]
		if !(r.text == "." || r.text == "," && rest+1 < s.t1 && cutWords[d.toks[rest+1].lower] || r.text == "!" || r.text == "?") {
			// "X told CNN." is fine too
			if !(speechVerbs[d.toks[v].lower] == vTell && d.outletAfter(v, s.t1) != nil) {
				return nil
			}
		}
	}
	c0 := s.t0
	// the claim may start after an opening clause that is itself a quote
	for k := a - 2; k >= s.t0; k-- {
		if d.toks[k].qmark != 0 {
			if d.toks[k].quote >= 0 && d.quotes[d.toks[k].quote].speech {
				c0 = k + 1
			}
			break
		}
	}
	// "C, the city's mayor, X, said": the description before the name is
	// no part of the claim
	end := a - 1
	for k := a - 2; k > c0 && k >= a-10; k-- {
		if d.toks[k].text == "," {
			if d.appositiveLike(k+1, a-1) && d.hasRoleNoun(k+1, a-1) && d.hasVerb(c0, k) {
				end = k
			}
			break
		}
	}
	if !d.hasVerb(c0, end) {
		return nil
	}
	outlet := d.outletAfter(v, s.t1)
	if outlet == sp {
		outlet = nil
	}
	return d.addClaim(&claim{speaker: sp, t0: c0, t1: end, sent: si, rule: "speaker-after-clause", conf: 0.85, outlet: outlet, outletRule: "told-outlet"})
}

// accordingTo reads "According to X, C." and "C, according to X."
func (d *docState) accordingTo(si, v int) *claim {
	s := d.sents[si]
	x0 := v + 2
	if x0 >= s.t1 {
		return nil
	}
	x1 := d.npRight(x0, s.t1)
	if x1 <= x0 {
		return nil
	}
	// "documents obtained by CNN", "officials with access to …"
	var outlet *entity
	k := x1
	if k+2 < s.t1 && (d.toks[k].lower == "obtained" || d.toks[k].lower == "seen" || d.toks[k].lower == "reviewed") && d.toks[k+1].lower == "by" {
		if m := d.orgAfter(k+2, s.t1); m != nil {
			outlet = m.ent
		}
	}
	sp := d.resolveNP(x0, x1)
	if sp == nil {
		return nil
	}
	if outlet == sp {
		outlet = nil
	}
	var c *claim
	if v == s.t0 || v == s.t0+1 && d.toks[s.t0].qmark != 0 {
		// According to X, C.
		j := x1
		for j < s.t1 && d.toks[j].text != "," {
			j++
		}
		// "According to a report by X, a London-based think tank, C": an
		// appositive describing the source is no part of the claim
		if j2 := d.sourceAppositive(j+1, s.t1); j2 > j {
			j = j2
		}
		if j+1 >= s.t1 {
			return nil
		}
		c = &claim{speaker: sp, t0: j + 1, t1: d.clauseCut(j+1, s.t1), sent: si, rule: "according-to", conf: 0.85, outlet: outlet, outletRule: "obtained-by-outlet"}
	} else if v-1 > s.t0 && (d.toks[v-1].text == "," || v-2 > s.t0 && d.toks[v-1].qmark != 0 && d.toks[v-2].text == ",") {
		// "C, according to X" and "“Q,” according to X"
		c0 := s.t0
		for k := v - 2; k >= s.t0; k-- {
			if d.toks[k].text == ";" {
				c0 = k + 1
				break
			}
		}
		// "X claimed responsibility …, according to its news agency": the
		// source reports another's claim
		for _, o := range d.recentClaims() {
			if o.speaker != sp && o.sent == si && o.t0 >= c0 && o.t0 < v {
				if o.outlet == nil {
					o.outlet, o.outletRule = sp, "according-to-outlet"
				}
				return nil
			}
		}
		c = &claim{speaker: sp, t0: c0, t1: v - 1, sent: si, rule: "according-to", conf: 0.85, outlet: outlet, outletRule: "obtained-by-outlet"}
	}
	return d.addClaim(c)
}

// sourceAppositive: tokens from a up to a comma describe an organisation or
// a person by office ("a London-based think tank", "the EU's police
// agency", "a former adviser"): it returns the comma, or -1.
func (d *docState) sourceAppositive(a, end int) int {
	for k := a; k < end && k < a+10; k++ {
		if d.toks[k].text != "," {
			continue
		}
		if k > a+2 && k+1 < end && (d.toks[a].lower == "published" || d.toks[a].lower == "released" || d.toks[a].lower == "compiled" || d.toks[a].lower == "issued" || d.toks[a].lower == "produced" || d.toks[a].lower == "commissioned") && d.toks[a+1].lower == "by" {
			return k // "According to the Global Terrorism Index, published by X, C"
		}
		if k == a || k+1 >= end || !d.appositiveLike(a, k) || d.hasFinite(a, k) {
			return -1
		}
		h := d.toks[k-1].lower
		if orgNouns[h] || roleNouns[h] || h == "tank" || h == "think-tank" || h == "daily" || h == "weekly" || h == "charity" || h == "watchdog" {
			return k
		}
		return -1
	}
	return -1
}

// participleClaim reads ", adding that C" with the speaker of the clause
// before it.
func (d *docState) participleClaim(si, v int) *claim {
	s := d.sents[si]
	if v-1 < s.t0 || d.toks[v-1].text != "," || v+1 >= s.t1 {
		return nil
	}
	sp := d.previousSpeakerInSentence(v)
	if sp == nil {
		// “Q,” the official said, adding that …: the quote's speaker
		for _, c := range d.recentClaims() {
			if c.sent2 == si || c.sent == si {
				sp = c.speaker
			}
		}
	}
	if sp == nil {
		return nil
	}
	start := v + 1
	if d.toks[start].lower == "that" {
		start++
	}
	if start >= s.t1 || d.toks[start].qmark != 0 {
		return nil
	}
	var out *entity
	for _, c := range d.recentClaims() {
		if c.speaker == sp && (c.sent == si || c.sent2 == si) {
			out = c.outlet
		}
	}
	return d.addClaim(&claim{speaker: sp, t0: start, t1: d.clauseCut(start, s.t1), sent: si, rule: "adding-that", conf: 0.8, outlet: out, outletRule: "reported-by-outlet"})
}

// purposeClaim reads "X spoke in Y to encourage Z to …".
func (d *docState) purposeClaim(si, v int) *claim {
	s := d.sents[si]
	for k := v + 1; k+1 < s.t1 && k < v+12; k++ {
		if d.toks[k].lower == "to" {
			w := d.toks[k+1].lower
			if w == "encourage" || w == "urge" || w == "warn" || w == "call" || w == "press" || w == "push" || w == "appeal" || w == "demand" || w == "promote" || w == "rally" || w == "reassure" || w == "defend" || w == "announce" {
				sp := d.subjectBefore(v, s.t0)
				if sp == nil || sp.typ != TypePerson && sp.typ != TypeOrg {
					return nil
				}
				return d.addClaim(&claim{speaker: sp, t0: k, t1: d.clauseCut(k, s.t1), sent: si, rule: "to-infinitive", conf: 0.6})
			}
		}
		if isFinite(d.toks[k]) {
			return nil
		}
	}
	return nil
}

// toClaim reads "X vowed to C", "X urged Y to C".
func (d *docState) toClaim(si, v int, sp *entity) []*claim {
	s := d.sents[si]
	i := d.skipAdjuncts(v+1, s.t1)
	if i >= s.t1 {
		return nil
	}
	start := i
	objectFirst := d.toks[v].lower == "urged" || d.toks[v].lower == "urges" || d.toks[v].lower == "encouraged"
	if d.toks[i].lower == "to" && (i+1 >= s.t1 || !strings.HasPrefix(d.toks[i+1].tag, "VB")) {
		return nil
	}
	if d.toks[i].lower != "to" {
		// an object first: "urged European nations to …"
		j := d.npRight(i, s.t1)
		if !objectFirst || j == i || j >= s.t1 || d.toks[j].lower != "to" || j+1 >= s.t1 || !strings.HasPrefix(d.toks[j+1].tag, "VB") {
			if c := d.leftClaim(si, v, sp); c != nil {
				return []*claim{c}
			}
			return nil
		}
	}
	c := d.addClaim(&claim{speaker: sp, t0: start, t1: d.clauseCut(start, s.t1), sent: si, rule: "to-infinitive", conf: 0.75})
	if c == nil {
		return nil
	}
	return []*claim{c}
}

// asClaim reads "X described Y as Z", "what X described as Z", "X called
// the attacks an act of war", "X condemned Y as Z".
func (d *docState) asClaim(si, v int, sp *entity) []*claim {
	s := d.sents[si]
	i := v + 1
	if i >= s.t1 {
		return nil
	}
	w := d.toks[v].lower
	if d.toks[i].lower == "as" {
		// "what he described as an effort …"
		c := d.addClaim(&claim{speaker: sp, t0: i + 1, t1: d.clauseCut(i+1, s.t1), sent: si, rule: "described-as", conf: 0.7})
		if c == nil {
			return nil
		}
		return []*claim{c}
	}
	if (w == "called" || w == "calls") && (d.toks[i].lower == "for" || d.toks[i].lower == "on") {
		c := d.addClaim(&claim{speaker: sp, t0: i + 1, t1: d.clauseCut(i+1, s.t1), sent: si, rule: "called-for", conf: 0.7})
		if c == nil {
			return nil
		}
		return []*claim{c}
	}
	// Y as Z, or Y Z (called)
	j := d.npRight(i, s.t1)
	if j == i && d.toks[i].tag == "PRP" {
		j = i + 1 // "described him as …"
	}
	if j <= i || j >= s.t1 {
		return nil
	}
	nj := j
	if d.toks[nj].qmark != 0 && nj+1 < s.t1 {
		nj++
	}
	if w == "called" || w == "calls" || w == "branded" || w == "labelled" || w == "labeled" {
		// "called the attack an act of terrorism": a second determiner
		// starts the second noun phrase
		for k := i + 2; k < j; k++ {
			if x := d.toks[k].lower; x == "a" || x == "an" || x == "the" {
				nj, j = k, k
				break
			}
		}
	}
	if d.toks[j].lower == "as" || (w == "called" || w == "calls" || w == "branded" || w == "labelled" || w == "labeled") && (d.toks[nj].lower == "an" || d.toks[nj].lower == "a" || d.toks[nj].lower == "the") {
		c := d.addClaim(&claim{speaker: sp, t0: i, t1: d.clauseCut(j, s.t1), sent: si, rule: "described-as", conf: 0.7})
		if c == nil {
			return nil
		}
		return []*claim{c}
	}
	// "condemned the attack" alone states a stance
	if w == "condemned" || w == "condemns" || w == "denounced" {
		c := d.addClaim(&claim{speaker: sp, t0: i, t1: d.clauseCut(i, s.t1), sent: si, rule: "condemned", conf: 0.6})
		if c == nil {
			return nil
		}
		return []*claim{c}
	}
	return nil
}

// reportInAdjunct notes the report a speaker speaks in: "Europol said in
// its annual terrorism report that …", "warned in a report published on
// Thursday". The report is the speaker's, so "according to the report"
// later refers to it.
func (d *docState) reportInAdjunct(si, v int, sp *entity) {
	if sp == nil || sp.typ != TypeOrg {
		return
	}
	s := d.sents[si]
	for k := v + 1; k+1 < s.t1; k++ {
		t := d.toks[k]
		if t.qmark != 0 {
			return
		}
		if t.lower != "in" {
			continue
		}
		if n := d.toks[k+1].lower; n != "a" && n != "an" && n != "its" && n != "their" && n != "the" && n != "his" && n != "her" {
			continue
		}
		for h := k + 1; h < s.t1 && h < k+6; h++ {
			cls := docNouns[d.toks[h].lower]
			if cls == "" {
				if !d.npTok(h) {
					break
				}
				continue
			}
			e := d.docEntity(k+1, h+1, h, cls)
			if e.pub == nil {
				e.pub = sp
				e.pubSent = si
			}
			return
		}
	}
}

// recentN bounds how far back claim lookups go: they concern the current
// sentence and its neighbours, and a long document must stay linear.
const recentN = 48

// recentClaims returns the last claims recorded.
func (d *docState) recentClaims() []*claim {
	if len(d.claims) > recentN {
		return d.claims[len(d.claims)-recentN:]
	}
	return d.claims
}
