package fetch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// Resolver looks up a host's addresses. *net.Resolver satisfies it; tests
// inject fakes to play DNS names that resolve to hostile addresses.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// nonPublic lists the ranges a guarded client never connects to: anything
// that is not a globally routed unicast address. Checked on the address
// actually dialled, after DNS, for every connection including redirects.
var nonPublic = mustPrefixes(
	// IPv4
	"0.0.0.0/8",       // "this network", includes 0.0.0.0
	"10.0.0.0/8",      // RFC 1918
	"100.64.0.0/10",   // CGNAT shared space
	"127.0.0.0/8",     // loopback
	"169.254.0.0/16",  // link-local, cloud metadata 169.254.169.254
	"172.16.0.0/12",   // RFC 1918
	"192.0.0.0/24",    // IETF protocol assignments
	"192.0.2.0/24",    // TEST-NET-1
	"192.88.99.0/24",  // 6to4 relay anycast
	"192.168.0.0/16",  // RFC 1918
	"198.18.0.0/15",   // benchmarking
	"198.51.100.0/24", // TEST-NET-2
	"203.0.113.0/24",  // TEST-NET-3
	"224.0.0.0/4",     // multicast
	"240.0.0.0/4",     // reserved, includes broadcast 255.255.255.255
	// IPv6
	"::/96",          // unspecified, loopback, deprecated IPv4-compatible
	"64:ff9b:1::/48", // local-use NAT64
	"100::/64",       // discard-only
	"2001::/32",      // Teredo (embeds an obfuscated client address)
	"2001:2::/48",    // benchmarking
	"2001:db8::/32",  // documentation
	"fc00::/7",       // unique local, includes AWS fd00:ec2::254
	"fe80::/10",      // link-local
	"fec0::/10",      // deprecated site-local
	"ff00::/8",       // multicast
)

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
	loopback4 = netip.MustParsePrefix("127.0.0.0/8")
)

func mustPrefixes(ss ...string) []netip.Prefix {
	ps := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		ps[i] = netip.MustParsePrefix(s)
	}
	return ps
}

// PublicAddr reports whether a is a global unicast address a guarded client
// may connect to. IPv6 forms that embed an IPv4 address (mapped, NAT64,
// 6to4) are judged by the embedded address.
func PublicAddr(a netip.Addr) bool {
	a = a.WithZone("")
	if a.Is4In6() {
		a = a.Unmap()
	}
	if a.Is6() {
		switch {
		case nat64.Contains(a):
			b := a.As16()
			return PublicAddr(netip.AddrFrom4([4]byte(b[12:16])))
		case sixToFour.Contains(a):
			b := a.As16()
			return PublicAddr(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	if !a.IsValid() || !a.IsGlobalUnicast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

func isLoopback(a netip.Addr) bool {
	a = a.WithZone("").Unmap()
	return a == netip.IPv6Loopback() || loopback4.Contains(a)
}

// addrAllowed is the connect-time policy.
func (c *Client) addrAllowed(ap netip.AddrPort) error {
	a := ap.Addr().WithZone("").Unmap()
	if c.cfg.DialAllow != nil && c.cfg.DialAllow(netip.AddrPortFrom(a, ap.Port())) {
		return nil
	}
	if c.cfg.AllowLoopback && isLoopback(a) {
		return nil // an explicit local run: its servers use any port
	}
	if !PublicAddr(a) {
		return blocked("address %s is not public", a)
	}
	if !c.portAllowed(int(ap.Port())) {
		return blocked("port %d not allowed", ap.Port())
	}
	return nil
}

func (c *Client) portAllowed(p int) bool {
	return slices.Contains(c.cfg.AllowedPorts, p)
}

// checkURL is the guard's check before any connection: scheme, credentials,
// port, and literal or numeric hosts. Names are checked again, by address,
// when dialled.
func (c *Client) checkURL(u *url.URL) error {
	switch u.Scheme {
	case "http", "https":
	default:
		return blocked("scheme %q not allowed", u.Scheme)
	}
	if u.User != nil {
		return blocked("credentials in URL")
	}
	host := u.Hostname()
	if host == "" {
		return blocked("no host")
	}
	port := defaultPort(u.Scheme)
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return blocked("bad port %q", p)
		}
		port = n
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if !a.IsValid() {
			return blocked("bad address %q", host)
		}
		return c.addrAllowed(netip.AddrPortFrom(a, uint16(port)))
	}
	// Hosts a browser would read as IPv4 in decimal, octal or hex
	// (http://2130706433/, http://0x7f.1/): no real site uses them, and
	// resolvers disagree about them, so refuse outright.
	if looksNumericIPv4(host) {
		return blocked("numeric host %q", host)
	}
	// With a dial hook or loopback allowed, the port is judged with the
	// address at connect time; otherwise refuse early, before DNS.
	if c.cfg.DialAllow == nil && !c.cfg.AllowLoopback && !c.portAllowed(port) {
		return blocked("port %d not allowed", port)
	}
	return nil
}

func defaultPort(scheme string) int {
	if scheme == "https" {
		return 443
	}
	return 80
}

// looksNumericIPv4 follows the WHATWG URL rule: a host whose last label is
// a number (decimal, 0x hex or octal) is an IPv4 address, not a DNS name.
func looksNumericIPv4(host string) bool {
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	last := labels[len(labels)-1]
	if last == "" {
		return false
	}
	if strings.HasPrefix(last, "0x") || strings.HasPrefix(last, "0X") {
		for _, r := range last[2:] {
			if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
				return false
			}
		}
		return true
	}
	for _, r := range last {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// dialContext resolves the host itself, refuses non-public addresses, and
// dials only addresses it has checked. The dialer's Control function checks
// the final socket address once more, so no path reaches connect(2)
// unchecked.
func (c *Client) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, blocked("bad port %q", portStr)
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		if looksNumericIPv4(host) {
			return nil, blocked("numeric host %q", host)
		}
		ipNet := "ip"
		switch network {
		case "tcp4":
			ipNet = "ip4"
		case "tcp6":
			ipNet = "ip6"
		}
		addrs, err = c.cfg.Resolver.LookupNetIP(ctx, ipNet, host)
		if err != nil {
			return nil, fmt.Errorf("resolve %s: %w", host, err)
		}
	}
	// IPv4 first: many networks (Lambda among them) have no IPv6 route.
	slices.SortStableFunc(addrs, func(x, y netip.Addr) int {
		return cmp.Compare(boolInt(!x.Unmap().Is4()), boolInt(!y.Unmap().Is4()))
	})
	var firstErr error
	for _, a := range addrs {
		ap := netip.AddrPortFrom(a.Unmap(), uint16(port))
		if err := c.addrAllowed(ap); err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("%s resolves to %s: %w", host, a, err)
			}
			continue
		}
		conn, err := c.dialer.DialContext(ctx, network, ap.String())
		if err == nil {
			return conn, nil
		}
		if errors.Is(err, ErrBlocked) || firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	if firstErr == nil {
		firstErr = fmt.Errorf("resolve %s: no addresses", host)
	}
	return nil, firstErr
}

// controlDial is net.Dialer.Control: the last check, on the socket address.
func (c *Client) controlDial(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return blocked("unparseable dial address %q", address)
	}
	return c.addrAllowed(ap)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
