/**
 * VS Code wiring: starts the language server over IPC, logs to the "Dockerfile Stages" output
 * channel, and exposes `ready` so tests wait for the server rather than sleep.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CROSS_FILE_ENABLED_KEY, CROSS_FILE_PATTERNS, defaultSettings, DOCKERFILE_PATTERN, SETTINGS_SECTION, type InitializationOptions } from '../../server/src/protocol';
import { handledCommands, registerStageCommands } from './commands';
import { registerTargetPicker, type TargetPicker } from './targetPicker';
import { DOCKERFILE_SELECTOR, crossFileSelector } from './crossFileSelectors';

export interface DockerfileStagesApi {
  /** Resolves once the language server is running. */
  ready: Promise<void>;
  client: LanguageClient;
  /** Per-file build targets (command dockerfileStages.selectTarget, status bar). */
  targets: TargetPicker;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): DockerfileStagesApi {
  const output = vscode.window.createOutputChannel('Dockerfile Stages');
  const serverModule = context.asAbsolutePath(path.join('server', 'dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  // Compose, Bake and workflow files join by file pattern (turned off: only Dockerfiles are sent).
  const crossFile = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(CROSS_FILE_ENABLED_KEY, defaultSettings.crossFile.enabled);
  const watch = (pattern: string) => vscode.workspace.createFileSystemWatcher(pattern);
  const clientOptions: LanguageClientOptions = {
    documentSelector: crossFile ? [...DOCKERFILE_SELECTOR, ...crossFileSelector()] : DOCKERFILE_SELECTOR,
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // .dockerignore files decide the missing-dockerignore rule; Compose/Bake/workflow files and
      // Dockerfiles on disk feed the server's cross-file index: the server re-checks when they change.
      fileEvents: [watch('**/*.dockerignore'), ...(crossFile ? [...CROSS_FILE_PATTERNS.map(watch), watch(DOCKERFILE_PATTERN)] : [])],
    },
    outputChannel: output,
    // Lens commands this client runs (build/shell only when trusted); re-sent on trust grant (commands.ts).
    // Dockerfile-only features (formatting, folding, tokens…) are registered for this selector only.
    initializationOptions: (): InitializationOptions => ({ handledCommands: handledCommands(), dockerfileSelector: DOCKERFILE_SELECTOR }),
  };
  client = new LanguageClient('dockerfileStages', 'Dockerfile Stages', serverOptions, clientOptions);
  const ready = client.start();
  registerStageCommands(context, client, ready);
  const targets = registerTargetPicker(context, client, ready);
  context.subscriptions.push(output, { dispose: () => void client?.stop() });
  return { ready, client, targets };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
