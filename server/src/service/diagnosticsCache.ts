/**
 * Our diagnostics computed once per document version, settings and file facts, and reused by every
 * consumer of that version (publishing, code actions, fix-all). Only the latest entry per uri is kept.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { computeDiagnostics, type DiagnosticsOptions } from './diagnostics';
import type { StageModel } from './model';
import type { RuleContext } from './rules/types';

interface Entry {
  model: StageModel;
  /** Settings and file facts, as JSON: equal inputs give equal diagnostics. */
  inputs: string;
  diagnostics: Diagnostic[];
}

export class DiagnosticsCache {
  private readonly entries = new Map<string, Entry>();
  /** How many times diagnostics were computed (not served from the cache). */
  computed = 0;

  get(ctx: RuleContext, options?: DiagnosticsOptions): Diagnostic[] {
    const inputs = JSON.stringify([ctx.settings, ctx.files]);
    const entry = this.entries.get(ctx.model.uri);
    if (entry && entry.model === ctx.model && entry.inputs === inputs) return entry.diagnostics;
    const diagnostics = computeDiagnostics(ctx, options);
    this.computed++;
    this.entries.set(ctx.model.uri, { model: ctx.model, inputs, diagnostics });
    return diagnostics;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
