/**
 * The structural matcher: compares compiled pattern nodes with flat-tree nodes, ignoring
 * whitespace and comments, binding metavariables, with backtracking for `$$$` sequences.
 */
import { FNode } from './flat';
import { countStartsBelow } from '../sorted';
import { CompiledPattern, normType, PNode } from './pattern';

/** A metavariable's binding: a range of the source (empty for an empty sequence). */
export interface Capture {
  start: number;
  end: number;
  /** The bound nodes (one for `$X`, zero or more for `$$$X`). */
  nodes: FNode[];
  /** Text that stands for the binding instead of the source range (derived bindings such as `types:`). */
  text?: string;
}

/** Bindings of one match. */
export type Bindings = Map<string, Capture>;

/** One structural match: the matched nodes (consecutive siblings) and the bindings. */
export interface StructuralMatch {
  nodes: FNode[];
  start: number;
  end: number;
  captures: Bindings;
}

/**
 * Most steps (node and list comparisons) one pattern may take on one file. `$$$` sequences
 * backtrack: k of them in a list of n siblings can take n^k steps (three on a 3,000-statement
 * function never end). The shipped ports take at most 3,911 steps for any pattern on any golden file.
 */
export const MAX_MATCH_STEPS = 5_000_000;

/** Thrown when a pattern exceeds MAX_MATCH_STEPS on one file; the caller names the rule (XP210). */
export class MatchBudgetError extends Error {
  constructor() {
    super(`structural matching stopped after ${MAX_MATCH_STEPS} steps`);
    this.name = 'MatchBudgetError';
  }
}

/** Steps left for the pattern being matched (reset by each `findStructural` / `matchesNodes`). */
let stepsLeft = MAX_MATCH_STEPS;

/**
 * `children` without comments: the array itself when it holds none (most do not; the matcher only
 * reads it), else a filtered copy.
 */
function uncommented(children: FNode[]): FNode[] {
  for (const c of children) if (c.type === 'comment') return children.filter((k) => k.type !== 'comment');
  return children;
}

/** Matching state: the text for leaf comparison and an undo trail for bindings. */
class Matcher {
  readonly env: Bindings = new Map();
  private readonly trail: string[] = [];

  constructor(private readonly text: string) {}

  /** Count `n` steps (work in proportion: a slice of k nodes costs k); throws when the budget is spent. */
  private step(n = 1): void {
    if ((stepsLeft -= n) < 0) throw new MatchBudgetError();
  }

  mark(): number {
    return this.trail.length;
  }

  undo(to: number): void {
    while (this.trail.length > to) this.env.delete(this.trail.pop() as string);
  }

  private squash(start: number, end: number): string {
    return this.text
      .slice(start, end)
      .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '')
      .replace(/\s+/g, '');
  }

  bind(name: string, nodes: FNode[], start: number, end: number): boolean {
    if (name === '_') return true;
    const prev = this.env.get(name);
    if (prev) this.step(1 + ((end - start + prev.end - prev.start) >> 4));
    if (prev) return this.squash(prev.start, prev.end) === this.squash(start, end);
    this.env.set(name, { start, end, nodes });
    this.trail.push(name);
    return true;
  }

  node(p: PNode, t: FNode): boolean {
    this.step();
    if (p.mv !== undefined) return !t.error && this.bind(p.mv, [t], t.start, t.end);
    if (normType(p.type) !== normType(t.type) || t.error || t.missing) return false;
    if (p.children.length === 0) {
      if (p.text === undefined) return true;
      return t.children.length === 0
        ? this.text.slice(t.start, t.end) === p.text
        : this.squash(t.start, t.end) === p.text.replace(/\s+/g, '');
    }
    const kids = uncommented(t.children);
    const m = this.mark();
    if (this.list(p.children, 0, kids, 0, false) >= 0) return true;
    this.undo(m);
    return false;
  }

  /**
   * Match pattern list `ps[i..]` against `ts[j..]`. With `prefix`, the targets need not be used up.
   * Returns the index in `ts` where the match ended, or -1.
   */
  list(ps: PNode[], i: number, ts: FNode[], j: number, prefix: boolean): number {
    this.step();
    if (i === ps.length) return prefix || j === ts.length ? j : -1;
    const p = ps[i];
    const m = this.mark();
    if (p.seq !== undefined) {
      for (let k = j; k <= ts.length; k++) {
        this.step(1 + k - j);
        const start = k > j ? ts[j].start : j < ts.length ? ts[j].start : ts.length ? ts[ts.length - 1].end : 0;
        const end = k > j ? ts[k - 1].end : start;
        if (this.bind(p.seq, ts.slice(j, k), start, end)) {
          const r = this.list(ps, i + 1, ts, k, prefix);
          if (r >= 0) return r;
        }
        this.undo(m);
      }
      return -1;
    }
    if (j >= ts.length) return -1;
    if (this.node(p, ts[j])) {
      const r = this.list(ps, i + 1, ts, j + 1, prefix);
      if (r >= 0) return r;
    }
    this.undo(m);
    return -1;
  }
}

/**
 * True when `Matcher.node(p, t)` cannot hold, found without allocating or binding: along the chain
 * of first children (the pattern's, and the target's first child that is not a comment) it compares
 * what `node` compares first (types, ERROR and MISSING nodes, a leaf's text), and any difference
 * there fails the whole match. Stops (false: may match) at a metavariable, a `$$$`, or a pattern
 * leaf facing a target with children. Most candidates of a pattern fail here (SMMUv3: 34,000
 * candidates for 171 matches).
 */
function cannotMatch(p: PNode, t: FNode, text: string): boolean {
  for (;;) {
    if (p.seq !== undefined) return false;
    if (p.mv !== undefined) return t.error;
    if (normType(p.type) !== normType(t.type) || t.error || t.missing) return true;
    if (p.children.length === 0) {
      if (p.text === undefined || t.children.length > 0) return false;
      return t.end - t.start !== p.text.length || !text.startsWith(p.text, t.start);
    }
    const first = p.children[0];
    if (first.seq !== undefined) return false;
    const kids = t.children;
    let k = 0;
    while (k < kids.length && kids[k].type === 'comment') k++;
    if (k === kids.length) return true;
    p = first;
    t = kids[k];
  }
}

/**
 * Candidate roots for a pattern: nodes whose type matches the pattern's first node, in document
 * order. With `within` (a rule's scope ranges) and a one-node pattern, only those that can decide
 * a match inside the ranges (`candidatesWithin`).
 */
function candidates(
  pattern: CompiledPattern,
  byNormType: Map<string, FNode[]>,
  within?: ReadonlyArray<{ start: number; end: number }>,
): readonly FNode[] {
  const key = normType(pattern.nodes[0].type);
  const all = byNormType.get(key) ?? [];
  return within && pattern.nodes.length === 1 ? (candidatesWithin(all, key, within) ?? all) : all;
}

/**
 * The candidates of `all` (document order, normalised type `key`) that decide the matches of a
 * one-node pattern inside `ranges`: those starting in a range, and before them the ancestors of
 * the first one that start before the range (a match of such a node holds the range's start, and
 * the outermost match wins: it would hide the ones inside). A match of any other candidate lies
 * outside every range, and ends before the candidates inside one start. Undefined when the ranges
 * overlap (every candidate is tried then).
 */
function candidatesWithin(
  all: readonly FNode[],
  key: string,
  ranges: ReadonlyArray<{ start: number; end: number }>,
): FNode[] | undefined {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return undefined;
  const out: FNode[] = [];
  const seen = new Set<FNode>();
  for (const r of sorted) {
    let i = countStartsBelow(all, r.start);
    if (i >= all.length || all[i].start >= r.end) continue;
    const outer: FNode[] = [];
    for (let a = all[i].parent; a; a = a.parent)
      if (a.start < r.start && normType(a.type) === key && !seen.has(a)) outer.push(a);
    for (const a of outer.reverse()) (seen.add(a), out.push(a));
    for (; i < all.length && all[i].start < r.end; i++) out.push(all[i]);
  }
  // In document order, as `all` is (else a range's outer node came before an earlier range: all of them, then).
  for (let i = 1; i < out.length; i++) if (out[i].start < out[i - 1].start) return undefined;
  return out;
}

/** Index nodes by normalised type, once per tree. */
export function indexByNormType(all: FNode[]): Map<string, FNode[]> {
  const m = new Map<string, FNode[]>();
  for (const n of all) {
    const k = normType(n.type);
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    l.push(n);
  }
  return m;
}

/**
 * Find all matches of `pattern`. `text` is the masked source (leaf comparison). Matches nested
 * inside an earlier match are dropped: the outermost wins. `within`: the rule's scope ranges
 * (see `candidates`). `literal`: the sorted offsets in `text` of an identifier of the pattern's
 * first node, and its length: the candidates that hold none are skipped (the first node matches
 * the candidate itself, so they cannot match, and hide nothing either).
 */
export function findStructural(
  pattern: CompiledPattern,
  byNormType: Map<string, FNode[]>,
  text: string,
  within?: ReadonlyArray<{ start: number; end: number }>,
  literal?: { at: readonly number[]; length: number },
): StructuralMatch[] {
  const out: StructuralMatch[] = [];
  const single = pattern.nodes.length === 1;
  stepsLeft = MAX_MATCH_STEPS;
  // A parent's children without comments, made once per parent (not once per candidate: a list of
  // n statements would cost n^2).
  const sibsOf = new Map<FNode, FNode[]>();
  // A matcher left with no binding by a failed candidate serves the next one.
  let m = new Matcher(text);
  const list = candidates(pattern, byNormType, within);
  // `next`: the first offset of `literal` at or after the candidate's start (candidates come by start).
  let next = 0;
  // An indexed loop: a cold process runs this in V8's interpreter, where `for...of` makes an
  // iterator result per candidate (tens of thousands in a large driver).
  for (let i = 0; i < list.length; i++) {
    const cand = list[i];
    if (literal) {
      while (next < literal.at.length && literal.at[next] < cand.start) next++;
      if (next === literal.at.length || literal.at[next] + literal.length > cand.end) continue;
    }
    if (out.length && cand.start < out[out.length - 1].end) continue;
    if (cannotMatch(pattern.nodes[0], cand, text)) continue;
    if (m.env.size > 0) m = new Matcher(text);
    if (single) {
      if (m.node(pattern.nodes[0], cand)) {
        out.push({ nodes: [cand], start: cand.start, end: cand.end, captures: m.env });
        m = new Matcher(text);
      }
      continue;
    }
    const parent = cand.parent;
    if (!parent) continue;
    let sibs = sibsOf.get(parent);
    if (!sibs) sibsOf.set(parent, (sibs = uncommented(parent.children)));
    const at = sibs.indexOf(cand);
    const end = m.list(pattern.nodes, 0, sibs, at, true);
    if (end > at) {
      const nodes = sibs.slice(at, end);
      out.push({ nodes, start: nodes[0].start, end: nodes[nodes.length - 1].end, captures: m.env });
      m = new Matcher(text);
    }
  }
  return out;
}

/** True when `pattern` matches exactly the nodes `nodes` (used by `unless:` to veto a match). */
export function matchesNodes(pattern: CompiledPattern, nodes: readonly FNode[], text: string): boolean {
  if (nodes.length === 0 || nodes.length !== pattern.nodes.length) return false;
  stepsLeft = MAX_MATCH_STEPS;
  const m = new Matcher(text);
  const sibs = nodes[0].parent ? uncommented(nodes[0].parent.children) : [...nodes];
  const at = sibs.indexOf(nodes[0]);
  if (pattern.nodes.length === 1) return m.node(pattern.nodes[0], nodes[0]);
  return at >= 0 && m.list(pattern.nodes, 0, sibs, at, true) === at + nodes.length;
}
