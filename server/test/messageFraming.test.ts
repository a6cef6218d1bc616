import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageFramingGuard } from '../src/messageFraming';

const frame = (body: string, header = `Content-Length: ${Buffer.byteLength(body)}`) => `${header}\r\n\r\n${body}`;

/** What the guard passes on for `input` fed in `chunkSize`-byte pieces, and what it reported dropping. */
function run(input: string, chunkSize = Infinity): { output: string; dropped: string[] } {
  const dropped: string[] = [];
  const guard = new MessageFramingGuard((reason) => dropped.push(reason));
  const out: Buffer[] = [];
  guard.on('data', (b: Buffer) => out.push(b));
  const bytes = Buffer.from(input, 'utf8');
  const step = Math.min(chunkSize, bytes.length || 1);
  for (let i = 0; i < bytes.length; i += step) guard.write(bytes.subarray(i, i + step));
  return { output: Buffer.concat(out).toString('utf8'), dropped };
}

const a = '{"jsonrpc":"2.0","id":1,"method":"a","params":{"s":"é ✓ 𝄞"}}';
const b = '{"jsonrpc":"2.0","id":2,"method":"b"}';

test('well-formed messages pass unchanged in content, whatever the chunking', () => {
  const input = frame(a) + frame(b, `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:   ${Buffer.byteLength(b)}  `);
  const expected = frame(a) + frame(b, `Content-Length: ${Buffer.byteLength(b)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8`);
  for (const size of [1, 2, 3, 7, 64, Infinity]) assert.deepEqual(run(input, size), { output: expected, dropped: [] }, `chunks of ${size}`);
});

test('a malformed header drops that message and the next well-formed one goes through', () => {
  for (const bad of [
    frame('{}', 'Content-Length: abc'),
    frame('{}', 'Content-Length: -5'),
    frame('{}', 'Content-Length: 12abc'),
    frame('{}', 'Content-Type: application/json'),
    frame('{}', 'no colon here'),
    frame('{}', 'Content-Length: 99999999999999'),
    '\r\n\r\n',
    'garbage without any header end',
  ]) {
    for (const size of [1, 5, Infinity]) {
      const { output, dropped } = run(bad + frame(a) + frame(b), size);
      assert.equal(output, frame(a) + frame(b), `${JSON.stringify(bad)} in chunks of ${size}`);
      assert.ok(dropped.length <= 1, `${JSON.stringify(bad)}: ${dropped.join('; ')}`);
    }
  }
  assert.match(run(frame('{}', 'Content-Length: abc') + frame(a)).dropped[0], /Content-Length "abc" is not a byte count; reading on/);
});

test('headers that never end are dropped after a bound instead of buffered forever', () => {
  const { output, dropped } = run(`${'x'.repeat(70 * 1024)}${frame(a)}`, 4096);
  assert.equal(output, frame(a));
  assert.equal(dropped.length, 1);
});
