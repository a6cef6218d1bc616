/** Image references: splitting one into repository, tag and digest (`docker.io/library/` dropped), and telling an image from a (mistyped) stage name. */
import { isOfficialImage } from './officialImages';
export interface ImageRef {
  /** Repository without the Docker Hub prefixes, lower-case: `golang`, `mcr.microsoft.com/dotnet/sdk`. */
  repository: string;
  /** Tag as written ('' when none). */
  tag: string;
  digest?: string;
}

export function parseImageRef(text: string): ImageRef {
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const repository = rest
    .toLowerCase()
    .replace(/^(?:index\.)?docker\.io\//, '')
    .replace(/^library\//, '');
  return digest ? { repository, tag, digest } : { repository, tag };
}

/** The last path segment of a repository (`mcr.microsoft.com/dotnet/sdk` → `sdk`). */
export function imageShortName(repository: string): string {
  return repository.slice(repository.lastIndexOf('/') + 1);
}

/**
 * Whether a value is clearly an image rather than a stage name: it has a registry, a path, a tag or
 * a digest, or it is an official Docker Hub image.
 */
export function looksLikeImage(value: string): boolean {
  if (/[/:@]/.test(value)) return true;
  return isOfficialImage(value);
}
