/**
 * Entry point of server/dist/server.js: VS Code starts it over IPC (--node-ipc), other editors with
 * --stdio. Only the loader lives here; the server itself is server/dist/serverMain.js, run through
 * V8's code cache (codeCache.ts) so that starts after the first one skip most of the compiling.
 */
import * as path from 'node:path';
import { codeCacheDirFromArgv, runWithCodeCache } from './codeCache';

runWithCodeCache(path.join(__dirname, 'serverMain.js'), codeCacheDirFromArgv(process.argv));
