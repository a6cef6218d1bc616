/**
 * "Build Before and After" (issue #14's verification of a refactor such as Extract builder stage):
 * builds the Dockerfile as it was (the text a caller passes, by default git HEAD's version of the
 * file) and as it is on disk, checks that the program the new image starts (CMD/ENTRYPOINT, and the
 * script an interpreter is given) exists in it by listing its files (create + export; nothing runs),
 * and reports both sizes: `812 MB → 14.2 MB; /usr/local/bin/server is in the new image`.
 * Both builds are visible tasks; every engine command is argv only; trust and the engine are checked
 * first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildInvocation } from './engineCommand';
import { createStageTask, runTask, stageInput, TASK_TYPE, type StageTaskDefinition } from './buildTask';
import { parseSize, sizeInvocation } from './imageInfo';
import { listImageFiles } from './imageFiles';
import { beforeAfterReport, checkProgram, configInvocation, parseConfig, type ProgramCheck } from './verifyImage';
import { runEngine, type Log } from './engineRunner';

export const BEFORE_AFTER_COMMAND = 'dockerfileStages.buildBeforeAndAfter';

export interface BeforeAfterArgs {
  uri?: string;
  /** The Dockerfile text before the change; default: git HEAD's version of the file. */
  before?: string;
  quiet?: boolean;
}

export type BeforeAfterResult =
  | { outcome: 'refused'; reason: string; message: string }
  | { outcome: 'failed'; message: string }
  | { outcome: 'verified' | 'broken'; report: string; before?: number; after?: number; check: ProgramCheck };

export function registerBeforeAfter(
  context: vscode.ExtensionContext,
  log: Log,
  precheck: (scope: vscode.Uri | undefined) => { outcome: 'refused'; reason: string; message: string } | undefined,
): void {
  context.subscriptions.push(vscode.commands.registerCommand(BEFORE_AFTER_COMMAND, (args?: BeforeAfterArgs) => run(args ?? {})));

  async function run(args: BeforeAfterArgs): Promise<BeforeAfterResult> {
    const uri = args.uri ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
    const say = (message: string, error = false) => {
      if (!args.quiet) void (error ? vscode.window.showErrorMessage(message) : vscode.window.showInformationMessage(message));
    };
    if (!uri || uri.scheme !== 'file') {
      const message = 'Dockerfile Stages: open a saved Dockerfile first.';
      say(message);
      return { outcome: 'refused', reason: 'no-file', message };
    }
    const refused = precheck(uri);
    if (refused) return refused;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    const before = args.before ?? (await headVersion(uri.fsPath, log));
    if (before === undefined) {
      const message = 'Dockerfile Stages: no earlier version to compare with (the file is not in git HEAD); run the command with the text before the change.';
      say(message);
      return { outcome: 'refused', reason: 'no-before', message };
    }
    const after = fs.readFileSync(uri.fsPath, 'utf8');
    if (before === after) {
      const message = 'Dockerfile Stages: the Dockerfile is unchanged since the version to compare with; nothing to build.';
      say(message);
      return { outcome: 'refused', reason: 'unchanged', message };
    }
    // The old text is built from a temp file with the same build context (argv `-f`).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-before-'));
    const beforeFile = path.join(dir, path.basename(uri.fsPath));
    fs.writeFileSync(beforeFile, before);
    try {
      const input = stageInput({ dockerfile: uri, stage: 'after', isLast: true });
      const scope = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.TaskScope.Workspace;
      const tags: Record<'before' | 'after', string> = { before: '', after: '' };
      for (const which of ['before', 'after'] as const) {
        const dockerfile = which === 'before' ? beforeFile : uri.fsPath;
        const invocation = buildInvocation({ ...input, dockerfile, stage: which, isLast: true });
        tags[which] = invocation.tag;
        const definition: StageTaskDefinition = { type: TASK_TYPE, dockerfile, stage: which };
        const end = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Building the ${which} version…` }, () =>
          runTask(createStageTask(definition, scope, invocation, input.contextDir)),
        );
        const code = end.exitCode;
        if (end.restarted) return { outcome: 'failed', message: `Dockerfile Stages: the ${which} version is being built again.` };
        if (code !== 0) {
          const message = `Dockerfile Stages: building the ${which} version failed${code === undefined ? '' : ` (exit code ${code})`}. See the task terminal.`;
          say(message, true);
          return { outcome: 'failed', message };
        }
      }
      const query = (tag: string) => ({ engine: input.settings.engine, settings: input.settings, tag });
      const beforeBytes = parseSize(await runEngine(sizeInvocation(query(tags.before)), log));
      const afterBytes = parseSize(await runEngine(sizeInvocation(query(tags.after)), log));
      const config = parseConfig(await runEngine(configInvocation(query(tags.after)), log));
      const files = await listImageFiles(query(tags.after), log);
      const check = checkProgram(config, files);
      const report = beforeAfterReport(beforeBytes, afterBytes, check);
      log.appendLine(`Before and after: ${report}`);
      const ok = check.ok;
      say(`Dockerfile Stages: ${report}`, !ok);
      return { outcome: ok ? 'verified' : 'broken', report, before: beforeBytes, after: afterBytes, check };
    } catch (e) {
      const message = `Dockerfile Stages: ${(e as Error).message}`;
      say(message, true);
      return { outcome: 'failed', message };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** git HEAD's version of a file, or undefined (not in a repository, not committed, no git). */
async function headVersion(file: string, log: Log): Promise<string | undefined> {
  try {
    return await runEngine({ command: 'git', args: ['-C', path.dirname(file), 'show', `HEAD:./${path.basename(file)}`], env: {}, tag: '' }, log, { timeoutMs: 15_000 });
  } catch {
    return undefined;
  }
}
