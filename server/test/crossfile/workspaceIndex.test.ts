import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../src/workspaceIndex';

/** An in-memory disk that counts reads, so the test sees what the index re-reads. */
function memoryDisk(files: Record<string, string>) {
  const reads: string[] = [];
  return {
    files,
    reads,
    io: {
      read(uri: string) {
        reads.push(uri);
        return files[uri];
      },
    },
  };
}

const COMPOSE = 'file:///w/a/compose.yaml';
const OVERRIDE = 'file:///w/a/compose.override.yaml';
const DOCKERFILE = 'file:///w/a/api/Dockerfile';

test('uses by Dockerfile; a change re-reads only its project; open text wins over the disk', () => {
  const disk = memoryDisk({
    [COMPOSE]: 'services:\n  api:\n    build:\n      context: ./api\n      target: runtime\n',
    [OVERRIDE]: 'services:\n  api:\n    build:\n      target: debug\n',
    'file:///w/b/compose.yaml': 'services:\n  web:\n    build: ./web\n',
    [DOCKERFILE]: 'FROM alpine AS debug\nFROM alpine AS runtime\n',
  });
  const index = new WorkspaceIndex(disk.io, () => undefined);
  for (const uri of [COMPOSE, OVERRIDE, 'file:///w/b/compose.yaml', 'file:///w/a/README.md']) index.add(uri);
  assert.equal(index.fileCount, 3, 'only Compose/Bake/workflow names are kept');
  assert.deepEqual(index.usesOfDockerfile(DOCKERFILE).map((u) => u.target?.value), ['runtime', 'debug']);
  assert.equal(disk.reads.length, 3);

  disk.reads.length = 0;
  index.changed('file:///w/b/compose.yaml');
  index.usesOfDockerfile(DOCKERFILE);
  assert.deepEqual(disk.reads, ['file:///w/b/compose.yaml'], 'the other project is not re-read');

  index.setOpen(OVERRIDE, 'services:\n  api:\n    build:\n      target: tests\n');
  assert.deepEqual(index.usesOfDockerfile(DOCKERFILE).map((u) => u.target?.value), ['runtime', 'tests']);
  index.closeOpen(OVERRIDE);
  assert.deepEqual(index.usesOfDockerfile(DOCKERFILE).map((u) => u.target?.value), ['runtime', 'debug']);

  index.remove(OVERRIDE);
  assert.deepEqual(index.usesOfDockerfile(DOCKERFILE).map((u) => u.target?.value), ['runtime']);
});

test('Dockerfiles read from disk are cached until they change; a missing one is "missing"', async () => {
  const disk = memoryDisk({ [DOCKERFILE]: 'FROM alpine AS runtime\n' });
  const index = new WorkspaceIndex(disk.io, () => undefined);
  const first = index.dockerfileFromDisk(DOCKERFILE);
  assert.ok(first && first !== 'missing');
  assert.equal(index.dockerfileFromDisk(DOCKERFILE), first);
  disk.files[DOCKERFILE] = 'FROM alpine AS release\n';
  index.changed(DOCKERFILE);
  const second = index.dockerfileFromDisk(DOCKERFILE);
  assert.ok(second && second !== 'missing' && second.stages[0].name === 'release');
  assert.equal(index.dockerfileFromDisk('file:///w/nothing/Dockerfile'), 'missing');
  // warm() reads every stale project ahead of requests.
  index.add(COMPOSE);
  disk.files[COMPOSE] = 'services:\n  api:\n    build:\n      context: ./api\n';
  disk.reads.length = 0;
  await index.warm();
  assert.deepEqual(disk.reads, [COMPOSE]);
  index.uses();
  assert.deepEqual(disk.reads, [COMPOSE], 'nothing read again');
});
