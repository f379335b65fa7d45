//go:build !unix

package embedded

import (
	"fmt"
	"os"
)

// lockDir creates the lock file exclusively where flock is unavailable; a
// stale file left by a crash must then be removed by hand.
func lockDir(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("embedded store: %s exists: another process may have the store open: %w", path, err)
	}
	return f, nil
}

func unlockDir(f *os.File) error {
	name := f.Name()
	err := f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	return err
}
