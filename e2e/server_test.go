// Package e2e tests the built server binary from the outside, the way it
// runs in production: as a process, over HTTP, through restarts, signals
// and kill -9.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// testToken is the API token every test server runs with.
const testToken = "e2e-token-0123456789abcdef"

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

var (
	tempMu   sync.Mutex
	tempDirs []string
)

// tempDir makes a folder that outlives one test (the binary, the fuzz
// store) and is removed when the test process ends.
func tempDir() (string, error) {
	d, err := os.MkdirTemp("", "newsgraph-e2e")
	if err == nil {
		tempMu.Lock()
		tempDirs = append(tempDirs, d)
		tempMu.Unlock()
	}
	return d, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// binary builds the server once per test process, into a temporary folder.
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := tempDir()
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "newsgraph")
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Dir = ".."
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// server is one running server process.
type server struct {
	t    testing.TB
	cmd  *exec.Cmd
	URL  string // http://127.0.0.1:port
	logs *syncBuffer
	done chan struct{}
	err  error // exit status, valid after done is closed
}

// syncBuffer collects the server's stderr while tests read it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs the server on a free loopback port with dataDir and waits
// until /readyz answers 200. env adds or overrides variables.
func start(t testing.TB, dataDir string, env ...string) *server {
	t.Helper()
	s := startNoWait(t, dataDir, env...)
	s.waitReady(60 * time.Second)
	return s
}

// freeAddr returns a loopback address with a port that was free a moment
// ago, so the server need not log at info level to be found.
func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func startNoWait(t testing.TB, dataDir string, env ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(binary(t))
	cmd.Env = append(os.Environ(),
		"ADDR="+addr, "DATA_DIR="+dataDir, "SEED_DIR=", "API_TOKEN="+testToken,
		"LOG_FORMAT=json", "LOG_LEVEL=info")
	cmd.Env = append(cmd.Env, env...)
	s := &server{t: t, cmd: cmd, URL: "http://" + addr, logs: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stderr = s.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		s.err = cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() { s.kill() })
	return s
}

func (s *server) waitReady(limit time.Duration) {
	s.t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.URL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		select {
		case <-s.done:
			s.t.Fatalf("server exited: %v\n%s", s.err, s.logs)
		case <-time.After(20 * time.Millisecond):
		}
	}
	s.t.Fatalf("server not ready within %s\n%s", limit, s.logs)
}

// stop sends SIGTERM and waits for a clean exit.
func (s *server) stop() {
	s.t.Helper()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
		if s.err != nil {
			s.t.Fatalf("server exit: %v\n%s", s.err, s.logs)
		}
	case <-time.After(60 * time.Second):
		s.t.Fatalf("server did not stop on SIGTERM\n%s", s.logs)
	}
}

// kill sends SIGKILL (kill -9) and waits for the process to be gone.
func (s *server) kill() {
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.cmd.Process.Kill()
	<-s.done
}

// gqlResponse is a decoded GraphQL response with its HTTP status.
type gqlResponse struct {
	Status int
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Raw []byte
}

// Code is the first error's extensions.code, "" without errors.
func (r *gqlResponse) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

var client = &http.Client{Timeout: 60 * time.Second}

// post sends a raw body to /query with the given headers.
func post(ctx context.Context, url string, body []byte, header map[string]string) (*gqlResponse, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/query", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	out := &gqlResponse{Status: resp.StatusCode, Raw: raw}
	if err := json.Unmarshal(raw, out); err != nil {
		return out, fmt.Errorf("status %d, body is not JSON: %.200q", resp.StatusCode, raw)
	}
	return out, nil
}

// gql sends a GraphQL request; token "" sends no Authorization header.
func gql(ctx context.Context, url, query string, vars map[string]any, token string) (*gqlResponse, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	h := map[string]string{}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	return post(ctx, url, body, h)
}

const ingestMutation = `mutation Ingest($input: DocumentInput!) {
  ingestDocument(input: $input) { created document { id title publishedAt } }
}`

// ingest stores a document through the API and returns its ID.
func ingest(ctx context.Context, url string, in map[string]any) (string, bool, error) {
	r, err := gql(ctx, url, ingestMutation, map[string]any{"input": in}, testToken)
	if err != nil {
		return "", false, err
	}
	if r.Status != 200 || len(r.Errors) > 0 {
		return "", false, fmt.Errorf("ingest: status %d: %.300s", r.Status, r.Raw)
	}
	var res struct {
		Created  bool `json:"created"`
		Document struct {
			ID string `json:"id"`
		} `json:"document"`
	}
	if err := json.Unmarshal(r.Data["ingestDocument"], &res); err != nil || res.Document.ID == "" {
		return "", false, fmt.Errorf("ingest: unexpected data %.300s", r.Raw)
	}
	return res.Document.ID, res.Created, nil
}

// missingDocuments returns the IDs among ids that the server does not know.
func missingDocuments(ctx context.Context, url string, ids []string) ([]string, error) {
	var missing []string
	const chunk = 40
	for i := 0; i < len(ids); i += chunk {
		part := ids[i:min(i+chunk, len(ids))]
		var q strings.Builder
		q.WriteString("query Check {")
		for j, id := range part {
			fmt.Fprintf(&q, " d%d: document(id: %q) { id }", j, id)
		}
		q.WriteString(" }")
		r, err := gql(ctx, url, q.String(), nil, "")
		if err != nil {
			return nil, err
		}
		if r.Status != 200 || len(r.Errors) > 0 {
			return nil, fmt.Errorf("check: status %d: %.300s", r.Status, r.Raw)
		}
		for j, id := range part {
			if v := r.Data[fmt.Sprintf("d%d", j)]; len(v) == 0 || string(v) == "null" {
				missing = append(missing, id)
			}
		}
	}
	return missing, nil
}

// snapshotQuery reads what the graph holds, to compare before and after.
const snapshotQuery = `query Snapshot {
  stats { documents nodes edges nodesByKind { kind count } edgesByType { type count } }
  entities(first: 100) { totalCount edges { node { id name aliases } } }
}`

func snapshot(t testing.TB, url string) string {
	t.Helper()
	r, err := gql(context.Background(), url, snapshotQuery, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != 200 || len(r.Errors) > 0 {
		t.Fatalf("snapshot: %d %s", r.Status, r.Raw)
	}
	return string(r.Raw)
}

// seedTexts returns the seed documents' texts, the raw material of the
// synthetic documents the tests ingest.
func seedTexts(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("../seed/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed documents: %v", err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// syntheticDoc builds a unique, realistic document: a numbered headline
// and a slice of seed paragraphs chosen by n.
func syntheticDoc(seeds []string, n int) string {
	base := seeds[n%len(seeds)]
	paras := strings.Split(base, "\n\n")
	k := 1 + n%max(1, len(paras)-1)
	return fmt.Sprintf("Dispatch number %d from the newsroom\n\n%s\n\nReference %d.", n, strings.Join(paras[:min(k+2, len(paras))], "\n\n"), n)
}
