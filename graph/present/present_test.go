package present

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph/model"
	"github.com/newsgraph/newsgraph/kg"
)

func ptr[T any](v T) *T { return &v }

func TestFirstAndIntIn(t *testing.T) {
	ctx := WithLimits(context.Background(), Limits{MaxPageSize: 50})
	for _, c := range []struct {
		v    *int
		want int
		ok   bool
	}{{nil, 20, true}, {ptr(0), 20, true}, {ptr(50), 50, true}, {ptr(51), 0, false}, {ptr(-1), 0, false}} {
		got, err := First(ctx, "first", c.v, 20)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("First(%v) = %d, %v", c.v, got, err)
		}
		if err != nil && kg.ErrorCode(err) != kg.CodeBadUserInput {
			t.Errorf("code = %s", kg.ErrorCode(err))
		}
	}
	if LimitsFrom(context.Background()).MaxPageSize != DefaultLimits().MaxPageSize {
		t.Error("no limits in context should mean the defaults")
	}
}

func TestISODate(t *testing.T) {
	if got, err := ISODate("from", ptr(" 2024-06 ")); err != nil || got != "2024-06" {
		t.Fatalf("got %q, %v", got, err)
	}
	if got, err := ISODate("from", nil); err != nil || got != "" {
		t.Fatalf("nil: %q, %v", got, err)
	}
	_, err := ISODate("from", ptr("June"))
	if kg.ErrorCode(err) != kg.CodeBadUserInput || !strings.Contains(kg.ErrorMessage(err), "from") {
		t.Fatalf("err = %v", err)
	}
}

func TestEntityFilterKindShortcut(t *testing.T) {
	k := kg.KindCompany
	f, err := EntityFilter(&k, nil, nil)
	if err != nil || len(f.Kinds) != 1 || f.Kinds[0] != k {
		t.Fatalf("kind only: %+v %v", f, err)
	}
	f, err = EntityFilter(&k, &model.EntityFilter{Kinds: []kg.Kind{kg.KindCompany, kg.KindAgency}}, nil)
	if err != nil || len(f.Kinds) != 1 || f.Kinds[0] != k {
		t.Fatalf("intersection: %+v %v", f, err)
	}
	if _, err := EntityFilter(&k, &model.EntityFilter{Kinds: []kg.Kind{kg.KindAgency}}, nil); kg.ErrorCode(err) != kg.CodeBadUserInput {
		t.Fatalf("disjoint kinds: %v", err)
	}
}

func TestDocumentNodeName(t *testing.T) {
	long := strings.Repeat("x", 100)
	n := DocumentNode(&kg.Document{ID: "doc:1", Text: "\n  \n  " + long + "\nmore", PublishedAt: "2024-06-21"})
	if n.Name != strings.Repeat("x", 80) || n.Kind != kg.KindDocument || n.FirstSeen != "2024-06-21" {
		t.Fatalf("node = %+v", n)
	}
	if n := DocumentNode(&kg.Document{ID: "doc:2", Title: "T", Text: "body"}); n.Name != "T" {
		t.Fatalf("titled = %+v", n)
	}
}

func TestNodeWrapsEachKind(t *testing.T) {
	for _, k := range kg.Kinds {
		n := Node(&kg.Node{ID: "x", Kind: k}, nil)
		if n.Stored().Kind != k {
			t.Fatalf("%s wrapped as %T", k, n)
		}
	}
	if _, ok := Node(&kg.Node{ID: "x", Kind: "ALIEN"}, nil).(*model.Entity); !ok {
		t.Fatal("unknown kinds are shown as entities")
	}
}

func TestStatsLeavesOutEmptyTypes(t *testing.T) {
	s := Stats(&kg.Stats{Documents: 2, NodesByKind: map[kg.Kind]int{kg.KindCompany: 3}, EdgesByType: map[kg.RelType]int{kg.RelTargets: 4}})
	if s.Nodes != 3 || s.Edges != 4 || len(s.NodesByKind) != len(kg.Kinds) || len(s.EdgesByType) != 1 {
		t.Fatalf("stats = %+v", s)
	}
}
