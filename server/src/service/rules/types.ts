import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model';
import type { RuleSeverity, Settings } from '../../protocol';

/** Facts about the files around the Dockerfile that a pure rule may need (filled by the server / CLI). */
export interface FileFacts {
  /** Whether a .dockerignore exists in the build context; undefined when unknown (rule stays silent). */
  dockerignoreExists?: boolean;
  /** Where a new .dockerignore would be created (the build context's), for the quick fix. */
  dockerignoreUri?: string;
  /** Stages (by index) that Compose, Bake or workflow files build as their target: build targets too. */
  targetedStages?: readonly number[];
}

export interface RuleContext {
  model: StageModel;
  settings: Settings;
  files: FileFacts;
}

export interface Finding {
  range: Range;
  /**
   * The key of the message in the rule's `messages`; its `{placeholders}` are filled from `data`.
   * Tests assert `messageId` and `data`, never the rendered sentence.
   */
  messageId?: string;
  /** @deprecated a literal sentence; rules declare `messages` and report `messageId` instead. */
  message?: string;
  /** Related locations (e.g. the other duplicate). */
  related?: { range: Range; message: string }[];
  /** The message's placeholder values and the data the quick fix needs, carried on the diagnostic (plain JSON) with `messageId`. */
  data?: Record<string, unknown>;
  /** Override the default severity for this finding; a configured severity still wins. */
  severity?: RuleSeverity;
  /** Rendered faded (DiagnosticTag.Unnecessary). */
  unnecessary?: boolean;
}

export interface Rule {
  /** The rule id: diagnostic code, settings key, file name and docs page name. */
  id: string;
  defaultSeverity: RuleSeverity;
  /** One line for docs, settings and SARIF. */
  description: string;
  /** Message templates by id, `{name}` filled from the finding's `data` (as typescript-eslint's `meta.messages`). */
  messages?: Record<string, string>;
  /** The BuildKit build check this rule mirrors, honoured in `# check=skip=`. */
  buildkitCheck?: string;
  check(ctx: RuleContext, report: (finding: Finding) => void): void;
  /**
   * Quick fixes for one of this rule's diagnostics, computed on the current model (the diagnostic
   * comes from the same analysis). Mark the one fix-all may apply with `isPreferred`.
   */
  fix?(ctx: RuleContext, diagnostic: Diagnostic): CodeAction[];
  /** Whether the preferred fix is safe to apply unattended (fixAll / `dockerfile-stages fix`). */
  safeFix?: boolean;
}
