// Preload (`node --require server/test/robustness/no-network.cjs …`) that makes every outbound
// connection fail loudly and records the attempt: net/tls connections, DNS lookups, http(s) requests
// and fetch throw "network access blocked", and one JSON line per attempt is appended to the file
// named by NO_NETWORK_LOG (and written to stderr). The robustness tests run the language server and
// the CLI under it and assert the log stays empty, except where the user's setting allows a lookup.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');

const LOG = process.env.NO_NETWORK_LOG;

function describe(args) {
  const first = args[0];
  if (typeof first === 'string' || typeof first === 'number') return String(first);
  if (first instanceof URL) return first.href;
  if (first && typeof first === 'object') {
    const { protocol = '', hostname, host, port, path } = first;
    return `${protocol}${hostname ?? host ?? ''}${port ? `:${port}` : ''}${path ?? ''}`;
  }
  return '?';
}

function blocked(api) {
  return function blockedNetworkCall(...args) {
    const record = { api, target: describe(args), pid: process.pid, stack: new Error().stack.split('\n').slice(2, 8).map((l) => l.trim()) };
    const line = JSON.stringify(record);
    if (LOG) fs.appendFileSync(LOG, line + '\n');
    process.stderr.write(`no-network: blocked ${api} ${record.target}\n`);
    throw new Error(`network access blocked: ${api} ${record.target}`);
  };
}

net.connect = blocked('net.connect');
net.createConnection = blocked('net.createConnection');
net.Socket.prototype.connect = blocked('net.Socket.connect');
tls.connect = blocked('tls.connect');
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse']) {
  if (typeof dns[name] === 'function') dns[name] = blocked(`dns.${name}`);
  if (dns.promises && typeof dns.promises[name] === 'function') dns.promises[name] = blocked(`dns.promises.${name}`);
}
http.request = blocked('http.request');
http.get = blocked('http.get');
https.request = blocked('https.request');
https.get = blocked('https.get');
if (typeof globalThis.fetch === 'function') globalThis.fetch = blocked('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
