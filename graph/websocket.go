package graph

import (
	"context"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"

	"github.com/newsgraph/newsgraph/internal/httpx"
	"github.com/newsgraph/newsgraph/kg"
)

// cappedWebsocket is gqlgen's websocket transport with the bounds a
// long-lived connection needs: at most cap(conns) connections at once
// (more are refused with 503, not queued), connection_init within the init
// timeout, and a connection that runs no operation for the idle timeout is
// closed.
type cappedWebsocket struct {
	transport.Websocket
	conns   chan struct{}
	origins []string // host patterns besides the server's own host
}

var _ graphql.Transport = cappedWebsocket{}

// newWebsocket builds the websocket transport from the options.
func newWebsocket(o Options) cappedWebsocket {
	idle := o.WebsocketIdleTimeout
	return cappedWebsocket{
		Websocket: transport.Websocket{
			KeepAlivePingInterval: 10 * time.Second,
			InitTimeout:           o.WebsocketInitTimeout,
			Implementation: transport.CoderWebsocketImplementation{
				AcceptOptions: websocket.AcceptOptions{OriginPatterns: originPatterns(o.WebsocketOrigins)},
			},
			InitFunc: func(ctx context.Context, _ transport.InitPayload) (context.Context, *transport.InitPayload, error) {
				// Cancelling the connection's context closes it.
				ctx, cancel := context.WithCancel(ctx)
				return withIdleWatch(ctx, newIdleWatch(idle, cancel)), nil, nil
			},
			CloseFunc: func(ctx context.Context, _ int) {
				if w := idleWatchFrom(ctx); w != nil {
					w.stop()
				}
			},
		},
		conns:   make(chan struct{}, o.MaxWebsockets),
		origins: originPatterns(o.WebsocketOrigins),
	}
}

// Do serves one websocket connection for as long as it lasts.
func (t cappedWebsocket) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if !originAllowed(r, t.origins) {
		// Refused here, as the websocket library would refuse it, so that
		// the refusal is a coded error and the Origin header is not
		// written to the log by gqlgen.
		httpx.WriteError(w, r, http.StatusForbidden, kg.CodeForbidden, "origin not allowed: it is not in the CORS allowlist")
		return
	}
	select {
	case t.conns <- struct{}{}:
	default:
		w.Header().Set("Retry-After", "1")
		httpx.WriteError(w, r, http.StatusServiceUnavailable, kg.CodeUnavailable, "too many websocket connections: try again later")
		return
	}
	defer func() { <-t.conns }()
	liftDeadlines(w)
	t.Websocket.Do(w, streamingRequest(r), exec)
}

// originAllowed reports whether a browser on the request's Origin may
// open a websocket: no Origin (not a browser), the server's own host, or
// a host matching one of patterns (the CORS allowlist, see
// originPatterns), as the websocket library matches them.
func originAllowed(r *http.Request, patterns []string) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	host := strings.ToLower(u.Host)
	if host == strings.ToLower(r.Host) {
		return true
	}
	for _, p := range patterns {
		if ok, _ := path.Match(strings.ToLower(p), host); ok {
			return true
		}
	}
	return false
}

// idleWatch closes a websocket connection that has run no operation for
// its idle timeout.
type idleWatch struct {
	mu      sync.Mutex
	active  int
	timer   *time.Timer
	idle    time.Duration
	closeFn context.CancelFunc
}

func newIdleWatch(idle time.Duration, closeFn context.CancelFunc) *idleWatch {
	w := &idleWatch{idle: idle, closeFn: closeFn}
	w.timer = time.AfterFunc(idle, w.fire)
	return w
}

// start counts an operation that began.
func (w *idleWatch) start() {
	w.mu.Lock()
	w.active++
	w.timer.Stop()
	w.mu.Unlock()
}

// done counts an operation that ended; the last one starts the clock.
func (w *idleWatch) done() {
	w.mu.Lock()
	w.active--
	if w.active == 0 {
		w.timer.Reset(w.idle)
	}
	w.mu.Unlock()
}

func (w *idleWatch) fire() {
	w.mu.Lock()
	idle := w.active == 0
	w.mu.Unlock()
	if idle {
		w.closeFn()
	}
}

// stop ends the watch of a closed connection.
func (w *idleWatch) stop() {
	w.timer.Stop()
	w.closeFn()
}

type idleWatchKey struct{}

func withIdleWatch(ctx context.Context, w *idleWatch) context.Context {
	return context.WithValue(ctx, idleWatchKey{}, w)
}

// idleWatchFrom returns the watch of the websocket connection an
// operation runs on, or nil on other transports.
func idleWatchFrom(ctx context.Context) *idleWatch {
	w, _ := ctx.Value(idleWatchKey{}).(*idleWatch)
	return w
}
