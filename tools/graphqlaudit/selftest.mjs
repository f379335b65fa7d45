// Proves the audit gate can fail: runs audit.mjs against a deliberately
// non-compliant server (every request gets 200 text/plain) and expects a
// non-zero exit. Exits 0 when the gate fails as it should.
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('not graphql');
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const { port } = server.address();
const script = join(dirname(fileURLToPath(import.meta.url)), 'audit.mjs');
// Asynchronous spawn: a synchronous one would block the event loop that
// serves the audit's requests.
const run = await new Promise((ok) => {
  const p = spawn(process.execPath, [script, `http://127.0.0.1:${port}/query`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  p.stdout.on('data', (d) => (out += d));
  p.on('close', (code) => ok({ code, out }));
});
server.close();
if (run.code === 0) {
  console.error('selftest: the audit passed a non-compliant server; the gate is broken');
  console.error(run.out);
  process.exit(1);
}
const summary = run.out.trim().split('\n').pop();
console.log(`selftest: the audit rejects a non-compliant server as it should (${summary})`);
