import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../src/service/model';
import { scriptCommands, runCommands } from '../../src/service/facts/shellCommands';

const argvs = (script: string, cwd = '/src') => scriptCommands(script, cwd).map((c) => [c.cwd, ...c.argv].join(' '));

test('chains, quotes, redirections, cd and sh -c split into simple commands', () => {
  assert.deepEqual(argvs('go mod download && CGO_ENABLED=0 go build -o "/out/my app" ./cmd/x 2>&1 | tee log; echo done'), [
    '/src go mod download',
    '/src go build -o /out/my app ./cmd/x',
    '/src tee log',
    '/src echo done',
  ]);
  assert.deepEqual(argvs("cd web && sudo npm ci && sh -c 'cd .. && make' # trailing comment"), ['/src/web npm ci', '/src make']);
  const [build] = scriptCommands('CGO_ENABLED=0 GOOS=linux go build .', '/src');
  assert.deepEqual(build.assignments, { CGO_ENABLED: '0', GOOS: 'linux' });
  assert.deepEqual(scriptCommands('env FOO=1 make', '/').map((c) => [c.argv, c.assignments]), [[['make'], { FOO: '1' }]]);
});

test('RUN forms: continuation lines with comments, heredoc, exec form, escape=`', () => {
  const text = [
    'FROM golang:1.22',
    'RUN --mount=type=cache,target=/root/.cache \\',
    '    # compile',
    '    go build \\',
    '      -o /out/app .',
    'RUN <<EOF',
    'set -e',
    'go test ./...',
    'EOF',
    'RUN ["go", "vet", "./..."]',
  ].join('\n');
  const m = buildModel(text);
  const argv = (i: number) => runCommands(m.stages[0].instructions[i], m.escapeChar, '/src').map((c) => c.argv.join(' '));
  assert.deepEqual(argv(0), ['go build -o /out/app .']);
  assert.deepEqual(argv(1), ['set -e', 'go test ./...']);
  assert.deepEqual(argv(2), ['go vet ./...']);
  const win = buildModel('# escape=`\nFROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet publish `\n    -o C:\\app\\publish\n');
  const [publish] = runCommands(win.stages[0].instructions[0], win.escapeChar, 'C:\\src');
  assert.deepEqual(publish.argv, ['dotnet', 'publish', '-o', 'C:\\app\\publish']);
});
