package text

import "testing"

func TestTrimReported(t *testing.T) {
	tests := []struct{ in, want string }{
		{` “It is over,” `, "It is over"},
		{`that “we are in this together.”`, "we are in this together"},
		{`that the plan failed.`, "the plan failed"},
		{`(up 5%)`, "up 5%)"},
		{`...`, ""},
		{`thatched roofs`, "thatched roofs"},
	}
	for _, tc := range tests {
		rs := []rune(tc.in)
		s, e := TrimReported(rs, -3, len(rs)+3)
		if got := string(rs[s:e]); got != tc.want {
			t.Errorf("TrimReported(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
