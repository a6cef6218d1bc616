/**
 * Move manifests before `COPY . .`: copy only the dependency manifests, run the install, then copy the
 * rest, so a source change no longer re-runs the install. The install RUN moves up (a leading
 * `install && …` chain is split); `COPY . .` stays after it.
 */
import { escapeRegExp } from '../facts/text';
import type { Instruction } from 'dockerfile-ast';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../model';
import { dependencyManifests, readsWorkspaces, workspaceFolders, workspacePatterns, type DependencyInstall } from './dependencyManifests';
import type { ContextFiles } from '../facts/files';
import { documentEdit, eolOf, wholeLinesRange } from './edits';
import { copyArgs } from '../facts/instructionArgs';
import { keyword, stageBlocks, type InstructionBlock } from './layout';
import { resolvePath } from '../facts/paths';
import { runCommands } from '../facts/shellCommands';
import { statesOf } from '../facts/stageState';
import { instructionAtCursor, some } from './cursor';
import type { Refactor } from './types';

const WHOLE_CONTEXT = new Set(['.', './']);
/** Instructions an install may move above unchanged (ENV and ARG move with it). */
const MOVABLE_PAST = new Set(['COPY', 'ADD', 'EXPOSE', 'LABEL', 'ENV', 'ARG', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT']);

export function moveManifestsBeforeCopy(model: StageModel, stageIndex: number, files?: ContextFiles): CodeAction | undefined {
  const moved = manifestsFirstEdits(model, stageIndex, files);
  if (!moved) return undefined;
  return {
    title: `Copy ${moved.install.manifests.join(' and ')} and run '${moved.install.label}' before COPY . (cached install)`,
    kind: CodeActionKind.RefactorRewrite,
    edit: documentEdit(model, moved.edits),
  };
}

/**
 * The text edits that copy the manifests and run the install before `COPY . .` (other refactors compose
 * them). A Node project with workspaces gets each workspace's package.json copied too (its install reads
 * them); when the build context cannot be listed to find them, nothing is offered.
 */
export function manifestsFirstEdits(model: StageModel, stageIndex: number, files?: ContextFiles): { edits: TextEdit[]; install: DependencyInstall } | undefined {
  const stage = model.stages[stageIndex];
  if (!stage) return undefined;
  const found = findCopyThenInstall(model, stage, files);
  if (!found) return undefined;
  const { copyIndex, installIndex, split, destination } = found;
  let install = found.install;
  if (readsWorkspaces(install, files)) {
    const folders = workspaceFolders(files, workspacePatterns(files) ?? []);
    if (!folders) return undefined;
    const pnpmWorkspace = install.label.startsWith('pnpm') && files?.read('pnpm-workspace.yaml') !== undefined ? ['pnpm-workspace.yaml'] : [];
    install = { ...install, manifests: [...install.manifests, ...pnpmWorkspace, ...folders.map((f) => `${f}/package.json`)] };
  }
  const blocks = stageBlocks(model, stage);
  const eol = eolOf(model);
  const carried = blocks.slice(copyIndex + 1, installIndex).filter((b) => ['ENV', 'ARG'].includes(b.instruction.getKeyword()));
  const manifestCopies = manifestsByFolder(install.manifests).map(([folder, files]) => `${keyword(model, 'COPY')} ${[...files, destination + folder].join(' ')}`);
  const installBlock = blocks[installIndex];
  const movedInstall = split ? [...installBlock.comments, split.first] : [...installBlock.comments, ...installBlock.lines];
  const inserted = [...manifestCopies, ...carried.flatMap((b) => [...b.comments, ...b.lines]), ...movedInstall];
  const copyBlock = blocks[copyIndex];
  const edits: TextEdit[] = [{ range: { start: { line: copyBlock.firstLine, character: 0 }, end: { line: copyBlock.firstLine, character: 0 } }, newText: inserted.join(eol) + eol }];
  for (const block of carried) edits.push({ range: wholeLinesRange(model, block.firstLine, block.lastLine), newText: '' });
  if (split) edits.push({ range: lineSpan(installBlock), newText: split.rest });
  else edits.push({ range: wholeLinesRange(model, installBlock.firstLine, installBlock.lastLine), newText: '' });
  return { edits, install };
}

/** Manifests grouped by folder (`requirements/prod.txt` → `requirements/`), so each lands where the install reads it. */
function manifestsByFolder(manifests: string[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const file of manifests) {
    const clean = file.replace(/^\.\//, '');
    const folder = clean.includes('/') ? clean.slice(0, clean.lastIndexOf('/') + 1) : '';
    groups.set(folder, [...(groups.get(folder) ?? []), clean]);
  }
  return [...groups];
}

interface Found {
  copyIndex: number;
  installIndex: number;
  install: DependencyInstall;
  /** Set when the install leads an `&&` chain: the install alone, and the RUN that is left. */
  split?: { first: string; rest: string };
  /** Destination for the manifests, as `COPY . <dest>` wrote it (with a trailing slash). */
  destination: string;
}

function findCopyThenInstall(model: StageModel, stage: Stage, files: ContextFiles | undefined): Found | undefined {
  const states = statesOf(model, stage);
  const copyIndex = stage.instructions.findIndex((i) => copyArgs(i)?.from === undefined && (copyArgs(i)?.sources ?? []).some((s) => WHOLE_CONTEXT.has(s)));
  if (copyIndex < 0) return undefined;
  for (let i = copyIndex + 1; i < stage.instructions.length; i++) {
    const instruction = stage.instructions[i];
    if (instruction.getKeyword() !== 'RUN') {
      if (!MOVABLE_PAST.has(instruction.getKeyword())) return undefined;
      continue;
    }
    const commands = runCommands(instruction, model.escapeChar, states[i].workdir);
    const installs = commands.map((c) => dependencyManifests(c, files));
    const first = installs[0];
    if (!first) return undefined;
    const copy = copyArgs(stage.instructions[copyIndex]) as NonNullable<ReturnType<typeof copyArgs>>;
    const target = resolvePath(states[copyIndex].workdir, copy.destination);
    if (commands[0].cwd !== target) return undefined;
    const destination = copy.destination.endsWith('/') ? copy.destination : copy.destination + '/';
    if (installs.every((x) => x !== undefined)) return { copyIndex, installIndex: i, install: first, destination };
    const split = splitChain(model, instruction);
    return split ? { copyIndex, installIndex: i, install: first, split, destination } : undefined;
  }
  return undefined;
}

/** `RUN [flags] A && B …` → `RUN [flags] A` and `RUN [flags] B …`, for a plain shell-form RUN. */
function splitChain(model: StageModel, instruction: Instruction): { first: string; rest: string } | undefined {
  const text = instruction.getTextContent();
  if (/<<-?\s*["']?[A-Za-z_]/.test(text) || instruction.getRawArgumentsContent()?.trimStart().startsWith('[')) return undefined;
  const argsText = instruction.getRawArgumentsContent() ?? '';
  const at = firstTopLevelAnd(argsText);
  if (at < 0) return undefined;
  const head = text.slice(0, text.length - argsText.length);
  const escape = escapeRegExp(model.escapeChar);
  const first = argsText.slice(0, at).replace(new RegExp(`[\\s${escape}]+$`), '');
  const rest = argsText.slice(at + 2).replace(new RegExp(`^[\\s${escape}]+`), '');
  return { first: `${head}${first}`, rest: `${head}${rest}` };
}

/** Offset of the first `&&` outside quotes. */
function firstTopLevelAnd(text: string): number {
  let quote: string | undefined;
  for (let i = 0; i < text.length - 1; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '&' && text[i + 1] === '&') return i;
  }
  return -1;
}

function lineSpan(block: InstructionBlock) {
  const r = block.instruction.getRange();
  return { start: { line: r.start.line, character: 0 }, end: r.end };
}

export const moveManifestsBeforeCopyRefactor: Refactor = {
  id: 'moveManifestsBeforeCopy',
  kind: CodeActionKind.RefactorRewrite,
  title: 'Copy dependency manifests first',
  actions: ({ model, range, context, files }) => {
    const at = instructionAtCursor(model, range.start);
    const keyword = at?.instruction.getKeyword();
    return at && (keyword === 'COPY' || keyword === 'RUN') ? some(moveManifestsBeforeCopy(model, at.stage.index, context ?? files?.context)) : [];
  },
  run: ({ model, context, files }, { stage }) => moveManifestsBeforeCopy(model, stage, context ?? files?.context),
};
