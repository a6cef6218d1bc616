/** Every ecosystem "Extract builder stage" knows, one module each in this folder. */
import { cxx } from './cxx';
import { dotnet } from './dotnet';
import { elixir } from './elixir';
import { go } from './go';
import { java } from './java';
import { node } from './node';
import { python } from './python';
import { php } from './php';
import { ruby } from './ruby';
import { rust } from './rust';
import { staticSite } from './staticSite';
import type { SimpleCommand } from '../../facts/shellCommands';
import type { Ecosystem, EcosystemId } from './types';

export const ecosystems: Ecosystem[] = [go, node, python, rust, java, dotnet, cxx, ruby, php, staticSite, elixir];

export function ecosystemById(id: EcosystemId): Ecosystem {
  return ecosystems.find((e) => e.id === id) as Ecosystem;
}

/** The ecosystem whose build `command` is, judged from the command alone (no stage context). */
export function buildingEcosystem(command: SimpleCommand): Ecosystem | undefined {
  const facts = { command, earlier: [], env: new Map<string, string>(), before: [], run: { words: [], workdir: command.cwd }, builderImage: '' };
  return ecosystems.find((e) => e.buildStep(facts) !== undefined);
}
