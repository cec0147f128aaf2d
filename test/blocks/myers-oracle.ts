/**
 * The carry-over line diff as it was before the grid version (src/blocks/line-diff.ts), kept as the
 * tests' oracle: jsdiff's `diffArrays` step by step (a linked list of runs per diagonal), on lines
 * numbered by content. test/blocks/line-diff.test.ts checks the new diff gives its parts exactly.
 */
import type { DiffPart } from '../../src/blocks/line-diff';

/** A run in the edit path (a linked list from the last run back to the first). */
interface Run {
  count: number;
  added: boolean;
  removed: boolean;
  previous: Run | undefined;
}

/** Number the lines by content: equal lines get equal numbers. */
function number(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const of = (lines: readonly string[]) =>
    Int32Array.from(lines, (l) => {
      let id = ids.get(l);
      if (id === undefined) ids.set(l, (id = ids.size));
      return id;
    });
  return [of(a), of(b)];
}

/** Myers' diff, jsdiff's `diffArrays` step by step (the former `myersDiff`). */
export function oracleDiff(oldLines: readonly string[], newLines: readonly string[]): DiffPart[] {
  const [o, n] = number(oldLines, newLines);
  const oldLen = o.length;
  const newLen = n.length;
  const max = oldLen + newLen;
  // Per diagonal k (index k + max): the old position reached and the run list of that path;
  // `alive` tells whether the diagonal holds a path (jsdiff's bestPath[k] !== undefined).
  const oldPos = new Int32Array(2 * max + 3);
  const runs: Array<Run | undefined> = new Array(2 * max + 3);
  const alive = new Uint8Array(2 * max + 3);
  const at = (k: number): number => k + max + 1;

  /** Follow equal lines from the path on diagonal k; returns the new position. */
  const slide = (k: number): number => {
    let op = oldPos[at(k)];
    let np = op - k;
    let common = 0;
    while (np + 1 < newLen && op + 1 < oldLen && o[op + 1] === n[np + 1]) {
      np++;
      op++;
      common++;
    }
    if (common) runs[at(k)] = { count: common, added: false, removed: false, previous: runs[at(k)] };
    oldPos[at(k)] = op;
    return np;
  };

  oldPos[at(0)] = -1;
  runs[at(0)] = undefined;
  alive[at(0)] = 1;
  let newPos = slide(0);
  if (oldPos[at(0)] + 1 >= oldLen && newPos + 1 >= newLen) return build(runs[at(0)], oldLines, newLines);

  let minK = -Infinity;
  let maxK = Infinity;
  for (let d = 1; d <= max; d++) {
    for (let k = Math.max(minK, -d); k <= Math.min(maxK, d); k += 2) {
      const hasRemove = alive[at(k - 1)] === 1;
      const hasAdd = alive[at(k + 1)] === 1;
      const removePos = oldPos[at(k - 1)];
      const removeRuns = runs[at(k - 1)];
      const addPos = oldPos[at(k + 1)];
      const addRuns = runs[at(k + 1)];
      if (hasRemove) alive[at(k - 1)] = 0;
      let canAdd = false;
      if (hasAdd) {
        const addNewPos = addPos - k;
        canAdd = 0 <= addNewPos && addNewPos < newLen;
      }
      const canRemove = hasRemove && removePos + 1 < oldLen;
      if (!canAdd && !canRemove) {
        alive[at(k)] = 0;
        continue;
      }
      // Branch from the path that got farthest in the old lines (an insertion on a tie).
      const add = !canRemove || (canAdd && removePos < addPos);
      const last = add ? addRuns : removeRuns;
      const added = add;
      const removed = !add;
      oldPos[at(k)] = add ? addPos : removePos + 1;
      runs[at(k)] =
        last && last.added === added && last.removed === removed
          ? { count: last.count + 1, added, removed, previous: last.previous }
          : { count: 1, added, removed, previous: last };
      alive[at(k)] = 1;
      newPos = slide(k);
      if (oldPos[at(k)] + 1 >= oldLen && newPos + 1 >= newLen) return build(runs[at(k)], oldLines, newLines);
      if (oldPos[at(k)] + 1 >= oldLen) maxK = Math.min(maxK, k - 1);
      if (newPos + 1 >= newLen) minK = Math.max(minK, k + 1);
    }
  }
  throw new Error('line diff: no edit path found');
}

/** Turn the run list into parts with their lines (jsdiff's buildValues for arrays). */
function build(last: Run | undefined, oldLines: readonly string[], newLines: readonly string[]): DiffPart[] {
  const list: Run[] = [];
  for (let r = last; r; r = r.previous) list.push(r);
  list.reverse();
  const out: DiffPart[] = [];
  let np = 0;
  let op = 0;
  for (const r of list) {
    if (!r.removed) {
      out.push({ value: newLines.slice(np, np + r.count), count: r.count, added: r.added, removed: false });
      np += r.count;
      if (!r.added) op += r.count;
    } else {
      out.push({ value: oldLines.slice(op, op + r.count), count: r.count, added: false, removed: true });
      op += r.count;
    }
  }
  return out;
}
