/**
 * The stage commands behind the lenses and the command palette: build a stage, open a shell in it,
 * list its files, build the target, compare sizes, show references. The server offers the
 * build/shell/inspect lenses only when the client declares it handles them (`handledCommands`), which
 * it does only in a trusted workspace; the commands check trust again because the palette and
 * keybindings reach them too, and check that the container engine exists before starting anything,
 * so a missing engine gives our message rather than a task that never runs.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { formatBytes, METHODS, STAGE_COMMANDS, type GraphParams, type GraphView, type HandledCommandsParams, type ShowReferencesArgs, type StageCommandArgs, type StageSummary, type StagesParams } from '../../server/src/protocol';
import { EngineCommandError } from './engineCommand';
import { buildTask, runTask, shellTask, stageInput, StageTaskProvider, TASK_TYPE, type StageRef } from './buildTask';
import type { EngineMonitor } from './engineStatus';
import type { StageImage, StageSizes } from './stageSizes';
import type { TargetPicker } from './targetPicker';
import { listImageFiles } from './imageFiles';
import { fileTreeItems } from './tarListing';
import { sizeComparison } from './imageInfo';
import type { Log } from './engineRunner';
import type { TarEntry } from './tarListing';
import { registerBeforeAfter } from './beforeAfter';

export { STAGE_COMMANDS };
export const BUILD_TARGET_COMMAND = 'dockerfileStages.buildTarget';
export const COMPARE_SIZES_COMMAND = 'dockerfileStages.compareStageSizes';
export const BUILD_ALL_TARGETS_COMMAND = 'dockerfileStages.buildAllTargets';

/** Commands this client runs for the server's lenses, given the workspace's trust. */
export function handledCommands(trusted = vscode.workspace.isTrusted): string[] {
  return trusted ? [STAGE_COMMANDS.build, STAGE_COMMANDS.shell, STAGE_COMMANDS.inspectFiles, STAGE_COMMANDS.showReferences] : [STAGE_COMMANDS.showReferences];
}

/** What a stage command did; returned to callers (and tests) so nothing has to be read off the screen. */
export type StageCommandResult =
  | { outcome: 'refused'; reason: 'untrusted' | 'no-engine' | 'invalid' | 'cancelled'; message: string }
  | { outcome: 'failed'; exitCode: number | undefined; message: string }
  | { outcome: 'done'; stage: string; tag: string; image?: StageImage; files?: TarEntry[] };

export interface StageCommandDeps {
  client: LanguageClient;
  ready: Promise<void>;
  engines: EngineMonitor;
  sizes: StageSizes;
  targets: TargetPicker;
  log: Log;
}

export function registerStageCommands(context: vscode.ExtensionContext, deps: StageCommandDeps): { stagesOf: (uri: vscode.Uri) => Promise<StageSummary[]> } {
  const { client, ready, engines, sizes, targets, log } = deps;
  const stagesOf = async (uri: vscode.Uri, text?: string): Promise<StageSummary[]> => {
    await ready;
    const params: StagesParams = { uri: uri.toString(), text };
    return client.sendRequest<StageSummary[]>(METHODS.stages, params);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(STAGE_COMMANDS.build, (args?: StageCommandArgs) => run('build', args)),
    vscode.commands.registerCommand(STAGE_COMMANDS.shell, (args?: StageCommandArgs) => run('shell', args)),
    vscode.commands.registerCommand(STAGE_COMMANDS.inspectFiles, (args?: StageCommandArgs & { quiet?: boolean }) => run('inspect', args, !!args?.quiet)),
    vscode.commands.registerCommand(BUILD_TARGET_COMMAND, (args?: { uri?: string }) => buildTarget(args)),
    vscode.commands.registerCommand(COMPARE_SIZES_COMMAND, (args?: { uri?: string; quiet?: boolean }) => compareSizes(args)),
    vscode.commands.registerCommand(BUILD_ALL_TARGETS_COMMAND, (args?: { uri?: string; quiet?: boolean }) => buildAllTargets(args)),
    vscode.commands.registerCommand(STAGE_COMMANDS.showReferences, (args: ShowReferencesArgs) => {
      const c = client.protocol2CodeConverter;
      return vscode.commands.executeCommand(
        'editor.action.showReferences',
        c.asUri(args.uri),
        c.asPosition(args.position),
        args.locations.map((l) => c.asLocation(l)),
      );
    }),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new StageTaskProvider(stagesOf, (uri) => targetName(uri))),
    // Trust granted: declare the build/shell commands; the server refreshes the lenses.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await ready;
      await client.sendNotification(METHODS.handledCommands, { commands: handledCommands(true) } satisfies HandledCommandsParams);
    }),
  );

  registerBeforeAfter(context, log, (scope) => {
    const refused = precheck(scope, false);
    return refused?.outcome === 'refused' ? refused : undefined;
  });

  /** The build target of a Dockerfile: picked in the status bar, else the setting, else '' (the last stage). */
  function targetName(uri: vscode.Uri): string {
    return targets.targetOf(uri) || vscode.workspace.getConfiguration('dockerfileStages', uri).get<string>('target', '');
  }

  function refuse(reason: 'untrusted' | 'no-engine' | 'invalid' | 'cancelled', message: string, show = true): StageCommandResult {
    if (show && message) void vscode.window.showWarningMessage(message);
    return { outcome: 'refused', reason, message };
  }

  /** Checks trust and the engine; undefined when the command may go on. */
  function precheck(scope: vscode.Uri | undefined, containers: boolean): StageCommandResult | undefined {
    if (!vscode.workspace.isTrusted) {
      return refuse('untrusted', 'Dockerfile Stages: building stages and opening shells run a container engine; trust this workspace first.');
    }
    if (!engines.usable(scope, containers)) return refuse('no-engine', engines.offerSetUp(scope), false);
    return undefined;
  }

  async function run(kind: 'build' | 'shell' | 'inspect', args: StageCommandArgs | undefined, quiet = false): Promise<StageCommandResult> {
    const early = precheck(args ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri, kind !== 'build');
    if (early) return early;
    try {
      const ref = args ? fromArgs(args) : await pickStage(kind);
      if (!ref) return refuse('cancelled', '', false);
      const shell = kind === 'shell' ? shellTask(ref) : undefined; // made first so a refused setting stops us before the build
      const built = await buildAndRead(ref);
      if (built.outcome !== 'done' || kind === 'build') return built;
      if (shell) {
        await vscode.tasks.executeTask(shell);
        return built;
      }
      const input = stageInput(ref);
      const files = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Listing the files of '${ref.stage}'…` },
        () => listImageFiles({ engine: input.settings.engine, settings: input.settings, tag: built.tag }, log),
      );
      if (!quiet) void showFileTree(ref.stage, files);
      return { ...built, files };
    } catch (e) {
      const message = `Dockerfile Stages: ${e instanceof EngineCommandError ? e.message : `${(e as Error).message ?? e}`}`;
      void vscode.window.showErrorMessage(message);
      return { outcome: 'failed', exitCode: undefined, message };
    }
  }

  /** Builds a stage as a task; on success reads its size. Always ends with a message. */
  async function buildAndRead(ref: StageRef): Promise<StageCommandResult> {
    const task = buildTask(ref);
    const input = stageInput(ref);
    const tag = (task.execution as vscode.ProcessExecution).args[(task.execution as vscode.ProcessExecution).args.indexOf('-t') + 1];
    const end = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Building stage '${ref.stage}'…` }, () => runTask(task));
    // Clicked again while building: the newer run reports; this one ends without an error.
    if (end.restarted) return refuse('cancelled', '', false);
    const code = end.exitCode;
    if (code !== 0) {
      const message = `Dockerfile Stages: building stage '${ref.stage}' failed${code === undefined ? '' : ` (exit code ${code})`}. See the task terminal and the Problems panel.`;
      void vscode.window.showErrorMessage(message);
      return { outcome: 'failed', exitCode: code, message };
    }
    const image = await sizes.read(ref.dockerfile, ref.stage, tag, input.settings.engine, input.settings);
    vscode.window.setStatusBarMessage(`$(check) Built '${ref.stage}'${image ? ` · ${formatBytes(image.bytes)}` : ''}`, 10_000);
    return { outcome: 'done', stage: ref.stage, tag, image };
  }

  function fromArgs(args: StageCommandArgs): StageRef {
    return { dockerfile: vscode.Uri.parse(args.uri), stage: args.stage, isLast: !!args.isLast };
  }

  function activeDockerfile(args?: { uri?: string }): vscode.Uri | undefined {
    if (args?.uri) return vscode.Uri.parse(args.uri);
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'dockerfile') {
      void vscode.window.showInformationMessage('Dockerfile Stages: open a Dockerfile first.');
      return undefined;
    }
    if (editor.document.uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('Dockerfile Stages: save the Dockerfile first; the engine builds it from disk.');
      return undefined;
    }
    return editor.document.uri;
  }

  /** The stage the build target names (case-insensitively), else the last stage. */
  async function targetStageOf(uri: vscode.Uri): Promise<StageSummary | undefined> {
    const stages = await stagesOf(uri);
    const wanted = targetName(uri).toLowerCase();
    const named = wanted ? stages.filter((s) => s.name?.toLowerCase() === wanted && s.buildable).pop() : undefined;
    return named ?? stages[stages.length - 1];
  }

  /** The active (or given) Dockerfile when a build may start, else the refusal to return. */
  function dockerfileToBuild(args?: { uri?: string }): vscode.Uri | StageCommandResult {
    const uri = activeDockerfile(args);
    if (!uri) return refuse('cancelled', '', false);
    return precheck(uri, false) ?? uri;
  }

  const graphOf = (uri: vscode.Uri) => client.sendRequest<GraphView | null>(METHODS.graph, { uri: uri.toString() } satisfies GraphParams);

  /** "Build Image": the status-bar target (or the setting, or the last stage) of the active Dockerfile. */
  async function buildTarget(args?: { uri?: string }): Promise<StageCommandResult> {
    const uri = dockerfileToBuild(args);
    if (!(uri instanceof vscode.Uri)) return uri;
    const target = await targetStageOf(uri);
    if (!target) return refuse('invalid', 'Dockerfile Stages: this Dockerfile has no stage to build.');
    return run('build', { uri: uri.toString(), stage: target.stage, stageIndex: target.stageIndex, isLast: target.isLast });
  }

  /**
   * "Compare Stage Sizes": builds the target and the stages it copies from, then reports their sizes,
   * e.g. `build 812 MB → runtime 14 MB`.
   */
  async function compareSizes(args?: { uri?: string; quiet?: boolean }): Promise<StageCommandResult | { outcome: 'compared'; report: string; sizes: Record<string, number> }> {
    const uri = dockerfileToBuild(args);
    if (!(uri instanceof vscode.Uri)) return uri;
    const target = await targetStageOf(uri);
    if (!target) return refuse('invalid', 'Dockerfile Stages: this Dockerfile has no stage to build.');
    const graph = await graphOf(uri);
    const sources = [...new Set((graph?.edges ?? []).filter((e) => e.from === target.stageIndex && e.kind !== 'from').map((e) => e.to))]
      .map((i) => graph!.stages[i])
      .filter((s) => s.buildable);
    if (sources.length === 0) {
      return refuse('invalid', `Dockerfile Stages: '${target.stage}' copies from no stage that can be built alone; nothing to compare.`, !args?.quiet);
    }
    const measured: Record<string, number> = {};
    for (const s of [...sources, { label: target.stage, isLast: target.isLast }]) {
      const result = await buildAndRead({ dockerfile: uri, stage: s.label, isLast: s.isLast });
      if (result.outcome !== 'done') return result;
      if (result.image) measured[s.label] = result.image.bytes;
    }
    const report = sizeComparison(sources.map((s) => ({ label: s.label, bytes: measured[s.label] })), { label: target.stage, bytes: measured[target.stage] });
    log.appendLine(`Stage sizes: ${report}`);
    if (!args?.quiet) void vscode.window.showInformationMessage(`Dockerfile Stages: ${report}`);
    return { outcome: 'compared', report, sizes: measured };
  }

  /**
   * "Build All Targets": every buildable stage no other stage uses (the file's possible targets),
   * one after another, stopping at the first failure.
   */
  async function buildAllTargets(args?: { uri?: string; quiet?: boolean }): Promise<StageCommandResult | { outcome: 'built'; stages: string[] }> {
    const uri = dockerfileToBuild(args);
    if (!(uri instanceof vscode.Uri)) return uri;
    const graph = await graphOf(uri);
    const used = new Set((graph?.edges ?? []).map((e) => e.to));
    const leaves = (graph?.stages ?? []).filter((s) => s.buildable && !used.has(s.index));
    if (leaves.length === 0) return refuse('invalid', 'Dockerfile Stages: this Dockerfile has no stage to build.', !args?.quiet);
    const built: string[] = [];
    for (const s of leaves) {
      const result = await buildAndRead({ dockerfile: uri, stage: s.label, isLast: s.isLast });
      if (result.outcome !== 'done') return result;
      built.push(s.label);
    }
    log.appendLine(`Built all targets: ${built.join(', ')}`);
    if (!args?.quiet) void vscode.window.showInformationMessage(`Dockerfile Stages: built ${built.map((b) => `'${b}'`).join(', ')}.`);
    return { outcome: 'built', stages: built };
  }

  /** From the palette: the active Dockerfile's buildable stages in a quick pick, the build target first. */
  async function pickStage(kind: 'build' | 'shell' | 'inspect'): Promise<StageRef | undefined> {
    const uri = activeDockerfile();
    if (!uri) return undefined;
    const all = (await stagesOf(uri)).filter((s) => s.buildable && (kind === 'build' || (kind === 'shell') !== s.noShell));
    if (all.length === 0) {
      void vscode.window.showInformationMessage(`Dockerfile Stages: this Dockerfile has no stage that can be ${kind === 'build' ? 'built alone' : kind === 'shell' ? 'opened in a shell' : 'listed'}.`);
      return undefined;
    }
    const target = await targetStageOf(uri);
    const stages = [...all.filter((s) => s.stageIndex === target?.stageIndex), ...all.filter((s) => s.stageIndex !== target?.stageIndex)];
    const picked = await vscode.window.showQuickPick(
      stages.map((s) => ({
        label: `${s.stageIndex === target?.stageIndex ? '$(target) ' : ''}${s.isLast && !s.name ? `stage ${s.stageIndex} (the image)` : s.stage}`,
        description: `FROM ${s.baseImage || '?'}${s.stageIndex === target?.stageIndex ? ' · build target' : ''}`,
        detail: s.isLast ? 'last stage: the image `docker build` builds' : `stage ${s.stageIndex}`,
        summary: s,
      })),
      { placeHolder: kind === 'build' ? 'Stage to build' : kind === 'shell' ? 'Stage to open a shell in' : 'Stage whose files to list' },
    );
    return picked ? { dockerfile: uri, stage: picked.summary.stage, isLast: picked.summary.isLast } : undefined;
  }

  return { stagesOf };
}

async function showFileTree(stage: string, entries: TarEntry[]): Promise<void> {
  const total = entries.reduce((n, e) => n + e.size, 0);
  await vscode.window.showQuickPick(fileTreeItems(entries), {
    title: `Files of stage '${stage}': ${entries.length} entries, ${formatBytes(total)}`,
    placeHolder: 'Type to filter by path',
    matchOnDescription: true,
  });
}
