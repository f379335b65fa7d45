package synth

import (
	"fmt"
	"sort"

	"github.com/newsgraph/newsgraph/kg"
)

// Config sizes a corpus. Entity counts are exact: each entity of the world
// appears in at least one document, so the merged graph holds exactly that
// many nodes of its kind. Relationship counts follow from the entity counts
// and the fan-outs built into the world (see world.go).
type Config struct {
	Seed      uint64
	Documents int // documents, syndicated copies included
	Agencies  int
	Companies int
	Persons   int // must be at least Agencies+Companies: every agency and company has a head
	Locations int // the first tenth are countries, the rest cities
	Entities  int // products, units and lists, each linked to a company
	Orders    int
	// EchoFacts is how many facts of one popular order each document
	// repeats besides its own share of the world; repeated facts merge into
	// edges with several sources.
	EchoFacts int
	// SyndicateEvery makes every n-th document a syndicated copy of the one
	// before it (same body, another outlet and headline), so that source
	// counts and independent-source counts differ. 0 disables copies.
	SyndicateEvery int
}

// presets are the named scales. "full" is the scale benchmark: its
// merged graph holds well over 100k nodes and 1M edges.
var presets = map[string]Config{
	"smoke": {Seed: 1, Documents: 120, Agencies: 12, Companies: 150, Persons: 220, Locations: 40, Entities: 80, Orders: 120, EchoFacts: 4, SyndicateEvery: 10},
	"small": {Seed: 1, Documents: 2000, Agencies: 200, Companies: 3000, Persons: 6000, Locations: 500, Entities: 1500, Orders: 4000, EchoFacts: 6, SyndicateEvery: 10},
	"full":  {Seed: 1, Documents: 20000, Agencies: 2000, Companies: 30000, Persons: 60000, Locations: 5000, Entities: 15000, Orders: 40000, EchoFacts: 6, SyndicateEvery: 10},
}

// Preset returns the named scale: "smoke", "small" or "full".
func Preset(name string) (Config, error) {
	c, ok := presets[name]
	if !ok {
		return Config{}, kg.Errorf(kg.CodeBadUserInput, "unknown scale %q (want one of %v)", name, PresetNames())
	}
	return c, nil
}

// PresetNames lists the named scales, sorted.
func PresetNames() []string {
	var names []string
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Validate reports a configuration the generator cannot honour exactly.
func (c Config) Validate() error {
	switch {
	case c.Documents < 1:
		return kg.Errorf(kg.CodeBadUserInput, "synth: need at least one document")
	case c.Agencies < 1 || c.Companies < 1 || c.Orders < 1 || c.Entities < 0:
		return kg.Errorf(kg.CodeBadUserInput, "synth: need at least one agency, company and order")
	case c.Locations < 10:
		return kg.Errorf(kg.CodeBadUserInput, "synth: need at least 10 locations (one country in ten)")
	case c.Persons < c.Agencies+c.Companies:
		return kg.Errorf(kg.CodeBadUserInput, "synth: persons (%d) must cover a head for every agency and company (%d)", c.Persons, c.Agencies+c.Companies)
	case c.SyndicateEvery == 1 || c.SyndicateEvery < 0:
		return kg.Errorf(kg.CodeBadUserInput, "synth: SyndicateEvery must be 0 or at least 2")
	case c.EchoFacts < 0:
		return kg.Errorf(kg.CodeBadUserInput, "synth: EchoFacts must not be negative")
	}
	if o := c.originals(); o < 1 {
		return kg.Errorf(kg.CodeBadUserInput, "synth: no original documents")
	}
	return nil
}

// isCopy reports whether document i is a syndicated copy of document i-1.
func (c Config) isCopy(i int) bool {
	return c.SyndicateEvery >= 2 && i%c.SyndicateEvery == c.SyndicateEvery-1
}

// originals counts the documents that are not syndicated copies.
func (c Config) originals() int {
	if c.SyndicateEvery < 2 {
		return c.Documents
	}
	return c.Documents - c.Documents/c.SyndicateEvery
}

// origIndex maps document i (an original) to its rank among originals.
func (c Config) origIndex(i int) int {
	if c.SyndicateEvery < 2 {
		return i
	}
	return i - i/c.SyndicateEvery
}

// String summarises the sizes, for reports.
func (c Config) String() string {
	return fmt.Sprintf("docs=%d agencies=%d companies=%d persons=%d locations=%d entities=%d orders=%d",
		c.Documents, c.Agencies, c.Companies, c.Persons, c.Locations, c.Entities, c.Orders)
}
