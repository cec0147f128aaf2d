/**
 * Runs one selector over a parsed file: structural patterns, raw queries, named items, includes,
 * comment lines and file anchors all come out as the same `Match` shape.
 */
import { compileGlob } from './glob';
import type { ParsedSource, SyntaxNode } from '../parse';
import { queryOf, treeQueryMatches } from './query';
import type { Selector } from './rule';
import { FlatTree, FNode } from './flat';
import { itemRange, NamedItem, namedItems } from './named';
import { Bindings, findStructural } from './structural';

/** One place a rule applies to. */
export interface Match {
  start: number;
  end: number;
  /** The matched nodes (consecutive siblings); empty for line and file anchors. */
  nodes: FNode[];
  captures: Bindings;
  /** For named selectors: the name that matched, and its kind. */
  name?: string;
  kind?: NamedItem['kind'];
}

/** Per-file data shared by all rules: the parsed source and its flat tree with indexes. */
export interface MatchContext {
  src: ParsedSource;
  flat: FlatTree;
  byNormType: Map<string, FNode[]>;
  /** Named items per kind, computed on first use. */
  named: Map<string, NamedItem[]>;
  /**
   * When `flat` is a partial copy (folded function bodies, skipped items): the context over the
   * whole tree, built on first call. Only for what must see every node, such as drift hints.
   */
  full?: () => MatchContext;
  /**
   * Contexts of the headers paired with this file (the driver's own `.h`): type lookups follow a
   * struct whose definition is not in this file into them.
   */
  headers?: readonly MatchContext[];
}

/** Named items of one kind, cached on the context. */
export function itemsOf(ctx: MatchContext, kind: NamedItem['kind']): NamedItem[] {
  let items = ctx.named.get(kind);
  if (!items) ctx.named.set(kind, (items = namedItems(ctx.flat, kind, ctx.src.masked)));
  return items;
}


/** The header path of an `#include` node: `linux/io.h` for `<linux/io.h>` or `"linux/io.h"`. */
export function includePath(n: FNode, text: string): string | undefined {
  const p = n.children.find((c) => c.field === 'path');
  return p ? text.slice(p.start + 1, p.end - 1) : undefined;
}

function trimNewline(text: string, start: number, end: number): number {
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

/**
 * Find the flat node with a native node's range and type. `all` is in pre-order, so sorted by
 * start: binary search for the first node at `start`, then scan the few that share it.
 */
function nodeLookup(ctx: MatchContext): (start: number, end: number, type: string) => FNode | undefined {
  const all = ctx.flat.all;
  return (s, e, t) => {
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid].start < s) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < all.length && all[i].start === s; i++) if (all[i].end === e && all[i].type === t) return all[i];
    return undefined;
  };
}

/**
 * The native nodes a scoped query runs on: the top-level items that overlap one of `within`'s ranges (a query cursor
 * walks and tests every node below its root, and the
 * predicates run in JavaScript on every candidate: a rule scoped to one function need not pay for
 * the whole file). Every match inside a range lies below one of these items.
 */
function queryRoots(ctx: MatchContext, within: ReadonlyArray<{ start: number; end: number }>): SyntaxNode[] {
  const root = ctx.src.tree.rootNode;
  const out: SyntaxNode[] = [];
  ctx.flat.root.children.forEach((item, i) => {
    if (within.some((r) => item.start < r.end && r.start < item.end)) out.push(root.child(i) as SyntaxNode);
  });
  return out;
}

/**
 * Run a raw tree-sitter query; `@target` is the match, other captures are bindings. With `within`,
 * matches outside those ranges may be left out (the caller keeps only matches inside them).
 */
function runQuery(ctx: MatchContext, source: string, within?: ReadonlyArray<{ start: number; end: number }>): Match[] {
  const q = queryOf(source);
  const find = nodeLookup(ctx);
  const out: Match[] = [];
  const raw = within ? queryRoots(ctx, within).flatMap((n) => q.matches(n)) : treeQueryMatches(ctx.src.tree, source);
  for (const qm of raw) {
    const target = qm.captures.find((c) => c.name === 'target');
    if (!target) continue;
    const captures: Bindings = new Map();
    for (const c of qm.captures) {
      if (c.name === 'target') continue;
      const fn = find(c.node.startIndex, c.node.endIndex, c.node.type);
      captures.set(c.name, { start: c.node.startIndex, end: c.node.endIndex, nodes: fn ? [fn] : [] });
    }
    const t = find(target.node.startIndex, target.node.endIndex, target.node.type);
    out.push({ start: target.node.startIndex, end: target.node.endIndex, nodes: t ? [t] : [], captures });
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out.filter((m, i) => i === 0 || m.start !== out[i - 1].start || m.end !== out[i - 1].end);
}

/** Named items of one kind whose name is in `names`, as matches. */
function selectNamed(ctx: MatchContext, kind: NamedItem['kind'], names: string[]): Match[] {
  const wanted = new Set(names);
  return itemsOf(ctx, kind)
    .filter((it) => wanted.has(it.name))
    .map((it) => ({ ...itemRange(it, ctx.src.text), nodes: [it.node], captures: new Map(), name: it.name, kind }));
}

/**
 * All matches of a selector, in document order (before scope filtering). `within` (the rule's scope
 * ranges) lets a selector skip work outside them; matches outside may still be returned.
 */
export function select(ctx: MatchContext, sel: Selector, within?: ReadonlyArray<{ start: number; end: number }>): Match[] {
  const { text, masked } = ctx.src;
  switch (sel.type) {
    case 'pattern':
      for (const lit of sel.pattern.literals) if (!masked.includes(lit)) return [];
      return findStructural(sel.pattern, ctx.byNormType, masked).map((m) => ({ ...m }));
    case 'query':
      return runQuery(ctx, sel.source, within);
    case 'named':
      return selectNamed(ctx, sel.kind, sel.names);
    case 'items':
      return sel.items.flatMap((i) => selectNamed(ctx, i.kind, i.names)).sort((a, b) => a.start - b.start);
    case 'include': {
      const res = sel.globs.map(compileGlob);
      return (ctx.flat.byType.get('preproc_include') ?? [])
        .filter((n) => {
          const p = includePath(n, text);
          return p !== undefined && res.some((r) => r.test(p));
        })
        .map((n) => ({ start: n.start, end: trimNewline(text, n.start, n.end), nodes: [n], captures: new Map(), name: includePath(n, text) }));
    }
    case 'comment-line': {
      const out: Match[] = [];
      for (const c of ctx.flat.byType.get('comment') ?? []) {
        let at = text.indexOf(sel.text, c.start);
        while (at >= 0 && at + sel.text.length <= c.end) {
          const ls = text.lastIndexOf('\n', at - 1) + 1;
          const nl = text.indexOf('\n', at);
          const le = nl < 0 ? text.length : nl;
          out.push({ start: ls, end: le, nodes: [], captures: new Map() });
          at = text.indexOf(sel.text, le);
        }
      }
      return out;
    }
    case 'file': {
      // The start of the file is after a UTF-8 byte order mark, which must stay the first character.
      const at = sel.where === 'start' ? (text.startsWith('\uFEFF') ? 1 : 0) : text.length;
      return [{ start: at, end: at, nodes: [], captures: new Map() }];
    }
  }
}
