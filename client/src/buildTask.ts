/**
 * Stage builds and shells as VS Code tasks, the rust-analyzer way: the argv comes from the pure
 * engineCommand.ts, runs as a `ProcessExecution` (never a shell string) in a dedicated terminal, and
 * build output goes through the `$dockerfile-stages*` problem matchers (package.json), which map
 * BuildKit's source-mapped errors (`Dockerfile:12` + `>>>` snippet) back to the Dockerfile line.
 *
 * Tasks of type `dockerfile-stage` can also be written in tasks.json:
 *   { "type": "dockerfile-stage", "dockerfile": "${workspaceFolder}/Dockerfile", "stage": "builder" }
 * `"shell": true` makes the task open the shell in the stage's image; it does not build first (a task
 * has one process): add `"dependsOn"` on the build task of the same stage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveBuildContext, SETTINGS_SECTION, withDefaults, type BuildSettings, type Settings, type StageSummary } from '../../server/src/protocol';
import { BUILD_PROBLEM_MATCHERS, buildInvocation, shellInvocation, type Invocation, type StageInvocationInput } from './engineCommand';

export const TASK_TYPE = 'dockerfile-stage';
const TASK_SOURCE = 'Dockerfile Stages';

export interface StageTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  /** Absolute, or relative to the task's workspace folder; `${workspaceFolder}` is replaced. */
  dockerfile: string;
  stage: string;
  /** Open a shell in the stage's image instead of building it. */
  shell?: boolean;
}

export interface StageRef {
  dockerfile: vscode.Uri;
  stage: string;
  isLast: boolean;
}

export function readBuildSettings(scope: vscode.Uri): BuildSettings {
  const build = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<unknown>('build' satisfies keyof Settings);
  return withDefaults({ build }).build;
}

/** What the argv builder needs for a stage of a Dockerfile on disk: settings, context, `${folder}`. */
export function stageInput(ref: StageRef): StageInvocationInput {
  const settings = readBuildSettings(ref.dockerfile);
  const dockerfile = ref.dockerfile.fsPath;
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(ref.dockerfile)?.uri.fsPath;
  const contextDir = resolveBuildContext({ dockerfile, workspaceFolder, setting: settings.context, isFile }, path);
  return { dockerfile, contextDir, stage: ref.stage, isLast: ref.isLast, settings, folderName: path.basename(path.dirname(dockerfile)) };
}

function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

export function definitionFor(ref: StageRef, shell: boolean): StageTaskDefinition {
  const definition: StageTaskDefinition = { type: TASK_TYPE, dockerfile: ref.dockerfile.fsPath, stage: ref.stage };
  if (shell) definition.shell = true;
  return definition;
}

/** A task running `invocation` in its own terminal; build tasks get the problem matchers. */
export function createStageTask(
  definition: StageTaskDefinition,
  scope: vscode.WorkspaceFolder | vscode.TaskScope,
  invocation: Invocation,
  cwd: string,
): vscode.Task {
  const shell = !!definition.shell;
  const env = Object.keys(invocation.env).length > 0 ? invocation.env : undefined;
  const execution = new vscode.ProcessExecution(invocation.command, invocation.args, { cwd, env });
  const where = path.basename(path.dirname(definition.dockerfile));
  const name = `${shell ? 'Shell in' : 'Build'} ${definition.stage} (${where}/${path.basename(definition.dockerfile)})`;
  const task = new vscode.Task(definition, scope, name, TASK_SOURCE, execution, shell ? [] : BUILD_PROBLEM_MATCHERS);
  task.presentationOptions = {
    reveal: vscode.TaskRevealKind.Always,
    // A new terminal per run: when a task re-runs in its reused (dedicated) terminal, VS Code's problem
    // matchers drop what the re-run reports (measured: the failing build run twice in
    // client/src/test/suite/tasks.test.ts). runTask closes the previous run's terminal instead.
    panel: vscode.TaskPanelKind.New,
    clear: true,
    focus: shell,
    echo: true,
  };
  if (!shell) task.group = vscode.TaskGroup.Build;
  return task;
}

function scopeOf(uri: vscode.Uri): vscode.WorkspaceFolder | vscode.TaskScope {
  return vscode.workspace.getWorkspaceFolder(uri) ?? vscode.TaskScope.Workspace;
}

export function buildTask(ref: StageRef): vscode.Task {
  const input = stageInput(ref);
  return createStageTask(definitionFor(ref, false), scopeOf(ref.dockerfile), buildInvocation(input), input.contextDir);
}

export function shellTask(ref: StageRef): vscode.Task {
  const input = stageInput(ref);
  return createStageTask(definitionFor(ref, true), scopeOf(ref.dockerfile), shellInvocation(input), input.contextDir);
}

const START_TIMEOUT_MS = 30_000;

const taskKey = (t: vscode.Task) => `${t.source}\u0000${t.name}\u0000${JSON.stringify(t.definition)}`;

/**
 * Ends a still-running execution of the same task first: VS Code runs a task once at a time and
 * would otherwise ask the user which instance to terminate or restart.
 */
async function endRunning(task: vscode.Task): Promise<void> {
  const wanted = taskKey(task);
  const running = vscode.tasks.taskExecutions.filter((e) => taskKey(e.task) === wanted);
  if (running.length === 0) return;
  await new Promise<void>((resolve) => {
    const left = new Set(running);
    const timer = setTimeout(done, 10_000);
    const sub = vscode.tasks.onDidEndTask((e) => {
      for (const r of left) if (taskKey(r.task) === taskKey(e.execution.task)) left.delete(r);
      if (left.size === 0) done();
    });
    function done() {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
    running.forEach((e) => e.terminate());
  });
}

/** The terminal of each task's last run (by task key), closed when the task runs again. */
const lastTerminal = new Map<string, vscode.Terminal>();
/** How many runs of each task (by task key) were asked for: a run whose number is not the last was restarted. */
const runCount = new Map<string, number>();

/** How a task run ended: its process's exit code (undefined when it never ran), or ended by a newer run of it. */
export interface TaskEnd {
  exitCode: number | undefined;
  /** A second click on the same lens ended this run to start it again. */
  restarted: boolean;
}

export async function runTask(task: vscode.Task): Promise<TaskEnd> {
  // Matched by task key rather than TaskExecution identity: VS Code runs a task with a given
  // source, name and definition once at a time.
  const wanted = taskKey(task);
  const run = (runCount.get(wanted) ?? 0) + 1;
  runCount.set(wanted, run);
  await endRunning(task);
  lastTerminal.get(wanted)?.dispose();
  lastTerminal.delete(wanted);
  const before = new Set(vscode.window.terminals);
  return new Promise((resolve, reject) => {
    let code: number | undefined;
    const mine = (e: vscode.TaskExecution) => taskKey(e.task) === wanted;
    // VS Code can refuse a task without an error (e.g. a variable it cannot resolve): give up
    // with a message instead of waiting forever for an end that never comes.
    const notStarted = setTimeout(() => stop(new Error(`VS Code did not start the task '${task.name}'.`)), START_TIMEOUT_MS);
    const onStart = vscode.tasks.onDidStartTask((e) => {
      if (!mine(e.execution)) return;
      clearTimeout(notStarted);
      const opened = vscode.window.terminals.filter((t) => !before.has(t));
      if (opened.length === 1) lastTerminal.set(wanted, opened[0]);
    });
    const onProcess = vscode.tasks.onDidEndTaskProcess((e) => {
      if (mine(e.execution)) code = e.exitCode;
    });
    const onEnd = vscode.tasks.onDidEndTask((e) => {
      if (mine(e.execution)) stop();
    });
    const stop = (err?: unknown) => {
      clearTimeout(notStarted);
      onStart.dispose();
      onProcess.dispose();
      onEnd.dispose();
      if (err) reject(err);
      else resolve({ exitCode: code, restarted: runCount.get(wanted) !== run });
    };
    vscode.tasks.executeTask(task).then(undefined, stop);
  });
}

/** The Dockerfiles of the workspace (name patterns BuildKit, Podman and editors use), at most `max`. */
export const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}';
const MAX_DOCKERFILES = 500;

export async function workspaceDockerfiles(max = MAX_DOCKERFILES): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/{node_modules,.git}/**', max);
  return found.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/**
 * Provides build tasks for the stages of every Dockerfile in the workspace (found on disk, not only
 * open ones), the build target's task first, and resolves `dockerfile-stage` tasks written in
 * tasks.json. Nothing is offered in an untrusted workspace.
 */
export class StageTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly stagesOf: (uri: vscode.Uri, text?: string) => Promise<StageSummary[]>,
    private readonly targetOf: (uri: vscode.Uri) => string = () => '',
  ) {}

  async provideTasks(): Promise<vscode.Task[]> {
    if (!vscode.workspace.isTrusted) return [];
    const tasks: vscode.Task[] = [];
    const open = vscode.workspace.textDocuments.filter((d) => d.languageId === 'dockerfile' && d.uri.scheme === 'file').map((d) => d.uri);
    const seen = new Set<string>();
    for (const uri of [...open, ...(await workspaceDockerfiles())]) {
      if (seen.has(uri.toString())) continue;
      seen.add(uri.toString());
      const stages = await this.summaries(uri);
      const target = this.targetOf(uri).toLowerCase();
      const targetIndex = (target ? stages.filter((s) => s.name?.toLowerCase() === target).pop() : undefined)?.stageIndex ?? stages.length - 1;
      const ordered = [...stages.filter((s) => s.stageIndex === targetIndex), ...stages.filter((s) => s.stageIndex !== targetIndex)];
      for (const s of ordered) {
        if (!s.buildable) continue;
        try {
          tasks.push(buildTask({ dockerfile: uri, stage: s.stage, isLast: s.isLast }));
        } catch {
          // a setting the engine refuses: the task would only show the same error when run
        }
      }
    }
    return tasks;
  }

  /** Open documents are asked about as they are; files on disk by their text, without opening them. */
  private async summaries(uri: vscode.Uri): Promise<StageSummary[]> {
    try {
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return await this.stagesOf(uri);
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      return await this.stagesOf(uri, text);
    } catch {
      return [];
    }
  }

  async resolveTask(task: vscode.Task): Promise<vscode.Task | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const definition = task.definition as StageTaskDefinition;
    if (typeof definition.dockerfile !== 'string' || typeof definition.stage !== 'string') return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : undefined;
    const dockerfile = resolveDockerfile(definition.dockerfile, folder);
    const isLast = await this.isLastStage(dockerfile, definition.stage);
    const input = stageInput({ dockerfile, stage: definition.stage, isLast });
    const invocation = definition.shell ? shellInvocation(input) : buildInvocation(input);
    return createStageTask(definition, task.scope ?? vscode.TaskScope.Workspace, invocation, input.contextDir);
  }

  /** Whether `stage` (name or index) is the last stage, asking the server; false when unknown. */
  private async isLastStage(dockerfile: vscode.Uri, stage: string): Promise<boolean> {
    try {
      await vscode.workspace.openTextDocument(dockerfile);
      const stages = await this.stagesOf(dockerfile);
      const found = stages.find((s) => s.stage.toLowerCase() === stage.toLowerCase() || String(s.stageIndex) === stage);
      return found?.isLast ?? false;
    } catch {
      return false;
    }
  }
}

function resolveDockerfile(value: string, folder: vscode.WorkspaceFolder | undefined): vscode.Uri {
  const root = folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const replaced = value.replace(/\$\{workspaceFolder\}/g, root);
  return vscode.Uri.file(path.isAbsolute(replaced) ? replaced : path.join(root, replaced));
}
