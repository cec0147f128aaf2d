/**
 * Match results kept between ports of a long-running process (`xenport watch`). After a rule edit
 * the Linux input is the same text, so the parse memo (src/port/parse-memo.ts) gives the same
 * `ParsedSource`; this memo then keeps
 * - its match context (the flat copy of the tree, the costliest part of matching) as long as the
 *   new rule set copies the same parts: each fold predicate of the new rules (function bodies,
 *   top-level items, statements: src/match/fold.ts) is asked the questions the copy asked it (in
 *   the same order) and must give the same answers, which makes the copy the one a fresh `flatten`
 *   would build (the word index the predicates read is kept too), and the new rules pick the same
 *   `#define` bodies to parse (which bodies is found again only when the words of the `pattern:`
 *   rules changed, `macroBodyRulesKey`);
 * - each rule's matches and diagnostics on that context, keyed by the rule's whole compiled form
 *   (id, selector, scope, `unless`, `types`, `files`, `expect`, origin, order...): a rule's outcome
 *   depends on nothing else (src/match/index.ts, `matchRules`), so only changed or added rules are
 *   matched again; the planned edits of a rule whose outcome was kept are kept too (`derived`).
 *   What follows (reasons, nesting, overlaps, blocks) always runs in full.
 * Entries the last port did not use are dropped.
 */
import type { Diagnostic } from '../diagnostics';
import type { ParsedSource } from '../parse';
import { foldFilters } from './fold';
import type { FoldFilters } from './fold';
import { contextWith, matchContext } from './index';
import { macroBodiesKey, macroBodyFilter, macroBodyRulesKey } from './macro-graft';
import type { MacroBodyFilter } from './macro-graft';
import type { Match, RuleRunner } from './index';
import type { MatchRule } from './rule';
import type { MatchContext } from './select';
import { Generations } from './generations';
import { WordIndex } from './words';

/** A match memo: `context` and `run` during a port, `nextPort()` between ports. */
export interface MatchMemo {
  /**
   * The match context of `src` for `rules`, with the whole-tree contexts of `headers` as its
   * headers: the same object as last time when nothing it holds changed.
   */
  context(src: ParsedSource, rules: readonly MatchRule[], headers: readonly ParsedSource[]): MatchContext;
  /** Runs each rule for `matchRules`, or returns its outcome from the memo. */
  run: RuleRunner;
  /**
   * What `make` gives for `rule`'s `matches` in `text` of `file` (what a port derives from one
   * rule's matches alone: its planned edits, src/edit/passes.ts), or what it gave before for the
   * same rule (by key) with the same matches (the array `run` handed out again) in the same text:
   * after a rule change only the changed rules' edits are built. The value is shared between
   * ports: the caller must not change it.
   */
  derived: RuleDerived;
  /** Start the next port: entries the port just finished did not use are dropped. */
  nextPort(): void;
}

/** `MatchMemo.derived`: `make()`, or its value kept for the same rule, matches, text and file. */
export type RuleDerived = <T>(
  rule: MatchRule,
  matches: readonly Match[],
  text: string,
  file: string,
  make: () => T,
) => T;

/** The questions a copy asked one predicate of its `FoldFilters` and the answers. */
interface Asked {
  /** Per question, its arguments: a range, and a body's start or an item's type. */
  questions: Array<readonly [number, number, number | string]>;
  answers: boolean[];
}

/** A context built with fold predicates, and the questions the copy asked each with their answers. */
interface Folded {
  ctx: MatchContext;
  /** No predicate: every body copied. */
  whole: boolean;
  /** Which `#define` bodies were parsed for `pattern:` rules (`macroBodiesKey`). */
  macroKey: string;
  /** Per predicate of the filters the copy was made with. */
  asked: Partial<Record<keyof FoldFilters, Asked>>;
  /** The same context with headers, for the last header list asked for. */
  headed?: { headers: readonly MatchContext[]; ctx: MatchContext };
}

/** What a rule's match gave, without the rule object (each load has its own). */
interface Outcome {
  applies: boolean;
  matches: Match[];
  diagnostics: Diagnostic[];
}

const PREDICATES = ['keepBody', 'keepItem', 'keepStatement'] as const;

/** A predicate of `FoldFilters`, asked with the arguments `flatten` gives it. */
type Predicate = (start: number, end: number, third: never) => boolean;

/**
 * Whether `filters` has the predicates the copy was made with, each answering every recorded
 * question as it did, and the same `#define` bodies are parsed (`macroKey`).
 */
function sameFolds(f: Folded, filters: FoldFilters | undefined, macroKey: string): boolean {
  if (f.macroKey !== macroKey) return false;
  if (!filters) return f.whole;
  if (f.whole) return false;
  return PREDICATES.every((k) => {
    const p = filters[k] as Predicate | undefined;
    const a = f.asked[k];
    if (!p || !a) return !p && !a;
    return a.questions.every(([x, y, z], i) => p(x, y, z as never) === a.answers[i]);
  });
}

/** The context of `src` copied with `filters` (and `macro`'s bodies parsed), recording what the copy asks. */
function fold(
  src: ParsedSource,
  filters: FoldFilters | undefined,
  macro: MacroBodyFilter | undefined,
  macroKey: string,
  words: WordIndex,
): Folded {
  const asked: Folded['asked'] = {};
  let recording: FoldFilters | undefined;
  if (filters) {
    const record = (k: keyof FoldFilters): Predicate | undefined => {
      const p = filters[k] as Predicate | undefined;
      if (!p) return undefined;
      const a: Asked = (asked[k] = { questions: [], answers: [] });
      return (x, y, z) => {
        const yes = p(x, y, z);
        a.questions.push([x, y, z]);
        a.answers.push(yes);
        return yes;
      };
    };
    recording = {
      keepBody: record('keepBody') as FoldFilters['keepBody'],
      keepItem: record('keepItem') as FoldFilters['keepItem'],
      keepStatement: record('keepStatement') as FoldFilters['keepStatement'],
    };
  }
  const ctx = contextWith(src, recording, macro, words);
  return { ctx, whole: !filters, macroKey, asked };
}

/**
 * A new, empty match memo. `keyOf` gives a key of a rule's whole compiled form: its JSON text by
 * default; a caller holding the rules of a rule file memo passes its cheaper `ruleKey`
 * (src/rules/memo.ts), a short key that two rules share only when their JSON texts are the same.
 */
export function matchMemo(keyOf: (rule: MatchRule) => string = (r) => JSON.stringify(r)): MatchMemo {
  const folded = new Generations<ParsedSource, Folded>();
  const wholes = new Generations<ParsedSource, MatchContext>();
  const words = new Generations<ParsedSource, WordIndex>();
  /** The macro-body filter of a text for the rules' key (`macroBodyRulesKey`), and its bodies' key. */
  const macros = new Generations<ParsedSource, { rulesKey: string; filter?: MacroBodyFilter; key: string }>();
  /** Rule outcomes per context and rule key: this port's, and the last port's. */
  let outcomes = new Map<MatchContext, Map<string, Outcome>>();
  let lastOutcomes = new Map<MatchContext, Map<string, Outcome>>();
  /** The key of each rule object `run` was given (`derived` asks it again). */
  const keys = new WeakMap<MatchRule, string>();
  /** Values of `derived`, by the matches array they were made from (kept while the outcome is). */
  const derived = new WeakMap<readonly Match[], { key: string; text: string; file: string; value: unknown }>();

  const whole = (src: ParsedSource): MatchContext => {
    let ctx = wholes.get(src);
    if (!ctx) wholes.set(src, (ctx = matchContext(src)));
    return ctx;
  };

  return {
    context: (src, rules, headers) => {
      let index = words.get(src);
      if (!index) words.set(src, (index = new WordIndex(src.masked)));
      const keep = foldFilters(src, rules, index);
      const rulesKey = macroBodyRulesKey(rules);
      let m = macros.get(src);
      if (m?.rulesKey !== rulesKey) {
        const filter = macroBodyFilter(src.masked, rules, index, src.tree);
        macros.set(src, (m = { rulesKey, ...(filter ? { filter } : {}), key: macroBodiesKey(src, filter) }));
      }
      const { filter: macro, key: macroKey } = m;
      let f = folded.get(src);
      if (!f || !sameFolds(f, keep, macroKey)) folded.set(src, (f = fold(src, keep, macro, macroKey, index)));
      if (!headers.length) return f.ctx;
      const hs = headers.map(whole);
      if (!f.headed || f.headed.headers.length !== hs.length || f.headed.headers.some((h, i) => h !== hs[i]))
        f.headed = { headers: hs, ctx: { ...f.ctx, headers: hs } };
      return f.headed.ctx;
    },
    run: (ctx, rule, run) => {
      const key = keyOf(rule);
      keys.set(rule, key);
      let mine = outcomes.get(ctx);
      if (!mine) outcomes.set(ctx, (mine = new Map()));
      const hit = mine.get(key) ?? lastOutcomes.get(ctx)?.get(key);
      if (hit) {
        mine.set(key, hit);
        return {
          ...(hit.applies ? { result: { rule, matches: hit.matches } } : {}),
          diagnostics: structuredClone(hit.diagnostics),
        };
      }
      const o = run();
      mine.set(key, {
        applies: o.result !== undefined,
        matches: o.result?.matches ?? [],
        diagnostics: structuredClone(o.diagnostics),
      });
      return o;
    },
    derived: <T>(rule: MatchRule, matches: readonly Match[], text: string, file: string, make: () => T): T => {
      const key = keys.get(rule) ?? keyOf(rule);
      const had = derived.get(matches);
      if (had && had.key === key && had.text === text && had.file === file) return had.value as T;
      const value = make();
      derived.set(matches, { key, text, file, value });
      return value;
    },
    nextPort: () => {
      folded.next();
      wholes.next();
      words.next();
      macros.next();
      lastOutcomes = outcomes;
      outcomes = new Map();
    },
  };
}
