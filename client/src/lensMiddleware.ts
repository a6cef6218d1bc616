/**
 * Client-side shaping of the server's lenses: per-kind switches (`dockerfileStages.codeLens.build`,
 * `.shell`, `.relations`) and, when the container engine is missing, one "set up an engine" lens per
 * stage instead of build/shell lenses that could only fail.
 */
import * as vscode from 'vscode';
import type { EngineMonitor } from './engineStatus';
import { SET_UP_ENGINE_COMMAND } from './engineStatus';
import { STAGE_COMMANDS } from './commands';
import { SETTINGS_SECTION, withDefaults, type CodeLensSettings } from '../../server/src/protocol';

export function shapeLenses(lenses: vscode.CodeLens[], uri: vscode.Uri, engines: EngineMonitor): vscode.CodeLens[] {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri);
  const show: CodeLensSettings = withDefaults({ codeLens: config.get('codeLens') }).codeLens;
  const kindOf = (lens: vscode.CodeLens): keyof typeof show | undefined => {
    const command = lens.command?.command;
    if (command === STAGE_COMMANDS.build) return 'build';
    if (command === STAGE_COMMANDS.shell || command === STAGE_COMMANDS.inspectFiles) return 'shell';
    if (command === STAGE_COMMANDS.showReferences) return 'relations';
    return undefined;
  };
  const kept = lenses.filter((l) => {
    const kind = kindOf(l);
    return kind === undefined || show[kind];
  });
  const runsEngine = (l: vscode.CodeLens) => kindOf(l) === 'build' || kindOf(l) === 'shell';
  if (!kept.some(runsEngine) || engines.usable(uri)) return kept;
  // No engine: the first engine lens of each stage becomes the way to get one; the others go.
  const configured = engines.status(uri).configured;
  const done = new Set<number>();
  const out: vscode.CodeLens[] = [];
  for (const lens of kept) {
    if (!runsEngine(lens)) {
      out.push(lens);
      continue;
    }
    if (done.has(lens.range.start.line)) continue;
    done.add(lens.range.start.line);
    out.push(
      new vscode.CodeLens(lens.range, {
        title: `⚠ No container engine ('${configured}' not found): set one up…`,
        command: SET_UP_ENGINE_COMMAND,
        arguments: [{ uri: uri.toString() }],
      }),
    );
  }
  return out;
}
