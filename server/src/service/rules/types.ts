import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import type { RuleSeverity, Settings } from '../settings';

/** Facts about the files around the Dockerfile that a pure rule may need (filled by the server / CLI). */
export interface FileFacts {
  /** Whether a .dockerignore exists in the build context; undefined when unknown (rule stays silent). */
  dockerignoreExists?: boolean;
}

export interface RuleContext {
  model: StageModel;
  settings: Settings;
  files: FileFacts;
}

export interface Finding {
  range: Range;
  message: string;
  /** Related locations (e.g. the other duplicate). */
  related?: { range: Range; message: string }[];
  /** Data the quick fix needs, carried on the diagnostic. */
  data?: unknown;
  /** Override the severity for this finding (e.g. a leaf stage reported as a faded hint). */
  severity?: RuleSeverity;
  unnecessary?: boolean;
}

export interface Rule {
  /** The rule id: diagnostic code, settings key, file name and docs page name. */
  id: string;
  defaultSeverity: RuleSeverity;
  /** One line for docs and SARIF. */
  description: string;
  /** The BuildKit build check this rule mirrors, honoured in `# check=skip=`. */
  buildkitCheck?: string;
  check(ctx: RuleContext, report: (finding: Finding) => void): void;
  /** Quick fixes for one of this rule's diagnostics. */
  fix?(ctx: RuleContext, diagnostic: Diagnostic): CodeAction[];
  /** Whether the fixes are safe to apply unattended (fixAll / `dockerfile-stages fix`). */
  safeFix?: boolean;
}
