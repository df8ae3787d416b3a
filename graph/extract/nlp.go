package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/ner"
	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/token"
	"github.com/jdkato/prose/v3/tokenize"
)

// models holds prose's tokenizer, segmenter, tagger and entity model. prose
// shares its models per process; we build the wrappers once too.
type models struct {
	tok *tokenize.Tokenizer
	seg *segment.Segmenter
	tag *tag.Tagger
	ner *ner.Extracter
	err error
}

var loadModels = sync.OnceValue(func() *models {
	m := &models{tok: tokenize.New()}
	if m.seg, m.err = segment.New(); m.err != nil {
		return m
	}
	if m.tag, m.err = tag.New(); m.err != nil {
		return m
	}
	m.ner, m.err = ner.New()
	return m
})

// tok is one token of a document.
type tok struct {
	text  string
	lower string
	tag   string // Penn Treebank part of speech (prose)
	ner   string // prose's IOB entity label, a hint only
	start int
	end   int
	sent  int // sentence index
	quote int // index of the quote span the token is inside, -1 if none
	qmark int // +1 opening quotation mark, -1 closing, 0 other
}

// sentence is a span of the document with its token range [t0, t1).
type sentence struct {
	start, end int
	t0, t1     int
	para       int
	skip       bool // headline, byline or hashtag line: no relations read from it
}

// quoteSpan is one quotation: tokens strictly between its marks.
type quoteSpan struct {
	open, close int // token indexes of the marks; close may be -1 (unclosed)
	t0, t1      int // content tokens [t0, t1)
	para        int
	cont        int // index of the span this one continues (multi-paragraph quote), or -1
	speech      bool
}

// analyse runs prose over text and fixes its known faults: tokens glued to
// dashes and ellipses, sentences glued across line breaks or after a final
// abbreviation ("the U.K. An official said").
func analyse(m *models, text string) ([]tok, []sentence) {
	raw := m.tok.Tokenize(text)
	raw = splitGlued(raw)
	if m.tag != nil && len(raw) > 0 {
		m.tag.TagTokens(raw)
	}
	toks := make([]tok, 0, len(raw))
	for _, r := range raw {
		if r.Start < 0 || r.End() > len(text) || r.Text == "" {
			continue
		}
		t := tok{text: r.Text, lower: strings.ToLower(r.Text), tag: r.Tag, ner: r.Label, start: r.Start, end: r.End(), quote: -1}
		switch r.Text {
		case "“":
			t.qmark = 1
		case "”":
			t.qmark = -1
		case `"`:
			t.qmark = 2 // decided later
		}
		toks = append(toks, t)
	}
	var spans [][2]int
	if m.seg != nil {
		for _, s := range m.seg.Segment(text) {
			spans = append(spans, [2]int{s.Start, s.End()})
		}
	} else {
		spans = [][2]int{{0, len(text)}}
	}
	spans = splitLines(text, spans)
	sents := assignSentences(text, toks, spans)
	sents = splitAfterAbbrev(text, toks, sents)
	sents = capSentences(toks, sents)
	markParagraphs(text, sents)
	// the dateline opens the first paragraph of running text, which
	// follows the headline and byline when the text keeps them: lines
	// that end with no full stop
	for i := range sents {
		if sents[i].para > 3 || i > 0 && sents[i].para == sents[i-1].para {
			continue
		}
		if stripDateline(toks, &sents[i]) || !headlineLike(text, sents[i]) {
			break
		}
	}
	return toks, sents
}

// headlineLike: a one-sentence line with no final punctuation (a headline,
// a byline, a kicker).
func headlineLike(text string, s sentence) bool {
	t := strings.TrimSpace(text[s.start:s.end])
	if t == "" || s.end < len(text) && text[s.end] != '\n' && text[s.end] != '\r' {
		return false
	}
	switch t[len(t)-1] {
	case '.', '"', '!', '?', ':':
		return false
	}
	return !strings.HasSuffix(t, "”")
}

// stripDateline drops a wire-service dateline from the first sentence:
// "MARSEILLE, France (Reuters) - ", "BERLIN — ". It reports whether it
// dropped one.
func stripDateline(toks []tok, s *sentence) bool {
	i := s.t0
	caps := 0
	for i < s.t1 && i < s.t0+12 {
		t := toks[i].text
		switch {
		case t == "-" || t == "—" || t == "–" || t == "--":
			if caps > 0 && i+1 < s.t1 {
				s.t0 = i + 1
				s.start = toks[i+1].start
				return true
			}
			return false
		case isAcronym(strings.ReplaceAll(t, ".", "")) && len(t) > 1 || t == "," || t == "(" || t == ")" || isUpperStart(t) && i > s.t0 && caps > 0:
			if isAcronym(t) {
				caps++
			}
		default:
			return false
		}
		i++
	}
	return false
}

// splitGlued splits prose tokens at em/en dashes, ellipses and stray quote
// marks glued inside a token ("attack—4,000", "people…").
func splitGlued(in []token.Token) []token.Token {
	out := make([]token.Token, 0, len(in)+8)
	for _, t := range in {
		s := t.Text
		base := t.Start
		cut := func(i, n int) {
			if i > 0 {
				out = append(out, token.Token{Text: s[:i], Start: base})
			}
			out = append(out, token.Token{Text: s[i : i+n], Start: base + i})
			s = s[i+n:]
			base += i + n
		}
		for s != "" {
			i, n := indexGlue(s)
			if i < 0 || (i == 0 && n == len(s)) {
				break
			}
			cut(i, n)
		}
		if s != "" {
			out = append(out, token.Token{Text: s, Start: base})
		}
	}
	return out
}

func indexGlue(s string) (int, int) {
	best, n := -1, 0
	for _, sep := range []string{"—", "–", "…", "“", "”", "..."} {
		if i := strings.Index(s, sep); i >= 0 && (best < 0 || i < best) {
			best, n = i, len(sep)
		}
	}
	return best, n
}

// splitLines cuts sentence spans at line breaks: a news paragraph, a
// headline or a byline never shares a sentence with the next line.
func splitLines(text string, spans [][2]int) [][2]int {
	var out [][2]int
	for _, sp := range spans {
		s, e := sp[0], sp[1]
		if s < 0 || e > len(text) || s >= e {
			continue
		}
		for s < e {
			i := strings.IndexByte(text[s:e], '\n')
			if i < 0 {
				out = append(out, trimSpan(text, s, e))
				break
			}
			out = append(out, trimSpan(text, s, s+i))
			s += i + 1
		}
	}
	res := out[:0]
	for _, sp := range out {
		if sp[0] < sp[1] {
			res = append(res, sp)
		}
	}
	return res
}

func trimSpan(text string, s, e int) [2]int {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return [2]int{s, e}
}

// assignSentences maps tokens to sentence spans. A token belongs to the span
// that contains its start; spans that hold no token are dropped.
func assignSentences(text string, toks []tok, spans [][2]int) []sentence {
	var out []sentence
	ti := 0
	for _, sp := range spans {
		for ti < len(toks) && toks[ti].start < sp[0] {
			// a token before this span (between spans): attach to previous
			if len(out) > 0 {
				toks[ti].sent = len(out) - 1
				out[len(out)-1].t1 = ti + 1
				if toks[ti].end > out[len(out)-1].end {
					out[len(out)-1].end = toks[ti].end
				}
			}
			ti++
		}
		s := sentence{start: sp[0], end: sp[1], t0: ti}
		for ti < len(toks) && toks[ti].start < sp[1] {
			if toks[ti].end > s.end {
				s.end = toks[ti].end
			}
			toks[ti].sent = len(out)
			ti++
		}
		s.t1 = ti
		if s.t1 > s.t0 {
			out = append(out, s)
		}
	}
	for ; ti < len(toks); ti++ {
		if len(out) == 0 {
			out = append(out, sentence{start: toks[ti].start, end: toks[ti].end, t0: ti})
		}
		toks[ti].sent = len(out) - 1
		out[len(out)-1].t1 = ti + 1
		if toks[ti].end > out[len(out)-1].end {
			out[len(out)-1].end = toks[ti].end
		}
	}
	return out
}

// sentenceStarters are words that, capitalised after an abbreviation that
// ends in a period, begin a new sentence ("the U.K. An official said").
var sentenceStarters = setOf("The", "A", "An", "He", "She", "It", "They", "We", "I", "In", "But", "And",
	"This", "That", "These", "Those", "Its", "His", "Her", "Their", "Our", "On", "At", "As", "After",
	"Before", "When", "While", "Meanwhile", "According", "However", "Police", "Officials", "There")

// splitAfterAbbrev splits a sentence after a dotted abbreviation ("U.K.")
// followed by a capitalised sentence starter.
func splitAfterAbbrev(text string, toks []tok, sents []sentence) []sentence {
	var out []sentence
	for _, s := range sents {
		cur := s
		for i := s.t0 + 1; i < s.t1-1; i++ {
			t := toks[i]
			if !strings.HasSuffix(t.text, ".") || len(t.text) < 3 || strings.Count(t.text, ".") < 2 {
				continue
			}
			if !sentenceStarters[toks[i+1].text] {
				continue
			}
			a := cur
			a.t1 = i + 1
			a.end = t.end
			out = append(out, a)
			cur.t0 = i + 1
			cur.start = toks[i+1].start
		}
		out = append(out, cur)
	}
	for si := range out {
		for ti := out[si].t0; ti < out[si].t1 && ti < len(toks); ti++ {
			toks[ti].sent = si
		}
	}
	return out
}

// maxSentence bounds a sentence's length in tokens. Longer runs (text with
// no full stops) are cut at a comma or a semicolon, so that rules that look
// along a sentence stay linear in the document's length.
const maxSentence = 120

func capSentences(toks []tok, sents []sentence) []sentence {
	long := false
	for _, s := range sents {
		if s.t1-s.t0 > maxSentence {
			long = true
			break
		}
	}
	if !long {
		return sents
	}
	var out []sentence
	for _, s := range sents {
		for s.t1-s.t0 > maxSentence {
			cut := s.t0 + maxSentence
			for k := cut - 1; k > s.t0+maxSentence/2; k-- {
				if toks[k].text == "," || toks[k].text == ";" || toks[k].text == ":" {
					cut = k + 1
					break
				}
			}
			a := s
			a.t1 = cut
			a.end = toks[cut-1].end
			out = append(out, a)
			s.t0 = cut
			s.start = toks[cut].start
		}
		out = append(out, s)
	}
	for si := range out {
		for ti := out[si].t0; ti < out[si].t1 && ti < len(toks); ti++ {
			toks[ti].sent = si
		}
	}
	return out
}

// markParagraphs numbers paragraphs (a line break starts one) and flags
// lines that are not running text: headlines, bylines, hashtag lists.
func markParagraphs(text string, sents []sentence) {
	para := 0
	for i := range sents {
		if i > 0 && strings.Contains(text[sents[i-1].end:sents[i].start], "\n") {
			para++
		}
		sents[i].para = para
	}
	// judge each paragraph as a whole
	for i := 0; i < len(sents); {
		j := i
		for j < len(sents) && sents[j].para == sents[i].para {
			j++
		}
		ptext := text[sents[i].start:sents[j-1].end]
		if notRunningText(ptext) {
			for k := i; k < j; k++ {
				sents[k].skip = true
			}
		}
		i = j
	}
}

// notRunningText reports whether a paragraph is a headline, a byline or a
// hashtag list rather than a sentence of the article.
func notRunningText(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" {
		return true
	}
	words := strings.Fields(p)
	hash := 0
	for _, w := range words {
		if strings.HasPrefix(w, "#") {
			hash++
		}
	}
	if hash*2 >= len(words) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	if strings.ContainsRune(".!?\"”’'", last) {
		return false
	}
	if last == ':' && len(words) <= 8 {
		return true
	}
	caps, alpha := 0, 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "\"“‘'("))
		if !unicode.IsLetter(r) {
			continue
		}
		alpha++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return alpha >= 3 && caps*5 >= alpha*3
}

// findQuotes pairs quotation marks into spans, paragraph by paragraph.
// A paragraph that opens a quote and never closes it continues into the next
// paragraph when that one opens with a quotation mark (news convention for
// quotes running over several paragraphs).
func findQuotes(toks []tok, sents []sentence) []quoteSpan {
	var spans []quoteSpan
	open, curPara, paraEnd := -1, -1, -1
	flush := func() {
		if open >= 0 {
			spans = append(spans, quoteSpan{open: open, close: -1, t0: open + 1, t1: paraEnd, para: curPara, cont: -1})
			open = -1
		}
	}
	for _, s := range sents {
		if s.para != curPara {
			flush()
			curPara = s.para
		}
		for i := s.t0; i < s.t1 && i < len(toks); i++ {
			q := toks[i].qmark
			if q == 2 {
				q = 1
				if open >= 0 {
					q = -1
				}
			}
			switch q {
			case 1:
				open = i
			case -1:
				if open >= 0 {
					spans = append(spans, quoteSpan{open: open, close: i, t0: open + 1, t1: i, para: curPara, cont: -1})
					open = -1
				}
			}
		}
		paraEnd = s.t1
	}
	flush()
	for i := 1; i < len(spans); i++ {
		p, c := spans[i-1], spans[i]
		if p.close >= 0 || c.para != p.para+1 || c.open < 0 || c.open >= len(toks) {
			continue
		}
		si := toks[c.open].sent
		if si >= 0 && si < len(sents) && sents[si].t0 == c.open && isParaStart(sents, si) {
			spans[i].cont = i - 1
		}
	}
	for i, sp := range spans {
		for k := sp.t0; k < sp.t1 && k < len(toks); k++ {
			if k >= 0 {
				toks[k].quote = i
			}
		}
	}
	return spans
}

func isParaStart(sents []sentence, si int) bool {
	return si == 0 || sents[si-1].para != sents[si].para
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
