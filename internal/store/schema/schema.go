// Package schema is the newsquotes DynamoDB table definition as plain data:
// key attributes, global secondary indexes and the TTL attribute. The store's
// CreateTable (tests, local runs) and the CDK stack both build the table from
// it, so there is one definition. It imports nothing from AWS on purpose: the
// CDK module and the Lambda code can both depend on it cheaply.
package schema

// AttrType is a DynamoDB scalar key attribute type.
type AttrType string

const (
	String AttrType = "S"
	Number AttrType = "N"
	Binary AttrType = "B"
)

// Projection says which attributes an index copies.
type Projection string

const (
	ProjectAll      Projection = "ALL"
	ProjectKeysOnly Projection = "KEYS_ONLY"
	ProjectInclude  Projection = "INCLUDE"
)

// Key is one key attribute.
type Key struct {
	Name string
	Type AttrType
}

// Index is a global secondary index.
type Index struct {
	Name             string
	PartitionKey     Key
	SortKey          Key // Name "" when the index has no sort key
	Projection       Projection
	NonKeyAttributes []string // only with ProjectInclude
}

// Table is the whole table definition.
type Table struct {
	PartitionKey Key
	SortKey      Key
	Indexes      []Index
	TTLAttribute string // epoch seconds; items past it are deleted by DynamoDB
}

// Attribute names of the table and index keys. Every item has PK and SK;
// index key attributes are set only on the items an index serves (sparse
// indexes), and their values are prefixed by item kind (overloaded indexes).
const (
	PK     = "PK"
	SK     = "SK"
	GSI1PK = "GSI1PK"
	GSI1SK = "GSI1SK"
	GSI2PK = "GSI2PK"
	GSI2SK = "GSI2SK"
	GSI3PK = "GSI3PK"
	TTL    = "ttl"
)

// Index names.
const (
	// GSI1 is overloaded: quotes by speaker (SPK#key), articles by source
	// (SRC#id), article links by entity (ENT#key), entity type-ahead
	// (EP#first letter). Sort keys are time#id (newest first) or the entity key.
	GSI1 = "GSI1"
	// GSI2 holds quotes by day, sharded: DAY#yyyy-mm-dd#shard, time#quote id.
	GSI2 = "GSI2"
	// GSI3 finds a quote's item from its id alone (keys only).
	GSI3 = "GSI3"
)

// Definition is the newsquotes table.
var Definition = Table{
	PartitionKey: Key{PK, String},
	SortKey:      Key{SK, String},
	Indexes: []Index{
		{Name: GSI1, PartitionKey: Key{GSI1PK, String}, SortKey: Key{GSI1SK, String}, Projection: ProjectAll},
		{Name: GSI2, PartitionKey: Key{GSI2PK, String}, SortKey: Key{GSI2SK, String}, Projection: ProjectAll},
		{Name: GSI3, PartitionKey: Key{GSI3PK, String}, Projection: ProjectKeysOnly},
	},
	TTLAttribute: TTL,
}

// AttributeDefinitions lists every key attribute of the table and its
// indexes once, as CreateTable and CDK need them.
func (t Table) AttributeDefinitions() []Key {
	seen := map[string]bool{}
	var out []Key
	add := func(k Key) {
		if k.Name != "" && !seen[k.Name] {
			seen[k.Name] = true
			out = append(out, k)
		}
	}
	add(t.PartitionKey)
	add(t.SortKey)
	for _, ix := range t.Indexes {
		add(ix.PartitionKey)
		add(ix.SortKey)
	}
	return out
}
