// The CLI's bundle, server/dist/cliMain.js, run by the loader server/dist/cli.js (cliLoader.ts).
import { main } from './cli';

void main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exitCode = code;
});
