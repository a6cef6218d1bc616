/** .NET: `dotnet publish -o X` → X (else bin/<config>/<tfm>/publish from the project file), run on aspnet. */
import { baseName, dirName, joinPath } from '../../facts/paths';
import { commandName, optionValue, type SimpleCommand } from '../../facts/shellCommands';
import { artifact, inCwd, line, runPaths } from './hints';
import type { BuildFacts, BuildStep, Ecosystem } from './types';

export const dotnet: Ecosystem = {
  id: 'dotnet',
  label: '.NET',
  buildStep(facts) {
    const { argv } = facts.command;
    if (commandName(argv) !== 'dotnet') return undefined;
    const output = optionValue(argv, ['-o', '--output']);
    if (argv[1] === 'build' && output) return { artifacts: [artifact(inCwd(facts, output))], web: isWebProject(facts), ...cultureData(facts) };
    if (argv[1] !== 'publish') return undefined;
    return { ...(output ? { artifacts: [artifact(inCwd(facts, output))] } : defaultPublishDir(facts)), web: isWebProject(facts), ...cultureData(facts) };
  },
  needsToolchain: (command: SimpleCommand) => commandName(command.argv) === 'dotnet' && !/\.dll$/i.test(command.argv[1] ?? ''),
};

/** bin/<config>/<tfm>/publish next to the project; the TFM comes from the project file when readable. */
function defaultPublishDir(facts: BuildFacts): BuildStep {
  const { argv } = facts.command;
  const project = argv.slice(2).find((a, i) => !a.startsWith('-') && !/^-/.test(argv[i + 1] ?? '') && /\.(cs|fs|vb)proj$/i.test(a));
  const projectDir = project ? dirName(inCwd(facts, project)) : facts.command.cwd;
  const config = optionValue(argv, ['-c', '--configuration']) ?? 'Release';
  const bin = joinPath(joinPath(projectDir, 'bin'), config);
  const ran = runPaths(facts).find((p) => p.startsWith(bin));
  if (ran) return { artifacts: [artifact(dirName(ran))] };
  const tfm = project ? /<TargetFramework>([^<;]+)<\/TargetFramework>/.exec(facts.files?.read(project) ?? '')?.[1] : undefined;
  if (tfm) return { artifacts: [artifact(joinPath(joinPath(bin, tfm), 'publish'))] };
  return { artifacts: [artifact(bin, true)], summary: `${baseName(projectDir)} bin/${config}` };
}

/** Whether the project built is an ASP.NET Core app (Sdk="Microsoft.NET.Sdk.Web"); undefined when unreadable. */
function isWebProject(facts: BuildFacts): boolean | undefined {
  const text = projectFile(facts);
  if (text === undefined) return undefined;
  return /Sdk="Microsoft\.NET\.Sdk\.(Web|Razor|BlazorWebAssembly)"/.test(text);
}

/** The project file the command builds (named, or the only one at the context root), when readable. */
function projectFile(facts: BuildFacts): string | undefined {
  const { argv } = facts.command;
  const named = argv.slice(2).find((a) => /\.(cs|fs|vb)proj$/i.test(a));
  const candidates = named ? [named] : (facts.files?.list?.('') ?? []).filter((f) => /\.(cs|fs|vb)proj$/i.test(f));
  return candidates.length === 1 ? facts.files?.read(candidates[0].replace(/^\.\//, '')) : undefined;
}

/**
 * The Alpine SDK image has ICU and runs with culture data; the Alpine runtime images run in globalization
 * invariant mode without it (culture formatting changes, SqlClient refuses to start). Unless the project
 * asks for invariant mode itself, the runtime installs ICU and turns invariant mode off.
 */
function cultureData(facts: BuildFacts): Pick<BuildStep, 'runtimeSetup'> {
  if (!/alpine/.test(facts.builderImage) || facts.env.has('DOTNET_SYSTEM_GLOBALIZATION_INVARIANT')) return {};
  if (/<InvariantGlobalization>\s*true\s*<\/InvariantGlobalization>/i.test(projectFile(facts) ?? '')) return {};
  // Alpine 3.16 moved all locales but English into icu-data-full.
  const release = /alpine(\d+)\.(\d+)/.exec(facts.builderImage);
  const packages = release && (Number(release[1]) < 3 || (Number(release[1]) === 3 && Number(release[2]) < 16)) ? 'icu-libs' : 'icu-data-full icu-libs';
  return { runtimeSetup: [line('RUN', `apk add --no-cache ${packages}`, '# The SDK image had ICU; the Alpine runtime image runs without culture data unless it is installed.'), line('ENV', 'DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false')] };
}
