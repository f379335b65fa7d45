package loader_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// devFloor is the score a development set must keep: the figures measured at
// the commit that last raised them, rounded down. The thresholds
// (entities 0.9, relations 0.8, every date) are the goal; until a set reaches
// them the floor stops any change from losing ground, and a change that gains
// ground raises the floor in the same commit.
type devFloor struct {
	EntP, EntR, RelP, RelR float64
}

// devFloors holds one floor per development set (loader/testdata/gold/dev/).
var devFloors = map[string]devFloor{
	"dev_sanctions":   {EntP: 0.87, EntR: 0.62, RelP: 0.62, RelR: 0.21},
	"dev_competition": {EntP: 0.84, EntR: 0.56, RelP: 0.40, RelR: 0.11},
	"dev_enforcement": {EntP: 0.79, EntR: 0.53, RelP: 0.33, RelR: 0.09},
}

// TestGoldDev scores the loader on the development corpus: 36 real stories
// annotated independently of the loader. It prints each set's table with the
// gap to the thresholds, and fails when a set drops below its floor.
func TestGoldDev(t *testing.T) {
	for _, name := range []string{"dev_sanctions", "dev_competition", "dev_enforcement"} {
		t.Run(name, func(t *testing.T) {
			gs, g := runGoldSet(t, filepath.Join("testdata", "gold", "dev", name+".json"))
			rep := evaluate(gs, g)
			t.Logf("\n%s", rep.table(gs.Description))
			if testing.Verbose() && len(rep.Details) > 0 {
				t.Logf("misses and false positives:\n  %s", strings.Join(rep.Details, "\n  "))
			}
			for _, f := range rep.failures() {
				t.Logf("below the issue's threshold: %s", f)
			}
			floor := devFloors[name]
			for _, f := range rep.belowFloor(floor) {
				t.Errorf("below the committed floor: %s", f)
			}
		})
	}
}

// belowFloor lists the entity and relation scores under the floor.
func (r report) belowFloor(f devFloor) []string {
	var out []string
	check := func(row, what string, got, min float64) {
		if got < min {
			out = append(out, fmt.Sprintf("%s %s %.3f < %.3f", row, what, got, min))
		}
	}
	for _, s := range r.Rows {
		switch s.Name {
		case "entities (all)":
			check(s.Name, "precision", s.precision(), f.EntP)
			check(s.Name, "recall", s.recall(), f.EntR)
		case "relations":
			check(s.Name, "precision", s.precision(), f.RelP)
			check(s.Name, "recall", s.recall(), f.RelR)
		}
	}
	return out
}
