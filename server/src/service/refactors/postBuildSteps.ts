/**
 * Post-build steps: RUNs after the build that only shape its output (cp, mv, chmod, ln, rm of sources)
 * stay in the builder, and the artifact path follows the copies and moves they make.
 */
import type { Artifact } from './ecosystems/types';
import { baseName, isInside, joinPath, resolvePath } from '../facts/paths';
import { commandName, type SimpleCommand } from '../facts/shellCommands';

const SHAPING = new Set(['cp', 'mv', 'chmod', 'chown', 'ln', 'rm', 'mkdir', 'strip', 'install', 'touch', 'find', 'upx', 'rmdir']);
const MOVING = new Set(['cp', 'mv', 'install', 'ln']);
/** Options of the shaping commands that take a value. */
const VALUE_OPTIONS = new Set(['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory', '-name', '-type', '-maxdepth', '-mindepth']);

function operands(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i].startsWith('-') && argv[i] !== '-') {
      if (VALUE_OPTIONS.has(argv[i])) i++;
      continue;
    }
    out.push(argv[i]);
  }
  return out;
}

/** Whether a RUN only shapes the build output: every command a shaping one, at least one touching the build area. */
export function isPostBuildStep(commands: readonly SimpleCommand[], buildArea: readonly string[]): boolean {
  if (commands.length === 0 || !commands.every((c) => SHAPING.has(commandName(c.argv)))) return false;
  return commands.some((c) => operands(c.argv).some((a) => {
    const p = resolvePath(c.cwd, a);
    return buildArea.some((b) => isInside(p, b));
  }));
}

/** `*` and `?` of a shell glob, as a RegExp over a whole path. */
function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
}

const matches = (path: string, pattern: string) => path === pattern || (pattern.includes('*') && globToRegExp(pattern).test(path)) || (path.includes('*') && globToRegExp(path).test(pattern));

/** The artifacts after the copies and moves of a post-build RUN (`cp build/libs/*.jar app.jar` → /app/app.jar). */
export function followPostBuildSteps(artifacts: readonly Artifact[], commands: readonly SimpleCommand[]): Artifact[] {
  let current = [...artifacts];
  for (const command of commands) {
    const name = commandName(command.argv);
    if (!MOVING.has(name)) continue;
    const args = operands(command.argv);
    const targetDir = command.argv.find((a, i) => (command.argv[i - 1] === '-t' || command.argv[i - 1] === '--target-directory') && a);
    if (args.length < (targetDir ? 1 : 2)) continue;
    const words = targetDir ? args.filter((a) => a !== targetDir) : args.slice(0, -1);
    const sources = words.map((s) => resolvePath(command.cwd, s.replace(/\/(\.|\*)$/, '')));
    // `cp -r dist/. /www/` and `cp -r dist/* /www/` copy the folder's contents, not the folder.
    const contents = words.some((w) => /\/(\.|\*)$/.test(w));
    const destWord = targetDir ?? args[args.length - 1];
    const dest = resolvePath(command.cwd, destWord);
    const intoDir = !!targetDir || destWord.endsWith('/') || sources.length > 1 || words.some((s) => s.includes('*') && !/\/\*$/.test(s)) || dest === '/usr/local/bin' || dest === '/usr/bin';
    current = current.map((a) => {
      const source = sources.find((s) => matches(a.source, s) || (!a.source.includes('*') && isInside(s, a.source) && s !== a.source));
      if (!source) return a;
      const moved = intoDir && !(contents && source === a.source) ? joinPath(dest, baseName(source)) : dest;
      return source.includes('*') && !intoDir ? { source: dest, target: dest } : { source: moved.includes('*') ? `${dest}/${baseName(source)}` : moved, target: moved.includes('*') ? `${dest}/` : moved };
    });
  }
  return current;
}
