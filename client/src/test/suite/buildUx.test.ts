/**
 * The engine-aware build UX: with no engine a lens click gives our message and starts no task; the
 * status-bar target drives "Build Image"; stages without a shell get "Inspect files"; the stage
 * graph webview draws a node per stage, a click moves the editor and it redraws after an edit.
 * The build runs use /bin/true as the engine (nothing is built; the real-engine suite builds).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeEditorsChecked, extensionApi, fixtureUri, openAnalysed, restoreWorkspaceSettings, setWorkspaceSetting, tempDocument, waitFor } from './util';

const lensTitles = async (doc: vscode.TextDocument) =>
  (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).map((l) => `${l.range.start.line}: ${l.command?.title}`);

suite('Build UX: engine, target, graph', () => {
  let go: vscode.TextDocument;

  suiteSetup(async () => {
    await extensionApi();
    go = await openAnalysed(fixtureUri('go-service.Dockerfile'));
    await vscode.window.showTextDocument(go);
  });
  suiteTeardown(async () => {
    await restoreWorkspaceSettings();
    await closeEditorsChecked();
  });

  test('no engine: the lenses say so, a click shows our message and starts no task', async () => {
    const api = await extensionApi();
    await setWorkspaceSetting('build.engine', '/nonexistent/bin/docker');
    try {
      const titles = await waitFor('the no-engine lenses', async () => {
        const t = await lensTitles(go);
        return t.some((x) => x.startsWith('6: ⚠ No container engine')) ? t : undefined;
      });
      assert.deepEqual(titles.filter((t) => t.startsWith('6:')), ["6: ⚠ No container engine ('/nonexistent/bin/docker' not found): set one up…", '6: needs no other stage · used by 2 stages']);
      assert.equal(api.engines.usable(go.uri), false);

      const started: string[] = [];
      const sub = vscode.tasks.onDidStartTask((e) => started.push(e.execution.task.name));
      try {
        const lens = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', go.uri)).find((l) => l.command?.title.startsWith('⚠'))!;
        const message = await vscode.commands.executeCommand<string>(lens.command!.command, ...(lens.command!.arguments ?? []));
        assert.match(message, /No container engine: '\/nonexistent\/bin\/docker' \(dockerfileStages\.build\.engine\) was not found\./);
        // The build/shell commands themselves (palette, graph, keybinding) refuse the same way.
        const result = await vscode.commands.executeCommand<{ outcome: string; reason: string }>('dockerfileStages.shellInStage', { uri: go.uri.toString(), stage: 'deps', stageIndex: 0, isLast: false });
        assert.deepEqual([result.outcome, result.reason], ['refused', 'no-engine']);
      } finally {
        sub.dispose();
      }
      assert.deepEqual(started, []);
      assert.equal(vscode.tasks.taskExecutions.filter((e) => e.task.definition.type === 'dockerfile-stage').length, 0);
    } finally {
      await setWorkspaceSetting('build.engine', '/bin/true');
    }
    await waitFor('the build lenses back', async () => (await lensTitles(go)).includes("6: ▶ Build stage 'deps'"));
  });

  test('"Build Image" builds the status-bar target', async () => {
    const api = await extensionApi();
    await setWorkspaceSetting('build.engine', '/bin/true');
    await api.targets.setTarget(go.uri, 'test');
    try {
      const started: vscode.Task[] = [];
      const sub = vscode.tasks.onDidStartTask((e) => started.push(e.execution.task));
      let result: { outcome: string; stage?: string };
      try {
        result = (await vscode.commands.executeCommand('dockerfileStages.buildTarget', { uri: go.uri.toString() })) as typeof result;
      } finally {
        sub.dispose();
      }
      assert.equal(result.outcome, 'done');
      assert.equal(result.stage, 'test');
      const exec = started[0]?.execution as vscode.ProcessExecution;
      assert.deepEqual(exec.args.slice(0, 6), ['build', '-f', go.uri.fsPath, '--target', 'test', '-t']);
    } finally {
      await api.targets.setTarget(go.uri, '');
    }
  });

  test('"Build All Targets" builds each stage nothing else uses, one after another: test and runtime', async () => {
    await setWorkspaceSetting('build.engine', '/bin/true');
    const started: vscode.Task[] = [];
    const sub = vscode.tasks.onDidStartTask((e) => started.push(e.execution.task));
    let result: { outcome: string; stages?: string[] };
    try {
      result = (await vscode.commands.executeCommand('dockerfileStages.buildAllTargets', { uri: go.uri.toString(), quiet: true })) as typeof result;
    } finally {
      sub.dispose();
    }
    assert.deepEqual(result, { outcome: 'built', stages: ['test', 'runtime'] });
    // The last stage is built without --target (what `docker build` builds anyway).
    const targets = started.map((t) => (t.execution as vscode.ProcessExecution).args).map((a) => (a.includes('--target') ? a[a.indexOf('--target') + 1] : 'no --target'));
    assert.deepEqual(targets, ['test', 'no --target']);
  });

  test('"Build All Targets" with no engine refuses and starts no task', async () => {
    await setWorkspaceSetting('build.engine', '/nonexistent/bin/docker');
    const started: string[] = [];
    const sub = vscode.tasks.onDidStartTask((e) => started.push(e.execution.task.name));
    try {
      await waitFor('the engine to be found missing', async () => !(await extensionApi()).engines.usable(go.uri));
      const result = await vscode.commands.executeCommand<{ outcome: string; reason: string }>('dockerfileStages.buildAllTargets', { uri: go.uri.toString(), quiet: true });
      assert.deepEqual([result.outcome, result.reason], ['refused', 'no-engine']);
    } finally {
      sub.dispose();
      await setWorkspaceSetting('build.engine', '/bin/true');
    }
    assert.deepEqual(started, []);
    await waitFor('the engine usable again', async () => (await extensionApi()).engines.usable(go.uri));
  });

  test('a scratch stage gets "Inspect files" instead of "Shell in"', async () => {
    const doc = await openAnalysed(fixtureUri('scratch-named.Dockerfile'));
    const titles = await lensTitles(doc);
    assert.ok(titles.some((t) => /▤ Inspect files in 'export'/.test(t)), titles.join('\n'));
    assert.ok(!titles.some((t) => /Shell in 'export'/.test(t)), titles.join('\n'));
    assert.ok(titles.some((t) => /⌨ Shell in 'build'/.test(t)), titles.join('\n'));
  });

  test('the stage graph: a node per stage, a click moves the editor, redrawn after an edit', async () => {
    const api = await extensionApi();
    const doc = await tempDocument('Dockerfile', ['FROM golang:1.22 AS build', 'RUN go build -o /app .', '', 'FROM alpine:3.20 AS unused', '', 'FROM scratch AS runtime', 'COPY --from=build /app /app', ''].join('\n'));
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    assert.equal(await vscode.commands.executeCommand('dockerfileStages.showStageGraph', doc.uri), true);
    const first = await waitFor('the graph page to draw', () => api.graphs.rendered(doc.uri), 30_000);
    assert.deepEqual(first.nodes, ['build', 'unused', 'runtime']);
    assert.equal(first.target, 'runtime');

    // A click on the node posts { type: 'reveal', index } (client/media/graph.js); the same path here.
    const line = await api.graphs.handle(doc.uri, { type: 'reveal', index: 1 });
    assert.equal(line, 3);
    const editor = await waitFor('the editor on the stage', () => (vscode.window.activeTextEditor?.document.uri.toString() === doc.uri.toString() ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.selection.active.line, 3);

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount, 0), 'FROM runtime AS extra\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const redrawn = await waitFor('the graph to redraw after the edit', () => {
      const r = api.graphs.rendered(doc.uri);
      return r && r.nodes.length === 4 ? r : undefined;
    });
    assert.deepEqual(redrawn.nodes, ['build', 'unused', 'runtime', 'extra']);
    assert.equal(redrawn.target, 'extra');
    await doc.save();
  });

  test('Ctrl+.: "Fix all safe problems" is a quick fix beside a fixable finding; no two actions share a title', async () => {
    const doc = await tempDocument('Dockerfile', ['ARG V=1', 'FROM alpine:3.20 as Builder', 'RUN echo $V', 'FROM alpine:3.20', 'COPY --from=builder /a /a', ''].join('\n'));
    const casing = await waitFor('the from-as-casing finding', () => vscode.languages.getDiagnostics(doc.uri).find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'from-as-casing'));
    // What Ctrl+. asks for: the actions at the cursor, with the diagnostics there.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, casing.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fixAll = actions.find((a) => a.title.startsWith('Fix all safe problems'));
    assert.ok(fixAll, titles.join(' | '));
    assert.equal(fixAll.kind?.value, 'quickfix');
    assert.ok(titles.includes('Ignore from-as-casing on this line'), titles.join(' | '));

    const single = await openAnalysed(fixtureUri('single-stage-go.Dockerfile'));
    for (let line = 0; line < single.lineCount; line++) {
      const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', single.uri, new vscode.Range(line, 0, line, 0));
      const t = all.map((a) => a.title);
      assert.deepEqual(t.filter((x, i) => t.indexOf(x) !== i), [], `line ${line + 1}: ${t.join(' | ')}`);
    }
  });
});
