package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// trap is a loopback listener that counts the connections it accepts: a
// hostile URL that got through the guard would land here.
type trap struct {
	port     int
	accepted atomic.Int64
}

func newTrap(t *testing.T) *trap {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tr := &trap{port: ln.Addr().(*net.TCPAddr).Port}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			tr.accepted.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return tr
}

// fakeResolver answers from a table and refuses everything else, so no
// test depends on real DNS. "localhost" goes to the system resolver, as
// it would in production.
type fakeResolver map[string][]string

func (f fakeResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" {
		return net.DefaultResolver.LookupNetIP(ctx, network, host)
	}
	ss, ok := f[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	var out []netip.Addr
	for _, s := range ss {
		out = append(out, netip.MustParseAddr(s))
	}
	return out, nil
}

// hostileNames resolve to addresses the guard must refuse.
var hostileNames = fakeResolver{
	"localhost.test":   {"127.0.0.1"},
	"127.0.0.1.nip.io": {"127.0.0.1"},
	"metadata.test":    {"169.254.169.254"},
	"ec2v6.test":       {"fd00:ec2::254"},
	"mixed.test":       {"10.0.0.7", "127.0.0.1"}, // rebinding-style: several private answers
	"v6loop.test":      {"::1", "::ffff:127.0.0.1"},
	"nat64.test":       {"64:ff9b::7f00:1"},
	"sixtofour.test":   {"2002:7f00:1::1"},
	"cgnat.test":       {"100.64.0.1"},
	"private.test":     {"192.168.0.10"},
	"public.test":      {"93.184.216.34"}, // only for port checks: never dialled
	// Names that resolve to the metadata service inside clouds.
	"instance-data":              {"169.254.169.254"},
	"instance-data.ec2.internal": {"169.254.169.254"},
	"metadata.google.internal":   {"169.254.169.254"},
	"169.254.169.254.nip.io":     {"169.254.169.254"},
}

// guardedClient is a strict client (AllowLoopback false) whose resolver
// knows the hostile names, and, when srv is set, maps news.test to that
// test server and admits exactly its address.
func guardedClient(t *testing.T, tr *trap, srv *httptest.Server) *Client {
	t.Helper()
	res := fakeResolver{}
	for k, v := range hostileNames {
		res[k] = v
	}
	cfg := DefaultConfig()
	cfg.RespectRobots = false
	cfg.Timeout = 2 * time.Second
	cfg.Retries = 0
	cfg.PerHostRate = 1000
	cfg.AllowedPorts = []int{80, 443, tr.port}
	cfg.Resolver = res
	if srv != nil {
		ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
		res["news.test"] = []string{ap.Addr().String()}
		cfg.AllowedPorts = append(cfg.AllowedPorts, int(ap.Port()))
		cfg.DialAllow = func(a netip.AddrPort) bool { return a == ap }
	}
	return New(cfg)
}

func hostileURLs(p int) []string {
	P := strconv.Itoa(p)
	return []string{
		"http://127.0.0.1:" + P + "/",
		"http://localhost:" + P + "/",
		"http://LOCALHOST:" + P + "/",
		"http://localhost.:" + P + "/",
		"http://2130706433:" + P + "/",
		"http://0x7f000001:" + P + "/",
		"http://0x7f.1:" + P + "/",
		"http://0177.0.0.1:" + P + "/",
		"http://017700000001:" + P + "/",
		"http://127.1:" + P + "/",
		"http://0:" + P + "/",
		"http://0x0a.0x00.0x00.0x01/",
		"http://0.0.0.0:" + P + "/",
		"http://[::]:" + P + "/",
		"http://[::1]:" + P + "/",
		"http://[::ffff:127.0.0.1]:" + P + "/",
		"http://[::ffff:7f00:1]:" + P + "/",
		"http://[0:0:0:0:0:ffff:127.0.0.1]:" + P + "/",
		"http://[::127.0.0.1]:" + P + "/",
		"http://[64:ff9b::127.0.0.1]:" + P + "/",
		"http://[2002:7f00:1::]:" + P + "/",
		"http://[::ffff:a9fe:a9fe]/latest/meta-data/",
		"http://[0:0:0:0:0:ffff:a9fe:a9fe]/latest/meta-data/",
		"http://0251.0376.0251.0376/latest/meta-data/",
		"http://0xa9fea9fe/latest/meta-data/",
		"http://instance-data/latest/meta-data/",
		"http://instance-data.ec2.internal/latest/meta-data/",
		"http://metadata.google.internal/computeMetadata/v1/",
		"http://169.254.169.254.nip.io/latest/meta-data/",
		"http://example.com@127.0.0.1:" + P + "/",
		"http://127.0.0.1:" + P + "@example.com/",
		"http://user:pass@news.example.com/",
		"http://169.254.169.254/latest/meta-data/iam/security-credentials/",
		"http://[fd00:ec2::254]/latest/meta-data/",
		"http://10.0.0.1/",
		"http://172.16.0.1/",
		"http://172.31.255.255/",
		"http://192.168.1.1/",
		"http://100.64.0.1/",
		"http://192.0.0.8/",
		"http://198.18.0.1/",
		"http://224.0.0.1/",
		"http://240.0.0.1/",
		"http://255.255.255.255/",
		"http://[fe80::1%25eth0]/",
		"http://[fc00::1]/",
		"http://[ff02::1]/",
		"http://localhost.test:" + P + "/",
		"http://127.0.0.1.nip.io:" + P + "/",
		"http://metadata.test/latest/meta-data/",
		"http://ec2v6.test/latest/meta-data/",
		"http://mixed.test:" + P + "/",
		"http://v6loop.test:" + P + "/",
		"http://nat64.test:" + P + "/",
		"http://sixtofour.test:" + P + "/",
		"http://cgnat.test/",
		"http://private.test/",
		"file:///etc/passwd",
		"gopher://127.0.0.1:" + P + "/_GET",
		"dict://127.0.0.1:" + P + "/info",
		"ftp://example.com/",
		"javascript:alert(1)",
		"http://example.com:22/",
		"https://example.com:8443/",
		"http://example.com:0/",
		"http:///nohost",
	}
}

func TestGuardBlocksHostileURLs(t *testing.T) {
	tr := newTrap(t)
	c := guardedClient(t, tr, nil)
	urls := hostileURLs(tr.port)
	for _, u := range urls {
		t.Run(u, func(t *testing.T) {
			resp, err := c.Get(context.Background(), u, Conditional{})
			if err == nil {
				t.Fatalf("got %d, want an error", resp.StatusCode)
			}
			if !errors.Is(err, ErrBlocked) {
				t.Errorf("err = %v, want ErrBlocked", err)
			}
		})
	}
	if n := tr.accepted.Load(); n != 0 {
		t.Fatalf("%d connections reached the loopback trap", n)
	}
	t.Logf("%d hostile URLs tried, none connected", len(urls))
}

func TestGuardBlocksHostileRedirects(t *testing.T) {
	tr := newTrap(t)
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		switch r.URL.Path {
		case "/ok":
			fmt.Fprint(w, "fine")
		case "/hop":
			http.Redirect(w, r, "/redirect?code=302&to="+url.QueryEscape(r.URL.Query().Get("to")), http.StatusFound)
		case "/redirect":
			code, _ := strconv.Atoi(r.URL.Query().Get("code"))
			w.Header().Set("Location", r.URL.Query().Get("to"))
			w.WriteHeader(code)
		}
	}))
	t.Cleanup(srv.Close)
	c := guardedClient(t, tr, srv)
	base := "http://news.test:" + strconv.Itoa(srv.Listener.Addr().(*net.TCPAddr).Port)

	// The allowed server is reachable through the guard.
	resp, err := c.Get(context.Background(), base+"/ok", Conditional{})
	if err != nil || string(resp.Body) != "fine" {
		t.Fatalf("allowed server: %v", err)
	}

	P := strconv.Itoa(tr.port)
	targets := []string{
		"http://127.0.0.1:" + P + "/",
		"//127.0.0.1:" + P + "/",
		"http://localhost:" + P + "/",
		"http://localhost.test:" + P + "/",
		"http://[::1]:" + P + "/",
		"http://[::ffff:127.0.0.1]:" + P + "/",
		"http://2130706433:" + P + "/",
		"http://0x7f.1:" + P + "/",
		"http://169.254.169.254/latest/meta-data/",
		"http://metadata.test/latest/meta-data/",
		"http://[fd00:ec2::254]/latest/meta-data/",
		"http://mixed.test:" + P + "/",
		"http://example.com@127.0.0.1:" + P + "/",
		"file:///etc/passwd",
		"gopher://127.0.0.1:" + P + "/",
		"http://news.test:22/",
	}
	n := 0
	for _, to := range targets {
		for _, code := range []int{301, 302, 303, 307, 308} {
			for _, path := range []string{"/redirect?code=" + strconv.Itoa(code) + "&", "/hop?"} {
				if path == "/hop?" && code != 302 {
					continue
				}
				u := base + path + "to=" + url.QueryEscape(to)
				n++
				before := served.Load()
				_, err := c.Get(context.Background(), u, Conditional{})
				if !errors.Is(err, ErrBlocked) {
					t.Errorf("%s: err = %v, want ErrBlocked", u, err)
				}
				if served.Load() == before {
					t.Errorf("%s: the allowed server was never reached", u)
				}
			}
		}
	}
	if got := tr.accepted.Load(); got != 0 {
		t.Fatalf("%d connections reached the loopback trap", got)
	}
	t.Logf("%d hostile redirect chains tried, none connected", n)
}

// The environment's proxy would dial on our behalf, past the guard.
func TestGuardIgnoresProxyEnvironment(t *testing.T) {
	tr := newTrap(t)
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:"+strconv.Itoa(tr.port))
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:"+strconv.Itoa(tr.port))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "direct") }))
	t.Cleanup(srv.Close)
	c := guardedClient(t, tr, srv)
	resp, err := c.Get(context.Background(), "http://news.test:"+strconv.Itoa(srv.Listener.Addr().(*net.TCPAddr).Port)+"/", Conditional{})
	if err != nil || string(resp.Body) != "direct" {
		t.Fatalf("Get = %v", err)
	}
	if n := tr.accepted.Load(); n != 0 {
		t.Fatalf("%d connections went to the proxy", n)
	}
}

// AllowLoopback opens loopback only; private and metadata stay closed.
func TestAllowLoopbackIsNarrow(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "local") }))
	t.Cleanup(srv.Close)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	cfg := DefaultConfig()
	cfg.RespectRobots = false
	cfg.AllowLoopback = true
	cfg.AllowedPorts = []int{port, 80}
	cfg.Resolver = hostileNames
	c := New(cfg)
	if _, err := c.Get(context.Background(), srv.URL, Conditional{}); err != nil {
		t.Fatalf("loopback with AllowLoopback: %v", err)
	}
	for _, u := range []string{"http://169.254.169.254/", "http://10.0.0.1/", "http://cgnat.test/", "http://[fd00:ec2::254]/"} {
		if _, err := c.Get(context.Background(), u, Conditional{}); !errors.Is(err, ErrBlocked) {
			t.Errorf("%s: err = %v, want ErrBlocked", u, err)
		}
	}
	// Public addresses keep the port rule.
	if _, err := c.Get(context.Background(), "http://public.test:22/", Conditional{}); !errors.Is(err, ErrBlocked) || !strings.Contains(err.Error(), "port 22") {
		t.Errorf("public port 22: err = %v, want ErrBlocked for the port", err)
	}
	// Loopback on any port: a local demo site on :8080 is reachable.
	cfg.AllowedPorts = nil
	c = New(cfg)
	if _, err := c.Get(context.Background(), srv.URL, Conditional{}); err != nil {
		t.Errorf("loopback on port %d with AllowLoopback: %v", port, err)
	}
}

func TestPublicAddr(t *testing.T) {
	for _, tc := range []struct {
		addr string
		want bool
	}{
		{"8.8.8.8", true},
		{"93.184.216.34", true},
		{"2606:4700::1111", true},
		{"::ffff:8.8.8.8", true},
		{"64:ff9b::808:808", true},
		{"2002:808:808::1", true},
		{"127.0.0.1", false},
		{"10.1.2.3", false},
		{"172.20.0.1", false},
		{"192.168.0.1", false},
		{"169.254.169.254", false},
		{"100.127.255.254", false},
		{"0.1.2.3", false},
		{"192.0.0.170", false},
		{"198.19.255.255", false},
		{"203.0.113.5", false},
		{"239.255.255.250", false},
		{"255.255.255.255", false},
		{"::", false},
		{"::1", false},
		{"::ffff:10.0.0.1", false},
		{"::10.0.0.1", false},
		{"64:ff9b::a9fe:a9fe", false},
		{"64:ff9b:1::1", false},
		{"2002:a00:1::", false},
		{"2001::1", false},
		{"2001:db8::1", false},
		{"fc00::1", false},
		{"fd00:ec2::254", false},
		{"fe80::1", false},
		{"fec0::1", false},
		{"ff02::1", false},
	} {
		if got := PublicAddr(netip.MustParseAddr(tc.addr)); got != tc.want {
			t.Errorf("PublicAddr(%s) = %v, want %v", tc.addr, got, tc.want)
		}
	}
}

// The dialer's Control hook is the last line: it sees the socket address.
func TestControlDial(t *testing.T) {
	c := New(DefaultConfig())
	for addr, wantErr := range map[string]bool{
		"127.0.0.1:80":         true,
		"[::1]:443":            true,
		"169.254.169.254:80":   true,
		"[fd00:ec2::254]:80":   true,
		"93.184.216.34:443":    false,
		"93.184.216.34:8080":   true,
		"[2606:4700::1111]:80": false,
		"[::ffff:10.0.0.1]:80": true,
		"not-an-address":       true,
	} {
		if err := c.controlDial("tcp", addr, nil); (err != nil) != wantErr {
			t.Errorf("controlDial(%s) = %v, want error %v", addr, err, wantErr)
		}
	}
}

// flipResolver answers with the allowed server first, then with another
// address: DNS rebinding. The guard checks the address of every dial, so
// the second answer is refused even though the name passed before.
type flipResolver struct {
	calls  atomic.Int64
	first  netip.Addr
	second netip.Addr
}

func (f *flipResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if host != "rebind.test" {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	if f.calls.Add(1) == 1 {
		return []netip.Addr{f.first}, nil
	}
	return []netip.Addr{f.second}, nil
}

func TestGuardDNSRebinding(t *testing.T) {
	// The server closes every connection, so each Get dials (and resolves)
	// again. The trap listens on the same port on another loopback address.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		fmt.Fprint(w, "ok")
	}))
	t.Cleanup(srv.Close)
	ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
	ln, err := net.Listen("tcp", netip.AddrPortFrom(netip.MustParseAddr("127.0.0.2"), ap.Port()).String())
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	var trapped atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			trapped.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })

	res := &flipResolver{first: ap.Addr(), second: netip.MustParseAddr("127.0.0.2")}
	cfg := DefaultConfig()
	cfg.RespectRobots = false
	cfg.Retries = 0
	cfg.PerHostRate = 1000
	cfg.AllowedPorts = []int{int(ap.Port())}
	cfg.Resolver = res
	cfg.DialAllow = func(a netip.AddrPort) bool { return a == ap }
	c := New(cfg)
	u := "http://rebind.test:" + strconv.Itoa(int(ap.Port())) + "/"
	if _, err := c.Get(context.Background(), u, Conditional{}); err != nil {
		t.Fatalf("first lookup (the allowed server): %v", err)
	}
	if _, err := c.Get(context.Background(), u, Conditional{}); !errors.Is(err, ErrBlocked) {
		t.Fatalf("after rebinding: err = %v, want ErrBlocked", err)
	}
	if res.calls.Load() < 2 {
		t.Fatalf("resolver called %d times; the test needs a second dial", res.calls.Load())
	}
	if n := trapped.Load(); n != 0 {
		t.Fatalf("%d connections reached the rebinding target", n)
	}
}
