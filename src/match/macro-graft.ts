/**
 * `#define` bodies in the match context: each body parsed as C (src/parse/macro-bodies.ts) is
 * copied into the flat tree under a `macro_body` node (hung below the innermost node that holds
 * the `#define`, not among its children), with the file's offsets. Only structural patterns
 * (`pattern:` rules) see these nodes: they are indexed by normalised type, never in `all` or
 * `byType`, which the named selectors (functions, declarations, fields, comments, ...) and type
 * lookups of top-level items read. Where a body is copied, the nodes the file's own parse has
 * inside it (a `preproc_arg` token, or the tokens of an ERROR) are left out of the index: a match
 * there always comes from the body's parse, so a match inside a macro body can be told by its
 * `macro_body` ancestor (`inMacroBody`).
 */
import type { ParsedSource, Tree } from '../parse';
import type { TreeCursor } from '../parse/parser';
import { macroBodies, pickMacroBodies } from '../parse/macro-bodies';
import { flatten } from './flat';
import { normType } from './pattern';
import { indexByNormType } from './structural';
import { countStartsBelow } from '../sorted';
import type { FlatTree, FNode } from './flat';
import type { MatchRule } from './rule';
import { firstWordMatches } from './word-matches';
import { meets, WordIndex } from './words';

/** The type of the node a copied body hangs from. */
export const MACRO_BODY = 'macro_body';

/** Which `#define` bodies to parse: where to look, and the test of a body's range. */
export interface MacroBodyFilter {
  /** Offsets of the masked text near which a body may be kept; undefined: every `#define`. */
  near?: number[];
  keep(start: number, end: number): boolean;
}

/** The words a `pattern:` rule needs in a body, and whether the rule has a scope (functions or structs). */
interface PatternNeed {
  words: MatchRule['need']['words'];
  scoped: boolean;
}

/**
 * The words each `pattern:` rule needs: all that `macroBodyFilter` reads of the rules. A pattern
 * without words (`"...mask 0x%x"`) needs its literal texts instead, so that it does not make every
 * `#define` body of the file parsed.
 */
function patternNeeds(rules: readonly MatchRule[]): PatternNeed[] {
  const out: PatternNeed[] = [];
  for (const r of rules) {
    if (r.select.type !== 'pattern') continue;
    const w = r.need.words;
    out.push({
      words: w.all.length || w.any.length ? w : { all: r.select.pattern.texts, any: [] },
      scoped: r.scope.functions.length > 0 || r.scope.structs.length > 0,
    });
  }
  return out;
}

/**
 * A key of all that `macroBodyFilter` reads of `rules`: for one text and word index, rule lists
 * with one key give the same filter (src/match/memo.ts keeps it, and `macroBodiesKey`, while the
 * key holds).
 */
export const macroBodyRulesKey = (rules: readonly MatchRule[]): string => JSON.stringify(patternNeeds(rules));

/**
 * Which `#define` bodies of `src` `filter` has parsed (their ranges; empty without a filter): two
 * filters with one key give the same nodes (src/match/memo.ts keeps a match context while it holds).
 */
export function macroBodiesKey(src: ParsedSource, filter: MacroBodyFilter | undefined): string {
  if (!filter || filter.near?.length === 0) return '';
  return pickMacroBodies(src.shaped, filter.keep, src.masked, filter.near)
    .map((b) => `${b.start}-${b.end}`)
    .join(',');
}

/**
 * Which `#define` bodies to parse for `rules` (over the masked text): those holding the words of
 * some `pattern:` rule; undefined when no rule is a pattern (no body is parsed). Only the
 * `#define`s around an occurrence of some rule's word are tried (`near`: where a search for any of
 * the words finds one, `firstWordMatches`). `index` holds the masked text's word offsets (kept
 * across runs of a watch session: only a word the rules did not have before is searched for).
 * With `tree` (the text's parse), a rule with a scope counts only for a body that may lie in a
 * function or a struct: a scope is a function's or a struct's range, and most `#define`s are
 * outside all of them (`outsideItems`); a `return 0;` scoped to one function would otherwise
 * have every `#define` body holding a 0 parsed.
 */
export function macroBodyFilter(
  masked: string,
  rules: readonly MatchRule[],
  index = new WordIndex(masked),
  tree?: Tree,
): MacroBodyFilter | undefined {
  const needs = patternNeeds(rules);
  if (!needs.length) return undefined;
  if (needs.some((n) => !n.words.all.length && !n.words.any.length)) return { keep: () => true };
  const words = [...new Set(needs.flatMap((n) => (n.words.all.length ? n.words.all : n.words.any)))];
  const near = firstWordMatches(words, index);
  const anywhere = needs.filter((n) => !n.scoped || !tree).map((n) => n.words);
  const scoped = tree ? needs.filter((n) => n.scoped).map((n) => n.words) : [];
  let cursor: TreeCursor | undefined;
  return {
    near,
    keep: (start, end) => {
      const body = masked.slice(start, end);
      const holds = (w: string): boolean => body.includes(w);
      if (anywhere.some((n) => meets(n, holds))) return true;
      return scoped.some((n) => meets(n, holds)) && !outsideItems((cursor ??= (tree as Tree).walk()), start);
    },
  };
}

/** Preprocessor conditionals: what a `#define` outside every function and struct may lie in. */
const CONDITIONALS = new Set(['preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef']);

/**
 * True when offset `at` of the tree lies in no node but the root, preprocessor conditionals and a
 * `#define`: so in no function and no struct (a rule's scope is one of their ranges). Asked from
 * the root down with cursor `c`, on the tree's root, where it is left (a few native calls; no
 * node object is made).
 */
function outsideItems(c: TreeCursor, at: number): boolean {
  try {
    for (;;) {
      // The first child that ends after `at` (null: none); it may start after `at`, in no child then.
      if ((c.gotoFirstChildForIndex(at) as unknown as number | null) === null || c.startIndex > at) return true;
      const type = c.nodeType;
      if (type === 'preproc_def' || type === 'preproc_function_def') return true;
      if (!CONDITIONALS.has(type)) return false;
    }
  } finally {
    while (c.gotoParent());
  }
}

/**
 * The index by normalised type of the nodes `pattern:` rules are matched against: `index` (the
 * flat tree's own, each list in document order) with the nodes of the `#define` bodies of `src`
 * that `filter` accepts merged in, each list still in document order. Nodes of `flat` inside a
 * copied body are left out (the body's own nodes stand for them). Only the lists of the types a
 * body has are made anew: the work follows the bodies, not the file.
 */
export function withMacroBodies(
  flat: FlatTree,
  src: ParsedSource,
  filter: MacroBodyFilter,
  index: Map<string, FNode[]>,
): Map<string, FNode[]> {
  if (filter.near?.length === 0) return index;
  const bodies = macroBodies(src.shaped, filter.keep, src.masked, filter.near);
  if (!bodies.length) return index;
  const extra: FNode[] = [];
  const inside = new Set<FNode>();
  for (const b of bodies) {
    const host = innermost(flat.root, b.start, b.end);
    collectInside(flat.root, b, inside);
    const body: FNode = {
      type: MACRO_BODY,
      start: b.start,
      end: b.end,
      named: true,
      field: null,
      children: [],
      parent: host,
      error: false,
      missing: false,
      index: host.children.length,
    };
    const t = flatten(b.tree);
    for (const n of t.all) {
      n.start += b.shift;
      n.end += b.shift;
    }
    adopt(body, t.root);
    for (const c of body.children) preOrder(c, extra);
  }
  const added = indexByNormType(extra);
  const dropFrom = new Set([...inside].map((n) => normType(n.type)));
  const out = new Map(index);
  for (const key of new Set([...added.keys(), ...dropFrom])) {
    const list = merge(index.get(key) ?? [], added.get(key) ?? [], inside, dropFrom.has(key));
    if (list.length) out.set(key, list);
    else out.delete(key);
  }
  return out;
}

/** True when a match's nodes lie in a `#define` body (under a `macro_body` node). */
export function inMacroBody(nodes: readonly FNode[]): boolean {
  for (let n: FNode | null = nodes[0] ?? null; n; n = n.parent) if (n.type === MACRO_BODY) return true;
  return false;
}

/**
 * Make the largest nodes of `n`'s subtree that lie within `body` its children: a statement or
 * expression the wrapper's `;` ends outside the body is replaced by its children in it.
 */
function adopt(body: FNode, n: FNode): void {
  for (const c of n.children) {
    if (c.end <= body.start && c.start < body.start) continue;
    if (c.start >= body.end && c.end > body.end) continue;
    if (c.start >= body.start && c.end <= body.end) {
      c.parent = body;
      c.field = null;
      c.index = body.children.length;
      body.children.push(c);
    } else adopt(body, c);
  }
}

/** `n` and its descendants, in pre-order, appended to `out`. */
function preOrder(n: FNode, out: FNode[]): void {
  const stack = [n];
  while (stack.length) {
    const x = stack.pop() as FNode;
    out.push(x);
    for (let i = x.children.length - 1; i >= 0; i--) stack.push(x.children[i]);
  }
}

/** The innermost node of the tree under `root` that holds [start, end) (a range that is not empty). */
function innermost(root: FNode, start: number, end: number): FNode {
  let n = root;
  for (;;) {
    // Children are in order and apart: only the last starting before `start`, or those at it, can hold it.
    const kids = n.children;
    let next: FNode | undefined;
    for (let i = Math.max(countStartsBelow(kids, start) - 1, 0); i < kids.length && kids[i].start <= start; i++)
      if (end <= kids[i].end) {
        next = kids[i];
        break;
      }
    if (!next) return n;
    n = next;
  }
}

/** The nodes of `n`'s subtree that lie within `body`, added to `out`. */
function collectInside(n: FNode, body: { start: number; end: number }, out: Set<FNode>): void {
  const kids = n.children;
  // Those before the last child starting before the body end before it.
  for (let i = Math.max(countStartsBelow(kids, body.start) - 1, 0); i < kids.length; i++) {
    const c = kids[i];
    if (c.start > body.end) break;
    if (c.end < body.start) continue;
    if (body.start <= c.start && c.end <= body.end) {
      const all: FNode[] = [];
      preOrder(c, all);
      for (const x of all) out.add(x);
    } else collectInside(c, body, out);
  }
}

/**
 * `list` without the nodes of `inside` (`drop`: some may be there), and `extra`, merged by start
 * (both are in document order; a node of `list` goes first on a tie, as its ancestor would). The
 * few nodes of `extra` are placed by binary search; `list` is copied in slices.
 */
function merge(list: readonly FNode[], extra: readonly FNode[], inside: ReadonlySet<FNode>, drop: boolean): FNode[] {
  const kept = drop ? list.filter((n) => !inside.has(n)) : list;
  const parts: Array<readonly FNode[]> = [];
  let from = 0;
  for (const e of extra) {
    // After every node of `kept` that starts at or before it.
    const at = Math.max(countStartsBelow(kept, e.start + 1), from);
    parts.push(kept.slice(from, at), [e]);
    from = at;
  }
  parts.push(kept.slice(from));
  return parts.flat();
}
