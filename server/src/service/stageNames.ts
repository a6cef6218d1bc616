/** BuildKit's rules for stage names, shared by rename, refactors and the name rules. */
export const STAGE_NAME_PATTERN = /^[a-z][a-z0-9-_.]*$/;
export const RESERVED_STAGE_NAMES: ReadonlySet<string> = new Set(['scratch', 'context']);

/** Why `name` cannot name a stage, or undefined when it can. `taken` holds the normalized names in use. */
export function stageNameProblem(name: string, taken: ReadonlySet<string> = new Set()): string | undefined {
  if (!STAGE_NAME_PATTERN.test(name)) {
    return `'${name}' is not a valid stage name: use lowercase letters, digits, '-', '_' and '.', starting with a letter.`;
  }
  if (RESERVED_STAGE_NAMES.has(name)) return `'${name}' is reserved by BuildKit and cannot name a stage.`;
  if (taken.has(name.toLowerCase())) return `A stage named '${name}' already exists.`;
  return undefined;
}

/** A name based on `base` that no stage uses yet (`builder`, `builder-2`, …). */
export function freshStageName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
