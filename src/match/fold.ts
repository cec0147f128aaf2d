/**
 * Which function bodies a port must copy out of the native tree. Copying the tree node by node is
 * the costliest part of matching, and most function bodies of a driver hold no match of any rule.
 * A body is left folded (copied as a leaf) when no rule of the set can match inside it: every
 * selector but a raw query needs some words (a pattern's identifiers, one of a named selector's
 * names, a comment line's text), and a match inside a body lies within its function's text, so a
 * function whose text lacks them cannot hold a match. Rules that use a body without matching in
 * it are covered too: a scope (a function or struct named in `scope`) and the struct definitions
 * that a `types:` lookup reads. A raw query is run first, and the bodies holding its captures are needed.
 */
import type { ParsedSource, Tree } from '../parse';
import type { Rule } from '../rules/types';
import { treeQueryMatches } from './query';
import { globToRegExp } from './select';
import { WordIndex, WordNeed, within } from './words';

/** A struct or union definition with a body (the `types:` lookup reads field declarations). */
const LOCAL_STRUCT = /\b(?:struct|union)\s+\w+\s*\{/g;

/** What a function's text must hold for `rule` to need the function's body, or 'query': ask the query. */
function bodyNeeds(rule: Rule): WordNeed[] | 'query' {
  const s = rule.select;
  const scope = [...rule.scope.functions, ...rule.scope.structs];
  if (s.type === 'file') return [];
  // Every match of a scoped rule lies in a function or struct of its scope, whose text holds its name.
  if (scope.length) return [{ all: s.type === 'pattern' ? s.pattern.literals : [], any: scope }];
  switch (s.type) {
    case 'query':
      return 'query';
    case 'pattern':
      return [{ all: s.pattern.literals, any: [] }];
    case 'named':
      return [{ all: [], any: s.names }];
    case 'items':
      return [{ all: [], any: s.items.flatMap((i) => i.names) }];
    case 'include':
      return [{ all: ['#include'], any: [] }];
    case 'comment-line':
      return [{ all: [s.text], any: [] }];
  }
}

/** Sorted start offsets of every capture of a raw query's matches over the whole tree. */
function captureStarts(tree: Tree, source: string): number[] {
  const out: number[] = [];
  for (const m of treeQueryMatches(tree, source)) for (const c of m.captures) out.push(c.node.startIndex);
  return out.sort((a, b) => a - b);
}

/**
 * The predicate on function definitions (their start and end offsets): true when some rule of
 * `rules` that applies to the file may need the function's body. Undefined when every body is
 * needed. A raw query without a scope is run here, on the native tree (its matches are kept for
 * the match stage): the bodies holding its captures are needed.
 */
export function bodyFilter(src: ParsedSource, rules: readonly Rule[]): ((start: number, end: number) => boolean) | undefined {
  const base = src.file.replace(/^.*[\\/]/, '');
  const applying = rules.filter((r) => !r.files || r.files.some((g) => globToRegExp(g).test(base)));
  const needs: WordNeed[] = [];
  const positions: number[][] = [];
  for (const rule of applying) {
    const n = bodyNeeds(rule);
    if (n === 'query') positions.push(captureStarts(src.tree, (rule.select as { source: string }).source));
    else needs.push(...n);
  }
  // A pattern without identifiers (`return 0;`) outside any scope can be in any body.
  if (needs.some((n) => n.all.length === 0 && n.any.length === 0)) return undefined;
  if (applying.some((r) => r.types?.length)) positions.push([...src.masked.matchAll(LOCAL_STRUCT)].map((m) => m.index as number));
  const words = new WordIndex(src.masked);
  return (start, end) => needs.some((n) => words.satisfies(n, start, end)) || positions.some((p) => within(p, 0, start, end - 1));
}
