package graph_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/newsgraph/newsgraph/graph"
)

type ingestedEvent struct {
	DocumentIngested struct {
		Created  bool
		Document struct {
			ID    string
			Title *string
			Text  string
		}
	}
}

const subscription = `subscription { documentIngested { created document { id title text } } }`

// waitSubscribed waits until the subscription is registered on the bus,
// so that the ingest that follows is seen.
func waitSubscribed(t *testing.T, e *env, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for e.bus.Subscribers() < n {
		if time.Now().After(deadline) {
			t.Fatal("subscription never registered")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func ingest(t *testing.T, e *env, text string) {
	t.Helper()
	var resp struct{ IngestDocument struct{ Created bool } }
	e.query(t, `mutation($t: String!) { ingestDocument(input: { text: $t, title: "Live" }) { created } }`, &resp, client.Var("t", text), bearer(token))
	if !resp.IngestDocument.Created {
		t.Fatalf("%q was not created", text)
	}
}

func TestDocumentIngestedOverWebsocket(t *testing.T) {
	e := newEnv(t)
	sub := e.c.Websocket(subscription)
	defer sub.Close()
	waitSubscribed(t, e, 1)
	ingest(t, e, "Breaking: a websocket story.")
	var ev ingestedEvent
	if err := sub.Next(&ev); err != nil {
		t.Fatal(err)
	}
	d := ev.DocumentIngested
	if !d.Created || d.Document.Text != "Breaking: a websocket story." || d.Document.Title == nil || *d.Document.Title != "Live" {
		t.Fatalf("event = %+v", ev)
	}
}

// gqlgen's client reads SSE only once the handler returns, so a live
// subscription is read from a real server.
func TestDocumentIngestedOverSSE(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	body, _ := json.Marshal(map[string]string{"query": subscription})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("content type %q", ct)
	}
	events := make(chan ingestedEvent, 4)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var ev struct{ Data ingestedEvent }
			if json.Unmarshal([]byte(data), &ev) == nil {
				events <- ev.Data
			}
		}
	}()
	waitSubscribed(t, e, 1)
	ingest(t, e, "Breaking: an SSE story.")
	// Re-ingesting the same text publishes nothing: the next event is the
	// following new document.
	var again struct{ IngestDocument struct{ Created bool } }
	e.query(t, `mutation { ingestDocument(input: { text: "Breaking: an SSE story." }) { created } }`, &again, bearer(token))
	ingest(t, e, "Breaking: a second SSE story.")
	var got []string
	for len(got) < 2 {
		select {
		case ev := <-events:
			got = append(got, ev.DocumentIngested.Document.Text)
		case <-ctx.Done():
			t.Fatalf("events so far: %v", got)
		}
	}
	if got[0] != "Breaking: an SSE story." || got[1] != "Breaking: a second SSE story." {
		t.Fatalf("events = %v", got)
	}
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for e.bus.Subscribers() > 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := e.bus.Subscribers(); n != 0 {
		t.Fatalf("%d subscriptions left after the client went away", n)
	}
}

func TestWebsocketOrigins(t *testing.T) {
	e := newEnv(t, withOptions(func(o *graph.Options) { o.WebsocketOrigins = []string{"http://dash.example:3000"} }))
	bad := e.c.Websocket(subscription, client.AddHeader("Origin", "http://evil.example"))
	defer bad.Close()
	var ev ingestedEvent
	if err := bad.Next(&ev); err == nil {
		t.Fatal("a websocket from a foreign origin was accepted")
	}
	good := e.c.Websocket(subscription, client.AddHeader("Origin", "http://dash.example:3000"))
	defer good.Close()
	waitSubscribed(t, e, 1)
	ingest(t, e, "Breaking: an allowed origin story.")
	if err := good.Next(&ev); err != nil || ev.DocumentIngested.Document.Text != "Breaking: an allowed origin story." {
		t.Fatalf("allowed origin: %+v %v", ev, err)
	}
}
