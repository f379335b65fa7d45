package bench

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/synth"
)

func TestOps(t *testing.T) {
	cfg, _ := synth.Preset("smoke")
	c, err := synth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ops := Ops(NewSample(c, 40, 7))
	if !reflect.DeepEqual(ops, Ops(NewSample(c, 40, 7))) {
		t.Fatal("Ops is not deterministic")
	}
	if reflect.DeepEqual(ops, Ops(NewSample(c, 40, 8))) {
		t.Fatal("Ops ignores its seed")
	}
	wantNames := []string{OpCeiling, OpSearch, OpNeighborhood, OpPath, OpNested}
	for i, op := range ops {
		if op.Name != wantNames[i] {
			t.Fatalf("op %d is %q, want %q", i, op.Name, wantNames[i])
		}
		if i > 0 && (len(op.Bodies) < 30 || len(op.Bodies) > 40) {
			t.Errorf("%s: %d bodies, want about 40", op.Name, len(op.Bodies))
		}
		distinct := map[string]bool{}
		for _, b := range op.Bodies {
			var req struct {
				Query     string         `json:"query"`
				Variables map[string]any `json:"variables"`
			}
			if err := json.Unmarshal(b, &req); err != nil || req.Query == "" {
				t.Fatalf("%s: body %s: %v", op.Name, b, err)
			}
			for k, v := range req.Variables {
				if s, _ := v.(string); s == "" || !strings.Contains(req.Query, "$"+k) {
					t.Fatalf("%s: variable %s=%v not used or empty", op.Name, k, v)
				}
			}
			if req.Variables["from"] != nil && req.Variables["from"] == req.Variables["to"] {
				t.Fatalf("path from a node to itself")
			}
			distinct[string(b)] = true
		}
		if i > 0 && len(distinct) < len(op.Bodies)/2 {
			t.Errorf("%s: only %d distinct requests of %d", op.Name, len(distinct), len(op.Bodies))
		}
	}
}

func TestSelect(t *testing.T) {
	ops := []Op{{Name: OpCeiling}, {Name: OpSearch}, {Name: OpNeighborhood}, {Name: OpPath}, {Name: OpNested}}
	tests := []struct {
		names []string
		want  []string
	}{
		{nil, []string{OpCeiling, OpSearch, OpNeighborhood, OpPath, OpNested}},
		{[]string{"neighborhood"}, []string{OpCeiling, OpNeighborhood}},
		{[]string{"path", "nested"}, []string{OpCeiling, OpPath, OpNested}},
		{[]string{"nothing"}, []string{OpCeiling}},
	}
	for _, tt := range tests {
		var got []string
		for _, op := range Select(ops, tt.names) {
			got = append(got, op.Name)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Select(%v) = %v, want %v", tt.names, got, tt.want)
		}
	}
	store := SelectStore([]StoreOp{{Name: "store " + OpSearch}, {Name: "store " + OpPath}}, []string{"path"})
	if len(store) != 1 || store[0].Name != "store "+OpPath {
		t.Errorf("SelectStore kept %v, want only the path operation", store)
	}
}
