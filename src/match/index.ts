/**
 * Match stage: runs every rule's selector over a parsed file, restricted to the rule's scope, and
 * checks each rule's match count (drift). Rule-specific behaviour lives in the edit stage.
 */
import { Diagnostic, diag } from '../diagnostics';
import type { ParsedSource } from '../parse';
import type { MatchRule } from './rule';
import { checkDrift } from './drift';
import { flatten } from './flat';
import { normType } from './pattern';
import { foldFilters } from './fold';
import type { FoldFilters } from './fold';
import { inMacroBody, macroBodyFilter, withMacroBodies } from './macro-graft';
import type { MacroBodyFilter } from './macro-graft';
import { similarNames } from './named';
import type { NamedItem } from './named';
import type { Match, MatchContext } from './select';
import { itemRange, itemsOf, namedKindModule, select, selectorModule, SelectorRefusal } from './selectors';
import { prepareQueries } from './selectors/query';
import { indexByNormType, matchesNodes, MatchBudgetError, MAX_MATCH_STEPS } from './structural';
import { bindTransforms } from './transform';
import { bindTypes } from './types';
import { appliesTo } from './glob';
import { WordIndex } from './words';

export type { Match, MatchContext } from './select';
export type { Expectation, MatchRule, NamedKind, Scope, Selector } from './rule';
export type { FNode, FlatTree } from './flat';
export type { Capture, Bindings } from './structural';
export { compilePattern, normType } from './pattern';
export type { CompiledPattern, PatternResult } from './pattern';
export { checkQuery } from './query';
export { declaratorName, functionName, similarNames } from './named';
export { namedItems } from './selectors';
export { childByField, flatten } from './flat';
export { includePath } from './selectors';
export { typeOfExpression, typeText, parseTypeBinding } from './types';
export type { TypeBinding, DeclaredType } from './types';
export { applyTransform, bindTransforms, changeCase, TRANSFORM_CASES } from './transform';
export type { Transform, TransformCase } from './transform';

/** The matches of one rule. */
export interface RuleMatches<R extends MatchRule = MatchRule> {
  rule: R;
  matches: Match[];
}

/**
 * Build the per-file match context (flat tree and indexes). With `rules`, the function bodies (and
 * in a tree without errors, the items and statements) none of them can match in are not copied
 * (fold.ts); the context's `full` then gives the whole tree. With `rules`, `pattern:` rules also
 * match inside `#define` bodies (macro-graft.ts).
 */
export function matchContext(src: ParsedSource, rules?: readonly MatchRule[]): MatchContext {
  if (!rules) return contextWith(src, undefined);
  const words = new WordIndex(src.masked);
  return contextWith(src, foldFilters(src, rules, words), macroBodyFilter(src.masked, rules, words, src.tree), words);
}

/**
 * The match context of `src` copied as `fold` says (the whole tree without it), and the `#define`
 * bodies `macroFilter` picks parsed for `pattern:` rules (none without it): `matchContext` once the
 * rules' decisions are made (src/match/memo.ts replays a recorded fold decision). `words`: the word
 * index of `src.masked` the filters were made with, kept on the context.
 */
export function contextWith(
  src: ParsedSource,
  fold: FoldFilters | undefined,
  macroFilter?: MacroBodyFilter,
  words?: WordIndex,
): MatchContext {
  const flat = flatten(src.tree, { ...fold, indexKey: normType });
  const own = flat.byKey ?? indexByNormType(flat.all);
  const byNormType = macroFilter ? withMacroBodies(flat, src, macroFilter, own) : own;
  const ctx: MatchContext = { src, flat, byNormType, named: new Map(), ...(words ? { words } : {}) };
  if (fold) {
    let whole: MatchContext | undefined;
    ctx.full = () => (whole ??= contextWith(src, undefined, macroFilter, words));
  }
  return ctx;
}

/** Ranges of the rule's scope, and hints for scope names that are gone. */
function scopeRanges(
  ctx: MatchContext,
  rule: MatchRule,
): { ranges: Array<{ start: number; end: number }>; hints: string[] } | undefined {
  const { functions, structs } = rule.scope;
  if (functions.length === 0 && structs.length === 0) return undefined;
  const ranges: Array<{ start: number; end: number }> = [];
  const hints: string[] = [];
  for (const [kind, names] of [
    ['function', functions],
    ['struct', structs],
  ] as const) {
    const named = itemsByName(ctx, kind);
    for (const name of names) {
      const found = named.get(name) ?? [];
      if (found.length === 0) {
        const close = similarNames(name, [...named.keys()]);
        hints.push(`scope ${kind} '${name}' not found${close.length ? `; similar: ${close.join(', ')}` : ''}`);
      }
      for (const f of found) ranges.push(itemRange(f, ctx.src.text));
    }
  }
  return { ranges, hints };
}

/**
 * True when `ctx` is a partial copy and a function or struct that `rule` names (in its scope or
 * its selector) is not among its items: it may be defined inside a folded body (a nested
 * definition, or a macro tree-sitter reads as one), so the rule runs on the whole tree instead.
 */
function lacksNamedItems(ctx: MatchContext, rule: MatchRule): boolean {
  if (!ctx.full) return false;
  const s = rule.select;
  const wanted: Array<{ kind: 'function' | 'struct'; names: string[] }> = [
    { kind: 'function', names: rule.scope.functions },
    { kind: 'struct', names: rule.scope.structs },
  ];
  for (const g of selectorModule(s).nameGroups?.(s) ?? []) {
    const where = namedKindModule(g.kind).where;
    if (where === 'function' || where === 'struct') wanted.push({ kind: where, names: g.names });
  }
  return wanted.some(({ kind, names }) => {
    if (!names.length) return false;
    const have = itemsByName(ctx, kind);
    return names.some((n) => !have.has(n));
  });
}

/**
 * The items of `kind` in `ctx` by name (each name's in document order), made once per context and
 * kind: what a rule's scope and named selector ask of them (not a pass over every item per rule).
 */
const itemsByContext = new WeakMap<MatchContext, Map<string, Map<string, NamedItem[]>>>();
function itemsByName(ctx: MatchContext, kind: 'function' | 'struct'): Map<string, NamedItem[]> {
  let byKind = itemsByContext.get(ctx);
  if (!byKind) itemsByContext.set(ctx, (byKind = new Map()));
  let named = byKind.get(kind);
  if (!named) {
    byKind.set(kind, (named = new Map()));
    for (const item of itemsOf(ctx, kind)) {
      const list = named.get(item.name);
      if (list) list.push(item);
      else named.set(item.name, [item]);
    }
  }
  return named;
}

/**
 * What matching one rule on a file gives: its matches (none when the rule does not apply to the
 * file, `files:`) and its diagnostics.
 */
export interface RuleOutcome<R extends MatchRule = MatchRule> {
  result?: RuleMatches<R>;
  diagnostics: Diagnostic[];
}

/**
 * How `matchRules` runs each rule: `run` matches it; a memo (src/match/memo.ts) may return what
 * `run` gave before for an equal rule on the same context instead.
 */
export type RuleRunner = <R extends MatchRule>(ctx: MatchContext, rule: R, run: () => RuleOutcome<R>) => RuleOutcome<R>;

/**
 * Run all rules, one after the other (each rule's matches depend only on the rule and the file);
 * returns their matches and the drift errors.
 */
export function matchRules<R extends MatchRule>(
  fileCtx: MatchContext,
  rules: readonly R[],
  runner?: RuleRunner,
): { results: RuleMatches<R>[]; diagnostics: Diagnostic[] } {
  const results: RuleMatches<R>[] = [];
  const diagnostics: Diagnostic[] = [];
  // The raw queries of the rules that apply, compiled together (selectors/query.ts).
  prepareQueries(
    fileCtx,
    rules.filter((rule) => appliesTo(rule.files, fileCtx.src.file)),
  );
  for (const rule of rules) {
    const run = () => matchRule(fileCtx, rule);
    const o = runner ? runner(fileCtx, rule, run) : run();
    diagnostics.push(...o.diagnostics);
    if (o.result) results.push(o.result);
  }
  return { results, diagnostics };
}

/** Match one rule on the file of `fileCtx`. */
function matchRule<R extends MatchRule>(fileCtx: MatchContext, rule: R): RuleOutcome<R> {
  const diagnostics: Diagnostic[] = [];
  if (!appliesTo(rule.files, fileCtx.src.file)) return { diagnostics };
  const ctx = lacksNamedItems(fileCtx, rule) ? (fileCtx.full as () => MatchContext)() : fileCtx;
  const scope = scopeRanges(ctx, rule);
  let matches: Match[];
  try {
    matches = select(ctx, rule.select, scope?.ranges);
    const unless = rule.unless;
    if (unless) matches = matches.filter((m) => !matchesNodes(unless, m.nodes, ctx.src.masked));
  } catch (e) {
    if (e instanceof SelectorRefusal) {
      diagnostics.push(
        diag(e.code, e.message, {
          location: { file: ctx.src.file, ...ctx.src.lines.position(e.offset) },
          ruleId: rule.id,
        }),
      );
      return { result: { rule, matches: [] }, diagnostics };
    }
    if (!(e instanceof MatchBudgetError)) throw e;
    diagnostics.push(
      diag(
        'XP210',
        `rule '${rule.id}': matching its pattern on ${ctx.src.file} stopped after ${MAX_MATCH_STEPS} steps; its $$$ sequences backtrack too much (write fewer $$$, or anchor them with a scope)`,
        { location: rule.origin, ruleId: rule.id },
      ),
    );
    return { result: { rule, matches: [] }, diagnostics };
  }
  if (scope) matches = matches.filter((m) => scope.ranges.some((r) => r.start <= m.start && m.end <= r.end));
  diagnostics.push(...checkDrift(ctx, rule, matches, scope?.hints ?? []));
  if (rule.types?.length)
    matches = matches.filter((m) => {
      const why = bindTypes(rule, m.captures, ctx);
      // Inside a #define body the expression is mostly a macro parameter, which has no declared
      // type: the match is left as written with a warning, not an error that stops the port.
      const macro = why !== undefined && inMacroBody(m.nodes);
      if (why)
        diagnostics.push(
          diag('XP203', macro ? `${why} (inside a #define body; not rewritten)` : why, {
            location: { file: ctx.src.file, ...ctx.src.lines.position(m.start) },
            ruleId: rule.id,
            ...(macro ? { severity: 'warning' as const } : {}),
          }),
        );
      return !why;
    });
  const transforms = rule.transforms;
  if (transforms?.length)
    matches = matches.filter((m) => {
      const why = bindTransforms(transforms, m.captures, ctx.src.text);
      if (why)
        diagnostics.push(
          diag('XP211', why, {
            location: { file: ctx.src.file, ...ctx.src.lines.position(m.start) },
            ruleId: rule.id,
          }),
        );
      return !why;
    });
  return { result: { rule, matches }, diagnostics };
}
