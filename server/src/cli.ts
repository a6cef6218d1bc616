/**
 * `dockerfile-stages`: the same analysis as the extension, for CI and terminals.
 *   check [PATH|GLOB|DIR …]   run the rules; text, json, sarif or github output; exit 0/1/2
 *   fix PATH …                apply the safe fixes (or show them with --dry-run)
 *   graph PATH                the stage graph as mermaid, dot or json
 *   lsp --stdio               the language server, for editors other than VS Code
 */
import { parseArgs } from 'node:util';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createTwoFilesPatch } from 'diff';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, WorkspaceEdit } from 'vscode-languageserver-types';
import * as service from './service';
import { analyze, graphToDot, graphToMermaid, type Analysis, type FileFacts } from './service';
import type { RuleSeverity, Settings } from './protocol';
import { fileFactsFor } from './fileFacts';
import { findDockerfiles, readDockerfile, type FileError } from './cli/files';
import { loadConfig } from './cli/config';
import { FORMATS, render, ruleOf, type FileResult, type Format } from './cli/formats';
import { startServerFromArgv } from './server';
import { signalCodeCacheReady } from './codeCache';
import { CliCrossFiles, isCrossFilePath } from './cli/crossFile';

declare const DOCKERFILE_STAGES_VERSION: string;
const VERSION = typeof DOCKERFILE_STAGES_VERSION === 'string' ? DOCKERFILE_STAGES_VERSION : '0.0.0-dev';

const HELP = `Usage: dockerfile-stages <command> [options]

Commands:
  check [PATH|GLOB|DIR ...]   Check Dockerfiles, and the build targets of Compose, Bake and
                              GitHub workflow files (default: the current directory)
      --format text|json|sarif|github   Output format (default: text)
      --target STAGE          Build target for reachability (default: the last stage)
      --rule ID=SEVERITY      Set a rule's severity: off|hint|information|warning|error (repeatable)
      --ignore ID             Turn a rule off (repeatable)
      --fail-level LEVEL      Exit 1 on findings at or above: error|warning|info|hint|none (default: warning)
      --min-severity LEVEL    Show findings at or above: error|warning|info|hint (default: info)
      --config FILE           Settings file (default: .dockerfile-stages.json or package.json "dockerfileStages", searched upwards)
      --require-files         Exit 2 when a directory or pattern holds no Dockerfile (default: a note, exit 0)
  fix [PATH|GLOB|DIR ...]     Apply the safe fixes in place; report what changed and what remains
      --dry-run               Print a unified diff instead of writing (the report goes to stderr)
      --fail-level LEVEL      Exit 1 when findings at or above LEVEL remain (default: warning)
      --target STAGE, --config FILE, --require-files   as for check
  graph PATH                  Print the stage graph
      --format mermaid|dot|json  (default: mermaid)
      --target STAGE
  lsp --stdio                 Run the language server over stdio

  --help, --version

Exit codes: 0 clean, 1 findings at or above --fail-level, 2 usage or file error.
`;

const LEVELS: Record<string, number> = { error: 1, warning: 2, info: 3, information: 3, hint: 4, none: 0 };

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case 'check':
        return await check(rest);
      case 'fix':
        return await fix(rest);
      case 'graph':
        return graph(rest);
      case 'lsp':
        if (!rest.includes('--stdio')) throw new UsageError("lsp needs --stdio (the only transport for other editors)");
        // The loader (cliLoader.ts) writes the code cache once the first diagnostics are out.
        startServerFromArgv({ afterFirstDiagnostics: signalCodeCacheReady });
        return -1;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`dockerfile-stages: ${(e as Error).message}\nRun 'dockerfile-stages --help' for usage.\n`);
      return 2;
    }
    process.stderr.write(`dockerfile-stages: ${(e as Error).message}\n`);
    return 2;
  }
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      target: { type: 'string' },
      rule: { type: 'string', multiple: true, default: [] },
      ignore: { type: 'string', multiple: true, default: [] },
      'fail-level': { type: 'string', default: 'warning' },
      'min-severity': { type: 'string', default: 'info' },
      config: { type: 'string' },
      'require-files': { type: 'boolean', default: false },
    },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const failLevel = level(values['fail-level'] as string, '--fail-level');
  const minLevel = level(values['min-severity'] as string, '--min-severity');
  const overrides = ruleOverrides(values.rule as string[], values.ignore as string[]);

  const { files, errors } = findDockerfiles(positionals, process.cwd(), isCrossFilePath);
  const results: FileResult[] = [];
  const target = values.target as string | undefined;
  const crossFiles = await CliCrossFiles.of(files.filter(isCrossFilePath));
  for (const file of files) {
    const read = readDockerfile(file);
    if ('error' in read) {
      errors.push({ path: displayPath(file), message: read.error });
      continue;
    }
    if (isCrossFilePath(file)) {
      const settings = settingsFor(file, values.config as string | undefined, target, overrides);
      const diagnostics = crossFiles.diagnostics(file, settings).filter((d) => (d.severity ?? 1) <= minLevel);
      results.push({ path: displayPath(file), text: read.text, diagnostics });
      continue;
    }
    const analysis = analyze(read.text, pathToFileURL(file).href, 1);
    const targetProblem = unknownTarget(analysis, target);
    if (targetProblem) {
      errors.push({ path: displayPath(file), message: targetProblem });
      continue;
    }
    const settings = settingsFor(file, values.config as string | undefined, target, overrides);
    const targetedStages = settings.crossFile.enabled ? crossFiles.targetedStages(analysis.model) : undefined;
    const diagnostics = await diagnose(analysis, file, settings, minLevel, targetedStages);
    results.push({ path: displayPath(file), text: read.text, diagnostics });
  }
  process.stdout.write(render(format, results, VERSION));
  const failed = reportFileErrors(errors, values['require-files'] as boolean);
  if (failed) return 2;
  const failing = results.some((r) => r.diagnostics.some((d) => (d.severity ?? 1) <= failLevel));
  return failing ? 1 : 0;
}

/** Our rules on one file, at or above `minLevel`, in file order. */
async function diagnose(analysis: Analysis, file: string, settings: Settings, minLevel: number, targetedStages?: number[]): Promise<Diagnostic[]> {
  const facts = await fileFacts(file, settings);
  // Stages Compose, Bake or workflow files build as their target (check over a folder holding them).
  const files = targetedStages ? { ...facts, targetedStages } : facts;
  return service
    .diagnostics(analysis, settings, files)
    .filter((d) => (d.severity ?? 1) <= minLevel)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Why `--target` cannot be built from this file (BuildKit fails on it), with the stage names it may have meant. */
function unknownTarget(analysis: Analysis, target: string | undefined): string | undefined {
  const unknown = target === undefined ? undefined : service.unknownTarget(analysis, target);
  if (!unknown) return undefined;
  const { names, close } = unknown;
  const hint = close.length > 0
    ? `did you mean ${close.map((n) => `'${n}'`).join(' or ')}?`
    : names.length > 0 ? `its stages are ${names.map((n) => `'${n}'`).join(', ')}` : 'it has no named stage';
  return `--target '${target}' names no stage in this file (${hint})`;
}

async function fix(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      config: { type: 'string' },
      target: { type: 'string' },
      'fail-level': { type: 'string', default: 'warning' },
      'require-files': { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('fix needs at least one PATH');
  const failLevel = level(values['fail-level'] as string, '--fail-level');
  const dryRun = values['dry-run'] as boolean;
  const target = values.target as string | undefined;
  const { files, errors } = findDockerfiles(positionals);
  const remaining: FileResult[] = [];
  let report = '';
  for (const file of files) {
    const read = readDockerfile(file);
    if ('error' in read) {
      errors.push({ path: displayPath(file), message: read.error });
      continue;
    }
    const targetProblem = unknownTarget(analyze(read.text, pathToFileURL(file).href, 1), target);
    if (targetProblem) {
      errors.push({ path: displayPath(file), message: targetProblem });
      continue;
    }
    const settings = settingsFor(file, values.config as string | undefined, target, {});
    const minLevel = LEVELS.info;
    const before = await diagnose(analyze(read.text, pathToFileURL(file).href, 1), file, settings, minLevel);
    const outputs = await applySafeFixes(file, read.text, settings);
    const fixedText = outputs.get(file)!.after;
    const after = await diagnose(analyze(fixedText, pathToFileURL(file).href, 1), file, settings, minLevel);
    const created: string[] = [];
    for (const [path, { before: old, after: next }] of outputs) {
      if (old === next) continue;
      if (path !== file && !existsSync(path)) created.push(displayPath(path));
      if (dryRun) process.stdout.write(createTwoFilesPatch(displayPath(path), displayPath(path), old, next));
      else writeFileSync(path, next);
    }
    report += fixSummary(displayPath(file), before, after, created, dryRun);
    remaining.push({ path: displayPath(file), text: fixedText, diagnostics: after });
  }
  if (remaining.length > 0) {
    const stillThere = render('text', remaining.filter((r) => r.diagnostics.length > 0), VERSION);
    report += stillThere ? `${dryRun ? 'Would remain' : 'Remaining'}:\n${stillThere}` : '';
  }
  (dryRun ? process.stderr : process.stdout).write(report);
  if (reportFileErrors(errors, values['require-files'] as boolean)) return 2;
  return remaining.some((r) => r.diagnostics.some((d) => (d.severity ?? 1) <= failLevel)) ? 1 : 0;
}

/** `Dockerfile: fixed 2 (from-as-casing, global-arg-not-redeclared); created .dockerignore; 1 remains` */
function fixSummary(path: string, before: Diagnostic[], after: Diagnostic[], created: string[], dryRun: boolean): string {
  const count = (ds: Diagnostic[]) => ds.reduce((m, d) => m.set(ruleOf(d), (m.get(ruleOf(d)) ?? 0) + 1), new Map<string, number>());
  const left = count(after);
  const fixedRules: string[] = [];
  let fixed = 0;
  for (const [rule, n] of count(before)) {
    const gone = n - (left.get(rule) ?? 0);
    if (gone > 0) {
      fixed += gone;
      fixedRules.push(gone > 1 ? `${rule} ×${gone}` : rule);
    }
  }
  const parts = [fixed > 0 ? `${dryRun ? 'would fix' : 'fixed'} ${fixed} (${fixedRules.join(', ')})` : 'nothing to fix safely'];
  if (created.length > 0) parts.push(`${dryRun ? 'would create' : 'created'} ${created.join(', ')}`);
  parts.push(after.length === 0 ? 'no problems remain' : `${after.length} problem${after.length === 1 ? '' : 's'} remain${after.length === 1 ? 's' : ''}`);
  return `${path}: ${parts.join('; ')}\n`;
}

/** Applies the fixAll action until nothing changes (bounded), following created files too (e.g. .dockerignore). */
async function applySafeFixes(file: string, text: string, settings: Settings): Promise<Map<string, { before: string; after: string }>> {
  const outputs = new Map<string, { before: string; after: string }>([[file, { before: text, after: text }]]);
  for (let pass = 0; pass < 5; pass++) {
    const current = outputs.get(file)!.after;
    const analysis = analyze(current, pathToFileURL(file).href, pass + 1);
    const files = await fileFacts(file, settings);
    const edit = service.fixAll(analysis, settings, files)?.edit;
    if (!edit || !applyWorkspaceEdit(edit, outputs)) break;
  }
  return outputs;
}

function applyWorkspaceEdit(edit: WorkspaceEdit, outputs: Map<string, { before: string; after: string }>): boolean {
  let changed = false;
  const textOf = (path: string) => outputs.get(path)?.after ?? '';
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') continue;
      const path = fileURLToPath(change.uri);
      if (!outputs.has(path) && !existsSync(path)) outputs.set(path, { before: '', after: '' });
      continue;
    }
    const path = fileURLToPath(change.textDocument.uri);
    if (!outputs.has(path)) continue;
    const next = TextDocument.applyEdits(TextDocument.create(change.textDocument.uri, 'dockerfile', 0, textOf(path)), change.edits.filter((e) => 'range' in e));
    if (next !== textOf(path)) {
      outputs.get(path)!.after = next;
      changed = true;
    }
  }
  return changed;
}

function graph(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'mermaid' }, target: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('graph needs exactly one PATH');
  const format = values.format as string;
  if (!['mermaid', 'dot', 'json'].includes(format)) throw new UsageError('--format must be one of mermaid, dot, json');
  const path = resolve(positionals[0]);
  const read = readDockerfile(path);
  if ('error' in read) {
    reportFileErrors([{ path: positionals[0], message: read.error }]);
    return 2;
  }
  const analysis = analyze(read.text, pathToFileURL(path).href);
  const targetProblem = unknownTarget(analysis, values.target as string | undefined);
  if (targetProblem) {
    reportFileErrors([{ path: positionals[0], message: targetProblem }]);
    return 2;
  }
  const g = service.graph(analysis, (values.target as string | undefined) ?? '');
  process.stdout.write(format === 'json' ? JSON.stringify(g, null, 2) + '\n' : format === 'dot' ? graphToDot(g) : graphToMermaid(g));
  return 0;
}

function level(value: string, flag: string): number {
  if (!(value in LEVELS)) throw new UsageError(`${flag} must be one of error, warning, info, hint${flag === '--fail-level' ? ', none' : ''}`);
  return LEVELS[value];
}

function ruleOverrides(rules: string[], ignores: string[]): Record<string, RuleSeverity> {
  const out: Record<string, RuleSeverity> = {};
  const valid = ['off', 'hint', 'information', 'warning', 'error'];
  for (const spec of rules) {
    const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(spec);
    if (!m || !valid.includes(m[2])) throw new UsageError(`--rule expects ID=SEVERITY with SEVERITY one of ${valid.join(', ')}; got '${spec}'`);
    out[m[1]] = m[2] as RuleSeverity;
  }
  for (const id of ignores) out[id] = 'off';
  return out;
}

function settingsFor(file: string, configPath: string | undefined, target: string | undefined, overrides: Record<string, RuleSeverity>): Settings {
  const { settings } = loadConfig(dirname(file), configPath);
  return { ...settings, target: target ?? settings.target, rules: { ...settings.rules, ...overrides } };
}

/** The same facts the server gathers; a relative build context is relative to the working directory. */
function fileFacts(file: string, settings: Settings): Promise<FileFacts> {
  return fileFactsFor(pathToFileURL(file).href, settings, [pathToFileURL(process.cwd()).href]);
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Prints one line per file problem; true when any is an error (a directory or pattern with no Dockerfile is only a note, unless files are required). */
function reportFileErrors(errors: FileError[], requireFiles = true): boolean {
  let failed = false;
  for (const e of errors) {
    const note = e.nothingFound && !requireFiles;
    failed ||= !note;
    process.stderr.write(`dockerfile-stages: ${e.path}: ${e.message}${note ? ' (nothing to check; --require-files makes this an error)' : ''}\n`);
  }
  return failed;
}
