// `npm test`: every suite, in order, failing if any fails. Each runner prints its own closing lines.
// Missing Debian packages (docker.io, chromium, …) are installed first when running as root.
import { spawnSync } from 'node:child_process';

const suites = [
  ['system packages', 'bash', ['scripts/setup-system.sh']],
  ['type-check', 'npx', ['tsc', '-b']],
  ['build', 'node', ['esbuild.mjs']],
  ['unit + protocol + CLI + CLI package + Neovim', 'node', ['scripts/run-node-tests.mjs', 'server/test']],
  ['grammar (TextMate)', 'node', ['scripts/test-grammar.mjs']],
  ['VS Code integration (code-server)', 'node', ['scripts/vscode/run-tests.mjs']],
  ['docker (real dockerd + BuildKit)', 'node', ['scripts/run-node-tests.mjs', 'test/docker']],
  // Playwright on code-server: clicks lenses and the graph, no-engine PATH, builds on a private dockerd.
  ['VS Code UI (code-server + Chromium, screenshots)', 'node', ['scripts/vscode/ui-smoke.mjs']],
];

const failed = [];
for (const [name, cmd, args] of suites) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    failed.push(name);
    if (name === 'type-check' || name === 'build' || name === 'system packages') break;
  }
}
console.log(`\n=== suites: ${suites.length - failed.length} ok${failed.length ? `, failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
