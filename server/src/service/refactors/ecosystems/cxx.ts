/** C/C++: `cc/gcc/g++/clang -o X` → X; `make` / `cmake --build` / `ninja` → the binary the image runs. */
import { isInside, joinPath } from '../../facts/paths';
import { commandName, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { artifact, inCwd, runExecutable } from './hints';
import { sourceFiles } from './contextScan';
import type { BuildFacts, BuildStep, Ecosystem } from './types';

const COMPILERS = /^(cc|c\+\+|gcc|g\+\+|clang|clang\+\+)(-\d+)?$/;
const BUILD_TOOLS = new Set(['make', 'cmake', 'ninja', 'meson']);

export const cxx: Ecosystem = {
  id: 'cxx',
  label: 'C/C++',
  buildStep(facts) {
    const { argv } = facts.command;
    const name = commandName(argv);
    if (COMPILERS.test(name)) {
      const out = optionValue(argv, ['-o']);
      if (!out || argv.includes('-c')) return undefined;
      return { artifacts: [artifact(inCwd(facts, out))], dynamicLibc: !argv.includes('-static'), cxx: /\+\+/.test(name) || argv.some((a) => /\.(cc|cpp|cxx)$/.test(a)) };
    }
    if (!BUILD_TOOLS.has(name) || (name === 'cmake' && !argv.includes('--build') && !argv.includes('--install'))) return undefined;
    if (name === 'meson' && argv[1] !== 'compile' && argv[1] !== 'install') return undefined;
    // Whether make/cmake builds C++ shows in the sources; unknown counts as C++ (it needs more at run time).
    const sources = sourceFiles(facts.files, /\.(c|cc|cpp|cxx)$/);
    return { ...toolOutput(facts), dynamicLibc: true, cxx: sources.length === 0 || sources.some((f) => !f.endsWith('.c')) };
  },
  needsToolchain: (command: SimpleCommand) => COMPILERS.test(commandName(command.argv)) || BUILD_TOOLS.has(commandName(command.argv)) || commandName(command.argv) === 'ctest',
};

/** What a build tool made: the executable the image runs, when it is a path or on PATH after `make install`. */
function toolOutput(facts: BuildFacts): BuildStep {
  const run = runExecutable(facts);
  if (run) return { artifacts: [artifact(run, !isInside(run, facts.command.cwd))] };
  const program = facts.run.words[0];
  const installs = facts.command.argv.includes('install') || facts.command.argv.includes('--install');
  if (program && installs) {
    const prefix = optionValue(facts.command.argv, ['--prefix']) ?? facts.command.assignments.PREFIX ?? '/usr/local';
    return { artifacts: [artifact(joinPath(joinPath(inCwd(facts, prefix), 'bin'), program), true)] };
  }
  return { artifacts: [artifact(facts.command.cwd, true)] };
}
