/**
 * The ports of every EXPOSE, split like BuildKit's `parsePort`: `[ip:][hostPort:]containerPort[/proto]`.
 * Words with variables are skipped (their value is only known at build time).
 */
import type { Range } from 'vscode-languageserver-types';
import type { StageModel } from '../model';

export interface ExposedPort {
  raw: string;
  range: Range;
  ip: string;
  hostPort: string;
  /** The container port with its protocol as written (`80/tcp`). */
  container: string;
  /** The protocol as written; 'tcp' when none is given. */
  proto: string;
}

export function exposedPorts(model: StageModel): ExposedPort[] {
  const out: ExposedPort[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      for (const arg of instruction.getArguments()) {
        const raw = arg.getValue();
        if (raw.includes('$') || raw === '') continue;
        const parts = raw.split(':');
        const n = parts.length;
        const container = parts[n - 1];
        const ip = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
        const hostPort = n >= 2 ? parts[n - 2] : '';
        const slash = container.split('/');
        if (slash[0] === '') continue;
        out.push({ raw, range: arg.getRange(), ip, hostPort, container, proto: slash.length > 1 && slash[1] !== '' ? slash[1] : 'tcp' });
      }
    }
  }
  return out;
}
