/**
 * Create .dockerignore: a new file next to the build context listing what the detected ecosystems
 * leave around (node_modules, target/, __pycache__, …) plus version control and editor folders,
 * never a path the Dockerfile copies by name.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import type { Settings } from '../../protocol';
import { defaultSettings } from '../../protocol';
import { buildingEcosystem, ecosystems } from './ecosystems';
import type { EcosystemId } from './ecosystems/types';
import { eolOf } from './edits';
import { copyArgs } from '../facts/instructionArgs';
import { recognizedRef, toolchainFor } from './runtimeImages';
import { runCommands } from '../facts/shellCommands';
import { rootImage } from '../facts/stageState';
import { instructionAtCursor, some } from './cursor';
import type { Refactor } from './types';

const COMMON = ['.git', '.gitignore', '.dockerignore', 'Dockerfile*', '*.Dockerfile', 'docker-compose*.yml', 'compose*.yaml', '.vscode', '.idea', '*.log', '.env', '.env.*'];
/** Dependency folders, caches and local leftovers of each ecosystem. */
const LEFTOVERS: Record<EcosystemId, string[]> = {
  node: ['node_modules', 'npm-debug.log*', 'yarn-error.log*', '.npm', '.pnpm-store', 'coverage'],
  python: ['__pycache__', '*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '*.egg-info'],
  go: ['*.test', 'coverage.out'],
  rust: [],
  java: ['.gradle'],
  dotnet: [],
  cxx: ['*.o', '*.a'],
  ruby: ['.bundle', 'log', 'tmp'],
  php: [],
  static: [],
  elixir: ['deps', '.elixir_ls'],
};
/** Build outputs: ignored only when the Dockerfile builds them itself (else the image may need them). */
const OUTPUTS: Record<EcosystemId, string[]> = {
  node: ['dist', 'build', '.next'],
  python: [],
  go: [],
  rust: ['target'],
  java: ['target', 'build'],
  dotnet: ['**/bin', '**/obj'],
  cxx: ['build'],
  ruby: [],
  php: ['vendor'],
  static: ['public', '_site', 'site'],
  elixir: ['_build'],
};
const LABELS: Record<EcosystemId, string> = { node: 'Node', python: 'Python', go: 'Go', rust: 'Rust', java: 'Java', dotnet: '.NET', cxx: 'C/C++', ruby: 'Ruby', php: 'PHP', static: 'Static site', elixir: 'Elixir' };

export function createDockerignore(model: StageModel, dockerignoreUri: string, settings: Settings = defaultSettings): CodeAction | undefined {
  if (model.stages.length === 0) return undefined;
  const { found, building } = detectEcosystems(model, settings);
  const copied = copiedPaths(model);
  const entries = [...new Set([...COMMON, ...found.flatMap((id) => LEFTOVERS[id]), ...building.flatMap((id) => OUTPUTS[id])])].filter((entry) => !copied.some((p) => covers(entry, p)));
  const eol = eolOf(model);
  const header = [`# Not sent to the builder: keeps the build context small and secrets out of the image.`];
  const text = [...header, ...entries].join(eol) + eol;
  const label = found.length > 0 ? ` (${found.map((id) => LABELS[id]).join(', ')})` : '';
  return {
    title: `Create .dockerignore${label}`,
    kind: CodeActionKind.Refactor,
    edit: {
      documentChanges: [
        { kind: 'create', uri: dockerignoreUri, options: { ignoreIfExists: true } },
        { textDocument: { uri: dockerignoreUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
      ],
    },
  };
}

/** Ecosystems the Dockerfile uses (toolchain base images, commands it runs) and those it builds with. */
export function detectEcosystems(model: StageModel, settings: Settings = defaultSettings): { found: EcosystemId[]; building: EcosystemId[] } {
  const found = new Set<EcosystemId>();
  const building = new Set<EcosystemId>();
  for (const stage of model.stages) {
    const root = rootImage(model, stage);
    const ecosystem = toolchainFor(recognizedRef(root.written, root.expanded))?.ecosystem;
    if (ecosystem) found.add(ecosystem);
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      for (const command of runCommands(instruction, model.escapeChar, '/')) {
        for (const e of ecosystems) if (e.needsToolchain(command)) found.add(e.id);
        const builds = buildingEcosystem(command);
        if (builds) {
          building.add(builds.id);
          found.add(builds.id);
        }
      }
    }
  }
  const inOrder = (set: Set<EcosystemId>) => ecosystems.map((e) => e.id).filter((id) => set.has(id));
  return { found: inOrder(found), building: inOrder(building) };
}

/** Context paths COPY/ADD name explicitly (not `.`), without a leading `./`. */
function copiedPaths(model: StageModel): string[] {
  const out: string[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      const args = copyArgs(instruction);
      if (!args || args.from !== undefined) continue;
      for (const source of args.sources) {
        const path = source.replace(/^\.\//, '').replace(/\/$/, '');
        if (path !== '.' && path !== '' && !/^[a-z]+:\/\//i.test(path)) out.push(path);
      }
    }
  }
  return out;
}

/** Whether ignoring `entry` would hide `path` (or something in it) from the build. */
function covers(entry: string, path: string): boolean {
  const pattern = new RegExp(
    '^' + entry.replace(/^\*\*\//, '').replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '(/|$)',
  );
  return path.split('/').some((_, i, parts) => pattern.test(parts.slice(i).join('/'))) || pattern.test(path) || path.startsWith(entry.replace(/\*.*$/s, '') + '/');
}

export const createDockerignoreRefactor: Refactor = {
  id: 'createDockerignore',
  kind: CodeActionKind.Refactor,
  title: 'Create .dockerignore',
  actions: ({ model, range, files, settings }) => {
    if (files?.dockerignoreExists !== false || !files.dockerignoreUri) return [];
    const keyword = instructionAtCursor(model, range.start)?.instruction.getKeyword();
    return keyword === 'COPY' || keyword === 'ADD' ? some(createDockerignore(model, files.dockerignoreUri, settings)) : [];
  },
  run: ({ model, files, settings }) => (files?.dockerignoreUri ? createDockerignore(model, files.dockerignoreUri, settings) : undefined),
};
