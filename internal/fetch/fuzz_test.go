package fetch

import (
	"errors"
	"net/netip"
	"net/url"
	"testing"
)

// FuzzCheckURL: whatever the URL, the pre-connect check never lets an
// address literal through unless it is public, and never panics.
func FuzzCheckURL(f *testing.F) {
	for _, u := range hostileURLs(8080) {
		f.Add(u)
	}
	for _, u := range []string{"https://example.com/a", "http://8.8.8.8/", "http://[2606:4700::1111]/", "http://0x08.8.8.8/"} {
		f.Add(u)
	}
	c := New(DefaultConfig())
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := url.Parse(raw)
		if err != nil {
			return
		}
		err = c.checkURL(u)
		if err != nil {
			if !errors.Is(err, ErrBlocked) {
				t.Fatalf("checkURL(%q) = %v, not ErrBlocked", raw, err)
			}
			return
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("scheme %q passed", u.Scheme)
		}
		a, err := netip.ParseAddr(u.Hostname())
		switch {
		case err == nil && !PublicAddr(a):
			t.Fatalf("non-public literal %s passed in %q", a, raw)
		case err != nil && looksNumericIPv4(u.Hostname()):
			t.Fatalf("non-canonical numeric host %q passed", u.Hostname())
		}
	})
}
