package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// DecodeList reads a JSON array of sources (the shape of
// sources.example.json), refusing unknown fields, invalid sources and
// duplicate ids, so a typo in a file fails loudly instead of silently
// collecting nothing.
func DecodeList(r io.Reader) ([]Source, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var srcs []Source
	if err := dec.Decode(&srcs); err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	if dec.More() {
		return nil, errors.New("sources: trailing data after the JSON array")
	}
	var errs []error
	seen := map[string]bool{}
	for i, s := range srcs {
		if err := s.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("#%d: %w", i, err))
		}
		if seen[s.ID] {
			errs = append(errs, fmt.Errorf("#%d: duplicate id %q", i, s.ID))
		}
		seen[s.ID] = true
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("sources: %w", errors.Join(errs...))
	}
	return srcs, nil
}

// LoadFile reads a sources file with DecodeList.
func LoadFile(path string) ([]Source, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	srcs, err := DecodeList(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return srcs, nil
}
