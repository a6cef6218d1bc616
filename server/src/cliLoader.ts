/**
 * Entry point of server/dist/cli.js, the `dockerfile-stages` command. Only the loader lives here; the
 * CLI is server/dist/cliMain.js. `lsp --stdio` (how other editors start the server) runs it through
 * V8's code cache, as server.js does for VS Code (codeCache.ts), so starts after the first skip most
 * of the compiling; the one-shot commands run it without.
 */
import * as path from 'node:path';
import { codeCacheDirFromArgv, runWithCodeCache } from './codeCache';

const lsp = process.argv[2] === 'lsp';
runWithCodeCache(path.join(__dirname, 'cliMain.js'), lsp ? codeCacheDirFromArgv(process.argv) : undefined);
