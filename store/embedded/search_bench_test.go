package embedded

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	corpus "github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/kg"
)

// searchPreset picks the corpus of the search benchmarks: a synth preset
// name, or "mid", about a third of the full scale (enough for a common
// first name to match over a thousand keys, and quick to load).
var searchPreset = flag.String("search.preset", "small", "corpus of the search benchmarks: smoke, small, mid or full")

var midPreset = corpus.Config{Seed: 1, Documents: 7000, Agencies: 700, Companies: 10000, Persons: 20000,
	Locations: 1700, Entities: 5000, Orders: 13000, EchoFacts: 6, SyndicateEvery: 10}

// searchCorpus is a store loaded with the preset's documents and the names
// its search benchmark asks for, drawn in the scale benchmark's kind mix.
type searchCorpus struct {
	s     *Store
	names []string
}

var (
	searchOnce sync.Once
	searchData searchCorpus
	searchErr  error
)

func loadSearchCorpus(b testing.TB) searchCorpus {
	searchOnce.Do(func() {
		cfg := midPreset
		if *searchPreset != "mid" {
			if cfg, searchErr = corpus.Preset(*searchPreset); searchErr != nil {
				return
			}
		}
		c, err := corpus.New(cfg)
		if err != nil {
			searchErr = err
			return
		}
		start := time.Now()
		s := OpenMemory()
		for i := range c.Len() {
			if _, err := s.Ingest(context.Background(), c.Extraction(i)); err != nil {
				searchErr = err
				return
			}
		}
		weights := []struct {
			k kg.Kind
			w int
		}{{kg.KindCompany, 4}, {kg.KindPerson, 3}, {kg.KindAgency, 1}, {kg.KindOrder, 1}, {kg.KindEntity, 1}}
		var names []string
		for i, kw := range weights {
			for _, ref := range c.Sample(kw.k, 100*kw.w, uint64(i)+11) {
				names = append(names, ref.Name)
			}
		}
		rand.New(rand.NewPCG(3, 4)).Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
		fmt.Printf("search corpus %q: %d nodes, %d alias keys, loaded in %v\n",
			*searchPreset, len(s.st.nodes), len(s.st.alias), time.Since(start).Round(time.Millisecond))
		searchData = searchCorpus{s: s, names: names}
	})
	if searchErr != nil {
		b.Fatal(searchErr)
	}
	return searchData
}

// searchClasses are the scale benchmark's three kinds of search term:
// the exact name, its first word (typeahead) and two adjacent letters
// swapped (a typo).
var searchClasses = []struct {
	name string
	term func(r *rand.Rand, name string) string
}{
	{"exact", func(_ *rand.Rand, n string) string { return n }},
	{"firstword", func(_ *rand.Rand, n string) string {
		if w, _, ok := strings.Cut(n, " "); ok {
			return w
		}
		return n
	}},
	{"typo", func(r *rand.Rand, n string) string {
		rs := []rune(n)
		if len(rs) > 3 {
			i := 1 + r.IntN(len(rs)-2)
			rs[i], rs[i+1] = rs[i+1], rs[i]
		}
		return string(rs)
	}},
}

// classTerms is the search terms of one class over the corpus's names.
func classTerms(c searchCorpus, class int) []string {
	r := rand.New(rand.NewPCG(5, uint64(class)))
	terms := make([]string, len(c.names))
	for i, n := range c.names {
		terms[i] = searchClasses[class].term(r, n)
	}
	return terms
}

// BenchmarkSearchClass measures one search at a time per term class, with
// latency percentiles and the costliest call, since the tail is what the
// scale benchmark's 32 clients see.
func BenchmarkSearchClass(b *testing.B) {
	c := loadSearchCorpus(b)
	ctx := context.Background()
	for ci, class := range searchClasses {
		terms := classTerms(c, ci)
		b.Run(class.name, func(b *testing.B) {
			ds, cpu := timeEach(b, func(i int) error {
				hits, err := c.s.Search(ctx, kg.SearchQuery{Text: terms[i%len(terms)], First: 10})
				if err == nil && len(hits) == 0 {
					err = fmt.Errorf("Search(%q): no hits", terms[i%len(terms)])
				}
				return err
			})
			b.StopTimer()
			latencies(b, ds)
			cpuTimes(b, cpu)
			b.ReportMetric(float64(cpu[len(cpu)-1].Microseconds()), "cpu-max-µs")
		})
	}
}

// BenchmarkSearchMixParallel runs the scale benchmark's mix (four exact,
// three first-word, three typo terms in ten) from 32 goroutines, so that
// lock contention and allocation show.
func BenchmarkSearchMixParallel(b *testing.B) {
	c := loadSearchCorpus(b)
	var terms []string
	mix := []int{0, 0, 0, 0, 1, 1, 1, 2, 2, 2}
	byClass := [][]string{classTerms(c, 0), classTerms(c, 1), classTerms(c, 2)}
	for i := range c.names {
		terms = append(terms, byClass[mix[i%len(mix)]][i])
	}
	parallelLatencies(b, func(_ *rand.Rand, i int) error {
		_, err := c.s.Search(context.Background(), kg.SearchQuery{Text: terms[i%len(terms)], First: 10})
		return err
	})
}
