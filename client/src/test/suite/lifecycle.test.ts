/**
 * The extension over time: a rule's severity setting changes the published diagnostics without a
 * reload; the language server comes back after being killed; and in an untrusted workspace no lens
 * that runs a process is offered (checked against the real server bundle, since the harness runs
 * VS Code with workspace trust disabled, i.e. trusted).
 * Loaded last: the restart test kills the server the other suites use.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { handledCommands } from '../../commands';
import { METHODS } from '../../../../server/src/protocol';
import {
  diagnosticsMark,
  diagnosticsPublishedAfter,
  EXTENSION_ID,
  extensionApi,
  fixtureUri,
  openAnalysed,
  ours,
  positionOf,
  readFixture,
  restoreWorkspaceSettings,
  closeEditorsChecked,
  setWorkspaceSetting,
  settle,
  SOURCE,
  waitFor,
  waitForOurs,
} from './util';

const TYPO = 'mistakes/unknown-stage-typo.Dockerfile';

/** Severity of our `unknown-stage` diagnostics on the typo fixture, by line: `11:Warning`. */
function typoSeverities(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && (typeof d.code === 'object' ? d.code.value : d.code) === 'unknown-stage')
    .map((d) => `${d.range.start.line}:${vscode.DiagnosticSeverity[d.severity]}`)
    .sort();
}

suite('Settings take effect without a reload', () => {
  suiteTeardown(async () => {
    await restoreWorkspaceSettings();
    await closeEditorsChecked();
  });

  test('dockerfileStages.rules.unknown-stage: warning → error → off → back to the default', async () => {
    await extensionApi();
    const uri = fixtureUri(TYPO);
    await openAnalysed(uri);
    const wait = (expected: string[]) =>
      waitFor(() => `unknown-stage ${JSON.stringify(expected)}, have ${JSON.stringify(typoSeverities(uri))}`, () => JSON.stringify(typoSeverities(uri)) === JSON.stringify(expected), 15_000);
    await wait(['11:Warning', '12:Warning']);
    const others = () => ours(uri).filter((d) => !d.startsWith('unknown-stage@'));
    const othersBefore = others();

    await setWorkspaceSetting('rules.unknown-stage', 'error');
    await wait(['11:Error', '12:Error']);
    await setWorkspaceSetting('rules.unknown-stage', 'off');
    await wait([]);
    // Only that rule went quiet.
    assert.deepEqual(others(), othersBefore);
    await restoreWorkspaceSettings();
    await wait(['11:Warning', '12:Warning']);
  });
});

/** The pid of the language server this extension host started (its argv names the server and this host). */
function serverPid(client: { _serverProcess?: { pid?: number } } | object): number | undefined {
  const marker = `--clientProcessId=${process.pid}`;
  const bundle = path.join('server', 'dist', 'server.js');
  if (process.platform === 'linux') {
    const pids: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let argv: string[];
      try {
        argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      } catch {
        continue; // gone, or not ours to read
      }
      if (argv.includes(marker) && argv.some((a) => a.endsWith(bundle))) pids.push(Number(entry));
    }
    assert.ok(pids.length <= 1, `several servers of this extension host: ${pids.join(', ')}`);
    return pids[0];
  }
  // Elsewhere: the child process vscode-languageclient keeps (an internal, but stable since 7.x).
  return (client as { _serverProcess?: { pid?: number } })._serverProcess?.pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

suite('The language server restarts after being killed', () => {
  suiteTeardown(closeEditorsChecked);

  test('kill the server: a new one starts, definition answers again and diagnostics are published again', async () => {
    const api = await extensionApi();
    const numeric = await openAnalysed(fixtureUri('numeric-from.Dockerfile'));
    const typo = await openAnalysed(fixtureUri(TYPO));
    const at = positionOf(numeric, '--from=0', 7);
    const definitionLine = async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', numeric.uri, at);
      return found.map((l) => ('targetUri' in l ? (l.targetSelectionRange ?? l.targetRange) : l.range).start.line);
    };
    assert.deepEqual(await definitionLine(), [2]);

    const before = await waitFor('the language server process', () => serverPid(api.client));
    const mark = diagnosticsMark();
    process.kill(before, 'SIGKILL');
    await waitFor(`server ${before} to exit`, () => !alive(before), 10_000);

    const after = await waitFor('a new language server process', () => {
      const pid = serverPid(api.client);
      return pid !== undefined && pid !== before ? pid : undefined;
    });
    await waitFor('the client to run again', () => api.client.isRunning());
    assert.notEqual(after, before);
    // Requests are answered by the new server…
    assert.deepEqual(await settle('definition from the new server', definitionLine, (lines) => lines.length === 1), [2]);
    // …which re-analyses the open documents and publishes their diagnostics again.
    await diagnosticsPublishedAfter(typo.uri, mark);
    await waitForOurs(typo.uri, ['unknown-stage@11', 'unknown-stage@12'], vscode.DiagnosticSeverity.Warning);
  });
});

suite('Untrusted workspaces get no lens that runs a process', () => {
  test('the manifest: build and shell commands need trust; the engine settings are restricted', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations: string[] } };
      contributes: { commands: { command: string; enablement?: string }[] };
    };
    const enablement = Object.fromEntries(pkg.contributes.commands.map((c) => [c.command, c.enablement]));
    assert.equal(enablement['dockerfileStages.buildStage'], 'isWorkspaceTrusted');
    assert.equal(enablement['dockerfileStages.shellInStage'], 'isWorkspaceTrusted');
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('dockerfileStages.build.engine'));
  });

  test('the commands the client declares when untrusted get only info lenses from the real server bundle', async () => {
    // handledCommands(false) is what extension.ts sends in initializationOptions in an untrusted workspace.
    const declared = handledCommands(false);
    assert.deepEqual(declared, ['dockerfileStages.showStageReferences']);
    assert.deepEqual(handledCommands(true).sort(), ['dockerfileStages.buildStage', 'dockerfileStages.inspectStageFiles', 'dockerfileStages.shellInStage', 'dockerfileStages.showStageReferences']);

    const server = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'server', 'dist', 'server.js');
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
    try {
      await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } } },
        initializationOptions: { handledCommands: declared },
      });
      await connection.sendNotification('initialized', {});
      const uri = fixtureUri('go-service.Dockerfile').toString();
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: readFixture('go-service.Dockerfile') } });
      const lenses = await connection.sendRequest<{ command?: { title: string; command: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.equal(lenses.length, 4, 'one info lens per stage');
      assert.deepEqual([...new Set(lenses.map((l) => l.command?.command))], ['dockerfileStages.showStageReferences']);
      assert.ok(lenses.every((l) => !/Build|Shell/.test(l.command?.title ?? '')), JSON.stringify(lenses));

      // Trust granted (commands.ts sends the notification): the build and shell lenses appear.
      await connection.sendNotification(METHODS.handledCommands, { commands: handledCommands(true) });
      const trusted = await connection.sendRequest<{ command?: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.equal(trusted.length, 12);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
