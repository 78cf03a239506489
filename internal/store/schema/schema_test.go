package schema

import "testing"

func TestAttributeDefinitionsCoverEveryKeyOnce(t *testing.T) {
	defs := Definition.AttributeDefinitions()
	seen := map[string]bool{}
	for _, d := range defs {
		if seen[d.Name] {
			t.Errorf("%s defined twice", d.Name)
		}
		seen[d.Name] = true
	}
	keys := []Key{Definition.PartitionKey, Definition.SortKey}
	for _, ix := range Definition.Indexes {
		keys = append(keys, ix.PartitionKey)
		if ix.SortKey.Name != "" {
			keys = append(keys, ix.SortKey)
		}
		if ix.Projection == ProjectInclude && len(ix.NonKeyAttributes) == 0 {
			t.Errorf("%s: INCLUDE projection without attributes", ix.Name)
		}
	}
	for _, k := range keys {
		if !seen[k.Name] {
			t.Errorf("key %s missing from attribute definitions", k.Name)
		}
	}
	if len(defs) != len(seen) || len(seen) != 7 {
		t.Errorf("got %d attribute definitions, want 7", len(defs))
	}
}
