/** Applying a WorkspaceEdit in memory, for the refactor tests: documents by URI, created files included. */
import assert from 'node:assert/strict';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { applyTextEdits } from '../../src/service/refactors/edits';

/**
 * Applies `edit` to `documents` (uri → text; versions checked against `versions` when given) and returns
 * the texts afterwards. CreateFile adds an empty document; edits to unknown documents fail the test.
 */
export function applyWorkspaceEdit(documents: Record<string, string>, edit: WorkspaceEdit, versions: Record<string, number> = {}): Record<string, string> {
  const out = { ...documents };
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'create', `unexpected resource operation ${change.kind}`);
      if (!(change.uri in out)) out[change.uri] = '';
      continue;
    }
    const { uri, version } = change.textDocument;
    assert.ok(uri in out, `edit to unknown document ${uri}`);
    if (uri in versions) assert.equal(version, versions[uri], `edit for version ${version} of ${uri}`);
    out[uri] = applyTextEdits(out[uri], change.edits.map((e) => ('range' in e ? e : assert.fail('snippet edits are not expected'))));
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out[uri] = applyTextEdits(out[uri], edits);
  return out;
}

/** Applies an edit to one document and returns its new text. */
export function applyToText(uri: string, text: string, version: number, edit: WorkspaceEdit): string {
  return applyWorkspaceEdit({ [uri]: text }, edit, { [uri]: version })[uri];
}
