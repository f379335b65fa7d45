#!/usr/bin/env bash
# Rebuilds internal/web/static/vendor from the pinned npm lockfile in
# tools/webvendor: the built browser files the explorer and the playground
# embed, and the licence of every package installed with them. The server
# embeds the result, so `go run .` needs neither npm nor the network; run
# this only after changing tools/webvendor/package.json (then commit the
# lockfile and the vendor folder together).
set -euo pipefail
cd "$(dirname "$0")/.."

src=tools/webvendor
out=internal/web/static/vendor

(cd "$src" && npm ci --ignore-scripts --no-audit --no-fund)
nm="$src/node_modules"

rm -rf "$out"
mkdir -p "$out/licenses"

# Cytoscape and the fcose layout with its two layout libraries, as UMD
# builds: each registers a global the next one looks for.
cp "$nm/cytoscape/dist/cytoscape.min.js" "$out/cytoscape.min.js"
cp "$nm/layout-base/layout-base.js" "$out/layout-base.js"
cp "$nm/cose-base/cose-base.js" "$out/cose-base.js"
cp "$nm/cytoscape-fcose/cytoscape-fcose.js" "$out/cytoscape-fcose.js"

# GraphiQL 3 is the last major version with a UMD build (later ones need a
# bundler); it expects React and ReactDOM as globals.
cp "$nm/react/umd/react.production.min.js" "$out/react.production.min.js"
cp "$nm/react-dom/umd/react-dom.production.min.js" "$out/react-dom.production.min.js"
cp "$nm/graphiql/graphiql.min.js" "$out/graphiql.min.js"
cp "$nm/graphiql/graphiql.min.css" "$out/graphiql.min.css"
# The bundles end with a sourceMappingURL comment; the maps are not
# shipped, so drop the comment and the browser asks for nothing more.
sed -i '/^\/\/# sourceMappingURL=/d; s#/\*\# sourceMappingURL=[^*]*\*/##' "$out"/*.js "$out"/*.css

# The licence of every installed package (a superset of what the bundles
# contain), and the exact versions.
node - "$nm" "$out" <<'JS'
const fs = require("fs"), path = require("path");
const [nm, out] = process.argv.slice(2);
const lock = JSON.parse(fs.readFileSync(path.join(nm, "..", "package-lock.json"), "utf8"));
const lines = [];
for (const [key, meta] of Object.entries(lock.packages).sort()) {
  if (!key) continue;
  const dir = path.join(nm, "..", key);
  const name = key.replace(/^.*node_modules\//, "");
  lines.push(`${name} ${meta.version} ${meta.license || "see licence file"}`);
  const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  if (file) fs.copyFileSync(path.join(dir, file), path.join(out, "licenses", name.replace("/", "__") + ".txt"));
}
fs.writeFileSync(path.join(out, "VERSIONS.txt"), lines.join("\n") + "\n");
JS
echo "vendored $(ls "$out" | wc -l) files into $out"
