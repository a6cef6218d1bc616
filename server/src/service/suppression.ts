/**
 * Turning findings off in the Dockerfile itself:
 * - `# dockerfile-stages ignore=<id>[,<id>]` (or `ignore=all`) in the comment lines directly above the
 *   line of a finding or above the instruction holding it;
 * - BuildKit's parser directive `# check=skip=<Check>[,<Check>]` (or `skip=all`) at the top of the
 *   file, for the rules that mirror a BuildKit build check;
 * - the same `# check=skip=…` in the comments right above one instruction, for that instruction's
 *   findings (BuildKit merges an instruction's comments into its linter), except the checks BuildKit
 *   runs over the whole file.
 */
import type { Range } from 'vscode-languageserver-types';
import type { StageModel } from './model';
import { allInstructions } from './facts/allInstructions';
import { inlineSkippedChecks, prevComments } from './facts/prevComments';
import { findContaining } from './positions';

/** Checks BuildKit runs with the file's linter only (validations.go, the parser): instruction comments do not skip them. */
const FILE_WIDE_CHECKS = new Set(['consistentinstructioncasing', 'reservedstagename', 'duplicatestagename', 'invaliddefaultarginfrom', 'noemptycontinuation', 'invalidbaseimageplatform']);

export interface Suppressions {
  /** Whether `# check=skip=…` skips this BuildKit check. */
  skipsCheck(check: string | undefined): boolean;
  /** Whether a `# check=skip=…` comment above the instruction holding `range` skips this check there. */
  skipsCheckAt(check: string, range: Range): boolean;
  /** `# check=error=true`: BuildKit fails the build on any check finding, so they are errors. */
  checksAreErrors: boolean;
  /** Whether `# check=experimental=…` turns on this experimental BuildKit check. */
  enablesExperimental(check: string | undefined): boolean;
  /** Whether an ignore comment above the finding's line (or its instruction) names the rule. */
  ignores(ruleId: string, range: Range): boolean;
}

const IGNORE = /^dockerfile-stages\s+ignore\s*=\s*([A-Za-z0-9_,\s-]+)$/;
const DIRECTIVE = /^#\s*([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

export interface CheckDirective {
  /** Checks named by `skip=` (lower-cased); 'all' for `skip=all`. */
  skipped: Set<string>;
  /** Checks named by `experimental=` (lower-cased); 'all' for `experimental=all`. */
  experimental: Set<string>;
  /** `error=true`. */
  error: boolean;
}

/** The checks named by `# check=skip=…` (lower-cased), read like BuildKit reads parser directives. */
export function skippedChecks(text: string): Set<string> {
  return readCheckDirective(text).skipped;
}

/** BuildKit's `# check=skip=…;error=…;experimental=…` parser directive at the top of the file. */
export function readCheckDirective(text: string): CheckDirective {
  const skipped = new Set<string>();
  const experimental = new Set<string>();
  let error = false;
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let n = 0; n < 64 && offset < text.length; n++) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const line = text.slice(offset, end).replace(/\r$/, '').trim();
    offset = end + 1;
    const m = DIRECTIVE.exec(line);
    if (!m) break;
    if (m[1].toLowerCase() !== 'check') continue;
    for (const part of m[2].split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      const key = part.slice(0, eq).trim().toLowerCase();
      const value = part.slice(eq + 1).trim();
      if (key === 'error') error = /^(1|t|true)$/i.test(value);
      const into = key === 'skip' ? skipped : key === 'experimental' ? experimental : undefined;
      if (into) for (const name of value.split(',')) if (name.trim()) into.add(name.trim().toLowerCase());
    }
  }
  return { skipped, experimental, error };
}

export function readSuppressions(model: StageModel): Suppressions {
  const directive = readCheckDirective(model.document.getText());
  const skipped = directive.skipped;
  const comments = new Map<number, Set<string>>();
  for (const comment of model.dockerfile.getComments()) {
    const line = comment.getRange().start.line;
    const m = IGNORE.exec(comment.getContent().trim());
    comments.set(line, new Set(m ? m[1].split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : []));
  }
  const instructions = model.dockerfile.getInstructions();
  const ignoredAbove = (line: number, ruleId: string): boolean => {
    for (let l = line - 1; l >= 0; l--) {
      const ids = comments.get(l);
      if (!ids) return false;
      if (ids.has(ruleId) || ids.has('all')) return true;
    }
    return false;
  };
  let inline: { instructions: ReturnType<typeof allInstructions>; comments: ReturnType<typeof prevComments> } | undefined;
  return {
    skipsCheck(check) {
      return !!check && (skipped.has('all') || skipped.has(check.toLowerCase()));
    },
    skipsCheckAt(check, range) {
      const name = check.toLowerCase();
      if (FILE_WIDE_CHECKS.has(name)) return false;
      inline ??= { instructions: allInstructions(model), comments: prevComments(model) };
      const instruction = findContaining(inline.instructions, range.start, (i) => i.getRange());
      const comments = instruction && inline.comments.get(instruction);
      if (!comments || comments.length === 0) return false;
      const skips = inlineSkippedChecks(comments);
      return skips.has('all') || skips.has(name);
    },
    checksAreErrors: directive.error,
    enablesExperimental(check) {
      return !!check && (directive.experimental.has('all') || directive.experimental.has(check.toLowerCase()));
    },
    ignores(ruleId, range) {
      if (comments.size === 0) return false;
      if (ignoredAbove(range.start.line, ruleId)) return true;
      const instruction = findContaining(instructions, range.start, (i) => i.getRange());
      return !!instruction && ignoredAbove(instruction.getRange().start.line, ruleId);
    },
  };
}
