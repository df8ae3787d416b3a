package extract

import "testing"

func TestClaimsCorroborate(t *testing.T) {
	x := New(nil)
	tests := []struct {
		name string
		a, b []string
		want bool
	}{
		{"same statement, two outlets' words",
			[]string{"Islamic State has jihadist cells in the United Kingdom, Germany and Italy", "the Islamic State terrorist group has jihadist cells in the United Kingdom, Germany, and Italy"},
			[]string{"EU open borders let Islamic State set up sleeper cells in Britain, Germany and Italy to plan Paris/Brussels-style attacks", "The European Union’s open borders policy has allowed Islamic State terrorists to set up sleeper cells in Britain, Germany and Italy where they are planning Paris and Brussels style attacks"},
			true},
		{"abbreviations and plural",
			[]string{"ISIS operatives have increased their infiltration of the U.K."},
			[]string{"Islamic State operative increased infiltration of Britain"},
			true},
		{"same speaker, different statement",
			[]string{"Islamic State has jihadist cells in the United Kingdom, Germany and Italy"},
			[]string{"IS terrorists have exploited the migrant crisis to slip into Europe and plot attacks"},
			false},
		{"places alone are not a statement",
			[]string{"ISIS has underground cells similar to those used in the Paris and Brussels attacks"},
			[]string{"Britain, Germany and Italy have sleeper cells similar to those in Paris and Brussels", "Yes, they do."},
			false},
		{"tiny claims need three shared words",
			[]string{"Germany is a target"},
			[]string{"Germany is a target of ISIS, which has cells there and plans attacks"},
			false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ca, cb := x.ClaimContent(tt.a...), x.ClaimContent(tt.b...)
			ov, shared := ContentOverlap(ca, cb)
			t.Logf("overlap %.2f shared %d", ov, shared)
			got := ov >= CorroborateOverlap && shared >= CorroborateMinShared
			if got != tt.want {
				t.Errorf("overlap %.2f, shared %d → %v, want %v\nA=%v\nB=%v", ov, shared, got, tt.want, ca, cb)
			}
		})
	}
}
