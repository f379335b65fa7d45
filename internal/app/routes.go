package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/rs/cors"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/resolvers"
	"github.com/newsgraph/newsgraph/internal/auth"
	"github.com/newsgraph/newsgraph/internal/httpx"
	"github.com/newsgraph/newsgraph/internal/web"
	"github.com/newsgraph/newsgraph/kg"
)

// GraphOptions maps the configuration onto the GraphQL layer's limits.
func (a *App) GraphOptions() graph.Options {
	o := graph.DefaultOptions()
	c := a.Config
	o.MaxDepth, o.MaxComplexity, o.MaxAliases, o.MaxTokens, o.MaxPageSize = c.MaxDepth, c.MaxComplexity, c.MaxAliases, c.MaxTokens, c.MaxPageSize
	o.Introspection = c.Introspection
	o.APQCacheSize = c.APQCacheSize
	o.WebsocketOrigins = c.CORSAllowedOrigins
	o.Slots = a.Metrics.NewSlots(c.MaxConcurrent)
	o.MaxResponseBytes = c.MaxResponseBytes
	o.MaxBodyBytes, o.BodyReadTimeout = c.MaxBodyBytes, c.BodyReadTimeout
	o.RequestTimeout = c.RequestTimeout
	o.MaxSubscriptions, o.MaxWebsockets = c.MaxSubscriptions, c.MaxWebsockets
	o.WebsocketInitTimeout, o.WebsocketIdleTimeout = c.WebsocketInitTimeout, c.WebsocketIdleTimeout
	return o
}

// Handler builds every route of the server:
//
//	/query    GraphQL (GET, POST, websocket, SSE) behind CORS and the token check
//	/         the GraphiQL playground (when enabled)
//	/explore  the graph explorer (a client of /query)
//	/static/  the pages' scripts and vendored libraries
//	/healthz  the process is alive
//	/readyz   the seed is loaded and the store answers
//	/metrics  Prometheus, behind the API token; absent when METRICS_ADDR
//	          gives it a listener of its own (see MetricsHandler)
//
// token is the API token mutations need.
func (a *App) Handler(token string) http.Handler {
	c := a.Config
	r := resolvers.NewResolver(a.Store, a.Ingester, a.Bus, a.Logger)

	var api http.Handler = graph.NewHandler(r, a.GraphOptions())
	api = auth.Middleware(token)(api)
	api = cors.New(cors.Options{
		AllowedOrigins:   c.CORSAllowedOrigins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
		AllowedHeaders:   []string{"Content-Type", "Accept", "Authorization", httpx.RequestIDHeader},
		ExposedHeaders:   []string{httpx.RequestIDHeader},
		AllowCredentials: c.CORSAllowCredentials,
		MaxAge:           600,
	}).Handler(api)

	mux := http.NewServeMux()
	route := func(pattern, name string, h http.Handler) {
		mux.Handle(pattern, a.Metrics.Middleware(name)(httpx.Recover(a.Logger)(h)))
	}
	route("/query", "/query", api)
	if c.Playground {
		route("GET /{$}", "/", web.Playground())
	}
	route("GET /explore", "/explore", web.Explorer())
	route("GET "+web.AssetPrefix, web.AssetPrefix, web.Assets())
	route("GET /healthz", "/healthz", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeStatus(w, http.StatusOK, "alive", "")
	}))
	route("GET /readyz", "/readyz", http.HandlerFunc(a.readyz))
	if c.MetricsAddr == "" {
		route("GET /metrics", "/metrics", auth.Middleware(token)(requireToken(a.Metrics.Handler())))
	}
	return httpx.WithRequestID(httpx.AccessLog(a.Logger)(securityHeaders(mux)))
}

// MetricsHandler serves /metrics alone, without a token, for the separate
// listener of METRICS_ADDR: the figures name operations, error rates and
// memory, which an operator shows to a scraper on a private address but
// not to every client of the API.
func (a *App) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.Metrics.Middleware("/metrics")(httpx.Recover(a.Logger)(a.Metrics.Handler())))
	return httpx.WithRequestID(httpx.AccessLog(a.Logger)(securityHeaders(mux)))
}

// requireToken answers 401 UNAUTHENTICATED unless auth.Middleware found
// the API token on the request.
func requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := auth.Require(r.Context()); err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
			httpx.WriteError(w, r, http.StatusUnauthorized, kg.CodeUnauthenticated, kg.ErrorMessage(err)+" (or scrape METRICS_ADDR)")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// readyz answers 200 once the seed is loaded and the store answers a ping,
// else 503 with the reason, so a load balancer only routes to instances
// that can serve.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	if !a.Ready() {
		writeStatus(w, http.StatusServiceUnavailable, "starting", "loading seed documents")
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.Store.Ping(ctx); err != nil {
		a.Logger.WarnContext(r.Context(), "readiness check failed", "error", err.Error())
		writeStatus(w, http.StatusServiceUnavailable, "unavailable", kg.ErrorMessage(err))
		return
	}
	writeStatus(w, http.StatusOK, "ready", "")
}

func writeStatus(w http.ResponseWriter, code int, status, reason string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(struct {
		Status string `json:"status"`
		Reason string `json:"reason,omitempty"`
	}{status, reason})
}

// securityHeaders adds the headers every response should carry.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// StartingHandler answers while the store is being opened: the process is
// alive (/healthz 200) but not ready (/readyz 503), and every other route
// is 503 UNAVAILABLE with Retry-After.
func StartingHandler(logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { writeStatus(w, http.StatusOK, "alive", "") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		writeStatus(w, http.StatusServiceUnavailable, "starting", "opening the store")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "2")
		httpx.WriteError(w, r, http.StatusServiceUnavailable, kg.CodeUnavailable, "starting: the store is not open yet")
	})
	return httpx.WithRequestID(httpx.AccessLog(logger)(securityHeaders(mux)))
}
