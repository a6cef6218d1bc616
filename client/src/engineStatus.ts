/**
 * The container engine this workspace can use, detected at start and whenever
 * `dockerfileStages.build.engine` changes (engineDetect.ts does the looking). When it is missing,
 * every command that would run it says so instead, with what can be done: use an engine found on
 * PATH, open the install docs (only on click), or set the engine.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { canRunContainers, describeMissingEngine, detectEngines, type EngineStatus } from './engineDetect';
import type { Log } from './engineRunner';

export const SET_UP_ENGINE_COMMAND = 'dockerfileStages.setUpEngine';
const INSTALL_DOCS = 'https://docs.docker.com/engine/install/';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export class EngineMonitor implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cache = new Map<string, EngineStatus>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: Log) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dockerfileStages.build')) this.refresh();
      }),
      vscode.commands.registerCommand(SET_UP_ENGINE_COMMAND, (args?: { uri?: string }) => this.offerSetUp(args?.uri ? vscode.Uri.parse(args.uri) : undefined)),
    ];
  }

  /** The status for a Dockerfile (the engine setting is per resource). */
  status(scope?: vscode.Uri): EngineStatus {
    const configured = vscode.workspace.getConfiguration('dockerfileStages', scope).get<string>('build.engine', 'docker') || 'docker';
    const key = configured;
    let status = this.cache.get(key);
    if (!status) {
      status = detectEngines(configured, { pathEnv: process.env.PATH ?? '', platform: process.platform, pathExt: process.env.PATHEXT, isExecutable });
      this.cache.set(key, status);
      this.log.appendLine(
        status.resolved
          ? `Container engine: ${status.configured} → ${status.resolved}`
          : `Container engine: '${status.configured}' not found (on PATH: ${status.available.map((e) => e.kind).join(', ') || 'none'})`,
      );
    }
    return status;
  }

  refresh(): void {
    this.cache.clear();
    this.changed.fire();
  }

  /** Whether the engine can build (and, with `containers`, run) for this Dockerfile. */
  usable(scope: vscode.Uri | undefined, containers = false): boolean {
    const s = this.status(scope);
    return containers ? canRunContainers(s) : !!s.resolved;
  }

  /**
   * Tells the user the engine is missing, with the ways out as buttons. Does not wait for an answer
   * (the message may stay open); resolves with the sentence shown.
   */
  offerSetUp(scope: vscode.Uri | undefined): string {
    this.refresh();
    const status = this.status(scope);
    const message = status.resolved
      ? `Dockerfile Stages: '${status.configured}' cannot run containers here (buildah opens shells with podman, which is not on PATH).`
      : `Dockerfile Stages: ${describeMissingEngine(status)}`;
    const alternatives = status.available.filter((e) => e.kind !== status.configured && e.kind !== 'buildah');
    const useButtons = alternatives.map((e) => `Use ${e.kind}`);
    const buttons = [...useButtons, 'Install Docker…', 'Set engine…'];
    void vscode.window.showWarningMessage(message, ...buttons).then(async (choice) => {
      if (!choice) return;
      if (choice === 'Install Docker…') await vscode.env.openExternal(vscode.Uri.parse(INSTALL_DOCS));
      else if (choice === 'Set engine…') {
        // The workspace tab: in a remote window (code-server, SSH, containers) the User tab hides
        // machine-overridable settings such as this one ("No Settings Found").
        const where = vscode.workspace.workspaceFolders?.length ? 'workbench.action.openWorkspaceSettings' : 'workbench.action.openSettings';
        await vscode.commands.executeCommand(where, 'dockerfileStages.build.engine');
      }
      else {
        const kind = alternatives[useButtons.indexOf(choice)]?.kind;
        if (!kind) return;
        const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await vscode.workspace.getConfiguration('dockerfileStages', scope).update('build.engine', kind, target);
        this.refresh();
      }
    });
    return message;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
