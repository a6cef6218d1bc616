/**
 * Compose files: each service's `build` (the long form, and the `build: ./dir` short form) read into
 * a BuildUse. Files of one project (compose.yaml and its overrides, compose.*.yaml, in one folder)
 * are read together: an override that only sets `build.target` builds the Dockerfile the base file
 * names for that service, as `docker compose` merges them.
 */
import { isAlias, isMap, isScalar, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { baseName, dirUri, dockerfileIn, resolvePath } from './paths';
import type { BuildUse, SourceFile, ValueSpan } from './types';
import { blockLineMap, entries, mapAt, parseYaml, scalarSpan, type YamlSource } from './yamlValues';

const COMPOSE_NAME = /^(docker-)?compose(\.[^/]+)?\.ya?ml$/i;
const OVERRIDE_NAME = /^(docker-)?compose\.[^/]+\.ya?ml$/i;

export function isComposeFile(uri: string): boolean {
  return COMPOSE_NAME.test(baseName(uri));
}

/** compose.override.yaml, compose.prod.yaml…: merged over the base files of the folder. */
export function isComposeOverride(uri: string): boolean {
  return OVERRIDE_NAME.test(baseName(uri));
}

interface ServiceBuild {
  service: string;
  src: YamlSource;
  anchor: Range;
  context?: ValueSpan;
  dockerfile?: ValueSpan;
  inline?: BuildUse['inline'];
  target?: ValueSpan;
}

/** The value under `key`, following `<<: *anchor` merge keys. */
function field(src: YamlSource, map: YAMLMap, key: string): { node: unknown; merged: boolean } | undefined {
  for (const pair of map.items) if (isScalar(pair.key) && pair.key.value === key) return { node: pair.value, merged: false };
  for (const pair of map.items) {
    if (!isScalar(pair.key) || pair.key.value !== '<<') continue;
    const sources = isAlias(pair.value) ? [pair.value] : isMap(pair.value) ? [pair.value] : [];
    for (const s of sources) {
      const target = isAlias(s) ? s.resolve(src.doc) : s;
      if (isMap(target)) {
        const found = field(src, target, key);
        if (found) return { node: found.node, merged: true };
      }
    }
  }
  return undefined;
}

function spanOf(src: YamlSource, map: YAMLMap, key: string): ValueSpan | undefined {
  const f = field(src, map, key);
  if (!f) return undefined;
  const span = scalarSpan(src, f.node);
  return span && f.merged && !span.fixed ? { ...span, fixed: 'it comes from a YAML merge key' } : span;
}

function readServices(src: YamlSource): ServiceBuild[] {
  const out: ServiceBuild[] = [];
  const services = mapAt(src.doc.contents, 'services');
  for (const { key, keyRange, value } of entries(src, services)) {
    if (!isMap(value)) continue;
    const build = field(src, value, 'build');
    if (!build) continue;
    const node = build.node;
    if (isMap(node)) {
      const inlineNode = field(src, node, 'dockerfile_inline');
      const inline = inlineNode && scalarSpan(src, inlineNode.node);
      out.push({
        service: key,
        src,
        anchor: keyRange,
        context: spanOf(src, node, 'context'),
        dockerfile: spanOf(src, node, 'dockerfile'),
        inline: inline ? { ...inline, lineMap: blockLineMap(src, inlineNode?.node) } : undefined,
        target: spanOf(src, node, 'target'),
      });
    } else {
      const context = scalarSpan(src, node);
      if (context && context.value !== '') out.push({ service: key, src, anchor: keyRange, context });
    }
  }
  return out;
}

/** Build uses of a Compose project: its files in one folder, base files first, overrides after. */
export function readComposeProject(files: readonly SourceFile[]): BuildUse[] {
  const ordered = [...files].sort((a, b) => Number(isComposeOverride(a.uri)) - Number(isComposeOverride(b.uri)) || a.uri.localeCompare(b.uri));
  const base = new Map<string, ServiceBuild>();
  const uses: BuildUse[] = [];
  for (const file of ordered) {
    const src = parseYaml(file.uri, file.text);
    if (!src) continue;
    const override = isComposeOverride(file.uri);
    for (const s of readServices(src)) {
      const from = override ? base.get(s.service) : undefined;
      const merged: ServiceBuild = from
        ? { ...s, context: s.context ?? from.context, dockerfile: s.dockerfile ?? from.dockerfile, inline: s.inline ?? (s.dockerfile ? undefined : from.inline) }
        : s;
      if (!override) base.set(s.service, s);
      uses.push(toUse(merged));
    }
  }
  return uses;
}

function toUse(s: ServiceBuild): BuildUse {
  const use: BuildUse = { kind: 'compose', label: `compose service ${s.service}`, uri: s.src.uri, anchor: s.anchor, target: s.target };
  if (s.inline && s.inline.value !== '') {
    use.inline = s.inline;
    return use;
  }
  // Relative paths resolve against the project folder (where the base file is); context may be absolute.
  const projectDir = dirUri(s.context?.uri ?? s.src.uri);
  const contextUri = resolvePath(projectDir, s.context?.value || '.');
  const dockerfile = s.dockerfile?.value;
  use.dockerfileUri = dockerfile && dockerfile.startsWith('/') ? resolvePath(projectDir, dockerfile) : dockerfileIn(contextUri, dockerfile);
  use.dockerfileSpan = s.dockerfile ?? s.context;
  return use;
}
