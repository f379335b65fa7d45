package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ingestRun runs the ingest command with env added, bounded by a timeout so
// that a command that blocks (on a FIFO, or reading a device) fails the
// test instead of hanging it.
func ingestRun(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), append([]string{"ingest"}, args...)...)
	cmd.Env = append(os.Environ(), "SEED_DIR=", "LOG_FORMAT=text")
	cmd.Env = append(cmd.Env, env...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("ingest %v did not finish within 60 s (blocked?)\nstdout %s\nstderr %s", args, out.String(), errb.String())
	}
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// documentTexts lists the stored documents' titles and texts.
func documentTexts(t *testing.T, url string) (titles, texts []string) {
	t.Helper()
	r, err := gql(context.Background(), url, `{ documents(first: 50) { totalCount edges { node { title text } } } }`, nil, "")
	if err != nil || len(r.Errors) > 0 {
		t.Fatalf("documents: %v %s", err, r.Raw)
	}
	var got struct {
		Documents struct {
			Edges []struct {
				Node struct{ Title, Text string }
			}
		}
	}
	if err := json.Unmarshal(mustJSON(r.Data), &got); err != nil {
		t.Fatal(err)
	}
	for _, e := range got.Documents.Edges {
		titles = append(titles, e.Node.Title)
		texts = append(texts, e.Node.Text)
	}
	return titles, texts
}

// TestIngestTakesRegularFilesOnly: the ingest command follows no link (a
// link to a file outside the folder is not served by the API afterwards),
// refuses devices and oversized files without reading them whole, never
// blocks on a FIFO, and reports a missing path while the others load.
func TestIngestTakesRegularFilesOnly(t *testing.T) {
	t.Parallel()
	seeds := seedTexts(t)
	docs, outside, data := t.TempDir(), t.TempDir(), t.TempDir()
	const marker = "Outside-the-folder secret line 7f3a"
	writeFile(t, filepath.Join(outside, "secret.txt"), marker+"\n\nThe Commerce Department said so on Monday.")
	writeFile(t, filepath.Join(docs, "good.txt"), seeds[0])
	for link, target := range map[string]string{
		"link.txt":        filepath.Join(outside, "secret.txt"),
		"zero.txt":        "/dev/zero",
		"linked-dir/a.md": filepath.Join(outside, "secret.txt"),
	} {
		p := filepath.Join(docs, link)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(docs, "outside-dir")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(docs, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	namedFIFO := filepath.Join(t.TempDir(), "named-pipe.txt")
	if err := syscall.Mkfifo(namedFIFO, 0o644); err != nil {
		t.Fatal(err)
	}
	// A sparse file far larger than the text limit: like /dev/zero it
	// would exhaust memory if read whole, yet it takes no disk.
	huge := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	missing := filepath.Join(docs, "missing.txt")

	began := time.Now()
	out, errs, code := ingestRun(t, []string{"DATA_DIR=" + data},
		docs, namedFIFO, "/dev/zero", huge, missing, filepath.Join(docs, "link.txt"))
	if d := time.Since(began); d > 30*time.Second {
		t.Errorf("ingest took %s", d)
	}
	if code != 1 {
		t.Errorf("exit %d, want 1 (paths failed)", code)
	}
	if !strings.Contains(out, "1 new") {
		t.Errorf("the good file did not load: %q\n%s", out, errs)
	}
	for _, want := range []string{
		"link.txt: skipped: a symbolic link", "zero.txt: skipped: a symbolic link", "pipe.txt: skipped: a FIFO",
		"named-pipe.txt: skipped: a FIFO", "/dev/zero: skipped: a device", "huge.txt: file is larger than the limit",
		"missing.txt: no such file", "outside-dir: skipped: a symbolic link", "a.md: skipped: a symbolic link",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr misses %q:\n%s", want, errs)
		}
	}

	s := start(t, data)
	titles, texts := documentTexts(t, s.URL)
	if len(texts) != 1 {
		t.Errorf("%d documents stored, want only the good one: %q", len(texts), titles)
	}
	for _, text := range texts {
		if strings.Contains(text, marker) {
			t.Error("a file outside the folder, reached through a link, is served by the API")
		}
	}
}

// TestIngestWhileServing: the store's lock makes a second writer fail with
// a message that says what to do; --server adds the documents through the
// running server's API with the token.
func TestIngestWhileServing(t *testing.T) {
	t.Parallel()
	seeds := seedTexts(t)
	data, docs := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(docs, "a.txt"), seeds[1])
	writeFile(t, filepath.Join(docs, "b.md"), "---\ntitle: Sent through the API\n---\n"+seeds[2])
	s := start(t, data)

	_, errs, code := ingestRun(t, []string{"DATA_DIR=" + data}, docs)
	if code == 0 || !strings.Contains(errs, "--server") || !strings.Contains(errs, "DATA_DIR") {
		t.Errorf("locked store: exit %d, want a hint at --server and DATA_DIR:\n%s", code, errs)
	}
	_, errs, code = ingestRun(t, []string{"API_TOKEN="}, "--server", s.URL, docs)
	if code != 2 || !strings.Contains(errs, "API_TOKEN") {
		t.Errorf("--server without a token: exit %d %s", code, errs)
	}
	_, errs, code = ingestRun(t, []string{"API_TOKEN=wrong-token-0123456789"}, "--server", s.URL, docs)
	if code != 1 || !strings.Contains(errs, "API token") {
		t.Errorf("--server with a wrong token: exit %d %s", code, errs)
	}
	out, errs, code := ingestRun(t, []string{"API_TOKEN=" + testToken}, "--server", s.URL, docs)
	if code != 0 || !strings.Contains(out, "ingested 2 files: 2 new") {
		t.Errorf("--server: exit %d %q\n%s", code, out, errs)
	}
	out, _, code = ingestRun(t, []string{"API_TOKEN=" + testToken}, "--server", s.URL+"/query", filepath.Join(docs, "a.txt"))
	if code != 0 || !strings.Contains(out, "0 new, 1 already stored") {
		t.Errorf("--server again: exit %d %q", code, out)
	}
	titles, _ := documentTexts(t, s.URL)
	if len(titles) != 2 || !strings.Contains(strings.Join(titles, "|"), "Sent through the API") {
		t.Errorf("stored titles %q", titles)
	}
}

// hostileDocs are documents whose metadata or text must be refused with
// BAD_USER_INPUT, each with a part of the message that says why.
func hostileDocs(text string) []struct {
	name string
	in   map[string]any
	want string
} {
	return []struct {
		name string
		in   map[string]any
		want string
	}{
		{"ANSI escape in title", map[string]any{"text": text, "title": "\x1b[2J\x1b[31mCleared screen"}, "control character"},
		{"right-to-left override in title", map[string]any{"text": text, "title": "invoice\u202efdp.exe"}, "U+202E"},
		{"newline in source", map[string]any{"text": text, "source": "AFP\nINFO forged log line"}, "control character"},
		{"C1 control in source", map[string]any{"text": text, "source": "AFP\u009b31m"}, "control character"},
		{"javascript URL", map[string]any{"text": text, "url": "javascript:alert(document.cookie)"}, "http or https"},
		{"data URL", map[string]any{"text": text, "url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="}, "http or https"},
		{"zero-width text", map[string]any{"text": "\u200b\u200c\u200d\u2060\ufeff\u200b"}, "no visible characters"},
		{"escape in text", map[string]any{"text": "The agency \x1b]8;;https://evil.example\x07fined\x1b]8;;\x07 the firm."}, "control character"},
		{"publishedAt 0000", map[string]any{"text": text, "publishedAt": "0000"}, "out of range"},
		{"publishedAt far ahead", map[string]any{"text": text, "publishedAt": "9999-12-31"}, "out of range"},
		{"publishedAt not a day", map[string]any{"text": text, "publishedAt": "2023-02-29"}, "not a date"},
		{"too many mentions", map[string]any{"text": strings.Repeat("Apple Inc. and Google LLC and Meta Platforms Inc. sued the Federal Trade Commission. ", 7000)}, "limit"},
	}
}

// TestHostileInputRefusedThroughGraphQL: each hostile document is refused
// with BAD_USER_INPUT and a reason, and the stored graph is unchanged.
func TestHostileInputRefusedThroughGraphQL(t *testing.T) {
	t.Parallel()
	s := start(t, t.TempDir(), "SEED_DIR=../seed")
	before := snapshot(t, s.URL)
	for i, tc := range hostileDocs("Probe. The Commerce Department fined Acme Corp. on Monday.") {
		t.Run(tc.name, func(t *testing.T) {
			r, err := gql(context.Background(), s.URL, ingestMutation, map[string]any{"input": tc.in}, testToken)
			if err != nil {
				t.Fatal(err)
			}
			if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, tc.want) {
				t.Errorf("case %d: want BAD_USER_INPUT saying %q, got %.400s", i, tc.want, r.Raw)
			}
			if len(r.Raw) > 2000 {
				t.Errorf("answer of %d bytes echoes the input", len(r.Raw))
			}
			if after := snapshot(t, s.URL); after != before {
				t.Fatalf("graph changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	// The same document with clean metadata is accepted: the refusals were
	// for the hostile parts only.
	if _, created, err := ingest(context.Background(), s.URL, map[string]any{"text": "The Commerce Department fined Acme Corp. on Monday.", "title": "Zürich café", "url": "https://example.org/a", "publishedAt": "2024-06-21"}); err != nil || !created {
		t.Errorf("clean document: created %v, %v", created, err)
	}
}

// TestHostileInputRefusedByIngestCommand: front matter, a sidecar file and
// the command's flags go through the same checks; nothing refused is
// stored.
func TestHostileInputRefusedByIngestCommand(t *testing.T) {
	t.Parallel()
	seeds := seedTexts(t)
	docs, data := t.TempDir(), t.TempDir()
	env := []string{"DATA_DIR=" + data}
	writeFile(t, filepath.Join(docs, "good.txt"), seeds[3])
	if _, errs, code := ingestRun(t, env, filepath.Join(docs, "good.txt")); code != 0 {
		t.Fatalf("good document: exit %d %s", code, errs)
	}
	body := "\n\nThe Commerce Department fined Acme Corp. on Monday."
	files := map[string]string{
		"fm-title.md":     "---\ntitle: \x1b[31mRed alert\n---\n" + body,
		"fm-url.md":       "---\nurl: javascript:alert(1)\n---\n" + body,
		"fm-date.md":      "---\npublishedAt: 0000\n---\n" + body,
		"zero-width.txt":  "\u200b\u200c\u200d\ufeff\u2060",
		"escape-text.txt": "The agency \x1b[8mhidden\x1b[0m fined the firm." + body,
		"sidecar.txt":     "Sidecar probe." + body,
	}
	for name, content := range files {
		writeFile(t, filepath.Join(docs, "bad", name), content)
	}
	writeFile(t, filepath.Join(docs, "bad", "sidecar.txt.json"), `{"title":"evil\u202etxt.exe","source":"A\u0085B"}`)
	out, errs, code := ingestRun(t, env, filepath.Join(docs, "bad"))
	if code != 1 || !strings.Contains(out, fmt.Sprintf("0 new, 0 already stored, %d failed", len(files))) {
		t.Errorf("hostile files: exit %d %q\n%s", code, out, errs)
	}
	for name := range files {
		if !strings.Contains(errs, name+": ") {
			t.Errorf("%s not reported:\n%s", name, errs)
		}
	}
	for _, flags := range [][]string{
		{"--url", "data:text/html,<b>x</b>"},
		{"--title", "a\x1b[0mb"},
		{"--source", "\u202eAFP"},
		{"--published-at", "1850"},
	} {
		writeFile(t, filepath.Join(docs, "flags.txt"), "Flag probe "+flags[0]+"."+body)
		_, errs, code := ingestRun(t, env, append(flags, filepath.Join(docs, "flags.txt"))...)
		if code != 1 || !strings.Contains(errs, "flags.txt: ") {
			t.Errorf("%v: exit %d %s", flags, code, errs)
		}
	}

	s := start(t, data)
	titles, texts := documentTexts(t, s.URL)
	if len(texts) != 1 || texts[0] != seeds[3] {
		t.Errorf("stored %d documents %q, want only the good one", len(texts), titles)
	}
}

// TestMetricsAccessRule: on the API's address /metrics needs the token;
// with METRICS_ADDR it moves to its own listener, open there and absent
// from the API. Probes are logged at DEBUG, not INFO.
func TestMetricsAccessRule(t *testing.T) {
	t.Parallel()
	get := func(url, token string) (int, string) {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			t.Fatal(err)
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		return resp.StatusCode, string(b)
	}

	s := start(t, t.TempDir())
	if code, body := get(s.URL+"/metrics", ""); code != 401 || strings.Contains(body, "newsgraph_") || !strings.Contains(body, "UNAUTHENTICATED") {
		t.Errorf("/metrics without a token: %d %.200s", code, body)
	}
	if code, body := get(s.URL+"/metrics", "wrong-token-0123456789"); code != 401 || strings.Contains(body, "newsgraph_") {
		t.Errorf("/metrics with a wrong token: %d %.200s", code, body)
	}
	if code, body := get(s.URL+"/metrics", testToken); code != 200 || !strings.Contains(body, "newsgraph_") {
		t.Errorf("/metrics with the token: %d", code)
	}
	for _, p := range []string{"/healthz", "/readyz", "/healthz"} {
		if code, _ := get(s.URL+p, ""); code != 200 {
			t.Errorf("%s: %d", p, code)
		}
	}
	s.stop()
	for _, line := range strings.Split(s.logs.String(), "\n") {
		if strings.Contains(line, `"msg":"request"`) && (strings.Contains(line, `"path":"/healthz"`) || strings.Contains(line, `"path":"/readyz"`) || strings.Contains(line, `"path":"/metrics"`)) {
			t.Errorf("probe logged at INFO: %s", line)
		}
	}

	maddr := freeAddr(t)
	m := start(t, t.TempDir(), "METRICS_ADDR="+maddr)
	if code, _ := get(m.URL+"/metrics", testToken); code != 404 {
		t.Errorf("/metrics on the API address with METRICS_ADDR set: %d", code)
	}
	if code, body := get("http://"+maddr+"/metrics", ""); code != 200 || !strings.Contains(body, "newsgraph_") {
		t.Errorf("/metrics on METRICS_ADDR: %d", code)
	}
	if code, _ := get("http://"+maddr+"/query?query=%7Bstats%7Bdocuments%7D%7D", ""); code != 404 {
		t.Errorf("the metrics listener serves the API: %d", code)
	}
}

// TestConfigErrorsNameTheFlag: a wrong value given as a flag is named as
// that flag, one from the environment by its variable.
func TestConfigErrorsNameTheFlag(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"--write-timeout", "5s", "--request-timeout", "10s"}, "", "--write-timeout=5s"},
		{[]string{"--addr", "8080"}, "", `--addr="8080"`},
		{nil, "ADDR=8080", `ADDR="8080"`},
		{[]string{"--metrics-addr", ":9000", "--addr", ":9000"}, "", "--metrics-addr"},
	} {
		cmd := exec.Command(binary(t), tc.args...)
		cmd.Env = append(os.Environ(), "DATA_DIR="+t.TempDir(), tc.env)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), tc.want) {
			t.Errorf("%v %s: %v %q, want exit 2 naming %s", tc.args, tc.env, err, out, tc.want)
		}
	}
}
