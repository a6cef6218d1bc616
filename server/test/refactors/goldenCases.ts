/** The golden refactor cases in test-fixtures/refactors/: reading them, running their refactor, checking results. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contextFilesFor } from '../../src/fileFacts';
import type { CodeAction, Position } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../../src/service/diagnostics';
import { buildModel, type StageModel } from '../../src/service/model';
import type { ContextFiles } from '../../src/service/refactors/ecosystems/types';
import { refactorById } from '../../src/service/refactors/registry';
import { withDefaults, type Settings } from '../../src/protocol';
import { FIXTURES } from '../helpers';

export const CASES = join(FIXTURES, 'refactors');
export const URI = 'file:///work/app/Dockerfile';
export const DOCKERIGNORE = 'file:///work/app/.dockerignore';

export interface GoldenCase {
  refactor: string;
  stage?: number;
  instruction?: number;
  name?: string;
  cursor?: Position;
  settings?: Partial<Settings>;
  /** Build context files the refactor may read (Cargo.toml, package.json, …). */
  files?: Record<string, string>;
  /** The listing of the build context's root (as the server gives it from disk), when the case has one. */
  listing?: string[];
  /** Text the action title must contain. */
  title?: string;
}

export function readCase(dir: string): { spec: GoldenCase; before: string; after: string } {
  const spec = JSON.parse(readFileSync(join(CASES, dir, 'case.json'), 'utf8')) as GoldenCase;
  return { spec, before: readFileSync(join(CASES, dir, 'before.Dockerfile'), 'utf8'), after: readFileSync(join(CASES, dir, 'after.Dockerfile'), 'utf8') };
}

export const contextOf = (spec: GoldenCase): ContextFiles | undefined => {
  if (!spec.files && !spec.listing) return undefined;
  const read = (p: string) => spec.files?.[p.replace(/^\.\//, '')];
  return spec.listing ? { read, list: (dir: string) => (dir === '' ? spec.listing : undefined) } : { read };
};

export function runCase(model: StageModel, spec: GoldenCase): CodeAction | undefined {
  const refactor = refactorById(spec.refactor);
  if (!refactor) throw new Error(`unknown refactor ${spec.refactor}`);
  const target = { stage: spec.stage ?? model.stages.length - 1, instruction: spec.instruction, name: spec.name };
  return refactor.run({ model, settings: withDefaults(spec.settings ?? {}), files: { dockerignoreExists: false, dockerignoreUri: DOCKERIGNORE }, context: contextOf(spec) }, target);
}

/** Everything that must hold for a refactor's output: resolvable references, unique names, no problems. */
export function assertReanalysesCleanly(text: string, settings: Settings): void {
  const model = buildModel(text, URI, 2);
  const broken = model.references.filter((r) => ['forward', 'index-out-of-range', 'variable'].includes(r.resolution.kind));
  assert.deepEqual(broken.map((r) => `${r.value} (${r.resolution.kind}) line ${r.range.start.line + 1}`), [], 'broken references');
  const duplicates = [...model.stagesByName].filter(([, stages]) => stages.length > 1).map(([name]) => name);
  assert.deepEqual(duplicates, [], 'duplicate stage names');
  // The instruction casing is the input's (name-stage-given-name keeps a hand-written `from`), not the refactor's doing.
  const problems = computeDiagnostics({ model, settings, files: {} }).filter((d) => (d.severity ?? 1) <= 2 && d.code !== 'consistent-instruction-casing');
  assert.deepEqual(problems.map((d) => `${d.code} line ${d.range.start.line + 1}: ${d.message}`), [], 'warnings or errors from our rules');
}

/** The case folders (those with a case.json). */
export function caseDirs(): string[] {
  return existsSync(CASES) ? readdirSync(CASES).filter((d) => existsSync(join(CASES, d, 'case.json'))).sort() : [];
}

/** The project-tree cases of "Extract builder stage": test-fixtures/extract/<case>/ holds a small project. */
export const PROJECTS = join(FIXTURES, 'extract');

export interface ProjectCase {
  dir: string;
  dockerfile: string;
  /** The expected result, or undefined when the action must be disabled. */
  expected?: string;
  /** Text the disabled action's reason must contain. */
  refusal?: string;
  title?: string;
  settings?: Partial<Settings>;
  context: ContextFiles;
  uri: string;
}

/** Files of the case that are the test's, not the project's. */
const CASE_FILES = /^(expected\.Dockerfile|refusal\.txt|case\.json)$/;

export function projectCases(): string[] {
  return existsSync(PROJECTS) ? readdirSync(PROJECTS).filter((d) => existsSync(join(PROJECTS, d, 'Dockerfile'))).sort() : [];
}

export function readProjectCase(dir: string): ProjectCase {
  const root = join(PROJECTS, dir);
  const spec = existsSync(join(root, 'case.json')) ? (JSON.parse(readFileSync(join(root, 'case.json'), 'utf8')) as { title?: string; settings?: Partial<Settings>; unlisted?: boolean }) : {};
  const uri = pathToFileURL(join(root, 'Dockerfile')).href;
  const disk = contextFilesFor(uri, withDefaults({}), [])!;
  const context: ContextFiles = {
    read: (p) => (CASE_FILES.test(p.replace(/^\.\//, '')) ? undefined : disk.read(p)),
    // `unlisted`: the server could read files but not list the context (as for a document not on disk).
    ...(spec.unlisted ? {} : { list: (d: string) => disk.list?.(d)?.filter((e) => d !== '' || !CASE_FILES.test(e)) }),
  };
  const read = (name: string) => (existsSync(join(root, name)) ? readFileSync(join(root, name), 'utf8') : undefined);
  return { dir, dockerfile: read('Dockerfile')!, expected: read('expected.Dockerfile'), refusal: read('refusal.txt')?.trim(), title: spec.title, settings: spec.settings, context, uri };
}
