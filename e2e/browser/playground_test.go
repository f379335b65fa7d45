package browser

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Test 6: the playground renders and runs its default query with no
// network but loopback (the browser resolves no other host, and the page
// records every request it makes: openPage fails the test if one leaves
// the server).
func TestPlaygroundOffline(t *testing.T) {
	srv := seeded(t)
	p := openPage(t, srv, "/")
	p.wait(`document.querySelector(".graphiql-container .graphiql-query-editor .CodeMirror") !== null`)
	query := eval[string](p, `document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.getValue()`)
	if !strings.Contains(query, `node(id: "company:kaspersky")`) || !strings.Contains(query, "ordersAgainst") {
		t.Fatalf("the editor starts with %q, not the README's example", query)
	}
	p.do(chromedp.Click(chromedp.CSS(".graphiql-execute-button")))
	// The result pane is an editor that renders only the lines in view;
	// read its whole value.
	p.wait(`(() => { const r = document.querySelector(".result-window .CodeMirror"); return r && r.CodeMirror.getValue().includes('"data"'); })()`)
	result := eval[string](p, `document.querySelector(".result-window .CodeMirror").CodeMirror.getValue()`)
	var got struct {
		Data struct {
			Node struct {
				OrdersAgainst []struct{ Name string }
			}
		}
		Errors []any
	}
	if err := json.Unmarshal([]byte(result), &got); err != nil {
		t.Fatalf("the result pane holds %q: %v", result, err)
	}
	var names []string
	for _, o := range got.Data.Node.OrdersAgainst {
		names = append(names, o.Name)
	}
	if len(got.Errors) > 0 || !slices.Contains(names, "Ban on Kaspersky") || !slices.Contains(names, "Ban on Kaspersky (2017)") {
		t.Errorf("the default query answered orders %v, errors %v", names, got.Errors)
	}
	p.screenshot("06-playground")

	// A subscription streams (server-sent events) and shows the next document.
	p.wait(`(document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue("subscription { documentIngested { created document { id title } } }"), true)`)
	p.do(chromedp.Click(chromedp.CSS(".graphiql-execute-button")))
	// The page cannot tell when the server has registered the
	// subscription, so documents are ingested until one shows (each
	// fires the event once: a lost one only means it was too early).
	for i := 0; ; i++ {
		var res struct {
			IngestDocument struct{ Document struct{ ID string } }
		}
		gql(t, srv, `mutation($t: String!) { ingestDocument(input: { text: $t, title: "Playground subscription" }) { document { id } } }`,
			map[string]any{"t": fmt.Sprintf("The Department of Commerce said on %s that Kaspersky may appeal.", time.Now().UTC().Format(time.RFC3339Nano))}, &res, true)
		shown := fmt.Sprintf(`document.querySelector(".result-window .CodeMirror").CodeMirror.getValue().includes(%q)`, res.IngestDocument.Document.ID)
		if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](shown, chromedp.WithPollingTimeout(2*time.Second))); err == nil {
			break
		}
		if i == 10 {
			t.Fatalf("no ingested document showed in the subscription's results: %s", eval[string](p, `document.querySelector(".result-window").textContent`))
		}
	}
}

// The pages and their files carry the policy that keeps them on this
// origin and out of frames.
func TestPagesAreConfined(t *testing.T) {
	srv := seeded(t)
	for _, path := range []string{"/", "/explore", "/static/explore/explore.js", "/static/vendor/graphiql.min.js"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, res.StatusCode)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'self';") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if xfo := res.Header.Get("X-Frame-Options"); xfo != "DENY" {
			t.Errorf("%s: X-Frame-Options %q", path, xfo)
		}
	}
	for _, path := range []string{"/static/", "/static/vendor", "/static/../go.mod", "/static/missing.js"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}
}
