/**
 * Reading values out of a YAML (or JSON) document parsed by the `yaml` package, with the exact
 * range of each value's text: quotes are left out so a rename rewrites only the name.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { LineMap, ValueSpan } from './types';

export interface YamlSource {
  uri: string;
  text: string;
  doc: Document.Parsed;
  lines: TextDocument;
}

/** Files bigger than this are not read (a compose file is a few KB; this keeps every request bounded). */
export const MAX_SOURCE_CHARS = 2_000_000;

export function parseYaml(uri: string, text: string): YamlSource | undefined {
  if (text.length > MAX_SOURCE_CHARS) return undefined;
  try {
    const doc = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false, strict: false });
    return { uri, text, doc, lines: TextDocument.create(uri, 'yaml', 0, text) };
  } catch {
    return undefined;
  }
}

export function rangeAt(src: YamlSource, start: number, end: number): Range {
  return { start: src.lines.positionAt(start), end: src.lines.positionAt(end) };
}

/** The map under `key` of a map node, or undefined. */
export function mapAt(node: unknown, key: string): YAMLMap | undefined {
  if (!isMap(node)) return undefined;
  const value = node.get(key, true);
  const resolved = isAlias(value) ? undefined : value;
  return isMap(resolved) ? resolved : undefined;
}

/** The entries of a map whose keys are plain strings, with the key's range. */
export function entries(src: YamlSource, node: unknown): { key: string; keyRange: Range; value: unknown }[] {
  if (!isMap(node)) return [];
  const out: { key: string; keyRange: Range; value: unknown }[] = [];
  for (const pair of node.items) {
    const key = pair.key;
    if (!isScalar(key) || typeof key.value !== 'string' || !key.range) continue;
    out.push({ key: key.value, keyRange: rangeAt(src, key.range[0], key.range[1]), value: pair.value });
  }
  return out;
}

/**
 * A string value and where its text is. Quoted scalars give the range inside the quotes; an alias
 * reads its anchor's value but cannot be renamed in place; a null value (`target:`) gives an empty
 * span where the value goes (for completion).
 */
export function scalarSpan(src: YamlSource, node: unknown): ValueSpan | undefined {
  if (isAlias(node)) {
    const resolved = node.resolve(src.doc);
    const span = isScalar(resolved) ? scalarSpan(src, resolved) : undefined;
    return span && { ...span, fixed: `it is the YAML alias *${node.source}` };
  }
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  if (node.value === null || node.value === undefined) return { value: '', uri: src.uri, range: rangeAt(src, start, start) };
  const value = typeof node.value === 'string' ? node.value : String(node.value);
  switch (node.type) {
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE': {
      const inner = src.text.slice(start + 1, end - 1);
      return { value, uri: src.uri, range: rangeAt(src, start + 1, end - 1), fixed: inner === value ? undefined : 'it is written with escapes' };
    }
    case 'PLAIN':
      return { value, uri: src.uri, range: rangeAt(src, start, end) };
    default:
      return { value, uri: src.uri, range: rangeAt(src, start, end), fixed: 'it is a block scalar' };
  }
}

/** A block literal's value lines and the source lines they came from (for an inline Dockerfile). */
export function blockLineMap(src: YamlSource, node: unknown): LineMap | undefined {
  if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || !node.range || typeof node.value !== 'string') return undefined;
  const header = src.lines.positionAt(node.range[0]);
  const firstLine = header.line + 1;
  const firstText = src.lines.getText({ start: { line: firstLine, character: 0 }, end: { line: firstLine + 1, character: 0 } });
  const indent = firstText.length - firstText.trimStart().length;
  return { firstLine, indent };
}

/** The string items of a sequence (or a single string), with their spans. */
export function stringList(src: YamlSource, node: unknown): ValueSpan[] {
  if (isSeq(node)) return node.items.map((i) => scalarSpan(src, i)).filter((s): s is ValueSpan => !!s && s.value !== '');
  const one = scalarSpan(src, node);
  return one && one.value !== '' ? [one] : [];
}

export function isYamlMap(node: unknown): node is YAMLMap {
  return isMap(node);
}

export type { Node };
