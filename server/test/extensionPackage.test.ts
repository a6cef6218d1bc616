/**
 * The .vsix as the Marketplace and VS Code show it: `vsce package` (on the bundles already built),
 * unpacked; the icon, the README's images and links, and the walkthrough's media must be files in
 * the package (the repository URL is a placeholder, so nothing may point there).
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { rules } from '../src/service/rules/registry';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
let entries: Set<string>;
let readme: string;

before(() => {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const out = join(mkdtempSync(join(tmpdir(), 'dfs-vsix-')), 'dockerfile-stages.vsix');
  // The flags of `npm run package`, without its production build (the other suites use the bundles).
  const flags = manifest.scripts.package.split('vsce package ')[1].split(' --out')[0].split(' ');
  assert.ok(flags.includes('--no-rewrite-relative-links'), 'npm run package keeps README links relative');
  const vsce = spawnSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', ...flags, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(vsce.status, 0, vsce.stdout + vsce.stderr);
  const unzip = (script: string) => spawnSync('python3', ['-c', script, out], { encoding: 'utf8' });
  const list = unzip('import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))');
  assert.equal(list.status, 0, list.stderr);
  entries = new Set(list.stdout.trim().split('\n'));
  readme = unzip('import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("extension/readme.md").decode())').stdout;
});

/** Relative targets of markdown links and images (`](x)`), without #anchors; absolute URLs and anchors left out. */
function localLinks(markdown: string): string[] {
  const links = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  return links.filter((l) => !/^([a-z]+:|#)/i.test(l)).map((l) => l.split('#')[0]);
}

test('vsix: the icon is a packaged PNG; banner, categories and keywords are set', () => {
  assert.match(manifest.icon, /\.png$/);
  assert.ok(entries.has(`extension/${manifest.icon}`), manifest.icon);
  const png = readFileSync(join(ROOT, manifest.icon));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) === png.readUInt32BE(16), 'square, at least 128 px');
  assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(manifest.categories.includes('Linters') && manifest.keywords.includes('dockerfile'));
});

test('vsix: the packaged README keeps its links relative, and every one is a file in the package', () => {
  assert.ok(readme.includes('![Build and shell lenses above every stage](images/codelens.png)'), 'README images are not rewritten to the placeholder repository');
  const links = localLinks(readme);
  assert.ok(links.filter((l) => l.endsWith('.png')).length >= 3, links.join(' '));
  for (const link of links) assert.ok(entries.has(`extension/${posix.normalize(link)}`), `README links ${link}, which is not in the package`);
  assert.doesNotMatch(readme, /github\.com\/dockerfile-stages\/dockerfile-stages\/(raw|blob)/);
});

test('vsix: the walkthrough steps and the images they show are in the package', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['openDockerfile', 'goToStage', 'extractBuilder', 'buildStage']);
  for (const step of walkthrough.steps) {
    const media = step.media.markdown as string;
    assert.ok(entries.has(`extension/${media}`), media);
    for (const link of localLinks(readFileSync(join(ROOT, media), 'utf8'))) {
      const target = posix.normalize(posix.join(posix.dirname(media), link));
      assert.ok(entries.has(`extension/${target}`), `${media} links ${link}, which is not in the package`);
    }
    assert.ok(step.completionEvents.length > 0, step.id);
  }
});

test('README: the rules section links every rule page', () => {
  for (const rule of rules) assert.ok(readme.includes(`(docs/rules/${rule.id}.md)`), `README does not list ${rule.id}`);
});

test('vsix: the server bundle ships with the WebAssembly files it loads for Bake HCL files', () => {
  for (const file of ['server/dist/server.js', 'server/dist/tree-sitter.wasm', 'server/dist/tree-sitter-hcl.wasm']) assert.ok(entries.has(`extension/${file}`), file);
});
