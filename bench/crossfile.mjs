// `npm run bench:crossfile`: the cross-file index on a generated workspace of 10k files (issue #16).
// Measures what a user waits for: the one-time walk + index build at server start, and the work a
// keystroke adds in a Compose file and in a Dockerfile once the index is built. Writes
// bench/CROSSFILE.md (or --out=FILE). No network; the workspace is generated in a temp folder.
//
//   node bench/crossfile.mjs [--files=10000] [--out=FILE]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { WorkspaceIndex } = require(path.join(ROOT, 'server/src/workspaceIndex.ts'));
const { diskIO, scanWorkspace } = require(path.join(ROOT, 'server/src/workspaceFiles.ts'));
const { loadHclParser } = require(path.join(ROOT, 'server/src/hclParser.ts'));
const { crossFileDiagnostics, buildUsersByStage } = require(path.join(ROOT, 'server/src/service/crossfile/index.ts'));
const { buildModel } = require(path.join(ROOT, 'server/src/service/model.ts'));

const option = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const TOTAL = Number(option('files', '10000'));
const OUT = option('out', path.join(ROOT, 'bench/CROSSFILE.md'));

const DOCKERFILE = 'FROM golang:1.22 AS deps\nRUN go mod download\n\nFROM deps AS build\nRUN go build -o /out/app .\n\nFROM deps AS test\nRUN go test ./...\n\nFROM gcr.io/distroless/static AS runtime\nCOPY --from=build /out/app /app\n';
const compose = (i) => `services:\n  app${i}:\n    build:\n      context: ./svc\n      target: runtime\n  test${i}:\n    build:\n      context: ./svc\n      target: test\n  web${i}:\n    build: ./svc\n`;
const bake = (i) => `variable "T" {\n  default = "runtime"\n}\ntarget "app${i}" {\n  context = "./svc"\n  target = "\${T}"\n}\ntarget "test${i}" {\n  context = "./svc"\n  target = "test"\n}\n`;
const workflow = `jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: ./svc\n          target: runtime\n      - run: docker buildx build --target test ./svc\n`;

/** A monorepo: one project folder per 50 files, each with a Dockerfile, a compose.yaml and source files; every 4th also a docker-bake.hcl and a workflow. */
function generate() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dfs-bench-crossfile-'));
  let files = 0;
  let projects = 0;
  for (let p = 0; files < TOTAL; p++) {
    const root = path.join(dir, `project-${p}`);
    mkdirSync(path.join(root, 'svc', 'src'), { recursive: true });
    writeFileSync(path.join(root, 'svc', 'Dockerfile'), DOCKERFILE);
    writeFileSync(path.join(root, 'compose.yaml'), compose(p));
    files += 2;
    if (p % 4 === 0) {
      writeFileSync(path.join(root, 'docker-bake.hcl'), bake(p));
      mkdirSync(path.join(root, '.github', 'workflows'), { recursive: true });
      writeFileSync(path.join(root, '.github', 'workflows', 'image.yml'), workflow);
      files += 2;
    }
    for (let i = 0; i < 46 && files < TOTAL; i++, files++) writeFileSync(path.join(root, 'svc', 'src', `file${i}.go`), 'package main\n');
    projects++;
  }
  return { dir, files, projects };
}

function median(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f(i);
    samples.push(performance.now() - t);
  }
  return median(samples);
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(0)} µs`);

const { dir, files, projects } = generate();
try {
  const hcl = await loadHclParser();
  const rows = [];
  const startScan = performance.now();
  const index = new WorkspaceIndex(diskIO, () => hcl);
  const entries = await scanWorkspace([pathToFileURL(dir).href], (uri) => index.add(uri));
  const scanMs = performance.now() - startScan;
  const startBuild = performance.now();
  const longestSlice = await index.warm();
  const uses = index.uses();
  const buildMs = performance.now() - startBuild;
  rows.push(['walk the workspace folder (names only, asynchronous)', fmt(scanMs), `${entries} entries, ${index.fileCount} Compose/Bake/workflow files kept`]);
  rows.push(['read + parse every Compose/Bake/workflow file (in the background)', fmt(buildMs), `${uses.length} build uses; longest event-loop block ${fmt(longestSlice)}`]);

  // A keystroke in one compose.yaml: the server replaces its text, re-reads that project, and publishes its diagnostics.
  const composeUri = pathToFileURL(path.join(dir, 'project-7', 'compose.yaml')).href;
  const lookup = (uri) => index.dockerfileFromDisk(uri);
  crossFileDiagnostics(composeUri, index.usesOfProject(composeUri), lookup);
  const composeKeystroke = time((i) => {
    index.setOpen(composeUri, compose(7) + `# ${i}\n`);
    crossFileDiagnostics(composeUri, index.usesOfProject(composeUri), lookup);
  }, 200);
  rows.push(['keystroke in a compose.yaml (re-read its project + its diagnostics)', fmt(composeKeystroke), 'other projects are not re-read']);

  // A keystroke in one Dockerfile: the model is rebuilt anyway; the index adds the lookup of its builders.
  const dockerfileUri = pathToFileURL(path.join(dir, 'project-8', 'svc', 'Dockerfile')).href;
  const model = buildModel(DOCKERFILE, dockerfileUri, 1);
  index.usesOfDockerfile(dockerfileUri);
  const dockerfileKeystroke = time(() => buildUsersByStage(model, index.usesOfDockerfile(dockerfileUri)), 500);
  rows.push(['keystroke in a Dockerfile (its builders, for reachability, hover and lenses)', fmt(dockerfileKeystroke), 'a map lookup once the index is built']);
  const afterCompose = time((i) => {
    index.setOpen(composeUri, compose(7) + `# again ${i}\n`);
    buildUsersByStage(model, index.usesOfDockerfile(dockerfileUri));
  }, 50);
  rows.push(['the same, right after a compose.yaml edit (dependency map rebuilt)', fmt(afterCompose), `${uses.length} uses regrouped; no file read`]);

  const md = [
    '# Cross-file index benchmark',
    '',
    `Written by \`node bench/crossfile.mjs\` on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}. Do not edit by hand: re-run it.`,
    '',
    `Workspace: ${files} generated files in ${projects} project folders (each: svc/Dockerfile, compose.yaml, Go sources; every 4th also docker-bake.hcl and .github/workflows/image.yml). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}. Medians; absolute times move between runs on a shared machine.`,
    '',
    '| operation | time | notes |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    'The walk and the first read happen once, in the background after `initialize`; typing never triggers them.',
    '',
  ].join('\n');
  writeFileSync(OUT, md);
  process.stdout.write(md);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
