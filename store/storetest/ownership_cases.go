package storetest

import (
	"encoding/json"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

func init() {
	addGroup("Ownership",
		testCase{"MutateReturnedValues", testMutateReturnedValues},
	)
}

// Answers holds what every read method of kg.Store returned for the same
// questions about a store seeded with the fixtures (Base or Corpus).
type Answers struct {
	Nodes        []*kg.Node
	Summaries    []*kg.Node
	Documents    []*kg.Document
	Found        []kg.Document
	Lookup       []kg.Node
	Search       []kg.SearchHit
	Entities     kg.NodePage
	EdgesOf      map[string][]kg.Edge
	EdgePages    map[string]kg.EdgeWindowPage
	Edges        kg.EdgePage
	Neighborhood *kg.Subgraph
	Shortest     *kg.Path
	Paths        []kg.Path
	Timeline     []kg.TimelineItem
	Stats        *kg.Stats
}

// ReadAnswers asks st every read question of Answers: two stores that
// hold the same graph give equal Answers.
func ReadAnswers(t *testing.T, st kg.Store) *Answers {
	t.Helper()
	return readAnswers(t, st, nil)
}

// readAnswers is ReadAnswers leaving out the reads of the contract groups
// skip names (a backend's known deviations: a read that fails there).
func readAnswers(t *testing.T, st kg.Store, skip map[string]string) *Answers {
	t.Helper()
	var a Answers
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	var err error
	ids := []string{Commerce, Kaspersky, Ban, Raimondo, DateEO, Acme}
	a.Nodes, err = st.Nodes(bg, ids)
	must("Nodes", err)
	a.Summaries, err = st.Summaries(bg, ids)
	must("Summaries", err)
	a.Documents, err = st.Documents(bg, []string{D1, D2, D3, D4})
	must("Documents", err)
	a.Found, err = st.FindDocuments(bg, kg.DocumentQuery{Bands: []string{"band-a", "band-b", "band-c", "band-d"}, Cluster: D1})
	must("FindDocuments", err)
	a.Lookup, err = st.Lookup(bg, "", "Kaspersky")
	must("Lookup", err)
	a.Search, err = st.Search(bg, kg.SearchQuery{Text: "Kasp"})
	must("Search", err)
	a.Entities, err = st.Entities(bg, kg.EntityFilter{}, kg.Page{First: 50})
	must("Entities", err)
	a.EdgesOf, err = st.EdgesOf(bg, ids, kg.EdgeFilter{Types: kg.RelTypes})
	must("EdgesOf", err)
	a.EdgePages, err = st.EdgePages(bg, ids, kg.EdgeFilter{Types: kg.RelTypes}, kg.EdgeWindow{First: 10})
	must("EdgePages", err)
	a.Edges, err = st.Edges(bg, kg.EdgeQuery{Types: kg.RelTypes}, kg.Page{First: 100})
	must("Edges", err)
	if _, skipped := skip["Neighborhood"]; !skipped {
		a.Neighborhood, err = st.Neighborhood(bg, kg.NeighborhoodQuery{ID: Commerce, Depth: 2})
		must("Neighborhood", err)
	}
	if _, skipped := skip["Paths"]; !skipped {
		a.Shortest, err = st.ShortestPath(bg, Commerce, Raimondo, 4)
		must("ShortestPath", err)
		a.Paths, err = st.Paths(bg, kg.PathsQuery{From: Commerce, To: Kaspersky, MaxLength: 3})
		must("Paths", err)
	}
	a.Timeline, err = st.Timeline(bg, kg.TimelineQuery{})
	must("Timeline", err)
	a.Stats, err = st.Stats(bg)
	must("Stats", err)
	return &a
}

// testMutateReturnedValues checks that what the store returns is the
// caller's: every string, number, slice element and map entry of every
// answer is overwritten (strings with fresh heap strings), every slice
// and map grown, collections forced, and the same questions asked again
// must get the answers they got before.
func testMutateReturnedValues(t *testing.T, s *suite) {
	st := s.seeded(t)
	for _, g := range []string{"Neighborhood", "Paths"} {
		if r, skipped := s.opts.Skip[g]; skipped {
			t.Logf("%s reads left out: %s", g, r)
		}
	}
	got := readAnswers(t, st, s.opts.Skip)
	if _, skipped := s.opts.Skip["Neighborhood"]; !skipped && got.Neighborhood != nil {
		// Edge summaries carry counts and a marker rather than lists: the
		// mutation below must reach those too.
		if !slices.ContainsFunc(got.Neighborhood.Edges, func(e *kg.Edge) bool { return e.Summary && e.EvidenceCount > 0 }) {
			t.Fatalf("Neighborhood: no edge summary with evidence among %d edges", len(got.Neighborhood.Edges))
		}
	}
	// want shares nothing with what the store returned.
	want := deepCopy(reflect.ValueOf(got)).Interface().(*Answers)
	m := &mutator{}
	m.mutate(reflect.ValueOf(got).Elem())
	if m.strings == 0 || m.slices == 0 || m.maps == 0 {
		t.Fatalf("mutated %d strings, %d slices, %d maps: the answers are empty", m.strings, m.slices, m.maps)
	}
	for range 3 {
		runtime.GC()
	}
	again := readAnswers(t, st, s.opts.Skip)
	for i, f := range reflect.VisibleFields(reflect.TypeFor[Answers]()) {
		if x, y := reflect.ValueOf(want).Elem().Field(i), reflect.ValueOf(again).Elem().Field(i); !reflect.DeepEqual(x.Interface(), y.Interface()) {
			t.Errorf("%s changed after the caller changed its copy:\n got %s\nwant %s", f.Name, brief(y.Interface()), brief(x.Interface()))
		}
	}
}

// brief is v as JSON, cut to a few hundred bytes for a failure message.
func brief(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	if len(b) > 400 {
		b = append(b[:400], "..."...)
	}
	return string(b)
}

// mutator overwrites every value it can reach.
type mutator struct{ strings, slices, maps int }

// fresh returns a new string on the heap, never a constant.
func (m *mutator) fresh() string {
	m.strings++
	return "caller's " + strings.Repeat("x", 16) + strconv.Itoa(m.strings)
}

func (m *mutator) mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			m.mutate(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				m.mutate(f)
			}
		}
	case reflect.String:
		v.SetString(m.fresh())
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(v.Int() + 1)
	case reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		m.slices++
		for i := range v.Len() {
			m.mutate(v.Index(i))
		}
		// Grow it in place when it has room: a slice that shares its
		// array with the store would write the store's next element.
		if v.Len() < v.Cap() {
			v.SetLen(v.Len() + 1)
			m.mutate(v.Index(v.Len() - 1))
		} else {
			v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		m.maps++
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			m.mutate(e)
			v.SetMapIndex(k, e)
		}
		if v.Type().Key().Kind() == reflect.String {
			k := reflect.New(v.Type().Key()).Elem()
			k.SetString(m.fresh())
			v.SetMapIndex(k, reflect.Zero(v.Type().Elem()))
		}
	}
}

// deepCopy returns a copy of v that shares no pointer, slice or map with
// it (strings aside, which cannot be changed in place).
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(deepCopy(v.Elem()))
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v) // unexported fields (a time's) as they are
		for i := range v.NumField() {
			if c.Field(i).CanSet() {
				c.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for _, k := range v.MapKeys() {
			c.SetMapIndex(k, deepCopy(v.MapIndex(k)))
		}
		return c
	}
	return v
}
