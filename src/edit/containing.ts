/**
 * Which of many ranges contain a given range, without trying them all: the ranges are sorted by
 * start, and a segment tree over that order keeps the largest end of each subtree, so a query
 * walks only into subtrees that can hold an answer (O((k + 1) log n) for k answers). The edit
 * stage asks this once per edit (nested rewrites, edits inside deletions); trying every range
 * made it quadratic in the number of edits.
 */
import { countAtMost } from '../sorted';

/** A static index of ranges; `containing` gives the ids of those that contain a range. */
export class ContainingIndex {
  private readonly ids: Int32Array;
  private readonly starts: Float64Array;
  private readonly maxEnd: Float64Array;
  private readonly size: number;

  /** Index the ranges `[start, end]`; a range's id is its position in `ranges`. */
  constructor(ranges: ReadonlyArray<{ start: number; end: number }>) {
    const order = ranges.map((_, i) => i).sort((a, b) => ranges[a].start - ranges[b].start || a - b);
    this.ids = Int32Array.from(order);
    this.starts = Float64Array.from(order, (i) => ranges[i].start);
    let size = 1;
    while (size < order.length) size *= 2;
    this.size = size;
    this.maxEnd = new Float64Array(2 * size).fill(-Infinity);
    order.forEach((i, p) => (this.maxEnd[size + p] = ranges[i].end));
    for (let n = size - 1; n >= 1; n--) this.maxEnd[n] = Math.max(this.maxEnd[2 * n], this.maxEnd[2 * n + 1]);
  }

  /** Ids of the ranges with `start <= from` and `end >= to`, in no particular order. */
  containing(from: number, to: number): number[] {
    // The ranges starting at or before `from` are a prefix of the order.
    const lo = countAtMost(this.starts, from);
    const out: number[] = [];
    if (lo > 0) this.collect(1, 0, this.size, lo, to, out);
    return out;
  }

  private collect(node: number, left: number, right: number, prefix: number, to: number, out: number[]): void {
    if (left >= prefix || this.maxEnd[node] < to) return;
    if (node >= this.size) {
      out.push(this.ids[left]);
      return;
    }
    const mid = (left + right) >> 1;
    this.collect(2 * node, left, mid, prefix, to, out);
    this.collect(2 * node + 1, mid, right, prefix, to, out);
  }
}
