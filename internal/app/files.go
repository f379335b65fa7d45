package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/loader"
)

// MaxSidecarBytes bounds a PATH.json metadata file: it holds four short
// fields.
const MaxSidecarBytes = 64 << 10

// Collection is what CollectFiles found.
type Collection struct {
	// Files are the documents to load: regular *.txt and *.md files.
	Files []string
	// Skipped are documents inside folders that are not regular files
	// (symbolic links, devices, FIFOs, sockets): left out, with the reason.
	Skipped []FileError
	// Failed are paths named by the caller that cannot be loaded: missing,
	// unreadable, or neither a regular file nor a folder.
	Failed []FileError
}

// CollectFiles expands paths (files or folders, walked recursively) into
// the documents to load: *.txt and *.md files, sorted so that a batch is
// always ingested in the same order (near-duplicate clusters are named
// after their first document).
//
// Only regular files are taken. Symbolic links are never followed, named
// or found in a folder: a link could pull in a file from outside the
// folder (a password file, then served by the API), and a device or FIFO
// could be read forever or block. A path that cannot be loaded is reported
// and the others are still collected.
func CollectFiles(paths []string) Collection {
	var c Collection
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			c.Files = append(c.Files, p)
		}
	}
	for _, root := range paths {
		st, err := os.Lstat(root)
		if err != nil {
			c.Failed = append(c.Failed, FileError{root, pathError(err)})
			continue
		}
		switch {
		case st.Mode().IsRegular():
			add(filepath.Clean(root))
			continue
		case !st.IsDir():
			c.Failed = append(c.Failed, FileError{root, notRegular(st.Mode())})
			continue
		}
		var found []string
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root {
					return err
				}
				c.Skipped = append(c.Skipped, FileError{p, pathError(err)})
				return nil
			}
			if d.IsDir() {
				if p != root && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 && !strings.HasPrefix(d.Name(), ".") {
				// Said whatever its name: it may stand for a folder of
				// documents the user expected to load.
				c.Skipped = append(c.Skipped, FileError{p, notRegular(d.Type())})
				return nil
			}
			if !isDocument(p) {
				return nil
			}
			if !d.Type().IsRegular() {
				c.Skipped = append(c.Skipped, FileError{p, notRegular(d.Type())})
				return nil
			}
			found = append(found, p)
			return nil
		})
		if err != nil {
			c.Failed = append(c.Failed, FileError{root, pathError(err)})
		}
		sort.Strings(found)
		for _, p := range found {
			add(p)
		}
	}
	return c
}

func isDocument(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".txt" || ext == ".md"
}

// pathError drops the path an *fs.PathError repeats, since every message
// already starts with it.
func pathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// notRegular says why an entry that is not a regular file is left out.
func notRegular(m fs.FileMode) error {
	what := "not a regular file"
	switch {
	case m&fs.ModeSymlink != 0:
		what = "a symbolic link (links are not followed: name the file itself)"
	case m&fs.ModeNamedPipe != 0:
		what = "a FIFO"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		what = "a device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	}
	return kg.Errorf(kg.CodeBadUserInput, "skipped: %s", what)
}

// readRegular reads a regular file of at most limit bytes. It opens
// without following a symbolic link and without waiting for a FIFO's
// writer, checks what it opened, and reads at most limit+1 bytes, so a
// path swapped for a link, a FIFO or a device since it was listed costs
// nothing and an oversized file is refused without being read whole.
func readRegular(p string, limit int64) ([]byte, error) {
	f, err := openNoFollow(p)
	if err != nil {
		if isLink(err) {
			return nil, notRegular(fs.ModeSymlink)
		}
		return nil, pathError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, pathError(err)
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	if st.Size() > limit {
		return nil, tooLarge(limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, pathError(err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(limit)
	}
	return data, nil
}

func tooLarge(limit int64) error {
	return kg.Errorf(kg.CodeBadUserInput, "file is larger than the limit of %d bytes", limit)
}

// readDocumentFile reads a document and its optional PATH.json sidecar
// under the same rules.
func readDocumentFile(p string) (kg.DocumentInput, error) {
	data, err := readRegular(p, loader.MaxTextBytes)
	if err != nil {
		return kg.DocumentInput{}, err
	}
	side, err := readRegular(p+".json", MaxSidecarBytes)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return kg.DocumentInput{}, fmt.Errorf("sidecar %s.json: %w", filepath.Base(p), err)
	}
	return loader.ReadDocument(filepath.Base(p), data, side)
}
