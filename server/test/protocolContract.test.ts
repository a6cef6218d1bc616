/**
 * server/src/protocol.ts is the whole contract between the server and its clients: it imports nothing,
 * the extension imports nothing else from the server side, no method name is spelled elsewhere, and
 * its settings and command ids are the ones package.json contributes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { defaultSettings, METHODS, SELECT_TARGET_COMMAND, settingKey, SETTINGS_SECTION, STAGE_COMMANDS } from '../src/protocol';

const ROOT = join(__dirname, '..', '..');
const PROTOCOL = join(ROOT, 'server', 'src', 'protocol.ts');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' || entry === 'dist' ? [] : sources(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Module specifiers a file imports (static, dynamic, require, export … from). */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

test('protocol.ts imports nothing', () => {
  assert.deepEqual(specifiers(readFileSync(PROTOCOL, 'utf8')), []);
});

test('client/src imports nothing from the server side but protocol.ts', () => {
  const offending: string[] = [];
  for (const file of sources(join(ROOT, 'client', 'src'))) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (relative(join(ROOT, 'client'), target).startsWith('..') && `${target}.ts` !== PROTOCOL) offending.push(`${relative(ROOT, file)}: ${spec}`);
    }
  }
  assert.deepEqual(offending, []);
});

test('custom method names are spelled only in protocol.ts', () => {
  const offending: string[] = [];
  for (const file of [...sources(join(ROOT, 'server', 'src')), ...sources(join(ROOT, 'client', 'src'))]) {
    if (file === PROTOCOL) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`]dockerfileStages\/[\w/]+['"`]/g)) offending.push(`${relative(ROOT, file)}: ${m[0]}`);
  }
  assert.deepEqual(offending, []);
});

test('the wire names other editors rely on', () => {
  assert.deepEqual(METHODS, {
    stages: 'dockerfileStages/stages',
    setTarget: 'dockerfileStages/setTarget',
    handledCommands: 'dockerfileStages/handledCommands',
    graph: 'dockerfileStages/graph',
    stageSizes: 'dockerfileStages/stageSizes',
    checkFiles: 'dockerfileStages/checkFiles',
  });
});

test('package.json contributes every setting with the default protocol.ts gives it, and every command id', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const configuration = [pkg.contributes.configuration].flat();
  const properties: Record<string, { default?: unknown }> = Object.assign({}, ...configuration.map((c: { properties: object }) => c.properties));
  const { build, crossFile, codeLens, rules: _rules, ...top } = defaultSettings;
  const expected: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(top)) expected[settingKey(key as keyof typeof top)] = value;
  for (const [key, value] of Object.entries(build)) expected[settingKey(`build.${key as keyof typeof build}`)] = value;
  for (const [key, value] of Object.entries(crossFile)) expected[settingKey(`crossFile.${key as keyof typeof crossFile}`)] = value;
  for (const [key, value] of Object.entries(codeLens)) expected[settingKey(`codeLens.${key as keyof typeof codeLens}`)] = value;
  for (const [key, value] of Object.entries(expected)) {
    assert.ok(properties[key], `package.json does not contribute ${key}`);
    assert.deepEqual(properties[key].default, value, `default of ${key}`);
  }
  const ours = Object.keys(properties).filter((k) => k.startsWith(`${SETTINGS_SECTION}.`) && !k.startsWith(`${SETTINGS_SECTION}.rules.`));
  assert.deepEqual(ours.filter((k) => !(k in expected)), [], 'settings in package.json that protocol.ts does not know');
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
  for (const id of [...Object.values(STAGE_COMMANDS), SELECT_TARGET_COMMAND]) assert.ok(commands.includes(id), `command ${id} not contributed`);
});
