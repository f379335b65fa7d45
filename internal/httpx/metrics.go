package httpx

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// maxOperationLabels caps the distinct operation names kept as metric
// labels: names come from clients, and an unbounded label set would let any
// client exhaust the server's memory. Later names are counted as "other".
const maxOperationLabels = 200

// Metrics are the Prometheus metrics of one process, in their own registry
// so tests can build as many as they like.
type Metrics struct {
	Registry *prometheus.Registry

	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	size       *prometheus.HistogramVec
	inFlight   prometheus.Gauge
	gqlErrors  *prometheus.CounterVec
	storeCalls *prometheus.HistogramVec
	storeErrs  *prometheus.CounterVec
	ingested   *prometheus.CounterVec
	queued     prometheus.Gauge
	queueWait  prometheus.Histogram

	mu  sync.Mutex
	ops map[string]bool
}

// NewMetrics registers the process's metrics (plus the Go runtime and
// process collectors) in a fresh registry.
func NewMetrics() *Metrics {
	m := &Metrics{Registry: prometheus.NewRegistry(), ops: map[string]bool{}}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsgraph_http_requests_total",
		Help: "HTTP requests by route, GraphQL operation and status code.",
	}, []string{"route", "operation", "status"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "newsgraph_http_request_duration_seconds",
		Help:    "HTTP request latency by route and GraphQL operation.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"route", "operation"})
	m.size = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "newsgraph_http_response_size_bytes",
		Help:    "HTTP response body size by route.",
		Buckets: prometheus.ExponentialBuckets(64, 4, 10),
	}, []string{"route"})
	m.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "newsgraph_http_requests_in_flight",
		Help: "HTTP requests being served.",
	})
	m.gqlErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsgraph_graphql_errors_total",
		Help: "GraphQL responses carrying errors, by operation and first error code.",
	}, []string{"operation", "code"})
	m.storeCalls = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "newsgraph_store_call_duration_seconds",
		Help:    "Latency of store calls by method.",
		Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 5},
	}, []string{"method"})
	m.storeErrs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsgraph_store_call_errors_total",
		Help: "Failed store calls by method and error code.",
	}, []string{"method", "code"})
	m.ingested = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsgraph_ingested_documents_total",
		Help: "Documents submitted for ingestion by result: created, existing (already stored), rejected (bad input), failed.",
	}, []string{"result"})
	m.queued = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "newsgraph_graphql_queued_requests",
		Help: "GraphQL requests waiting for an execution slot (MAX_CONCURRENT_REQUESTS).",
	})
	m.queueWait = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "newsgraph_graphql_queue_wait_seconds",
		Help:    "Time GraphQL requests waited for an execution slot.",
		Buckets: []float64{.0001, .001, .005, .01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	})
	m.Registry.MustRegister(m.requests, m.duration, m.size, m.inFlight, m.gqlErrors,
		m.storeCalls, m.storeErrs, m.ingested, m.queued, m.queueWait,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, r := range []string{"created", "existing", "rejected", "failed"} {
		m.ingested.WithLabelValues(r) // export zeros so rates work from the start
	}
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// Middleware counts and times requests on route, labelled by the
// operation name the GraphQL layer recorded.
func (m *Metrics) Middleware(route string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			m.inFlight.Inc()
			defer m.inFlight.Dec()
			sw := &statusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r)
			info := InfoFrom(r.Context())
			op := m.opLabel(info.Operation())
			m.requests.WithLabelValues(route, op, strconv.Itoa(sw.Status())).Inc()
			m.duration.WithLabelValues(route, op).Observe(time.Since(start).Seconds())
			m.size.WithLabelValues(route).Observe(float64(sw.bytes))
			if code := info.ErrorCode(); code != "" {
				m.gqlErrors.WithLabelValues(op, code).Inc()
			}
		})
	}
}

// opLabel bounds the operation label set (see maxOperationLabels).
func (m *Metrics) opLabel(op string) string {
	if op == "" {
		return "none"
	}
	if len(op) > 64 {
		op = op[:64]
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ops[op] {
		return op
	}
	if len(m.ops) >= maxOperationLabels {
		return "other"
	}
	m.ops[op] = true
	return op
}

// ObserveStoreCall records one store call; the store decorator calls it.
func (m *Metrics) ObserveStoreCall(method string, d time.Duration, code string) {
	m.storeCalls.WithLabelValues(method).Observe(d.Seconds())
	if code != "" {
		m.storeErrs.WithLabelValues(method, code).Inc()
	}
}

// CountIngest records the result of one ingestion.
func (m *Metrics) CountIngest(result string) {
	m.ingested.WithLabelValues(result).Inc()
}
