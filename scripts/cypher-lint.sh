#!/usr/bin/env bash
# Lints every .cypher file in the repository with Neo4j's own Cypher parser
# (@neo4j-cypher/language-support, pinned in tools/cypherlint/package-lock.json).
# It first proves the linter can fail: the deliberately broken statements in
# tools/cypherlint/testdata/bad must be rejected, or this script fails.
set -euo pipefail
cd "$(dirname "$0")/../tools/cypherlint"
npm ci --no-audit --no-fund --loglevel=error

if node lint.mjs testdata/bad >/dev/null 2>&1; then
  echo "cypher-lint: the linter accepted known-bad Cypher in testdata/bad" >&2
  exit 1
fi
echo "cypher-lint: known-bad fixtures rejected, as they must be"

node lint.mjs ../..
