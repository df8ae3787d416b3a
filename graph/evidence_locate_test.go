package graph

import "testing"

func TestLocate(t *testing.T) {
	text := "First one.  Second\u00a0sentence  spans\nlines. Café “quoted” end."
	tests := []struct {
		name, evidence, want string
		ok                   bool
	}{
		{"exact", "First one.", "First one.", true},
		{"nbsp and newline", "Second sentence spans lines.", "Second\u00a0sentence  spans\nlines.", true},
		{"padded", "  Second   sentence spans lines.  ", "Second\u00a0sentence  spans\nlines.", true},
		{"multibyte end", "Café “quoted”", "Café “quoted”", true},
		{"missing", "Third sentence.", "", false},
		{"empty", "   ", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e, ok := locate(text, tt.evidence)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && text[s:e] != tt.want {
				t.Errorf("text[%d:%d] = %q, want %q", s, e, text[s:e], tt.want)
			}
		})
	}
}
