/**
 * The lens commands and the tasks they start. Every command a lens carries is registered; running
 * the build lens creates a `dockerfile-stage` task whose execution is a ProcessExecution with the
 * argv of client/src/engineCommand.ts (no shell string), and a failing build's BuildKit error output
 * lands on the Dockerfile line through the contributed problem matchers. The engine is pointed at
 * /bin/true (or a stand-in script) through a workspace setting, so nothing is built and no engine
 * is needed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { STAGE_COMMANDS, type StageCommandArgs } from '../../../../server/src/protocol';
import {
  closeEditorsChecked,
  extensionApi,
  fixtureUri,
  openAnalysed,
  ours,
  restoreWorkspaceSettings,
  setWorkspaceSetting,
  tempDir,
  tempDocument,
  waitFor,
  waitForOurs,
  workspaceFolder,
} from './util';

const ENGINE = '/bin/true';

interface StartedTask {
  task: vscode.Task;
  exitCode: number | undefined;
}

/**
 * Runs `run` and collects the `dockerfile-stage` tasks it starts (in order) with their exit codes,
 * waiting until `count` of them have ended.
 */
async function collectTasks(count: number, run: () => Thenable<unknown>): Promise<StartedTask[]> {
  // Start and end events carry different Task objects: they are matched by name + definition.
  const key = (t: vscode.Task) => `${t.name}\u0000${JSON.stringify(t.definition)}`;
  const started: vscode.Task[] = [];
  const exitCodes = new Map<string, number | undefined>();
  const ours = (t: vscode.Task) => t.definition.type === 'dockerfile-stage';
  const subs = [
    vscode.tasks.onDidStartTask((e) => ours(e.execution.task) && started.push(e.execution.task)),
    vscode.tasks.onDidEndTaskProcess((e) => ours(e.execution.task) && exitCodes.set(key(e.execution.task), e.exitCode)),
  ];
  try {
    await run();
    await waitFor(() => `${count} dockerfile-stage task(s) to end (started: ${started.map((t) => t.name).join(', ') || 'none'})`, () => started.length >= count && exitCodes.size >= count);
  } finally {
    subs.forEach((s) => s.dispose());
  }
  return started.map((task) => ({ task, exitCode: exitCodes.get(key(task)) }));
}

function execution(task: vscode.Task): vscode.ProcessExecution {
  assert.ok(task.execution instanceof vscode.ProcessExecution, `task '${task.name}' runs a ${task.execution?.constructor.name}, not a ProcessExecution`);
  return task.execution;
}

suite('Lens commands and build tasks', () => {
  let go: vscode.TextDocument;
  let lensList: vscode.CodeLens[];
  const lens = (title: string) => {
    const found = lensList.find((l) => l.command?.title === title);
    assert.ok(found?.command, `no lens '${title}'`);
    return found.command;
  };

  suiteSetup(async () => {
    await extensionApi();
    go = await openAnalysed(fixtureUri('go-service.Dockerfile'));
    // As when a lens is clicked: the Dockerfile is the active editor. (The build problem matchers
    // locate files from `${fileDirname}`, which VS Code reads from the active editor; without one
    // the task does not start at all.)
    await vscode.window.showTextDocument(go);
    lensList = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', go.uri);
    await setWorkspaceSetting('build.engine', ENGINE);
  });
  suiteTeardown(async () => {
    await restoreWorkspaceSettings();
    await closeEditorsChecked();
  });

  test('every command a lens carries is registered', async () => {
    const used = [...new Set(lensList.map((l) => l.command?.command))];
    assert.deepEqual(used.sort(), ['dockerfileStages.buildStage', 'dockerfileStages.inspectStageFiles', 'dockerfileStages.shellInStage', 'dockerfileStages.showStageReferences']);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(used.filter((c) => !c || !registered.has(c)), []);
  });

  test('the workspace is trusted here (the harness disables trust), so build and shell lenses are offered', () => {
    assert.equal(vscode.workspace.isTrusted, true);
  });

  test("▶ Build stage 'deps' runs `<engine> build -f <file> --target deps -t <tag> <context>` as a ProcessExecution", async () => {
    const command = lens("▶ Build stage 'deps'");
    const tasks = await collectTasks(1, () => vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])));
    assert.equal(tasks.length, 1);
    const [{ task, exitCode }] = tasks;
    const exec = execution(task);
    const folder = workspaceFolder().uri.fsPath;
    assert.equal(exec.process, ENGINE);
    // test-fixtures/ holds a .dockerignore, so it is the context; the tag is ${folder}-${stage}:dev.
    assert.deepEqual(exec.args, ['build', '-f', go.uri.fsPath, '--target', 'deps', '-t', 'test-fixtures-deps:dev', folder]);
    assert.equal(exec.options?.cwd, folder);
    assert.deepEqual(exec.options?.env, { DOCKER_BUILDKIT: '1' });
    assert.deepEqual(task.definition, { type: 'dockerfile-stage', dockerfile: go.uri.fsPath, stage: 'deps' });
    assert.equal(task.name, 'Build deps (test-fixtures/go-service.Dockerfile)');
    assert.equal(task.source, 'Dockerfile Stages');
    assert.equal(exitCode, 0, `${ENGINE} exited with ${exitCode}`);
  });

  test('▶ Build image (the last stage) builds without --target', async () => {
    const command = lens('▶ Build image');
    const [{ task }] = await collectTasks(1, () => vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])));
    const exec = execution(task);
    assert.equal(exec.process, ENGINE);
    assert.deepEqual(exec.args, ['build', '-f', go.uri.fsPath, '-t', 'test-fixtures-runtime:dev', workspaceFolder().uri.fsPath]);
  });

  test("⌨ Shell in 'test' builds the stage, then runs `<engine> run --rm -it --entrypoint sh <tag>`", async () => {
    const command = lens("⌨ Shell in 'test'");
    const tasks = await collectTasks(2, () => vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])));
    assert.deepEqual(
      tasks.map((t) => [t.task.name, execution(t.task).process, execution(t.task).args]),
      [
        ['Build test (test-fixtures/go-service.Dockerfile)', ENGINE, ['build', '-f', go.uri.fsPath, '--target', 'test', '-t', 'test-fixtures-test:dev', workspaceFolder().uri.fsPath]],
        ['Shell in test (test-fixtures/go-service.Dockerfile)', ENGINE, ['run', '--rm', '-it', '--entrypoint', 'sh', 'test-fixtures-test:dev']],
      ],
    );
  });

  test('a stage name that looks like an option never reaches the engine', async () => {
    const before = vscode.tasks.taskExecutions.length;
    let started = false;
    const sub = vscode.tasks.onDidStartTask(() => (started = true));
    try {
      // The command refuses (EngineCommandError, shown as an error message) instead of starting a task.
      await vscode.commands.executeCommand('dockerfileStages.buildStage', { uri: go.uri.toString(), stage: '--push', stageIndex: 0, isLast: false });
    } finally {
      sub.dispose();
    }
    assert.equal(started, false);
    assert.equal(vscode.tasks.taskExecutions.length, before);
  });

  test('a failing build: BuildKit\'s error block becomes a problem on the Dockerfile line ($dockerfile-stages matchers), on every run', async () => {
    // A stand-in engine that prints what BuildKit prints for a failing instruction (two context
    // lines before the >>> line) and fails, as `docker build` would.
    const dir = tempDir('dockerfile-stages-engine-');
    try {
      const engine = path.join(dir.dir, 'docker');
      const lines = go.getText().split(/\r?\n/);
      const block = [
        '#9 [build 3/4] COPY . .',
        '#9 ERROR: failed to calculate checksum of ref: "/go.mod": not found',
        '------',
        ' > [build 3/4] COPY . .:',
        '------',
        'go-service.Dockerfile:18',
        '--------------------',
        `  16 |     ${lines[15]}`,
        `  17 |     ${lines[16]}`,
        `  18 | >>> ${lines[17]}`,
        `  19 |     ${lines[18]}`,
        `  20 |     ${lines[19]}`,
        '--------------------',
        'ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref: "/go.mod": not found',
      ];
      fs.writeFileSync(engine, `#!/bin/sh\ncat <<'EOF'\n${block.join('\n')}\nEOF\nexit 1\n`, { mode: 0o755 });
      await setWorkspaceSetting('build.engine', engine);
      const problems = () => vscode.languages.getDiagnostics(go.uri).filter((d) => d.source === 'buildkit');
      const command = lens("▶ Build stage 'build'");
      const [{ task, exitCode }] = await collectTasks(1, () => vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])));
      assert.equal(execution(task).process, engine);
      assert.equal(exitCode, 1);
      const [problem] = await waitFor('the problem matcher to report the failing line', () => (problems().length > 0 ? problems() : undefined), 15_000);
      assert.equal(problem.range.start.line, 17, 'line 18 of go-service.Dockerfile');
      assert.equal(problem.message, 'COPY . .');
      assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);

      // The same task again, in its reused terminal: the problem is mapped again (not lost).
      const ended = await collectTasks(1, () => vscode.commands.executeCommand(command.command, ...(command.arguments ?? [])));
      assert.equal(ended[0].exitCode, 1);
      // VS Code clears the matcher's markers when a run starts and reports at its end: wait until the
      // diagnostics have been quiet for a while after the end, then the problem must be there.
      let lastChange = Date.now();
      const quiet = vscode.languages.onDidChangeDiagnostics(() => (lastChange = Date.now()));
      try {
        await waitFor('the diagnostics to settle after the second run', () => Date.now() - lastChange > 2_000, 20_000);
      } finally {
        quiet.dispose();
      }
      assert.deepEqual(problems().map((p) => [p.range.start.line, p.message]), [[17, 'COPY . .']]);
    } finally {
      await setWorkspaceSetting('build.engine', ENGINE);
      dir.dispose();
    }
  });

  test('a second click on a build lens whose task still runs restarts it (no "which instance" prompt): the first run ends, a second starts and finishes', async () => {
    // A stand-in engine whose first build hangs (as a long build would) and whose later runs succeed.
    const dir = tempDir('dockerfile-stages-engine-');
    try {
      const engine = path.join(dir.dir, 'docker');
      const marker = path.join(dir.dir, 'first-build-started');
      fs.writeFileSync(engine, `#!/bin/sh\nif [ "$1" = build ] && [ ! -e '${marker}' ]; then : > '${marker}'; exec sleep 300; fi\nexit 0\n`, { mode: 0o755 });
      await setWorkspaceSetting('build.engine', engine);
      const command = lens("▶ Build stage 'build'");
      const mine = (t: vscode.Task) => t.definition.type === 'dockerfile-stage' && t.definition.stage === 'build';
      const running = () => vscode.tasks.taskExecutions.filter((e) => mine(e.task));
      const starts: vscode.Task[] = [];
      const ends: vscode.Task[] = [];
      const subs = [
        vscode.tasks.onDidStartTask((e) => mine(e.execution.task) && starts.push(e.execution.task)),
        vscode.tasks.onDidEndTask((e) => mine(e.execution.task) && ends.push(e.execution.task)),
      ];
      try {
        const first = vscode.commands.executeCommand<{ outcome: string; reason?: string; message: string }>(command.command, ...(command.arguments ?? []));
        await waitFor('the first build to start and hang', () => starts.length === 1 && fs.existsSync(marker));
        assert.equal(running().length, 1);
        const second = vscode.commands.executeCommand<{ outcome: string }>(command.command, ...(command.arguments ?? []));
        // The first run is ended by us, then the same task starts again and this time finishes.
        const firstResult = await first;
        // The interrupted run ends quietly (no "building failed" error for a restart); the new run reports.
        assert.deepEqual([firstResult.outcome, firstResult.reason, firstResult.message], ['refused', 'cancelled', '']);
        const secondResult = await second;
        assert.equal(secondResult.outcome, 'done');
        assert.equal(starts.length, 2, 'the task started twice');
        assert.equal(ends.length, 2, 'both runs ended');
        assert.deepEqual(running(), [], 'nothing left running');
      } finally {
        subs.forEach((s) => s.dispose());
        running().forEach((e) => e.terminate());
      }
    } finally {
      await setWorkspaceSetting('build.engine', ENGINE);
      dir.dispose();
    }
  });

  test('docker/app/Dockerfile below a workspace .dockerignore: the task builds from the workspace folder and the server agrees (no missing-dockerignore)', async () => {
    const COPY_ALL = 'FROM alpine:3.20 AS app\nCOPY . /src\n';
    const root = workspaceFolder().uri.fsPath; // test-fixtures/, which holds a .dockerignore
    const sub = fs.mkdtempSync(path.join(root, 'context-'));
    try {
      fs.mkdirSync(path.join(sub, 'app'));
      const file = path.join(sub, 'app', 'Dockerfile');
      fs.writeFileSync(file, COPY_ALL);
      const doc = await openAnalysed(vscode.Uri.file(file));
      await vscode.window.showTextDocument(doc);
      const args: StageCommandArgs = { uri: doc.uri.toString(), stage: 'app', stageIndex: 0, isLast: true };
      const [{ task }] = await collectTasks(1, () => vscode.commands.executeCommand(STAGE_COMMANDS.build, args));
      assert.deepEqual(execution(task).args, ['build', '-f', file, '-t', 'app-app:dev', root]);
      assert.deepEqual(ours(doc.uri), []);
      // The control: the same text with no .dockerignore up to its folder gets the finding.
      const alone = await tempDocument('Dockerfile', COPY_ALL, { dockerignore: false });
      await waitForOurs(alone.uri, ['missing-dockerignore@1']);
    } finally {
      await closeEditorsChecked();
      await vscode.window.showTextDocument(go);
      fs.rmSync(sub, { recursive: true, force: true });
    }
  });

  test('the task provider offers a build task per buildable stage of every Dockerfile in the workspace, the target first', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'dockerfile-stage' });
    const mine = tasks.filter((t) => t.definition.dockerfile === go.uri.fsPath);
    assert.ok(mine.length > 0, `tasks: ${JSON.stringify(tasks.map((t) => t.definition))}`);
    assert.deepEqual(mine.map((t) => t.definition.stage), ['runtime', 'deps', 'build', 'test']);
    // Dockerfiles are found on disk (findFiles), not taken from the open editors.
    const rust = fixtureUri('rust-cli.Dockerfile').fsPath;
    assert.ok(tasks.some((t) => t.definition.dockerfile === rust), `no task for ${rust}: ${JSON.stringify([...new Set(tasks.map((t) => t.definition.dockerfile))])}`);
    for (const t of mine) assert.equal(execution(t).process, ENGINE);
  });
});
