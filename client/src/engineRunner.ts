/**
 * Runs short engine queries (image inspect, history, create/export/rm) as child processes: argv only
 * (`spawn` without a shell), bounded in time, each command line logged to the output channel.
 * Long-running work (builds, shells) goes through tasks instead (buildTask.ts).
 */
import { spawn } from 'node:child_process';
import type { Invocation } from './engineCommand';

export interface Log {
  appendLine(line: string): void;
}

export const QUERY_TIMEOUT_MS = 60_000;

/** How a command line is shown in the log: arguments quoted when they hold spaces or quotes. */
export function commandLine(inv: Pick<Invocation, 'command' | 'args'>): string {
  return [inv.command, ...inv.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

export class EngineQueryError extends Error {}

/**
 * Runs `inv` and resolves with its stdout; rejects with stderr's last lines when it fails, cannot
 * start or outlives `timeoutMs`. `onStdout`, when given, receives the output instead (streaming).
 */
export function runEngine(inv: Invocation, log: Log, options: { timeoutMs?: number; onStdout?: (chunk: Buffer) => void } = {}): Promise<string> {
  log.appendLine(`$ ${commandLine(inv)}`);
  return new Promise((resolve, reject) => {
    const child = spawn(inv.command, inv.args, { env: { ...process.env, ...inv.env }, shell: false, windowsHide: true });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EngineQueryError(`'${commandLine(inv)}' took longer than ${Math.round((options.timeoutMs ?? QUERY_TIMEOUT_MS) / 1000)} s and was stopped.`));
    }, options.timeoutMs ?? QUERY_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => (options.onStdout ? options.onStdout(chunk) : out.push(chunk)));
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new EngineQueryError(`could not run '${inv.command}': ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else {
        const reason = err.trim().split(/\r?\n/).slice(-3).join(' ') || `exit code ${code}`;
        log.appendLine(`  failed: ${reason}`);
        reject(new EngineQueryError(`'${commandLine(inv)}' failed: ${reason}`));
      }
    });
  });
}
