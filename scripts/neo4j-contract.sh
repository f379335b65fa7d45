#!/usr/bin/env bash
# Runs the store contract suite against the Neo4j store over a real Bolt
# connection. With NEO4J_URI already set (a real Neo4j 5, for example the
# docker-compose service) it tests against that. Otherwise it builds the
# NornicDB Bolt stand-in (tools/boltstandin, its own Go module, built with
# -tags nolocalllm), starts it on a free loopback port, runs the Neo4j tests
# (contract suite, round-trip budget, outage recovery, load benchmark),
# and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

run_tests() {
  go test -race -count=1 -run Neo4j ./store/neo4jstore/...
  # One run each: load throughput (batched UNWIND against row-at-a-time)
  # and Cypher round trips of a GraphQL request three levels deep.
  go test -count=1 -run '^$' -bench Neo4j -benchtime 1x ./store/neo4jstore/
}

if [[ -n "${NEO4J_URI:-}" ]]; then
  echo "neo4j-contract: testing against $NEO4J_URI"
  run_tests
  exit 0
fi

work=$(mktemp -d)
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "neo4j-contract: building the Bolt stand-in (NornicDB, -tags nolocalllm)"
(cd tools/boltstandin && go build -tags nolocalllm -o "$work/boltstandin" . && go test -tags nolocalllm -count=1 .)

# Port 0: the kernel picks a free port, which the stand-in logs.
"$work/boltstandin" -port 0 >"$work/standin.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*bolt server listening.* port=\([0-9]*\).*/\1/p' "$work/standin.log" | head -n1)
  if [[ -n "$port" ]]; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$work/standin.log" >&2; echo "neo4j-contract: stand-in exited" >&2; exit 1; fi
  sleep 0.1
done
if [[ -z "$port" ]]; then echo "neo4j-contract: stand-in did not start" >&2; exit 1; fi
echo "neo4j-contract: stand-in listening on 127.0.0.1:$port"

export NEO4J_URI="bolt://127.0.0.1:$port" NEO4J_USERNAME=neo4j NEO4J_PASSWORD=standin NEO4J_STANDIN=nornicdb
# The outage test stops and restarts a stand-in of its own from this binary.
export NEO4J_STANDIN_BIN="$work/boltstandin"
cd "$root"
run_tests
