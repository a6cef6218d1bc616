/**
 * The language server's connection over stdio, with the input behind a framing guard
 * (messageFraming.ts): a malformed header costs one message, not the session.
 */
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { MessageFramingGuard } from './messageFraming';

export function createStdioConnection(): Connection {
  let report: (message: string) => void = (message) => void process.stderr.write(`${message}\n`);
  const input = process.stdin.pipe(new MessageFramingGuard((reason) => report(reason)));
  const connection = createConnection(ProposedFeatures.all, input, process.stdout);
  report = (message) => connection.console.warn(message);
  logConsoleTo(connection);
  return connection;
}

/** What createConnection does for `--stdio` itself: console output goes to the client's log, never into the protocol on stdout. */
function logConsoleTo(connection: Connection): void {
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
}
