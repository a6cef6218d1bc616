/**
 * Python: pip / poetry / uv installs → the virtual environment they fill (one is created at /opt/venv
 * when pip installed into the system). The application's sources are copied into the runtime too.
 */
import type { Instruction } from 'dockerfile-ast';
import { copiesFromContext } from '../../facts/instructionArgs';
import { joinPath } from '../../facts/paths';
import { commandName, hasFlag, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { artifact, inCwd, line } from './hints';
import type { BuildFacts, BuildStep, Ecosystem } from './types';

const VENV = '/opt/venv';
/** Packages that are tools, not the application's dependencies: installing them is no build step. */
const TOOLS = new Set(['pip', 'setuptools', 'wheel', 'poetry', 'uv', 'pipenv', 'virtualenv', 'pip-tools']);

export const python: Ecosystem = {
  id: 'python',
  label: 'Python',
  buildStep(facts) {
    const tool = installer(facts.command);
    if (tool === 'pip') return pipStep(facts);
    if (tool === 'poetry') return projectVenvStep(facts, facts.env.get('POETRY_VIRTUALENVS_IN_PROJECT') === 'true' ? [] : [line('ENV', 'POETRY_VIRTUALENVS_CREATE=true POETRY_VIRTUALENVS_IN_PROJECT=true')]);
    if (tool === 'uv sync') return projectVenvStep(facts, []);
    if (tool === 'pipenv') return pipenvStep(facts);
    return undefined;
  },
  needsToolchain: (command: SimpleCommand) => ['pytest', 'tox', 'poetry', 'uv', 'ruff', 'mypy', 'flake8', 'pip', 'pip3'].includes(commandName(command.argv)),
  alsoInRuntime: (instruction: Instruction) => copiesFromContext(instruction),
};

/** The install a command performs: `pip install <deps>`, `poetry install`, `uv sync`, `uv pip install`. */
function installer(command: SimpleCommand): 'pip' | 'poetry' | 'uv sync' | 'pipenv' | undefined {
  const argv = command.argv;
  const name = commandName(argv);
  let rest: string[] | undefined;
  if (/^pip3?(\.\d+)?$/.test(name) && argv[1] === 'install') rest = argv.slice(2);
  else if (/^python3?(\.\d+)?$/.test(name) && argv[1] === '-m' && /^pip3?$/.test(argv[2] ?? '') && argv[3] === 'install') rest = argv.slice(4);
  else if (name === 'uv' && argv[1] === 'pip' && argv[2] === 'install' && !argv.includes('--system')) rest = argv.slice(3);
  if (rest) return installsDependencies(rest) ? 'pip' : undefined;
  if (name === 'poetry' && (argv[1] === 'install' || argv[1] === 'sync')) return 'poetry';
  if (name === 'uv' && argv[1] === 'sync') return 'uv sync';
  if (name === 'pipenv' && (argv[1] === 'install' || argv[1] === 'sync') && !argv.slice(2).some((a) => !a.startsWith('-'))) return 'pipenv';
  return undefined;
}

/** Whether pip arguments install more than packaging tools (`-r requirements.txt`, `.`, `flask`). */
function installsDependencies(args: string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    if (['-r', '--requirement', '-e', '--editable', '-c', '--constraint'].includes(args[i])) {
      if (args[i] !== '-c' && args[i] !== '--constraint') return true;
      i++;
    } else if (args[i].startsWith('-r') || args[i].startsWith('--requirement=')) return true;
    else if (!args[i].startsWith('-') && !TOOLS.has(args[i].split(/[=<>!~[]/)[0].toLowerCase())) return true;
  }
  return false;
}

/** Packages built from source against a system library (no wheels), and the Debian -dev package the full python image has for them. */
const SOURCE_BUILT: [RegExp, string][] = [
  [/^psycopg2(?!-binary)\b/i, 'libpq-dev'],
  [/^mysqlclient\b/i, 'default-libmysqlclient-dev'],
];

/** The -dev packages of the full python image that the requirements pip installs compile against (psycopg2 → libpq-dev). */
function linkedSystemLibraries(facts: BuildFacts): string[] {
  const argv = facts.command.argv;
  const files = argv.flatMap((a, i) => (a === '-r' || a === '--requirement' ? [argv[i + 1]] : /^-r./.test(a) ? [a.slice(2)] : []));
  const requirements = [...files.map((f) => facts.files?.read(f ?? '') ?? ''), ...argv.slice(2).filter((a) => !a.startsWith('-'))].flatMap((t) => t.split(/\r?\n/)).map((l) => l.trim());
  return [...new Set(SOURCE_BUILT.filter(([pattern]) => requirements.some((r) => pattern.test(r))).map(([, dev]) => dev))];
}

function pipStep(facts: BuildFacts): BuildStep {
  const step = pipOutput(facts);
  const linked = linkedSystemLibraries(facts);
  return linked.length > 0 ? { ...step, impliedDevPackages: linked } : step;
}

function pipOutput(facts: BuildFacts): BuildStep {
  const { argv } = facts.command;
  const target = optionValue(argv, ['--target', '-t', '--prefix', '--root']);
  if (target) return { artifacts: [artifact(inCwd(facts, target))] };
  if (hasFlag(argv, ['--user'])) return { artifacts: [artifact(joinPath(facts.env.get('HOME') ?? '/root', '.local'))] };
  const existing = existingVenv(facts);
  if (existing) return { artifacts: [artifact(existing)] };
  return {
    artifacts: [artifact(VENV)],
    builderSetup: [line('RUN', `python3 -m venv ${VENV}`, '# The dependencies go into a virtual environment the runtime stage copies.'), line('ENV', `VIRTUAL_ENV=${VENV} PATH="${VENV}/bin:$PATH"`)],
    runtimeEnv: [line('ENV', `VIRTUAL_ENV=${VENV} PATH="${VENV}/bin:$PATH"`)],
  };
}

/**
 * pipenv: `--system` installs with the `python` first on PATH (or the active virtual environment), so
 * the venv the builder sets up receives the packages as with pip; with PIPENV_VENV_IN_PROJECT the
 * project's `.venv`; otherwise a hashed folder under the user's home nobody can name in a COPY.
 */
function pipenvStep(facts: BuildFacts): BuildStep {
  if (hasFlag(facts.command.argv, ['--system'])) return pipStep(facts);
  const inProject = facts.command.assignments.PIPENV_VENV_IN_PROJECT ?? facts.env.get('PIPENV_VENV_IN_PROJECT');
  if (inProject !== undefined && !/^(0|false|no)?$/i.test(inProject)) return projectVenvStep(facts, []);
  return { artifacts: [], refusal: 'pipenv install puts the virtual environment in a hashed folder under the home directory; set ENV PIPENV_VENV_IN_PROJECT=1 (or install with --system) so the runtime stage can copy it' };
}

/** A virtual environment the stage created or activated before this install. */
function existingVenv(facts: BuildFacts): string | undefined {
  const fromEnv = facts.command.assignments.VIRTUAL_ENV ?? facts.env.get('VIRTUAL_ENV');
  if (fromEnv) return fromEnv;
  for (const command of [...facts.earlier].reverse()) {
    const argv = command.argv;
    const name = commandName(argv);
    const dir =
      /^python3?(\.\d+)?$/.test(name) && argv[1] === '-m' && (argv[2] === 'venv' || argv[2] === 'virtualenv') ? lastPositional(argv, 3)
      : name === 'virtualenv' ? lastPositional(argv, 1)
      : name === 'uv' && argv[1] === 'venv' ? lastPositional(argv, 2) ?? '.venv'
      : undefined;
    if (dir) return inCwd({ ...facts, command }, dir);
  }
  const pathVenv = /(?:^|:)([^:$]+)\/bin(?::|$)/.exec(facts.env.get('PATH') ?? '')?.[1];
  return pathVenv && /venv/i.test(pathVenv) ? pathVenv : undefined;
}

function lastPositional(argv: readonly string[], from: number): string | undefined {
  return argv.slice(from).filter((a) => !a.startsWith('-')).pop();
}

/** poetry / uv sync: the project's `.venv` (or UV_PROJECT_ENVIRONMENT), put on PATH in the runtime. */
function projectVenvStep(facts: BuildFacts, setup: BuildStep['builderSetup'] & object): BuildStep {
  const configured = facts.command.assignments.UV_PROJECT_ENVIRONMENT ?? facts.env.get('UV_PROJECT_ENVIRONMENT');
  const venv = inCwd(facts, configured ?? '.venv');
  return {
    artifacts: [artifact(venv)],
    builderSetup: setup.length > 0 ? setup : undefined,
    runtimeEnv: [line('ENV', `PATH="${venv}/bin:$PATH"`)],
  };
}
