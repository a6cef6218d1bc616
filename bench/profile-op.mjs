// Profiles one of our operations on a generated file and prints where the time goes.
//   node bench/profile-op.mjs <operation> <lines> [milliseconds] [--theirs]
// operation: one of the ids in bench/lib/ops.mjs (model, parse, diagnostics, definition, codeLens, …).
import { loadService, loadDls, loadParser, ROOT } from './lib/service.mjs';
import { OPERATIONS, makeContext } from './lib/ops.mjs';
import { profileCall } from './lib/profile.mjs';
import { formatMs } from './lib/measure.mjs';
import { generateDockerfile } from './generate.mjs';

const [id, lines = '10000', ms = '3000'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const theirs = process.argv.includes('--theirs');
const op = OPERATIONS.find((o) => o.id === id);
if (!op) {
  console.error(`usage: node bench/profile-op.mjs <${OPERATIONS.map((o) => o.id).join('|')}> <lines> [ms] [--theirs]`);
  process.exit(2);
}
const S = loadService().modules;
const ctx = { ...makeContext(S, generateDockerfile(Number(lines)).text), Parser: loadParser() };
const fn = theirs ? op.theirs?.(ctx, loadDls()) : op.ours(ctx);
if (!fn) {
  console.error(`${id}: not available (${theirs ? 'no dockerfile-language-service equivalent' : 'module missing'})`);
  process.exit(1);
}
const p = await profileCall(fn, Number(ms), ROOT);
console.log(`${theirs ? 'theirs' : 'ours'} ${id} at ~${lines} lines: ${p.calls} calls, ${formatMs(p.sampledMs / p.calls)} per call`);
console.log(`by package: ${p.owners.map((o) => `${o.name} ${(o.share * 100).toFixed(1)} %`).join(', ')}`);
console.log('\nself time:');
for (const e of p.self) console.log(`  ${(e.share * 100).toFixed(1).padStart(5)} %  ${e.name}  ${e.where}`);
console.log('\ntotal time (with callees):');
for (const e of p.total) console.log(`  ${(e.share * 100).toFixed(1).padStart(5)} %  ${e.name}  ${e.where}`);
