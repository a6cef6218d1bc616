/**
 * Lists the entries of a tar stream (what `<engine> export` writes) without extracting anything:
 * ustar headers, GNU long names (`L`/`K`) and pax `path`/`linkpath` records. Fed chunk by chunk so
 * a large filesystem is never held in memory; file contents are skipped.
 */
import { formatBytes } from '../../server/src/protocol';

export interface TarEntry {
  path: string;
  size: number;
  type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  linkTarget?: string;
}

const BLOCK = 512;

export class TarLister {
  readonly entries: TarEntry[] = [];
  private buffered: Buffer[] = [];
  private bufferedLength = 0;
  /** Bytes of file content (padded) still to skip. */
  private skip = 0;
  /** Collecting a long-name / pax record body. */
  private pending?: { kind: 'L' | 'K' | 'x'; remaining: number; padded: number; parts: Buffer[] };
  private longPath?: string;
  private longLink?: string;
  private ended = false;

  push(chunk: Buffer): void {
    if (this.ended) return;
    let data = chunk;
    while (data.length > 0 && !this.ended) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, data.length);
        this.skip -= n;
        data = data.subarray(n);
        continue;
      }
      if (this.pending) {
        const n = Math.min(this.pending.padded, data.length);
        const body = data.subarray(0, Math.min(n, this.pending.remaining));
        this.pending.parts.push(body);
        this.pending.remaining -= body.length;
        this.pending.padded -= n;
        data = data.subarray(n);
        if (this.pending.padded === 0) this.finishPending();
        continue;
      }
      const need = BLOCK - this.bufferedLength;
      const piece = data.subarray(0, need);
      this.buffered.push(piece);
      this.bufferedLength += piece.length;
      data = data.subarray(piece.length);
      if (this.bufferedLength === BLOCK) {
        const header = Buffer.concat(this.buffered);
        this.buffered = [];
        this.bufferedLength = 0;
        this.header(header);
      }
    }
  }

  private header(h: Buffer): void {
    if (h.every((b) => b === 0)) {
      this.ended = true; // end-of-archive marker
      return;
    }
    const size = octal(h.subarray(124, 136));
    const typeflag = String.fromCharCode(h[156] || 0x30);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'L' || typeflag === 'K' || typeflag === 'x') {
      this.pending = { kind: typeflag, remaining: size, padded, parts: [] };
      if (padded === 0) this.finishPending();
      return;
    }
    if (typeflag === 'g') {
      this.skip = padded;
      return;
    }
    const name = text(h.subarray(0, 100));
    const magic = text(h.subarray(257, 263));
    const prefix = magic.startsWith('ustar') ? text(h.subarray(345, 500)) : '';
    const fullName = this.longPath ?? (prefix ? `${prefix}/${name}` : name);
    const link = this.longLink ?? text(h.subarray(157, 257));
    this.longPath = undefined;
    this.longLink = undefined;
    const type: TarEntry['type'] =
      typeflag === '0' || typeflag === '\0' || typeflag === '7' ? 'file' : typeflag === '5' ? 'directory' : typeflag === '2' ? 'symlink' : typeflag === '1' ? 'hardlink' : 'other';
    const entry: TarEntry = { path: normalize(fullName), size: type === 'file' ? size : 0, type };
    if (type === 'symlink' || type === 'hardlink') entry.linkTarget = link;
    this.entries.push(entry);
    this.skip = type === 'file' || type === 'other' ? padded : 0;
  }

  private finishPending(): void {
    const p = this.pending!;
    this.pending = undefined;
    const body = Buffer.concat(p.parts).toString('utf8');
    if (p.kind === 'L') this.longPath = untilNul(body);
    else if (p.kind === 'K') this.longLink = untilNul(body);
    else {
      for (const record of paxRecords(body)) {
        if (record.key === 'path') this.longPath = record.value;
        if (record.key === 'linkpath') this.longLink = record.value;
      }
    }
  }
}

function octal(field: Buffer): number {
  if (field[0] & 0x80) {
    // base-256 (GNU) for sizes beyond 8 GB
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i];
    return n;
  }
  const s = text(field).trim();
  return s ? parseInt(s, 8) || 0 : 0;
}

function text(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

function untilNul(s: string): string {
  const end = s.indexOf('\0');
  return end < 0 ? s : s.slice(0, end);
}

/** `./usr/bin/` → `/usr/bin` */
function normalize(p: string): string {
  const parts = p.split('/').filter((part, i) => part !== '' && !(i === 0 && part === '.'));
  return '/' + parts.join('/');
}

function* paxRecords(body: string): Generator<{ key: string; value: string }> {
  // "<len> key=value\n", len counting bytes of the whole record
  const bytes = Buffer.from(body, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at);
    if (space < 0) return;
    const len = parseInt(bytes.subarray(at, space).toString('ascii'), 10);
    if (!(len > 0)) return;
    const record = bytes.subarray(space + 1, at + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) yield { key: record.slice(0, eq), value: record.slice(eq + 1) };
    at += len;
  }
}

/** Entries as an indented tree, sorted by path: what the quick pick shows. */
export function fileTreeItems(entries: TarEntry[]): { label: string; description: string; path: string }[] {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) => {
      const parts = e.path.split('/').filter(Boolean);
      const name = parts[parts.length - 1] ?? '/';
      const indent = '\u2003'.repeat(Math.max(0, parts.length - 1));
      const icon = e.type === 'directory' ? '$(folder) ' : e.type === 'symlink' ? '$(file-symlink-file) ' : '$(file) ';
      const description = e.type === 'file' ? formatBytes(e.size) : e.linkTarget ? `→ ${e.linkTarget}` : '';
      return { label: `${indent}${icon}${name}${e.type === 'directory' ? '/' : ''}`, description, path: e.path };
    });
}
