/**
 * "Check All Dockerfiles": every Dockerfile of the workspace (found on disk, as the task provider
 * finds them) is read here and sent to the server, which publishes its diagnostics, so the Problems
 * panel lists files that are not open. Reading needs no trust: nothing runs.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CHECK_FILES_MAX_BYTES, CHECK_FILES_MAX_COUNT, METHODS, type CheckFilesParams, type CheckFilesResult } from '../../server/src/protocol';
import { workspaceDockerfiles } from './buildTask';

export const CHECK_ALL_COMMAND = 'dockerfileStages.checkAllDockerfiles';

export function registerCheckAll(context: vscode.ExtensionContext, client: LanguageClient, ready: Promise<void>): void {
  context.subscriptions.push(vscode.commands.registerCommand(CHECK_ALL_COMMAND, (args?: { quiet?: boolean }) => checkAll(client, ready, !!args?.quiet)));
}

async function checkAll(client: LanguageClient, ready: Promise<void>, quiet: boolean): Promise<CheckFilesResult> {
  await ready;
  const open = new Set(vscode.workspace.textDocuments.filter((d) => d.languageId === 'dockerfile').map((d) => d.uri.toString()));
  const files: CheckFilesParams['files'] = [];
  const skipped: string[] = [];
  for (const uri of await workspaceDockerfiles(CHECK_FILES_MAX_COUNT)) {
    if (open.has(uri.toString())) continue; // open files are checked as they change
    const size = await vscode.workspace.fs.stat(uri).then((s) => s.size, () => Infinity);
    if (size > CHECK_FILES_MAX_BYTES) {
      skipped.push(uri.toString());
      continue;
    }
    const text = await vscode.workspace.fs.readFile(uri).then((b) => new TextDecoder().decode(b), () => undefined);
    if (text === undefined) skipped.push(uri.toString());
    else files.push({ uri: client.code2ProtocolConverter.asUri(uri), text });
  }
  const result = await client.sendRequest<CheckFilesResult>(METHODS.checkFiles, { files } satisfies CheckFilesParams);
  const all = { ...result, skipped: [...skipped, ...result.skipped] };
  if (!quiet) {
    const message = `Dockerfile Stages: checked ${result.checked} Dockerfile${result.checked === 1 ? '' : 's'} that are not open: ${result.problems} problem${result.problems === 1 ? '' : 's'}${all.skipped.length ? ` (${all.skipped.length} skipped: open, too large or unreadable)` : ''}.`;
    void vscode.window.showInformationMessage(message);
  }
  return all;
}
