//go:build unix

package app

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/loader"
)

// TestCollectOnlyRegularFiles: links, FIFOs and devices are never taken,
// whether named or found in a folder, and what is left still loads.
func TestCollectOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.txt")
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(outside, "a secret that must not be ingested")
	write(filepath.Join(dir, "good.txt"), "The agency fined the firm.")
	if err := os.Symlink(outside, filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	found := CollectFiles([]string{dir, filepath.Join(dir, "link.txt"), "/dev/zero", filepath.Join(dir, "pipe.txt")})
	if len(found.Files) != 1 || filepath.Base(found.Files[0]) != "good.txt" {
		t.Errorf("files %v", found.Files)
	}
	reasons := map[string]string{}
	for _, f := range append(found.Skipped, found.Failed...) {
		reasons[f.Path] = f.Err.Error()
	}
	for p, want := range map[string]string{
		filepath.Join(dir, "link.txt"): "symbolic link",
		filepath.Join(dir, "pipe.txt"): "FIFO",
		"/dev/zero":                    "device",
	} {
		if !strings.Contains(reasons[p], want) {
			t.Errorf("%s: %q, want %q", p, reasons[p], want)
		}
	}
	if len(found.Skipped) != 2 || len(found.Failed) != 3 {
		t.Errorf("skipped %v failed %v", found.Skipped, found.Failed)
	}
}

// TestReadRegularRefusesSwappedPaths: a path listed as a regular file and
// replaced before it is read costs nothing and never blocks.
func TestReadRegularRefusesSwappedPaths(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "late.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink("/etc/hostname", link); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 40); err != nil { // sparse: takes no disk
		t.Fatal(err)
	}
	f.Close()
	exact := filepath.Join(dir, "exact.txt")
	if err := os.WriteFile(exact, []byte(strings.Repeat("a", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for p, want := range map[string]string{fifo: "FIFO", link: "symbolic link", big: "larger than", "/dev/zero": "device"} {
			if _, err := readRegular(p, loader.MaxTextBytes); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %v, want %q", p, err, want)
			}
		}
		if _, err := readRegular(exact, 99); err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("one byte over: %v", err)
		}
		if b, err := readRegular(exact, 100); err != nil || len(b) != 100 {
			t.Errorf("at the limit: %d bytes, %v", len(b), err)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading a FIFO, link or device blocked")
	}
}

// TestSidecarMustBeRegular: a sidecar link would pull metadata from
// anywhere; the document is refused with a message naming the sidecar.
func TestSidecarMustBeRegular(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(doc, []byte("The agency fined the firm."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/hostname", doc+".json"); err != nil {
		t.Fatal(err)
	}
	if _, err := readDocumentFile(doc); err == nil || !strings.Contains(err.Error(), "sidecar") {
		t.Errorf("sidecar link: %v", err)
	}
}

// TestSeedThroughLinkedFolder: SEED_DIR may itself be a link (a mounted
// volume); a link inside it is still skipped, with a warning.
func TestSeedThroughLinkedFolder(t *testing.T) {
	real := t.TempDir()
	seed, err := os.ReadFile("../../seed/000_09c47040ec73d789.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(real, "a.txt"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/hostname", filepath.Join(real, "b.txt")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "seed")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	a := open(t, map[string]string{"SEED_DIR": link})
	if err := a.LoadSeed(t.Context()); err != nil {
		t.Fatal(err)
	}
	st, err := a.Store.Stats(t.Context())
	if err != nil || st.Documents != 1 {
		t.Errorf("stats %+v %v, want the one regular document", st, err)
	}
}
