/**
 * The Compose, Bake and GitHub workflow files the extension reads for their build `target`s: document
 * selectors by file pattern (only these files, never every YAML/HCL/JSON file) and the file watchers
 * that keep the server's index current. The server adds only our features to them (definition,
 * hover, completion, diagnostics and quick fixes on targets); no schema validation, no formatting.
 */

/** Glob patterns of the files, as VS Code matches them (also used for activation in package.json). */
export const CROSS_FILE_PATTERNS = [
  '**/{compose,docker-compose}.{yaml,yml}',
  '**/{compose,docker-compose}.*.{yaml,yml}',
  '**/docker-bake.{hcl,json}',
  '**/docker-bake.*.{hcl,json}',
  '**/.github/workflows/*.{yml,yaml}',
] as const;

/** Dockerfiles on disk, whose stages the targets name (a change re-checks the files that build them). */
export const DOCKERFILE_PATTERN = '**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile,*.dockerfile,*.containerfile}';

export const DOCKERFILE_SELECTOR: { language: string }[] = [{ language: 'dockerfile' }];

export function crossFileSelector(): { scheme: string; pattern: string }[] {
  return CROSS_FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern }));
}
