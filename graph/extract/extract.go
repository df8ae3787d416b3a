package extract

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Extractor turns article text into triples. It holds the alias table and
// the NLP models; build it once with New and share it: Extract is safe for
// concurrent use.
type Extractor struct {
	exact map[string]Alias // surface form -> alias row, exact case
	fold  map[string]Alias // lower-cased multiword surface form -> alias row
	// attacks lists the alias table's attacks, to name an attack that an
	// article words loosely ("the Paris attack") after the one listed event
	// in its city.
	attacks []Alias
	m       *models
}

// Merge records that a surface form was resolved to a canonical entity, so
// that a user interface can show each merge and undo it.
type Merge struct {
	Doc       string `json:"doc"`
	Surface   string `json:"surface"`
	Canonical string `json:"canonical"`
	Type      string `json:"type"`
	IRI       string `json:"iri"`
	Rule      string `json:"rule"` // alias-table, builtin-alias, surname, honorific+surname, pronoun, description, ...
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Claim is one attributed statement.
type Claim struct {
	Name       string  `json:"name"` // short name, the object of "stated"
	IRI        string  `json:"iri"`
	Text       string  `json:"text"` // the words
	Quote      bool    `json:"quote"`
	Speaker    string  `json:"speaker"`
	SpeakerIRI string  `json:"speaker_iri"`
	ReportedBy string  `json:"reported_by,omitempty"`
	Doc        string  `json:"doc"`
	Start      int     `json:"start"` // offsets of Text in the document
	End        int     `json:"end"`
	Rule       string  `json:"rule"`
	Confidence float64 `json:"confidence"`
}

// Result is what Extract finds in one document.
type Result struct {
	Doc     string   `json:"doc"`
	Triples []Triple `json:"triples"`
	Claims  []Claim  `json:"claims"`
	Merges  []Merge  `json:"merges"`
	// Err is set when the document could not be read (never for bad text;
	// only if the NLP models failed to load).
	Err error `json:"-"`
}

// Doc is one input document for ExtractAll.
type Doc struct {
	ID   string
	Text []byte
	// Published, when set, anchors the article's worded dates ("on
	// Monday", "last November") to the calendar: see Anchor.
	Published time.Time
}

// New returns an Extractor that resolves names through aliases (rows of an
// alias table such as seeds/aliases.tsv; nil for none) on top of the
// built-in lists. Alias forms that hold no capitalised word ("the official",
// "the bombings") describe rather than name, and are ignored: applied to
// other articles they would merge unrelated things.
func New(aliases []Alias) *Extractor {
	x := &Extractor{exact: map[string]Alias{}, fold: map[string]Alias{}, m: loadModels()}
	for _, a := range aliases {
		if a.Name == "" || !IsEntityType(a.Type) {
			continue
		}
		if a.Type == TypeAttack {
			x.attacks = append(x.attacks, a)
		}
		for _, f := range append([]string{a.Name}, a.Forms...) {
			f = strings.Join(strings.Fields(f), " ")
			if !namelike(f) {
				continue
			}
			if _, ok := x.exact[f]; !ok {
				x.exact[f] = a
			}
			if strings.Contains(f, " ") {
				k := strings.ToLower(f)
				if _, ok := x.fold[k]; !ok {
					x.fold[k] = a
				}
			}
		}
	}
	return x
}

// namelike reports whether an alias form names something: it holds a
// capitalised word or a digit after any leading determiner.
func namelike(f string) bool {
	words := strings.Fields(f)
	for i, w := range words {
		if i == 0 && functionWords[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func (x *Extractor) lookupAlias(s string, fold bool) (Alias, bool) {
	if x == nil {
		return Alias{}, false
	}
	if a, ok := x.exact[s]; ok {
		return a, true
	}
	if fold {
		if a, ok := x.fold[strings.ToLower(s)]; ok {
			return a, true
		}
	}
	return Alias{}, false
}

// Extract reads one document. doc names it in every triple (e.g. the file's
// base name). It never panics: on an internal fault it returns an empty
// result with Err set.
func (x *Extractor) Extract(doc string, text []byte) (res Result) {
	res.Doc = doc
	defer func() {
		if r := recover(); r != nil {
			res = Result{Doc: doc, Err: fmt.Errorf("extract %s: internal error: %v", doc, r)}
		}
	}()
	return x.extract(doc, string(text))
}

// ExtractAll reads documents in parallel, GOMAXPROCS at a time, and returns
// their results in input order. It stops early when ctx is cancelled and
// returns ctx's error.
func (x *Extractor) ExtractAll(ctx context.Context, docs []Doc) ([]Result, error) {
	out := make([]Result, len(docs))
	workers := runtime.GOMAXPROCS(0)
	if workers > len(docs) {
		workers = len(docs)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] = x.Extract(docs[i].ID, docs[i].Text)
				Anchor(&out[i], docs[i].Published)
			}
		}()
	}
	var err error
feed:
	for i := range docs {
		select {
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		case jobs <- i:
		}
	}
	close(jobs)
	wg.Wait()
	if err != nil {
		return out, fmt.Errorf("extract: %w", err)
	}
	return out, nil
}

// docState is the working state for one document.
type docState struct {
	x         *Extractor
	id        string
	docID     string // id without ".txt", used in anonymous names
	text      string
	toks      []tok
	sents     []sentence
	quotes    []quoteSpan
	ments     []*mention
	mentAt    []int
	ents      []*entity
	byName    map[string]*entity
	lowerSeen map[string]bool
	facts     []*fact
	claims    []*claim
	merges    []Merge
	attacks   []*attack
	anon      map[string][]*entity
	anonAt    map[int]*entity
	// quote attribution, per quote span
	qSpeaker   []*entity
	qOutlet    []*entity
	qRule      []string
	qAttr      []int
	docs       []*entity // reports, statements, documents
	mergeEnts  []*entity
	nerDone    []bool    // sentences prose's entity model has labelled // the entity of each merge, named at the end
	attackEnts []*attack // one per attack event
	// speakers in order of their statements, for coreference
	lastSpeaker []*speakerRef
	pendingOrg  []pendingOrg
}

type speakerRef struct {
	ent    *entity
	sent   int
	t0, t1 int // the claim's tokens
}

// fact is a relation between entities (or an entity and a literal) found in
// the text, before names are final.
type fact struct {
	subj  *entity
	pred  string
	obj   *entity
	lit   string
	sent  int // evidence: sentence index
	sent2 int // last sentence of the evidence, when it spans several
	rule  string
	conf  float64
	claim *claim
	qual  string
}

func (x *Extractor) extract(doc, text string) Result {
	res := Result{Doc: doc}
	if x.m == nil || x.m.err != nil {
		err := errors.New("extract: models unavailable")
		if x.m != nil {
			err = fmt.Errorf("extract: load models: %w", x.m.err)
		}
		res.Err = err
		return res
	}
	d := &docState{x: x, id: doc, docID: strings.TrimSuffix(doc, ".txt"), text: text,
		byName: map[string]*entity{}, lowerSeen: map[string]bool{}, anon: map[string][]*entity{}, anonAt: map[int]*entity{}}
	d.toks, d.sents = analyse(x.m, text)
	if len(d.toks) == 0 || len(d.sents) == 0 {
		return res
	}
	for _, t := range d.toks {
		if isLowerStart(t.text) {
			d.lowerSeen[t.lower] = true
		}
	}
	d.quotes = findQuotes(d.toks, d.sents)
	d.findMentions()
	d.resolveNames()
	d.roles()
	d.orgRelations()
	d.attribution()
	d.resolvePossessiveOrgs()
	d.findAttacks()
	d.operatesIn()
	return d.emit()
}

// merge records that surface was resolved to e.
func (d *docState) merge(surface string, e *entity, rule string, tokIdx int) {
	start, end := 0, 0
	if tokIdx >= 0 && tokIdx < len(d.toks) {
		start = d.toks[tokIdx].start
		end = start + len(surface)
		if end > len(d.text) || d.text[start:end] != surface {
			end = d.toks[tokIdx].end
			surface = d.text[start:end]
		}
	}
	d.merges = append(d.merges, Merge{Doc: d.id, Surface: surface, Rule: rule, Start: start, End: end, Canonical: "", Type: "", IRI: ""})
	d.mergeEnts = append(d.mergeEnts, e)
}

func (d *docState) addFact(f *fact) {
	if f == nil || f.subj == nil || (f.obj == nil && f.lit == "") || f.subj == f.obj {
		return
	}
	if f.sent2 < f.sent {
		f.sent2 = f.sent
	}
	d.facts = append(d.facts, f)
}

// evidence returns the byte span of sentences [s1, s2].
func (d *docState) evidence(s1, s2 int) (int, int) {
	if s1 < 0 || s1 >= len(d.sents) {
		return 0, 0
	}
	if s2 < s1 || s2 >= len(d.sents) {
		s2 = s1
	}
	return d.sents[s1].start, d.sents[s2].end
}

// emit finalises names and turns facts into triples.
func (d *docState) emit() Result {
	res := Result{Doc: d.id}
	for _, e := range d.ents {
		d.finalName(e)
	}
	for _, e := range d.docs {
		d.finalName(e)
	}
	d.nameAttacks()
	for _, e := range d.docs {
		if e.pub != nil {
			d.facts = append(d.facts, &fact{subj: e, pred: PredPublishedBy, obj: e.pub, sent: e.pubSent, sent2: e.pubSent, rule: "document-by", conf: 0.75})
		}
	}
	for i := range d.merges {
		e := d.mergeEnts[i]
		if e == nil {
			continue
		}
		m := d.merges[i]
		m.Canonical = e.name
		m.Type = e.typ
		m.IRI = IRI(e.typ, e.name)
		if m.Canonical != "" && m.Surface != m.Canonical && e.typ != "" {
			res.Merges = append(res.Merges, m)
		}
	}
	res.Merges = dedupeMerges(res.Merges)
	type key struct{ s, p, o string }
	best := map[key]int{}
	add := func(t Triple) {
		if t.Subject == "" || t.Object == "" || t.Start < 0 || t.End > len(d.text) || t.Start > t.End {
			return
		}
		t.Evidence = d.text[t.Start:t.End]
		k := key{t.SubjectIRI, t.Predicate, t.ObjectIRI + "|" + t.Object}
		if i, ok := best[k]; ok {
			if t.Confidence > res.Triples[i].Confidence {
				res.Triples[i] = t
			}
			return
		}
		best[k] = len(res.Triples)
		res.Triples = append(res.Triples, t)
	}
	for _, f := range d.facts {
		if f.subj.typ == "" || f.subj.name == "" {
			continue
		}
		if f.obj != nil && (f.obj.typ == "" || f.obj.name == "") {
			continue
		}
		s, e := d.evidence(f.sent, f.sent2)
		t := Triple{Doc: d.id, Subject: f.subj.name, SubjectIRI: IRI(f.subj.typ, f.subj.name), Predicate: f.pred,
			Start: s, End: e, Rule: f.rule, Confidence: clamp01(f.conf), Qualifier: f.qual}
		if f.obj != nil {
			t.Object = f.obj.name
			t.ObjectIRI = IRI(f.obj.typ, f.obj.name)
		} else {
			t.Object = f.lit
		}
		if f.claim != nil {
			c := f.claim
			t.ClaimText = c.text
			t.Quote = c.quote
		}
		add(t)
	}
	// claims: stated, text, reported_by, about
	for _, c := range d.claims {
		if c.speaker == nil || c.speaker.typ == "" || c.speaker.name == "" || strings.TrimSpace(c.text) == "" {
			continue
		}
		s, e := d.evidence(c.sent, c.sent2)
		name := claimName(c.text)
		if name == "" {
			continue
		}
		ciri := IRI(TypeClaim, name)
		base := Triple{Doc: d.id, Start: s, End: e, Rule: c.rule, Confidence: clamp01(c.conf)}
		st := base
		st.Subject, st.SubjectIRI, st.Predicate, st.Object, st.ObjectIRI = c.speaker.name, IRI(c.speaker.typ, c.speaker.name), PredStated, name, ciri
		st.ClaimText, st.Quote = c.text, c.quote
		add(st)
		tx := base
		tx.Subject, tx.SubjectIRI, tx.Predicate, tx.Object = name, ciri, PredText, c.text
		tx.Quote = c.quote
		add(tx)
		cl := Claim{Name: name, IRI: ciri, Text: c.text, Quote: c.quote, Speaker: c.speaker.name,
			SpeakerIRI: IRI(c.speaker.typ, c.speaker.name), Doc: d.id, Start: c.start, End: c.end,
			Rule: c.rule, Confidence: clamp01(c.conf)}
		if c.outlet != nil && c.outlet.name != "" && c.outlet.typ != "" && c.outlet != c.speaker {
			rb := base
			rb.Subject, rb.SubjectIRI, rb.Predicate, rb.Object, rb.ObjectIRI = name, ciri, PredReportedBy, c.outlet.name, IRI(c.outlet.typ, c.outlet.name)
			rb.Rule = c.outletRule
			rb.Confidence = clamp01(c.conf * 0.95)
			add(rb)
			cl.ReportedBy = c.outlet.name
		}
		seen := map[*entity]bool{c.speaker: true}
		for _, m := range d.ments[d.firstMentionFrom(c.t0):] {
			if m.t0 >= c.t1 {
				break
			}
			if m.ent == nil || m.ent.typ == "" || m.ent.name == "" || m.adj || seen[m.ent] {
				continue
			}
			if m.t0 >= c.t0 && m.t1 <= c.t1 {
				seen[m.ent] = true
				ab := base
				ab.Subject, ab.SubjectIRI, ab.Predicate, ab.Object, ab.ObjectIRI = name, ciri, PredAbout, m.ent.name, IRI(m.ent.typ, m.ent.name)
				ab.Rule = "about-mention"
				ab.Confidence = clamp01(c.conf * 0.8)
				add(ab)
			}
		}
		for _, a := range d.attacks {
			if a.ent != nil && a.ent.name != "" && !seen[a.ent] && a.tok >= c.t0 && a.tok < c.t1 {
				seen[a.ent] = true
				ab := base
				ab.Subject, ab.SubjectIRI, ab.Predicate, ab.Object, ab.ObjectIRI = name, ciri, PredAbout, a.ent.name, IRI(TypeAttack, a.ent.name)
				ab.Rule = "about-attack"
				ab.Confidence = clamp01(c.conf * 0.8)
				add(ab)
			}
		}
		res.Claims = append(res.Claims, cl)
	}
	return res
}

func dedupeMerges(ms []Merge) []Merge {
	seen := map[string]bool{}
	out := ms[:0]
	for _, m := range ms {
		k := m.Surface + "\x00" + m.IRI + "\x00" + m.Rule
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func clamp01(f float64) float64 {
	if f < 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return f
}

// claimName makes a claim's short name: its first words, cleaned.
func claimName(text string) string {
	var words []string
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, "\"“”‘’'[]()…—–-:;,")
		if w == "" {
			continue
		}
		words = append(words, w)
		if len(words) == 20 {
			break
		}
	}
	return strings.Join(words, " ")
}
