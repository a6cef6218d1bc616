/**
 * A refused rename (the server answers RequestFailed with its reason) is shown as an error message,
 * not only logged: the language client keeps rename failures out of notifications. The failure is
 * still passed on, so VS Code also shows the reason at the cursor.
 */
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, type Middleware } from 'vscode-languageclient/node';

export class RenameRefusals {
  /** Messages shown, newest last (tests read them: the message box itself cannot be observed). */
  readonly shown: string[] = [];

  readonly middleware: Pick<Middleware, 'provideRenameEdits'> = {
    provideRenameEdits: async (document, position, newName, token, next) => {
      try {
        return await next(document, position, newName, token);
      } catch (error) {
        if (isRefusal(error)) this.show(`Dockerfile Stages: cannot rename to '${newName}': ${error.message}`);
        throw error;
      }
    },
  };

  private show(message: string): void {
    this.shown.push(message);
    if (this.shown.length > 20) this.shown.shift();
    void vscode.window.showErrorMessage(message);
  }
}

function isRefusal(error: unknown): error is ResponseError<unknown> {
  return error instanceof ResponseError && error.code === LSPErrorCodes.RequestFailed;
}
