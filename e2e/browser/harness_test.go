// Package browser tests the explorer (/explore) and the playground (/) in
// a real browser: Debian's chromium, headless, driven over the DevTools
// protocol with chromedp, against the production handler of an
// in-process server over the seed documents.
//
// The tests skip, naming the reason, when chromium is not installed; in
// CI (CI=true), which installs it in .ci/run, its absence is a failure.
// Each test saves a screenshot under testout/ (git-ignored).
package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/internal/app"
	"github.com/newsgraph/newsgraph/internal/config"
)

// token is the API token of the test servers; reads never need it.
const token = "browser-test-token-0123456789"

// outDir is where the screenshots go.
const outDir = "testout"

// chromiumPath finds the browser: $CHROMIUM, else chromium on the PATH
// (Debian's package), else the other names it goes by.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// requireChromium skips when there is no browser, except in CI, where
// .ci/run installs one and a skip would hide that the tests did not run.
func requireChromium(tb testing.TB) string {
	tb.Helper()
	p := chromiumPath()
	if p != "" {
		return p
	}
	const reason = "chromium not installed: the browser tests need Debian's chromium (apt-get install chromium) or $CHROMIUM"
	if os.Getenv("CI") == "true" {
		tb.Fatal(reason + "; CI must install it (.ci/run)")
	}
	tb.Skip(reason)
	return ""
}

// browserContext starts a headless chromium with a fresh profile that can
// reach nothing but loopback: every other host name resolves to nothing,
// so a page that asked for a CDN would fail visibly.
func browserContext(tb testing.TB) context.Context {
	tb.Helper()
	path := requireChromium(tb)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tb.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// testServer is the production handler over the seed documents.
type testServer struct {
	*httptest.Server
	app *app.App
}

var (
	seedOnce   sync.Once
	seedServer *testServer
	seedErr    error
)

// seeded returns the shared server over the five seed documents. Tests
// that ingest add documents the others' assertions tolerate: each
// compares the page with what the API answers at that moment.
func seeded(tb testing.TB) *testServer {
	tb.Helper()
	seedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "newsgraph-browser")
		if err != nil {
			seedErr = err
			return
		}
		seedServer, seedErr = newServer(map[string]string{"DATA_DIR": dir, "SEED_DIR": "../../seed"}, nil)
	})
	if seedErr != nil {
		tb.Fatal(seedErr)
	}
	return seedServer
}

// newServer opens an App configured by env (over st when given, else over
// the configured store), loads the seed and serves it on loopback.
func newServer(env map[string]string, open func(*config.Config, *slog.Logger) (*app.App, error)) (*testServer, error) {
	cfg, _, err := config.Parse("browser-test", nil, func(k string) (string, bool) { v, ok := env[k]; return v, ok }, nil)
	if err != nil {
		return nil, err
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	var a *app.App
	if open != nil {
		a, err = open(cfg, logger)
	} else {
		a, err = app.Open(context.Background(), cfg, logger)
	}
	if err != nil {
		return nil, err
	}
	if err := a.LoadSeed(context.Background()); err != nil {
		return nil, err
	}
	a.SetReady()
	return &testServer{Server: httptest.NewServer(a.Handler(token)), app: a}, nil
}

// page is one browser tab on the test server, recording what the page
// logs as an error and every URL it requests.
type page struct {
	t   testing.TB
	ctx context.Context
	srv *testServer

	mu       sync.Mutex
	errors   []string
	requests []string
}

// openPage opens path in a new tab and checks at the end of the test that
// the page logged no error and asked nothing of any other host.
func openPage(t testing.TB, srv *testServer, path string) *page {
	t.Helper()
	tab, cancelTab := chromedp.NewContext(browserContext(t))
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	// Subscribe before navigating, so that nothing the page does is missed.
	watch, stopWatching := context.WithCancel(tab)
	p := &page{t: t, srv: srv}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for m, err := range chromedp.Console(watch) {
			if err != nil {
				return
			}
			// Errors of the page's code, exceptions, and browser log errors:
			// Content-Security-Policy violations and failed loads.
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				p.mu.Lock()
				p.errors = append(p.errors, fmt.Sprintf("%s (%s)", m, m.URL))
				p.mu.Unlock()
			}
		}
	}()
	go func() {
		defer wg.Done()
		for ev, err := range chromedp.Events(watch, network.RequestWillBeSent) {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.requests = append(p.requests, ev.Request.URL)
			p.mu.Unlock()
		}
	}()
	// Each wait has its own limit; this one bounds a whole test or benchmark.
	ctx, cancelTimeout := context.WithTimeout(tab, 5*time.Minute)
	p.ctx = ctx
	t.Cleanup(func() {
		stopWatching()
		wg.Wait()
		p.checkClean()
		cancelTimeout()
		cancelTab()
	})
	// The page must read well on a 1280x800 screen: that is the viewport.
	p.do(chromedp.EmulateViewport(1280, 800), chromedp.Navigate(srv.URL+path))
	return p
}

// checkClean is test 7: no console errors, exceptions or CSP reports, and
// no request to anything but the test server (data: and blob: URLs are
// the page's own).
func (p *page) checkClean() {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, e := range p.errors {
		p.t.Errorf("the page logged an error: %s", e)
	}
	for _, u := range p.requests {
		if strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
			continue
		}
		pu, err := url.Parse(u)
		if err != nil || pu.Hostname() != "127.0.0.1" {
			p.t.Errorf("the page requested %s: only the server on loopback may be asked", u)
		}
	}
	if len(p.requests) == 0 {
		p.t.Error("no request was recorded: the network listener saw nothing")
	}
}

// queryRequests counts the page's requests to the GraphQL endpoint.
func (p *page) queryRequests() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, u := range p.requests {
		if strings.HasSuffix(u, "/query") {
			n++
		}
	}
	return n
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatal(err)
	}
}

// navigate loads another URL in the tab.
func (p *page) navigate(url string) {
	p.t.Helper()
	p.do(chromedp.Navigate(url))
}

// eval evaluates a JavaScript expression into a T.
func eval[T any](p *page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		p.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// wait polls a JavaScript condition until it holds, for 30 seconds.
func (p *page) wait(cond string) {
	p.t.Helper()
	p.waitFor(cond, 30*time.Second)
}

// waitFor polls a JavaScript condition until it holds, for at most d.
func (p *page) waitFor(cond string, d time.Duration) {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(d))); err != nil {
		p.t.Fatalf("waiting for %s: %v", cond, err)
	}
}

// idle waits until the explorer has no request in flight and has drawn.
func (p *page) idle() {
	p.t.Helper()
	p.wait(`window.explorer && !window.explorer.busy()`)
	p.do(chromedp.Sleep(150 * time.Millisecond))
	p.wait(`!window.explorer.busy()`)
}

// screenshot saves the viewport as testout/<name>.png.
func (p *page) screenshot(name string) {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outDir, name+".png"), png, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// gql asks the test server's API directly; the tests compare the page
// with these answers.
func gql(t testing.TB, srv *testServer, q string, vars map[string]any, out any, auth bool) {
	t.Helper()
	if err := query(srv, q, vars, out, auth); err != nil {
		t.Fatal(err)
	}
}

// query posts a GraphQL operation and decodes its data into out; an
// error in the answer is returned.
func query(srv *testServer, q string, vars map[string]any, out any, auth bool) error {
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if auth {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		return err
	}
	if len(r.Errors) > 0 {
		return fmt.Errorf("%s: %s", q, r.Errors[0].Message)
	}
	return json.Unmarshal(r.Data, out)
}
