/**
 * expose-invalid-format (BuildKit ExposeInvalidFormat): `EXPOSE 8080:80` or `EXPOSE 127.0.0.1:80`:
 * EXPOSE only documents container ports; host ports and addresses belong to `docker run -p`.
 */
import { exposedPorts } from '../facts/exposedPorts';
import type { Rule } from './types';

export const exposeInvalidFormat: Rule = {
  id: 'expose-invalid-format',
  defaultSeverity: 'warning',
  description: 'EXPOSE with an IP address or a host-port mapping.',
  buildkitCheck: 'ExposeInvalidFormat',
  messages: {
    mapping: "EXPOSE '{port}' names a host port or IP address, which EXPOSE ignores (and BuildKit will reject): expose '{container}' and map ports with 'docker run -p'.",
  },
  check({ model }, report) {
    for (const port of exposedPorts(model)) {
      if (port.ip === '' && port.hostPort === '') continue;
      report({ range: port.range, messageId: 'mapping', data: { port: port.raw, container: port.container } });
    }
  },
};
