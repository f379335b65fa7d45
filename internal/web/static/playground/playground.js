// Starts GraphiQL on the server's own endpoint. Everything it loads is
// served by the binary (see internal/web), so it works offline. Mutations
// need the API token: add {"Authorization": "Bearer <token>"} in the
// Headers tab.
"use strict";

// The first example of the README: which orders target Kaspersky, who
// issued them, and when each part takes effect.
const DEFAULT_QUERY = `# Which orders target Kaspersky, who issued them, and when does each part take effect?
# The explorer at /explore draws the same graph.
{
  node(id: "company:kaspersky") {
    name
    ... on Company {
      ordersAgainst {
        name
        issuedBy { name }
        dates {
          date { date }
          role
          relationship { sourceCount independentSourceCount evidence { quote } }
        }
      }
    }
  }
}
`;

// isSubscription tells whether the operation GraphiQL is about to
// run is a subscription: the named one, or the document's first.
function isSubscription(params) {
  const name = params.operationName;
  const re = name
    ? new RegExp(`(^|[^\\w])subscription\\s+${name}(?![\\w])`)
    : /^(\s|,|#[^\n]*\n)*subscription(?![\w])/;
  return re.test(params.query);
}

// streamed runs a subscription as server-sent events: a POST that accepts
// text/event-stream, which the server answers with one "next" event per
// result until "complete". GraphiQL reads the results from this async
// iterator and calls return() when the user stops it, which closes the
// stream.
async function* streamed(url, params, headers) {
  const stop = new AbortController();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(params),
      signal: stop.signal,
    });
    if (!(res.headers.get("Content-Type") || "").startsWith("text/event-stream") || !res.body) {
      yield await res.json(); // a refusal, as an ordinary GraphQL answer
      return;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += value;
      let cut;
      while ((cut = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, cut).split("\n");
        buf = buf.slice(cut + 2);
        const event = (block.find((l) => l.startsWith("event:")) || "event: next").slice(6).trim();
        const data = block.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
        if (event === "complete") return;
        if (data) yield JSON.parse(data);
      }
    }
  } finally {
    stop.abort();
  }
}

(function start() {
  const root = document.getElementById("graphiql");
  const endpoint = new URL(root.dataset.endpoint, location.href);
  // Queries and mutations are plain POSTs; subscriptions (documentIngested)
  // stream over server-sent events from the same endpoint, which the page's
  // policy (connect-src 'self') allows.
  const plain = GraphiQL.createFetcher({ url: endpoint.href });
  const fetcher = (params, opts) =>
    isSubscription(params) ? streamed(endpoint.href, params, (opts && opts.headers) || {}) : plain(params, opts);
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: DEFAULT_QUERY,
      defaultEditorToolsVisibility: false,
      shouldPersistHeaders: false,
    }),
  );
})();
