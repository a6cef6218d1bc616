// The pure argv builder lives in the client (client/src/engineCommand.ts) and its unit tests beside it
// in client/src/test-unit/ (type-checked by the client project, which may import the server's settings
// type; the server project may not import client files). This file only makes
// `node scripts/run-node-tests.mjs server/test` run them.
require('../../client/src/test-unit/engineCommand.test');
require('../../client/src/test-unit/problemMatcher.test');
require('../../client/src/test-unit/engineTools.test');
