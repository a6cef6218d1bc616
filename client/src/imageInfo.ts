/**
 * Reading a built stage image back from the engine: its size (`image inspect`), its layers
 * (`history`), and its files (`create` + `export` + `rm`, never running anything in it). Pure argv
 * builders and output parsers: no `vscode` import, nothing runs here (see engineRunner.ts).
 * buildah has no inspect/history/export of its own in docker's shape: podman reads the same store.
 */
import { engineKind, globalFlags, type Invocation } from './engineCommand';
import { formatBytes, type BuildSettings } from '../../server/src/protocol';

export interface ImageQuery {
  engine: string;
  settings: BuildSettings;
  tag: string;
  /** Added to the inherited environment (the tests' private DOCKER_HOST). */
  env?: Record<string, string>;
}

function queryEngine(engine: string): string {
  return engineKind(engine) === 'buildah' ? 'podman' : engine;
}

function invocation(q: ImageQuery, args: string[]): Invocation {
  const command = queryEngine(q.engine);
  return { command, args: [...globalFlags(engineKind(command), q.settings), ...args], env: { ...q.env }, tag: q.tag };
}

export function sizeInvocation(q: ImageQuery): Invocation {
  return invocation(q, ['image', 'inspect', '--format', '{{.Size}}', q.tag]);
}

export function historyInvocation(q: ImageQuery): Invocation {
  return invocation(q, ['history', '--no-trunc', '--human=false', '--format', '{{.Size}}\t{{.CreatedBy}}', q.tag]);
}

/**
 * `create` needs a command for images without CMD/ENTRYPOINT (scratch); the container is never
 * started, so the path need not exist.
 */
export function createInvocation(q: ImageQuery): Invocation {
  return invocation(q, ['create', q.tag, '/dockerfile-stages-inspect']);
}

export function exportInvocation(q: ImageQuery, container: string): Invocation {
  return invocation(q, ['export', container]);
}

export function removeInvocation(q: ImageQuery, container: string): Invocation {
  return invocation(q, ['rm', container]);
}

export function parseSize(stdout: string): number | undefined {
  const first = stdout.trim().split(/\s+/)[0];
  if (!first) return undefined;
  const n = Number(first);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export interface HistoryEntry {
  bytes: number;
  createdBy: string;
}

/** `history` lines, newest layer first (as the engine prints them). */
export function parseHistory(stdout: string): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const tab = line.indexOf('\t');
    const bytes = Number(tab < 0 ? line : line.slice(0, tab));
    out.push({ bytes: Number.isFinite(bytes) ? bytes : 0, createdBy: tab < 0 ? '' : line.slice(tab + 1).trim() });
  }
  return out;
}

export interface DockerfileInstruction {
  /** 0-based line of the instruction keyword. */
  line: number;
  keyword: string;
  /** The arguments with continuations joined and flags (`--mount=…`, `--from=…`) removed. */
  args: string;
}

/**
 * The instructions of the lines [fromLine, endLine) of a Dockerfile text, continuations joined.
 * A light reader for matching history entries; the server's model stays the authority on stages.
 */
export function instructionsIn(text: string, fromLine: number, endLine: number, escape = '\\'): DockerfileInstruction[] {
  const lines = text.split(/\r?\n/);
  const out: DockerfileInstruction[] = [];
  for (let i = fromLine; i < Math.min(endLine, lines.length); i++) {
    const first = lines[i];
    const m = /^\s*([A-Za-z]+)(\s+|$)(.*)$/.exec(first);
    if (!m || first.trimStart().startsWith('#')) continue;
    let body = m[3];
    let j = i;
    while (body.trimEnd().endsWith(escape) && j + 1 < lines.length) {
      body = body.trimEnd().slice(0, -1) + ' ';
      j++;
      if (lines[j].trimStart().startsWith('#')) continue;
      body += lines[j];
    }
    out.push({ line: i, keyword: m[1].toUpperCase(), args: normalizeArgs(body) });
    i = j;
  }
  return out;
}

function normalizeArgs(args: string): string {
  return args
    .replace(/(^|\s)--[a-z-]+=("[^"]*"|\S+)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function normalizeCreatedBy(createdBy: string): { keyword: string; args: string } {
  let s = withoutBuildkitMark(createdBy);
  s = s.replace(/^\/bin\/sh -c #\(nop\)\s*/, ''); // legacy builder metadata steps
  const m = /^([A-Z]+)\s*(.*)$/s.exec(s);
  if (!m) return { keyword: 'RUN', args: s.replace(/^\/bin\/sh -c /, '') };
  let args = m[2];
  if (m[1] === 'RUN') args = args.replace(/^\|\d+(\s+\S+=\S*)*\s+/, '').replace(/^\/bin\/sh -c /, '');
  return { keyword: m[1], args: args.replace(/\s+/g, ' ').trim() };
}

export interface MappedLayer extends HistoryEntry {
  /** The Dockerfile line that made the layer; undefined for base-image layers and unmatched ones. */
  line?: number;
}

/**
 * Maps history entries (newest first) to the stage's instructions, oldest first: the stage's own
 * instructions are the newest entries, in order; what is left is the base image. An entry matches an
 * instruction with the same keyword whose arguments it contains (or that contain its start).
 */
export function mapLayersToLines(history: HistoryEntry[], instructions: DockerfileInstruction[]): MappedLayer[] {
  const layers: MappedLayer[] = history.map((h) => ({ ...h }));
  const own = instructions.filter((i) => i.keyword !== 'FROM');
  let next = own.length - 1;
  for (const layer of layers) {
    if (next < 0) break;
    const { keyword, args } = normalizeCreatedBy(layer.createdBy);
    for (let k = next; k >= 0 && k >= next - 3; k--) {
      const ins = own[k];
      if (ins.keyword !== keyword) continue;
      const a = ins.args.slice(0, 40);
      const b = args.slice(0, 40);
      if (a === '' || args.includes(a) || ins.args.includes(b)) {
        layer.line = ins.line;
        next = k - 1;
        break;
      }
    }
  }
  return layers;
}

/** `builder 812 MB → runtime 14.2 MB` (several sources joined by commas; `?` for a size not read). */
export function sizeComparison(sources: { label: string; bytes?: number }[], target: { label: string; bytes?: number }): string {
  const shown = (s: { label: string; bytes?: number }) => `${s.label} ${s.bytes === undefined ? '?' : formatBytes(s.bytes)}`;
  return `${sources.map(shown).join(', ')} → ${shown(target)}`;
}

/** `RUN … # buildkit` → `RUN …` (the mark BuildKit appends to history entries). */
export function withoutBuildkitMark(createdBy: string): string {
  const s = createdBy.trim();
  return s.endsWith('# buildkit') ? s.slice(0, -'# buildkit'.length).trimEnd() : s;
}
