import type { Rule } from './types';

/** Every diagnostics rule, one module each in this folder. */
export const rules: Rule[] = [];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
