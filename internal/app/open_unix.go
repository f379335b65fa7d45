//go:build unix

package app

import (
	"errors"
	"os"
	"syscall"
)

// openNoFollow opens p for reading without following a final symbolic
// link (O_NOFOLLOW) and without blocking on a FIFO that has no writer
// (O_NONBLOCK; reads of a regular file ignore the flag).
func openNoFollow(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// isLink reports the error O_NOFOLLOW gives for a symbolic link.
func isLink(err error) bool { return errors.Is(err, syscall.ELOOP) }
