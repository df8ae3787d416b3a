package extract

import (
	"testing"
	"time"
)

func TestAnchorDate(t *testing.T) {
	// Tuesday 26 April 2016
	pub := time.Date(2016, 4, 26, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		worded string
		want   string // "" for not placeable
	}{
		{"Monday", "2016-04-25"},
		{"on Monday", "2016-04-25"},
		{"Tuesday", "2016-04-26"},
		{"last Tuesday", "2016-04-19"},
		{"Sunday night", "2016-04-24"},
		{"Wednesday", "2016-04-20"},
		{"yesterday", "2016-04-25"},
		{"last November", "2015-11"},
		{"November 2015", "2015-11"},
		{"March 22", "2016-03-22"},
		{"22 March", "2016-03-22"},
		{"May 31", "2015-05-31"}, // after the publication date: the year before
		{"May 31, 2017", "2017-05-31"},
		{"April", "2016-04"},
		{"last April", "2015-04"},
		{"on Bastille Day", "2015-07-14"},
		{"Christmas Day", "2015-12-25"},
		{"Easter Monday", "2016-03-28"},
		{"last month", "2016-03"},
		{"last year", "2015"},
		{"2015", "2015"},
		{"last week", ""},
		{"recently", ""},
		{"February 30", ""},
	}
	for _, tt := range tests {
		t.Run(tt.worded, func(t *testing.T) {
			got, ok := AnchorDate(tt.worded, pub)
			if tt.want == "" {
				if ok {
					t.Fatalf("AnchorDate(%q) = %q, want none", tt.worded, got)
				}
				return
			}
			if !ok || got != tt.want {
				t.Fatalf("AnchorDate(%q) = %q, %v; want %q", tt.worded, got, ok, tt.want)
			}
		})
	}
	if _, ok := AnchorDate("Monday", time.Time{}); ok {
		t.Error("a zero publication date anchors nothing")
	}
}

func TestAnchorAddsOccurredOn(t *testing.T) {
	x := New(nil)
	text := "A suicide bomber killed 22 people at the Manchester Arena on Monday night, police said."
	docs := []Doc{{ID: "d", Text: []byte(text), Published: time.Date(2017, 5, 23, 0, 0, 0, 0, time.UTC)}, {ID: "e", Text: []byte(text)}}
	res, err := x.ExtractAll(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	find := func(r Result) *Triple {
		for i, tr := range r.Triples {
			if tr.Predicate == PredOccurredOn {
				return &r.Triples[i]
			}
		}
		return nil
	}
	got := find(res[0])
	if got == nil || got.Object != "2017-05-22" {
		t.Fatalf("occurred_on = %+v, want 2017-05-22 (triples %+v)", got, res[0].Triples)
	}
	if text[got.Start:got.End] != got.Evidence {
		t.Errorf("evidence offsets do not hold the sentence")
	}
	if find(res[1]) != nil {
		t.Error("without a publication date no occurred_on is made")
	}
}
