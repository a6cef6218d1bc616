/**
 * The CLI reads the same settings as the extension, from `.dockerfile-stages.json` or the
 * `dockerfileStages` key of package.json, found in the Dockerfile's folder or any parent.
 * Shape: the `dockerfileStages.*` settings without the prefix, nested: { "target": "…", "rules": { "<id>": "off" } }.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SETTINGS_SECTION, withDefaults, type Settings } from '../protocol';

export interface LoadedConfig {
  settings: Settings;
  /** The file the settings came from, if any. */
  source?: string;
}

export function loadConfig(startDir: string, explicitPath?: string): LoadedConfig {
  if (explicitPath) return { settings: withDefaults(readJson(explicitPath)), source: explicitPath };
  for (let dir = startDir; ; dir = dirname(dir)) {
    const own = join(dir, '.dockerfile-stages.json');
    if (existsSync(own)) return { settings: withDefaults(readJson(own)), source: own };
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const section = (readJson(pkg) as Record<string, unknown>)[SETTINGS_SECTION];
      if (section) return { settings: withDefaults(section), source: pkg };
    }
    if (dirname(dir) === dir) return { settings: withDefaults({}) };
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: cannot read settings: ${(e as Error).message}`);
  }
}
