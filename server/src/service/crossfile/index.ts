/**
 * Cross-file features in one place: which documents are Compose, Bake or workflow files, how files
 * group into projects (a folder's compose files merge; a folder's bake files merge; a workflow
 * stands alone), and reading a project's build uses.
 */
import { baseName, dirUri } from './paths';
import { isComposeFile, readComposeProject } from './compose';
import { isBakeFile, readBakeProject, type HclParser } from './bake';
import { isWorkflowFile, readWorkflow } from './workflows';
import type { BuildUse, SourceFile } from './types';

export type CrossFileKind = 'compose' | 'bake' | 'workflow';
export type DocumentKind = 'dockerfile' | CrossFileKind;

export function crossFileKind(uri: string): CrossFileKind | undefined {
  if (isWorkflowFile(uri)) return 'workflow';
  if (isComposeFile(uri)) return 'compose';
  if (isBakeFile(uri)) return 'bake';
  return undefined;
}

const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\..+)?$|\.(dockerfile|containerfile)$/i;

/**
 * What a document is, by language id and file name: Compose, Bake and workflow files by name;
 * Dockerfiles by language id or name. Anything else is not ours (no features, no diagnostics).
 */
export function documentKind(uri: string, languageId: string | undefined): DocumentKind | undefined {
  const cross = crossFileKind(uri);
  if (cross && languageId !== 'dockerfile') return cross;
  if (languageId === 'dockerfile' || DOCKERFILE_NAME.test(baseName(uri))) return 'dockerfile';
  return undefined;
}

/** The project a file belongs to: files with the same key are read together. */
export function projectKey(uri: string): string | undefined {
  const kind = crossFileKind(uri);
  if (!kind) return undefined;
  return kind === 'workflow' ? `workflow:${uri}` : `${kind}:${dirUri(uri)}`;
}

/** The build uses of one project's files (all of one kind, as `projectKey` groups them). */
export function readProject(files: readonly SourceFile[], hcl: HclParser | undefined): BuildUse[] {
  if (files.length === 0) return [];
  switch (crossFileKind(files[0].uri)) {
    case 'compose':
      return readComposeProject(files);
    case 'bake':
      return readBakeProject(files, hcl);
    case 'workflow':
      return files.flatMap((f) => readWorkflow(f.uri, f.text));
    default:
      return [];
  }
}

export type { BuildUse, SourceFile, ValueSpan } from './types';
export type { HclParser } from './bake';
export * from './targets';
export { uriKey } from './paths';
