/** Reading the test-fixtures/crossfile project trees as the index would, for the cross-file tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range } from 'vscode-languageserver-types';
import { FIXTURES } from '../helpers';
import { loadHclParser } from '../../src/hclParser';
import { buildModel, type StageModel } from '../../src/service/model';
import type { DockerfileLookup, SourceFile } from '../../src/service/crossfile';

export const CROSSFILE = join(FIXTURES, 'crossfile');

export function fixtureUri(relativePath: string): string {
  return pathToFileURL(join(CROSSFILE, relativePath)).href;
}

export function fixtureFile(relativePath: string, replace?: [string, string]): SourceFile {
  const text = readFileSync(join(CROSSFILE, relativePath), 'utf8');
  return { uri: fixtureUri(relativePath), text: replace ? text.replace(replace[0], replace[1]) : text };
}

export function fixtureModel(relativePath: string): StageModel {
  const f = fixtureFile(relativePath);
  return buildModel(f.text, f.uri, 1);
}

/** Dockerfiles from the fixture tree; any other path is missing. */
export const fixtureLookup: DockerfileLookup = (uri) => {
  try {
    const path = decodeURIComponent(new URL(uri).pathname);
    return buildModel(readFileSync(path, 'utf8'), uri, 1);
  } catch {
    return 'missing';
  }
};

export const hcl = () => loadHclParser((e) => {
  throw e;
});

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}
