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
 * Facts of one instruction, each computed at most once: an instruction never changes (a new version
 * that takes it over has it at the same place with the same text, see parse.ts), so several rules
 * reading the same instruction, and the next versions, share one reading. Kept on the instruction
 * itself under a symbol of this fact: cheaper than a WeakMap entry per instruction and fact.
 */
export class PerInstruction<T> {
  private readonly key: symbol;

  constructor(name: string) {
    this.key = Symbol(name);
  }

  get(instruction: Instruction, compute: () => T): T {
    const holder = instruction as unknown as Record<symbol, unknown>;
    const kept = holder[this.key];
    if (kept !== undefined) return (kept === NOTHING ? undefined : kept) as T;
    const value = compute();
    holder[this.key] = value === undefined ? NOTHING : value;
    return value;
  }
}

/** Kept for a fact whose value is `undefined`. */
const NOTHING = Symbol('nothing');
