// Runs the graphql-http package's GraphQL-over-HTTP audit (auditServer)
// against a running server and prints every result.
//
//   node audit.mjs http://127.0.0.1:8080/query
//
// Exit status: 1 when any MUST audit fails, or any SHOULD audit fails that
// is not listed with its explanation in allowlist.txt, or when an entry of
// allowlist.txt no longer fails (so the list never outlives its reason).
// MAY audits are printed for information only.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { auditServer } from 'graphql-http';

const url = process.argv[2] || process.env.AUDIT_URL;
if (!url) {
  console.error('usage: node audit.mjs URL (e.g. http://127.0.0.1:8080/query)');
  process.exit(2);
}

// allowlist.txt: one "ID reason..." per line; '#' starts a comment. Every
// entry must carry a reason.
const allowPath = join(dirname(fileURLToPath(import.meta.url)), 'allowlist.txt');
const allowed = new Map();
for (const [i, raw] of readFileSync(allowPath, 'utf8').split('\n').entries()) {
  const line = raw.replace(/#.*/, '').trim();
  if (!line) continue;
  const [id, ...why] = line.split(/\s+/);
  if (why.length === 0) {
    console.error(`allowlist.txt:${i + 1}: entry ${id} has no explanation`);
    process.exit(2);
  }
  allowed.set(id, why.join(' '));
}

const results = await auditServer({ url });
let failed = 0;
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
const seenFailing = new Set();
for (const r of results) {
  counts[r.status]++;
  if (r.status === 'ok') {
    console.log(`ok      ${r.id} ${r.name}`);
    continue;
  }
  seenFailing.add(r.id);
  let tag = r.status.toUpperCase().padEnd(7);
  if (r.status === 'error') {
    failed++;
  } else if (r.status === 'warn') {
    if (allowed.has(r.id)) {
      tag = 'allowed';
    } else {
      failed++;
    }
  }
  console.log(`${tag} ${r.id} ${r.name}\n        reason: ${r.reason}`);
  if (tag === 'allowed') console.log(`        allowed because: ${allowed.get(r.id)}`);
  if (r.status !== 'notice' && tag !== 'allowed' && r.response) {
    try {
      const body = await r.response.text();
      console.log(`        response: ${r.response.status} ${r.response.headers.get('content-type')} ${body.slice(0, 300)}`);
    } catch {
      // the body was already consumed by the audit itself
    }
  }
}
for (const [id, why] of allowed) {
  if (!seenFailing.has(id)) {
    console.log(`STALE   ${id} is allowlisted ("${why}") but passes or does not exist: remove it from allowlist.txt`);
    failed++;
  }
}
console.log(`\n${results.length} audits: ${counts.ok} ok, ${counts.error} MUST failures, ${counts.warn} SHOULD failures (${[...allowed.keys()].filter((id) => seenFailing.has(id)).length} allowlisted), ${counts.notice} MAY notices`);
process.exit(failed > 0 ? 1 : 0);
