package extract

// A Go port of the reference scorer /work/shared/eval/score.py: it scores
// extracted triples against gold triples with the same matching rules, so
// that `newsgraph eval` and the Python script agree (score_test.go checks
// it on fixed prediction files).

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ScoreItem is one gold or predicted triple as the scorer sees it.
type ScoreItem struct {
	Doc       string
	Subject   string
	Predicate string
	Object    string
	ClaimText string
	Tier      string // gold only: "core" (default) or "ext"
}

// ScoreStats counts one predicate's (or group's) matches.
type ScoreStats struct {
	TP     int     `json:"tp"`
	FP     int     `json:"fp"`
	FN     int     `json:"fn"`
	TPCore int     `json:"tp_core"`
	P      float64 `json:"p"`
	R      float64 `json:"r"`
	F1     float64 `json:"f1"`
}

// ScoreRow is one line of the score table.
type ScoreRow struct {
	Name string
	ScoreStats
}

// Scores is the whole table: predicates in sorted order, then the groups
// "group:claims", "group:attacks", "group:roles", then "overall".
type Scores struct {
	Rows []ScoreRow
}

// Get returns the row with the given name.
func (s Scores) Get(name string) (ScoreStats, bool) {
	for _, r := range s.Rows {
		if r.Name == name {
			return r.ScoreStats, true
		}
	}
	return ScoreStats{}, false
}

// Format writes the table as score.py prints it.
func (s Scores) Format(w io.Writer) error {
	for _, r := range s.Rows {
		if _, err := fmt.Fprintf(w, "%-24s tp=%3d fp=%3d fn=%3d  P=%.2f R=%.2f F1=%.2f\n", r.Name, r.TP, r.FP, r.FN, r.P, r.R, r.F1); err != nil {
			return fmt.Errorf("write scores: %w", err)
		}
	}
	return nil
}

// JSON returns the table as score.py --json prints it (an object keyed by
// row name).
func (s Scores) JSON() map[string]ScoreStats {
	m := make(map[string]ScoreStats, len(s.Rows))
	for _, r := range s.Rows {
		m[r.Name] = r.ScoreStats
	}
	return m
}

var (
	scoreGeneric = setOf("attack", "attacks", "bombing", "bombings", "terror", "terrorist", "the", "of", "in", "at",
		"and", "shooting", "shootings", "assault", "massacre", "suicide", "truck", "van", "market",
		"christmas", "train", "station", "metro", "airport", "arena")
	scoreHonorific = setOf("mr", "mrs", "ms", "dr", "sir", "gen", "general", "army", "president", "prime", "minister",
		"director", "chief", "the", "u", "s", "us")
	scoreStop = setOf("the", "a", "an", "of", "to", "in", "and", "that", "is", "are", "was", "were", "be", "has", "have",
		"had", "it", "its", "on", "for", "by", "with", "as", "at", "this", "from", "or", "will", "would")
	scoreAnonWords    = []string{"unnamed", "anonymous", "official", "officials", "source", "sources", "investigator", "investigators"}
	scoreAttackSubj   = setOf(PredAttackLocation, PredAttackDate, PredKilled, PredPerpetrator)
	scoreGroups       = []string{"claims", "attacks", "roles"}
	scoreGroupMembers = map[string][]string{
		"claims":  {PredStated},
		"attacks": {PredAttackLocation, PredAttackDate, PredKilled, PredPerpetrator},
		"roles":   {PredRole, PredAffiliatedWith, PredMemberOf, PredLeads},
	}
)

// pySpace is Python's str.isspace.
func pySpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
}

// pyWord is a character of Python's \w.
func pyWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
}

// scoreFold: NFKD, combining marks dropped, whitespace runs collapsed.
func scoreFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if norm.NFKD.PropertiesString(string(r)).CCC() != 0 {
			continue
		}
		if r == '\u00a0' {
			r = ' '
		}
		b.WriteRune(r)
	}
	var out strings.Builder
	space := false
	for _, r := range b.String() {
		if pySpace(r) {
			space = true
			continue
		}
		if space && out.Len() > 0 {
			out.WriteByte(' ')
		}
		space = false
		out.WriteRune(r)
	}
	return out.String()
}

func pyLower(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'İ':
			return 'i'
		}
		return unicode.ToLower(r)
	}, s)
}

// scoreWords: re.findall("[a-z0-9]+", fold(s).lower()).
func scoreWords(s string) []string {
	var out []string
	low := pyLower(scoreFold(s))
	start := -1
	for i := 0; i <= len(low); i++ {
		in := i < len(low) && (low[i] >= 'a' && low[i] <= 'z' || low[i] >= '0' && low[i] <= '9')
		if in && start < 0 {
			start = i
		}
		if !in && start >= 0 {
			out = append(out, low[start:i])
			start = -1
		}
	}
	return out
}

// ScoreNames maps surface forms to the canonical names they are listed
// under, in the order of the alias file.
type ScoreNames struct {
	m map[string][]string
}

// ReadScoreAliases reads the scorer's alias file: a JSON object mapping a
// canonical name to its surface forms. Order matters (the first canonical
// name listed for a form is its normal form) and is kept.
func ReadScoreAliases(r io.Reader) (*ScoreNames, error) {
	dec := json.NewDecoder(r)
	n := &ScoreNames{m: map[string][]string{}}
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("read aliases: %w", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("read aliases: %w: want a JSON object", ErrInvalid)
	}
	// a repeated key keeps its first place and its last value, as Python's
	// json.load does
	var order []string
	vals := map[string][]any{}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("read aliases: %w", err)
		}
		canon, _ := kt.(string)
		var forms []any
		if err := dec.Decode(&forms); err != nil {
			return nil, fmt.Errorf("read aliases %q: %w", canon, err)
		}
		if _, ok := vals[canon]; !ok {
			order = append(order, canon)
		}
		vals[canon] = forms
	}
	for _, c := range order {
		n.Add(c, vals[c]...)
	}
	return n, nil
}

// NewScoreNames returns an empty alias table for the scorer.
func NewScoreNames() *ScoreNames { return &ScoreNames{m: map[string][]string{}} }

// Add lists forms (and canon itself) under canon.
func (n *ScoreNames) Add(canon string, forms ...any) {
	all := append([]any{canon}, forms...)
	for _, f := range all {
		k := pyLower(scoreFold(pyStr(f)))
		found := false
		for _, c := range n.m[k] {
			if c == canon {
				found = true
			}
		}
		if !found {
			n.m[k] = append(n.m[k], canon)
		}
	}
}

var bareRE = []string{"the", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "dr.", "dr"}

func (n *ScoreNames) norms(name string) []string {
	key := pyLower(scoreFold(name))
	bare := key
	for _, p := range bareRE {
		if strings.HasPrefix(key, p) && len(key) > len(p) {
			rest := key[len(p):]
			// one or more whitespace characters
			i := 0
			for i < len(rest) {
				r, sz := decodeRune(rest[i:])
				if !pySpace(r) {
					break
				}
				i += sz
			}
			if i > 0 {
				bare = rest[i:]
				break
			}
		}
	}
	canons := n.m[key]
	if len(canons) == 0 {
		canons = n.m[bare]
	}
	if len(canons) == 0 {
		canons = []string{name}
	}
	out := make([]string, 0, len(canons))
	for _, c := range canons {
		all := scoreWords(c)
		var ws []string
		for _, w := range all {
			if !scoreHonorific[w] {
				ws = append(ws, w)
			}
		}
		if len(ws) == 0 {
			ws = all
		}
		out = append(out, strings.Join(ws, " "))
	}
	return out
}

func (n *ScoreNames) norm(name string) string { return n.norms(name)[0] }

func (n *ScoreNames) sameEntity(a, b string) bool {
	for _, x := range n.norms(a) {
		for _, y := range n.norms(b) {
			if sameWords(pySplit(x), pySplit(y)) {
				return true
			}
		}
	}
	return false
}

// pySplit is Python's str.split() with no argument.
func pySplit(s string) []string {
	return strings.FieldsFunc(s, pySpace)
}

func sameWords(na, nb []string) bool {
	if len(na) == 0 || len(nb) == 0 {
		return false
	}
	if equalStrings(na, nb) {
		return true
	}
	short, long := nb, na
	if len(na) < len(nb) {
		short, long = na, nb
	}
	if short[len(short)-1] != long[len(long)-1] {
		return false
	}
	set := map[string]bool{}
	for _, w := range long {
		set[w] = true
	}
	for _, w := range short {
		if !set[w] {
			return false
		}
	}
	return true
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func contentWords(s string) []string {
	var out []string
	for _, w := range scoreWords(s) {
		if !scoreStop[w] {
			out = append(out, w)
		}
	}
	return out
}

func overlapF1(a, b string) float64 {
	wa, wb := contentWords(a), contentWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	pool := append([]string(nil), wb...)
	common := 0
	for _, w := range wa {
		for i, x := range pool {
			if x == w {
				pool = append(pool[:i], pool[i+1:]...)
				common++
				break
			}
		}
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(len(wa)), float64(common)/float64(len(wb))
	return 2 * p * r / (p + r)
}

// scoreYears: set(re.findall(r"\b(?:19|20)\d\d\b", s)).
func scoreYears(s string) map[string]bool {
	rs := []rune(s)
	out := map[string]bool{}
	for i := 0; i+4 <= len(rs); i++ {
		if !(rs[i] == '1' && rs[i+1] == '9' || rs[i] == '2' && rs[i+1] == '0') {
			continue
		}
		if !unicode.Is(unicode.Nd, rs[i+2]) || !unicode.Is(unicode.Nd, rs[i+3]) {
			continue
		}
		if i > 0 && pyWord(rs[i-1]) || i+4 < len(rs) && pyWord(rs[i+4]) {
			continue
		}
		out[string(rs[i:i+4])] = true
	}
	return out
}

func isASCIIDigits(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

func attackMatch(a, b string) bool {
	ya, yb := scoreYears(a), scoreYears(b)
	if len(ya) > 0 && len(yb) > 0 {
		inter := false
		for y := range ya {
			if yb[y] {
				inter = true
			}
		}
		if !inter {
			return false
		}
	}
	content := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range scoreWords(s) {
			if !scoreGeneric[w] && !isASCIIDigits(w) {
				m[w] = true
			}
		}
		return m
	}
	ca, cb := content(a), content(b)
	if len(ca) == 0 || len(cb) == 0 {
		return pyLower(scoreFold(a)) == pyLower(scoreFold(b))
	}
	for w := range ca {
		if cb[w] {
			return true
		}
	}
	return false
}

// scoreNumber: the first run of digits and commas, commas dropped.
func scoreNumber(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		if unicode.Is(unicode.Nd, r) {
			j := i + 1
			for j < len(rs) && (unicode.Is(unicode.Nd, rs[j]) || rs[j] == ',') {
				j++
			}
			return strings.ReplaceAll(string(rs[i:j]), ",", "")
		}
	}
	return pyLower(scoreFold(s))
}

func titleMatch(a, b string) bool {
	if overlapF1(a, b) >= 0.5 {
		return true
	}
	wa, wb := contentWords(a), contentWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	short, long := wb, wa
	if len(wa) <= len(wb) {
		short, long = wa, wb
	}
	set := map[string]bool{}
	for _, w := range long {
		set[w] = true
	}
	for _, w := range short {
		if !set[w] {
			return false
		}
	}
	return short[0] == long[0]
}

// scoreAnon: re.search(r"\b(unnamed|…|investigators?)\b", s, re.I).
func scoreAnon(s string) bool {
	low := []rune(strings.Map(func(r rune) rune {
		switch r {
		case 'ſ':
			return 's'
		case 'K':
			return 'k'
		}
		return unicode.ToLower(r)
	}, s))
	for _, w := range scoreAnonWords {
		wr := []rune(w)
		for i := 0; i+len(wr) <= len(low); i++ {
			if string(low[i:i+len(wr)]) != w {
				continue
			}
			if i > 0 && pyWord(low[i-1]) || i+len(wr) < len(low) && pyWord(low[i+len(wr)]) {
				continue
			}
			return true
		}
	}
	return false
}

func orText(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (n *ScoreNames) matches(g, p ScoreItem, strict bool) bool {
	pred := g.Predicate
	if pred != p.Predicate {
		return false
	}
	if pred == PredStated {
		same := n.sameEntity(g.Subject, p.Subject) || scoreAnon(g.Subject) && scoreAnon(p.Subject)
		if !same {
			return false
		}
		gt, pt := orText(g.ClaimText, g.Object), orText(p.ClaimText, p.Object)
		return max(overlapF1(pt, gt), overlapF1(p.Object, g.Object)) >= 0.5
	}
	switch {
	case scoreAttackSubj[pred]:
		if !attackMatch(g.Subject, p.Subject) {
			return false
		}
	case pred == PredReportedBy:
		if overlapF1(g.Subject, p.Subject) < 0.5 && !n.sameEntity(g.Subject, p.Subject) {
			return false
		}
	default:
		if !n.sameEntity(g.Subject, p.Subject) {
			return false
		}
	}
	switch pred {
	case PredKilled:
		return scoreNumber(g.Object) == scoreNumber(p.Object)
	case PredRole:
		return titleMatch(p.Object, g.Object)
	case PredAttackDate:
		return overlapF1(p.Object, g.Object) >= 0.5
	case PredAttackLocation:
		exact := false
		gn := n.norms(g.Object)
		for _, x := range n.norms(p.Object) {
			for _, y := range gn {
				if x == y {
					exact = true
				}
			}
		}
		return exact || !strict && attackMatch(g.Object, p.Object)
	}
	return n.sameEntity(g.Object, p.Object)
}

// Score matches predictions against gold as score.py does: per document,
// each prediction first matched strictly, then loosely, to an unused gold
// triple; a prediction matching only an already used gold triple is
// neither a hit nor a false one. Recall counts core gold triples only.
func Score(gold, pred []ScoreItem, names *ScoreNames) Scores {
	if names == nil {
		names = NewScoreNames()
	}
	for i := range gold {
		gold[i].Doc = withTxt(gold[i].Doc)
	}
	for i := range pred {
		pred[i].Doc = withTxt(pred[i].Doc)
	}
	vocab, docs := map[string]bool{}, map[string]bool{}
	for _, g := range gold {
		vocab[g.Predicate] = true
		docs[g.Doc] = true
	}
	type key struct{ doc, pred, subj, obj string }
	seen := map[key]bool{}
	var uniq []ScoreItem
	for _, p := range pred {
		if !vocab[p.Predicate] || !docs[p.Doc] {
			continue
		}
		k := key{p.Doc, p.Predicate, names.norm(p.Subject), pyLower(scoreFold(orText(p.ClaimText, p.Object)))}
		if seen[k] {
			continue
		}
		seen[k] = true
		uniq = append(uniq, p)
	}
	byDoc := map[string][]ScoreItem{}
	for _, g := range gold {
		byDoc[g.Doc] = append(byDoc[g.Doc], g)
	}
	type gi struct {
		doc string
		i   int
	}
	used := map[gi]bool{}
	stats := map[string]*ScoreStats{}
	st := func(p string) *ScoreStats {
		if stats[p] == nil {
			stats[p] = &ScoreStats{}
		}
		return stats[p]
	}
	pending := uniq
	for _, strict := range []bool{true, false} {
		var left []ScoreItem
		for _, p := range pending {
			hit := -1
			for i, g := range byDoc[p.Doc] {
				if !used[gi{p.Doc, i}] && names.matches(g, p, strict) {
					hit = i
					break
				}
			}
			if hit < 0 {
				left = append(left, p)
				continue
			}
			used[gi{p.Doc, hit}] = true
			s := st(p.Predicate)
			s.TP++
			if tier := byDoc[p.Doc][hit].Tier; tier == "" || tier == "core" {
				s.TPCore++
			}
		}
		pending = left
	}
	for _, p := range pending {
		any := false
		for _, g := range byDoc[p.Doc] {
			if names.matches(g, p, false) {
				any = true
				break
			}
		}
		if !any {
			st(p.Predicate).FP++
		}
	}
	docNames := make([]string, 0, len(byDoc))
	for d := range byDoc {
		docNames = append(docNames, d)
	}
	sort.Strings(docNames)
	for _, d := range docNames {
		for i, g := range byDoc[d] {
			if !used[gi{d, i}] && (g.Tier == "" || g.Tier == "core") {
				st(g.Predicate).FN++
			}
		}
	}
	var out Scores
	names2 := make([]string, 0, len(stats))
	for p := range stats {
		names2 = append(names2, p)
	}
	sort.Strings(names2)
	var total ScoreStats
	for _, p := range names2 {
		s := *stats[p]
		total.TP += s.TP
		total.FP += s.FP
		total.FN += s.FN
		total.TPCore += s.TPCore
		out.Rows = append(out.Rows, ScoreRow{Name: p, ScoreStats: withPRF(s)})
	}
	for _, g := range scoreGroups {
		var agg ScoreStats
		for _, p := range scoreGroupMembers[g] {
			if s, ok := stats[p]; ok {
				agg.TP += s.TP
				agg.FP += s.FP
				agg.FN += s.FN
				agg.TPCore += s.TPCore
			}
		}
		out.Rows = append(out.Rows, ScoreRow{Name: "group:" + g, ScoreStats: withPRF(agg)})
	}
	out.Rows = append(out.Rows, ScoreRow{Name: "overall", ScoreStats: withPRF(total)})
	return out
}

// withTxt is re.sub(r"\.txt$", "", doc) + ".txt" ($ also matches before a
// final newline).
func withTxt(doc string) string {
	switch {
	case strings.HasSuffix(doc, ".txt"):
		doc = strings.TrimSuffix(doc, ".txt")
	case strings.HasSuffix(doc, ".txt\n"):
		doc = strings.TrimSuffix(doc, ".txt\n") + "\n"
	}
	return doc + ".txt"
}

// withPRF fills precision (over all predictions), recall (over core gold)
// and F1, each rounded to 3 places as score.py does.
func withPRF(s ScoreStats) ScoreStats {
	var p, r, f float64
	if s.TP+s.FP > 0 {
		p = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TPCore+s.FN > 0 {
		r = float64(s.TPCore) / float64(s.TPCore+s.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	s.P, s.R, s.F1 = round3(p), round3(r), round3(f)
	return s
}

// round3 is Python's round(x, 3): the correctly rounded decimal.
func round3(x float64) float64 {
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	if err != nil {
		return x
	}
	return v
}

// ReadScoreJSONL reads triples, one JSON object a line. Blank lines are
// skipped. With lenient set (predictions), lines that are not JSON are
// skipped too, as score.py does; otherwise they are an error.
func ReadScoreJSONL(r io.Reader, name string, lenient bool) ([]ScoreItem, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	var out []ScoreItem
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimFunc(sc.Bytes(), pySpace)
		if len(b) == 0 {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil || dec.More() {
			if lenient {
				continue
			}
			if err == nil {
				err = fmt.Errorf("%w: trailing data", ErrInvalid)
			}
			return nil, &LineError{File: name, Line: line, Err: err}
		}
		// a key present with null reads "None" (Python's str(None)); an
		// absent one reads ""; an empty or null claim_text falls back to
		// the object
		field := func(k string) string {
			v, ok := m[k]
			if !ok {
				return ""
			}
			if v == nil {
				return "None"
			}
			return pyStr(v)
		}
		out = append(out, ScoreItem{
			Doc:       field("doc"),
			Subject:   field("subject"),
			Predicate: field("predicate"),
			Object:    field("object"),
			ClaimText: pyStr(m["claim_text"]),
			Tier:      field("tier"),
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

// pyStr renders a JSON value as Python's str() would, for the scalars
// that appear in triples; null and missing become "".
func pyStr(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		if x {
			return "True"
		}
		return "False"
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

// TriplesToScoreItems converts extracted triples for scoring.
func TriplesToScoreItems(ts []Triple) []ScoreItem {
	out := make([]ScoreItem, 0, len(ts))
	for _, t := range ts {
		out = append(out, ScoreItem{Doc: t.Doc, Subject: t.Subject, Predicate: t.Predicate, Object: t.Object, ClaimText: t.ClaimText})
	}
	return out
}

func decodeRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			n := len(string(r))
			if r == unicode.ReplacementChar && !strings.HasPrefix(s, "\uFFFD") {
				n = 1
			}
			return r, n
		}
	}
	return 0, 0
}

// ClaimOverlap is the word-overlap F1 of two claims' content words (case,
// accents and stop words ignored): the measure the scorer matches "stated"
// triples by, and the graph uses to tell that an extracted claim is one a
// curator already recorded.
func ClaimOverlap(a, b string) float64 { return overlapF1(a, b) }
