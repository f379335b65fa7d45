#!/usr/bin/env bash
# GraphQL-over-HTTP compliance: builds the server, starts it on a free
# loopback port with a temporary DATA_DIR, waits until /readyz answers,
# runs the graphql-http audit (tools/graphqlaudit) against /query, and
# stops the server. Fails on any MUST failure and on any SHOULD failure not
# explained in tools/graphqlaudit/allowlist.txt.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "audit: building the server"
(cd "$root" && go build -o "$tmp/newsgraph" .)
echo "audit: installing graphql-http"
(cd "$root/tools/graphqlaudit" && npm ci --no-audit --no-fund --loglevel=error)

ADDR=127.0.0.1:0 DATA_DIR="$tmp/data" SEED_DIR="$root/seed" LOG_FORMAT=json \
  API_TOKEN=audit-token-0123456789abcdef "$tmp/newsgraph" 2>"$tmp/server.log" &
pid=$!

addr=""
for _ in $(seq 1 600); do
  addr=$(sed -n 's/.*"msg":"listening","addr":"\([^"]*\)".*/\1/p' "$tmp/server.log" | head -n1)
  [[ -n "$addr" ]] && break
  kill -0 "$pid" 2>/dev/null || { echo "audit: server exited:"; cat "$tmp/server.log"; exit 1; }
  sleep 0.1
done
[[ -n "$addr" ]] || { echo "audit: server did not start listening"; cat "$tmp/server.log"; exit 1; }

ready=""
for _ in $(seq 1 1200); do
  if curl -fsS "http://$addr/readyz" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$pid" 2>/dev/null || { echo "audit: server exited:"; cat "$tmp/server.log"; exit 1; }
  sleep 0.1
done
[[ -n "$ready" ]] || { echo "audit: server not ready after 120s"; tail -n 20 "$tmp/server.log"; exit 1; }

echo "audit: checking that the gate rejects a non-compliant server"
node "$root/tools/graphqlaudit/selftest.mjs"
echo "audit: server ready on $addr"
status=0
node "$root/tools/graphqlaudit/audit.mjs" "http://$addr/query" || status=$?
if [[ $status -ne 0 ]]; then
  echo "audit: failed; last server log lines:"
  tail -n 20 "$tmp/server.log"
fi
exit $status
