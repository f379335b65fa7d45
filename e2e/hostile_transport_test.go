package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// The hostile-client suite attacks the built server the way an
// unauthenticated client on the network could, over loopback. Each attack
// is bounded in requests and time. While it runs, a well-behaved client
// must be answered within probeLimit; afterwards the server's resident
// memory must have stayed within rssGrowth of what it was before, and the
// stored graph must be unchanged.

const (
	probeLimit = time.Second
	rssGrowth  = 200 << 20
)

// hostile is a server under attack and what it held before.
type hostile struct {
	*server
	before  string // snapshot of the graph
	baseRSS int64
}

// startHostile starts a server with env, loads the seed texts through the
// API and records the graph and the memory before any attack.
func startHostile(t *testing.T, env ...string) *hostile {
	t.Helper()
	s := start(t, t.TempDir(), env...)
	ctx := context.Background()
	for i, text := range seedTexts(t) {
		if _, _, err := ingest(ctx, s.URL, map[string]any{"text": text, "title": fmt.Sprintf("Seed %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	h := &hostile{server: s, before: snapshot(t, s.URL)}
	h.baseRSS = h.rss(t)
	return h
}

// rss is the server's resident memory in bytes.
func (h *hostile) rss(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", h.cmd.Process.Pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				t.Fatalf("VmRSS %q: %v", line, err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// underAttack runs attack while a well-behaved client asks a small
// question every 50 ms, then checks that every answer came within
// probeLimit, that memory stayed bounded and that the graph is unchanged.
func (h *hostile) underAttack(t *testing.T, attack func(ctx context.Context)) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	stop := make(chan struct{})
	var worst atomic.Int64
	var peak atomic.Int64
	var probes, failed atomic.Int32
	var failure atomic.Value
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			pctx, pcancel := context.WithTimeout(ctx, 5*time.Second)
			t0 := time.Now()
			r, err := gql(pctx, h.URL, `query Probe { stats { documents } }`, nil, "")
			d := time.Since(t0)
			pcancel()
			probes.Add(1)
			if d > time.Duration(worst.Load()) {
				worst.Store(int64(d))
			}
			if err != nil || r.Status != 200 || len(r.Errors) > 0 {
				failed.Add(1)
				if err != nil {
					failure.Store(err.Error())
				} else {
					failure.Store(fmt.Sprintf("%d %.200s", r.Status, r.Raw))
				}
			}
			if m := h.rss(t); m > peak.Load() {
				peak.Store(m)
			}
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	attack(ctx)
	close(stop)
	wg.Wait()
	t.Logf("during the attack: %d probes, the slowest answered in %s; resident memory %d MB before, %d MB at most",
		probes.Load(), time.Duration(worst.Load()).Round(time.Millisecond), h.baseRSS>>20, peak.Load()>>20)
	if probes.Load() == 0 {
		t.Error("no probe ran during the attack")
	}
	if w := time.Duration(worst.Load()); w > probeLimit {
		t.Errorf("a well-behaved client waited %s during the attack (limit %s)", w.Round(time.Millisecond), probeLimit)
	}
	if n := failed.Load(); n > 0 {
		t.Errorf("%d of %d probes failed during the attack, e.g. %v", n, probes.Load(), failure.Load())
	}
	if m := max(peak.Load(), h.rss(t)); m > h.baseRSS+rssGrowth {
		t.Errorf("resident memory rose from %d MB to %d MB", h.baseRSS>>20, m>>20)
	}
	if after := snapshot(t, h.URL); after != h.before {
		t.Errorf("stored graph changed:\nbefore %s\nafter  %s", h.before, after)
	}
}

// repeat calls attack until it returns false, n calls are done or d has
// passed: long enough for the probes to meet the attack, bounded in both
// count and time.
func repeat(n int, d time.Duration, attack func() bool) {
	end := time.Now().Add(d)
	for i := 0; i < n && time.Now().Before(end); i++ {
		if !attack() {
			return
		}
	}
}

// postLimited sends body to /query and reads at most limit bytes of the
// answer, so a server that answers with hundreds of megabytes costs the
// test nothing. It returns the status and the bytes read.
func postLimited(ctx context.Context, url string, body []byte, header map[string]string, limit int64) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/query", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	return resp.StatusCode, raw, err
}

// Finding 1: an unknown ID was echoed in full in each NOT_FOUND message,
// so one 4 MB ID under 100 aliases made a 400 MB answer.
func TestHostileEchoedInputIsCut(t *testing.T) {
	h := startHostile(t)
	var q strings.Builder
	q.WriteString("query Echo($id: ID!) {")
	for i := range 100 {
		fmt.Fprintf(&q, " a%d: neighborhood(id: $id) { nodes { id } }", i)
	}
	q.WriteString(" }")
	body, _ := json.Marshal(map[string]any{"query": q.String(), "variables": map[string]any{"id": strings.Repeat("x", 4<<20)}})
	h.underAttack(t, func(ctx context.Context) {
		for range 3 {
			status, raw, err := postLimited(ctx, h.URL, body, nil, 1<<20)
			if err != nil {
				t.Error(err)
				return
			}
			if len(raw) >= 1<<20 {
				t.Errorf("status %d: the answer is over 1 MB: %.300s", status, raw)
				return
			}
			var r gqlResponse
			if err := json.Unmarshal(raw, &r); err != nil || r.Code() != "NOT_FOUND" {
				t.Errorf("status %d, want NOT_FOUND errors: %.300s", status, raw)
				return
			}
			for _, e := range r.Errors {
				if len(e.Message) > 120 {
					t.Errorf("message of %d bytes echoes the input: %.200s", len(e.Message), e.Message)
					return
				}
			}
		}
	})
}

// Finding 2: evidence lists were unpaged and answers unbounded; a 129-byte
// query returned 41.6 MB.
func TestHostileEvidenceIsPagedAndAnswersCapped(t *testing.T) {
	h := startHostile(t)
	// 25 documents that all state the seed's facts, each padded to about
	// 40 KB, so every relationship of the seed has 25 quotes or more,
	// each pointing at a 40 KB text.
	ctx := context.Background()
	seed := seedTexts(t)[0]
	filler := strings.Repeat("the weather was mild and nothing else happened that day. ", 700)
	for i := range 25 {
		if _, _, err := ingest(ctx, h.URL, map[string]any{"text": fmt.Sprintf("Dispatch %d.\n\n%s\n\n%s", i, seed, filler)}); err != nil {
			t.Fatal(err)
		}
	}
	h.before = snapshot(t, h.URL)
	h.baseRSS = h.rss(t)

	r, err := gql(ctx, h.URL, `{ entities(first: 20, sort: MENTIONS) { edges { node { relationships(first: 50) { edges { node { sourceCount evidence { quote } } } } } } } }`, nil, "")
	if err != nil || r.Status != 200 || len(r.Errors) > 0 {
		t.Fatalf("%v %s", err, r.Raw)
	}
	var page struct {
		Edges []struct {
			Node struct {
				Relationships struct {
					Edges []struct {
						Node struct {
							SourceCount int
							Evidence    []json.RawMessage
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(r.Data["entities"], &page); err != nil {
		t.Fatal(err)
	}
	most, longest := 0, 0
	for _, e := range page.Edges {
		for _, rel := range e.Node.Relationships.Edges {
			most = max(most, rel.Node.SourceCount)
			longest = max(longest, len(rel.Node.Evidence))
		}
	}
	if most <= 20 {
		t.Fatalf("no relationship has more than 20 sources (most %d): the test data is too small", most)
	}
	if longest != 20 {
		t.Errorf("evidence lists %d quotes by default, want a page of 20", longest)
	}
	if r, err := gql(ctx, h.URL, `{ entities(first: 1) { edges { node { relationships(first: 1) { edges { node { evidence(first: 101) { quote } } } } } } } }`, nil, ""); err != nil || r.Code() != "BAD_USER_INPUT" {
		t.Errorf("evidence(first: 101): %v %s", err, r.Raw)
	}

	// Every quote with its document's text: hundreds of megabytes unpaged,
	// still tens with pages of 20, past the response size limit.
	big := []byte(`{"query":"{ entities(first: 20, sort: MENTIONS) { edges { node { relationships(first: 10) { edges { node { evidence { document { text } } } } } } } } }"}`)
	h.underAttack(t, func(ctx context.Context) {
		repeat(20, 1500*time.Millisecond, func() bool {
			status, raw, err := postLimited(ctx, h.URL, big, nil, 1<<20)
			if err != nil {
				t.Error(err)
				return false
			}
			var r gqlResponse
			if len(raw) >= 1<<20 || json.Unmarshal(raw, &r) != nil || r.Code() != "RESPONSE_TOO_LARGE" || len(r.Data) > 0 {
				t.Errorf("status %d, %d bytes or more, want only a RESPONSE_TOO_LARGE error: %.300s", status, len(raw), raw)
				return false
			}
			return true
		})
	})
}

// slowBody opens a connection, sends the headers of a POST with a
// 200-byte body and then one byte every 200 ms until done is closed or
// the server answers. It returns what the server answered and when.
func slowBody(addr string, done <-chan struct{}) (status string, after time.Duration, err error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return "", 0, err
	}
	defer conn.Close()
	start := time.Now()
	if _, err := fmt.Fprintf(conn, "POST /query HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{", addr); err != nil {
		return "", 0, err
	}
	answered := make(chan string, 1)
	go func() {
		_ = conn.SetReadDeadline(time.Now().Add(20 * time.Second))
		line, _ := bufio.NewReader(conn).ReadString('\n')
		answered <- strings.TrimSpace(line)
	}()
	for {
		select {
		case line := <-answered:
			return line, time.Since(start), nil
		case <-done:
			return "", time.Since(start), nil
		case <-time.After(200 * time.Millisecond):
			if _, err := conn.Write([]byte(" ")); err != nil {
				return <-answered, time.Since(start), nil
			}
		}
	}
}

// Finding 3: the execution slot was taken before the body was read, so
// a few clients sending their bodies slowly (or subscriptions sent over
// plain POST) held every slot and stalled everyone else.
func TestHostileSlowBodiesHoldNoSlot(t *testing.T) {
	h := startHostile(t, "MAX_CONCURRENT_REQUESTS=4", "BODY_READ_TIMEOUT=2s", "READ_TIMEOUT=30s", "REQUEST_TIMEOUT=30s")
	addr := strings.TrimPrefix(h.URL, "http://")
	h.underAttack(t, func(ctx context.Context) {
		done := make(chan struct{})
		time.AfterFunc(8*time.Second, func() { close(done) })
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status, after, err := slowBody(addr, done)
				switch {
				case err != nil:
					t.Error(err)
				case !strings.Contains(status, " 408 "):
					t.Errorf("a body sent at 5 bytes/s got %q after %s, want 408 within the body deadline", status, after.Round(time.Millisecond))
				case after > 5*time.Second:
					t.Errorf("a slow body was cut off only after %s (body deadline 2s)", after.Round(time.Millisecond))
				}
			}()
		}
		wg.Wait()
	})
}

// Finding 3 and 4: a subscription over plain POST held its slot until
// the deadline and then answered {"data":null}; it is refused at once.
func TestHostileSubscriptionOverPOSTIsRefused(t *testing.T) {
	h := startHostile(t, "MAX_CONCURRENT_REQUESTS=4")
	h.underAttack(t, func(ctx context.Context) {
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				repeat(50, 1500*time.Millisecond, func() bool {
					rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
					defer cancel()
					r, err := gql(rctx, h.URL, `subscription { documentIngested { created } }`, nil, "")
					if err != nil || r.Status < 400 && r.Code() == "" {
						t.Errorf("a subscription over POST: %v %v", err, r)
						return false
					}
					if r.Code() != "STREAM_REQUIRED" || !strings.Contains(r.Errors[0].Message, "text/event-stream") {
						t.Errorf("status %d: %s", r.Status, r.Raw)
						return false
					}
					return true
				})
			}()
		}
		wg.Wait()
	})
}

// sseRequest starts a request for server-sent events and returns the
// open response.
func sseRequest(ctx context.Context, url, query string) (*http.Response, error) {
	body, _ := json.Marshal(map[string]any{"query": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/query", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	return http.DefaultClient.Do(req)
}

// metric reads one unlabelled figure from /metrics.
func metric(t *testing.T, url, name string) float64 {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	t.Fatalf("no %s in /metrics (status %d)", name, resp.StatusCode)
	return 0
}

// Finding 4: anything that asked for server-sent events skipped the slot
// limit and the deadline, and subscriptions had no cap.
func TestHostileStreamsAreBounded(t *testing.T) {
	h := startHostile(t, "MAX_SUBSCRIPTIONS=3")
	ctx := context.Background()

	// A query over server-sent events waits for a slot like any other.
	const waits = "newsgraph_graphql_queue_wait_seconds_count"
	before := metric(t, h.URL, waits)
	resp, err := sseRequest(ctx, h.URL, `{ stats { documents } }`)
	if err != nil {
		t.Fatal(err)
	}
	events, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if !strings.Contains(string(events), `"documents":5`) {
		t.Fatalf("query over SSE: %s", events)
	}
	if after := metric(t, h.URL, waits); after != before+1 {
		t.Errorf("a query over SSE took no execution slot (%s %v -> %v)", waits, before, after)
	}

	// Subscriptions beyond the cap are refused, not held.
	h.underAttack(t, func(ctx context.Context) {
		sctx, cancel := context.WithCancel(ctx)
		defer cancel()
		var held, refused atomic.Int32
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := sseRequest(sctx, h.URL, `subscription { documentIngested { created } }`)
				if err != nil {
					t.Error(err)
					return
				}
				defer resp.Body.Close()
				got := make(chan string, 1)
				go func() {
					b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
					got <- string(b)
				}()
				select {
				case b := <-got:
					if strings.Contains(b, "UNAVAILABLE") {
						refused.Add(1)
					} else {
						t.Errorf("a subscription ended without an event or error: %q", b)
					}
				case <-time.After(2 * time.Second):
					held.Add(1)
				}
			}()
		}
		wg.Wait()
		if held.Load() != 3 || refused.Load() != 3 {
			t.Errorf("%d subscriptions held and %d refused, want 3 and 3 (MAX_SUBSCRIPTIONS=3)", held.Load(), refused.Load())
		}
	})
}

// Finding 5: validation compares a selection's fields pairwise, and a
// 20 KB document of 9,990 __typename cost seconds of CPU before the field
// limit refused it.
func TestHostileManyFieldsAreRefusedCheaply(t *testing.T) {
	h := startHostile(t)
	body, _ := json.Marshal(map[string]any{"query": "{" + strings.Repeat(" __typename", 9990) + " }"})
	h.underAttack(t, func(ctx context.Context) {
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				repeat(100, 1500*time.Millisecond, func() bool {
					t0 := time.Now()
					r, err := post(ctx, h.URL, body, nil)
					if err != nil || r.Code() != "FIELD_LIMIT_EXCEEDED" {
						t.Errorf("%v %v", err, r)
						return false
					}
					if d := time.Since(t0); d > probeLimit {
						t.Errorf("refusing 9,990 fields took %s", d.Round(time.Millisecond))
						return false
					}
					return true
				})
			}()
		}
		wg.Wait()
	})
}

// Finding 6: first: 0 cost nothing in the complexity limit, yet the
// server answered it with its default page.
func TestHostileFirstZeroIsCostedAsTheDefaultPage(t *testing.T) {
	h := startHostile(t, "MAX_QUERY_COMPLEXITY=1000")
	ctx := context.Background()
	r, err := gql(ctx, h.URL, `{ entities(first: 0) { edges { node { id } } } }`, nil, "")
	if err != nil || r.Status != 200 || len(r.Errors) > 0 {
		t.Fatalf("%v %s", err, r.Raw)
	}
	var page struct{ Edges []json.RawMessage }
	if err := json.Unmarshal(r.Data["entities"], &page); err != nil || len(page.Edges) == 0 || len(page.Edges) > 20 {
		t.Fatalf("entities(first: 0) answered %d edges (%v), want the default page of up to 20", len(page.Edges), err)
	}
	nested := `{ entities(first: 0) { edges { node { relationships(first: 0) { edges { node { evidence(first: 0) { quote } } } } } } } }`
	h.underAttack(t, func(ctx context.Context) {
		repeat(200, time.Second, func() bool {
			r, err := gql(ctx, h.URL, nested, nil, "")
			if err != nil || r.Code() != "COMPLEXITY_LIMIT_EXCEEDED" {
				t.Errorf("pages of first: 0, which answer 20 items each: %v %v", err, r)
				return false
			}
			return true
		})
	})
}

// Finding 7: an invalid JSON body sent for server-sent events was echoed
// into the log twice, and a newline in it forged a log line.
func TestHostileBodiesNeverReachTheLog(t *testing.T) {
	h := startHostile(t)
	forged := "{\"query\": \"x\"\n{\"time\":\"2026-01-01T00:00:00Z\",\"level\":\"ERROR\",\"msg\":\"FORGED-LINE\"}\n"
	h.underAttack(t, func(ctx context.Context) {
		repeat(100, time.Second, func() bool {
			for _, accept := range []string{"text/event-stream", "application/json", "multipart/mixed"} {
				status, raw, err := postLimited(ctx, h.URL, []byte(forged), map[string]string{"Accept": accept}, 1<<20)
				if err != nil {
					t.Error(err)
					return false
				}
				if status != http.StatusBadRequest || bytes.Contains(raw, []byte("FORGED")) {
					t.Errorf("Accept %s: %d %s", accept, status, raw)
					return false
				}
			}
			return true
		})
	})
	// Refused websocket upgrades: a foreign origin, and a handshake the
	// websocket library rejects (and gqlgen reports through the standard
	// logger) with a header value in its message.
	ctx := context.Background()
	if _, _, err := wsDial(ctx, h.URL, "https://FORGED.example"); err == nil {
		t.Error("a foreign origin opened a websocket")
	}
	req, _ := http.NewRequest(http.MethodGet, h.URL+"/query", nil)
	req.Header.Set("Upgrade", "websocket")
	req.Header.Set("Connection", "FORGED-upgrade")
	if resp, err := client.Do(req); err != nil || resp.StatusCode < 400 {
		t.Errorf("a broken websocket handshake: %v %v", err, resp)
	} else {
		resp.Body.Close()
	}
	time.Sleep(100 * time.Millisecond)
	for _, line := range strings.Split(strings.TrimSpace(h.logs.String()), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) != nil {
			t.Errorf("log line is not one JSON record: %.200q", line)
		}
		if strings.Contains(line, "FORGED-LINE") {
			t.Errorf("the body reached the log: %.200q", line)
		}
	}
}

// wsDial opens a graphql-transport-ws websocket to the server.
func wsDial(ctx context.Context, url, origin string) (*websocket.Conn, *http.Response, error) {
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	return websocket.Dial(ctx, "ws"+strings.TrimPrefix(url, "http")+"/query", &websocket.DialOptions{
		Subprotocols: []string{"graphql-transport-ws"},
		HTTPHeader:   h,
	})
}

// closedWithin reports whether the server closes c within d.
func closedWithin(c *websocket.Conn, d time.Duration) bool {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	for {
		_, _, err := c.Read(ctx)
		if err != nil {
			return ctx.Err() == nil
		}
	}
}

// Finding 9: websockets had neither a connection_init timeout nor a
// connection cap; 200 idle connections stayed open.
func TestHostileWebsocketsAreBounded(t *testing.T) {
	h := startHostile(t, "MAX_WEBSOCKETS=8", "WEBSOCKET_INIT_TIMEOUT=3s", "WEBSOCKET_IDLE_TIMEOUT=2s")
	h.underAttack(t, func(ctx context.Context) {
		var conns []*websocket.Conn
		refused := 0
		for range 12 {
			c, resp, err := wsDial(ctx, h.URL, "")
			switch {
			case err == nil:
				conns = append(conns, c)
			case resp != nil && resp.StatusCode == http.StatusServiceUnavailable:
				refused++
			default:
				t.Fatalf("dial: %v", err)
			}
		}
		if len(conns) != 8 || refused != 4 {
			t.Errorf("%d websockets open and %d refused, want 8 and 4 (MAX_WEBSOCKETS=8)", len(conns), refused)
		}
		// None sends connection_init: each is closed after the init
		// timeout (long enough that the twelve dials end before it).
		for i, c := range conns {
			if !closedWithin(c, 8*time.Second) {
				t.Errorf("websocket %d without connection_init still open after 8s (init timeout 3s)", i)
			}
			c.CloseNow()
		}

		// One that is acknowledged but runs nothing is closed once idle.
		c, _, err := wsDial(ctx, h.URL, "")
		if err != nil {
			t.Fatal(err)
		}
		defer c.CloseNow()
		if err := c.Write(ctx, websocket.MessageText, []byte(`{"type":"connection_init"}`)); err != nil {
			t.Fatal(err)
		}
		if _, ack, err := c.Read(ctx); err != nil || !strings.Contains(string(ack), "connection_ack") {
			t.Fatalf("ack: %s %v", ack, err)
		}
		if !closedWithin(c, 6*time.Second) {
			t.Error("an idle websocket is still open after 6s (idle timeout 2s)")
		}
	})
}

// Finding 11: the websocket origin check ignored the CORS allowlist, a
// lower-case bearer scheme was refused, and an APQ hash mismatch was an
// INTERNAL error logged at ERROR.
func TestHostileProtocolPoints(t *testing.T) {
	h := startHostile(t)
	ctx := context.Background()

	c, _, err := wsDial(ctx, h.URL, "http://localhost:3000")
	if err != nil {
		t.Errorf("an origin of the CORS allowlist was refused a websocket: %v", err)
	} else {
		c.CloseNow()
	}
	if _, resp, err := wsDial(ctx, h.URL, "https://evil.example"); err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a foreign origin opened a websocket: %v", err)
	}

	body, _ := json.Marshal(map[string]any{"query": ingestMutation, "variables": map[string]any{"input": map[string]any{"text": "The Commerce Department banned Kaspersky on Monday."}}})
	r, err := post(ctx, h.URL, body, map[string]string{"Authorization": "bearer " + testToken})
	if err != nil || len(r.Errors) > 0 {
		t.Errorf("lower-case bearer: %v %s", err, r.Raw)
	}

	logged := len(h.logs.String())
	apq := []byte(`{"query":"{ stats { documents } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"` + strings.Repeat("0", 64) + `"}}}`)
	r, err = post(ctx, h.URL, apq, nil)
	if err != nil || r.Code() != "PERSISTED_QUERY_INVALID" || r.Status >= 500 {
		t.Errorf("APQ hash mismatch: %v %s", err, r.Raw)
	}
	time.Sleep(100 * time.Millisecond)
	if tail := h.logs.String()[logged:]; strings.Contains(tail, `"level":"ERROR"`) {
		t.Errorf("an APQ hash mismatch was logged at ERROR:\n%s", tail)
	}
}
