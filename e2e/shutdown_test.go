package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var inFlightRE = regexp.MustCompile(`(?m)^newsgraph_http_requests_in_flight (\d+)`)

// inFlight reads the in-flight gauge; the /metrics request counts itself.
func inFlight(url string) int {
	req, err := http.NewRequest(http.MethodGet, url+"/metrics", nil)
	if err != nil {
		return -1
	}
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := inFlightRE.FindSubmatch(b)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n - 1
}

// TestSIGTERMDrainsInFlight sends SIGTERM while ingestions are being
// served, and checks that every one of them completes with a success, the
// process exits cleanly, and the documents survive the restart.
//
// Each ingestion's body is sent in two halves, and the second half waits
// until the signal has been sent and new connections are refused: the
// requests are then certainly in flight when shutdown begins, however
// fast or slow the machine is. (An earlier version raced large documents
// against the signal, and on a fast run they could finish first.)
func TestSIGTERMDrainsInFlight(t *testing.T) {
	t.Parallel()
	seeds := seedTexts(t)
	dir := t.TempDir()
	s := start(t, dir)

	const n = 4
	type result struct {
		id  string
		err error
	}
	results := make([]result, n)
	release := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		text := fmt.Sprintf("Drain probe %d\n\n%s", i, seeds[i%len(seeds)])
		body, err := json.Marshal(map[string]any{"query": ingestMutation, "variables": map[string]any{"input": map[string]any{"text": text}}})
		if err != nil {
			t.Fatal(err)
		}
		pr, pw := io.Pipe()
		go func() {
			pw.Write(body[:len(body)/2])
			<-release
			pw.Write(body[len(body)/2:])
			pw.Close()
		}()
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i].id, results[i].err = ingestFrom(s.URL, pr)
		}()
	}
	deadline := time.Now().Add(30 * time.Second)
	for inFlight(s.URL) < n {
		if time.Now().After(deadline) {
			close(release)
			t.Fatalf("%d ingestions were never in flight together", n)
		}
		time.Sleep(2 * time.Millisecond)
	}
	sigAt := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// New connections are refused once draining has begun.
	refused := false
	for i := 0; i < 200 && !refused; i++ {
		if _, err := http.Get(s.URL + "/healthz"); err != nil {
			refused = true
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(release)
	wg.Wait()
	select {
	case <-s.done:
	case <-time.After(60 * time.Second):
		t.Fatal("server did not exit after draining")
	}
	if s.err != nil {
		t.Fatalf("exit: %v\n%s", s.err, s.logs)
	}
	t.Logf("exited %s after SIGTERM", time.Since(sigAt).Round(time.Millisecond))
	if !refused {
		t.Error("server kept accepting connections after SIGTERM")
	}
	var ids []string
	for i, r := range results {
		if r.err != nil {
			t.Errorf("in-flight ingestion %d failed during shutdown: %v", i, r.err)
			continue
		}
		ids = append(ids, r.id)
	}
	logs := s.logs.String()
	if strings.Index(logs, "shutting down") > strings.LastIndex(logs, `"operation":"Ingest"`) {
		t.Error("the ingestions finished before shutdown began: the test proved nothing")
	}
	s = start(t, dir)
	if missing, err := missingDocuments(context.Background(), s.URL, ids); err != nil || len(missing) > 0 {
		t.Fatalf("drained documents missing after restart: %v %v", missing, err)
	}
}

// ingestFrom posts the ingest request whose JSON body body streams, and
// returns the stored document's ID.
func ingestFrom(url string, body io.Reader) (string, error) {
	req, err := http.NewRequest(http.MethodPost, url+"/query", body)
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	var out struct {
		Data struct {
			IngestDocument struct {
				Document struct{ ID string } `json:"document"`
			} `json:"ingestDocument"`
		} `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || resp.StatusCode != http.StatusOK || len(out.Errors) > 0 || out.Data.IngestDocument.Document.ID == "" {
		return "", fmt.Errorf("ingest: status %d: %.300s", resp.StatusCode, raw)
	}
	return out.Data.IngestDocument.Document.ID, nil
}
