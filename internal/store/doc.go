// Package store is the DynamoDB single-table adapter: articles, their quotes
// and entities, entity summaries, sources, source state and run locks, all in
// one table defined by package schema. Every read is a GetItem, Query or
// BatchGetItem on a known key; nothing on a request path scans. ARCHITECTURE.md (Storage)
// describes the keys, the indexes and which call serves each access pattern.
package store
