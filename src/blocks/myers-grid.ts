/**
 * Myers' shortest edit path between two line lists, exactly as jsdiff's `diffArrays` finds it (same
 * choice on every tie), computed on the smallest grid that holds it.
 *
 * jsdiff extends, edit count d by edit count d, the furthest-reaching path on each diagonal k, each
 * from the better of its two neighbours' paths at d - 1 (an insertion from k + 1, a removal from
 * k - 1: a removal when it gets strictly farther in the old lines), then follows equal lines. The
 * value of each (d, k) (how far in the old lines the path gets, or no path) is the true furthest
 * point of a d-path on diagonal k: it does not depend on the order the cells are computed in, and
 * jsdiff's pruning at the edges of the edit graph only skips cells no kept cell reads. Naming a cell
 * by its removals r and insertions a (d = r + a, k = r - a), cell (r, a) reads (r - 1, a) and
 * (r, a - 1) only, and the path ends at the first r whose cell (r, r + M - N) reaches the end of
 * both lists. So the cells with at most R removals and A insertions, computed row by row and one
 * column more per row, give jsdiff's answer for R x A cells: one removal among 540 edits (a watch
 * run where a rule changed one generated line) costs two rows instead of jsdiff's 146,000 cells.
 * Only each cell's choice is kept (one byte); the positions along the chosen path are followed again
 * at the end. test/blocks/line-diff.test.ts compares the result with jsdiff and the former
 * implementation on random cases and on the corpus's carry-over pairs.
 */

/** One step of the edit path, as kept per cell. */
const ADD = 1;
const REMOVE = 2;
/** No path reaches the cell (jsdiff's `bestPath[k] === undefined`). */
const DEAD = -0x80000000;

/** The cell choices of the last diff, kept for the next one when small (a watch session diffs each run). */
let spare = new Uint8Array(0);
const SPARE_MAX = 1 << 22;

/** The edit path as runs: `kinds[i]` is 0 (equal lines), ADD or REMOVE, `counts[i]` how many lines. */
export interface EditRuns {
  kinds: number[];
  counts: number[];
}

/** Run kinds, for callers of `myersRuns`. */
export const RUN = { EQUAL: 0, ADD, REMOVE } as const;

/**
 * The runs of jsdiff's edit path from `o` to `n` (lines, or numbers standing for them: equal lines
 * equal numbers), or undefined when the grid would pass `cap` cells.
 */
export function myersRuns<T>(o: ArrayLike<T>, n: ArrayLike<T>, cap: number): EditRuns | undefined {
  const N = o.length;
  const M = n.length;
  /** Follow equal lines from old position x on diagonal k; the old position reached. */
  const slide = (x: number, k: number): number => {
    let y = x - k;
    while (x + 1 < N && y + 1 < M && o[x + 1] === n[y + 1]) {
      x++;
      y++;
    }
    return x;
  };
  if (Math.max(0, M - N) + 1 > cap) return undefined;
  // Cell choices, row r at r * stride; rows 0..r of columns 0..cols are in use.
  let stride = Math.max(16, M - N + 1);
  let rowsCap = Math.max(2, Math.min(16, Math.floor((1 << 20) / stride)));
  let dec = spare.length >= stride * rowsCap ? spare : new Uint8Array(stride * rowsCap);
  /** The furthest old position of cell (r, a) from its neighbours' (DEAD: none), its choice stored. */
  const cell = (r: number, a: number, removeV: number, addV: number): number => {
    const k = r - a;
    const canRemove = removeV !== DEAD && removeV + 1 < N;
    const canAdd = addV !== DEAD && addV - k >= 0 && addV - k < M;
    if (!canRemove && !canAdd) return DEAD;
    const add = !canRemove || (canAdd && removeV < addV);
    dec[r * stride + a] = add ? ADD : REMOVE;
    return slide(add ? addV : removeV + 1, k);
  };
  let cols = Math.max(0, M - N);
  let last = new Int32Array(rowsCap); // per row: its value in column `cols`
  let prev = new Int32Array(stride); // row r - 1
  let row = new Int32Array(stride); // row r
  // Row 0: insertions only.
  row[0] = slide(-1, 0);
  for (let a = 1; a <= cols; a++) row[a] = cell(0, a, DEAD, row[a - 1]);
  last[0] = row[cols];
  let r = 0;
  const ends = (v: number): boolean => v !== DEAD && v + 1 >= N;
  if (!(M >= N && ends(row[M - N]))) {
    for (r = 1; ; r++) {
      const t = prev;
      prev = row;
      row = t;
      const want = r + M - N;
      if ((r + 1) * (Math.max(cols, want) + 1) > cap) return undefined;
      if (r >= rowsCap) {
        rowsCap *= 2;
        const more = new Uint8Array(stride * rowsCap);
        more.set(dec.subarray(0, stride * r));
        dec = more;
        const l = new Int32Array(rowsCap);
        l.set(last);
        last = l;
      }
      if (want > cols) {
        if (want >= stride) {
          const wider = Math.max(2 * stride, want + 1);
          const more = new Uint8Array(wider * rowsCap);
          for (let i = 0; i < r; i++) more.set(dec.subarray(i * stride, i * stride + cols + 1), i * wider);
          dec = more;
          stride = wider;
          const p = new Int32Array(wider);
          p.set(prev.subarray(0, cols + 1));
          prev = p;
          row = new Int32Array(wider);
        }
        // One more column for rows 0..r-1 (it grows by one per row once r passes N - M).
        for (let c = cols + 1; c <= want; c++) {
          let up = DEAD;
          for (let i = 0; i < r; i++) up = last[i] = cell(i, c, up, last[i]);
          prev[c] = up;
        }
        cols = want;
      }
      row[0] = cell(r, 0, prev[0], DEAD);
      for (let a = 1; a <= cols; a++) row[a] = cell(r, a, prev[a], row[a - 1]);
      last[r] = row[cols];
      if (want >= 0 && ends(row[want])) break;
    }
  }
  if (dec.length <= SPARE_MAX && dec.length > spare.length) spare = dec;
  return follow(dec, stride, r, r + M - N, slide);
}

/** The runs of the path ending at cell (r, a): its choices read back, its positions followed again. */
function follow(
  dec: Uint8Array,
  stride: number,
  r: number,
  a: number,
  slide: (x: number, k: number) => number,
): EditRuns {
  const moves = new Uint8Array(r + a);
  for (let i = r + a - 1; i >= 0; i--) {
    const m = dec[r * stride + a];
    moves[i] = m;
    if (m === ADD) a--;
    else r--;
  }
  const kinds: number[] = [];
  const counts: number[] = [];
  const push = (kind: number, count: number) => {
    if (count === 0) return;
    if (kinds.length && kinds[kinds.length - 1] === kind) counts[counts.length - 1] += count;
    else (kinds.push(kind), counts.push(count));
  };
  let x = slide(-1, 0);
  push(RUN.EQUAL, x + 1);
  let k = 0;
  for (const m of moves) {
    const start = m === ADD ? x : x + 1;
    k += m === ADD ? -1 : 1;
    push(m, 1);
    x = slide(start, k);
    push(RUN.EQUAL, x - start);
  }
  return { kinds, counts };
}
