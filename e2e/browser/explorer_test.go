package browser

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const kaspersky = "company:kaspersky"

// subgraph is the part of a Subgraph the tests compare.
type subgraph struct {
	Nodes []struct {
		ID   string `json:"id"`
		Kind string `json:"kind"`
	} `json:"nodes"`
	Edges []struct {
		ID string `json:"id"`
	} `json:"edges"`
}

func (s subgraph) nodeIDs() []string {
	var ids []string
	for _, n := range s.Nodes {
		ids = append(ids, n.ID)
	}
	slices.Sort(ids)
	return ids
}

func (s subgraph) edgeIDs() []string {
	var ids []string
	for _, e := range s.Edges {
		ids = append(ids, e.ID)
	}
	slices.Sort(ids)
	return ids
}

// drawn reads the page's graph object: the IDs of the nodes and edges
// Cytoscape holds, and of those visible.
func (p *page) drawn(selector string) []string {
	p.t.Helper()
	ids := eval[[]string](p, fmt.Sprintf(`explorer.cy.elements(%q).map((e) => e.id()).sort()`, selector))
	if ids == nil {
		ids = []string{}
	}
	return ids
}

// chooseKaspersky types into the search box and picks the company with
// the keyboard, as test 1 asks.
func chooseKaspersky(p *page) {
	p.t.Helper()
	p.idle()
	p.do(chromedp.Click(chromedp.ID("search")), chromedp.SendKeys(chromedp.ID("search"), "Kaspersky"))
	p.wait(`document.querySelector('#results li[data-id="company:kaspersky"]') !== null`)
	ids := eval[[]string](p, `[...document.querySelectorAll("#results li")].map((li) => li.dataset.id)`)
	at := slices.Index(ids, kaspersky)
	if at < 0 {
		p.t.Fatalf("the results %v do not offer %s", ids, kaspersky)
	}
	badges := eval[[]string](p, `[...document.querySelectorAll("#results li .badge")].map((b) => b.textContent)`)
	if len(badges) != len(ids) || badges[at] != "COMPANY" {
		p.t.Fatalf("kind badges %v for results %v", badges, ids)
	}
	// The first result is active; move down to the company and choose it.
	for range at {
		p.do(chromedp.KeyEvent(kb.ArrowDown))
	}
	p.do(chromedp.KeyEvent(kb.Enter))
	p.wait(`explorer.state.node === "company:kaspersky" && document.querySelector("#details h2") !== null`)
	p.idle()
}

// Test 1: search, choose, and the drawing holds what the API returns.
func TestSearchAndDrawNeighbourhood(t *testing.T) {
	srv := seeded(t)
	p := openPage(t, srv, "/explore")
	chooseKaspersky(p)

	var want struct{ Neighborhood subgraph }
	gql(t, srv, `query($id: ID!) { neighborhood(id: $id, depth: 1, limit: 100) { nodes { id kind } edges { id } } }`,
		map[string]any{"id": kaspersky}, &want, false)
	if got := p.drawn("node"); !slices.Equal(got, want.Neighborhood.nodeIDs()) {
		t.Errorf("drawn nodes\n%v\nthe API's\n%v", got, want.Neighborhood.nodeIDs())
	}
	if got := p.drawn("edge"); !slices.Equal(got, want.Neighborhood.edgeIDs()) {
		t.Errorf("drawn edges\n%v\nthe API's\n%v", got, want.Neighborhood.edgeIDs())
	}
	if len(want.Neighborhood.Nodes) < 5 {
		t.Fatalf("the seed gives Kaspersky only %d neighbours", len(want.Neighborhood.Nodes))
	}
	expandKeepsPlaces(p, srv)
	url := eval[string](p, `location.search`)
	if !strings.Contains(url, "node=company%3Akaspersky") {
		t.Errorf("the URL %q does not hold the selection", url)
	}
	p.wait(`(explorer.cy.fit(undefined, 30), true)`)
	p.screenshot("01-search-neighbourhood")
	// The view survives a reload from its URL.
	p.do(chromedp.Reload())
	p.wait(`window.explorer && explorer.state.node === "company:kaspersky" && explorer.cy.nodes().length > 0`)
	p.idle()
	if got := p.drawn("node"); !slices.Equal(got, want.Neighborhood.nodeIDs()) {
		t.Errorf("after a reload the drawn nodes are %v", got)
	}
}

// expandKeepsPlaces clicks a drawn node whose neighbourhood reaches
// nodes not yet drawn, and checks that they are added while every node
// drawn before keeps its place.
func expandKeepsPlaces(p *page, srv *testServer) {
	p.t.Helper()
	drawn := p.drawn("node")
	target := ""
	var adds []string
	for _, id := range drawn {
		if id == kaspersky {
			continue
		}
		var around struct{ Neighborhood subgraph }
		gql(p.t, srv, `query($id: ID!) { neighborhood(id: $id, depth: 1, limit: 100) { nodes { id kind } edges { id } } }`,
			map[string]any{"id": id}, &around, false)
		adds = nil
		for _, n := range around.Neighborhood.nodeIDs() {
			if !slices.Contains(drawn, n) {
				adds = append(adds, n)
			}
		}
		if len(adds) > 0 {
			target = id
			break
		}
	}
	if target == "" {
		p.t.Fatal("no drawn node has neighbours that are not drawn")
	}
	type place struct{ X, Y float64 }
	before := eval[map[string]place](p, `Object.fromEntries(explorer.cy.nodes().map((n) => [n.id(), { X: n.position().x, Y: n.position().y }]))`)
	// Zoom in on it so that nothing else is under the pointer; zooming
	// moves the view, not the nodes.
	at := eval[place](p, fmt.Sprintf(`(() => { const cy = explorer.cy, n = cy.getElementById(%q);
		cy.zoom({ level: 2.5, position: n.position() }); cy.center(n);
		const m = n.renderedPosition(), box = cy.container().getBoundingClientRect();
		return { X: box.left + m.x, Y: box.top + m.y }; })()`, target))
	p.do(chromedp.MouseClickXY(at.X, at.Y))
	p.wait(fmt.Sprintf(`explorer.cy.getElementById(%q).length > 0`, adds[0]))
	p.idle()
	after := eval[map[string]place](p, `Object.fromEntries(explorer.cy.nodes().map((n) => [n.id(), { X: n.position().x, Y: n.position().y }]))`)
	for id, b := range before {
		a := after[id]
		if math.Abs(a.X-b.X) > 0.5 || math.Abs(a.Y-b.Y) > 0.5 {
			p.t.Errorf("expanding %s moved %s from %v to %v", target, id, b, a)
		}
	}
	for _, id := range adds {
		if _, ok := after[id]; !ok {
			p.t.Errorf("expanding %s did not draw %s", target, id)
		}
	}
	if sel := eval[string](p, `explorer.state.node`); sel != target {
		p.t.Errorf("the click selected %s, not %s", sel, target)
	}
	// Back to the company, as chosen.
	p.do(chromedp.Focus(chromedp.CSS(`#details button[data-id="company:kaspersky"]`)), chromedp.KeyEvent(kb.Enter))
	p.wait(`explorer.state.node === "company:kaspersky"`)
	p.idle()
}

// Test 2: an ISSUED edge's panel quotes the document verbatim, at its
// offsets, and the document view highlights exactly that quote.
func TestIssuedEdgeQuote(t *testing.T) {
	srv := seeded(t)
	p := openPage(t, srv, "/explore?node="+kaspersky)
	p.wait(`explorer.cy.nodes().length > 0`)
	p.idle()

	// Centre and zoom on the edge, then click its middle with the mouse.
	type point struct {
		ID string  `json:"id"`
		X  float64 `json:"x"`
		Y  float64 `json:"y"`
	}
	// The click is aimed at a position computed from the drawing; an aim
	// that missed (the panel shows something else) is taken again, at most
	// three times.
	var at point
	for attempt := 1; ; attempt++ {
		at = eval[point](p, `(() => {
		// The layout starts from random positions, so an edge's middle may
		// lie under a node or another edge's label: aim at the first ISSUED
		// edge whose middle is clear of both.
		const cy = explorer.cy, box = cy.container().getBoundingClientRect();
		const edges = cy.edges('[type = "ISSUED"]').filter(":visible");
		let pick = null;
		for (const e of edges) {
			cy.zoom({ level: 2.5, position: e.midpoint() });
			cy.center(e);
			const m = e.renderedMidpoint();
			const underNode = cy.nodes(":visible").some((n) => {
				const b = n.renderedBoundingBox();
				return m.x > b.x1 - 4 && m.x < b.x2 + 4 && m.y > b.y1 - 4 && m.y < b.y2 + 4;
			});
			const nearEdge = cy.edges(":visible").some((o) => {
				if (o.same(e)) return false;
				const q = o.renderedMidpoint();
				return Math.hypot(q.x - m.x, q.y - m.y) < 16;
			});
			if (!underNode && !nearEdge) { pick = { id: e.id(), x: box.left + m.x, y: box.top + m.y }; break; }
		}
		if (!pick && edges.length) {
			const e = edges[0];
			cy.zoom({ level: 2.5, position: e.midpoint() });
			cy.center(e);
			const m = e.renderedMidpoint();
			pick = { id: e.id(), x: box.left + m.x, y: box.top + m.y };
		}
		return pick || { id: "" };
	})()`)
		if at.ID == "" {
			t.Fatal("no ISSUED edge is drawn around Kaspersky")
		}
		p.do(chromedp.MouseClickXY(at.X, at.Y))
		cond := fmt.Sprintf(`document.querySelector('#details h2[data-edge=%q]') !== null && document.querySelector("#details blockquote") !== null`, at.ID)
		if attempt == 3 {
			p.wait(cond)
			break
		}
		if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(10*time.Second))); err == nil {
			break
		}
		p.idle()
	}

	type quote struct {
		Doc, Text  string
		Start, End string
	}
	quotes := eval[[]quote](p, `[...document.querySelectorAll("#details blockquote")].map((q) => ({ Doc: q.dataset.doc, Text: q.textContent, Start: q.dataset.start, End: q.dataset.end }))`)
	if len(quotes) == 0 {
		t.Fatal("the panel shows no quote")
	}
	for i, q := range quotes {
		start, _ := strconv.Atoi(q.Start)
		end, _ := strconv.Atoi(q.End)
		want := documentSlice(t, srv, q.Doc, start, end)
		if q.Text != want {
			t.Errorf("quote %d is %q; the document %s holds %q at %d-%d", i, q.Text, q.Doc, want, start, end)
		}
	}
	// Open the first quote's document: the highlight is the quote.
	p.do(chromedp.Click(chromedp.CSS(`#details .quote a`)))
	p.wait(`document.querySelector("#document mark") !== null`)
	mark := eval[string](p, `document.querySelector("#document mark").textContent`)
	if mark != quotes[0].Text {
		t.Errorf("the document highlights %q, not the quote %q", mark, quotes[0].Text)
	}
	p.wait(`(explorer.cy.fit(undefined, 30), true)`)
	p.screenshot("02-issued-edge-quote")
}

// documentSlice is the document's text between two code-point offsets,
// as the API defines them.
func documentSlice(t *testing.T, srv *testServer, id string, start, end int) string {
	t.Helper()
	var d struct{ Document struct{ Text string } }
	gql(t, srv, `query($id: ID!) { document(id: $id) { text } }`, map[string]any{"id": id}, &d, false)
	r := []rune(d.Document.Text)
	if start < 0 || end > len(r) || start >= end {
		t.Fatalf("offsets %d-%d outside the document (%d code points)", start, end, len(r))
	}
	return string(r[start:end])
}

// Test 3: the path finder between two seed nodes draws the API's paths.
func TestPathFinder(t *testing.T) {
	srv := seeded(t)
	const from = "person:gina-raimondo"
	p := openPage(t, srv, "/explore?node="+from)
	p.wait(`explorer.cy.nodes().length > 0 && document.querySelector("#details h2") !== null`)
	p.idle()
	p.do(chromedp.Click(chromedp.Search(`//button[text()="Path from here"]`)))
	// Go to Kaspersky through the panel's list of connected nodes, with
	// the keyboard: focus its button and press Enter.
	p.do(chromedp.Focus(chromedp.CSS(`#details button[data-id="company:kaspersky"]`)), chromedp.KeyEvent(kb.Enter))
	p.wait(`explorer.state.node === "company:kaspersky" && document.querySelector("#details h2") !== null && document.querySelector("#details h2").textContent.includes("Kaspersky")`)
	p.idle()
	p.do(chromedp.Click(chromedp.Search(`//button[text()="Path to here"]`)), chromedp.Click(chromedp.ID("find-paths")))
	p.wait(`document.querySelectorAll("#paths li button").length > 0`)
	p.idle()

	var want struct {
		Paths []subgraph
	}
	gql(t, srv, `query($f: ID!, $t: ID!) { paths(from: $f, to: $t, maxLength: 4, limit: 5) { nodes { id kind } edges { id } } }`,
		map[string]any{"f": from, "t": kaspersky}, &want, false)
	var nodes, edges []string
	for _, path := range want.Paths {
		nodes = append(nodes, path.nodeIDs()...)
		edges = append(edges, path.edgeIDs()...)
	}
	slices.Sort(nodes)
	slices.Sort(edges)
	nodes, edges = slices.Compact(nodes), slices.Compact(edges)
	if len(want.Paths) == 0 {
		t.Fatal("the API finds no path")
	}
	if got := p.drawn("node.path"); !slices.Equal(got, nodes) {
		t.Errorf("nodes marked on the path %v, the API's %v", got, nodes)
	}
	if got := p.drawn("edge.path"); !slices.Equal(got, edges) {
		t.Errorf("edges marked on the path %v, the API's %v", got, edges)
	}
	listed := eval[int](p, `document.querySelectorAll("#paths li").length`)
	if listed != len(want.Paths) {
		t.Errorf("%d paths listed, the API has %d", listed, len(want.Paths))
	}
	p.screenshot("03-path-finder")
}

// Test 4: unticking a kind hides its nodes without asking the server.
func TestFilterOutKind(t *testing.T) {
	srv := seeded(t)
	p := openPage(t, srv, "/explore?node="+kaspersky)
	p.wait(`explorer.cy.nodes().length > 0`)
	p.idle()
	before := eval[int](p, `explorer.cy.nodes(":visible").length`)
	locations := eval[int](p, `explorer.cy.nodes('[kind = "LOCATION"]:visible').length`)
	if locations == 0 {
		t.Fatal("no location is drawn around Kaspersky: nothing to filter")
	}
	asked := p.queryRequests()
	p.do(chromedp.Click(chromedp.CSS(`#kinds input[value="LOCATION"]`)))
	p.wait(`explorer.cy.nodes('[kind = "LOCATION"]:visible').length === 0`)
	after := eval[int](p, `explorer.cy.nodes(":visible").length`)
	if after > before-locations || after == 0 {
		t.Errorf("%d nodes visible before, %d locations, %d after", before, locations, after)
	}
	total := eval[int](p, `explorer.cy.nodes().length`)
	if total != before {
		t.Errorf("filtering removed nodes (%d -> %d); it should only hide them", before, total)
	}
	if n := p.queryRequests(); n != asked {
		t.Errorf("filtering sent %d requests", n-asked)
	}
	search := eval[string](p, `location.search`)
	if !strings.Contains(search, "hide=LOCATION") {
		t.Errorf("the URL %q does not hold the filter", search)
	}
	exported := eval[subgraph](p, `explorer.visibleSubgraph()`)
	for _, n := range exported.Nodes {
		if n.Kind == "LOCATION" {
			t.Errorf("the export holds the hidden %s", n.ID)
		}
	}
	p.screenshot("04-filter-kind")
}

// Test 5: a document ingested while the page is open marks the drawn
// node it mentions.
func TestLiveIngestMarksNode(t *testing.T) {
	srv := seeded(t)
	p := openPage(t, srv, "/explore?node="+kaspersky)
	p.wait(`explorer.cy.nodes().length > 0 && document.getElementById("live-state").textContent.startsWith("listening")`)
	p.idle()
	if eval[bool](p, `explorer.cy.getElementById("company:kaspersky").hasClass("touched")`) {
		t.Fatal("Kaspersky is marked before any document arrived")
	}
	text := fmt.Sprintf("Kaspersky said on %s that it would challenge the ban in court, a spokesperson for the company told reporters in Moscow.", time.Now().UTC().Format(time.RFC3339Nano))
	var res struct {
		IngestDocument struct{ Created bool }
	}
	gql(t, srv, `mutation($t: String!) { ingestDocument(input: { text: $t, title: "Kaspersky to challenge the ban", source: "browser test" }) { created } }`,
		map[string]any{"t": text}, &res, true)
	if !res.IngestDocument.Created {
		t.Fatal("the document was already stored")
	}
	p.wait(`explorer.cy.getElementById("company:kaspersky").hasClass("touched")`)
	p.wait(`document.querySelector("#live li") !== null && document.querySelector("#live li").textContent.includes("Kaspersky")`)
	p.screenshot("05-live-ingest")
}

// The conflicts list selects the nodes a conflict involves, the timeline
// strip shows the API's entries for the selection, the minimum of
// independent sources hides weaker edges, and the exports work.
func TestConflictsTimelineFiltersExport(t *testing.T) {
	srv := seeded(t)
	p := openPage(t, srv, "/explore")
	p.wait(`document.querySelector("#conflicts button[data-conflict]") !== null`)
	p.idle()
	var api struct {
		Conflicts []struct {
			ID      string
			Subject struct{ ID string }
			Sides   []struct{ Node *struct{ ID string } }
		}
	}
	gql(t, srv, `{ conflicts(first: 20) { id subject { id } sides { node { id } } } }`, nil, &api, false)
	if len(api.Conflicts) == 0 {
		t.Fatal("the seed has no conflict")
	}
	c := api.Conflicts[0]
	p.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#conflicts button[data-conflict=%q]`, c.ID))))
	p.wait(fmt.Sprintf(`explorer.state.node === %q && explorer.cy.$(":selected").length > 0`, c.Subject.ID))
	p.idle()
	want := []string{c.Subject.ID}
	for _, s := range c.Sides {
		if s.Node != nil {
			want = append(want, s.Node.ID)
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	drawn := p.drawn("node")
	var involved []string
	for _, id := range want {
		if slices.Contains(drawn, id) {
			involved = append(involved, id)
		}
	}
	if got := p.drawn("node:selected"); !slices.Equal(got, involved) {
		t.Errorf("selected %v, the conflict involves %v (drawn: %v)", got, want, involved)
	}

	var tl struct{ Timeline []struct{ ID string } }
	gql(t, srv, `query($id: ID!) { timeline(about: $id, first: 100) { id } }`, map[string]any{"id": c.Subject.ID}, &tl, false)
	if n := eval[int](p, `document.querySelectorAll("#timeline button").length`); n != len(tl.Timeline) {
		t.Errorf("the timeline strip shows %d entries, the API %d", n, len(tl.Timeline))
	}

	// Raise the minimum from 0 to 2 with the keyboard.
	p.do(chromedp.Focus(chromedp.ID("min")), chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp))
	p.wait(`explorer.state.min === 2`)
	const min = 2
	if eval[int](p, `explorer.cy.edges(":visible").length`) == 0 {
		t.Error("no edge has two independent sources: the filter hid everything")
	}
	if weak := eval[int](p, fmt.Sprintf(`explorer.cy.edges(":visible").filter((e) => explorer.apiEdges.get(e.id()).independentSourceCount < %d).length`, min)); weak != 0 {
		t.Errorf("%d edges with fewer than %d independent sources stay visible", weak, min)
	}
	if !strings.Contains(eval[string](p, `location.search`), fmt.Sprintf("min=%d", min)) {
		t.Error("the URL does not hold the minimum")
	}

	exported := eval[map[string][]map[string]any](p, `explorer.visibleSubgraph()`)
	for _, n := range exported["nodes"] {
		for _, k := range []string{"id", "kind", "label", "weight"} {
			if _, ok := n[k]; !ok {
				t.Fatalf("an exported node lacks %s: %v", k, n)
			}
		}
	}
	for _, e := range exported["edges"] {
		for _, k := range []string{"id", "type", "source", "target", "label", "weight"} {
			if _, ok := e[k]; !ok {
				t.Fatalf("an exported edge lacks %s: %v", k, e)
			}
		}
	}
	if !eval[bool](p, `explorer.cy.png({ full: true }).startsWith("data:image/png;base64,")`) {
		t.Error("the PNG export is not a PNG")
	}
	p.screenshot("08-conflict")
}
