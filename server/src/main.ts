// Entry point of server/dist/server.js: VS Code starts it over IPC (--node-ipc), other editors with --stdio.
import { startServerFromArgv } from './server';

startServerFromArgv();
