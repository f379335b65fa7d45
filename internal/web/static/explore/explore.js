// The graph explorer: a client of the public GraphQL endpoint (/query)
// and nothing else. It draws neighbourhoods with Cytoscape.js, keeps the
// view's state in the URL, and marks the nodes that newly ingested
// documents touch (documentIngested over server-sent events).
//
// window.explorer exposes the drawing and the API objects it was built
// from, for the browser tests and for anyone scripting the page.
"use strict";

const ENDPOINT = "/query";
const KINDS = ["AGENCY", "COMPANY", "ENTITY", "PERSON", "LOCATION", "ORDER", "DATE", "DOCUMENT"];
const KIND_COLORS = {
  AGENCY: "#1f77b4", COMPANY: "#d62728", ENTITY: "#9467bd", PERSON: "#2ca02c",
  LOCATION: "#17becf", ORDER: "#ff7f0e", DATE: "#8c564b", DOCUMENT: "#7f7f7f",
};
const MAX_LIMIT = 1000;
const EDGE_LABELS_UP_TO = 250;
const NODE_LABELS_UP_TO = 150;
const FORCE_LAYOUT_UP_TO = 400;
const RING = 80;

// The fields of a Subgraph the drawing needs; the JSON export writes
// back exactly these objects, so it has the API's own shape.
const SUBGRAPH = `nodes { id kind label weight firstSeen lastSeen }
  edges { id type source target label weight sourceCount independentSourceCount role attributes { key value } }`;

const Q = {
  search: `query Search($q: String!) { search(query: $q, first: 10) { score node { id kind label } } }`,
  neighborhood: `query Around($id: ID!, $depth: Int!, $limit: Int!) {
    neighborhood(id: $id, depth: $depth, limit: $limit) { ${SUBGRAPH} } }`,
  node: `query Node($id: ID!) { node(id: $id) {
    id kind name label weight aliases firstSeen lastSeen mentionCount documentCount
    facts { name value unit text qualifier sourceCount evidence { documentId quote start end document { label publishedAt } } }
    documents(first: 20) { id label publishedAt source } } }`,
  relationship: `query Rel($s: ID!, $t: ID!, $type: RelationshipType!) {
    relationships(where: { source: $s, target: $t, types: [$type] }, first: 100) { nodes {
      id type role modality statement derivation sourceCount independentSourceCount firstSeen lastSeen
      source { id label } target { id label }
      evidence { documentId quote start end sentence document { label publishedAt source } } } } }`,
  document: `query Doc($id: ID!) { document(id: $id) { id label title source url publishedAt text } }`,
  paths: `query Paths($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxLength: 4, limit: 5) {
    length sourceCount ${SUBGRAPH} } }`,
  timeline: `query Timeline($id: ID!) { timeline(about: $id, first: 100) {
    id date precision description type role subject { id label } dateNode { id } } }`,
  conflicts: `query Conflicts($about: ID) { conflicts(about: $about, first: 20) { id kind topic description subject { id kind label }
    sides { value node { id kind label } sourceCount independentSourceCount } } }`,
  live: `subscription { documentIngested { created document { id label
    relationships(types: [MENTIONS], direction: OUT, first: 100) { nodes { target { id } } } } } }`,
};

const $ = (id) => document.getElementById(id);

// el builds an element: el("b", {class: "x"}, "text", child...). Text is
// always set as text, never parsed as HTML.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "style") Object.assign(e.style, v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null && c !== false) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

// fill replaces an element's children; nested arrays and empty parts are
// allowed, as in el.
function fill(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false));
}

function badge(kind) {
  return el("span", { class: "badge", style: { background: KIND_COLORS[kind] || "#555" } }, kind);
}

// ---- the API -------------------------------------------------------------

let pending = 0;

// gql runs one GraphQL operation. Errors are shown in the status line and
// rethrown; they are not logged to the console, which the tests keep clean.
async function gql(query, variables) {
  pending++;
  try {
    const res = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors && body.errors.length) {
      const e = body.errors[0];
      throw new Error(`${e.message}${e.extensions && e.extensions.code ? ` (${e.extensions.code})` : ""}`);
    }
    return body.data;
  } finally {
    pending--;
  }
}

function status(text, isError) {
  const s = $("status");
  s.textContent = text || "";
  s.classList.toggle("error", !!isError);
}

// guard runs an async action and reports its failure in the status line.
function guard(fn) {
  return (...args) => Promise.resolve().then(() => fn(...args)).catch((err) => status(err.message, true));
}

// ---- the drawing -----------------------------------------------------------

cytoscape.use(cytoscapeFcose);

// timings holds the phases of the last expansion, in milliseconds.
const timings = {};

const apiNodes = new Map(); // id -> node object as the API returned it
const apiEdges = new Map(); // id -> edge object as the API returned it
const roots = new Set(); // nodes the user drew or expanded: never hidden as orphans

const cy = cytoscape({
  container: $("graph"),
  wheelSensitivity: 0.3,
  minZoom: 0.02,
  maxZoom: 4,
  style: [
    { selector: "node", style: {
      "background-color": "data(color)",
      width: "data(size)", height: "data(size)",
      "border-width": 1, "border-color": "#fff",
    } },
    // Labels cost a text measure each; a large drawing labels only its
    // heaviest nodes and the selection.
    { selector: "node.labelled, node:selected", style: {
      label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis",
      "text-max-width": 130, "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 7,
    } },
    { selector: 'node[kind = "ORDER"]', style: { shape: "round-rectangle" } },
    { selector: 'node[kind = "DATE"]', style: { shape: "diamond" } },
    { selector: 'node[kind = "DOCUMENT"]', style: { shape: "rectangle" } },
    { selector: "edge", style: {
      width: "mapData(independent, 1, 6, 1.2, 8)", "line-color": "#9aa3ad", "target-arrow-color": "#9aa3ad",
      "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.8,
    } },
    // Edge labels cost a text measure and a rotation each; a large drawing
    // shows them only on the selected edge.
    { selector: "edge.labelled, edge:selected", style: {
      label: "data(label)", "font-size": 8, color: "#556", "text-rotation": "autorotate",
      "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 9,
    } },
    // Relations the documents deny or that did not succeed are drawn
    // unlike asserted ones: negated dashed red ending in a bar, attempted
    // dotted amber.
    { selector: 'edge[modality = "negated"]', style: {
      "line-style": "dashed", "line-color": "#c0392b", "target-arrow-color": "#c0392b", "target-arrow-shape": "tee" } },
    { selector: 'edge[modality = "attempted"], edge[type = "ATTEMPTED"]', style: {
      "line-style": "dotted", "line-color": "#e08e0b", "target-arrow-color": "#e08e0b" } },
    { selector: 'edge[modality = "planned"]', style: { "line-style": "dashed", "line-dash-pattern": [2, 6] } },
    { selector: ".path", style: { "line-color": "#f1c40f", "target-arrow-color": "#f1c40f", "border-color": "#f1c40f", "border-width": 4, "z-index": 9 } },
    { selector: ".touched", style: { "border-color": "#e6007e", "border-width": 5, "border-style": "double" } },
    { selector: "node:selected", style: { "border-color": "#111", "border-width": 4 } },
    { selector: "edge:selected", style: { "line-color": "#111", "target-arrow-color": "#111", "z-index": 10 } },
    { selector: ".filtered", style: { display: "none" } },
  ],
});

function legend() {
  fill($("legend"), 
    ...KINDS.filter((k) => k !== "DOCUMENT").map((k) => el("span", {}, el("span", { class: "swatch", style: { background: KIND_COLORS[k] } }), k.toLowerCase())),
    el("span", {}, "– – negated"), el("span", {}, "· · · attempted"));
}

// nodeSize grows with the weight (documents that mention the node) on a
// log scale, so that a node named in hundreds of documents does not cover
// the drawing.
function nodeSize(weight) {
  return Math.min(64, 14 + 7 * Math.log2(1 + Math.max(0, weight)));
}

function modality(edge) {
  const a = (edge.attributes || []).find((x) => x.key === "modality");
  return a ? a.value : "asserted";
}

// merge adds a Subgraph to the drawing. Nodes already drawn keep their
// place; new ones start around the node they were reached from and only
// they are laid out, so the picture does not jump as it grows.
async function merge(sub, anchorId) {
  const first = cy.nodes().length === 0;
  const added = [];
  for (const n of sub.nodes) {
    apiNodes.set(n.id, n);
    if (cy.getElementById(n.id).length) {
      cy.getElementById(n.id).data({ weight: n.weight, size: nodeSize(n.weight) });
      continue;
    }
    added.push({ group: "nodes", data: { id: n.id, label: n.label, kind: n.kind, weight: n.weight, size: nodeSize(n.weight), color: KIND_COLORS[n.kind] || "#555" } });
  }
  const addedEdges = [];
  for (const e of sub.edges) {
    apiEdges.set(e.id, e);
    if (cy.getElementById(e.id).length) continue;
    addedEdges.push({ group: "edges", data: {
      id: e.id, source: e.source, target: e.target, type: e.type, label: e.label,
      independent: e.independentSourceCount, modality: modality(e) } });
  }
  if (!added.length && !addedEdges.length) return;
  const anchor = anchorId && cy.getElementById(anchorId);
  const centre = anchor && anchor.length ? anchor.position() : { x: 0, y: 0 };
  const radius = 60 + 8 * Math.sqrt(added.length) * 6;
  added.forEach((n, i) => {
    const a = (2 * Math.PI * i) / added.length;
    n.position = { x: centre.x + radius * Math.cos(a), y: centre.y + radius * Math.sin(a) };
  });
  const t0 = performance.now();
  let fresh;
  cy.batch(() => {
    fresh = cy.add([...added, ...addedEdges]);
    cy.edges().toggleClass("labelled", cy.edges().length <= EDGE_LABELS_UP_TO);
    const nodes = cy.nodes();
    if (nodes.length <= NODE_LABELS_UP_TO) nodes.addClass("labelled");
    else {
      nodes.removeClass("labelled");
      nodes.sort((a, b) => b.data("weight") - a.data("weight")).slice(0, NODE_LABELS_UP_TO).addClass("labelled");
    }
    refreshTypes();
    applyFilters();
  });
  const t1 = performance.now();
  await layout(first ? null : fresh.nodes(), anchorId);
  timings.add = t1 - t0;
  timings.layout = performance.now() - t1;
}

// layout places the nodes: the whole drawing when fresh is null, else
// only the fresh nodes, around the ones already placed.
function layout(fresh, rootId) {
  return new Promise((resolve) => {
    let opts = {
      name: "fcose", animate: false, quality: "default", randomize: !fresh,
      nodeRepulsion: 6000, idealEdgeLength: 90, nodeSeparation: 80, packComponents: true,
    };
    const root = rootId && cy.getElementById(rootId);
    if (!fresh && cy.nodes().length > FORCE_LAYOUT_UP_TO && root && root.length) {
      // A force layout of a thousand nodes takes many seconds in a
      // browser; rings by distance from the node chosen take a moment and
      // read as what a neighbourhood is.
      const hops = new Map();
      cy.elements().bfs({ roots: root, visit: (v, e, u, i, depth) => { hops.set(v.id(), depth); } });
      // Each hop is split into rings of at most RING nodes, the heavier
      // nearer the centre; each ring is just wide enough for its nodes.
      // The positions are computed here and set in one go (a preset
      // layout): cytoscape's concentric layout measures every node first.
      const far = Math.max(...hops.values()) + 1;
      const rings = [];
      const byHop = new Map();
      cy.nodes().sort((a, b) => b.data("weight") - a.data("weight")).forEach((n) => {
        const h = hops.has(n.id()) ? hops.get(n.id()) : far;
        if (!byHop.has(h)) byHop.set(h, [[]]);
        const list = byHop.get(h);
        if (list[list.length - 1].length === RING) list.push([]);
        list[list.length - 1].push(n);
      });
      [...byHop.keys()].sort((a, b) => a - b).forEach((h) => rings.push(...byHop.get(h)));
      const pos = new Map();
      let radius = 0;
      for (const ring of rings) {
        const widest = Math.max(...ring.map((n) => n.data("size")));
        if (ring.length > 1) radius = Math.max(radius + widest + 24, (ring.length * (widest + 8)) / (2 * Math.PI));
        ring.forEach((n, i) => {
          const a = (2 * Math.PI * i) / ring.length;
          pos.set(n.id(), { x: radius * Math.cos(a), y: radius * Math.sin(a) });
        });
      }
      opts = { name: "preset", animate: false, fit: false, positions: (n) => pos.get(n.id()) };
    }
    // Hidden elements are laid out too, so that they come back in place
    // when a filter is lifted.
    const eles = cy.elements();
    if (fresh) {
      // Everything drawn before stays where it is.
      const freshIds = new Set(fresh.map((n) => n.id()));
      if (!freshIds.size) return resolve();
      opts.packComponents = false;
      opts.fixedNodeConstraint = eles.nodes().filter((n) => !freshIds.has(n.id()))
        .map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
    }
    const l = eles.layout(opts);
    l.one("layoutstop", () => resolve());
    l.run();
  }).then(() => {
    if (!fresh) cy.fit(undefined, 30);
  });
}

// ---- filters -------------------------------------------------------------

const state = {
  node: null, // the selected node's ID
  hiddenKinds: new Set(),
  hiddenTypes: new Set(),
  min: 0,
  from: "",
  to: "",
  depth: 1,
  limit: 100,
};

// overlaps reports whether [first, last] meets the chosen period. ISO
// dates at any precision compare as strings once the bound is padded.
function overlaps(first, last) {
  if (state.from && last && last < state.from) return false;
  if (state.to && first && first > state.to + "\uffff") return false;
  return true;
}

function nodeVisible(n) {
  if (n.id === state.node) return true; // the selection stays in view
  if (state.hiddenKinds.has(n.kind)) return false;
  if (n.kind === "DATE") return overlaps(n.label, n.label);
  return overlaps(n.firstSeen, n.lastSeen);
}

// applyFilters hides what the filters leave out; nothing is fetched.
function applyFilters() {
  cy.batch(() => {
    const shown = new Set();
    cy.nodes().forEach((n) => {
      const ok = nodeVisible(apiNodes.get(n.id()));
      n.toggleClass("filtered", !ok);
      if (ok) shown.add(n.id());
    });
    const linked = new Set();
    cy.edges().forEach((e) => {
      const api = apiEdges.get(e.id());
      const ok = shown.has(api.source) && shown.has(api.target) &&
        !state.hiddenTypes.has(api.type) && api.independentSourceCount >= state.min;
      e.toggleClass("filtered", !ok);
      if (ok) { linked.add(api.source); linked.add(api.target); }
    });
    // A node whose every line the filters hid would float unexplained.
    cy.nodes().forEach((n) => {
      if (!n.hasClass("filtered") && !linked.has(n.id()) && !roots.has(n.id()) && n.connectedEdges().length) n.addClass("filtered");
    });
  });
  saveURL();
}

function buildKindFilter() {
  fill($("kinds"), el("legend", {}, "Kinds"), ...KINDS.filter((k) => k !== "DOCUMENT").map((k) =>
    el("label", {}, el("input", { type: "checkbox", value: k, checked: !state.hiddenKinds.has(k), onchange: (ev) => {
      ev.target.checked ? state.hiddenKinds.delete(k) : state.hiddenKinds.add(k);
      applyFilters();
    } }), el("span", { class: "swatch", style: { background: KIND_COLORS[k] } }), k.toLowerCase())));
}

function refreshTypes() {
  const types = [...new Set([...apiEdges.values()].map((e) => e.type))].sort();
  const box = $("types");
  const have = new Set([...box.querySelectorAll("input")].map((i) => i.value));
  if (types.length === have.size && types.every((t) => have.has(t))) return;
  fill(box, el("legend", {}, "Relationship types"), ...types.map((t) =>
    el("label", {}, el("input", { type: "checkbox", value: t, checked: !state.hiddenTypes.has(t), onchange: (ev) => {
      ev.target.checked ? state.hiddenTypes.delete(t) : state.hiddenTypes.add(t);
      applyFilters();
    } }), t)));
}

function bindFilterInputs() {
  const min = $("min"), from = $("from"), to = $("to");
  min.value = state.min; from.value = state.from; to.value = state.to;
  min.addEventListener("input", () => { state.min = Math.max(0, parseInt(min.value, 10) || 0); applyFilters(); });
  for (const [input, key] of [[from, "from"], [to, "to"]]) {
    input.addEventListener("input", () => {
      if (input.value && !input.checkValidity()) return;
      state[key] = input.value;
      applyFilters();
    });
  }
}

// ---- the URL ----------------------------------------------------------------

function saveURL() {
  const p = new URLSearchParams();
  if (state.node) p.set("node", state.node);
  if (state.hiddenKinds.size) p.set("hide", [...state.hiddenKinds].join(","));
  if (state.hiddenTypes.size) p.set("types", [...state.hiddenTypes].join(","));
  if (state.min) p.set("min", state.min);
  if (state.from) p.set("from", state.from);
  if (state.to) p.set("to", state.to);
  if (state.depth !== 1) p.set("depth", state.depth);
  if (state.limit !== 100) p.set("limit", state.limit);
  const q = p.toString();
  history.replaceState(null, "", q ? `?${q}` : location.pathname);
}

function loadURL() {
  const p = new URLSearchParams(location.search);
  const list = (k) => (p.get(k) || "").split(",").filter(Boolean);
  state.node = p.get("node");
  list("hide").filter((k) => KINDS.includes(k)).forEach((k) => state.hiddenKinds.add(k));
  list("types").forEach((t) => state.hiddenTypes.add(t));
  state.min = Math.max(0, parseInt(p.get("min"), 10) || 0);
  const iso = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  state.from = iso.test(p.get("from") || "") ? p.get("from") : "";
  state.to = iso.test(p.get("to") || "") ? p.get("to") : "";
  state.depth = Math.min(3, Math.max(1, parseInt(p.get("depth"), 10) || 1));
  state.limit = Math.min(MAX_LIMIT, Math.max(1, parseInt(p.get("limit"), 10) || 100));
}

// ---- search ------------------------------------------------------------------

let searchSeq = 0;
let hits = [];
let active = -1;

function showResults() {
  const ul = $("results");
  ul.replaceChildren(...hits.map((h, i) => el("li", {
    role: "option", id: `hit-${i}`, "aria-selected": i === active ? "true" : "false", "data-id": h.node.id,
    onmousedown: (ev) => { ev.preventDefault(); choose(h.node.id); },
  }, badge(h.node.kind), h.node.label)));
  ul.hidden = hits.length === 0;
  $("search").setAttribute("aria-expanded", String(!ul.hidden));
  $("search").setAttribute("aria-activedescendant", active >= 0 ? `hit-${active}` : "");
}

function bindSearch() {
  const input = $("search");
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { hits = []; showResults(); return; }
    timer = setTimeout(guard(async () => {
      const seq = ++searchSeq;
      const data = await gql(Q.search, { q: q.slice(0, 200) });
      if (seq !== searchSeq) return; // a later keystroke won
      hits = data.search;
      active = hits.length ? 0 : -1;
      showResults();
    }), 150);
  });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!hits.length) return;
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      showResults();
    } else if (ev.key === "Enter" && active >= 0 && hits[active]) {
      ev.preventDefault();
      choose(hits[active].node.id);
    } else if (ev.key === "Escape") {
      hits = []; showResults();
    }
  });
  input.addEventListener("blur", () => setTimeout(() => { hits = []; showResults(); }, 100));
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "/" && document.activeElement === document.body) { ev.preventDefault(); input.focus(); }
    if (ev.key === "Escape" && document.activeElement !== input) { cy.elements().unselect(); }
  });
}

// choose starts a view from a node: its neighbourhood, drawn afresh.
const choose = guard(async (id) => {
  $("search").value = "";
  hits = []; showResults();
  cy.elements().remove();
  apiNodes.clear(); apiEdges.clear(); roots.clear();
  await expand(id);
  await select(id);
  $("graph").focus();
});

// expand adds a node's neighbourhood to the drawing.
async function expand(id) {
  status("loading…");
  const t0 = performance.now();
  const data = await gql(Q.neighborhood, { id, depth: state.depth, limit: state.limit });
  const t1 = performance.now();
  roots.add(id);
  await merge(data.neighborhood, id);
  timings.request = t1 - t0;
  timings.nodes = cy.nodes().length;
  timings.edges = cy.edges().length;
  timings.draw = performance.now() - t1;
  status(`${cy.nodes(":visible").length} nodes, ${cy.edges(":visible").length} relationships drawn`);
}

// ---- details -----------------------------------------------------------------

let detailSeq = 0;

const select = guard(async (id) => {
  state.node = id;
  applyFilters();
  const n = cy.getElementById(id);
  cy.elements().unselect();
  n.select();
  const seq = ++detailSeq;
  const [data] = await Promise.all([gql(Q.node, { id }), loadTimeline(id), loadConflicts(id)]);
  if (seq !== detailSeq) return;
  showNode(data.node);
});

function dlist(pairs) {
  return el("dl", {}, pairs.filter(([, v]) => v !== undefined && v !== null && v !== "").flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

function quoteBlock(ev) {
  return el("div", { class: "quote" },
    el("blockquote", { "data-doc": ev.documentId, "data-start": ev.start, "data-end": ev.end }, ev.quote),
    el("a", { href: "#", "data-doc": ev.documentId, onclick: (e) => { e.preventDefault(); showDocument(ev.documentId, ev.start, ev.end); } },
      `${ev.document ? `${ev.document.label}${ev.document.publishedAt ? `, ${ev.document.publishedAt}` : ""}` : ev.documentId} · chars ${ev.start}–${ev.end}`));
}

function showNode(node) {
  if (!node) { fill($("details"), el("p", {}, "This node no longer exists.")); return; }
  const drawn = cy.getElementById(node.id);
  const neighbours = drawn.length ? drawn.neighborhood("node:visible").sort((a, b) => a.data("label").localeCompare(b.data("label"))) : cy.collection();
  fill($("details"), 
    el("h2", {}, badge(node.kind), " ", node.name),
    dlist([["ID", node.id], ["Weight", node.weight], ["First seen", node.firstSeen || "unknown"], ["Last seen", node.lastSeen || "unknown"],
      ["Mentions", node.mentionCount], ["Documents", node.documentCount]]),
    el("div", {},
      el("button", { type: "button", onclick: guard(() => expand(node.id)) }, "Expand"),
      el("button", { type: "button", onclick: () => setPathEnd("from", node) }, "Path from here"),
      el("button", { type: "button", onclick: () => setPathEnd("to", node) }, "Path to here")),
    node.aliases.length ? [el("h3", {}, "Aliases"), el("p", {}, node.aliases.join(" · "))] : null,
    node.facts.length ? [el("h3", {}, "Facts"), el("ul", {}, node.facts.map((f) => el("li", {},
      `${f.name}: ${f.text}`, f.sourceCount > 1 ? ` (${f.sourceCount} sources)` : "", quoteBlock(f.evidence))))] : null,
    neighbours.length ? [el("h3", {}, `Connected (${neighbours.length})`), el("ul", { class: "plain" }, neighbours.map((m) =>
      el("li", {}, el("button", { type: "button", "data-id": m.id(), onclick: () => select(m.id()) }, badge(m.data("kind")), " ", m.data("label")))))] : null,
    node.documents.length ? [el("h3", {}, "Documents"), el("ul", { class: "plain" }, node.documents.map((d) =>
      el("li", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); showDocument(d.id); } }, d.label),
        d.publishedAt ? ` · ${d.publishedAt}` : "", d.source ? ` · ${d.source}` : "")))] : null,
  );
}

const showEdge = guard(async (id) => {
  const e = apiEdges.get(id);
  const seq = ++detailSeq;
  const data = await gql(Q.relationship, { s: e.source, t: e.target, type: e.type });
  if (seq !== detailSeq) return;
  const r = data.relationships.nodes.find((x) => x.id === id);
  if (!r) { fill($("details"), el("p", {}, "This relationship no longer exists.")); return; }
  fill($("details"), 
    el("h2", { "data-edge": r.id }, r.type),
    el("p", {}, el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); select(r.source.id); } }, r.source.label), " → ",
      el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); select(r.target.id); } }, r.target.label)),
    dlist([["Modality", r.modality === "asserted" ? r.modality : el("span", { class: "neg" }, r.modality)], ["Role", r.role],
      ["Statement", r.statement], ["Derivation", r.derivation],
      ["Sources", r.sourceCount], ["Independent", r.independentSourceCount], ["First seen", r.firstSeen], ["Last seen", r.lastSeen]]),
    el("h3", {}, `Quotes (${r.evidence.length})`),
    r.evidence.map(quoteBlock),
  );
});

// showDocument shows a document's text with the quote at [start, end)
// highlighted. Offsets count Unicode code points, as the API's do.
const showDocument = guard(async (id, start, end) => {
  const { document: d } = await gql(Q.document, { id });
  const box = $("document");
  if (!d) { box.hidden = true; return; }
  const chars = Array.from(d.text);
  const text = el("div", { class: "text" });
  if (start !== undefined) {
    text.append(chars.slice(0, start).join(""), el("mark", { "data-start": start, "data-end": end }, chars.slice(start, end).join("")), chars.slice(end).join(""));
  } else {
    text.append(d.text);
  }
  fill(box, 
    el("h2", { "data-doc": d.id }, d.title || d.label),
    el("p", { class: "hint" }, [d.source, d.publishedAt].filter(Boolean).join(" · "),
      d.url ? [" · ", el("a", { href: d.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null),
    text,
    el("button", { type: "button", onclick: () => { box.hidden = true; } }, "Close"));
  box.hidden = false;
  box.scrollIntoView({ block: "nearest" });
  const mark = text.querySelector("mark");
  if (mark) text.scrollTop = Math.max(0, mark.offsetTop - 40); // .text is the mark's offsetParent
});

// ---- paths ---------------------------------------------------------------------

const ends = { from: null, to: null };

function setPathEnd(which, node) {
  ends[which] = node;
  $(`path-${which}`).textContent = node.name;
  $("find-paths").disabled = !(ends.from && ends.to && ends.from.id !== ends.to.id);
}

const findPaths = guard(async () => {
  const data = await gql(Q.paths, { from: ends.from.id, to: ends.to.id });
  cy.elements().removeClass("path");
  const list = $("paths");
  if (!data.paths.length) { fill(list, el("li", {}, "No path of at most 4 relationships.")); return; }
  for (const p of data.paths) await merge(p, ends.from.id);
  roots.add(ends.from.id); roots.add(ends.to.id);
  const mark = (p) => {
    cy.elements().removeClass("path");
    p.nodes.forEach((n) => cy.getElementById(n.id).addClass("path"));
    p.edges.forEach((e) => cy.getElementById(e.id).addClass("path"));
  };
  fill(list, ...data.paths.map((p) => el("li", {}, el("button", { type: "button", onclick: () => mark(p) },
    p.nodes.map((n) => n.label).join(" → "), ` (${p.sourceCount} sources)`))));
  data.paths.forEach((p) => { p.nodes.forEach((n) => cy.getElementById(n.id).addClass("path")); p.edges.forEach((e) => cy.getElementById(e.id).addClass("path")); });
  applyFilters();
  cy.fit(cy.elements(".path"), 40);
});

// ---- timeline and conflicts --------------------------------------------------

async function loadTimeline(id) {
  const { timeline } = await gql(Q.timeline, { id });
  const strip = $("timeline");
  if (!timeline.length) { fill(strip, el("span", { class: "hint" }, "No dated facts about this node.")); return; }
  fill(strip, ...timeline.map((t) => el("button", { type: "button", "data-subject": t.subject.id, title: t.description,
    onclick: () => {
      const ids = [t.subject.id, t.dateNode.id].filter((x) => cy.getElementById(x).length);
      cy.elements().unselect();
      ids.forEach((x) => cy.getElementById(x).select());
    } }, el("b", {}, t.date), t.role ? `${t.role}: ` : "", t.subject.label)));
}

// loadConflicts lists the conflicts about a node, or across the graph
// when about is null (only on an empty page: on a large graph that asks
// the server for much more work).
let conflictsAbout;
const loadConflicts = guard(async (about) => {
  if (about === conflictsAbout) return;
  conflictsAbout = about;
  $("conflicts-about").textContent = about ? `about ${apiNodes.has(about) ? apiNodes.get(about).label : about}` : "across the graph";
  const { conflicts } = await gql(Q.conflicts, { about });
  if (about !== conflictsAbout) return;
  fill($("conflicts"), ...(conflicts.length ? conflicts.map((c) => el("li", {}, el("button", {
    type: "button", "data-conflict": c.id, title: c.description, onclick: () => showConflict(c),
  }, badge(c.subject.kind), ` ${c.subject.label}: ${c.topic}`))) : [el("li", { class: "hint" }, "The documents agree.")]));
  if (about && !conflicts.length) $("conflicts").append(el("li", {}, el("button", { type: "button", onclick: () => loadConflicts(null) }, "Show conflicts across the graph")));
});

// showConflict draws the disputed node's surroundings and selects the
// nodes involved: the subject and every side that names a node.
const showConflict = guard(async (c) => {
  if (!cy.getElementById(c.subject.id).length) {
    cy.elements().remove(); apiNodes.clear(); apiEdges.clear(); roots.clear();
  }
  await expand(c.subject.id);
  state.node = c.subject.id;
  applyFilters();
  cy.elements().unselect();
  const involved = [c.subject.id, ...c.sides.filter((s) => s.node).map((s) => s.node.id)];
  involved.forEach((id) => cy.getElementById(id).select());
  fill($("details"), 
    el("h2", {}, `Conflict: ${c.topic}`),
    el("p", {}, c.description),
    el("ul", {}, c.sides.map((s) => el("li", {}, el("b", {}, s.value), ` — ${s.sourceCount} sources, ${s.independentSourceCount} independent`))),
    el("button", { type: "button", onclick: () => select(c.subject.id) }, `Details of ${c.subject.label}`));
  await loadTimeline(c.subject.id);
});

// ---- live updates ---------------------------------------------------------------

const touched = new Set();

// subscribe listens to documentIngested over server-sent events (a POST
// that accepts text/event-stream; EventSource can only GET) and marks the
// drawn nodes each new document mentions. It reconnects after a pause.
//
// The stream is closed when the page is left: a browser holds only a few
// connections per server, and a stream it kept open for a page no longer
// shown would make the next page's requests wait.
const leaving = new AbortController();
addEventListener("pagehide", () => leaving.abort());

async function subscribe() {
  const stateLine = $("live-state");
  try {
    const res = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ query: Q.live }),
      signal: leaving.signal,
    });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    stateLine.textContent = "listening for new documents";
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let cut;
      while ((cut = buf.indexOf("\n\n")) >= 0) {
        const event = buf.slice(0, cut);
        buf = buf.slice(cut + 2);
        const data = event.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
        if (data) onEvent(JSON.parse(data));
      }
    }
    stateLine.textContent = "disconnected; reconnecting…";
  } catch (err) {
    if (leaving.signal.aborted) return;
    stateLine.textContent = `disconnected (${err.message}); reconnecting…`;
  }
  if (!leaving.signal.aborted) setTimeout(subscribe, 3000);
}

function onEvent(msg) {
  const r = msg.data && msg.data.documentIngested;
  if (!r) return;
  const d = r.document;
  const ids = d.relationships.nodes.map((x) => x.target.id);
  const marked = [];
  for (const id of ids) {
    touched.add(id);
    const n = cy.getElementById(id);
    if (n.length) { n.addClass("touched"); marked.push(n.data("label")); }
  }
  const list = $("live");
  list.prepend(el("li", { "data-doc": d.id }, el("a", { href: "#", onclick: (e) => { e.preventDefault(); showDocument(d.id); } }, d.label),
    marked.length ? ` — touches ${marked.join(", ")}` : ` — ${ids.length} nodes, none drawn`));
  while (list.children.length > 20) list.lastChild.remove();
}

// ---- export ---------------------------------------------------------------------

function download(name, href) {
  const a = el("a", { href, download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

// visibleSubgraph is what is drawn, as the API's Subgraph: the node and
// edge objects exactly as the API returned them.
function visibleSubgraph() {
  return {
    nodes: cy.nodes(":visible").map((n) => apiNodes.get(n.id())),
    edges: cy.edges(":visible").map((e) => apiEdges.get(e.id())),
  };
}

function bindTools() {
  $("export-png").addEventListener("click", () => download("newsgraph.png", cy.png({ full: true, scale: 2, bg: "#ffffff" })));
  $("export-json").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(visibleSubgraph(), null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    download("newsgraph.json", url);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  $("fit").addEventListener("click", () => cy.fit(undefined, 30));
  $("find-paths").addEventListener("click", findPaths);
  $("clear-paths").addEventListener("click", () => { cy.elements().removeClass("path"); fill($("paths"), ); });
  cy.on("tap", "node", (ev) => {
    const id = ev.target.id();
    select(id);
    if (!roots.has(id)) guard(() => expand(id))();
  });
  cy.on("tap", "edge", (ev) => {
    cy.elements().unselect();
    ev.target.select();
    showEdge(ev.target.id());
  });
}

// ---- start ------------------------------------------------------------------------

window.explorer = {
  cy, state, apiNodes, apiEdges, touched, timings,
  choose, select, expand, showEdge, showDocument, findPaths, setPathEnd, visibleSubgraph,
  busy: () => pending > 0,
  // firstDrawMs is the time from the start of the page's first
  // neighbourhood request to the frame after its drawing; null until then.
  firstDrawMs: null,
};

(async function start() {
  loadURL();
  buildKindFilter();
  bindFilterInputs();
  bindSearch();
  bindTools();
  legend();
  subscribe();
  if (!state.node) loadConflicts(null);
  if (state.node) {
    const id = state.node, t0 = performance.now();
    await guard(() => expand(id))();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.explorer.firstDrawMs = performance.now() - t0; }));
    await select(id);
  }
})();
