package graph_test

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph/generated"
	"github.com/newsgraph/newsgraph/graph/resolvers"
)

// TestSchemaIsDocumented keeps every type, field, input field and enum
// value described: the schema is the API's reference documentation.
func TestSchemaIsDocumented(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{Resolvers: resolvers.NewResolver(nil, nil, nil, nil)}).Schema()
	for name, def := range s.Types {
		if strings.HasPrefix(name, "__") || def.BuiltIn {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			t.Errorf("type %s has no description", name)
		}
		for _, f := range def.Fields {
			if !strings.HasPrefix(f.Name, "__") && strings.TrimSpace(f.Description) == "" {
				t.Errorf("field %s.%s has no description", name, f.Name)
			}
		}
		for _, v := range def.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				t.Errorf("enum value %s.%s has no description", name, v.Name)
			}
		}
	}
}
