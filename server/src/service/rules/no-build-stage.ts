/**
 * no-build-stage: a Dockerfile with something in it but no FROM. BuildKit fails the build: "file
 * with no instructions" when only comments are left, "dockerfile contains no stages to build" when
 * only global ARGs are. An empty file stays silent: it is one being started in the editor.
 */
import { documentLines } from '../facts/documentLines';
import type { Rule } from './types';

export const noBuildStage: Rule = {
  id: 'no-build-stage',
  defaultSeverity: 'error',
  description: 'A Dockerfile with no FROM (the build fails: no stage to build).',
  messages: {
    noStage: 'No FROM in this Dockerfile: there is no stage to build and the build fails. Start a stage with FROM <image>.',
  },
  check({ model }, report) {
    if (model.stages.length > 0) return;
    const first = model.preamble[0]?.getRange().start.line ?? documentLines(model).findIndex((l) => l.trim() !== '');
    if (first < 0) return;
    const line = documentLines(model)[first] ?? '';
    report({ range: { start: { line: first, character: 0 }, end: { line: first, character: line.length } }, messageId: 'noStage' });
  },
};
