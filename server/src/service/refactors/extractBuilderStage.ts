/**
 * Extract builder stage: split a stage that builds its application on a toolchain image into a
 * `builder` stage (toolchain, dependencies, build) and a runtime stage on a small image that gets only
 * the artifacts via `COPY --from=builder`, keeping the image's metadata exactly as written. See
 * extractPlan.ts for the analysis, ecosystems/ for artifact inference, runtimeImages.ts for the images.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import type { Settings } from '../../protocol';
import { documentEdit, documentLines, eolOf } from './edits';
import type { Artifact, ContextFiles, GeneratedLine } from './ecosystems/types';
import { fromLinesNamed, instructionLines, keyword, renderBlock, stageBlocks } from './layout';
import { planExtraction, RUNTIME_KEYWORDS, type ExtractPlan } from './extractPlan';
import { workdirPath } from '../facts/instructionArgs';
import { ancestorsOf } from '../facts/stageState';
import { isAbsolutePath } from '../facts/paths';
import { some, stageAtLine } from './cursor';
import type { Refactor } from './types';

export const CHECK_MARK = '# CHECK:';

export function extractBuilderStage(model: StageModel, stageIndex: number, settings: Settings, files?: ContextFiles): CodeAction | undefined {
  const plan = planExtraction(model, stageIndex, settings, files);
  if (!plan) return undefined;
  const stage = plan.stage;
  const lines = documentLines(model);
  const range = { start: { line: stage.fromRange.start.line, character: 0 }, end: { line: stage.range.end.line, character: lines[stage.range.end.line].length } };
  const newText = [...builderLines(model, plan), '', ...runtimeLines(model, plan)].join(eolOf(model));
  const edit = documentEdit(model, [{ range, newText }], {
    id: 'extract-builder',
    annotation: { label: 'Extract builder stage', needsConfirmation: true, description: `Runtime image: ${plan.runtime.image}` },
  });
  return { title: title(plan), kind: CodeActionKind.RefactorExtract, edit };
}

function title(plan: ExtractPlan): string {
  const what = plan.summary ?? plan.artifacts.map((a) => a.source).join(', ');
  const check = plan.artifacts.some((a) => a.guessed) ? ' — check the marked COPY line' : '';
  return `Extract builder stage (${plan.ecosystem ? plan.ecosystem.label + ': ' : ''}${what})${check}`;
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
  out.push(...inheritedLines(model, plan));
  const blocks = stageBlocks(model, stage);
  let artifactsWritten = false;
  // The artifacts take the build step's place, with its spacing.
  const writeArtifacts = () => {
    const blank = !!blocks[plan.split]?.blankBefore && out.length > 1;
    out.push(...(blank ? [''] : []), ...generated(model, plan.runtimeSetup), ...plan.artifacts.flatMap((a) => copyLines(model, plan, a)), ...generated(model, plan.runtimeEnv));
    artifactsWritten = true;
  };
  blocks.forEach((block, i) => {
    if (plan.placements[i] === 'builder') return;
    if (!artifactsWritten && i > plan.split) writeArtifacts();
    out.push(...renderBlock(block, out.length > 1));
  });
  if (!artifactsWritten) writeArtifacts();
  return out;
}

function runtimeFrom(plan: ExtractPlan): string {
  const { stage } = plan;
  const from = stage.from.getInstruction();
  const lower = from === from.toLowerCase();
  const platform = stage.platform && !/BUILDPLATFORM/.test(stage.platform) ? `--platform=${stage.platform} ` : '';
  const name = stage.name ? ` ${lower ? 'as' : 'AS'} ${stage.name}` : '';
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

function generated(model: StageModel, lines: GeneratedLine[]): string[] {
  return lines.flatMap((l) => [...(l.comment ? [l.comment] : []), `${keyword(model, l.keyword)} ${l.args}`]);
}

export const extractBuilderStageRefactor: Refactor = {
  id: 'extractBuilderStage',
  kind: CodeActionKind.RefactorExtract,
  title: 'Extract builder stage',
  actions: ({ model, range, settings, context }) => {
    const stage = stageAtLine(model, range.start);
    return stage ? some(extractBuilderStage(model, stage.index, settings, context)) : [];
  },
  run: ({ model, settings, context }, { stage }) => extractBuilderStage(model, stage, settings, context),
};
