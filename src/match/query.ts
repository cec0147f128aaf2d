/**
 * The escape hatch: raw tree-sitter queries. A query must capture `@target`; its other captures
 * become metavariables.
 */
import { quote } from '../diagnostics';
import { compileQuery } from '../parse';
import { predicateRegexes, unsafeRegex } from './regex-safety';
import type { Tree } from '../parse';
import type Parser = require('tree-sitter');

/** Compiled queries by source: compiling costs milliseconds, and a query is reusable on any tree. */
const compiled = new Map<string, Parser.Query>();

/** The compiled query of `source` (compiled once per process); throws on a bad query. */
export function queryOf(source: string): Parser.Query {
  let q = compiled.get(source);
  if (!q) compiled.set(source, (q = compileQuery(source)));
  return q;
}

/** Whole-tree matches per tree and query source: the fold decision and the selector share one run. */
const treeMatches = new WeakMap<Tree, Map<string, Parser.QueryMatch[]>>();

/** Patterns in a compiled query (node-tree-sitter keeps one predicate list per pattern). */
function patternCount(q: Parser.Query): number {
  return (q as unknown as { predicates: unknown[] }).predicates.length;
}

/**
 * Run several queries over the whole of `tree` in one walk, for `treeQueryMatches` to return: a
 * query cursor's walk costs about as much as a whole query (3.5 ms on a 3,700-line driver), so the
 * patterns of all of them are compiled into one query and its matches are handed back to each
 * source by pattern index.
 */
export function prefetchTreeQueries(tree: Tree, sources: readonly string[]): void {
  let byTree = treeMatches.get(tree);
  if (!byTree) treeMatches.set(tree, (byTree = new Map()));
  const todo = [...new Set(sources)].filter((s) => !byTree.has(s));
  if (todo.length < 2) return;
  const combined = queryOf(todo.join('\n'));
  // Pattern k of the combined query is pattern k - first of its source.
  const owner: Array<{ source: string; first: number }> = [];
  for (const source of todo) {
    const first = owner.length;
    for (let i = patternCount(queryOf(source)); i > 0; i--) owner.push({ source, first });
  }
  if (owner.length !== patternCount(combined)) return;
  const results = new Map<string, Parser.QueryMatch[]>(todo.map((s) => [s, []]));
  for (const m of combined.matches(tree.rootNode)) {
    const { source, first } = owner[m.pattern];
    (results.get(source) as Parser.QueryMatch[]).push({ ...m, pattern: m.pattern - first });
  }
  for (const [s, ms] of results) byTree.set(s, ms);
}

/** The matches of query `source` over the whole of `tree`, computed once per tree. */
export function treeQueryMatches(tree: Tree, source: string): Parser.QueryMatch[] {
  let byTree = treeMatches.get(tree);
  if (!byTree) treeMatches.set(tree, (byTree = new Map()));
  let ms = byTree.get(source);
  if (!ms) byTree.set(source, (ms = queryOf(source).matches(tree.rootNode)));
  return ms;
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
