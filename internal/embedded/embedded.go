// Package embedded reads the data files built into the binary (go:embed).
package embedded

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
)

// MustGunzip inflates gzipped embedded data. The data is part of the
// build, so a failure is a broken build: it panics, naming what it read.
func MustGunzip(name string, z []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		panic(fmt.Sprintf("embedded data %s: %v", name, err))
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		panic(fmt.Sprintf("embedded data %s: %v", name, err))
	}
	return b
}
