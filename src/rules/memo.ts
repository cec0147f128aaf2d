/**
 * The memo of compiled rule files a long-running process keeps between loads (`xenport watch`); in
 * a module of its own so that holding one loads nothing of the rule compiler.
 */
import type { Diagnostic } from '../diagnostics';
import type { Rule } from './types';

/**
 * Compiled rule files kept between loads by a long-running process (`xenport watch`): a rule file
 * whose text, port defaults and macro hints are those of an earlier load is not parsed and compiled
 * again. Each load gets copies (the loader numbers and scopes the rules it returns), and entries no
 * load used last time are dropped.
 */
export interface RuleFileMemo {
  entries: Map<string, { rules: Rule[]; diagnostics: Diagnostic[] }>;
  /** Keys used by the load in progress. */
  used: Set<string>;
}

/** An empty memo. */
export const ruleFileMemo = (): RuleFileMemo => ({ entries: new Map(), used: new Set() });

/** Run one load through `memo`, then drop the entries it did not use. */
export function pruning<T>(memo: RuleFileMemo | undefined, load: () => T): T {
  if (!memo) return load();
  memo.used.clear();
  const loaded = load();
  for (const k of memo.entries.keys()) if (!memo.used.has(k)) memo.entries.delete(k);
  return loaded;
}

/** `compile()` through `memo` under `key` (always a fresh copy of the result). */
export function memoized(
  memo: RuleFileMemo | undefined,
  key: string,
  compile: () => { rules: Rule[]; diagnostics: Diagnostic[] },
): { rules: Rule[]; diagnostics: Diagnostic[] } {
  if (!memo) return compile();
  memo.used.add(key);
  let hit = memo.entries.get(key);
  if (!hit) memo.entries.set(key, (hit = compile()));
  return structuredClone(hit);
}
