#!/usr/bin/env node
// Tests for the TextMate grammar syntaxes/dockerfile.tmLanguage.json (scope source.dockerfile).
//
//   node scripts/test-grammar.mjs            run every check
//   node scripts/test-grammar.mjs --update   regenerate the snapshots, then run every check
//
// 1. generated: the JSON grammar matches syntaxes/generate-grammar.mjs.
// 2. engine: every regex compiles with vscode-oniguruma, every include resolves, and a
//    stub `source.shell` grammar shows where the shell grammar is embedded (the real one
//    ships with VS Code and is not available here).
// 3. assertions: vscode-tmgrammar-test on syntaxes/test/*.dockerfile.
// 4. snapshots: vscode-tmgrammar-snap on every Dockerfile under test-fixtures/. The tool
//    keeps `<file>.snap` next to the file it tokenizes and test-fixtures/ belongs to the
//    fixtures, so each fixture is copied to a temporary directory together with its
//    snapshot from syntaxes/test/snapshots/<same relative path>.snap. Each tool runs once
//    over all its files; its output is split per file.
// 5. vscode (only when a local VS Code is found, else reported as skipped): VS Code's own
//    vscode-textmate and shell grammar. Set VSCODE_APP_ROOT to a VS Code `.../resources/app`
//    or code-server `.../lib/vscode` directory; otherwise .tools/code-server-* is used.
//
// Works offline, exits 1 on any failure and ends with the line "N passed, N failed".

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GRAMMAR = join(root, 'syntaxes', 'dockerfile.tmLanguage.json');
const ASSERTIONS_DIR = join(root, 'syntaxes', 'test');
const SNAPSHOTS_DIR = join(root, 'syntaxes', 'test', 'snapshots');
const FIXTURES_DIR = join(root, 'test-fixtures');
const SCOPE = 'source.dockerfile';
const update = process.argv.includes('--update');

const toolPkg = createRequire(import.meta.url).resolve('vscode-tmgrammar-test/package.json');
const toolDir = dirname(toolPkg);
const toolRequire = createRequire(toolPkg);
const UNIT_BIN = join(toolDir, 'dist', 'unit.js');
const SNAP_BIN = join(toolDir, 'dist', 'snapshot.js');

let passed = 0;
let failed = 0;
function report(ok, label, details = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
  if (!ok && details) console.log(details.replace(/^/gm, '     '));
}

const work = mkdtempSync(join(tmpdir(), 'dockerfile-grammar-'));
// The tools read ./package.json for grammars unless --config names another file; point
// them at a file that does not exist so only the grammar given with -g is used.
const NO_CONFIG = join(work, 'no-package.json');

/** Runs a tool; file arguments are globs for it, so pass them relative to `cwd` with "/". */
function run(bin, args, cwd) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => done({ code, out: tidy(out) }));
  });
}
/** Drop the tool's note about the embedded grammar it cannot load (expected, see README). */
function tidy(out) {
  return out
    .split('\n')
    .filter((l) => !/grammar not found for "source\.shell"/.test(l))
    .join('\n')
    .trim();
}

/**
 * Splits one tool run over many files into per-file results. Both tools print each file's
 * result as one block that starts with a line naming the file (pass: "... run
 * successfuly." / "run successfully."); `files` are the names exactly as passed.
 */
function perFile(files, { code, out }, passLine) {
  const lines = out.split('\n');
  const esc = (f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const starts = files.map((f) => {
    const re = new RegExp(`(^|\\s)${esc(f)}(\\s|$)`);
    return lines.findIndex((l) => re.test(l));
  });
  const sorted = starts.filter((i) => i >= 0).sort((a, b) => a - b);
  const results = files.map((f, i) => {
    const start = starts[i];
    if (start < 0) return { ok: false, out: `the tool printed no result for ${f}:\n${out}` };
    const end = sorted.find((j) => j > start) ?? lines.length;
    const block = lines.slice(start, end).join('\n').trim();
    return { ok: passLine.test(lines[start]), out: block };
  });
  if (code !== 0 && results.every((r) => r.ok)) {
    results.push({ ok: false, out: `the tool exited with code ${code}:\n${out}` });
  }
  return results;
}

const globEscape = (p) => p.replace(/[*?[\]{}()!+@]/g, '\\$&');

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// ------------------------------------------------------------------------------------------
// 1. generated grammar is current
// ------------------------------------------------------------------------------------------
async function checkGenerated() {
  const { renderGrammar } = await import(join(root, 'syntaxes', 'generate-grammar.mjs'));
  const current = existsSync(GRAMMAR) ? readFileSync(GRAMMAR, 'utf8') : '';
  report(
    current === renderGrammar(),
    'generated: syntaxes/dockerfile.tmLanguage.json matches syntaxes/generate-grammar.mjs',
    'run: node syntaxes/generate-grammar.mjs',
  );
}

// ------------------------------------------------------------------------------------------
// 2. engine checks (vscode-textmate + vscode-oniguruma, as used by VS Code)
// ------------------------------------------------------------------------------------------
async function engineChecks() {
  const tm = toolRequire('vscode-textmate');
  const onig = toolRequire('vscode-oniguruma');
  const wasm = readFileSync(join(dirname(toolRequire.resolve('vscode-oniguruma')), 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const raw = JSON.parse(readFileSync(GRAMMAR, 'utf8'));

  // Every regex compiles; every include resolves; only source.shell is external.
  const problems = [];
  const seen = new Set();
  const visit = (rule, where) => {
    if (!rule || typeof rule !== 'object' || seen.has(rule)) return;
    seen.add(rule);
    for (const key of ['match', 'begin', 'end', 'while']) {
      if (typeof rule[key] !== 'string') continue;
      // \N in end/while refers to the begin captures: substitute a literal as vscode-textmate does.
      const source = key === 'end' || key === 'while' ? rule[key].replace(/\\(\d+)/g, 'x') : rule[key];
      try {
        new onig.OnigScanner([source]).dispose?.();
      } catch (e) {
        problems.push(`${where}.${key}: ${e.message}: ${rule[key]}`);
      }
    }
    if (rule.begin && !rule.end && !rule.while) problems.push(`${where}: begin without end/while`);
    if (typeof rule.include === 'string') {
      const inc = rule.include;
      if (inc.startsWith('#')) {
        if (!raw.repository[inc.slice(1)]) problems.push(`${where}: unknown include ${inc}`);
      } else if (inc !== 'source.shell' && inc !== '$self' && inc !== '$base') {
        problems.push(`${where}: unexpected external include ${inc}`);
      }
    }
    for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures']) {
      for (const [n, c] of Object.entries(rule[key] ?? {})) visit(c, `${where}.${key}[${n}]`);
    }
    (rule.patterns ?? []).forEach((p, i) => visit(p, `${where}.patterns[${i}]`));
  };
  raw.patterns.forEach((p, i) => visit(p, `patterns[${i}]`));
  for (const [name, rule] of Object.entries(raw.repository)) visit(rule, `repository.${name}`);
  report(problems.length === 0, 'engine: every regex compiles with vscode-oniguruma and every include resolves', problems.join('\n'));

  report(raw.scopeName === SCOPE, `engine: scopeName is ${SCOPE}`);

  // Tokenize with a stub shell grammar standing in for VS Code's source.shell.
  const STUB_SHELL = {
    scopeName: 'source.shell',
    patterns: [
      { match: '\\b(?:echo|set|apt-get|exec)\\b', name: 'support.function.stub.shell' },
      { begin: '"', end: '"', name: 'string.quoted.double.stub.shell' },
    ],
  };
  const registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new onig.OnigScanner(p),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === SCOPE) return tm.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
      if (scopeName === 'source.shell') return tm.parseRawGrammar(JSON.stringify(STUB_SHELL), 'stub-shell.json');
      return null;
    },
  });
  const grammar = await registry.loadGrammar(SCOPE);
  const tokenize = (text) => {
    let stack = tm.INITIAL;
    return text.split('\n').map((line) => {
      const r = grammar.tokenizeLine(line, stack);
      stack = r.ruleStack;
      return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
  const has = (tokens, text, scopeName) =>
    tokens.some((t) => t.text.includes(text) && t.scopes.includes(scopeName));
  const lacks = (tokens, text, scopeName) =>
    tokens.filter((t) => t.text.includes(text)).every((t) => !t.scopes.includes(scopeName));

  const cases = [
    ['RUN shell form is tokenized by source.shell', 'RUN set -e && echo "hi"', (l) =>
      has(l[0], 'set', 'support.function.stub.shell') && has(l[0], 'hi', 'string.quoted.double.stub.shell')],
    ['CMD and ENTRYPOINT shell forms are tokenized by source.shell', 'CMD echo a\nENTRYPOINT exec b', (l) =>
      has(l[0], 'echo', 'support.function.stub.shell') && has(l[1], 'exec', 'support.function.stub.shell')],
    ['HEALTHCHECK CMD shell form is tokenized by source.shell', 'HEALTHCHECK --retries=3 CMD echo ok', (l) =>
      has(l[0], 'echo', 'support.function.stub.shell')],
    ['a continued RUN stays embedded and ends with the instruction', 'RUN apt-get update \\\n    # c\n    && echo done\nUSER app', (l) =>
      has(l[2], 'echo', 'support.function.stub.shell') && has(l[3], 'USER', 'keyword.other.special-method.dockerfile')],
    ['RUN heredoc script body is tokenized by source.shell', 'RUN <<EOF\nset -e\necho "x"\nEOF\nUSER app', (l) =>
      has(l[1], 'set', 'support.function.stub.shell') && has(l[2], 'x', 'string.quoted.double.stub.shell') &&
      has(l[3], 'EOF', 'keyword.control.heredoc-token.dockerfile') && has(l[4], 'USER', 'keyword.other.special-method.dockerfile')],
    ['an unterminated shell string in a heredoc script is closed at the terminator', 'RUN <<EOF\necho "oops\nEOF\nUSER app', (l) =>
      has(l[2], 'EOF', 'keyword.control.heredoc-token.dockerfile') && lacks(l[2], 'EOF', 'string.quoted.double.stub.shell') &&
      has(l[3], 'USER', 'keyword.other.special-method.dockerfile')],
    ['`bash <<EOF` reads a script: its body is tokenized by source.shell', 'RUN bash -ex <<EOF\necho a\nEOF', (l) =>
      has(l[1], 'echo', 'support.function.stub.shell')],
    ['`cat <<EOF` body is data: a string, not shell', 'RUN cat <<EOF > /x\necho a\nEOF', (l) =>
      has(l[1], 'echo', 'string.unquoted.heredoc.dockerfile') && lacks(l[1], 'echo', 'support.function.stub.shell')],
    ['COPY heredoc body is a string, not shell', 'COPY <<EOF /x\necho a\nEOF', (l) =>
      lacks(l[1], 'echo', 'support.function.stub.shell') && has(l[1], 'echo', 'string.unquoted.heredoc.dockerfile')],
    ['exec form is not tokenized by source.shell', 'RUN ["echo", "a"]', (l) =>
      lacks(l[0], 'echo', 'support.function.stub.shell')],
    ['no shell grammar in files with `# escape=``', '# escape=`\nRUN echo a `\n    echo b\nUSER app', (l) =>
      lacks(l[1], 'echo', 'support.function.stub.shell') && has(l[1], '`', 'constant.character.escape.line-continuation.dockerfile') &&
      has(l[3], 'USER', 'keyword.other.special-method.dockerfile')],
  ];
  for (const [label, text, check] of cases) {
    let ok = false;
    let details = '';
    try {
      const lines = tokenize(text);
      ok = check(lines);
      if (!ok) {
        details = lines
          .map((toks, i) => `${text.split('\n')[i]}\n${toks.map((t) => `  ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n')}`)
          .join('\n');
      }
    } catch (e) {
      details = String(e?.stack ?? e);
    }
    report(ok, `engine: ${label}`, details);
  }
}

// ------------------------------------------------------------------------------------------
// 3. assertion tests
// ------------------------------------------------------------------------------------------
async function assertionTests() {
  const files = readdirSync(ASSERTIONS_DIR).filter((f) => f.endsWith('.dockerfile')).sort().map((f) => `syntaxes/test/${f}`);
  if (files.length === 0) {
    report(false, 'assertions: no syntaxes/test/*.dockerfile files');
    return;
  }
  const r = await run(UNIT_BIN, ['--config', NO_CONFIG, '-g', GRAMMAR, ...files.map(globEscape)], root);
  const results = perFile(files, r, /run successfull?y\.\s*$/);
  results.forEach((res, i) => report(res.ok, `assertions: ${files[i] ?? 'tool run'}`, res.ok ? '' : res.out));
}

// ------------------------------------------------------------------------------------------
// 4. snapshot tests
// ------------------------------------------------------------------------------------------
/** Dockerfile names as the language contribution in package.json (falls back to the defaults). */
function dockerfileMatcher() {
  let lang;
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    lang = (pkg.contributes?.languages ?? []).find((l) => l.id === 'dockerfile');
  } catch {}
  const filenames = lang?.filenames ?? ['Dockerfile', 'Containerfile'];
  const patterns = lang?.filenamePatterns ?? ['Dockerfile.*', 'Containerfile.*', '*.dockerfile', '*.Dockerfile'];
  const extensions = lang?.extensions ?? ['.dockerfile', '.containerfile'];
  const globRe = (g) => new RegExp('^' + g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  const res = patterns.map(globRe);
  return (name) => filenames.includes(name) || extensions.some((e) => name.endsWith(e)) || res.some((re) => re.test(name));
}

async function snapshotTests() {
  const isDockerfile = dockerfileMatcher();
  const fixtures = walk(FIXTURES_DIR)
    .map((p) => relative(FIXTURES_DIR, p))
    .filter((rel) => isDockerfile(basename(rel)));
  if (fixtures.length === 0) {
    report(false, 'snapshots: no Dockerfiles found under test-fixtures/');
    return;
  }
  const posix = (rel) => rel.split(sep).join('/');
  const missing = new Set();
  for (const rel of fixtures) {
    const copy = join(work, 'fixtures', rel);
    const snap = join(SNAPSHOTS_DIR, rel + '.snap');
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(join(FIXTURES_DIR, rel), copy);
    if (existsSync(snap)) copyFileSync(snap, copy + '.snap');
    else if (!update) missing.add(rel);
  }
  const toRun = fixtures.filter((rel) => !missing.has(rel));
  const names = toRun.map((rel) => `fixtures/${posix(rel)}`);
  const args = ['-s', SCOPE, '-g', GRAMMAR, '--config', NO_CONFIG, '--expandDiff', ...(update ? ['-u'] : [])];
  const r = toRun.length ? await run(SNAP_BIN, [...args, ...names.map(globEscape)], work) : { code: 0, out: '' };
  // With -u the tool prints nothing for a file it updated: only errors name the file.
  const results = update
    ? names.map((n) => {
        const block = perFile([n], r, /^$/)[0];
        return block.out.startsWith('the tool printed no result') ? { ok: true, out: '' } : block;
      })
    : perFile(names, r, /run successfull?y\.\s*$/);
  if (update && r.code !== 0 && results.every((x) => x.ok)) results.push({ ok: false, out: `the tool exited with code ${r.code}:\n${r.out}` });
  results.forEach((res, i) => {
    const rel = toRun[i];
    if (rel !== undefined && res.ok && update) {
      const snap = join(SNAPSHOTS_DIR, rel + '.snap');
      const text = readFileSync(join(work, 'fixtures', rel) + '.snap', 'utf8');
      if (!existsSync(snap) || readFileSync(snap, 'utf8') !== text) {
        mkdirSync(dirname(snap), { recursive: true });
        console.log(`     ${existsSync(snap) ? 'updated' : 'created'} ${relative(root, snap)}`);
        writeFileSync(snap, text);
      }
    }
    report(res.ok, `snapshots: ${rel !== undefined ? `test-fixtures/${posix(rel)}` : 'tool run'}`, res.ok ? '' : res.out);
  });
  for (const rel of missing) {
    report(false, `snapshots: test-fixtures/${posix(rel)}`, `no snapshot ${relative(root, join(SNAPSHOTS_DIR, rel + '.snap'))}: run node scripts/test-grammar.mjs --update`);
  }

  // Snapshots whose fixture is gone.
  const wanted = new Set(fixtures.map((rel) => join(SNAPSHOTS_DIR, rel + '.snap')));
  for (const snap of walk(SNAPSHOTS_DIR).filter((p) => p.endsWith('.snap') && !wanted.has(p))) {
    if (update) {
      rmSync(snap);
      console.log(`     removed obsolete ${relative(root, snap)}`);
    } else {
      console.log(`note obsolete snapshot ${relative(root, snap)} (removed by --update)`);
    }
  }
}

// ------------------------------------------------------------------------------------------
// 5. VS Code's engine and shell grammar (optional)
// ------------------------------------------------------------------------------------------
function findVSCode() {
  const candidates = [];
  if (process.env.VSCODE_APP_ROOT) candidates.push(process.env.VSCODE_APP_ROOT);
  const tools = join(root, '.tools');
  if (existsSync(tools)) {
    for (const d of readdirSync(tools).filter((d) => d.startsWith('code-server-')).sort().reverse()) {
      candidates.push(join(tools, d, 'node_modules', 'code-server', 'lib', 'vscode'));
    }
  }
  return candidates.find((d) =>
    existsSync(join(d, 'extensions', 'shellscript', 'syntaxes', 'shell-unix-bash.tmLanguage.json')) &&
    existsSync(join(d, 'node_modules', 'vscode-textmate')),
  );
}

async function loadEngine(req) {
  const tm = req('vscode-textmate');
  const onig = req('vscode-oniguruma');
  const wasm = readFileSync(join(dirname(req.resolve('vscode-oniguruma')), 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return async (grammars) => {
    const registry = new tm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (p) => new onig.OnigScanner(p),
        createOnigString: (str) => new onig.OnigString(str),
      }),
      loadGrammar: async (scopeName) =>
        grammars[scopeName] ? tm.parseRawGrammar(readFileSync(grammars[scopeName], 'utf8'), grammars[scopeName]) : null,
    });
    const grammar = await registry.loadGrammar(SCOPE);
    return (text) => {
      let stack = tm.INITIAL;
      return text.split(/\r\n|\n/).map((line) => {
        const r = grammar.tokenizeLine(line, stack);
        stack = r.ruleStack;
        return r.tokens.map((t) => `${t.startIndex}-${t.endIndex} ${t.scopes.join(' ')}`);
      });
    };
  };
}

async function vscodeChecks() {
  const vscodeDir = findVSCode();
  if (!vscodeDir) {
    console.log('skip vscode: no local VS Code found (set VSCODE_APP_ROOT to its resources/app or lib/vscode directory)');
    return;
  }
  const vsRequire = createRequire(join(vscodeDir, 'package.json'));
  const version = JSON.parse(readFileSync(vsRequire.resolve('vscode-textmate/package.json'), 'utf8')).version;
  const shellGrammar = join(vscodeDir, 'extensions', 'shellscript', 'syntaxes', 'shell-unix-bash.tmLanguage.json');
  const isDockerfile = dockerfileMatcher();
  const files = [
    ...readdirSync(ASSERTIONS_DIR).filter((f) => f.endsWith('.dockerfile')).map((f) => join(ASSERTIONS_DIR, f)),
    ...walk(FIXTURES_DIR).filter((p) => isDockerfile(basename(p))),
  ];
  // Assertion files as vscode-tmgrammar-test sees them: no header line, no assertion lines.
  const asTokenized = (f, text) =>
    f.startsWith(ASSERTIONS_DIR)
      ? text.split(/\r\n|\n/).slice(1).filter((l) => !(l.startsWith('#') && /^\s*(\^|<[~]*[-]+)/.test(l.slice(1)))).join('\n')
      : text;
  const texts = files.map((f) => asTokenized(f, readFileSync(f, 'utf8')));
  const label = (f) => relative(root, f).split(sep).join('/');

  // Same tokens from VS Code's vscode-textmate as from the test tool's.
  const toolTokenize = await (await loadEngine(toolRequire))({ [SCOPE]: GRAMMAR });
  const vsEngine = await loadEngine(vsRequire);
  const vsTokenize = await vsEngine({ [SCOPE]: GRAMMAR });
  const differing = files.filter((f, i) => JSON.stringify(toolTokenize(texts[i])) !== JSON.stringify(vsTokenize(texts[i])));
  report(
    differing.length === 0,
    `vscode: VS Code's vscode-textmate ${version} tokenizes ${files.length} files exactly like the test tool`,
    differing.map(label).join('\n'),
  );

  // Embedding VS Code's real shell grammar changes no Dockerfile structure: the same lines
  // start instructions, are comments, directives or heredoc terminators.
  const withShell = await vsEngine({ [SCOPE]: GRAMMAR, 'source.shell': shellGrammar });
  const STRUCTURE = /^(keyword\.other\.special-method|keyword\.control|keyword\.control\.heredoc-token|comment\.line\.number-sign|meta\.directive)\.dockerfile$/;
  const structure = (lines) =>
    lines.map((tokens) => (tokens[0] ?? '').split(' ').slice(1).filter((sc) => STRUCTURE.test(sc)).join(' '));
  const problems = [];
  files.forEach((f, i) => {
    const a = structure(vsTokenize(texts[i]));
    const b = structure(withShell(texts[i]));
    a.forEach((sc, n) => {
      if (sc !== b[n]) problems.push(`${label(f)}: "${texts[i].split(/\r\n|\n/)[n]}": without shell "${sc}", with shell "${b[n]}"`);
    });
  });
  report(
    problems.length === 0,
    `vscode: embedding VS Code's shell grammar changes no instruction, comment or terminator line (${files.length} files)`,
    problems.slice(0, 20).join('\n'),
  );
}

// ------------------------------------------------------------------------------------------
try {
  await checkGenerated();
  await engineChecks();
  await assertionTests();
  await snapshotTests();
  await vscodeChecks();
} catch (e) {
  report(false, 'test runner crashed', String(e?.stack ?? e));
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
