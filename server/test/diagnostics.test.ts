import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { BaseService } from '../src/service/base';
import { computeDiagnostics, DIAGNOSTIC_SOURCE } from '../src/service/diagnostics';
import { buildModel } from '../src/service/model';
import { rules } from '../src/service/rules/registry';
import { withDefaults } from '../src/protocol';
import { skippedChecks } from '../src/service/suppression';

/** Runs every rule but unreachable-stage (whose hints would only add noise here). */
const run = (text: string, rulesConfig: Record<string, string> = {}) =>
  computeDiagnostics({ model: buildModel(text), settings: withDefaults({ rules: { 'unreachable-stage': 'off', ...rulesConfig } }), files: {} });
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}`);

const bad = 'FROM alpine AS Builder\nFROM alpine\nCOPY --from=biulder / /\n';

test('diagnostics carry our source, a string code, a docs link and the rule default severity', () => {
  const ds = run(bad);
  assert.deepEqual(codes(ds), ['stage-name-casing@0', 'unknown-stage@2']);
  for (const d of ds) {
    assert.equal(d.source, DIAGNOSTIC_SOURCE);
    assert.equal(typeof d.code, 'string');
    assert.equal(d.codeDescription?.href.endsWith(`/docs/rules/${d.code}.md`), true);
  }
  assert.equal(ds[0].severity, DiagnosticSeverity.Warning);
});

test('settings change a rule severity or turn it off; invalid values fall back to the default', () => {
  const ds = run(bad, { 'stage-name-casing': 'error', 'unknown-stage': 'off' });
  assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['stage-name-casing', DiagnosticSeverity.Error]]);
  assert.equal(run(bad, { 'stage-name-casing': 'loud' })[0].severity, DiagnosticSeverity.Warning);
  assert.equal(run(bad, { 'stage-name-casing': 'hint' })[0].severity, DiagnosticSeverity.Hint);
});

test('# dockerfile-stages ignore=… above a line or its instruction suppresses those rules only', () => {
  const text = [
    'FROM alpine AS Builder',
    'FROM alpine',
    '# dockerfile-stages ignore=unknown-stage',
    'COPY --from=biulder / /',
    '# a note',
    '# dockerfile-stages ignore=stage-order, unknown-stage',
    'COPY \\',
    '  --from=biulder / /',
    '# dockerfile-stages ignore=all',
    'COPY --from=buidler / /',
    '# dockerfile-stages ignore=stage-order',
    'COPY --from=biulder / /',
  ].join('\n');
  assert.deepEqual(codes(run(text)), ['stage-name-casing@0', 'unknown-stage@11']);
});

test('# check=skip=… turns off the rules that mirror those BuildKit checks', () => {
  assert.deepEqual([...skippedChecks('# syntax=docker/dockerfile:1\n# check=skip=StageNameCasing,FromAsCasing;error=true\nFROM a\n')], ['stagenamecasing', 'fromascasing']);
  assert.deepEqual([...skippedChecks('FROM a\n# check=skip=StageNameCasing\n')], []);
  assert.deepEqual(codes(run('# check=skip=StageNameCasing\n' + bad)), ['unknown-stage@3']);
  assert.deepEqual(codes(run('# check=skip=all\n' + bad)), ['unknown-stage@3'], 'unknown-stage mirrors no BuildKit check');
});

test('every rule has a docs page, a unique id and a valid default; the package.json settings match the registry', () => {
  const root = join(__dirname, '..', '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties;
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
  for (const rule of rules) {
    assert.ok(readFileSync(join(root, 'docs', 'rules', `${rule.id}.md`), 'utf8').startsWith(`# ${rule.id}`), `docs/rules/${rule.id}.md`);
    const prop = props[`dockerfileStages.rules.${rule.id}`];
    assert.ok(prop, `package.json setting for ${rule.id}`);
    assert.equal(prop.default, rule.defaultSeverity, rule.id);
    assert.deepEqual(prop.enum, ['off', 'hint', 'information', 'warning', 'error']);
  }
  const declared = Object.keys(props).filter((k) => k.startsWith('dockerfileStages.rules.'));
  assert.equal(declared.length, rules.length);
  assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === 'dockerfileStages.selectTarget'));
});

test('every diagnostic is ours: dockerfile-utils validation is not published', () => {
  const text = 'FROM alpine AS app\nFROM alpine AS app\nFROM alpine AS 1bad\nFROM alpine\nCOPY --from=$X / /\nRUN echo \\\n\n  ok\n';
  const ours = computeDiagnostics({ model: buildModel(text), settings: withDefaults({}), files: {} });
  assert.deepEqual([...new Set(ours.map((d) => d.source))], [DIAGNOSTIC_SOURCE]);
  assert.ok(ours.some((d) => d.code === 'no-empty-continuation' && (d.data as { buildkitCheck?: string }).buildkitCheck === 'NoEmptyContinuation'));
});

test('a rule that throws is reported and the others still run', () => {
  const rule = rules[0];
  const original = rule.check;
  rule.check = () => {
    throw new Error('boom');
  };
  try {
    const errors: string[] = [];
    const ds = computeDiagnostics({ model: buildModel(bad), settings: withDefaults({}), files: {} }, { onRuleError: (id) => errors.push(id) });
    assert.deepEqual(errors, [rule.id]);
    assert.ok(ds.length > 0);
  } finally {
    rule.check = original;
  }
});

test('huge and odd inputs answer in bounded time without throwing', () => {
  const stages = Array.from({ length: 400 }, (_, i) => `FROM alpine AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} / /\nRUN echo $V${i} '${'$'.repeat(50)}' \${A:-\${B:-\${C}}}`).join('\n');
  const odd = ['', 'FROM', 'COPY --from=', 'RUN <<', 'RUN <<EOF\n', 'ARG\nFROM ${', 'RUN "unterminated $X', `RUN ${'<<A '.repeat(200)}`, `FROM a AS b\nRUN ${'${'.repeat(5000)}`, '\\\n'.repeat(1000)];
  for (const text of [stages, ...odd]) {
    const ds = run(text);
    assert.ok(Array.isArray(ds));
  }
});
