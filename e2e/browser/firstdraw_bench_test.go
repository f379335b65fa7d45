package browser

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/bench"
	"github.com/newsgraph/newsgraph/internal/app"
	"github.com/newsgraph/newsgraph/internal/config"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// firstDrawNodes is the size of the neighbourhood the benchmark draws.
const firstDrawNodes = 1000

// BenchmarkFirstDraw measures the explorer's time to first draw of a
// 1,000-node neighbourhood of a synthetic graph, in headless chromium:
// one op is a page load of /explore?node=...&depth=2&limit=1000 until the
// frame after the layout. The ms/firstdraw metric is the page's own
// figure, from the start of its neighbourhood request to that frame
// (request, layout and drawing, without loading the page's scripts).
//
// BROWSER_BENCH_SCALE names the synth preset (default "small"; "full"
// takes minutes and gigabytes to load).
//
//	go test ./e2e/browser -run '^$' -bench FirstDraw -benchtime 5x
func BenchmarkFirstDraw(b *testing.B) {
	requireChromium(b)
	scale := os.Getenv("BROWSER_BENCH_SCALE")
	if scale == "" {
		scale = "small"
	}
	synthOnce.Do(func() {
		synthSrv, synthErr = synthServer(scale)
		if synthErr == nil {
			synthHub, synthErr = hubWithNeighbourhood(synthSrv, firstDrawNodes)
		}
	})
	if synthErr != nil {
		b.Fatal(synthErr)
	}
	srv, hub := synthSrv, synthHub
	b.Logf("scale %s: drawing the %d-node neighbourhood (depth 2) of %s", scale, firstDrawNodes, hub)

	p := openPage(b, srv, "/explore")
	url := fmt.Sprintf("%s/explore?node=%s&depth=2&limit=%d", srv.URL, hub, firstDrawNodes)
	var total float64
	b.ResetTimer()
	for range b.N {
		p.navigate(url)
		p.waitFor(`window.explorer && explorer.firstDrawMs !== null`, 2*time.Minute)
		total += eval[float64](p, `explorer.firstDrawMs`)
	}
	b.StopTimer()
	if n := eval[int](p, `explorer.cy.nodes().length`); n != firstDrawNodes {
		b.Fatalf("%d nodes drawn, want %d", n, firstDrawNodes)
	}
	b.ReportMetric(total/float64(b.N), "ms/firstdraw")
	b.Logf("last load's phases (ms): %v", eval[map[string]float64](p, `explorer.timings`))
	p.screenshot("bench-first-draw-1000")
}

// The synthetic server is loaded once per test process: loading is not
// what the benchmark measures, and the testing package runs a benchmark
// function several times.
var (
	synthOnce sync.Once
	synthSrv  *testServer
	synthHub  string
	synthErr  error
)

// synthServer loads the named synthetic corpus into a fresh embedded
// store and serves it with the production handler. The store lives until
// the test process ends.
func synthServer(scale string) (*testServer, error) {
	cfg, err := synth.Preset(scale)
	if err != nil {
		return nil, err
	}
	corpus, err := synth.New(cfg)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "newsgraph-firstdraw")
	if err != nil {
		return nil, err
	}
	st, err := bench.OpenEmbedded(dir)
	if err != nil {
		return nil, err
	}
	if _, err := bench.Load(context.Background(), st, corpus, 2); err != nil {
		return nil, err
	}
	return newServer(map[string]string{"DATA_DIR": dir, "SEED_DIR": ""}, func(c *config.Config, l *slog.Logger) (*app.App, error) {
		return app.New(c, l, st), nil
	})
}

// hubWithNeighbourhood finds a much-mentioned node whose depth-2
// neighbourhood reaches n nodes.
func hubWithNeighbourhood(srv *testServer, n int) (string, error) {
	var top struct {
		Entities struct{ Nodes []struct{ ID string } }
	}
	if err := query(srv, `{ entities(sort: MENTIONS, first: 20) { nodes { id } } }`, nil, &top, false); err != nil {
		return "", err
	}
	for _, c := range top.Entities.Nodes {
		var around struct{ Neighborhood subgraph }
		if err := query(srv, `query($id: ID!, $n: Int!) { neighborhood(id: $id, depth: 2, limit: $n) { nodes { id kind } edges { id } } }`,
			map[string]any{"id": c.ID, "n": n}, &around, false); err != nil {
			return "", err
		}
		if len(around.Neighborhood.Nodes) == n {
			return c.ID, nil
		}
	}
	return "", fmt.Errorf("no node among the 20 most mentioned has %d nodes within two hops", n)
}
