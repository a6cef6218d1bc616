// Preload for codeCache.test.ts: node as VS Code's older Electron ships it (before 20.12), without
// vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER, so a dynamic import() inside the code-cached bundle fails.
const vm = require('node:vm');
Object.defineProperty(vm, 'constants', { value: undefined, configurable: true });
