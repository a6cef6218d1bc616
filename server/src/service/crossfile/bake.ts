/**
 * Bake files: each `target "x" { context, dockerfile, target }` read into a BuildUse, following
 * `inherits` and the defaults of HCL `variable`s used as `${VAR}`. docker-bake.hcl is parsed by
 * tree-sitter-hcl (a real HCL grammar with positions; the parser is handed in, loaded by the server
 * or CLI), docker-bake.json by the `yaml` package (JSON is YAML, with ranges). Files of one folder
 * are merged like `docker buildx bake` does: docker-bake.override.* after the base file, target by
 * target, attribute by attribute.
 */
import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { baseName, dirUri, dockerfileIn, resolvePath } from './paths';
import type { BuildUse, SourceFile, ValueSpan } from './types';
import { entries, mapAt, MAX_SOURCE_CHARS, parseYaml, scalarSpan, stringList } from './yamlValues';

/** Parses HCL text; the tree-sitter parser lives outside the pure service. */
export interface HclParser {
  parse(text: string): Tree | null;
}

const BAKE_NAME = /^docker-bake(\.override)?(\.[^/]+)?\.(hcl|json)$/i;

export function isBakeFile(uri: string): boolean {
  return BAKE_NAME.test(baseName(uri));
}

function isBakeOverride(uri: string): boolean {
  return /^docker-bake\.override\./i.test(baseName(uri));
}

interface BakeValue {
  span: ValueSpan;
  /** `${VAR}` alone (or a bare `VAR`): the value is the variable's default. */
  variable?: string;
}

interface BakeTarget {
  name: string;
  uri: string;
  anchor: Range;
  attrs: Map<string, BakeValue>;
  inherits?: string[];
}

interface BakeFile {
  targets: BakeTarget[];
  variables: Map<string, ValueSpan>;
}

const ATTRIBUTES = ['context', 'dockerfile', 'dockerfile-inline', 'target'];
const SOLE_VARIABLE = /^\$\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/;

// ---- HCL ----

function readHcl(file: SourceFile, parser: HclParser): BakeFile {
  const out: BakeFile = { targets: [], variables: new Map() };
  if (file.text.length > MAX_SOURCE_CHARS) return out;
  let tree: Tree | null = null;
  try {
    tree = parser.parse(file.text);
  } catch {
    return out;
  }
  if (!tree) return out;
  try {
    const doc = TextDocument.create(file.uri, 'hcl', 0, file.text);
    const range = (start: number, end: number): Range => ({ start: doc.positionAt(start), end: doc.positionAt(end) });
    const body = tree.rootNode.namedChildren.find((c) => c?.type === 'body');
    for (const block of body?.namedChildren ?? []) {
      if (!block || block.type !== 'block') continue;
      const kind = block.namedChildren.find((c) => c?.type === 'identifier')?.text;
      const label = block.namedChildren.find((c) => c?.type === 'string_lit');
      const labelSpan = label ? stringSpan(file.uri, label, range) : undefined;
      if (!labelSpan || (kind !== 'target' && kind !== 'variable')) continue;
      const attrs = new Map<string, SyntaxNode>();
      const blockBody = block.namedChildren.find((c) => c?.type === 'body');
      for (const attr of blockBody?.namedChildren ?? []) {
        if (!attr || attr.type !== 'attribute') continue;
        const key = attr.namedChildren.find((c) => c?.type === 'identifier')?.text;
        const value = attr.namedChildren.find((c) => c?.type === 'expression');
        if (key && value) attrs.set(key, value);
      }
      if (kind === 'variable') {
        const def = attrs.get('default');
        const value = def && hclValue(file.uri, def, range);
        if (value && !value.variable) out.variables.set(labelSpan.value, value.span);
        continue;
      }
      const target: BakeTarget = { name: labelSpan.value, uri: file.uri, anchor: labelSpan.range, attrs: new Map() };
      for (const key of ATTRIBUTES) {
        const node = attrs.get(key);
        const value = node && hclValue(file.uri, node, range);
        if (value) target.attrs.set(key, value);
      }
      const inherits = attrs.get('inherits');
      if (inherits) target.inherits = hclStrings(inherits);
      out.targets.push(target);
    }
  } finally {
    tree.delete();
  }
  return out;
}

/** The text of a string literal without its quotes; escapes make it non-renamable. */
function stringSpan(uri: string, node: SyntaxNode, range: (s: number, e: number) => Range): ValueSpan | undefined {
  const parts = node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end');
  const open = node.namedChildren.find((c) => c?.type === 'quoted_template_start');
  const close = node.namedChildren.find((c) => c?.type === 'quoted_template_end');
  if (!open || !close) return undefined;
  const text = parts.map((p) => p.text).join('');
  const escaped = parts.some((p) => p.type !== 'template_literal');
  return { value: escaped ? unescape(text) : text, uri, range: range(open.endIndex, close.startIndex), fixed: escaped ? 'it is written with escapes' : undefined };
}

function unescape(text: string): string {
  return text.replace(/\\(["\\nrt])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

/** An attribute's value: a string, `"${VAR}"`, or a bare variable; anything else is not read. */
function hclValue(uri: string, expression: SyntaxNode, range: (s: number, e: number) => Range): BakeValue | undefined {
  const inner = expression.namedChildren[0];
  if (!inner) return undefined;
  if (inner.type === 'literal_value') {
    const lit = inner.namedChildren[0];
    if (lit?.type !== 'string_lit') return undefined;
    const span = stringSpan(uri, lit, range);
    return span && { span };
  }
  if (inner.type === 'variable_expr') {
    const name = inner.text;
    return { span: { value: '${' + name + '}', uri, range: range(inner.startIndex, inner.endIndex), fixed: `it is the variable ${name}` }, variable: name };
  }
  if (inner.type === 'template_expr') {
    const quoted = inner.namedChildren[0];
    if (quoted?.type !== 'quoted_template') return undefined;
    const open = quoted.namedChildren.find((c) => c?.type === 'quoted_template_start');
    const close = quoted.namedChildren.find((c) => c?.type === 'quoted_template_end');
    if (!open || !close) return undefined;
    const text = quoted.text.slice(open.endIndex - quoted.startIndex, close.startIndex - quoted.startIndex);
    const variable = SOLE_VARIABLE.exec(text)?.[1];
    return { span: { value: text, uri, range: range(open.endIndex, close.startIndex), fixed: 'it is a template' }, variable };
  }
  return undefined;
}

/** `["a", "b"]` as strings. */
function hclStrings(expression: SyntaxNode): string[] {
  const tuple = expression.namedChildren[0]?.namedChildren[0];
  if (!tuple || tuple.type !== 'tuple') return [];
  const out: string[] = [];
  for (const item of tuple.namedChildren) {
    const lit = item?.namedChildren[0]?.namedChildren[0];
    if (lit?.type === 'string_lit') out.push(lit.namedChildren.filter((c) => c?.type === 'template_literal').map((c) => c?.text).join(''));
  }
  return out;
}

// ---- JSON ----

function readJson(file: SourceFile): BakeFile {
  const out: BakeFile = { targets: [], variables: new Map() };
  const src = parseYaml(file.uri, file.text);
  if (!src) return out;
  for (const v of entries(src, mapAt(src.doc.contents, 'variable'))) {
    const def = mapAt(mapAt(src.doc.contents, 'variable'), v.key)?.get('default', true);
    const span = scalarSpan(src, def);
    if (span && !SOLE_VARIABLE.test(span.value)) out.variables.set(v.key, span);
  }
  const targets = mapAt(src.doc.contents, 'target');
  for (const t of entries(src, targets)) {
    const map = mapAt(targets, t.key);
    if (!map) continue;
    const target: BakeTarget = { name: t.key, uri: file.uri, anchor: t.keyRange, attrs: new Map() };
    for (const key of ATTRIBUTES) {
      const span = scalarSpan(src, map.get(key, true));
      if (!span) continue;
      const variable = SOLE_VARIABLE.exec(span.value)?.[1];
      target.attrs.set(key, { span: variable ? { ...span, fixed: 'it is a template' } : span, variable });
    }
    if (map.has('inherits')) target.inherits = stringList(src, map.get('inherits', true)).map((s) => s.value);
    out.targets.push(target);
  }
  return out;
}

// ---- Resolution ----

/** Build uses of the bake files of one folder (base files first, then overrides). */
export function readBakeProject(files: readonly SourceFile[], parser: HclParser | undefined): BuildUse[] {
  const ordered = [...files].sort((a, b) => Number(isBakeOverride(a.uri)) - Number(isBakeOverride(b.uri)) || a.uri.localeCompare(b.uri));
  const targets = new Map<string, BakeTarget>();
  const variables = new Map<string, ValueSpan>();
  for (const file of ordered) {
    const read = /\.json$/i.test(file.uri) ? readJson(file) : parser ? readHcl(file, parser) : undefined;
    if (!read) continue;
    for (const [name, span] of read.variables) variables.set(name, span);
    for (const t of read.targets) {
      const existing = targets.get(t.name);
      if (!existing) targets.set(t.name, { ...t, attrs: new Map(t.attrs) });
      else {
        for (const [k, v] of t.attrs) existing.attrs.set(k, v);
        if (t.inherits) existing.inherits = t.inherits;
      }
    }
  }
  const uses: BuildUse[] = [];
  for (const target of targets.values()) {
    const attrs = effectiveAttributes(targets, target.name, new Set());
    const value = (key: string): ValueSpan | undefined => {
      const v = attrs.get(key);
      if (!v) return undefined;
      if (!v.variable) return v.span;
      const def = variables.get(v.variable);
      return def ? { ...def, viaVariable: v.variable, writtenAt: { uri: v.span.uri, range: v.span.range } } : v.span;
    };
    const use: BuildUse = { kind: 'bake', label: `bake target ${target.name}`, uri: target.uri, anchor: target.anchor, target: value('target') };
    const inline = value('dockerfile-inline');
    if (inline && inline.value !== '') use.inline = { ...inline, fixed: inline.fixed ?? 'it is an inline Dockerfile' };
    else {
      const context = value('context');
      const dockerfile = value('dockerfile');
      const folder = dirUri(target.uri);
      const contextUri = resolvePath(folder, context?.value || '.');
      use.dockerfileUri = dockerfile?.value.startsWith('/') ? resolvePath(folder, dockerfile.value) : dockerfileIn(contextUri, dockerfile?.value);
      use.dockerfileSpan = dockerfile ?? context;
    }
    uses.push(use);
  }
  return uses;
}

/** A target's attributes after `inherits` (parents in order, later ones win, own attributes last). */
function effectiveAttributes(targets: Map<string, BakeTarget>, name: string, seen: Set<string>): Map<string, BakeValue> {
  const target = targets.get(name);
  if (!target || seen.has(name) || seen.size > 64) return new Map();
  seen.add(name);
  const out = new Map<string, BakeValue>();
  for (const parent of target.inherits ?? []) for (const [k, v] of effectiveAttributes(targets, parent, seen)) out.set(k, v);
  for (const [k, v] of target.attrs) out.set(k, v);
  seen.delete(name);
  return out;
}
