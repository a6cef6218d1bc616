/**
 * Loads tree-sitter-hcl (WebAssembly, shipped in @tree-sitter-grammars/tree-sitter-hcl) through
 * web-tree-sitter for the Bake reader. The bundles carry both .wasm files next to them (esbuild.mjs
 * copies them into dist); from source they come from node_modules. Nothing is fetched.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
// require, not import: esbuild then bundles the package's CommonJS build (its ESM build needs import.meta.url).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Language, Parser } = require('web-tree-sitter') as typeof import('web-tree-sitter');
import type { HclParser } from './service';

function firstExisting(candidates: (() => string)[]): string | undefined {
  for (const candidate of candidates) {
    try {
      const p = candidate();
      if (existsSync(p)) return p;
    } catch {
      // not resolvable from here: try the next place
    }
  }
  return undefined;
}

/** From source (tests, tsx) the files are in node_modules; a computed require keeps esbuild from bundling the lookup. */
function fromNodeModules(request: string): string {
  const resolve: (r: string) => string = require.resolve;
  return resolve(request);
}

let loading: Promise<HclParser | undefined> | undefined;

/** The HCL parser, or undefined when the grammar cannot be loaded (Bake HCL files are then not read). */
export function loadHclParser(onError?: (e: unknown) => void): Promise<HclParser | undefined> {
  loading ??= (async () => {
    try {
      const runtime = firstExisting([() => path.join(__dirname, 'tree-sitter.wasm'), () => fromNodeModules('web-tree-sitter/tree-sitter.wasm')]);
      const grammar = firstExisting([
        () => path.join(__dirname, 'tree-sitter-hcl.wasm'),
        () => fromNodeModules('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'),
      ]);
      if (!runtime || !grammar) throw new Error('tree-sitter wasm files not found');
      await Parser.init({ locateFile: () => runtime });
      // Bytes, not the path: given a path, web-tree-sitter reads it with a dynamic import(), which Node 20
      // refuses inside the code-cached server bundle (codeCache.ts runs it as a vm.Script).
      const language = await Language.load(readFileSync(grammar));
      const parser = new Parser();
      parser.setLanguage(language);
      return { parse: (text: string) => parser.parse(text) };
    } catch (e) {
      onError?.(e);
      return undefined;
    }
  })();
  return loading;
}
