/**
 * The build target per Dockerfile: the "Dockerfile Stages: Select Build Target" command (a quick
 * pick of the file's named stages), a status-bar item showing the active Dockerfile's target, and
 * the `METHODS.setTarget` notification that tells the server (it overrides the
 * `dockerfileStages.target` setting for that file and re-publishes diagnostics). Targets persist per
 * file in the workspace state and are re-sent whenever the server (re)starts.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import {
  METHODS,
  SELECT_TARGET_COMMAND,
  SETTINGS_SECTION,
  settingKey,
  type SelectTargetArgs,
  type SetTargetParams,
  type Settings,
  type StageSummary,
  type StagesParams,
} from '../../server/src/protocol';

const STATE_KEY = 'dockerfileStages.targets';

export interface TargetPicker {
  /** The target picked for a Dockerfile; '' when none (the setting, else the last stage, applies). */
  targetOf(uri: vscode.Uri): string;
  /** Sets (or with '' clears) the target of a Dockerfile, tells the server and updates the status bar. */
  setTarget(uri: vscode.Uri, target: string): Promise<void>;
  onDidChangeTarget: vscode.Event<{ uri: vscode.Uri; target: string }>;
}

export function registerTargetPicker(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<void>): TargetPicker {
  const changed = new vscode.EventEmitter<{ uri: vscode.Uri; target: string }>();
  const item = vscode.window.createStatusBarItem('dockerfileStages.target', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Dockerfile Stages: Build Target';
  item.command = SELECT_TARGET_COMMAND;
  const stored = (): Record<string, string> => ({ ...context.workspaceState.get<Record<string, string>>(STATE_KEY, {}) });

  const notify = async (uri: string, target: string) => {
    await ready;
    await client.sendNotification(METHODS.setTarget, { uri, target } satisfies SetTargetParams);
  };
  const resendAll = () => {
    for (const [uri, target] of Object.entries(stored())) void notify(uri, target).catch(() => undefined);
  };

  const picker: TargetPicker = {
    targetOf: (uri) => stored()[uri.toString()] ?? '',
    async setTarget(uri, target) {
      const all = stored();
      const key = uri.toString();
      if (target) all[key] = target;
      else delete all[key];
      await context.workspaceState.update(STATE_KEY, all);
      changed.fire({ uri, target });
      updateStatus();
      await notify(key, target);
    },
    onDidChangeTarget: changed.event,
  };

  function updateStatus(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'dockerfile') {
      item.hide();
      return;
    }
    const picked = picker.targetOf(doc.uri);
    const setting = vscode.workspace.getConfiguration(SETTINGS_SECTION, doc.uri).get<string>('target' satisfies keyof Settings, '');
    const shown = picked || setting || 'last stage';
    item.text = `$(target) ${shown}`;
    item.tooltip = `Dockerfile Stages: build target ${picked ? '(picked for this file)' : setting ? '(dockerfileStages.target setting)' : '(default: the last stage)'}. Click to change.`;
    item.show();
  }

  async function select(args?: SelectTargetArgs | vscode.Uri): Promise<void> {
    const uri = args instanceof vscode.Uri ? args : args?.uri ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Dockerfile Stages: open a Dockerfile to select its build target.');
      return;
    }
    if (!(args instanceof vscode.Uri) && typeof args?.target === 'string') {
      await picker.setTarget(uri, args.target);
      return;
    }
    await ready;
    const stages = await client.sendRequest<StageSummary[]>(METHODS.stages, { uri: uri.toString() } satisfies StagesParams);
    const current = picker.targetOf(uri);
    type Item = vscode.QuickPickItem & { target: string };
    const last = stages[stages.length - 1];
    const items: Item[] = [
      {
        label: `${current === '' ? '$(check) ' : ''}Default`,
        description: `the dockerfileStages.target setting, else the last stage${last ? ` (${last.name ?? `stage ${last.stageIndex}`})` : ''}`,
        target: '',
      },
      ...stages
        .filter((s) => s.name)
        .map((s) => ({
          label: `${current.toLowerCase() === s.name!.toLowerCase() ? '$(check) ' : ''}${s.name}`,
          description: s.baseImage,
          detail: s.isLast ? 'the last stage' : undefined,
          target: s.name!,
        })),
    ];
    const choice = await vscode.window.showQuickPick(items, { title: 'Dockerfile Stages: Select Build Target', placeHolder: 'Stages not needed by the target are faded' });
    if (choice) await picker.setTarget(uri, choice.target);
  }

  context.subscriptions.push(
    item,
    changed,
    vscode.commands.registerCommand(SELECT_TARGET_COMMAND, select),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(settingKey('target')) && updateStatus()),
    client.onDidChangeState((e) => e.newState === State.Running && resendAll()),
  );
  ready.then(resendAll, () => undefined);
  updateStatus();
  return picker;
}
