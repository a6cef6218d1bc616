/**
 * unknown-stage: a `--from` / `from=` / `FROM` value that names no stage, is not an image by its
 * looks (registry, path, tag, digest, official image) and is close to an earlier stage's name.
 * A bare name far from every stage may be a local image: silent — except a `--from` / `from=`
 * value that is a whole dash-separated part of an earlier stage's name (`--from=test` with a stage
 * `unit-test`): a shortened stage name is far likelier than a local image of that name. A value
 * with `.` (or the image marks `/`, `:`, `@`) is left alone.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../model';
import { containsVariable } from '../variables';
import { closeNames } from '../facts/closeNames';
import { dataStrings, quickFix } from './support/fixes';
import { looksLikeImage } from '../facts/images';
import type { Rule } from './types';

/** Bounds on huge files: values checked, and name comparisons in all. */
const MAX_CHECKS = 500;
const MAX_COMPARISONS = 30_000;

interface Candidate {
  value: string;
  range: Range;
  inStage: number;
  where: string;
}

function candidates(model: StageModel): Candidate[] {
  const out: Candidate[] = [];
  for (const r of model.references) {
    if (r.kind === 'from' || r.resolution.kind !== 'image') continue;
    out.push({ value: r.value, range: r.range, inStage: r.inStage, where: r.kind === 'copy-from' ? '--from' : 'from=' });
  }
  for (const stage of model.stages) {
    if (stage.fromReference || !stage.baseImageRange || stage.baseImage === '') continue;
    out.push({ value: stage.baseImage, range: stage.baseImageRange, inStage: stage.index, where: 'FROM' });
  }
  return out;
}

/** Earlier stage names that have `value` as one of their dash-separated parts (`test` in `unit-test`). */
function namesWithPart(value: string, earlier: string[]): string[] {
  if (value.includes('.') || value.includes('-')) return [];
  const part = value.toLowerCase();
  return [...new Set(earlier.filter((n) => n.toLowerCase().split('-').length > 1 && n.toLowerCase().split('-').includes(part)))].slice(0, 3);
}

/** The names of the stages before `index` (stages are in file order). */
function earlierNames(model: StageModel, index: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < index && i < model.stages.length; i++) if (model.stages[i].name) names.push(model.stages[i].name as string);
  return names;
}

export const unknownStage: Rule = {
  id: 'unknown-stage',
  defaultSeverity: 'warning',
  description: 'A --from, from= or FROM value that names no stage but looks like a mistyped stage name.',
  messages: {
    didYouMean:
      "'{value}' names no stage and is not a known image, so {where} reads it as an image to pull. Did you mean stage {suggestion}?",
  },
  check({ model }, report) {
    let checked = 0;
    let compared = 0;
    for (const c of candidates(model)) {
      if (checked++ >= MAX_CHECKS || compared >= MAX_COMPARISONS) break;
      if (containsVariable(c.value) || looksLikeImage(c.value) || c.value.toLowerCase() === 'scratch') continue;
      const earlier = earlierNames(model, c.inStage);
      compared += earlier.length;
      let names = closeNames(c.value, earlier);
      if (names.length === 0 && c.where !== 'FROM') names = namesWithPart(c.value, earlier);
      if (names.length === 0) continue;
      const suggestion = names.map((n) => `'${n}'`).join(' or ');
      const related = names
        .map((n) => model.stagesByName.get(n.toLowerCase())?.[0])
        .filter((s): s is Stage => !!s?.nameRange)
        .map((s) => ({ range: s.nameRange as Range, message: `Stage '${s.name}' is defined here.` }));
      report({
        range: c.range,
        messageId: 'didYouMean',
        related,
        data: { candidates: names, value: c.value, where: c.where, suggestion },
      });
    }
  },
  fix({ model }, diagnostic) {
    const names = dataStrings(diagnostic, 'candidates');
    return names.map((name, i) => quickFix(model, diagnostic, `Change to '${name}'`, [{ range: diagnostic.range, newText: name }], i === 0 && names.length === 1));
  },
};
