import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { FileFacts } from '../facts/files';
import type { StageModel } from '../model';
import type { RuleSeverity, Settings } from '../../protocol';

export interface RuleContext {
  model: StageModel;
  /** The model's analysis: cached derived facts (needed stages, shell commands, …); `analysis.model === model`. */
  analysis: Analysis;
  settings: Settings;
  files: FileFacts;
}

export interface Finding {
  range: Range;
  /**
   * The key of the message in the rule's `messages`; its `{placeholders}` are filled from `data`.
   * Tests assert `messageId` and `data`, never the rendered sentence.
   */
  messageId: string;
  /** Related locations (e.g. the other duplicate). */
  related?: { range: Range; message: string }[];
  /** The message's placeholder values and the data the quick fix needs, carried on the diagnostic (plain JSON) with `messageId`. */
  data?: Record<string, unknown>;
  /** Override the default severity for this finding; a configured severity still wins. */
  severity?: RuleSeverity;
  /** Rendered faded (DiagnosticTag.Unnecessary). */
  unnecessary?: boolean;
  /**
   * The BuildKit check this finding is, when not the rule's own `buildkitCheck` (null: this
   * finding is ours alone, not a BuildKit check). Carried on the diagnostic's data.
   */
  buildkitCheck?: string | null;
}

export interface Rule {
  /** The rule id: diagnostic code, settings key, file name and docs page name. */
  id: string;
  defaultSeverity: RuleSeverity;
  /** One line for docs, settings and SARIF. */
  description: string;
  /** Message templates by id, `{name}` filled from the finding's `data` (as typescript-eslint's `meta.messages`). */
  messages: Record<string, string>;
  /** The BuildKit build check this rule mirrors, honoured in `# check=skip=` and `# check=error=true`. */
  buildkitCheck?: string;
  /** Experimental in BuildKit: runs only when `# check=experimental=<Check>` (or `all`) asks for it or a setting turns it on. */
  experimental?: boolean;
  check(ctx: RuleContext, report: (finding: Finding) => void): void;
  /**
   * Quick fixes for one of this rule's diagnostics, computed on the current model (the diagnostic
   * comes from the same analysis). Mark the one fix-all may apply with `isPreferred`.
   */
  fix?(ctx: RuleContext, diagnostic: Diagnostic): CodeAction[];
  /** Whether the preferred fix is safe to apply unattended (fixAll / `dockerfile-stages fix`). */
  safeFix?: boolean;
}
