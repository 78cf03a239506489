package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// asciiClass classifies the ASCII code points, so that the predicates below
// are inlined table lookups for the common case and call out only for the
// rest of Unicode.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
			t[r] |= classSpace
		}
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			t[r] |= classLetter
		}
		if r >= '0' && r <= '9' {
			t[r] |= classDigit
		}
	}
	return t
}()

const (
	classSpace uint8 = 1 << iota
	classLetter
	classDigit
)

func isSpace(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiClass[r]&classSpace != 0
	}
	return isSpaceNonASCII(r)
}

// The non-ASCII cases are kept out of line (go:noinline), so that the
// ASCII cases inline.
//
//go:noinline
func isSpaceNonASCII(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }

func isLetter(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiClass[r]&classLetter != 0
	}
	return isLetterNonASCII(r)
}

//go:noinline
func isLetterNonASCII(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

func isDigit(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiClass[r]&classDigit != 0
	}
	return isDigitNonASCII(r)
}

//go:noinline
func isDigitNonASCII(r rune) bool { return unicode.IsDigit(r) }

//go:noinline
func isAlnumNonASCII(r rune) bool { return isLetterNonASCII(r) || unicode.IsDigit(r) }

func isAlnum(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiClass[r]&(classLetter|classDigit) != 0
	}
	return isAlnumNonASCII(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// abbrevs are lower-cased words that keep a following period as part of the
// token. The value tells whether the abbreviation can also end a sentence
// ("Inc." at the end of a sentence) or never does ("Mr.").
var abbrevs = map[string]bool{
	// titles: never end a sentence
	"mr": false, "mrs": false, "ms": false, "dr": false, "prof": false, "sen": false,
	"gov": false, "rep": false, "reps": false, "gen": false, "lt": false, "col": false,
	"capt": false, "cpt": false, "sgt": false, "cpl": false, "pvt": false, "maj": false,
	"adm": false, "cmdr": false, "brig": false, "rev": false, "hon": false, "pres": false,
	"supt": false, "det": false, "insp": false, "fr": false, "sens": false, "messrs": false,
	"mme": false, "mlle": false, "atty": false, "gens": false, "st": false, "ft": false,
	"mt": false, "no": false, "nos": false, "vs": false, "v": false, "cf": false,
	"approx": false, "dept": false, "univ": false, "est": false, "fig": false,
	"jan": false, "feb": false, "mar": false, "apr": false, "jun": false, "jul": false,
	"aug": false, "sep": false, "sept": false, "oct": false, "nov": false, "dec": false,
	"mon": false, "tue": false, "tues": false, "wed": false, "thu": false, "thurs": false,
	"fri": false, "sat": false, "sun": false, "ave": false, "blvd": false, "rd": false,
	"gov't": false, "govt": false, "ald": false, "del": false, "ariz": false, "calif": false,
	"colo": false, "conn": false, "fla": false, "ga": false, "ill": false, "ind": false,
	"kan": false, "kans": false, "ky": false, "la": false, "md": false, "mass": false,
	"mich": false, "minn": false, "miss": false, "mo": false, "mont": false, "neb": false,
	"nev": false, "okla": false, "ore": false, "pa": false, "tenn": false, "tex": false,
	"va": false, "vt": false, "wash": false, "wis": false, "wyo": false,
	// may end a sentence
	"jr": true, "sr": true, "inc": true, "corp": true, "co": true, "ltd": true, "plc": true,
	"bros": true, "etc": true, "llc": true, "al": true,
}

// tokenizer appends tokens to toks. A token's Text will be a substring of
// text, at a byte offset found from its code-point offset and the list of
// multi-byte code points, which is short in most news text: no table of
// byte offsets per code point is needed.
type tokenizer struct {
	rs   []rune
	text string
	toks []rawToken
	wide []wideRune // the code points encoded in more than one byte, in order
	// next is the first entry of wide at or after the code point last
	// asked for by byteAt; extra is the byte excess of the ones before.
	next, extra int
}

// wideRune is a code point encoded in more than one byte: extra is how many
// bytes text holds beyond one per code point, up to and including it.
type wideRune struct{ pos, extra int }

// byteAt returns the byte offset in text of code point p. Calls come with
// p never decreasing.
func (t *tokenizer) byteAt(p int) int {
	for t.next < len(t.wide) && t.wide[t.next].pos < p {
		t.extra = t.wide[t.next].extra
		t.next++
	}
	return p + t.extra
}

// rawToken is a Token whose Text is text[from:to]. Free of pointers, a
// builder's rawTokens cost the garbage collector nothing and pin no text.
type rawToken struct {
	Span
	from, to int
	kind     TokenKind
}

func (t *tokenizer) add(a, b int, k TokenKind) {
	from := t.byteAt(a)
	t.toks = append(t.toks, rawToken{Span: Span{a, b}, from: from, to: t.byteAt(b), kind: k})
}

// tokenize appends the tokens of paragraph p.
func (t *tokenizer) tokenize(p Span) {
	rs := t.rs
	singleOpen := false // an opening single quote is waiting for its close
	i := p.Start
	for i < p.End {
		r := rs[i]
		switch {
		case isSpace(r):
			i++
		case isLetter(r):
			j, k := scanWord(rs, i, p.End)
			// Split a final "'s" (possessive or clitic) into its own token.
			if j-i >= 3 && (rs[j-1] == 's' || rs[j-1] == 'S') && isApostrophe(rs[j-2]) {
				t.add(i, j-2, k)
				t.add(j-2, j, Word)
			} else {
				t.add(i, j, k)
			}
			i = j
		case isDigit(r):
			j := scanNumber(rs, i, p.End)
			if j < p.End && isLetter(rs[j]) { // "3D", "5G", "1990s", "2nd"
				for j < p.End && isAlnum(rs[j]) {
					j++
				}
				t.add(i, j, Word)
			} else {
				t.add(i, j, Number)
			}
			i = j
		case isApostrophe(r) || r == '‘' || r == '‛':
			i = t.singleQuote(p, i, &singleOpen)
		case isQuoteRune(r):
			t.add(i, i+1, QuoteMark)
			i++
		case r == '.':
			j := i
			for j < p.End && rs[j] == '.' {
				j++
			}
			if j-i >= 2 { // ".." or "..."
				t.add(i, j, Punct)
				i = j
			} else if i+1 < p.End && isDigit(rs[i+1]) && (i == p.Start || !isAlnum(rs[i-1])) { // ".5"
				j = scanNumber(rs, i+1, p.End)
				t.add(i, j, Number)
				i = j
			} else {
				t.add(i, i+1, Punct)
				i++
			}
		case isHyphen(r) || r == '–' || r == '—' || r == '―':
			j := i + 1
			for j < p.End && rs[j] == r {
				j++
			}
			t.add(i, j, Punct)
			i = j
		default:
			t.add(i, i+1, Punct)
			i++
		}
	}
}

// scanWord scans a word starting at the letter rs[i]. It returns the end
// and the kind (Word). Words keep internal apostrophes and hyphens followed
// by a letter or digit, letter-dot acronyms ("U.S.", "a.m."), and the period
// of a known abbreviation or a single-letter initial.
func scanWord(rs []rune, i, end int) (int, TokenKind) {
	j := i
	for j < end {
		if j = skipASCIIAlnum(rs, j, end); j == end {
			break
		}
		r := rs[j]
		if isAlnum(r) {
			j++
			continue
		}
		if (isApostrophe(r) || isHyphen(r) || r == '&') && j+1 < end && isAlnum(rs[j+1]) && j > i {
			if isApostrophe(r) && (rs[j+1] == 's' || rs[j+1] == 'S') && (j+2 >= end || !isAlnum(rs[j+2])) {
				// "'s" at the end: include it; the caller splits it off.
				j += 2
				return j, Word
			}
			if r == '&' && !(j-i <= 2 && isUpperRun(rs[i:j])) { // "AT&T", "S&P" only
				break
			}
			j++
			continue
		}
		break
	}
	if j < end && rs[j] == '.' {
		// Letter-dot acronym: single letters separated by periods ("U.S.", "a.m.", "U.S.A.").
		if j-i == 1 {
			k := j + 1
			for k+1 < end && isLetter(rs[k]) && rs[k+1] == '.' {
				k += 2
			}
			if k > j+1 {
				return k, Word // "U.S.", "a.m."
			}
			if unicode.IsUpper(rs[i]) && !(j+1 < end && rs[j+1] == '.') {
				return j + 1, Word // initial "J."
			}
		}
		if _, ok := lookupLowerRunes(abbrevs, rs[i:j]); ok && !(j+1 < end && rs[j+1] == '.') {
			return j + 1, Word
		}
	}
	return j, Word
}

// skipASCIIAlnum returns the end of the ASCII letters and digits from j, in
// a loop that calls nothing, the common case of scanWord.
func skipASCIIAlnum(rs []rune, j, end int) int {
	rs = rs[:end]
	for j < len(rs) && uint32(rs[j]) < utf8.RuneSelf && asciiClass[rs[j]]&(classLetter|classDigit) != 0 {
		j++
	}
	return j
}

func isUpperRun(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return len(rs) > 0
}

// scanNumber scans digits with internal separators: "1,000", "3.5", "10:30", "1/2".
func scanNumber(rs []rune, i, end int) int {
	j := i
	for j < end {
		if isDigit(rs[j]) {
			j++
			continue
		}
		if (rs[j] == ',' || rs[j] == '.' || rs[j] == ':' || rs[j] == '/') && j+1 < end && isDigit(rs[j+1]) && j > i {
			j++
			continue
		}
		break
	}
	return j
}

// singleQuote classifies a straight or curly single quote at i as an opening
// or closing quote mark, an elision ("'90s", "'em") or a possessive
// apostrophe, appends the token(s) and returns the next position.
func (t *tokenizer) singleQuote(p Span, i int, open *bool) int {
	rs := t.rs
	r := rs[i]
	prevAlnum := i > p.Start && isAlnum(rs[i-1])
	nextAlnum := i+1 < p.End && isAlnum(rs[i+1])
	prevSpace := i == p.Start || isSpace(rs[i-1]) || strings.ContainsRune("([{—–-\"“«", rs[i-1])
	switch {
	case r == '‘' || r == '‛' || (prevSpace && nextAlnum):
		// Elisions: "'90s", "'em", "'til", "'n'".
		if isApostrophe(r) && i+1 < p.End {
			if isDigit(rs[i+1]) {
				j := i + 1
				for j < p.End && isAlnum(rs[j]) {
					j++
				}
				if j-i == 3 || j-i == 4 && (rs[j-1] == 's') {
					t.add(i, j, Number)
					return j
				}
			}
			if elision, j := elisionAt(rs, i+1, p.End); elision && !*open {
				t.add(i, j, Word)
				return j
			}
		}
		*open = true
		t.add(i, i+1, QuoteMark)
		return i + 1
	case prevAlnum && !nextAlnum:
		if *open {
			*open = false
			t.add(i, i+1, QuoteMark)
			return i + 1
		}
		if rs[i-1] == 's' || rs[i-1] == 'S' {
			t.add(i, i+1, Punct) // plural possessive: "the Smiths'"
			return i + 1
		}
		t.add(i, i+1, QuoteMark)
		return i + 1
	default:
		if *open && !prevSpace {
			*open = false
		} else if prevSpace {
			*open = true
		}
		t.add(i, i+1, QuoteMark)
		return i + 1
	}
}

// elisionAt tells whether the letters at i (after an apostrophe) are "em",
// "til", "tis", "twas" or "cause", in any case, and returns where the
// letters end (after at most six).
func elisionAt(rs []rune, i, end int) (bool, int) {
	j := i
	for j < end && isLetter(rs[j]) && j-i < 6 {
		j++
	}
	if j < end && isLetter(rs[j]) {
		return false, j
	}
	var buf [6]byte
	w, ok := lowerASCIIRunes(buf[:], rs[i:j])
	if !ok {
		w = []byte(strings.ToLower(string(rs[i:j])))
	}
	switch string(w) {
	case "em", "til", "tis", "twas", "cause":
		return true, j
	}
	return false, j
}

// lowerASCIIRunes writes w lower-cased to buf when w is ASCII and fits,
// and reports whether it did (then the result equals strings.ToLower).
func lowerASCIIRunes(buf []byte, w []rune) ([]byte, bool) {
	if len(w) > len(buf) {
		return nil, false
	}
	for k, r := range w {
		if uint32(r) >= utf8.RuneSelf {
			return nil, false
		}
		c := byte(r)
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return buf[:len(w)], true
}

// lowerASCII is lowerASCIIRunes for a string.
func lowerASCII(buf []byte, s string) ([]byte, bool) {
	if len(s) > len(buf) {
		return nil, false
	}
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return buf[:len(s)], true
}

// lookupLowerRunes is m[strings.ToLower(string(w))] without allocating for
// short ASCII words.
func lookupLowerRunes(m map[string]bool, w []rune) (v, ok bool) {
	var buf [32]byte
	if b, ascii := lowerASCIIRunes(buf[:], w); ascii {
		v, ok = m[string(b)]
		return v, ok
	}
	v, ok = m[strings.ToLower(string(w))]
	return v, ok
}

// lookupLower is m[strings.ToLower(s)] without allocating for short ASCII
// strings.
func lookupLower(m map[string]bool, s string) (v, ok bool) {
	var buf [32]byte
	if b, ascii := lowerASCII(buf[:], s); ascii {
		v, ok = m[string(b)]
		return v, ok
	}
	v, ok = m[strings.ToLower(s)]
	return v, ok
}

// isQuoteRune tells whether r is one of the quote characters
// " “ ” ‘ ’ ' « » „ ‚ ‹ › (and the reversed-9 and full-width variants).
func isQuoteRune(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›', '‟', '‛', '＂':
		return true
	}
	return false
}
