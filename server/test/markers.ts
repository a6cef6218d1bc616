/**
 * Inline marker notation for service tests (as rust-analyzer's fixtures):
 * - `$0` marks the cursor (removed from the text);
 * - a line of only `^^^ rule-id` under a text line marks an expected finding of that rule on the
 *   columns of the carets (the marker line is removed; several may follow one line).
 *
 *     FROM alpine AS build
 *     COPY --from=biulder /app /app
 *                 ^^^^^^^ unknown-stage
 */
import type { Position, Range } from 'vscode-languageserver-types';

export interface ExpectedFinding {
  ruleId: string;
  range: Range;
}

export interface Marked {
  /** The Dockerfile without markers. */
  text: string;
  /** Where `$0` was, if anywhere. */
  cursor?: Position;
  expected: ExpectedFinding[];
}

const MARKER_LINE = /^(\s*)(\^+)\s+([a-z0-9][a-z0-9-]*)\s*$/;

export function parseMarkers(annotated: string): Marked {
  const lines: string[] = [];
  const expected: ExpectedFinding[] = [];
  let cursor: Position | undefined;
  for (const raw of annotated.split('\n')) {
    const marker = MARKER_LINE.exec(raw);
    if (marker && lines.length > 0) {
      const line = lines.length - 1;
      const start = marker[1].length;
      expected.push({ ruleId: marker[3], range: { start: { line, character: start }, end: { line, character: start + marker[2].length } } });
      continue;
    }
    const at = raw.indexOf('$0');
    if (at >= 0) {
      if (cursor) throw new Error('more than one $0 cursor marker');
      cursor = { line: lines.length, character: at };
    }
    lines.push(at >= 0 ? raw.slice(0, at) + raw.slice(at + 2) : raw);
  }
  return { text: lines.join('\n'), cursor, expected };
}

/** `rule-id line:char-line:char`, sorted: what a findings assertion compares. */
export function findingKeys(findings: ExpectedFinding[]): string[] {
  const r = (x: Range) => `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;
  return findings.map((f) => `${f.ruleId} ${r(f.range)}`).sort();
}
