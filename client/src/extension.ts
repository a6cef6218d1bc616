/**
 * VS Code wiring: starts the language server over IPC, logs to the "Dockerfile Stages" output
 * channel (server start, effective settings, engine, each engine command line), and exposes `ready`
 * so tests wait for the server rather than sleep.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CODE_CACHE_DIR_ARG, CROSS_FILE_ENABLED_KEY, CROSS_FILE_PATTERNS, defaultSettings, DOCKERFILE_PATTERN, METHODS, NO_CODE_CACHE_ARG, SETTINGS_SECTION, type HandledCommandsParams, type InitializationOptions } from '../../server/src/protocol';
import { handledCommands, registerStageCommands } from './commands';
import { registerTargetPicker, type TargetPicker } from './targetPicker';
import { DOCKERFILE_SELECTOR, crossFileSelector } from './crossFileSelectors';
import { EngineMonitor } from './engineStatus';
import { StageSizes, STAGE_SIZES_VIEW } from './stageSizes';
import { shapeLenses } from './lensMiddleware';
import { GraphPanels } from './graphView';
import { RenameRefusals } from './renameRefusals';
import { registerCheckAll } from './checkAll';

export interface DockerfileStagesApi {
  /** Resolves once the language server is running. */
  ready: Promise<void>;
  client: LanguageClient;
  /** Per-file build targets (command dockerfileStages.selectTarget, status bar). */
  targets: TargetPicker;
  engines: EngineMonitor;
  sizes: StageSizes;
  graphs: GraphPanels;
  /** Refused renames, as shown to the user (renameRefusals.ts). */
  renameRefusals: RenameRefusals;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): DockerfileStagesApi {
  const output = vscode.window.createOutputChannel('Dockerfile Stages');
  const engines = new EngineMonitor(output);
  const renameRefusals = new RenameRefusals();
  const serverModule = context.asAbsolutePath(path.join('server', 'dist', 'server.js'));
  // V8's code cache of the server bundle lives in the extension's own storage (server/src/codeCache.ts).
  const codeCacheDir = path.join(context.globalStorageUri.fsPath, 'code-cache');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, args: [`${CODE_CACHE_DIR_ARG}=${codeCacheDir}`] },
    debug: { module: serverModule, transport: TransportKind.ipc, args: [NO_CODE_CACHE_ARG], options: { execArgv: ['--nolazy', '--inspect=6010'] } },
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
    middleware: {
      ...renameRefusals.middleware,
      provideCodeLenses: async (document, token, next) => {
        const lenses = await next(document, token);
        return lenses ? shapeLenses(lenses, document.uri, engines) : lenses;
      },
    },
  };
  client = new LanguageClient('dockerfileStages', 'Dockerfile Stages', serverOptions, clientOptions);
  const started = client.start();
  const ready = started.then(() => logStart(output));
  const sizes = new StageSizes(client, ready, output);
  const targets = registerTargetPicker(context, client, ready);
  registerStageCommands(context, { client, ready, engines, sizes, targets, log: output });
  registerCheckAll(context, client, ready);
  const graphs = new GraphPanels(context, client, ready, targets, sizes);
  const refreshLenses = async () => {
    await ready;
    await client?.sendNotification(METHODS.handledCommands, { commands: handledCommands() } satisfies HandledCommandsParams);
  };
  context.subscriptions.push(
    output,
    engines,
    sizes,
    graphs,
    vscode.window.registerTreeDataProvider(STAGE_SIZES_VIEW, sizes),
    engines.onDidChange(() => void refreshLenses()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockerfileStages.codeLens')) void refreshLenses();
      if (e.affectsConfiguration('dockerfileStages')) logSettings(output);
    }),
    client.onDidChangeState((e) => e.newState === State.Running && sizes.resendAll()),
    { dispose: () => void client?.stop() },
  );
  return { ready, client, targets, engines, sizes, graphs, renameRefusals };
}

function logStart(output: vscode.OutputChannel): void {
  const info = client?.initializeResult?.serverInfo;
  output.appendLine(`Server started: ${info?.name ?? 'dockerfile-stages'}${info?.version ? ` ${info.version}` : ''} (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'not trusted'})`);
  logSettings(output);
}

function logSettings(output: vscode.OutputChannel): void {
  const scope = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const effective = vscode.workspace.getConfiguration('dockerfileStages', scope);
  const shown: Record<string, unknown> = {};
  for (const key of ['target', 'baseDiagnostics', 'dockerHubLookups', 'build', 'codeLens', 'rules']) shown[key] = effective.get(key);
  output.appendLine(`Effective settings${scope ? ` for ${vscode.workspace.asRelativePath(scope)}` : ''}: ${JSON.stringify(shown)}`);
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
