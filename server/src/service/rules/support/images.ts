/** Telling an image reference from a (mistyped) stage name. */
import { isOfficialImage } from '../../officialImages';

/**
 * Whether a value is clearly an image rather than a stage name: it has a registry, a path, a tag or
 * a digest, or it is an official Docker Hub image.
 */
export function looksLikeImage(value: string): boolean {
  if (/[/:@]/.test(value)) return true;
  return isOfficialImage(value);
}
