import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWorkflowFile, readWorkflow } from '../../src/service/crossfile/workflows';
import { shellCommands } from '../../src/service/crossfile/shellWords';
import { dockerBuildCommands } from '../../src/service/crossfile/dockerBuildArgs';
import { fixtureFile, fixtureUri, textAt } from './support';

test('workflow files are the YAML files of .github/workflows', () => {
  assert.ok(isWorkflowFile('file:///r/.github/workflows/ci.yml'));
  assert.ok(isWorkflowFile('file:///r/.github/workflows/release.yaml'));
  assert.ok(!isWorkflowFile('file:///r/.github/dependabot.yml'));
  assert.ok(!isWorkflowFile('file:///r/workflows/ci.yml'));
});

test('build-push-action: file and context relative to the repository root; run: docker buildx build read as argv', () => {
  const file = fixtureFile('shop/.github/workflows/image.yml');
  const uses = readWorkflow(file.uri, file.text);
  assert.equal(uses.length, 2);
  const [action, run] = uses;
  assert.equal(action.label, 'workflow image.yml job api step "Build api"');
  assert.equal(action.dockerfileUri, fixtureUri('shop/api/Dockerfile'));
  assert.equal(textAt(file.text, action.target!.range), 'runtime');

  assert.equal(run.label, 'workflow image.yml job web step "Test web build"');
  assert.equal(run.dockerfileUri, fixtureUri('shop/web/Dockerfile'));
  assert.equal(run.target?.value, 'build');
  assert.equal(textAt(file.text, run.target!.range), 'build');
  assert.equal(textAt(file.text, run.dockerfileSpan!.range), 'web/Dockerfile');
});

test('build-push-action without file: {context}/Dockerfile; working-directory moves run: lines', () => {
  const text = `jobs:
  build:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: services
    steps:
      - uses: docker/build-push-action@v6
        with:
          context: app
          target: 'release'
      - run: docker build --target=test app
      - run: docker build -t x --target "lint" -f app/Dockerfile.lint app
        working-directory: other
      - run: echo docker; docker image build --target "\${T}" .
`;
  const uri = 'file:///repo/.github/workflows/ci.yml';
  const uses = readWorkflow(uri, text);
  assert.equal(uses[0].dockerfileUri, 'file:///repo/app/Dockerfile');
  assert.equal(textAt(text, uses[0].target!.range), 'release');
  assert.equal(uses[1].dockerfileUri, 'file:///repo/services/app/Dockerfile');
  assert.equal(textAt(text, uses[1].target!.range), 'test');
  assert.equal(uses[2].dockerfileUri, 'file:///repo/other/app/Dockerfile.lint');
  assert.equal(textAt(text, uses[2].target!.range), 'lint');
  assert.equal(uses[2].target?.fixed, undefined);
  assert.equal(uses[3].target?.value, '${T}');
  assert.ok(uses[3].target?.fixed);
});

test('shell words: quotes, continuations, separators and comments; nothing evaluated', () => {
  const words = shellCommands(`FOO=1 docker build \\\n  --target "a b" -f 'x' . && echo $HOME # docker build --target c\nsudo docker buildx b --target=d -`).map((c) => c.map((w) => w.text));
  assert.deepEqual(words, [
    ['FOO=1', 'docker', 'build', '--target', 'a b', '-f', 'x', '.'],
    ['echo', '$HOME'],
    ['sudo', 'docker', 'buildx', 'b', '--target=d', '-'],
  ]);
  const builds = dockerBuildCommands(shellCommands(`docker build --build-arg X=1 --target t --no-cache ctx\ndocker run --target x img\nsudo docker buildx b --target=d -`));
  assert.deepEqual(builds.map((b) => [b.target?.text, b.file?.text, b.context?.text]), [
    ['t', undefined, 'ctx'],
    ['d', undefined, '-'],
  ]);
});
