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

(function start() {
  const root = document.getElementById("graphiql");
  const endpoint = new URL(root.dataset.endpoint, location.href);
  // Subscriptions (documentIngested) go over a websocket to the same
  // endpoint (graphql-transport-ws); the page's policy allows this origin.
  const ws = new URL(endpoint);
  ws.protocol = endpoint.protocol === "https:" ? "wss:" : "ws:";
  const fetcher = GraphiQL.createFetcher({ url: endpoint.href, subscriptionUrl: ws.href });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: DEFAULT_QUERY,
      defaultEditorToolsVisibility: false,
      shouldPersistHeaders: false,
    }),
  );
})();
