// The language server's bundle, server/dist/serverMain.js. server/dist/server.js (main.ts) runs it
// through V8's code cache, taken once the first diagnostics are out (codeCache.ts).
import { signalCodeCacheReady } from './codeCache';
import { startServerFromArgv } from './server';

startServerFromArgv({ afterFirstDiagnostics: signalCodeCacheReady });
