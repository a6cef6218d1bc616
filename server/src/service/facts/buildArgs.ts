/**
 * The values BuildKit gives the global scope when no --build-arg is passed: its automatic platform
 * ARGs (for a linux/amd64 build, as tally and a default `docker build` on this machine use) and
 * each global ARG's default, expanded in order.
 */
import type { StageModel } from '../model';
import { perModel } from './memo';
import { expandWord } from './wordExpansion';

export const DEFAULT_PLATFORM_ARGS: Readonly<Record<string, string>> = {
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
};

/** Global ARG values with defaults only (no build args), as `buildMetaArgs` computes them. */
export function defaultGlobalArgs(model: StageModel): Map<string, string> {
  return globalArgDefaults(model).values;
}

/** The global ARGs whose default BuildKit's lexer rejects (`ARG V=${x:y}`): a plain build fails there. */
export function rejectedGlobalArgs(model: StageModel): Set<string> {
  return globalArgDefaults(model).rejected;
}

function globalArgDefaults(model: StageModel): { values: Map<string, string>; rejected: Set<string> } {
  return perModel(model, 'globalArgDefaults', () => {
    const values = new Map<string, string>(Object.entries(DEFAULT_PLATFORM_ARGS));
    const rejected = new Set<string>();
    const target = model.stages.at(-1)?.normalizedName;
    if (target) values.set('TARGETSTAGE', target);
    for (const arg of model.globalArgs) {
      if (arg.defaultValue === undefined) continue;
      const expansion = expandWord(arg.defaultValue, (n) => values.get(n), model.escapeChar);
      values.set(arg.name, expansion.value);
      if (expansion.unsupported || expansion.used.some((n) => rejected.has(n))) rejected.add(arg.name);
    }
    return { values, rejected };
  });
}
