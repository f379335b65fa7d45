// Lints Cypher files with Neo4j's own parser (@neo4j-cypher/language-support).
//
// Usage: node lint.mjs <dir-or-file>...   (defaults to the repository root)
//
// Every .cypher file found is linted as one query. Any diagnostic fails the
// run except "Parameter $x is not defined": the linter has no way to know
// the parameters the Go code binds at run time. node_modules and .git are
// skipped, and so is this tool's own testdata (bad Cypher on purpose) unless
// it is named explicitly. Exit status: 0 clean, 1 diagnostics found, 2 nothing to lint.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const here = fileURLToPath(new URL('.', import.meta.url));
const roots = process.argv.slice(2);
if (roots.length === 0) roots.push(resolve(here, '..', '..'));

const skipDirs = new Set(['node_modules', '.git']);
const fixtures = resolve(here, 'testdata');

function collect(path, out) {
  const st = statSync(path);
  if (st.isFile()) {
    if (path.endsWith('.cypher')) out.push(path);
    return out;
  }
  for (const name of readdirSync(path).sort()) {
    const child = join(path, name);
    if (skipDirs.has(name) || child === fixtures) continue;
    collect(child, out);
  }
  return out;
}

const ignorable = (d) => /^Parameter \$\S+ is not defined\.?$/.test(d.message);

const files = roots.flatMap((r) => collect(resolve(r), []));
if (files.length === 0) {
  console.error('cypherlint: no .cypher files found under', roots.join(' '));
  process.exit(2);
}

let bad = 0;
for (const file of files) {
  const query = readFileSync(file, 'utf8');
  const { diagnostics } = lintCypherQuery(query, {});
  for (const d of diagnostics.filter((d) => !ignorable(d))) {
    const { line, character } = d.range.start;
    console.error(`${relative(process.cwd(), file)}:${line + 1}:${character + 1}: ${d.message}`);
    bad++;
  }
}
console.log(`cypherlint: ${files.length} file(s), ${bad} problem(s)`);
process.exit(bad === 0 ? 0 : 1);
