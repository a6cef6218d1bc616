/**
 * Extract builder stage: split a stage that builds its application on a toolchain image into a
 * `builder` stage (toolchain, dependencies, build) and a runtime stage on a small image that gets only
 * the artifacts via `COPY --from=builder`, keeping the image's metadata exactly as written. See
 * extractPlan.ts for the analysis, ecosystems/ for artifact inference, runtimeImages.ts for the images.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { buildModel, type StageModel } from '../model';
import type { Settings } from '../../protocol';
import { applyTextEdits, documentEdit } from './edits';
import { manifestsFirstEdits } from './moveManifestsBeforeCopy';
import type { Artifact, ContextFiles, GeneratedLine } from './ecosystems/types';
import { fromLinesNamed, instructionLines, keyword, renderBlock, stageBlocks } from './layout';
import { isRefusal, planExtraction, RUNTIME_KEYWORDS, type ExtractPlan } from './extractPlan';
import { workdirPath } from '../facts/instructionArgs';
import { lineDiffEdits } from './lineDiff';
import { ancestorsOf } from '../facts/stageState';
import { isAbsolutePath } from '../facts/paths';
import { some, stageAtLine } from './cursor';
import type { Refactor } from './types';

export const CHECK_MARK = '# CHECK:';
export const EXTRACT_TITLE = 'Extract builder stage';

/**
 * The action at a stage: an edit inserting the builder and changing only the lines that change, or,
 * when the refactor cannot be sure the result keeps the app working, the action disabled with the reason.
 * The quick fix of toolchain-in-final-stage is this same action.
 */
export function extractBuilderStage(model: StageModel, stageIndex: number, settings: Settings, files?: ContextFiles): CodeAction | undefined {
  // Expert default: the builder copies the dependency manifests and installs before the sources, when
  // that refactor applies and the extraction plans the same way on its result.
  const reordered = manifestsFirstModel(model, stageIndex, files);
  const reorderedPlan = reordered && planExtraction(reordered, stageIndex, settings, files);
  const [source, plan] = reorderedPlan && !isRefusal(reorderedPlan) ? [reordered, reorderedPlan] : [model, planExtraction(model, stageIndex, settings, files)];
  if (!plan) return undefined;
  if (isRefusal(plan)) {
    return { title: `${EXTRACT_TITLE}${plan.ecosystem ? ` (${plan.ecosystem.label})` : ''}`, kind: CodeActionKind.RefactorExtract, disabled: { reason: `Not offered: ${plan.refusal}.` } };
  }
  const stage = model.stages[stageIndex];
  const newLines = [...builderLines(source, plan), '', ...runtimeLines(source, plan)];
  const edits = lineDiffEdits(model, stage.fromRange.start.line, stage.range.end.line, newLines);
  return { title: title(plan), kind: CodeActionKind.RefactorExtract, edit: documentEdit(model, edits) };
}

/** The document as "Copy dependency manifests first" would leave it, when it applies to the stage. */
function manifestsFirstModel(model: StageModel, stageIndex: number, files: ContextFiles | undefined): StageModel | undefined {
  const moved = manifestsFirstEdits(model, stageIndex, files);
  return moved && buildModel(applyTextEdits(model.document.getText(), moved.edits), model.uri, model.version);
}

function title(plan: ExtractPlan): string {
  const what = plan.summary ?? plan.artifacts.map((a) => a.source).join(', ');
  const guessed = plan.artifacts.some((a) => a.guessed);
  const unknownFiles = plan.unlistedContext ? 'run-time files unknown' : '';
  const check = guessed ? ` — check the marked COPY line${unknownFiles ? `; ${unknownFiles}` : ''}` : unknownFiles ? ` — check the marked line: ${unknownFiles}` : '';
  return `${EXTRACT_TITLE} (${plan.label ? plan.label + ': ' : ''}${what})${check}`;
}

function builderLines(model: StageModel, plan: ExtractPlan): string[] {
  const { stage } = plan;
  const fromLines = fromLinesNamed(model, stage, plan.builderName);

  const blocks = stageBlocks(model, stage);
  const lastBuilderOnly = plan.placements.lastIndexOf('builder');
  const out = [...fromLines];
  let setupWritten = plan.builderSetup.length === 0;
  blocks.forEach((block, i) => {
    const placement = plan.placements[i];
    if (placement === 'runtime' || (placement === 'both' && i > Math.max(lastBuilderOnly, plan.split))) return;
    if (!setupWritten && i >= plan.firstBuild) {
      out.push(...(block.blankBefore && out.length > fromLines.length ? [''] : []), ...generated(model, plan.builderSetup));
      out.push(...block.comments, ...block.lines);
      setupWritten = true;
      return;
    }
    out.push(...renderBlock(block, out.length > fromLines.length));
  });
  return out;
}

function runtimeLines(model: StageModel, plan: ExtractPlan): string[] {
  const { stage } = plan;
  const out = [runtimeFrom(plan)];
  out.push(...generated(model, plan.imageEnv), ...inheritedLines(model, plan));
  const blocks = stageBlocks(model, stage);
  let artifactsWritten = false;
  // The artifacts take the build step's place, with its spacing.
  const writeArtifacts = () => {
    const blank = !!blocks[plan.split]?.blankBefore && out.length > 1;
    const files = [...plan.runtimeFiles.flatMap((a) => copyLines(model, plan, a)), ...(plan.unlistedContext ? [unlistedMark(plan.unlistedContext)] : [])];
    out.push(...(blank ? [''] : []), ...generated(model, plan.runtimeSetup), ...plan.artifacts.flatMap((a) => copyLines(model, plan, a)), ...files, ...generated(model, plan.runtimeEnv.filter((l) => l.keyword !== 'USER')));
    artifactsWritten = true;
  };
  const user = generated(model, plan.runtimeEnv.filter((l) => l.keyword === 'USER'));
  let userWritten = user.length === 0;
  blocks.forEach((block, i) => {
    if (plan.placements[i] === 'builder') return;
    if (!artifactsWritten && i > plan.split) writeArtifacts();
    const keywordOf = block.instruction.getKeyword();
    if (!userWritten && artifactsWritten && (keywordOf === 'CMD' || keywordOf === 'ENTRYPOINT')) {
      out.push(...user);
      userWritten = true;
    }
    if (plan.rewrite?.instruction === block.instruction) {
      out.push(...(block.blankBefore && out.length > 1 ? [''] : []), ...block.comments, `${block.instruction.getInstruction()} ${JSON.stringify(plan.rewrite.words).replace(/","/g, '", "')}`);
      return;
    }
    out.push(...renderBlock(block, out.length > 1));
  });
  if (!artifactsWritten) writeArtifacts();
  if (!userWritten) out.push(...user);
  return out;
}

function runtimeFrom(plan: ExtractPlan): string {
  const { stage } = plan;
  const from = stage.from.getInstruction();
  const lower = from === from.toLowerCase();
  const platform = stage.platform && !/BUILDPLATFORM/.test(stage.platform) ? `--platform=${stage.platform} ` : '';
  const name = plan.runtimeName ? ` ${lower ? 'as' : 'AS'} ${plan.runtimeName}` : '';
  return `${from} ${platform}${plan.runtime.image}${name}`;
}

/**
 * What the original image had before the stage's own instructions, which the new runtime base lacks:
 * the metadata, ENV and WORKDIR of the stages it was built FROM, or the toolchain image's WORKDIR (golang's
 * /go) when the stage never sets an absolute one. Without them CMD, ENTRYPOINT and relative paths would
 * behave differently on the runtime image.
 */
function inheritedLines(model: StageModel, plan: ExtractPlan): string[] {
  const ancestors = ancestorsOf(model, plan.stage);
  if (ancestors.length > 0) {
    return ancestors.flatMap((s) => s.instructions.filter((i) => INHERITED.has(i.getKeyword())).flatMap((i) => instructionLines(model, i)));
  }
  const inherited = plan.states[0].workdir;
  if (inherited === '/' || inherited === '') return [];
  const firstWorkdir = plan.stage.instructions.find((i) => i.getKeyword() === 'WORKDIR');
  const path = firstWorkdir ? workdirPath(firstWorkdir) : undefined;
  return path && isAbsolutePath(path) ? [] : [`${keyword(model, 'WORKDIR')} ${inherited}`];
}

const INHERITED = new Set([...RUNTIME_KEYWORDS, 'ENV', 'WORKDIR']);

function copyLines(model: StageModel, plan: ExtractPlan, artifact: Artifact): string[] {
  const user = plan.states[plan.split].user;
  const chown = user && !/^(root|0)(:|$)/.test(user) ? ` --chown=${user}` : '';
  const paths = [artifact.source, artifact.target];
  const args = paths.some((p) => /\s/.test(p)) ? JSON.stringify(paths).replace(/","/g, '", "') : paths.join(' ');
  const copy = `${keyword(model, 'COPY')} --from=${plan.builderName}${chown} ${args}`;
  if (!artifact.guessed) return [copy];
  return [`${CHECK_MARK} could not infer what the build produces, so this copies ${artifact.source}; narrow it to what the image needs at run time.`, copy];
}

/** Without a listing of the build context, the files the app reads at run time cannot be found: say so where their COPY lines would go. */
function unlistedMark(folder: string): string {
  return `${CHECK_MARK} no listing of the build context was available, so files the app may read at run time from ${folder} (templates/, static/, config, data) are not copied; add a COPY --from line for each one it needs.`;
}

function generated(model: StageModel, lines: GeneratedLine[]): string[] {
  return lines.flatMap((l) => [...(l.comment ? [l.comment] : []), `${keyword(model, l.keyword)} ${l.args}`]);
}

export const extractBuilderStageRefactor: Refactor = {
  id: 'extractBuilderStage',
  kind: CodeActionKind.RefactorExtract,
  title: 'Extract builder stage',
  actions: ({ model, range, settings, context, files }) => {
    const stage = stageAtLine(model, range.start);
    return stage ? some(extractBuilderStage(model, stage.index, settings, context ?? files?.context)) : [];
  },
  run: ({ model, settings, context, files }, { stage }) => extractBuilderStage(model, stage, settings, context ?? files?.context),
};
