/**
 * The stage commands behind the lenses and the command palette: build a stage, open a shell in it,
 * show its references. The server offers the build/shell lenses only when the client declares it
 * handles them (`handledCommands`), which it does only in a trusted workspace; the commands check
 * trust again because the palette and keybindings reach them too.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { METHODS, STAGE_COMMANDS, type HandledCommandsParams, type ShowReferencesArgs, type StageCommandArgs, type StageSummary, type StagesParams } from '../../server/src/protocol';
import { EngineCommandError } from './engineCommand';
import { buildTask, runTask, shellTask, StageTaskProvider, TASK_TYPE, type StageRef } from './buildTask';

/** Commands this client runs for the server's lenses, given the workspace's trust. */
export function handledCommands(trusted = vscode.workspace.isTrusted): string[] {
  return trusted ? [STAGE_COMMANDS.build, STAGE_COMMANDS.shell, STAGE_COMMANDS.showReferences] : [STAGE_COMMANDS.showReferences];
}

export function registerStageCommands(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<void>): void {
  const stagesOf = async (uri: vscode.Uri): Promise<StageSummary[]> => {
    await ready;
    return client.sendRequest<StageSummary[]>(METHODS.stages, { uri: uri.toString() } satisfies StagesParams);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(STAGE_COMMANDS.build, (args?: StageCommandArgs) => run('build', args)),
    vscode.commands.registerCommand(STAGE_COMMANDS.shell, (args?: StageCommandArgs) => run('shell', args)),
    vscode.commands.registerCommand(STAGE_COMMANDS.showReferences, (args: ShowReferencesArgs) => {
      const c = client.protocol2CodeConverter;
      return vscode.commands.executeCommand(
        'editor.action.showReferences',
        c.asUri(args.uri),
        c.asPosition(args.position),
        args.locations.map((l) => c.asLocation(l)),
      );
    }),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new StageTaskProvider(stagesOf)),
    // Trust granted: declare the build/shell commands; the server refreshes the lenses.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await ready;
      await client.sendNotification(METHODS.handledCommands, { commands: handledCommands(true) } satisfies HandledCommandsParams);
    }),
  );

  async function run(kind: 'build' | 'shell', args: StageCommandArgs | undefined): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Dockerfile Stages: building stages and opening shells run a container engine; trust this workspace first.');
      return;
    }
    try {
      const ref = args ? fromArgs(args) : await pickStage(kind);
      if (!ref) return;
      if (kind === 'build') {
        await runTask(buildTask(ref));
        return;
      }
      const shell = shellTask(ref); // built first so a refused setting stops us before the build
      const code = await runTask(buildTask(ref));
      if (code !== 0) {
        void vscode.window.showErrorMessage(`Dockerfile Stages: building stage '${ref.stage}' failed${code === undefined ? '' : ` (exit code ${code})`}; no shell started. See the task terminal.`);
        return;
      }
      await vscode.tasks.executeTask(shell);
    } catch (e) {
      const message = e instanceof EngineCommandError ? e.message : `${(e as Error).message ?? e}`;
      void vscode.window.showErrorMessage(`Dockerfile Stages: ${message}`);
    }
  }

  function fromArgs(args: StageCommandArgs): StageRef {
    return { dockerfile: vscode.Uri.parse(args.uri), stage: args.stage, isLast: !!args.isLast };
  }

  /** From the palette: the active Dockerfile's buildable stages in a quick pick. */
  async function pickStage(kind: 'build' | 'shell'): Promise<StageRef | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'dockerfile') {
      void vscode.window.showInformationMessage('Dockerfile Stages: open a Dockerfile first.');
      return undefined;
    }
    const uri = editor.document.uri;
    if (uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('Dockerfile Stages: save the Dockerfile first; the engine builds it from disk.');
      return undefined;
    }
    const stages = (await stagesOf(uri)).filter((s) => s.buildable);
    if (stages.length === 0) {
      void vscode.window.showInformationMessage('Dockerfile Stages: this Dockerfile has no stage that can be built alone.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      stages.map((s) => ({
        label: s.isLast && !s.name ? `stage ${s.stageIndex} (the image)` : s.stage,
        description: `FROM ${s.baseImage || '?'}`,
        detail: s.isLast ? 'last stage: the image `docker build` builds' : `stage ${s.stageIndex}`,
        summary: s,
      })),
      { placeHolder: kind === 'build' ? 'Stage to build' : 'Stage to open a shell in' },
    );
    return picked ? { dockerfile: uri, stage: picked.summary.stage, isLast: picked.summary.isLast } : undefined;
  }
}
