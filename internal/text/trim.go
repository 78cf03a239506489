package text

import (
	"strings"
	"unicode"
)

// TrimReported narrows [start, end) of rs to the words of a reported
// statement, the way spans are compared in evaluation: it trims white
// space, quote marks and punctuation (but a closing bracket or a percent
// sign) from both ends, and an opening complementizer "that" with the
// quote mark after it ("that “we are in this together”" gives "we are in
// this together").
func TrimReported(rs []rune, start, end int) (int, int) {
	start, end = max(start, 0), min(end, len(rs))
	trim := func(r rune) bool {
		return unicode.IsSpace(r) || IsQuoteMarkRune(r) || unicode.IsPunct(r) && r != ')' && r != '%'
	}
	for start < end && trim(rs[start]) {
		start++
	}
	for end > start && trim(rs[end-1]) {
		end--
	}
	if end-start > 5 && strings.EqualFold(string(rs[start:start+5]), "that ") {
		start += 5
		for start < end && trim(rs[start]) {
			start++
		}
	}
	return start, end
}
