/**
 * `query:`: a raw tree-sitter query; the `@target` capture is the match, other captures are
 * metavariables.
 */
import type { FNode } from '../flat';
import { declareQueries, itemQueryMatches, prefetchTreeQueries, treeQueryMatches } from '../query';
import { flatQueryMatches } from '../query-flat';
import type { FlatCapture } from '../query-flat';
import { queryShape } from '../query-shape';
import type { MatchRule } from '../rule';
import type { Match, MatchContext } from '../select';
import type { Bindings } from '../structural';
import { selector } from './types';
import { countStartsBelow } from '../../sorted';
import { text } from './value';

/**
 * Find the flat node with a native node's range and type. `all` is in pre-order, so sorted by
 * start: binary search for the first node at `start`, then scan the few that share it.
 */
function nodeLookup(ctx: MatchContext): (start: number, end: number, type: string) => FNode | undefined {
  const all = ctx.flat.all;
  return (s, e, t) => {
    for (let i = countStartsBelow(all, s); i < all.length && all[i].start === s; i++)
      if (all[i].end === e && all[i].type === t) return all[i];
    return undefined;
  };
}

/**
 * The top-level items (indexes among the root's children) a scoped query runs on: those that
 * overlap one of `within`'s ranges (a query cursor walks and tests every node below its root, and
 * the predicates run in JavaScript on every candidate: a rule scoped to one function need not pay
 * for the whole file). Every match inside a range lies below one of these items.
 */
function queryItems(ctx: MatchContext, within: ReadonlyArray<{ start: number; end: number }>): number[] {
  const items = ctx.flat.root.children;
  const out = new Set<number>();
  // Items are in order and apart: those before the last one starting before a range end before it.
  for (const r of within)
    for (let i = Math.max(countStartsBelow(items, r.start) - 1, 0); i < items.length && items[i].start < r.end; i++)
      if (r.start < items[i].end) out.add(i);
  return [...out].sort((a, b) => a - b);
}

/** A capture of a raw query's match: its name, and its node's range and type. */
interface RawCapture {
  name: string;
  start: number;
  end: number;
  type: string;
}

/**
 * The captures of each match of query `source` (under the top-level items overlapping `within`'s
 * ranges, with `within`): over the flat tree in JavaScript for a query of the subset
 * ../query-shape.ts reads, else tree-sitter's.
 */
function rawMatches(
  ctx: MatchContext,
  source: string,
  within?: ReadonlyArray<{ start: number; end: number }>,
): RawCapture[][] {
  const shape = queryShape(source);
  if (shape) {
    const { root, byType, all } = ctx.flat;
    const flat = (c: FlatCapture): RawCapture => ({
      name: c.name,
      start: c.node.start,
      end: c.node.end,
      type: c.node.type,
    });
    const roots = within ? queryItems(ctx, within).map((i) => root.children[i]) : [root];
    return roots.flatMap((r) =>
      flatQueryMatches(shape, r, byType, all, ctx.src.masked).map((m) => m.captures.map(flat)),
    );
  }
  const tree = ctx.src.tree;
  const raw = within ? itemQueryMatches(tree, source, queryItems(ctx, within)) : treeQueryMatches(tree, source);
  return raw.map((m) =>
    m.captures.map((c) => ({ name: c.name, start: c.node.startIndex, end: c.node.endIndex, type: c.node.type })),
  );
}

/**
 * Run a raw tree-sitter query; `@target` is the match, other captures are bindings. With `within`,
 * matches outside those ranges may be left out (the caller keeps only matches inside them).
 */
function runQuery(ctx: MatchContext, source: string, within?: ReadonlyArray<{ start: number; end: number }>): Match[] {
  const find = nodeLookup(ctx);
  const out: Match[] = [];
  for (const qm of rawMatches(ctx, source, within)) {
    const target = qm.find((c) => c.name === 'target');
    if (!target) continue;
    const captures: Bindings = new Map();
    for (const c of qm) {
      if (c.name === 'target') continue;
      const fn = find(c.start, c.end, c.type);
      captures.set(c.name, { start: c.start, end: c.end, nodes: fn ? [fn] : [] });
    }
    const t = find(target.start, target.end, target.type);
    out.push({ start: target.start, end: target.end, nodes: t ? [t] : [], captures });
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out.filter((m, i) => i === 0 || m.start !== out[i - 1].start || m.end !== out[i - 1].end);
}

/**
 * Compile the raw queries that `rules` (those that apply to the file of `ctx`) will run, in two
 * batches: those run over the whole file (fetched now, in one walk), and those run within a scope.
 */
export function prepareQueries(ctx: MatchContext, rules: readonly MatchRule[]): void {
  const whole: string[] = [];
  const scoped: string[] = [];
  for (const r of rules) {
    if (r.select.type !== 'query') continue;
    const inScope = r.scope.functions.length > 0 || r.scope.structs.length > 0;
    (inScope ? scoped : whole).push(r.select.source);
  }
  prefetchTreeQueries(ctx.src.tree, whole);
  declareQueries(scoped.filter((s) => !whole.includes(s)));
}

/** The `query:` selector. */
export const QUERY = selector<string, { type: 'query'; source: string }>({
  key: 'query',
  value: text(
    'Selector: a raw tree-sitter query; the @target capture is the match, other captures @X are metavariables $X.',
  ),
  doc: 'a raw tree-sitter query; the `@target` capture is the match, other captures `@X` are metavariables `$X`',
  owns: (sel) => sel.type === 'query',
  compile: (v, at) => {
    const r = at.query();
    return { select: r.captures && { type: 'query', source: v }, bound: r.captures ?? [], diagnostics: r.diagnostics };
  },
  find: (ctx, sel, within) => runQuery(ctx, sel.source, within),
  // A query has no words we can rely on; the bodies holding its captures are found by running it.
  need: (s) => ({
    words: { all: [], any: [] },
    oneItem: false,
    oneStatement: false,
    body: { words: [], defs: [], scopes: [], query: s.source },
  }),
});
