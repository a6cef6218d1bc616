/**
 * Static site generators (Hugo, Jekyll, MkDocs, Zola): the generated site, served by the web server
 * image the Dockerfile started from (nginx, httpd); the generator and the sources stay in the builder.
 */
import { commandName, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { artifact, inCwd } from './hints';
import type { BuildFacts, Ecosystem } from './types';

const GENERATORS = new Set(['hugo', 'jekyll', 'mkdocs', 'zola']);

export const staticSite: Ecosystem = {
  id: 'static',
  label: 'Static site',
  buildStep(facts) {
    const { argv } = facts.command;
    const name = commandName(argv);
    const words = name === 'bundle' && argv[1] === 'exec' ? argv.slice(2) : argv;
    const tool = commandName(words);
    if (!GENERATORS.has(tool)) return undefined;
    const out = output(facts, tool, words);
    return out ? { artifacts: [artifact(out)], summary: `${tool}: ${out}` } : undefined;
  },
  needsToolchain: (command: SimpleCommand) => GENERATORS.has(commandName(command.argv)),
};

/** Where the generator writes the site; undefined when the command is not a build (`hugo server`). */
function output(facts: BuildFacts, tool: string, argv: readonly string[]): string | undefined {
  const sub = argv[1] && !argv[1].startsWith('-') ? argv[1] : undefined;
  if (tool === 'hugo') {
    if (sub && sub !== 'build') return undefined;
    const source = optionValue(argv, ['-s', '--source']);
    const base = source ? inCwd(facts, source) : facts.command.cwd;
    const dest = optionValue(argv, ['-d', '--destination']) ?? 'public';
    return inCwd({ ...facts, command: { ...facts.command, cwd: base } }, dest);
  }
  if (tool === 'jekyll') return sub === 'build' || sub === 'b' ? inCwd(facts, optionValue(argv, ['-d', '--destination']) ?? '_site') : undefined;
  if (tool === 'mkdocs') return sub === 'build' ? inCwd(facts, optionValue(argv, ['-d', '--site-dir']) ?? 'site') : undefined;
  if (tool === 'zola') return sub === 'build' ? inCwd(facts, optionValue(argv, ['-o', '--output-dir']) ?? 'public') : undefined;
  return undefined;
}
