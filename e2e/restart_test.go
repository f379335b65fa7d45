package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestRestartKeepsDocuments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	s := start(t, dir)
	seeds := seedTexts(t)
	id, created, err := ingest(ctx, s.URL, map[string]any{"text": seeds[0], "title": "Restart probe", "publishedAt": "2024-06-21"})
	if err != nil || !created {
		t.Fatalf("ingest: %v created=%v", err, created)
	}
	before := snapshot(t, s.URL)
	s.stop()

	s = start(t, dir)
	if missing, err := missingDocuments(ctx, s.URL, []string{id}); err != nil || len(missing) > 0 {
		t.Fatalf("after restart: missing %v, %v", missing, err)
	}
	if after := snapshot(t, s.URL); after != before {
		t.Fatalf("graph changed across restart:\nbefore %s\nafter  %s", before, after)
	}
	// Re-ingesting the same text is a no-op.
	id2, created, err := ingest(ctx, s.URL, map[string]any{"text": seeds[0]})
	if err != nil || created || id2 != id {
		t.Fatalf("re-ingest: id %s (want %s) created=%v err=%v", id2, id, created, err)
	}
	if after := snapshot(t, s.URL); after != before {
		t.Fatalf("re-ingest changed the graph")
	}
}

func TestSeedLoadIsIdempotent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := start(t, dir, "SEED_DIR=../seed")
	first := snapshot(t, s.URL)
	if !strings.Contains(first, `"documents":5`) {
		t.Fatalf("seed: %s", first)
	}
	s.stop()
	s = start(t, dir, "SEED_DIR=../seed")
	if again := snapshot(t, s.URL); again != first {
		t.Fatalf("second start changed the graph:\n%s\n%s", first, again)
	}
	s.stop() // so that every line logged so far has left stderr's pipe
	if !strings.Contains(s.logs.String(), `"new":0`) {
		t.Errorf("second seed load should report no new documents:\n%s", s.logs)
	}
}

func TestIngestCommand(t *testing.T) {
	t.Parallel()
	seeds := seedTexts(t)
	docs := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(docs, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", seeds[0])
	write("b.md", "---\ntitle: Front matter title\npublishedAt: 2024-06-20\n---\n"+seeds[1])
	write("nested/c.txt", seeds[2])
	write("nested/c.txt.json", `{"title":"Sidecar title","source":"Sidecar Wire"}`)
	write("empty.txt", "  \n\t\n")
	write("notes.json", `{"ignored": true}`)
	data := t.TempDir()

	run := func(args ...string) (string, string, int) {
		cmd := exec.Command(binary(t), append([]string{"ingest"}, args...)...)
		cmd.Env = append(os.Environ(), "DATA_DIR="+data, "SEED_DIR=", "LOG_FORMAT=text")
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), errb.String(), code
	}

	out, errs, code := run("--source", "CLI Wire", docs)
	if code != 1 {
		t.Errorf("exit %d, want 1 (one bad file)", code)
	}
	if !strings.Contains(errs, "empty.txt") {
		t.Errorf("bad file not named: %s", errs)
	}
	if !strings.Contains(out, "ingested 4 files: 3 new, 0 already stored, 1 failed") {
		t.Errorf("summary: %q\n%s", out, errs)
	}
	out, _, code = run(filepath.Join(docs, "a.txt"), filepath.Join(docs, "b.md"), filepath.Join(docs, "nested"))
	if code != 0 || !strings.Contains(out, "ingested 3 files: 0 new, 3 already stored, 0 failed") {
		t.Errorf("re-ingest: exit %d %q", code, out)
	}
	if _, errs, code = run(filepath.Join(docs, "missing.txt")); code == 0 || !strings.Contains(errs, "missing.txt") {
		t.Errorf("missing path: exit %d %q", code, errs)
	}
	write("late/d.txt", seeds[3])
	if _, errs, code = run("--published-at", "someday", filepath.Join(docs, "late")); code != 1 || !strings.Contains(errs, "d.txt") {
		t.Errorf("invalid --published-at: exit %d %q", code, errs)
	}

	s := start(t, data)
	r, err := gql(context.Background(), s.URL, `{ stats { documents } documents(first: 10) { edges { node { title source } } } }`, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	raw := string(r.Raw)
	for _, want := range []string{`"documents":3`, `"Front matter title"`, `"Sidecar title"`, `"CLI Wire"`} {
		if !strings.Contains(raw, want) {
			t.Errorf("store misses %s: %s", want, raw)
		}
	}
}

func TestBadConfigurationExitsTwo(t *testing.T) {
	t.Parallel()
	for _, env := range []string{"ADDR=nonsense", "REQUEST_TIMEOUT=soon", "CORS_ALLOWED_ORIGINS=*", "MAX_BODY_BYTES=-1"} {
		cmd := exec.Command(binary(t))
		cmd.Env = append(os.Environ(), env, "CORS_ALLOW_CREDENTIALS=true", "DATA_DIR="+t.TempDir())
		if env != "CORS_ALLOWED_ORIGINS=*" {
			cmd.Env = append(cmd.Env, "CORS_ALLOW_CREDENTIALS=false")
		}
		out, err := cmd.CombinedOutput()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 2 {
			t.Errorf("%s: exit %v, want 2", env, err)
		}
		if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(lines) != 1 {
			t.Errorf("%s: want one line, got %q", env, out)
		}
	}
	out, err := exec.Command(binary(t), "--help").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "API_TOKEN") || !strings.Contains(string(out), "ingest") {
		t.Errorf("--help: %v %s", err, out)
	}
}
