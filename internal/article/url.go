package article

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// not a page. Two URLs that differ only in these are the same article.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gclsrc": true, "msclkid": true,
	"mc_cid": true, "mc_eid": true, "ref_src": true, "ref_url": true,
	"igshid": true, "yclid": true, "twclid": true, "_ga": true, "_gl": true,
	"mkt_tok": true, "oly_enc_id": true, "oly_anon_id": true, "vero_id": true,
	"__twitter_impression": true, "cmpid": true, "ocid": true, "smid": true,
	"sr_share": true, "wt.mc_id": true, "s_cid": true, "ncid": true,
}

// trackingPrefixes mark families of campaign parameters.
var trackingPrefixes = []string{"utm_", "pk_", "mtm_", "hsa_", "_hs"}

// NormalizeURL returns raw in a canonical form: scheme and host lower-cased,
// the default port, the fragment and tracking parameters removed, an empty
// path made "/". Other query parameters keep their order, because some sites
// route on them. Only absolute http(s) URLs are accepted.
func NormalizeURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("normalize url %q: %w", raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("normalize url %q: not an http(s) URL", raw)
	}
	if u.Host == "" {
		return "", fmt.Errorf("normalize url %q: no host", raw)
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimRight(host, ".")
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		u.Host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		u.Host = "[" + host + "]" // IPv6 literal
	} else {
		u.Host = host
	}
	u.Fragment, u.RawFragment = "", ""
	u.User = nil
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	if u.RawQuery != "" {
		u.RawQuery = stripTracking(u.RawQuery)
	}
	u.ForceQuery = false
	return u.String(), nil
}

// stripTracking drops tracking parameters and empty ones from a raw query,
// keeping the rest in order, byte for byte but for spaces, which are
// escaped so that normalising twice gives the same URL.
func stripTracking(rawQuery string) string {
	parts := strings.Split(rawQuery, "&")
	kept := parts[:0]
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			continue
		}
		p = strings.ReplaceAll(p, " ", "%20")
		key := p
		if i := strings.IndexByte(p, '='); i >= 0 {
			key = p[:i]
		}
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		if isTracking(strings.ToLower(key)) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

func isTracking(key string) bool {
	if trackingParams[key] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

func parseBase(pageURL string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(pageURL))
	if err != nil || !u.IsAbs() {
		return nil
	}
	return u
}

// resolve makes ref absolute against base; "" when it cannot.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		r = base.ResolveReference(r)
	}
	if !r.IsAbs() {
		return ""
	}
	return r.String()
}

// canonicalURL picks the first candidate that resolves and normalises, else
// the normalised page URL, else the page URL as given.
func canonicalURL(candidates []string, pageURL string) string {
	base := parseBase(pageURL)
	for _, c := range candidates {
		if abs := resolve(base, c); abs != "" {
			if n, err := NormalizeURL(abs); err == nil {
				return n
			}
		}
	}
	if n, err := NormalizeURL(pageURL); err == nil {
		return n
	}
	return pageURL
}
