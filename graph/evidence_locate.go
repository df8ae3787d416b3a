package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// locate finds evidence in text after normalising whitespace in both (runs
// of spaces, tabs, newlines and no-break spaces count as one space) and
// returns the byte offsets of the match in the original text, trimmed of
// surrounding whitespace, so text[start:end] is the verbatim sentence.
func locate(text, evidence string) (start, end int, ok bool) {
	normText, offsets := normalizeSpace(text)
	normEv, _ := normalizeSpace(evidence)
	if normEv == "" {
		return 0, 0, false
	}
	i := strings.Index(normText, normEv)
	if i < 0 {
		return 0, 0, false
	}
	j := i + len(normEv) // exclusive, in normText
	start = offsets[i]
	// offsets[j-1] is the start of the last normalised byte's source rune; the
	// end is just past that rune in the original text.
	last := offsets[j-1]
	_, size := utf8.DecodeRuneInString(text[last:])
	if normText[j-1] == ' ' {
		size = 1
	}
	return start, last + size, true
}

// normalizeSpace collapses whitespace runs to one ASCII space and trims the
// ends. offsets[i] is the byte offset in s of the rune that produced byte i
// of the result (for multi-byte runes, every byte maps to the rune's start
// plus its position within it).
func normalizeSpace(s string) (string, []int) {
	var b strings.Builder
	offsets := make([]int, 0, len(s))
	space := false
	for i, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			offsets = append(offsets, i-1)
		}
		space = false
		n := utf8.RuneLen(r)
		if r == utf8.RuneError {
			n = 1
		}
		for k := 0; k < n; k++ {
			offsets = append(offsets, i+k)
		}
		b.WriteString(s[i : i+n])
	}
	return b.String(), offsets
}
