/**
 * redundant-target-platform (BuildKit RedundantTargetPlatform): `FROM --platform=$TARGETPLATFORM`
 * (or `${TARGETPLATFORM}`): the target platform is already the default for every FROM.
 */
import { quickFix } from './support/fixes';
import type { Rule } from './types';

const ONLY_TARGET_PLATFORM = /^(["']?)\$(?:TARGETPLATFORM|\{TARGETPLATFORM(?::?-[^}]*)?\})\1$/;

export const redundantTargetPlatform: Rule = {
  id: 'redundant-target-platform',
  defaultSeverity: 'warning',
  description: 'FROM --platform=$TARGETPLATFORM, which is the default.',
  buildkitCheck: 'RedundantTargetPlatform',
  safeFix: true,
  messages: {
    redundant: "--platform={platform} is redundant: FROM already uses the target platform. Remove the flag.",
  },
  check({ model }, report) {
    for (const stage of model.stages) {
      const platform = stage.platform;
      if (!platform || !stage.platformRange || !ONLY_TARGET_PLATFORM.test(platform)) continue;
      const flag = stage.from.getFlags().find((f) => f.getName() === 'platform');
      report({ range: flag?.getRange() ?? stage.platformRange, messageId: 'redundant', data: { platform } });
    }
  },
  fix({ model }, diagnostic) {
    const r = diagnostic.range;
    const line = model.document.getText({ start: r.end, end: { line: r.end.line, character: r.end.character + 1 } });
    const end = line === ' ' ? { line: r.end.line, character: r.end.character + 1 } : r.end;
    return [quickFix(model, diagnostic, 'Remove --platform', [{ range: { start: r.start, end }, newText: '' }], true)];
  },
};
