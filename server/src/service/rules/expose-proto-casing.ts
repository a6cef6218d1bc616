/** expose-proto-casing (BuildKit ExposeProtoCasing): `EXPOSE 80/TCP`: the protocol should be lower-case. */
import { dataString, quickFix } from './support/fixes';
import { exposedPorts } from '../facts/exposedPorts';
import type { Rule } from './types';

export const exposeProtoCasing: Rule = {
  id: 'expose-proto-casing',
  defaultSeverity: 'warning',
  description: 'An EXPOSE protocol not in lower case.',
  buildkitCheck: 'ExposeProtoCasing',
  safeFix: true,
  messages: {
    casing: "Write the protocol of '{port}' in lower case ('{fixed}').",
  },
  check({ model }, report) {
    for (const port of exposedPorts(model)) {
      if (port.proto === port.proto.toLowerCase()) continue;
      const fixed = port.raw.slice(0, port.raw.length - port.proto.length) + port.proto.toLowerCase();
      report({ range: port.range, messageId: 'casing', data: { port: port.raw, fixed } });
    }
  },
  fix({ model }, diagnostic) {
    const fixed = dataString(diagnostic, 'fixed');
    return fixed ? [quickFix(model, diagnostic, `Change to '${fixed}'`, [{ range: diagnostic.range, newText: fixed }], true)] : [];
  },
};
