/**
 * The line diff of the block carry-over: the same Myers diff as jsdiff's `diffArrays` (same
 * choices on every tie, so the same result), on lines numbered by content. jsdiff compares the
 * line strings through an options-aware `equals` and allocates a path object at every step; with
 * integers and one small object per step the SMMUv1 carry-over (538 added lines in 2,764) went
 * from about 6 ms to about 1 ms warm, and from about 20 ms to a few in a cold process.
 *
 * Myers costs O((N + M) D): quadratic when the number of differences grows with the file. The
 * carry-over's common case is "the generated text plus inserted lines" (every old line is kept, in
 * order); there Myers' answer is the greedy embedding (match while the lines are equal, else add
 * one new line), found in one linear pass: `insertionsOnly`. Anything else goes to Myers.
 */

/** One part of a diff, as jsdiff returns it: a run of equal, added or removed lines. */
export interface DiffPart {
  value: string[];
  count: number;
  added: boolean;
  removed: boolean;
}

/** A run in the edit path (a linked list from the last run back to the first). */
interface Run {
  count: number;
  added: boolean;
  removed: boolean;
  previous: Run | undefined;
}

/** Numbers of lines by content, and the numbered lines, of a frozen `newLines` array diffed before. */
const numberedNew = new WeakMap<readonly string[], { ids: Map<string, number>; numbers: Int32Array }>();

/**
 * Number the lines by content: equal lines get equal numbers. The numbers of frozen new lines are
 * kept with their array, which a watch session diffs port after port (the existing Xen file's
 * lines, see carry.ts); old lines they do not hold get numbers of their own.
 */
function number(a: readonly string[], b: readonly string[]): [Int32Array, Int32Array] {
  let nb = numberedNew.get(b);
  if (!nb) {
    const ids = new Map<string, number>();
    const numbers = new Int32Array(b.length);
    for (let i = 0; i < b.length; i++) {
      let id = ids.get(b[i]);
      if (id === undefined) ids.set(b[i], (id = ids.size));
      numbers[i] = id;
    }
    nb = { ids, numbers };
    if (Object.isFrozen(b)) numberedNew.set(b, nb);
  }
  const { ids } = nb;
  const more = new Map<string, number>();
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    let id = ids.get(a[i]) ?? more.get(a[i]);
    if (id === undefined) more.set(a[i], (id = ids.size + more.size));
    out[i] = id;
  }
  return [out, nb.numbers];
}

/** Diff `oldLines` against `newLines`; the parts are those of jsdiff's `diffArrays(oldLines, newLines)`. */
export function diffLines(oldLines: readonly string[], newLines: readonly string[]): DiffPart[] {
  return insertionsOnly(oldLines, newLines) ?? myersDiff(oldLines, newLines);
}

/**
 * The diff when `newLines` is `oldLines` with lines inserted, else undefined. Why it is Myers'
 * answer, ties included: the end lies on diagonal k = N - M = -D, the path on the outermost
 * diagonal -d after d steps can only come from diagonal -(d-1) by one insertion, and Myers slides
 * over equal lines as far as it can; so its path is: slide, add one line, slide, ... which is this
 * greedy pass. The greedy pass reaches the end exactly when the old lines are a subsequence of the
 * new ones (test/blocks/line-diff.test.ts compares it with the general diff on random cases).
 */
export function insertionsOnly(oldLines: readonly string[], newLines: readonly string[]): DiffPart[] | undefined {
  const oldLen = oldLines.length;
  const newLen = newLines.length;
  if (oldLen > newLen) return undefined;
  const out: DiffPart[] = [];
  let op = 0;
  let np = 0;
  while (np < newLen) {
    const start = np;
    while (np < newLen && op < oldLen && oldLines[op] === newLines[np]) {
      np++;
      op++;
    }
    if (np > start) out.push({ value: newLines.slice(start, np), count: np - start, added: false, removed: false });
    if (np >= newLen) break;
    const addStart = np;
    // Add new lines until the next old line shows up (or all of them when the old lines are used up).
    if (op < oldLen) {
      const next = oldLines[op];
      while (np < newLen && newLines[np] !== next) np++;
    } else np = newLen;
    if (np - addStart > 0)
      out.push({ value: newLines.slice(addStart, np), count: np - addStart, added: true, removed: false });
    if (newLen - np < oldLen - op) return undefined;
  }
  return op === oldLen ? out : undefined;
}

/** Myers' diff, jsdiff's `diffArrays` step by step. */
export function myersDiff(oldLines: readonly string[], newLines: readonly string[]): DiffPart[] {
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
