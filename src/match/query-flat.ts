/**
 * Raw queries of the subset ./query-shape.ts reads, run in JavaScript over the flat tree: the
 * matches, captures and order of tree-sitter's query cursor and node-tree-sitter's predicates
 * (test/match/query-flat.test.ts runs both on every corpus input, drivers/iommu and random
 * queries), without compiling the query natively. Also the text test a port's body folding uses
 * for such a query (./fold.ts): it cannot run the query before the flat tree exists.
 */
import type { FNode } from './flat';
import type { NodePattern, PatternShape, QueryPredicate, QueryShape } from './query-shape';
import { occurrences, within } from './words';
import { countStartsBelow } from '../sorted';

/** A capture of a match: a node of the flat tree. */
export interface FlatCapture {
  name: string;
  node: FNode;
}

/** A match, as node-tree-sitter's `Query.matches` gives it (pattern numbered within the query). */
export interface FlatQueryMatch {
  pattern: number;
  captures: FlatCapture[];
}

/** A partial match: its captures in pattern order, and the node of its last step (where the cursor finishes it). */
interface Alt {
  captures: FlatCapture[];
  last: FNode;
}

function typeMatches(p: NodePattern, n: FNode): boolean {
  if (p.literal !== undefined) return !n.named && n.type === p.literal;
  if (!n.named) return false;
  return p.types === '_' ? !n.error : p.types.includes(n.type);
}

/** The ways `p` matches at `n` (`outer`: the captures of an alternation around it, after its own). */
function matchNode(p: NodePattern, n: FNode, outer: readonly string[] = []): Alt[] {
  if (p.alternatives) return p.alternatives.flatMap((a) => matchNode(a, n, [...p.captures, ...outer]));
  if (!typeMatches(p, n)) return [];
  const own = [...p.captures, ...outer].map((name) => ({ name, node: n }));
  if (!p.children.length) return [{ captures: own, last: n }];
  return matchChildren(p, n, 0, 0).map((a) => ({ captures: [...own, ...a.captures], last: a.last }));
}

/** True when a named node follows child `k` among `kids`. */
function laterNamed(kids: readonly FNode[], k: number): boolean {
  for (let i = k + 1; i < kids.length; i++) if (kids[i].named) return true;
  return false;
}

/** The first named child at or after `from`, or -1. */
function nextNamed(kids: readonly FNode[], from: number): number {
  for (let i = from; i < kids.length; i++) if (kids[i].named) return i;
  return -1;
}

/** The ways children `i`.. of `p` match children `from`.. of `n`, in order. */
function matchChildren(p: NodePattern, n: FNode, i: number, from: number): Alt[] {
  const c = p.children[i];
  const kids = n.children;
  const last = i === p.children.length - 1;
  const out: Alt[] = [];
  const tryAt = (k: number): void => {
    const child = kids[k];
    if (c.field !== undefined && child.field !== c.field) return;
    if (last && p.anchorLast && laterNamed(kids, k)) return;
    const here = matchNode(c, child);
    if (!here.length) return;
    if (last) {
      out.push(...here);
      return;
    }
    const rest = matchChildren(p, n, i + 1, k + 1);
    for (const h of here) for (const r of rest) out.push({ captures: [...h.captures, ...r.captures], last: r.last });
  };
  if (p.immediate[i]) {
    const k = nextNamed(kids, from);
    if (k >= 0) tryAt(k);
  } else for (let k = from; k < kids.length; k++) tryAt(k);
  return out;
}

/** The ways the sibling roots `roots` of a pattern match from `n` on (each next one the next named sibling). */
function matchRoots(roots: readonly NodePattern[], n: FNode, j: number): Alt[] {
  const here = matchNode(roots[j], n);
  if (!here.length || j === roots.length - 1) return here;
  const parent = n.parent as FNode;
  const k = nextNamed(parent.children, n.index + 1);
  if (k < 0) return [];
  const rest = matchRoots(roots, parent.children[k], j + 1);
  const out: Alt[] = [];
  for (const h of here) for (const r of rest) out.push({ captures: [...h.captures, ...r.captures], last: r.last });
  return out;
}

/** True when every predicate of a pattern holds, as node-tree-sitter tests them on node text. */
function holds(preds: readonly QueryPredicate[], captures: readonly FlatCapture[], text: string): boolean {
  const textOf = (n: FNode): string => text.substring(n.start, n.end);
  const nodesOf = (name: string): string[] => captures.filter((c) => c.name === name).map((c) => textOf(c.node));
  return preds.every((p) => {
    const texts = nodesOf(p.capture);
    const some = (test: (t: string) => boolean): boolean => (p.any ? texts.some(test) : texts.every(test));
    if (p.kind === 'eq') {
      if (p.other !== undefined) {
        const others = nodesOf(p.other);
        return some((t) => others.some((o) => (t === o) !== p.negated));
      }
      return some((t) => (t === p.strings[0]) !== p.negated);
    }
    if (!texts.length) return p.negated;
    if (p.kind === 'match') return some((t) => (p.regex as RegExp).test(t) !== p.negated);
    return texts.every((t) => p.strings.includes(t)) === !p.negated;
  });
}

/** Depth of `n` (the root's is 0). */
function depth(n: FNode): number {
  let d = 0;
  for (let p = n.parent; p; p = p.parent) d++;
  return d;
}

/**
 * Pre-order comparison of two nodes of one tree: by start (a node before another in pre-order
 * starts at or before it), and on a tie by their paths from the root.
 */
function preOrder(a: FNode, b: FNode): number {
  if (a === b) return 0;
  if (a.start !== b.start) return a.start - b.start;
  const path = (n: FNode): FNode[] => {
    const out: FNode[] = [];
    for (let p: FNode | null = n; p; p = p.parent) out.push(p);
    return out.reverse();
  };
  const pa = path(a);
  const pb = path(b);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  if (i === pa.length) return -1;
  if (i === pb.length) return 1;
  return pa[i].index - pb[i].index;
}

/** Every node of `root`'s subtree of one of `types` (any named one for '_'), in pre-order. */
function candidates(p: NodePattern, root: FNode, byType: ReadonlyMap<string, readonly FNode[]>, all: readonly FNode[]) {
  const types = p.literal !== undefined ? [p.literal] : p.types;
  let list: readonly FNode[];
  if (types === '_') list = all;
  else if (types.length === 1) list = byType.get(types[0]) ?? [];
  else list = types.flatMap((t) => byType.get(t) ?? []).sort(preOrder);
  if (root.parent === null) return list;
  const inside = (n: FNode): boolean => {
    for (let q: FNode | null = n; q; q = q.parent) if (q === root) return true;
    return false;
  };
  // The list is in pre-order, so by start: only the run starting within the root is read.
  const out: FNode[] = [];
  for (let i = countStartsBelow(list, root.start); i < list.length && list[i].start <= root.end; i++) {
    const n = list[i];
    if (n.end <= root.end && inside(n)) out.push(n);
  }
  return out;
}

/**
 * The matches of `shape` in the subtree of `root` (a node of a flat tree whose nodes by type and in
 * pre-order are `byType` and `all`; node text read from `text`), in the order tree-sitter's cursor
 * gives them: by the node where each is complete, then the shallower start, then the pattern.
 */
export function flatQueryMatches(
  shape: QueryShape,
  root: FNode,
  byType: ReadonlyMap<string, readonly FNode[]>,
  all: readonly FNode[],
  text: string,
): FlatQueryMatch[] {
  const found: Array<{ m: FlatQueryMatch; last: FNode; start: number }> = [];
  shape.patterns.forEach((p: PatternShape, pattern) => {
    for (const n of candidates(p.roots[0], root, byType, all)) {
      // A cursor started at `root` sees no sibling of it.
      if (p.roots.length > 1 && (n === root || !n.parent)) continue;
      for (const a of matchRoots(p.roots, n, 0))
        if (holds(p.predicates, a.captures, text))
          found.push({ m: { pattern, captures: a.captures }, last: a.last, start: depth(n) });
    }
  });
  if (found.length > 1)
    found.sort((x, y) => preOrder(x.last, y.last) || x.start - y.start || x.m.pattern - y.m.pattern);
  return found.map((f) => f.m);
}

/** Node types a function body can be or lie in: a match node of these types may hold a body. */
const HOLDS_BODY = 'compound_statement';

/**
 * The pattern nodes that lie inside a function body whenever `leaf` does (strictly inside: a
 * body is a `compound_statement`): its descendants, its siblings, and its parent unless the parent
 * can be the body itself.
 */
function closure(
  leaf: NodePattern,
  parentOf: Map<NodePattern, NodePattern | undefined>,
  roots: readonly NodePattern[],
) {
  const out = new Set<NodePattern>([leaf]);
  const todo = [leaf];
  const add = (n: NodePattern): void => {
    if (!out.has(n)) {
      out.add(n);
      todo.push(n);
    }
  };
  while (todo.length) {
    const n = todo.pop() as NodePattern;
    n.children.forEach(add);
    const parent = parentOf.get(n);
    (parent ? parent.children : roots).forEach(add);
    if (parent && parent.types !== '_' && !parent.types.includes(HOLDS_BODY)) add(parent);
  }
  return out;
}

/** Most positions a regex predicate's text test keeps (past them, it keeps every range). */
const MAX_POSITIONS = 20000;

/**
 * `regex` without its assertions (`^`, `$`, `\b`, `\B`): it matches wherever the regex matches,
 * and only by the characters of its span, so in any text that holds a node text the regex
 * matches. Undefined with a lookaround (it reads outside its span), and with an unbounded
 * repetition: the test runs over the whole file, where the regex was checked for node texts only
 * (docs/rules.md, XP110), and a repetition-free regex costs at most its length per position.
 */
function widened(regex: RegExp): RegExp | undefined {
  const s = regex.source;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      const e = s[i + 1] ?? '';
      out += e === 'b' || e === 'B' ? '(?:)' : c + e;
      i++;
    } else if (c === '[') {
      let j = i + 1;
      if (s[j] === '^') j++;
      for (; j < s.length && s[j] !== ']'; j++) if (s[j] === '\\') j++;
      out += s.slice(i, j + 1);
      i = j;
    } else if (c === '^' || c === '$') out += '(?:)';
    else if (c === '(' && s[i + 1] === '?' && s[i + 2] !== ':') return undefined;
    else if (c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(s.slice(i)))) return undefined;
    else out += c;
  }
  try {
    return new RegExp(out, 'g');
  } catch {
    return undefined;
  }
}

/** Where a predicate's text can be in `text`: start offsets and the least length; undefined: anywhere. */
function predicatePlaces(p: QueryPredicate, text: string): { at: number[]; len: number } | undefined {
  if (p.negated || p.other !== undefined) return undefined;
  if (p.kind !== 'match') {
    const at = [...new Set(p.strings.flatMap((s) => occurrences(text, s)))].sort((a, b) => a - b);
    return { at, len: Math.min(...p.strings.map((s) => s.length)) };
  }
  const g = widened(p.regex as RegExp);
  if (!g) return undefined;
  const at: number[] = [];
  for (let m = g.exec(text); m; m = g.exec(text)) {
    if (at.length >= MAX_POSITIONS) return undefined;
    at.push(m.index);
    g.lastIndex = m.index + 1;
  }
  return { at, len: 0 };
}

/**
 * A text test for the body folding of a port: false only when no match of `shape` can have a node
 * strictly inside the range [start, end) of `text` (a function body). For each pattern leaf, the
 * pattern nodes that must then lie inside too (`closure`) must find their positive predicates'
 * texts in the range; a pattern with no such predicate keeps every range.
 */
export function flatQueryTextTest(shape: QueryShape, text: string): (start: number, end: number) => boolean {
  const places = new Map<QueryPredicate, { at: number[]; len: number } | undefined>();
  const placesOf = (p: QueryPredicate) => {
    if (!places.has(p)) places.set(p, predicatePlaces(p, text));
    return places.get(p);
  };
  const tests: Array<Array<QueryPredicate>> = [];
  for (const pattern of shape.patterns) {
    const parentOf = new Map<NodePattern, NodePattern | undefined>();
    const leaves: NodePattern[] = [];
    const visit = (n: NodePattern, parent?: NodePattern): void => {
      parentOf.set(n, parent);
      if (!n.children.length) leaves.push(n);
      for (const c of n.children) visit(c, n);
    };
    for (const r of pattern.roots) visit(r);
    // An alternation below the top: its alternatives' captures are not all in a match (no text test).
    if ([...parentOf.keys()].some((n) => n.alternatives)) {
      tests.push([]);
      continue;
    }
    for (const leaf of leaves) {
      const inside = closure(leaf, parentOf, pattern.roots);
      const carriers = (name: string): NodePattern[] => [...parentOf.keys()].filter((n) => n.captures.includes(name));
      // A predicate on a capture some node of `inside` holds: that node's text is in the range
      // (an `any-` form only when every node holding the capture is inside).
      const within = (p: QueryPredicate): boolean =>
        p.any ? carriers(p.capture).every((n) => inside.has(n)) : carriers(p.capture).some((n) => inside.has(n));
      tests.push(pattern.predicates.filter(within));
    }
  }
  return (start, end) =>
    tests.some((preds) =>
      preds.every((p) => {
        const pl = placesOf(p);
        return !pl || within(pl.at, pl.len, start, end);
      }),
    );
}
