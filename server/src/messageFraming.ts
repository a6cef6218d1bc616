/**
 * A guard in front of the stdio reader. vscode-jsonrpc's reader, given a header it cannot use (a
 * non-numeric `Content-Length`, none at all, a line without `:`), reports an error and then reads the
 * rest of the stream out of step: the server stays alive but never answers again. This stream passes
 * only well-formed messages on, re-framed canonically, drops a malformed one (reporting why) and
 * resynchronises on the next header it finds.
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
/** Where a header block can start: the headers LSP defines. */
const HEADER_START = /content-(?:length|type)\s*:/i;
/** Longest text that may be the unfinished start of a header ("content-length" and spaces before the colon). */
const HEADER_START_TAIL = 64;
/** No LSP client sends headers this long; waiting for their end would buffer garbage forever. */
const MAX_HEADER_BYTES = 64 * 1024;
/** Bigger than any string V8 can hold once decoded: such a length is a broken header, not a message to wait for. */
const MAX_BODY_BYTES = 512 * 1024 * 1024;

type Header = { length: number; header: Buffer } | { error: string };

export class MessageFramingGuard extends Transform {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes the next step needs before parsing is worth trying again. */
  private wanted = 0;
  /** Within a run of input being skipped, already reported. */
  private skipping = false;

  constructor(private readonly onDropped: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered >= this.wanted) this.drain();
    done();
  }

  private drain(): void {
    const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    let pos = 0;
    this.wanted = 0;
    for (;;) {
      // A message starts at a header; bytes before one (left by a dropped message, or stray output) are skipped.
      const window = Math.min(buf.length, pos + MAX_HEADER_BYTES);
      const found = HEADER_START.exec(buf.toString('latin1', pos, window));
      if (!found) {
        const keep = Math.max(pos, window - HEADER_START_TAIL);
        if (keep > pos) this.skipped('bytes outside any message');
        pos = keep;
        if (window < buf.length) continue;
        break;
      }
      if (found.index > 0) this.skipped('bytes outside any message');
      pos += found.index;
      const end = buf.indexOf(HEADER_END, pos);
      if (end < 0) {
        if (buf.length - pos <= MAX_HEADER_BYTES) break;
        this.skipped(`no end of headers within ${MAX_HEADER_BYTES} bytes`);
        pos += 1;
        continue;
      }
      const header = parseHeader(buf.toString('latin1', pos, end));
      if ('error' in header) {
        this.skipped(header.error);
        pos = end + HEADER_END.length;
        continue;
      }
      const bodyStart = end + HEADER_END.length;
      if (buf.length - bodyStart < header.length) {
        this.wanted = bodyStart - pos + header.length;
        break;
      }
      this.push(Buffer.concat([header.header, buf.subarray(bodyStart, bodyStart + header.length)]));
      pos = bodyStart + header.length;
      this.skipping = false;
    }
    const rest = buf.subarray(pos);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
  }

  /** Reports the first reason of each run of skipped input (one malformed message, not each chunk of it). */
  private skipped(reason: string): void {
    if (this.skipping) return;
    this.skipping = true;
    this.onDropped(`dropped input: ${reason}; reading on from the next header`);
  }
}

/** The header block (without its final blank line), checked and re-written as the reader expects it. */
function parseHeader(text: string): Header {
  let length: number | undefined;
  let contentType: string | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `header line ${JSON.stringify(line.slice(0, 80))} is not 'Name: value'` };
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (/[\r\n]/.test(value)) return { error: 'a header value holds a line break' };
    if (name === 'content-length') {
      if (!/^[0-9]+$/.test(value) || Number(value) > MAX_BODY_BYTES) return { error: `Content-Length ${JSON.stringify(value.slice(0, 40))} is not a byte count` };
      length = Number(value);
    } else if (name === 'content-type') {
      contentType = value;
    }
  }
  if (length === undefined) return { error: 'no Content-Length' };
  const lines = [`Content-Length: ${length}`, ...(contentType === undefined ? [] : [`Content-Type: ${contentType}`])];
  return { length, header: Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1') };
}
