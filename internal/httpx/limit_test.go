package httpx

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	m := NewMetrics()
	release := make(chan struct{})
	entered := make(chan struct{}, 2)
	h := m.Limit(1)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	}))
	first := make(chan int)
	go func() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("POST", "/query", nil))
		first <- w.Code
	}()
	<-entered

	// A second request cannot get the slot before its deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/query", nil).WithContext(ctx))
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "UNAVAILABLE") {
		t.Fatalf("busy: %d %s", w.Code, w.Body)
	}

	// A third waits in line and runs once the first is done.
	third := make(chan int)
	go func() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("POST", "/query", nil))
		third <- w.Code
	}()
	time.Sleep(20 * time.Millisecond)
	select {
	case <-entered:
		t.Fatal("two requests ran at once")
	default:
	}
	release <- struct{}{}
	if c := <-first; c != 200 {
		t.Errorf("first %d", c)
	}
	<-entered
	release <- struct{}{}
	if c := <-third; c != 200 {
		t.Errorf("third %d", c)
	}
	if out := scrape(t, m); !strings.Contains(out, "newsgraph_graphql_queue_wait_seconds_count 2") {
		t.Errorf("queue wait not observed:\n%s", out)
	}
}
