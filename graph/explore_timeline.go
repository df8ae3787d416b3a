package graph

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"newsgraph/graph/extract"
)

// TimelineItem is one dated event: an attack's date, or the day a claim
// was made, each as the article words it.
type TimelineItem struct {
	Node      NodeRef  `json:"node"`
	Kind      string   `json:"kind"` // "attack" or "claim"
	Date      string   `json:"date"` // as worded: "November 2015", "Tuesday"
	Year      int      `json:"year,omitempty"`
	Month     int      `json:"month,omitempty"`
	Day       int      `json:"day,omitempty"`
	Inferred  bool     `json:"inferred,omitempty"` // the year comes from the name or another date of the node
	Sort      string   `json:"sort"`               // "2015-11-00"; "" when no year is known
	Doc       string   `json:"doc"`                // the document that gives the date
	Sentence  string   `json:"sentence"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Predicate string   `json:"predicate"`         // <attack_date> or <stated>
	Speaker   *NodeRef `json:"speaker,omitempty"` // for a claim: who made it
}

// TimelineQuery filters the timeline; empty fields keep everything.
type TimelineQuery struct {
	Docs  []string // document ids
	Kinds []string // "attack", "claim"
}

var (
	monthNames = map[string]int{
		"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	}
	reYear     = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
	reMonthDay = regexp.MustCompile(`(?i)\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?`)
	reDayMonth = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(january|february|march|april|may|june|july|august|september|october|november|december)\b`)
	// reSaidWhen finds when a claim was made: the day or date right after
	// the verb of saying ("warned Monday", "said on May 31").
	reSaidWhen = regexp.MustCompile(`(?i)\b(?:said|says|warned|told|stated|added|confirmed|announced|claimed|reported|wrote|declared|insisted|argued|noted|explained|revealed)\s+(?:on\s+|last\s+|this\s+)?((?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)\b|(?:january|february|march|april|may|june|july|august|september|october|november|december)(?:\s+\d{1,2}\b)?(?:,?\s+(?:19|20)\d\d\b)?)`)
)

// parseWordedDate reads what it can of a date as worded.
func parseWordedDate(s string) (year, month, day int) {
	if m := reYear.FindString(s); m != "" {
		year, _ = strconv.Atoi(m)
	}
	if m := reDayMonth.FindStringSubmatch(s); m != nil {
		day, _ = strconv.Atoi(m[1])
		month = monthNames[strings.ToLower(m[2])]
	} else if m := reMonthDay.FindStringSubmatch(s); m != nil {
		// "may" alone is a month only when capitalised ("May 31"), not the verb.
		if !(strings.EqualFold(m[1], "may") && m[1] != "May") {
			month = monthNames[strings.ToLower(strings.TrimSuffix(m[1], "."))]
			if m[2] != "" {
				day, _ = strconv.Atoi(m[2])
			}
		}
	}
	if day > 31 {
		day = 0
	}
	return year, month, day
}

// Timeline lists dated attacks (their <attack_date> as worded) and claims
// whose sentence says when they were made, each with the document and
// sentence that give the date, in time order (undated after dated, by
// document). A date with no year takes the year of the attack's name or of
// another of its dates, marked Inferred.
func (s *Store) Timeline(ctx context.Context, q TimelineQuery) ([]TimelineItem, error) {
	kinds := map[string]bool{}
	for _, k := range q.Kinds {
		switch k {
		case "attack", "claim":
			kinds[k] = true
		default:
			return nil, fmt.Errorf("%w: kind: want attack or claim, got %q", ErrInvalid, k)
		}
	}
	docs := map[string]bool{}
	for _, d := range q.Docs {
		docs[strings.TrimPrefix(strings.Trim(d, "<>"), extract.TypeDoc+"/")] = true
	}
	keep := func(kind, doc string) bool {
		return (len(kinds) == 0 || kinds[kind]) && (len(docs) == 0 || docs[doc])
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	items := []TimelineItem{}
	refs := map[quad.Value]NodeRef{}
	ref := func(v quad.Value) (NodeRef, error) {
		if r, ok := refs[v]; ok {
			return r, nil
		}
		r, err := s.nodeRef(ctx, v)
		if err != nil {
			return NodeRef{}, err
		}
		refs[v] = r
		return r, nil
	}
	// sentence finds the evidence of one fact in one document.
	sentence := func(subj, pred, obj quad.Value, doc string) (Evidence, error) {
		evs, err := s.evidence(ctx, subj, pred, obj)
		if err != nil {
			return Evidence{}, err
		}
		for _, ev := range evs {
			if ev.Doc == doc {
				return ev, nil
			}
		}
		if len(evs) > 0 && doc == "" {
			return evs[0], nil
		}
		return Evidence{Doc: doc}, nil
	}
	predDate := PredicateIRI(extract.PredAttackDate)
	dates, err := s.quadsWith(ctx, quad.Predicate, predDate, nil)
	if err != nil {
		return nil, err
	}
	for _, dq := range dates {
		doc := docIDOf(dq.Label)
		if !isNode(dq.Subject) || !keep("attack", doc) {
			continue
		}
		r, err := ref(dq.Subject)
		if err != nil {
			return nil, err
		}
		ev, err := sentence(dq.Subject, predDate, dq.Object, doc)
		if err != nil {
			return nil, err
		}
		if doc == "" {
			doc = ev.Doc
		}
		it := TimelineItem{Node: r, Kind: "attack", Date: literalText(dq.Object), Doc: doc,
			Sentence: ev.Sentence, Start: ev.Start, End: ev.End, Predicate: nodeID(predDate)}
		it.Year, it.Month, it.Day = parseWordedDate(it.Date)
		items = append(items, it)
	}
	predStated := PredicateIRI(extract.PredStated)
	stated, err := s.quadsWith(ctx, quad.Predicate, predStated, nil)
	if err != nil {
		return nil, err
	}
	for _, sq := range stated {
		doc := docIDOf(sq.Label)
		if !isNode(sq.Object) || !keep("claim", doc) {
			continue
		}
		ev, err := sentence(sq.Subject, predStated, sq.Object, doc)
		if err != nil {
			return nil, err
		}
		m := reSaidWhen.FindStringSubmatch(ev.Sentence)
		if m == nil {
			continue
		}
		r, err := ref(sq.Object)
		if err != nil {
			return nil, err
		}
		speaker, err := ref(sq.Subject)
		if err != nil {
			return nil, err
		}
		if doc == "" {
			doc = ev.Doc
		}
		it := TimelineItem{Node: r, Kind: "claim", Date: m[1], Doc: doc, Sentence: ev.Sentence,
			Start: ev.Start, End: ev.End, Predicate: nodeID(predStated), Speaker: &speaker}
		it.Year, it.Month, it.Day = parseWordedDate(it.Date)
		items = append(items, it)
	}
	inferYears(items)
	for i := range items {
		if it := &items[i]; it.Year > 0 {
			it.Sort = fmt.Sprintf("%04d-%02d-%02d", it.Year, it.Month, it.Day)
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if (a.Sort == "") != (b.Sort == "") {
			return a.Sort != ""
		}
		if a.Sort != b.Sort {
			return a.Sort < b.Sort
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Node.ID < b.Node.ID
	})
	return items, nil
}

// inferYears gives a yearless date the year of another date of the same
// node (preferring one in the same month), or of a year in the node's name.
func inferYears(items []TimelineItem) {
	for i := range items {
		it := &items[i]
		if it.Year > 0 {
			continue
		}
		year := 0
		for _, o := range items {
			if o.Node.ID != it.Node.ID || o.Year == 0 {
				continue
			}
			if it.Month == 0 || o.Month == it.Month {
				year = o.Year
				break
			}
		}
		if year == 0 {
			if m := reYear.FindString(it.Node.Label); m != "" {
				year, _ = strconv.Atoi(m)
			}
		}
		if year > 0 {
			it.Year, it.Inferred = year, true
		}
	}
}
