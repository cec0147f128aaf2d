/**
 * The line diff of the block carry-over: the same Myers diff as jsdiff's `diffArrays` (same
 * choices on every tie, so the same result), computed on the smallest grid that holds its path
 * (myers-grid.ts): removals times insertions cells, where jsdiff visits about half the square of
 * all edits. The carry-over's common case, "the generated text plus inserted lines", is one row
 * (linear, and taken by `insertionsOnly` without the grid); a watch run whose rule change alters one
 * generated line of SMMUv1 is two rows of 540 cells, where jsdiff visits 146,000; the SMMUv3
 * carry-over 0.63 million cells instead of 1.3.
 *
 * A small grid compares the lines themselves; a larger one compares numbers standing for them
 * (equal lines, equal numbers), made once per diff, and kept by the caller for new lines it diffs
 * again and again (the existing Xen file of a watch session, see carry.ts).
 */
import { diffArrays } from 'diff';
import { myersRuns, RUN } from './myers-grid';

/** One part of a diff, as jsdiff returns it: a run of equal, added or removed lines. */
export interface DiffPart {
  value: string[];
  count: number;
  added: boolean;
  removed: boolean;
}

/**
 * The numbers by content of a list of new lines: made by the first diff that needs them, kept by a
 * caller that diffs against the same, unchanged lines again.
 */
export interface LineNumbers {
  ids?: Map<string, number>;
  numbers?: Int32Array;
}

/** Grids up to this many cells per line of both lists compare the lines themselves. */
const STRING_CELLS_PER_LINE = 4;
/** Larger grids than this go to jsdiff itself (one byte per cell). */
const MAX_CELLS = 1 << 25;

/** Number the lines by content (equal lines, equal numbers), the new lines' numbers kept in `kept`. */
function number(a: readonly string[], b: readonly string[], kept: LineNumbers): [Int32Array, Int32Array] {
  if (!kept.ids || !kept.numbers) {
    const ids = new Map<string, number>();
    const numbers = new Int32Array(b.length);
    for (let i = 0; i < b.length; i++) {
      let id = ids.get(b[i]);
      if (id === undefined) ids.set(b[i], (id = ids.size));
      numbers[i] = id;
    }
    kept.ids = ids;
    kept.numbers = numbers;
  }
  const { ids } = kept;
  const more = new Map<string, number>();
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    let id = ids.get(a[i]) ?? more.get(a[i]);
    if (id === undefined) more.set(a[i], (id = ids.size + more.size));
    out[i] = id;
  }
  return [out, kept.numbers];
}

/**
 * Diff `oldLines` against `newLines`: the parts of jsdiff's `diffArrays(oldLines, newLines)`.
 * `kept` holds the numbers of `newLines` from an earlier diff against the same lines (and gets them
 * when this diff makes them); `cap` bounds the grid (past it, jsdiff answers).
 */
export function diffLines(
  oldLines: readonly string[],
  newLines: readonly string[],
  kept: LineNumbers = {},
  cap = MAX_CELLS,
): DiffPart[] {
  const inserted = insertionsOnly(oldLines, newLines);
  if (inserted) return inserted;
  const small = Math.min(cap, STRING_CELLS_PER_LINE * (oldLines.length + newLines.length));
  let runs = myersRuns(oldLines, newLines, small);
  if (!runs && small < cap) {
    const [o, n] = number(oldLines, newLines, kept);
    runs = myersRuns(o, n, cap);
  }
  if (!runs) return diffArrays(oldLines as string[], newLines as string[]).map(toPart);
  const out: DiffPart[] = [];
  let np = 0;
  let op = 0;
  for (let i = 0; i < runs.kinds.length; i++) {
    const count = runs.counts[i];
    const kind = runs.kinds[i];
    if (kind === RUN.REMOVE) {
      out.push({ value: oldLines.slice(op, op + count), count, added: false, removed: true });
      op += count;
    } else {
      out.push({ value: newLines.slice(np, np + count), count, added: kind === RUN.ADD, removed: false });
      np += count;
      if (kind === RUN.EQUAL) op += count;
    }
  }
  return out;
}

/**
 * The diff when `newLines` is `oldLines` with lines inserted (the carry-over's common case), else
 * undefined: the grid's first row, without the grid (a cold process runs this loop at a fraction of
 * the grid's cost). Why it is Myers' answer, ties included: the end lies on diagonal k = N - M = -D,
 * the path on the outermost diagonal -d after d steps can only come from diagonal -(d-1) by one
 * insertion, and Myers slides over equal lines as far as it can; so its path is: slide, add one line,
 * slide, ... which is this greedy pass. The greedy pass reaches the end exactly when the old lines
 * are a subsequence of the new ones (test/blocks/line-diff.test.ts compares it with the former diff).
 */
export function insertionsOnly(oldLines: readonly string[], newLines: readonly string[]): DiffPart[] | undefined {
  const oldLen = oldLines.length;
  const newLen = newLines.length;
  if (oldLen > newLen) return undefined;
  const ends: number[] = []; // where each run of equal, then of added, lines ends in newLines
  let op = 0;
  let np = 0;
  while (np < newLen) {
    while (np < newLen && op < oldLen && oldLines[op] === newLines[np]) {
      np++;
      op++;
    }
    ends.push(np);
    if (np >= newLen) break;
    // Add new lines until the next old line shows up (or all of them when the old lines are used up).
    if (op < oldLen) {
      const next = oldLines[op];
      while (np < newLen && newLines[np] !== next) np++;
    } else np = newLen;
    ends.push(np);
    if (newLen - np < oldLen - op) return undefined;
  }
  if (op !== oldLen) return undefined;
  const out: DiffPart[] = [];
  for (let i = 0, from = 0; i < ends.length; from = ends[i++]) {
    const count = ends[i] - from;
    if (count > 0) out.push({ value: newLines.slice(from, ends[i]), count, added: i % 2 === 1, removed: false });
  }
  return out;
}

/** A jsdiff part as a `DiffPart`. */
const toPart = (p: { value: string[]; count: number; added: boolean; removed: boolean }): DiffPart => ({
  value: p.value,
  count: p.count,
  added: p.added,
  removed: p.removed,
});
