// Bundles the extension client, the language server, the CLI and the VS Code test suite.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const { version } = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync('package.json', 'utf8')));
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'] },
  // server.js is the small loader VS Code and other editors start; it runs serverMain.js through V8's code cache (server/src/codeCache.ts).
  { entryPoints: ['server/src/main.ts'], outfile: 'server/dist/server.js' },
  { entryPoints: ['server/src/serverMain.ts'], outfile: 'server/dist/serverMain.js' },
  // cli.js is the `dockerfile-stages` command: a small loader running cliMain.js (through the code cache for `lsp --stdio`).
  { entryPoints: ['server/src/cliLoader.ts'], outfile: 'server/dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cliMain.ts'], outfile: 'server/dist/cliMain.js', define: { DOCKERFILE_STAGES_VERSION: JSON.stringify(version) } },
  // The integration suite runs inside the extension host: vscode and mocha come from there / node_modules.
  { entryPoints: ['client/src/test/suite/index.ts'], outfile: 'client/dist/test/suite.js', external: ['vscode', 'mocha'] },
];

const { existsSync, mkdirSync, copyFileSync } = await import('node:fs');
// Bake HCL files are parsed by tree-sitter-hcl through web-tree-sitter: both are WebAssembly files
// loaded at run time from next to the server and CLI bundles (server/src/hclParser.ts).
mkdirSync('server/dist', { recursive: true });
for (const [from, to] of [
  ['node_modules/web-tree-sitter/tree-sitter.wasm', 'server/dist/tree-sitter.wasm'],
  ['node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm', 'server/dist/tree-sitter-hcl.wasm'],
]) copyFileSync(from, to);
const present = builds.filter((b) => existsSync(b.entryPoints[0]));
if (watch) {
  for (const b of present) (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(present.map((b) => esbuild.build({ ...common, ...b })));
}
