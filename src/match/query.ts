/**
 * The escape hatch: raw tree-sitter queries. A query must capture `@target`; its other captures
 * become metavariables.
 *
 * Compiling a query costs milliseconds (tree-sitter analyses the grammar for each), far more than
 * running it, and a batch of queries compiles in about half the time of its queries one by one. So
 * the queries a rule set runs on a file are compiled together (`prefetchTreeQueries`,
 * `declareQueries`): each source keeps the range of the batch's patterns that are its own (by the
 * pattern's start offset in the batch's text), and its matches are the batch's matches of those
 * patterns, numbered from 0 as its own query would number them. The queries of the subset
 * ./query-shape.ts reads (every shipped one) never come here for a port: they run in JavaScript
 * over the flat tree (./query-flat.ts); `checkQuery` still compiles each (tree-sitter's errors).
 */
import { quote } from '../diagnostics';
import { compileQuery } from '../parse';
import { predicateRegexes, unsafeRegex } from './regex-safety';
import { queryShape } from './query-shape';
import type { SyntaxNode, Tree } from '../parse';
import type Parser = require('tree-sitter');

/** Compiled queries by source, each on its own (for checking a query). */
const compiled = new Map<string, Parser.Query>();

/** The compiled query of `source` on its own (compiled once per process); throws on a bad query. */
export function queryOf(source: string): Parser.Query {
  let q = compiled.get(source);
  if (!q) compiled.set(source, (q = compileQuery(source)));
  return q;
}

/** Where a source's patterns are: patterns `first` to `first + count - 1` of `query`. */
interface Placed {
  query: Parser.Query;
  first: number;
  count: number;
  /** Every source compiled into `query` (itself included), for sharing one run among them. */
  members: ReadonlyArray<{ source: string; first: number; count: number }>;
}

/** Each source's place in the query it was compiled in (alone or in a batch). */
const placed = new Map<string, Placed>();

/** Patterns in a compiled query (node-tree-sitter keeps one predicate list per pattern). */
function patternCount(q: Parser.Query): number {
  return (q as unknown as { predicates: unknown[] }).predicates.length;
}

/** The pattern's start offset in the compiled text (bytes of UTF-8), from node-tree-sitter. */
function patternStart(q: Parser.Query, pattern: number): number {
  return (q as unknown as { startIndexForPattern(i: number): number }).startIndexForPattern(pattern);
}

/** The place of `source`, compiling it alone when no batch holds it; throws on a bad query. */
function placeOf(source: string): Placed {
  let p = placed.get(source);
  if (!p) {
    const query = queryOf(source);
    const count = patternCount(query);
    placed.set(source, (p = { query, first: 0, count, members: [{ source, first: 0, count }] }));
  }
  return p;
}

/**
 * Compile the sources not yet compiled as one query. Each source compiled on its own when its rule
 * was checked, so the batch compiles too; if not (never seen), each is left to compile alone.
 */
function compileBatch(sources: readonly string[]): void {
  const todo = [...new Set(sources)].filter((s) => !placed.has(s) && !runsInJs(s));
  if (todo.length < 2) return;
  let query: Parser.Query;
  try {
    query = compileQuery(todo.join('\n'));
  } catch {
    return;
  }
  // Byte offset of each source in the compiled text (compileQuery puts one space in front).
  const starts: number[] = [];
  let at = 1;
  for (const s of todo) {
    starts.push(at);
    at += Buffer.byteLength(s, 'utf8') + 1;
  }
  const members = todo.map((source) => ({ source, first: -1, count: 0 }));
  let k = 0;
  for (let i = 0, n = patternCount(query); i < n; i++) {
    const start = patternStart(query, i);
    while (k + 1 < todo.length && start >= starts[k + 1]) k++;
    if (members[k].first < 0) members[k].first = i;
    else if (members[k].first + members[k].count !== i) return;
    members[k].count++;
  }
  if (members.some((m) => m.count === 0)) return;
  for (const m of members) placed.set(m.source, { query, first: m.first, count: m.count, members });
}

/**
 * True when query `source` runs in JavaScript over the flat tree (./query-flat.ts, the subset of
 * ./query-shape.ts): it is never compiled for a port, and its matches are not asked of this module.
 */
export function runsInJs(source: string): boolean {
  return queryShape(source) !== undefined;
}

/**
 * Compile the raw queries `sources` together (those not compiled yet), for the queries a rule set
 * runs with a scope (`scopedQueryMatches`): one compilation instead of one each.
 */
export function declareQueries(sources: readonly string[]): void {
  compileBatch(sources);
}

/** The matches of `query` (a batch's) under `node`, split by source and renumbered from each source's first pattern. */
function splitMatches(p: Placed, node: SyntaxNode): Map<string, Parser.QueryMatch[]> {
  const owner: Array<{ source: string; first: number }> = [];
  for (const m of p.members) for (let i = 0; i < m.count; i++) owner[m.first + i] = m;
  const out = new Map<string, Parser.QueryMatch[]>(p.members.map((m) => [m.source, []]));
  for (const m of p.query.matches(node)) {
    const o = owner[m.pattern];
    (out.get(o.source) as Parser.QueryMatch[]).push(
      p.members.length === 1 ? m : { ...m, pattern: m.pattern - o.first },
    );
  }
  return out;
}

/** Whole-tree matches per tree and query source: the fold decision and the selector share one run. */
const treeMatches = new WeakMap<Tree, Map<string, Parser.QueryMatch[]>>();

/**
 * Run several queries over the whole of `tree` in one walk, for `treeQueryMatches` to return: a
 * query cursor's walk costs about as much as a whole query (3.5 ms on a 3,700-line driver), and
 * the sources compile together (see the header).
 */
export function prefetchTreeQueries(tree: Tree, sources: readonly string[]): void {
  let byTree = treeMatches.get(tree);
  if (!byTree) treeMatches.set(tree, (byTree = new Map()));
  const todo = [...new Set(sources)].filter((s) => !byTree.has(s) && !runsInJs(s));
  if (todo.length < 2) return;
  compileBatch(todo);
  for (const s of todo) if (!byTree.has(s)) treeQueryMatches(tree, s);
}

/**
 * The matches of query `source` over the whole of `tree`, computed once per tree (with those of the
 * sources compiled with it that are not known yet for this tree).
 */
export function treeQueryMatches(tree: Tree, source: string): Parser.QueryMatch[] {
  let byTree = treeMatches.get(tree);
  if (!byTree) treeMatches.set(tree, (byTree = new Map()));
  let ms = byTree.get(source);
  if (!ms) {
    for (const [s, found] of splitMatches(placeOf(source), tree.rootNode)) if (!byTree.has(s)) byTree.set(s, found);
    ms = byTree.get(source) as Parser.QueryMatch[];
  }
  return ms;
}

/** Matches per tree, batch query and top-level item index (scoped runs of a batch share them). */
const itemMatches = new WeakMap<Tree, Map<Parser.Query, Map<number, Map<string, Parser.QueryMatch[]>>>>();

/**
 * The matches of query `source` under the top-level items `items` (indexes among the root's
 * children) of `tree`: a scoped rule's query need not walk the whole file. Each item is walked once
 * per batch, for all the sources compiled with `source`.
 */
export function itemQueryMatches(tree: Tree, source: string, items: readonly number[]): Parser.QueryMatch[] {
  const p = placeOf(source);
  let byTree = itemMatches.get(tree);
  if (!byTree) itemMatches.set(tree, (byTree = new Map()));
  let byItem = byTree.get(p.query);
  if (!byItem) byTree.set(p.query, (byItem = new Map()));
  const out: Parser.QueryMatch[] = [];
  for (const i of items) {
    let found = byItem.get(i);
    if (!found) byItem.set(i, (found = splitMatches(p, tree.rootNode.child(i) as SyntaxNode)));
    out.push(...(found.get(source) as Parser.QueryMatch[]));
  }
  return out;
}

/** Check a raw tree-sitter query: it must compile and capture `@target`; returns its capture names. */
export function checkQuery(
  source: string,
): { ok: true; captures: string[] } | { ok: false; offset: number; message: string } {
  try {
    queryOf(source);
    const captures = queryCaptureNames(source);
    if (!captures.includes('target')) return { ok: false, offset: 0, message: 'the query must capture @target' };
    for (const p of predicateRegexes(source)) {
      const why = unsafeRegex(p.regex);
      if (why)
        return {
          ok: false,
          offset: p.offset,
          message: `the #match? regex ${quote(p.regex)} can backtrack catastrophically: ${why} (see docs/rules.md, "query")`,
        };
    }
    return { ok: true, captures };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(msg);
    return { ok: false, offset: at ? Number(at[1]) : 0, message: msg.split('\n')[0] };
  }
}

/** Capture names written in a query (`@name`), outside string literals, in order of first use. */
export function queryCaptureNames(source: string): string[] {
  const noStrings = source.replace(/"(?:[^"\\]|\\.)*"/g, (s) => ' '.repeat(s.length));
  return [...new Set([...noStrings.matchAll(/@([A-Za-z_][A-Za-z0-9_.-]*)/g)].map((m) => m[1]))];
}
