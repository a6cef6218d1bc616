/**
 * `docker build` / `docker buildx build` / `docker image build` command lines read at the argv level:
 * the `--target`, `-f/--file` and context arguments, with the words they came from.
 */
import type { ShellWord } from './shellWords';

/** Options of docker build / buildx build that take a value as the next word. */
const VALUE_OPTIONS = new Set([
  '-t', '--tag', '-f', '--file', '--target', '--build-arg', '--build-context', '--platform', '--label', '--cache-from',
  '--cache-to', '-o', '--output', '--secret', '--ssh', '--builder', '--progress', '--network', '--iidfile',
  '--metadata-file', '--add-host', '--shm-size', '--ulimit', '--allow', '--attest', '--annotation', '--call',
  '--cgroup-parent', '--isolation', '-m', '--memory', '--memory-swap', '--cpu-shares', '-c', '--cpuset-cpus',
  '--cpuset-mems', '--cpu-period', '--cpu-quota', '--security-opt', '--sbom', '--provenance', '--policy', '--debug-addr',
]);

export interface DockerBuildCommand {
  target?: ShellWord;
  file?: ShellWord;
  context?: ShellWord;
  /** The `docker` word: where a missing Dockerfile is reported when nothing else names it. */
  command: ShellWord;
}

/** The docker build invocations among shell commands. */
export function dockerBuildCommands(commands: readonly ShellWord[][]): DockerBuildCommand[] {
  const out: DockerBuildCommand[] = [];
  for (const words of commands) {
    const at = words.findIndex((w) => w.text === 'docker' || w.text.endsWith('/docker'));
    if (at < 0) continue;
    const sub = words.slice(at + 1).map((w) => w.text);
    let argsFrom: number;
    if (sub[0] === 'build') argsFrom = at + 2;
    else if ((sub[0] === 'buildx' || sub[0] === 'image') && (sub[1] === 'build' || (sub[0] === 'buildx' && sub[1] === 'b'))) argsFrom = at + 3;
    else continue;
    out.push(readArgs(words, argsFrom, words[at]));
  }
  return out;
}

function readArgs(words: readonly ShellWord[], from: number, command: ShellWord): DockerBuildCommand {
  const result: DockerBuildCommand = { command };
  for (let i = from; i < words.length; i++) {
    const w = words[i];
    const t = w.text;
    if (t === '--') {
      result.context ??= words[i + 1];
      break;
    }
    if (t.startsWith('--') && t.includes('=')) {
      const name = t.slice(0, t.indexOf('='));
      const valueWord = suffixWord(w, name.length + 1);
      if (name === '--target') result.target = valueWord;
      else if (name === '--file') result.file = valueWord;
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      if (VALUE_OPTIONS.has(t)) {
        const value = words[i + 1];
        if (value) {
          if (t === '--target') result.target = value;
          else if (t === '-f' || t === '--file') result.file = value;
        }
        i++;
      } else if (/^-f./.test(t)) {
        result.file = suffixWord(w, 2);
      }
      continue;
    }
    result.context ??= w;
  }
  return result;
}

/** The part of a word after its first `n` characters (`--target=app` → `app`), when the source is plain. */
function suffixWord(w: ShellWord, n: number): ShellWord {
  const text = w.text.slice(n);
  if (!w.quoted) return { ...w, text, start: w.start + n };
  return { ...w, text, start: w.start + n, quoted: true };
}
