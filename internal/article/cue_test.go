package article

import (
	"slices"
	"testing"
)

var cueSamples = []string{
	"",
	"Published on March 3, 2024 by Jane Doe",
	"PUBLISHED: 2024-03-03 · Last Updated: 2024-03-05",
	"Posted at 10:00. Updated on Tuesday. Date: today. Post time 9:00",
	"unpublished draft, reposted, update, dated, postdate, datePublished",
	"Written by Jane Doe, posted by John, published by Acme, current as of May",
	"Content current as of 3 May 2024; last modified 4 May; last  updated 5 May",
	"poſted on 1 May; poſted by x; Über-published; é-Published on; _date; 9date",
	"date date:date : date on  \t\n: posted on\nposted by",
	"\xffPublished\xe2\x80\x8bon posted",
}

// TestCueMatchesRegexp checks the cue's scan finds exactly what the
// regexp's own FindAll does.
func TestCueMatchesRegexp(t *testing.T) {
	for _, c := range []*cue{dateCue, bylineDateCue} {
		for _, s := range cueSamples {
			for _, n := range []int{1, 2, 20} {
				checkCue(t, c, s, n)
			}
		}
	}
}

func FuzzCue(f *testing.F) {
	for _, s := range cueSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkCue(t, dateCue, s, 20)
		checkCue(t, bylineDateCue, s, 20)
	})
}

func checkCue(t *testing.T, c *cue, s string, n int) {
	t.Helper()
	var got [][]int
	for loc := range c.all(s, n) {
		got = append(got, []int{loc[0], loc[1]})
	}
	want := c.re.FindAllStringIndex(s, n)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("%s in %q (n=%d): got %v, want %v", c.re, s, n, got, want)
	}
}
