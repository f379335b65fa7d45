package neo4jstore

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/kg"
	"github.com/newsgraph/newsgraph/store/storetest"
)

// startStandIn runs the Bolt stand-in binary (NEO4J_STANDIN_BIN, built by
// scripts/neo4j-contract.sh) on port (0 = any) and returns the process and
// the port it listens on.
func startStandIn(t *testing.T, bin string, port int) (*exec.Cmd, int) {
	t.Helper()
	cmd := exec.Command(bin, "-port", fmt.Sprint(port))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	listening := regexp.MustCompile(`bolt server listening.* port=(\d+)`)
	found := make(chan int, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				var p int
				fmt.Sscan(m[1], &p)
				found <- p
				break
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
	}()
	select {
	case p := <-found:
		return cmd, p
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("stand-in did not start")
	}
	return nil, 0
}

// TestNeo4jOutageRecovery stops the database under a live store: requests
// fail with UNAVAILABLE (no driver text for clients), then, once it is
// back on the same address, the same Store answers again without being
// re-opened. It also checks that Open waits for a database that starts late.
func TestNeo4jOutageRecovery(t *testing.T) {
	bin := os.Getenv("NEO4J_STANDIN_BIN")
	if bin == "" {
		t.Skip("NEO4J_STANDIN_BIN not set: needs the stand-in binary to stop and restart (scripts/neo4j-contract.sh sets it)")
	}
	ctx := context.Background()
	cmd, port := startStandIn(t, bin, 0)
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()

	cfg := Config{URI: fmt.Sprintf("bolt://127.0.0.1:%d", port), StartupWait: 10 * time.Second,
		QueryTimeout: 2 * time.Second, ConnectionAcquisitionTimeout: 2 * time.Second}
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Seed(t, s, storetest.Corpus()[0])

	// Down: kill it hard, as a crash would.
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	for name, call := range map[string]func() error{
		"Ping":   func() error { return s.Ping(ctx) },
		"Nodes":  func() error { _, err := s.Nodes(ctx, []string{storetest.Kaspersky}); return err },
		"Ingest": func() error { _, err := s.Ingest(ctx, storetest.Corpus()[1]); return err },
	} {
		err := call()
		if kg.ErrorCode(err) != kg.CodeUnavailable {
			t.Errorf("%s while down: %v, want UNAVAILABLE", name, err)
		}
		if msg := kg.ErrorMessage(err); msg != "graph database unavailable" {
			t.Errorf("%s while down: client message %q", name, msg)
		}
	}

	// Back on the same port (empty: the stand-in is in memory).
	cmd, _ = startStandIn(t, bin, port)
	deadline := time.Now().Add(15 * time.Second)
	for {
		err := s.Ping(ctx)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("store did not recover after the database came back: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if _, err := s.Ingest(ctx, storetest.Corpus()[1]); err != nil {
		t.Errorf("Ingest after recovery: %v", err)
	}

	// Open waits with backoff for a database that is not up yet.
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	opened := make(chan error, 1)
	go func() {
		s2, err := Open(ctx, cfg)
		if err == nil {
			s2.Close()
		}
		opened <- err
	}()
	time.Sleep(1500 * time.Millisecond)
	cmd, _ = startStandIn(t, bin, port)
	if err := <-opened; err != nil {
		t.Errorf("Open did not wait for the late database: %v", err)
	}
}
