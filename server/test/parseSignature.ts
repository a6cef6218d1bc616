/**
 * Everything a reader can ask dockerfile-ast about the instructions of a parse, as plain data: used
 * to prove that our parse (service/parse.ts, words tokenized once) answers exactly like
 * dockerfile-ast as published. Every question is asked twice, the second time after From's
 * range-mutating getters ran, so a shared argument that moved would show.
 */
import type { Dockerfile, Flag, From, Instruction } from 'dockerfile-ast';
import type { ImageTemplate } from 'dockerfile-ast/lib/imageTemplate';

type Questions = Record<string, () => unknown>;

function flagData(flag: Flag): unknown {
  return [flag.getName(), flag.getValue(), flag.getRange(), flag.getNameRange(), flag.getValueRange(), flag.getOptions().map((o) => [o.getName(), o.getValue(), o.getRange(), o.getValueRange()])];
}

function questions(instruction: Instruction): Questions {
  const q: Questions = {
    keyword: () => instruction.getKeyword(),
    range: () => instruction.getRange(),
    instructionRange: () => instruction.getInstructionRange(),
    arguments: () => instruction.getArguments().map((a) => [a.getValue(), a.getRange()]),
    rawArgumentsContent: () => instruction.getRawArgumentsContent(),
    argumentsContent: () => instruction.getArgumentsContent(),
    argumentsRange: () => instruction.getArgumentsRange(),
    argumentsRanges: () => instruction.getArgumentsRanges(),
    text: () => instruction.toString(),
    variables: () => instruction.getVariables().map((v) => [v.getName(), v.getRange(), v.getNameRange()]),
  };
  const withFlags = instruction as Instruction & { getFlags?(): Flag[] };
  if (withFlags.getFlags) q.flags = () => withFlags.getFlags!().map(flagData);
  const json = instruction as Instruction & { getJSONStrings?(): { getValue(): string; getRange(): unknown }[] };
  if (json.getJSONStrings) q.json = () => json.getJSONStrings!().map((s) => [s.getValue(), s.getRange()]);
  const withProperties = instruction as Instruction & { getProperties?(): { getName(): string; getValue(): string | null; getRange(): unknown }[] };
  if (withProperties.getProperties) q.properties = () => withProperties.getProperties!().map((p) => [p.getName(), p.getValue(), p.getRange()]);
  if (instruction.getKeyword() === 'FROM') {
    const from = instruction as From;
    Object.assign(q, {
      image: () => [from.getImage(), from.getImageRange(), from.getImageName(), from.getImageTag(), from.getImageTagRange(), from.getImageDigest(), from.getImageDigestRange()],
      registry: () => [from.getRegistry(), from.getRegistryRange(), from.getImageNameRange()],
      stage: () => [from.getBuildStage(), from.getBuildStageRange(), from.getPlatformFlag()?.getValue()],
    });
  }
  return q;
}

function ask(q: Questions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, f] of Object.entries(q)) {
    try {
      out[name] = JSON.stringify(f());
    } catch (e) {
      out[name] = `throws ${(e as Error)?.message}`;
    }
  }
  return out;
}

/** The comments each stage holds (dockerfile-ast keeps its stages in private fields; its features read them). */
function commentsByStage(dockerfile: Dockerfile): unknown {
  const d = dockerfile as unknown as { initialInstructions: ImageTemplate; buildStages: ImageTemplate[] };
  const comments = (t: ImageTemplate) => t.getComments().map((c) => [c.getContent(), c.getRange()]);
  return { all: comments(dockerfile as unknown as ImageTemplate), initial: comments(d.initialInstructions), stages: d.buildStages.map(comments) };
}

export function parseSignature(dockerfile: Dockerfile): unknown[] {
  const instructions = dockerfile.getInstructions().map((instruction) => {
    const q = questions(instruction);
    return [ask(q), ask(q)];
  });
  return [...instructions, commentsByStage(dockerfile)];
}
