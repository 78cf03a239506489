package source

import (
	"net/url"
	"slices"
	"strings"
)

// trackingParams are query parameters that only say where a click came
// from; two links differing only in them are the same article.
var trackingParams = []string{
	"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "CMP",
	"at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
	"src", "ref", "ref_src", "smid", "share", "igshid", "ito", "__twitter_impression",
}

// NormalizeURL returns the canonical form of an absolute http(s) URL used
// to deduplicate links: lower-case scheme and host, no default port, no
// fragment, no tracking parameters, remaining parameters sorted, dot
// segments resolved. ok is false for anything that is not an absolute
// http(s) URL with a host.
//
// internal/article may grow its own normaliser; until then this is the
// one sources use.
func NormalizeURL(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", false
	}
	return normalize(u)
}

func normalize(u *url.URL) (string, bool) {
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", false
	}
	v := *u
	v.User = nil
	v.Fragment, v.RawFragment = "", ""
	host := strings.TrimSuffix(strings.ToLower(v.Hostname()), ".")
	if host == "" {
		return "", false
	}
	port := v.Port()
	if (v.Scheme == "http" && port == "80") || (v.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	v.Host = host
	// Resolve dot segments the way a browser would.
	if v.Path == "" {
		v.Path, v.RawPath = "/", ""
	} else {
		v = *v.ResolveReference(&url.URL{Path: v.Path, RawPath: v.RawPath, RawQuery: v.RawQuery})
		v.Fragment = ""
	}
	if v.RawQuery != "" {
		q, err := url.ParseQuery(v.RawQuery)
		if err == nil {
			for k := range q {
				if strings.HasPrefix(strings.ToLower(k), "utm_") || slices.Contains(trackingParams, k) {
					delete(q, k)
				}
			}
			v.RawQuery = q.Encode() // sorted by key
		}
	}
	v.ForceQuery = false
	return v.String(), true
}
