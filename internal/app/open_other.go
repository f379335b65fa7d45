//go:build !unix

package app

import (
	"io/fs"
	"os"
)

// openNoFollow opens p for reading, refusing a symbolic link found by
// Lstat first; the caller checks the opened file is regular.
func openNoFollow(p string) (*os.File, error) {
	st, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return nil, errLink
	}
	return os.Open(p)
}

var errLink = &fs.PathError{Op: "open", Err: fs.ErrInvalid}

func isLink(err error) bool { return err == errLink }
