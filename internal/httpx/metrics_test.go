package httpx

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/kg"
)

// statsOnly is a store whose only working method is Stats; the decorator
// must time it and pass its result through.
type statsOnly struct {
	kg.Store
	err error
}

func (s statsOnly) Stats(context.Context) (*kg.Stats, error) {
	if s.err != nil {
		return nil, s.err
	}
	return &kg.Stats{Documents: 7}, nil
}

type fixedIngester struct {
	st  kg.IngestStatus
	err error
}

func (f fixedIngester) Ingest(context.Context, kg.DocumentInput) (*kg.Document, kg.IngestStatus, error) {
	return nil, f.st, f.err
}

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(w.Body)
	return string(b)
}

func TestMetrics(t *testing.T) {
	m := NewMetrics()
	h := WithRequestID(m.Middleware("/query")(fakeExecutor(t)))
	for _, q := range []string{`{"query":"query Find { __typename }"}`, `{"query":"{"}`} {
		r := httptest.NewRequest("POST", "/query", strings.NewReader(q))
		r.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(httptest.NewRecorder(), r)
	}

	s := InstrumentStore(statsOnly{}, m)
	if st, err := s.Stats(context.Background()); err != nil || st.Documents != 7 {
		t.Fatalf("decorator changed the result: %v %v", st, err)
	}
	broken := InstrumentStore(statsOnly{err: kg.Wrap(kg.CodeUnavailable, errors.New("dial"), "store unavailable")}, m)
	if _, err := broken.Stats(context.Background()); kg.ErrorCode(err) != kg.CodeUnavailable {
		t.Fatalf("decorator changed the error: %v", err)
	}
	InstrumentIngester(fixedIngester{st: kg.IngestStatus{Created: true}}, m).Ingest(context.Background(), kg.DocumentInput{})
	InstrumentIngester(fixedIngester{}, m).Ingest(context.Background(), kg.DocumentInput{})
	InstrumentIngester(fixedIngester{err: kg.Errorf(kg.CodeBadUserInput, "empty")}, m).Ingest(context.Background(), kg.DocumentInput{})

	out := scrape(t, m)
	for _, want := range []string{
		`newsgraph_http_requests_total{operation="Find",route="/query",status="200"} 1`,
		`newsgraph_http_request_duration_seconds_count{operation="Find",route="/query"} 1`,
		`newsgraph_graphql_errors_total{code="GRAPHQL_PARSE_FAILED",operation="none"} 1`,
		`newsgraph_store_call_duration_seconds_count{method="Stats"} 2`,
		`newsgraph_store_call_errors_total{code="UNAVAILABLE",method="Stats"} 1`,
		`newsgraph_ingested_documents_total{result="created"} 1`,
		`newsgraph_ingested_documents_total{result="existing"} 1`,
		`newsgraph_ingested_documents_total{result="rejected"} 1`,
		`newsgraph_ingested_documents_total{result="failed"} 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics miss %s", want)
		}
	}
}

func TestOperationLabelsAreBounded(t *testing.T) {
	m := NewMetrics()
	seen := map[string]bool{}
	for i := 0; i < maxOperationLabels+50; i++ {
		seen[m.opLabel("op"+strings.Repeat("x", i%70)+string(rune('a'+i%26))+http.StatusText(200)+string(rune(i)))] = true
	}
	if len(seen) > maxOperationLabels+1 {
		t.Errorf("%d labels", len(seen))
	}
	if !seen["other"] {
		t.Error("overflow not folded into other")
	}
}
