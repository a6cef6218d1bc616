/** C/C++: `cc/gcc/g++/clang -o X` → X; `make` / `cmake --build` / `ninja` → the binary the image runs. */
import { isInside, joinPath } from '../../facts/paths';
import { commandName, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { artifact, inCwd, line, runExecutable } from './hints';
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
    const prefix = inCwd(facts, optionValue(facts.command.argv, ['--prefix']) ?? facts.command.assignments.PREFIX ?? '/usr/local');
    const binary = artifact(joinPath(joinPath(prefix, 'bin'), program), true);
    if (!installsSharedLibraries(facts)) return { artifacts: [binary] };
    // The program loads the project's own shared libraries from <prefix>/lib at start.
    const lib = joinPath(prefix, 'lib');
    return { artifacts: [binary, artifact(lib)], runtimeEnv: [line('ENV', `LD_LIBRARY_PATH=${lib}`, `# ${program} loads the shared libraries the project installs into ${lib}.`)] };
  }
  return { artifacts: [artifact(facts.command.cwd, true)] };
}

/** Whether the project's install puts shared libraries of its own beside the program (CMake, Meson, a Makefile installing .so files). */
function installsSharedLibraries(facts: BuildFacts): boolean {
  const read = (name: string) => facts.files?.read(name) ?? '';
  const configured = [...facts.earlier, facts.command].some((c) => c.argv.some((a) => /^-DBUILD_SHARED_LIBS=(ON|TRUE|1|YES)$/i.test(a)));
  const cmake = read('CMakeLists.txt');
  if (configured || /\badd_library\s*\([^)]*\bSHARED\b/i.test(cmake) || /\bBUILD_SHARED_LIBS\b[^)\n]*\b(ON|TRUE)\b/i.test(cmake)) return true;
  if (/\b(shared_library|both_libraries)\s*\(/.test(read('meson.build'))) return true;
  const makefile = read('Makefile') || read('makefile') || read('GNUmakefile');
  return /^install:/m.test(makefile) && /\.so\b/.test(makefile);
}
