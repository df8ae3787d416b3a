package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"golang.org/x/text/unicode/norm"
)

// Search limits.
const (
	DefaultSearchLimit = 10
	MaxSearchLimit     = 50
	maxQueryRunes      = 200
)

// SearchHit is one node found by Search.
type SearchHit struct {
	NodeRef
	Matched string  `json:"matched"` // the name or alias that matched
	Alias   bool    `json:"alias"`   // Matched is an alias, not the node's name
	Score   float64 `json:"score"`   // higher is better
}

// searchEntry is one name or alias of one node, folded.
type searchEntry struct {
	node  int    // index into searchIndex.nodes
	text  string // the name or alias as written
	key   string // folded: words joined by one space
	words []string
	alias bool
}

// searchIndex holds every name and alias of every node, folded; it lives in
// memory and is rebuilt after a write (see exploreCache).
type searchIndex struct {
	nodes   []NodeRef
	listed  []bool // by node: it has aliases (an alias table names it)
	entries []searchEntry
	// vocab is every distinct folded word, sorted; post[i] lists the
	// entries that hold vocab[i]. A query is matched against the words
	// first, so that only the entries holding a matching word are scored.
	vocab []string
	post  [][]int32
	// byFirst and bySecond list the vocabulary's words by their first and
	// second byte: the only words the typo pass can match (typoWord).
	byFirst, bySecond [256][]int32
	// grams maps every substring of one to three bytes of a vocabulary
	// word to the words that hold it: the words containing a query word of
	// up to three letters are grams[qw]; for a longer one, its rarest
	// three-letter substring narrows them down.
	grams map[string][]int32
	// linear makes candidates return every entry: the scan the index
	// replaces, kept for the test that compares the two.
	linear bool
}

// index builds vocab and post from the entries.
func (ix *searchIndex) index() {
	byWord := map[string][]int32{}
	for i, e := range ix.entries {
		for j, w := range e.words {
			dup := false
			for _, v := range e.words[:j] {
				if v == w {
					dup = true
					break
				}
			}
			if !dup {
				byWord[w] = append(byWord[w], int32(i))
			}
		}
	}
	ix.vocab = make([]string, 0, len(byWord))
	for w := range byWord {
		ix.vocab = append(ix.vocab, w)
	}
	sort.Strings(ix.vocab)
	ix.post = make([][]int32, len(ix.vocab))
	ix.grams = map[string][]int32{}
	seen := map[string]bool{}
	for i, w := range ix.vocab {
		clear(seen)
		for n := 1; n <= 3; n++ {
			for p := 0; p+n <= len(w); p++ {
				g := w[p : p+n]
				if !seen[g] {
					seen[g] = true
					ix.grams[g] = append(ix.grams[g], int32(i))
				}
			}
		}
		ix.post[i] = byWord[w]
		ix.byFirst[w[0]] = append(ix.byFirst[w[0]], int32(i))
		if len(w) > 1 {
			ix.bySecond[w[1]] = append(ix.bySecond[w[1]], int32(i))
		}
	}
}

// containing lists the vocabulary words that may contain qw (all of them
// do when qw has at most three bytes).
func (ix *searchIndex) containing(qw string) []int32 {
	if len(qw) <= 3 {
		return ix.grams[qw]
	}
	var best []int32
	for p := 0; p+3 <= len(qw); p++ {
		list, ok := ix.grams[qw[p:p+3]]
		if !ok {
			return nil
		}
		if best == nil || len(list) < len(best) {
			best = list
		}
	}
	return best
}

// typoCandidates lists the vocabulary words that typoWord(qw, ·) may
// accept: those starting with qw's first or second byte, or whose second
// byte is qw's first.
func (ix *searchIndex) typoCandidates(qw string) [][]int32 {
	lists := [][]int32{ix.byFirst[qw[0]], ix.bySecond[qw[0]]}
	if len(qw) > 1 && qw[1] != qw[0] {
		lists = append(lists, ix.byFirst[qw[1]])
	}
	return lists
}

// candidates returns the entries in which every query word matches some
// word (match decides), in index order.
func (ix *searchIndex) candidates(ctx context.Context, qwords []string, typos bool, match func(qw, w string) bool) ([]int32, error) {
	if ix.linear {
		all := make([]int32, len(ix.entries))
		for i := range all {
			all[i] = int32(i)
		}
		return all, nil
	}
	var cand map[int32]bool
	for k, qw := range qwords {
		next := map[int32]bool{}
		visit := func(i int) {
			if !match(qw, ix.vocab[i]) {
				return
			}
			for _, e := range ix.post[i] {
				if k == 0 || cand[e] {
					next[e] = true
				}
			}
		}
		if typos {
			// only the words sharing one of the first two letters; a
			// word in two lists is visited twice, which changes nothing
			for _, list := range ix.typoCandidates(qw) {
				for _, i := range list {
					visit(int(i))
				}
			}
		} else {
			for _, i := range ix.containing(qw) {
				visit(int(i))
			}
		}
		cand = next
		if len(cand) == 0 {
			break
		}
	}
	out := make([]int32, 0, len(cand))
	for e := range cand {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

// typoWord reports whether word w can match query word qw within its typo
// budget: the test typoScore makes, on one word.
func typoWord(qw, w string) bool {
	allowed := typoBudget(qw)
	if allowed == 0 {
		return strings.HasPrefix(w, qw)
	}
	if w[0] != qw[0] && (len(w) < 2 || w[1] != qw[0]) && (len(qw) < 2 || qw[1] != w[0]) {
		return false
	}
	return prefixDistance(qw, w, allowed) <= allowed
}

// fold lower-cases s, strips accents and splits it into words of letters
// and digits: "Al-Baghdādī's" → ["al", "baghdadi", "s"].
func fold(s string) []string {
	if isASCII(s) {
		return foldASCII(s)
	}
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "Europe’s" folds to "europes", so "europes" and "europe" both find it.
		default:
			flush()
		}
	}
	flush()
	return words
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// foldASCII is fold for ASCII text, without Unicode normalisation.
func foldASCII(s string) []string {
	var words []string
	var b []byte
	flush := func() {
		if len(b) > 0 {
			words = append(words, string(b))
			b = b[:0]
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		case c == '\'':
		default:
			flush()
		}
	}
	flush()
	return words
}

// buildSearchIndex reads every <name> and <alias> in the store. The caller
// holds s.mu.
func (s *Store) buildSearchIndex(ctx context.Context) (*searchIndex, error) {
	types := map[quad.Value]string{}
	typeQuads, err := s.quadsWith(ctx, quad.Predicate, PredType, nil)
	if err != nil {
		return nil, err
	}
	for _, q := range typeQuads {
		if _, ok := types[q.Subject]; !ok {
			types[q.Subject] = typeName(q.Object)
		}
	}
	ix := &searchIndex{}
	nodeIdx := map[quad.Value]int{}
	seen := map[struct {
		n int
		k string
	}]bool{}
	add := func(q quad.Quad, alias bool) {
		if !isNode(q.Subject) || types[q.Subject] == "evidence" {
			return
		}
		text := literalText(q.Object)
		words := fold(text)
		if len(words) == 0 {
			return
		}
		n, ok := nodeIdx[q.Subject]
		if !ok {
			ref := NodeRef{ID: nodeID(q.Subject), Type: types[q.Subject]}
			if !alias {
				ref.Label = text
			}
			fillRef(&ref, q.Subject)
			n = len(ix.nodes)
			ix.nodes = append(ix.nodes, ref)
			ix.listed = append(ix.listed, false)
			nodeIdx[q.Subject] = n
		}
		if alias {
			ix.listed[n] = true
		}
		key := strings.Join(words, " ")
		k := struct {
			n int
			k string
		}{n, key}
		if seen[k] {
			return
		}
		seen[k] = true
		ix.entries = append(ix.entries, searchEntry{node: n, text: text, key: key, words: words, alias: alias})
	}
	names, err := s.quadsWith(ctx, quad.Predicate, PredName, nil)
	if err != nil {
		return nil, err
	}
	for _, q := range names {
		add(q, false)
	}
	aliases, err := s.quadsWith(ctx, quad.Predicate, PredAlias, nil)
	if err != nil {
		return nil, err
	}
	for _, q := range aliases {
		add(q, true)
	}
	ix.index()
	return ix, nil
}

// Search finds nodes by name or alias: ranked, tolerant of case, accents and
// small typos ("clapr" finds James Clapper, "ISIL" finds the Islamic State).
// types, when not empty, keeps nodes of those types; limit ≤ 0 means 10.
//
// Ranking, best first: the whole name; a prefix of it; every word of the
// query starting a word of the name; the query inside the name; then names
// whose words start with the query's words give or take one or two typing
// errors. Aliases rank just below names, claims and articles below entities.
func (s *Store) Search(ctx context.Context, query string, types []string, limit int) ([]SearchHit, error) {
	if strings.TrimSpace(query) == "" {
		return nil, fmt.Errorf("%w: q: required", ErrInvalid)
	}
	if len([]rune(query)) > maxQueryRunes {
		return nil, fmt.Errorf("%w: q: at most %d characters", ErrInvalid, maxQueryRunes)
	}
	if limit == 0 {
		limit = DefaultSearchLimit
	}
	if limit < 1 || limit > MaxSearchLimit {
		return nil, fmt.Errorf("%w: limit: want 1 to %d, got %d", ErrInvalid, MaxSearchLimit, limit)
	}
	qwords := fold(query)
	if len(qwords) == 0 {
		return []SearchHit{}, nil
	}
	ix, err := s.cache.search.get(ctx, s, s.buildSearchIndex)
	if err != nil {
		return nil, err
	}
	return ix.search(ctx, qwords, types, limit)
}

func (ix *searchIndex) search(ctx context.Context, qwords []string, types []string, limit int) ([]SearchHit, error) {
	var typeSet map[string]bool
	if len(types) > 0 {
		typeSet = map[string]bool{}
		for _, t := range types {
			typeSet[t] = true
		}
	}
	qkey := strings.Join(qwords, " ")
	best := map[int]SearchHit{}
	// First the exact, prefix and substring matches; the typo-tolerant pass
	// (slower, and ranked below them) runs only if they are too few.
	if err := ix.scan(ctx, qkey, qwords, typeSet, false, best); err != nil {
		return nil, err
	}
	strong := 0
	for _, h := range best {
		if h.Score > 500 {
			strong++
		}
	}
	if strong < limit {
		if err := ix.scan(ctx, qkey, qwords, typeSet, true, best); err != nil {
			return nil, err
		}
	}
	hits := make([]SearchHit, 0, len(best))
	for _, h := range best {
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		if hits[i].Label != hits[j].Label {
			return hits[i].Label < hits[j].Label
		}
		return hits[i].ID < hits[j].ID
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// scan scores every entry (typos: only by the typo-tolerant rule) and keeps
// each node's best hit in best.
func (ix *searchIndex) scan(ctx context.Context, qkey string, qwords []string, typeSet map[string]bool, typos bool, best map[int]SearchHit) error {
	// Every non-typo match (whole name, prefix, word prefixes, substring)
	// holds each query word inside one of its words; every typo match
	// holds, for each query word, a word typoWord accepts.
	match := func(qw, w string) bool { return strings.Contains(w, qw) }
	if typos {
		match = typoWord
	}
	cands, err := ix.candidates(ctx, qwords, typos, match)
	if err != nil {
		return err
	}
	for n, i := range cands {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		e := &ix.entries[i]
		ref := ix.nodes[e.node]
		if typeSet != nil && !typeSet[ref.Type] {
			continue
		}
		var score float64
		if typos {
			score = typoScore(qwords, e)
		} else {
			score = matchScore(qkey, qwords, e)
		}
		if score <= 0 {
			continue
		}
		if e.alias {
			score -= 5
		}
		if ix.listed[e.node] {
			score += 10 // an entity a curator listed, over one only extraction named
		}
		switch ref.Type {
		case "claim":
			score -= 150
		case "doc":
			if strings.HasPrefix(ref.ID, "<doc/") && ref.Label == strings.TrimSuffix(strings.TrimPrefix(ref.ID, "<doc/"), ">") {
				score -= 100 // an article, named by its file
			}
		}
		// Shorter names first among equals.
		score -= float64(min(len(e.key)-len(qkey), 60)) / 20
		if old, ok := best[e.node]; ok && old.Score >= score {
			continue
		}
		best[e.node] = SearchHit{NodeRef: ref, Matched: e.text, Alias: e.alias, Score: score}
	}
	return nil
}

// matchScore rates how well the folded query matches one entry; 0 is no match.
func matchScore(qkey string, qwords []string, e *searchEntry) float64 {
	switch {
	case e.key == qkey:
		return 1000
	case strings.HasPrefix(e.key, qkey):
		return 900
	}
	if allWordsPrefix(qwords, e.words) {
		return 800
	}
	if strings.Contains(e.key, qkey) {
		return 600
	}
	return 0
}

// typoScore rates an entry every query word of which starts some word of
// the entry give or take a few edits; 0 is no match.
func typoScore(qwords []string, e *searchEntry) float64 {
	total := 0
	for _, qw := range qwords {
		allowed := typoBudget(qw)
		bestD := allowed + 1
		for _, w := range e.words {
			if allowed == 0 {
				if strings.HasPrefix(w, qw) {
					bestD = 0
					break
				}
				continue
			}
			// A typo rarely touches both of the first two letters: skip
			// words that share neither (this keeps the pass fast).
			if w[0] != qw[0] && (len(w) < 2 || w[1] != qw[0]) && (len(qw) < 2 || qw[1] != w[0]) {
				continue
			}
			if d := prefixDistance(qw, w, allowed); d < bestD {
				bestD = d
				if d == 0 {
					break
				}
			}
		}
		if bestD > allowed {
			return 0
		}
		total += bestD
	}
	return 500 - 100*float64(total)
}

// allWordsPrefix reports whether every query word starts a distinct word of
// the entry.
func allWordsPrefix(qwords, words []string) bool {
	if len(qwords) > len(words) {
		return false
	}
	used := make([]bool, len(words))
	for _, qw := range qwords {
		found := false
		for i, w := range words {
			if !used[i] && strings.HasPrefix(w, qw) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// typoBudget is how many edits a query word may carry: none below 3
// letters, one up to 5, two beyond.
func typoBudget(w string) int {
	n := len([]rune(w))
	switch {
	case n < 3:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

// prefixDistance is the least number of edits (insertions, deletions,
// substitutions and swaps of neighbouring letters) turning q into some
// prefix of w; it gives up past max and returns max+1.
func prefixDistance(q, w string, max int) int {
	var ra, rb [48]rune
	a, b := toRunes(ra[:0], q), toRunes(rb[:0], w)
	n, m := len(a), len(b)
	if m > n+max {
		m = n + max // longer prefixes of w cost more than max
	}
	var rows [3][50]int
	var prev2, prev, cur []int
	if m+1 <= len(rows[0]) {
		prev2, prev, cur = rows[0][:m+1], rows[1][:m+1], rows[2][:m+1]
	} else {
		prev2, prev, cur = make([]int, m+1), make([]int, m+1), make([]int, m+1)
	}
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	best := max + 1
	for j := 0; j <= m; j++ {
		best = min(best, prev[j])
	}
	return best
}

// toRunes appends the runes of s to buf (no allocation when they fit).
func toRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf
}
