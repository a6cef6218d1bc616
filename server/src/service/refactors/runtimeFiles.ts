/**
 * The files of the build context an application reads at run time, which a builder stage would leave
 * behind: well-known folders (templates/, static/, public/, views/, config/…), data files (*.db), paths
 * named in CMD/ENTRYPOINT, and paths the sources open by a literal string. What `//go:embed` compiles
 * into the binary needs nothing. Only entries the build copied in from the context are considered.
 */
import type { Stage } from '../model';
import { goEmbedPatterns, sourceFiles, stringLiterals } from './ecosystems/contextScan';
import type { Artifact, ContextFiles } from './ecosystems/types';
import type { Placement, RunFacts } from './extractPlan';
import { copyArgs } from '../facts/instructionArgs';
import { isInside, resolvePath } from '../facts/paths';
import type { BuildState } from '../facts/stageState';

const RUNTIME_DIRS = new Set(['templates', 'template', 'static', 'public', 'views', 'assets', 'web', 'www', 'config', 'configs', 'conf', 'locales', 'locale', 'i18n', 'translations', 'migrations', 'data', 'content', 'html']);
const DATA_FILES = /\.(db|sqlite|sqlite3)$/;
/** Entries that are sources, manifests or repository files, never read by the running app. */
const NEVER = /^(src|cmd|internal|pkg|lib|test|tests|spec|docs?|scripts|\.github|\.git|node_modules|target|vendor|build|dist|Dockerfile.*|.*\.Dockerfile|\.dockerignore|\.gitignore|README.*|LICENSE.*|CHANGELOG.*|Makefile|CMakeLists\.txt|go\.(mod|sum)|Cargo\.(toml|lock)|package(-lock)?\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|tsconfig.*\.json|pom\.xml|build\.gradle.*|settings\.gradle.*|gradlew.*|mvnw.*|.*\.(go|rs|c|cc|cpp|h|hpp|ts|tsx|java|kt|cs|csproj|sln|fs|md))$/;
const CODE = /\.(go|rs|c|cc|cpp|cxx|h|hpp|js|mjs|cjs|ts|tsx|java|kt|scala|cs|fs)$/;
/** Files frameworks read from the working directory without the code naming them (Rocket, dotenv, Spring Boot). */
const IMPLICIT = /^(Rocket\.toml|\.env|application(-[\w-]+)?\.(properties|ya?ml))$/;
/** Config formats a library finds by name without extension (viper's SetConfigName("settings"), the config crate). */
const CONFIG_FILE = /^(.+)\.(ya?ml|toml|json|ini|conf|properties|env|hcl)$/;
const CONFIG_NAMES = /^next\.config\.(js|mjs|cjs|ts)$/;
/** Build tools' configuration: the paths it names are build inputs (`entry: './client/main.js'`), not files the app reads. */
const BUILD_CONFIG = /(^|\/)(webpack|vite|rollup|tailwind|postcss|babel|jest|vitest|eslint|prettier|tsup|esbuild|gulpfile|Gruntfile)(\.config)?\.[cm]?[jt]s$/;

export interface RuntimeFilesInput {
  stage: Stage;
  states: BuildState[];
  files?: ContextFiles;
  run: RunFacts;
  artifacts: Artifact[];
  placements: Placement[];
  /** The WORKDIR the program runs in. */
  workdir: string;
  ecosystem?: string;
  /** The build packages what the app reads (a jar, a .NET publish folder): only files named in CMD or the code, or read implicitly, are copied. */
  packaged?: boolean;
}

/** Node builds take public/ and static/ in as inputs (CRA, Vite); only Next.js serves public/ at run time. */
const NODE_BUILD_INPUTS = new Set(['public', 'static', 'assets', 'content', 'html', 'web', 'www']);

export function runtimeFilesFor(input: RuntimeFilesInput): Artifact[] {
  const { stage, states, files, run, artifacts, placements, workdir } = input;
  const next = artifacts.some((a) => /\/\.next(\/|$)/.test(a.source));
  const wellKnown = (e: string) => RUNTIME_DIRS.has(e) && (input.ecosystem !== 'node' || !NODE_BUILD_INPUTS.has(e) || (next && e === 'public'));
  const copied = contextCopies(stage, states, placements);
  if (copied.length === 0) return [];
  const whole = copied.find((c) => c.sources.includes('.') || c.sources.includes('./'));
  const listed = files?.list?.('') ?? [];
  const entries = whole ? listed.map((e) => e.replace(/\/$/, '')) : copied.flatMap((c) => c.sources.map((s) => s.replace(/^\.\//, '').replace(/\/$/, '')));
  const candidates = entries.filter((e) => e !== '' && !NEVER.test(e) && !e.includes('/') && !e.includes('*'));
  if (candidates.length === 0) return [];
  const embedded = new Set<string>();
  const literals = new Set<string>();
  for (const file of sourceFiles(files, CODE).filter((f) => !BUILD_CONFIG.test(f))) {
    const text = files?.read(file) ?? '';
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const pattern of goEmbedPatterns(text)) embedded.add(firstSegment(dir + pattern));
    for (const literal of stringLiterals(text)) literals.add(firstSegment(literal));
  }
  // A CMD word naming a built artifact (`app/build/libs/app.jar` of a Gradle module) names no context folder to copy.
  for (const word of run.words.slice(1)) {
    const value = word.replace(/^--?[\w.-]+=/, '');
    if (!artifacts.some((a) => isInside(resolvePath(workdir, value), a.target))) literals.add(firstSegment(value));
  }
  const wanted = candidates.filter((e) => {
    if (embedded.has(e)) return false;
    const isDir = listed.includes(`${e}/`) || (!whole && !/\.\w+$/.test(e));
    const stem = CONFIG_FILE.exec(e)?.[1];
    const named = literals.has(e) || (stem !== undefined && literals.has(stem)) || IMPLICIT.test(e);
    if (input.packaged) return named || (isDir && e === 'config' && input.ecosystem === 'java');
    return (isDir && wellKnown(e)) || DATA_FILES.test(e) || (next && CONFIG_NAMES.test(e)) || named;
  });
  const out: Artifact[] = [];
  for (const entry of wanted) {
    const from = whole ?? copied.find((c) => c.sources.some((s) => s.replace(/^\.\//, '').replace(/\/$/, '') === entry));
    if (!from) continue;
    const source = from.sources.length === 1 && !whole && !from.destination.endsWith('/') ? from.destination : resolvePath(from.destination, entry);
    const target = resolvePath(workdir, entry);
    if (artifacts.some((a) => isInside(source, a.source))) continue;
    out.push({ source, target });
  }
  return out;
}

/**
 * Where the build copied the whole build context (`COPY . .`) when no listing of the context is
 * available: the files the app may read at run time there cannot be known, so the result marks it.
 */
export function unlistedContextCopy(input: RuntimeFilesInput): string | undefined {
  if (input.files?.list?.('') !== undefined) return undefined;
  const whole = contextCopies(input.stage, input.states, input.placements).find((c) => c.sources.includes('.') || c.sources.includes('./'));
  return whole?.destination;
}

const firstSegment = (p: string) => p.replace(/^\.\//, '').split('/')[0];

/** The context copies that go only to the builder, with their destination resolved. */
function contextCopies(stage: Stage, states: BuildState[], placements: Placement[]): { sources: string[]; destination: string }[] {
  return stage.instructions.flatMap((instruction, i) => {
    const args = copyArgs(instruction);
    if (!args || args.from !== undefined || placements[i] !== 'builder') return [];
    return [{ sources: args.sources, destination: resolvePath(states[i].workdir, args.destination) }];
  });
}
