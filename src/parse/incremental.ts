/**
 * Incremental parsing: the changes between the text a tree was parsed from and a new text, given to
 * the tree (`Tree.edit`) so that tree-sitter re-parses only around them. The changes are found by
 * comparison, never assumed: two texts of equal length are compared character by character, and an
 * edited text is aligned with its original through the replacements that made it (the stretches
 * between them are compared the same way), so every character that differs is inside a change.
 */
import type { LineIndex } from '../diagnostics';
import type { Tree, TreeCursor } from './parser';
import { countBelow } from '../sorted';

/**
 * Where an edit put its text: [start, end) of the input became [outStart, outEnd) of the output
 * (src/edit/apply.ts lists them for the edits it applied).
 */
export interface Replacement {
  start: number;
  end: number;
  outStart: number;
  outEnd: number;
}

/** [oldStart, oldEnd) of the old text became [newStart, newEnd) of the new text. */
export interface TextChange {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/**
 * The stretches where `a` and `b` differ in `a[from, to)` against `b[from + shift, to + shift)`
 * (texts of the same length there), as changes of the same length, in order.
 */
export function differingStretches(a: string, b: string, from = 0, to = a.length, shift = 0): TextChange[] {
  const out: TextChange[] = [];
  let i = from;
  while (i < to) {
    // Most of a stretch is equal: skipped by comparing chunks (`commonStart`).
    i += commonStart(a, i, b, i + shift, to - i);
    if (i >= to) break;
    const start = i;
    while (i < to && a.charCodeAt(i) !== b.charCodeAt(i + shift)) i++;
    out.push({ oldStart: start, oldEnd: i, newStart: start + shift, newEnd: i + shift });
  }
  return out;
}

/**
 * How many characters `a` from `i` and `b` from `j` have in common at their start, at most `max`:
 * compared a chunk at a time, the chunk halved at the first unequal one. Chunks are compared as
 * slices (`===` compares their characters natively: some 70 times quicker than `startsWith` or a
 * loop over character codes, measured on a port's output).
 */
export function commonStart(a: string, i: number, b: string, j: number, max: number): number {
  let n = 0;
  for (let step = 4096; step > 0;)
    if (n + step <= max && a.slice(i + n, i + n + step) === b.slice(j + n, j + n + step)) n += step;
    else step >>= 1;
  return n;
}

/** How many characters `a` before `i` and `b` before `j` have in common at their end, at most `max`. */
function commonEnd(a: string, i: number, b: string, j: number, max: number): number {
  let n = 0;
  for (let step = 4096; step > 0;)
    if (n + step <= max && a.slice(i - n - step, i - n) === b.slice(j - n - step, j - n)) n += step;
    else step >>= 1;
  return n;
}

/**
 * The changes between `before` and `after`, where `after` is `before` with `replaced` applied
 * (src/edit/apply.ts): each replacement, less the text it kept at its two ends, and every stretch
 * that differs between the texts around the replacements (shaping and conditional flattening are
 * not local: the text parsed may differ from the input outside the edits).
 */
export function alignedChanges(before: string, after: string, replaced: readonly Replacement[]): TextChange[] {
  const out: TextChange[] = [];
  let at = 0;
  let shift = 0;
  for (const r of replaced) {
    out.push(...differingStretches(before, after, at, r.start, shift));
    // The replaced text less its common prefix and suffix with the new text.
    let s = r.start;
    let o = r.outStart;
    while (s < r.end && o < r.outEnd && before.charCodeAt(s) === after.charCodeAt(o)) (s++, o++);
    let e = r.end;
    let oe = r.outEnd;
    while (e > s && oe > o && before.charCodeAt(e - 1) === after.charCodeAt(oe - 1)) (e--, oe--);
    if (e > s || oe > o) out.push({ oldStart: s, oldEnd: e, newStart: o, newEnd: oe });
    at = r.end;
    shift = r.outEnd - r.end;
  }
  out.push(...differingStretches(before, after, at, before.length, shift));
  return out;
}

/**
 * Tell `tree` (parsed from `before`) about `changes` (in order, not overlapping), which make the
 * text whose line index is `afterLines`. Edits are given first to last, each in the
 * coordinates of the text with the earlier ones applied: its start and new end are those of
 * `after`, its old end is its start plus the extent of the replaced text. Columns are in
 * characters, as node-tree-sitter counts them.
 */
export function editTree(tree: Tree, changes: readonly TextChange[], before: string, afterLines: LineIndex): void {
  for (const c of changes) {
    const start = afterLines.position(c.newStart);
    const newEnd = afterLines.position(c.newEnd);
    const startPosition = { row: start.line - 1, column: start.col - 1 };
    tree.edit({
      startIndex: c.newStart,
      oldEndIndex: c.newStart + (c.oldEnd - c.oldStart),
      newEndIndex: c.newEnd,
      startPosition,
      oldEndPosition: extent(startPosition, before, c.oldStart, c.oldEnd),
      newEndPosition: { row: newEnd.line - 1, column: newEnd.col - 1 },
    });
  }
}

/**
 * `changes` (in order, not overlapping, made to the text `tree` was parsed from), with the changes
 * that lie in one top-level item of `tree` joined into one (the text between them is unchanged, so
 * the joined change is exact). Each `Tree.edit` costs a walk over every JavaScript node of the tree
 * node-tree-sitter has cached (it moves them), and a tree the syntax-error and conditional passes
 * have read has hundreds: the conditional pass's blanked stretches are many per group. A change
 * that spans more of an item than its parts re-parses the same items (and `mayDifferFromFull`
 * sees the same items touched), so the parse that follows gives the same tree. `items`: the
 * tree's top-level items, when the caller has read them.
 */
export function joinedPerItem(tree: Tree, changes: readonly TextChange[], items?: TopLevelItems): TextChange[] {
  if (changes.length < 2) return [...changes];
  const { starts, ends } = items ?? topLevelItems(tree);
  const out: TextChange[] = [];
  let k = 0;
  for (const ch of changes) {
    const last = out[out.length - 1];
    // The item holding `last` (if one does), found moving forward: the changes come in order.
    while (k < ends.length && last && ends[k] < last.oldEnd) k++;
    if (last && k < ends.length && starts[k] <= last.oldStart && ch.oldEnd <= ends[k])
      out[out.length - 1] = { oldStart: last.oldStart, oldEnd: ch.oldEnd, newStart: last.newStart, newEnd: ch.newEnd };
    else out.push({ ...ch });
  }
  return out;
}

/** The top-level items of a tree, [starts[k], ends[k]) in order: read with a cursor (no JavaScript node made). */
export interface TopLevelItems {
  starts: number[];
  ends: number[];
}

/** The top-level items of `tree`. */
export function topLevelItems(tree: Tree): TopLevelItems {
  const c = tree.walk();
  const starts: number[] = [];
  const ends: number[] = [];
  if (c.gotoFirstChild())
    do {
      starts.push(c.startIndex);
      ends.push(c.endIndex);
    } while (c.gotoNextSibling());
  return { starts, ends };
}

/** Runs of top-level items [from, to] of a tree, over [start, end) of its text. */
export interface ItemRun {
  start: number;
  end: number;
  from: number;
  to: number;
}

/**
 * The runs of top-level items of `tree` (`items`) that `changes` (made to `old`'s text) or the
 * parse from `old` touched, with one item more on each side; undefined for a tree with no items.
 */
export function touchedItems(
  old: Tree,
  tree: Tree,
  changes: readonly TextChange[],
  { starts, ends }: TopLevelItems,
): ItemRun[] | undefined {
  const n = starts.length;
  if (!n) return undefined;
  const marked = new Uint8Array(n);
  const ranges = [
    ...changes.map((c) => ({ start: c.newStart, end: c.newEnd })),
    ...old.getChangedRanges(tree).map((r) => ({ start: r.startIndex, end: r.endIndex })),
  ];
  for (const r of ranges) {
    // The first item ending at or after the range's start, the next ones starting at or before its
    // end, and one more on each side.
    let k = countBelow(ends, r.start);
    marked[Math.max(0, k - 1)] = 1;
    for (; k < n && starts[k] <= r.end; k++) marked[k] = 1;
    if (k < n) marked[k] = 1;
  }
  const runs: ItemRun[] = [];
  for (let k = 0; k < n; k++) {
    if (!marked[k]) continue;
    const last = runs[runs.length - 1];
    if (last && last.to === k - 1) ((last.to = k), (last.end = ends[k]));
    else runs.push({ start: starts[k], end: ends[k], from: k, to: k });
  }
  return runs;
}

/** The position after `text[from, to)` written at `at`. */
function extent(
  at: { row: number; column: number },
  text: string,
  from: number,
  to: number,
): { row: number; column: number } {
  let row = at.row;
  let lineStart = -1;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return lineStart < 0 ? { row, column: at.column + (to - from) } : { row, column: to - lineStart };
}

/**
 * Whether an incremental parse may differ from a full one: tree-sitter's error recovery depends on
 * what is on its stack, and reused subtrees put other things there than a parse from scratch (the
 * random-edit check, scripts/reparse-check, found parses that recovered differently next to an
 * edit). A tree without errors is a derivation of the text and is the same either way; so is one
 * whose errors all lie in top-level items no change touched, nor their neighbours, which were
 * parsed in the same state as before. Otherwise the caller parses again from scratch.
 * `items`: the tree's top-level items, when the caller has read them.
 */
export function mayDifferFromFull(tree: Tree, changes: readonly TextChange[], items?: TopLevelItems): boolean {
  if (!tree.rootNode.hasError || !changes.length) return false;
  return errorNextToChange(items ?? topLevelItems(tree), changes, itemHasError(tree), 'new');
}

/**
 * Whether the top-level item `k` of `tree` has errors, asked of its node once. Only the items
 * next to a change are asked: each JavaScript node read stays cached by node-tree-sitter, which
 * moves every cached node on each later `Tree.edit` of the tree.
 */
function itemHasError(tree: Tree): (k: number) => boolean {
  const root = tree.rootNode;
  const asked = new Map<number, boolean>();
  return (k) => {
    let e = asked.get(k);
    if (e === undefined) {
      e = root.child(k)?.hasError ?? false;
      asked.set(k, e);
    }
    return e;
  };
}

/**
 * Whether an incremental parse from `tree` of the text `changes` make of its text would be thrown
 * away (`mayDifferFromFull`), judged before it is made: `tree` has errors in the items next to a
 * change, which the new tree almost always has too (a change rarely mends an error next to it).
 * The caller then parses from scratch at once. `errors`: the syntax-error regions of `tree`, when
 * known (else the items next to the changes are asked). With `texts` (the text `tree` was parsed
 * from and the new one), a change that opens a conditional group a later change closes (a rule
 * wrapping items in `#if 0` ... `#endif`) counts as one change from the first to the last: the
 * new tree has one `preproc_if` item there, holding every item between, their errors too.
 * A guess either way gives the same tree: it only spares a parse that would be made again.
 * `known`: the top-level items of `tree`, when the caller has read them.
 */
export function likelyThrownAway(
  tree: Tree,
  changes: readonly TextChange[],
  errors?: ReadonlyArray<{ start: number; end: number }>,
  texts?: { before: string; after: string },
  known?: TopLevelItems,
): boolean {
  if (!changes.length || (errors ? !errors.length : !tree.rootNode.hasError)) return false;
  const items = known ?? topLevelItems(tree);
  const { starts, ends } = items;
  const hasError = errors
    ? (k: number): boolean => errors.some((r) => r.start <= ends[k] && r.end >= starts[k])
    : itemHasError(tree);
  return errorNextToChange(items, texts ? groupedChanges(changes, texts) : changes, hasError, 'old');
}

/**
 * `changes` with each run from a change that leaves a conditional group open (more `#if` lines in
 * its new lines than its old ones, less `#endif` lines) to the change that closes it joined into
 * one (to the text's end when none does). Only the `old` side of a joined change is meaningful.
 */
function groupedChanges(changes: readonly TextChange[], texts: { before: string; after: string }): TextChange[] {
  const out: TextChange[] = [];
  let depth = 0;
  for (const ch of changes) {
    const was = depth;
    depth = Math.max(
      0,
      depth +
        conditionalDepth(texts.after, ch.newStart, ch.newEnd) -
        conditionalDepth(texts.before, ch.oldStart, ch.oldEnd),
    );
    const last = out[out.length - 1];
    if (was > 0 && last) out[out.length - 1] = { ...last, oldEnd: ch.oldEnd, newEnd: ch.newEnd };
    else out.push(ch);
  }
  if (depth > 0 && out.length) out[out.length - 1] = { ...out[out.length - 1], oldEnd: texts.before.length };
  return out;
}

const CONDITIONAL = /^[ \t]*#[ \t]*(if|ifdef|ifndef|endif)\b/gm;

/** The `#if` lines less the `#endif` lines among the lines `text[start, end)` touches (none when empty). */
function conditionalDepth(text: string, start: number, end: number): number {
  if (start >= end) return 0;
  const nl = text.indexOf('\n', end - 1);
  const lines = text.slice(text.lastIndexOf('\n', start - 1) + 1, nl < 0 ? text.length : nl);
  if (!lines.includes('#')) return 0;
  let d = 0;
  for (const m of lines.matchAll(CONDITIONAL)) d += m[1] === 'endif' ? -1 : 1;
  return d;
}

/**
 * Whether some item next to a change (the items it touches and one on each side), in the text
 * before the changes (`old`) or after them (`new`), has errors.
 */
function errorNextToChange(
  { starts, ends }: TopLevelItems,
  changes: readonly TextChange[],
  hasError: (k: number) => boolean,
  side: 'old' | 'new',
): boolean {
  let j = 0;
  for (const ch of changes) {
    const [from, to] = side === 'new' ? [ch.newStart, ch.newEnd] : [ch.oldStart, ch.oldEnd];
    // The first item that ends at or after the change's start.
    while (j < starts.length && ends[j] < from) j++;
    for (let k = Math.max(0, j - 1); k < starts.length && starts[Math.max(0, k - 1)] <= to; k++)
      if (hasError(k)) return true;
  }
  return false;
}

/**
 * Whether the top-level items of `tree` (`items`) that hold the regions `at` (in order: a tree's
 * syntax-error regions) are the same subtrees, node by node (type, field, range, missing), as the
 * items of `other` (`otherItems`) with the same ranges; false when one has no such item. Read with
 * cursors only: a JavaScript node read would stay cached on its tree, and every later `Tree.edit`
 * of it moves each one.
 */
export function sameItems(
  tree: Tree,
  items: TopLevelItems,
  other: Tree,
  otherItems: TopLevelItems,
  at: ReadonlyArray<{ start: number; end: number }>,
): boolean {
  let last = -1;
  for (const r of at) {
    const k = itemHolding(items, r);
    if (k < 0) return false;
    if (k === last) continue;
    last = k;
    const start = items.starts[k];
    const end = items.ends[k];
    const j = itemHolding(otherItems, { start, end });
    if (j < 0 || otherItems.starts[j] !== start || otherItems.ends[j] !== end) return false;
    const a = tree.walk();
    const b = other.walk();
    // (node-tree-sitter 0.22 returns the child's index, or null for none: its typings say boolean.)
    if ((a.gotoFirstChildForIndex(start) as unknown) === null || (b.gotoFirstChildForIndex(start) as unknown) === null)
      return false;
    if (a.startIndex !== start || a.endIndex !== end || b.startIndex !== start || b.endIndex !== end) return false;
    if (!sameSubtree(a, b)) return false;
  }
  return true;
}

/** The index of the first item that holds [r.start, r.end] (its ends included), or -1. */
function itemHolding({ starts, ends }: TopLevelItems, r: { start: number; end: number }): number {
  const lo = countBelow(ends, r.end);
  return lo < ends.length && starts[lo] <= r.start ? lo : -1;
}

/**
 * Whether the subtrees at two cursors are the same, node by node; leaves the cursors where they
 * were when it returns true.
 */
function sameSubtree(a: TreeCursor, b: TreeCursor): boolean {
  let depth = 0;
  for (;;) {
    const start = a.startIndex;
    const end = a.endIndex;
    if (
      a.nodeTypeId !== b.nodeTypeId ||
      start !== b.startIndex ||
      end !== b.endIndex ||
      a.currentFieldId !== b.currentFieldId ||
      (start === end && a.nodeIsMissing !== b.nodeIsMissing)
    )
      return false;
    const down = a.gotoFirstChild();
    if (down !== b.gotoFirstChild()) return false;
    if (down) {
      depth++;
      continue;
    }
    for (;;) {
      if (depth === 0) return true;
      const next = a.gotoNextSibling();
      if (next !== b.gotoNextSibling()) return false;
      if (next) break;
      a.gotoParent();
      b.gotoParent();
      depth--;
    }
  }
}

/** `after` as `before` with one replacement: what lies between their common start and common end. */
export function textChange(before: string, after: string): Replacement {
  const max = Math.min(before.length, after.length);
  const p = commonStart(before, 0, after, 0, max);
  const q = commonEnd(before, before.length, after, after.length, max - p);
  return { start: p, end: before.length - q, outStart: p, outEnd: after.length - q };
}
