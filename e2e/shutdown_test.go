package e2e

import (
	"context"
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
	resp, err := http.Get(url + "/metrics")
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

// TestSIGTERMDrainsInFlight sends SIGTERM while large ingestions are being
// served, and checks that every one of them completes with a success, the
// process exits cleanly, and the documents survive the restart.
func TestSIGTERMDrainsInFlight(t *testing.T) {
	t.Parallel()
	seeds := seedTexts(t)
	dir := t.TempDir()
	s := start(t, dir)

	const n = 4
	// Documents large enough that extraction takes a while; if a round
	// finishes before all n are seen in flight together, the next round
	// uses documents twice as large.
	big := func(i, size int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "Drain probe %d of size %d\n\n", i, size)
		for b.Len() < size {
			b.WriteString(seeds[(i+b.Len())%len(seeds)])
			b.WriteString("\n\n")
		}
		return b.String()
	}
	type result struct {
		id  string
		err error
	}
	var results []result
	var wg sync.WaitGroup
	// A round where all n are seen in flight together may be near its end
	// when they are seen, and they can finish before the signal lands. So
	// the signal waits for a second such round, with documents twice as
	// large, whose ingestions have about half their time still to run.
	seen := 0
	for size := 120 << 10; seen < 2; size *= 2 {
		if size > 8<<20 {
			t.Fatalf("%d ingestions were never in flight together", n)
		}
		results = make([]result, n)
		var left sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			left.Add(1)
			go func() {
				defer wg.Done()
				defer left.Done()
				id, _, err := ingest(context.Background(), s.URL, map[string]any{"text": big(i, size)})
				results[i] = result{id, err}
			}()
		}
		finished := make(chan struct{})
		go func() { left.Wait(); close(finished) }()
		together := false
	poll:
		for {
			select {
			case <-finished:
				break poll
			default:
			}
			if inFlight(s.URL) >= n {
				together = true
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		if together {
			seen++
		}
		if seen < 2 {
			<-finished // this round ends before the next, larger one starts
		}
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
