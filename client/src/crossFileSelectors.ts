/**
 * The Compose, Bake and GitHub workflow files the extension reads for their build `target`s: document
 * selectors by file pattern (only these files, never every YAML/HCL/JSON file) and the file watchers
 * that keep the server's index current. The server adds only our features to them (definition,
 * hover, completion, diagnostics and quick fixes on targets); no schema validation, no formatting.
 */
import { CROSS_FILE_PATTERNS } from '../../server/src/protocol';

export const DOCKERFILE_SELECTOR: { language: string }[] = [{ language: 'dockerfile' }];

export function crossFileSelector(): { scheme: string; pattern: string }[] {
  return CROSS_FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern }));
}
