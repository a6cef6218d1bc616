/**
 * Elixir: `mix release` → _build/<MIX_ENV>/rel/<release>, a self-contained release with its own Erlang
 * runtime (ERTS). ERTS links glibc or musl, OpenSSL (crypto), ncurses and libstdc++ of the builder's
 * distro, so the runtime is that distro's slim image with those libraries.
 */
import { commandName, type SimpleCommand } from '../../facts/shellCommands';
import { isInside, joinPath } from '../../facts/paths';
import { distroOf } from '../runtimeImages';
import { installCommand } from './nativeLibs';
import { artifact, inCwd, line, runPaths } from './hints';
import type { BuildFacts, BuildStep, Ecosystem, GeneratedLine } from './types';

export const elixir: Ecosystem = {
  id: 'elixir',
  label: 'Elixir',
  buildStep(facts) {
    const { argv } = facts.command;
    if (commandName(argv) !== 'mix' || argv[1] !== 'release') return undefined;
    const env = facts.command.assignments.MIX_ENV ?? facts.env.get('MIX_ENV') ?? 'dev';
    const rel = inCwd(facts, joinPath(joinPath('_build', env), 'rel'));
    const named = argv.slice(2).find((a) => !a.startsWith('-'));
    const ran = runPaths(facts).find((p) => isInside(p, rel) && p !== rel);
    const release = named ?? (ran ? ran.slice(rel.length + 1).split('/')[0] : appName(facts));
    const step: BuildStep = { artifacts: [release ? artifact(joinPath(rel, release)) : artifact(rel, true)], dynamicLibc: true, runtimeSetup: runtimeLibraries(facts) };
    // The official images set a UTF-8 locale, which the Erlang VM needs for Unicode I/O.
    if (!facts.env.has('LANG')) step.runtimeEnv = [line('ENV', 'LANG=C.UTF-8')];
    return step;
  },
  needsToolchain: (command: SimpleCommand) => ['mix', 'iex', 'elixir', 'erl', 'rebar3'].includes(commandName(command.argv)),
};

/** The `app:` of mix.exs (`app: :pinger`), the default release name. */
function appName(facts: BuildFacts): string | undefined {
  return /\bapp:\s*:([a-z_][a-z0-9_]*)/.exec(facts.files?.read('mix.exs') ?? '')?.[1];
}

/** The shared libraries ERTS loads, as packages of the builder's distro. */
function runtimeLibraries(facts: BuildFacts): GeneratedLine[] {
  const distro = distroOf(facts.builderImage);
  if (!distro) return [];
  const packages = distro.family === 'alpine' ? ['libstdc++', 'libgcc', 'openssl', 'ncurses-libs'] : ['libstdc++6', 'openssl', 'libncurses6', 'ca-certificates'];
  return [line('RUN', installCommand(packages, distro), '# The libraries the release\'s Erlang runtime loads (OpenSSL for crypto, ncurses, libstdc++).')];
}
