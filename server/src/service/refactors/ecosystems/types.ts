/**
 * The contract of an ecosystem module (go.ts, node.ts, …): recognize the build command among a RUN's
 * commands and say what it produces, so "Extract builder stage" can copy exactly that.
 */
import type { Instruction } from 'dockerfile-ast';
import type { SimpleCommand } from '../../facts/shellCommands';

export type EcosystemId = 'go' | 'node' | 'python' | 'rust' | 'java' | 'dotnet' | 'cxx' | 'ruby' | 'php' | 'static' | 'elixir';

export type { ContextFiles } from '../../facts/files';
import type { ContextFiles } from '../../facts/files';

/** A line a refactor writes (the keyword is cased like the rest of the file when rendered). */
export interface GeneratedLine {
  keyword: string;
  args: string;
  /** A comment line written above it. */
  comment?: string;
}

export interface Artifact {
  /** Path in the builder stage. */
  source: string;
  /** Path in the runtime stage (the same path, so CMD and ENTRYPOINT keep working). */
  target: string;
  /** Inferred without certainty: the COPY line is marked for the user to check. */
  guessed?: boolean;
}

export interface BuildFacts {
  command: SimpleCommand;
  /** Every command the stage runs before this one (earlier RUNs and earlier in the same RUN). */
  earlier: readonly SimpleCommand[];
  /** ENV in effect at this RUN (ancestor stages included). */
  env: ReadonlyMap<string, string>;
  /** The stage's instructions before this RUN. */
  before: readonly Instruction[];
  /** ENTRYPOINT + CMD words of the image, and the WORKDIR they run in. */
  run: { words: readonly string[]; workdir: string };
  builderImage: string;
  files?: ContextFiles;
}

export interface BuildStep {
  /** Short description for the action title (defaults to the artifact paths). */
  summary?: string;
  /** The runtime's name in the action title when it is not the ecosystem's (`Bun` in the Node ecosystem). */
  label?: string;
  artifacts: Artifact[];
  /** Lines for the builder, before its first build step (e.g. `ENV CGO_ENABLED=0`). */
  builderSetup?: GeneratedLine[];
  /** Lines for the runtime stage before the artifact COPY lines (e.g. a production-only install). */
  runtimeSetup?: GeneratedLine[];
  /** Lines for the runtime stage after the artifact COPY lines (e.g. `ENV PATH=…`). */
  runtimeEnv?: GeneratedLine[];
  /** The output links the C library dynamically (cgo, a gnu Rust target, C/C++): the runtime keeps the builder's libc and release. */
  dynamicLibc?: boolean;
  /** The output links the C++ runtime too. */
  cxx?: boolean;
  /** An ASP.NET Core app (true) or a console app (false). */
  web?: boolean;
  /** The output statically linked only if the builder sets CGO_ENABLED=0 (Go on a glibc builder). */
  staticIfCgoDisabled?: boolean;
  /** The ecosystem runs from sources (Python, Ruby, PHP): the application folder is copied whole. */
  interpreted?: boolean;
  /** What the runtime runs instead of the package manager's start script (`node server.js` for Next.js standalone). */
  startCommand?: string[];
  /** Debian -dev packages a full toolchain image already has that the output links (`openssl-sys` → libssl-dev): their runtime libraries go to the runtime. */
  impliedDevPackages?: string[];
  /** System packages the builder installed that the app also loads at run time (Node for a Ruby app using execjs). */
  runtimePackages?: string[];
  /** Packages a slim runtime image of a distro family lacks that the build's output loads (OpenSSL for Prisma's query engine), and what loads them. */
  slimLacks?: { packages: Partial<Record<'debian' | 'ubuntu' | 'alpine', string[]>>; loader: string };
  /** The refactor cannot be sure; it is offered disabled with this reason. */
  refusal?: string;
}

export interface Ecosystem {
  id: EcosystemId;
  /** Name shown in the action title: `Go`, `Node`. */
  label: string;
  /** The build step `facts.command` performs, or undefined when it is not a build command. */
  buildStep(facts: BuildFacts): BuildStep | undefined;
  /** Commands that need the toolchain (tests, linters): after the build they stay in the builder. */
  needsToolchain(command: SimpleCommand): boolean;
  /** System packages this ecosystem's build uses that the app does not run (node-gyp's python3). */
  buildPackages?: ReadonlySet<string>;
  /** Instructions before the build the runtime stage needs too (manifests for a production install, sources). */
  alsoInRuntime?(instruction: Instruction, run: { words: readonly string[] }): boolean;
}
