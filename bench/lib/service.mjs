// Loads our service (the facade server/src/service/index.ts and the model) from server/src (TypeScript,
// through tsx) one by one, so a module that does not load makes its operations "n/a" instead of
// failing the run; and the
// dockerfile-language-service ("DLS") the comparison runs against.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { register } from 'tsx/cjs/api';

// Source maps on, so profiles can name the TypeScript line of a frame (see profile.mjs).
process.setSourceMapsEnabled(true);
register();
const require = createRequire(import.meta.url);

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const SERVICE = path.join(ROOT, 'server/src/service');

/** The stage model (its build is a row of its own) and the service facade every operation goes through. */
export const MODULES = ['model', 'index'];

/** Modules that live outside server/src/service, by name. */
const FILES = { settings: '../protocol' };

/** { name: exports } for the modules that load; `missing` and `failed` say why the others do not. */
export function loadService() {
  const modules = {};
  const missing = [];
  const failed = {};
  for (const name of MODULES) {
    const file = path.join(SERVICE, `${FILES[name] ?? name}.ts`);
    if (!existsSync(file)) {
      missing.push(name);
      continue;
    }
    try {
      modules[name] = require(file);
    } catch (e) {
      failed[name] = String(e?.message ?? e).split('\n')[0];
    }
  }
  return { modules, missing, failed };
}

/** The first of `names` that `mod` exports as a function. */
export function pick(mod, ...names) {
  if (!mod) return undefined;
  for (const n of names) if (typeof mod[n] === 'function') return mod[n];
  return undefined;
}

export function loadDls() {
  const { DockerfileLanguageServiceFactory } = require('dockerfile-language-service');
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  // The capabilities our BaseService sets, so hover/completion produce the same kind of content.
  service.setCapabilities({
    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: true, deprecatedSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  });
  return service;
}

export function loadParser() {
  return require('dockerfile-ast').DockerfileParser;
}

export function packageVersion(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch {
    return 'n/a';
  }
}
