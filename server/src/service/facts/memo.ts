/**
 * Facts derived from one model version, each computed at most once: the model is immutable, so a
 * fact keyed by (model, name) never goes stale, and a new document version gets a new model.
 */
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
