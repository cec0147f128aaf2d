/**
 * The memo of compiled rule files a long-running process keeps between loads (`xenport watch`); in
 * a module of its own so that holding one loads nothing of the rule compiler.
 */
import type { Diagnostic } from '../diagnostics';
import type { PatternCompiler, PatternResult } from '../match/pattern';
import type { Rule } from './types';

/**
 * Compiled rule files kept between loads by a long-running process (`xenport watch`): a rule file
 * whose text, port defaults and macro hints are those of an earlier load is not parsed and compiled
 * again (nor is a port manifest with the same text). The memo's rules are frozen, deep; each load
 * gets its own copy of every rule object (the loader numbers and scopes the rules it returns)
 * sharing the frozen parts. Entries no load used last time are dropped.
 */
export interface RuleFileMemo {
  /** Compiled rule files, with the keys of the patterns their compile used (kept while they are). */
  entries: Map<string, { rules: Rule[]; diagnostics: Diagnostic[]; patterns: string[] }>;
  /** Other files parsed by a load (port manifests), frozen, by key. */
  parsed: Map<string, { diagnostics: Diagnostic[] }>;
  /** Compiled patterns, frozen, by the macro hints they compiled through and their source. */
  patterns: Map<string, PatternResult>;
  /** Keys used by the load in progress. */
  used: Set<string>;
  /** The pattern keys used by the rule file being compiled, if any. */
  compiling?: string[];
}

/** An empty memo. */
export const ruleFileMemo = (): RuleFileMemo => ({
  entries: new Map(),
  parsed: new Map(),
  patterns: new Map(),
  used: new Set(),
});

/**
 * A memo for one load that parses and compiles every rule file and port manifest again, as a load
 * after a change of each would, taking compiled patterns from `memo` (which it leaves as it is):
 * `xenport watch` warms the rule compiler with it while idle (src/cli/watch-command.ts).
 */
export const recompiling = (memo: RuleFileMemo): RuleFileMemo => ({
  ...ruleFileMemo(),
  patterns: new Map(memo.patterns),
});

/** Run one load through `memo`, then drop the entries it did not use. */
export function pruning<T>(memo: RuleFileMemo | undefined, load: () => T): T {
  if (!memo) return load();
  memo.used.clear();
  const loaded = load();
  for (const k of memo.entries.keys()) if (!memo.used.has(k)) memo.entries.delete(k);
  for (const k of memo.parsed.keys()) if (!memo.used.has(k)) memo.parsed.delete(k);
  for (const k of memo.patterns.keys()) if (!memo.used.has(k)) memo.patterns.delete(k);
  return loaded;
}

/**
 * `parse()` through `memo` under `key`, for a file a load reads but does not change (a port
 * manifest): the result is frozen, deep, and each call gets its own diagnostics.
 */
export function memoizedParse<T extends { diagnostics: Diagnostic[] }>(
  memo: RuleFileMemo | undefined,
  key: string,
  parse: () => T,
): T {
  if (!memo) return parse();
  memo.used.add(key);
  let hit = memo.parsed.get(key) as T | undefined;
  if (!hit) {
    hit = parse();
    for (const v of Object.values(hit)) freezeDeep(v);
    memo.parsed.set(key, hit);
  }
  return { ...hit, diagnostics: structuredClone(hit.diagnostics) };
}

/** `compile()` through `memo` under `key` (fresh rule objects and diagnostics each time). */
export function memoized(
  memo: RuleFileMemo | undefined,
  key: string,
  compile: () => { rules: Rule[]; diagnostics: Diagnostic[] },
): { rules: Rule[]; diagnostics: Diagnostic[] } {
  if (!memo) return compile();
  memo.used.add(key);
  let hit = memo.entries.get(key);
  if (!hit) {
    const patterns: string[] = [];
    memo.compiling = patterns;
    try {
      hit = { ...compile(), patterns };
    } finally {
      memo.compiling = undefined;
    }
    for (const r of hit.rules) for (const v of Object.values(r)) freezeDeep(v);
    memo.entries.set(key, hit);
  } else for (const k of hit.patterns) memo.used.add(k);
  return {
    rules: hit.rules.map((r) => ({ ...r })),
    diagnostics: hit.diagnostics.length ? structuredClone(hit.diagnostics) : [],
  };
}

/**
 * How a load through `memo` compiles patterns under the macro hints `hintsKey` stands for (the
 * JSON of the hint tables): a pattern compiled by an earlier load is taken from the memo (undefined
 * without a memo: compile each).
 */
export function keptPatterns(memo: RuleFileMemo | undefined, hintsKey: string): PatternCompiler | undefined {
  if (!memo) return undefined;
  return (source, compile) => {
    const key = `pattern\0${hintsKey}\0${source}`;
    memo.used.add(key);
    memo.compiling?.push(key);
    let hit = memo.patterns.get(key);
    if (!hit) {
      hit = compile();
      freezeDeep(hit);
      memo.patterns.set(key, hit);
    }
    return hit;
  };
}

/**
 * The token of each object frozen by `freezeDeep` (made on first use): `#` and the number of its
 * JSON text (`jsonNumbers`), so that objects with the same JSON text have the same token.
 */
const frozenToken = new WeakMap<object, string | undefined>();

/**
 * A number for each JSON text a token was made for. Numbers are never reused: when the map is
 * cleared (past `MAX_JSON_NUMBERS` texts), objects frozen since get new numbers, and their rules
 * new keys (a memo miss, never two contents with one key).
 */
const jsonNumbers = new Map<string, number>();
let nextJsonNumber = 0;
const MAX_JSON_NUMBERS = 20000;

/** Freeze `v` and everything it holds, and remember that it can no longer change. */
function freezeDeep(v: unknown): void {
  if (v === null || typeof v !== 'object' || frozenToken.has(v)) return;
  for (const x of Object.values(v)) freezeDeep(x);
  Object.freeze(v);
  frozenToken.set(v, undefined);
}

/** The token of frozen `v` (see `frozenToken`). */
function tokenOf(v: object): string {
  let token = frozenToken.get(v);
  if (token === undefined) {
    const json = JSON.stringify(v);
    let n = jsonNumbers.get(json);
    if (n === undefined) {
      if (jsonNumbers.size >= MAX_JSON_NUMBERS) jsonNumbers.clear();
      jsonNumbers.set(json, (n = nextJsonNumber++));
    }
    frozenToken.set(v, (token = `#${n}`));
  }
  return token;
}

/**
 * A key of a rule's whole compiled content, short: two rules have the same key only when their
 * JSON texts (`JSON.stringify(rule)`) are the same, and rules of one load and its memo (whose
 * frozen parts are shared) with the same JSON text have the same key. Each part frozen in the memo
 * stands as a token of its JSON text (computed once; no JSON text starts with `#`), the other
 * values as their JSON text.
 */
export function ruleKey(rule: object): string {
  let out = '{';
  for (const [k, v] of Object.entries(rule)) {
    if (v === undefined || typeof v === 'function') continue;
    const json = v !== null && typeof v === 'object' && frozenToken.has(v) ? tokenOf(v) : JSON.stringify(v);
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${json}`;
  }
  return `${out}}`;
}
