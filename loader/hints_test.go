package loader

import (
	"math/rand"
	"strings"
	"testing"
)

// TestHintIndexMatchesContains checks the automaton against the plain
// test it replaces, hinted (strings.Contains per hint), on the seeds'
// sentences and on random strings built from the hints' own letters,
// where overlapping and nested hints are frequent.
func TestHintIndexMatchesContains(t *testing.T) {
	type grp struct {
		name  string
		words []string
		g     *hintGroup
	}
	var groups []grp
	for i, o := range lex.orders {
		groups = append(groups, grp{"order " + o.typ, o.hints, &hints.orders[i]})
	}
	for i, r := range lex.relations {
		groups = append(groups, grp{"relation " + string(r.typ), r.hints, &hints.relations[i]})
	}
	groups = append(groups, grp{"counts", []string{"countries", "users", "clients", "customers", "employees", "offices", "staff", "subscribers", "workers", "people", "companies", "downloads", "devices"}, &hints.counts},
		grp{"anaPer", []string{" he ", "she ", " he,", "she,", "he said", "he added"}, &hints.anaPer})
	var texts []string
	for _, in := range seedInputs(t) {
		texts = append(texts, strings.Split(asciiLower(in.Text), ".")...)
	}
	var alphabet string
	for _, g := range groups {
		for _, w := range g.words {
			for k := 0; k < len(w); k++ {
				if !strings.Contains(alphabet, w[k:k+1]) {
					alphabet += w[k : k+1]
				}
			}
		}
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.Intn(60))
		for k := range b {
			b[k] = alphabet[rng.Intn(len(alphabet))]
		}
		texts = append(texts, string(b))
	}
	for _, g := range groups {
		if len(g.words) > 0 {
			texts = append(texts, "x"+g.words[len(g.words)-1]+"y")
		}
	}
	for _, s := range texts {
		found := hints.idx.scan(s)
		for _, g := range groups {
			if want, got := hinted(s, g.words), g.g.in(&found); want != got {
				t.Fatalf("%s on %q: automaton says %v, Contains says %v", g.name, s, got, want)
			}
		}
	}
}
