/**
 * Ruby: `bundle install` → the gems folder (BUNDLE_PATH, `--path`, `bundle config set path`, else the
 * official image's /usr/local/bundle); the application's sources are copied into the runtime too, and
 * the bundler settings the runtime needs to find the gems come along as ENV.
 */
import type { Instruction } from 'dockerfile-ast';
import { copiesFromContext } from '../../facts/instructionArgs';
import { commandName, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { artifact, inCwd, line } from './hints';
import type { BuildFacts, Ecosystem, GeneratedLine } from './types';

const DEFAULT_BUNDLE = '/usr/local/bundle';

export const ruby: Ecosystem = {
  id: 'ruby',
  label: 'Ruby',
  buildStep(facts) {
    const { argv } = facts.command;
    if (isAssetPrecompile(argv)) return { artifacts: assetFolders(facts).map((f) => artifact(inCwd(facts, f))), interpreted: true };
    if (commandName(argv) !== 'bundle' || !(argv[1] === undefined || argv[1] === 'install' || argv[1].startsWith('--'))) return undefined;
    const configured = bundleConfig(facts, 'path');
    const path = configured ?? facts.env.get('BUNDLE_PATH') ?? facts.env.get('GEM_HOME') ?? DEFAULT_BUNDLE;
    const env: GeneratedLine[] = [];
    const resolved = inCwd(facts, path);
    if (configured && !facts.env.has('BUNDLE_PATH')) env.push(line('ENV', `BUNDLE_PATH=${resolved}`));
    const without = bundleConfig(facts, 'without');
    if (without && !facts.env.has('BUNDLE_WITHOUT')) env.push(line('ENV', `BUNDLE_WITHOUT="${without.replace(/\s+/g, ':')}"`));
    return { artifacts: [artifact(resolved)], runtimeEnv: env, interpreted: true, ...(usesExecJs(facts) ? { runtimePackages: JS_RUNTIMES } : {}) };
  },
  needsToolchain: (command: SimpleCommand) => ['rspec', 'rubocop'].includes(commandName(command.argv)) || (commandName(command.argv) === 'bundle' && command.argv[1] === 'install'),
  alsoInRuntime: (instruction: Instruction) => copiesFromContext(instruction),
};

/** Packages that give execjs a JavaScript runtime. */
const JS_RUNTIMES = ['nodejs', 'node'];

/** The bundle holds execjs (uglifier, autoprefixer-rails, coffee-rails…), which looks for a JavaScript runtime when the app loads. */
function usesExecJs(facts: BuildFacts): boolean {
  return /^[ \t]+execjs \(/m.test(facts.files?.read('Gemfile.lock') ?? '');
}

/**
 * `rails assets:precompile` (also through rake, bin/rails, bundle exec): it compiles the assets with the
 * builder's tools (Node for webpacker, jsbundling, execjs), so it is a build step and the runtime takes
 * its output.
 */
function isAssetPrecompile(argv: readonly string[]): boolean {
  const words = commandName(argv) === 'bundle' && argv[1] === 'exec' ? argv.slice(2) : argv;
  return /^(rails|rake)$/.test(commandName(words)) && words.slice(1).some((w) => w === 'assets:precompile');
}

/** Where the precompiled assets go: public/assets (Sprockets, Propshaft), and the bundlers' folders the Gemfile names. */
function assetFolders(facts: BuildFacts): string[] {
  const gemfile = facts.files?.read('Gemfile') ?? '';
  const gem = (name: string) => new RegExp(`^\\s*gem\\s+["']${name}["']`, 'm').test(gemfile);
  return ['public/assets', ...(gem('webpacker') || gem('shakapacker') ? ['public/packs'] : []), ...(gem('vite_rails') || gem('vite_ruby') ? ['public/vite'] : [])];
}

/** A bundler setting from `bundle install --<name> X` or an earlier `bundle config [set] [--local] <name> X`. */
function bundleConfig(facts: BuildFacts, name: string): string | undefined {
  const flag = optionValue(facts.command.argv, [`--${name}`]);
  if (flag) return flag;
  for (const command of [...facts.earlier].reverse()) {
    const argv = command.argv.filter((a) => a !== '--local' && a !== '--global');
    if (commandName(argv) !== 'bundle' || argv[1] !== 'config') continue;
    const at = argv[2] === 'set' ? 3 : 2;
    if (argv[at] === name && argv[at + 1] !== undefined) return argv.slice(at + 1).join(' ');
  }
  return undefined;
}
