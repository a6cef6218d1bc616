/**
 * Our diagnostics: every rule in rules/registry.ts run over the model, with the configured severity
 * (`dockerfileStages.rules.<id>`, or the rule's default; 'off' skips it), suppression comments and
 * `# check=skip=` / `# check=error=true` / `# check=experimental=` applied, string codes, a link to
 * the rule's page, and the data its quick fix needs (with `buildkitCheck`: the BuildKit check name
 * when the finding is one). Ours are the only diagnostics: dockerfile-utils' validation is not used.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { analysisOf, type Analysis } from './analysis';
import { comparePositions } from './positions';
import { ruleDocsUrl } from './ruleDocs';
import { rules } from './rules/registry';
import type { Finding, Rule, RuleContext } from './rules/types';
import type { RuleSeverity } from '../protocol';
import { readSuppressions } from './suppression';

export const DIAGNOSTIC_SOURCE = 'dockerfile-stages';

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: RuleSeverity;
  buildkitCheck?: string;
}

/** What the rules are, for SARIF, settings and docs: every rule's id, description and default severity. */
export function ruleCatalog(): RuleInfo[] {
  return rules.map(({ id, description, defaultSeverity, buildkitCheck }) => ({ id, description, defaultSeverity, buildkitCheck }));
}

const SEVERITIES: Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function isSeverity(v: unknown): v is RuleSeverity {
  return v === 'off' || (typeof v === 'string' && v in SEVERITIES);
}

/** The severity a rule runs at: the configured one when valid, else the rule's default. */
export function configuredSeverity(rule: Rule, configured: Record<string, unknown>): RuleSeverity | undefined {
  const v = configured[rule.id];
  return isSeverity(v) ? v : undefined;
}

export interface DiagnosticsOptions {
  /** Called when a rule throws; the other rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

/** What the rules run on; the analysis is the model's own when not given. */
export type DiagnosticsInput = Omit<RuleContext, 'analysis'> & { analysis?: Analysis };

/**
 * Our diagnostics for one version, settings and file facts: computed once per distinct input and
 * kept on the version's analysis (a code-action request after validation reuses them).
 */
export function computeDiagnostics(input: DiagnosticsInput, options: DiagnosticsOptions = {}): Diagnostic[] {
  const analysis = input.analysis ?? analysisOf(input.model);
  const key = `diagnostics:${JSON.stringify([input.settings, input.files])}`;
  return analysis.memo(key, () => runRules({ ...input, analysis }, options)).slice();
}

function runRules(ctx: RuleContext, options: DiagnosticsOptions): Diagnostic[] {
  const suppressions = readSuppressions(ctx.model);
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const configured = configuredSeverity(rule, ctx.settings.rules as Record<string, unknown>);
    if (configured === 'off' || suppressions.skipsCheck(rule.buildkitCheck)) continue;
    const experimentalOn = rule.experimental && suppressions.enablesExperimental(rule.buildkitCheck) ? 'warning' : undefined;
    const report = (finding: Finding) => {
      const check = finding.buildkitCheck === undefined ? rule.buildkitCheck : finding.buildkitCheck ?? undefined;
      let severity = configured ?? finding.severity ?? experimentalOn ?? rule.defaultSeverity;
      if (check && severity !== 'off' && suppressions.checksAreErrors) severity = 'error';
      if (severity === 'off' || suppressions.ignores(rule.id, finding.range)) return;
      if (check && suppressions.skipsCheckAt(check, finding.range)) return;
      out.push(toDiagnostic(ctx, rule, finding, severity, check));
    };
    try {
      rule.check(ctx, report);
    } catch (error) {
      options.onRuleError?.(rule.id, error);
    }
  }
  return out.sort((a, b) => comparePositions(a.range.start, b.range.start) || String(a.code).localeCompare(String(b.code)));
}

function toDiagnostic(ctx: RuleContext, rule: Rule, finding: Finding, severity: Exclude<RuleSeverity, 'off'>, buildkitCheck: string | undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITIES[severity],
    code: rule.id,
    codeDescription: { href: ruleDocsUrl(rule.id) },
    source: DIAGNOSTIC_SOURCE,
    message: renderMessage(rule, finding),
  };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri: ctx.model.uri, range: r.range }, message: r.message }));
  }
  diagnostic.data = { messageId: finding.messageId, ...finding.data };
  if (buildkitCheck) diagnostic.data = { ...(diagnostic.data as object), buildkitCheck };
  return diagnostic;
}

/** The rule's template for the finding's `messageId`, `{name}` replaced by `data.name` (left as written when absent). */
export function renderMessage(rule: Rule, finding: Finding): string {
  const template = rule.messages[finding.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} has no message '${finding.messageId}'`);
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (finding.data && key in finding.data ? String(finding.data[key]) : whole));
}
