/**
 * Image references checked like BuildKit's `reference.ParseNormalizedNamed` (distribution/reference):
 * `[domain[:port]/]path[:tag][@digest]`, path components lower-case, at most 255 characters for the
 * name, and never a bare 64-hex image id.
 */
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const PATH = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REMOTE = new RegExp(`^(${PATH})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const DOMAIN_ONLY = new RegExp(`^${DOMAIN}$`);

/** Whether BuildKit accepts `value` as an image reference (after variable expansion). */
export function isValidImageReference(value: string): boolean {
  if (value === '' || /^[a-f0-9]{64}$/.test(value)) return false;
  let domain: string | undefined;
  let remainder = value;
  const slash = value.indexOf('/');
  if (slash >= 0) {
    const first = value.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first;
      remainder = value.slice(slash + 1);
    }
  }
  if (domain !== undefined && !DOMAIN_ONLY.test(domain)) return false;
  const m = REMOTE.exec(remainder);
  if (!m) return false;
  const nameLength = (domain !== undefined ? domain.length + 1 : 0) + m[1].length;
  return nameLength <= 255;
}
