/**
 * Differential test against BuildKit's own linter (v0.32, embedded in tally; see oracle/tally.ts):
 * over every fixture Dockerfile and the generated cases below, each `buildkit/<Check>` finding has
 * one of ours on the same line with the same check (`data.buildkitCheck`), and each of ours that
 * carries a BuildKit check name has a BuildKit finding — except the documented differences. Where
 * BuildKit fails to parse the file, we must report one of our parse-error rules.
 * tally is installed on demand (npm registry); linting itself is offline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../src/service/diagnostics';
import { buildModel } from '../src/service/model';
import { allInstructions } from '../src/service/facts/allInstructions';
import { withDefaults } from '../src/protocol';
import { FIXTURES, listFixtures } from './helpers';
import { ensureTally, tallyLint, type TallyFinding } from './oracle/tally';
import { GENERATED_CASES, type GeneratedCase } from './oracle/cases';

const PARSE_ERROR_RULES = new Set(['unknown-instruction', 'missing-arguments', 'invalid-flag', 'instruction-before-from', 'no-build-stage', 'invalid-stage-name', 'variable-in-from-flag']);

/** tally's default set leaves FromPlatformFlagConstDisallowed off; BuildKit runs it, so do we. */
const EXTRA_SELECT = ['buildkit/FromPlatformFlagConstDisallowed'];

/**
 * Where we knowingly differ from BuildKit, by check: `theirsOnly` / `oursOnly` decide whether one
 * unmatched finding (BuildKit's, ours) is such a difference; without the predicate, none is. Each
 * says why.
 */
interface Difference {
  /** The BuildKit check, or '*' for a difference in how the `# check=` directive is read. */
  check: string;
  why: string;
  theirsOnly?: (text: string, line: string) => boolean;
  /** `theirs`: the BuildKit checks tally reports on that line. */
  oursOnly?: (text: string, line: string, theirs: string[]) => boolean;
}

export const DOCUMENTED_DIFFERENCES: Difference[] = [
  {
    check: 'UndefinedVar',
    why: 'Offline nobody sees a base image\'s ENV; BuildKit (and tally) then call $HOME, $NODE_VERSION … undefined. On an image base we take PATH and the names common images set (IMAGE_ENV_NAMES) as defined, and leave proxy ARGs alone.',
    theirsOnly: (_text, line) => /\$\{?(HOME|[A-Z]+_VERSION|LANG|USER|GOPATH|JAVA_HOME|CARGO_HOME|RUSTUP_HOME|[A-Za-z]+_PROXY|[a-z]+_proxy|PYTHON[A-Z_]*|GEM_HOME|PHP_INI_DIR|CATALINA_HOME)\b/.test(line),
  },
  {
    check: 'UndefinedVar',
    why: 'A global ARG read in a stage without redeclaring it is global-arg-not-redeclared\'s finding, given once per stage and name (at the first read); BuildKit reports each instruction that reads it.',
    theirsOnly: (text, line) => globalArgNamesIn(text).some((n) => new RegExp(`\\$\\{?${n}\\b`).test(line)),
  },
  {
    check: 'SecretsUsedInArgOrEnv',
    why: 'secret-in-arg-or-env reports only stages the build target needs and skips names that point at a secret (…_FILE, …_PATH, …_URL) or hold GPG key ids; BuildKit reports every matching name.',
    theirsOnly: () => true,
  },
  {
    check: 'JSONArgsRecommended',
    why: 'BuildKit skips the check once the stage (or its parent stage) set a SHELL; tally reports it anyway. We follow BuildKit\'s source.',
    theirsOnly: (text) => /^\s*shell\s/im.test(text),
  },
  {
    check: 'UndefinedArgInFrom',
    why: 'tally drops UndefinedArgInFrom when InvalidDefaultArgInFrom fires on the same FROM (`FROM busybox:$V`); BuildKit reports both (validations.go), so do we.',
    oursOnly: (_text, _line, theirs) => theirs.includes('InvalidDefaultArgInFrom'),
  },
  {
    check: 'StageNameCasing',
    why: 'tally drops StageNameCasing on a line where it reports DuplicateStageName; BuildKit reports both (parse.go, validations.go).',
    oursOnly: (_text, _line, theirs) => theirs.includes('DuplicateStageName'),
  },
  {
    check: 'ConsistentInstructionCasing',
    why: "tally also counts (and flags) the global ARGs before the first FROM; BuildKit's validateCommandCasing counts only the stages' instructions, so do we.",
    theirsOnly: (text) => hasGlobalArgs(text),
    oursOnly: (text) => hasGlobalArgs(text),
  },
  {
    check: 'UndefinedVar',
    why: "BuildKit always defines PATH (a scratch stage gets the default, convert.go: \"make sure that PATH is always set\"); tally calls `$PATH` undefined on `FROM scratch`.",
    theirsOnly: (_text, line) => /\$\{?PATH\b/.test(line),
  },
  {
    check: 'WorkdirRelativePath',
    why: 'BuildKit expands the WORKDIR word (quotes removed) before it tests the path, so `WORKDIR "/app"` (or `"C:\\app"` on Windows) is absolute; tally tests the quoted text.',
    theirsOnly: (_text, line) => /^\s*workdir\s+(["'])(\/|[A-Za-z]:[\\/])[^"']*\1\s*$/i.test(line),
  },
  {
    check: 'WorkdirRelativePath',
    why: "BuildKit tests the path for the build's OS, which offline nobody knows; a drive path (`C:/app`) is only written for a Windows build, so we take it as absolute. tally guesses Windows from the image name or drive paths in ENV and reports the rest.",
    theirsOnly: (_text, line) => /^\s*workdir\s+["']?[A-Za-z]:[\\/]/i.test(line),
  },
  {
    check: 'WorkdirRelativePath',
    why: "A WORKDIR that starts with a variable (`WORKDIR $HOME`): offline nobody knows its value (a base image's ENV sets HOME); tally takes it as empty, so relative. We report only what is relative as written.",
    theirsOnly: (_text, line) => /^\s*workdir\s+["']?\$/i.test(line),
  },
  {
    check: '*',
    why: "`# check=skip=…` in the comments above an instruction skips those checks for that instruction only (BuildKit's WithMergedConfigFromComments; its testSecretsUsedInArgOrEnv and skip tests); tally applies it to the whole file, or ignores it when a remark follows (`# check=skip=all // why`).",
    theirsOnly: (text) => hasInstructionCheckComment(text),
    oursOnly: (text) => hasInstructionCheckComment(text),
  },
  {
    check: '*',
    why: 'BuildKit honours skip= in `# check=skip=…;error=true` (its testCheckSkip... cases expect no warnings); tally drops the skip when error= is set too.',
    theirsOnly: (text) => checkDirectiveSkipsWithError(text),
  },
  {
    check: 'CopyIgnoredFile',
    why: "tally also reports a source missing from the context, and ignored files when the .dockerignore has `!` exceptions; BuildKit's check only reads the patterns and skips a file with exceptions. The generated cases hold every copied file and no exceptions, so no excuse is needed for those.",
  },
  {
    check: 'CopyIgnoredFile',
    why: "`COPY .` when a pattern excludes everything (`*`, `**`, `**/*`): BuildKit's copySourceRootIgnored reports it (validations.go); tally does not.",
    oursOnly: (_text, line) => /^\s*(copy|add)\s+(\.|\/)\s/i.test(line),
  },
];

/** A `# check=` comment after the first instruction: one instruction's, not the file's directive. */
function hasInstructionCheckComment(text: string): boolean {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => /^\s*[A-Za-z]/.test(l));
  return first >= 0 && lines.slice(first + 1).some((l) => /^\s*#\s*check\s*=/i.test(l));
}

/** The leading `# check=` directive sets both skip= and error=. */
const checkDirectiveSkipsWithError = (text: string) => /^\s*#\s*check\s*=(?=[^\n]*skip=)(?=[^\n]*error=)/i.test(text);

/** The names the ARGs before the first FROM declare. */
function globalArgNamesIn(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*from\s/i.test(line)) break;
    const m = /^\s*arg\s+(.*)$/i.exec(line);
    if (m) for (const word of m[1].split(/\s+/)) if (/^[A-Za-z_]\w*/.test(word)) names.push(/^[A-Za-z_]\w*/.exec(word)![0]);
  }
  return names;
}

/** Whether an ARG comes before the first FROM. */
function hasGlobalArgs(text: string): boolean {
  const first = text.split(/\r?\n/).find((l) => /^\s*[A-Za-z]/.test(l));
  return !!first && /^\s*arg\s/i.test(first);
}

/** The documented differences of a check, as one: a finding is excused when any of them excuses it. */
function differenceFor(check: string): Difference | undefined {
  const all = DOCUMENTED_DIFFERENCES.filter((d) => d.check === check || d.check === '*');
  if (all.length === 0) return undefined;
  return {
    check,
    why: all.map((d) => d.why).join(' '),
    theirsOnly: (text, line) => all.some((d) => d.theirsOnly?.(text, line)),
    oursOnly: (text, line, theirs) => all.some((d) => d.oursOnly?.(text, line, theirs)),
  };
}

function ourFindings(text: string, dockerignore?: string): Diagnostic[] {
  const settings = withDefaults({ rules: { 'invalid-definition-description': 'warning' } });
  const model = buildModel(text, 'file:///work/app/Dockerfile', 1);
  return computeDiagnostics({ model, settings, files: dockerignore === undefined ? {} : { dockerignoreExists: true, dockerignore } });
}

const checkOf = (d: Diagnostic): string | undefined => (d.data as { buildkitCheck?: string } | undefined)?.buildkitCheck;
/** 0-based line `line` (tally's 1-based line minus one) lies within the diagnostic's lines. */
const onLine = (d: Diagnostic, line: number) => d.range.start.line <= line && line <= d.range.end.line;

/**
 * For each line, the first line of the instruction that holds it. BuildKit reports a check at its
 * instruction (tally prints the first line); ours may point into a continuation line
 * (`ENV A=1 \` / `  B=$UNDEFINED`), which is the same finding.
 */
function instructionStarts(text: string): number[] {
  const starts: number[] = [];
  for (const instruction of allInstructions(buildModel(text, 'file:///work/app/Dockerfile', 1))) {
    const r = instruction.getRange();
    for (let l = r.start.line; l <= r.end.line; l++) starts[l] = r.start.line;
  }
  return starts;
}

/** Ours is BuildKit's finding on 0-based `line`: on that line, or inside the instruction starting there. */
const sameFinding = (d: Diagnostic, line: number, starts: number[]) => onLine(d, line) || starts[d.range.start.line] === line;

interface Mismatch {
  missing: string[];
  extra: string[];
}

function compare(name: string, text: string, theirs: TallyFinding[], ours: Diagnostic[]): Mismatch {
  const lines = text.split(/\r?\n/);
  const buildkit = theirs.filter((f) => f.rule.startsWith('buildkit/')).map((f) => ({ check: f.rule.slice('buildkit/'.length), line: f.line - 1, message: f.message }));
  const mine = ours.filter((d) => checkOf(d));
  const starts = instructionStarts(text);
  const missing: string[] = [];
  const extra: string[] = [];
  for (const f of buildkit) {
    if (mine.some((d) => checkOf(d) === f.check && sameFinding(d, f.line, starts))) continue;
    const diff = differenceFor(f.check);
    if (diff?.theirsOnly?.(text, lines[f.line] ?? '')) continue;
    missing.push(`${name}:${f.line + 1} BuildKit ${f.check}: ${f.message}`);
  }
  for (const d of mine) {
    const check = checkOf(d) as string;
    if (buildkit.some((f) => f.check === check && sameFinding(d, f.line, starts))) continue;
    const diff = differenceFor(check);
    const theirsOnLine = buildkit.filter((f) => onLine(d, f.line)).map((f) => f.check);
    if (diff?.oursOnly?.(text, lines[d.range.start.line] ?? '', theirsOnLine)) continue;
    extra.push(`${name}:${d.range.start.line + 1} ours ${check} (${d.code}): ${d.message}`);
  }
  return { missing, extra };
}

const tally = ensureTally();
const skip = tally.binary ? false : `tally unavailable: ${tally.reason}`;

function lintAll(cases: { name: string; text: string; context?: GeneratedCase['context'] }[]): Mismatch & { parse: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'buildkit-diff-'));
  const out = { missing: [] as string[], extra: [] as string[], parse: [] as string[] };
  try {
    for (const c of cases) {
      // tally recognises Dockerfiles by name; a case with a context gets its own folder.
      const caseDir = c.context ? mkdtempSync(join(dir, 'ctx-')) : dir;
      for (const f of c.context?.files ?? []) {
        mkdirSync(dirname(join(caseDir, f)), { recursive: true });
        writeFileSync(join(caseDir, f), '');
      }
      if (c.context) writeFileSync(join(caseDir, '.dockerignore'), c.context.dockerignore);
      const file = join(caseDir, `${Math.random().toString(36).slice(2)}.Dockerfile`);
      writeFileSync(file, c.text);
      const result = tallyLint(tally.binary as string, file, EXTRA_SELECT, c.context ? caseDir : undefined);
      const ours = ourFindings(c.text, c.context?.dockerignore);
      if (result.kind === 'parse-error') {
        const parseErrors = ours.filter((d) => PARSE_ERROR_RULES.has(String(d.code)) || (d.severity === 1 && d.code === 'invalid-default-arg-in-from'));
        const at = result.line;
        if (parseErrors.length === 0) out.parse.push(`${c.name}: BuildKit fails (${result.message.split('\n')[0]}), we report no parse error`);
        else if (at !== undefined && !parseErrors.some((d) => onLine(d, at - 1))) out.parse.push(`${c.name}: BuildKit fails on line ${at} (${result.message.split('\n')[0]}); ours on ${parseErrors.map((d) => d.range.start.line + 1).join(', ')}`);
        continue;
      }
      const m = compare(c.name, c.text, result.findings, ours);
      out.missing.push(...m.missing);
      out.extra.push(...m.extra);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

test('BuildKit checks, fixtures: ours match BuildKit finding for finding (documented differences aside)', { skip, timeout: 300_000 }, () => {
  const cases = listFixtures().map((f) => ({ name: f, text: readFileSync(join(FIXTURES, f), 'utf8') }));
  assert.ok(cases.length > 20);
  const r = lintAll(cases);
  assert.deepEqual({ missing: r.missing, extra: r.extra, parse: r.parse }, { missing: [], extra: [], parse: [] });
});

test('BuildKit checks, generated cases: every check positive and negative, skip/error directives, parse failures', { skip, timeout: 300_000 }, () => {
  const r = lintAll(GENERATED_CASES);
  assert.deepEqual({ missing: r.missing, extra: r.extra, parse: r.parse }, { missing: [], extra: [], parse: [] });
});

test('files BuildKit cannot parse: ours says so with a parse-error rule, and nothing is reported where BuildKit parses', { skip, timeout: 300_000 }, () => {
  for (const c of GENERATED_CASES) {
    const ours = ourFindings(c.text).filter((d) => PARSE_ERROR_RULES.has(String(d.code)) && d.code !== 'invalid-stage-name' && d.code !== 'variable-in-from-flag');
    if (ours.length === 0) continue;
    const dir = mkdtempSync(join(tmpdir(), 'buildkit-parse-'));
    try {
      const file = join(dir, 'Dockerfile');
      writeFileSync(file, c.text);
      const result = tallyLint(tally.binary as string, file, EXTRA_SELECT);
      if (c.buildkitMissesFailure) continue;
      assert.equal(result.kind, 'parse-error', `${c.name}: we report ${ours.map((d) => d.code).join(', ')} but BuildKit parses it`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
