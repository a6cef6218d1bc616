import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Position } from 'vscode-languageserver-types';

export const FIXTURES = join(__dirname, '..', '..', 'test-fixtures');

export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/**
 * Texts and expectations the unit tests and the VS Code suite (client/src/test/suite) both check:
 * test-fixtures/shared-cases.json, read by both so that they cannot drift.
 */
export interface SharedCases {
  texts: Record<'references' | 'rename' | 'renamedToCompile' | 'outline' | 'folding' | 'hover' | 'codeLens', string[]>;
  codeLensTitles: string[];
  goServiceLensTitles: string[];
  /** Warnings and errors of ours per mistake fixture, as `rule@line`. */
  mistakes: Record<string, string[]>;
}
export const SHARED: SharedCases = JSON.parse(readFixture('shared-cases.json'));

/** A text of shared-cases.json, lines joined. */
export const sharedText = (name: keyof SharedCases['texts']): string => SHARED.texts[name].join('\n');

/** Every Dockerfile-like fixture path, relative to test-fixtures/. */
export function listFixtures(dir = FIXTURES): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== 'refactors' && entry !== 'extract') out.push(...listFixtures(full));
    } else if (/(^|\.)(Dockerfile|Containerfile|dockerfile|containerfile)(\.|$)/.test(entry)) {
      out.push(relative(FIXTURES, full));
    }
  }
  return out.sort();
}

/** Position of the `occurrence`-th match of `needle` in `text`, plus `offset` characters into it. */
export function positionOf(text: string, needle: string, offset = 0, occurrence = 1): Position {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' (occurrence ${occurrence}) not found`);
  }
  index += offset;
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}
