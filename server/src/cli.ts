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
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { buildModel, type StageModel } from './service/model';
import { computeDiagnostics, mergeBaseDiagnostics } from './service/diagnostics';
import { computeCodeActions } from './service/codeActions';
import { BaseService } from './service/base';
import { stageGraph, graphToDot, graphToMermaid } from './service/graph';
import type { RuleSeverity, Settings } from './service/settings';
import type { FileFacts } from './service/rules/types';
import { fileFactsFor } from './fileFacts';
import { findDockerfiles, readDockerfile, type FileError } from './cli/files';
import { loadConfig } from './cli/config';
import { FORMATS, render, type FileResult, type Format } from './cli/formats';
import { startServerFromArgv } from './server';
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
      --base                  Also run dockerfile-utils' syntax checks
      --fail-level LEVEL      Exit 1 on findings at or above: error|warning|info|hint|none (default: warning)
      --min-severity LEVEL    Show findings at or above: error|warning|info|hint (default: info)
      --config FILE           Settings file (default: .dockerfile-stages.json or package.json "dockerfileStages", searched upwards)
  fix PATH ...                Apply the safe fixes in place
      --dry-run               Print a unified diff instead of writing
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
        startServerFromArgv();
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
      base: { type: 'boolean', default: false },
      'fail-level': { type: 'string', default: 'warning' },
      'min-severity': { type: 'string', default: 'info' },
      config: { type: 'string' },
    },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const failLevel = level(values['fail-level'] as string, '--fail-level');
  const minLevel = level(values['min-severity'] as string, '--min-severity');
  const overrides = ruleOverrides(values.rule as string[], values.ignore as string[]);

  const { files, errors } = findDockerfiles(positionals, process.cwd(), isCrossFilePath);
  const results: FileResult[] = [];
  const base = values.base ? new BaseService(false) : undefined;
  const crossFiles = await CliCrossFiles.of(files.filter(isCrossFilePath));
  for (const file of files) {
    const read = readDockerfile(file);
    if ('error' in read) {
      errors.push({ path: displayPath(file), message: read.error });
      continue;
    }
    const settings = settingsFor(file, values.config as string | undefined, values.target as string | undefined, overrides);
    if (isCrossFilePath(file)) {
      const diagnostics = crossFiles.diagnostics(file, settings).filter((d) => (d.severity ?? 1) <= minLevel);
      results.push({ path: displayPath(file), text: read.text, diagnostics });
      continue;
    }
    const model = buildModel(read.text, pathToFileURL(file).href, 1);
    const facts = await fileFacts(file, settings);
    if (settings.crossFile.enabled) facts.targetedStages = crossFiles.targetedStages(model);
    let diagnostics = computeDiagnostics({ model, settings, files: facts });
    if (base) diagnostics = mergeBaseDiagnostics(diagnostics, base.validate(model));
    diagnostics = diagnostics
      .filter((d) => (d.severity ?? 1) <= minLevel)
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    results.push({ path: displayPath(file), text: read.text, diagnostics });
  }
  process.stdout.write(render(format, results, VERSION));
  reportFileErrors(errors);
  if (errors.length > 0) return 2;
  const failing = results.some((r) => r.diagnostics.some((d) => (d.severity ?? 1) <= failLevel));
  return failing ? 1 : 0;
}

async function fix(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, config: { type: 'string' }, target: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('fix needs at least one PATH');
  const { files, errors } = findDockerfiles(positionals);
  for (const file of files) {
    const read = readDockerfile(file);
    if ('error' in read) {
      errors.push({ path: displayPath(file), message: read.error });
      continue;
    }
    const settings = settingsFor(file, values.config as string | undefined, values.target as string | undefined, {});
    const outputs = await applySafeFixes(file, read.text, settings);
    for (const [path, { before, after }] of outputs) {
      if (before === after) continue;
      if (values['dry-run']) process.stdout.write(createTwoFilesPatch(displayPath(path), displayPath(path), before, after));
      else writeFileSync(path, after);
    }
  }
  reportFileErrors(errors);
  return errors.length > 0 ? 2 : 0;
}

/** Applies the fixAll action until nothing changes (bounded), following created files too (e.g. .dockerignore). */
async function applySafeFixes(file: string, text: string, settings: Settings): Promise<Map<string, { before: string; after: string }>> {
  const outputs = new Map<string, { before: string; after: string }>([[file, { before: text, after: text }]]);
  for (let pass = 0; pass < 5; pass++) {
    const current = outputs.get(file)!.after;
    const model = buildModel(current, pathToFileURL(file).href, pass + 1);
    const files = await fileFacts(file, settings);
    const diagnostics = computeDiagnostics({ model, settings, files });
    const whole = { start: { line: 0, character: 0 }, end: model.document.positionAt(current.length) };
    const actions = computeCodeActions(model, whole, diagnostics, ['source.fixAll.dockerfile-stages'], settings, files);
    const edit = actions.find((a) => a.edit)?.edit;
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
  const model: StageModel = buildModel(read.text, pathToFileURL(path).href);
  const g = stageGraph(model, (values.target as string | undefined) ?? '');
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

function reportFileErrors(errors: FileError[]): void {
  for (const e of errors) process.stderr.write(`dockerfile-stages: ${e.path}: ${e.message}\n`);
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
