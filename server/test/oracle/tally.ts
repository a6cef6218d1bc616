/**
 * The BuildKit oracle for the differential test: tally (npm `@wharflab/tally-<os>-<arch>`), a Go
 * binary that embeds BuildKit's Dockerfile parser and linter and reports BuildKit's build checks as
 * `buildkit/<Check>`. Installed on demand into the tools folder (like code-server for the VS Code
 * suite: `DOCKERFILE_STAGES_TOOLS` or `<repo>/.tools`), never a dependency of the package. The
 * install uses the npm registry (`npm pack`); linting runs offline (`--slow-checks off`: no registry
 * lookups).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const TALLY_VERSION = '0.45.0';
const ROOT = resolve(__dirname, '..', '..', '..');
const TOOLS = process.env.DOCKERFILE_STAGES_TOOLS ? resolve(process.env.DOCKERFILE_STAGES_TOOLS) : join(ROOT, '.tools');

export interface TallyFinding {
  /** `buildkit/StageNameCasing`, `hadolint/DL3006`, … */
  rule: string;
  /** 1-based, as tally prints it; -1 for file-level findings. */
  line: number;
  severity: string;
  message: string;
}

export type TallyResult =
  | { kind: 'findings'; findings: TallyFinding[] }
  /** BuildKit could not parse the file: the build fails. `line` (1-based) when the error names one. */
  | { kind: 'parse-error'; message: string; line?: number };

function packageName(): string | undefined {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[process.platform as string];
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch as string];
  return os && arch ? `@wharflab/tally-${os}-${arch}` : undefined;
}

/** The tally binary, installed on first use; undefined (with the reason) when it cannot be. */
export function ensureTally(): { binary?: string; reason?: string } {
  const dir = join(TOOLS, `tally-${TALLY_VERSION}`);
  const binary = join(dir, 'bin', process.platform === 'win32' ? 'tally.exe' : 'tally');
  if (existsSync(binary)) return { binary };
  const pkg = packageName();
  if (!pkg) return { reason: `no tally build for ${process.platform}-${process.arch}` };
  try {
    mkdirSync(TOOLS, { recursive: true });
    const tmp = mkdtempSync(join(TOOLS, 'tally-install-'));
    try {
      execFileSync('npm', ['pack', `${pkg}@${TALLY_VERSION}`, '--pack-destination', tmp, '--silent', '--no-update-notifier'], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
      const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
      if (!tgz) throw new Error('npm pack produced no archive');
      execFileSync('tar', ['xzf', tgz], { cwd: tmp });
      // Another test process may have won the race; either copy is the same version.
      if (!existsSync(binary)) renameSync(join(tmp, 'package'), dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    return existsSync(binary) ? { binary } : { reason: `tally binary missing after install at ${binary}` };
  } catch (error) {
    return { reason: `could not install ${pkg}@${TALLY_VERSION}: ${(error as Error).message.split('\n')[0]}` };
  }
}

/**
 * `tally lint --format json` on one file, BuildKit's checks only. `selectAll` also turns on the
 * checks tally leaves off by default (FromPlatformFlagConstDisallowed, which BuildKit runs).
 */
export function tallyLint(binary: string, file: string, extraSelect: string[] = [], context?: string): TallyResult {
  const select = ['buildkit/*', ...extraSelect].flatMap((s) => ['--select', s]);
  const contextArgs = context ? ['--context', context] : [];
  const r = spawnSync(binary, ['lint', '--format', 'json', '--no-config', '--slow-checks', 'off', '--no-color', ...contextArgs, ...select, '--ignore', '*', file], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const stdout = r.stdout ?? '';
  const stderr = r.stderr ?? '';
  if (!stdout.trim().startsWith('{')) {
    const message = stderr.trim() || `tally exited ${r.status} without output`;
    const line = /(?:Dockerfile[^:\s]*:|on line )(\d+)/.exec(message);
    return { kind: 'parse-error', message, line: line ? Number(line[1]) : undefined };
  }
  const json = JSON.parse(stdout) as { files: { violations: { rule: string; severity: string; message: string; location: { start: { line: number } } }[] }[] };
  const findings = json.files.flatMap((f) =>
    f.violations.map((v) => ({ rule: v.rule, line: v.location.start.line, severity: v.severity, message: v.message })),
  );
  return { kind: 'findings', findings };
}
