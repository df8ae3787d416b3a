package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// This file anchors dates as articles word them ("on Monday", "last
// November", "May 31", "on Bastille Day") to the calendar, given the day the
// article was published. News English dates events relative to the day of
// writing: "on Monday" in a story published on a Wednesday is two days
// before, "May 31" with no year is the latest May 31 on or before it.

// PredOccurredOn links an attack to its date on the calendar, ISO 8601 at the
// precision the article gives: "2016-03-22", "2015-11" or "2015". It is
// produced only when an article's publication date anchors a worded date.
const PredOccurredOn = "occurred_on"

var (
	reWordYear = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
	reWordNum  = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\b`)
	weekdayNum = map[string]time.Weekday{
		"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
		"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	}
	monthNum = map[string]time.Month{
		"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
		"oct": 10, "nov": 11, "dec": 12,
	}
	// fixedDays are named days with the same date every year.
	fixedDays = map[string][2]int{
		"bastille day": {7, 14}, "christmas day": {12, 25}, "christmas eve": {12, 24}, "christmas": {12, 25},
		"new year's day": {1, 1}, "new year's eve": {12, 31}, "valentine's day": {2, 14},
		"halloween": {10, 31}, "independence day": {7, 4}, "armistice day": {11, 11},
		"boxing day": {12, 26}, "st patrick's day": {3, 17}, "st. patrick's day": {3, 17},
	}
)

// ParsePublished reads a publication date: "2016-04-26" or RFC 3339.
func ParsePublished(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// AnchorDate resolves a date as worded against the day an article was
// published. It returns an ISO 8601 date at the precision the words give
// ("2016-03-22", "2015-11", "2015") and false when the words name no day,
// month or year it can place ("last week", "recently").
func AnchorDate(worded string, published time.Time) (string, bool) {
	if published.IsZero() {
		return "", false
	}
	pub := time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC)
	w := strings.ToLower(strings.TrimSpace(worded))
	w = strings.NewReplacer("’", "'", ".", "", ",", " ").Replace(w)
	w = strings.Join(strings.Fields(w), " ")
	for _, p := range []string{"on ", "the ", "this "} {
		w = strings.TrimPrefix(w, p)
	}
	last := strings.HasPrefix(w, "last ")
	w = strings.TrimPrefix(w, "last ")
	// drop the part of the day
	for _, suf := range []string{" night", " morning", " evening", " afternoon"} {
		w = strings.TrimSuffix(w, suf)
	}
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	switch w {
	case "yesterday":
		return day(pub.AddDate(0, 0, -1)), true
	case "today", "tonight":
		return day(pub), true
	case "month":
		if last {
			return pub.AddDate(0, -1, 0).Format("2006-01"), true
		}
	case "year":
		if last {
			return strconv.Itoa(pub.Year() - 1), true
		}
	}
	if wd, ok := weekdayNum[w]; ok {
		back := (int(pub.Weekday()) - int(wd) + 7) % 7
		if back == 0 && last {
			back = 7
		}
		return day(pub.AddDate(0, 0, -back)), true
	}
	if md, ok := fixedDays[w]; ok {
		t := time.Date(pub.Year(), time.Month(md[0]), md[1], 0, 0, 0, 0, time.UTC)
		if t.After(pub) || (last && t.Equal(pub)) {
			t = t.AddDate(-1, 0, 0)
		}
		return day(t), true
	}
	if strings.HasPrefix(w, "easter") {
		t := easter(pub.Year())
		if strings.HasSuffix(w, "monday") {
			t = t.AddDate(0, 0, 1)
		}
		if t.After(pub) {
			t = easter(pub.Year() - 1)
			if strings.HasSuffix(w, "monday") {
				t = t.AddDate(0, 0, 1)
			}
		}
		return day(t), true
	}
	// a month, with or without day and year: "may 31", "31 may 2016", "november 2015"
	var month time.Month
	for _, f := range strings.Fields(w) {
		if m, ok := monthNum[f]; ok {
			month = m
			break
		}
	}
	year := 0
	if m := reWordYear.FindString(w); m != "" {
		year, _ = strconv.Atoi(m)
	}
	if month == 0 {
		if year > 0 {
			return strconv.Itoa(year), true
		}
		return "", false
	}
	dom := 0
	for _, m := range reWordNum.FindAllStringSubmatch(reWordYear.ReplaceAllString(w, ""), -1) {
		if n, _ := strconv.Atoi(m[1]); n >= 1 && n <= 31 {
			dom = n
			break
		}
	}
	if year == 0 {
		year = pub.Year()
		probe := time.Date(year, month, max(dom, 1), 0, 0, 0, 0, time.UTC)
		if probe.After(pub) || (last && probe.Year() == pub.Year() && probe.Month() == pub.Month()) {
			year--
		}
	}
	if dom == 0 {
		return time.Date(year, month, 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), true
	}
	t := time.Date(year, month, dom, 0, 0, 0, 0, time.UTC)
	if t.Month() != month { // "February 30"
		return "", false
	}
	return day(t), true
}

// easter is the date of Easter Sunday in year (anonymous Gregorian algorithm).
func easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	dayOf := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), dayOf, 0, 0, 0, 0, time.UTC)
}

// Anchor adds to res, for each attack date that the publication date
// places on the calendar, an occurred_on triple with the ISO date, the same
// evidence, and the rule "<rule>+published".
func Anchor(res *Result, published time.Time) {
	if published.IsZero() {
		return
	}
	var add []Triple
	seen := map[[2]string]bool{}
	for _, t := range res.Triples {
		if t.Predicate != PredAttackDate {
			continue
		}
		iso, ok := AnchorDate(t.Object, published)
		if !ok || seen[[2]string{t.SubjectIRI, iso}] {
			continue
		}
		seen[[2]string{t.SubjectIRI, iso}] = true
		a := t
		a.Predicate = PredOccurredOn
		a.Object = iso
		a.ObjectIRI = ""
		a.Rule = t.Rule + "+published"
		add = append(add, a)
	}
	res.Triples = append(res.Triples, add...)
}
