/**
 * toolchain-in-final-stage: the build target ships a build toolchain — its base is a toolchain image
 * (golang, rust, maven, gradle, full node, the .NET SDK, gcc, …) or it installs compilers
 * (build-essential, gcc, make, …) without removing them in the same RUN. Only targets meant to run
 * an application (a CMD or ENTRYPOINT in the target's FROM chain) are checked, and targets named like
 * development, test or CI stages are left alone.
 */
import { escapeRegExp } from '../facts/text';
import type { Instruction } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../model';
import { extractBuilderStage } from '../refactors/extractBuilderStage';
import { parseImageRef } from '../facts/images';
import { ancestorsOf, rootImage } from '../facts/stageState';
import { installedPackages, removesPackages } from '../facts/installs';
import { runCommands } from '../facts/shellCommands';
import { asQuickFix, dataNumber } from './support/fixes';
import { buildTarget } from '../facts/neededStages';
import { stageRef } from '../facts/labels';
import type { Rule } from './types';

/** Toolchain images, by repository; the predicate says which tags are toolchains. */
const TOOLCHAIN_IMAGES: Record<string, (tag: string) => boolean> = {
  golang: () => true,
  rust: () => true,
  maven: () => true,
  gradle: () => true,
  gcc: () => true,
  'buildpack-deps': () => true,
  haskell: () => true,
  node: (tag) => !/slim|alpine|distroless/.test(tag),
  swift: (tag) => !/slim/.test(tag),
  'eclipse-temurin': (tag) => /jdk/.test(tag),
  openjdk: (tag) => /jdk/.test(tag),
  amazoncorretto: (tag) => /jdk/.test(tag),
  'mcr.microsoft.com/dotnet/sdk': () => true,
  'mcr.microsoft.com/dotnet/framework/sdk': () => true,
};

const COMPILER_PACKAGES = new Set([
  'build-essential', 'build-base', 'gcc', 'g++', 'gcc-c++', 'clang', 'make', 'cmake', 'autoconf', 'automake',
  'libtool', 'golang', 'golang-go', 'rustc', 'cargo', 'maven', 'gradle',
]);

/** Target names that say the stage is meant to hold tools. */
/** Names that describe a build stage: on the target that ships by default they silence nothing. */
const BUILD_NAME = /^(build|builder|compile|compiler)$/;
const TOOL_STAGE = /(^|[-_.])(dev|devel|develop|development|devcontainer|test|tests|testing|lint|ci|check|validate|verify|debug|build|builder|compile|tools?|vet|fmt|format|sdk|generate|vendor|outdated|updates?)([-_.]|$)/;

function toolchainImage(written: string, expanded: string): string | undefined {
  const ref = parseImageRef(expanded.includes('$') ? written : expanded);
  if (ref.repository.includes('$')) return undefined;
  const isToolchain = TOOLCHAIN_IMAGES[ref.repository];
  if (!isToolchain || ref.tag.includes('$') || !isToolchain(ref.tag)) return undefined;
  return expanded.includes('$') ? written : expanded;
}

interface CompilerInstall {
  instruction: Instruction;
  packages: string[];
}

function compilerInstall(model: StageModel, stage: Stage): CompilerInstall | undefined {
  for (const s of [...ancestorsOf(model, stage), stage]) {
    for (const instruction of s.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      const commands = runCommands(instruction, model.escapeChar, '');
      if (commands.some(removesPackages)) continue;
      const packages = commands.flatMap((c) => installedPackages(c) ?? []).filter((p) => COMPILER_PACKAGES.has(p));
      if (packages.length > 0) return { instruction, packages: [...new Set(packages)] };
    }
  }
  return undefined;
}

function wordRange(model: StageModel, instruction: Instruction, word: string): Range {
  const doc = model.document;
  const start = doc.offsetAt(instruction.getRange().start);
  const text = doc.getText(instruction.getRange());
  const m = new RegExp(`(^|[\\s=])(${escapeRegExp(word)})(?=\\s|$)`, 'm').exec(text);
  if (!m) return instruction.getInstructionRange();
  const at = start + m.index + m[1].length;
  return { start: doc.positionAt(at), end: doc.positionAt(at + word.length) };
}

export const toolchainInFinalStage: Rule = {
  id: 'toolchain-in-final-stage',
  defaultSeverity: 'information',
  description: 'The build target is based on a toolchain image or installs compilers, which then ship in the image.',
  messages: {
    toolchainImage:
      "The build target {label} runs on '{image}', a build toolchain image: compilers, package caches and sources ship with the application. Build in a separate stage and copy only the result into a runtime image.",
    buildTools:
      'The build target {label} installs build tools ({packages}) that stay in the image. Compile in a builder stage and copy only the result into the final stage.',
  },
  check({ model, settings }, report) {
    const target = buildTarget(model, settings);
    if (!target) return;
    const shipsByDefault = settings.target === '' && target.index === model.stages.length - 1;
    if (target.normalizedName && TOOL_STAGE.test(target.normalizedName) && !(shipsByDefault && BUILD_NAME.test(target.normalizedName))) return;
    const chain = [...ancestorsOf(model, target), target];
    if (!chain.some((s) => s.instructions.some((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT'))) return;
    const label = `(${stageRef(target)})`;
    const root = rootImage(model, target);
    const image = toolchainImage(root.written, root.expanded);
    if (image && target.baseImageRange) {
      report({
        range: target.baseImageRange,
        messageId: 'toolchainImage',
        data: { stage: target.index, label, image },
      });
      return;
    }
    const install = compilerInstall(model, target);
    if (install) {
      report({
        range: wordRange(model, install.instruction, install.packages[0]),
        messageId: 'buildTools',
        data: { stage: target.index, label, packages: install.packages.join(', ') },
      });
    }
  },
  fix({ model, settings, files }, diagnostic) {
    const index = dataNumber(diagnostic, 'stage');
    if (index === undefined || !model.stages[index]) return [];
    // The very action of the refactor menu: same title, same edit, same context files.
    const fix = asQuickFix(extractBuilderStage(model, index, settings, files.context), diagnostic);
    return fix ? [fix] : [];
  },
};
