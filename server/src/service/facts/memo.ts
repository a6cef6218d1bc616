/**
 * Facts derived from one model version, each computed at most once: the model is immutable, so a
 * fact keyed by (model, name) never goes stale, and a new document version gets a new model.
 */
import type { Instruction } from 'dockerfile-ast';
import type { StageModel } from '../model';

const memos = new WeakMap<StageModel, Map<string, unknown>>();

export function perModel<T>(model: StageModel, key: string, compute: () => T): T {
  let memo = memos.get(model);
  if (!memo) memos.set(model, (memo = new Map()));
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

/**
 * Facts of one instruction, each computed at most once: an instruction belongs to one parse of one
 * version and never changes, so several rules reading the same instruction share one reading.
 */
export class PerInstruction<T> {
  private readonly values = new WeakMap<Instruction, T>();

  get(instruction: Instruction, compute: () => T): T {
    const value = this.values.get(instruction);
    if (value !== undefined || this.values.has(instruction)) return value as T;
    const computed = compute();
    this.values.set(instruction, computed);
    return computed;
  }
}
