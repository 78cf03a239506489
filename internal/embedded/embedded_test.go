package embedded

import (
	"bytes"
	"compress/gzip"
	"testing"
)

func TestMustGunzip(t *testing.T) {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte("ferry\ttimes\n"))
	zw.Close()
	if got := string(MustGunzip("test", z.Bytes())); got != "ferry\ttimes\n" {
		t.Fatalf("MustGunzip = %q", got)
	}
	defer func() {
		if r := recover(); r == nil {
			t.Fatal("bad data did not panic")
		}
	}()
	MustGunzip("bad", []byte("not gzip"))
}
