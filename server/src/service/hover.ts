/**
 * Hover on a stage name or a reference to a stage: its base image chain, its doc comment, the stages
 * that use it and what they take from it. References to images get no stage hover (the base service
 * answers those). Lists are capped so huge files still give a short answer.
 */
import { stageTitle } from './facts/labels';
import type { Hover, Position, Range } from 'vscode-languageserver-types';
import type { Flag, Instruction } from 'dockerfile-ast';
import { referencesTo, targetStage, type ReferenceKind, type Stage, type StageModel, type StageReference } from './model';
import { comparePositions } from './positions';
import { stageTargetAt } from './stageTarget';
import { formatBytes, type StageSizeInfo } from '../protocol';

const MAX_LIST = 10;
const MAX_CHAIN = 12;
const MAX_TEXT = 80;

const KIND_TITLES: [ReferenceKind, string][] = [
  ['from', 'Base of'],
  ['copy-from', 'Copied from by'],
  ['mount-from', 'Mounted by'],
];

/** `buildUsers`: who builds a stage from other files; `sizes`: image sizes by stage label, read by the client after builds. */
export function stageHover(model: StageModel, pos: Position, buildUsers: (stage: Stage) => readonly string[] = () => [], sizes?: Record<string, StageSizeInfo>): Hover | null {
  const target = stageTargetAt(model, pos);
  if (!target) return null;
  const range = target.reference?.range ?? target.stage.nameRange;
  const value = stageSummary(model, target.stage, buildUsers(target.stage), sizes?.[target.stage.name ?? String(target.stage.index)]);
  return range ? { contents: { kind: 'markdown', value }, range } : { contents: { kind: 'markdown', value } };
}

/**
 * The stage's summary (markdown): base chain, doc comment, the stages using it, what they take from
 * it, and who builds it as a target from other files (`compose service api`, `bake target app`).
 * Also shown when hovering a `target` in Compose, Bake and workflow files.
 */
export function stageSummary(model: StageModel, stage: Stage, buildUsers: readonly string[] = [], size?: StageSizeInfo): string {
  const sections = [
    `**Stage ${code(stageTitle(stage))}** (stage ${stage.index})`,
    baseChain(model, stage) + (stage.platform ? ` · platform ${code(stage.platform)}` : ''),
    stage.docComment,
    sizeLine(size),
    usedBy(model, stage),
    takenFrom(model, stage),
    buildUsers.length ? `Target of ${capped([...buildUsers], ', ')}` : undefined,
  ];
  return sections.filter((s): s is string => !!s).join('\n\n');
}

function sizeLine(size: StageSizeInfo | undefined): string | undefined {
  if (!size) return undefined;
  return `Image size: **${formatBytes(size.bytes)}** · ${size.layers} layer${size.layers === 1 ? '' : 's'} (last build)`;
}

/** `test → base → golang:1.22`, following FROM references through stages. */
function baseChain(model: StageModel, stage: Stage): string {
  const parts = [code(stageTitle(stage))];
  let current = stage;
  for (let hops = 0; hops < MAX_CHAIN; hops++) {
    const next = current.fromReference ? targetStage(model, current.fromReference) : undefined;
    if (!next) {
      parts.push(imageText(current));
      return parts.join(' → ');
    }
    parts.push(code(stageTitle(next)));
    current = next;
  }
  return [...parts, '…'].join(' → ');
}

function imageText(stage: Stage): string {
  if (!stage.baseImage) return '(no base image)';
  const resolution = stage.fromReference?.resolution;
  const expanded = resolution?.kind === 'image' ? resolution.expanded : undefined;
  return expanded !== undefined && expanded !== stage.baseImage
    ? `${code(expanded)} (${code(stage.baseImage)} with ARG defaults)`
    : code(stage.baseImage);
}

/** The stages that depend on `stage`, grouped by how they use it. */
function usedBy(model: StageModel, stage: Stage): string {
  const byKind = new Map<ReferenceKind, Set<number>>();
  for (const edge of model.edges) {
    if (edge.to !== stage.index) continue;
    const set = byKind.get(edge.kind) ?? new Set<number>();
    set.add(edge.from);
    byKind.set(edge.kind, set);
  }
  if (model.epochStage === stage.index) return 'Every build takes its timestamp from it (`ARG SOURCE_DATE_EPOCH`).';
  if (byKind.size === 0) return 'No later stage uses it.';
  const lines: string[] = [];
  for (const [kind, title] of KIND_TITLES) {
    const users = byKind.get(kind);
    if (users) lines.push(`${title}: ${capped([...users].map((i) => code(stageTitle(model.stages[i]))), ', ')}`);
  }
  return lines.join('  \n');
}

/** What `COPY --from` and `RUN --mount=from=` take from `stage`. */
function takenFrom(model: StageModel, stage: Stage): string | undefined {
  const lines: string[] = [];
  const uses = referencesTo(model, stage).filter((r) => r.kind === 'copy-from' || r.kind === 'mount-from');
  // Only the shown entries read their instruction again; the rest are counted.
  for (const reference of uses.slice(0, MAX_LIST)) {
    const user = code(stageTitle(model.stages[reference.inStage]));
    const line = reference.range.start.line + 1;
    if (reference.kind === 'copy-from') {
      const sources = copySources(model, reference.instruction);
      lines.push(`- ${sources.length ? capped(sources.map(code), ', ', 5) : '(no source)'} → ${user} (line ${line})`);
    } else {
      const mount = mountOf(reference);
      const source = mount?.getOption('source') ?? mount?.getOption('src');
      const target = mount?.getOption('target') ?? mount?.getOption('dst') ?? mount?.getOption('destination');
      lines.push(`- ${code(source?.getValue() || '/')} mounted at ${code(target?.getValue() || '?')} in ${user} (line ${line})`);
    }
  }
  if (lines.length === 0) return undefined;
  if (uses.length > MAX_LIST) lines.push(`- and ${uses.length - MAX_LIST} more`);
  return `Taken from it:\n${lines.join('\n')}`;
}

/** Source paths of a COPY: every argument but the destination, JSON form included. */
function copySources(model: StageModel, instruction: Instruction): string[] {
  const json = instruction as Instruction & { getOpeningBracket?(): { getRange(): { start: Position } } | null; getClosingBracket?(): { getRange(): { end: Position } } | null };
  const open = json.getOpeningBracket?.();
  const close = json.getClosingBracket?.();
  if (open && close) {
    try {
      const text = model.document.getText({ start: open.getRange().start, end: close.getRange().end });
      const values: unknown = JSON.parse(text);
      if (Array.isArray(values)) return values.slice(0, -1).map(String);
    } catch {
      // Not valid JSON: BuildKit then reads the shell form, and so do we.
    }
  }
  return instruction.getArguments().slice(0, -1).map((a) => a.getValue());
}

/** The `--mount` flag holding a mount-from reference. */
function mountOf(reference: StageReference): Flag | undefined {
  const flags = (reference.instruction as Instruction & { getFlags(): Flag[] }).getFlags();
  const isReference = (range: Range | null) => !!range && comparePositions(range.start, reference.range.start) === 0;
  return flags.find((f) => f.getName() === 'mount' && f.getOptions().some((o) => isReference(o.getValueRange())));
}

function capped(items: string[], separator: string, max = MAX_LIST): string {
  const shown = items.slice(0, max).join(separator);
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** Inline code for text from the file: clipped, and without backticks that would end the span. */
function code(text: string): string {
  const clipped = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  return '`' + clipped.replace(/`/g, "'").replace(/\s+/g, ' ') + '`';
}
