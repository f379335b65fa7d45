package embedded

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

func openT(t *testing.T, dir string, opts ...Option) *Store {
	t.Helper()
	s, err := Open(dir, opts...)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

// seedDir stores D1 and D2 in a fresh directory and returns it with the
// log's size after D1 and after D2.
func seedDir(t *testing.T) (dir string, afterD1, afterD2 int64) {
	t.Helper()
	dir = t.TempDir()
	s := openT(t, dir)
	xs := storetest.Corpus()
	storetest.Seed(t, s, xs[0])
	afterD1 = fileSize(t, dir)
	storetest.Seed(t, s, xs[1])
	afterD2 = fileSize(t, dir)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, afterD1, afterD2
}

func fileSize(t *testing.T, dir string) int64 {
	t.Helper()
	fi, err := os.Stat(filepath.Join(dir, segmentName(1)))
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

func docsPresent(t *testing.T, s *Store, ids ...string) []bool {
	t.Helper()
	ds, err := s.Documents(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]bool, len(ds))
	for i, d := range ds {
		out[i] = d != nil
	}
	return out
}

func TestTornTailIsCutOff(t *testing.T) {
	dir, afterD1, afterD2 := seedDir(t)
	path := filepath.Join(dir, segmentName(1))
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d2 := whole[afterD1:afterD2]
	cases := map[string][]byte{
		"half a header":  d2[:5],
		"header only":    d2[:headerLen],
		"half a payload": d2[:len(d2)/2],
		"all but a byte": d2[:len(d2)-1],
		"zeroed block":   make([]byte, 4096),
		"flipped byte at the end": func() []byte {
			b := bytes.Clone(d2)
			b[len(b)-1] ^= 0xff
			return b
		}(),
	}
	for name, tail := range cases {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(path, append(bytes.Clone(whole[:afterD1]), tail...), 0o644); err != nil {
				t.Fatal(err)
			}
			var logged bytes.Buffer
			s := openT(t, dir, WithLogger(slog.New(slog.NewTextHandler(&logged, nil))))
			if got := docsPresent(t, s, storetest.D1, storetest.D2); !got[0] || got[1] {
				t.Errorf("after recovery D1, D2 present = %v, want [true false]", got)
			}
			if !strings.Contains(logged.String(), "torn record") || !strings.Contains(logged.String(), "offset=") {
				t.Errorf("recovery not logged: %q", logged.String())
			}
			// The store keeps working, and the new record lands where the
			// torn one was cut off.
			storetest.Seed(t, s, storetest.Corpus()[1])
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if got := fileSize(t, dir); got != afterD2 {
				t.Errorf("log is %d bytes after re-ingesting D2, want %d", got, afterD2)
			}
			s = openT(t, dir)
			defer s.Close()
			if got := docsPresent(t, s, storetest.D1, storetest.D2); !got[0] || !got[1] {
				t.Errorf("after reopen D1, D2 present = %v", got)
			}
		})
	}
}

func TestCorruptMiddleIsAnError(t *testing.T) {
	dir, afterD1, _ := seedDir(t)
	path := filepath.Join(dir, segmentName(1))
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, at := range map[string]int64{"payload byte": 20, "length field": int64(len(logMagic)) + 3} {
		t.Run(name, func(t *testing.T) {
			b := bytes.Clone(whole)
			b[at] ^= 0x5a
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Open(dir)
			if err == nil {
				s.Close()
				t.Fatal("Open accepted a log damaged before its last record")
			}
			if !strings.Contains(err.Error(), "offset 8") {
				t.Errorf("error %q does not name the damaged record's offset (8)", err)
			}
			if got := fileSize(t, dir); got != int64(len(whole)) {
				t.Errorf("a refused log was modified: %d bytes, want %d", got, len(whole))
			}
		})
	}
	_ = afterD1
}

func TestNotALog(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, segmentName(1)), []byte("hello, this is not a log"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(dir); err == nil {
		s.Close()
		t.Fatal("Open accepted a foreign file")
	}
	// A crash while the header was being written leaves a prefix of it.
	if err := os.WriteFile(filepath.Join(dir, segmentName(1)), []byte(logMagic[:3]), 0o644); err != nil {
		t.Fatal(err)
	}
	s := openT(t, dir)
	storetest.Seed(t, s, storetest.Corpus()[0])
	s.Close()
	s = openT(t, dir)
	defer s.Close()
	if got := docsPresent(t, s, storetest.D1); !got[0] {
		t.Error("document lost after a torn header was rewritten")
	}
}

func TestDirectoryLock(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir)
	if s2, err := Open(dir); err == nil {
		s2.Close()
		t.Fatal("a second Open of a locked directory succeeded")
	} else if !strings.Contains(err.Error(), "locked") {
		t.Errorf("lock error %q does not say the directory is locked", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openT(t, dir)
	s.Close()
}

func TestClosedStore(t *testing.T) {
	s := openT(t, t.TempDir())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	err := s.Ping(context.Background())
	if kg.ErrorCode(err) != kg.CodeUnavailable {
		t.Errorf("Ping after Close = %v, want UNAVAILABLE", err)
	}
	if _, err := s.Ingest(context.Background(), storetest.Corpus()[0]); kg.ErrorCode(err) != kg.CodeUnavailable {
		t.Errorf("Ingest after Close = %v, want UNAVAILABLE", err)
	}
}

func TestRecordRoundTrip(t *testing.T) {
	for _, p := range [][]byte{[]byte("x"), bytes.Repeat([]byte("ab"), 5000)} {
		rec := EncodeRecord(p)
		got, n, err := DecodeRecord(append(rec, 1, 2, 3))
		if err != nil || n != len(rec) || !bytes.Equal(got, p) {
			t.Errorf("round trip of %d bytes: n=%d err=%v", len(p), n, err)
		}
		if _, _, err := DecodeRecord(rec[:len(rec)-1]); !errors.Is(err, ErrIncomplete) {
			t.Errorf("short record: %v, want ErrIncomplete", err)
		}
		bad := bytes.Clone(rec)
		bad[headerLen] ^= 1
		if _, _, err := DecodeRecord(bad); !errors.Is(err, ErrCorrupt) {
			t.Errorf("flipped payload: %v, want ErrCorrupt", err)
		}
	}
	if _, _, err := DecodeRecord(make([]byte, 16)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("zero length: %v, want ErrCorrupt", err)
	}
}

func FuzzDecodeRecord(f *testing.F) {
	f.Add(EncodeRecord([]byte(`{"document":{"id":"doc:1"}}`)))
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 'x'})
	f.Add(make([]byte, 12))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4})
	f.Fuzz(func(t *testing.T, b []byte) {
		payload, n, err := DecodeRecord(b)
		switch {
		case err == nil:
			if n < headerLen || n > len(b) || len(payload) != n-headerLen {
				t.Fatalf("accepted record with n=%d payload=%d of %d bytes", n, len(payload), len(b))
			}
			// Whatever decodes must re-encode to the same bytes.
			if !bytes.Equal(EncodeRecord(payload), b[:n]) {
				t.Fatal("decoded record does not re-encode identically")
			}
		case errors.Is(err, ErrIncomplete), errors.Is(err, ErrCorrupt):
			if payload != nil {
				t.Fatal("payload returned with an error")
			}
		default:
			t.Fatalf("unexpected error %v", err)
		}
		// Encoding any payload gives a record that decodes back to it.
		if len(b) > 0 {
			p, _, err := DecodeRecord(EncodeRecord(b))
			if err != nil || !bytes.Equal(p, b) {
				t.Fatalf("EncodeRecord/DecodeRecord round trip failed: %v", err)
			}
		}
	})
}
