package embedded

import (
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

func TestContractMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store { return OpenMemory() })
}

func TestContractDisk(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store {
		s, err := Open(filepath.Join(t.TempDir(), "data"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestDurable(t *testing.T) {
	storetest.RunDurable(t, func(t *testing.T, dir string) kg.Store {
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestDurableWithSnapshots reopens stores that snapshot after every
// batch, so reopening loads snapshots rather than replaying the log.
func TestDurableWithSnapshots(t *testing.T) {
	storetest.RunDurable(t, func(t *testing.T, dir string) kg.Store {
		s, err := Open(dir, WithSnapshotEvery(1))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
