/**
 * GitHub Actions workflows: `docker/build-push-action` steps (`with: file, context, target`) and
 * `run:` lines calling docker build (read as argv, never evaluated). Paths are relative to the
 * repository root (the folder holding .github), or to the step's literal `working-directory`.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { dirUri, dockerfileIn, resolvePath } from './paths';
import { dockerBuildCommands } from './dockerBuildArgs';
import { shellCommands, type ShellWord } from './shellWords';
import type { BuildUse, ValueSpan } from './types';
import { entries, mapAt, parseYaml, rangeAt, scalarSpan, type YamlSource } from './yamlValues';

export function isWorkflowFile(uri: string): boolean {
  return /\/\.github\/workflows\/[^/]+\.ya?ml$/i.test(uri);
}

function repositoryRoot(uri: string): string {
  return dirUri(dirUri(dirUri(uri)));
}

export function readWorkflow(uri: string, text: string): BuildUse[] {
  const src = parseYaml(uri, text);
  if (!src) return [];
  const root = repositoryRoot(uri);
  const file = uri.slice(uri.lastIndexOf('/') + 1);
  const uses: BuildUse[] = [];
  for (const job of entries(src, mapAt(src.doc.contents, 'jobs'))) {
    if (!isMap(job.value)) continue;
    const jobDir = literalDir(src, root, mapAt(mapAt(job.value, 'defaults'), 'run')?.get('working-directory', true)) ?? root;
    const steps = job.value.get('steps', true);
    if (!isSeq(steps)) continue;
    steps.items.forEach((step, index) => {
      if (!isMap(step)) return;
      const label = `workflow ${file} job ${job.key}${stepName(step, index)}`;
      const action = scalarSpan(src, step.get('uses', true));
      if (action && /^docker\/build-push-action@/i.test(action.value)) {
        uses.push(buildPushAction(src, root, label, action, mapAt(step, 'with')));
      }
      const run = step.get('run', true);
      if (isScalar(run) && typeof run.value === 'string' && run.range) {
        const cwd = literalDir(src, root, step.get('working-directory', true)) ?? jobDir;
        uses.push(...runLines(src, cwd, label, run.range[0], run.range[1], run.type));
      }
    });
  }
  return uses;
}

function stepName(step: import('yaml').YAMLMap, index: number): string {
  const name = step.get('name');
  return typeof name === 'string' && name.trim() !== '' ? ` step "${name.trim()}"` : ` step ${index + 1}`;
}

function literalDir(src: YamlSource, root: string, node: unknown): string | undefined {
  const span = scalarSpan(src, node);
  return span && span.value !== '' ? resolvePath(root, span.value) : undefined;
}

function buildPushAction(src: YamlSource, root: string, label: string, action: ValueSpan, withMap: import('yaml').YAMLMap | undefined): BuildUse {
  const context = withMap ? scalarSpan(src, withMap.get('context', true)) : undefined;
  const file = withMap ? scalarSpan(src, withMap.get('file', true)) : undefined;
  const target = withMap ? scalarSpan(src, withMap.get('target', true)) : undefined;
  // `file` is relative to the workspace (the runner's cwd), not to the context; default `{context}/Dockerfile`.
  const contextUri = resolvePath(root, context?.value || '.');
  const dockerfileUri = file && file.value !== '' ? resolvePath(root, file.value) : dockerfileIn(contextUri, undefined);
  return { kind: 'workflow', label, uri: src.uri, anchor: action.range, dockerfileUri, dockerfileSpan: file ?? context ?? action, target };
}

function runLines(src: YamlSource, cwd: string, label: string, start: number, end: number, type: string | undefined): BuildUse[] {
  let body = src.text.slice(start, end);
  let offset = start;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const firstBreak = body.indexOf('\n');
    if (firstBreak < 0) return [];
    offset += firstBreak + 1;
    body = body.slice(firstBreak + 1);
  } else if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    offset += 1;
    body = body.slice(1, -1);
  }
  const uses: BuildUse[] = [];
  for (const cmd of dockerBuildCommands(shellCommands(body))) {
    const span = (w: ShellWord | undefined) => (w ? wordSpan(src, w, offset) : undefined);
    const context = span(cmd.context);
    const file = span(cmd.file);
    const contextUri = context && !cmd.context?.dynamic ? resolvePath(cwd, context.value) : undefined;
    const dockerfileUri = file ? (cmd.file?.dynamic ? undefined : resolvePath(cwd, file.value)) : dockerfileIn(contextUri, undefined);
    uses.push({
      kind: 'workflow',
      label,
      uri: src.uri,
      anchor: rangeAt(src, offset + cmd.command.start, offset + cmd.command.end),
      dockerfileUri,
      dockerfileSpan: file ?? context,
      target: span(cmd.target),
    });
  }
  return uses;
}

/** A shell word as a ValueSpan: plain words and words wholly inside one pair of quotes can be rewritten. */
function wordSpan(src: YamlSource, w: ShellWord, offset: number): ValueSpan {
  const raw = src.text.slice(offset + w.start, offset + w.end);
  let start = offset + w.start;
  let end = offset + w.end;
  let fixed: string | undefined;
  if (w.dynamic) fixed = 'the shell word holds an expansion';
  else if (w.quoted) {
    const q = raw[0];
    if ((q === '"' || q === "'") && raw.length >= 2 && raw.endsWith(q) && raw.slice(1, -1) === w.text) {
      start++;
      end--;
    } else fixed = 'the shell word is written with quotes or escapes';
  }
  return { value: w.text, uri: src.uri, range: rangeAt(src, start, end), fixed };
}
