// Test-only preload for the memory test: with `--expose-gc`, SIGUSR2 runs a full garbage collection
// (twice, so finalizers' garbage goes too), so the test can read the server's resident memory after
// a GC instead of whenever V8 last felt like collecting.
'use strict';
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
});
