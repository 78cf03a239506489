package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/newsquotes/newsquotes/internal/pipeline"
)

// cursor is the position in a listing, handed to clients as an opaque
// string: base64url(JSON) "." base64url(HMAC-SHA256(JSON)[:16]). Besides the
// signature, every field is checked against the listing it is presented to
// (kind, scope, key attribute names and partition), so a cursor can only
// resume the query it came from: never a different partition, never a scan.
type cursor struct {
	V     int               `json:"v"`
	Kind  string            `json:"q"` // which listing
	Scope string            `json:"p"` // its parameters (key, bounds, type)
	Key   map[string]string `json:"k,omitempty"`
	N     int               `json:"n,omitempty"` // QuotesByEntity: quotes consumed inside link Key
	Day   string            `json:"d,omitempty"` // RecentQuotes: the day being read
	Shard []shardPos        `json:"s,omitempty"` // RecentQuotes: position in each shard of Day
}

type shardPos struct {
	Done bool              `json:"x,omitempty"`
	Key  map[string]string `json:"k,omitempty"`
}

const maxCursorLen = 4096

func (s *Store) encodeCursor(c cursor) string {
	c.V = 1
	payload, err := json.Marshal(c)
	if err != nil { // maps of strings always marshal
		panic(err)
	}
	mac := hmac.New(sha256.New, s.cursorKey)
	mac.Write(payload)
	enc := base64.RawURLEncoding
	return enc.EncodeToString(payload) + "." + enc.EncodeToString(mac.Sum(nil)[:16])
}

// decodeCursor parses and authenticates a cursor issued for (kind, scope).
// "" means the first page and returns nil.
func (s *Store) decodeCursor(raw, kind, scope string) (*cursor, error) {
	if raw == "" {
		return nil, nil
	}
	if len(raw) > maxCursorLen {
		return nil, pipeline.ErrInvalidCursor
	}
	body, sig, ok := strings.Cut(raw, ".")
	if !ok {
		return nil, pipeline.ErrInvalidCursor
	}
	// Strict: trailing bits cannot be altered.
	enc := base64.RawURLEncoding.Strict()
	payload, err1 := enc.DecodeString(body)
	gotMAC, err2 := enc.DecodeString(sig)
	if err1 != nil || err2 != nil {
		return nil, pipeline.ErrInvalidCursor
	}
	// The decoder skips '\r' and '\n'; a cursor has exactly one spelling, the
	// one encodeCursor wrote, so anything else is not a cursor this store issued.
	if enc.EncodeToString(payload) != body || enc.EncodeToString(gotMAC) != sig {
		return nil, pipeline.ErrInvalidCursor
	}
	mac := hmac.New(sha256.New, s.cursorKey)
	mac.Write(payload)
	if !hmac.Equal(gotMAC, mac.Sum(nil)[:16]) {
		return nil, pipeline.ErrInvalidCursor
	}
	var c cursor
	dec := json.NewDecoder(strings.NewReader(string(payload)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil || c.V != 1 || c.Kind != kind || c.Scope != scope || c.N < 0 {
		return nil, pipeline.ErrInvalidCursor
	}
	return &c, nil
}

// keyShape is the key a listing's cursor must hold: exactly these
// attributes, all non-empty strings, the partition attribute equal to the
// partition being read.
type keyShape struct {
	attrs     []string
	partAttr  string
	partValue string
}

func (k keyShape) check(m map[string]string) (map[string]types.AttributeValue, error) {
	if len(m) != len(k.attrs) {
		return nil, pipeline.ErrInvalidCursor
	}
	out := make(map[string]types.AttributeValue, len(m))
	for _, a := range k.attrs {
		v, ok := m[a]
		if !ok || v == "" || len(v) > 1024 {
			return nil, pipeline.ErrInvalidCursor
		}
		out[a] = &types.AttributeValueMemberS{Value: v}
	}
	if k.partAttr != "" && m[k.partAttr] != k.partValue {
		return nil, pipeline.ErrInvalidCursor
	}
	return out, nil
}

// keyOf extracts a listing's key attributes from an item, for the next
// cursor.
func keyOf(item map[string]types.AttributeValue, attrs []string) map[string]string {
	out := make(map[string]string, len(attrs))
	for _, a := range attrs {
		if v, ok := item[a].(*types.AttributeValueMemberS); ok {
			out[a] = v.Value
		}
	}
	return out
}
